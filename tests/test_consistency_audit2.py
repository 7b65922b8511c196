"""Verdicts on the classes of error a second fact-check found (findings a journalist would quote): each class on
made-up pages, with a finding that must appear and one that must not (never one page of a corpus)."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcritique import consistency
from tests.test_consistency import findings_for, write_corpus

PROBLEM_KINDS = ["exceeds_reference", "conflicts_with_evidence", "unclear_basis", "unclear_population",
                 "outside_studied_range", "contradiction"]
PAGES = {
    # rda_judged_as_supplement_dose: a table titled as RDAs, its header row in between; a list of RDAs by age
    "mag_rda_titled": "Magnesium basics\n\nMagnesium is a mineral found in many foods and it matters for nerves.\n"
                      "Recommended Dietary Allowances (RDAs) for Magnesium\nAge Male Female\n1–3 years 80 mg 80 mg\n"
                      "9–13 years 240 mg 240 mg\n19–30 years 400 mg 310 mg\nSources:\n",
    "mag_rda_listed": "Magnesium dosing\n\nNutritional Supplementation\n19-30 years: Men, 400 mg/day; women, 310 mg/day\n",
    "mag_take": "Magnesium for sleep\n\nTake 400 mg of elemental magnesium daily.\n",
    # reference_wrong_age_band and unclear_population: the band the line names is the band judged
    "vitc_kids": "Vitamin C for kids\n\nChildren 4-8 years: take 300 mg of vitamin C daily.\n",
    "zinc_ul_list": "Zinc upper limits\n\nIt is important to know the safe upper limits of zinc intake for everyone.\n\n"
                    "- Infants (7-12 months): 5 mg/day\n- Children (1-3 years): 7 mg/day\n",
    # population_misparse: a negated pregnancy, a group label above short lines, a share of another region
    "iron_not_pregnant": "Iron needs\n\nIf you're not pregnant, take 18 mg of iron daily.\n",
    "zinc_teens": "Zinc RDAs\n\nRecommended Daily Allowances (RDAs)\n\n- Teenagers (14-18 years):\n- Males: 11 mg\n"
                  "- Females: 9 mg\n",
    "vitd_world": "Vitamin D deficiency\n\nDeficiency rate: 42% of Americans are deficient, 70% worldwide!\n\n"
                  "That number jumps to 82% in African Americans who are deficient.\n",
    # product_strength_as_dose: strengths under "dosage forms and strengths", what products on the market hold
    "mag_strengths": "Magnesium citrate\n\nAdult dosage forms and strengths\ntablet\n- 100mg (elemental)\n",
    "mag_regimen": "Magnesium threonate\n\nThe recommended dose is 144 mg of elemental magnesium daily.\n",
    "mel_market": "Melatonin dosing\n\nFor most adults, a small dose is usually enough: commonly 0.3 mg to 1 mg, taken "
                  "about 1 hour before bed; many OTC products are 3 mg or 5 mg, but bigger isn't usually better.\n",
    # per_unit_or_per_dose_as_daily: what one capsule holds, the number a day unsaid
    "o3_capsule": "Fish oil review\n\nThis omega-3 has about 150mg EPA and 125mg DHA per capsule, a common dosage.\n",
    # absorption of a form the reference table has no row for
    "iron_heme": "Iron absorption\n\nOnly about 20 percent of the iron in heme sources is absorbed by the body.\n",
    # warning thresholds, increments, relative changes typed as absorption
    "mel_threshold": "Melatonin limits\n\nDoses above 5 to 10 mg of melatonin are usually not needed for sleep.\n",
    "vitc_smokers": "Vitamin C and smoking\n\nSmokers should consume more vitamin C (women +40 mg; men +45 mg per day) "
                    "than non-smokers.\n",
    "turmeric_relative": "Turmeric and black pepper\n\nTurmeric and black pepper: the 2000% absorption claim\n",
    # a treatment dose for deficient people
    "vitd_deficient": "Vitamin D guideline\n\nFor individuals who are vitamin D deficient, up to 10,000 IU/day for "
                      "adults may be necessary to correct the deficiency.\n",
    "vitd_big": "Vitamin D drops\n\nTake 10,000 IU of vitamin D daily.\n",
    "zinc_treat": "Zinc options\n\nThere is also a 30mg zinc option for those who need to treat their deficiency.\n",
    # a stated RDA is an amount of the element: an outdated one conflicts, it is not "unclear basis"
    "iron_old_rda": "Iron in pregnancy\n\nFor pregnant women, doctors suggest the Recommended Dietary Allowance (RDA) "
                    "of 30 milligrams of iron.\n",
}


@pytest.fixture(scope="module")
def found(tmp_path_factory) -> pd.DataFrame:
    return findings_for(write_corpus(tmp_path_factory.mktemp("audit2"), PAGES))


def _of(findings: pd.DataFrame, doc_id: str, topic: str = "dose") -> pd.DataFrame:
    return findings[(findings["doc_id"] == doc_id) & (findings["topic"] == topic) & (findings["kind"] != "contradiction")]


def _value(findings: pd.DataFrame, doc_id: str, value: str, topic: str = "dose") -> pd.DataFrame:
    rows = _of(findings, doc_id, topic)
    return rows[rows["value"].str.startswith(value)]


def test_a_table_titled_as_rdas_is_judged_against_the_rda_of_each_band(found):
    rows = _of(found, "mag_rda_titled")
    assert not rows["kind"].isin(PROBLEM_KINDS).any(), rows[["value", "kind", "detail"]]
    assert set(_value(found, "mag_rda_titled", "80 mg")["reference_id"]) == {"rda_children_1_3"}
    assert set(_value(found, "mag_rda_titled", "240 mg")["reference_id"]) == {"rda_children_9_13"}
    assert set(_value(found, "mag_rda_titled", "400 mg")["kind"]) == {"agreement"}
    # advice to take the same amount as a supplement is still above the supplements-only limit
    assert _of(found, "mag_take")["kind"].tolist() == ["exceeds_reference"]


def test_a_list_of_rdas_by_age_and_sex_matches_the_rda_not_above_the_limit(found):
    men = _value(found, "mag_rda_listed", "400 mg")
    assert men["kind"].tolist() == ["agreement"] and "rda_men_19_30" in men["reference_id"].iloc[0]
    assert "as a supplement dose alone" in men["detail"].iloc[0]  # the UL is said, not hidden


def test_the_detail_quotes_the_limit_of_the_stated_age_band(found):
    kids = _of(found, "vitc_kids")
    assert kids["kind"].tolist() == ["agreement"] and kids["reference_id"].tolist() == ["vitc_ul_children_4_8"]
    assert "650 mg/day UL" in kids["detail"].iloc[0] and "1800" not in kids["detail"].iloc[0]
    infants = _value(found, "zinc_ul_list", "5 mg")
    assert infants["kind"].tolist() == ["agreement"], infants["detail"].tolist()  # not "depends on the age group"
    assert infants["reference_id"].tolist() == ["zinc_ul_infants_7_12mo"]


def test_age_spans_name_the_bands_of_labels_and_rows():
    assert consistency.age_spans("1–3 years 80 mg") == [(12.0, 47.0)]
    assert consistency.age_spans("Infants (7-12 months): 5 mg/day") == [(7.0, 12.0)]
    assert consistency.age_spans("Birth to 6 months") == [(0.0, 6.0)]
    assert consistency.age_spans("infants aged 6 months to 1 year old") == [(6.0, 12.0)]
    assert consistency.age_spans("age 9+ incl adults, pregnancy, lactation") == [(108.0, math.inf)]
    assert consistency.age_spans("everyone older than 8 years") == [(108.0, math.inf)]
    assert consistency.age_spans("Take it for 2-3 months") == []  # a course of intake is no age
    assert consistency.age_spans("5-10 mg") == []


@given(st.integers(0, 80), st.integers(0, 20))
def test_a_band_of_years_spans_to_the_last_month_before_the_next_birthday(low, width):
    assert consistency.age_spans(f"Adults {low}-{low + width} years: 8 mg") == [(12.0 * low, 12.0 * (low + width) + 11)]


def test_populations_that_a_phrase_negates_or_bounds_are_not_read(found):
    assert _of(found, "iron_not_pregnant")["population"].tolist() == ["adults (general)"]
    assert consistency.population_class("women of child-bearing age") == "adults (general)"
    assert consistency.population_class("everyone older than 8 years") != "seniors"
    assert consistency.population_class("Age 7 months to 3 years") == "children"
    teens = _of(found, "zinc_teens")
    assert set(teens["population"]) == {"children"} and not teens["kind"].isin(PROBLEM_KINDS).any()


def test_a_share_of_another_region_or_of_a_subgroup_is_not_held_to_national_shares(found):
    shares = _of(found, "vitd_world", "deficiency_prevalence")
    for value in ("70%", "82%"):
        row = shares[shares["value"] == value]
        assert not row["kind"].isin(PROBLEM_KINDS).any(), row["detail"].tolist()
    assert shares.loc[shares["value"] == "42%", "kind"].tolist() == ["conflicts_with_evidence"]


def test_product_strengths_are_not_doses_nor_a_side_of_a_contradiction(found):
    assert _of(found, "mag_strengths").empty
    contradictions = found[found["kind"] == "contradiction"]
    assert not (contradictions["doc_id"] == "mag_strengths").any() and not (contradictions["other"] == "mag_strengths").any()
    assert ((contradictions["doc_id"] == "mag_regimen") & (contradictions["other"] == "mag_take")).any() or \
        ((contradictions["doc_id"] == "mag_take") & (contradictions["other"] == "mag_regimen")).any()  # advice still is
    market = _of(found, "mel_market")
    assert set(market["value"]) == {"0.3-1 mg"}, market[["value", "detail"]]


def test_what_one_capsule_holds_is_not_judged_as_a_daily_dose(found):
    assert _of(found, "o3_capsule").empty


def test_absorption_of_a_form_without_a_reference_row_gets_no_verdict(found):
    heme = _of(found, "iron_heme", "absorption_rate")
    assert not heme["kind"].isin(PROBLEM_KINDS).any() and len(heme) == 1


def test_thresholds_increments_and_relative_changes_are_not_doses(found):
    assert _of(found, "mel_threshold").empty
    assert _of(found, "vitc_smokers").empty
    assert _of(found, "turmeric_relative", "absorption_rate").empty


def test_a_treatment_dose_for_deficient_people_is_not_held_to_the_general_limit(found):
    treatment = _of(found, "vitd_deficient")
    assert treatment["kind"].tolist() == ["agreement"]
    assert treatment["reference_id"].tolist() == ["vitd_clinical_dose_endocrine2011"]
    assert _of(found, "vitd_big")["kind"].tolist() == ["exceeds_reference"]
    within = _of(found, "zinc_treat")  # within the general limit: within it for anyone, and said so
    assert within["kind"].tolist() == ["agreement"] and "deficient" in within["detail"].iloc[0]


def test_a_stated_rda_is_elemental_so_an_outdated_one_conflicts(found):
    old = _of(found, "iron_old_rda")
    assert old["kind"].tolist() == ["conflicts_with_evidence"] and "if it is elemental" not in old["detail"].iloc[0]


def test_a_band_within_the_first_year_is_an_infant_band_whatever_the_word(tmp_path):
    page = {"vitd_infant_treatment": "Vitamin D guideline\n\nFor individuals who are vitamin D deficient, 2000 IU/day "
                                     "for children up to age 1 year may be necessary to correct the deficiency.\n"}
    rows = _of(findings_for(write_corpus(tmp_path / "c", page)), "vitd_infant_treatment")
    assert rows["population"].tolist() == ["infants"] and rows["kind"].tolist() == ["unsupported"]
    assert "1500 IU/day UL" in rows["detail"].iloc[0]  # the infants' limit is said for comparison, not 2,500


def test_listicle_titles_study_groups_and_ranges_from_physiological_doses(tmp_path):
    pages = {"mel_list": "Top 5 Best Melatonin Gummies 5mg (Most Trusted)\n\nMelatonin helps some people sleep.\n",
             "k2_trial": "Vitamin K2 research\n\nIn a study, 244 healthy postmenopausal women daily took 180 mcg of "
                         "vitamin K2 for three years.\n",
             "mel_start": "Melatonin dosing\n\nMany experts suggest starting melatonin at 0.3 mg to 1 mg before bed.\n",
             "vitd_title": "Vitamin D3 10000 IU Drops\n\nOur drops are made in small batches.\n"}
    found = findings_for(write_corpus(tmp_path / "c", pages))
    assert _of(found, "mel_list").empty and _of(found, "k2_trial").empty
    start = _of(found, "mel_start")
    assert start["kind"].tolist() == ["agreement"] and "night-time range" in start["detail"].iloc[0]
    assert _of(found, "vitd_title")["kind"].tolist() == ["exceeds_reference"]  # a product's own strength is judged


@pytest.mark.parametrize("text, spans", [
    ("2000 IU/day for children up to age 1", [(0.0, 12.0)]),  # up to the first birthday, not 12 months and older
    ("Most people see results in 2-3 months.", []),  # a wait, not an age band
    ("3 to 6 months of supplementation", []),  # a course of intake
    ("Take 2+ capsules with food.", []),  # a count of capsules
    ("Adults 51+ years", [(612.0, math.inf)]),
])
def test_age_spans_are_ages_not_waits_or_counts(text, spans):
    assert consistency.age_spans(text) == spans
