"""The annotators' priority order for subjects (subjects.py's docstring), one made-up sentence per rule."""
from __future__ import annotations

from claimcritique import subjects
from tests.test_subjects import extract, subject_of


def subjects_of(text: str) -> dict[str, str]:
    found = extract(text)
    return dict(zip(found["value_text"], found["subject"]))


# --- the decision itself ----------------------------------------------------------------------------------

def test_the_first_role_of_the_priority_with_a_candidate_wins_and_later_ones_are_not_computed():
    asked = []

    def candidate(role: str, text: str):
        def find() -> str:
            asked.append(role)
            return text
        return find

    chosen = subjects.choose_subject({"population": candidate("population", ""), "named": candidate("named", "dha"),
                                      "purpose": candidate("purpose", "sleep")}, ("population", "named", "purpose"))
    assert chosen == "dha"
    assert asked == ["population", "named"]  # the purpose was never looked for
    assert subjects.choose_subject({}, ("population",)) == ""


def test_the_dose_priority_puts_populations_before_products_and_purposes():
    order = subjects.SUBJECT_PRIORITY
    assert order.index("population") < order.index("named") < order.index("purpose") < order.index("product")
    assert order.index("product") < order.index("event") < order.index("section")
    other = subjects.OTHER_PRIORITY
    assert other.index("portion") < other.index("outcome") < other.index("biomarker") < other.index("form")


# --- 1. an upper limit, with its clause's population ----------------------------------------------------

def test_an_upper_limit_keeps_the_population_of_its_clause():
    assert subject_of("In teenagers the UL is 300 mcg of the mineral.", "300 mcg") == "teenagers, upper limit"


# --- 2. a population that governs the number wins over the product ---------------------------------------

def test_a_population_named_before_the_amount_in_its_clause_governs_it():
    assert subject_of("All pregnant women should take 600 mcg of folate powder each day.", "600 mcg") == \
        "pregnant women"
    # a population written right after the amount governs it too
    assert subject_of("The usual amount is 18 mg for women.", "18 mg") == "women"


def test_a_population_describing_a_product_does_not_govern_its_content():
    page = "Probiotics help digestion, and probiotics are safe. "
    # the people a product is made for do not govern what it contains: the amount's own name does
    assert subject_of(page + "This formula, geared toward women, contains 360 mg of cranberry powder.", "360 mg") == \
        "cranberry"
    # while people who take the amount do
    assert subject_of(page + "Women take 360 mg of cranberry powder.", "360 mg") == "women"


# --- 3. what the amount itself is called --------------------------------------------------------------------

def test_a_name_at_the_amount_names_it_when_no_population_governs():
    assert subject_of("Each softgel gives 250 mg DHA and little else.", "250 mg") == "dha"


# --- 5. the purpose or condition ------------------------------------------------------------------------------

def test_a_condition_an_amount_is_bracketed_after_is_its_subject():
    assert subject_of("It was studied in heart failure (200-300 mg/day) for years.", "200-300 mg") == "heart failure"


# --- 6. a label ---------------------------------------------------------------------------------------------

def test_a_named_amount_labels_it():
    assert subject_of("An adult dose of 10 oz is typical.", "10 oz") == "adult dose"


# --- 7. the product the amount is of, then counted participants ------------------------------------------

def test_the_product_an_amount_is_of_comes_before_counted_participants():
    assert subject_of("Stir 10 grams of rosehip extract into water.", "10 grams") == "rosehip extract"
    assert subject_of("In one trial, 40 women were given 10 grams of rosehip extract.", "10 grams") == \
        "rosehip extract"


# --- 8. a timing: what is timed, and the event --------------------------------------------------------------

def test_a_timing_names_what_is_timed_and_its_event():
    assert subject_of("Older adults can take it 30 minutes before bed.", "30 minutes") == "older adults, before bed"


# --- other numbers: foods, outcomes with their arm, biomarkers -------------------------------------------

def test_a_foods_reference_portion_is_the_foods():
    found = subjects_of("Good sources include lentils (90 mg per half cup) and seeds.")
    assert found["90 mg"] == "lentils"
    assert found["half cup"] == "lentils"


def test_an_outcome_takes_the_measured_thing_with_its_study_arm():
    found = subjects_of("Anxiety scores decreased by 40% in the extract group compared to 10% with the placebo.")
    assert found["40%"] == "anxiety scores, extract group"
    assert found["10%"] == "anxiety scores, placebo group"
    # a change verb inside a longer phrase: not its last words ("the dermis")
    found = subjects_of("Breakdown of fibres in the deep layer of the dermis was decreased by 31% in the test group.")
    assert "dermis" not in found["31%"]


def test_a_biomarker_threshold_takes_the_biomarker():
    assert subject_of("Aim to keep ferritin levels consistently above 50 ng/mL all year.", "above 50 ng/mL") == \
        "ferritin levels"
    assert subject_of("It can produce peak plasma concentrations no more than 200 micromol/L.",
                      "no more than 200 micromol/L") == "peak plasma concentrations"


def test_a_purpose_word_used_as_peoples_verb_is_no_purpose():
    assert subject_of("A 5 mg dose is common, but many people sleep just fine with less.", "5 mg") != "sleep"
    assert subject_of("Many people focus on the rosehip extract dose, like 1000 mg.", "1000 mg") != "focus"
    # the purpose as a noun still counts
    assert subject_of("Take 2 mg for sleep.", "2 mg") == "sleep"


def test_the_product_that_provides_an_amount_is_its_subject_before_the_nutrient_named_at_it():
    assert subject_of("Our Vegan Blend provides 20 mcg of vitamin B12 per scoop.", "20 mcg") == "vegan blend"
    assert subject_of("A 500mg pill contains ~300mg magnesium, they say.", "~300mg") == "pill"
    # what the body or a food holds is no product
    assert subject_of("Take 2 g daily; it provides 400 mg of rosehip extract.", "400 mg") != "it"


def test_a_recommended_dose_of_a_product_is_the_products_not_the_pages_own_supplement():
    assert subject_of("The recommended dose of Acme Threonate is 144 mg daily.", "144 mg") == "acme threonate"
    # the page's own supplement named plainly keeps the band's descriptor
    assert subject_of("The recommended dose of zinc is 11 mg.", "11 mg") != "zinc"
