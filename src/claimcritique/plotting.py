"""Figures: one style, one save helper, and the charts the notebooks show.

Plotting only draws tables that the analysis modules computed; nothing here computes a number.
`save_figure` writes SVG, PDF and 300-dpi PNG with fixed metadata so that rerunning the suite
changes no figure file unless the data changed.

Documents are named by their `label` (a column of the frame drawn, else the `labels=` mapping, e.g.
`document_labels(results.corpus.documents)`, else a short form of the doc_id) and coloured by
`colours=` (`document_palette(documents)`: one colour per document, the same in every figure of a
run). Every figure is laid out with matplotlib's constrained layout, so its texts stay on the canvas,
and draws at most `MAX_DOCUMENTS` documents (the title says which ones when there are more; the
tables hold them all).
"""
from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import font_manager
from matplotlib.ticker import MaxNLocator

from . import paths

FORMATS = ("png", "svg", "pdf")
_METADATA = {
    "svg": {"Date": None, "Creator": "claimcritique"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "claimcritique", "Producer": "claimcritique"},
    "png": {"Software": "claimcritique"},
}
# fonts tried after DejaVu Sans for characters it lacks (CJK file names and titles): Debian's
# fonts-droid-fallback (installed by .ci/run), or any of the usual CJK families when present
FALLBACK_FONTS = ("Droid Sans Fallback", "Noto Sans CJK JP", "Noto Sans CJK SC", "WenQuanYi Micro Hei")
# where Debian puts them, for a matplotlib font cache built before the package was installed
FALLBACK_FILES = ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
                  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
MAX_HUES = 10        # past this many documents, hues no longer tell documents apart: one neutral colour
MAX_DOCUMENTS = 40   # a chart draws at most this many documents; the tables list them all
MAX_RANGE_ROWS = 80  # and at most this many claims in a range chart
NEUTRAL = "#4a6f96"
REFERENCE_COLOUR = "#e69f00"
CAPTION_SIZE = 8

# axis and legend names in words
METRIC_NAMES = {
    "flesch_kincaid_grade": "Flesch-Kincaid grade", "gunning_fog": "Gunning fog index", "smog_index": "SMOG index",
    "coleman_liau_index": "Coleman-Liau index", "automated_readability_index": "Automated Readability Index",
    "text_standard": "consensus grade (textstat)", "flesch_reading_ease": "Flesch reading ease",
    "dale_chall_readability_score": "Dale-Chall score",
}
CATEGORY_NAMES = {
    "hype": "hype adjectives", "booster": "boosters (certainty)", "hedge": "hedges (caution)",
    "call_to_action": "calls to action", "vague_authority": "vague authority", "natural_safety": "natural or safe appeals",
    "disease_verb": "disease verbs", "disease_term": "disease terms", "structure_function": "structure/function claims",
}
TOPIC_NAMES = {"dose": "dose", "absorption_rate": "absorption rate", "deficiency_prevalence": "deficiency share",
               "food_timing": "with or without food", "bedtime_timing": "before bed", "onset": "time to effect",
               "side_effects": "side effects", "enzyme_count": "enzymes using it", "evidence_strength": "strength of evidence"}


def in_words(name: str, names: Mapping[str, str] | None = None) -> str:
    """A column or category name as a reader would say it: "flesch_kincaid_grade" -> "Flesch-Kincaid grade"."""
    for table in (names or {}, METRIC_NAMES, CATEGORY_NAMES, TOPIC_NAMES):
        if name in table:
            return table[name]
    return str(name).replace("_", " ")


def set_style() -> None:
    """The suite's look: seaborn's whitegrid theme, a colour-blind-safe palette, readable sizes, and a
    fallback font for the characters DejaVu Sans lacks (so CJK names are drawn, without warnings)."""
    # the fallback font has no bold face: matplotlib would log it once per size and weight
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind", font_scale=1.0)
    installed = {font.name for font in font_manager.fontManager.ttflist}
    if not installed.intersection(FALLBACK_FONTS):
        for path in FALLBACK_FILES:
            if Path(path).exists():
                font_manager.fontManager.addfont(path)
        installed = {font.name for font in font_manager.fontManager.ttflist}
    plt.rcParams.update({"svg.hashsalt": "claimcritique", "figure.dpi": 100, "axes.titleweight": "bold",
                         "savefig.bbox": "tight", "axes.titlesize": 12,
                         # a list of families: matplotlib takes each glyph from the first family that has it
                         "font.family": ["DejaVu Sans", *[f for f in FALLBACK_FONTS if f in installed]]})


def _figure(width: float, height: float) -> tuple[plt.Figure, plt.Axes]:
    return plt.subplots(figsize=(width, height), layout="constrained")


# zlib level 1 rather than Pillow's 6: a tall chart's 300-dpi PNG is written in two thirds of the time, 25% larger
SAVE_OPTIONS = {"png": {"pil_kwargs": {"compress_level": 1}}}


class SavedFigure(list):
    """The files `save_figure` wrote (a list of paths); in a notebook it shows as the SVG written, so a figure is
    not drawn a third time for the notebook (a tall chart of 40 documents took 1 to 2 s to draw again)."""

    def _repr_svg_(self) -> str | None:
        svg = next((p for p in self if p.suffix == ".svg"), None)
        return svg.read_text(encoding="utf-8") if svg is not None else None


