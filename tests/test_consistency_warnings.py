"""Verdicts on the classes of false finding a new user's trial showed: warnings and prohibitions, trial
descriptions, life-stage labels, co-ingredients, a carrier oil's mass, questions, ceilings, another body's
figure beside the upper limit and the range of doses on the market. Each class on made-up sentences, with a
finding that must appear and one that must not."""
from __future__ import annotations

import pandas as pd
import pytest

from claimcritique import consistency
from tests.test_consistency import findings_for, write_corpus

ADVERSE = ("exceeds_reference", "unclear_basis", "unclear_population", "outside_studied_range",
           "conflicts_with_evidence")


def _of(findings: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    return findings[(findings["doc_id"] == doc_id) & (findings["topic"] == "dose")
                    & ~findings["kind"].isin(["contradiction", "self_contradiction"])]


def _pairs(findings: pd.DataFrame, kind: str = "contradiction") -> set[frozenset]:
    rows = findings[(findings["topic"] == "dose") & (findings["kind"] == kind)]
    return {frozenset((a, b)) for a, b in zip(rows["doc_id"], rows["other"])}


WARNINGS = [
    "Don't take 100 mg of zinc per day unless your doctor tells you to.",
    "Never take 150 mg of zinc a day.",
    "Avoid doses above 60 mg of zinc daily.",
    "Zinc is not recommended at 200 mg per day.",
    "Taking 10,000 IU of vitamin D daily is not recommended.",
    "Up to 10 g/day of vitamin C is sometimes taken for unproven health benefits, such as preventing colds.",
    "Is 80mg of zinc safe?",
    "The Vitamin D Council suggests humans need 5,000 IU of vitamin D3 per day, while the Institute of Medicine "
    "says the tolerable upper level of vitamin D is 4,000 IU of vitamin D.",
    "Dosages range from 400 IU to 5,000 IU of vitamin D.",
    "1 IU of vitamin D is the same as 0.025 μg of vitamin D3.",
    "Overdose levels are around 2-3 g of vitamin C, which can cause digestive issues.",
    "Some people take 20 g/day of vitamin C, which is dangerous.",
]
ADVICE = [  # the same amounts advised: each must still be found above its limit
    ("Take 100 mg of elemental zinc per day.", "exceeds_reference"),
    ("Take 150 mg of elemental zinc a day.", "exceeds_reference"),
    ("Take 10,000 IU of vitamin D daily.", "exceeds_reference"),
    ("Take up to 10 g/day of vitamin C for colds.", "exceeds_reference"),
    ("Take 80 mg of elemental zinc daily.", "exceeds_reference"),
    ("Take 5,000 IU of vitamin D3 per day, even though the tolerable upper level is 4,000 IU.", "exceeds_reference"),
    ("Recommended dosages range from 400 IU to 5,000 IU of vitamin D daily.", "exceeds_reference"),
]


@pytest.fixture(scope="module")
def warning_findings(tmp_path_factory):
    pages = {f"warn{i}": f"Supplement safety\n\n{text}\n" for i, text in enumerate(WARNINGS)}
    pages.update({f"advice{i}": f"Supplement dosing\n\n{text}\n" for i, (text, _) in enumerate(ADVICE)})
    return findings_for(write_corpus(tmp_path_factory.mktemp("warnings"), pages))


@pytest.mark.parametrize("index", range(len(WARNINGS)))
def test_a_warning_question_report_or_market_range_gets_no_adverse_verdict(warning_findings, index):
    found = _of(warning_findings, f"warn{index}")
    assert not found["kind"].isin(ADVERSE).any(), (WARNINGS[index], found[["kind", "detail"]].to_dict("records"))


@pytest.mark.parametrize("index", range(len(ADVICE)))
def test_the_same_amount_advised_is_still_judged(warning_findings, index):
    text, kind = ADVICE[index]
    assert kind in _of(warning_findings, f"advice{index}")["kind"].tolist(), text


def test_a_warning_covers_its_own_clause_only(tmp_path):
    pages = {"mel_safe": "Melatonin\n\nThe standard safe dosage for adults is typically between 3 mg and 5 mg daily, "
                         "and doses over 8 mg are not recommended.\n",
             "mel_high": "Melatonin\n\nTake 10 mg of melatonin nightly, but never take 20 mg.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    safe = _of(found, "mel_safe")
    assert safe["kind"].tolist() == ["agreement"] and safe["value"].tolist() == ["3-5 mg/day"]
    high = _of(found, "mel_high")  # the advised 10 mg is judged; the forbidden 20 mg is not
    assert high["kind"].tolist() == ["outside_studied_range"] and "10 mg" in high.iloc[0]["value"]


def test_clause_and_warning_helpers():
    quote = "Take 3 mg daily, and doses over 8 mg are not recommended."
    assert consistency._clause_of(quote, quote.index("8 mg"), quote.index("8 mg") + 4).strip().startswith("and doses")
    assert consistency._is_warning(quote, quote.index("8 mg"), quote.index("8 mg") + 4)
    assert not consistency._is_warning(quote, quote.index("3 mg"), quote.index("3 mg") + 4)
    assert not consistency._is_warning("Taking 10,000 IU daily is safe.", 7, 16)  # "10,000" is not a clause break
    assert consistency._is_warning("Taking 10,000 IU daily is not recommended.", 7, 16)


def test_a_ceiling_is_not_a_dose_outside_the_studied_range(tmp_path):
    pages = {"mel_ceiling": "Melatonin\n\nMost experts recommend taking no more than 10 milligrams of melatonin at a "
                            "time.\n",
             "mel_up_to": "Melatonin\n\nTake up to 10 mg of melatonin at night.\n",
             "zinc_ceiling": "Zinc\n\nZinc is likely safe when used in amounts no greater than 40 mg daily.\n",
             "zinc_should_not": "Zinc\n\nYou should not take more than 40 mg of zinc daily.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    ceiling = _of(found, "mel_ceiling")
    assert ceiling["kind"].tolist() == ["unsupported"] and "ceiling" in ceiling.iloc[0]["detail"]
    assert _of(found, "mel_up_to")["kind"].tolist() == ["outside_studied_range"]  # advice up to 10 mg is judged
    assert _of(found, "zinc_ceiling")["kind"].tolist() == ["agreement"]  # a ceiling within the UL agrees
    # a prohibition of more than an amount is a ceiling the page advises, not a warning left unjudged
    assert _of(found, "zinc_should_not")["kind"].tolist() == ["agreement"]


def test_a_trial_description_is_never_a_side_of_a_contradiction(tmp_path):
    pages = {"trial": "Vitamin D and bones\n\nRandomized trials show a 20% reduction in fracture incidence among "
                      "older adults who supplement with 1,000 IU of vitamin D daily.\n",
             "consistently": "Vitamin D and bones\n\nStudies have consistently shown that 1,000 IU of vitamin D "
                             "lowers the risk of fractures in older adults.\n",
             "advice_high": "Vitamin D for seniors\n\nOlder adults should take 1,000 IU of vitamin D daily.\n",
             "advice_low": "Vitamin D for seniors\n\nOlder adults should take 400 IU of vitamin D daily.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    pairs = _pairs(found)
    assert frozenset(("advice_high", "advice_low")) in pairs
    assert not any({"trial", "consistently"} & pair for pair in pairs)
    assert _of(found, "trial").empty and _of(found, "consistently").empty


def test_life_stage_labels_are_other_groups_not_a_self_contradiction(tmp_path):
    lead = "Zinc needs\n\nRecommended Daily Allowance (RDA) for Zinc\n\nFor adults, the recommended intake is:\n\n"
    pages = {"stages": lead + "- Women: 8 mg per day\n\nPregnant and breastfeeding women have higher requirements, "
                              "with recommendations of 11 mg and 12 mg per day, respectively.\n",
             "twice": lead + "- Women: 8 mg per day\n- Women: 12 mg per day\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    selves = found[found["kind"] == "self_contradiction"]
    assert "stages" not in set(selves["doc_id"])
    assert "twice" in set(selves["doc_id"])
    stages = _of(found, "stages")
    assert set(stages["population"]) == {"adults (general)", "pregnancy/lactation"}


def test_a_co_ingredient_is_composition(tmp_path):
    pages = {"vitc_tablet": "Vitamin C tablets\n\nTake one tablet of 500 mg vitamin C daily. Each tablet also contains "
                            "10 µg of vitamin D3.\n",
             "vitd_advice_small": "Vitamin D\n\nTake 10 µg of vitamin D3 daily.\n",
             "vitd_advice_big": "Vitamin D\n\nAdults should take 2,000 IU of vitamin D daily.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    pairs = _pairs(found)
    assert frozenset(("vitd_advice_small", "vitd_advice_big")) in pairs
    assert not any("vitc_tablet" in pair for pair in pairs)
    vitamin_d = found[(found["doc_id"] == "vitc_tablet") & (found["supplement"] == "vitamin d")]
    assert vitamin_d.empty


def test_a_fish_oil_mass_is_not_judged_as_epa_dha(tmp_path):
    pages = {"softgels": "Omega-3\n\nTake 3 softgels daily for 3000 mg of fish oil providing 900 mg EPA and 600 mg "
                         "DHA.\n",
             "plural": "Omega-3\n\nTake capsules with 600 mg of omega-3s made up of 240 mg of EPA and 360 mg of DHA "
                       "daily.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    softgels = _of(found, "softgels")
    oil = softgels[softgels["value"] == "3000 mg/day"]
    assert oil["kind"].tolist() == ["unsupported"] and "fish oil" in oil.iloc[0]["detail"]
    epa = softgels[softgels["value"] == "900 mg/day"]
    assert epa["kind"].tolist() == ["agreement"]  # the stated EPA is judged
    plural = _of(found, "plural")
    assert "agreement" in plural.loc[plural["value"].str.startswith("600 mg"), "kind"].tolist()


def test_more_may_be_needed_leaves_the_range_open(tmp_path):
    pages = {"open": "Vitamin D\n\nThe Endocrine Society recommends 600 IU of vitamin D daily for adults but suggests "
                     "more may be needed.\n",
             "capped": "Vitamin D\n\nAdults should take 600 IU of vitamin D daily.\n",
             "big": "Vitamin D\n\nTake 5,000 IU of vitamin D daily.\n"}
    pairs = _pairs(findings_for(write_corpus(tmp_path / "c", pages)))
    assert frozenset(("capped", "big")) in pairs
    assert frozenset(("open", "big")) not in pairs


def test_the_new_cues_are_rows_of_the_stance_lexicon():
    table = consistency.load_stance_patterns()
    rows = table[table["topic"] == "dose_basis"]
    assert {"warning", "ceiling"} <= set(rows["stance"])
    assert rows["source"].str.len().gt(20).all()


def test_a_flattened_table_cell_is_not_shown_as_the_references_quote(tmp_path):
    from claimcritique import references
    refs = references.load_references()
    flattened = refs[refs["quote_holds_values"].str.startswith("no: flattened")]
    assert len(flattened)  # the NASEM summary-table rows are copied table cells
    found = findings_for(write_corpus(tmp_path / "c", {
        "zinc_rda": "Zinc needs\n\nFor adults, the recommended intake is:\n\n- Men: 11 mg per day\n",
        "zinc_ul": "Zinc\n\nTake 20 mg of elemental zinc daily.\n"}))
    rda = _of(found, "zinc_rda")
    assert rda["kind"].tolist() == ["agreement"]
    assert rda.iloc[0]["other_quote"].startswith("[not verbatim") and "11 mg/day" in rda.iloc[0]["other_quote"]
    assert not any(q in rda.iloc[0]["other_quote"] for q in flattened["quote"])
    ul = _of(found, "zinc_ul")  # a legible quote is shown as it is
    assert ul["kind"].tolist() == ["agreement"] and ul.iloc[0]["other_quote"] in set(refs["quote"])


def test_an_attributed_rda_beside_the_upper_limit_is_still_judged(tmp_path):
    found = findings_for(write_corpus(tmp_path / "c", {
        "nih": "Zinc\n\nAccording to the NIH, adults should take 11 mg of elemental zinc daily, and the upper limit "
               "is 40 mg.\n"}))
    assert "agreement" in _of(found, "nih")["kind"].tolist()
