"""Scanning helpers shared by every module that runs patterns over many sentences.

Two tricks keep pattern matching fast on large corpora: run a case-insensitive pattern without
IGNORECASE on text lower-cased once (CPython's `re` is about three times faster that way), and scan a
document's sentences joined by a separator no pattern crosses, once, instead of once per sentence.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from re import _constants, _parser

import pandas as pd

SEPARATOR = "\n\x00\n"  # no term can match across it: \s and \w never match NUL


_GROUP_NAMES = re.compile(r"\(\?P(?:<\w+>|=\w+\))")  # "(?P<low>" says nothing about case


def for_lowered_text(pattern: re.Pattern) -> re.Pattern:
    """The same case-insensitive pattern, to run on text lower-cased once: CPython's `re` runs a pattern
    about three times faster without IGNORECASE. A source with upper-case letters (`\\W`, `[A-Z]`) keeps
    the flag, so the answer never changes. Callers needing offsets check that lower-casing kept the length."""
    if not pattern.flags & re.IGNORECASE:
        raise ValueError(f"pattern {pattern.pattern[:40]!r} is case-sensitive: it cannot run on lower-cased text")
    if any(c.isupper() for c in _GROUP_NAMES.sub("", pattern.pattern)):
        return pattern
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def document_strings(sentences: pd.DataFrame):
    """Per document: its sentences joined by a separator no pattern crosses, so each pattern scans
    a document once instead of once per sentence. Yields (doc_id, joined, offsets, sentences) where
    sentences are (sentence_id, start, text) tuples; rows of one document must be contiguous."""
    doc_ids = sentences["doc_id"].tolist()
    rows = list(zip(sentences["sentence_id"].tolist(), sentences["start"].tolist(), sentences["text"].tolist()))
    begin = 0
    for end in range(1, len(doc_ids) + 1):
        if end == len(doc_ids) or doc_ids[end] != doc_ids[begin]:
            part = rows[begin:end]
            offsets, position = [], 0
            for _, _, text in part:
                offsets.append(position)
                position += len(text) + len(SEPARATOR)
            yield doc_ids[begin], SEPARATOR.join(t for _, _, t in part), offsets, part
            begin = end


# --- literal-anchored scanning ------------------------------------------------------------------------
# CPython's `re` finds a pattern that begins with `\b` or a group ("\b(?:take|taking)\b ...") by trying
# the pattern at every position of the text. When every match must begin with one of a few literal
# words and contain some other literals, `str.find` (C, memchr-fast) locates the few positions worth
# trying, and a text missing a required literal is skipped outright: the same matches, several times
# faster on long texts.

_REQUIRED_CHECKED = 2  # how many of a pattern's required literal sets are checked before scanning
_FIRST_LIMIT = 12  # at most this many first literals (one str.find pass each): beyond, the pattern is scanned as usual
_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)


def _required(items) -> list[frozenset[str]]:
    """Sets of literals a match of this sequence contains: one string of each set, at least."""
    required: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            required.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _constants.SUBPATTERN and not av[1] and not av[2]:  # a group, no inline flags
            required.extend(_required(av[3]))
        elif op is _constants.BRANCH:
            alternatives = [_most_selective(_required(alternative)) for alternative in av[1]]
            if all(alternatives):
                required.append(frozenset().union(*alternatives))
    flush()
    return required


def _selectivity(options: frozenset[str]) -> tuple[int, int]:
    return min(map(len, options)), -len(options)  # long literals are rare; few of them, fewer hits


def _most_selective(options: list[frozenset[str]]) -> frozenset[str] | None:
    return max(options, key=_selectivity, default=None)


def _first_literals(items: list, limit: int = _FIRST_LIMIT) -> frozenset[str] | None:
    """Literals every match begins with, as long as they can be told (a trie of names gives its names, not
    their first letters); None when that is not a finite set of at most `limit` literals."""
    run: list[str] = []
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH and not run:  # \b, ^, a lookbehind: the match still begins here
            continue
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        rest = items[i + 1:]
        if op is _constants.SUBPATTERN and not av[1] and not av[2]:
            continuations = _first_literals([*av[3], *rest], limit)
        elif op is _constants.BRANCH:
            firsts = [_first_literals([*alternative, *rest], limit) for alternative in av[1]]
            continuations = frozenset().union(*firsts) if all(firsts) else None
        else:
            continuations = None
        if continuations is None or len(continuations) > limit:
            return frozenset(["".join(run)]) if run else None
        prefix = "".join(run)
        return frozenset(prefix + c for c in continuations)
    return frozenset(["".join(run)]) if run else None


@dataclass(frozen=True)
class _Anchors:
    first: tuple[str, ...]  # every match begins with one of these
    required: tuple[tuple[str, ...], ...]  # every match contains one string of each


@lru_cache(maxsize=1024)
def _anchors(pattern: re.Pattern) -> _Anchors | None:
    if pattern.flags & re.IGNORECASE:  # literals would have to be case-folded: scan as usual
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an internal parser we only use to go faster
        return None
    first = _first_literals(list(parsed))
    if not first:
        return None
    # a literal that another one begins with finds all of that one's positions too ("do" finds "does")
    first = tuple(sorted(s for s in first if not any(t != s and s.startswith(t) for t in first)))
    required = sorted(_required(list(parsed)), key=_selectivity, reverse=True)[:_REQUIRED_CHECKED]
    return _Anchors(first, tuple(tuple(sorted(options)) for options in required))


def finditer(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of `pattern.finditer(text)`, the same ones in the same order, found by trying the
    pattern only where one of the literals it begins with occurs (see above)."""
    anchors = _anchors(pattern)
    if anchors is None:
        yield from pattern.finditer(text)
        return
    for options in anchors.required:
        if not any(literal in text for literal in options):
            return
    positions: list[int] = []
    for literal in anchors.first:
        at = text.find(literal)
        while at >= 0:
            positions.append(at)
            at = text.find(literal, at + 1)
    if len(anchors.first) > 1:
        positions.sort()
    resume = 0  # finditer goes on after the end of each match
    match = pattern.match
    for at in positions:
        if at < resume:
            continue
        found = match(text, at)
        if found is not None:
            yield found
            resume = found.end()  # never empty: it holds the first literal