def save_figure(fig: plt.Figure, name: str, folder: Path | None = None, caption: str = "") -> SavedFigure:
    """Write `name`.png/.svg/.pdf (e.g. "01_document_sizes") with byte-stable metadata; close the figure.
    The paths written come back as a `SavedFigure`, which a notebook shows as the SVG.

    The caption is wrapped to the figure's width and set below everything else: the figure grows by the
    caption's height and the layout keeps the rest above it, so it never overlaps an axis label. It is
    also stored as the SVG's description, which the HTML report shows under the figure."""
    folder = Path(folder) if folder is not None else paths.FIGURES
    folder.mkdir(parents=True, exist_ok=True)
    if caption:
        add_caption(fig, caption)
    # a chart of this module keeps every text on its canvas (constrained layout): save the canvas as it is;
    # any other figure is cropped to its tight bounding box, as before
    constrained = type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"
    written = SavedFigure()
    metadata = {fmt: dict(values) for fmt, values in _METADATA.items()}
    metadata["svg"].update({"Description": caption, "Title": name})
    with plt.rc_context({"svg.hashsalt": "claimcritique"}):
        for fmt in FORMATS:
            target = folder / f"{name}.{fmt}"
            fig.savefig(target, format=fmt, dpi=300 if fmt == "png" else None, metadata=metadata[fmt],
                        bbox_inches=None if constrained else "tight", **SAVE_OPTIONS.get(fmt, {}))
            written.append(target)
            if constrained:  # laid out once: the other formats keep these positions (fractions of the canvas)
                fig.set_layout_engine("none")
    plt.close(fig)
    return written


def add_caption(fig: plt.Figure, caption: str) -> plt.Text:
    """The caption under the figure, wrapped to its width, on a strip added at the bottom of the canvas."""
    renderer = fig.canvas.get_renderer()
    margin = 0.08 * fig.dpi  # pixels
    lines = _wrap(caption, fig.bbox.width - 2 * margin, CAPTION_SIZE, renderer)
    text = fig.text(0, 0, "\n".join(lines), ha="left", va="bottom", fontsize=CAPTION_SIZE, color="0.25")
    height = text.get_window_extent(renderer).height + 2 * margin  # pixels
    width_in, height_in = fig.get_size_inches()
    extra = height / fig.dpi
    fig.set_size_inches(width_in, height_in + extra)
    share = extra / (height_in + extra)
    if fig.get_layout_engine() is None:  # a figure drawn elsewhere: constrained layout keeps its texts apart
        fig.set_layout_engine("constrained")
    engine = fig.get_layout_engine()
    if hasattr(engine, "set") and "rect" in engine.get():
        engine.set(rect=(0, share, 1, 1 - share))
    else:  # another layout engine (tight): move the axes up
        fig.subplots_adjust(bottom=share + (1 - share) * fig.subplotpars.bottom)
    text.set_position((margin / fig.bbox.width, margin / fig.bbox.height))
    return text


def _wrap(text: str, width_px: float, fontsize: float, renderer) -> list[str]:
    """Greedy word wrap measured with the renderer, so a line is never wider than `width_px`."""
    font = font_manager.FontProperties(size=fontsize)

    def width(line: str) -> float:
        return renderer.get_text_width_height_descent(line, font, ismath=False)[0] * 1.02

    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and width(candidate) > width_px:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


# --- documents: labels, colours, which ones a chart draws ------------------------------------------------

def short_id(doc_id: str) -> str:
    """"000_0856cdaba0ba1b27" -> "000": seed ids are long; a user's own stems are kept whole."""
    head = str(doc_id).split("_")[0]
    return head if head.isdigit() else str(doc_id)


def document_labels(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id -> the document's label (the corpus table's `label` column), else its short id."""
    if "label" in documents:
        labels = documents["label"].where(documents["label"].notna() & (documents["label"].astype(str) != ""),
                                          documents["doc_id"].map(short_id))
    else:
        labels = documents["doc_id"].map(short_id)
    return dict(zip(documents["doc_id"], labels.astype(str)))


def document_palette(documents: pd.DataFrame | Iterable[str], max_hues: int = MAX_HUES) -> dict[str, tuple]:
    """doc_id -> colour, in corpus order: the colour-blind palette for up to `max_hues` documents, else one
    neutral colour for all (past ten, hues stop telling documents apart; the axis labels name them)."""
    doc_ids = list(documents["doc_id"]) if isinstance(documents, pd.DataFrame) else list(documents)
    doc_ids = list(dict.fromkeys(doc_ids))
    if len(doc_ids) > max_hues:
        return dict.fromkeys(doc_ids, NEUTRAL)
    return dict(zip(doc_ids, sns.color_palette("colorblind", max(len(doc_ids), 1))))


def document_style(documents: pd.DataFrame) -> dict:
    """`labels=` and `colours=` for every chart of a run: `chart(table, ..., **document_style(documents))`.
    (Charts that colour by something else accept and ignore `colours`.)"""
    return {"labels": document_labels(documents), "colours": document_palette(documents)}


def colours_for(keys, max_hues: int | None = None) -> dict:
    """One colour per key (sorted), for any number of keys: the colour-blind palette for up to ten, else evenly
    spaced hues; with `max_hues`, past that many keys every key gets the neutral colour."""
    keys = sorted(set(keys), key=str)
    if max_hues is not None and len(keys) > max_hues:
        return dict.fromkeys(keys, NEUTRAL)
    palette = sns.color_palette("colorblind") if len(keys) <= 10 else sns.color_palette("husl", len(keys))
    return dict(zip(keys, palette))


def _labeller(frame: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None) -> Callable[[str], str]:
    """doc_id -> label: the frame's own `label` column first, then `labels`, then the short id."""
    known: dict[str, str] = {}
    if labels is not None:
        known.update(dict(labels.items()) if isinstance(labels, pd.Series) else dict(labels))
    if "label" in frame and "doc_id" in frame:
        own = frame[["doc_id", "label"]].dropna()
        known.update({d: str(label) for d, label in zip(own["doc_id"], own["label"]) if str(label)})
    return lambda doc_id: known.get(doc_id) or short_id(doc_id)


def _colourer(doc_ids: Iterable[str], colours: Mapping[str, object] | None) -> Callable[[str], object]:
    palette = dict(colours) if colours is not None else document_palette(doc_ids)
    return lambda doc_id: palette.get(doc_id, NEUTRAL)


