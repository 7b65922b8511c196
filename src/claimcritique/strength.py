"""Claim strength of a sentence (after Yu, Li & Wang, EMNLP 2019), from cues a reader can audit.

Two separate questions per sentence:
- `level`: how strongly its own wording states a relation, whatever the relation is about: `none`
  (no relation stated), `correlational` ("is associated with"), `conditional causal` (an effect
  under a modal: "may improve"), `direct causal` ("improves", "leads to") or `absolute`
  ("guarantees"); read from cue words in `data/lexicons/claim_strength.csv`;
- `health_claim`: does it speak of a health outcome (the same file's `health_outcome` terms).
`strength` is the level of a health claim and `none` otherwise: what the rest of the suite reads.

The rules, first that applies decides (`rule` names it, `cue` quotes the deciding words):
1. `call_for_research`: a recommendation or call for more study ("should", "further studies are
   needed") before any relation cue: none, because it states no finding (Yu et al.'s guideline).
2. `absolute`: a guarantee word ("guarantees", "100%") in a sentence that also states an effect.
3. `correlational`: an association cue ("associated with", "predicts", "risk factor",
   "higher in"), even under a modal: a hedged association is still only an association.
4. `conditional` / `direct`: an effect cue ("improves", "reduces", "leads to", "effective");
   conditional when a modal ("may", "might", "could", "appears to") comes before it in the sentence.
5. otherwise none.
A negated cue ("did not improve") keeps its level, as in Yu et al.'s annotation, and is flagged in
`negated`.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .language import category_patterns, load_lexicon
from .segment import document_strings, for_lowered_text

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


def decide(found: dict[str, list[tuple[int, int]]]) -> Decision:
    """The level of one sentence from where each cue category matched in it (sentence offsets)."""
    blocked = found.get("not_a_cue", [])
    comparisons = [s for s in found.get("comparison", []) if not _overlaps(s, blocked)]

    def spans(name: str) -> list[tuple[int, int]]:
        kept = [s for s in found.get(name, []) if not _overlaps(s, blocked)]
        if name == "effect_verb":  # "increased risk", "lower levels in": a comparison, not an effect
            kept = [s for s in kept if not _overlaps(s, comparisons)]
        return kept

    def first(name: str) -> tuple[int, int] | None:
        kept = spans(name)
        return kept[0] if kept else None

    negations = found.get("negation", [])

    def negated(span: tuple[int, int]) -> bool:
        return any(0 <= span[0] - end <= NEGATION_WINDOW_CHARS for _, end in negations)

    correlational, effect = first("correlational"), first("effect_verb")
    research = first("call_for_research")
    if research:  # "further studies are needed to confirm that X improves Y" reports no finding
        return Decision("none", "call_for_research", *research, False)
    absolute = first("absolute")
    if absolute and effect:
        return Decision("absolute", "absolute", *absolute, negated(effect))
    if correlational:
        return Decision("correlational", "correlational", *correlational, negated(correlational))
    if effect:
        modal = first("conditional")
        governed = [s for s in spans("effect_verb") if modal and s[0] > modal[0]]
        if governed:  # "reducing intake could reduce the risk": the modal governs the effect after it
            return Decision("conditional causal", "conditional", *modal, negated(governed[0]))
        return Decision("direct causal", "direct", *effect, negated(effect))
    if comparisons:
        return Decision("correlational", "comparison", *comparisons[0], negated(comparisons[0]))
    return _NONE


def claim_strength(sentences: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Level, health-claim flag and deciding cue of every sentence (see the module docstring)."""
    patterns = category_patterns(strength_lexicon() if lexicon is None else lexicon)
    missing = [c for c in CUE_CATEGORIES if c not in patterns]
    if missing:
        raise ValueError(f"claim-strength lexicon lacks categories {missing}")
    folded = {name: for_lowered_text(patterns[name]) for name in CUE_CATEGORIES}
    rows = []
    for doc_id, joined, offsets, rows_of_doc in document_strings(sentences):
        lowered = joined.lower()
        use, haystack = (folded, lowered) if len(lowered) == len(joined) else (patterns, joined)
        per_sentence: dict[int, dict[str, list[tuple[int, int]]]] = {}
        for name in CUE_CATEGORIES:
            for m in use[name].finditer(haystack):
                if "\x00" in m.group(0):
                    continue
                index = bisect_right(offsets, m.start()) - 1
                base = offsets[index]
                per_sentence.setdefault(index, {}).setdefault(name, []).append((m.start() - base, m.end() - base))
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
    return pd.DataFrame(rows, columns=STRENGTH_COLUMNS)


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
