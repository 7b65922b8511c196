"""The number words as a trie match what the flat longest-first alternation matches."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcritique import claims

FLAT = "|".join(sorted((re.escape(w) for w in claims._WORD_VALUES), key=len, reverse=True))
_PARTS = st.sampled_from([*list(claims._WORD_VALUES)[:60], "twenty", "-", " ", "  ", "y", "s", "one", "hundred",
                          "a", "mg", "\n", "eight", "een", "ty"])


def test_number_words_are_lower_case():  # the trie's branches would otherwise overlap under IGNORECASE
    assert all(word == word.lower() for word in claims._WORD_VALUES)


@given(st.lists(_PARTS, max_size=25).map("".join))
@settings(max_examples=400, deadline=None)
def test_trie_matches_as_the_flat_alternation(text):
    for tail in (r"\b", r"\b\s*mg", ""):  # what follows can make the longer word fail, and the shorter match
        flat = re.compile(rf"(?:{FLAT}){tail}", re.IGNORECASE)
        trie = re.compile(rf"(?:{claims._WORD_NUM}){tail}", re.IGNORECASE)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
