"""The tables the findings' charts draw: each claim's own verdict (never its sentence's worst), rows traceable to
their sentence, and pairwise agreement over what was compared (unrelated pages are "not compared", never "agree")."""
from __future__ import annotations

import math

import matplotlib.colors as mcolors
import pandas as pd
import pytest

from claimcritique import analysis, consistency, paths, plotting, references

QUOTE = "Each serving gives 0.9 g EPA and 0.6 g DHA; some brands sell 3 g capsules."
AT = 100  # the sentence's offset in its document


def _stance(doc_id: str, quote: str, written: str, low: float, high: float, unit: str, supplement: str,
            sentence_at: int = AT, **extra) -> dict:
    """A numeric stance as `numeric_stances` writes it, its number at `written` in `quote`."""
    at = sentence_at + quote.index(written)
    row = {"doc_id": doc_id, "topic": "dose", "subject": "adults (general)", "low": low, "high": high, "unit": unit,
           "stance": consistency._fmt(low, high, unit), "quote": quote, "start": sentence_at,
           "end": sentence_at + len(quote), "supplement": supplement, "population": "adults (general)",
           "purpose": "general", "basis": "supplement", "elemental": "", "form": "", "role": "stance",
           "claim_subject": "adults", "value_start": at, "value_end": at + len(written)}
    return {**row, **extra}


def _finding(stance: dict, kind: str, other: str = "", other_quote: str = "", other_value: str = "",
             keyed: bool = True) -> dict:
    row = consistency._finding("dose", kind, stance, other or "ref", "made up", other_quote, other_value)
    if not keyed:  # a findings table written before findings carried their claim's offsets
        row = {k: v for k, v in row.items() if k not in consistency.CLAIM_KEY}
    return row


@pytest.fixture()
def one_sentence():
    """One sentence, three numbers: two within the 2 g limit, one above it."""
    stances = [_stance("page", QUOTE, "0.9 g", 900.0, 900.0, "mg/day", "omega-3"),
               _stance("page", QUOTE, "0.6 g", 600.0, 600.0, "mg/day", "omega-3"),
               _stance("page", QUOTE, "3 g", 3000.0, 3000.0, "mg/day", "omega-3")]
    return pd.DataFrame(stances), stances


def test_each_chart_row_gets_the_verdict_of_its_own_claim_not_its_sentences_worst(one_sentence):
    stances, (epa, dha, capsule) = one_sentence
    findings = pd.DataFrame([_finding(epa, "agreement"), _finding(dha, "agreement"),
                             _finding(capsule, "exceeds_reference")])
    rows = consistency.chart_rows(stances, findings, "omega-3", "dose", "mg/day")
    verdict = dict(zip(rows["low"], rows["verdict"]))
    assert verdict == {900.0: "consistent with reference", 600.0: "consistent with reference",
                       3000.0: "above upper limit"}
    assert rows["verdict"].iloc[0] == "above upper limit"  # the most serious first, as before


def test_chart_rows_name_the_number_as_written_with_its_quote_and_offsets(one_sentence):
    stances, (epa, dha, capsule) = one_sentence
    findings = pd.DataFrame([_finding(s, "agreement") for s in (epa, dha, capsule)])
    rows = consistency.chart_rows(stances, findings, "omega-3", "dose", "mg/day").set_index("low")
    assert rows.loc[900.0, "as_written"] == "0.9 g EPA" and rows.loc[600.0, "as_written"] == "0.6 g DHA"
    for _, row in rows.iterrows():  # the page's own text at the row's offsets is the number as written
        assert row["quote"][row["value_start"] - row["start"]:row["value_end"] - row["start"]] in row["as_written"]
    fig = plotting.dose_bands_chart(rows.reset_index(), references.dose_bands(references.load_references(), "omega-3"),
                                    "omega-3", labels={"page": "Page"})
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert len(set(ticks)) == 3 and any("“0.9 g EPA”" in t for t in ticks), ticks  # no two rows named alike


