"""Classes of cases a fourth held-out corpus and a new user's pages exposed, each on made-up sentences."""
from __future__ import annotations

import math

from claimcritique import claims
from claimcritique.segment import segment_blocks, segment_sentences


def values(text: str) -> list[tuple]:
    blocks = segment_blocks("d", text)
    found = claims.extract_claims(segment_sentences(text, blocks), blocks)
    return [(r.claim_type, r.low if not math.isnan(r.low) else None, r.high if not math.isnan(r.high) else None, r.unit)
            for r in found.itertuples()]


def test_a_between_range_with_two_time_units_is_one_range_in_the_smaller():
    assert values("The effect usually starts between 15 minutes and three hours after ingestion.") == [
        ("onset", 15, 180, "minutes")]
    assert values("Use between 250 mg and 2 g daily.") == [("dose", 250, 2000, "mg/day")]


def test_or_more_after_a_period_is_a_lower_bound():
    assert values("Large amounts (60 mg/day or more) can upset the stomach.") == [("dose", 60, None, "mg/day")]


def test_age_bands_heading_a_line_or_listed_after_age_groups_are_not_claims():
    assert values("14-18 years: Boys, 410 mg/day; girls, 360 mg/day") == [("dose", 410, 410, "mg/day"),
                                                                        ("dose", 360, 360, "mg/day")]
    assert values("<3 years: Use is not recommended") == []
    assert values("600 IU/day for anyone younger than 12 years.") == [("dose", 600, 600, "IU/day")]
    assert values("Men older than 60 years need 15 mcg.") == [("dose", 15, 15, "mcg")]
    assert values("Levels fell in two age groups (20–39 years and 40–59 years).")[1:] == []


def test_a_time_before_a_line_starting_colon_elsewhere_is_still_a_time():
    """Only a band in years heads a line as a population: "2 weeks: ..." in a timeline stays a time."""
    assert values("2 weeks: you may notice better sleep") != []


def test_reading_badges_temperatures_and_detached_footnotes_are_not_claims():
    assert values("7 MIN") == []
    assert values("Keep at temperatures below 30 °C.") == []
    assert values("Copper is safe in amounts up to 10 mg daily.\n4, 5, 6") == [("dose", None, 10, "mg/day")]
    assert values("Levels vary. 2 Moreover, intake matters.") == []
    assert values("Take 300 mg omega-3 per day 2") == [("dose", 300, 300, "mg/day")]
    assert values("Results appear in 30 min.") == [("onset", 30, 30, "minutes")]


def test_times_before_planned_sleep_or_conception_are_timing():
    assert values("Most adults should take it 20-40 minutes before you want to sleep.") == [
        ("timing", 20, 40, "minutes")]
    assert values("Start taking the vitamin at least 8 weeks before conception.") == [("timing", 8, None, "weeks")]


def test_bodily_processes_count_as_an_enzyme_count():
    assert values("Zinc takes part in over 200 bodily processes.") == [("enzyme_count", 200, None, "count")]


def test_a_usable_amount_is_absorbed_and_a_multiple_of_a_need_is_other():
    assert values("A 400mg tablet delivers about 100mg of absorbable calcium.") == [
        ("dose", 400, 400, "mg"), ("absorption_rate", 100, 100, "mg")]
    assert values("Athletes may need up to 1.5 times more zinc, as sweat reduces its absorption.") == [
        ("other", None, 1.5, "times")]
    assert values("The chelate is absorbed 3 times better.") == [("absorption_rate", 3, 3, "times")]


def test_food_per_100_g_macronutrients_each_and_fortification_are_other():
    assert values("Cashews contain 292mg of magnesium in 100g.") == [("other", 292, 292, "mg")]
    assert values("Dissolve 300 mg of the powder in 100 ml of water.")[0] == ("dose", 300, 300, "mg")
    assert values("Eat it with about 40 g each of protein and carbs.") == [("other", 40000, 40000, "mg")]
    assert values("The law required millers to add 150 micrograms of iodine to salt.") == [("other", 150, 150, "mcg")]


def test_a_blood_level_labelling_a_dose_before_a_colon_does_not_make_it_other():
    found = values("High triglycerides (150-199 mg/dL): 1-2 grams EPA daily")
    assert found == [("other", 150, 199, "mg/dL"), ("dose", 1000, 2000, "mg/day")]


