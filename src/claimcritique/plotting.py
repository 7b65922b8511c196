"""Figures: one style, one save helper, and the charts the notebooks show.

Plotting only draws tables that the analysis modules computed; nothing here computes a number.
`save_figure` writes SVG, PDF and 300-dpi PNG with fixed metadata so that rerunning the suite
changes no figure file unless the data changed.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from . import paths

FORMATS = ("png", "svg", "pdf")
_METADATA = {
    "svg": {"Date": None, "Creator": "claimcritique"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "claimcritique", "Producer": "claimcritique"},
    "png": {"Software": "claimcritique"},
}


def set_style() -> None:
    """The suite's look: seaborn's whitegrid theme, a colour-blind-safe palette, readable sizes."""
    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind", font_scale=1.0)
    plt.rcParams.update({"svg.hashsalt": "claimcritique", "figure.dpi": 100, "savefig.bbox": "tight",
                         "axes.titleweight": "bold"})


def save_figure(fig: plt.Figure, name: str, folder: Path | None = None, caption: str = "") -> list[Path]:
    """Write `name`.png/.svg/.pdf (e.g. "01_document_sizes") with byte-stable metadata; close the figure."""
    folder = Path(folder) if folder is not None else paths.FIGURES
    folder.mkdir(parents=True, exist_ok=True)
    if caption:
        fig.text(0.0, -0.02, caption, ha="left", va="top", fontsize=8, wrap=True, transform=fig.transFigure)
    written = []
    with plt.rc_context({"svg.hashsalt": "claimcritique"}):
        for fmt in FORMATS:
            target = folder / f"{name}.{fmt}"
            fig.savefig(target, format=fmt, dpi=300 if fmt == "png" else None, metadata=_METADATA[fmt],
                        bbox_inches="tight")
            written.append(target)
    plt.close(fig)
    return written


def block_kind_chart(blocks: pd.DataFrame) -> plt.Figure:
    """How each document is built: counts of headings, paragraphs, bullets, table rows, stat blocks."""
    counts = blocks.groupby(["doc_id", "kind"], observed=True).size().rename("blocks").reset_index()
    fig, ax = plt.subplots(figsize=(8, 3.8))
    sns.barplot(data=counts, y="doc_id", x="blocks", hue="kind", ax=ax)
    ax.set(xlabel="blocks (count)", ylabel="document", title="What the pages are made of")
    ax.legend(title="block kind", bbox_to_anchor=(1.01, 1), loc="upper left")
    return fig
