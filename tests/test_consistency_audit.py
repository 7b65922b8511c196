"""Verdicts on the classes of error an independent fact-check found: each class on made-up pages, with a
finding that must appear and one that must not (never one page of a corpus)."""
from __future__ import annotations

import pandas as pd
import pytest

from claimcritique import consistency, references
from tests.test_consistency import findings_for, write_corpus

PAGES = {
    # (1) population: age labels of an intake table, life stages, "childbearing age"
    "zinc_infant_row": "Zinc needs by age\n\nRecommended Dietary Allowances\n\nInfants 7-12 months: 3 mg\n",
    "zinc_child_row": "Zinc needs by age\n\nRecommended Dietary Allowances\n\n9 to 13 years: 8 mg\n",
    "zinc_lactation_row": "Zinc needs by life stage\n\nRecommended Dietary Allowances\n\nBreastfeeding women: 12-13 mg\n",
    "zinc_women_row": "Zinc needs by sex\n\nRecommended Dietary Allowances\n\nWomen: 8 mg\n",
    # (2) absorption: only against the same form, measured in comparable people, consistent only on overlap
    "vitc_low_absorption": "Vitamin C facts\n\nOnly 14-30% of vitamin C can be absorbed by the body.\n",
    "vitc_dietary_absorption": "Vitamin C facts\n\nModerate intakes of vitamin C are absorbed to 70-90%.\n",
    "mag_glycinate_absorption": "Magnesium forms\n\nMagnesium glycinate is absorbed at a rate of 85-90%.\n",
    "mag_sulfate_absorption": "Magnesium forms\n\nMagnesium sulfate is absorbed at a rate of 25-30%.\n",
    # (4) a recommended amount equal to its group's RDA, said without "RDA"
    "b12_pregnancy": "Vitamin B12 needs\n\nFor pregnancy, the amount of vitamin B12 increases to 2.6 mcg daily.\n",
    "b12_megadose": "Vitamin B12 shots\n\nTake 1,000 mcg of vitamin B12 daily.\n",
    # (5) a unit's strength and a study's amount are not daily doses
    "potassium_tablets": "Potassium pills\n\nIf you take 99-milligram potassium tablets, take only what your doctor says.\n",
    "zinc_lozenge_study": "Zinc and colds\n\nA shorter cold was shown by Eby et al. using 23 mg zinc gluconate lozenges.\n",
    "zinc_daily": "Zinc for colds\n\nTake 23 mg of elemental zinc daily.\n",
    # (6) an overlapping range is not "below" the studied doses
    "mel_overlap": "Melatonin timing\n\nFor delayed sleep phase, take 0.3-3 mg of melatonin in the evening.\n",
    "mel_below": "Melatonin microdose\n\nAdults should take 0.2 mg of melatonin at night.\n",
    # (8) a toxic amount or a harm threshold is not a dose
    "vitd_toxic": "Vitamin D safety\n\nTaking 60,000 IU of vitamin D daily can lead to toxicity.\n",
    "vitd_advice": "Vitamin D dosing\n\nTake 60,000 IU of vitamin D daily.\n",
    # (9) an advisory ceiling is not an upper limit
    "o3_three_grams": "Omega-3 dosing\n\nTake 3,000 mg of combined EPA and DHA daily.\n",
    # (10) permission to take it with a light meal does not contradict "empty stomach or minimal food"
    "mag_light_meal": "Magnesium tips\n\nMagnesium may be consumed with or after a light meal to minimize upset.\n",
    "mag_empty": "Magnesium tips\n\nTake magnesium on an empty stomach or with minimal food.\n",
    "mag_nausea": "Magnesium tips\n\nMagnesium can cause nausea if taken on an empty stomach.\n",
    # (10) "and higher for some people" has no upper end
    "vitd_open": "Vitamin D levels\n\nAdults often need 1,000 to 2,000 IU of vitamin D per day, and higher for people "
                 "with variants.\n",
    "vitd_capped": "Vitamin D levels\n\nAdults need 1,000 to 2,000 IU of vitamin D per day.\n",
    "vitd_big": "Vitamin D drops\n\nTake 10,000 IU of vitamin D daily.\n",
}


