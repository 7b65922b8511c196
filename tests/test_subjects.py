"""Classes of claim subjects and supplement attributions, each on made-up sentences (a must-have and a must-not-have)."""
from __future__ import annotations

import pandas as pd

from claimcritique import claims, subjects
from claimcritique.segment import segment_blocks, segment_sentences


def extract(text: str) -> pd.DataFrame:
    blocks = segment_blocks("d", text)
    return claims.extract_claims(segment_sentences(text, blocks), blocks)


def subject_of(text: str, value: str) -> str:
    """The subject of the claim whose amount is written `value`."""
    found = extract(text)
    rows = found[found["value_text"] == value]
    assert len(rows) == 1, (value, found[["value_text", "subject"]].to_dict("records"))
    return rows["subject"].iloc[0]


def supplement_of(text: str, value: str) -> str:
    found = extract(text)
    rows = found[found["value_text"] == value]
    assert len(rows) == 1, (value, found[["value_text", "supplement"]].to_dict("records"))
    return rows["supplement"].iloc[0]


def row_label(row: str, value: str) -> str:
    number = next(n for n in claims.find_numbers(row) if row[n.start: n.end] == value)
    return subjects._row_label(row, number)


# --- table rows -------------------------------------------------------------------------------------------

def test_a_row_label_stops_at_the_rows_first_value():
    assert row_label("14–18 years 410 mg 360 mg", "360 mg") == "14–18 years"
    assert row_label("Birth to 6 months 30 mg* 30 mg*", "30 mg") == "Birth to 6 months"  # the first value
    assert row_label("Age 19+: 11mg for males, 8mg for females", "8mg") == "Age 19+"
    # a row with one value keeps its whole label, age band included
    assert row_label("Adults 19-50 years 400 mg", "400 mg") == "Adults 19-50 years"


def test_cells_run_together_give_the_first_cell_as_the_label():
    assert row_label("Align Pro FormulaCapsule1 capsuleBifidobacterium", "1 capsule") == "Align Pro Formula"
    assert row_label("Acme Choice 60 Billion CFUCapsule2 capsules10 strains", "2 capsules") == "Acme Choice"
    assert row_label("Brand Synbiotic+Delayed-release capsule1 capsule", "1 capsule") == "Brand Synbiotic+"
    # a name with capitals but no cell run together is whole
    assert row_label("Vitamin D3 drops 1000 IU", "1000 IU") == "Vitamin D3 drops"


def test_an_age_band_as_a_tables_first_cell_is_the_rows_label():
    text = "| Age | Amount in mg |\n|---|---|\n| 0 to 6 months | 40 |\n| 9 to 13 years | 45 |\n"
    found = extract(text)
    assert list(found["subject"]) == ["0 to 6 months", "9 to 13 years"]
    assert "amount in mg" not in set(found["subject"])


# --- populations ------------------------------------------------------------------------------------------

def test_a_share_in_or_among_a_group_named_after_it_is_that_groups():
    text = "About 40% of adults are iron deficient, and that number rises to 60% in pregnant teenagers and 55% among " \
           "blood donors."
    assert subject_of(text, "60%") == "pregnant teenagers"
    assert subject_of(text, "55%") == "blood donors"
    assert subject_of(text, "About 40%") == "adults"  # "of" still names the group


def test_a_population_right_after_a_share_wins_over_one_before_it():
    text = "Deficiency rate: 40% of Americans, 65% worldwide."
    assert subject_of(text, "65%") == "worldwide"
    assert subject_of(text, "40%") == "americans"


def test_a_population_right_after_an_amount_in_a_row_joins_the_label():
    text = "| Age | Zinc |\n|---|---|\n"  # a pipe table is read by its cells; a row without pipes by its label
    assert extract(text).empty
    number = next(n for n in claims.find_numbers("Age 19+: 11mg for males, 8mg for females") if n.start > 20)
    found = {"population": subjects._terms(subjects.load_subjects()["population"], "Age 19+: 11mg for males, 8mg for females")}
    assert subjects._find_subject("dose", number, "Age 19+: 11mg for males, 8mg for females", "table_row", "", {}, "",
                                  found, "") == "age 19+, females"