def _many(doc_ids: Iterable[str], colours: Mapping | None) -> bool:
    """Whether documents share one neutral colour (too many for a hue each): no per-document legend then."""
    doc_ids = list(dict.fromkeys(doc_ids))
    if colours is not None:
        return len({str(colours.get(d, NEUTRAL)) for d in doc_ids}) < len(doc_ids)
    return len(doc_ids) > MAX_HUES


def _shown(doc_ids: list[str], limit: int = MAX_DOCUMENTS, ranked: bool = False) -> tuple[list[str], str]:
    """The documents a chart draws, and a note saying which when not all: the first `limit` in corpus
    order, or (`ranked`: `doc_ids` sorted highest first) the highest and the lowest halves."""
    doc_ids = list(dict.fromkeys(doc_ids))
    if len(doc_ids) <= limit:
        return doc_ids, ""
    if ranked:
        half = limit // 2
        return doc_ids[:half] + doc_ids[-half:], f"the {half} highest and {half} lowest of {len(doc_ids)} documents"
    return doc_ids[:limit], f"the first {limit} of {len(doc_ids)} documents"


def _title(ax: plt.Axes, title: str, note: str = "") -> None:
    """The figure's title (over the whole figure, so legends beside the axes never run into it)."""
    ax.figure.suptitle(title + (f"\n({note})" if note else ""), fontweight="bold", fontsize=12)


def _wrap_label(text: str, width: int = 44) -> str:
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=True)) or str(text)


def _legend_beside(ax: plt.Axes, handles: list, names: list[str], title: str = "") -> None:
    """A legend to the right of the axes, top-aligned with them (constrained layout makes room for it; a
    figure-level legend would sit at the top of the canvas, where the title is)."""
    ax.legend(handles, [_wrap_label(n, 32) for n in names], title=title or None, loc="upper left",
              bbox_to_anchor=(1.02, 1), borderaxespad=0, fontsize=8, title_fontsize=9)


def _document_legend(fig: plt.Figure, ax: plt.Axes, title: str = "document") -> None:
    """The axes' legend, moved outside on the right, where constrained layout makes room for it."""
    handles, names = ax.get_legend_handles_labels()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    if handles:
        _legend_beside(ax, handles, names, title)


# --- corpus --------------------------------------------------------------------------------------------

def _stacked_counts(table: pd.DataFrame, column: str, labels, title: str, xlabel: str, legend: str,
                    order: Iterable[str] | None = None) -> plt.Figure:
    """Rows of `table` counted per document and `column` (stacked bars), documents in `order` (else the table's)."""
    name = _labeller(table, labels)
    shown, note = _shown(list(order) if order is not None else list(table["doc_id"]))
    counts = (table[table["doc_id"].isin(shown)].groupby(["doc_id", column], observed=True).size()
              .unstack(fill_value=0).reindex(shown).fillna(0))
    fig, ax = _figure(8.5, 0.32 * max(len(shown), 2) + 1.8)
    palette = colours_for(counts.columns)
    left = np.zeros(len(counts))
    for kind in counts.columns:
        ax.barh(range(len(counts)), counts[kind], left=left, color=palette[kind], label=in_words(kind))
        left += counts[kind].to_numpy()
    ax.set_yticks(range(len(counts)), [name(d) for d in counts.index], fontsize=_tick_size(len(counts)))
    ax.set_ylim(len(counts) - 0.5, -0.5)
    ax.set(xlabel=xlabel, ylabel="")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no "2.5"
    _title(ax, title, note)
    _document_legend(fig, ax, legend)
    return fig


def block_kind_chart(blocks: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                     colours: Mapping | None = None) -> plt.Figure:
    """How each document is built: counts of headings, paragraphs, bullets, table rows, stat blocks (stacked)."""
    return _stacked_counts(blocks, "kind", labels, "What the pages are made of", "blocks (count)", "kind of block")


def claim_type_chart(claims: pd.DataFrame, documents: pd.DataFrame | None = None,
                     labels: Mapping[str, str] | pd.Series | None = None, colours: Mapping | None = None) -> plt.Figure:
    """What each document claims in numbers: its quantitative claims per type (stacked), every document of
    `documents` (one without claims has no bar), in corpus order."""
    order = list(documents["doc_id"]) if documents is not None else None
    return _stacked_counts(claims, "claim_type", labels, "Quantitative claims per article, by type",
                           "quantitative claims (count)", "type of claim", order)


def _tick_size(rows: int) -> float:
    return 9 if rows <= 20 else 8 if rows <= 60 else 7


# --- claims as ranges ------------------------------------------------------------------------------------

def _range_rows(claims: pd.DataFrame, name: Callable[[str], str] | None = None) -> pd.DataFrame:
    """Claims with a plottable interval: open bounds drawn as a point at the known end."""
    name = name or short_id
    rows = claims.copy()
    rows["lo"] = rows["low"].fillna(rows["high"])
    rows["hi"] = rows["high"].fillna(rows["low"])
    rows["label"] = rows["doc_id"].map(name) + " · " + rows["subject"].fillna("").astype(str).map(_shorten) + _open_end(rows)
    if "as_written" in rows:  # `consistency.chart_rows`: the number as the page wrote it, so each row finds its sentence
        written = rows["as_written"].fillna("").astype(str).map(lambda text: _shorten(text, 40))
        rows["label"] = rows["label"].where(written == "", rows["label"] + " · “" + written + "”")
    return rows.dropna(subset=["lo", "hi"]).reset_index(drop=True)


def _shorten(text: str, limit: int = 60) -> str:
    """A subject for a tick label: whole up to `limit` characters, else cut at a word ("…"); the tables hold it whole."""
    return text if len(text) <= limit else textwrap.shorten(text, limit, placeholder=" …")


def _open_end(rows: pd.DataFrame) -> pd.Series:
    """" (at least)" or " (at most)" for one-sided values, which are drawn as a point at their bound."""
    return pd.Series(["" if pd.notna(lo) and pd.notna(hi) else " (at least)" if pd.notna(lo) else " (at most)"
                      for lo, hi in zip(rows["low"], rows["high"])], index=rows.index, dtype=object)


