"""Figures: every format written, byte-stable, any number of documents, and a layout a publication accepts
(no text overlapping another, none off the canvas) on the seeds, on long names, and on 1, 11 and 200 documents."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from claimcritique import analysis, consistency, language, paths, plotting, readability, references

from .figure_checks import layout_problems

REFS = references.load_references()
BAND = references.readability_band(REFS)
BANDS = {s: references.dose_bands(REFS, s) for s in ("magnesium", "vitamin d", "ashwagandha")}  # UL, UL, studied
MEASURED = references.measured_absorption(REFS, "magnesium")
PREVALENCE = references.prevalence_references(REFS, "magnesium")
TOPICS = ["dose", "absorption_rate", "deficiency_prevalence", "food_timing", "bedtime_timing", "onset",
          "side_effects", "enzyme_count", "evidence_strength"]
LONG_NAMES = ["Trusted Supplements · Magnesium", "健康サプリメント情報センター", "The Very Long Publisher Name Ltd",
              "Sleep & Stress Research Weekly", "magnesium-glycinate-benefits-fo"]


@pytest.fixture(autouse=True)
def close_figures():
    """Each test's figures closed after it (pyplot keeps them otherwise)."""
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


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
    assert b"Source: a test." in first[1].read_bytes()  # the caption, as the SVG's description, for the report


# --- the tables every chart draws, for the seeds and for made-up corpora ------------------------------------

def seed_tables() -> dict:
    results = analysis.analyze([paths.RAW])
    corpus = results.corpus
    stances = results["stances"]
    return {
        "documents": corpus.documents, "blocks": corpus.blocks, "claims": results["claims"],
        "scores": results["readability"], "sentences": results["readability_sentences"],
        "comparison": readability.naive_vs_structured(corpus.documents, corpus.sentences, results["readability"]),
        "matrix": consistency.claim_matrix(corpus.documents, stances, results["consistency"]),
        "pairs": consistency.pairwise_agreement(results["consistency"], corpus.documents),
        "language": results["language"], "densities": language.category_densities(results["language"]),
        "stances": stances, "findings": results["consistency"],
    }