def test_the_people_a_study_gave_the_amount_are_its_subject():
    assert subject_of("In a 2019 study, older participants who took 600 mg of the extract per day slept longer.",
                      "600 mg") == "older participants"
    # not a verb's subject that is not a group of people ("the study who took" is no plural)
    assert subject_of("Take 600 mg of the extract per day for stress.", "600 mg") == "stress"


def test_a_count_of_a_group_is_the_group():
    assert subject_of("In one study, 43 males aged 40-70 took the extract.", "43") == "males"


# --- timing, purpose, change, trial length ------------------------------------------------------------------

def test_a_timings_subject_names_its_event():
    assert subject_of("A sensible first try for many adults is 1 mg, 30 to 60 minutes before bed.",
                      "30 to 60 minutes") == "adults, before bed"
    assert subject_of("Take it about 1 hour before sleep.", "about 1 hour") == "before sleep"  # no "sleep, before sleep"


def test_what_a_dose_is_for_said_after_it():
    assert subject_of("Experts recommend taking only 45 mcg per day to maintain healthy arteries.", "45 mcg") == \
        "healthy arteries"
    assert subject_of("Most groups recommend 250-500 mg of combined EPA and DHA for overall health maintenance.",
                      "250-500 mg") == "overall health maintenance"
    # the purpose of another verb, a span or a person is not the dose's
    assert subject_of("1000 IU of the oil per drop allows for easy dosing.", "1000 IU") != "easy dosing"
    assert "weeks" not in subject_of("Take 500 mg daily for 8 weeks.", "500 mg")


def test_a_greater_change_in_something_is_about_that_thing():
    assert subject_of("The treatment gave an 18% greater increase in DHEA-S than placebo.", "18%") == "dhea-s"


def test_a_span_a_studys_arms_took_something_for_is_the_trial_length():
    assert subject_of("Participants took tablets containing the extract or a placebo daily for 8 weeks.",
                      "8 weeks") == "trial length"
    assert subject_of("200 women took 180 mcg of the vitamin for three years.", "three years") == "trial length"
    # a span of an instruction is not a trial's
    assert subject_of("Keep the schedule for 2 weeks.", "2 weeks") != "trial length"


# --- supplements --------------------------------------------------------------------------------------------

def test_an_amounts_own_supplement_right_after_it_wins_over_a_companion():
    text = "Turmeric is poorly absorbed. When they took the same dose with 20 mg of piperine, blood levels rose."
    assert supplement_of(text, "20 mg") == "piperine"


def test_piperine_is_its_own_supplement_not_turmerics():
    text = "Turmeric pages say a lot. Studies show that doses of 5-20 mg of piperine per day are safe."
    assert supplement_of(text, "5-20 mg") == "piperine"
    text = "Turmeric helps. Take 500 mg of curcumin with piperine daily."
    assert supplement_of(text, "500 mg") == "turmeric"


def test_a_supplement_the_amount_acts_on_is_a_co_factor_not_the_amounts():
    text = "Zinc is an essential mineral; zinc lozenges are common. Taking more than 40 mg daily can cause copper deficiency."
    assert supplement_of(text, "more than 40 mg") == "zinc"
    text = "Iron matters; iron stores fall. Absorption is 5% to 12% from vegetarian diets, enhanced by vitamin C."
    assert supplement_of(text, "5% to 12%") == "iron"
    # the supplement an amount is of stays its own
    text = "Zinc is an essential mineral; zinc lozenges are common. Take 2 mg of copper with it."
    assert supplement_of(text, "2 mg") == "copper"


def test_a_rows_later_value_takes_the_phrase_before_it():
    row = "19-30 years: Men, 400 mg/day; women, 310 mg/day; pregnant women, 350 mg/day"
    assert row_label(row, "310 mg") == "19-30 years, women"
    assert row_label(row, "350 mg") == "19-30 years, pregnant women"
    assert row_label(row, "400 mg") == "19-30 years: Men"
    # the population after an earlier value is that value's ("11mg for males, 8mg for females")
    assert row_label("Age 19+: 11mg for males, 8mg for females", "8mg") == "Age 19+"