def test_the_number_as_written_stops_at_the_next_cell_of_a_table_row_and_at_joining_words():
    row = "Magnesium Glycinate 85-90% Excellent Sleep, Muscle Function"
    at = row.index("85-90%")
    assert consistency._as_written(row, 10, 10 + at, 10 + at + 6) == "85-90%"
    text = "Take 400 mg of elemental magnesium and 900 mg EPA and more."
    for number, expected in (("400 mg", "400 mg of elemental"), ("900 mg", "900 mg EPA")):
        at = text.index(number)
        assert consistency._as_written(text, 0, at, at + len(number)) == expected
    assert consistency._as_written(text, 0, math.nan, math.nan) == ""


def test_findings_without_offsets_still_key_on_their_own_claims_value(one_sentence):
    stances, (epa, dha, capsule) = one_sentence
    findings = pd.DataFrame([_finding(epa, "agreement", keyed=False), _finding(dha, "agreement", keyed=False),
                             _finding(capsule, "exceeds_reference", keyed=False)])
    old_stances = stances.drop(columns=consistency.CLAIM_KEY)
    rows = consistency.chart_rows(old_stances, findings, "omega-3", "dose", "mg/day")
    assert dict(zip(rows["low"], rows["verdict"])) == {900.0: "consistent with reference",
                                                       600.0: "consistent with reference", 3000.0: "above upper limit"}


def test_a_range_inside_the_studied_band_is_not_painted_by_a_number_beside_it():
    quote = "Most adults take 3-5 mg, and doses over 10 mg are not studied."
    inside = _stance("mel", quote, "3-5 mg", 3.0, 5.0, "mg", "melatonin")
    above = _stance("mel", quote, "10 mg", 10.0, math.nan, "mg", "melatonin")
    findings = pd.DataFrame([_finding(above, "outside_studied_range"), _finding(inside, "agreement")])
    rows = consistency.chart_rows(pd.DataFrame([inside, above]), findings, "melatonin", "dose", "mg")
    assert dict(zip(rows["low"], rows["verdict"])) == {3.0: "consistent with reference", 10.0: "outside studied range"}


def test_both_sides_of_a_contradiction_are_drawn_as_contradicted_and_nothing_else_of_their_sentences():
    left_quote, right_quote = "Take 200 IU daily, or 600 IU in winter.", "Adults need 5,000 IU a day."
    low = _stance("a", left_quote, "600 IU", 600.0, 600.0, "IU/day", "vitamin d")
    low_other = _stance("a", left_quote, "200 IU", 200.0, 200.0, "IU/day", "vitamin d")
    high = _stance("b", right_quote, "5,000 IU", 5000.0, 5000.0, "IU/day", "vitamin d")
    findings = pd.DataFrame([_finding(low, "contradiction", other="b", other_quote=high["quote"],
                                      other_value=high["stance"]),
                             _finding(low_other, "agreement"), _finding(low, "agreement"),
                             _finding(high, "agreement")])
    rows = consistency.chart_rows(pd.DataFrame([low, low_other, high]), findings, "vitamin d", "dose", "IU/day")
    assert dict(zip(rows["low"], rows["verdict"])) == {
        600.0: "contradicted by another document", 200.0: "consistent with reference",
        5000.0: "contradicted by another document"}  # b's side: the other_quote and other_value of the finding
    findings.loc[3, ["kind", "verdict"]] = ["exceeds_reference", "above upper limit"]
    rows = consistency.chart_rows(pd.DataFrame([low, low_other, high]), findings, "vitamin d", "dose", "IU/day")
    assert dict(zip(rows["low"], rows["verdict"]))[5000.0] == "above upper limit"  # its own, more serious verdict


def test_every_seed_chart_row_has_exactly_the_most_serious_verdict_of_its_own_findings():
    results = analysis.analyze([paths.RAW])
    stances, findings = results["stances"], results["consistency"]
    assert findings[consistency.CLAIM_KEY].notna().any(axis=None)  # numeric findings carry their claim's offsets
    rank = {k: i for i, k in enumerate(consistency.MATRIX_ORDER)}
    for supplement in sorted(set(stances.loc[stances["topic"] == "dose", "supplement"]) - {""}):
        rows = consistency.chart_rows(stances, findings, supplement, "dose")
        for row in rows.itertuples():
            own = findings[(findings["doc_id"] == row.doc_id) & (findings["value_start"] == row.value_start)
                           & (findings["value_end"] == row.value_end) & (findings["topic"] == "dose")]
            if len(own) and not (own["kind"] == "contradiction").any():
                expected = min(own["kind"], key=rank.__getitem__)
                assert row.kind == expected, (row.as_written, row.kind, expected)


