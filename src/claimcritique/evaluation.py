"""Score extracted claims against hand-annotated gold claims, per claim type.

The match rule is the project's shared scorer's (`score_claims.py`, copied here so the package
never reads outside its tree): a gold claim is found when an extracted claim of the same document
and type has the same low and high (rounded to 4 places; an empty bound takes the other's value)
in a compatible unit ("/day" dropped; g, mg and mcg compared in mg; time units as written).
Matching is a multiset: each extracted claim matches at most one gold claim. Among extracted
claims with the same key, the one whose quote is nearest the gold quote is paired with it, so that
the columns compared next (subject, supplement, elemental, times_per_day) belong to the same
sentence when the page repeats a number.

Subjects are free text, so they agree when the content words of one are all among the other's
("adults" and "adults (starting dose)"; "sleep" and "sleep support"), after lower-casing and
dropping punctuation and footnote markers ("adults[1]"). Only phrasings that say the same thing
are equated: each word is read in the singular ("studies" / "study", "women" / "woman"); a hyphen
or "+" separates words as a space does ("mood-elevating" / "mood elevating", "epa+dha" / "epa +
dha"); "percentage", "percent" and "proportion" are read as "share" (the same part of a whole);
"vitamin d3" and "vitamin k2" also name "vitamin d" and "vitamin k" (a D3 is a vitamin D; "d2" and
"d3" stay apart, and "vitamin b" never names B12). Supplements agree when equal (lower case); elemental when
equal ("yes", "no", or both unstated); times_per_day when equal, an empty gold cell counting as 1.

How high subject agreement can go is measured, not assumed: a second annotator who never saw the
first one's subjects gave their own to the same claims (`*_subjects_b.csv`), and `--second FILE`
adds two columns: how often the two annotators agree (`annotator_subject_agreement`, the ceiling
of the metric) and how often the extractor agrees with at least one of them (`subject_agreement_either`).
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import paths
from .claims import CLAIM_TYPES
from .datafiles import read_data_csv

GOLD_COLUMNS = ["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end"]
CORE_TYPES = ["absorption_rate", "deficiency_prevalence", "dose"]
SCORE_COLUMNS = ["claim_type", "gold", "extracted", "matched", "precision", "recall", "value_agreement",
                 "subject_agreement", "supplement_agreement", "elemental_agreement", "times_per_day_agreement"]

# score_claims.py's unit scale: unit -> (comparable unit, factor)
_SCALE = {"mg": ("mg", 1), "milligram": ("mg", 1), "milligrams": ("mg", 1), "g": ("mg", 1000), "gram": ("mg", 1000),
          "grams": ("mg", 1000), "mcg": ("mg", 0.001), "µg": ("mg", 0.001), "ug": ("mg", 0.001),
          "microgram": ("mg", 0.001), "micrograms": ("mg", 0.001), "%": ("%", 1), "percent": ("%", 1),
          "iu": ("iu", 1), "h": ("h", 1), "hr": ("h", 1), "hour": ("h", 1), "hours": ("h", 1),
          "min": ("min", 1), "minute": ("min", 1), "minutes": ("min", 1), "d": ("d", 1), "day": ("d", 1),
          "days": ("d", 1), "w": ("w", 1), "week": ("w", 1), "weeks": ("w", 1), "count": ("n", 1), "": ("n", 1)}
_DAILY_SUFFIXES = ("/day", " per day", "/d", " daily")


def load_gold(*files: Path) -> pd.DataFrame:
    """Gold claims from one or more annotation files (default: the seeds' `claims_gold.csv`), validated;
    `low`/`high` as floats (NaN when open), `start`/`end` as ints, `gold_file` naming the file."""
    files = files or (paths.ANNOTATIONS / "claims_gold.csv",)
    tables = []
    for file in files:
        table = read_data_csv(file, required=GOLD_COLUMNS, non_empty=["doc_id", "claim_type", "quote", "start", "end"])
        for index, kind in table["claim_type"].items():
            if kind not in CLAIM_TYPES:
                raise ValueError(f"{file}, row {index + 2}: unknown claim_type {kind!r}")
        for column in ("low", "high"):
            table[column] = pd.to_numeric(table[column].str.replace(",", "").replace("", math.nan))
        for column in ("start", "end", "value_start", "value_end"):
            if column in table:
                table[column] = pd.to_numeric(table[column].replace("", math.nan)).astype("Int64")
        for column in ("supplement", "elemental", "times_per_day", "note"):
            if column not in table:  # not annotated in this file: not scored
                table[column] = None
        table["gold_file"] = Path(file).name
        tables.append(table)
    return pd.concat(tables, ignore_index=True)


def _number(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().replace(",", "")
    if not text or text.lower() == "nan":
        return None
    return float(text)


def claim_key(doc_id: str, claim_type: str, low, high, unit: str) -> tuple:
    """The shared scorer's key: (doc, type, low, high, comparable unit)."""
    unit = (unit or "").strip().lower()
    for suffix in _DAILY_SUFFIXES:
        if unit.endswith(suffix):
            unit = unit[: -len(suffix)]
    unit, factor = _SCALE.get(unit, (unit, 1))
    lo, hi = _number(low), _number(high)
    if hi is None:
        hi = lo
    if lo is None:
        lo = hi
    lo, hi = (round(v * factor, 4) if v is not None else None for v in (lo, hi))
    return (str(doc_id).strip(), str(claim_type).strip(), lo, hi, unit)


def match(extracted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """One row per gold claim: its index and the index of the extracted claim it matched (or NA)."""
    pool: dict[tuple, list[int]] = defaultdict(list)
    for row in extracted.itertuples():
        pool[claim_key(row.doc_id, row.claim_type, row.low, row.high, row.unit)].append(row.Index)
    pairs = []
    for row in gold.itertuples():
        candidates = pool.get(claim_key(row.doc_id, row.claim_type, row.low, row.high, row.unit), [])
        chosen = None
        if candidates:
            chosen = min(candidates, key=lambda i: abs(int(extracted.at[i, "start"]) - int(row.start)))
            candidates.remove(chosen)
        pairs.append({"gold_index": row.Index, "extracted_index": chosen})
    return pd.DataFrame(pairs, columns=["gold_index", "extracted_index"]).astype("Int64")


_STOP = frozenset("a an the of for and or in on at to with by per as is are from vs".split())
_IRREGULAR = {"children": "child", "women": "woman", "men": "man", "people": "person", "feet": "foot", "teeth": "tooth"}
_CITATION = re.compile(r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]")  # "adults[1]": a footnote marker, not a word
_SHARE = {"percentage": "share", "percent": "share", "proportion": "share"}  # one word for a part of a whole
_VITAMIN_FORM = re.compile(r"^([dk])[0-9]$")  # vitamin D3 is a vitamin D, K2 a vitamin K


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.rstrip("s") in _SHARE:
        return _SHARE[word.rstrip("s")]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"  # "studies" / "study"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(subject: str) -> set[str]:
    """Content words, singular; a hyphen or "+" joins words like a space ("mood-elevating", "epa+dha"), and "d3"
    (after "vitamin") also counts as "d"."""
    tokens = re.findall(r"[a-z0-9]+", _CITATION.sub(" ", str(subject or "").lower()))
    words = {_singular(w) for w in tokens if w not in _STOP}
    for before, word in zip(tokens, tokens[1:]):
        form = _VITAMIN_FORM.match(word)
        if before == "vitamin" and form:
            words.add(form.group(1))
    return words


def subjects_agree(gold_subject: str, extracted_subject: str) -> bool:
    """The content words of one subject are all among the other's (both empty also agree)."""
    gold_words, found_words = _words(gold_subject), _words(extracted_subject)
    if not gold_words or not found_words:
        return gold_words == found_words
    return gold_words <= found_words or found_words <= gold_words


def _same_bound(a: float, b: float) -> bool:
    a_nan, b_nan = a is None or math.isnan(a), b is None or math.isnan(b)
    return (a_nan and b_nan) or (not a_nan and not b_nan and math.isclose(a, b, rel_tol=1e-3))


def _times(value) -> float | str:
    """A times_per_day cell as a number (empty = 1), or as written when it is not one ("1-3")."""
    try:
        return _number(value) or 1.0
    except ValueError:
        return " ".join(str(value).split())


def _same_times(gold_value, found_value) -> bool:
    return _times(gold_value) == _times(found_value)


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else math.nan


SECOND_COLUMNS = ["annotator_subject_agreement", "subject_agreement_either"]


def second_subjects(gold: pd.DataFrame, second: pd.DataFrame) -> pd.Series:
    """The second annotator's subject for each gold claim (same document, type, bounds and offsets), aligned
    on the gold's index; NA where the second file has no such claim."""
    key = ["doc_id", "claim_type", "start", "end", "low", "high"]
    second = second.drop_duplicates(key).rename(columns={"subject": "second_subject"})
    joined = gold[key].reset_index().merge(second[[*key, "second_subject"]], on=key, how="left").set_index("index")
    return joined["second_subject"].reindex(gold.index)


def evaluate(extracted: pd.DataFrame, gold: pd.DataFrame, types: Sequence[str] | None = None,
             second: pd.Series | None = None) -> pd.DataFrame:
    """Per claim type (and `all`): gold and extracted counts, precision, recall, and among matched claims
    the share with the same bounds and unit as written (`value_agreement`), subject, supplement, elemental
    and times_per_day. Only extracted claims of documents in the gold count. With `second` (a second
    annotator's subjects, from `second_subjects`), also the annotators' agreement on the matched claims
    that both annotated, and the extractor's with either of them."""
    types = list(types or CLAIM_TYPES)
    extracted = extracted[extracted["doc_id"].isin(set(gold["doc_id"]))]
    pairs = match(extracted, gold).dropna()
    rows = []
    for kind in [*types, "all"]:
        in_kind = (lambda t: t.isin(types)) if kind == "all" else (lambda t, k=kind: t == k)
        g = gold[in_kind(gold["claim_type"])]
        e = extracted[in_kind(extracted["claim_type"])]
        m = pairs[pairs["gold_index"].isin(g.index)]
        checks: dict[str, list[bool]] = defaultdict(list)
        for gi, ei in zip(m["gold_index"], m["extracted_index"]):
            a, b = gold.loc[gi], extracted.loc[ei]
            checks["value"].append(_same_bound(a["low"], b["low"]) and _same_bound(a["high"], b["high"])
                                   and str(a["unit"]) == str(b["unit"]))
            checks["subject"].append(subjects_agree(a["subject"], b["subject"]))
            if second is not None and isinstance(second.get(gi), str):
                checks["annotators"].append(subjects_agree(a["subject"], second[gi]))
                checks["either"].append(checks["subject"][-1] or subjects_agree(second[gi], b["subject"]))
            if a["supplement"] is not None:
                checks["supplement"].append(str(a["supplement"]).strip().lower() == str(b.get("supplement", "")).lower())
            if a["elemental"] is not None:
                checks["elemental"].append(str(a["elemental"]).strip().lower() == str(b.get("elemental", "")).lower())
            if a["times_per_day"] is not None:
                checks["times"].append(_same_times(a["times_per_day"], b.get("times_per_day", 1)))
        rows.append({"claim_type": kind, "gold": len(g), "extracted": len(e), "matched": len(m),
                     "precision": len(m) / len(e) if len(e) else math.nan,
                     "recall": len(m) / len(g) if len(g) else math.nan,
                     "value_agreement": _share(checks["value"]), "subject_agreement": _share(checks["subject"]),
                     "supplement_agreement": _share(checks["supplement"]),
                     "elemental_agreement": _share(checks["elemental"]),
                     "times_per_day_agreement": _share(checks["times"]),
                     "annotator_subject_agreement": _share(checks["annotators"]),
                     "subject_agreement_either": _share(checks["either"])})
    return pd.DataFrame(rows, columns=SCORE_COLUMNS + (SECOND_COLUMNS if second is not None else []))


def misses(extracted: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(gold claims not found, extracted claims that match no gold claim), for reading the errors."""
    extracted = extracted[extracted["doc_id"].isin(set(gold["doc_id"]))]
    pairs = match(extracted, gold)
    missed = gold.loc[pairs.loc[pairs["extracted_index"].isna(), "gold_index"].astype(int)]
    extra = extracted.drop(index=pairs["extracted_index"].dropna().astype(int))
    return missed, extra


def main(argv: Sequence[str] | None = None) -> int:
    """`claimcritique evaluate --gold FILE... PATH...`: the per-type table as CSV (missed and extra claims on
    stderr with `--misses`)."""
    parser = argparse.ArgumentParser(prog="claimcritique evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=f"files or folders of articles (default: {paths.RAW})")
    parser.add_argument("--gold", nargs="+", type=Path, metavar="CSV",
                        help="gold annotation files (default: data/annotations/claims_gold.csv)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the CSV here instead of stdout")
    parser.add_argument("--misses", action="store_true", help="list missed and extra claims on stderr")
    parser.add_argument("--second", nargs="+", type=Path, metavar="CSV",
                        help="a second annotator's subjects for the same claims (e.g. *_subjects_b.csv): adds the "
                             "annotators' own subject agreement and the extractor's with either")
    args = parser.parse_args(argv)
    gold_files = [f for f in args.gold or [] if f.suffix.lower() == ".csv" and not f.is_dir()]
    corpus_paths = [*args.paths, *(f for f in args.gold or [] if f not in gold_files)] or [paths.RAW]
    gold_files = gold_files or [paths.ANNOTATIONS / "claims_gold.csv"]

    from .claims import extract_claims
    from .corpus import load_corpus

    corpus = load_corpus(corpus_paths)
    found, gold = extract_claims(corpus.sentences, corpus.blocks), load_gold(*gold_files)
    second = second_subjects(gold, load_gold(*args.second)) if args.second else None
    text = evaluate(found, gold, second=second).round(3).to_csv(index=False)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.misses:
        missed, extra = misses(found, gold)
        for label, rows in (("missed", missed), ("extra", extra)):
            for row in rows.itertuples():
                print(f"{label}: {row.doc_id} {row.claim_type} {row.low:g}-{row.high:g} {row.unit} | {row.quote[:100]!r}",
                      file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
