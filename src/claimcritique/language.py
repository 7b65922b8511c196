"""Promotional language, hedging, claim strength and regulatory red flags, from lexicons kept as data.

Every score is a count of listed matches, so an analyst can see and argue with each flagged phrase:
- matches of `data/lexicons/language_terms.csv` (hype, boosters, hedges, calls to action, vague
  authority, naturalness/safety appeals, the reader addressed, the seller's own voice, disease terms
  and verbs), each with its offsets; a match preceded within three words by a negator ("not a miracle
  cure") is kept but not counted, and so is an evaluative adjective in technical use ("the maximum
  dose", "a vital role"; rows with context `product_or_effect`): `counted` says which matches score;
- a claim-strength level per sentence (`claimcritique.strength`, after Yu et al. 2019);
- disease claims in the sense of FDA 21 CFR 101.93(g): a disease verb aimed at a disease term;
- the DSHEA disclaimer, found despite small wording and whitespace differences.

promo_index = sum over categories of WEIGHTS x counted matches per 1,000 words, + 3 x disease claims
per 1,000 words; hedges weigh -1, so the index goes below 0 for a page that hedges more than it sells
(it is not floored: two cautious pages still differ). Disease claims weigh three times because they are
what the FDA forbids. `promotional_evaluation` measures how well it separates selling pages from
neutral ones (AUC) on the hand-labelled development corpus in `data/dev/`.
"""
from __future__ import annotations

import html
import itertools
import math
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from re import _constants as sre_constants  # the regex parser's own tables (Python 3.11+)
from re import _parser as sre_parse

import pandas as pd

from . import paths
from .datafiles import read_data_csv
from .scanning import document_strings, for_lowered_text
from .segment import count_words

PROMOTIONAL = ["hype", "booster", "call_to_action", "vague_authority", "natural_safety", "reader_address", "seller_voice",
               "commerce", "product_detail"]
COUNTED = [*PROMOTIONAL, "hedge"]
DISEASE_WEIGHT = 3
# Weight of each category's matches per 1,000 words in promo_index (hedges subtract). A word addressed to
# the reader counts half: informational pages address readers too, only less often.
WEIGHTS = {"hype": 1.0, "booster": 1.0, "call_to_action": 1.0, "vague_authority": 1.0, "natural_safety": 1.0,
           "reader_address": 0.5, "seller_voice": 1.0, "commerce": 1.0, "product_detail": 1.0, "hedge": -1.0}
NEGATION_WINDOW_WORDS = 3
MATCH_KINDS = ("phrase", "regex", "verb")
STRENGTH_LEVELS = ["none", "correlational", "conditional causal", "direct causal", "absolute"]
MATCH_COLUMNS = ["doc_id", "sentence_id", "category", "term", "text", "start", "end", "negated", "hedged", "counted",
                 "technical"]
HELPER_CATEGORIES = ("negation", "hype_technical", "hype_target")  # rows that qualify other matches, never counted
EVALUATIVE = "product_or_effect"  # a term's `context`: not counted when it qualifies a measurement ("maximum dose")
IMPORTANCE = "importance"  # a term's `context`: counted only when it rates the product or its effect ("vital support")
LANGUAGE_COLUMNS = ["doc_id", "words", "promo_index", "hedge_per_1k", "booster_per_1k", "disease_claims",
                    "has_fda_disclaimer", "hype_per_1k", "call_to_action_per_1k", "vague_authority_per_1k",
                    "natural_safety_per_1k", "hedge_to_booster", "citations", "jama_author", "jama_date", "jama_references",
                    "jama_disclosure", "jama_signals", "reader_address_per_1k", "seller_voice_per_1k",
                    "commerce_per_1k", "product_detail_per_1k"]

FDA_DISCLAIMER = re.compile(
    r"statements?\W+(?:\w+\W+){0,3}not\W+(?:\w+\W+){0,2}evaluated\W+by\W+the\W+"
    r"(?:u\.?s\.?\W+)?(?:food\W+(?:and|&)\W+drug\W+administration|fda)",
    re.IGNORECASE,
)
# Each branch opens with a literal character (a word boundary is checked just after it, "D(?<!\wD)"), so
# the regex engine skips ahead to those characters instead of trying every branch at every position.
CITATION = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]|D(?<!\wD)[Oo][Ii]:\s*10\.|d(?<!\wd)[Oo][Ii]:\s*10\.|d(?<!\wd)oi\.org/|"
                      r"e(?<!\we)t\s+al\.|P(?<!\wP)MID\b|\([A-Z][A-Za-z-]+(?:\s+et\s+al\.)?,?\s+(?:19|20)\d\d\)")
JAMA_AUTHOR = re.compile(r"^\s*(?:by|posted\s+by|written\s+by|author:|reviewed\s+by|medically\s+reviewed)\s+\S",
                         re.IGNORECASE | re.MULTILINE)
JAMA_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d\b|"
                       r"\b(?:19|20)\d\d-\d\d-\d\d\b|\b(?:updated|published|posted)\s+(?:on\s+)?\w+\s+\d", re.IGNORECASE)
JAMA_REFERENCES = re.compile(r"^\s*(?:references|sources|citations|bibliography|works cited)\s*:?\s*$",
                             re.IGNORECASE | re.MULTILINE)
JAMA_DISCLOSURE = re.compile(r"\b(?:affiliate\s+link|we\s+may\s+earn|earn\s+a\s+commission|sponsored|disclosure|"
                             r"paid\s+partnership|conflicts?\s+of\s+interest|we\s+sell|our\s+own\s+products?)\b",
                             re.IGNORECASE)


