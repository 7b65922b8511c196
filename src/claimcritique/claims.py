"""Extract every quantitative claim, typed, with its value or range, unit and exact quote.

Why hand-written: quantulum3 (the best-kept general quantity parser) returns ranges as a
mean ± uncertainty, knows no IU, types nothing and reads "Adults 19-30" as a quantity. What we
need is narrower and stricter: a small grammar of number expressions (digits, number words,
ranges with "-", "–", "to", "between ... and ..."), the units supplement pages use, and rules
that type each number from its sentence, its table header or its section heading. The cue
words and subject vocabularies are data (`data/lexicons/claim_cues.csv`, `claim_subjects.csv`).

Units are normalised: grams become mg (x1000), micrograms "mcg", international units "IU",
percent "%", times "minutes"/"hours"/"days"/"weeks"/"months"; a dose unit gets "/day" when
the sentence or the table header says daily. The quote keeps the original wording.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .datafiles import read_data_csv
from .segment import for_lowered_text

CLAIM_COLUMNS = ["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end",
                 "sentence_id", "block_kind", "value_text", "value_start", "value_end", "qualifier", "elemental",
                 "times_per_day", "supplement"]
CLAIM_TYPES = ["absorption_rate", "deficiency_prevalence", "dose", "timing", "onset", "enzyme_count", "other"]

# --- the grammar of number expressions ------------------------------------------------------------

_UNITS_IN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TENS_IN_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                  "ninety": 90}
_WORD_VALUES = {
    **_UNITS_IN_WORDS, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, **_TENS_IN_WORDS,
    **{f"{t}{sep}{u}": tv + uv for t, tv in _TENS_IN_WORDS.items() for u, uv in _UNITS_IN_WORDS.items()
       for sep in ("-", " ")},
    "a hundred": 100, "one hundred": 100,
}
_WORD_NUM = "|".join(sorted((re.escape(w) for w in _WORD_VALUES), key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WORD_NUM})\b)"
_UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "mg": "mg", "milligram": "mg", "milligrams": "mg",
    "mcg": "mcg", "µg": "mcg", "μg": "mcg", "microgram": "mcg", "micrograms": "mcg", "g": "g", "gram": "g",
    "grams": "g", "iu": "IU", "international unit": "IU", "international units": "IU",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours",
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months", "months": "months",
    "year": "years", "years": "years", "ng/ml": "ng/mL", "nmol/l": "nmol/L", "mmol/l": "mmol/L", "mg/dl": "mg/dL",
}
_UNIT = r"(?:ng/ml\b|nmol/l\b|mmol/l\b|mg/dl\b|%|per\s?cent\b|percent\b|international\s+units?\b|micrograms?\b|milligrams?\b|grams?\b|mg\b|mcg\b|µg\b|μg\b|g\b|iu\b|hours?\b|hrs?\b|minutes?\b|mins?\b|min\b|days?\b|weeks?\b|months?\b|years?\b)"
_PREFIX = (r"(?P<prefix>(?:more\s+than|greater\s+than|over|above|exceeding|exceed|in\s+excess\s+of|at\s+least|"
           r"upwards\s+of|up\s+to|as\s+much\s+as|no\s+more\s+than|less\s+than|fewer\s+than|under|below|"
           r"nearly|almost|approximately|approx\.|about|around|roughly|some|within)\s+|[~≈<>≤≥]\s*)?")
_LEAD_UNIT = r"(?P<lead>\b(?:weeks?|days?|months?)\s+)?"
_RANGE = r"\s*(?:-|–|—|to|or)\s*"
NUMBER_EXPRESSION = re.compile(
    rf"{_PREFIX}{_LEAD_UNIT}(?<![\w.,/$^-])(?P<low>{_NUM})(?:\s*(?P<unit1>{_UNIT}))?"
    rf"(?:{_RANGE}(?P<high>{_NUM})(?:\s*(?P<unit2>{_UNIT}))?)?(?P<plus>\+)?",
    re.IGNORECASE,
)
BETWEEN_EXPRESSION = re.compile(
    rf"\bbetween\s+(?P<low>{_NUM})(?:\s*(?P<unit1>{_UNIT}))?\s+and\s+(?P<high>{_NUM})(?:\s*(?P<unit2>{_UNIT}))?",
    re.IGNORECASE,
)
# quantities said in words, with the value a careful reader would write down
_FRACTIONS = {"half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3, "a quarter": 25.0,
              "one quarter": 25.0, "one-quarter": 25.0, "two thirds": 200 / 3, "two-thirds": 200 / 3,
              "three quarters": 75.0, "three-quarters": 75.0}
FRACTION_EXPRESSION = re.compile(
    r"(?P<prefix>\b(?:nearly|almost|about|roughly|approximately|around|over|more\s+than|less\s+than|at\s+least)\s+)?"
    r"\b(?P<word>" + "|".join(re.escape(f) for f in sorted(_FRACTIONS, key=len, reverse=True)) + r")\s+(?:of|the)\b",
    re.IGNORECASE,
)
ONE_IN_EXPRESSION = re.compile(rf"\b(?P<prefix>nearly\s+|almost\s+|about\s+)?(?:one|1)\s+in\s+(?P<n>{_NUM})\b",
                               re.IGNORECASE)
_MANY = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000, "billions": 2_000_000_000}
MANY_EXPRESSION = re.compile(r"\b(?P<word>dozens|hundreds|thousands|millions|billions)\s+of\b", re.IGNORECASE)
_WITHIN = {"minutes": (60, "minutes"), "hours": (24, "hours"), "days": (7, "days"), "weeks": (8, "weeks"),
           "a day": (1, "days"), "a week": (1, "weeks"), "a month": (1, "months"), "an hour": (1, "hours")}
WITHIN_EXPRESSION = re.compile(r"\bwithin\s+(?:a\s+few\s+)?(?P<word>minutes|hours|days|weeks|a\s+day|a\s+week|a\s+month|an\s+hour)\b",
                               re.IGNORECASE)
AN_HOUR_EXPRESSION = re.compile(r"(?P<prefix>\b(?:at\s+least|about|up\s+to|within)\s+)?\b(?P<word>half\s+an|an)\s+hour\b",
                                re.IGNORECASE)

_MINUTES = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080, "months": 43200}
_LOW_ONLY = ("more than", "greater than", "over", "above", "exceeding", "exceed", "in excess of", "at least",
             "upwards of", ">", "≥")
_HIGH_ONLY = ("up to", "as much as", "no more than", "less than", "fewer than", "under", "below", "within", "<", "≤")
_NEGATED_BOUND = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)

# --- what is not a claim -----------------------------------------------------------------------------

_AGE_BEFORE = re.compile(
    r"(?:\b(?:adults?|ages?|aged|seniors?|children|kids|teens?|teenagers|adolescents|infants|men|women|males?|"
    r"females?|boys|girls|people|persons|individuals|those|anyone|groups?|elderly|pregnancy|lactation)"
    r"(?:\s*/\s*\w+)?[\s,:]*\(?\s*)$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"^\s*(?:years?|yrs?|y)\s*(?:old|of\s+age|and\s+(?:older|over|up))|^\s*(?:and\s+(?:older|over|up))",
                        re.IGNORECASE)
_ORDINAL_OR_LABEL_BEFORE = re.compile(
    r"(?:\b(?:step|phase|stage|part|chapter|tip|top|no\.|number|level|type|grade|class|table|figure|fig\.|"
    r"section|vitamin|omega|version|page|item|rank(?:ed)?|day\s+to|cfr|§)\s*#?|#|§)\s*$",
    re.IGNORECASE,
)
_AFTER_BLOCKERS = re.compile(r"^(?:[A-Za-z]|-[A-Za-z]|-\d|/\d|:\d|\s*(?:a\.?m\.?|p\.?m\.?|CFR|U\.?S\.?C)\b)",
                             re.IGNORECASE)  # "D3", "5-HTP", dates and phone numbers, "24/7", "9:30", "9 pm", "21 CFR"
_DATE_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"^\s*(?:higher|more|better|greater|lower|less|fewer|faster|slower|increase|decrease|"
                             r"reduction|improvement|drop|rise|boost|off\b|discount|natural|pure|organic|guaranteed|"
                             r"satisfaction|money|vegan|plant|recyclable|free\b)", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:by|save|saving|off)\s*$", re.IGNORECASE)
_ELEMENTAL = re.compile(r"elemental", re.IGNORECASE)
_COMPOSITION_BEFORE = re.compile(r"elemental\s+(?:magnesium\s+)?(?:content|fraction)\s+(?:of\s+|is\s+)?(?:about\s+|approximately\s+)?$",
                                 re.IGNORECASE)
_COMPOSITION_AFTER = re.compile(r"^\s*(?:elemental|(?:magnesium|mg)\s+by\s+(?:weight|mass))", re.IGNORECASE)


@dataclass
class _Number:
    start: int  # offsets within the sentence
    end: int
    low: float
    high: float
    unit: str  # normalised surface unit: %, mg, mcg, g, IU, hours, ..., or "" (bare number)
    qualifier: str
    lead_unit: bool = False  # "Week 2-3", "days 1-3"
    bare_words: bool = False  # written in words with no unit ("two of the most common")


def _value(token: str) -> float:
    token = token.lower().strip()
    if token in _WORD_VALUES:
        return float(_WORD_VALUES[token])
    return float(token.replace(",", ""))


def _unit(surface: str | None) -> str:
    if not surface:
        return ""
    key = " ".join(surface.lower().split())
    return _UNITS.get(key) or _UNITS.get(key.rstrip("s"), "")


def _bounds(low: float, high: float, prefix: str, plus: bool) -> tuple[float, float]:
    prefix = prefix.strip().lower()
    if plus or prefix in _LOW_ONLY:
        return low, math.nan
    if prefix in _HIGH_ONLY:
        return math.nan, high
    return low, high


_EXPRESSIONS = {"between": BETWEEN_EXPRESSION, "number": NUMBER_EXPRESSION, "fraction": FRACTION_EXPRESSION,
                "one_in": ONE_IN_EXPRESSION, "many": MANY_EXPRESSION, "within": WITHIN_EXPRESSION,
                "an_hour": AN_HOUR_EXPRESSION}
_LOWERED_EXPRESSIONS = {name: for_lowered_text(pattern) for name, pattern in _EXPRESSIONS.items()}


def find_numbers(sentence: str) -> list[_Number]:
    """Every number expression of a sentence, before deciding which ones are claims.

    The grammar reads the lower-cased sentence when lower-casing keeps every offset (it almost
    always does): the values it reads are lower-cased anyway, and it runs several times faster."""
    found: list[_Number] = []
    lowered = sentence.lower()
    text, expressions = (lowered, _LOWERED_EXPRESSIONS) if len(lowered) == len(sentence) else (sentence, _EXPRESSIONS)
    for m in expressions["between"].finditer(text):
        unit = _unit(m.group("unit2") or m.group("unit1"))
        found.append(_Number(m.start(), m.end(), _value(m.group("low")), _value(m.group("high")), unit, "between"))
    for m in expressions["number"].finditer(text):
        if any(n.start <= m.start("low") < n.end for n in found):
            continue
        low = _value(m.group("low"))
        high = _value(m.group("high")) if m.group("high") else low
        unit_surface = m.group("unit2") or m.group("unit1")
        lead = m.group("lead")
        if lead and not unit_surface:
            unit_surface = lead.strip()
        end = m.end()
        if m.group("high") and m.group("unit1") and m.group("unit2") and _unit(m.group("unit1")) != _unit(m.group("unit2")):
            first, second = _unit(m.group("unit1")), _unit(m.group("unit2"))
            if first in _MINUTES and second in _MINUTES:  # "30 minutes to 2 hours": one range, in the smaller unit
                small = min(first, second, key=_MINUTES.get)
                low, high = low * _MINUTES[first] / _MINUTES[small], high * _MINUTES[second] / _MINUTES[small]
                unit_surface = small
            else:  # "600 IU (15 mcg)" or "2 g or 500 mg" is not a range: keep the first number only
                high, unit_surface, end = low, m.group("unit1"), m.end("unit1")
        if low > high:  # "2-1 mg": keep the range, in order
            low, high = high, low
        prefix = m.group("prefix") or ""
        if m.group("high") and end == m.end():  # "over 1-2 weeks" is a range, not a lower bound
            prefix_for_bounds = ""
        else:
            prefix_for_bounds = prefix
        if prefix_for_bounds and _NEGATED_BOUND.search(sentence[: m.start()]):
            # "do not take more than 4,000 IU", "don't exceed 10 mg": an upper limit, not a lower one
            prefix_for_bounds = "up to" if prefix_for_bounds.strip().lower() in _LOW_ONLY else prefix_for_bounds
        low, high = _bounds(low, high, prefix_for_bounds, bool(m.group("plus")))
        start = m.start() if prefix or lead else m.start("low")
        words_only = not re.search(r"\d", m.group("low"))
        found.append(_Number(start, end, low, high, _unit(unit_surface), prefix.strip().lower(),
                             lead_unit=bool(lead), bare_words=words_only and not unit_surface))
    for m in expressions["fraction"].finditer(text):
        value = _FRACTIONS[re.sub(r"\s+", " ", m.group("word").lower())]
        prefix = (m.group("prefix") or "").strip().lower()
        low, high = _bounds(value, value, prefix, False)
        found.append(_Number(m.start(), m.end("word"), low, high, "%", prefix))
    for m in expressions["one_in"].finditer(text):
        value = 100 / _value(m.group("n"))
        found.append(_Number(m.start(), m.end(), value, value, "%", (m.group("prefix") or "").strip().lower()))
    for m in expressions["many"].finditer(text):
        found.append(_Number(m.start(), m.end(), float(_MANY[m.group("word").lower()]), math.nan, "count",
                             m.group("word").lower()))
    for m in expressions["within"].finditer(text):
        value, unit = _WITHIN[re.sub(r"\s+", " ", m.group("word").lower())]
        found.append(_Number(m.start(), m.end(), math.nan, float(value), unit, "within"))
    for m in expressions["an_hour"].finditer(text):
        value = 0.5 if m.group("word").lower().startswith("half") else 1.0
        prefix = (m.group("prefix") or "").strip().lower()
        low, high = _bounds(value, value, prefix, False)
        found.append(_Number(m.start(), m.end(), low, high, "hours", prefix))
    # overlapping readings: keep the longest
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    kept: list[_Number] = []
    for number in found:
        if kept and number.start < kept[-1].end:
            continue
        kept.append(number)
    return kept


def _is_not_a_claim(number: _Number, sentence: str) -> bool:
    """Ages, years, list numbers, citation markers, reading times, vitamin names, composition."""
    before, after = sentence[: number.start], sentence[number.end:]
    if number.bare_words:
        return True
    if number.unit == "minutes" and re.match(r"^\s*read\b", after, re.IGNORECASE):
        return True  # "12 min read"
    if _AFTER_BLOCKERS.match(after):
        return True
    if not number.unit and not sentence.replace(sentence[number.start:number.end], "", 1).strip(" .):#"):
        return True  # a list number on a line of its own ("1.")
    if number.unit in ("", "years"):
        values = [v for v in (number.low, number.high) if not math.isnan(v)]
        if number.unit == "" and values and all(1800 <= v <= 2100 and float(v).is_integer() for v in values):
            return True  # a year
        if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after):
            return True
        if _ORDINAL_OR_LABEL_BEFORE.search(before):
            return True
        if re.search(r"[\[(]\s*(?:\d+\s*[,–-]\s*)*$", before) and re.match(r"^\s*(?:[,–-]\s*\d+\s*)*[\])]", after):
            return True  # citation marker [12], (3) or [1, 2]
        if _DATE_BEFORE.search(before):
            return True  # "March 3, 2024"
    if number.unit == "%" and (_COMPOSITION_AFTER.match(after) or _COMPOSITION_BEFORE.search(before)):
        return True  # "14% elemental magnesium" describes a compound, not a claim about the body
    return False


# --- data: cue words and subjects --------------------------------------------------------------------

@lru_cache(maxsize=8)
def load_cues(path: Path | None = None) -> dict[str, re.Pattern]:
    """claim_type (or role) -> one compiled pattern of all its cue words."""
    path = path or paths.LEXICONS / "claim_cues.csv"
    table = read_data_csv(path, required=["claim_type", "pattern", "source"], non_empty=["claim_type", "pattern"],
                          regex_columns=["pattern"])
    grouped = table.groupby("claim_type", sort=False)["pattern"].agg(lambda p: "|".join(f"(?:{x})" for x in p))
    return {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in grouped.items()}


@lru_cache(maxsize=8)
def load_subjects(path: Path | None = None) -> dict[str, re.Pattern]:
    """category (form / population / purpose) -> pattern matching its terms, longest first."""
    path = path or paths.LEXICONS / "claim_subjects.csv"
    table = read_data_csv(path, required=["category", "term", "source"], non_empty=["category", "term"],
                          regex_columns=["term"])
    patterns = {}
    for category, terms in table.groupby("category", sort=False)["term"]:
        alternatives = sorted((t for row in terms for t in row.split("|")), key=len, reverse=True)
        patterns[category] = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    return patterns


# --- typing and subjects --------------------------------------------------------------------------------

def _nearest(pattern: re.Pattern, text: str, position: int) -> int | None:
    distances = [min(abs(m.start() - position), abs(m.end() - position)) for m in pattern.finditer(text)]
    return min(distances) if distances else None


def _claim_type(number: _Number, sentence: str, header: str, section: str, cues: dict[str, re.Pattern],
                block_kind: str = "paragraph") -> str:
    unit = number.unit
    if unit == "%" and (_RELATIVE_AFTER.match(sentence[number.end:]) or _RELATIVE_BEFORE.search(sentence[: number.start])):
        return "other"  # "87% higher levels", "rises by up to 32%", "100% natural": not a share of people or of a dose
    if unit == "%":
        # a table row or a stat block is typed by its header or heading; a sentence speaks for itself
        contexts = [(sentence, number.start)]
        if block_kind in ("table_row", "stat"):
            contexts += [(header, 0), (section, 0)]
        for context, position in contexts:
            scored = []
            for kind in ("absorption_rate", "deficiency_prevalence"):
                distance = _nearest(cues[kind], context, position)
                if distance is not None:
                    scored.append((distance, kind))
            if scored:
                return min(scored)[1]
        return "other"
    if unit in ("mg", "g", "mcg", "IU"):
        window = sentence[max(0, number.start - 60): number.end + 60]
        return "other" if cues["not_dose"].search(window) else "dose"
    if unit in ("minutes", "hours", "days", "weeks", "months"):
        after = sentence[number.end: number.end + 40]
        if cues["timing_event"].match(after.strip()) and cues["timing"].search(sentence):
            return "timing"
        if number.lead_unit or number.qualifier == "within" or cues["onset"].search(sentence):
            return "onset"
        return "other"
    if unit in ("ng/mL", "nmol/L", "mmol/L", "mg/dL"):
        return "other"  # a blood level, not an amount to take
    if unit in ("count", ""):
        after = sentence[number.end: number.end + 40]
        if cues["enzyme_count"].search(after):
            return "enzyme_count"
        return "other"
    return "other"


def _first(pattern: re.Pattern, text: str) -> str:
    m = pattern.search(text)
    return re.sub(r"\s+", " ", m.group(0).lower()) if m else ""


def _closest(matches: list[tuple[int, int, str]], number: _Number, reach: int = 40) -> str:
    """The term that goes with the number: the nearest one before it within `reach` characters
    ("Men need 420 mg and women need 320 mg"), else the nearest one at all."""
    if not matches:
        return ""
    before = [m for m in matches if m[1] <= number.start and number.start - m[1] <= reach]
    if before:
        return before[-1][2]
    return min(matches, key=lambda m: abs(m[0] - number.start))[2]


def _terms(pattern: re.Pattern, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), " ".join(m.group(0).lower().split())) for m in pattern.finditer(text)]


def _subject(claim_type: str, number: _Number, sentence: str, block_kind: str, section: str,
             subjects: dict[str, re.Pattern], document_form: Callable[[], str],
             found: dict[str, list[tuple[int, int, str]]]) -> str:
    if block_kind == "table_row":
        label = sentence[: number.start].strip(" |:-")
        if label:
            return re.sub(r"\s+", " ", label.split("|")[-1].strip() or label).lower()
    if block_kind == "stat":
        label = sentence[number.end:].strip()
        if label:
            return re.sub(r"\s+", " ", label).lower()
    lead = re.match(r"^\s*For\s+([^,:]{2,40})[,:]", sentence)
    if lead and claim_type in ("dose", "timing", "onset"):
        return lead.group(1).strip().lower()
    if claim_type == "absorption_rate":
        return _closest(found["form"], number) or document_form()
    if claim_type == "deficiency_prevalence":
        after = re.match(r"^\s*of\s+(?:the\s+|all\s+)?(.{2,40}?)(?=\s+(?:consum\w*|fail\w*|are|is|have|do|don|get|who|were|was|lack|in|with|$)|[,;:]|\.(?:\s+(?-i:[A-Z])|\s*$)|$)",
                         sentence[number.end:], re.IGNORECASE)
        if after:
            return after.group(1).strip().lower()
        return _closest(found["population"], number)
    if claim_type in ("dose", "timing", "onset"):
        return (_closest(found["population"], number) or _closest(found["purpose"], number)
                or _closest(found["form"], number) or _first(subjects["purpose"], section)
                or _first(subjects["form"], section) or document_form())
    return _closest(found["form"], number) or document_form()


_TIMES_PER_DAY = re.compile(r"^[^.;]{0,30}?\b(?:(?P<word>once|twice|two|three|four|thrice)|(?P<n>\d))(?:\s+times)?\s+"
                            r"(?:a|per|each|every)?\s*day\b|^[^.;]{0,30}?\b(?P<word2>twice|thrice)\s+daily\b",
                            re.IGNORECASE)
_TIMES = {"once": 1, "twice": 2, "two": 2, "three": 3, "thrice": 3, "four": 4}


def times_per_day(claim_type: str, sentence: str, number: _Number) -> int:
    """3 for "250 mg three times a day": the daily total is the dose times this."""
    if claim_type != "dose":
        return 1
    m = _TIMES_PER_DAY.match(sentence[number.end:])
    if not m:
        return 1
    word = m.group("word") or m.group("word2")
    return _TIMES[word.lower()] if word else int(m.group("n"))


def _final_unit(claim_type: str, unit: str, low: float, high: float, daily: bool) -> tuple[str, float, float]:
    if unit == "g":  # grams to mg
        unit, low, high = "mg", low * 1000, high * 1000
    if claim_type == "dose" and daily:
        unit += "/day"
    if claim_type == "enzyme_count" or (unit == "" and claim_type == "other"):
        unit = unit or "count"
    return unit, low, high


def _elemental(claim_type: str, sentence: str, number: _Number) -> str:
    """yes: the text says elemental near this number; no: it names the compound's mass; empty: unstated."""
    if claim_type != "dose":
        return ""
    if re.match(r"^\s*(?:of\s+)?magnesium\s+\w+ate\b", sentence[number.end:], re.IGNORECASE):
        return "no"  # "400 mg of magnesium glycinate": the compound's mass
    if _ELEMENTAL.search(sentence, max(0, number.start - 30), number.end + 40):
        return "yes"
    return ""