def _limit_rows(rows: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    if len(rows) <= MAX_RANGE_ROWS:
        return rows, ""
    return rows.head(MAX_RANGE_ROWS), f"the first {MAX_RANGE_ROWS} of {len(rows)} claims"


def _range_colours(rows: pd.DataFrame, colours: Mapping | None) -> tuple[Callable[[pd.Series], object], str | None]:
    """Colour per document when each has its own hue; else per supplement when there are several; else neutral."""
    documents = [d for d in rows["doc_id"] if not str(d).startswith("\0")]
    if not _many(documents, colours):
        colour = _colourer(documents, colours)
        return (lambda row: colour(row["doc_id"])), None
    if "supplement" in rows and rows["supplement"].fillna("").nunique() > 1:
        palette = colours_for(rows["supplement"].fillna(""))
        return (lambda row: palette[row["supplement"] if pd.notna(row["supplement"]) else ""]), "supplement"
    return (lambda row: NEUTRAL), None


def _draw_ranges(ax: plt.Axes, rows: pd.DataFrame, colour: Callable[[pd.Series], object] | None = None) -> None:
    """One horizontal range per row (`lo`-`hi`, labelled by `label`), coloured by `colour(row)` (default: as
    `_range_colours` says), reference rows (`reference` true) in orange."""
    if colour is None:
        colour = _range_colours(rows, None)[0]
    for y, row in rows.iterrows():
        c = REFERENCE_COLOUR if row.get("reference", False) == True else colour(row)  # noqa: E712 (NaN: not one)
        ax.plot([row["lo"], row["hi"]], [y, y], color=c, linewidth=5, solid_capstyle="round")
        ax.plot([row["lo"], row["hi"]], [y, y], "o", color=c, markersize=5)
    ax.set_yticks(range(len(rows)), [_wrap_label(label) for label in rows["label"]], fontsize=_tick_size(len(rows)))
    ax.set_ylim(len(rows) - 0.5, -0.5)


def _row_height(rows: pd.DataFrame) -> float:
    lines = rows["label"].map(lambda label: _wrap_label(label).count("\n") + 1) if len(rows) else pd.Series([1])
    return 0.2 * float(lines.sum()) + 0.12 * len(rows)


def _supplement_handles(rows: pd.DataFrame) -> list:
    from matplotlib.lines import Line2D

    palette = colours_for(rows["supplement"].fillna(""))
    return [Line2D([], [], color=c, linewidth=5, label=s or "supplement not stated") for s, c in palette.items()]


def _supplement_legend(fig: plt.Figure, rows: pd.DataFrame) -> None:
    ax = fig.axes[0]
    handles = _supplement_handles(rows)
    _legend_beside(ax, handles, [h.get_label() for h in handles], "supplement")


def _distinct(refs: pd.DataFrame) -> pd.Series:
    """Reference rows' labels, each told apart from another with the same label (two arms of one study) by its
    population, shortened."""
    labels = refs["label"].astype(str)
    if "population" in refs:
        twice = labels.duplicated(keep=False)
        labels = labels.where(~twice, labels + ", " + refs["population"].fillna("").astype(str).map(_shorten))
    return labels


def _claims_beside_references(claims: pd.DataFrame, refs: pd.DataFrame, prefix: str, xlabel: str, title: str,
                              labels: Mapping | pd.Series | None, colours: Mapping | None) -> plt.Figure:
    """Claimed percentages as ranges per document, then reference values (labelled by `prefix`, in orange).
    Claims with a `verdict` column (`consistency.chart_rows`) are coloured by verdict, with its legend."""
    claimed, note = _limit_rows(_range_rows(claims[claims["unit"] == "%"], _labeller(claims, labels)))
    found = refs.assign(lo=refs["low"].fillna(refs["high"]), hi=refs["high"].fillna(refs["low"]),
                        label=prefix + " · " + _distinct(refs) + _open_end(refs), doc_id="\0" + prefix, reference=True)
    rows = pd.concat([claimed.assign(reference=False), found[["lo", "hi", "label", "doc_id", "reference"]]],
                     ignore_index=True)
    fig, ax = _figure(9, max(_row_height(rows), 1.2) + 1.8)
    by_verdict = "verdict" in claims
    colour, by = ((lambda row: _verdict_colour(row.get("verdict"))), "verdict") if by_verdict \
        else _range_colours(claimed, colours)
    _draw_ranges(ax, rows, colour)
    ax.set(xlabel=xlabel, xlim=(-1.5, 101.5), ylabel="")  # a point at 0 or 100% drawn whole
    _title(ax, title, note)
    if by == "supplement":
        _supplement_legend(fig, claimed)
    elif by == "verdict":
        from matplotlib.lines import Line2D

        handles = _verdict_handles(claimed["verdict"]) + [
            Line2D([], [], color=REFERENCE_COLOUR, linewidth=5, label=f"{prefix} (cited reference)")]
        _legend_beside(ax, handles, [h.get_label() for h in handles])
    return fig


def absorption_chart(absorption_claims: pd.DataFrame, measured: pd.DataFrame, labels: Mapping | pd.Series | None = None,
                     colours: Mapping | None = None, supplement: str = "") -> plt.Figure:
    """Claimed absorption (%) per form and document, beside measured fractional absorption (orange)."""
    return _claims_beside_references(absorption_claims, measured, "measured", "share absorbed (%)",
                                     f"{supplement + ': a' if supplement else 'A'}bsorption claims against measured "
                                     "absorption", labels, colours)


def prevalence_chart(deficiency_claims: pd.DataFrame, prevalence: pd.DataFrame, labels: Mapping | pd.Series | None = None,
                     colours: Mapping | None = None, supplement: str = "") -> plt.Figure:
    """Claimed shares of people deficient, beside cited shares (orange), each labelled with what it measures
    (NHANES intake below the EAR is inadequate intake, not deficiency)."""
    return _claims_beside_references(deficiency_claims, prevalence, "reference", "share of people (%)",
                                     f"{supplement + ': d' if supplement else 'D'}eficiency claims against cited shares",
                                     labels, colours)


# --- readability -------------------------------------------------------------------------------------------

def _grade_band(ax: plt.Axes, band: dict) -> None:
    """The recommended reading grade for patient materials, and the upper acceptable grade."""
    span = ax.axvspan
    span(0, band["target"], color="#009e73", alpha=0.12, zorder=0, label=f"recommended: grade ≤ {band['target']:g}")
    span(band["target"], band["acceptable"], color="#f0e442", alpha=0.18, zorder=0,
         label=f"acceptable: up to grade {band['acceptable']:g}")


GRADE_METRICS = ["flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                 "automated_readability_index", "text_standard"]


def _hue_bars(ax: plt.Axes, long: pd.DataFrame, category: str, value: str, doc_ids: list[str],
              name: Callable[[str], str], colour: Callable[[str], object]) -> None:
    """Grouped horizontal bars: one group per category, one bar per document in its colour."""
    categories = list(dict.fromkeys(long[category]))
    height = 0.8 / max(len(doc_ids), 1)
    for k, doc_id in enumerate(doc_ids):
        part = long[long["doc_id"] == doc_id].set_index(category).reindex(categories)
        y = np.arange(len(categories)) - 0.4 + height * (k + 0.5)
        unscored = part[value].isna().all()  # too short to score: no bar, and the legend says so
        ax.barh(y, part[value], height=height * 0.92, color=colour(doc_id),
                label=name(doc_id) + (" (not scored: too short)" if unscored else ""))
    ax.set_yticks(range(len(categories)), [in_words(c) for c in categories])
    ax.set_ylim(len(categories) - 0.5, -0.5)


# seaborn 0.13 always passes matplotlib's `vert`, deprecated since matplotlib 3.11 (a warning per box chart);
# its extra keywords reach `Axes.bxp` last, so `orientation` says the same without the deprecated name
HORIZONTAL_BOXES = {"vert": None, "orientation": "horizontal"}


def _spread(ax: plt.Axes, long: pd.DataFrame, category: str, value: str) -> None:
    """Many documents: the spread over documents per category (box, and a dot per document)."""
    data = long.dropna(subset=[value]).assign(shown=lambda d: d[category].map(in_words))
    order = list(dict.fromkeys(long[category].map(in_words)))
    sns.boxplot(data=data, y="shown", x=value, order=order, color="0.85", fliersize=0, ax=ax, orient="y", **HORIZONTAL_BOXES)
    sns.stripplot(data=data, y="shown", x=value, order=order, color=NEUTRAL, size=3, alpha=0.6, ax=ax)
    ax.set_ylabel("")


def grade_by_metric_chart(scores: pd.DataFrame, band: dict, labels: Mapping | pd.Series | None = None,
                          colours: Mapping | None = None) -> plt.Figure:
    """US school grade per document for each grade-level formula, against the recommended band."""
    long = scores.melt(id_vars="doc_id", value_vars=GRADE_METRICS, var_name="metric", value_name="grade")
    doc_ids = list(dict.fromkeys(scores["doc_id"]))
    name = _labeller(scores, labels)
    many = _many(doc_ids, colours)
    fig, ax = _figure(9, 4.6 if many else 1.2 + 0.25 * len(GRADE_METRICS) * max(len(doc_ids), 2))
    _grade_band(ax, band)
    if many:
        _spread(ax, long, "metric", "grade")
        _title(ax, "Reading grade by formula", f"spread over {len(doc_ids)} documents, one dot each")
    else:
        _hue_bars(ax, long, "metric", "grade", doc_ids, name, _colourer(doc_ids, colours))
        _title(ax, "Reading grade by document and formula")
    ax.set(xlabel="US school grade (higher is harder)")
    handles, names = ax.get_legend_handles_labels()
    bands = [i for i, n in enumerate(names) if n.startswith(("recommended", "acceptable"))]
    order = [i for i in range(len(names)) if i not in bands] + bands  # documents first, then the bands
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    _legend_beside(ax, [handles[i] for i in order], [names[i] for i in order])
    return fig


def naive_vs_structured_chart(comparison: pd.DataFrame, band: dict, labels: Mapping | pd.Series | None = None,
                              colours: Mapping | None = None) -> plt.Figure:
    """Flesch-Kincaid grade when textstat gets the raw page vs our sentences."""
    rows = comparison[comparison["metric"] == "flesch_kincaid_grade"]
    name = _labeller(comparison, labels)
    shown, note = _shown(list(rows["doc_id"]))
    rows = rows[rows["doc_id"].isin(shown)]
    methods = list(dict.fromkeys(rows["method"]))
    fig, ax = _figure(9, 0.32 * len(methods) * max(len(shown), 2) + 1.8)
    _grade_band(ax, band)
    height = 0.8 / max(len(methods), 1)
    palette = dict(zip(methods, ["#cc78bc", "#0173b2", "#029e73"]))
    for k, method in enumerate(methods):
        part = rows[rows["method"] == method].set_index("doc_id").reindex(shown)
        ax.barh(np.arange(len(shown)) - 0.4 + height * (k + 0.5), part["value"], height=height * 0.92,
                color=palette.get(method, NEUTRAL), label="raw page (textstat alone)" if method == "naive"
                else "our sentences" if method == "structure-aware" else method)
    scored = set(rows.dropna(subset=["value"])["doc_id"])
    ax.set_yticks(range(len(shown)), [name(d) if d in scored else f"{name(d)} (not scored)" for d in shown],
                  fontsize=_tick_size(len(shown)))
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set(xlabel="Flesch-Kincaid grade", ylabel="")
    _title(ax, "Why structure matters: raw page vs our sentences", note)
    _document_legend(fig, ax, "text scored")
    return fig


def sentence_grade_chart(sentence_scores: pd.DataFrame, band: dict, labels: Mapping | pd.Series | None = None,
                         colours: Mapping | None = None) -> plt.Figure:
    """Distribution of per-sentence Flesch-Kincaid grades in each document."""
    name = _labeller(sentence_scores, labels)
    doc_ids = list(dict.fromkeys(sentence_scores["doc_id"]))
    shown, note = _shown(doc_ids)
    colour = _colourer(doc_ids, colours)
    rows = sentence_scores[sentence_scores["doc_id"].isin(shown)].assign(
        document=lambda d: d["doc_id"].map(name))
    fig, ax = _figure(8.5, 0.32 * max(len(shown), 2) + 1.9)
    _grade_band(ax, band)
    order = [name(d) for d in shown]
    sns.boxplot(data=rows, y="document", x="flesch_kincaid_grade", hue="document", order=order, hue_order=order,
                palette={name(d): colour(d) for d in shown}, legend=False, ax=ax, fliersize=2, orient="y",
                **HORIZONTAL_BOXES)
    ax.tick_params(axis="y", labelsize=_tick_size(len(shown)))
    ax.set(xlabel="Flesch-Kincaid grade of each sentence", ylabel="")
    _title(ax, "How hard the sentences are", note)
    handles = [h for h, lab in zip(*ax.get_legend_handles_labels()) if lab.startswith(("recommended", "acceptable"))]
    _legend_beside(ax, handles, [h.get_label() for h in handles])
    return fig


# --- consistency -------------------------------------------------------------------------------------------

def _cell_text(value: object, width: int = 18, max_lines: int = 4) -> str:
    """A claim-matrix cell: each stated value on its own line, wrapped; past `max_lines`, "+N more"."""
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    parts = [p.strip() for p in text.split(";") if p.strip()]
    lines = [line for part in parts for line in textwrap.wrap(part, width) or [part]]
    if len(lines) > max_lines:
        rest = len(lines) - (max_lines - 1)
        lines = lines[:max_lines - 1] + [f"+{rest} more"]
    return "\n".join(lines)


AGREEMENT_COLOURS = [(0.0, "#67001f"), (0.5, "#c0262d"), (1.0, "#f4a582")]  # below 1: some topic contradicts
ALL_AGREE_COLOUR = "#2166ac"  # every compared topic agrees: the colour bar's tip ("over" its reds)
# share of compared topics that agree: any contradiction in reds (0.5 is strong red, never white), all agree in blue
NOT_COMPARED_HATCH, SAME_DOCUMENT_COLOUR = "////", "#bdbdbd"


def _agreement_cmap():
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("agreement", AGREEMENT_COLOURS, N=1001).with_extremes(over=ALL_AGREE_COLOUR)


def agreement_heatmap(pairs: pd.DataFrame, labels: Mapping | pd.Series | None = None,
                      colours: Mapping | None = None) -> plt.Figure:
    """For each pair of documents (`consistency.pairwise_agreement`), the share of the topics they were compared on
    that agree: blue when all agree, reds as soon as one contradicts (darker, more); hatched grey when they were
    not compared (no supplement and topic in common: not an agreement), solid grey on the diagonal. Up to 12
    documents each cell says "agreeing/compared"."""
    from matplotlib.patches import Patch, Rectangle

    name = _labeller(pairs, labels)
    docs, note = _shown(list(dict.fromkeys(pairs["doc_id"])), limit=30)
    rows = pairs[pairs["doc_id"].isin(docs) & pairs["other"].isin(docs)]
    compared = (rows["compared_topics"] if "compared_topics" in rows else rows["shared_topics"]).fillna(0)
    different = rows["doc_id"] != rows["other"]
    rows = rows.assign(agreement=rows["agreement"].where(different & (compared > 0)), compared=compared.where(different))
    grid = rows.pivot(index="doc_id", columns="other", values="agreement").reindex(index=docs, columns=docs)
    counts = rows.pivot(index="doc_id", columns="other", values="compared").reindex(index=docs, columns=docs)
    longest = max([len(str(name(d))) for d in docs] + [3])
    side = max(4.5, 0.32 * len(docs) + 3)
    fig, ax = _figure(side + 0.07 * longest + 4.0, side + 0.07 * longest)  # legend and colour bar beside
    if len(docs) < 2:
        ax.text(0.5, 0.5, "fewer than two documents: nothing to compare", ha="center", va="center",
                transform=ax.transAxes)
        ax.set(xticks=[], yticks=[])
        _title(ax, "Pairwise agreement between documents")
        return fig
    annotate = len(docs) <= 12
    agree = np.floor(grid * counts + 1e-9)  # topics agreeing: a share below 1 never reads "n/n"
    text = np.where(grid.notna(), agree.fillna(0).astype(int).astype(str) + "/" + counts.fillna(0).astype(int).astype(str),
                    "") if annotate else False
    sns.heatmap(grid, annot=text, fmt="", vmin=0, vmax=1 - 1e-9, cmap=_agreement_cmap(), square=annotate,
                cbar_kws={"label": "share of compared topics that agree\n(no contradiction between the two)",
                          "fraction": 0.05, "shrink": 0.7, "extend": "max", "extendfrac": 0.08,
                          "ticks": [0, 0.25, 0.5, 0.75], "format": "{x:.0%}"},
                ax=ax, annot_kws={"fontsize": 8}, linewidths=1, linecolor="white")
    for i, a in enumerate(docs):
        for j, b in enumerate(docs):
            if a == b:
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=SAME_DOCUMENT_COLOUR, edgecolor="white", linewidth=1))
            elif pd.isna(grid.iat[i, j]):
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor="#f5f5f5", edgecolor="#9e9e9e", hatch=NOT_COMPARED_HATCH,
                                       linewidth=0))
    size = _tick_size(len(docs))
    ax.set_xticks(np.arange(len(docs)) + 0.5, [name(d) for d in docs], rotation=90, ha="center", fontsize=size)
    ax.set_yticks(np.arange(len(docs)) + 0.5, [name(d) for d in docs], rotation=0, fontsize=size)
    ax.set(xlabel="", ylabel="")
    ax.grid(False)
    pairs_compared = int(((rows["doc_id"] < rows["other"]) & (rows["compared"] > 0)).sum())
    pairs_all = len(docs) * (len(docs) - 1) // 2
    _title(ax, "Pairwise agreement between documents",
           "; ".join(filter(None, [note, f"{pairs_compared} of {pairs_all} pairs compared on a topic"])))
    handles = [Patch(facecolor=ALL_AGREE_COLOUR, label="100%: every compared topic agrees (the colour bar's tip)"),
               Patch(facecolor="#f5f5f5", edgecolor="#9e9e9e", hatch=NOT_COMPARED_HATCH,
                     label="not compared (no supplement and topic in common)"),
               Patch(facecolor=SAME_DOCUMENT_COLOUR, edgecolor="white", label="same document")]
    if annotate:
        handles.append(Patch(facecolor="none", edgecolor="none", label="cell: topics agreeing / topics compared"))
    _legend_beside(ax, handles, [h.get_label() for h in handles])
    return fig


