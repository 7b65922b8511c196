"""Verdicts on the classes of error a third fact-check (audit 5, pages never seen) found in problem findings, and
the gate that withholds a problem finding when what makes it publishable is missing: each class on made-up
pages, with a finding that must appear and one that must not (never one page of a corpus)."""
from __future__ import annotations

import pandas as pd
import pytest

from claimcritique import consistency, references
from tests.test_consistency import findings_for, write_corpus

PROBLEM_KINDS = list(consistency.PROBLEM_KINDS) + ["contradiction", "self_contradiction"]
PAGES = {
    # a stated band lost: the band after the amount, and each item of a list of ULs by age
    "vitd_bands": "Vitamin D needs\n\nThe recommended daily intake of vitamin D is 600 IU for people ages 19 to 70, "
                  "and 800 IU after age 70.\n",
    "vitd_ul_list": "Vitamin D limits\n\nFor adults, taking up to 4,000 IU per day is safe; ages 4 to 8, up to 3,000 "
                    "IU; ages 1 to 3, 2,500 IU; ages 0 to 6 months, up to 1,000 IU.\n",
    "vitd_kid_over": "Vitamin D for kids\n\nFor children ages 1 to 3, give 3,500 IU of vitamin D daily.\n",
    # side-effect and laxative thresholds are not doses
    "mag_laxative": "Magnesium forms\n\nChloride works well for me, and things like citrate give the shits by about "
                    "600mg of magnesium.\n",
    "mag_diarrhoea": "Magnesium cautions\n\nMagnesium supplements cause diarrhoea at doses above 700 mg of magnesium.\n",
    "mag_advice": "Magnesium for sleep\n\nTake 600 mg of elemental magnesium daily.\n",
    # hypotheticals and rejected positions
    "mag_assume": "Magnesium absorption\n\nThat works out well; however, that's assuming about 100% absorption of "
                  "magnesium.\n",
    "mag_claim": "Magnesium oxide\n\nMagnesium oxide is 60% absorbed by the body.\n",
    "cre_myth": "Creatine loading\n\nMisconception: take 40 grams of creatine per day for 3 days.\n",
    "cre_advice": "Creatine loading\n\nTake 40 grams of creatine per day for 3 days.\n",
    # market ranges and titration ceilings
    "mel_market": "Melatonin doses\n\nTypical melatonin doses are between 1 and 5 milligrams, although some products "
                  "go to as high as 20 mg.\n",
    "mel_titrate": "Melatonin titration\n\nIncrease slowly. Stop once you get to 10 mg (do not exceed 10 mg) or until "
                   "you fall asleep.\n",
    "mel_advice": "Melatonin for sleep\n\nTake 20 mg of melatonin every night before bed.\n",
    # a supplement amount against a total-intake UL, and frequencies given as a range
    "vitd_supplement": "Vitamin D safety\n\nFor adults, taking up to 4,000 IU of vitamin D per day as a supplement is "
                       "safe.\n",
    "theanine_freq": "L-theanine dosing\n\nTake 100-200 mg of magnesium once or twice daily.\n",
    # an age range read as an amount
    "vitd_ages": "Vitamin D\n\nThe recommended daily intake of vitamin D is 600 IU for people ages 1 to 70.\n",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory) -> pd.DataFrame:
    return findings_for(write_corpus(tmp_path_factory.mktemp("audit5"), PAGES))


def _of(findings: pd.DataFrame, doc_id: str, topic: str = "dose") -> pd.DataFrame:
    return findings[(findings["doc_id"] == doc_id) & (findings["topic"] == topic) & (findings["kind"] != "contradiction")]


def _value(findings: pd.DataFrame, doc_id: str, value: str, topic: str = "dose") -> pd.DataFrame:
    rows = _of(findings, doc_id, topic)
    return rows[rows["value"].str.startswith(value)]


def _problems(findings: pd.DataFrame, doc_id: str, topic: str = "dose") -> pd.DataFrame:
    rows = _of(findings, doc_id, topic)
    return rows[rows["kind"].isin(PROBLEM_KINDS)]


def test_a_band_after_the_amount_is_the_band_judged(found):
    seniors = _value(found, "vitd_bands", "800 IU")
    assert seniors["kind"].tolist() == ["agreement"], seniors[["kind", "detail"]].to_dict("records")
    assert seniors["reference_id"].tolist() == ["vitd_rda_adults_71plus_iom2011"]
    assert _problems(found, "vitd_bands").empty
    assert consistency.age_spans("800 IU after age 70.") == [(852.0, float("inf"))]
    assert consistency.age_spans("ages 4 to 8, up to") == [(48.0, 107.0)]


def test_each_item_of_a_list_of_uls_by_age_is_held_to_its_own_band(found):
    rows = _of(found, "vitd_ul_list")
    assert _problems(found, "vitd_ul_list").empty, rows[["value", "kind", "detail"]].to_dict("records")
    kids = _value(found, "vitd_ul_list", "up to 3000")
    assert kids["population"].tolist() == ["children"] and "3000 IU/day UL" in kids["detail"].iloc[0]
    infants = _value(found, "vitd_ul_list", "up to 1000")
    assert infants["population"].tolist() == ["infants"] and "1000 IU/day UL" in infants["detail"].iloc[0]
    # a child's advised dose above the child's own limit is still found
    assert _of(found, "vitd_kid_over")["kind"].tolist() == ["exceeds_reference"]