# --- the table ---------------------------------------------------------------------------------------------

def _contexts(blocks: pd.DataFrame) -> pd.DataFrame:
    """For each block: the header row of its table (if any) and the heading it falls under."""
    blocks = blocks.sort_values(["doc_id", "block_id"])
    is_row = blocks["kind"] == "table_row"
    new_table = is_row & ~(is_row.shift(fill_value=False) & (blocks["doc_id"] == blocks["doc_id"].shift()))
    table_id = new_table.cumsum().where(is_row)
    header = blocks["text"].where(new_table).groupby(table_id).transform("first")
    section = blocks["text"].where(blocks["kind"] == "heading").groupby(blocks["doc_id"]).ffill()
    return pd.DataFrame({"doc_id": blocks["doc_id"], "block_id": blocks["block_id"],
                         "header": header.fillna(""), "section": section.fillna("")})


_MAGNESIUM_SALTS = {"glycinate", "bisglycinate", "citrate", "oxide", "sulfate", "chloride", "malate", "threonate",
                    "taurate", "lactate"}


def supplement_of(term: str) -> str:
    """The supplement a form names: "magnesium glycinate" and "glycinate" -> magnesium, "vitamin d3" -> vitamin d."""
    term = " ".join(term.lower().split())
    if "magnesium" in term or term in _MAGNESIUM_SALTS:
        return "magnesium"
    return re.sub(r"^(vitamin [a-z])\d+$", r"\1", term)


