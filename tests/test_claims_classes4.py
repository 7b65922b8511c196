"""Classes of cases the fifth unseen set showed (issue 12), each on made-up sentences: what must be extracted and
what must not. False claims first (ages, identifiers, spreads), then units (energy, %DV lists, food weights), then
types (food content, frequencies, participants, onset marks, regimen steps)."""
from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from claimcritique import claims
from tests.test_claims_classes2 import values

# --- false claims -------------------------------------------------------------------------------------------

def test_an_age_range_before_a_listed_amount_takes_no_unit():
    assert values("The agency's recommended daily intake is 500 IU for people ages 1 to 60, and 700 IU after age 60.") \
        == [("dose", 500, 500, "IU/day"), ("dose", 700, 700, "IU/day")]
    assert values("In adults, up to 3,000 IU per day is safe; ages 4 to 8, up to 2,000 IU; ages 1 to 3, 1,800 IU.") \
        == [("dose", None, 3000, "IU/day"), ("dose", None, 2000, "IU/day"), ("dose", 1800, 1800, "IU/day")]
    # must still extract: a plain list of amounts shares its unit
    assert values("Take 2.6 and 2.8 micrograms daily.") == [("dose", 2.6, 2.6, "mcg/day"), ("dose", 2.8, 2.8, "mcg/day")]


def test_hundreds_of_thousands_of_a_unit_is_a_lower_bound_in_that_unit():
    assert values("In very high doses—hundreds of thousands of IU or more—it is toxic.") == [("dose", 200000, None, "IU")]
    assert values("There are hundreds of thousands of species.") == [("other", 200000, None, "count")]
    # must not change: a count of people, a span of years
    assert values("Millions of people take it.") == [("other", 2000000, None, "count")]
    assert values("People have used it for thousands of years.") == [("other", 2000, None, "years")]


def test_an_age_label_glued_to_its_table_cells_is_no_count():
    text = "Age Male Female\n14–18 years20 mcg20 mcg\n19+ years25 mcg25 mcg"
    assert values(text) == [("dose", 20, 20, "mcg"), ("dose", 20, 20, "mcg"), ("dose", 25, 25, "mcg"),
                            ("dose", 25, 25, "mcg")]


def test_product_identifiers_are_no_counts():
    assert values("250 mg\n\n90 Enteric Coated Caplets ( SKU: 1234, NPN: 80012345 )") == [("dose", 250, 250, "mg")]
    assert values("Item #: 45678. UPC: 012345678905") == []
    # must extract: a count that is no listing
    assert values("The trial tested 90 capsules of placebo and 3 forms.")[-1] == ("other", 3, 3, "count")


def test_a_mean_and_its_spread_is_the_mean_in_the_spread_unit():
    assert values("The treated group ran 12.3±2.8% longer than controls (P < 0.05) and 38±4.5% longer than placebo "
                  "(p<0.05).") == [("other", 12.3, 12.3, "%"), ("other", 38, 38, "%")]
    assert values("Mean recovery time was 14.2 ± 1.7 minutes.") == [("other", 14.2, 14.2, "minutes")]
    assert values("Levels rose 20% (P < 0.01).") == [("other", 20, 20, "%")]


@given(st.integers(min_value=2, max_value=99), st.integers(min_value=1, max_value=9))
def test_any_mean_and_spread_give_one_row(mean: int, spread: int):
    assert values(f"Swimming time was {mean}±{spread}.5% longer.") == [("other", mean, mean, "%")]


def test_a_material_swelling_to_times_its_volume_is_no_absorption():
    assert values("This husk absorbs water, swelling up to 15 times its original volume.") == \
        [("other", None, 15, "times")]
    assert values("The gum can absorb up to 40 times its weight in water.") == [("other", None, 40, "times")]
    # must extract: a form absorbed a multiple better
    assert values("The chelate is absorbed 3 times better than the oxide.") == [("absorption_rate", 3, 3, "times")]