def test_side_effect_and_laxative_thresholds_are_not_doses(found):
    assert _problems(found, "mag_laxative").empty and _problems(found, "mag_diarrhoea").empty
    assert set(_of(found, "mag_laxative")["basis"]) <= {"warning"}
    assert _of(found, "mag_advice")["kind"].tolist() == ["exceeds_reference"]


def test_hypotheticals_and_rejected_positions_are_not_the_pages_claims(found):
    assert _problems(found, "mag_assume", "absorption_rate").empty
    assert _of(found, "mag_claim", "absorption_rate")["kind"].tolist() == ["conflicts_with_evidence"]
    assert _of(found, "cre_myth").empty or set(_of(found, "cre_myth")["basis"]) == {"described"}
    assert not _of(found, "cre_advice").empty and set(_of(found, "cre_advice")["basis"]) == {"supplement"}


def test_market_highs_and_titration_tops_are_not_advised_doses(found):
    market = _value(found, "mel_market", "20 mg")
    assert market.empty or set(market["kind"]) == {"unsupported"}
    assert _problems(found, "mel_market").empty
    tops = _of(found, "mel_titrate")
    assert len(tops) and not tops["kind"].isin(PROBLEM_KINDS).any(), tops[["value", "kind", "detail"]]
    assert all("ceiling" in d for d in tops["detail"])  # both readings of the 10 mg say the same
    assert _of(found, "mel_advice")["kind"].tolist() == ["outside_studied_range"]


def test_a_supplement_amount_against_a_total_intake_ul_says_so(found):
    row = _of(found, "vitd_supplement")
    assert row["kind"].tolist() == ["agreement"]
    assert "UL covers total intake" in row["detail"].iloc[0]
    assert "UL covers total intake" not in _value(found, "vitd_bands", "800 IU")["detail"].iloc[0]


def test_a_range_of_frequencies_multiplies_each_end():
    assert consistency._frequency_range("100-200 mg once or twice daily", 10) == (1, 2)
    assert consistency._frequency_range("500 mg per dose, two to three times per day", 6) == (2, 3)
    assert consistency._frequency_range("500 mg twice daily", 6) is None


def test_an_age_range_never_becomes_a_problem_finding(found):
    rows = _of(found, "vitd_ages")
    assert not rows["value"].str.startswith("1-70").any(), rows[["value", "kind"]].to_dict("records")
    assert _problems(found, "vitd_ages").empty
    assert _value(found, "vitd_ages", "600 IU")["kind"].tolist() == ["agreement"]


def _stance(**values) -> dict:
    base = {"doc_id": "d", "topic": "dose", "subject": "adults (general)", "low": 5000.0, "high": 5000.0,
            "unit": "IU", "stance": "5000 IU", "quote": "q", "start": 0, "end": 1, "supplement": "vitamin d",
            "population": "adults (general)", "purpose": "general", "basis": "supplement", "elemental": "",
            "form": "", "role": "stance", "claim_subject": "", "value_start": 0, "value_end": 1}
    return {**base, **values}


def _gated(**values) -> tuple[str, str]:
    refs = consistency._References(references.load_references())
    a = _stance(**values)
    found = consistency._dose_verdict(a, refs) if a["topic"] == "dose" else consistency.VERDICT_OF[a["topic"]](a, refs)
    kept = consistency.gate_problem(found, a, refs, consistency._named_supplements(pd.DataFrame([a])))
    return found["kind"], kept["kind"]


def test_the_gate_keeps_advice_and_withholds_what_is_missing():
    # advice, named, plausible: kept
    quote = "Take 5,000 IU of vitamin D every day."
    assert _gated(quote=quote, value_start=5, value_end=13, end=len(quote)) == ("exceeds_reference",) * 2
    # no advice cue (a number in a sentence that advises nothing): withheld, with what was missing
    quote = "My cousin mentioned 5,000 IU of vitamin D at dinner."
    kinds = _gated(quote=quote, value_start=20, value_end=28, end=len(quote))
    assert kinds == ("exceeds_reference", "unsupported")
    # a number that is an age: no dose at all
    quote = "The recommended intake is 600 IU for people ages 1 to 70."
    refs = consistency._References(references.load_references())
    age = _stance(quote=quote, low=1.0, high=70.0, stance="1-70 IU", basis="total intake", value_start=49,
                  value_end=56, end=len(quote))
    assert consistency._implausible_dose(age, refs) == consistency.AN_AGE
    assert consistency._dose_verdict(age, refs) is None


def test_the_gate_reason_is_in_the_detail():
    refs = consistency._References(references.load_references())
    quote = "However, that's assuming 100% absorption of magnesium."
    a = _stance(topic="absorption_rate", low=100.0, high=100.0, unit="%", stance="100%", supplement="magnesium",
                quote=quote, value_start=25, value_end=29, end=len(quote))
    found = {"kind": "conflicts_with_evidence", "detail": "100% absorbed is above every measured value."}
    why = consistency.withheld_problem(a, found, refs)
    assert "hypothetical" in why
    kept = consistency.gate_problem({**found, "verdict": ""}, a, refs, {("d", "magnesium")})
    assert kept["kind"] == "unsupported" and kept["detail"].startswith("Not reported as a problem (")
    assert consistency.withheld_problem(a, {**found, "kind": "agreement"}, refs) == ""