def main_supplements(sentences: pd.DataFrame, subjects_path: Path | None = None) -> dict[str, str]:
    """doc_id -> the supplement the document is mostly about (most mentioned), "" when none is named."""
    pattern = for_lowered_text(load_subjects(subjects_path)["form"])
    return {doc_id: _Mentions(texts, pattern).main_supplement()
            for doc_id, texts in sentences.groupby("doc_id", sort=False)["text"]}


class _Mentions:
    """The forms a document names, found with one scan when first asked for: its most named form
    ("magnesium glycinate") and the supplement it is mostly about ("magnesium")."""

    def __init__(self, texts: pd.Series, lowered_pattern: re.Pattern) -> None:
        self.texts, self.pattern = texts, lowered_pattern

    @cached_property
    def forms(self) -> list[str]:
        return [" ".join(f.split()) for f in self.pattern.findall(" ".join(self.texts).lower())]

    def main_form(self) -> str:
        return _mode(self.forms)

    def main_supplement(self) -> str:
        return _mode([supplement_of(f) for f in self.forms])


def _mode(values: list[str]) -> str:
    """The most frequent value; among equally frequent ones the first in sort order (as pandas' mode); "" if none."""
    counts = Counter(values)
    top = max(counts.values(), default=0)
    return min((v for v, n in counts.items() if n == top), default="")