def _phrase_pattern(term: str) -> str:
    return r"(?<!\w)" + re.escape(term.strip()).replace(r"\*", r"\w*").replace("\\ ", " ").replace(" ", r"\s+") + r"(?!\w)"


def verb_forms(verb: str) -> list[str]:
    """A regular English verb's forms: reduce -> reduce, reduces, reduced, reducing; carry -> carries,
    carried, carrying. Irregular forms ("led to") are listed as their own phrases."""
    if verb.endswith("ee"):
        return [verb, verb + "s", verb + "d", verb + "ing"]
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return [verb, verb + "es", verb + "ed", verb + "ing"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


def _verb_pattern(term: str) -> str:
    """match=verb: the term's first word in any of its regular forms, then the rest of the phrase."""
    first, _, rest = term.strip().partition(" ")
    forms = "(?:" + "|".join(map(re.escape, verb_forms(first.lower()))) + ")"
    tail = _phrase_pattern(rest)[len(r"(?<!\w)"):-len(r"(?!\w)")] if rest else ""
    return r"(?<!\w)" + forms + (r"\s+" + tail if tail else "") + r"(?!\w)"


def _term_source(term: str, match: str) -> str:
    if match == "regex":
        return term
    return _verb_pattern(term) if match == "verb" else _phrase_pattern(term)


@lru_cache(maxsize=8)
def load_lexicon(path: Path) -> pd.DataFrame:
    """Terms of one lexicon file with their compiled patterns; errors name the file and row."""
    table = read_data_csv(path, required=["category", "term", "match", "source"],
                          non_empty=["category", "term", "match", "source"])
    if "context" not in table.columns:
        table["context"] = ""
    for index, context in table["context"].items():
        if context not in ("", EVALUATIVE, IMPORTANCE):
            raise ValueError(f"{path}, row {index + 2}: context must be empty, {EVALUATIVE!r} or {IMPORTANCE!r}, "
                             f"not {context!r}")
    patterns = []
    for index, row in table.iterrows():
        if row["match"] not in MATCH_KINDS:
            raise ValueError(f"{path}, row {index + 2}: match must be one of {MATCH_KINDS}, not {row['match']!r}")
        source = _term_source(row["term"], row["match"])
        try:
            patterns.append(re.compile(source, re.IGNORECASE))
        except re.error as error:
            raise ValueError(f"{path}, row {index + 2}: bad pattern {row['term']!r} ({error})") from None
    return table.assign(pattern=patterns)


def language_lexicon() -> pd.DataFrame:
    return load_lexicon(paths.LEXICONS / "language_terms.csv")


def category_patterns(lexicon: pd.DataFrame) -> dict[str, re.Pattern]:
    """One pattern per category; phrase terms share one pair of word-boundary checks (much faster)."""
    patterns = {}
    for category, rows in lexicon.groupby("category", sort=False):
        phrases = [_term_source(t, m)[len(r"(?<!\w)"):-len(r"(?!\w)")] for t, m in zip(rows["term"], rows["match"])
                   if m != "regex"]
        regexes = [p.pattern for p, m in zip(rows["pattern"], rows["match"]) if m == "regex"]
        parts = ([r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)"] if phrases else []) + [f"(?:{r})" for r in regexes]
        patterns[category] = re.compile("|".join(parts), re.IGNORECASE)
    return patterns


def _negated(sentence: str, position: int, negation: re.Pattern | None) -> bool:
    if negation is None:
        return False
    window = " ".join(sentence[:position].rsplit(None, NEGATION_WINDOW_WORDS)[-NEGATION_WINDOW_WORDS:])
    return bool(negation.search(window))


WORD_END = " "  # closes a leading literal whose word must end there ("in" of "in\\s+some", not "individuals")
MAX_LITERAL_OPTIONS = 64  # a run of small classes multiplies the options; past this, stop the run


def leading_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case literal text one of which every match starts with (after zero-width assertions),
    or None when the pattern has no such literal. Lets us try a pattern only where it can match.
    A literal ending in WORD_END says the word ends there: what follows cannot be a word character."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    return _first_literals(list(parsed))


def _first_literals(items: list) -> frozenset[str] | None:
    for position, (op, value) in enumerate(items):
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        if op in (sre_constants.LITERAL, sre_constants.IN):  # a run of characters and small classes
            options, end = {""}, position
            while end < len(items) and len(options) <= MAX_LITERAL_OPTIONS:
                next_op, next_value = items[end]
                chars = ({chr(next_value).lower()} if next_op == sre_constants.LITERAL
                         else _class_literals(next_value) if next_op == sre_constants.IN else None)
                if chars is None:
                    break
                options = {o + c for o in options for c in chars}
                end += 1
            if options == {""}:
                return None
            return _continued(frozenset(options), items[end:])
        if op == sre_constants.SUBPATTERN:
            return _continued_group(_first_literals(list(value[-1])), list(value[-1]), items[position + 1:])
        if op == sre_constants.BRANCH:
            found = [_first_literals(list(branch)) for branch in value[1]]
            return None if any(f is None for f in found) else frozenset().union(*found)
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _, sub = value
            inner = _first_literals(list(sub))
            if low >= 1 or inner is None:
                return inner
            rest = _first_literals(items[position + 1:])  # optional: the match may start after it
            return None if rest is None else inner | rest
        return None
    return None


def _continued(options: frozenset[str], rest: list) -> frozenset[str]:
    """A literal run followed by a group whose matches start with literals ("t" then "mj|emporomandibular")
    becomes the longer literals; followed by a boundary, a space or a hyphen, its word ends there."""
    if not rest:
        return options
    op, value = rest[0]
    if op in (sre_constants.SUBPATTERN, sre_constants.BRANCH):
        more = _first_literals(rest[:1])
        return frozenset(o + m for o in options for m in more) if more and not _ends_word(options) else options
    if all(o[-1:].isalnum() or o[-1:] == "_" for o in options) and _word_ends_before(op, value):
        return frozenset(o + WORD_END for o in options)
    return options


def _continued_group(found: frozenset[str] | None, group: list, rest: list) -> frozenset[str] | None:
    """A group's literals, continued by what follows it when every one of them is the whole group's match."""
    if found is None or _ends_word(found) or not all(op == sre_constants.LITERAL for op, _ in group):
        return found
    return _continued(found, rest)


def _ends_word(options: frozenset[str]) -> bool:
    return any(o.endswith(WORD_END) for o in options)


def _word_ends_before(op, value) -> bool:
    """Can the item (op, value) only start at a non-word character or the end: \\b, (?!\\w), \\s+, [- ]?"""
    if op == sre_constants.AT:
        return value == sre_constants.AT_BOUNDARY
    if op == sre_constants.ASSERT_NOT:
        direction, body = value
        return direction == 1 and list(body) == [(sre_constants.IN, [(sre_constants.CATEGORY,
                                                                        sre_constants.CATEGORY_WORD)])]
    if op == sre_constants.IN:
        return all((o == sre_constants.CATEGORY and v in (sre_constants.CATEGORY_SPACE, sre_constants.CATEGORY_NOT_WORD))
                   or (o == sre_constants.LITERAL and not (chr(v).isalnum() or chr(v) == "_")) for o, v in value)
    if op == sre_constants.LITERAL:
        return not (chr(value).isalnum() or chr(value) == "_")
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _, sub = value
        return low >= 1 and bool(list(sub)) and _word_ends_before(*list(sub)[0])
    return False


MAX_CLASS_LITERALS = 26  # a larger class ("\\w", "[a-z0-9]") is no better than scanning


def _class_literals(items: list) -> frozenset[str] | None:
    """The characters of a class made of literals and ranges, lower-cased; None for a negated class, a
    category (\\d, \\w: Unicode, so not enumerable here) or a class of more than MAX_CLASS_LITERALS."""
    chars: set[str] = set()
    for op, value in items:
        if op == sre_constants.LITERAL:
            chars.add(chr(value).lower())
        elif op == sre_constants.RANGE and value[1] - value[0] < MAX_CLASS_LITERALS:
            chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
        else:
            return None
    return frozenset(chars) if 0 < len(chars) <= MAX_CLASS_LITERALS else None


def _term_literals(term: str, match: str, pattern: re.Pattern) -> frozenset[str] | None:
    if match == "verb":  # every form starts with the verb less a final e or y
        head = term.strip().lower().split()[0]
        return frozenset({head[:-1] if head.endswith(("e", "y")) else head})
    if match != "regex":  # a phrase's first word, whole unless it ends in "*" (then any word it begins)
        first = term.strip().lower().split()[0]
        head = first.split("*")[0]
        return (frozenset({head if "*" in first else head + WORD_END}) if head else None)
    return leading_literals(pattern.pattern)


class _Terms:
    """A lexicon made ready for find_matches (patterns compiled, triggers built): about 25 ms, so the
    default lexicon's is made once per process, not once per batch of documents."""

    def __init__(self, lexicon: pd.DataFrame) -> None:
        by_category = category_patterns(lexicon)
        self.negation = by_category.get("negation")
        self.hedge = by_category.get("hedge")
        self.hedge_lowered = for_lowered_text(self.hedge) if self.hedge is not None else None
        self.technical = _following_pattern(by_category.get("hype_technical"), words_between=2)
        self.target = _following_pattern(by_category.get("hype_target"), words_between=1)
        terms = lexicon[~lexicon["category"].isin(HELPER_CATEGORIES)]
        self.entries = [(t.pattern, for_lowered_text(t.pattern), t.category, t.term, t.context)
                        for t in terms.itertuples(index=False)]
        self.triggers = _Triggers([_term_literals(t.term, t.match, t.pattern) for t in terms.itertuples(index=False)])
        # the hedge terms in the order the category's alternation tries them (phrases, then regexes): the first
        # hedge of a sentence is found from the same word triggers instead of one regex search per sentence
        hedge_order = sorted((t.match == "regex", number) for number, t in enumerate(terms.itertuples(index=False))
                             if t.category == "hedge")
        self.hedge_terms = [(rank, number) for rank, (_, number) in enumerate(hedge_order)]


@lru_cache(maxsize=1)
def _default_terms() -> _Terms:
    return _Terms(language_lexicon())


def find_matches(sentences: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every lexicon match in every sentence, with absolute offsets, negation and hedge scope.

    Terms are tried in file order and a span taken by one term is not matched again, so a specific
    phrase listed first ("clinically proven") wins over a general one ("proven"). Each term is tried
    only where one of its leading literals occurs, which keeps 400 terms fast on long documents.
    """
    prepared = _default_terms() if lexicon is None else _Terms(lexicon)
    rows: list[tuple] = []
    for doc_id, joined, offsets, rows_of_doc in document_strings(sentences):
        lowered = joined.lower()
        starts = prepared.triggers.starts(lowered) if len(lowered) == len(joined) else None
        _document_matches(prepared, doc_id, joined, offsets, rows_of_doc, lowered, starts, rows)
    return _matches_table(rows)


def matches_and_strength(sentences: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """find_matches and claim_strength of the same sentences (default lexicons), in one pass: each document
    is joined, lower-cased and its trigger words found once for both lexicons. Equal to calling both."""
    from . import strength  # strength builds on this module

    prepared, scanner, triggers = _default_terms(), strength._default_scanner(), _default_joint_triggers()
    offset = len(prepared.entries)
    match_rows: list[tuple] = []
    strength_rows: list[tuple] = []
    for doc_id, joined, offsets, rows_of_doc in document_strings(sentences):
        lowered = joined.lower()
        starts = triggers.starts(lowered) if len(lowered) == len(joined) else None
        _document_matches(prepared, doc_id, joined, offsets, rows_of_doc, lowered, starts, match_rows)
        strength._document_strength(scanner, doc_id, joined, offsets, rows_of_doc, strength_rows, lowered, starts,
                                    offset)
    return _matches_table(match_rows), strength.strength_table(strength_rows)


@lru_cache(maxsize=1)
def _default_joint_triggers() -> _Triggers:
    """The triggers of the language terms, then the claim-strength cues (numbered after the terms)."""
    from . import strength

    cues = strength._default_scanner().triggers.literals
    return _Triggers(_default_terms().triggers.literals + cues)


def _matches_table(rows: list[tuple]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=MATCH_COLUMNS).astype({"negated": bool, "hedged": bool, "counted": bool,
                                                               "start": int, "end": int})
    return table.sort_values(["doc_id", "start"], ignore_index=True)


def _document_matches(prepared: _Terms, doc_id: str, joined: str, offsets: list[int], rows_of_doc: list[tuple],
                      lowered: str, starts: dict[int, list[int]] | None, rows: list[tuple]) -> None:
    """One document's matches appended to `rows` (find_matches' loop body); `starts` are the triggers'
    offsets in `lowered`, or None when lower-casing changed the text's length (then every term scans)."""
    negation, hedge, hedge_lowered = prepared.negation, prepared.hedge, prepared.hedge_lowered
    technical, target, entries = prepared.technical, prepared.target, prepared.entries
    triggers, hedge_terms = prepared.triggers, prepared.hedge_terms
    same_length = starts is not None
    taken: list[tuple[int, int]] = []
    first_hedge_end: dict[int, float] = {}  # sentence index -> where its first hedge ends
    if starts is not None and hedge is not None:
        first_hedge_end = _first_hedge_ends(lowered, offsets, starts, entries, hedge_terms, triggers.scan)
    for number, (pattern, lowered_pattern, category, term, context) in enumerate(entries):
        if starts is None:
            found = pattern.finditer(joined)
        elif number in triggers.scan:
            found = lowered_pattern.finditer(lowered)
        elif number in starts:
            found = (m for m in map(lowered_pattern.match, itertools.repeat(lowered), starts[number]) if m)
        else:
            continue  # none of its leading words is in this document
        for m in found:
            if "\x00" in m.group(0) or _overlaps(taken, m.start(), m.end()):
                continue
            insort(taken, (m.start(), m.end()))
            index = bisect_right(offsets, m.start()) - 1
            sentence_id, sentence_start, text = rows_of_doc[index]
            local = m.start() - offsets[index]
            if starts is not None:
                first_hedge_end.setdefault(index, math.inf)
            elif index not in first_hedge_end:
                if hedge is None:
                    h = None
                elif same_length:
                    h = hedge_lowered.search(lowered, offsets[index], offsets[index] + len(text))
                else:
                    h = hedge.search(joined, offsets[index], offsets[index] + len(text))
                first_hedge_end[index] = h.end() - offsets[index] if h else math.inf
            hedged = category != "hedge" and first_hedge_end[index] <= local
            negated = _negated(text, local, negation)
            measure, rated = "", True
            if context == EVALUATIVE and technical is not None:  # "a revolutionary formula", not "the maximum dose"
                t = technical.match(lowered if same_length else joined, m.end())
                measure = joined[t.start("noun"):t.end("noun")] if t else ""
            elif context == IMPORTANCE:  # "a crucial ingredient", not "iron is crucial for hemoglobin"
                t = target.match(lowered if same_length else joined, m.end()) if target is not None else None
                rated = t is not None
                measure = "" if rated else "(no product or effect rated)"
            rows.append((doc_id, sentence_id, category, term, joined[m.start():m.end()], sentence_start + local,
                         sentence_start + local + m.end() - m.start(), negated, hedged,
                         not negated and not measure and rated, measure))


def _first_hedge_ends(lowered: str, offsets: list[int], starts: dict[int, list[int]], entries: list[tuple],
                      hedge_terms: list[tuple[int, int]], scan: set[int]) -> dict[int, float]:
    """Sentence index -> end (in the sentence) of its first hedge, as the hedge category's alternation
    searched over the sentence would find it: the leftmost start, the first-listed term there."""
    found = []
    for rank, number in hedge_terms:
        lowered_pattern = entries[number][1]
        if number in scan:
            matches = lowered_pattern.finditer(lowered)
        elif number in starts:
            matches = (m for m in map(lowered_pattern.match, itertools.repeat(lowered), starts[number]) if m)
        else:
            continue
        found.extend((m.start(), rank, m.end()) for m in matches)
    ends: dict[int, float] = {}
    for start, _, end in sorted(found):
        index = bisect_right(offsets, start) - 1
        if index not in ends:
            ends[index] = end - offsets[index]
    return ends


def _following_pattern(nouns: re.Pattern | None, words_between: int) -> re.Pattern | None:
    """Up to `words_between` content words after an adjective, then one of the nouns: what makes a hype
    adjective technical ("maximum daily dose", "a vital role") or what an importance adjective must rate
    ("a crucial ingredient"); "vital for health" is about the body, so function words end the search."""
    if nouns is None:
        return None
    between = (r"(?:(?!(?:for|to|in|of|on|at|by|with|from|as|and|or|but|the|a|an|that|this|is|are|was|were)\b)"
               r"[\w'’-]+[ \t]+){0," + str(words_between) + "}?")
    return re.compile(r"[ \t-]+" + between + r"(?P<noun>" + nouns.pattern + ")", re.IGNORECASE)


def _counted(matches: pd.DataFrame) -> pd.DataFrame:
    """The matches that score: not negated and, for evaluative adjectives, aimed at the product or its effect."""
    return matches[matches["counted"]] if "counted" in matches.columns else matches[~matches["negated"]]


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, disjoint spans already taken?"""
    at = bisect_left(taken, (start, end))
    return (at > 0 and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < end)


_WORD_START = re.compile(r"\w+")


def _trie(keys: dict[str, str]) -> str:
    """A regular expression matching the start of a word that is one of the "whole" keys or begins with
    one of the "prefix" keys, branching letter by letter (re tries one branch per letter, not per key)."""
    root: dict = {}
    for key, kind in keys.items():
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = "prefix" if node.get("") == "prefix" or kind == "prefix" else "whole"

    def emit(node: dict) -> str:
        if node.get("") == "prefix":
            return ""  # any continuation of the word will do
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if node.get("") == "whole":
            branches.append(r"(?!\w)")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root)


class _Triggers:
    """Which terms can start where: a term is tried only at words beginning with one of its leading
    literals, or at each occurrence of its leading symbol ("$", "™", "★"). Built once per lexicon;
    `starts` reads a document's words once and returns, per term, the offsets worth trying, instead of
    asking every one of 400 terms about every document."""

    def __init__(self, literals: list[frozenset[str] | None]) -> None:
        self.literals = list(literals)
        self.whole_word: dict[str, list[int]] = {}  # the literal goes on past its first word
        self.prefix: dict[str, list[int]] = {}  # the literal is one word: any word starting with it
        self.symbol: dict[str, list[int]] = {}  # the literal starts with a character that is not a word's
        self.scan: set[int] = set()  # no usable literal: scan the whole document
        for number, options in enumerate(literals):
            if not options or any(not o or (_WORD_START.match(o) is None and o[0].isspace()) for o in options):
                self.scan.add(number)
                continue
            for literal in options:
                head = _WORD_START.match(literal)
                if head is None:
                    numbers = self.symbol.setdefault(literal[0], [])
                    if number not in numbers:
                        numbers.append(number)
                    continue
                table = self.whole_word if head.end() < len(literal) else self.prefix
                table.setdefault(head.group(0), []).append(number)
        self.longest_prefix = max(map(len, self.prefix), default=0)
        self._memo: dict[str, tuple[int, ...]] = {}  # word -> the terms it can start, across documents
        # every word that can start a term, found by one regular expression (a trie of the literals), so
        # Python loops over those words only rather than over every word of the document
        keys = {**{k: "whole" for k in self.whole_word}, **{k: "prefix" for k in self.prefix}}
        self._candidates = re.compile(r"(?<!\w)" + _trie(keys) + r"\w*") if keys else None
        self._symbols = re.compile("[" + "".join(map(re.escape, sorted(self.symbol))) + "]") if self.symbol else None

    def _numbers(self, word: str) -> tuple[int, ...]:
        numbers = set(self.whole_word.get(word, ()))
        for k in range(1, min(len(word), self.longest_prefix) + 1):
            numbers.update(self.prefix.get(word[:k], ()))
        return tuple(sorted(numbers))

    def starts(self, lowered: str) -> dict[int, list[int]]:
        """Term number -> ascending offsets in `lowered` where one of its leading literals begins a word (or
        its leading symbol occurs). The lists are shared between terms: read them, never change them."""
        positions: dict[str, list[int]] = {}  # each candidate word (or symbol) -> where it occurs
        if self._candidates is not None:
            for m in self._candidates.finditer(lowered):
                at = positions.get(word := m.group())
                if at is None:
                    positions[word] = [m.start()]
                else:
                    at.append(m.start())
        symbols: dict[str, list[int]] = {}
        if self._symbols is not None:
            for m in self._symbols.finditer(lowered):
                symbols.setdefault(m.group(), []).append(m.start())
        parts: dict[int, list[list[int]]] = {}
        memo = self._memo
        for word, at in positions.items():
            numbers = memo.get(word)
            if numbers is None:
                numbers = memo[word] = self._numbers(word)
            for number in numbers:
                parts.setdefault(number, []).append(at)
        for symbol, at in symbols.items():
            for number in self.symbol[symbol]:
                parts.setdefault(number, []).append(at)
        return {number: lists[0] if len(lists) == 1 else sorted(itertools.chain.from_iterable(lists))
                for number, lists in parts.items()}


def claim_strength(sentences: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claim-strength level of each sentence, whether it is a health claim, and the cue that decided it.

    The rules live in `claimcritique.strength` (imported here so callers keep one entry point)."""
    from .strength import claim_strength as by_cues  # strength builds on this module's lexicon loading

    return by_cues(sentences, lexicon)


def disease_claims(sentences: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Sentences where a disease verb (treat, cure, prevent, relieve ...) meets a disease term, not negated."""
    counted = _counted(matches)
    counted = counted[counted["category"].isin(["disease_term", "disease_verb"])]
    found: dict[tuple[str, int], tuple[set[str], set[str], list[bool]]] = {}
    for doc_id, sentence_id, category, text, hedged in zip(*(counted[c].tolist() for c in (
            "doc_id", "sentence_id", "category", "text", "hedged"))):
        diseases, verbs, any_hedged = found.setdefault((doc_id, sentence_id), (set(), set(), [False]))
        if category == "disease_term":
            diseases.add(text.lower())
        else:
            verbs.add(text.lower())
            any_hedged[0] = any_hedged[0] or bool(hedged)
    keys = sorted(key for key, (diseases, verbs, _) in found.items() if diseases and verbs)
    table = pd.DataFrame({
        "doc_id": pd.Series([k[0] for k in keys], dtype=matches["doc_id"].dtype),
        "sentence_id": pd.Series([k[1] for k in keys], dtype="int64"),
        "disease": pd.Series([", ".join(sorted(found[k][0])) for k in keys], dtype="str"),
        "verb": pd.Series([", ".join(sorted(found[k][1])) for k in keys], dtype="str"),
        "hedged": pd.Series([found[k][2][0] for k in keys], dtype=bool)})
    return table.merge(sentences[["doc_id", "sentence_id", "text", "start", "end"]], on=["doc_id", "sentence_id"]) \
        .rename(columns={"text": "quote"})


def document_language(documents: pd.DataFrame, sentences: pd.DataFrame, matches: pd.DataFrame | None = None,
                      diseases: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document: densities per 1,000 words, promo_index, disease claims, disclaimer, JAMA signals.
    `matches` and `diseases` (find_matches', disease_claims') are computed when not given."""
    matches = find_matches(sentences) if matches is None else matches
    diseases = disease_claims(sentences, matches) if diseases is None else diseases
    counted = _counted(matches)
    counts = {key: int(n) for key, n in counted.groupby(["doc_id", "category"]).size().items()}  # a dict: fast
    disease_counts = {key: int(n) for key, n in diseases.groupby("doc_id").size().items()}
    rows = []
    for doc in documents.itertuples(index=False):
        words = doc.words if "words" in documents.columns else count_words(doc.text)
        per_1k = {c: 1000 * counts.get((doc.doc_id, c), 0) / max(words, 1) for c in COUNTED}
        n_disease = disease_counts.get(doc.doc_id, 0)
        citations = len(CITATION.findall(doc.text))
        promo = sum(WEIGHTS[c] * per_1k[c] for c in COUNTED) + DISEASE_WEIGHT * 1000 * n_disease / max(words, 1)
        lowered = doc.text.lower()  # whether a signal occurs, not where: lower-casing may move offsets
        signals = {name: _signal(name, lowered) for name in _LOWERED}
        signals["jama_references"] = signals["jama_references"] or citations >= 3
        rows.append({
            "doc_id": doc.doc_id, "words": words, "promo_index": promo,
            "hedge_per_1k": per_1k["hedge"], "booster_per_1k": per_1k["booster"], "disease_claims": n_disease,
            "has_fda_disclaimer": "evaluated" in lowered and bool(FDA_DISCLAIMER.search(" ".join(doc.text.split()))),
            **{f"{c}_per_1k": per_1k[c] for c in PROMOTIONAL if c != "booster"},
            "hedge_to_booster": (per_1k["hedge"] / per_1k["booster"] if per_1k["booster"]
                                 else float("inf") if per_1k["hedge"] else float("nan")),
            "citations": citations,
            **signals, "jama_signals": sum(signals.values()),
        })
    return pd.DataFrame(rows, columns=LANGUAGE_COLUMNS)


_LOWERED = {"jama_author": for_lowered_text(JAMA_AUTHOR), "jama_date": for_lowered_text(JAMA_DATE),
            "jama_references": for_lowered_text(JAMA_REFERENCES), "jama_disclosure": for_lowered_text(JAMA_DISCLOSURE)}
# What a signal's every match must contain: a page without any of it is not searched (a whole-page regex costs
# about 0.1 ms per page; these checks a few microseconds). A year, or one of the date words, for a date; one of
# the disclosure phrases' words for a disclosure. Tested against the plain search.
_YEAR = re.compile(r"(?:19|20)\d\d")
_SIGNAL_NEEDS = {
    "jama_date": lambda text: any(w in text for w in ("updated", "published", "posted")) or bool(_YEAR.search(text)),
    "jama_disclosure": lambda text: any(w in text for w in ("affiliate", "earn", "sponsored", "disclosure", "paid",
                                                            "conflict", "sell", "our")),
}


def _signal(name: str, lowered: str) -> bool:
    needs = _SIGNAL_NEEDS.get(name)
    return (needs is None or needs(lowered)) and bool(_LOWERED[name].search(lowered))


def category_densities(language: pd.DataFrame) -> pd.DataFrame:
    """Tidy: doc_id x category -> matches per 1,000 words (for charts)."""
    columns = {f"{c}_per_1k": c for c in PROMOTIONAL if c != "booster"} | {"booster_per_1k": "booster", "hedge_per_1k": "hedge"}
    long = language.melt(id_vars="doc_id", value_vars=list(columns), var_name="measure", value_name="per_1k_words")
    return long.assign(category=long["measure"].map(columns)).drop(columns="measure")


# --- the analyst's reading view ------------------------------------------------------------------------------

COLOURS = {"claim": "#56b4e9", "hype": "#e69f00", "booster": "#d55e00", "hedge": "#009e73", "call_to_action": "#cc79a7",
           "vague_authority": "#f0e442", "natural_safety": "#b6e3a1", "disease_term": "#ff8080", "disease_verb": "#ffb3b3",
           "structure_function": "#dddddd", "commerce": "#7fb8e0", "product_detail": "#c9b3e6"}


def reading_view(text: str, doc_id: str, sentences: pd.DataFrame, matches: pd.DataFrame,
                 claims: pd.DataFrame | None = None, strength: pd.DataFrame | None = None) -> str:
    """HTML of one document with claims and flagged phrases highlighted; the text is escaped."""
    doc_sentences = sentences[sentences["doc_id"] == doc_id].sort_values("start")
    spans: list[tuple[int, int, str, str]] = []
    if claims is not None:
        for c in claims[claims["doc_id"] == doc_id].itertuples(index=False):
            spans.append((int(c.value_start), int(c.value_end), "claim", f"claim: {c.claim_type} ({c.subject})"))
    for m in matches[matches["doc_id"] == doc_id].itertuples(index=False):
        why = (" (negated, not counted)" if m.negated else "" if getattr(m, "counted", True)
               else f" (technical use: {m.technical}, not counted)")
        note = f"{m.category}: {m.term}" + why + (" (hedged)" if m.hedged else "")
        spans.append((int(m.start), int(m.end), m.category, note))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    levels = {}
    if strength is not None:
        levels = dict(zip(strength.loc[strength["doc_id"] == doc_id, "sentence_id"],
                          strength.loc[strength["doc_id"] == doc_id, "strength"]))
    out: list[str] = []
    cursor = 0
    span_index = 0
    for s in doc_sentences.itertuples(index=False):
        out.append(html.escape(text[cursor: s.start]))
        level = levels.get(s.sentence_id, "none")
        badge = "" if level == "none" else f'<sup class="cc-strength">[{html.escape(level)}]</sup>'
        inner, position = [], s.start
        while span_index < len(spans) and spans[span_index][0] < s.end:
            start, end, category, note = spans[span_index]
            span_index += 1
            if start < position or end > s.end:
                continue  # overlaps a span already drawn
            inner.append(html.escape(text[position:start]))
            colour = COLOURS.get(category, "#eeeeee")
            inner.append(f'<mark class="cc-{category}" style="background:{colour}" title="{html.escape(note)}">'
                         f"{html.escape(text[start:end])}</mark>")
            position = end
        inner.append(html.escape(text[position: s.end]))
        out.append(f'<span class="cc-sentence" title="claim strength: {html.escape(level)}">{"".join(inner)}</span>{badge}')
        cursor = s.end
    out.append(html.escape(text[cursor:]))
    legend = " ".join(f'<mark style="background:{c}">{html.escape(k.replace("_", " "))}</mark>' for k, c in COLOURS.items())
    return (f'<div class="cc-reading-view"><div class="cc-legend" style="margin-bottom:0.5em">{legend} '
            f'<sup>[claim strength]</sup></div><div style="white-space:pre-wrap;line-height:1.5">{"".join(out)}</div></div>')


# --- measured against pages whose kind of site was written down by hand ----------------------------------------

DEV = paths.DATA / "dev"
HOLDOUT = paths.DATA / "holdout"  # pages gathered for the claims work, never used to write these lexicons
HOLDOUT2 = paths.DATA / "holdout2"  # a second such set
HELD_OUT = (HOLDOUT, HOLDOUT2)  # measured together and one by one; their scores were watched while the rules changed
# annotated after the rules were written and never looked at while changing them: the AUC a new page should expect
UNSEEN = (paths.DATA / "holdout3", paths.DATA / "holdout4", paths.DATA / "holdout5")
# The kinds of site in the development manifests, and which side of the question each is on; a blog
# may sell or inform, so blogs are ranked but left out of the AUC.
KIND_GROUPS = {"vendor": "selling", "affiliate": "selling", "brand": "selling", "informational": "neutral",
               "news": "neutral", "blog": "unjudged"}


def development_kinds(folder: Path = DEV) -> pd.DataFrame:
    """doc_id, file, kind, group of every page listed in the folder's manifest_*.csv files."""
    manifests = sorted(Path(folder).glob("manifest*.csv"))
    if not manifests:
        raise ValueError(f"{folder}: no manifest*.csv")
    frames = []
    for manifest in manifests:
        table = read_data_csv(manifest, required=["doc_id", "file", "kind"], non_empty=["doc_id", "file", "kind"])
        unknown = sorted(set(table["kind"]) - set(KIND_GROUPS))
        if unknown:
            raise ValueError(f"{manifest}: unknown kind(s) {unknown}; expected one of {sorted(KIND_GROUPS)}")
        frames.append(table[["doc_id", "file", "kind"]].assign(manifest=manifest.name))
    kinds = pd.concat(frames, ignore_index=True)
    return kinds.assign(group=kinds["kind"].map(KIND_GROUPS))


def auc(scores: pd.Series, positive: pd.Series) -> float:
    """Probability that a positive item outscores a negative one (ties count half): the Mann-Whitney AUC."""
    ranks = pd.Series(scores).rank(method="average").to_numpy()
    positive = pd.Series(positive).to_numpy(dtype=bool)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def promotional_evaluation(scores: pd.DataFrame, kinds: pd.DataFrame, columns: list[str] | None = None
                           ) -> tuple[dict[str, float], pd.DataFrame]:
    """AUC of selling against neutral pages for promo_index (and any other score columns), and the ranking.

    `scores` is document_language's table, `kinds` development_kinds'; blogs are ranked, not scored."""
    columns = columns or ["promo_index", *[f"{c}_per_1k" for c in COUNTED], "disease_claims"]
    ranked = scores.merge(kinds[["doc_id", "kind", "group"]], on="doc_id", how="inner")
    judged = ranked[ranked["group"].isin(["selling", "neutral"])]
    result = {"selling pages": int((judged["group"] == "selling").sum()),
              "neutral pages": int((judged["group"] == "neutral").sum())}
    for column in columns:
        result[f"AUC {column}"] = auc(judged[column], judged["group"] == "selling")
    # blogs read as neutral instead of left out (the development blogs sell nothing in their saved text)
    result["AUC promo_index, blogs as neutral"] = auc(ranked["promo_index"], ranked["group"] == "selling")
    ranking = ranked.sort_values("promo_index", ascending=False, ignore_index=True)
    ranking.insert(0, "rank", range(1, len(ranking) + 1))
    return result, ranking[["rank", "doc_id", "kind", "group", "words", "promo_index", "hedge_per_1k",
                            *[f"{c}_per_1k" for c in PROMOTIONAL], "disease_claims"]]


def evaluate_development_corpus(folder: Path | Sequence[Path] = DEV
                                ) -> tuple[dict[str, float], pd.DataFrame, pd.DataFrame]:
    """Load the pages listed in one folder's manifests (or several folders' together), score them, and
    measure the separation (see promotional_evaluation).
    Returns the measures, the ranking and every match (so each score can be traced)."""
    from .corpus import load_corpus  # corpus reading is only needed here

    folders = [Path(folder)] if isinstance(folder, (str, Path)) else [Path(f) for f in folder]
    kinds = pd.concat([development_kinds(f).assign(folder=str(f)) for f in folders], ignore_index=True)
    files = [Path(f) / name for f, name in zip(kinds["folder"], kinds["file"])]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise ValueError(f"{', '.join(map(str, folders))}: manifest rows point at missing files {missing}")
    corpus = load_corpus(files)
    matches = find_matches(corpus.sentences)
    scores = document_language(corpus.documents, corpus.sentences, matches)
    measures, ranking = promotional_evaluation(scores, kinds)
    return measures, ranking, matches


def evaluation_report(dev: Path = DEV, held_out: Sequence[Path] | Path | None = HELD_OUT,
                      unseen: Sequence[Path] = UNSEEN) -> dict[str, pd.DataFrame]:
    """Every measurement of this stage against outside labels, as tables (what `claimcritique evaluate-language` prints);
    each held-out folder is measured when it and its manifest exist, alone and (two or more) all together, and the
    unseen folders together (`promotional_auc_unseen`)."""
    from . import strength  # the claim-strength rules build on this module

    tables = {"claim_strength_yu2019": strength.evaluate_yu2019(),
              "claim_strength_rules_vs_model": strength.rules_and_model()}
    if strength.YU2020_PRESS.exists():
        tables["claim_strength_yu2020"] = strength.evaluate_yu2020()

    def measured(name: str, folders) -> None:
        measures, ranking, _ = evaluate_development_corpus(folders)
        tables[f"promotional_auc{name}"] = pd.DataFrame([{"measure": k, "value": v} for k, v in measures.items()])
        tables[f"promotional_ranking{name}"] = ranking

    measured("", dev)
    folders = [] if held_out is None else [Path(held_out)] if isinstance(held_out, (str, Path)) else list(held_out)
    present = [Path(f) for f in folders if any(Path(f).glob("manifest*.csv"))]
    if len(present) > 1:
        measured("_held_out", present)
    for folder in present:
        measured("_" + folder.name, folder)
    never_seen = [Path(f) for f in unseen if any(Path(f).glob("manifest*.csv"))]
    if never_seen:
        measured("_unseen", never_seen)
    return tables


def main(argv: list[str] | None = None) -> int:
    """`claimcritique evaluate-language` (or `python -m claimcritique.language evaluate`): the measurements, printed."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="claimcritique evaluate-language",
                                     description="Claim strength against Yu et al. 2019 (and 2020 when present) and "
                                                 "promo_index against the hand-labelled kinds of site in data/dev.")
    parser.add_argument("--dev", default=str(DEV), help=f"folder of development pages with manifest*.csv (default {DEV})")
    parser.add_argument("--holdout", action="append", metavar="FOLDER",
                        help="a folder of held-out pages with manifest*.csv, measured when present; repeat for several "
                             f"(default {' and '.join(map(str, HELD_OUT))})")
    parser.add_argument("-o", "--output", metavar="DIR", help="also write each table to DIR/<name>.csv")
    args = parser.parse_args([a for a in (sys.argv[1:] if argv is None else argv) if a != "evaluate"])
    try:
        tables = evaluation_report(Path(args.dev), [Path(f) for f in args.holdout or HELD_OUT])
    except ValueError as error:
        print(f"claimcritique: error: {error}", file=sys.stderr)
        return 2
    with pd.option_context("display.width", 200, "display.max_columns", 40, "display.max_colwidth", 60):
        for name, table in tables.items():
            if "macro-F1" in table.columns:  # the headline numbers; precision and recall go to the CSV
                table = table[[c for c in table.columns if not c.startswith(("precision", "recall"))]]
            print(f"\n== {name}\n{table.round(3).to_string(index=False)}")
    if args.output:
        Path(args.output).mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            table.to_csv(Path(args.output) / f"{name}.csv", index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