def test_a_rest_in_a_protocol_is_no_onset():
    assert values("After a 20-minute rest, the treated animals swam for an additional 14.2±2.5 minutes.") == \
        [("other", 20, 20, "minutes"), ("other", 14.2, 14.2, "minutes")]
    assert values("You may notice results after 20 minutes.") == [("onset", 20, 20, "minutes")]


# --- units --------------------------------------------------------------------------------------------------

def test_energy_is_its_own_unit_and_the_portion_it_is_given_for_is_food():
    assert values("An amount of 50g of kelp as a dry powder supplies 180 kilocalories (750 kJ).") == \
        [("other", 50000, 50000, "mg"), ("other", 180, 180, "kcal"), ("other", 750, 750, "kJ")]
    assert values("One bar provides 210 kcal.") == [("other", 210, 210, "kcal")]
    # must stay a dose: a capsule's amount of the supplement
    assert values("Each capsule provides 200 mg of the extract.") == [("dose", 200, 200, "mg")]


def test_daily_value_carried_over_a_list_and_its_wordings():
    assert values("A serving provides 150%, 220%, and 40% of the Daily Value (DV) for iron, copper and zinc.") == \
        [("other", 150, 150, "%DV"), ("other", 220, 220, "%DV"), ("other", 40, 40, "%DV")]
    assert values("It is a rich source (20% or more of the Daily Value, DV) of nutrients.") == \
        [("other", 20, None, "%DV")]
    assert values("It supplies 45% of the daily recommended value of zinc.") == [("other", 45, 45, "%DV")]
    # must not: a share of people or a change
    assert values("Only 30% of adults take it, and it raised levels by 20%.") == \
        [("other", 30, 30, "%"), ("other", 20, 20, "%")]


def test_ounces_of_seafood_a_week_are_a_food_weight():
    assert values("Most adults aren't eating the recommended ten ounces of a variety of seafood per week.") == \
        [("other", 10, 10, "oz/week")]
    assert values("Mix 1 scoop in 8 ounces of water.")[0] == ("dose", 1, 1, "scoops")


# --- types --------------------------------------------------------------------------------------------------

def test_what_a_cup_of_tea_contains_is_food_content():
    assert values("Experts say one cup of plain green tea usually contains a theanine dose of about 15 mg.") == \
        [("other", 1, 1, "cups"), ("other", 15, 15, "mg")]
    assert values("You would need to drink 4 – 8 cups of strong green tea a day.") == [("other", 4, 8, "cups/day")]
    assert values("Take 200 mg of the extract with a cup of tea.")[0] == ("dose", 200, 200, "mg")


def test_a_food_portion_and_its_restatement_are_food_content():
    assert values("The ground husk often delivers 6 grams of fiber per one-tablespoon serving, or 3 to 3.5 grams per "
                  "teaspoon.") == [("other", 6000, 6000, "mg"), ("other", 1, 1, "tablespoons"),
                                   ("other", 3000, 3500, "mg")]
    assert values("Take 5 grams per serving, or 10 grams per day.") == \
        [("dose", 5000, 5000, "mg"), ("dose", 10000, 10000, "mg/day")]


def test_frequencies_of_doses():
    assert values("Most clinical studies use 400 mg per dose, taken two to three times per day.") == \
        [("dose", 400, 400, "mg"), ("other", 2, 3, "times/day")]
    assert values("Take 1,000 to 1,500 mg per day split into 2 or 3 doses of 500 mg, taken with meals.") == \
        [("dose", 1000, 1500, "mg/day"), ("other", 2, 3, "times/day"), ("dose", 500, 500, "mg")]
    assert values("Take 600 mg split into 3 doses.")[1] == ("other", 3, 3, "times/day")


def test_trial_participants_in_words_are_counts_and_their_ages_are_not():
    assert values("Thirty-one slim men were given a placebo or the amino acid for a period of eight weeks.") == \
        [("other", 31, 31, "count"), ("other", 8, 8, "weeks")]
    assert values("* Four healthy adult volunteers 30 to 45 years old took part in a trial.") == \
        [("other", 4, 4, "count")]
    assert values("Two of the men said so.") == []