_HINT_WORDS = frozenset(max(re.findall(r"[a-z]+", w), key=len) for w in [
    *_WORD_VALUES, "half", "third", "thirds", "quarter", "quarters", "dozens", "hundreds", "thousands", "millions",
    "billions", "within", "hour"])
_LETTER_RUNS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def may_hold_a_number(text: str) -> bool:
    """A cheap test that lets most sentences skip the number grammar: a digit, or a word that a number
    expression needs ("twenty-five" needs "twenty"). A set lookup per word, not a 200-way alternation."""
    return bool(_DIGIT.search(text)) or not _HINT_WORDS.isdisjoint(_LETTER_RUNS.findall(text.lower()))


def extract_claims(sentences: pd.DataFrame, blocks: pd.DataFrame, cues_path: Path | None = None,
                   subjects_path: Path | None = None) -> pd.DataFrame:
    """One row per quantitative claim: type, subject, low/high, unit, quote and offsets."""
    cues, subjects = load_cues(cues_path), load_subjects(subjects_path)
    lowered_form = for_lowered_text(subjects["form"])
    context = _contexts(blocks)
    header_section = dict(zip(zip(context["doc_id"], context["block_id"]), zip(context["header"], context["section"])))
    rows = []
    for doc_id, doc_sentences in sentences.groupby("doc_id", sort=False):
        candidates = doc_sentences[[may_hold_a_number(t) for t in doc_sentences["text"]]]
        if candidates.empty:
            continue
        mentions = _Mentions(doc_sentences["text"], lowered_form)
        document_form, main = mentions.main_form, mentions.main_supplement
        for s in candidates.itertuples(index=False):
            header, section = header_section.get((doc_id, s.block_id), ("", ""))
            numbers = [n for n in find_numbers(s.text) if not _is_not_a_claim(n, s.text)]
            if not numbers:
                continue
            found = {category: _terms(pattern, s.text) for category, pattern in subjects.items()}  # once per sentence
            daily = bool(cues["dose_daily"].search(s.text) or cues["dose_daily"].search(header))
            for number in numbers:
                kind = _claim_type(number, s.text, header, section, cues, s.block_kind)
                unit, low, high = _final_unit(kind, number.unit, number.low, number.high, daily)
                rows.append((
                    doc_id, kind, _subject(kind, number, s.text, s.block_kind, section, subjects, document_form, found),
                    low, high, unit, s.text, s.start, s.end, s.sentence_id, s.block_kind,
                    s.text[number.start: number.end], s.start + number.start, s.start + number.end,
                    number.qualifier, _elemental(kind, s.text, number), times_per_day(kind, s.text, number),
                    supplement_of(_closest(found["form"], number) or main()),
                ))
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


