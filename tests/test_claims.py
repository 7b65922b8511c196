"""Claim extraction: the seeds against the hand-annotated gold file, and unseen-style snippets."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcritique import claims, evaluation
from claimcritique.corpus import load_corpus
from claimcritique.segment import segment_blocks, segment_sentences


def extract(text: str) -> pd.DataFrame:
    blocks = segment_blocks("d", text)
    return claims.extract_claims(segment_sentences(text, blocks), blocks)


def one(text: str) -> dict:
    found = extract(text)
    assert len(found) == 1, found[["claim_type", "value_text"]]
    return found.iloc[0].to_dict()


@pytest.fixture(scope="module")
def seed_claims(seeds):
    return claims.extract_claims(seeds.sentences, seeds.blocks)


def test_gold_quotes_match_their_offsets(seeds):
    gold = evaluation.load_gold()
    texts = seeds.texts
    for row in gold.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.quote
        assert texts[row.doc_id][row.value_start:row.value_end] == row.value_text


def test_every_quote_matches_its_offsets(seeds, seed_claims):
    texts = seeds.texts
    for row in seed_claims.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.quote
        assert texts[row.doc_id][row.value_start:row.value_end] == row.value_text
        assert row.start <= row.value_start < row.value_end <= row.end


def test_seeds_meet_the_targets(seed_claims):
    scores = evaluation.evaluate(seed_claims, evaluation.load_gold()).set_index("claim_type")
    for kind in ("absorption_rate", "deficiency_prevalence", "dose"):
        assert scores.at[kind, "recall"] >= 0.98, scores
        assert scores.at[kind, "precision"] >= 0.95, scores
    assert scores.at["all", "value_agreement"] >= 0.95


def test_seed_tables_and_stat_blocks(seed_claims):
    rows = seed_claims.set_index(["claim_type", "subject"])
    assert tuple(rows.loc[("absorption_rate", "magnesium oxide"), ["low", "high", "unit"]]) == (15, 20, "%")
    assert tuple(rows.loc[("deficiency_prevalence", "adults 19-30"), ["low", "high"]]) == (68, 68)
    assert tuple(rows.loc[("dose", "athletes/active individuals"), ["low", "high", "unit"]]) == (400, 600, "mg/day")
    assert rows.loc[("deficiency_prevalence", "adults 19-30"), "quote"] == "68%\n\nAdults 19-30"


@pytest.mark.parametrize("text, kind, low, high, unit", [
    ("Most adults take 0.5 to 5 mg of melatonin 30 minutes to 2 hours before bed.", "timing", 30, 120, "minutes"),
    ("Ashwagandha: take three to six grams of dried root daily.", "dose", 3000, 6000, "mg/day"),
    ("Some doctors recommend 1,000–2,000 IU of vitamin D daily.", "dose", 1000, 2000, "IU/day"),
    ("The upper limit is up to 4,000 international units per day.", "dose", math.nan, 4000, "IU/day"),
    ("About 42% of U.S. adults are deficient in vitamin D.", "deficiency_prevalence", 42, 42, "%"),
    ("Nearly half of Americans fail to meet the requirement.", "deficiency_prevalence", 50, 50, "%"),
    ("Magnesium citrate is absorbed at about 30 percent.", "absorption_rate", 30, 30, "%"),
    ("Zinc picolinate offers 60-70% bioavailability.", "absorption_rate", 60, 70, "%"),
    ("Most people notice less stress after 4 to 8 weeks.", "onset", 4, 8, "weeks"),
    ("Users often feel relief within days.", "onset", math.nan, 7, "days"),
    ("Magnesium is a cofactor in more than 300 enzyme systems.", "enzyme_count", 300, math.nan, "count"),
    ("Take 300mg+ with dinner for best results.", "dose", 300, math.nan, "mg"),
    ("Take between 2 and 3 hours after a meal.", "timing", 2, 3, "hours"),
    ("Take 400 micrograms of folate each day.", "dose", 400, 400, "mcg/day"),
])
def test_unseen_style_sentences(text, kind, low, high, unit):
    found = extract(text)
    of_kind = found[found["claim_type"] == kind]
    assert len(of_kind) == 1, found[["claim_type", "value_text"]]
    claim = of_kind.iloc[0].to_dict()
    assert claims._same(claim["low"], low) and claims._same(claim["high"], high), claim
    assert claim["unit"] == unit


@pytest.mark.parametrize("text", [
    "Adults 19-30 and Seniors (65+) were surveyed in 2019 [12].",
    "TrustedSupplements\n\nby Trusted Supplements 12 min read",
    "Step 2: Vitamin D3 and K2 support omega-3 and 5-HTP balance.",
    "Two of the most common concerns are sleep and stress.",
    "Children (ages 3-12) and adults over 70 need more.",
    "| Chemical Formula | Zn3(C6H5O7)2 | Zn(C6H4NO2)2 |",
    "Rated 4.8 out of 5 by 2,341 customers.",
    "Price: $25-30 for the bottle.",
    "CoQ10 levels fall between ages 20 and 80.",
    "Choose D3 with K2 as MK-7.",
    "Each bottle is a 60-day supply.",
])
def test_things_that_are_not_claims(text):
    found = extract(text)
    assert found.empty, found[["claim_type", "value_text"]]


def test_relative_changes_of_levels_are_effect_sizes_and_of_absorption_absorption_rates():
    """claim_conventions.md: a relative increase of absorption ("absorbs 50% better") is an absorption rate;
    a change of blood levels is an effect size (other)."""
    found = extract("Vitamin D3 is absorbed better; one study found 87% higher levels. Absorption rises by up to 32%.")
    assert found.set_index("value_text")["claim_type"].to_dict() == {"87%": "other", "up to 32%": "absorption_rate"}


def test_composition_is_other():
    """claim_conventions.md: % elemental by mass is a claim of type other, never an absorption rate."""
    claim = one("Magnesium glycinate is about 14% elemental magnesium by weight.")
    assert (claim["claim_type"], claim["low"], claim["unit"]) == ("other", 14, "%")


def test_body_content_is_not_a_dose():
    assert one("The body holds roughly 25 g of magnesium.")["claim_type"] == "other"


def test_elemental_flag():
    assert one("Take 200 mg of elemental magnesium daily.")["elemental"] == "yes"
    assert one("Take 400 mg of magnesium glycinate daily.")["elemental"] == "no"
    assert one("Take 400 mg daily.")["elemental"] == ""


def test_html_page_claims(tmp_path):
    page = tmp_path / "vitd.html"
    page.write_text("<html><body><article><h1>Vitamin D</h1><p>Adults need 600 IU daily.</p>"
                    "<table><tr><th>Form</th><th>Absorption rate</th></tr><tr><td>D3</td><td>80%</td></tr></table>"
                    "</article></body></html>")
    corpus = load_corpus([page])
    found = claims.extract_claims(corpus.sentences, corpus.blocks)
    assert set(found["claim_type"]) == {"dose", "absorption_rate"}
    text = corpus.text("vitd")
    assert all(text[r.start:r.end] == r.quote for r in found.itertuples())


NUMBERS = st.one_of(st.integers(1, 5000).map(str),
                    st.sampled_from(["1,000", "2.5", "0.5", "three", "twelve", "1/2", "1 1/2", "½"]))
UNITS = st.sampled_from(["mg", " mg", " milligrams", "%", " percent", " IU", " mcg", " g", " hours", " weeks", ""])
JOINERS = st.sampled_from(["-", "–", " to ", " - "])


@settings(max_examples=200, deadline=None)
@given(prefix=st.sampled_from(["Take ", "About ", "Up to ", "Over ", "Between ", "", "Adults "]),
       low=NUMBERS, joiner=JOINERS, high=NUMBERS, unit=UNITS, range_=st.booleans(),
       suffix=st.sampled_from([" daily.", " of people are deficient.", " before bed.", "", "+ absorbed."]))
def test_parser_never_breaks_offsets(prefix, low, joiner, high, unit, range_, suffix):
    text = prefix + low + (joiner + high if range_ else "") + unit + suffix
    found = extract(text)
    last = high if range_ else low
    glued_word = last[0].isalpha() and not unit.startswith(" ")  # "threemg" is not how anyone writes
    if unit.strip() and prefix != "Adults " and not glued_word:
        assert len(found) >= 1, text  # an amount with a unit is always a claim: the loop below is never vacuous
    for row in found.itertuples():
        assert text[row.value_start:row.value_end] == row.value_text
        assert text[row.start:row.end] == row.quote
        assert row.claim_type in claims.CLAIM_TYPES
        if not math.isnan(row.low) and not math.isnan(row.high):
            assert row.low <= row.high  # ranges keep their order


def test_ranges_are_never_averaged():
    claim = one("Take 200-400 mg daily.")
    assert (claim["low"], claim["high"]) == (200, 400)


def test_bad_data_file_is_named(tmp_path):
    bad = tmp_path / "cues.csv"
    bad.write_text("claim_type,pattern,source\ndose,(unclosed,me\n")
    with pytest.raises(ValueError, match=r"cues.csv, row 2: bad pattern"):
        claims.load_cues(bad)


WORDISH = st.sampled_from(["Twenty-Five", "a hundred", "One", "half", "within", "hour", "thirds", "ninety nine",
                           "Take", "about", "mg", "of", "people", "—", "(", ")", ",", ".", "-", "_", "é", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDISH, st.text(max_size=4)), max_size=12).map(" ".join))
def test_the_cheap_prefilter_never_hides_a_number(text):
    """Sentences the pre-filter skips must hold nothing the number grammar would find."""
    if not claims.may_hold_a_number(text):
        assert claims.find_numbers(text) == []


# --- behaviours the README promises ------------------------------------------------------------------------

def test_times_per_day_of_a_divided_dose():
    # the frequency is the dose's times_per_day, and also a row of its own (conventions: frequencies are other)
    found = extract("Take 250 mg three times a day with meals.")
    assert [(r.claim_type, r.low, r.unit, r.times_per_day) for r in found.itertuples()] == [
        ("dose", 250, "mg", 3), ("other", 3, "times/day", 1)]


def test_do_not_take_more_than_is_an_upper_bound():
    claim = one("Do not take more than 4,000 IU of vitamin D.")
    assert math.isnan(claim["low"]) and claim["high"] == 4000 and claim["unit"] == "IU"


def test_month_dates_are_not_claims():
    assert extract("Updated March 3, 2024. Reviewed on 12 January 2023.").empty


def test_for_a_purpose_sets_the_subject():
    claim = one("For sleep support, take 200-400 mg in the evening.")
    assert (claim["claim_type"], claim["subject"]) == ("dose", "sleep support")


def test_earliest_onset_is_the_documents_onset_stance():
    from claimcritique import consistency
    found = extract("Most people notice calmer sleep within days. Full results take 4 to 8 weeks.")
    assert set(found["claim_type"]) == {"onset"}
    stances = consistency.numeric_stances(found)
    onset = stances[stances["topic"] == "onset"]
    assert len(onset) == 1 and onset.iloc[0]["high"] == 7  # "within days" (up to 7 days) comes before 4-8 weeks


# --- classes of phrasings found on the development pages ---------------------------------------------------

@pytest.mark.parametrize("text, kind, low, high, unit", [
    ("Each capsule provides 30 billion CFU of Lactobacillus.", "dose", 3e10, 3e10, "CFU"),
    ("One serving gives 250% DV of vitamin B12.", "other", 250, 250, "%DV"),
    ("Ubiquinol has 3x better absorption than ubiquinone.", "absorption_rate", 3, 3, "times"),
    ("Liposomal vitamin C is absorbed 1.8 times better.", "absorption_rate", 1.8, 1.8, "times"),
    ("Piperine gave a 20-fold increase in the bioavailability of curcumin.", "absorption_rate", 20, 20, "times"),
    ("About 1 in 4 adults are deficient in vitamin D.", "deficiency_prevalence", 25, 25, "%"),
    ("A quarter of the population is deficient in iron.", "deficiency_prevalence", 25, 25, "%"),
    ("Take 2 capsules daily with food.", "dose", 2, 2, "capsules/day"),
    ("Take one tablespoon with breakfast.", "dose", 1, 1, "tablespoons"),
    ("Mix 5 ml into water each day.", "dose", 5, 5, "ml/day"),
    ("Of a 10 mg dose, you absorb about 4 mg.", "absorption_rate", 4, 4, "mg"),
    ("Zinc oxide absorption is less than 20% in most people.", "absorption_rate", math.nan, 20, "%"),
    ("Oxide is poorly absorbed (<20%).", "absorption_rate", math.nan, 20, "%"),
    ("Absorption is low: only about 4% of the dose reaches the blood.", "absorption_rate", 4, 4, "%"),
    ("Creatine users typically load for 5-7 days.", "other", 5, 7, "days"),
    ("Take 50 micrograms/day or 2000 micrograms/week.", "dose", 2000, 2000, "mcg/week"),
])
def test_development_page_phrasings(text, kind, low, high, unit):
    found = extract(text)
    of_kind = found[(found["claim_type"] == kind) & (found["unit"] == unit)]
    assert len(of_kind) == 1, found[["claim_type", "value_text", "low", "high", "unit"]]
    claim = of_kind.iloc[0].to_dict()
    assert claims._same(claim["low"], low) and claims._same(claim["high"], high), claim


def test_an_amount_restated_in_a_second_unit_gives_one_row_per_unit():
    found = extract("Adults need 15 mcg (600 IU) of vitamin D daily; creatine users take 4 grams (4,000 mg).")
    assert sorted(zip(found["low"], found["unit"])) == [(15, "mcg/day"), (600, "IU/day"), (4000, "mg/day"),
                                                        (4000, "mg/day")]


def test_a_dose_band_qualifying_an_absorption_figure_gives_both():
    found = extract("At low doses (2-5 mg) absorption reaches 60-70%.")
    assert sorted(zip(found["claim_type"], found["low"], found["high"])) == [("absorption_rate", 60, 70),
                                                                           ("dose", 2, 5)]


def test_supplement_names_are_whole_and_follow_the_sentence():
    text = ("# Zinc for immunity\n\nZinc supports immune health. Adults need 11 mg daily.\n\n"
            "Magnesium is different: take 300 mg of magnesium at night.\n\n"
            "Vitamin B12 users often take 1,000 mcg.\n\nElderberry syrup: take 15 ml daily.")
    found = extract(text).set_index("value_text")["supplement"].to_dict()
    assert found == {"11 mg": "zinc", "300 mg": "magnesium", "1,000 mcg": "vitamin b12", "15 ml": "elderberry"}


def test_a_sentence_naming_no_supplement_takes_its_section_then_the_document():
    text = ("# Zinc guide\n\nZinc matters. Zinc helps. Magnesium is mentioned once.\n\n## Vitamin C\n\n"
            "Most adults take 500 mg daily.\n\n## Dosage\n\nChildren take 5 mg daily.")
    found = extract(text).set_index("value_text")["supplement"].to_dict()
    assert found == {"500 mg": "vitamin c", "5 mg": "zinc"}


def test_a_unit_and_a_supplement_added_by_data_alone(tmp_path):
    """A new unit and a new supplement are rows in a registry folder: no code changes."""
    import shutil

    from claimcritique import registry
    folder = tmp_path / "registry"
    shutil.copytree(registry.FOLDER, folder)
    with (folder / "units.csv").open("a", encoding="utf-8") as handle:
        handle.write("fu,FU,activity,1,FU,fibrinolytic units (test row)\n")
    with (folder / "supplements.csv").open("a", encoding="utf-8") as handle:
        handle.write("ecdysterone,name,ecdysterone,test row\necdysterone,synonym,ecdy extract,test row\n")
    text = "Most studies used 2,000 FU of ecdy extract daily."
    blocks = segment_blocks("d", text)
    found = claims.extract_claims(segment_sentences(text, blocks), blocks, registry_folder=folder)
    assert len(found) == 1
    claim = found.iloc[0]
    assert (claim["claim_type"], claim["low"], claim["unit"], claim["supplement"]) == ("dose", 2000, "FU/day",
                                                                                       "ecdysterone")
    assert extract(text).empty or extract(text).iloc[0]["unit"] != "FU/day"  # the default registry knows no FU


@pytest.mark.parametrize("text, expected", [
    # "divided into N doses" is a frequency row, and the per-dose amount gets times_per_day N
    ("Consume 20 g/day divided into four equal doses of 5 g.",
     {("dose", 20000, "mg/day", 1), ("other", 4, "times/day", 1), ("dose", 5000, "mg", 4)}),
    ("Maximum recommended: 2-3mg.", {("dose", 3, "mg", 1)}),
    ("The UL is 40 mg/day for adults.", {("dose", 40, "mg/day", 1)}),
    ("It will take approximately 4 weeks to saturate muscle stores.", {("onset", 4, "weeks", 1)}),
    ("Take each dose with ~50 g of protein and carbohydrate.", {("other", 50000, "mg", 1)}),
    ("Iron-deficiency anemia affects about 4-5 million Americans.", {("deficiency_prevalence", 5e6, "count", 1)}),
    ("The standard dose ranges from 300โ€“600 mg/day.", {("dose", 600, "mg/day", 1)}),
    ("Standardized to โ‰ฅ5% withanolides.", {("other", 5, "%", 1)}),
])
def test_rulings_where_the_conventions_are_silent(text, expected):
    found = extract(text)
    got = {(r.claim_type, r.high if not math.isnan(r.high) else r.low, r.unit, r.times_per_day)
           for r in found.itertuples()}
    assert got == expected, found[["claim_type", "value_text", "low", "high", "unit", "times_per_day"]]


def test_elemental_from_table_columns_and_only_for_mineral_salts():
    table = ("| Form | Example Dose (Compound) | Equivalent Elemental Iron |\n|---|---|---|\n"
             "| Ferrous Fumarate | 300 mg | 99 mg |\n")
    found = extract(table).set_index("value_text")["elemental"].to_dict()
    assert found == {"300 mg": "no", "99 mg": "yes"}
    for column in ("Elemental content", "elemental magnesium (mg)", "Elemental Iron"):  # any header naming elemental
        cells = extract(f"| Form | Compound | {column} |\n|---|---|---|\n| Magnesium Oxide | 400 mg | 240 mg |\n")
        assert cells.set_index("value_text")["elemental"].to_dict() == {"400 mg": "no", "240 mg": "yes"}, column
    assert one("Each tablet provides 10,000 mcg of methylcobalamin.")["elemental"] == ""  # a vitamin's form
    assert one("Take 15-30 mg/day of elemental zinc.")["elemental"] == "yes"
    claims_of = extract("Often in 325 mg tablets, containing about 20% elemental iron.")
    assert claims_of.set_index("value_text").at["325 mg", "elemental"] == ""  # "elemental" is the 20%'s


def test_a_companion_is_not_the_numbers_supplement():
    found = extract("# Collagen\n\nCollagen for skin. 5g with vitamin C improved skin density. "
                    "Nutraharmony pairs 10,000 IU Vitamin D3 with 120 mcg of K2.")
    assert found.set_index("value_text")["supplement"].to_dict() == {"5g": "collagen", "10,000 IU": "vitamin d",
                                                                     "120 mcg": "vitamin k2"}


def test_a_for_heading_sets_the_subject_of_its_doses():
    found = extract("## For Picky Eaters\n\nMix 5 ml into juice daily.")
    assert found.iloc[0]["subject"] == "picky eaters"


@pytest.mark.parametrize("text, low, high, unit", [
    ("1000 IU of vitamin D per drop allows for easy daily dosing.", 1000, 1000, "IU"),  # per drop: never /day
    ("Each sublingual tablet, taken once daily, provides 10,000 mcg of methylcobalamin.", 10000, 10000, "mcg"),
    ("Ages 3-5: 1mg or less.", math.nan, 1, "mg"),
    ("Most adults do well on 200 mg or more daily.", 200, math.nan, "mg/day"),
])
def test_per_unit_amounts_and_trailing_bounds(text, low, high, unit):
    found = extract(text)
    found = found[found["unit"] != "times/day"]  # "taken once daily" is a row of its own, pinned elsewhere
    assert len(found) == 1, found[["claim_type", "value_text"]]
    claim = found.iloc[0]
    assert claims._same(claim["low"], low) and claims._same(claim["high"], high) and claim["unit"] == unit, claim


def test_the_operands_of_a_worked_calculation_are_not_claims():
    found = extract("For a 325 mg tablet (20% elemental iron), the elemental dose is 325 mg * 0.20 = 65 mg.")
    assert found["value_text"].tolist() == ["325 mg", "20%", "65 mg"]


def test_markdown_escapes_are_neither_citations_nor_claims():
    """Pages saved as markdown escape brackets and list numbers: "\\[12\\]", "1\\."."""
    text = "Magnesium supports sleep \\[12\\] and mood \\[3, 4\\].\n\n1\\. Take 200 mg daily.\n2\\. Avoid more than 350 mg."
    found = extract(text)
    assert found["value_text"].tolist() == ["200 mg", "more than 350 mg"]
    assert math.isnan(found.iloc[1]["low"]) and found.iloc[1]["high"] == 350  # "avoid more than": an upper limit


@pytest.mark.parametrize("text, expected", [
    ("Fatty fish like salmon provide ~570 IU of vitamin D per 100 grams.", [("other", 570, "IU")]),
    ("Typically 180 mg EPA per 1 g capsule.", [("dose", 180, "mg"), ("dose", 1000, "mg")]),
    ("In the US, 35% of adults have serum 25(OH)D below 20 ng/mL, indicating deficiency.",
     [("deficiency_prevalence", 35, "%"), ("other", 20, "ng/mL")]),
    ("50,000 IU weekly corrects deficiency in 90% of patients.", [("dose", 50000, "IU/week"), ("other", 90, "%")]),
    ("Infants 0–12 months: 400 IU (10 mcg).", [("dose", 400, "IU"), ("dose", 10, "mcg")]),
])
def test_unseen_page_phrasings(text, expected):
    """Phrasings met on pages outside the seeds and the development corpus (search tool, pages corpus)."""
    found = extract(text)
    got = [(r.claim_type, r.low if not math.isnan(r.low) else r.high, r.unit) for r in found.itertuples()]
    assert got == expected, found[["claim_type", "value_text", "low", "high", "unit"]]


def test_units_from_column_headers_scale_after_plus_and_money():
    table = "| CFU Level | Typical Use |\n|---|---|\n| 10-25 Billion | General digestive health |\n| 50+ Billion | Severe |\n"
    found = extract(table)
    assert list(zip(found["low"], found["unit"])) == [(1e10, "CFU"), (5e10, "CFU")]
    assert math.isnan(found.iloc[1]["high"])
    assert one("Don't be fooled by 100+ billion CFU marketing.")["low"] == 1e11
    assert extract("Probiotic sales are projected to exceed 64 billion dollars. The 6:00 news said so.").empty


@pytest.mark.parametrize("text, expected", [
    ("Daily doses of 125 mg to 5 grams lowered cortisol.", [("dose", 125, 5000, "mg/day", 1)]),
    ("Take 2 g or 500 mg.", [("dose", 2000, 2000, "mg", 1), ("dose", 500, 500, "mg", 1)]),
    ("Take it once or twice daily.", [("other", 1, 2, "times/day", 1)]),
    ("Take 300 mg twice daily with food.", [("dose", 300, 300, "mg", 2), ("other", 2, 2, "times/day", 1)]),
    ("Cortisol fell with 600 mg/day (P < 0.0001).", [("dose", 600, 600, "mg/day", 1)]),
    ("They received 300 mg of KM 66 extract.", [("dose", 300, 300, "mg", 1)]),
    ("Garden of Life Dr. Formulated Probiotics Once Daily", []),
])
def test_ranges_across_units_frequencies_and_names(text, expected):
    found = extract(text)
    assert [(r.claim_type, r.low, r.high, r.unit, r.times_per_day) for r in found.itertuples()] == expected, \
        found[["claim_type", "value_text", "low", "high", "unit", "times_per_day"]]


@pytest.mark.parametrize("text, expected", [
    ("42% of Americans don't meet the estimated average requirement.", [("deficiency_prevalence", 42, "%")]),
    ("A trial (PMID: 38456789) of 1,247 adults.", [("other", 1247, "count")]),
    ("Published in Am J Clin Nutr (2023;118(3):456-468).", []),
    ("Citrate had 30% better absorption than oxide, but it caused loose stools in 23% of participants.",
     [("absorption_rate", 30, "%"), ("other", 23, "%")]),
    ("Blood pressure fell by 2–4 mmHg.", [("other", 2, "mmHg")]),
    ("Tier 1 0 14.0%", [("other", 14, "%")]),
])
def test_more_unseen_page_phrasings(text, expected):
    found = extract(text)
    assert [(r.claim_type, r.low, r.unit) for r in found.itertuples()] == expected, \
        found[["claim_type", "value_text", "low", "high", "unit"]]


def test_a_dose_band_is_the_subject_of_the_figures_it_qualifies():
    found = extract("At low doses (20 mg), absorption can reach nearly 100%, whereas, at higher doses (12 g), "
                    "only 16% is absorbed.")
    assert found["subject"].tolist() == ["low doses", "low doses", "higher doses", "higher doses"]
    assert found["claim_type"].tolist() == ["dose", "absorption_rate", "dose", "absorption_rate"]


@pytest.mark.parametrize("text, subject", [
    ("KSM-66 is standardized to 5% withanolides.", "withanolides"),
    ("With over 2,500 years of Ayurvedic use, it is trusted.", "ayurvedic use"),
    ("The four common forms", "common forms"),
])
def test_an_other_numbers_subject_is_what_follows_it(text, subject):
    assert one(text)["subject"] == subject


@pytest.mark.parametrize("text, subject", [
    ("Pediatric patients can safely take up to six milligrams of melatonin.", "pediatric patients"),
    ("The recommended daily intake of vitamin C is 90 mg.", "recommended daily intake"),
    ("The dose should be taken thirty to sixty minutes before bedtime.", "before bedtime"),
])
def test_dose_and_timing_subjects(text, subject):
    text = "# Melatonin and vitamin C\n\nMelatonin. Melatonin. Vitamin C.\n\n" + text
    assert extract(text).iloc[-1]["subject"] == subject


# --- classes seen on the held-out pages (made-up sentences) ---------------------------------------------------

def test_table_cells_glued_to_their_row_label():
    text = "Group and SexDaily intake of Vit Q (mcg)\nInfants to 6 months4 mcg\nOlder Women150 mcg\nVitamin D3 K2 Omega-3\n"
    found = extract(text)
    got = [(r.claim_type, r.low, r.unit, r.subject) for r in found.itertuples()]
    # the age label glued to the cell is a population descriptor; D3, K2, Omega-3 stay names
    assert got == [("dose", 4, "mcg/day", "infants to 6 months"), ("dose", 150, "mcg/day", "older women")], got


@pytest.mark.parametrize("text, value_text", [
    ("Our CoQ10 softgels are popular.", None), ("Try Probiotic10 today.", None), ("covid19 cases rose.", None)])
def test_names_glued_to_digits_stay_names(text, value_text):
    assert extract(text).empty


@pytest.mark.parametrize("text, low, high, unit", [
    ("Children may take 1/2 to 1 teaspoon of the syrup.", 0.5, 1, "teaspoons"),
    ("Stir ½ cup into water.", 0.5, 0.5, "cups"),
    ("Adults take 1 1/2 tablets daily.", 1.5, 1.5, "tablets/day"),
    ("Sip 6-8 fl oz of the tonic.", 6, 8, "fl oz"),
    ("Take 4 fl. oz at night.", 4, 4, "fl oz"),
    ("Most take 250 mgs with breakfast.", 250, 250, "mg"),
])
def test_fractions_and_liquid_units(text, low, high, unit):
    claim = one(text)
    assert (claim["claim_type"], claim["low"], claim["high"], claim["unit"]) == ("dose", low, high, unit), claim


def test_a_range_restated_in_a_second_unit_gives_one_row_per_unit():
    found = extract("Drink 5-8 fl oz (150-240 ml) of the tonic.")
    assert [(r.low, r.high, r.unit) for r in found.itertuples()] == [(5, 8, "fl oz"), (150, 240, "ml")]


def test_ratings_and_dates_with_slashes_are_not_fractions():
    assert extract("Rated 4/5 by our panel on 1/2/2024, open 24/7.").empty


@pytest.mark.parametrize("text, expected", [
    ("You may go to at least 50 mgs, with no more than 300 milligrams taken in a four hour period.",
     [("dose", 50, math.nan, "mg"), ("dose", math.nan, 300, "mg"), ("other", 4, 4, "hours")]),
    ("Regulators suggest a maximum dose of 2,500 mgs daily.", [("dose", math.nan, 2500, "mg/day")]),
    ("Repeat 1 tablespoon every 3-4 hours.", [("dose", 1, 1, "tablespoons"), ("other", 3, 4, "hours")]),
])
def test_bounds_with_mgs_intervals_and_windows(text, expected):
    found = extract(text)
    got = [(r.claim_type, r.low, r.high, r.unit) for r in found.itertuples()]
    assert len(got) == len(expected) and all(
        a[0] == b[0] and a[3] == b[3] and claims._same(a[1], b[1]) and claims._same(a[2], b[2])
        for a, b in zip(got, expected)), got


@pytest.mark.parametrize("text", [
    "In one survey, 22% of teens aren’t even getting half of the recommended amount.",
    "About 41% of older adults don’t get enough of it.",
    "Roughly 30% of women are still below recommended daily amounts.",
])
def test_deficiency_paraphrases(text):
    found = extract(text)
    share = found[found["unit"] == "%"].iloc[0]
    assert share["claim_type"] == "deficiency_prevalence", found[["claim_type", "value_text"]]
    assert (found.loc[found["value_text"].str.startswith("half"), "claim_type"] == "other").all()


@pytest.mark.parametrize("text, kind", [
    ("Walnuts hold an average of 20 mcg per nut.", "other"),
    ("Some carry as much as 90 mcg per nut.", "other"),
    ("Follow it with an 8 fl oz glass of water.", "other"),
])
def test_food_and_water_amounts_are_other(text, kind):
    assert one(text)["claim_type"] == kind


def test_a_serving_definition_and_count_packages_are_not_doses():
    found = extract("One serving of this blend is equal to 2 capsules. It comes in 30 and 90 count bottles.")
    assert [(r.claim_type, r.low, r.unit) for r in found.itertuples()] == [("dose", 2, "capsules")], found


def test_the_first_half_of_the_day_is_not_a_share():
    assert extract("Keep coffee to the first half of the day.").empty


@pytest.mark.parametrize("text, low, high", [
    ("Take 1 mg 2–4 h before your usual bedtime.", 2, 4),
    ("Use 2 mg 1–2 h pre‑bed.", 1, 2),
    ("Take 0.5 mg 3 hours before DLMO.", 3, 3),
])
def test_timing_anchors(text, low, high):
    found = extract(text)
    timing = found[found["claim_type"] == "timing"]
    assert [(r.low, r.high, r.unit) for r in timing.itertuples()] == [(low, high, "hours")], found


def test_percent_of_a_stated_requirement_is_percent_dv():
    assert one("A single nut contains 150% of the required amount of this mineral.")["unit"] == "%DV"


def test_a_range_restated_with_and_in_brackets_stays_a_range():
    found = extract("The usual serving is between 4 and 6 fl oz (120 and 180 ml; 4.2 and 6.2 imp fl oz) of the tonic.")
    assert [(r.low, r.high, r.unit) for r in found.itertuples()] == [
        (4, 6, "fl oz"), (120, 180, "ml"), (4.2, 6.2, "imp fl oz")], found[["value_text", "low", "high"]]
    listed = extract("It comes in 60 and 180 ml bottles of tonic, taken 5 ml daily.")
    assert (listed["low"] == listed["high"]).all()  # a list outside brackets is not a range


def test_a_liquid_products_concentration_is_its_strength():
    claim = one("The tonic has a concentration of 2.5 g of the citrate per fl. oz.")
    assert (claim["claim_type"], claim["low"], claim["unit"]) == ("dose", 2500, "mg")
    assert one("Serum concentration of 1.2 mg was measured.")["claim_type"] == "other"


@pytest.mark.parametrize("text, value_text, subject", [
    ("Adults take 200 mg three times a day.", "three times a day", "dosing frequency, adults"),
    ("Repeat 1 tablespoon every 3-4 hours.", "3-4 hours", "dosing interval"),
    ("Use 1/2 teaspoon (2.5 ml) for children and 1-2 teaspoons (5-10 ml) for adults.", "1-2 teaspoons", "adults"),
    ("Use 1/2 teaspoon (2.5 ml) for children and 1-2 teaspoons (5-10 ml) for adults.", "5-10 ml", "adults"),
    ("For shift work: 1 mg taken 2 hours before your planned sleep.", "2 hours",
     "shift work, before your planned sleep"),
])
def test_subjects_of_frequencies_intervals_restated_amounts_and_timings(text, value_text, subject):
    found = extract(text).set_index("value_text")
    assert found.loc[value_text, "subject"] == subject, found[["subject"]]


@pytest.mark.parametrize("text, expected", [
    ("A 5-day reduction in the length of colds was reported.", [("other", 5, 5, "days")]),
    ("Over the following 30 years, results differed.", [("other", 30, 30, "years")]),
    ("Take iron and zinc at least 3 hours apart.", [("timing", 3, math.nan, "hours")]),
    ("Elders have used the root for centuries.", [("other", 200, math.nan, "years")]),
    ("Women in the age range of 40-60 took part; loss begins at the age of 30.", []),
    ("About one-half showed benefit.", [("other", 50, 50, "%")]),
    ("The spray cut symptom days by half.", [("other", 50, 50, "%")]),
    ("Cut the dose by half an hour earlier.", [("other", 0.5, 0.5, "hours")]),
])
def test_time_spans_effect_durations_spacing_and_halves(text, expected):
    found = extract(text)
    got = [(r.claim_type, r.low, r.high, r.unit) for r in found.itertuples()]
    assert len(got) == len(expected) and all(
        a[0] == b[0] and a[3] == b[3] and claims._same(a[1], b[1]) and claims._same(a[2], b[2])
        for a, b in zip(got, expected)), got


def test_companion_ingredients_and_strains_name_their_own_supplement():
    found = extract("Each capsule holds 5 billion CFU of L. casei plus 100 mg of the prebiotic inulin. "
                    "Pair it with 3 g of glycine and 500 mg of MSM.")
    assert found.set_index("value_text")["supplement"].to_dict() == {
        "5 billion CFU": "probiotics", "100 mg": "inulin", "3 g": "glycine", "500 mg": "msm"}


def test_the_subject_of_an_effect_size_is_what_changed():
    found = extract("The spray shortened the length of night cough by 31%, wheezing by 12% and was reduced by 9%.")
    assert found.set_index("value_text")["subject"].to_dict()["31%"] == "night cough"
    assert found.set_index("value_text")["subject"].to_dict()["12%"] == "wheezing"
    assert found.set_index("value_text")["subject"].to_dict()["9%"] != "reduced"


def test_a_name_right_before_an_amount_labels_it_and_another_amounts_form_is_not_borrowed():
    found = extract("Nutraharmony Drops - Vitamin D3 5000 IU & MK-7 90mcg - Immune & Mood Support.")
    assert found.set_index("value_text")["subject"].to_dict() == {"5000 IU": "vitamin d3", "90mcg": "mk-7"}
    found = extract("## Fish oil\n\nTypically 200 mg EPA + 100 mg DHA per 1 g capsule (~300 mg combined).")
    subjects = found.set_index("value_text")["subject"].to_dict()
    assert subjects["200 mg"] == "epa" and subjects["100 mg"] == "dha" and subjects["~300 mg"] not in ("epa", "dha")


def test_the_exponent_of_scientific_notation_is_not_a_claim():
    found = extract("A nanogram is one billionth (1×10−9) of a gram.")
    assert "9" not in found["value_text"].str.strip().tolist() and "10" not in found["value_text"].tolist(), found


def test_a_descriptor_between_an_amount_and_its_subject():
    found = extract("Each capsule has 8 billion CFU of L. casei, plus 150 mg of the prebiotic inulin.")
    assert found.set_index("value_text")["subject"].to_dict()["150 mg"] == "inulin"


@pytest.mark.parametrize("text, low, high, unit", [
    ("A severe shortfall may take six months to a year to resolve.", 6, 12, "months"),
    ("Relief can take 2 days to a week.", 2, 7, "days"),
])
def test_a_range_ending_in_a_year_or_a_week(text, low, high, unit):
    claim = one(text)
    assert (claim["claim_type"], claim["low"], claim["high"], claim["unit"]) == ("onset", low, high, unit)


def test_a_containers_size_is_not_a_dose():
    found = extract("It ships in a 2 fl oz bottle; 1 ml can be taken daily.")
    assert [(r.claim_type, r.low, r.unit) for r in found.itertuples()] == [("dose", 1, "ml/day")], found


def test_within_a_few_weeks_is_vague_but_within_days_is_not():
    assert extract("A mild shortfall may be corrected within a few weeks.").empty
    assert one("Relief comes within days.")["high"] == 7


def test_a_weekly_frequency_is_not_times_per_day():
    found = extract("Take 2,000 IU three times a week, or one capsule four times throughout the day.")
    got = [(r.claim_type, r.low, r.unit, r.times_per_day) for r in found.itertuples()]
    assert got == [("dose", 2000, "IU", 1), ("other", 3, "times/week", 1), ("dose", 1, "capsules", 4),
                   ("other", 4, "times/day", 1)], got


# --- the classes a second held-out corpus (data/holdout2) exposed; made-up sentences, never the pages' own --------

def rows(text: str) -> list[tuple]:
    found = extract(text)
    return [(r.claim_type, None if math.isnan(r.low) else r.low, None if math.isnan(r.high) else r.high, r.unit)
            for r in found.itertuples()]


@pytest.mark.parametrize("text, expected", [
    ("Start with 0.1 grams per kilogram of body weight (or 0.045 g per pound) each day.",
     [("dose", 0.1, 0.1, "g/kg/day"), ("dose", 0.045, 0.045, "g/lb/day")]),
    ("Children may use 5 mg/kg/day.", [("dose", 5, 5, "mg/kg/day")]),
    ("Athletes took 0.07 g/kg before training.", [("dose", 0.07, 0.07, "g/kg")]),
])
def test_a_dose_scaled_to_body_weight_is_never_a_plain_mass(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text", ["Contents: 120 gummies.", "180 softgels - 6 month supply", "There are 30 capsules per jar.",
                                  "Each box holds 60 tablets in a bottle.", "Net contents: 90 caps (3-month supply)."])
def test_a_pack_count_is_not_a_dose(text):
    assert extract(text).empty, extract(text)[["claim_type", "value_text"]]


@pytest.mark.parametrize("text, unit", [("Take 2 capsules daily.", "capsules/day"),
                                        ("Take 2 capsules with food.", "capsules"),
                                        ("Serving size: 2 tablets", "tablets"),
                                        ("Usage: 1 softgel 30 minutes before bed.", "softgels"),
                                        ("After a month you can reduce to 1 tablet every 3 days.", "tablets")])
def test_a_serving_count_with_a_dosing_cue_is_a_dose(text, unit):
    assert [r for r in rows(text) if r[0] == "dose"] == [("dose", 1 if "1 " in text else 2,
                                                         1 if "1 " in text else 2, unit)]


def test_food_amounts_behind_a_restatement_are_other_with_their_period():
    assert rows("Experts suggest eating three servings (about 12 ounces) of fatty fish per week.") == [
        ("other", 3, 3, "servings/week"), ("other", 12, 12, "oz/week")]
    assert rows("A typical Western diet provides about 1,500–3,000 mg of ginger (30–50 mg of gingerols) per day.") == [
        ("other", 1500, 3000, "mg/day"), ("other", 30, 50, "mg/day")]
    assert rows("Take 8 ounces of the juice daily.") == [("dose", 8, 8, "fl oz/day")]  # a liquid to take stays a dose


def test_a_dose_band_that_qualifies_an_absorption_figure_is_a_dose():
    assert rows("While about 80% of a 100mg dose of zinc is absorbed, under 40% of a 900mg dose is absorbed.") == [
        ("absorption_rate", 80, 80, "%"), ("dose", 100, 100, "mg"), ("absorption_rate", None, 40, "%"),
        ("dose", 900, 900, "mg")]
    assert rows("You absorb about 11 mg.") == [("absorption_rate", 11, 11, "mg")]


@pytest.mark.parametrize("text, value", [("Roughly seven out of 10 women do not get enough iron.", 70),
                                         ("Two in three adults fall short of the RDA.", 200 / 3),
                                         ("About 1 in 4 adults is deficient.", 25)])
def test_n_out_of_m_people_is_a_share(text, value):
    (kind, low, high, unit), = rows(text)
    assert (kind, unit) == ("deficiency_prevalence", "%") and low == pytest.approx(value) and high == pytest.approx(value)


@pytest.mark.parametrize("text", ["Rated 4 out of 5 stars.", "We rated it 9 out of 10.", "Results came in 2019."])
def test_a_rating_or_a_year_is_not_a_share(text):
    assert "%" not in [r[3] for r in rows(text)]


@pytest.mark.parametrize("text, kind", [
    ("Up to 40% of older adults have trouble absorbing iron from plant foods.", "deficiency_prevalence"),
    ("About 15% of women are at risk of low zinc status.", "deficiency_prevalence"),
    ("Only 20% of the dose is absorbed.", "absorption_rate"),
    ("People absorb 30% of the calcium they eat.", "absorption_rate"),
    ("40% of adults take a multivitamin.", "other"),
])
def test_a_share_of_people_with_a_problem_is_prevalence_a_share_of_a_dose_absorption(text, kind):
    assert rows(text)[0][0] == kind


def test_a_forms_blood_level_multiple_is_absorption_but_a_meals_is_not():
    assert rows("In the trial, the liposomal arm reached blood levels 2.5 times higher than plain vitamin C.") == [
        ("absorption_rate", 2.5, 2.5, "times")]
    assert rows("Blood levels were 3 times higher after the meal.") == [("other", 3, 3, "times")]


def test_millimoles_restating_a_mass_are_a_dose_row_of_their_own():
    assert rows("Daily: 300 mg (about 12 mmol).") == [("dose", 300, 300, "mg/day"), ("dose", 12, 12, "mmol/day")]
    assert rows("Normal serum levels are 0.75-0.95 mmol/L.")[0][0] == "other"


def test_ui_is_international_units():
    assert rows("Capsules of 2000 UI each.") == [("dose", 2000, 2000, "IU")]


@pytest.mark.parametrize("text, expected", [
    ("Separate it from zinc supplements by at least 3 hours.", [("timing", 3, None, "hours")]),
    ("Serum levels peaked at the 6-hour mark.", [("onset", 6, 6, "hours")]),
    ("To notice real benefits, take 1,000 mg daily for at least two months.",
     [("dose", 1000, 1000, "mg/day"), ("onset", 2, None, "months")]),
    ("Start with a maintenance phase for 10 days in order to keep stores full.", [("other", 10, 10, "days")]),
    ("Taking 3 g/day for 28 days will achieve similar increases.", [("dose", 3000, 3000, "mg/day"), ("onset", 28, 28, "days")]),
    ("The rhythm shifts by three or more hours.", [("other", 3, None, "hours")]),
])
def test_time_classes(text, expected):
    assert rows(text) == expected


def test_worked_calculation_with_x_keeps_only_its_result_and_a_multiplier_is_times():
    assert rows("Zinc = 220 mg x 0.23 = 50 mg of zinc.") == [("dose", 50, 50, "mg")]
    assert rows("Take 2 x 500 mg tablets daily.") == [("dose", 500, 500, "mg/day")]
    assert rows("Then multiply the total by 0.25.") == [("other", 0.25, 0.25, "times")]


def test_ages_and_body_weights_that_label_the_subject_are_not_claims():
    assert rows("It enrolled 40 men between the ages of 30 and 65 who took 5 g.") == [
        ("other", 40, 40, "count"), ("dose", 5000, 5000, "mg")]
    assert rows("180 lbs – 25 grams daily for loading (5 days)") == [("dose", 25000, 25000, "mg/day"),
                                                                     ("other", 5, 5, "days")]
    assert rows("Users lost 5 pounds in a month.")[0][1:] == (5, 5, "lb")


def test_n_divided_doses_is_a_count_unless_the_day_is_said():
    assert rows("Compared with one 900mg dose, three divided doses of 300mg raised levels more.") == [
        ("dose", 900, 900, "mg"), ("other", 3, 3, "count"), ("dose", 300, 300, "mg")]
    found = extract("Take 600 mg a day as three divided doses of 200 mg.")
    assert [(r.claim_type, r.low, r.unit, r.times_per_day) for r in found.itertuples()] == [
        ("dose", 600, "mg/day", 1), ("other", 3, "times/day", 1), ("dose", 200, "mg", 3)]


_D_DROPS = "Vitamin D drops. Vitamin D helps bones, and vitamin D is made in skin.\n\n"


@pytest.mark.parametrize("text, value_text, subject", [
    # a discourse marker is no lead; a lead after a label is one, without its bracket
    ("For instance, a tablet that gives 80 mg of zinc gluconate is strong.", "80 mg", "zinc gluconate"),
    ("Our pick: For bone health (long term), 600 mg daily works.", "600 mg", "bone health"),
    # the thing an amount is of, with its serving ("per capsule"), when no lexicon term says it
    ("Tablets holding 3-6 mg of huperzine extract per capsule are common.", "3-6 mg", "huperzine extract per capsule"),
    ("They gave 12 grams of whey hydrolysate daily.", "12 grams", "whey hydrolysate"),
    ("Products with 900 mg of omega-3s made up of EPA exist.", "900 mg", "omega-3s"),
    # a name before an amount, across a bracketed synonym, also for the amount's restatement
    (_D_DROPS + "Ingredients: Vitamin K2 (menaquinone-7) 100 mcg (0.1 mg)", "100 mcg", "vitamin k2"),
    (_D_DROPS + "Ingredients: Vitamin K2 (menaquinone-7) 100 mcg (0.1 mg)", "0.1 mg", "vitamin k2"),
    # a body weight that labels a list of amounts
    ("- 180 lbs – 24 grams daily", "24 grams", "180 lbs"),
    # what rose or fell: "a 14% increase in X"
    ("The group saw a 14% increase in bone density after a year.", "14%", "bone density"),
    # a population "with" a problem; footnote markers and "the age of" in a population
    ("The 31% with low ferritin levels have more fatigue.", "31%", "low ferritin levels"),
    ("About 8% of teens[2] over the age of 14 are deficient in iron.", "About 8%", "teens over 14"),
    # a population after an amount and its period
    ("Aim for 300 mg per day for women and more than 420 mg per day for men.", "more than 420 mg", "men"),
])
def test_subjects_said_around_an_amount(text, value_text, subject):
    found = extract(text).set_index("value_text")
    assert found.loc[value_text, "subject"] == subject, found[["claim_type", "subject"]]


def test_a_phase_in_a_heading_or_after_an_amount_is_the_subject():
    text = ("# Taking creatine\n\n## Loading Phase\n\n- Dosage: 6 g/day total\n- Duration: 10-14 days\n\n"
            "## After Loading\n\n- Dosage: 2-3 g/day\n\nMost people take about 6 grams per day for the loading phase.")
    found = extract(text)
    assert found["subject"].tolist() == ["loading phase", "loading phase", "creatine", "loading phase"], found


@pytest.mark.parametrize("text, value_text, subject", [
    ("Take zinc and copper at least 2 hours apart.", "at least 2 hours", "spacing between zinc and copper"),
    ("In teens and adults, the AI is 1.3 and 1.5 mg/day, respectively.", "1.3", "teens"),
    ("In teens and adults, the AI is 1.3 and 1.5 mg/day, respectively.", "1.5 mg", "adults"),
    ("The liquid form absorbs about 40% better than tablets.", "about 40%", "liquid form"),
    ("For those over the age of 70, about 15% have a deficiency.", "about 15%", "over 70"),
    ("A mild deficiency may take three months to correct.", "three months", "mild deficiency"),
    ("It is used for statin myopathy (100-200 mg/day), then for gum disease (50 mg/day).", "100-200 mg", "statin myopathy"),
    ("It is used for statin myopathy (100-200 mg/day), then for gum disease (50 mg/day).", "50 mg", "gum disease"),
    ("There are thousands of clinical studies conducted on it.", "thousands of", "clinical studies"),
    ("It was tested in 12 double-blind, randomized, placebo-controlled trials over a decade.", "12",
     "placebo-controlled trials"),
    ("The blend holds eight species, including L. casei.", "eight", "species"),
])
def test_subjects_of_lists_spacings_forms_and_courses(text, value_text, subject):
    found = extract(text).set_index("value_text")
    assert found.loc[value_text, "subject"] == subject, found[["claim_type", "subject"]]


def test_an_amount_restated_in_brackets_is_not_labelled_by_its_unit():
    found = extract("Each softgel gives 1000 IU (25 mcg) of it, and 2 teaspoons (10 ml) of the syrup.")
    assert not set(found["subject"]) & {"iu", "teaspoons", "softgel"}, found[["value_text", "subject"]]


@pytest.mark.parametrize("text, supplement", [
    ("# Calcium\n\nCalcium builds bone. Calcium is common. Take calcium and iron at least 2 hours apart.", "calcium"),
    ("# Magnesium\n\nMagnesium helps. Magnesium is common. Separate from calcium and iron supplements by at least 2 "
     "hours.", "magnesium"),
    ("# Magnesium\n\nMagnesium helps. Magnesium is common. Take iron and zinc at least 3 hours apart.", "iron"),
])
def test_a_spacing_between_supplements_belongs_to_the_page_supplement_it_involves(text, supplement):
    assert one(text)["supplement"] == supplement


@pytest.mark.parametrize("text, value_text, subject", [
    ("- Slow Start: you can skip the loading phase and take 3 g/day.", "3 g", "slow start"),
    ("Method of use: 1 tablet 20 minutes before bedtime.", "20 minutes", "before bedtime"),
    ("Absorption is 40% at moderate doses (200-400mg), and under 20% at high doses (1,000mg+).", "1,000mg+",
     "high doses"),
])
def test_a_bullet_label_names_a_dose_but_not_a_timing(text, value_text, subject):
    found = extract(text).set_index("value_text")
    assert found.loc[value_text, "subject"] == subject, found[["claim_type", "subject"]]


@pytest.mark.parametrize("text, value_text, subject", [
    ("About 60% of a 500mg dose of zinc is absorbed.", "About 60%", "500mg dose"),
    ("About 60% of a 500mg dose of zinc is absorbed.", "500mg", "500mg dose"),
    ("The liposomal group had serum levels 2.1 times higher than the tablet group.", "2.1 times", "liposomal group"),
    ("Levels were 30% higher at the 6-hour mark.", "6-hour", "6-hour mark"),
    ("The trial enrolled 40 men who were given 5 grams of whey isolate daily.", "5 grams", "whey isolate"),
    ("Older adults should take 5 grams of whey isolate daily.", "5 grams", "older adults"),
    ("Bloating of 1-2 kg is common in week one.", "1-2 kg", "bloating"),
    ("A ferritin level of 30-50 ng/ml is thought to be enough.", "30-50 ng/ml", "ferritin level"),
    ("A total of 14 trials were pooled.", "14", "trials"),
    ("About 1-3 mg can help night shift workers.", "About 1-3 mg", "night shift workers"),
])
def test_dose_bands_study_arms_participants_and_what_an_amount_is_of(text, value_text, subject):
    found = extract(text).set_index("value_text")
    assert found.loc[value_text, "subject"] == subject, found[["claim_type", "subject"]]


def test_food_amounts_say_which_food_and_table_columns_drop_their_units():
    found = extract("That is like eating two servings (about 8 ounces) of oily fish per week.")
    assert found["subject"].tolist() == ["oily fish", "oily fish"], found[["value_text", "subject"]]
    assert one("Eat 2-4 servings a week of oily fish.")["subject"] == "oily fish"
    table = ("| Form | Calcium Share (by weight) | Dose (mg) | Calcium |\n|---|---|---|---|\n"
             "| Calcium Citrate | 21% | 500 | 105 mg |\n| Calcium Carbonate | 40% | 500 | 200 mg |\n")
    subjects = extract(table).set_index("value_text")["subject"].to_dict()
    assert subjects["21%"] == "calcium citrate, calcium share" and subjects["40%"] == "calcium carbonate, calcium share"
    table = "| Form | Type II Collagen (UC-II) | Peptides |\n|---|---|---|\n| Daily Dose | 40 mg | 10 g |\n"
    assert extract(table).set_index("value_text")["subject"]["40 mg"] == "daily dose, type ii collagen (uc-ii)"


@pytest.mark.parametrize("text, value_text, subject", [
    ("- Slow Loading: 3 g/day for 28 days gives similar muscle carnitine increases (~20%) but more slowly.", "~20%",
     "muscle carnitine increases"),
    ("Most of our iron (about 70%) is held in red cells.", "about 70%", "iron"),
])
def test_a_label_before_a_bracketed_share_and_small_words_around_it(text, value_text, subject):
    found = extract(text).set_index("value_text")
    assert found.loc[value_text, "subject"] == subject, found[["claim_type", "subject"]]


@pytest.mark.parametrize("text, value_text, subject", [
    ("For those seeking a steady calming effect, one capsule can be taken three times a day.", "three times a day",
     "dosing frequency, steady calming effect"),
    ("For those seeking a steady calming effect, one capsule can be taken three times a day.", "one capsule",
     "steady calming effect"),
    ("Keep the routine for 3-4 weeks.", "3-4 weeks", "routine"),
    ("Many take supplemental doses of 500mg zinc, or five divided doses of 100 mg.", "500mg", "supplemental doses"),
    ("Many take supplemental doses of 500mg zinc, or five divided doses of 100 mg.", "five divided doses",
     "divided doses"),
    ("Studies typically use doses of 500-1,000 mg of it.", "500-1,000 mg", ""),
    ("Split it into 4 equal doses of 2 g each.", "2 g", ""),
    ("An adult dose of 10 oz of the syrup is common.", "10 oz", "adult dose"),
    ("It is used for short sprints (think 5-15 seconds).", "5-15 seconds", "short sprints"),
])
def test_leads_named_amounts_and_what_is_kept_up(text, value_text, subject):
    found = extract(text).set_index("value_text")
    got = found.loc[value_text, "subject"]
    assert (got == subject) if subject else got not in ("doses", "use doses", "equal doses", "4 equal doses"), found


def test_a_population_named_far_after_an_amount_in_a_later_clause_is_not_its_subject():
    found = extract("Each tablet has 25 mg of zinc, which is more than enough to cover daily needs even in people with "
                    "low intakes.")
    assert found.iloc[0]["subject"] != "people", found[["value_text", "subject"]]
    assert one("Each tablet has 25 mg of zinc for adults.")["subject"] == "adults"


def test_what_is_avoided_for_a_time_before_an_event_is_the_subject():
    assert extract("Try avoiding bright phone screens at least 2 hours before bed.").iloc[0]["subject"] == \
        "bright phone screens"


@pytest.mark.parametrize("text, value_text, subject", [
    ("For teens over fourteen years old, the recommended starting dose is two milligrams.", "two milligrams",
     "teens over fourteen years old, recommended starting dose"),
    ("Intakes over 400 mg daily are required to achieve tissue saturation and more.", "over 400 mg", "tissue saturation"),
])
def test_a_lead_with_its_dose_band_and_what_an_amount_is_needed_for(text, value_text, subject):
    found = extract(text).set_index("value_text")
    assert found.loc[value_text, "subject"] == subject, found[["claim_type", "subject"]]
