"""Readability: textstat offline, its counts equal to ours, known values, and honest NaNs."""
from __future__ import annotations

import math
import os
import subprocess
import sys

import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimcritique import readability
from claimcritique.segment import segment_blocks, segment_sentences


def test_textstat_counts_syllables_with_no_download(tmp_path):
    """A fresh machine: empty HOME and NLTK_DATA, and any attempt to download is an error."""
    code = (
        "import nltk\n"
        "def refuse(*a, **k): raise SystemExit('tried to download ' + repr(a))\n"
        "nltk.download = refuse\n"
        "from claimcritique import readability\n"
        "print(readability._textstat.syllable_count('magnesium'), readability._textstat.syllable_count('glycinate'))\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk"), "XDG_CACHE_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["4", "3"]


def test_known_values_worked_by_hand():
    # "The cat sat on the mat." + "The dog ran to the big red barn." -> 14 words, 2 sentences,
    # 14 syllables (all monosyllables in CMUdict).
    sentences = ["The cat sat on the mat.", "The dog ran to the big red barn."]
    text = readability.textstat_ready(sentences)
    ts = readability._textstat
    assert (ts.lexicon_count(text), ts.sentence_count(text), ts.syllable_count(text)) == (14, 2, 14)
    # Flesch-Kincaid grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59
    assert math.isclose(ts.flesch_kincaid_grade(text), 0.39 * 7 + 11.8 * 1 - 15.59, abs_tol=1e-9)
    # Flesch reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words
    assert math.isclose(ts.flesch_reading_ease(text), 206.835 - 1.015 * 7 - 84.6 * 1, abs_tol=1e-9)


def test_textstat_counts_our_sentences(seeds):
    prose = readability.sentence_counts(seeds.sentences)
    for doc_id, units in prose.groupby("doc_id")["text"]:
        assert readability._textstat.sentence_count(readability.textstat_ready(units.tolist())) == len(units), doc_id


def test_decimals_and_abbreviations_stay_one_sentence():
    text = "Take 2.5 mg daily, e.g. at dinner, in the U.S. trial."
    sentences = segment_sentences(text, segment_blocks("d", text))
    assert sentences["text"].tolist() == [text]
    assert readability._textstat.sentence_count(readability.textstat_ready([text])) == 1


def test_seed_000_grade_is_plausible_not_20(seeds):
    scores = readability.document_readability(seeds.documents, seeds.sentences).set_index("doc_id")
    naive = readability.naive_scores(seeds.text("000_0856cdaba0ba1b27"))
    assert naive["flesch_kincaid_grade"] > 19  # what textstat says of the raw page
    assert 8 <= scores.at["000_0856cdaba0ba1b27", "flesch_kincaid_grade"] <= 14


def test_tiny_text_gets_nan_and_a_reason():
    result = readability.score_text(["Take it daily."])
    assert math.isnan(result["flesch_kincaid_grade"]) and math.isnan(result["smog_index"])
    assert result["note"].startswith("too short to score")
    empty = readability.score_text([])
    assert empty["words"] == 0 and math.isnan(empty["text_standard"])


def test_sections_and_sentences(seeds):
    sections = readability.section_readability(seeds.blocks, seeds.sentences)
    seed0 = sections[sections["doc_id"] == "000_0856cdaba0ba1b27"]
    assert "The Sleep Connection" in seed0["section"].tolist()
    hardest = readability.sentence_readability(seeds.sentences)
    first = hardest.groupby("doc_id").head(1)
    hardest_per_doc = hardest.groupby("doc_id")["flesch_kincaid_grade"].transform("max")
    assert (first["flesch_kincaid_grade"] >= hardest_per_doc.loc[first.index]).all()


def test_sentence_counts_match_a_hand_count(seeds):
    """data/annotations/sentence_counts.csv: prose sentences counted by hand, twice, by someone who did not see the code."""
    import pandas as pd

    from claimcritique import paths

    hand = pd.read_csv(paths.ANNOTATIONS / "sentence_counts.csv").set_index("doc_id")["prose_sentences"]
    ours = readability.sentence_counts(seeds.sentences).groupby("doc_id").size()
    assert ours.to_dict() == hand.to_dict()


def test_fragments_textstat_would_drop_are_not_scored():
    """"200–400 mg/day" is four words to us but two to textstat, which would drop it as a sentence."""
    text = "# Dose\n\n- 200–400 mg/day\n- Take it with food at dinner.\n"
    sentences = segment_sentences(text, segment_blocks("d", text))
    units = readability.sentence_counts(sentences)["text"].tolist()
    assert units == ["Take it with food at dinner."]
    assert readability._textstat.sentence_count(readability.textstat_ready(units)) == len(units)