@pytest.fixture(scope="module")
def audit_findings(tmp_path_factory):
    return findings_for(write_corpus(tmp_path_factory.mktemp("audit"), PAGES))


def _of(findings: pd.DataFrame, doc_id: str, topic: str = "dose") -> pd.DataFrame:
    return findings[(findings["doc_id"] == doc_id) & (findings["topic"] == topic) & (findings["kind"] != "contradiction")]


def test_age_labels_of_intake_tables_name_infants_and_children():
    assert consistency.population_class("Birth to 6 months") == "infants"
    assert consistency.population_class("Infants 7-12 months") == "infants"
    assert consistency.population_class("14 to 18 years") == "children"
    assert consistency.population_class("19 to 30 years") == "adults (general)"
    assert consistency.population_class("women and girls of childbearing age") == "adults (general)"
    assert consistency.population_class("Adults 19 years and older") == "adults (general)"
    assert consistency.population_class("adults 51 years and older") == "seniors"
    assert consistency.population_class("adults over the age of 50") == "seniors"
    assert consistency._population("women", "Breastfeeding women: 12-13 mg") == "pregnancy/lactation"
    assert consistency._population("women", "Women: 8 mg") == "adults (general)"


def test_the_length_of_a_course_of_intake_is_not_an_age_band():
    """"for 2-3 months" is how long to take it, not infants; "for 1-2 years" is not children (each used to give a
    false exceeds_reference or unclear_population against the children's or infants' limit)."""
    assert consistency._population("", "Take 2000 IU of vitamin D daily for 2-3 months to restore your levels.") \
        == "adults (general)"
    assert consistency._population("", "Adults can take 4000 IU of vitamin D3 per day for 1-2 years safely.") \
        == "adults (general)"
    assert consistency._population("", "Infants 7-12 months: 500 mg") == "infants"
    assert consistency._population("", "14 to 18 years: 11 mg") == "children"


def test_a_life_stage_row_is_judged_against_its_own_group(audit_findings):
    lactation = _of(audit_findings, "zinc_lactation_row")
    assert lactation["kind"].tolist() == ["agreement"] and lactation["population"].tolist() == ["pregnancy/lactation"]
    assert _of(audit_findings, "zinc_women_row")["population"].tolist() == ["adults (general)"]
    for doc, group in (("zinc_infant_row", "infants"), ("zinc_child_row", "children")):
        found = _of(audit_findings, doc)
        assert found["population"].tolist() == [group], doc
        assert not found["kind"].isin(["conflicts_with_evidence", "unclear_population", "exceeds_reference"]).any()
    child = _of(audit_findings, "zinc_child_row")  # held to the 9-13 y limit its own row names, not to 1-3 y's
    assert child["kind"].tolist() == ["agreement"] and child["reference_id"].tolist() == ["zinc_ul_children_9_13"]


def test_absorption_is_consistent_only_where_a_measured_value_overlaps(audit_findings):
    assert _of(audit_findings, "vitc_low_absorption", "absorption_rate")["kind"].tolist() == ["unsupported"]
    assert _of(audit_findings, "vitc_dietary_absorption", "absorption_rate")["kind"].tolist() == ["agreement"]


def test_absorption_is_never_judged_on_patients_or_another_form(audit_findings):
    refs = references.load_references()
    assert refs[(refs["ref_id"].str.contains("glycinate")) & (refs["topic"] == "absorption_rate")]["population"] \
        .str.contains("patients").all()  # the only glycinate values are from patients
    for doc in ("mag_glycinate_absorption", "mag_sulfate_absorption"):
        found = _of(audit_findings, doc, "absorption_rate")
        assert found["kind"].tolist() == ["unsupported"], doc
        assert not found["detail"].str.contains("patients|Schuette").any()