def test_times_after_administration_are_onset_also_in_a_list():
    assert values("Average vitamin D increased four hours after administration, and peaked six hours following "
                  "administration.") == [("onset", 4, 4, "hours"), ("onset", 6, 6, "hours")]
    assert values("Plasma levels were measured at baseline, and again at 4, 6 and 24 hours following oral "
                  "administration.") == [("onset", 4, 4, "hours"), ("onset", 6, 6, "hours"), ("onset", 24, 24, "hours")]
    assert values("Take it every 4, 6 or 8 hours.") != [("onset", 4, 4, "hours"), ("onset", 6, 6, "hours"),
                                                        ("onset", 8, 8, "hours")]


def test_a_step_of_a_regimen_is_its_length():
    assert values("The participants began by taking 50 mg three times daily for two weeks, then 100 mg three times "
                  "daily for the remaining four weeks.") == [
        ("dose", 50, 50, "mg"), ("other", 3, 3, "times/day"), ("other", 2, 2, "weeks"), ("dose", 100, 100, "mg"),
        ("other", 3, 3, "times/day"), ("other", 4, 4, "weeks")]
    assert values("Try 1 mg of melatonin for a whole week, then raise the dose by 1 mg each following week.") == \
        [("dose", 1, 1, "mg"), ("other", 1, 1, "weeks"), ("dose", 1, 1, "mg")]
    assert values("You can take it for a week.") == []
    # must extract: a trial length followed by its effect is onset
    assert values("Supplementation with 200 mg daily for six weeks decreased the frequency of cramps.") == \
        [("dose", 200, 200, "mg/day"), ("onset", 6, 6, "weeks")]


def test_a_time_before_a_test_or_event_is_timing():
    assert values("The rats received 40mg/kg of the extract, administered 45 minutes prior to an exhaustive running "
                  "test.") == [("dose", 40, 40, "mg/kg"), ("timing", 45, 45, "minutes")]
    assert values("Take 3 g about 60 minutes before the race.") == [("dose", 3000, 3000, "mg"),
                                                                    ("timing", 60, 60, "minutes")]


def test_nights_a_bottle_lasts():
    assert values("One jar is enough for 60 nights.") == [("other", 60, 60, "nights")]


def test_a_dosage_label_counts_what_to_take():
    assert values("Amazon Dosage: 1 tablet at bedtime\n\nMore text here.") == [("dose", 1, 1, "tablets")]
    assert values("Bottle size: 60 capsules\n\nMore text here.") == []  # a pack size


def test_a_star_opening_a_sentence_is_no_multiplication():
    assert values("It keeps arteries elastic.* Three healthy adult volunteers took part in a trial.") == \
        [("other", 3, 3, "count")]
    # must still drop: the operands of a worked calculation
    assert values("You absorb about 20%: 150 mg * 0.20 = 30 mg.") == [("absorption_rate", 20, 20, "%"),
                                                                      ("dose", 30, 30, "mg")]


# --- review fixes: "a day or two", "within a week or two", "twice in a week" ------------------------------------

def test_a_period_or_two_is_not_the_next_doses_count():
    """"a day or two capsules": the "two" is a dose of capsules, not the end of a 1-2 day time."""
    assert values("Take one capsule a day or two capsules if needed.") == [("dose", 1, 1, "capsules/day"),
                                                                           ("dose", 2, 2, "capsules")]
    assert [n.high for n in claims.find_numbers("In a day or two, most people feel better.")] == [2.0]


def test_within_a_period_or_two_is_up_to_two():
    numbers = claims.find_numbers("You may notice it within a week or two.")
    assert [(math.isnan(n.low), n.high, n.unit) for n in numbers] == [(True, 2.0, "weeks")]


def test_a_frequency_s_period_is_no_time():
    assert claims.find_numbers("Use it twice in a week.") == []
    assert claims.find_numbers("Take it once in a year.") == []
    assert [n.unit for n in claims.find_numbers("Most people feel it in a week or two.")] == ["weeks"]

