"""Claim strength of a sentence (after Yu, Li & Wang, EMNLP 2019), from cues a reader can audit.

Two separate questions per sentence:
- `level`: how strongly its own wording states a relation, whatever the relation is about: `none`
  (no relation stated), `correlational` ("is associated with"), `conditional causal` (an effect
  under a modal: "may improve"), `direct causal` ("improves", "leads to") or `absolute`
  ("guarantees"); read from cue words in `data/lexicons/claim_strength.csv`;
- `health_claim`: does it speak of a health outcome (the same file's `health_outcome` terms).
`strength` is the level of a health claim and `none` otherwise: what the rest of the suite reads.

The rules, first that applies decides (`rule` names it, `cue` quotes the deciding words and
`cue_start`/`cue_end` give their offsets in the document):
0. `not_a_cue` spans cancel any cue they overlap: evidence that "supports" a conclusion,
   "nutritional support", "patients treated with", purposes ("interventions to reduce", "used to").
1. `call_for_research`: a recommendation or call for more study ("should", "further studies are
   needed") anywhere in the sentence: none, since it states no finding (Yu et al.'s guideline; of the
   521 sentences of their corpus this rule decides, 494 are labelled none).
2. `absolute`: a guarantee word ("guarantees", "100%") in a sentence that also states an effect.
3. `correlational`: an association cue ("associated with", "predicts", "risk factor"), even under a
   modal: a hedged association is still only an association.
4. `conditional` / `direct`: an effect cue ("improves", "leads to", "effective") that is not part of
   a comparison ("increased risk", "changes in"); conditional when a modal ("may", "could", "appears
   to", "potential") comes before an effect cue ("reducing intake could reduce the risk"), direct
   otherwise. "can" and "suggest" are not modals here, as in Yu et al.'s annotation.
5. `comparison`: a group comparison or changed level with no effect cue ("higher in patients",
   "at increased risk", "was reduced"): correlational.
6. otherwise none.
A negated cue ("did not improve") keeps its level, as in Yu et al.'s annotation, and is flagged in
`negated`. `evaluate_yu2019` measures the rules on Yu et al.'s 3,061 sentences; they were written on a
fixed random half (`development_half`) and are reported on the other half too.
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .language import _term_literals, _Triggers, load_lexicon
from .scanning import document_strings, for_lowered_text

STRENGTH_COLUMNS = ["doc_id", "sentence_id", "strength", "cue", "level", "health_claim", "rule", "cue_start", "cue_end",
                    "negated"]
CUE_CATEGORIES = ["call_for_research", "absolute", "correlational", "comparison", "effect_verb", "conditional", "not_a_cue",
                  "negation", "health_outcome"]
NEGATION_WINDOW_CHARS = 30


def strength_lexicon() -> pd.DataFrame:
    return load_lexicon(paths.LEXICONS / "claim_strength.csv")


@dataclass(frozen=True)
class Decision:
    level: str
    rule: str
    cue_start: int  # offsets of the deciding cue within its sentence (-1 when none)
    cue_end: int
    negated: bool


_NONE = Decision("none", "", -1, -1, False)


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in others)


_RELATION_CUES = ("call_for_research", "correlational", "effect_verb", "comparison")


def decide(found: dict[str, list[tuple[int, int]]]) -> Decision:
    """The level of one sentence from where each cue category matched in it (sentence offsets)."""
    if not any(name in found for name in _RELATION_CUES):
        return _NONE  # no cue that could state (or disown) a relation
    blocked = found.get("not_a_cue", ())

    def spans(name: str) -> list[tuple[int, int]]:
        listed = found.get(name, ())
        return [s for s in listed if not _overlaps(s, blocked)] if blocked else list(listed)

    research = spans("call_for_research")
    if research:  # "further studies are needed to confirm that X improves Y" reports no finding
        return Decision("none", "call_for_research", *research[0], False)
    comparisons = spans("comparison")
    # "increased risk", "lower levels in": a comparison, not an effect
    effects = [s for s in spans("effect_verb") if not _overlaps(s, comparisons)] if comparisons else spans("effect_verb")
    negations = found.get("negation", ())

    def negated(span: tuple[int, int]) -> bool:
        return any(0 <= span[0] - end <= NEGATION_WINDOW_CHARS for _, end in negations)

    absolute = spans("absolute")
    if absolute and effects:
        return Decision("absolute", "absolute", *absolute[0], negated(effects[0]))
    correlational = spans("correlational")
    if correlational:
        return Decision("correlational", "correlational", *correlational[0], negated(correlational[0]))
    if effects:
        modals = spans("conditional")
        governed = [s for s in effects if s[0] > modals[0][0]] if modals else []
        if governed:  # "reducing intake could reduce the risk": the modal governs the effect after it
            return Decision("conditional causal", "conditional", *modals[0], negated(governed[0]))
        return Decision("direct causal", "direct", *effects[0], negated(effects[0]))
    if comparisons:
        return Decision("correlational", "comparison", *comparisons[0], negated(comparisons[0]))
    return _NONE


def _may_span_nul(source: str) -> bool:
    """Can this pattern match a NUL (the sentence separator)? Only through '.', a negated class or \\W, \\S, \\D."""
    return bool(re.search(r"(?<!\\)\.|\[\^|\\[WSD]", source))


class _CueScanner:
    """Where each cue category matches in a document, as `re.finditer` over the category's alternation
    would report it (leftmost match first, earlier-listed term first at one position, no overlap within a
    category), but each term is tried only where a word starts with one of its leading literals, as in
    `language.find_matches`: a few hundred cues over long documents stay fast."""

    def __init__(self, lexicon: pd.DataFrame) -> None:
        terms = lexicon[lexicon["category"].isin(CUE_CATEGORIES)]
        missing = [c for c in CUE_CATEGORIES if c not in set(terms["category"])]
        if missing:
            raise ValueError(f"claim-strength lexicon lacks categories {missing}")
        # the order category_patterns gives them: a category's phrase rows, then its regex rows
        terms = terms.assign(is_regex=terms["match"] == "regex").sort_values(["category", "is_regex"], kind="stable")
        self.entries = [(t.category, t.pattern, for_lowered_text(t.pattern), _may_span_nul(t.pattern.pattern))
                        for t in terms.itertuples(index=False)]
        self.triggers = _Triggers([_term_literals(t.term, t.match, t.pattern) for t in terms.itertuples(index=False)])

    def spans(self, joined: str, lowered: str | None = None, starts: dict[int, list[int]] | None = None,
              offset: int = 0) -> dict[str, list[tuple[int, int]]]:
        """Each cue category's spans in one document. `lowered` and `starts` may come from a caller that
        found the triggers of several lexicons at once (this one's cue numbers shifted by `offset`)."""
        if lowered is None:
            lowered = joined.lower()
            starts = self.triggers.starts(lowered) if len(lowered) == len(joined) else None
        found: dict[str, list[tuple[int, int, int]]] = {}
        for number, (category, pattern, lowered_pattern, may_span_nul) in enumerate(self.entries):
            if starts is None:
                matches = pattern.finditer(joined)
            elif number in self.triggers.scan:
                matches = lowered_pattern.finditer(lowered)
            elif number + offset in starts:
                matches = (m for m in map(lowered_pattern.match, itertools.repeat(lowered), starts[number + offset])
                           if m)
            else:
                continue
            spans = found.setdefault(category, [])
            if may_span_nul:  # never across the separator between two sentences
                matches = (m for m in matches if "\x00" not in m.group(0))
            spans.extend((m.start(), number, m.end()) for m in matches)
        out = {}
        for category, spans in found.items():
            kept, last_end = [], -1
            for start, _, end in sorted(spans):
                if start >= last_end:
                    kept.append((start, end))
                    last_end = end
            out[category] = kept
        return out


@lru_cache(maxsize=1)
def _default_scanner() -> _CueScanner:
    return _CueScanner(strength_lexicon())


def claim_strength(sentences: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Level, health-claim flag and deciding cue of every sentence (see the module docstring)."""
    scanner = _default_scanner() if lexicon is None else _CueScanner(lexicon)
    rows: list[tuple] = []
    for doc_id, joined, offsets, rows_of_doc in document_strings(sentences):
        _document_strength(scanner, doc_id, joined, offsets, rows_of_doc, rows)
    return strength_table(rows)


def strength_table(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=STRENGTH_COLUMNS)


def _document_strength(scanner: _CueScanner, doc_id: str, joined: str, offsets: list[int], rows_of_doc: list[tuple],
                       rows: list[tuple], lowered: str | None = None, starts: dict[int, list[int]] | None = None,
                       offset: int = 0) -> None:
    """One document's sentences' rows appended to `rows` (claim_strength's loop body)."""
    per_sentence: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for name, spans in scanner.spans(joined, lowered, starts, offset).items():
        for start, end in spans:
            index = bisect_right(offsets, start) - 1
            base = offsets[index]
            per_sentence.setdefault(index, {}).setdefault(name, []).append((start - base, end - base))
    for index, (sentence_id, start, text) in enumerate(rows_of_doc):
        found = per_sentence.get(index)
        decision = decide(found) if found else _NONE
        health = bool(found and found.get("health_outcome"))
        cue, cue_start, cue_end = "", -1, -1
        if decision.cue_start >= 0:
            cue, cue_start, cue_end = (text[decision.cue_start:decision.cue_end], start + decision.cue_start,
                                       start + decision.cue_end)
        rows.append((doc_id, sentence_id, decision.level if health else "none", cue, decision.level, health,
                     decision.rule, cue_start, cue_end, decision.negated))


# --- measured against Yu et al.'s annotated sentences ---------------------------------------------------------

YU2019 = paths.DATA / "external" / "yu2019_causal_language" / "pubmed_causal_language_use.csv"
YU2020_PRESS = paths.DATA / "external" / "yu2020_press_releases" / "annotated_eureka.csv"
# Their label numbers, as each data set's README gives them (the 2020 release reorders them).
YU2019_LABELS = {0: "none", 1: "direct causal", 2: "conditional causal", 3: "correlational"}
YU2020_LABELS = {0: "none", 1: "correlational", 2: "conditional causal", 3: "direct causal"}
EVALUATED_LEVELS = ["none", "correlational", "conditional causal", "direct causal"]  # absolute counts as direct
SPLIT_SEED = 2019


def load_annotated(path: Path, labels: dict[int, str]) -> pd.DataFrame:
    """Annotated sentences as `sentence, label, gold` (gold: our level name); errors name the file."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: data file not found")
    table = pd.read_csv(path, encoding="utf-8", keep_default_na=False, dtype={"sentence": str})
    if not {"sentence", "label"} <= set(table.columns):
        raise ValueError(f"{path}: expected columns sentence, label; found {list(table.columns)}")
    unknown = sorted(set(table["label"]) - set(labels))
    if unknown:
        raise ValueError(f"{path}: unknown label(s) {unknown}")
    return table[["sentence", "label"]].assign(gold=table["label"].map(labels))


def development_half(n: int, seed: int = SPLIT_SEED) -> np.ndarray:
    """A fixed random half of n rows (boolean mask): the rules were developed on it, the rest is held out."""
    mask = np.zeros(n, dtype=bool)
    mask[np.random.default_rng(seed).permutation(n)[: n // 2]] = True
    return mask


def level_of_sentences(texts: list[str]) -> pd.DataFrame:
    """claim_strength over free-standing sentences (one document each)."""
    sentences = pd.DataFrame({"doc_id": [f"s{i}" for i in range(len(texts))], "sentence_id": 0, "start": 0,
                              "text": list(texts)})
    return claim_strength(sentences)


def scores(gold: pd.Series, predicted: pd.Series, levels: list[str] = EVALUATED_LEVELS) -> dict[str, float]:
    """Accuracy, macro-F1 and per-level precision, recall and F1 (absolute counts as direct causal)."""
    gold = pd.Series(gold).reset_index(drop=True)
    predicted = pd.Series(predicted).reset_index(drop=True).replace({"absolute": "direct causal"})
    result = {"n": len(gold), "accuracy": float((gold == predicted).mean()) if len(gold) else float("nan")}
    f1s = []
    for level in levels:
        hits = int(((gold == level) & (predicted == level)).sum())
        precision = hits / max(int((predicted == level).sum()), 1)
        recall = hits / max(int((gold == level).sum()), 1)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result |= {f"precision {level}": precision, f"recall {level}": recall, f"F1 {level}": f1}
        f1s.append(f1)
    result["macro-F1"] = float(np.mean(f1s))
    return result


def evaluate_annotated(annotated: pd.DataFrame, splits: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """One row per split: n, accuracy, macro-F1 and per-level F1, precision and recall of the rules."""
    predicted = level_of_sentences(annotated["sentence"].tolist())["level"].to_numpy()
    splits = splits or {"all": np.ones(len(annotated), dtype=bool)}
    rows = []
    for name, mask in splits.items():
        rows.append({"split": name, **scores(annotated["gold"][mask], pd.Series(predicted[mask]))})
    return pd.DataFrame(rows)


def evaluate_yu2019(path: Path = YU2019) -> pd.DataFrame:
    """The rules on Yu et al. 2019: the development half they were written on, the held-out half, all."""
    annotated = load_annotated(path, YU2019_LABELS)
    development = development_half(len(annotated))
    return evaluate_annotated(annotated, {"development half": development, "held-out half": ~development,
                                          "all": np.ones(len(annotated), dtype=bool)})


def evaluate_yu2020(path: Path = YU2020_PRESS) -> pd.DataFrame:
    """The rules on Yu et al. 2020's press-release sentences (never used to write them)."""
    return evaluate_annotated(load_annotated(path, YU2020_LABELS), None).assign(split="press releases (2020)")


def confusion(path: Path = YU2019, labels: dict[int, str] = YU2019_LABELS) -> pd.DataFrame:
    """Gold level (rows) against the rules' level (columns), absolute counted as direct causal."""
    annotated = load_annotated(path, labels)
    predicted = level_of_sentences(annotated["sentence"].tolist())["level"].replace({"absolute": "direct causal"})
    table = pd.crosstab(annotated["gold"].to_numpy(), predicted.to_numpy(), rownames=["gold"], colnames=["rules"])
    return table.reindex(index=EVALUATED_LEVELS, columns=EVALUATED_LEVELS, fill_value=0)


# --- a small model to compare with, trained offline on the development half --------------------------------------

_TOKEN = re.compile(r"[a-z]+(?:['’-][a-z]+)*")


def _features(sentence: str) -> list[str]:
    words = _TOKEN.findall(sentence.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class NaiveBayes:
    """Multinomial naive Bayes over words and word pairs (Laplace smoothing): the simplest model that
    learns from Yu et al.'s labels, kept to show what the rules leave on the table."""
    levels: tuple[str, ...]
    log_prior: np.ndarray
    log_likelihood: dict[str, np.ndarray]
    log_unseen: np.ndarray

    @classmethod
    def train(cls, sentences: list[str], gold: list[str]) -> NaiveBayes:
        levels = tuple(sorted(set(gold)))
        index = {level: i for i, level in enumerate(levels)}
        counts: dict[str, np.ndarray] = {}
        totals = np.zeros(len(levels))
        prior = np.zeros(len(levels))
        for sentence, level in zip(sentences, gold):
            prior[index[level]] += 1
            for feature in _features(sentence):
                counts.setdefault(feature, np.zeros(len(levels)))[index[level]] += 1
                totals[index[level]] += 1
        denominator = totals + len(counts)
        return cls(levels, np.log(prior / prior.sum()),
                   {f: np.log((c + 1) / denominator) for f, c in counts.items()}, np.log(1 / denominator))

    def predict(self, sentences: list[str]) -> list[str]:
        out = []
        for sentence in sentences:
            score = self.log_prior.copy()
            for feature in _features(sentence):
                score += self.log_likelihood.get(feature, 0.0)  # features never seen in training carry no evidence
            out.append(self.levels[int(np.argmax(score))])
        return out


def rules_and_model(path: Path = YU2019) -> pd.DataFrame:
    """The rules and naive Bayes side by side on the held-out half (the model trains on the development half)."""
    annotated = load_annotated(path, YU2019_LABELS)
    development = development_half(len(annotated))
    train, test = annotated[development], annotated[~development]
    model = NaiveBayes.train(train["sentence"].tolist(), train["gold"].tolist())
    rules = level_of_sentences(test["sentence"].tolist())["level"]
    return pd.DataFrame([{"method": "rules (claim_strength.csv)", **scores(test["gold"], rules)},
                         {"method": "naive Bayes, words + pairs, trained on the development half",
                          **scores(test["gold"], pd.Series(model.predict(test["sentence"].tolist())))}])
