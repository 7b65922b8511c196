"""Where the articles agree, contradict each other, and contradict the cited evidence.

Each document's stance on a topic comes from its extracted claims (numeric topics) or from
stance patterns kept as data (`data/lexicons/stances.csv`: food timing, side effects), or from
the claim-strength levels of the language module (evidence strength). Findings are computed,
never typed in: add a document that contradicts another and the finding appears.

Kinds of finding:
- contradiction: two documents give incompatible stances (non-overlapping ranges for the same
  population or form, or different categorical advice); `other` is the other doc_id;
- exceeds_reference: a dose above the US UL for supplemental magnesium; `other` is the reference id;
- conflicts_with_evidence: a claim outside every measured value for it (absorption rates);
- unsupported: a numeric claim for which the reference table has no comparable value;
- agreement: two documents overlap, or a claim lies within its reference values.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from functools import cache
from itertools import combinations
from pathlib import Path

import pandas as pd

from . import paths, references
from .claims import main_supplements
from .datafiles import read_data_csv
from .segment import document_strings, for_lowered_text

TOPICS = ["dose", "absorption_rate", "deficiency_prevalence", "food_timing", "bedtime_timing", "onset",
          "side_effects", "enzyme_count", "evidence_strength"]
FINDING_COLUMNS = ["topic", "kind", "doc_id", "other", "detail", "quote", "other_quote", "subject", "value",
                   "other_value", "start", "end"]
STANCE_COLUMNS = ["doc_id", "topic", "subject", "low", "high", "unit", "stance", "quote", "start", "end", "supplement"]
REFERENCE_SUPPLEMENT = "magnesium"  # what data/reference/reference_values.csv is about
POPULATIONS = [  # (class, pattern): the first that matches a claim's subject names its population
    ("athletes", r"\bathlet|\bactive\b"), ("seniors", r"\bseniors?\b|\belderly\b|\bolder\b|\b(?:6[0-9]|7[0-9]|5[1-9])\+|\bover\s+(?:6|7)\d\b"),
    ("pregnancy/lactation", r"\bpregnan|\blactat|\bnursing\b|\bbreastfeed"),
    ("children", r"\bchild|\bkids?\b|\bteen|\badolescent|\binfant"),
]
DAYS = {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "months": 30}


def population_class(subject: str) -> str:
    """Dose populations lined up across documents: athletes, seniors, pregnancy/lactation, children, adults."""
    for name, pattern in POPULATIONS:
        if re.search(pattern, subject, re.IGNORECASE):
            return name
    return "adults (general)"


def _fmt(low: float, high: float, unit: str) -> str:
    """"200-400 mg/day", "85-90%", "300+" (counts carry no unit), "up to 7 days"."""
    unit = "" if unit == "count" else unit if unit == "%" else f" {unit}" if unit else ""
    if math.isnan(high):
        return f"{low:g}+{unit}"
    if math.isnan(low):
        return f"up to {high:g}{unit}"
    return f"{low:g}{unit}" if low == high else f"{low:g}-{high:g}{unit}"


def _overlap(a_low: float, a_high: float, b_low: float, b_high: float) -> bool:
    a_low, b_low = (-math.inf if math.isnan(x) else x for x in (a_low, b_low))
    a_high, b_high = (math.inf if math.isnan(x) else x for x in (a_high, b_high))
    return a_low <= b_high and b_low <= a_high


# --- stances ---------------------------------------------------------------------------------------------------

def numeric_stances(claims: pd.DataFrame) -> pd.DataFrame:
    """Numeric stances from the claims table, with comparable subjects and units.

    Doses are daily totals ("250 mg three times a day" is 750 mg/day) and are compared only with doses
    of the same supplement for the same population group."""
    rows = []
    for c in claims.itertuples(index=False):
        low, high, unit, subject, topic = c.low, c.high, c.unit, c.subject, None
        supplement = getattr(c, "supplement", "") or ""
        if c.claim_type == "dose" and unit.startswith("mg"):
            times = getattr(c, "times_per_day", 1) or 1
            topic, subject = "dose", population_class(c.subject)
            low, high, unit = low * times, high * times, "mg/day" if unit.endswith("/day") or times > 1 else "mg"
        elif c.claim_type == "absorption_rate" and unit == "%":
            topic = "absorption_rate"
        elif c.claim_type == "deficiency_prevalence" and unit == "%":
            topic = "deficiency_prevalence"
        elif c.claim_type == "enzyme_count":
            topic, subject = "enzyme_count", "enzyme systems"
        elif c.claim_type == "timing" and re.search(r"\bbed|sleep", c.quote, re.IGNORECASE) and unit in DAYS:
            topic, subject = "bedtime_timing", "before bed"
            low, high, unit = low * DAYS[unit] * 24, high * DAYS[unit] * 24, "hours"
        elif c.claim_type == "onset" and unit in DAYS:
            topic, subject = "onset", "first effects"
            low, high, unit = low * DAYS[unit], high * DAYS[unit], "days"
        if topic:
            rows.append((c.doc_id, topic, subject, low, high, unit, _fmt(low, high, unit), c.quote, c.start, c.end,
                         supplement))
    stances = pd.DataFrame(rows, columns=STANCE_COLUMNS).drop_duplicates(["doc_id", "topic", "subject", "stance"])
    # onset: a document's earliest promised effect is its stance
    onset = stances[stances["topic"] == "onset"]
    if len(onset):
        earliest = onset.loc[onset.assign(key=onset["low"].fillna(onset["high"])).groupby("doc_id")["key"].idxmin()]
        stances = pd.concat([stances[stances["topic"] != "onset"], earliest], ignore_index=True)
    return stances


def load_stance_patterns(path: Path | None = None) -> pd.DataFrame:
    path = path or paths.LEXICONS / "stances.csv"
    return read_data_csv(path, required=["topic", "stance", "pattern", "source"],
                         non_empty=["topic", "stance", "pattern"], regex_columns=["pattern"])


def categorical_stances(sentences: pd.DataFrame, strength: pd.DataFrame | None = None,
                        patterns: pd.DataFrame | None = None) -> pd.DataFrame:
    """Food timing and side-effect stances from patterns; evidence strength from claim-strength levels."""
    patterns = load_stance_patterns() if patterns is None else patterns
    supplement = main_supplements(sentences)
    compiled = [(p.topic, p.stance, re.compile(p.pattern, re.IGNORECASE)) for p in patterns.itertuples(index=False)]
    compiled = [(topic, stance, pattern, for_lowered_text(pattern)) for topic, stance, pattern in compiled]
    hits = []
    for doc_id, joined, offsets, rows_of_doc in document_strings(sentences):
        lowered = joined.lower()
        same_length = len(lowered) == len(joined)
        seen: set[tuple[int, str]] = set()
        for topic, stance, pattern, lowered_pattern in compiled:
            for m in (lowered_pattern.finditer(lowered) if same_length else pattern.finditer(joined)):
                index = bisect_right(offsets, m.start()) - 1
                if "\x00" in m.group(0) or (index, topic) in seen:
                    continue
                seen.add((index, topic))  # the first listed pattern of a topic wins within a sentence
                _, start, text = rows_of_doc[index]
                hits.append((doc_id, topic, topic.replace("_", " "), math.nan, math.nan, "", stance, text,
                             start, start + len(text), supplement.get(doc_id, "")))
    by_topic: dict[tuple[str, str], list[tuple]] = {}
    for hit in hits:
        by_topic.setdefault((hit[0], hit[1]), []).append(hit)
    rows = []
    for (doc_id, topic), group in by_topic.items():
        stances = [hit[6] for hit in group]
        if topic == "side_effects" and "some listed" in stances:
            chosen = "some listed"  # listing any side effect outweighs "no side effects"
        else:
            chosen = Counter(stances).most_common(1)[0][0]  # the most frequent; ties: the first said
        rows.append(group[stances.index(chosen)])
    if strength is not None and len(strength):
        claimed = strength[strength["strength"] != "none"].merge(
            sentences[["doc_id", "sentence_id", "text", "start", "end"]], on=["doc_id", "sentence_id"])
        definitive_levels = {"direct causal", "absolute"}
        per_doc: dict[str, list[tuple]] = {}
        for row in zip(claimed["doc_id"], claimed["strength"], claimed["text"], claimed["start"], claimed["end"]):
            per_doc.setdefault(row[0], []).append(row)
        for doc_id, group in per_doc.items():
            is_definitive = [level in definitive_levels for _, level, *_ in group]
            share = sum(is_definitive) / len(group)
            stance = "definitive" if share > 0.5 else "potential"
            _, _, text, start, end = group[is_definitive.index(stance == "definitive")]
            rows.append((doc_id, "evidence_strength", "health claims", 100 * share, 100 * share, "", stance,
                         text, start, end, supplement.get(doc_id, "")))
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


# --- findings --------------------------------------------------------------------------------------------------

def _finding(topic, kind, a, other, detail, other_quote="", other_value=""):
    return {"topic": topic, "kind": kind, "doc_id": a["doc_id"], "other": other, "detail": detail, "quote": a["quote"],
            "other_quote": other_quote, "subject": a["subject"], "value": a["stance"], "other_value": other_value,
            "start": a["start"], "end": a["end"]}


PAIRWISE_LIMIT = 60


def _describe(stance: dict) -> str:
    if stance["topic"] == "evidence_strength":
        return f"{stance['stance']} ({stance['low']:.0f}% of its health claims stated as fact)"
    return stance["stance"]


def _compare(topic: str, subject: str, a: dict, b: dict, others: int = 1) -> dict:
    if a["unit"]:
        agree = _overlap(a["low"], a["high"], b["low"], b["high"])
        verb = "overlaps" if agree else "does not overlap"
    else:
        agree = a["stance"] == b["stance"]
        verb = "matches" if agree else "contradicts"
    also = f" (and {others - 1} other documents saying the same)" if others > 1 else ""
    detail = f"{a['doc_id']} says {_describe(a)} for {subject}; {verb} {b['doc_id']}'s {_describe(b)}{also}."
    return _finding(topic, "agreement" if agree else "contradiction", a, b["doc_id"], detail, b["quote"], b["stance"])


def between_documents(stances: pd.DataFrame, pairwise_limit: int = PAIRWISE_LIMIT) -> pd.DataFrame:
    """Agreement and contradiction between documents stating the same topic and subject.

    Up to `pairwise_limit` documents per topic and subject every pair is compared. Beyond that
    (thousands of pages saying the same few things) documents with the same stance are grouped and
    each document is compared with the first document of every other group, so the table grows
    with documents x distinct stances instead of documents squared.
    """
    rows = []
    for (topic, _, subject), group in stances.groupby(["topic", "supplement", "subject"], sort=False):
        records = group.to_dict("records")
        if group["doc_id"].nunique() <= pairwise_limit:
            for a, b in combinations(records, 2):
                if a["doc_id"] != b["doc_id"]:
                    rows.append(_compare(topic, subject, a, b))
            continue
        by_stance: dict[str, list[dict]] = {}
        for record in records:
            by_stance.setdefault(record["stance"], []).append(record)
        first = {stance: members[0] for stance, members in by_stance.items()}
        for stance, members in by_stance.items():
            for a in members:
                for other_stance, b in first.items():
                    if b["doc_id"] != a["doc_id"] and (other_stance != stance or a is not members[0]):
                        rows.append(_compare(topic, subject, a, b, len(by_stance[other_stance])))
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def against_references(stances: pd.DataFrame, refs: pd.DataFrame) -> pd.DataFrame:
    """Claims against the cited references: the supplemental UL, measured absorption, NHANES, enzyme systems."""
    rows = []
    ul = refs.set_index("ref_id").loc[references.UL_SUPPLEMENTAL_ADULT]
    measured = references.measured_absorption(refs)
    prevalence = references.prevalence_references(refs)
    enzymes = refs[refs["topic"] == "enzyme_systems"]
    by_form = {form: rows_ for form, rows_ in measured.groupby(measured["form"].str.lower())}
    bounded = prevalence.dropna(subset=["low", "high"])  # ">14%" bounds nothing above
    low, high = bounded["low"].min(), bounded["high"].max()
    ids = ", ".join(prevalence["ref_id"])

    @cache
    def best_measured(form: str) -> tuple[pd.Series, bool]:
        """The highest measured absorption for a form (or for any form when it has none), and whether the form had its own."""
        same_form = by_form.get(form, measured.iloc[0:0])
        pool = same_form if len(same_form) else measured
        return pool.loc[pool["high"].fillna(pool["low"]).idxmax()], bool(len(same_form))

    for a in stances.to_dict("records"):
        topic = a["topic"]
        if topic in ("dose", "absorption_rate", "deficiency_prevalence", "enzyme_count") and \
                a["supplement"] != REFERENCE_SUPPLEMENT:
            rows.append(_finding(topic, "unsupported", a, "",
                                 f"{a['stance']} for {a['subject']}: the reference table has values for "
                                 f"{REFERENCE_SUPPLEMENT} only, not for {a['supplement'] or 'an unnamed supplement'}."))
            continue
        if topic == "dose" and a["subject"] != "children":
            top = a["high"] if not math.isnan(a["high"]) else a["low"]
            if top > ul["high"]:
                rows.append(_finding(topic, "exceeds_reference", a, ul.name,
                                     f"{a['stance']} for {a['subject']} exceeds the {ul['high']:g} mg/day UL for "
                                     f"supplemental magnesium ({ul['source'].split(',')[0]}); the UL covers supplements "
                                     "only and is elemental magnesium.", ul["quote"], f"{ul['high']:g} mg/day"))
        elif topic == "absorption_rate":
            form = a["subject"]
            best, own = best_measured(form.lower())
            best_value = best["high"] if not math.isnan(best["high"]) else best["low"]
            scope = f"measured for {form}" if own else "measured for any form in the reference table"
            if a["low"] > best_value:
                rows.append(_finding(topic, "conflicts_with_evidence", a, best["ref_id"],
                                     f"{a['stance']} absorbed for {form} is above the highest value {scope} "
                                     f"({best_value:g}%, {best['source'].split(',')[0]}).", best["quote"],
                                     f"{best_value:g}%"))
            else:
                rows.append(_finding(topic, "agreement", a, best["ref_id"],
                                     f"{a['stance']} for {form} is within the values {scope} (up to {best_value:g}%, "
                                     f"{best['source'].split(',')[0]}).", best["quote"], f"{best_value:g}%"))
        elif topic == "deficiency_prevalence":
            general = re.search(r"\bus\b|u\.s\.|americans?|population|people", a["subject"], re.IGNORECASE)
            if not general:
                rows.append(_finding(topic, "unsupported", a, ids,
                                     f"{a['stance']} for {a['subject']}: no figure for this group in the reference table; "
                                     f"NHANES shares for the whole population are {low:g}-{high:g}% (intake below the "
                                     "EAR or RDA, not clinical deficiency).", "", f"{low:g}-{high:g}%"))
            elif _overlap(a["low"], a["high"], low, high):
                rows.append(_finding(topic, "agreement", a, ids,
                                     f"{a['stance']} for {a['subject']} is within NHANES shares ({low:g}-{high:g}%), "
                                     "but those measure intake below the EAR, not deficiency.", "", f"{low:g}-{high:g}%"))
            else:
                rows.append(_finding(topic, "conflicts_with_evidence", a, ids,
                                     f"{a['stance']} for {a['subject']} is outside NHANES shares ({low:g}-{high:g}%).",
                                     "", f"{low:g}-{high:g}%"))
        elif topic == "enzyme_count" and len(enzymes):
            ref = enzymes.iloc[0]
            kind = "agreement" if _overlap(a["low"], a["high"], ref["low"], ref["high"]) else "conflicts_with_evidence"
            rows.append(_finding(topic, kind, a, ref["ref_id"],
                                 f"{a['stance']} enzyme systems; {ref['source'].split(',')[0]} says more than {ref['low']:g}.",
                                 ref["quote"], f"{ref['low']:g}+"))
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def all_stances(claims: pd.DataFrame, sentences: pd.DataFrame, strength: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every document's stance on every topic it addresses: numeric from claims, categorical from patterns.

    Rows come document by document (in the order of `sentences`), topics in TOPICS order, so stances
    computed batch by batch and concatenated equal the stances of the whole corpus at once."""
    stances = pd.concat([numeric_stances(claims), categorical_stances(sentences, strength)], ignore_index=True)
    doc_order = {doc_id: i for i, doc_id in enumerate(dict.fromkeys(sentences["doc_id"]))}
    keys = pd.DataFrame({"doc": stances["doc_id"].map(doc_order), "topic": stances["topic"].map(TOPICS.index)})
    return stances.loc[keys.sort_values(["doc", "topic"], kind="stable").index].reset_index(drop=True)