def test_worldwide_right_after_a_share_by_grammar_only():
    assert subject_of("Iron deficiency is common globally, affecting 30% of adults.", "30%") == "adults"


def test_a_bare_people_is_nobodys_dose_but_people_with_something_are():
    assert subject_of("Many people take 5 mg, but most need far less for sleep.", "5 mg") != "people"
    assert subject_of("People with kidney disease should not take more than 350 mg.", "more than 350 mg") == "people"
    # a share of people is theirs
    assert subject_of("About eight out of 10 people are deficient in magnesium.", "About eight out of 10") == "people"


def test_an_age_band_leading_a_line_labels_its_amounts():
    assert subject_of("Dosing for children\n\n- 6-12 years: 90-210 mL in single dose or divided doses\n", "90-210 mL") == \
        "6-12 years"


def test_a_descriptor_that_only_says_an_amount_is_a_dose_is_no_subject():
    assert subject_of("Creatine helps. The typical daily dose is 3-5 g of creatine monohydrate for strength.",
                      "3-5 g") != "daily dose"
    assert subject_of("At low doses (20 mg), absorption can reach nearly 100%.", "nearly 100%") == "low doses"


def test_an_upper_limit_named_right_before_the_amount_is_its_subject():
    assert subject_of("An upper level of intake has been set at 400 mcg/day of the mineral.", "400 mcg") == \
        "upper level of intake"
    assert subject_of("In adults the UL is 350 mg of supplemental magnesium.", "350 mg") == "adults, upper limit"
    # a population in an earlier clause ("..., and") is not the limit's
    assert subject_of("The intake is 70 mcg for men and 60 mcg for women, and an upper level of intake has been set at "
                      "400 mcg.", "400 mcg") == "upper level of intake"


def test_a_co_ingredient_labelled_with_a_dash_is_the_amounts_subject():
    assert subject_of("Glucosamine capsules\n\nSodium - 15mg\n", "15mg") == "sodium"
    assert subject_of("Glucosamine capsules\n\nTake 1,500 mg daily.\n", "1,500 mg") != "sodium"


def test_a_change_named_before_its_bracketed_size_is_about_what_changed():
    assert subject_of("Trials show reductions in serum cortisol (by up to 27.9%) and better sleep.", "up to 27.9%") == \
        "serum cortisol"
    assert subject_of("Trials show better sleep (up to 27.9%) and less stress.", "up to 27.9%") != "serum cortisol"


def test_where_an_amount_is_held_or_what_holds_it():
    assert subject_of("Most of our zinc (more than 60%) is stored in our muscles and bones.", "more than 60%") == \
        "muscles and bones"
    assert subject_of("The average adult body contains approximately 2 grams of zinc.", "approximately 2 grams") == \
        "average adult body"
    # a share that is not held anywhere keeps its own rule
    assert subject_of("The treatment gave an 18% greater increase in DHEA-S than placebo.", "18%") == "dhea-s"


def test_what_is_noticed_before_an_onset_is_its_subject():
    assert subject_of("Some users begin to see and experience benefits approximately 30 days after they start.",
                      "approximately 30 days") == "benefits"
    assert subject_of("Many people notice increased energy within 2 to 4 weeks.", "within 2 to 4 weeks") == "energy"
    # the population who notice it is the onset's subject
    assert subject_of("Athletes often experience rapid relief within days of starting.", "within days") == "athletes"
    # no noticing: the other rules
    assert subject_of("A severe deficiency may take six months to resolve.", "six months") != "benefits"


def test_a_table_header_naming_the_parent_nutrient_gives_its_rows_that_nutrient():
    text = ("Vitamin K2 is menaquinone. Vitamin K2 supports bones.\n\nAge and SexDaily amounts of Vit K (mcg)\n"
            "Birth to 6 months2 mcg\nAdult Men120 mcg\n")
    found = extract(text)
    assert set(found["supplement"]) == {"vitamin k"}, found[["value_text", "supplement"]]
    text = "Vitamin K2 is menaquinone. Vitamin K2 supports bones.\n\nTake 120 mcg daily.\n"
    assert set(extract(text)["supplement"]) == {"vitamin k2"}
