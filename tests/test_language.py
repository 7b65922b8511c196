"""Promotional language: negation, hedge scope, claim strength, disease claims, disclaimer, reading view."""
from __future__ import annotations

import pandas as pd
import pytest

from claimcritique import language
from claimcritique.segment import segment_blocks, segment_sentences


def sentences_of(text: str, doc_id: str = "d") -> pd.DataFrame:
    return segment_sentences(text, segment_blocks(doc_id, text))


def matches_of(text: str) -> pd.DataFrame:
    return language.find_matches(sentences_of(text))


def test_negation_cancels_hype():
    found = matches_of("It's not a miracle cure. It is a miracle cure.")
    miracle = found[found["text"].str.lower() == "miracle"]
    assert miracle["negated"].tolist() == [True, False]


def test_hedge_scope_within_a_sentence():
    found = matches_of("Magnesium may reduce insomnia. Magnesium cures insomnia.")
    verbs = found[found["category"] == "disease_verb"]
    assert verbs["hedged"].tolist() == [True, False]


@pytest.mark.parametrize("text, level", [
    ("Magnesium glycinate improves sleep quality.", "direct causal"),
    ("Magnesium glycinate may improve sleep quality.", "conditional causal"),
    ("Low magnesium is associated with poor sleep.", "correlational"),
    ("This formula guarantees deeper sleep every night.", "absolute"),
    ("Magnesium is a mineral found in nuts.", "none"),
])
def test_claim_strength_levels(text, level):
    assert language.claim_strength(sentences_of(text))["strength"].tolist() == [level]


def test_disease_claims_versus_structure_function():
    sentences = sentences_of("It reduces anxiety and treats insomnia. It supports restful sleep. It is not a cure for insomnia.")
    claims = language.disease_claims(sentences, language.find_matches(sentences))
    assert claims["quote"].tolist() == ["It reduces anxiety and treats insomnia."]


@pytest.mark.parametrize("text", [
    "These statements have not been evaluated by the Food and Drug Administration. This product is not intended to "
    "diagnose, treat, cure, or prevent any disease.",
    "*These  statements\nhave NOT been evaluated by the FDA.",
    "This statement has not been evaluated by the U.S. Food & Drug Administration.",
])
def test_fda_disclaimer_is_recognised(text):
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    result = language.document_language(docs, sentences_of(text))
    assert bool(result.at[0, "has_fda_disclaimer"])


def test_seeds(seeds):
    scores = language.document_language(seeds.documents, seeds.sentences).set_index("doc_id")
    assert not scores["has_fda_disclaimer"].any()  # none of the seeds carries it
    cautious = "003_7f032387946272ae"
    assert scores["promo_index"].idxmin() == cautious
    assert scores["hedge_per_1k"].idxmax() == cautious
    assert scores.at["002_92b750b21631aec1", "promo_index"] > scores.at["000_0856cdaba0ba1b27", "promo_index"]
    assert scores.at["001_e460cccd0a3ea4ba", "disease_claims"] > 0


def test_every_score_is_traceable_to_matches(seeds):
    matches = language.find_matches(seeds.sentences)
    texts = seeds.texts
    for row in matches.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
    scores = language.document_language(seeds.documents, seeds.sentences, matches).set_index("doc_id")
    counted = matches[~matches["negated"]]
    for doc_id, words in scores["words"].items():
        hedges = ((counted["doc_id"] == doc_id) & (counted["category"] == "hedge")).sum()
        assert scores.at[doc_id, "hedge_per_1k"] == pytest.approx(1000 * hedges / words)


def test_reading_view_escapes_markup():
    text = 'Buy now! <script>alert("x")</script> It reduces anxiety, proven.'
    sentences = sentences_of(text)
    html = language.reading_view(text, "d", sentences, language.find_matches(sentences),
                                 strength=language.claim_strength(sentences))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="cc-booster"' in html and "claim strength:" in html


def test_bad_lexicon_row_is_named(tmp_path):
    bad = tmp_path / "terms.csv"
    bad.write_text("category,term,match,source\nhype,(broken,regex,me\n")
    with pytest.raises(ValueError, match=r"terms.csv, row 2: bad pattern"):
        language.load_lexicon(bad)
