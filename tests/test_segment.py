"""Segmentation: blocks and sentences that respect structure, with offsets that reproduce the text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcritique import segment
from claimcritique.segment import count_words, segment_blocks, segment_sentences, stat_line


def blocks_of(text):
    return segment_blocks("d", text)


def sentences_of(text):
    return segment_sentences(text, segment_blocks("d", text))


def test_stat_block_keeps_number_and_label_together(seeds):
    blocks = seeds.blocks[seeds.blocks["doc_id"] == "002_92b750b21631aec1"]
    stats = blocks[blocks["kind"] == "stat"]["text"].tolist()
    assert stats == ["68%\n\nAdults 19-30", "52%\n\nAdults 31-50", "42%\n\nAdults 51+", "78%\n\nAthletes"]


def test_flattened_table_rows_are_rows(seeds):
    blocks = seeds.blocks[seeds.blocks["doc_id"] == "002_92b750b21631aec1"]
    rows = blocks[blocks["kind"] == "table_row"]["text"].tolist()
    assert "Magnesium Oxide 15-20% Poor Laxative Effect" in rows
    assert "Seniors (65+) 200-300mg Evening Monitor for interactions" in rows
    assert len(rows) == 10  # two tables: a header and four rows each


def test_bullets_and_headings_are_never_glued(seeds):
    words = seeds.sentences["text"].map(count_words)
    assert words.max() < 80
    seed0 = seeds.sentences[seeds.sentences["doc_id"] == "000_0856cdaba0ba1b27"]
    assert "Start with 200-400mg daily" in seed0["text"].tolist()
    assert "Why the glycine matters:" in seed0["text"].tolist()


def test_decimals_abbreviations_and_thousands_do_not_split():
    text = "Take 2.5 mg daily, e.g. at dinner, in the U.S. trial. Most adults need 1,000 mg. Approx. 5 mg is plenty."
    assert sentences_of(text)["text"].tolist() == [
        "Take 2.5 mg daily, e.g. at dinner, in the U.S. trial.",
        "Most adults need 1,000 mg.",
        "Approx. 5 mg is plenty.",
    ]


def test_markdown_structure():
    text = ("# Vitamin D\n\nIntro sentence here. Second one.\n\n- Adults: 600 IU\n- Seniors: 800 IU\n\n"
            "| Form | % |\n|---|---|\n| D3 | 80% |\n")
    blocks = blocks_of(text)
    assert blocks["kind"].tolist() == ["heading", "paragraph", "bullet", "bullet", "table_row", "table_row"]
    assert blocks["text"].tolist()[0] == "Vitamin D"
    assert blocks["text"].tolist()[2] == "Adults: 600 IU"


def test_hard_wrapped_paragraph_is_one_block():
    text = ("Magnesium is a mineral that the body uses in many reactions, and most\n"
            "people get enough of it from food such as nuts, seeds and whole grains,\n"
            "although some groups may fall short of the recommended amount.\n")
    blocks = blocks_of(text)
    assert blocks["kind"].tolist() == ["paragraph"]
    assert len(sentences_of(text)) == 1


def test_windows_line_endings():
    text = "Heading\r\n\r\nFirst sentence here. Second sentence here.\r\n  • A bullet point\r\n"
    sentences = sentences_of(text)
    assert sentences["text"].tolist() == ["Heading", "First sentence here.", "Second sentence here.", "A bullet point"]


ALPHABET = st.sampled_from(list("abc XYZ 0123456789.,;:!?%-–•#|*()\n\n\r\t\"’")
                           + ["e.g. ", "U.S. ", "2.5 mg", "  • ", "\n- ", "68%\n\nAdults 19-30\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_offsets_always_reproduce_the_span(text):
    blocks = segment_blocks("d", text)
    sentences = segment_sentences(text, blocks)
    for frame in (blocks, sentences):
        for start, end, span in frame[["start", "end", "text"]].itertuples(index=False):
            assert text[start:end] == span
            assert span == span.strip() and span
    # sentences are ordered, do not overlap, and lie inside their block
    ends = sentences["end"].tolist()
    starts = sentences["start"].tolist()
    assert all(e <= s for e, s in zip(ends, starts[1:]))
    by_block = blocks.set_index("block_id")
    for row in sentences.itertuples(index=False):
        assert by_block.at[row.block_id, "start"] <= row.start and row.end <= by_block.at[row.block_id, "end"]


def test_patterns_for_lowered_text_drop_ignorecase_only_when_it_changes_nothing():
    import re

    import pytest

    from claimcritique.scanning import for_lowered_text

    plain = for_lowered_text(re.compile(r"(?P<dose>\d+)\s*mg\b", re.IGNORECASE))
    assert not plain.flags & re.IGNORECASE and plain.search("take 200 mg").group("dose") == "200"
    kept = for_lowered_text(re.compile(r"\W+fda", re.IGNORECASE))  # \W has a capital: the flag stays
    assert kept.flags & re.IGNORECASE
    with pytest.raises(ValueError, match="case-sensitive"):
        for_lowered_text(re.compile(r"PMID"))


def test_a_full_stop_before_a_bracketed_citation_ends_a_sentence():
    text = "Older people may need more for absorption.[115] Most vegans absorb it well.[93][94] The rest [2] is fine."
    sentences = segment_sentences(text, segment_blocks("d", text))
    assert sentences["text"].tolist() == ["Older people may need more for absorption.[115]",
                                          "Most vegans absorb it well.[93][94]", "The rest [2] is fine."]
    assert all(text[r.start:r.end] == r.text for r in sentences.itertuples())


def test_stat_lines_use_the_registry_units():
    for line in ("30 Billion CFU", "68%", "5x", "1,000 IU", "250% DV"):
        assert stat_line().match(line), line
    assert not stat_line().match("30 billion reasons")


def test_a_trailing_citation_digit_does_not_unpunctuate_a_sentence():
    text = "Take 3-5 g/day as a single dose. 1\nLoading Phase Protocol\nInitial Loading (Days 1-7):\n- Dosage: 20 g/day"
    assert blocks_of(text)["kind"].tolist() == ["paragraph", "heading", "heading", "bullet"]


_PIECES = st.sampled_from(["approx.", "vs.", "No.", "fig.", "Fig", "canoe.", "xvs.", "a", "2.5", "don't", " ", "  ",
                           "\n", ".", "-", "é", "ſ", "word", "19-30", "U.S."])


@given(st.lists(_PIECES, max_size=30).map("".join), st.integers(0, 15))
@settings(max_examples=300, deadline=None)
def test_bounded_word_count_agrees_with_count_words(text, limit):
    assert segment.has_at_most_words(text, limit) == (segment.count_words(text) <= limit)


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_abbreviation_at_the_end_found_as_by_a_full_search(text):
    expected = segment._NON_FINAL_ABBREVIATIONS.search(text) is not None
    assert segment._ends_with_non_final_abbreviation(text, 0, len(text)) == expected
