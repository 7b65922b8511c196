"""Classes of cases a new site would hit (issue 12, unseen pages), each on made-up sentences worded the way vendor,
affiliate, blog and clinic pages word dosing, timing and onset: what must be extracted and what must not."""
from __future__ import annotations

from claimcritique.segment import segment_blocks
from tests.test_claims_classes2 import values


def test_a_period_said_with_a_is_one_period_after_a_word_of_time():
    assert values("If nothing changes after about a week, ask your doctor.") == [("onset", 1, 1, "weeks")]
    assert values("You may notice results in about a month.") == [("onset", 1, 1, "months")]
    assert values("Results typically appear in a week or two.") == [("onset", 1, 2, "weeks")]
    assert values("It takes about a month for levels to rise.") == [("onset", 1, 1, "months")]
    assert values("Most users feel calmer within about a week.") == [("onset", None, 1, "weeks")]
    assert values("The benefit lasted for approximately a month after the last dose.") == [("other", 1, 1, "months")]


def test_a_period_without_a_word_of_time_is_no_number():
    assert values("Take it once a week.") == [("other", 1, 1, "times/week")]
    assert values("He trains 5 days a week.") == [("other", 5, 5, "days")]
    assert values("Do not exceed 4 capsules in a day.") == [("dose", None, 4, "capsules/day")]
    assert values("A week's supply of capsules.") == []
    assert values("You can take it for a week.") == []
    assert values("Have a nice day.") == []


def test_half_of_one_unit_is_a_half():
    assert values("Take half a teaspoon in water.") == [("dose", 0.5, 0.5, "teaspoons")]
    assert values("Take a half scoop before bed.") == [("dose", 0.5, 0.5, "scoops")]
    assert values("Take one and a half teaspoons daily.") == [("dose", 1.5, 1.5, "teaspoons/day")]
    assert values("Half a cup of spinach.") == [("other", 0.5, 0.5, "cups")]  # food eaten: other
    assert values("Oat bran (96 mg per half cup).") == [("other", 96, 96, "mg"), ("other", 0.5, 0.5, "cups")]


def test_a_dozen_is_twelve_things_counted():
    assert values("A dozen studies have examined this.") == [("other", 12, 12, "count")]
    assert values("Half a dozen trials found no effect.") == [("other", 6, 6, "count")]
    assert values("It is a dozen or so.") == []


def test_a_number_in_words_restated_in_digits_is_one_number():
    assert values("Directions: Adults take one (1) capsule daily with water.") == [("dose", 1, 1, "capsules/day")]
    assert values("Take two (2) softgels with a meal.") == [("dose", 2, 2, "softgels")]
    assert values("Take one (2) capsule.") == [("dose", 2, 2, "capsules")] or values("Take one (2) capsule.") == []


def test_a_lower_bound_before_a_range_with_its_period_is_the_range():
    assert values("Take at least 1500 to 2000 IU/day to raise levels.") == [("dose", 1500, 2000, "IU/day")]
    assert values("Adults need at least 800 IU/day.") == [("dose", 800, None, "IU/day")]


def test_promised_times_to_an_effect_are_onset():
    assert values("Users report better sleep in as little as 3 days.") == [("onset", 3, 3, "days")]
    assert values("In just 2 weeks, 87% of users reported better sleep.")[0] == ("onset", 2, 2, "weeks")
    assert values("Most customers see results after 4 weeks of daily use.") == [("onset", 4, 4, "weeks")]
    assert values("It has been studied in 10 years of use.") == [("other", 10, 10, "years")]
    assert values("Take 5 grams per day for 4 weeks.") == [("dose", 5000, 5000, "mg/day"), ("other", 4, 4, "weeks")]


def test_counts_split_by_time_of_day_take_the_capsules_of_the_sentence_or_the_one_before():
    assert values("The dose is three capsules daily. Have two in the morning and one in the evening.") == [
        ("dose", 3, 3, "capsules/day"), ("dose", 2, 2, "capsules"), ("dose", 1, 1, "capsules")]
    assert values("Take 3 capsules daily: two in the morning and one at night.") == [
        ("dose", 3, 3, "capsules/day"), ("dose", 2, 2, "capsules"), ("dose", 1, 1, "capsules")]
    assert values("There were 3 groups. Two in the morning and one in the evening.") == [("other", 3, 3, "count")]
    assert values("Take two in the morning.") == []
    assert values("Take 2 capsules daily.\n\nTwo in the morning helps.") == [("dose", 2, 2, "capsules/day")]


