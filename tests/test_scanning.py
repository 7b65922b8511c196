"""Literal-anchored scanning finds exactly what `re.finditer` finds."""
from __future__ import annotations

import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcritique import consistency
from claimcritique.scanning import _anchors, finditer, for_lowered_text

PATTERNS = [
    r"\b(?:take|taking|consume)\b[^.!?]{0,80}\bon\s+an\s+empty\s+stomach",
    r"\b(?:do|does|doesn['’]t|don['’]t)\s+(?:not\s+)?cause\s+(?:\w+\s+){0,2}(?:upset|diarrh\w+)",
    r"\bany\s+time\s+with\s+food\b",
    r"(?:no|free\s+of)\s+(?:side\s+effects|upset)|\bmay\s+experience\b",
    r"ab(?=c)|a\b",
    r"(?<=x)ab+",
]
WORDS = ["take", "taking", "consume", "on", "an", "empty", "stomach", "do", "does", "doesn't", "not", "cause",
         "upset", "diarrhea", "any", "time", "with", "food", "no", "free", "of", "side", "effects", "may",
         "experience", "ab", "abc", "xab", "a", "x", ".", "\n\x00\n", "  ", "you"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.lists(st.sampled_from([" ", "", "\n"]), max_size=60))
def test_finditer_equals_re(words, gaps):
    text = "".join(w + (gaps[i] if i < len(gaps) else " ") for i, w in enumerate(words))
    for source in PATTERNS:
        pattern = re.compile(source)
        assert [m.span() for m in finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]


def test_anchors_of_a_pattern():
    anchors = _anchors(re.compile(PATTERNS[1]))
    assert anchors.first == ("do",)  # "does" and "don't" begin with "do": their positions are found by it
    assert ("cause",) in anchors.required


def test_no_anchors_when_matches_need_not_begin_with_a_literal():
    for source in (r"\w+ing", r"(?:a|\d)b", r"x?abc", r"(?i:ab)c"):
        assert _anchors(re.compile(source)) is None
    assert _anchors(re.compile("abc", re.IGNORECASE)) is None  # literals would need case-folding


def test_every_stance_pattern_scans_as_before():
    text = ("You can take it on an empty stomach. It does not cause diarrhea or upset, with no side effects. "
            "Taking magnesium with food helps; nausea can occur if taken on an empty stomach. ") * 3
    for source in consistency.load_stance_patterns()["pattern"]:
        pattern = for_lowered_text(re.compile(source, re.IGNORECASE))
        lowered = text.lower()
        assert [m.span() for m in finditer(pattern, lowered)] == [m.span() for m in pattern.finditer(lowered)]


def test_categorical_stances_found():
    sentences = pd.DataFrame({
        "doc_id": ["a", "a"], "block_id": [0, 1], "sentence_id": [0, 1], "block_kind": ["paragraph"] * 2,
        "text": ["Take it on an empty stomach for best results.", "Some people may experience loose stools."],
        "start": [0, 46], "end": [45, 86]})
    found = consistency.categorical_stances(sentences)
    assert set(zip(found["topic"], found["stance"])) == {("food_timing", "empty stomach"),
                                                          ("side_effects", "some listed")}


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["zinc", "iron", "magnesium", "b12"])),
                min_size=1, max_size=40))
def test_most_named_supplement_as_value_counts(pairs):
    table = pd.DataFrame(pairs, columns=["doc_id", "supplement"])
    expected = table.groupby("doc_id")["supplement"].agg(lambda s: s.value_counts().index[0]).to_dict()
    assert consistency._most_named(table["doc_id"].tolist(), table["supplement"].tolist()) == expected


def test_first_literals_read_through_groups_and_branches():
    anchors = _anchors(re.compile(r"(?<!\w)ab(?:cd|e(?:fx|gy)|e[hi])\b"))
    assert anchors.first == ("abcd", "abe")  # "abe" begins "abefx" and "abegy" too: its positions hold theirs
    assert _anchors(re.compile(r"(?<!\w)ab(?:cd|e(?:fx|gy))\b")).first == ("abcd", "abefx", "abegy")


@given(st.lists(st.sampled_from(WORDS + ["abcd", "abef", "abe", "abeg!", "zabcd"]), max_size=40).map(" ".join))
@settings(max_examples=200, deadline=None)
def test_finditer_through_branches_equals_re(text):
    pattern = re.compile(r"(?<!\w)ab(?:cd|e(?:f|g))\b|(?<=z)abc")
    assert [m.span() for m in finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]