# --- language ----------------------------------------------------------------------------------------------

def category_density_chart(densities: pd.DataFrame, labels: Mapping | pd.Series | None = None,
                           colours: Mapping | None = None) -> plt.Figure:
    """Matches per 1,000 words for each language category and document."""
    doc_ids = list(dict.fromkeys(densities["doc_id"]))
    many = _many(doc_ids, colours)
    categories = densities["category"].nunique()
    fig, ax = _figure(9, 4.6 if many else 1.2 + 0.25 * categories * max(len(doc_ids), 2))
    if many:
        _spread(ax, densities, "category", "per_1k_words")
        _title(ax, "How the articles sell: language categories", f"spread over {len(doc_ids)} documents, one dot each")
    else:
        _hue_bars(ax, densities, "category", "per_1k_words", doc_ids, _labeller(densities, labels),
                  _colourer(doc_ids, colours))
        _title(ax, "How the articles sell: language categories")
        _document_legend(fig, ax)
    ax.set(xlabel="matches per 1,000 words", ylabel="")
    return fig


def promo_index_chart(language: pd.DataFrame, labels: Mapping | pd.Series | None = None,
                      colours: Mapping | None = None) -> plt.Figure:
    """Documents ranked by promo index, each bar labelled with its value (a zero shows as "0" and a tick)."""
    ranked = language.sort_values("promo_index", ascending=False, kind="stable")
    name = _labeller(language, labels)
    colour = _colourer(list(language["doc_id"]), colours)
    shown, note = _shown(list(ranked["doc_id"]), ranked=True)
    rows = ranked.set_index("doc_id").loc[shown].reset_index()
    fig, ax = _figure(8, 0.32 * max(len(rows), 2) + 1.9)
    y = np.arange(len(rows))
    ax.barh(y, rows["promo_index"].fillna(0), color=[colour(d) for d in rows["doc_id"]])
    top = max(float(rows["promo_index"].max() or 0), 1.0)
    bottom = min(float(rows["promo_index"].min() or 0), 0.0)  # a page hedging more than it sells scores below 0
    span = top - bottom
    for k, value in zip(y, rows["promo_index"]):
        ax.plot([0], [k], marker="|", color="0.2", markersize=8)
        below = pd.notna(value) and value < 0
        ax.text((0 if pd.isna(value) else value) + span * (-0.01 if below else 0.01), k,
                "no score" if pd.isna(value) else f"{value:.1f}", va="center", ha="right" if below else "left",
                fontsize=8)
    ax.set_xlim(bottom - span * 0.12 if bottom < 0 else 0, top + span * 0.12)
    if bottom < 0:
        ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_yticks(y, [name(d) for d in rows["doc_id"]], fontsize=_tick_size(len(rows)))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set(xlabel="promo index: promotional matches per 1,000 words\n(disease claims count ×3), minus hedges", ylabel="")
    _title(ax, "Most to least promotional", note)
    return fig


