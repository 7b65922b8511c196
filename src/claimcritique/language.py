"""Promotional language, hedging, claim strength and regulatory red flags, from lexicons kept as data.

Every score is a count of listed matches, so an analyst can see and argue with each flagged phrase:
- matches of `data/lexicons/language_terms.csv` (hype, boosters, hedges, calls to action, vague
  authority, naturalness/safety appeals, disease terms and verbs), each with its offsets; a match
  preceded within three words by a negator ("not a miracle cure") is kept but not counted;
- a claim-strength level per sentence that makes a health claim (after Yu et al. 2019): correlational,
  conditional causal ("may improve"), direct causal ("improves"), or absolute ("guarantees");
- disease claims in the sense of FDA 21 CFR 101.93(g): a disease verb aimed at a disease term;
- the DSHEA disclaimer, found despite small wording and whitespace differences.

promo_index = (hype + booster + call_to_action + vague_authority + natural_safety
               + 3 x disease_claims) per 1,000 words - hedges per 1,000 words, floored at 0.
Disease claims weigh three times because they are what the FDA forbids; hedges subtract because
they are the opposite of selling certainty.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .datafiles import read_data_csv
from .segment import count_words

PROMOTIONAL = ["hype", "booster", "call_to_action", "vague_authority", "natural_safety"]
COUNTED = [*PROMOTIONAL, "hedge"]
DISEASE_WEIGHT = 3
NEGATION_WINDOW_WORDS = 3
STRENGTH_LEVELS = ["none", "correlational", "conditional causal", "direct causal", "absolute"]
MATCH_COLUMNS = ["doc_id", "sentence_id", "category", "term", "text", "start", "end", "negated", "hedged"]
LANGUAGE_COLUMNS = ["doc_id", "words", "promo_index", "hedge_per_1k", "booster_per_1k", "disease_claims",
                    "has_fda_disclaimer", *[f"{c}_per_1k" for c in PROMOTIONAL if c != "booster"],
                    "hedge_to_booster", "citations", "jama_author", "jama_date", "jama_references",
                    "jama_disclosure", "jama_signals"]

FDA_DISCLAIMER = re.compile(
    r"statements?\W+(?:\w+\W+){0,3}not\W+(?:\w+\W+){0,2}evaluated\W+by\W+the\W+"
    r"(?:u\.?s\.?\W+)?(?:food\W+(?:and|&)\W+drug\W+administration|fda)",
    re.IGNORECASE,
)
CITATION = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]|\bdoi:\s*10\.|\bdoi\.org/|\bet\s+al\.|\bPMID\b|"
                      r"\([A-Z][A-Za-z-]+(?:\s+et\s+al\.)?,?\s+(?:19|20)\d\d\)", re.IGNORECASE)
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


@lru_cache(maxsize=8)
def load_lexicon(path: Path) -> pd.DataFrame:
    """Terms of one lexicon file with their compiled patterns; errors name the file and row."""
    table = read_data_csv(path, required=["category", "term", "match", "source"],
                          non_empty=["category", "term", "match", "source"])
    patterns = []
    for index, row in table.iterrows():
        source = row["term"] if row["match"] == "regex" else _phrase_pattern(row["term"])
        try:
            patterns.append(re.compile(source, re.IGNORECASE))
        except re.error as error:
            raise ValueError(f"{path}, row {index + 2}: bad pattern {row['term']!r} ({error})") from None
    return table.assign(pattern=patterns)


def language_lexicon() -> pd.DataFrame:
    return load_lexicon(paths.LEXICONS / "language_terms.csv")


def strength_lexicon() -> pd.DataFrame:
    return load_lexicon(paths.LEXICONS / "claim_strength.csv")


def _category_patterns(lexicon: pd.DataFrame) -> dict[str, re.Pattern]:
    grouped = lexicon.groupby("category", sort=False)["pattern"].agg(list)
    return {c: re.compile("|".join(f"(?:{p.pattern})" for p in ps), re.IGNORECASE) for c, ps in grouped.items()}


def _negated(sentence: str, position: int, negation: re.Pattern | None) -> bool:
    if negation is None:
        return False
    window = " ".join(sentence[:position].split()[-NEGATION_WINDOW_WORDS:])
    return bool(negation.search(window))


def _trigger(term: str, match: str) -> str:
    """A lower-case literal every match must contain, to skip patterns cheaply; "" when unknown (regex)."""
    if match == "regex":
        return ""
    return term.strip().lower().split()[0].split("*")[0]


def find_matches(sentences: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every lexicon match in every sentence, with absolute offsets, negation and hedge scope.

    Terms are tried in file order and a span taken by one term is not matched again, so a specific
    phrase listed first ("clinically proven") wins over a general one ("proven").
    """
    lexicon = language_lexicon() if lexicon is None else lexicon
    by_category = _category_patterns(lexicon)
    negation = by_category.get("negation")
    hedge = by_category.get("hedge")
    terms = lexicon[lexicon["category"] != "negation"]
    entries = [(_trigger(t.term, t.match), t.pattern, t.category, t.term) for t in terms.itertuples(index=False)]
    rows = []
    for s in sentences.itertuples(index=False):
        text = s.text
        lowered = text.lower()
        taken: list[tuple[int, int]] = []
        for trigger, pattern, category, term in entries:
            if trigger not in lowered:
                continue
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                hedged = bool(hedge and category != "hedge" and hedge.search(text, 0, m.start()))
                rows.append((s.doc_id, s.sentence_id, category, term, m.group(0),
                             s.start + m.start(), s.start + m.end(), _negated(text, m.start(), negation), hedged))
    table = pd.DataFrame(rows, columns=MATCH_COLUMNS).astype({"negated": bool, "hedged": bool, "start": int, "end": int})
    return table.sort_values(["doc_id", "start"], ignore_index=True)


