"""Claim strength: the rules one cue at a time, the fast scanner against the plain regexes, and the
measurement against Yu et al.'s hand-labelled sentences."""
from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcritique import language, strength
from claimcritique.scanning import document_strings
from claimcritique.segment import segment_blocks, segment_sentences

# Measured on the held-out half and on all 3,061 sentences (README, notebook 04); the floors sit a little
# below, so an edit of claim_strength.csv that costs more than that fails here.
HELD_OUT_MACRO_F1_FLOOR = 0.76  # measured 0.773
ALL_MACRO_F1_FLOOR = 0.74  # measured 0.761
ALL_ACCURACY_FLOOR = 0.77  # measured 0.785


def levels(*texts: str) -> list[str]:
    return strength.level_of_sentences(list(texts))["level"].tolist()


@pytest.mark.parametrize("text, level", [
    ("Metformin was associated with a lower risk of dementia.", "correlational"),
    ("Higher iron intakes were observed in adolescents than in adults.", "correlational"),  # a comparison
    ("Patients with diabetes are at increased risk of fracture.", "correlational"),
    ("Coffee may be associated with lower mortality.", "correlational"),  # a hedged association stays one
    ("Dulaglutide improved glycemic control in these patients.", "direct causal"),
    ("Surgery provides a significant survival benefit.", "direct causal"),
    ("Steroid therapy did not influence mortality.", "direct causal"),  # negated, same level (Yu et al.)
    ("Surgical resection may improve outcomes.", "conditional causal"),
    ("Reducing carbohydrate intake could reduce the risk of recurrence.", "conditional causal"),  # modal governs
    ("Further studies are needed to confirm that exercise improves outcomes.", "none"),  # call for research
    ("Interventions to reduce indoor air pollution should be reinforced.", "none"),
    ("Our results support the use of this questionnaire.", "none"),  # evidence 'supports' a conclusion
    ("Trial registration: ClinicalTrials.gov NCT00474318.", "none"),
    ("This formula guarantees deeper sleep every night.", "absolute"),
])
def test_levels_from_the_sentence_own_cues(text, level):
    assert levels(text) == [level]


def test_health_claim_is_a_separate_question():
    table = strength.level_of_sentences(["Magnesium improves sleep quality.", "The new process improves yield."])
    assert table["level"].tolist() == ["direct causal", "direct causal"]
    assert table["health_claim"].tolist() == [True, False]
    assert table["strength"].tolist() == ["direct causal", "none"]  # what consistency reads


@pytest.mark.parametrize("text", ["Zinc supports immune function.", "Collagen may reduce wrinkles.",
                                  "Vitamin D is associated with bone density."])
def test_health_claims_of_other_supplements_are_recognised(text):
    row = strength.level_of_sentences([text]).iloc[0]
    assert bool(row["health_claim"]) and row["strength"] == row["level"] != "none"


def test_negated_cue_is_flagged_and_quoted():
    text = "Cyanosis does not affect TEG parameters."
    row = strength.level_of_sentences([text]).iloc[0]
    assert bool(row["negated"]) and row["cue"] == "affect"
    assert text[row["cue_start"]:row["cue_end"]] == row["cue"] and row["rule"] == "direct"


def test_cue_offsets_are_document_offsets():
    text = "Magnesium is a mineral. Magnesium may improve sleep in older adults."
    sentences = segment_sentences(text, segment_blocks("d", text))
    table = language.claim_strength(sentences)
    row = table[table["cue"] != ""].iloc[0]
    assert row["level"] == "conditional causal" and text[row["cue_start"]:row["cue_end"]] == "may"


@pytest.mark.parametrize("verb, forms", [
    ("reduce", ["reduce", "reduces", "reduced", "reducing"]),
    ("improve", ["improve", "improves", "improved", "improving"]),
    ("lead to", ["lead to", "leads to", "leaded to", "leading to"]),
    ("worsen", ["worsen", "worsens", "worsened", "worsening"]),
    ("modify", ["modify", "modifies", "modified", "modifying"]),
])
def test_verb_rows_match_every_regular_form(verb, forms):
    assert language.verb_forms(verb.split()[0]) == [f.split()[0] for f in forms]
    pattern = re.compile(language._verb_pattern(verb), re.IGNORECASE)
    for form in forms:
        assert pattern.fullmatch(form)
    assert not pattern.search(verb.split()[0] + "ment")  # "improvement" is a noun, not the verb


CUE_WORDS = ["may", "associated with", "improves", "improvement", "increased risk", "higher", "in patients", "should",
             "not", "sleep", "than", "results support", "further studies", "can", "reduced", "risk factors", "the",
             "a", "in", "with", "\n", ",", "."]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CUE_WORDS), min_size=1, max_size=14), min_size=1, max_size=6))