def test_mcg_per_decilitre_is_a_blood_level():
    assert values("Normal serum copper is 70 to 140 mcg/dL.") == [("other", 70, 140, "mcg/dL")]


def test_a_unit_conversion_gives_no_amounts():
    assert values("1 IU of vitamin E is the same as 0.67 mg of d-alpha-tocopherol.") == []
    assert values("Take 2,000 IU daily; 1 mcg = 40 IU.") == [("dose", 2000, 2000, "IU/day")]
    assert values("Take 1 mg of copper daily.") == [("dose", 1, 1, "mg/day")]


def test_divided_into_a_count_of_doses_written_before_the_amount():
    assert values("Take 12 g/day split into three equal 4 g doses.")[2] == ("dose", 4000, 4000, "mg")
    found = values("Load with 20 g/day divided into four 5 g doses for 5 days.")
    assert found[:3] == [("dose", 20000, 20000, "mg/day"), ("other", 4, 4, "times/day"), ("dose", 5000, 5000, "mg")]


def test_a_frequency_after_the_name_of_what_is_taken_qualifies_the_amount():
    text = "The group received 250 mg of a standardized root extract powder twice daily or a placebo."
    blocks = segment_blocks("d", text)
    found = claims.extract_claims(segment_sentences(text, blocks), blocks)
    dose = found[found.claim_type == "dose"].iloc[0]
    assert (dose.low, dose.unit, dose.times_per_day) == (250, "mg", 2)


def test_millions_of_people_with_a_deficiency_is_a_prevalence():
    assert values("Zinc deficiency is common, affecting millions of people.") == [
        ("deficiency_prevalence", 2_000_000, None, "count")]
    assert values("Selenium has hundreds of documented uses and corrects deficiencies.") == [
        ("other", 200, None, "count")]


def test_capsules_described_by_their_shell_are_capsules():
    assert values("Take 2 veggie capsules daily with food.") == [("dose", 2, 2, "capsules/day")]
    assert values("Each bottle holds 120 vegetarian capsules.") == []


def test_a_liquid_strength_per_millilitres_is_a_dose_and_a_rating_stays_out():
    assert values("The syrup has 150mg/5mL of iron.") == [("dose", 150, 150, "mg")]
    assert values("Rated 4/5 by customers") == []


def test_a_limit_per_24_hours_keeps_its_amount():
    """"not to exceed 90 mL/24hr": an upper bound in mL (the window is a limit's, no "/day": the text says neither
    daily nor per day)."""
    assert values("Children: do not exceed 60 mL/24hr.") == [("dose", None, 60, "ml")]
    assert values("A score of 4/5 for taste.") == []


def test_a_count_before_a_time_of_day_takes_the_unit_of_the_next_count():
    assert values("Take one in the morning and two tablets at bedtime.") == [("dose", 1, 1, "tablets"),
                                                                           ("dose", 2, 2, "tablets")]
    assert values("Take 300 mg in the morning and 2 capsules at night.") == [("dose", 300, 300, "mg"),
                                                                           ("dose", 2, 2, "capsules")]


def test_a_period_word_then_a_time_keeps_the_time():
    assert values("Omega-3 per day 2 hours before bed helps.")[-1][1:] == (2, 2, "hours")
    assert values("Take 1 capsule a day 2 hours before bed.")[-1] == ("timing", 2, 2, "hours")


def test_a_sellers_adjective_of_a_dose_is_not_an_absorbed_amount():
    """"5 g of bioavailable creatine" names no amount it was absorbed from: a dose; "have low energy" is no
    deficiency; "missing out on sleep" is no nutrient missing."""
    assert values("Each scoop delivers 5 g of bioavailable creatine.") == [("dose", 5000, 5000, "mg")]
    assert [v[0] for v in values("Most people have low energy: 80% of adults feel tired.")] != ["deficiency_prevalence"]
    assert [v[0] for v in values("Up to 30% of people are missing out on enough sleep.")] != ["deficiency_prevalence"]
    assert [v[0] for v in values("About 40% of adults have low vitamin D levels.")] == ["deficiency_prevalence"]