def find_inconsistencies(claims: pd.DataFrame, sentences: pd.DataFrame, refs: pd.DataFrame,
                         strength: pd.DataFrame | None = None, stances: pd.DataFrame | None = None) -> pd.DataFrame:
    """All findings: between documents and against the references, contradictions first."""
    stances = all_stances(claims, sentences, strength) if stances is None else stances
    return compare_stances(stances, refs)


def compare_stances(stances: pd.DataFrame, refs: pd.DataFrame) -> pd.DataFrame:
    """Findings from the stances alone (what the corpus-wide step needs: no text, no claims table)."""
    findings = pd.concat([between_documents(stances), against_references(stances, refs)], ignore_index=True)
    order = {"contradiction": 0, "exceeds_reference": 1, "conflicts_with_evidence": 2, "unsupported": 3, "agreement": 4}
    return findings.sort_values(["kind", "topic", "doc_id"], key=lambda c: c.map(order) if c.name == "kind" else c,
                                ignore_index=True)


# --- summaries for the charts ------------------------------------------------------------------------------------

def claim_matrix(documents: pd.DataFrame, stances: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Tidy documents x topics: status (contradicts / outside reference / agrees / not stated) and stated value."""
    rows = []
    for doc_id in documents["doc_id"]:
        for topic in TOPICS:
            mine = stances[(stances["doc_id"] == doc_id) & (stances["topic"] == topic)]
            f = findings[((findings["doc_id"] == doc_id) | (findings["other"] == doc_id)) & (findings["topic"] == topic)]
            if mine.empty:
                status = "not stated"
            elif (f["kind"] == "contradiction").any():
                status = "contradicts"
            elif f[f["doc_id"] == doc_id]["kind"].isin(["exceeds_reference", "conflicts_with_evidence"]).any():
                status = "outside reference"
            else:
                status = "agrees"
            value = "; ".join(dict.fromkeys(mine["stance"])) if len(mine) else ""
            rows.append({"doc_id": doc_id, "topic": topic, "status": status, "value": value})
    return pd.DataFrame(rows)


def pairwise_agreement(findings: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Share of shared topics on which two documents agree (no contradiction on that topic), tidy."""
    pairs = findings[findings["kind"].isin(["agreement", "contradiction"]) & findings["other"].isin(documents["doc_id"])]
    rows = []
    for a in documents["doc_id"]:
        for b in documents["doc_id"]:
            if a == b:
                rows.append({"doc_id": a, "other": b, "agreement": 1.0, "shared_topics": math.nan})
                continue
            mine = pairs[((pairs["doc_id"] == a) & (pairs["other"] == b)) | ((pairs["doc_id"] == b) & (pairs["other"] == a))]
            by_topic = mine.groupby("topic")["kind"].agg(lambda k: (k == "contradiction").any())
            share = 1 - by_topic.mean() if len(by_topic) else math.nan
            rows.append({"doc_id": a, "other": b, "agreement": share, "shared_topics": len(by_topic)})
    return pd.DataFrame(rows)
