"""Which supplement a document, a section and a number are about, from the registry's names and forms.

A claim's supplement is the nearest supplement named in its sentence; when the sentence names none,
the one its section heading names; when neither does, the document's main supplement (the one it
names most). So the claims of a zinc page are zinc's even where a sentence compares zinc with
magnesium elsewhere, and a sentence that names magnesium on that page is magnesium's.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import cached_property

import pandas as pd

from . import registry as registry_module
from .registry import Mention, Registry
from .scanning import SEPARATOR


def _mode(values: list[str]) -> str:
    """The most frequent value; among equally frequent ones the first in sort order; "" if none."""
    counts = Counter(v for v in values if v)
    top = max(counts.values(), default=0)
    return min((v for v, n in counts.items() if n == top), default="")


class DocumentMentions:
    """The supplements and forms a document names, found with one scan of its sentences when first asked for."""

    def __init__(self, texts: pd.Series | list[str], reg: Registry) -> None:
        self.texts, self.registry = list(texts), reg

    @cached_property
    def _offsets(self) -> list[int]:
        offsets, position = [], 0
        for text in self.texts:
            offsets.append(position)
            position += len(text) + len(SEPARATOR)
        return offsets

    @cached_property
    def _named(self) -> list[Mention]:
        return self.registry.identify(SEPARATOR.join(self.texts))  # no name runs across the separator

    @cached_property
    def main_supplement(self) -> str:
        """The supplement the document names most ("" when it names none)."""
        return _mode([m[2] for m in self._named])

    @cached_property
    def main_form(self) -> str:
        """The supplement term the document uses most, as written ("magnesium glycinate")."""
        joined = SEPARATOR.join(self.texts).lower()
        counts = Counter(joined[m[0]:m[1]] for m in self._named)
        return _mode([" ".join(term.split()) for term, n in counts.items() for _ in range(n)]) if counts else ""

    def in_sentence(self, index: int) -> list[Mention]:
        """The mentions of the index-th sentence, with offsets into it; a form several supplements have
        ("citrate") goes to the document's main supplement when it has that form."""
        start = self._offsets[index]
        end = start + len(self.texts[index])
        first = bisect_left(self._starts, start)
        found = []
        for m in self._named[first:]:
            if m[0] >= end:
                break
            mention = (m[0] - start, m[1] - start, m[2], m[3])
            if not m[2]:
                resolved = self.registry.identify(self.texts[index][mention[0]:mention[1]], self.main_supplement)
                mention = (mention[0], mention[1], *resolved[0][2:]) if resolved else mention
            found.append(mention)
        return found

    @cached_property
    def _starts(self) -> list[int]:
        return [m[0] for m in self._named]


def main_supplements(sentences: pd.DataFrame, folder=None) -> dict[str, str]:
    """doc_id -> the supplement the document is mostly about (most named), "" when none is named."""
    reg = registry_module.load(folder)
    return {doc_id: DocumentMentions(texts.tolist(), reg).main_supplement
            for doc_id, texts in sentences.groupby("doc_id", sort=False)["text"]}


def supplement_of(term: str, context_supplement: str = "", folder=None) -> str:
    """The supplement a term names: "magnesium glycinate" and "glycinate" -> magnesium, "D3" -> vitamin d."""
    return registry_module.load(folder).supplement_of(term, context_supplement)


_COMPANION = re.compile(r"(?:\bwith|\bwithout|\bplus|\balongside|\bcombined\s+with|\+)\s*"
                        r"(?:[0-9][0-9.,]*\s*[a-zµμ]{0,5}\s+of\s+)?$", re.IGNORECASE)  # "the same dose with 20 mg of piperine"
# matched at the amount's end: "120 mcg of K2", "200 mg of the prebiotic inulin" (one descriptor word may intervene)
_RIGHT_AFTER = re.compile(r"\s*(?:of\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?|as\s+)?$", re.IGNORECASE)