def hedge_booster_chart(language: pd.DataFrame, labels: Mapping | pd.Series | None = None,
                        colours: Mapping | None = None) -> plt.Figure:
    """Hedges against boosters per 1,000 words: cautious documents sit high and to the left. Points are named
    in the legend by colour (labels beside points merge when documents are close); past ten documents the
    points share one colour and the language table names them."""
    doc_ids = list(dict.fromkeys(language["doc_id"]))
    many = _many(doc_ids, colours)
    name = _labeller(language, labels)
    colour = _colourer(doc_ids, colours)
    fig, ax = _figure(8 if not many else 6, 5)
    top = max(language["booster_per_1k"].max(), language["hedge_per_1k"].max(), 1) * 1.15
    ax.plot([0, top], [0, top], color="0.6", linestyle=":", label="as many hedges as boosters")
    for row in language.itertuples(index=False):
        ax.scatter(row.booster_per_1k, row.hedge_per_1k, s=70 if not many else 25, color=colour(row.doc_id),
                   edgecolor="white", linewidth=0.8, zorder=3, label=None if many else name(row.doc_id))
    ax.set(xlim=(0, top), ylim=(0, top), xlabel="boosters per 1,000 words", ylabel="hedges per 1,000 words")
    _title(ax, "Hedging vs certainty", f"one dot per document, {len(doc_ids)} in all" if many else "")
    _document_legend(fig, ax)
    return fig