# --- pairwise agreement -----------------------------------------------------------------------------------

@pytest.fixture()
def three_pages():
    """Two pages on vitamin D that contradict each other, one on ashwagandha: compared with neither."""
    a = _stance("a", "Take 400 IU daily.", "400 IU", 400.0, 400.0, "IU/day", "vitamin d")
    b = _stance("b", "Take 5,000 IU daily.", "5,000 IU", 5000.0, 5000.0, "IU/day", "vitamin d")
    c = _stance("c", "Take 300 mg of root extract daily.", "300 mg", 300.0, 300.0, "mg/day", "ashwagandha")
    evidence = {"doc_id": ["a", "b", "c"], "topic": "evidence_strength", "subject": "health claims",
                "low": 50.0, "high": 50.0, "unit": "", "stance": "potential", "quote": "It may help.", "start": 0,
                "end": 12, "supplement": ["vitamin d", "vitamin d", "ashwagandha"], "role": "stance"}
    stances = pd.concat([pd.DataFrame([a, b, c]), pd.DataFrame(evidence)], ignore_index=True)
    stances = consistency._with_stance_columns(stances)
    findings = pd.DataFrame([_finding(a, "contradiction", other="b", other_quote=b["quote"], other_value=b["stance"])],
                            columns=consistency.FINDING_COLUMNS)
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"]})
    return findings, documents, stances


def test_pages_on_unrelated_supplements_are_not_compared_not_in_agreement(three_pages):
    findings, documents, stances = three_pages
    pairs = consistency.pairwise_agreement(findings, documents, stances).set_index(["doc_id", "other"])
    assert pairs.loc[("a", "c"), "status"] == "not compared" and math.isnan(pairs.loc[("a", "c"), "agreement"])
    assert pairs.loc[("a", "c"), "compared_topics"] == 0
    # vitamin D dose contradicted; evidence strength is never compared between pages, so it is no "agreement"
    assert pairs.loc[("a", "b"), "agreement"] == 0.0
    assert (pairs.loc[("a", "b"), "compared_topics"], pairs.loc[("a", "b"), "contradicted_topics"]) == (1, 1)
    assert pairs.loc[("a", "a"), "status"] == "same document"


def test_pairwise_agreement_from_findings_alone_knows_only_what_the_findings_compared(three_pages):
    findings, documents, _ = three_pages
    pairs = consistency.pairwise_agreement(findings, documents).set_index(["doc_id", "other"])
    assert pairs.loc[("a", "b"), "agreement"] == 0.0
    assert pairs.loc[("b", "c"), "status"] == "not compared"


def _cell_colour(fig, row: int, column: int) -> tuple:
    mesh = fig.axes[0].collections[0]
    return tuple(mesh.get_facecolors()[row * 3 + column])


def test_pairwise_chart_shows_not_compared_apart_and_a_contradiction_strongly(three_pages):
    findings, documents, stances = three_pages
    plotting.set_style()
    pairs = consistency.pairwise_agreement(findings, documents, stances)
    half = pairs.assign(agreement=pairs["agreement"].where(pairs["status"] != "compared", 0.5),
                        compared_topics=pairs["compared_topics"].where(pairs["status"] != "compared", 2))
    fig = plotting.agreement_heatmap(half, labels={"a": "A", "b": "B", "c": "C"})
    ax = fig.axes[0]
    legend = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    assert any(t.startswith("not compared") for t in legend) and "same document" in legend
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 4  # a-c, c-a, b-c, c-b
    r, g, b, _ = _cell_colour(fig, 0, 1)  # a-b: half of the compared topics contradict
    assert 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5, (r, g, b)  # strong, never near-white
    assert mcolors.to_hex((r, g, b)) != mcolors.to_hex(plotting.SAME_DOCUMENT_COLOUR)
    assert "1/2" in [t.get_text() for t in ax.texts]  # agreeing / compared, the n of the share
    colourbar = fig.axes[1].get_ylabel()
    assert "share of compared topics that agree" in colourbar