def test_a_two_row_table_without_outer_pipes_is_a_table_not_two_headings():
    text = "Intro.\n\nAge | Daily dose (mg)\n---|---\nAdults | 400\n\nAfter the table."
    blocks = segment_blocks("d", text)
    assert blocks["kind"].tolist() == ["paragraph", "table_row", "table_row", "paragraph"]
    assert values(text) == [("dose", 400, 400, "mg/day")]  # the header's unit and "daily" reach the row
    assert segment_blocks("d", "Group | Dose\nAdults | 400 mg")["kind"].tolist() == ["table_row", "table_row"]
    # a lone line with a "|" (a site name after a title), or lines with different cells, stay headings
    assert segment_blocks("d", "Best Zinc | Our Picks\nWhy it matters")["kind"].tolist() == ["heading", "heading"]
    assert segment_blocks("d", "Home | Shop\n\nA title | A site")["kind"].tolist() == ["heading", "heading"]


def test_a_plain_text_page_opening_with_a_question_takes_it_as_its_title(tmp_path):
    from claimcritique.corpus import load_corpus

    (tmp_path / "q.txt").write_text("Should you take zinc at night or in the morning?\n\nZinc is a mineral. Take 15 mg.\n")
    (tmp_path / "p.txt").write_text("Is zinc safe? Yes, in small amounts.\n\nTake 15 mg.\n")
    (tmp_path / "h.txt").write_text("Zinc Dosing Guide\n\nIs zinc safe?\n\nTake 15 mg.\n")
    titles = load_corpus([tmp_path]).documents.set_index("doc_id")["title"].to_dict()
    assert titles["q"] == "Should you take zinc at night or in the morning?"
    assert titles["p"] == ""  # a paragraph that opens with a question is no title
    assert titles["h"] == "Zinc Dosing Guide"


def test_a_value_after_a_label_takes_the_unit_and_period_of_its_heading():
    assert values("Recommended Daily Intake (mg)\n\n- Men: 400\n- Women: 310") == [
        ("dose", 400, 400, "mg/day"), ("dose", 310, 310, "mg/day")]
    assert values("RDA (mcg/day)\n\n- Adults 19+: 2.4\n- Pregnant women: 2.6") == [
        ("dose", 2.4, 2.4, "mcg/day"), ("dose", 2.6, 2.6, "mcg/day")]
    assert values("Daily Dosage\n\n- Adults: 400 mg") == [("dose", 400, 400, "mg/day")]
    assert values("Upper limits (mcg)\n\n- Adults: 4000*\n- Teens – 3000") == [
        ("dose", None, 4000, "mcg"), ("dose", None, 3000, "mcg")]
    # a heading without a unit lends none; a value inside prose is not a label's value
    assert values("Our Top Picks (2024)\n\n- Best overall: 5") == [("other", 5, 5, "count")]
    assert ("dose", 400, 400, "mg/day") not in values("Dosage (mg)\n\nMost adults take 400 daily and feel fine.")


def test_times_to_an_effect_worded_the_way_sellers_word_them_are_onset():
    assert values("Pain relief can start within 30 minutes to an hour after taking it.") == [
        ("onset", 30, 60, "minutes")]
    assert values("After using it consistently for one to two months, you may notice more energy.") == [
        ("onset", 1, 2, "months")]
    assert values("Give it at least 3 months to work.") == [("onset", 3, None, "months")]
    assert values("Take it for 5 days, then stop.") == [("other", 5, 5, "days")]  # a course, no effect


def test_a_time_before_or_after_a_meal_is_timing_on_both_sides():
    assert values("Take on an empty stomach, at least 1 hour before or 2 hours after meals.") == [
        ("timing", 1, None, "hours"), ("timing", 2, 2, "hours")]


def test_a_count_of_drops_restating_a_volume_is_a_dose_and_shares_its_frequency():
    found = values("Take 1 ml (20 drops) twice daily.")
    assert found == [("dose", 1, 1, "ml"), ("dose", 20, 20, "drops"), ("other", 2, 2, "times/day")]
    # a pack size stays none; how long a pack lasts is other (holdout rulings)
    assert values("Each bottle (30 capsules) lasts a month.") == [("other", 1, 1, "months")]