# --- findings charts (consistency) ---

VERDICT_COLOURS = {  # verdict -> colour (colour-blind-safe): the claim matrix shows verdicts, not consensus
    "above upper limit": "#d55e00", "conflicts with evidence": "#cc79a7", "outside studied range": "#e69f00",
    "contradicted by another document": "#0072b2", "contradicts itself": "#56b4e9",
    "above the limit only if elemental or as stated": "#f0e442", "depends on the age group": "#bbbbbb",
    "consistent with reference": "#009e73", "unsupported (no reference)": "#ffffff", "not stated": "#eeeeee",
}


def verdict_matrix_chart(matrix: pd.DataFrame, labels: Mapping | pd.Series | None = None,
                         colours: Mapping | None = None,
                         title: str = "Verdict on each document's claims, per topic") -> plt.Figure:
    """Documents x topics (`consistency.claim_matrix`), coloured by verdict (against the cited reference, or
    contradicted by another page), each stated value written whole in its cell (wrapped; past four lines "+N
    more": the table has them all), documents named by label, a legend of the verdicts drawn."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    name = _labeller(matrix, labels)
    docs, note = _shown(list(matrix["doc_id"]))
    topics = list(dict.fromkeys(matrix["topic"]))
    matrix = matrix[matrix["doc_id"].isin(docs)]
    codes = {status: i for i, status in enumerate(VERDICT_COLOURS)}
    grid = matrix.pivot(index="doc_id", columns="topic", values="status").reindex(index=docs, columns=topics)
    values = matrix.pivot(index="doc_id", columns="topic", values="value").reindex(index=docs, columns=topics)
    cells = values.map(_cell_text)
    lines = max([c.count("\n") + 1 for c in cells.to_numpy().ravel()] + [1])
    fig, ax = _figure(1.25 * len(topics) + 4.2, (0.16 * lines + 0.14) * len(docs) + 2.4)
    statuses = grid.fillna("not stated").where(grid.isin(list(codes)), "not stated")
    # a mesh of cells, not an image: an image is resampled to the canvas (at 300 dpi a 15 x 18 inch matrix took
    # 10 s and 650 MB of float arrays), a mesh is one quadrilateral per cell in every format
    ax.pcolormesh(np.arange(len(topics) + 1) - 0.5, np.arange(len(docs) + 1) - 0.5,
                  statuses.map(codes.get).astype(int).to_numpy(), cmap=ListedColormap(list(VERDICT_COLOURS.values())),
                  vmin=0, vmax=len(codes) - 1, zorder=0)  # under the white grid lines that part the cells
    ax.set_xlim(-0.5, len(topics) - 0.5)
    ax.set_ylim(len(docs) - 0.5, -0.5)  # the first document at the top, as in a table
    for i, doc in enumerate(docs):
        for j, topic in enumerate(topics):
            if cells.at[doc, topic]:
                ax.text(j, i, cells.at[doc, topic], ha="center", va="center", fontsize=7, linespacing=1.1)
    ax.set_xticks(range(len(topics)), [_wrap_label(in_words(t), 12) for t in topics], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(docs)), [name(d) for d in docs], fontsize=_tick_size(len(docs)))
    ax.grid(False)
    ax.set_xticks(np.arange(len(topics) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(docs) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    _title(ax, title, note)
    drawn = set(statuses.to_numpy().ravel())
    shown = [s for s in VERDICT_COLOURS if s in drawn]
    _legend_beside(ax, [Patch(facecolor=VERDICT_COLOURS[s], edgecolor="0.6", label=s) for s in shown], shown,
                   "verdict (against the cited reference)")
    return fig


def _span(band) -> str:
    return f"{band.high:g} {band.unit}" if band.low == band.high else f"{band.low:g}–{band.high:g} {band.unit}"


def _verdict_colour(verdict: object) -> str:
    """A claim's colour by its verdict; no verdict (or none but "unsupported", drawn white in the matrix) in grey."""
    colour = VERDICT_COLOURS.get(verdict) if isinstance(verdict, str) else None
    return "#999999" if colour in (None, "#ffffff") else colour