def made_up_tables(n: int, names: list[str] | None = None) -> dict:
    """Tables shaped like the analysis's for `n` documents; `names` gives their labels (else none: ids only)."""
    rng = np.random.default_rng(n)
    ids = [f"doc{i:05d}" for i in range(n)]
    documents = pd.DataFrame({"doc_id": ids})
    if names:
        documents["label"] = [names[i % len(names)] + (f" {i}" if i >= len(names) else "") for i in range(n)]
    per_doc = lambda k: np.repeat(ids, k)  # noqa: E731
    kinds = ["heading", "paragraph", "bullet", "table_row", "stat"]
    blocks = pd.DataFrame({"doc_id": per_doc(5), "kind": kinds * n, "block_id": range(5 * n)})
    claims = pd.concat([
        pd.DataFrame({"doc_id": ids, "claim_type": "dose", "subject": "adults with a long population description",
                      "low": 100.0, "high": rng.uniform(200, 900, n).round(), "unit": "mg/day",
                      "supplement": rng.choice(["magnesium", "vitamin d"], n)}),
        pd.DataFrame({"doc_id": ids, "claim_type": "absorption_rate", "subject": "magnesium glycinate chelate form",
                      "low": rng.uniform(10, 50, n).round(), "high": np.nan, "unit": "%", "supplement": "magnesium"}),
        pd.DataFrame({"doc_id": ids, "claim_type": "deficiency_prevalence", "subject": "adults in the United States",
                      "low": np.nan, "high": rng.uniform(20, 80, n).round(), "unit": "%", "supplement": "magnesium"}),
    ], ignore_index=True)
    grades = {m: rng.uniform(5, 16, n) for m in plotting.GRADE_METRICS}
    scores = pd.DataFrame({"doc_id": ids, **grades, "flesch_reading_ease": rng.uniform(20, 70, n)})
    scores.loc[0, plotting.GRADE_METRICS] = np.nan  # too short to score
    sentences = pd.DataFrame({"doc_id": per_doc(6), "flesch_kincaid_grade": rng.uniform(0, 25, 6 * n)})
    comparison = pd.DataFrame({"doc_id": per_doc(2), "metric": "flesch_kincaid_grade",
                               "method": ["naive", "structure-aware"] * n, "value": rng.uniform(5, 20, 2 * n)})
    statuses = list(plotting.VERDICT_COLOURS)
    matrix = pd.DataFrame({"doc_id": per_doc(len(TOPICS)), "topic": TOPICS * n,
                           "status": rng.choice(statuses, len(TOPICS) * n)})
    matrix["value"] = np.where(matrix["status"] == "not stated", "",
                               np.where(matrix["topic"] == "absorption_rate",
                                        "85-90%; 15-20%; 65-70%; 25-30%; 40-45%; 50%", "200-400 mg/day"))
    pairs = pd.DataFrame([(a, b, 1.0 if a == b else rng.uniform(), np.nan if a == b else 3.0)
                          for a in ids[:40] for b in ids[:40]], columns=["doc_id", "other", "agreement", "shared_topics"])
    lang = pd.DataFrame({"doc_id": ids, "promo_index": rng.uniform(0, 50, n).round(1),
                         "hedge_per_1k": rng.uniform(0, 10, n), "booster_per_1k": rng.uniform(0, 10, n)})
    lang.loc[n - 1, "promo_index"] = 0.0
    if n > 2:
        lang.loc[1, "promo_index"] = -12.5  # a page that hedges more than it sells
    lang.loc[0, ["hedge_per_1k", "booster_per_1k"]] = lang.loc[n // 2, ["hedge_per_1k", "booster_per_1k"]].to_numpy()
    categories = [*language.PROMOTIONAL, "hedge"]
    densities = pd.DataFrame({"doc_id": np.tile(ids, len(categories)), "category": np.repeat(categories, n),
                              "per_1k_words": rng.uniform(0, 30, len(categories) * n)})
    verdicts = rng.choice([*plotting.VERDICT_COLOURS, None], len(claims))
    claims["verdict"] = np.where(claims["claim_type"] == "deficiency_prevalence", None, verdicts)
    return {"documents": documents, "blocks": blocks, "claims": claims, "scores": scores, "sentences": sentences,
            "comparison": comparison, "matrix": matrix, "pairs": pairs, "language": lang, "densities": densities}


def chart_rows(t: dict, supplement: str, topic: str, unit: str | None = None) -> pd.DataFrame:
    """What notebooks 02 and 05 draw: `consistency.chart_rows` on the seeds, the made-up claims otherwise."""
    if "stances" in t:
        return consistency.chart_rows(t["stances"], t["findings"], supplement, topic, unit)
    claims = t["claims"]
    rows = claims[(claims["claim_type"] == topic) & (claims["supplement"] == supplement)]
    return rows[["doc_id", "subject", "low", "high", "unit", "verdict"]].head(40).reset_index(drop=True)


def every_chart(t: dict) -> dict:
    """name -> figure, for every chart function, named and coloured as the notebooks do."""
    plotting.set_style()
    style = {"labels": plotting.document_labels(t["documents"]), "colours": plotting.document_palette(t["documents"])}
    claims = t["claims"]
    labels = style["labels"]
    figures = {
        "block_kinds": plotting.block_kind_chart(t["blocks"], labels=labels),
        "claim_types": plotting.claim_type_chart(claims, t["documents"], **style),
        "absorption": plotting.absorption_chart(claims[claims["claim_type"] == "absorption_rate"], MEASURED, **style),
        "absorption_by_verdict": plotting.absorption_chart(chart_rows(t, "magnesium", "absorption_rate"), MEASURED,
                                                           supplement="magnesium", **style),
        "prevalence": plotting.prevalence_chart(claims[claims["claim_type"] == "deficiency_prevalence"], PREVALENCE,
                                                supplement="magnesium", **style),
        "grade_by_metric": plotting.grade_by_metric_chart(t["scores"], BAND, **style),
        "naive_vs_structured": plotting.naive_vs_structured_chart(t["comparison"], BAND, labels=labels),
        "sentence_grades": plotting.sentence_grade_chart(t["sentences"], BAND, **style),
        "claim_matrix": plotting.verdict_matrix_chart(t["matrix"], **style),
        "pairwise_agreement": plotting.agreement_heatmap(t["pairs"], labels=labels),
        "category_densities": plotting.category_density_chart(t["densities"], **style),
        "promo_index": plotting.promo_index_chart(t["language"], **style),
        "hedge_vs_booster": plotting.hedge_booster_chart(t["language"], **style),
    }
    for supplement, bands in BANDS.items():  # each supplement against its own bands, in their unit
        rows = chart_rows(t, supplement, "dose", bands["unit"].iloc[0])
        figures[f"dose_ranges_{supplement}"] = plotting.dose_bands_chart(rows, bands, supplement, **style)
    return figures


CAPTION = ("Sources: data/reference/reference_values.csv (IOM 1997; NIH ODS) and claimcritique's tables of the "
           "corpus; a caption long enough to need wrapping over two or three lines of the figure's width.")


def assert_layout(figures: dict) -> None:
    import matplotlib.pyplot as plt

    problems = {}
    for name, fig in figures.items():
        plotting.add_caption(fig, CAPTION)
        found = layout_problems(fig)
        if found:
            problems[name] = found[:5]
        plt.close(fig)
    assert not problems, problems


@pytest.fixture(scope="module")
def seeds_tables():
    return seed_tables()


def test_seed_figures_have_no_overlapping_text_and_name_documents_by_label(seeds_tables):
    documents = seeds_tables["documents"]
    figures = every_chart(seeds_tables)
    labels = plotting.document_labels(documents)
    ticks = [t.get_text() for t in figures["promo_index"].axes[0].get_yticklabels()]
    assert sorted(ticks) == sorted(labels.values())
    assert_layout(figures)


@pytest.mark.parametrize("n", [1, 11, 200])
def test_every_chart_draws_any_number_of_documents_without_overlaps(n):
    """The eleventh document once had no colour (KeyError): every chart must work for 1, 11 and 200 documents."""
    assert_layout(every_chart(made_up_tables(n, LONG_NAMES)))


def _fallback_font_installed() -> bool:
    from matplotlib import font_manager

    plotting.set_style()
    return bool({f.name for f in font_manager.fontManager.ttflist}.intersection(plotting.FALLBACK_FONTS))


@pytest.mark.skipif(not _fallback_font_installed(), reason="no CJK fallback font (.ci/run installs fonts-droid-fallback)")
def test_long_and_cjk_names_are_drawn_without_overlaps_or_missing_glyphs():
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from.*font.*")  # CJK drawn, no glyph warnings
        figures = every_chart(made_up_tables(5, LONG_NAMES))
        assert_layout(figures)


def test_a_document_too_short_to_score_has_no_bar_and_says_so():
    t = made_up_tables(3, LONG_NAMES)  # the first document has no grades
    figures = every_chart(t)
    legend = [x.get_text().replace("\n", " ") for x in figures["grade_by_metric"].axes[0].get_legend().get_texts()]
    assert legend[0] == LONG_NAMES[0] + " (not scored: too short)"
    widths = [bar.get_width() for bar in figures["grade_by_metric"].axes[0].patches]
    assert sum(np.isnan(w) for w in widths) == len(plotting.GRADE_METRICS)  # no bar at grade 0


def test_documents_without_labels_are_named_by_short_id():
    figures = every_chart(made_up_tables(3))
    ticks = [t.get_text() for t in figures["promo_index"].axes[0].get_yticklabels()]
    assert sorted(ticks) == ["doc00000", "doc00001", "doc00002"]


def test_range_charts_draw_every_claim_up_to_their_limit(tmp_path):
    plotting.set_style()
    for n in (1, 11, 200):
        claims = made_up_tables(n)["claims"]
        rows = claims[claims["claim_type"] == "dose"]
        fig = plotting.dose_bands_chart(rows, BANDS["magnesium"], "magnesium")
        assert len(fig.axes[0].get_yticklabels()) == min(n, plotting.MAX_RANGE_ROWS)
        written = plotting.save_figure(fig, f"dose_{n}", tmp_path, caption="Source: test.")
        assert all(p.stat().st_size > 0 for p in written)


def test_dose_chart_draws_a_supplements_own_bands_and_colours_claims_by_verdict():
    plotting.set_style()
    rows = pd.DataFrame({"doc_id": ["a", "b"], "subject": ["adults", "adults"], "low": [1000.0, 5000.0],
                         "high": [2000.0, 10000.0], "unit": "IU/day",
                         "verdict": ["consistent with reference", "above upper limit"]})
    fig = plotting.dose_bands_chart(rows, BANDS["vitamin d"], "vitamin d", labels={"a": "Page A", "b": "Page B"})
    ax = fig.axes[0]
    legend = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    assert any("4000 IU" in t for t in legend) and "above upper limit" in legend
    assert not any("mg" in t for t in legend)  # vitamin D's bands, not magnesium's
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Page A · adults", "Page B · adults"]
    import matplotlib.colors as mcolors

    drawn = {mcolors.to_hex(line.get_color()) for line in ax.get_lines() if len(line.get_ydata()) == 2}
    assert mcolors.to_hex(plotting.VERDICT_COLOURS["above upper limit"]) in drawn


def test_matrix_cells_are_never_cut_with_an_ellipsis(seeds_tables):
    figures = every_chart(made_up_tables(3, LONG_NAMES))
    cells = [t.get_text() for t in figures["claim_matrix"].axes[0].texts]
    assert cells and not any("…" in c for c in cells)
    assert any("85-90%" in c for c in cells) and any(c.endswith("more") for c in cells)


def test_one_colour_per_document_in_corpus_order_and_neutral_past_ten():
    few = plotting.document_palette(pd.DataFrame({"doc_id": ["b", "a", "c"]}))
    assert list(few) == ["b", "a", "c"] and len(set(few.values())) == 3
    many = plotting.document_palette([f"d{i}" for i in range(11)])
    assert set(many.values()) == {plotting.NEUTRAL}
    colours = plotting.colours_for([f"d{i}" for i in range(40)])
    assert len(colours) == 40 and len(set(colours.values())) == 40


def test_a_document_keeps_its_colour_across_figures():
    t = made_up_tables(4, LONG_NAMES)
    palette = plotting.document_palette(t["documents"])
    figures = every_chart(t)
    bars = figures["promo_index"].axes[0].patches
    ranked = t["language"].sort_values("promo_index", ascending=False, kind="stable")["doc_id"]
    import matplotlib.colors as mcolors

    for bar, doc_id in zip(bars, ranked):
        assert mcolors.to_hex(bar.get_facecolor()) == mcolors.to_hex(palette[doc_id])


def test_zero_bars_are_visible_and_axes_are_in_words(seeds_tables):
    figures = every_chart(seeds_tables)
    values = [t.get_text() for t in figures["promo_index"].axes[0].texts]
    assert len(values) == len(seeds_tables["language"])
    assert all(not text.get_text().count("_") for fig in figures.values() for ax in fig.axes
               for text in [ax.xaxis.label, ax.yaxis.label, *ax.get_yticklabels()] if "grade" in text.get_text())
    assert "Flesch-Kincaid grade" in [t.get_text() for t in figures["grade_by_metric"].axes[0].get_yticklabels()]


def test_seed_figures_with_manifest_labels_name_the_vendor_page(seeds_tables):
    """With the corpus table's `label` column, every chart that names documents names them by label."""
    names = {"000": "Magnesium Glycinate Benefits", "001": "Asmidev Herbals", "002": "Trusted Supplements",
             "003": "TopVitamime · Evidence summary"}
    labelled = dict(seeds_tables, documents=seeds_tables["documents"].assign(
        label=lambda d: d["doc_id"].map(plotting.short_id).map(names)))
    figures = every_chart(labelled)
    for name in ["block_kinds", "claim_types", "naive_vs_structured", "sentence_grades", "claim_matrix", "promo_index",
                 "dose_ranges_magnesium", "absorption_by_verdict"]:
        ticks = {t.get_text().split(" · ")[0] for t in figures[name].axes[0].get_yticklabels()}
        assert "Trusted Supplements" in ticks and not any(t.startswith("002") for t in ticks), (name, ticks)
    legend = [t.get_text() for t in figures["hedge_vs_booster"].axes[0].get_legend().get_texts()]
    assert "Trusted Supplements" in legend
    assert_layout(figures)


def test_caption_sits_below_the_axis_label_of_any_figure():
    """The caption once overlapped the x-axis label (04_promo_index); also for figures drawn elsewhere."""
    import matplotlib.pyplot as plt

    plotting.set_style()
    for layout in ("constrained", None):
        fig, ax = plt.subplots(figsize=(6, 3), layout=layout)
        ax.barh(["a", "b"], [1, 0])
        ax.set(xlabel="promo index (promotional matches per 1,000 words, disease claims x3, minus hedges)")
        caption = plotting.add_caption(fig, CAPTION)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        assert caption.get_window_extent(renderer).y1 < ax.xaxis.label.get_window_extent(renderer).y0
        assert caption.get_window_extent(renderer).x1 <= fig.bbox.x1
        plt.close(fig)