def test_a_bare_percentage_after_an_amount_on_a_facts_panel_is_its_daily_value():
    assert values("Amount Per Serving: Vitamin D3 (as cholecalciferol) 125 mcg (5,000 IU) 625%") == [
        ("dose", 125, 125, "mcg"), ("dose", 5000, 5000, "IU"), ("other", 625, 625, "%DV")]
    assert values("Supplement Facts\nVitamin C 500 mg 556%\nZinc 15 mg 136%") == [
        ("dose", 500, 500, "mg"), ("other", 556, 556, "%DV"), ("dose", 15, 15, "mg"), ("other", 136, 136, "%DV")]
    # without a panel, or when words follow, a percentage stays a percentage
    assert values("Take 400 mg 90% of the time.") == [("dose", 400, 400, "mg"), ("other", 90, 90, "%")]
    assert values("Per serving: 200 mg, 50% more than before.")[1] == ("other", 50, 50, "%")


def test_people_low_in_a_nutrient_are_a_deficiency_share():
    assert values("Roughly one in three older adults is low in B12.") == [
        ("deficiency_prevalence", 100 / 3, 100 / 3, "%")]
    assert values("About 30% of adults run low on iron.") == [("deficiency_prevalence", 30, 30, "%")]
    assert values("The snack is low in sugar and 40% of buyers like it.") == [("other", 40, 40, "%")]


def test_a_wait_after_eating_and_a_time_before_coffee_are_timing():
    assert values("Wait at least 2 hrs after eating.") == [("timing", 2, None, "hours")]
    assert values("Take it first thing in the morning, 30 minutes before coffee.") == [("timing", 30, 30, "minutes")]
    assert values("Wait 2 hours for the results.")[0][0] != "timing"  # no meal, sleep or drink: no timing


def test_a_time_after_a_change_by_is_an_effect_size():
    assert values("The lozenge was formulated to cut the duration of the common cold by a week.") == [
        ("other", 1, 1, "weeks")]
    assert values("Melatonin advanced sleep onset by about 20 minutes.") == [("other", 20, 20, "minutes")]
    assert values("By 2 weeks, most users notice better sleep.") == [("onset", 2, 2, "weeks")]
    assert values("Take it by a week before travel.") == []


def test_sale_terms_and_a_break_in_a_course_are_no_onset():
    assert values("Buy 2, get 1 free.") == []
    assert values("Subscribe and get it delivered in a week.") == []
    assert values("Take a break after a month of use.") == [("other", 1, 1, "months")]
    assert values("I noticed a difference after a week!") == [("onset", 1, 1, "weeks")]


def test_dose_forms_sellers_count_in_and_the_verbs_they_take_them_with():
    assert values("Use 2 sprays daily.") == [("dose", 2, 2, "sprays/day")]
    assert values("Adults take 1 packet daily.") == [("dose", 1, 1, "packets/day")]
    assert values("Take 1 sachet per day dissolved in water.") == [("dose", 1, 1, "sachets/day")]
    assert values("Take 2 pills with breakfast.") == [("dose", 2, 2, "pills")]
    assert values("Take 1 full dropper daily.") == [("dose", 1, 1, "dropperfuls/day")]
    assert values("Mix 1 scoop into your smoothie.") == [("dose", 1, 1, "scoops")]
    assert values("Place 2 drops under your tongue.") == [("dose", 2, 2, "drops")]
    assert values("Each bottle holds 60 pills.") == []  # a pack size


def test_twice_as_well_and_a_fraction_of_the_dose_absorbed_are_absorption():
    assert values("It is absorbed about twice as well as oxide.") == [("absorption_rate", 2, 2, "times")]
    assert values("People with diabetes are twice as likely to be deficient.") == [("other", 2, 2, "times")]
    assert values("Take it twice a day.") == [("other", 2, 2, "times/day")]
    assert values("Only a quarter of the dose is absorbed.") == [("absorption_rate", 25, 25, "%")]
    assert values("Most adults get half of the RDA.") == [("other", 50, 50, "%")]