# --- measuring against the gold annotations ----------------------------------------------------------------

def load_gold(path: Path | None = None) -> pd.DataFrame:
    path = path or paths.ANNOTATIONS / "claims_gold.csv"
    gold = read_data_csv(path, required=CLAIM_COLUMNS[:9] + ["value_start", "value_end", "note"],
                         non_empty=["doc_id", "claim_type", "quote", "start", "end"])
    for column in ("low", "high"):
        gold[column] = pd.to_numeric(gold[column].replace("", math.nan))
    for column in ("start", "end", "value_start", "value_end"):
        gold[column] = gold[column].astype(int)
    return gold


def match_gold(extracted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair each gold claim with an extracted one of the same document and type whose value spans overlap."""
    pairs = []
    used: set[int] = set()
    for g in gold.itertuples():
        candidates = extracted[(extracted["doc_id"] == g.doc_id) & (extracted["claim_type"] == g.claim_type)
                               & (extracted["value_start"] < g.value_end) & (extracted["value_end"] > g.value_start)]
        candidates = candidates[~candidates.index.isin(used)]
        match = candidates.index[0] if len(candidates) else None
        if match is not None:
            used.add(match)
        pairs.append({"gold_index": g.Index, "extracted_index": match})
    return pd.DataFrame(pairs)


def evaluate(extracted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and value agreement per claim type (and overall), against the gold file."""
    pairs = match_gold(extracted, gold)
    matched = pairs.dropna(subset=["extracted_index"])
    rows = []
    for kind in [*CLAIM_TYPES, "all"]:
        g = gold if kind == "all" else gold[gold["claim_type"] == kind]
        e = extracted if kind == "all" else extracted[extracted["claim_type"] == kind]
        m = matched[matched["gold_index"].isin(g.index)]
        same_value = 0
        for gi, ei in zip(m["gold_index"], m["extracted_index"]):
            a, b = gold.loc[gi], extracted.loc[int(ei)]
            same_value += (_same(a["low"], b["low"]) and _same(a["high"], b["high"]) and a["unit"] == b["unit"])
        rows.append({"claim_type": kind, "gold": len(g), "extracted": len(e), "matched": len(m),
                     "precision": len(m) / len(e) if len(e) else math.nan,
                     "recall": len(m) / len(g) if len(g) else math.nan,
                     "value_agreement": same_value / len(m) if len(m) else math.nan})
    return pd.DataFrame(rows)


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (not math.isnan(a) and not math.isnan(b) and math.isclose(a, b, rel_tol=1e-3))
