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


def _dose_claims(n_docs: int) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"doc{i:05d}" for i in range(n_docs)], "subject": "adults",
                         "low": 100.0, "high": [200.0 + i for i in range(n_docs)], "unit": "mg/day"})


def test_range_charts_draw_any_number_of_documents(tmp_path):
    """The eleventh document once had no colour (KeyError): charts must work for 1, 11 and 200 documents."""
    plotting.set_style()
    bands = pd.DataFrame({"band": ["RDA", "UL"], "low": [310.0, None], "high": [420.0, 350.0]})
    for n in (1, 11, 200):
        claims = _dose_claims(n)
        fig = plotting.dose_range_chart(claims, bands)
        assert len(fig.axes[0].get_yticklabels()) == n
        written = plotting.save_figure(fig, f"dose_{n}", tmp_path)
        assert all(p.stat().st_size > 0 for p in written)
        measured = pd.DataFrame({"label": ["a form"], "low": [20.0], "high": [30.0]})
        fig = plotting.absorption_chart(claims.assign(unit="%", low=10.0, high=50.0), measured)
        assert len(fig.axes[0].get_yticklabels()) == n + 1
        plotting.save_figure(fig, f"absorption_{n}", tmp_path)


def test_colours_are_distinct_for_many_documents():
    colours = plotting.colours_for([f"d{i}" for i in range(40)])
    assert len(colours) == 40 and len(set(colours.values())) == 40