def test_an_amount_equal_to_its_groups_rda_agrees_with_it(audit_findings):
    pregnancy = _of(audit_findings, "b12_pregnancy")
    assert pregnancy["kind"].tolist() == ["agreement"] and "b12_rda_pregnancy" in pregnancy.iloc[0]["reference_id"]
    assert _of(audit_findings, "b12_megadose")["kind"].tolist() == ["unsupported"]  # no UL, no RDA match


def test_a_units_strength_or_a_studys_amount_is_not_judged_as_a_daily_dose(audit_findings):
    assert _of(audit_findings, "potassium_tablets").empty
    assert _of(audit_findings, "zinc_lozenge_study").empty
    assert _of(audit_findings, "zinc_daily")["kind"].tolist() == ["agreement"]


def test_an_overlapping_range_is_not_below_the_studied_doses(audit_findings):
    overlap = _of(audit_findings, "mel_overlap")
    # (audit 2) its lower end is melatonin's cited physiological dose, its upper end a studied one: consistent
    assert overlap["kind"].tolist() == ["agreement"] and "night-time range" in overlap.iloc[0]["detail"]
    assert "is below the doses" not in overlap.iloc[0]["detail"]
    below = _of(audit_findings, "mel_below")
    assert below["kind"].tolist() == ["unsupported"] and "is below" in below.iloc[0]["detail"]


def test_a_toxic_amount_is_not_a_dose(audit_findings):
    assert _of(audit_findings, "vitd_toxic").empty
    assert _of(audit_findings, "vitd_advice")["kind"].tolist() == ["exceeds_reference"]


def test_an_advisory_ceiling_is_not_an_upper_limit(audit_findings):
    found = _of(audit_findings, "o3_three_grams")
    assert len(found) == 1 and found.iloc[0]["kind"] not in ("exceeds_reference", "unclear_basis")
    assert "o3_fda_ceiling_2004" not in found.iloc[0]["reference_id"]
    assert "upper limit" not in found.iloc[0]["detail"]


def test_permission_to_eat_is_no_contradiction_but_a_warning_is(audit_findings):
    timing = audit_findings[(audit_findings["topic"] == "food_timing") & (audit_findings["kind"] == "contradiction")]
    pairs = {frozenset((a, b)) for a, b in zip(timing["doc_id"], timing["other"])}
    assert frozenset(("mag_light_meal", "mag_empty")) not in pairs
    assert frozenset(("mag_nausea", "mag_empty")) in pairs


def test_an_open_ended_range_contradicts_no_higher_dose(audit_findings):
    doses = audit_findings[(audit_findings["topic"] == "dose") & (audit_findings["kind"] == "contradiction")]
    pairs = {frozenset((a, b)) for a, b in zip(doses["doc_id"], doses["other"])}
    assert frozenset(("vitd_open", "vitd_big")) not in pairs
    assert frozenset(("vitd_capped", "vitd_big")) in pairs


@pytest.mark.parametrize("text, kept", [
    ("Most research suggests 0.5-3 mg of melatonin is enough for adults.", True),  # advice citing research: judged
    ("Clinical studies have shown it to be effective in single doses of 2 mg of melatonin.", False),  # a study's dose
    ("Taking 10 mg of melatonin daily may increase the risk of grogginess.", False),  # a harm threshold
])
def test_study_and_warning_cues_are_narrow(tmp_path, text, kept):
    found = findings_for(write_corpus(tmp_path / "c", {"page": f"Melatonin\n\n{text}\n"}))
    assert (not _of(found, "page").empty) is kept