def _verdict_handles(verdicts: Iterable[object]) -> list:
    from matplotlib.lines import Line2D

    seen = {v if isinstance(v, str) and v in VERDICT_COLOURS else "no verdict" for v in verdicts}
    order = [v for v in VERDICT_COLOURS if v in seen] + (["no verdict"] if "no verdict" in seen else [])
    return [Line2D([], [], color=_verdict_colour(v), linewidth=5, label=v) for v in order]


def dose_bands_chart(rows: pd.DataFrame, bands: pd.DataFrame, supplement: str,
                     labels: Mapping | pd.Series | None = None, colours: Mapping | None = None) -> plt.Figure:
    """One supplement's dose claims (`consistency.chart_rows`, already in the bands' unit: doc_id, subject, low,
    high, verdict) against that supplement's own bands: recommended intake (grey), upper limit (dashed),
    studied doses (hatched). Each claim is coloured by its own verdict and named "document · population · “the
    number as written”" (`as_written`), so a row leads back to its sentence (quote and offsets are in `rows`)."""
    unit = bands["unit"].iloc[0] if len(bands) else (rows["unit"].iloc[0] if len(rows) and "unit" in rows else "")
    drawn, note = _limit_rows(_range_rows(rows, _labeller(rows, labels)))
    fig, ax = _figure(9, max(_row_height(drawn), 1.2) + 2.4)
    for band in bands.itertuples(index=False):
        if band.kind == "upper":
            ax.axvline(band.high, color="#d55e00", linestyle="--", label=f"{band.band}: {band.high:g} {band.unit}")
        elif band.kind == "intake":
            ax.axvspan(band.low, band.high, color="0.85", zorder=0, label=f"{band.band}: {_span(band)}")
        else:
            ax.axvspan(band.low, band.high, facecolor="none", edgecolor="#0072b2", hatch="//", zorder=0,
                       label=f"{band.band}: {_span(band)}")
    verdicts = drawn["verdict"] if "verdict" in drawn else pd.Series(None, index=drawn.index, dtype=object)
    if len(drawn):
        _draw_ranges(ax, drawn.assign(verdict=verdicts), lambda row: _verdict_colour(row["verdict"]))
    ax.set(xlabel=f"stated daily dose ({unit.removesuffix('/day')} per day, as written)", ylabel="")
    ax.set_xlim(left=0)
    _title(ax, f"{supplement}: dose claims against its own reference values", note)
    handles, names = ax.get_legend_handles_labels()
    extra = _verdict_handles(verdicts)
    _legend_beside(ax, handles + extra, names + [h.get_label() for h in extra])
    return fig