def test_scanner_finds_what_the_category_regexes_find(sentence_words):
    """The word-triggered scanner reports, per category, exactly the spans of re.finditer over the category's
    alternation (the simple, slow way), on random sentences made of cue words."""
    texts = [" ".join(words) for words in sentence_words]
    sentences = pd.DataFrame({"doc_id": "d", "sentence_id": range(len(texts)), "start": 0, "text": texts})
    (_, joined, offsets, _), = document_strings(sentences)
    scanner = strength._CueScanner(strength.strength_lexicon())
    patterns = language.category_patterns(strength.strength_lexicon())
    expected = {}
    for name in strength.CUE_CATEGORIES:
        spans = [(m.start(), m.end()) for m in patterns[name].finditer(joined) if "\x00" not in m.group(0)]
        if spans:
            expected[name] = spans
    found = {name: spans for name, spans in scanner.spans(joined).items() if spans}
    assert found == expected
    assert all(bisect_right(offsets, s) == bisect_right(offsets, e - 1) for v in found.values() for s, e in v)


def test_bad_cue_file_is_named(tmp_path):
    bad = tmp_path / "cues.csv"
    bad.write_text("category,term,match,source\neffect_verb,improve,verbs,me\n")
    with pytest.raises(ValueError, match=r"cues.csv, row 2: match must be one of"):
        language.load_lexicon(bad)


def test_scores_count_absolute_as_direct():
    result = strength.scores(pd.Series(["direct causal", "none", "correlational", "conditional causal"]),
                             pd.Series(["absolute", "none", "none", "conditional causal"]))
    assert result["accuracy"] == 0.75
    assert result["F1 direct causal"] == 1.0 and result["F1 correlational"] == 0.0
    assert result["macro-F1"] == pytest.approx((1.0 + 2 / 3 + 0.0 + 1.0) / 4)


def test_development_half_is_fixed_and_half():
    first, again = strength.development_half(3061), strength.development_half(3061)
    assert (first == again).all() and first.sum() == 1530


needs_yu2019 = pytest.mark.skipif(not strength.YU2019.exists(), reason=f"{strength.YU2019} absent (see its README)")


@needs_yu2019
def test_rules_hold_on_yu_2019():
    table = strength.evaluate_yu2019().set_index("split")
    assert table.loc["all", "n"] == 3061
    assert table.loc["held-out half", "macro-F1"] >= HELD_OUT_MACRO_F1_FLOOR
    assert table.loc["all", "macro-F1"] >= ALL_MACRO_F1_FLOOR
    assert table.loc["all", "accuracy"] >= ALL_ACCURACY_FLOOR
    for level in strength.EVALUATED_LEVELS:  # no level given up to lift the others
        assert table.loc["all", f"F1 {level}"] >= 0.6


@needs_yu2019
def test_rules_beat_the_small_model_on_held_out_sentences():
    table = strength.rules_and_model().set_index("method")
    rules, model = table.iloc[0], table.iloc[1]
    assert rules["macro-F1"] > model["macro-F1"] and rules["n"] == model["n"] == 1531


@pytest.mark.skipif(not strength.YU2020_PRESS.exists(),
                    reason=f"{strength.YU2020_PRESS} absent: its repository has no licence, so it is not shipped "
                           "(data/external/yu2020_press_releases/README.md says how to add it)")
def test_second_check_on_press_releases():
    table = strength.evaluate_yu2020()
    assert table.at[0, "n"] == 2076 and table.at[0, "macro-F1"] >= 0.66  # measured 0.685, never tuned on it


def test_every_cue_is_tried_only_where_its_first_word_occurs():
    """A cue without a leading literal would be run over every document in full (the slow path): keep none."""
    scanner = strength._CueScanner(strength.strength_lexicon())
    assert not [scanner.entries[n][1].pattern for n in scanner.triggers.scan]
    terms = language.language_lexicon()
    terms = terms[~terms["category"].isin(language.HELPER_CATEGORIES)]
    triggers = language._Triggers([language._term_literals(t.term, t.match, t.pattern) for t in terms.itertuples()])
    assert not [terms.iloc[n]["term"] for n in triggers.scan]


def test_seeds_cautious_summary_states_fewer_health_claims_as_fact(seeds):
    """What consistency's evidence_strength compares: the share of a page's health claims stated as fact."""
    table = language.claim_strength(seeds.sentences)
    claims = table[table["health_claim"]]
    share = claims["strength"].isin(["direct causal", "absolute"]).groupby(claims["doc_id"]).mean()
    assert share["003_7f032387946272ae"] <= 0.5 < min(share.drop("003_7f032387946272ae"))
