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
    # the tight bounding box (which includes the caption) is measured once, not once per format
    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1)
    with plt.rc_context({"svg.hashsalt": "claimcritique"}):
        for fmt in FORMATS:
            target = folder / f"{name}.{fmt}"
            fig.savefig(target, format=fmt, dpi=300 if fmt == "png" else None, metadata=_METADATA[fmt],
                        bbox_inches=box)
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


def short_id(doc_id: str) -> str:
    """"000_0856cdaba0ba1b27" -> "000": seed ids are long; a user's own stems are kept whole."""
    head = doc_id.split("_")[0]
    return head if head.isdigit() else doc_id


def _range_rows(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims with a plottable interval: open bounds drawn as a point at the known end."""
    rows = claims.copy()
    rows["lo"] = rows["low"].fillna(rows["high"])
    rows["hi"] = rows["high"].fillna(rows["low"])
    rows["label"] = rows["doc_id"].map(short_id) + " · " + rows["subject"].str.slice(0, 32) + _open_end(rows)
    return rows.dropna(subset=["lo", "hi"]).reset_index(drop=True)


def _open_end(rows: pd.DataFrame) -> pd.Series:
    """" (at least)" or " (at most)" for one-sided values, which are drawn as a point at their bound."""
    return pd.Series(["" if pd.notna(lo) and pd.notna(hi) else " (at least)" if pd.notna(lo) else " (at most)"
                      for lo, hi in zip(rows["low"], rows["high"])], index=rows.index, dtype=object)


def colours_for(keys) -> dict:
    """One colour per key, for any number of keys: the colour-blind palette for up to ten, else evenly
    spaced hues (past ten, colour only separates neighbours; the axis labels name the documents)."""
    keys = sorted(set(keys), key=str)
    palette = sns.color_palette("colorblind") if len(keys) <= 10 else sns.color_palette("husl", len(keys))
    return dict(zip(keys, palette))


def _draw_ranges(ax: plt.Axes, rows: pd.DataFrame, colour_by: str = "doc_id") -> None:
    palette = colours_for(rows[colour_by])
    for y, row in rows.iterrows():
        colour = palette[row[colour_by]]
        ax.plot([row["lo"], row["hi"]], [y, y], color=colour, linewidth=5, solid_capstyle="round")
        ax.plot([row["lo"], row["hi"]], [y, y], "o", color=colour, markersize=5)
    ax.set_yticks(range(len(rows)), rows["label"])
    ax.invert_yaxis()


def dose_range_chart(dose_claims: pd.DataFrame, bands: pd.DataFrame) -> plt.Figure:
    """Stated dose ranges (mg) per document and population against the RDA band and the supplemental UL."""
    rows = _range_rows(dose_claims[dose_claims["unit"].str.startswith("mg")])
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(rows), 3) + 1.5))
    rda = bands.iloc[0]
    ul = bands.iloc[1]
    ax.axvspan(rda["low"], rda["high"], color="0.85", zorder=0, label=f"{rda['band']}: {rda['low']:g}–{rda['high']:g} mg")
    ax.axvline(ul["high"], color="#d55e00", linestyle="--", label=f"{ul['band']}: {ul['high']:g} mg")
    _draw_ranges(ax, rows)
    ax.set(xlabel="stated dose (mg per day, as written: elemental or compound)", ylabel="document · population",
           title="Dose claims against the RDA and the supplemental upper limit")
    ax.legend(loc="lower right", fontsize=8)
    return fig


def _claims_beside_references(claims: pd.DataFrame, refs: pd.DataFrame, prefix: str, xlabel: str,
                              title: str) -> plt.Figure:
    """Claimed percentages as ranges per document, then reference values (labelled by `prefix`)."""
    claimed = _range_rows(claims[claims["unit"] == "%"])
    found = refs.assign(lo=refs["low"].fillna(refs["high"]), hi=refs["high"].fillna(refs["low"]),
                        label=prefix + " · " + refs["label"] + _open_end(refs), doc_id=prefix)
    rows = pd.concat([claimed, found[["lo", "hi", "label", "doc_id"]]], ignore_index=True)
    fig, ax = plt.subplots(figsize=(8.5, 0.42 * max(len(rows), 3) + 1.5))
    _draw_ranges(ax, rows)
    ax.set(xlabel=xlabel, xlim=(0, 100), ylabel="", title=title)
    return fig


def absorption_chart(absorption_claims: pd.DataFrame, measured: pd.DataFrame) -> plt.Figure:
    """Claimed absorption (%) per form and document, beside measured fractional absorption."""
    return _claims_beside_references(absorption_claims, measured, "measured", "share absorbed (%)",
                                     "Absorption claims against measured absorption")


def prevalence_chart(deficiency_claims: pd.DataFrame, prevalence: pd.DataFrame) -> plt.Figure:
    """Claimed shares of people deficient, beside NHANES shares below the EAR (intake, not deficiency)."""
    return _claims_beside_references(deficiency_claims, prevalence, "reference", "share of people (%)",
                                     "Deficiency claims against NHANES intake inadequacy")


def _grade_band(ax: plt.Axes, band: dict) -> None:
    """The recommended reading grade for patient materials, and the upper acceptable grade."""
    span = ax.axvspan
    span(0, band["target"], color="#009e73", alpha=0.12, zorder=0, label=f"recommended: grade ≤ {band['target']:g}")
    span(band["target"], band["acceptable"], color="#f0e442", alpha=0.18, zorder=0,
         label=f"acceptable: up to grade {band['acceptable']:g}")


GRADE_METRICS = ["flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                 "automated_readability_index", "text_standard"]


def grade_by_metric_chart(scores: pd.DataFrame, band: dict) -> plt.Figure:
    """US school grade per document for each grade-level formula, against the recommended band."""
    long = scores.melt(id_vars="doc_id", value_vars=GRADE_METRICS, var_name="metric", value_name="grade")
    long["document"] = long["doc_id"].map(short_id)
    fig, ax = plt.subplots(figsize=(8, 4.2))
    _grade_band(ax, band)
    sns.barplot(data=long, y="metric", x="grade", hue="document", ax=ax)
    ax.set(xlabel="US school grade", ylabel="", title="Reading grade by document and formula")
    ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    return fig


def naive_vs_structured_chart(comparison: pd.DataFrame, band: dict) -> plt.Figure:
    """Flesch-Kincaid grade when textstat gets the raw page vs our sentences."""
    rows = comparison[comparison["metric"] == "flesch_kincaid_grade"].assign(
        document=lambda d: d["doc_id"].map(short_id))
    fig, ax = plt.subplots(figsize=(7, 3.6))
    _grade_band(ax, band)
    sns.barplot(data=rows, y="document", x="value", hue="method", ax=ax)
    ax.set(xlabel="Flesch-Kincaid grade", ylabel="document", title="Why structure matters: raw page vs our sentences")
    ax.legend(fontsize=8, bbox_to_anchor=(1.01, 1), loc="upper left")
    return fig


def sentence_grade_chart(sentence_scores: pd.DataFrame, band: dict) -> plt.Figure:
    """Distribution of per-sentence Flesch-Kincaid grades in each document."""
    rows = sentence_scores.assign(document=sentence_scores["doc_id"].map(short_id))
    fig, ax = plt.subplots(figsize=(7, 3.8))
    _grade_band(ax, band)
    sns.boxplot(data=rows, y="document", x="flesch_kincaid_grade", hue="document", legend=False, ax=ax,
                fliersize=2)
    ax.set(xlabel="Flesch-Kincaid grade of each sentence", ylabel="document", title="How hard the sentences are")
    return fig


STATUS_COLOURS = {"agrees": "#009e73", "contradicts": "#d55e00", "outside reference": "#e69f00", "not stated": "#eeeeee"}


def claim_matrix_chart(matrix: pd.DataFrame) -> plt.Figure:
    """Documents x topics, coloured by agree / contradict / outside reference / not stated, with the stated value."""
    docs = list(dict.fromkeys(matrix["doc_id"]))
    topics = list(dict.fromkeys(matrix["topic"]))
    codes = {status: i for i, status in enumerate(STATUS_COLOURS)}
    grid = matrix.pivot(index="doc_id", columns="topic", values="status").loc[docs, topics]
    values = matrix.pivot(index="doc_id", columns="topic", values="value").loc[docs, topics]
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(1.5 * len(topics) + 2, 0.9 * len(docs) + 2))
    ax.imshow(grid.replace(codes).astype(int).to_numpy(), cmap=ListedColormap(list(STATUS_COLOURS.values())),
              vmin=0, vmax=len(codes) - 1, aspect="auto")
    for i, doc in enumerate(docs):
        for j, topic in enumerate(topics):
            text = str(values.at[doc, topic])
            ax.text(j, i, text if len(text) <= 22 else text[:20] + "…", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(topics)), [t.replace("_", "\n") for t in topics], fontsize=8)
    ax.set_yticks(range(len(docs)), [short_id(d) for d in docs])
    ax.grid(False)
    ax.set_title("What each document claims, and whether it holds up")
    ax.legend(handles=[Patch(color=c, label=s) for s, c in STATUS_COLOURS.items()], bbox_to_anchor=(1.01, 1),
              loc="upper left", fontsize=8)
    return fig


def agreement_heatmap(pairs: pd.DataFrame) -> plt.Figure:
    """Share of shared topics on which two documents agree."""
    grid = pairs.assign(doc=pairs["doc_id"].map(short_id), with_=pairs["other"].map(short_id)).pivot(
        index="doc", columns="with_", values="agreement")
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    sns.heatmap(grid, annot=True, fmt=".0%", vmin=0, vmax=1, cmap="vlag_r", cbar_kws={"label": "share of shared topics agreed"},
                ax=ax)
    ax.set(xlabel="document", ylabel="document", title="Pairwise agreement between documents")
    return fig


def category_density_chart(densities: pd.DataFrame) -> plt.Figure:
    """Matches per 1,000 words for each language category and document."""
    rows = densities.assign(document=densities["doc_id"].map(short_id))
    fig, ax = plt.subplots(figsize=(8, 4))
    sns.barplot(data=rows, y="category", x="per_1k_words", hue="document", ax=ax)
    ax.set(xlabel="matches per 1,000 words", ylabel="", title="How the articles sell: language categories")
    ax.legend(title="document", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    return fig


def promo_index_chart(language: pd.DataFrame) -> plt.Figure:
    """Documents ranked by promo index."""
    rows = language.sort_values("promo_index", ascending=False).assign(document=lambda d: d["doc_id"].map(short_id))
    fig, ax = plt.subplots(figsize=(6.5, 0.5 * len(rows) + 1.5))
    sns.barplot(data=rows, y="document", x="promo_index", hue="document", legend=False, ax=ax)
    ax.set(xlabel="promo index (promotional matches per 1,000 words, disease claims x3, minus hedges)",
           ylabel="document", title="Most to least promotional")
    return fig


def hedge_booster_chart(language: pd.DataFrame) -> plt.Figure:
    """Hedges against boosters per 1,000 words: cautious documents sit high and to the left."""
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    sns.scatterplot(data=language, x="booster_per_1k", y="hedge_per_1k", s=80, ax=ax)
    for row in language.itertuples(index=False):
        ax.annotate(short_id(row.doc_id), (row.booster_per_1k, row.hedge_per_1k), textcoords="offset points",
                    xytext=(6, 4), fontsize=9)
    top = max(language["booster_per_1k"].max(), language["hedge_per_1k"].max(), 1) * 1.15
    ax.plot([0, top], [0, top], color="0.6", linestyle=":", label="as many hedges as boosters")
    ax.set(xlim=(0, top), ylim=(0, top), xlabel="boosters per 1,000 words", ylabel="hedges per 1,000 words",
           title="Hedging vs certainty")
    ax.legend(fontsize=8, loc="lower right")
    return fig


# --- findings charts (consistency) ---

VERDICT_COLOURS = {  # verdict -> colour (colour-blind-safe): the claim matrix shows verdicts, not consensus
    "above upper limit": "#d55e00", "conflicts with evidence": "#cc79a7", "outside studied range": "#e69f00",
    "contradicted by another document": "#0072b2", "contradicts itself": "#56b4e9",
    "above the limit only if elemental or as stated": "#f0e442", "depends on the age group": "#bbbbbb",
    "consistent with reference": "#009e73", "unsupported (no reference)": "#ffffff", "not stated": "#eeeeee",
}


def verdict_matrix_chart(matrix: pd.DataFrame, title: str = "Verdict on each document's claims, per topic") -> plt.Figure:
    """Documents x topics coloured by verdict (against the cited reference, or contradicted by another page),
    with the stated value in each cell and a legend of the verdicts."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    docs = list(dict.fromkeys(matrix["doc_id"]))
    topics = list(dict.fromkeys(matrix["topic"]))
    codes = {status: i for i, status in enumerate(VERDICT_COLOURS)}
    grid = matrix.pivot(index="doc_id", columns="topic", values="status").loc[docs, topics]
    values = matrix.pivot(index="doc_id", columns="topic", values="value").loc[docs, topics]
    fig, ax = plt.subplots(figsize=(1.2 * len(topics) + 3, 0.35 * len(docs) + 2))
    ax.imshow(grid.apply(lambda column: column.map(codes)).astype(int).to_numpy(),
              cmap=ListedColormap(list(VERDICT_COLOURS.values())), vmin=0, vmax=len(codes) - 1, aspect="auto")
    for i, doc in enumerate(docs):
        for j, topic in enumerate(topics):
            text = str(values.at[doc, topic])
            ax.text(j, i, text if len(text) <= 22 else text[:20] + "…", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(topics)), [t.replace("_", "\n") for t in topics], fontsize=8)
    ax.set_yticks(range(len(docs)), [short_id(d) for d in docs], fontsize=8)
    ax.grid(False)
    ax.set_title(title)
    shown = [s for s in VERDICT_COLOURS if s in set(grid.to_numpy().ravel())]
    ax.legend(handles=[Patch(facecolor=VERDICT_COLOURS[s], edgecolor="0.6", label=s) for s in shown],
              title="verdict (against the cited reference)", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    return fig


def _span(band) -> str:
    return f"{band.high:g} {band.unit}" if band.low == band.high else f"{band.low:g}–{band.high:g} {band.unit}"


def dose_bands_chart(rows: pd.DataFrame, bands: pd.DataFrame, supplement: str) -> plt.Figure:
    """One supplement's dose claims (already in the bands' unit: doc_id, subject, low, high) against that
    supplement's own bands: recommended intake (grey), upper limit (dashed), studied doses (hatched)."""
    unit = bands["unit"].iloc[0] if len(bands) else ""
    fig, ax = plt.subplots(figsize=(8, 0.42 * max(len(rows), 3) + 1.6))
    for band in bands.itertuples(index=False):
        if band.kind == "upper":
            ax.axvline(band.high, color="#d55e00", linestyle="--", label=f"{band.band}: {band.high:g} {band.unit}")
        elif band.kind == "intake":
            ax.axvspan(band.low, band.high, color="0.85", zorder=0, label=f"{band.band}: {_span(band)}")
        else:
            ax.axvspan(band.low, band.high, facecolor="none", edgecolor="#0072b2", hatch="//", zorder=0,
                       label=f"{band.band}: {_span(band)}")
    rows = _range_rows(rows)
    if len(rows):
        _draw_ranges(ax, rows)
    ax.set(xlabel=f"stated daily dose ({unit}, as written)", ylabel="document · population",
           title=f"{supplement}: dose claims against its own reference values")
    if len(bands):
        ax.legend(loc="lower right", fontsize=8)
    return fig