def claim_strength(sentences: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claim-strength level of each sentence (none when it makes no health claim), and the cue that decided it."""
    cues = _category_patterns(strength_lexicon() if lexicon is None else lexicon)
    rows = []
    for s in sentences.itertuples(index=False):
        text = s.text
        outcome, effect = cues["health_outcome"].search(text), cues["effect_verb"].search(text)
        level, cue = "none", ""
        if outcome:
            if m := cues["absolute"].search(text):
                level, cue = "absolute", m.group(0)
            elif m := cues["correlational"].search(text):
                level, cue = "correlational", m.group(0)
            elif effect:
                modal = cues["conditional"].search(text)  # a hedge anywhere in the sentence scopes its claim
                level, cue = ("conditional causal", modal.group(0)) if modal else ("direct causal", effect.group(0))
        rows.append((s.doc_id, s.sentence_id, level, cue))
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "strength", "cue"])


def disease_claims(sentences: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Sentences where a disease verb (treat, cure, prevent, relieve ...) meets a disease term, not negated."""
    counted = matches[~matches["negated"]]
    terms = counted[counted["category"] == "disease_term"]
    verbs = counted[counted["category"] == "disease_verb"]
    keys = terms.merge(verbs, on=["doc_id", "sentence_id"], suffixes=("_disease", "_verb"))
    keys = keys.groupby(["doc_id", "sentence_id"], as_index=False).agg(
        disease=("text_disease", lambda t: ", ".join(sorted(set(x.lower() for x in t)))),
        verb=("text_verb", lambda t: ", ".join(sorted(set(x.lower() for x in t)))),
        hedged=("hedged_verb", "any"))
    return keys.merge(sentences[["doc_id", "sentence_id", "text", "start", "end"]], on=["doc_id", "sentence_id"]) \
        .rename(columns={"text": "quote"})


def document_language(documents: pd.DataFrame, sentences: pd.DataFrame, matches: pd.DataFrame | None = None
                      ) -> pd.DataFrame:
    """One row per document: densities per 1,000 words, promo_index, disease claims, disclaimer, JAMA signals."""
    matches = find_matches(sentences) if matches is None else matches
    diseases = disease_claims(sentences, matches)
    counted = matches[~matches["negated"]]
    rows = []
    for doc in documents.itertuples(index=False):
        words = count_words(doc.text)
        per_1k = {c: 1000 * int(((counted["doc_id"] == doc.doc_id) & (counted["category"] == c)).sum()) / max(words, 1)
                  for c in COUNTED}
        n_disease = int((diseases["doc_id"] == doc.doc_id).sum())
        promo = sum(per_1k[c] for c in PROMOTIONAL) + DISEASE_WEIGHT * 1000 * n_disease / max(words, 1) - per_1k["hedge"]
        signals = {
            "jama_author": bool(JAMA_AUTHOR.search(doc.text)),
            "jama_date": bool(JAMA_DATE.search(doc.text)),
            "jama_references": bool(JAMA_REFERENCES.search(doc.text)) or len(CITATION.findall(doc.text)) >= 3,
            "jama_disclosure": bool(JAMA_DISCLOSURE.search(doc.text)),
        }
        rows.append({
            "doc_id": doc.doc_id, "words": words, "promo_index": max(promo, 0.0),
            "hedge_per_1k": per_1k["hedge"], "booster_per_1k": per_1k["booster"], "disease_claims": n_disease,
            "has_fda_disclaimer": bool(FDA_DISCLAIMER.search(" ".join(doc.text.split()))),
            **{f"{c}_per_1k": per_1k[c] for c in PROMOTIONAL if c != "booster"},
            "hedge_to_booster": per_1k["hedge"] / per_1k["booster"] if per_1k["booster"] else float("inf") if per_1k["hedge"] else float("nan"),
            "citations": len(CITATION.findall(doc.text)),
            **signals, "jama_signals": sum(signals.values()),
        })
    return pd.DataFrame(rows, columns=LANGUAGE_COLUMNS)


def category_densities(language: pd.DataFrame) -> pd.DataFrame:
    """Tidy: doc_id x category -> matches per 1,000 words (for charts)."""
    columns = {f"{c}_per_1k": c for c in PROMOTIONAL if c != "booster"} | {"booster_per_1k": "booster", "hedge_per_1k": "hedge"}
    long = language.melt(id_vars="doc_id", value_vars=list(columns), var_name="measure", value_name="per_1k_words")
    return long.assign(category=long["measure"].map(columns)).drop(columns="measure")


# --- the analyst's reading view ------------------------------------------------------------------------------

COLOURS = {"claim": "#56b4e9", "hype": "#e69f00", "booster": "#d55e00", "hedge": "#009e73", "call_to_action": "#cc79a7",
           "vague_authority": "#f0e442", "natural_safety": "#b6e3a1", "disease_term": "#ff8080", "disease_verb": "#ffb3b3",
           "structure_function": "#dddddd"}


def reading_view(text: str, doc_id: str, sentences: pd.DataFrame, matches: pd.DataFrame,
                 claims: pd.DataFrame | None = None, strength: pd.DataFrame | None = None) -> str:
    """HTML of one document with claims and flagged phrases highlighted; the text is escaped."""
    doc_sentences = sentences[sentences["doc_id"] == doc_id].sort_values("start")
    spans: list[tuple[int, int, str, str]] = []
    if claims is not None:
        for c in claims[claims["doc_id"] == doc_id].itertuples(index=False):
            spans.append((int(c.value_start), int(c.value_end), "claim", f"claim: {c.claim_type} ({c.subject})"))
    for m in matches[matches["doc_id"] == doc_id].itertuples(index=False):
        note = f"{m.category}: {m.term}" + (" (negated, not counted)" if m.negated else "") + (" (hedged)" if m.hedged else "")
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
