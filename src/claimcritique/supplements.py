"""Which supplement a document, a section and a number are about, from the registry's names and forms.

A claim's supplement is the nearest supplement named in its sentence; when the sentence names none,
the one its section heading names; when neither does, the document's main supplement (the one it
names most). So the claims of a zinc page are zinc's even where a sentence compares zinc with
magnesium elsewhere, and a sentence that names magnesium on that page is magnesium's.
"""
from __future__ import annotations

from collections import Counter
from functools import cached_property

import pandas as pd

from . import registry as registry_module
from .registry import Mention, Registry


def _mode(values: list[str]) -> str:
    """The most frequent value; among equally frequent ones the first in sort order; "" if none."""
    counts = Counter(v for v in values if v)
    top = max(counts.values(), default=0)
    return min((v for v, n in counts.items() if n == top), default="")


class DocumentMentions:
    """The supplements and forms a document names, found with one scan when first asked for."""

    def __init__(self, texts: pd.Series | list[str], reg: Registry) -> None:
        self.texts, self.registry = texts, reg

    @cached_property
    def _joined(self) -> str:
        return "\n".join(self.texts)

    @cached_property
    def _named(self) -> list[Mention]:
        return self.registry.identify(self._joined)

    @cached_property
    def main_supplement(self) -> str:
        """The supplement the document names most ("" when it names none)."""
        return _mode([m[2] for m in self._named])

    @cached_property
    def main_form(self) -> str:
        """The supplement term the document uses most, as written ("magnesium glycinate")."""
        joined = self._joined
        return _mode([" ".join(joined[m[0]:m[1]].lower().split()) for m in self.registry.identify(
            joined, self.main_supplement)])


def main_supplements(sentences: pd.DataFrame, folder=None) -> dict[str, str]:
    """doc_id -> the supplement the document is mostly about (most named), "" when none is named."""
    reg = registry_module.load(folder)
    return {doc_id: DocumentMentions(texts.tolist(), reg).main_supplement
            for doc_id, texts in sentences.groupby("doc_id", sort=False)["text"]}


def supplement_of(term: str, context_supplement: str = "", folder=None) -> str:
    """The supplement a term names: "magnesium glycinate" and "glycinate" -> magnesium, "D3" -> vitamin d."""
    return registry_module.load(folder).supplement_of(term, context_supplement)


def nearest(mentions: list[Mention], start: int, end: int, reach: int = 40) -> Mention | None:
    """The mention that goes with a number at [start, end): the nearest one before it within `reach`
    characters ("zinc 15 mg and magnesium 200 mg"), else the nearest one at all."""
    named = [m for m in mentions if m[2]]
    if not named:
        return None
    before = [m for m in named if m[1] <= start and start - m[1] <= reach]
    if before:
        return before[-1]
    return min(named, key=lambda m: min(abs(m[0] - start), abs(m[1] - end)))


def claim_supplement(sentence_mentions: list[Mention], section_mentions: list[Mention], start: int, end: int,
                     main: str) -> str:
    """The rule of the module docstring: sentence, then section heading, then the document."""
    found = nearest(sentence_mentions, start, end)
    if found:
        return found[2]
    named = [m[2] for m in section_mentions if m[2]]
    return named[0] if named else main