def test_an_open_bottom_range_never_matches_an_intake(tmp_path):
    pages = {"fishoil": "Fish oil\n\nUp to 3,000 mg of fish oil daily is generally considered safe for adults.\n",
             "b12_min": "Vitamin B12\n\nVegans should take a minimum of 2.4 micrograms of vitamin B12 per day.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    assert "agreement" not in _of(found, "fishoil")["kind"].tolist()
    assert _of(found, "b12_min")["kind"].tolist() == ["agreement"]


def test_a_dose_below_the_studied_ones_names_the_physiological_dose_that_holds_it(tmp_path):
    pages = {"micro": "Melatonin microdose\n\nAdults should take 0.2 mg of melatonin at night.\n",
             "tiny": "Melatonin microdose\n\nAdults should take 0.05 mg of melatonin at night.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    micro, tiny = _of(found, "micro"), _of(found, "tiny")
    assert micro["kind"].tolist() == ["unsupported"] and "0.1-0.3 mg" in micro.iloc[0]["detail"]
    assert "mel_physiological_dose_cohen2023" in micro.iloc[0]["reference_id"]
    assert tiny["kind"].tolist() == ["unsupported"] and "0.1-0.3" not in tiny.iloc[0]["detail"]


def test_what_doctors_may_prescribe_is_not_advice(tmp_path):
    pages = {"doctors": "Omega-3 therapy\n\nDoctors may recommend up to 10 grams of EPA and DHA daily for high "
                        "triglycerides.\n",
             "advice": "Omega-3 therapy\n\nTake 10 grams of EPA and DHA daily.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    assert _of(found, "doctors").empty
    assert _of(found, "advice")["kind"].tolist() == ["outside_studied_range"]


def test_the_advisory_ceiling_is_no_chart_upper_limit():
    refs = references.load_references()
    assert "upper_recommendation" in set(refs["basis"])
    assert "upper" not in set(references.dose_bands(refs, "omega-3")["kind"])
    assert "upper" in set(references.dose_bands(refs, "zinc")["kind"])


def test_a_salts_amount_within_the_limit_either_way_is_not_converted_as_fact(tmp_path):
    pages = {"zinc_salt": "Zinc picks\n\nTake 15 mg of zinc picolinate daily.\n",
             "mag_salt": "Magnesium glycinate for sleep\n\nTake 500 mg of magnesium glycinate every day.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    zinc = _of(found, "zinc_salt")
    assert zinc["kind"].tolist() == ["agreement"] and "holds" not in zinc.iloc[0]["detail"]
    assert "whether the amount is the salt's mass or elemental" in zinc.iloc[0]["detail"]
    magnesium = _of(found, "mag_salt")  # 500 mg is within the 350 mg UL only as glycinate's mass: said so
    assert magnesium["kind"].tolist() == ["agreement"] and "holds" in magnesium.iloc[0]["detail"]


def test_one_page_against_thousands_lists_at_most_the_cap_with_the_count():
    """1 page "on an empty stomach" against 2,000 "with food": a large group, so the first `cap` pairs are listed and
    each says how many there are (before, a single page on one side skipped the cap and listed every pair)."""
    def record(doc_id: str, stance: str) -> dict:
        return {"doc_id": doc_id, "stance": stance, "quote": f"{doc_id} says {stance}.", "topic": "food_timing",
                "supplement": "x", "subject": "", "low": None, "high": None, "unit": "", "start": 0, "end": 1,
                "population": "adults (general)", "purpose": "", "basis": "", "elemental": "", "form": "",
                "role": "", "claim_subject": "", "value_start": 0, "value_end": 1}

    records = [record("alone", "empty stomach")] + [record(f"p{i}", "with food") for i in range(2000)]
    found = consistency.categorical_group_findings("food_timing", "x", records, consistency.PAIRWISE_LIMIT, cap=100)
    assert len(found) == 100
    assert all("one of 2,000 such pairs" in f["detail"] for f in found)
    few = consistency.categorical_group_findings("food_timing", "x", records[:4], consistency.PAIRWISE_LIMIT, cap=100)
    assert len(few) == 3 and not any("such pairs" in f["detail"] for f in few)
