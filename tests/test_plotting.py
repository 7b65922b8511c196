"""Figures: every format written, and byte-identical when drawn again from the same data."""
from __future__ import annotations

import pandas as pd

from claimcritique import plotting


def draw(folder, name):
    plotting.set_style()
    blocks = pd.DataFrame({"doc_id": ["a", "a", "b"], "kind": ["heading", "paragraph", "bullet"]})
    return plotting.save_figure(plotting.block_kind_chart(blocks), name, folder, caption="Source: a test.")


def test_figures_are_written_in_three_formats_and_are_byte_stable(tmp_path):
    first = draw(tmp_path / "one", "01_test")
    second = draw(tmp_path / "two", "01_test")
    assert [p.suffix for p in first] == [".png", ".svg", ".pdf"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert b"CreationDate" not in first[2].read_bytes()