def test_sections_with_the_same_heading_stay_apart():
    text = ("# Dosage\n\nTake two hundred milligrams of it with a large meal every single evening before you sleep "
            "well through the night.\n\n# Safety\n\nIt is safe.\n\n# Dosage\n\nTake one more tablet of it with "
            "a very large glass of water every single morning after breakfast.\n")
    blocks = segment_blocks("d", text)
    sections = readability.section_readability(blocks, segment_sentences(text, blocks))
    assert sections["section"].tolist().count("Dosage") == 2


def test_section_and_sentence_scores_equal_textstat_on_the_joined_text(seeds):
    """Sections and sentences are scored from additive counts; that must be what textstat itself says."""
    counts = readability.sentence_counts(seeds.sentences)
    sections = readability.section_readability(seeds.blocks, seeds.sentences, counts).dropna(subset=["flesch_kincaid_grade"])
    blocks = pd.concat([seeds.blocks[["doc_id", "block_id"]], readability._sections(seeds.blocks)], axis=1)
    merged = counts.merge(blocks, on=["doc_id", "block_id"])
    for row in sections.head(8).itertuples():
        units = merged[(merged["doc_id"] == row.doc_id) & (merged["first_block"] == row.first_block)]["text"].tolist()
        joined = readability.textstat_ready(units)
        assert math.isclose(row.flesch_kincaid_grade, readability._textstat.flesch_kincaid_grade(joined), abs_tol=1e-9)
        assert math.isclose(row.flesch_reading_ease, readability._textstat.flesch_reading_ease(joined), abs_tol=1e-9)
    per_sentence = readability.sentence_readability(seeds.sentences, counts).head(5)
    for row in per_sentence.itertuples():
        expected = readability._textstat.flesch_kincaid_grade(readability.textstat_ready([row.text]))
        assert math.isclose(row.flesch_kincaid_grade, expected, abs_tol=1e-9)


def _textstat_scores(text: str) -> dict[str, float]:
    ts = readability._textstat
    scores = {m: getattr(ts, m)(text) for m in readability.METRICS if m != "text_standard"}
    scores["text_standard"] = ts.text_standard(text, float_output=True)
    scores["difficult_word_share"] = ts.difficult_words(text) / ts.lexicon_count(text)
    scores["syllables_per_word"] = ts.syllable_count(text) / ts.lexicon_count(text)
    return scores


def test_document_scores_equal_textstat_on_the_joined_text(seeds):
    """Documents are scored from summed counts; every metric must be what textstat says of the text."""
    counts = readability.sentence_counts(seeds.sentences)
    scores = readability.document_readability(seeds.documents, seeds.sentences, counts).set_index("doc_id")
    for doc_id, units in counts.groupby("doc_id")["text"]:
        expected = _textstat_scores(readability.textstat_ready(units.tolist()))
        for metric, value in expected.items():
            assert math.isclose(scores.at[doc_id, metric], value, abs_tol=1e-9), (doc_id, metric)


_WORDS = st.sampled_from(["the", "magnesium", "glycinate", "you’ve", "don't", "it's", "U.S.", "2.5", "mg",
                          "400-600", "bioavailability", "sleep", "anxiety", "e.g.", "Lösung", "naïve", "—", "&",
                          "(chelated)", "well-being", "absorption,", "rhythm", "zzyzx", "'quoted'", "a", "100%",
                          ".", "!", "...", "\t", "\u00a0", "they're", "rock'n'roll"])
_SENTENCES = st.lists(st.lists(_WORDS, min_size=3, max_size=40).map(" ".join), min_size=1, max_size=12)


@given(_SENTENCES)
@settings(max_examples=200, deadline=None)
def test_scores_from_counts_equal_textstat_for_any_sentences(sentences):
    text = readability.textstat_ready(sentences)
    counted = [readability._textstat.lexicon_count(readability.textstat_ready([s])) for s in sentences]
    assume(min(counted) >= readability.MIN_SENTENCE_WORDS)  # what sentence_counts keeps
    assume(readability._textstat.sentence_count(text) == len(sentences))
    ours = readability.score_text(sentences, min_words=1)
    for metric, value in _textstat_scores(text).items():
        assert math.isclose(ours[metric], value, abs_tol=1e-9), metric


@given(st.text(alphabet=st.sampled_from(list("ab'’-.,!? \t\u00a0édtsvlr1")), max_size=60))
@settings(max_examples=300, deadline=None)
def test_punctuation_removed_as_textstat_removes_it(text):
    from textstat.backend.transformations import remove_punctuation
    assert readability._without_punctuation(text) == remove_punctuation(text, rm_apostrophe=False)


def test_document_rows_need_not_be_contiguous(seeds):
    sentences = seeds.sentences
    counts = readability.sentence_counts(sentences)
    # documents interleaved, each one's sentences in their order: round robin over the documents
    shuffled = counts.loc[counts.groupby("doc_id").cumcount().sort_values(kind="stable").index]
    assert shuffled["doc_id"].tolist() != counts["doc_id"].tolist()
    pd.testing.assert_frame_equal(readability.document_readability(seeds.documents, sentences, counts),
                                  readability.document_readability(seeds.documents, sentences, shuffled))