_ACTS_ON_BEFORE = re.compile(r"\b(?:enhanc|improv|increas|boost|aid|help|promot|inhibit|reduc|lower|block|impair|hinder|"
                             r"deplet|interfer|caus|induc|lead|led|result)\w*\s+(?:\w+\s+){0,3}?(?:by|with|to|of|in)?\s*"
                             r"(?:(?:a|an|the|your|low|poor)\s+)?$", re.IGNORECASE)
_ACTS_AFTER = re.compile(r"\s*(?:deficiency|deficiencies|absorption|uptake|status|levels?|depletion|imbalance|"
                         r"(?:enhances|improves|increases|boosts|aids|helps|promotes|inhibits|reduces|blocks|impairs|"
                         r"hinders|interferes))\b", re.IGNORECASE)


def _co_factor(sentence: str, mention: Mention, end: int) -> bool:
    """A supplement named after the amount, in its clause, as what the amount acts on or what acts on the amount's
    supplement ("more than 40 mg daily can cause copper deficiency", "5% to 12% from vegetarian diets, enhanced by
    vitamin C"): a co-factor or an effect, not what the amount is of."""
    if mention[0] < end or re.search(r"[.;]", sentence[end: mention[0]]):
        return False
    return bool(_ACTS_ON_BEFORE.search(sentence, end, mention[0])) or bool(_ACTS_AFTER.match(sentence, mention[1]))


_APART = re.compile(r"\s*(?:\w+\s+){0,1}apart\b", re.IGNORECASE)
_SEPARATE_FROM = re.compile(r"\b(?:separate|space|spacing|away)\w*\s+(?:\w+\s+){0,3}?from\s+(?:\w+\s+){0,1}$|"
                            r"\b(?:separate|space)\w*\s+(?:it\s+|them\s+)?from\s+", re.IGNORECASE)


def _spacing(sentence: str, start: int, end: int) -> bool:
    """The number spaces one supplement from another: "... two hours apart", "separate from iron by 2 hours"."""
    return bool(_APART.match(sentence, end)) or bool(re.search(r"\b(?:separate|space)\w*\b[^.;]{0,60}\bby\s+(?:at\s+"
                                                              r"least\s+)?$", sentence[:start], re.IGNORECASE))


def nearest(mentions: list[Mention], start: int, end: int, reach: int = 40, sentence: str = "") -> Mention | None:
    """The mention that goes with a number at [start, end): one right after it ("120 mcg of K2"), else the nearest
    one before it within `reach` characters ("zinc 15 mg and magnesium 200 mg"), else the nearest one at all. A
    companion ("with vitamin C", "without copper") is not what the number is about."""
    if sentence:  # its own amount: "with 20 mg of piperine" is piperine's 20 mg
        after = [m for m in mentions if m[2] and m[0] >= end and _RIGHT_AFTER.match(sentence, end, m[0])]
        if after:
            return after[0]
    named = [m for m in mentions if m[2] and not (sentence and _COMPANION.search(sentence, 0, m[0]))]
    if not named:
        return None
    if sentence:
        named = [m for m in named if not _co_factor(sentence, m, end)]
        if not named:
            return None
    before = [m for m in named if m[1] <= start and start - m[1] <= reach]
    if before:
        return before[-1]
    return min(named, key=lambda m: min(abs(m[0] - start), abs(m[1] - end)))


def claim_supplement(sentence_mentions: list[Mention], section_mentions: list[Mention], start: int, end: int,
                     main: str, sentence: str = "") -> str:
    """The rule of the module docstring: sentence, then section heading, then the document; a spacing between
    supplements is the first one's ("take calcium and iron two hours apart": calcium), or the document's main
    supplement's when the sentence spaces the others from it ("separate from calcium and iron by 2 hours")."""
    named = sorted(m for m in sentence_mentions if m[2])
    if sentence and named and _spacing(sentence, start, end):
        return main if _SEPARATE_FROM.search(sentence, 0, named[0][0]) else named[0][2]
    found = nearest(sentence_mentions, start, end, sentence=sentence)
    if found:
        return found[2]
    named = [m[2] for m in section_mentions if m[2]]
    return named[0] if named else main
