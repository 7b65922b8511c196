"""Where the articles contradict each other, contradict themselves, and stand against the cited evidence.

Each document's stance on a topic comes from its extracted claims (numeric topics), from stance
patterns kept as data (`data/lexicons/stances.csv`: food timing, side effects, what a dose is about)
or from the claim-strength levels of the language module (evidence strength). Findings are computed,
never typed in, and only like is compared with like:

- documents and claims about different supplements are never compared, and a claim whose supplement
  is not identified (or whose quote names only another supplement) is not compared at all;
- a dose is a daily total (per-serving amount x servings per day), converted between mg, mcg and g,
  and between IU and mcg only through the registry's per-nutrient conversion rows;
- a supplement dose is held to the upper limit of its supplement and population; a statement of the
  recommended intake ("the RDA is 400-420 mg for men") to the RDA, never to a UL;
- a compound's mass ("500 mg of magnesium glycinate") is converted with the salt's elemental fraction
  (registry); when a page does not say whether an amount is elemental and the verdict depends on it,
  the finding says so (`unclear_basis`) instead of "exceeds";
- reference rows are selected by their columns (supplement, topic, basis, population class, region),
  never by id or position (`data/reference/reference_values.csv`).

Kinds of finding (`kind`), with the verdict a reader sees (`verdict`):
- contradiction: two documents give disjoint dose ranges (each document's recommendations taken as a
  whole) or opposite advice for the same supplement, population and purpose; one finding per pair and
  topic, with both quotes; `other` is the other doc_id;
- self_contradiction: a page gives two disjoint recommended intakes for the same group, or opposite
  food timing; `other` is the same doc_id and `other_quote` the second statement;
- exceeds_reference: above the upper limit that applies; `other` is the reference id;
- unclear_basis: above the limit only if the amount is elemental (or the stated form), which the page
  does not say;
- unclear_population: the applicable limits differ within the population (children of different ages);
- outside_studied_range: a dose of a supplement without an upper limit outside every dose its cited
  studies, authorisations or position stands used;
- conflicts_with_evidence: an absorption rate above every measured value, a prevalence or recommended
  intake outside every cited value;
- agreement: consistent with the cited reference;
- unsupported: no comparable reference value.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache
from itertools import combinations
from pathlib import Path

import pandas as pd

from . import paths
from . import registry as domain
from .claims import main_supplements
from .datafiles import read_data_csv
from .references import ADULTS, CLINICAL_BASES, INTAKE_BASES, STUDIED_BASES, UPPER_BASES
from .scanning import document_strings, finditer, for_lowered_text

TOPICS = ["dose", "absorption_rate", "deficiency_prevalence", "food_timing", "bedtime_timing", "onset",
          "side_effects", "enzyme_count", "evidence_strength"]
FINDING_COLUMNS = ["topic", "kind", "doc_id", "other", "detail", "quote", "other_quote", "subject", "value",
                   "other_value", "start", "end", "supplement", "verdict", "reference_id", "population", "basis",
                   "value_start", "value_end"]  # the claim's own number (document offsets): the key of a finding's claim
STANCE_COLUMNS = ["doc_id", "topic", "subject", "low", "high", "unit", "stance", "quote", "start", "end", "supplement",
                  "population", "purpose", "basis", "elemental", "form", "role", "claim_subject"]
# an age band is a label ("Birth to 6 months", "14 to 18 years: 11 mg"), never the length of a course of intake
# ("for 2-3 months", "over 1-2 years")
_NOT_A_DURATION = "".join(rf"(?<!\b{word}\s)" for word in ("for", "over", "within", "after", "during", "lasting", "about"))
POPULATIONS = [  # (class, pattern): the first that matches a claim's subject names its population
    ("athletes", r"\bathlet|\bactive\b"),
    # "older than 8 years" is an age bound, not old age
    ("seniors", r"\bseniors?\b|\belderly\b|(?<!and\s)(?<!or\s)\bolder\b(?!\s+than\s+(?:[1-9]|[1-4]\d)\b)"
                r"|\b(?:5[1-9]|[6-9]\d)\s*(?:years?\s+)?(?:and|or)\s+(?:older|over)\b|\b(?:6[0-9]|7[0-9]|5[1-9])\+|\bover\s+(?:6|7)\d\b"
                r"|\bover\s+(?:sixty|seventy)\b|\bover\s+the\s+age\s+of\s+(?:5\d|6\d|7\d|fifty|sixty|seventy)\b"),
    # "If you're not pregnant" and "non-pregnant women" are the other women
    ("pregnancy/lactation", r"(?<!\bnot\s)(?<!\bnon-)(?<!\bnon)\bpregnan|\blactat|\bnursing\b|\bbreastfeed"),
    # an age label in months ("Birth to 6 months", "Infants 7-12 months") is an infant's row of an intake table
    ("infants", r"\binfants?\b|\bnewborns?\b|\bbab(?:y|ies)\b|\bbirth\s+to\b"
                rf"|{_NOT_A_DURATION}\b\d{{1,2}}\s*(?:[-–]|to)\s*\d{{1,2}}\s*months?\b"),
    # "childbearing age" is about women, not children; an age band ending by 18 ("14 to 18 years") is a child's
    ("children", rf"\bchild(?![\s-]?bearing)|\bkids?\b|\bteen|\badolescent|\bpediatric|\bpaediatric"
                 rf"|\bages?\s+\d{{1,2}}\s*[-–]\s*1?\d\b|{_NOT_A_DURATION}\b(?:[1-9]|1[0-8])\s*(?:[-–]|to)\s*(?:[1-9]|1[0-8])\s*(?:years?|yrs?|y)\b"),
]
PURPOSES = [  # (purpose, pattern) over a dose claim's subject and quote: doses for different purposes are not compared
    ("sleep", r"\bsleep|\binsomnia|\bbed(?:time)?\b"), ("jet lag", r"\bjet[\s-]?lag"),
    ("stress", r"\bstress|\banxi"), ("colds", r"\bcolds?\b|\bimmun"), ("training", r"\btraining\b|\bexercise|\bmuscle\b|\bload"),
]
GENERAL_POPULATION = re.compile(r"^(?!.*\d).*(?:\bus\b|u\.s\.|americans?|population|people|everyone)", re.IGNORECASE)
DAYS = {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "months": 30}
PREFERRED_REGION = "US"  # when several regions set an upper limit, the one verdicts use
COMPATIBLE_STANCES = {"either"}  # a categorical stance that contradicts no other
SELF_CONTRADICTION_TOPICS = ("food_timing",)  # categorical topics on which one page may not say two things
CONTRADICTION_TOPICS = ("food_timing",)  # categorical topics on which two pages' different advice is a contradiction
# ("minimal side effects" against a list of possible ones, or a page's hedging, is not one a reader would publish)
PAIRWISE_LIMIT = 60  # up to this many documents in a group every contradicting pair is listed
KIND_ORDER = ["contradiction", "self_contradiction", "exceeds_reference", "unclear_basis", "conflicts_with_evidence",
              "outside_studied_range", "unclear_population", "unsupported", "agreement"]
VERDICTS = {"contradiction": "contradicted by another document", "self_contradiction": "contradicts itself",
            "exceeds_reference": "above upper limit", "unclear_basis": "above the limit only if elemental or as stated",
            "unclear_population": "depends on the age group", "conflicts_with_evidence": "conflicts with evidence",
            "outside_studied_range": "outside studied range", "agreement": "consistent with reference",
            "unsupported": "unsupported (no reference)"}
NOT_STATED = "not stated"
CLAIM_KEY = ["value_start", "value_end"]  # a numeric stance's (and its findings') number in the document: one claim


def population_class(subject: str) -> str:
    """Dose populations lined up across documents: athletes, seniors, pregnancy/lactation, children, adults."""
    for name, pattern in POPULATIONS:
        if re.search(pattern, subject, re.IGNORECASE):
            return name
    spans = age_spans(subject)  # "Age 7 months to 3 years": a child's row, though no word names children
    if spans and all(hi <= 18 * 12 + 11 for _, hi in spans):
        return "infants" if all(hi <= 12 for _, hi in spans) else "children"
    return "adults (general)"


def purpose_class(text: str) -> str:
    """What a dose is for, when the subject or quote says (sleep, stress, colds...); "general" otherwise."""
    for name, pattern in PURPOSES:
        if re.search(pattern, text, re.IGNORECASE):
            return name
    return "general"


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


def _top(low: float, high: float) -> float:
    return low if math.isnan(high) else high


def _bottom(low: float, high: float) -> float:
    return high if math.isnan(low) else low


# --- stances ---------------------------------------------------------------------------------------------------

def load_stance_patterns(path: Path | None = None) -> pd.DataFrame:
    path = path or paths.LEXICONS / "stances.csv"
    return read_data_csv(path, required=["topic", "stance", "pattern", "source"],
                         non_empty=["topic", "stance", "pattern"], regex_columns=["pattern"])


@cache
def _pattern_of(topic: str, stance: str) -> re.Pattern | None:
    """The stances.csv patterns of one topic and stance, as one pattern (None when the file has none)."""
    table = load_stance_patterns()
    parts = table.loc[(table["topic"] == topic) & (table["stance"] == stance), "pattern"].tolist()
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None


def _described_pattern() -> re.Pattern | None:
    return _pattern_of("dose_basis", "described")


def _elemental_here(quote: str, value_at: int, value_end: int) -> bool:
    """Whether "elemental" in a quote belongs to this number: no other number stands between them."""
    for m in re.finditer(r"elemental", quote, re.IGNORECASE):
        between = quote[value_end:m.start()] if m.start() >= value_end else quote[m.end():value_at]
        if not re.search(r"\d", between):
            return True
    return False


@cache
def _basis_patterns() -> tuple[re.Pattern | None, re.Pattern | None]:
    """(total-intake pattern, supplement pattern) from the `dose_basis` rows of stances.csv."""
    table = load_stance_patterns()
    table = table[table["topic"] == "dose_basis"]
    found = []
    for stance in ("total intake", "supplement"):
        parts = table.loc[table["stance"] == stance, "pattern"].tolist()
        found.append(re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None)
    return found[0], found[1]


def _dose_contexts(sentences: pd.DataFrame | None) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(doc_id, sentence_id) -> (the heading above it, a title over its run of lines and, for a table row, its
    header row; that header row alone; the group label above it): what a table or a list says only once
    ("Recommended Dietary Allowances (RDAs) for Magnesium" and "Age Male Female" over "1-3 years 80 mg 80 mg";
    "Adult dosage forms and strengths" over "tablet" over "100mg (elemental)"; "Teenagers (14-18 years):" over
    "Males: 11 mg").

    A title is the run of short lines without a number right before a run of lines with numbers; a line that
    only names a dosage form ("tablet", "liquid") continues the title above it. A group label is a short line
    ending in ":" that names a population or an age band; it governs the short lines after it."""
    if sentences is None or sentences.empty or "block_kind" not in sentences.columns:
        return {}
    contexts: dict[tuple[str, str], tuple[str, str, str]] = {}
    doc, heading, header, lead, title, group = None, "", "", "", [], ""
    in_title = False  # whether the last short line was part of a title (no number)
    digit = _DIGIT.search
    for doc_id, sentence_id, kind, text in zip(sentences["doc_id"].tolist(), sentences["sentence_id"].tolist(),
                                               sentences["block_kind"].tolist(), sentences["text"].tolist()):
        if doc_id != doc:
            doc, heading, header, lead, title, group, in_title = doc_id, "", "", "", [], "", False
        short = len(text) <= LIST_ITEM_LENGTH
        if short and not digit(text) and re.search(r"[a-z]", text, re.IGNORECASE):
            if _DOSAGE_FORM_LINE.match(text):
                pass  # "tablet" under "Adult dosage forms and strengths" keeps that title
            elif in_title:
                title.append(text)
            else:
                title, in_title, group = [text], True, ""
        elif short and digit(text):
            in_title = False
            if text.rstrip().endswith(":") and (age_spans(text) or population_class(text) != ADULTS):
                group = text  # "Teenagers (14-18 years):", "Adults (19+ years):"
        elif not short:
            in_title, group = False, ""
        if kind == "heading":
            heading, header, lead = text, "", ""
        elif kind == "table_row":
            if not digit(text):
                header = text
        else:
            header = ""
            if len(text) > LIST_ITEM_LENGTH:
                lead = ""  # a lead governs the short "label: amount" lines right after it
        governs = " ".join(title) if short or kind == "table_row" else ""
        contexts[(doc_id, sentence_id)] = (" ".join(dict.fromkeys(x for x in (heading, lead, governs, header) if x)),
                                           header, group if short and text != group else "")
        if kind != "heading" and kind != "table_row" and text.rstrip().endswith(":") and not digit(text):
            lead = text  # "The NIH recommends the following daily intake of magnesium:" over "Adult Men: 400-420 mg"
    return contexts


_DOSAGE_FORM_LINE = re.compile(r"^\W*(?:oral\s+|chewable\s+|extended[\s-]release\s+)?(?:liquid|solution|suspension|syrup|"
                               r"tablets?|capsules?|softgels?|caplets?|powder|gummies|drops|lozenges?|injection)\W*$",
                               re.IGNORECASE)


_DIGIT = re.compile(r"\d")


LIST_ITEM_LENGTH = 80  # characters: a longer sentence after a lead ending in ":" is no longer its list
NOT_JUDGED_BASES = ("described", "composition", "warning")  # dose bases that are not advice: never judged nor compared
NOT_COMPARED_BASES = (*NOT_JUDGED_BASES, "treatment")  # a deficient person's treatment dose is not another page's advice
_CLAUSE_BREAK = re.compile(r";|,\s|\s(?:but|while|whereas|although|though)\s", re.IGNORECASE)  # "10,000" is no break


def _clause_of(quote: str, value_at: int, value_end: int) -> str:
    """The clause of a sentence that holds one number ("..., and doses over 8 mg are not recommended")."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(quote) if m.end() <= value_at]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(quote) if m.start() >= value_end]
    return quote[max(starts, default=0):min(ends, default=len(quote))]


def _is_warning(quote: str, value_at: int | None = None, value_end: int | None = None) -> bool:
    """Whether the page warns against an amount rather than advising it ("Don't take 50 mg of zinc per day unless
    your doctor tells you to", "doses over 8 mg are not recommended"): a `warning` cue in the number's own
    clause, or anywhere in a sentence that states no other amount."""
    warning = _pattern_of("dose_basis", "warning")
    if warning is None:
        return False
    if value_at is None or value_end is None or not 0 <= value_at <= value_end <= len(quote):
        return bool(warning.search(quote)) and len(_AMOUNTS.findall(quote)) <= 1
    return bool(warning.search(_clause_of(quote, value_at, value_end))) or \
        (len(_AMOUNTS.findall(quote)) <= 1 and bool(warning.search(quote)))


def _is_composition(quote: str, header: str, unit: str) -> bool:
    """Whether a dose describes what a product, tablet or form contains or how it is sold ("often in 325 mg
    tablets", "65 mg per tablet", a table of forms and their content per tablet) rather than advising it: a
    composition cue in the sentence or a composition table header, and no advice to take it (a "take", "daily"
    or serving cue in the sentence, or a daily unit from the sentence or header)."""
    composition, column, advice = (_pattern_of("dose_basis", stance) for stance in
                                   ("composition", "composition column", "recommended"))
    if unit.endswith("/day") or (advice is not None and advice.search(quote)):
        return False
    if composition is not None and composition.search(quote):
        return True
    return bool(header and column is not None and column.search(header)
                and not (advice is not None and advice.search(header)))


def _dose_basis(quote: str, context: str, header: str = "", unit: str = "", value_at: int | None = None,
                value_end: int | None = None) -> str:
    """"warning" when the page warns against the amount ("Never take 150 mg of zinc a day"), "described" when
    the amount only conditions another statement ("at doses of 12 g only 16% is absorbed"), "composition" when
    it describes a product's content or how it is sold ("often in 325 mg tablets"), "total intake" when the
    claim states a recommended intake from all sources (an RDA), else "supplement"."""
    total, supplement = _basis_patterns()
    ceiling = _pattern_of("dose_basis", "ceiling")
    if _is_warning(quote, value_at, value_end) and not (ceiling is not None and ceiling.search(quote)):
        return "warning"  # "do not take more than 40 mg" is a ceiling the page advises, judged as one
    located = value_at is not None and value_end is not None and 0 <= value_at <= value_end <= len(quote)
    if located:
        clause = _clause_of(quote, value_at, value_end)
        lead_in = quote[:value_at]
        lead_in = lead_in[max(0, len(lead_in) - 60):]
        if _matches("threshold", lead_in) or _matches("warning clause", clause):
            return "warning"  # "Doses above 5 to 10 mg are usually not needed": where a caution starts
        if _matches("increment", lead_in):
            return "described"  # "women +40 mg" for smokers: an addition to another amount
        if _matches("market", clause[:max(0, clause.find(quote[value_at:value_end]))]) and \
                not _matches("recommended", clause):
            return "composition"  # "many OTC products are 3 mg or 5 mg": what is sold, in the number's clause
    if _matches("hypothetical", quote):
        return "described"  # "that's assuming ~100% absorption", "Misconception: 25 grams per day": not the page's own
    if _matches("treatment", quote):
        return "treatment"  # "for individuals who are vitamin D deficient ... up to 10,000 IU/day"
    described = _described_pattern()
    if described is not None and described.search(quote):
        return "described"
    strength = _pattern_of("dose_basis", "unit strength")
    if strength is not None and strength.search(quote) and len(_AMOUNTS.findall(quote)) == 1:
        return "composition"  # "if you take 99-milligram tablets": each unit's strength, the number a day unsaid
    if _is_composition(quote, header, unit):
        return "composition"
    if located and _PER_UNIT_AFTER.match(quote[value_end:]) and not _DAILY_ADVICE.search(quote) \
            and not unit.endswith("/day"):
        return "composition"  # "150mg EPA and 125mg DHA per capsule": what one capsule holds, the count a day unsaid
    if context and _matches("composition heading", context) and not _matches("recommended", quote) \
            and not unit.endswith("/day"):
        return "composition"  # "100mg (elemental)" under "Adult dosage forms and strengths"
    all_sources = _pattern_of("dose_basis", "total intake (all sources)")
    if all_sources is not None and all_sources.search(quote):
        return "total intake"
    if total is None:
        return "supplement"
    if total.search(quote) and not (supplement and supplement.search(quote)):
        return "total intake"
    if context and total.search(context) and not (supplement and supplement.search(quote)):
        return "total intake"
    return "supplement"


_UNIT_WORDS = r"(?:capsules?|caps|tablets?|softgels?|pills?|caplets?|gummy|gummies|lozenges?)"
_PER_UNIT_AFTER = re.compile(rf"^[^.;!?]{{0,40}}?\b(?:per|each|a|every)\s+{_UNIT_WORDS}\b", re.IGNORECASE)
_DAILY_ADVICE = re.compile(r"\btake\b|\btaking\b|\bdaily\b|\b(?:a|per|each|every)\s+day\b|\bonce\b|\btwice\b"
                           r"|\btimes\b|\d\s*(?:x|×)\b|\b(?:two|three|four|2|3|4)\s+" + _UNIT_WORDS, re.IGNORECASE)


_FREQUENCY_WORDS = {"once": 1, "one": 1, "1": 1, "twice": 2, "two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4}
_FREQUENCY_RANGE = re.compile(r"^[^.;!?]{0,40}?\b(once|one|1|two|2|three|3)\s*(?:or|to|-|–)\s*(twice|two|2|three|3|four|4)"
                              r"(?:\s+times)?\s+(?:daily|a\s+day|per\s+day|each\s+day|every\s+day|/\s*day)\b", re.IGNORECASE)


def _frequency_range(quote: str, value_end: int) -> tuple[int, int] | None:
    """(fewest, most) doses a day from a range of frequencies right after a per-dose amount ("100-200 mg once or
    twice daily" is 100-400 mg/day; "500 mg per dose, two to three times per day" 1000-1500 mg/day)."""
    if not 0 <= value_end <= len(quote):
        return None
    m = _FREQUENCY_RANGE.match(quote[value_end:])
    if m is None:
        return None
    fewest, most = _FREQUENCY_WORDS[m.group(1).lower()], _FREQUENCY_WORDS[m.group(2).lower()]
    return (fewest, most) if fewest < most else None


def _matches(stance: str, text: str) -> bool:
    """Whether a `dose_basis` cue of stances.csv occurs in a text."""
    pattern = _pattern_of("dose_basis", stance)
    return pattern is not None and bool(pattern.search(text))


_AMOUNTS = re.compile(r"\d[\d.,]*[\s-]*(?:mg|milligrams?|mcg|micrograms?|µg|g|grams?|iu)\b", re.IGNORECASE)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_UNITS_EACH = re.compile(r"\b(?P<count>\d{1,2}|one|two|three|four|five|six)\s+(?:capsules?|caps|tablets?|softgels?|gummies"
                         r"|pills?|caplets?|scoops?)\b\s*(?:\((?P<inside>[^()]*\beach\b[^()]*)\)"
                         r"|(?:of|,|at)\s+(?P<after>[^.;!?()]{0,30}?\beach\b))", re.IGNORECASE)


def _units_per_serving(quote: str, value_at: int, value_end: int) -> int:
    """How many units a serving takes when the amount is per unit ("Take 2 capsules (500 mg each) daily" is 2 x
    500 mg); 1 otherwise."""
    for m in _UNITS_EACH.finditer(quote):
        group = "inside" if m.group("inside") is not None else "after"
        if m.start(group) <= value_at and value_end <= m.end(group):
            count = m.group("count").lower()
            return int(count) if count.isdigit() else _COUNT_WORDS[count]
    return 1


@cache
def _registry() -> domain.Registry:
    return domain.load()


_GAP_TO_NAME = re.compile(r"^[\s\w()./-]{0,14}$")  # "mg of ", "mg hydrated ": an amount directly naming what it is of
_CONJUNCTION = re.compile(r"\b(?:with|and|plus|or|vs|versus|than)\b|[&+,;]", re.IGNORECASE)
_AMOUNT_OF = re.compile(r"^\s*(?:[a-zμµ/]+\s+)?of\s+(?!elemental\b|pure\b|the\b|each\b|a\b)\S", re.IGNORECASE)


def _claim_reading(quote: str, subject: str, supplement: str, value_at: int, value_end: int,
                   main: str) -> tuple[str, bool, bool]:
    """(form, fits, names_a_salt) for one number of a quote: the registry form it is about, whether the
    number is about the claim's supplement at all, and whether the amount directly names a salt ("325 mg
    ferrous sulfate", the salt's mass) rather than the element.

    The number is about the supplement named nearest before it in its sentence, or right after it ("500 mg
    of magnesium glycinate"); "50 g of protein" is about protein. With no name around it, it is about the
    document's main supplement only."""
    reg = _registry()
    mentions = reg.identify(quote, supplement)
    before = [m for m in mentions if m[1] <= value_at]
    after = [m for m in mentions if m[0] >= value_end]
    adjacent = after[0] if after and _GAP_TO_NAME.match(quote[value_end:after[0][0]]) and \
        not _CONJUNCTION.search(quote[value_end:after[0][0]]) else None
    if adjacent is None and _AMOUNT_OF.match(quote[value_end:]):
        following = re.findall(r"[\w-]+", quote[value_end:].lower())[1:5]
        if not _form_words_of(supplement) & set(following):
            return "", False, False  # "50 g of protein": an amount of something that is not the supplement
    named = adjacent or (before[-1] if before else None)
    if named is None:
        fits = supplement == main or not main
        return "", fits, False
    fits = named[2] == supplement
    forms = [m[3] for m in ([adjacent] if adjacent else []) + before[::-1] + after if m[2] == supplement and m[3]]
    form = forms[0] if forms else ""
    names_salt = bool(adjacent and adjacent[3] and reg.elemental_fraction(supplement, adjacent[3]) is not None
                      and "elemental" not in quote[value_end:adjacent[0]].lower())
    if not form and adjacent and adjacent[2] == supplement:
        form = _carrier(quote[adjacent[0]:adjacent[1]], supplement)
    if not form and subject:
        form = next((f for _, _, name, f in reg.identify(subject, supplement) if name == supplement and f), "")
    return form, fits, names_salt


def _carrier(surface: str, supplement: str) -> str:
    """The name an amount is directly of, when it is another thing than the supplement's own name and its
    abbreviations ("3,000 mg of fish oil", "2 g of krill oil" on omega-3: the oil's mass, not EPA+DHA); ""
    for "1000 mg of omega-3", "500 mcg of B12"."""
    words = {w.removesuffix("s") for w in re.findall(r"[\w-]+", surface.lower())}  # "600 mg of omega-3s" is omega-3
    own = {w.removesuffix("s") for w in re.findall(r"[\w-]+", supplement.lower())}
    return "" if not words or words <= own else " ".join(surface.lower().split())


@cache
def _form_words_of(supplement: str) -> frozenset[str]:
    """Words of the registry's form names for a supplement ("root", "extract"; "monohydrate")."""
    forms = _registry().forms
    surfaces = forms.loc[forms["supplement"] == supplement, "surface"]
    return frozenset(w for surface in surfaces for w in re.findall(r"[\w-]+", surface))


def _population(subject: str, quote: str) -> str:
    """The population of a claim's subject; when the subject names none, the one class its quote names, if only one."""
    found = population_class(subject)
    if found != "adults (general)":
        return found
    if re.search(r"\badults?\b|\bmen\b|\bwomen\b", subject, re.IGNORECASE):
        # the words the quote puts right before the subject may name the group ("Breastfeeding women: 12-13 mg")
        label = re.search(r"(?:[\w-]+\s+){0,2}" + re.escape(subject.strip()), quote, re.IGNORECASE) if subject.strip() else None
        return population_class(label.group(0)) if label else found
    named = {name for name, pattern in POPULATIONS if re.search(pattern, quote, re.IGNORECASE)}
    return named.pop() if len(named) == 1 else found


_NOT_PREGNANT = re.compile(r"\b(?:not|non-?)\s*pregnant\b", re.IGNORECASE)  # blanked out, offsets kept


def _most_named(doc_ids: list[str], supplements: list[str]) -> dict[str, str]:
    """doc_id -> the supplement its claims name most; a tie goes to the one named first (as `value_counts`)."""
    counts: dict[str, Counter] = {}
    for doc_id, supplement in zip(doc_ids, supplements):
        counts.setdefault(doc_id, Counter())[supplement] += 1
    return {doc_id: counted.most_common(1)[0][0] for doc_id, counted in counts.items()}


def numeric_stances(claims: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Numeric stances from the claims table, with supplement, population, purpose, basis and form.

    Doses are daily totals ("250 mg three times a day" is 750 mg/day; "Take 2 capsules (500 mg each) daily" is
    1000 mg/day), in the unit as stated (mg, mcg,
    IU); comparisons convert. Claims about a supplement the registry does not know are left out."""
    reg = _registry()
    known = set(reg.names)
    contexts = _dose_contexts(sentences)
    named = claims[claims["supplement"].isin(known)] if "supplement" in claims.columns else claims.iloc[0:0]
    main = _most_named(named["doc_id"].tolist(), named["supplement"].tolist()) if len(named) else {}
    rows = []
    for c in claims.itertuples(index=False):
        low, high, unit, subject, topic = c.low, c.high, c.unit, c.subject, None
        supplement = getattr(c, "supplement", "") or ""
        if supplement not in known:  # not identified: kept for onset and timing, never compared
            if c.claim_type in ("dose", "absorption_rate", "deficiency_prevalence", "enzyme_count"):
                continue
            supplement = ""
        population, purpose, basis, form = "", "", "", ""
        claim_subject = c.subject
        elemental = getattr(c, "elemental", "") or ""
        fits = True
        value_at = int(getattr(c, "value_start", c.start) - c.start)
        value_end = int(getattr(c, "value_end", c.end) - c.start)
        if c.claim_type == "dose" and reg.dimension(unit) in ("mass", "activity"):
            times = getattr(c, "times_per_day", 1) or 1
            units = _units_per_serving(c.quote, value_at, value_end)  # "2 capsules (500 mg each)"
            in_table = getattr(c, "block_kind", "") == "table_row" or c.quote.lstrip().startswith("|")
            window = _NOT_PREGNANT.sub(lambda m: " " * len(m.group(0)), c.quote)[max(0, value_at - 80):value_end + 40] \
                if _NOT_PREGNANT.search(c.quote) else c.quote[max(0, value_at - 80):value_end + 40]
            topic, population = "dose", _population(c.subject, window)  # "If you're not pregnant, ... 18 mg"
            purpose = purpose_class(f"{c.subject} {c.quote}")
            context, header, group = contexts.get((c.doc_id, getattr(c, "sentence_id", "")), ("", "", ""))
            if population == "children" and _infant_band({"quote": c.quote, "start": c.start, "claim_subject": "",
                                                          "value_start": getattr(c, "value_start", None),
                                                          "value_end": getattr(c, "value_end", None)}):
                population = "infants"  # "2000 IU/day for children up to age 1 year"
            if population in (ADULTS, "children"):
                band = _band_text({"quote": c.quote, "start": c.start, "claim_subject": "",
                                   "value_start": getattr(c, "value_start", None),
                                   "value_end": getattr(c, "value_end", None)})
                spans = age_spans(band) if band != c.quote else []
                if spans and all(hi <= 18 * 12 + 11 for _, hi in spans):
                    population = "infants" if all(hi <= 12 for _, hi in spans) else "children"  # "ages 1 to 3, 2,500 IU"
                elif ";" in c.quote and not spans and re.search(r"\badults?\b", _list_item(c.quote, value_at, value_end),
                                                                re.IGNORECASE):
                    population = ADULTS  # "For adults, up to 4,000 IU; ages 4 to 8, up to 3,000 IU": the first item's
            if group and population == ADULTS and not age_spans(c.quote) and \
                    not re.search(r"\badults?\b", f"{c.subject} {c.quote}", re.IGNORECASE):
                population, claim_subject = population_class(group), f"{group.rstrip(': ')} {c.subject}".strip()
            basis = _dose_basis(c.quote, context, header, unit if times <= 1 else f"{unit}/day", value_at, value_end)
            form, fits, names_salt = _claim_reading(c.quote, c.subject, supplement, value_at, value_end,
                                                    main.get(c.doc_id, ""))
            if names_salt:
                elemental = "no"
            elif elemental == "yes" and not in_table and not _elemental_here(c.quote, value_at, value_end):
                elemental = ""  # "325 mg tablets, containing about 20% elemental iron": the 20% is elemental
            # (a table cell's "yes" comes from its column header, "Equivalent Elemental Iron", and stays)
            per = unit.removesuffix("/day")
            fewest, most = _frequency_range(c.quote, value_end) or (times, times)
            low, high = low * fewest * units, high * most * units
            times = max(times, most)
            unit = f"{per}/day" if unit.endswith("/day") or times > 1 else per
            subject = population
        elif c.claim_type == "absorption_rate" and unit == "%":
            relative = _pattern_of("absorption_basis", "relative")
            if relative is not None and relative.search(c.quote) or _top(low, high) > 100:
                continue  # a relative change ("the 2000% absorption claim") is not a fractional absorption
            topic = "absorption_rate"
            form = next((f for _, _, name, f in reg.identify(f"{c.subject} | {c.quote}", supplement)
                         if name == supplement and f), "")
            if not form and not _named_form({"form": "", "supplement": supplement, "quote": c.quote}):
                # "Absorption Rate: 30-40%" under the heading "Magnesium Citrate"
                heading = contexts.get((c.doc_id, getattr(c, "sentence_id", "")), ("", "", ""))[0]
                form = next((f for _, _, name, f in reg.identify(heading, supplement) if name == supplement and f), "")
        elif c.claim_type == "deficiency_prevalence" and unit == "%":
            topic, population = "deficiency_prevalence", "all" if GENERAL_POPULATION.search(c.subject) else \
                population_class(c.subject)
        elif c.claim_type == "enzyme_count":
            topic, subject = "enzyme_count", "enzyme systems"
        elif c.claim_type == "timing" and re.search(r"\bbed|sleep", c.quote, re.IGNORECASE) and unit in DAYS:
            topic, subject = "bedtime_timing", "before bed"
            low, high, unit = low * DAYS[unit] * 24, high * DAYS[unit] * 24, "hours"
        elif c.claim_type == "onset" and unit in DAYS:
            topic, subject = "onset", "first effects"
            low, high, unit = low * DAYS[unit], high * DAYS[unit], "days"
        if topic and fits:
            rows.append((c.doc_id, topic, subject, low, high, unit, _fmt(low, high, unit), c.quote, c.start, c.end,
                         supplement, population, purpose, basis, elemental, form, "stance", claim_subject,
                         getattr(c, "value_start", math.nan), getattr(c, "value_end", math.nan)))
    stances = pd.DataFrame(rows, columns=[*STANCE_COLUMNS, *CLAIM_KEY]).drop_duplicates(
        ["doc_id", "topic", "subject", "stance", "basis", "form", "claim_subject"])
    onset = stances[stances["topic"] == "onset"]  # a document's earliest promised effect is its stance
    if len(onset):
        earliest = onset.loc[onset.assign(key=onset["low"].fillna(onset["high"])).groupby("doc_id")["key"].idxmin()]
        stances = pd.concat([stances[stances["topic"] != "onset"], earliest], ignore_index=True)
    return stances


def categorical_stances(sentences: pd.DataFrame, strength: pd.DataFrame | None = None,
                        patterns: pd.DataFrame | None = None) -> pd.DataFrame:
    """Food timing and side-effect stances from patterns; evidence strength from claim-strength levels.

    A document's stance on a topic is its most frequent one; on a topic where a page may not say two
    things (SELF_CONTRADICTION_TOPICS) an opposite statement is kept too, with role "also"."""
    patterns = load_stance_patterns() if patterns is None else patterns
    patterns = patterns[patterns["topic"].isin(TOPICS)]
    supplement = main_supplements(sentences)
    compiled = [(p.topic, p.stance, re.compile(p.pattern, re.IGNORECASE)) for p in patterns.itertuples(index=False)]
    compiled = [(topic, stance, pattern, for_lowered_text(pattern)) for topic, stance, pattern in compiled]
    hits = []
    for doc_id, joined, offsets, rows_of_doc in document_strings(sentences):
        lowered = joined.lower()
        same_length = len(lowered) == len(joined)
        seen: set[tuple[int, str]] = set()
        for topic, stance, pattern, lowered_pattern in compiled:
            for m in (finditer(lowered_pattern, lowered) if same_length else pattern.finditer(joined)):
                index = bisect_right(offsets, m.start()) - 1
                if "\x00" in m.group(0) or (index, topic) in seen:
                    continue
                seen.add((index, topic))  # the first listed pattern of a topic wins within a sentence
                _, start, text = rows_of_doc[index]
                hits.append((doc_id, topic, topic.replace("_", " "), math.nan, math.nan, "", stance, text,
                             start, start + len(text), supplement.get(doc_id, ""), "", "", "", "", "", "stance", ""))
    by_topic: dict[tuple[str, str], list[tuple]] = {}
    for hit in hits:
        by_topic.setdefault((hit[0], hit[1]), []).append(hit)
    rows = []
    for (_, topic), group in by_topic.items():
        stances = [hit[6] for hit in group]
        if topic == "side_effects" and "some listed" in stances:
            chosen = "some listed"  # listing any side effect outweighs "no side effects"
        else:
            chosen = Counter(stances).most_common(1)[0][0]  # the most frequent; ties: the first said
        rows.append(group[stances.index(chosen)])
        if topic in SELF_CONTRADICTION_TOPICS and chosen not in COMPATIBLE_STANCES:
            opposite = [hit for hit in group if hit[6] != chosen and hit[6] not in COMPATIBLE_STANCES]
            if opposite:
                rows.append(opposite[0][:-2] + ("also", ""))
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
                         text, start, end, supplement.get(doc_id, ""), "", "", "", "", "", "stance", ""))
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


def all_stances(claims: pd.DataFrame, sentences: pd.DataFrame, strength: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every document's stance on every topic it addresses: numeric from claims, categorical from patterns.

    Rows come document by document (in the order of `sentences`), topics in TOPICS order, so stances
    computed batch by batch and concatenated equal the stances of the whole corpus at once."""
    stances = pd.concat([numeric_stances(claims, sentences), categorical_stances(sentences, strength)],
                        ignore_index=True)
    doc_order = {doc_id: i for i, doc_id in enumerate(dict.fromkeys(sentences["doc_id"]))}
    keys = pd.DataFrame({"doc": stances["doc_id"].map(doc_order), "topic": stances["topic"].map(TOPICS.index)})
    return stances.loc[keys.sort_values(["doc", "topic"], kind="stable").index].reset_index(drop=True)


def _with_stance_columns(stances: pd.DataFrame) -> pd.DataFrame:
    """Stances written by an older version (no population, basis, role...) read as stances of this one."""
    missing = [c for c in STANCE_COLUMNS if c not in stances.columns]
    if missing:
        stances = stances.assign(**{c: ("stance" if c == "role" else "") for c in missing})
    text = ["supplement", "population", "purpose", "basis", "elemental", "form", "role", "claim_subject", "unit"]
    if stances[text].isna().any().any():  # read back from CSV: empty cells are NaN
        stances = stances.assign(**{c: stances[c].fillna("") for c in text})
    return stances


# --- findings --------------------------------------------------------------------------------------------------

def _finding(topic: str, kind: str, a: dict, other: str, detail: str, other_quote: str = "", other_value: str = "",
             reference_id: str = "") -> dict:
    return {"topic": topic, "kind": kind, "doc_id": a["doc_id"], "other": other, "detail": detail, "quote": a["quote"],
            "other_quote": other_quote, "subject": a["subject"], "value": a["stance"], "other_value": other_value,
            "start": a["start"], "end": a["end"], "supplement": a.get("supplement", ""), "verdict": VERDICTS[kind],
            "reference_id": reference_id, "population": a.get("population", ""), "basis": a.get("basis", ""),
            "value_start": a.get("value_start", math.nan), "value_end": a.get("value_end", math.nan)}


@cache
def _fraction(supplement: str, form: str) -> float | None:
    return _registry().elemental_fraction(supplement, form) if form else None


@cache
def _salted_supplements() -> frozenset[str]:
    """Supplements whose forms are salts with a known elemental fraction: their amounts may be elemental or not."""
    forms = _registry().forms
    return frozenset(forms.loc[forms["elemental_fraction"].notna(), "supplement"])


def _elemental_amounts(a: dict) -> tuple[tuple[float, float] | None, str]:
    """The daily amount as elemental element, and how it was read: (range or None when unknown, note).

    Amounts of vitamins and botanicals are as stated; a salt's amount is elemental when the page says so,
    converted with the registry's elemental fraction when the page gives the compound's mass, and
    unknown (None) otherwise."""
    low, high, supplement = a["low"], a["high"], a["supplement"]
    if supplement not in _salted_supplements() or a["elemental"] == "yes":
        return (low, high), ""
    fraction = _fraction(supplement, a["form"])
    if a["elemental"] == "no" and fraction is not None:
        return (low * fraction, high * fraction), (f"{_fmt(low, high, a['unit'])} of {supplement} {a['form']} holds "
                                                   f"{_fmt(low * fraction, high * fraction, a['unit'])} of elemental "
                                                   f"{supplement} ({100 * fraction:.1f}%)")
    return None, ""


def _convert(value: float, unit: str, to_unit: str, supplement: str) -> float:
    if math.isnan(value):
        return value
    converted = _registry().to_unit(value, unit.removesuffix("/day"), to_unit.removesuffix("/day"), supplement)
    return math.nan if converted is None else converted


_ILLEGIBLE = re.compile(r"no:\s*(?:flattened|garbled)", re.IGNORECASE)  # quote_holds_values of a copied table cell


def _legible_quotes(refs: pd.DataFrame) -> pd.DataFrame:
    """The references with a quote a reader can read: a flattened table cell ("19–30 y1,00035*9004*...") is shown
    as what the row states, marked as not verbatim, with its source."""
    if "quote_holds_values" not in refs.columns or refs.empty:
        return refs
    illegible = refs["quote_holds_values"].fillna("").astype(str).str.match(_ILLEGIBLE)
    if not illegible.any():
        return refs
    stated = [f"[not verbatim: the copied table cell is illegible; {row['source'].split(',')[0]}, {row['population']}: "
              f"{str(row['basis']).upper()} {_fmt(row['low'], row['high'], row['unit'])}]"
              for _, row in refs[illegible].iterrows()]
    return refs.assign(quote=refs["quote"].mask(illegible, pd.Series(stated, index=refs.index[illegible])))


class _References:
    """Reference rows of one table, selected by column values and cached per selection."""

    def __init__(self, refs: pd.DataFrame) -> None:
        self.refs = refs = _legible_quotes(refs)
        self.by_key = {key: rows for key, rows in refs.groupby(["supplement", "topic"], sort=False)}
        self._cache: dict[tuple, pd.DataFrame] = {}

    def select(self, supplement: str, topic: str, bases: tuple[str, ...], population: str = "",
               prefer_region: bool = False) -> pd.DataFrame:
        key = (supplement, topic, bases, population, prefer_region)
        if key not in self._cache:
            rows = self.by_key.get((supplement, topic), self.refs.iloc[0:0])
            rows = rows[rows["basis"].isin(bases)]
            if population:
                rows = rows.loc[rows["population_class"].str.split(";").map(lambda classes: population in classes).astype(bool)]
            if prefer_region and (rows["region"] == PREFERRED_REGION).any():
                rows = rows[rows["region"].isin([PREFERRED_REGION, ""])]
            self._cache[key] = rows
        return self._cache[key]

    def select_band(self, rows: pd.DataFrame, a: dict) -> pd.DataFrame:
        """`rows` narrowed to the age band a claim names (see _same_age_band), cached with this table's selections
        so that a narrowed selection keeps one identity while the table lives, and goes with it."""
        spans = tuple(age_spans(_band_text(a)))
        if not spans or rows.empty:
            return rows
        key = ("band", id(rows), spans)
        if key not in self._cache:
            self._cache[key] = _same_age_band(rows, spans)
        return self._cache[key]


def _short_source(row: pd.Series) -> str:
    return row["source"].split(",")[0]


def _form_words(row: pd.Series) -> list[str]:
    return [w for w in re.split(r"[+/,\s]+", row["form"].lower()) if w]


def _states_form(a: dict, row: pd.Series) -> bool | None:
    """Whether a claim is about the reference row's form (True), another form (False) or does not say (None)."""
    words = _form_words(row)
    if not words:
        return True
    if a["form"] and a["form"] not in _registry_forms(a["supplement"]):  # "3000 mg of fish oil providing 900 mg
        return any(re.search(rf"\b{re.escape(w)}", a["form"].lower()) for w in words)  # EPA": the oil's own mass
    text = f"{a['form']} {a['quote']}".lower()
    if any(re.search(rf"\b{re.escape(w)}", text) for w in words):
        return True
    return False if a["form"] else None


@cache
def _registry_forms(supplement: str) -> frozenset[str]:
    """The registry's form names of a supplement: any other form of a stance is a carrier ("fish oil")."""
    forms = _registry().forms
    return frozenset(forms.loc[forms["supplement"] == supplement, "form"])


ADVERSE_KINDS = ("exceeds_reference", "unclear_basis", "unclear_population", "outside_studied_range")


def _dose_verdict(a: dict, refs: _References) -> dict | None:
    """A dose against the references of its supplement and population: UL, recommended intake or studied doses.
    A ceiling the page states ("no more than 10 mg") agrees when within the limits and gets no verdict above
    them: it is the most the page allows, not a dose it advises."""
    if _implausible_dose(a, refs) == AN_AGE:
        return None  # "600 IU for people ages 1 to 70": the 1-70 is an age band, not an amount
    found = _advised_dose_verdict(a, refs)
    if found is not None and found["kind"] in ADVERSE_KINDS and math.isnan(a["high"]) and not math.isnan(a["low"]):
        return None  # "doses over 8 mg", "40+ mg": a lower bound warns or describes, it does not recommend
    cue = _ceiling_cue(a)
    if found is None or cue is None or found["kind"] not in ADVERSE_KINDS:
        return found
    return {**found, "kind": "unsupported", "verdict": VERDICTS["unsupported"],
            "detail": f"{a['stance']} for {a['subject']} is a ceiling ('{cue.group(0)}'), not a dose the page advises, "
                      f"so no verdict; against the references: {found['detail']}"}


def _ceiling_cue(a: dict) -> re.Match | None:
    """The words that make a dose the most the page allows: a ceiling cue ("no more than", "do not exceed") over
    a bare upper bound, or in the number's own clause ("Stop once you get to 10 mg (do not exceed 10 mg)"), or a
    titration's top right before it ("once you get to 10 mg")."""
    ceiling = _pattern_of("dose_basis", "ceiling")
    if ceiling is None:
        return None
    quote = a["quote"]
    if math.isnan(a["low"]):
        return ceiling.search(quote)
    try:
        value_at, value_end = int(a["value_start"] - a["start"]), int(a["value_end"] - a["start"])
    except (TypeError, ValueError, KeyError):
        return None
    if not 0 <= value_at <= value_end <= len(quote):
        return None
    titration = _pattern_of("dose_basis", "titration")
    lead_in = quote[max(0, value_at - 60):value_at]
    top = titration.search(lead_in) if titration is not None else None
    return ceiling.search(_clause_of(quote, value_at, value_end)) or top


def _advised_dose_verdict(a: dict, refs: _References) -> dict | None:
    supplement, population = a["supplement"], a["population"]
    if a["basis"] in NOT_JUDGED_BASES:
        return None  # an amount that conditions another statement, or a product's content, is not advice to judge
    upper = refs.select_band(refs.select(supplement, "dose", UPPER_BASES, population, prefer_region=True), a)
    if a["basis"] == "total intake":
        found = _intake_verdict(a, refs)
        if found["kind"] == "unsupported" and len(upper):  # no RDA/AI for the group: within its UL still says so
            within = _upper_verdict(a, upper)
            if within is not None and within["kind"] == "agreement":
                return {**within, "detail": f"{a['stance']} for {a['subject']} is stated as a recommended intake (the "
                                            f"reference table has no RDA/AI for this group); it "
                                            + within["detail"].removeprefix(f"{a['stance']} for {a['subject']} ")}
        return found
    if a["basis"] == "treatment":
        return _treatment_verdict(a, refs)
    if len(upper):
        return _or_intake_match(_or_listed_intake(_upper_verdict(a, upper), a, refs), a, refs)
    studied = refs.select(supplement, "dose", STUDIED_BASES, population)
    if len(studied):
        return _or_intake_match(_with_physiological_dose(_studied_verdict(a, studied), a, refs), a, refs)
    return _or_intake_match(_finding("dose", "unsupported", a, "", f"{a['stance']} for {a['subject']}: the reference "
                                                                   f"table has no upper limit or studied dose of "
                                                                   f"{supplement} for this population."), a, refs)


_MONTHS_PER = {"y": 12, "m": 1}
_AGE_UNIT = r"(?P<{0}>years?|yrs?|y|months?|mo)\b"
_SPAN = re.compile(
    r"\bbirth\s+(?:to|through|-|–)\s*(?P<b_hi>\d{1,2})\s*" + _AGE_UNIT.format("b_u")
    + r"|\bup\s+to\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?(?P<u_hi>\d{1,2})\s*" + _AGE_UNIT.format("u_u")
    + r"|\bup\s+to\s+(?:the\s+)?age\s+(?:of\s+)?(?P<ua_hi>\d{1,2})\b"  # "children up to age 1": years
    + r"|(?<![\d.,])(?P<r_lo>\d{1,2})\s*(?P<r_lu>years?|yrs?|y|months?|mo)?\s*(?:[-–]|to|through)\s*(?P<r_hi>\d{1,2})\s*"
    + _AGE_UNIT.format("r_u")
    + r"|(?:≥|>=|\bover\s+|\bolder\s+than\s+|>\s*)\s*(?P<o_lo>\d{1,2})\s*" + _AGE_UNIT.format("o_u")
    + r"|(?:≥|>=|\bover\s+|\bolder\s+than\s+|\bage[sd]?\s+|>\s*)(?P<o2_lo>\d{1,2})(?=\s*(?:\)|:|,|$|\s+and\b|\s+incl))"
    + r"|\bages?\s+(?P<g_lo>\d{1,2})\s*(?:[-–]|to|through)\s*(?P<g_hi>\d{1,2})\b(?!\s*(?:months?|mo|%|iu|mg|mcg|µg))"
    + r"|\b(?:(?:after|beyond|past)\s+(?:the\s+)?age\s+(?:of\s+)?|over\s+the\s+age\s+of\s+)(?P<af_lo>\d{1,2})\b"
    # "9+ incl adults", "51+ years"; never "2+ capsules"
    + r"|(?<![\d.,])(?P<p_lo>\d{1,2})\s*\+\s*(?:(?P<p_u>years?|yrs?|y|months?|mo)\b|(?!\s*(?:[a-z]+s|mg|mcg|g|iu|ml)\b))"
    + r"|(?<![\d.,])(?P<a_lo>\d{1,2})\s*(?:years?|yrs?|y)?\s+(?:and|or)\s+(?:older|over|up)\b",
    re.IGNORECASE)
_DURATION_BEFORE = re.compile(r"\b(?:for|over|within|after|during|lasting|about|in)\s*$", re.IGNORECASE)
# "3 to 6 months of supplementation", "2-3 months later": a course or a wait, not an age
_DURATION_AFTER = re.compile(r"\s*(?:of\s+(?:daily\s+)?(?:supplementation|use|treatment|therapy|taking|intake)|later\b)",
                             re.IGNORECASE)


_TWO_BANDS = re.compile(r"(?<![\d.,])(\d{1,2})\s*[-–]\s*(\d{1,2})\s*/\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*"
                        r"(years?|yrs?|y|months?|mo)\b", re.IGNORECASE)


def _unit_months(unit: str | None, default: int = 12) -> int:
    return default if not unit else _MONTHS_PER["m" if unit.lower().startswith("m") else "y"]


def age_spans(text: str) -> list[tuple[float, float]]:
    """The age bands a text names, in months from birth, as closed spans ("1-3 y" is 12-47, "7-12 months" 7-12,
    "Birth to 6 months" 0-6, "51+ years" 612-inf, "older than 8 years" 108-inf, "6 months to 1 year" 6-12);
    "0-6 / 7-12 mo" gives both. A course of intake ("for 2-3 months") is not an age."""
    spans = []
    for m in _SPAN.finditer(text):
        if _DURATION_BEFORE.search(text[:m.start()]) or _DURATION_AFTER.match(text, m.end()):
            continue
        g = m.groupdict()
        if g["b_hi"]:
            per = _unit_months(g["b_u"])
            spans.append((0.0, float(int(g["b_hi"]) * per)))
        elif g["u_hi"]:
            spans.append((0.0, float(int(g["u_hi"]) * _unit_months(g["u_u"]))))
        elif g["ua_hi"]:
            spans.append((0.0, float(int(g["ua_hi"]) * 12)))
        elif g["r_lo"]:
            hi_per = _unit_months(g["r_u"])
            lo_per = _unit_months(g["r_lu"], hi_per)
            lo, hi = int(g["r_lo"]) * lo_per, int(g["r_hi"]) * hi_per
            if lo_per == 1 and hi_per == 12:
                spans.append((float(lo), float(hi)))  # "6 months to 1 year": up to the birthday
            else:
                spans.append((float(lo), float(hi + hi_per - 1 if hi_per == 12 else hi)))
        elif g["o_lo"] or g["o2_lo"]:
            value = int(g["o_lo"] or g["o2_lo"])
            strict = re.match(r"\s*(?:>|over|older)", m.group(0), re.IGNORECASE) is not None
            spans.append((float((value + strict) * _unit_months(g["o_u"])), math.inf))
        elif g["g_lo"]:
            spans.append((float(int(g["g_lo"]) * 12), float(int(g["g_hi"]) * 12 + 11)))  # "ages 4 to 8": years
        elif g["af_lo"]:
            spans.append((float((int(g["af_lo"]) + 1) * 12), math.inf))  # "800 IU after age 70": 71+
        elif g["p_lo"]:
            spans.append((float(int(g["p_lo"]) * _unit_months(g["p_u"])), math.inf))
        elif g["a_lo"]:
            spans.append((float(int(g["a_lo"]) * 12), math.inf))
    for m in _TWO_BANDS.finditer(text):  # "infants 0-6 / 7-12 mo": the first band's unit is the second's
        per = _unit_months(m.group(5))
        lo, hi = int(m.group(1)) * per, int(m.group(2)) * per
        spans.append((float(lo), float(hi + per - 1 if per == 12 else hi)))
    return sorted(set(spans))


def _band_text(a: dict) -> str:
    """The words that give one number its age band: its own stretch of the quote (from the amount before it to the
    amount after it: "2000 IU/day for children up to age 1 year; 4000 IU/day ..."), else the quote's one band ("1-3
    years 80 mg 80 mg"), with a group label the page set above it ("Teenagers (14-18 years):" over "Males: 11 mg")."""
    quote = a["quote"]
    label = a.get("claim_subject", "") or ""
    label = label if age_spans(label) else ""
    try:
        value_at, value_end = int(a.get("value_start") - a["start"]), int(a.get("value_end") - a["start"])
    except (TypeError, ValueError, KeyError):
        return f"{label} {quote}"
    if not 0 <= value_at <= value_end <= len(quote):
        return f"{label} {quote}"
    amounts = [m for m in _AMOUNTS.finditer(quote) if m.end() <= value_at or m.start() >= value_end]
    before = max((m.end() for m in amounts if m.end() <= value_at), default=0)
    after = min((m.start() for m in amounts if m.start() >= value_end), default=len(quote))
    item_start, item_end = quote.rfind(";", 0, value_at) + 1, quote.find(";", value_end)
    item_end = item_end if item_end >= 0 else len(quote)
    own = quote[max(before, item_start):min(after, item_end)]  # never across a semicolon of a list
    # a list "ages 4 to 8, up to 3,000 IU; ages 1 to 3, 2,500 IU": the number's own item between semicolons; else
    # the words right after it ("600 IU for people ages 1 to 70, and 800 IU after age 70"), else both sides
    item = quote[max(item_start, before):item_end]
    if len(age_spans(item)) == 1:
        return item
    right = quote[value_end:min(after, item_end)]
    if age_spans(right):
        return right
    if age_spans(own):
        return own
    return label or (quote if len(age_spans(quote)) == 1 else "")


def _list_item(quote: str, value_at: int, value_end: int) -> str:
    """The item of a semicolon-separated list that holds one number."""
    end = quote.find(";", value_end)
    return quote[quote.rfind(";", 0, value_at) + 1:end if end >= 0 else len(quote)]


def _infant_band(a: dict) -> bool:
    """Whether the age band a number's own words name lies within the first year ("children up to age 1 year")."""
    spans = age_spans(_band_text(a))
    return bool(spans) and all(hi <= 12 for _, hi in spans)


def _contains(outer: tuple[float, float], inner: tuple[float, float]) -> bool:
    return outer[0] - 1 <= inner[0] and inner[1] <= outer[1] + 1


def _same_age_band(rows: pd.DataFrame, spans: tuple[tuple[float, float], ...]) -> pd.DataFrame:
    """The rows whose age band holds the one a claim names ("9-13 years: 240 mg" -> "age 9+"; "Infants (7-12
    months)" -> "infants 7-12 mo"), else those whose band overlaps it ("up to age 1 year" -> both infant rows),
    else all rows."""
    row_spans = rows["population"].fillna("").map(age_spans)
    holds = row_spans.map(lambda own: bool(own) and all(any(_contains(o, s) for o in own) for s in spans))
    if holds.any():
        return rows[holds]
    touch = row_spans.map(lambda own: any(o[0] < s[1] and s[0] < o[1] for o in own for s in spans))
    return rows[touch] if touch.any() else rows


def _treatment_verdict(a: dict, refs: _References) -> dict:
    """A dose for people who are deficient: agreement when within a cited treatment dose for the same group (the
    Endocrine Society's up to 10,000 IU/day for deficient adults), else no verdict, with the general limits for
    comparison in the detail: a treatment under supervision is not an intake advised to everyone."""
    rows = refs.select(a["supplement"], "dose", CLINICAL_BASES)
    rows = rows[rows["population"].fillna("").map(population_class) == a["population"]].dropna(subset=["high"])
    for _, row in rows.iterrows():
        top = _top(*_amount_in(a, (a["low"], a["high"]), row["unit"]))
        if not math.isnan(top) and top <= row["high"]:
            return _finding("dose", "agreement", a, row["ref_id"],
                            f"{a['stance']} for {a['subject']} is a dose for people who are deficient, within the "
                            f"{_fmt(row['low'], row['high'], row['unit'])} of {_short_source(row)} ({row['population']}: "
                            f"{row['measure']}).", row["quote"], _fmt(row["low"], row["high"], row["unit"]), row["ref_id"])
    general = _advised_dose_verdict({**a, "basis": "supplement"}, refs)
    if general is not None and general["kind"] == "agreement":  # within the general limits: within them for anyone
        return {**general, "detail": general["detail"].removesuffix(".") + " (the page gives it for people who are "
                                                                           "deficient)."}
    compared = f"; for comparison, as an intake: {general['detail']}" if general and general["kind"] != "unsupported" else ""
    return _finding("dose", "unsupported", a, general["reference_id"] if general else "",
                    f"{a['stance']} for {a['subject']} is a dose for people who are deficient (a treatment, not an "
                    f"intake for everyone), so it gets no verdict against the general limits{compared or '.'}",
                    general["other_quote"] if general else "", general["other_value"] if general else "",
                    general["reference_id"] if general else "")


def _with_physiological_dose(found: dict, a: dict, refs: _References) -> dict:
    """A dose below every studied dose that lies within a cited physiological dose ("0.2 mg" and melatonin's
    0.1-0.3 mg that raises plasma levels to the night-time range) says so, with that row, still without a verdict."""
    overlapping = " overlaps " in found["detail"]
    if found["kind"] != "unsupported" or not (" is below " in found["detail"] or overlapping):
        return found
    rows = refs.select(a["supplement"], "dose", ("physiological_dose",), a["population"])
    unit = a["unit"]
    for _, row in rows.iterrows():
        lo, hi = (_convert(v, row["unit"], unit, a["supplement"]) for v in (row["low"], row["high"]))
        if overlapping and not math.isnan(a["low"]) and lo <= a["low"] <= hi:
            # "0.3 mg to 1 mg": its lower end is a physiological dose, its upper end a studied one: both ends are cited
            ids = f"{found['reference_id']}, {row['ref_id']}" if found["reference_id"] else row["ref_id"]
            detail = found["detail"].split(" overlaps ")[1].split("; only its lower end")[0]
            return {**found, "kind": "agreement", "verdict": VERDICTS["agreement"], "reference_id": ids, "other": ids,
                    "detail": f"{a['stance']} for {a['subject']} runs from the {_fmt(lo, hi, unit.removesuffix('/day'))} "
                              f"{row['measure']} ({_short_source(row)}, {row['population']}) into {detail}."}
        if not math.isnan(a["low"]) and lo <= a["low"] and _top(a["low"], a["high"]) <= hi:
            ids = f"{found['reference_id']}, {row['ref_id']}" if found["reference_id"] else row["ref_id"]
            return {**found, "reference_id": ids, "other": ids,
                    "detail": found["detail"].removesuffix(".") + f", but within {_fmt(lo, hi, unit.removesuffix('/day'))}, the "
                              f"{row['measure']} ({_short_source(row)}, {row['population']})."}
    return found


def _or_intake_match(found: dict | None, a: dict, refs: _References) -> dict | None:
    """An amount with no limit or studied dose to judge it that equals its group's RDA/AI ("for pregnancy the
    amount increases to 2.6 mcg") agrees with that row rather than being "unsupported"."""
    if found is None or found["kind"] != "unsupported":
        return found
    own = refs.select_band(refs.select(a["supplement"], "dose", INTAKE_BASES, a["population"], prefer_region=True),
                           a).dropna(subset=["high"])
    if own.empty or math.isnan(a["low"]) or not any(_states_form(a, row) is not False for _, row in own.iterrows()):
        return found  # "up to 3,000 mg" is no intake; "3,000 mg of fish oil" is not the EPA+DHA the AI is of
    unit = own["unit"].mode().iloc[0]
    low, high = _amount_in(a, (a["low"], a["high"]), unit)
    rows = own[own["unit"] == unit]
    if not (rows["low"].min() <= low <= rows["high"].max() and (math.isnan(high) or high <= rows["high"].max())):
        return found  # the whole amount must lie within the group's RDA/AI values, not merely touch them
    matched = _intake_verdict(a, refs)
    return matched if matched["kind"] == "agreement" else found


def _or_listed_intake(found: dict | None, a: dict, refs: _References) -> dict | None:
    """A dose above a supplements-only limit that is exactly the RDA/AI of the age band and group its line names
    ("19-30 years: Men, 400 mg/day; women, 310 mg/day" under a drug reference's "Nutritional Supplementation") is that
    list's recommended intake from all sources: it matches the RDA, and the detail says what it would be as a
    supplement dose alone, never "above the limit"."""
    if found is None or found["kind"] not in ADVERSE_KINDS or math.isnan(a["low"]) or a["low"] != a["high"] \
            or not age_spans(_band_text(a)):
        return found
    own = refs.select_band(refs.select(a["supplement"], "dose", INTAKE_BASES, a["population"], prefer_region=True), a)
    own = own.dropna(subset=["high"])
    own = own[own["low"] == own["high"]]
    for _, row in own.iterrows():
        value = _convert(a["low"], a["unit"], row["unit"], a["supplement"])
        if not math.isnan(value) and abs(value - row["high"]) <= 0.005 * row["high"]:
            intake = _intake_verdict({**a, "elemental": "yes"}, refs)
            if intake["kind"] == "agreement":
                return {**intake, "detail": intake["detail"].replace(", stated as a recommended intake,",
                                                                     ", the RDA/AI of the group its line names,")
                        .removesuffix(".") + f"; as a supplement dose alone: {found['detail']}"}
    return found


def _amount_in(a: dict, amounts: tuple[float, float], unit: str) -> tuple[float, float]:
    return (_convert(amounts[0], a["unit"], unit, a["supplement"]), _convert(amounts[1], a["unit"], unit, a["supplement"]))


def _readings(a: dict) -> tuple[list[tuple[float, float]], str]:
    """The ways to read a dose as an amount of the element: as stated, as stated elemental, and, when the page
    does not say and the form's elemental fraction is known, also as the compound's mass."""
    amounts, note = _elemental_amounts(a)
    if amounts is not None:
        return [amounts], note
    readings = [(a["low"], a["high"])]
    fraction = _fraction(a["supplement"], a["form"])
    if fraction is not None:
        readings.append((a["low"] * fraction, a["high"] * fraction))
        note = (f"as {a['supplement']} {a['form']} compound mass it would be "
                f"{_fmt(a['low'] * fraction, a['high'] * fraction, a['unit'])} of elemental {a['supplement']}")
    return readings, note


_LIMITS: dict[int, tuple] = {}  # prepared limits per reference selection (selections are cached objects)


def _limits(upper: pd.DataFrame, supplement: str) -> tuple[pd.Series, pd.Series, str] | None:
    """The highest and the lowest of a selection of upper limits, in one unit ("2 g/day" and "1,800 mg/day"
    compare; a row spanning ages, "400-1,800 mg/day", contributes its lowest), and that unit; None if none is set."""
    key = id(upper)
    if key not in _LIMITS:
        limits = upper.dropna(subset=["high"])
        if limits.empty:
            _LIMITS[key] = (upper, None)
        else:
            unit = limits["unit"].mode().iloc[0]
            limits = limits.assign(
                high=[_convert(h, u, unit, supplement) for h, u in zip(limits["high"], limits["unit"])],
                low=[_convert(v, u, unit, supplement) for v, u in zip(limits["low"], limits["unit"])],
                unit=unit).dropna(subset=["high"])
            limits = limits.assign(floor=limits["low"].fillna(limits["high"]))
            lowest = limits.loc[limits["floor"].idxmin()].copy()
            lowest["high"] = lowest["floor"]
            _LIMITS[key] = (upper, (limits.loc[limits["high"].idxmax()], lowest, unit))
    return _LIMITS[key][1]


def _upper_verdict(a: dict, upper: pd.DataFrame) -> dict | None:
    """A supplement dose against the upper limits that apply to its population: exceeds only when every
    reading of the amount exceeds the highest of them."""
    prepared = _limits(upper, a["supplement"])
    if prepared is None:
        row = upper.iloc[0]
        return _finding("dose", "unsupported", a, row["ref_id"],
                        f"{a['stance']} for {a['subject']}: no upper limit is set for {a['supplement']} "
                        f"({_short_source(row)}).", row["quote"], "not set", row["ref_id"])
    highest, lowest, unit = prepared
    form_fit = _states_form(a, highest)
    if form_fit is False:
        return _finding("dose", "unsupported", a, "", f"{a['stance']} is an amount of {a['form']}; the upper limit "
                                                      f"is for {highest['form']}.")
    readings, note = _readings(a)
    tops = [_top(*_amount_in(a, r, unit)) for r in readings]
    if any(math.isnan(t) for t in tops):
        return _finding("dose", "unsupported", a, "", f"{a['stance']}: not convertible to {unit}.")
    known_basis = len(readings) == 1 and (a["elemental"] == "yes" or a["supplement"] not in _salted_supplements()
                                          or note) and form_fit
    scope = "supplements only" if highest["scope"] == "supplemental" else "total intake, food included"
    label = "UL" if highest["basis"] == "ul" else "upper limit"
    what = f"the {highest['high']:g} {unit} {label} for {a['supplement']} ({_short_source(highest)}; {scope}; " \
           f"{highest['population']})"
    basis = f" ({note})" if note else ""
    quote, value, ref = highest["quote"], f"{highest['high']:g} {unit}", highest["ref_id"]
    if math.isnan(a["high"]):
        return None  # "above 10,000 IU", "40+ mg": a lower bound warns or describes, it does not recommend
    if min(tops) > highest["high"]:
        kind = "exceeds_reference" if known_basis or len(readings) > 1 else "unclear_basis"
        if kind == "exceeds_reference":
            either = ", whether or not it is elemental" if len(readings) > 1 else ""
            return _finding("dose", kind, a, ref, f"{a['stance']} for {a['subject']}{basis} exceeds {what}{either}.",
                            quote, value, ref)
    if max(tops) <= lowest["high"]:
        either = ", whichever way the amount is read" if not known_basis else ""
        if note and a["elemental"] == "no" and _top(*_amount_in(a, (a["low"], a["high"]), unit)) <= lowest["high"]:
            # "15 mg of zinc picolinate": a label's amount is often elemental already; within the limit either way
            basis, either = "", ", whether the amount is the salt's mass or elemental"
        caveat = ""
        if highest["scope"] != "supplemental" and max(tops) >= 0.5 * highest["high"] and \
                _matches("supplement only amount", a["quote"]):
            caveat = ("; the page gives it as a supplement amount, while the UL covers total intake (food included), "
                      "so food adds to it")
        return _finding("dose", "agreement", a, ref,
                        f"{a['stance']} for {a['subject']}{basis} is within {what}{either}{caveat}.", quote, value, ref)
    if max(tops) <= highest["high"]:
        return _finding("dose", "unclear_population", a, lowest["ref_id"],
                        f"{a['stance']} for {a['subject']}{basis} is within {what} but above the {lowest['high']:g} "
                        f"{unit} limit for {lowest['population']}.", lowest["quote"], f"{lowest['high']:g} {unit}",
                        lowest["ref_id"])
    stated_as = "elemental " + a["supplement"] if a["supplement"] in _salted_supplements() else highest["form"]
    return _finding("dose", "unclear_basis", a, ref,
                    f"{a['stance']} for {a['subject']} exceeds {what} if it is {stated_as}; the page does not say"
                    f"{basis or ' (a compound mass holds less)'}.", quote, value, ref)


_STATES_UPPER_LIMIT = re.compile(r"\bupper\s+(?:intake\s+)?(?:level|limit)s?\b|\(ULs?\)|\btolerable\b", re.IGNORECASE)
_NAMES_RDA = re.compile(r"\brecommended\s+dietary\s+allowances?\b|\bRDAs?\b")


def _intake_verdict(a: dict, refs: _References) -> dict:
    """A statement of the recommended intake against the RDA/AI rows (all sources), never against a UL."""
    supplement = a["supplement"]
    own = refs.select_band(refs.select(supplement, "dose", INTAKE_BASES, a["population"], prefer_region=True), a)
    every = refs.select(supplement, "dose", INTAKE_BASES, "", prefer_region=True).dropna(subset=["high"])
    spans = age_spans(_band_text(a))
    if spans and len(every):  # "800 IU after age 70": the band the page states, whatever the population's class
        def holds(rows: pd.DataFrame) -> pd.Series:
            return rows["population"].fillna("").map(
                lambda text: bool(age_spans(text)) and all(any(_contains(o, s) for o in age_spans(text)) for s in spans))
        other_class = every["population_class"].fillna("").str.contains("pregnan") & \
            ~every["population_class"].fillna("").str.contains("adults")
        banded = every[holds(every) & (~other_class | (a["population"] == "pregnancy/lactation"))]
        if len(own) and len(banded) and not holds(own).any():  # the population's own rows are for other bands
            own = banded
    if every.empty:
        stated = "an upper limit" if _STATES_UPPER_LIMIT.search(a["quote"]) else "a recommended intake"
        return _finding("dose", "unsupported", a, "", f"{a['stance']} for {a['subject']} is stated as {stated}; the "
                                                      f"reference table has none for {supplement}.")
    unit = every["unit"].mode().iloc[0]  # one unit per comparison: rows in another unit are left out
    every, own = every[every["unit"] == unit], own[own["unit"] == unit]
    amounts, _ = _elemental_amounts({**a, "elemental": "yes"} if _NAMES_RDA.search(a["quote"]) else a)
    low, high = _amount_in(a, amounts or (a["low"], a["high"]), unit)  # an RDA is an amount of the element
    if own.dropna(subset=["high"]).empty:  # no RDA/AI for this group: another group's values say nothing about it
        return _finding("dose", "unsupported", a, "", f"{a['stance']} for {a['subject']} is stated as a recommended "
                                                      f"intake; the reference table has none for {a['population']}.")
    pool = own.dropna(subset=["high"])
    lo, hi = pool["low"].min(), pool["high"].max()
    ids = ", ".join(pool["ref_id"])
    what = f"the {'/'.join(sorted(set(pool['basis'].str.upper())))} for {a['population'] or 'any group'} " \
           f"({lo:g}-{hi:g} {unit}; {_short_source(pool.iloc[0])}; total intake from all sources)"
    if _overlap(low, high, lo, hi):
        exact = pool[(pool["low"] <= low) & (pool["high"] >= _top(low, high))] if not math.isnan(low) else pool
        if len(exact) and len(exact) < len(pool) or len(set(pool["population"])) <= 2:
            pool = exact if len(exact) else pool  # "14–18 years 410 mg": the boys' row, named by its band
            lo, hi, ids = pool["low"].min(), pool["high"].max(), ", ".join(pool["ref_id"])
            what = f"the {'/'.join(sorted(set(pool['basis'].str.upper())))} for {'; '.join(dict.fromkeys(pool['population']))} " \
                   f"({_fmt(lo, hi, unit)}; {_short_source(pool.iloc[0])}; total intake from all sources)"
        return _finding("dose", "agreement", a, ids, f"{a['stance']} for {a['subject']}, stated as a recommended "
                                                     f"intake, matches {what}.", pool.iloc[0]["quote"],
                        _fmt(lo, hi, unit), ids)
    all_lo, all_hi = every["low"].min(), every["high"].max()
    if _overlap(low, high, all_lo, all_hi):
        return _finding("dose", "unclear_population", a, ids, f"{a['stance']} for {a['subject']}, stated as a "
                                                              f"recommended intake, is outside {what} but matches "
                                                              "another group's value.", pool.iloc[0]["quote"],
                        f"{lo:g}-{hi:g} {unit}", ids)
    if amounts is None:
        return _finding("dose", "unclear_basis", a, ids, f"{a['stance']} for {a['subject']}, stated as a recommended "
                                                         f"intake, is outside every RDA/AI for {supplement} "
                                                         f"({all_lo:g}-{all_hi:g} {unit}) if it is elemental; the page "
                                                         "does not say.", pool.iloc[0]["quote"],
                        f"{all_lo:g}-{all_hi:g} {unit}", ids)
    return _finding("dose", "conflicts_with_evidence", a, ids,
                    f"{a['stance']} for {a['subject']}, stated as a recommended intake, is outside every "
                    f"RDA/AI for {supplement} ({all_lo:g}-{all_hi:g} {unit}).", pool.iloc[0]["quote"],
                    f"{all_lo:g}-{all_hi:g} {unit}", ids)


def _studied_verdict(a: dict, studied: pd.DataFrame) -> dict:
    """A dose of a supplement without an upper limit against the doses its references studied or authorised."""
    unit = studied.iloc[0]["unit"]
    rows = studied.assign(lo=[_convert(v, u, unit, a["supplement"]) for v, u in zip(studied["low"], studied["unit"])],
                          hi=[_convert(v, u, unit, a["supplement"]) for v, u in zip(studied["high"], studied["unit"])])
    rows = rows.assign(lo=rows["lo"].fillna(rows["hi"]), hi=rows["hi"].fillna(rows["lo"])).dropna(subset=["lo"])
    if rows.empty:
        return _finding("dose", "unsupported", a, "", f"{a['stance']}: no comparable studied dose.")
    lo, hi = rows["lo"].min(), rows["hi"].max()
    low, high = _amount_in(a, (a["low"], a["high"]), unit)
    ids = ", ".join(rows["ref_id"])
    edge = rows.loc[rows["hi"].idxmax()] if _top(low, high) > hi else rows.loc[rows["lo"].idxmin()]
    fits = [_states_form(a, r) for _, r in rows.iterrows()]
    if any(f is False for f in fits) and not any(fits):
        return _finding("dose", "unsupported", a, "", f"{a['stance']} is an amount of {a['form']}; the studied doses "
                                                      f"are of {rows.iloc[0]['form']}.")
    what = f"the doses in the cited studies, authorisations and position stands for {a['supplement']} " \
           f"({lo:g}-{hi:g} {unit}{'; ' + rows.iloc[0]['form'] if rows.iloc[0]['form'] else ''})"
    inside = not math.isnan(_top(low, high)) and _bottom(low, high) >= lo and _top(low, high) <= hi
    if inside:
        return _finding("dose", "agreement", a, ids, f"{a['stance']} for {a['subject']} is within {what}.",
                        edge["quote"], f"{lo:g}-{hi:g} {unit}", ids)
    if _top(low, high) <= hi and _top(low, high) >= lo:  # "0.3-3 mg" against 0.5-5 mg: overlaps, not below
        return _finding("dose", "unsupported", a, ids, f"{a['stance']} for {a['subject']} overlaps {what}; only its "
                                                       "lower end is below them.", edge["quote"], f"{lo:g}-{hi:g} {unit}",
                        ids)
    if _top(low, high) <= hi:  # below the lowest studied dose: no evidence either way, not a finding
        return _finding("dose", "unsupported", a, ids, f"{a['stance']} for {a['subject']} is below {what}.",
                        edge["quote"], f"{lo:g}-{hi:g} {unit}", ids)
    if any(f is None for f in fits) and not any(f is True for f in fits):
        return _finding("dose", "unclear_basis", a, ids, f"{a['stance']} for {a['subject']} "
                                                         f"{'extends above' if _bottom(low, high) <= hi else 'is outside'} "
                                                         f"{what}, if it is {rows.iloc[0]['form']}; the page does not say.",
                        edge["quote"], f"{lo:g}-{hi:g} {unit}", ids)
    return _finding("dose", "outside_studied_range", a, edge["ref_id"],
                    f"{a['stance']} for {a['subject']} {'extends above' if _bottom(low, high) <= hi else 'is outside'} "
                    f"{what}.", edge["quote"],
                    f"{lo:g}-{hi:g} {unit}", ids)


@cache
def _form_of_reference(form: str, supplement: str) -> str:
    """The registry form a reference row's form names ("magnesium glycinate" -> glycinate), "" for none."""
    forms = [f for _, _, name, f in _registry().identify(form, supplement) if name == supplement and f]
    return forms[0] if forms else ""


def _named_form(a: dict) -> str:
    """The registry form an absorption claim is about: its own, else a form's name standing in its quote
    ("Liposomal vitamin C: 70-90%"), else ""."""
    if a["form"]:
        return a["form"]
    forms = _registry().forms
    rows = forms[forms["supplement"] == a["supplement"]]
    quote = a["quote"].lower()
    return next((f for f, surface in zip(rows["form"], rows["surface"])
                 if re.search(rf"\b{re.escape(surface.lower())}\b", quote)), "")


def _absorption_verdict(a: dict, refs: _References) -> dict:
    """A claimed absorption against the values measured for the same form in comparable people: never against
    patients' values unless the claim is about patients, never against another form's values when it names one.
    Consistent only when it overlaps a measured value; conflicting when above every one; otherwise no verdict
    (measured values hold for their own doses and conditions: "complete up to 200 mg" says nothing of 30%)."""
    measured = refs.select(a["supplement"], "absorption_rate", ("measured",))
    if not re.search(r"\bpatients?\b", a["quote"], re.IGNORECASE):
        measured = measured[~measured["population"].str.contains(r"\bpatients?\b", case=False, regex=True)]
    if measured.empty:
        return _finding("absorption_rate", "unsupported", a, "", f"{a['stance']} for {a['subject']}: no measured "
                                                                 f"absorption of {a['supplement']} in comparable people "
                                                                 "in the reference table.")
    form = _named_form(a)
    forms = measured["form"].map(lambda f: _form_of_reference(f, a["supplement"]))
    same = measured[(forms == form) & (forms != "")] if form else measured.iloc[0:0]
    if form and same.empty:
        return _finding("absorption_rate", "unsupported", a, "",
                        f"{a['stance']} for {a['subject']}: the reference table has no absorption measured for this "
                        f"form ({form}) in comparable people, and other forms' values do not apply.")
    pool, own = (same, True) if len(same) else (measured, False)
    best = pool.loc[pool["high"].fillna(pool["low"]).idxmax()]
    best_value = _top(best["low"], best["high"])
    scope = f"measured for {a['subject']}" if own else f"measured for any form of {a['supplement']} in the reference table"
    if _bottom(a["low"], a["high"]) > best_value and not own:
        return _finding("absorption_rate", "unsupported", a, best["ref_id"],
                        f"{a['stance']} for {a['subject']} is above the highest value {scope} ({best_value:g}%, "
                        f"{_short_source(best)}; {best['population']}), but the page does not name a form measured "
                        "there, so no verdict.", best["quote"], f"{best_value:g}%", best["ref_id"])
    if _bottom(a["low"], a["high"]) > best_value:
        return _finding("absorption_rate", "conflicts_with_evidence", a, best["ref_id"],
                        f"{a['stance']} absorbed for {a['subject']} is above the highest value {scope} "
                        f"({best_value:g}%, {_short_source(best)}; {best['population']}).", best["quote"],
                        f"{best_value:g}%", best["ref_id"])
    hits = [r for _, r in pool.iterrows() if _overlap(a["low"], a["high"], r["low"], _top(r["low"], r["high"]))]
    if not hits:
        values = "; ".join(f"{_fmt(r['low'], _top(r['low'], r['high']), '%')} ({_short_source(r)}: {r['population']}"
                           + (f", {r['form']}" if r["form"] else "") + ")" for _, r in pool.iterrows())
        return _finding("absorption_rate", "unsupported", a, ", ".join(pool["ref_id"]),
                        f"{a['stance']} for {a['subject']} matches none of the values {scope} ({values}); they were "
                        "measured at other doses or conditions, so no verdict.", "", "", ", ".join(pool["ref_id"]))
    hit = hits[0]
    value = _fmt(hit["low"], _top(hit["low"], hit["high"]), "%")
    return _finding("absorption_rate", "agreement", a, hit["ref_id"],
                    f"{a['stance']} for {a['subject']} is within the values {scope} ({value}, "
                    f"{_short_source(hit)}; {hit['population']}).", hit["quote"], value, hit["ref_id"])


PREVALENCE_MEASURES = ("absorption", "intake below the EAR", "intake below the RDA", "intake", "status")
INTAKE_MEASURES = ("intake below the EAR", "intake below the RDA", "intake")
_OTHER_REGION = re.compile(r"\b(?:western|world\w*|global\w*|europe\w*|uk|british|canad\w*|australi\w*|north\s+america\w*"
                           r"|asia\w*|africa\w*|india\w*|chin(?:a|ese)|japan\w*)\b", re.IGNORECASE)
_US = re.compile(r"\b(?:us|u\.s\.|usa|united\s+states|americans?)\b", re.IGNORECASE)
_AGE_BOUND = re.compile(r"\b(?:over|under|above|below|older\s+than|younger\s+than)\s+(?:the\s+age\s+of\s+|age\s+)?(\d{2})\b"
                        r"|\b(\d{2})\s*\+|\b(\d{2})\s*(?:years?\s+)?(?:and|or)\s+(?:older|over)\b", re.IGNORECASE)


_SUBGROUP = re.compile(r"\b(?:african|black|hispanics?|latin[oa]s?|latinx|asians?|whites?|caucasians?|mexican|"
                       r"non-hispanic|ethnic\w*|minorit\w*|darker[\s-]skinned)\b", re.IGNORECASE)


def _after_share(a: dict) -> str:
    """The words right after a share, up to the next number or the end of its clause ("70% worldwide", "82% in
    African Americans"): whom that share is of."""
    try:
        value_end = int(a.get("value_end") - a["start"])
    except (TypeError, ValueError, KeyError):
        return ""
    rest = a["quote"][value_end:] if 0 <= value_end <= len(a["quote"]) else ""
    return re.split(r"\d|[;.!?]|\b(?:and|but|while|whereas)\b", rest, maxsplit=1)[0][:60]


def _prevalence_measure(text: str) -> str:
    """What a share of people measures, from its words: "absorption", an intake below the EAR or the RDA, an
    intake below an unnamed requirement ("intake"), low blood levels or deficiency ("status"); "" when unsaid.
    An intake cue wins over "deficiency" ("the prevalence of deficiency... 50% fail to meet their requirement")."""
    found = [m for m in PREVALENCE_MEASURES if (p := _pattern_of("prevalence_measure", m)) is not None and p.search(text)]
    if "absorption" in found:
        return "absorption"
    intake = [m for m in found if m in INTAKE_MEASURES]
    if intake:
        if "intake" in intake or len(intake) == 1:
            named = [m for m in intake if m != "intake"]
            return named[0] if len(named) == 1 else "intake"
        return "intake"
    return "status" if "status" in found else ""


def _measure_of_reference(measure: str) -> str:
    """The class of what a reference share measures, from its `measure` column ("usual intake below the EAR")."""
    text = measure.lower()
    if "absorb" in text:
        return "absorption"
    if "intake" in text:
        return "intake below the EAR" if "ear" in re.findall(r"[a-z]+", text) else \
            "intake below the RDA" if "rda" in re.findall(r"[a-z]+", text) else "intake"
    return "status"


def _ages_named(text: str) -> set[str]:
    return {next(g for g in m.groups() if g) for m in _AGE_BOUND.finditer(text)}


def _prevalence_verdict(a: dict, refs: _References) -> dict:
    """A share of people against the cited shares that measure the same thing (intake below the EAR or RDA,
    blood levels, malabsorption) in the same group and region. One survey's figure does not refute another's:
    a claim is said to conflict only when it lies outside the span of several cited shares."""
    population = a["population"]
    if population == "all" and re.search(r"\badults?\b", a["claim_subject"] or "", re.IGNORECASE):
        population = ADULTS  # "46% of American adults": adults, not all ages
    elif population != "all":
        population = _population(a["claim_subject"] or "", a["quote"])  # "For those over the age of 60, ... 20%"
    subject = a["subject"] or a["claim_subject"] or population

    def no_verdict(why: str, rows: pd.DataFrame | None = None) -> dict:
        ids = ", ".join(rows["ref_id"]) if rows is not None and len(rows) else ""
        return _finding("deficiency_prevalence", "unsupported", a, ids, f"{a['stance']} for {subject}: {why}",
                        "", "", ids)

    rows = refs.select(a["supplement"], "deficiency_prevalence", ("prevalence", "review_statement"), population)
    if rows.empty:
        return no_verdict("no figure for this group and supplement in the reference table.")
    measure = _prevalence_measure(a["quote"])
    if not measure:
        return no_verdict("the page does not say what the share measures (intake below a requirement, blood "
                          "levels or deficiency), so no cited share is comparable.")
    classes = rows["measure"].map(_measure_of_reference)
    same = rows[classes.isin(INTAKE_MEASURES)] if measure == "intake" else rows[classes == measure]
    if same.empty:
        measured = "; ".join(dict.fromkeys(rows["measure"]))
        said = {"status": "low blood levels or deficiency", "absorption": "malabsorption"}.get(measure, f"an {measure}")
        return no_verdict(f"the cited shares for this group measure something else ({measured}), not {said}.", rows)
    after = _after_share(a)
    if _SUBGROUP.search(after):
        return no_verdict("the cited shares are for the whole population, the claim is about a group within it "
                          f"('{after.strip()}').", same)
    if _OTHER_REGION.search(after) and not _US.search(after):
        return no_verdict(f"the cited shares are for the US, the claim is about another population ('{after.strip()}').",
                          same)
    regions = set(same["region"]) - {""}
    if regions == {"US"} and (_OTHER_REGION.search(a["claim_subject"] or "")
                              or (_OTHER_REGION.search(a["quote"]) and not _US.search(a["quote"]))):
        return no_verdict("the cited shares are for the US, the claim is about another population.", same)
    years = set(re.findall(r"\b(?:19|20)\d\d\b", a["quote"])) if re.search(r"NHANES|survey", a["quote"], re.IGNORECASE) \
        else set()
    if years and not any(y in p for p in same["population"] for y in years):
        return no_verdict(f"the claim cites a survey of {'/'.join(sorted(years))}; the cited shares are from other "
                          "surveys.", same)
    ages = _ages_named(f"{a['claim_subject']} {a['quote']}")
    row_ages = [_ages_named(p) for p in same["population"]]
    if ages and any(r and not (r & ages) for r in row_ages):
        return no_verdict("the cited shares are for another age group (" + "; ".join(same["population"]) + ").", same)
    low, high = same["low"].min(), same["high"].fillna(same["low"]).max()
    ids = ", ".join(same["ref_id"])
    measures = "; ".join(dict.fromkeys(same["measure"]))
    if _overlap(a["low"], a["high"], low, high):
        return _finding("deficiency_prevalence", "agreement", a, ids,
                        f"{a['stance']} for {subject} is within the cited shares for {a['supplement']} "
                        f"({low:g}-{high:g}%), which measure: {measures}.", "", f"{low:g}-{high:g}%", ids)
    if len(same) < 2:
        row = same.iloc[0]
        return no_verdict(f"it differs from the one cited share for this group and measure ({_fmt(low, high, '%')}: "
                          f"{row['measure']}; {_short_source(row)}, {row['population']}), and one survey's figure "
                          "does not refute another's.", same)
    return _finding("deficiency_prevalence", "conflicts_with_evidence", a, ids,
                    f"{a['stance']} for {subject} is outside every cited share for {a['supplement']} "
                    f"({low:g}-{high:g}%: {measures}).", "", f"{low:g}-{high:g}%", ids)


def _enzyme_verdict(a: dict, refs: _References) -> dict | None:
    rows = refs.select(a["supplement"], "enzyme_count", ("review_statement",))
    if rows.empty:
        return None
    ref = rows.iloc[0]
    kind = "agreement" if _overlap(a["low"], a["high"], ref["low"], ref["high"]) else "conflicts_with_evidence"
    return _finding("enzyme_count", kind, a, ref["ref_id"],
                    f"{a['stance']} enzyme systems; {_short_source(ref)} says more than {ref['low']:g}.",
                    ref["quote"], f"{ref['low']:g}+", ref["ref_id"])


VERDICT_OF = {"dose": _dose_verdict, "absorption_rate": _absorption_verdict,  # topics judged against references
              "deficiency_prevalence": _prevalence_verdict, "enzyme_count": _enzyme_verdict}


AN_AGE = "the number is an age, not an amount"
PROBLEM_KINDS = (*ADVERSE_KINDS, "conflicts_with_evidence")  # verdicts against a reference a reader would quote
_AGE_AT_VALUE = re.compile(r"\b(?:ages?|aged)\s*(?:of\s+|from\s+|between\s+)?$", re.IGNORECASE)
_AGE_AFTER_VALUE = re.compile(r"^\s*(?:years?|yrs?|months?|mo)\b(?!\s+of\s+age\b.*\b(?:mg|iu|mcg)\b)", re.IGNORECASE)


def _implausible_dose(a: dict, refs: _References) -> str:
    """Why a dose's number is not a dose at all, or "": the number is an age ("600 IU for people ages 1 to 70"
    read as 1-70 IU), or its low end is under a tenth of every RDA/AI of its supplement while the sentence
    names ages."""
    quote = a["quote"]
    try:
        value_at, value_end = int(a["value_start"] - a["start"]), int(a["value_end"] - a["start"])
    except (TypeError, ValueError, KeyError):
        value_at, value_end = -1, -1
    if 0 <= value_at <= value_end <= len(quote) and (_AGE_AT_VALUE.search(quote[max(0, value_at - 20):value_at])
                                                     or _AGE_AFTER_VALUE.match(quote[value_end:])):
        return AN_AGE
    intakes = refs.select(a["supplement"], "dose", INTAKE_BASES)
    low = _bottom(a["low"], a["high"])
    if len(intakes) and not math.isnan(low) and re.search(r"\bages?\b|\baged\b", quote, re.IGNORECASE):
        unit = str(intakes.iloc[0]["unit"])
        smallest = min((_top(r["low"], r["high"]) for _, r in intakes.iterrows()), default=math.nan)
        amount = _convert(low, a["unit"].removesuffix("/day"), unit.removesuffix("/day"), a["supplement"])
        if not math.isnan(amount) and not math.isnan(smallest) and amount < smallest / 10:
            return f"{a['stance']} is under a tenth of every RDA/AI for {a['supplement']} in a sentence naming ages"
    return ""


def withheld_problem(a: dict, found: dict, refs: _References, named: bool = True) -> str:
    """Why a problem verdict against a reference (above a UL, outside studied doses, in conflict with evidence)
    is not published as one, or "" when it is.

    A problem finding is what a journalist would quote, and across the audits most of them were false or
    misleading for reasons the verdict itself cannot see. So one is published only when the claim is the page's
    own (no hypothetical or rejected position: "that's assuming ~100% absorption", "Misconception: ..."), the
    supplement is named in the sentence or is the page's own supplement (`named`), a dose is advice (a dose to
    take, a recommended intake or a product's own strength: the `finding_gate` `advice` cues of stances.csv; a
    daily amount, "mg/day", or a group's row of a table counts as advice) and a plausible amount (not an age
    range), and a share's population is the one the sentence names. The basis being unknown is itself the
    statement of `unclear_basis`, so it does not withhold one."""
    if found["kind"] not in PROBLEM_KINDS:
        return ""
    quote = a["quote"]
    if _matches("hypothetical", quote):
        return "the sentence states a hypothetical or a position the page rejects"
    if not named:
        return f"{a['supplement']} is neither named in the sentence nor the page's own supplement"
    if _matches_gate("attributed", quote):
        return "the sentence reports what others advise, not the page's own advice"
    if found["kind"] == "unclear_population" and (age_spans(_band_text(a)) or _NAMED_GROUP.search(quote)):
        return "the sentence names its own group, so the verdict cannot depend on the age group"
    if a["topic"] == "dose":
        implausible = _implausible_dose(a, refs)
        if implausible:
            return implausible
        located = _located(a)
        basis = _dose_basis(quote, "", "", str(a.get("unit", "")), *located) if located else a["basis"]
        if basis in NOT_JUDGED_BASES:
            return f"the amount is not advice (basis '{basis}': a warning, a description or what is sold)"
        if found["kind"] in ADVERSE_KINDS and _ceiling_cue(a) is not None:
            return "the amount is a ceiling the page sets, not a dose it advises"
        if a["basis"] != "total intake" and not str(a.get("unit", "")).endswith("/day") and \
                not _matches_gate("advice", f"{a.get('claim_subject', '')} {quote}") and not _group_row(quote):
            return "the sentence does not advise the amount (no dose, intake or product cue)"
    if a["topic"] in ("deficiency_prevalence", "absorption_rate"):
        if not 0 <= _top(a["low"], a["high"]) <= 100:
            return "not a share"
        if a["topic"] == "deficiency_prevalence" and a.get("population", "") in ("all", ADULTS, "") and \
                _SUBGROUP.search(quote):
            return "the sentence names a subgroup the compared share is not for"
    return ""


def _group_row(quote: str) -> bool:
    """Whether a table row gives an amount for a group it names in its first cell ("| Adults with iron deficiency |
    60 mg |"): a table of amounts by group says what each group takes."""
    cells = [c.strip() for c in quote.strip().strip("|").split("|")]
    if not quote.lstrip().startswith("|") or len(cells) < 2:
        return False
    return population_class(cells[0]) != ADULTS or bool(re.search(r"\b(?:adults?|men|women)\b", cells[0], re.IGNORECASE))


_NAMED_GROUP = re.compile(r"\b(?:infants?|bab(?:y|ies)|toddlers?|children|kids|teen\w*|adolescents?|pregnan\w*|"
                          r"breastfeed\w*|lactat\w*|nursing|boys?|girls?|seniors?|elderly)\b", re.IGNORECASE)


def _located(a: dict) -> tuple[int, int] | None:
    """A stance's number as offsets into its quote, when they are known."""
    try:
        value_at, value_end = int(a["value_start"] - a["start"]), int(a["value_end"] - a["start"])
    except (TypeError, ValueError, KeyError):
        return None
    return (value_at, value_end) if 0 <= value_at <= value_end <= len(a["quote"]) else None


def _matches_gate(stance: str, text: str) -> bool:
    pattern = _pattern_of("finding_gate", stance)
    return bool(pattern is not None and pattern.search(text))


def _named_supplements(stances: pd.DataFrame) -> set[tuple[str, str]]:
    """(doc_id, supplement) pairs where the supplement is the page's most named one among its stances: a claim
    under such a page's headings and title is about it even when its sentence does not name it."""
    named = stances[stances["supplement"] != ""]
    return {(doc, counts.idxmax()) for doc, counts in
            ((doc, group["supplement"].value_counts()) for doc, group in named.groupby("doc_id"))}


def _names_supplement(a: dict, main: set[tuple[str, str]]) -> bool:
    if (a["doc_id"], a["supplement"]) in main:
        return True
    text = f"{a.get('claim_subject', '')} | {a['quote']}"
    return any(name == a["supplement"] for _, _, name, _ in _registry().identify(text, a["supplement"]))


def gate_problem(found: dict, a: dict, refs: _References, main: set[tuple[str, str]]) -> dict:
    """`found` unchanged when publishable (see `withheld_problem`), else an `unsupported` row whose detail says
    what was missing, with the verdict it would have had."""
    if found["kind"] not in PROBLEM_KINDS:
        return found
    why = withheld_problem(a, found, refs, _names_supplement(a, main))
    if not why:
        return found
    return {**found, "kind": "unsupported", "verdict": VERDICTS["unsupported"],
            "detail": f"Not reported as a problem ({why}); against the references: {found['detail']}"}


def against_references(stances: pd.DataFrame, refs: pd.DataFrame) -> pd.DataFrame:
    """Each numeric claim against the cited references of its own supplement: one verdict per claim, a problem
    verdict only where `withheld_problem` finds nothing missing."""
    stances = _with_stance_columns(stances)
    table = _References(refs)
    judged = stances[(stances["role"] == "stance") & (stances["supplement"] != "") & stances["topic"].isin(VERDICT_OF)]
    main = _named_supplements(judged)
    rows = [(VERDICT_OF[a["topic"]](a, table), a) for a in judged.to_dict("records")]
    return pd.DataFrame([gate_problem(r, a, table, main) for r, a in rows if r], columns=FINDING_COLUMNS)


# --- between documents and within one ----------------------------------------------------------------------------

def _stated_forms(refs: pd.DataFrame | None) -> dict[str, list[str]]:
    """supplement -> the words of the forms its dose references are about ("epa", "dha"; "extract"): two pages'
    doses are compared only when both state the same of these (fish-oil mass is not EPA+DHA)."""
    if refs is None:
        return {}
    rows = refs[(refs["topic"] == "dose") & (refs["form"] != "")]
    return {supplement: sorted({w for form in group["form"] for w in re.split(r"[+/,\s]+", form.lower()) if w})
            for supplement, group in rows.groupby("supplement")}


def _comparable_doses(stances: pd.DataFrame, refs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Dose stances with a known basis, in one unit per supplement (elemental where it matters), with their group."""
    doses = stances[(stances["topic"] == "dose") & (stances["role"] == "stance") & (stances["supplement"] != "")
                    & ~stances["basis"].isin(NOT_COMPARED_BASES) & ~(stances["high"].isna() & stances["low"].notna())]
    stated_forms = _stated_forms(refs)
    rows = []
    for a in doses.to_dict("records"):
        amounts, _ = _elemental_amounts(a)
        if amounts is None:
            continue  # unknown whether elemental: not compared with other pages
        in_mg = [_convert(v, a["unit"], "mg", a["supplement"]) for v in amounts]  # IU through the registry's conversion
        convertible = not math.isnan(_top(*in_mg))
        unit = "mg" if convertible else a["unit"].removesuffix("/day")
        low, high = in_mg if convertible else amounts
        if math.isnan(_top(low, high)):
            continue
        if _OPEN_ENDED.search(a["quote"]):
            high = math.inf  # "1,000 to 2,000 IU per day, and higher for people with variants": no upper end
        text = f"{a['form']} {a['quote']}".lower()
        stated = " ".join(w for w in stated_forms.get(a["supplement"], []) if re.search(rf"\b{re.escape(w)}", text))
        rows.append({**a, "lo": -math.inf if math.isnan(low) else low, "hi": math.inf if math.isnan(high) else high,
                     "norm_unit": unit, "stated": stated})
    return pd.DataFrame(rows)


_OPEN_ENDED = re.compile(r"\b(?:and|or)\s+(?:even\s+)?(?:higher|more|above|over|up)\b"  # "... or more"
                         r"|\b(?:more|higher\s+(?:doses?|amounts?))\s+(?:may|might|could|can)\s+be\s+(?:needed|required"
                         r"|necessary|helpful)\b", re.IGNORECASE)  # "recommends 600 IU but suggests more may be needed"


def _range_text(lo: float, hi: float, unit: str) -> str:
    return _fmt(math.nan if lo == -math.inf else lo, math.nan if hi == math.inf else hi, unit)


def _document_ranges(doses: pd.DataFrame, keys: list[str]) -> dict[tuple, list[dict]]:
    """group -> one entry per document: its recommendations as a whole (lowest to highest), with the stances
    that set each end (the quote shown for that side)."""
    ranges: dict[tuple, dict[str, dict]] = {}
    for a in doses.to_dict("records"):
        entry = ranges.setdefault(tuple(a[k] for k in keys), {}).setdefault(a["doc_id"], {"doc_id": a["doc_id"],
                                                                                         "purposes": set()})
        entry["purposes"].add(a["purpose"])
        if "lo" not in entry or a["lo"] < entry["lo"]:
            entry.update(lo=a["lo"], low_side=a)
        if "hi" not in entry or a["hi"] > entry["hi"]:
            entry.update(hi=a["hi"], high_side=a)
    return {key: list(docs.values()) for key, docs in ranges.items()}


def _same_purpose(a: set[str], b: set[str]) -> bool:
    """Two pages' doses are for the same purpose when they share one, or either page states one for general use."""
    return "general" in a or "general" in b or bool(a & b)


def _as_stated(entry: dict) -> str:
    """A page's range as the page wrote it: its lowest and its highest statement."""
    sides = (entry["low_side"], entry["high_side"])
    written = [side["stance"] + (f" of {side['supplement']} {side['form']}" if side["form"] else "") for side in sides]
    return " to ".join(dict.fromkeys(written))


def _in_mg(entry: dict) -> str:
    return _range_text(entry["lo"], entry["hi"], "mg")


# One row per document and dose group (RANGE_KEYS): what the comparison between documents needs, computed per
# document (so in the batches), then compared group by group (`contradictions_by_group`).
RANGE_KEYS = ["supplement", "population", "basis", "stated", "norm_unit"]
RANGE_COLUMNS = [*RANGE_KEYS, "doc_id", "rid", "lo", "hi", "purposes", "as_stated", "in_mg", "units", "salt",
                 "high_quote", "high_subject", "high_stance", "high_start", "high_end", "low_quote", "low_stance"]
LISTED_PER_GROUP = 100  # beyond PAIRWISE_LIMIT documents, at most this many contradicting pairs per group are listed


def dose_ranges(stances: pd.DataFrame, refs: pd.DataFrame | None = None, first_rid: int = 0) -> pd.DataFrame:
    """Each document's recommended doses per group (supplement, population, basis, stated form, unit) as one range,
    lowest to highest, with the statements that set its two ends. Depends on each document alone, so it is
    computed batch by batch; `rid` (from `first_rid`) keeps the corpus order across batches."""
    doses = _comparable_doses(_with_stance_columns(stances), refs)
    rows = []
    if len(doses):
        for key, docs in _document_ranges(doses, RANGE_KEYS).items():
            for entry in docs:
                low, high = entry["low_side"], entry["high_side"]
                sides = (low, high)
                rows.append({**dict(zip(RANGE_KEYS, key)), "doc_id": entry["doc_id"], "rid": first_rid + len(rows),
                             "lo": entry["lo"], "hi": entry["hi"], "purposes": ";".join(sorted(entry["purposes"])),
                             "as_stated": _as_stated(entry), "in_mg": _in_mg(entry),
                             "units": ";".join(sorted({side["unit"].removesuffix("/day") for side in sides})),
                             "salt": any(bool(_elemental_amounts(side)[1]) for side in sides),
                             "high_quote": high["quote"], "high_subject": high["subject"], "high_stance": high["stance"],
                             "high_start": high["start"], "high_end": high["end"], "low_quote": low["quote"],
                             "low_stance": low["stance"]})
    return pd.DataFrame(rows, columns=RANGE_COLUMNS)


def _purposes(entry: dict) -> set[str]:
    return set(filter(None, str(entry["purposes"]).split(";")))


def range_pairs(entries: list[dict], pairwise_limit: int = PAIRWISE_LIMIT) -> list[tuple[dict, dict, int]]:
    """The contradicting pairs of one group's documents (entries: doc_id, lo, hi, purposes, in corpus order): every
    pair of disjoint ranges for the same purpose up to `pairwise_limit` documents, else each document with its
    nearest disjoint neighbour on each side. (lower, higher, documents entirely below the higher one)."""
    if len(entries) < 2:
        return []
    docs = sorted(entries, key=lambda d: d["lo"])
    by_high = sorted(entries, key=lambda d: d["hi"])
    highs, lows = [d["hi"] for d in by_high], [d["lo"] for d in docs]
    large = len(docs) > pairwise_limit
    pairs: dict[tuple[str, str], tuple[dict, dict, int]] = {}
    for b in docs:  # documents entirely below b
        below = bisect_left(highs, b["lo"])
        for a in (by_high[below - 1:below] if large else by_high[:below]):
            pairs.setdefault((a["doc_id"], b["doc_id"]), (a, b, below))
    if large:
        for a in docs:  # the nearest document entirely above a
            above = bisect_right(lows, a["hi"])
            if above < len(docs):
                pairs.setdefault((a["doc_id"], docs[above]["doc_id"]), (a, docs[above], 0))
    return [(a, b, below) for a, b, below in pairs.values() if _same_purpose(_purposes(a), _purposes(b))]


def _dose_finding(a: dict, b: dict, key: tuple, below: int, large: bool, listed: str = "") -> dict:
    """One contradiction between two documents' ranges (rows of `dose_ranges`)."""
    supplement, population, basis, _, unit = key
    what = "recommended intakes" if basis == "total intake" else "dose ranges"
    others = f" ({below - 1} other documents also stay below {b['doc_id']}'s range)" if large and below > 1 else ""
    purpose = "/".join(sorted((_purposes(a) | _purposes(b)) - {"general"})) or "general use"
    units = set(a["units"].split(";")) | set(b["units"].split(";"))
    kind = f"elemental {supplement}" if supplement in _salted_supplements() else supplement
    converted = f" (as mg of {kind}: {a['in_mg']} against {b['in_mg']})" if unit == "mg" and (
        len(units) > 1 or a["salt"] or b["salt"]) else ""
    detail = (f"{a['doc_id']} recommends {a['as_stated']} ({supplement}, {population}, {purpose}); "
              f"{b['doc_id']} recommends {b['as_stated']}{converted}: their {what} do not overlap{others}{listed}.")
    side = {"doc_id": a["doc_id"], "quote": a["high_quote"], "subject": a["high_subject"], "stance": a["high_stance"],
            "start": a["high_start"], "end": a["high_end"], "supplement": supplement, "population": population,
            "basis": basis}
    return _finding("dose", "contradiction", side, b["doc_id"], detail, b["low_quote"], b["low_stance"])


def _listed(pairs: list, documents: int, large: bool, cap: int) -> tuple[list, str]:
    """The pairs listed for a group, and what the listed findings say about the others."""
    if not large or len(pairs) <= cap:
        return pairs, ""
    return pairs[:cap], (f"; one of {len(pairs):,} such pairs among the group's {documents:,} documents, the first "
                         f"{cap} of which are listed")


def dose_group_findings(key: tuple, entries: list[dict], details,
                         pairwise_limit: int, cap: int) -> list[dict]:
    """One dose group's contradictions; `details(rids)` gives the full `dose_ranges` rows of the listed documents."""
    large = len(entries) > pairwise_limit
    pairs, listed = _listed(range_pairs(entries, pairwise_limit), len(entries), large, cap)
    if not pairs:
        return []
    full = details(sorted({int(e["rid"]) for a, b, _ in pairs for e in (a, b)}))
    return [_dose_finding(full[int(a["rid"])], full[int(b["rid"])], key, below, large, listed) for a, b, below in pairs]


def _dose_contradictions(stances: pd.DataFrame, pairwise_limit: int, refs: pd.DataFrame | None,
                         cap: int = LISTED_PER_GROUP) -> list[dict]:
    ranges = dose_ranges(stances, refs)
    found = []
    for key, group in ranges.groupby(RANGE_KEYS, sort=False):
        entries = group.to_dict("records")
        by_rid = {int(e["rid"]): e for e in entries}
        found += dose_group_findings(key, entries, lambda rids, rows=by_rid: rows, pairwise_limit, cap)
    return found


def categorical_group_findings(topic: str, supplement: str, records: list[dict], pairwise_limit: int,
                       cap: int = LISTED_PER_GROUP, counts: dict[str, int] | None = None) -> list[dict]:
    """Opposite categorical stances (food timing) of one supplement's documents. Every pair while the pairs are few,
    else each page against the first page of the other side, with a count; at most `cap` listed per pair of stances
    then. `records`: the group's stance rows in corpus order (with `counts`, only the first ones of each stance,
    `counts` saying how many there are)."""
    found = []
    by_stance: dict[str, list[dict]] = {}
    for record in records:
        by_stance.setdefault(record["stance"], []).append(record)
    counts = counts or {stance: len(rows) for stance, rows in by_stance.items()}
    opposed = [s for s in by_stance if s not in COMPATIBLE_STANCES]
    for first, second in combinations(opposed, 2):
        left, right = by_stance[first], by_stance[second]
        n_left, n_right = counts[first], counts[second]
        if n_left * n_right <= pairwise_limit ** 2 // 4:
            pairs, total = [(a, b) for a in left for b in right], n_left * n_right
        else:  # each page against the first page of the other side, with a count
            pairs, total = [(a, right[0]) for a in left] + [(left[0], b) for b in right[1:]], n_left + n_right - 1
        sampled = n_right > 1 and total < n_left * n_right  # each page against the other side's first page
        listed = ""
        large = n_left * n_right > pairwise_limit ** 2 // 4
        if total > cap and large:  # a large group lists at most `cap` pairs, with the count of the rest
            pairs = pairs[:cap]
            listed = f"; one of {total:,} such pairs for {supplement}, the first {cap} of which are listed"
        for a, b in pairs:
            if a["doc_id"] == b["doc_id"]:
                continue
            detail = (f"{a['doc_id']} says {a['stance']} ({supplement}); {b['doc_id']} says {b['stance']}"
                      + (f" (as do {n_right - 1} other documents)" if sampled else "") + f"{listed}.")
            found.append(_finding(topic, "contradiction", a, b["doc_id"], detail, b["quote"], b["stance"]))
    return found


def _categorical_contradictions(stances: pd.DataFrame, pairwise_limit: int, cap: int = LISTED_PER_GROUP) -> list[dict]:
    found = []
    rows = stances[(stances["role"] == "stance") & stances["topic"].isin(CONTRADICTION_TOPICS)]
    for (topic, supplement), group in rows.groupby(["topic", "supplement"], sort=False):
        if not supplement or group["doc_id"].nunique() < 2:
            continue
        found += categorical_group_findings(topic, supplement, group.to_dict("records"), pairwise_limit, cap)
    return found


def unique_pairs(found: list[dict], seen: set | None = None) -> list[dict]:
    """One finding per topic and pair of documents (the first), whichever document is named first."""
    seen = set() if seen is None else seen
    kept = []
    for finding in found:
        pair = (finding["topic"], *sorted((finding["doc_id"], finding["other"])))
        if pair not in seen:
            seen.add(pair)
            kept.append(finding)
    return kept


def between_documents(stances: pd.DataFrame, pairwise_limit: int = PAIRWISE_LIMIT,
                      refs: pd.DataFrame | None = None, cap: int = LISTED_PER_GROUP) -> pd.DataFrame:
    """Contradictions between documents about the same supplement, population, purpose and basis.

    Each document's recommendations in a group are taken as a whole (lowest to highest), so a starting
    dose and a maximum are one range, and two documents contradict only when their ranges are disjoint.
    Up to `pairwise_limit` documents per group every such pair is listed; beyond that each document is
    paired with its nearest disjoint neighbour on each side (with a count of the others), and at most `cap`
    of those pairs are listed per group, each saying how many there are: the table grows with the number of
    groups, not with the documents. One finding per pair and topic."""
    stances = _with_stance_columns(stances)
    found = _dose_contradictions(stances, pairwise_limit, refs, cap) + _categorical_contradictions(stances, pairwise_limit, cap)
    return pd.DataFrame(unique_pairs(found), columns=FINDING_COLUMNS)


def within_documents(stances: pd.DataFrame) -> pd.DataFrame:
    """A page contradicting itself: opposite food timing, or two disjoint recommended intakes for the same group."""
    stances = _with_stance_columns(stances)
    found = []
    also = stances[stances["role"] == "also"]
    main = stances[stances["role"] == "stance"].set_index(["doc_id", "topic"])
    for b in also.to_dict("records"):
        if (b["doc_id"], b["topic"]) not in main.index:
            continue
        a = main.loc[[(b["doc_id"], b["topic"])]].reset_index().iloc[0].to_dict()
        found.append(_finding(b["topic"], "self_contradiction", a, a["doc_id"],
                              f"{a['doc_id']} says {a['stance']} and also {b['stance']}.", b["quote"], b["stance"]))
    intake = stances[(stances["topic"] == "dose") & (stances["basis"] == "total intake") & (stances["role"] == "stance")]
    for _, group in intake.groupby(["doc_id", "supplement", "unit"], sort=False):
        records = group.to_dict("records")
        for a, b in combinations(records, 2):
            same_group = _normal_subject(a["claim_subject"]) == _normal_subject(b["claim_subject"]) and \
                _ages(a["quote"]) == _ages(b["quote"]) and _sexes(a["quote"]) == _sexes(b["quote"]) and \
                a["population"] == b["population"]  # "Women: 8 mg" and "Pregnant and breastfeeding women: 11 mg"
            # rows of an RDA table differ by their age band or sex ("14-18 years (boys): 11 mg", "(girls): 9 mg")
            if same_group and a["quote"] != b["quote"] and not _overlap(a["low"], a["high"], b["low"], b["high"]):
                found.append(_finding("dose", "self_contradiction", a, a["doc_id"],
                                      f"{a['doc_id']} gives the recommended intake for the same group as {a['stance']} "
                                      f"and as {b['stance']}.", b["quote"], b["stance"]))
    return pd.DataFrame(found, columns=FINDING_COLUMNS)


_AGE = re.compile(r"\b\d{1,2}\s*(?:[-–]\s*\d{1,2}|\+)(?:\s*(?:years?|yrs?|y)\b)?|\b(?:over|under|above|below)\s+\d{1,2}\b",
                  re.IGNORECASE)


def _ages(quote: str) -> set[str]:
    """The age bands a quote names ("19-30 years", "31+", "over 50")."""
    return {" ".join(m.lower().split()) for m in _AGE.findall(quote)}


_SEX = re.compile(r"\b(?:boys?|girls?|men|women|males?|females?|man|woman)\b", re.IGNORECASE)
_SEX_CLASS = {"boy": "m", "boys": "m", "men": "m", "man": "m", "male": "m", "males": "m"}


def _sexes(quote: str) -> set[str]:
    """The sexes a quote names ("boys", "women"), as m/f."""
    return {_SEX_CLASS.get(m.lower(), "f") for m in _SEX.findall(quote)}


def _normal_subject(subject: str) -> str:
    return " ".join(re.findall(r"[a-z]+|\d+", str(subject).lower()))


def find_inconsistencies(claims: pd.DataFrame, sentences: pd.DataFrame, refs: pd.DataFrame,
                         strength: pd.DataFrame | None = None, stances: pd.DataFrame | None = None) -> pd.DataFrame:
    """All findings: between documents, within documents and against the references, contradictions first."""
    stances = all_stances(claims, sentences, strength) if stances is None else stances
    return compare_stances(stances, refs)


def compare_stances(stances: pd.DataFrame, refs: pd.DataFrame) -> pd.DataFrame:
    """Findings from the stances alone (no text, no claims table), for a corpus held in memory; `analyze` computes
    the same findings batch by batch (`document_findings`) and group by group (`dose_ranges`, `dose_group_findings`,
    `categorical_group_findings`)."""
    stances = _with_stance_columns(stances)
    return sort_findings([between_documents(stances, refs=refs), within_documents(stances),
                          against_references(stances, refs)])


def document_findings(stances: pd.DataFrame, refs: pd.DataFrame) -> pd.DataFrame:
    """The findings that depend on one document alone (a page contradicting itself, each claim against the
    references), so computed in the batches, where the stances are."""
    stances = _with_stance_columns(stances)
    return sort_findings([within_documents(stances), against_references(stances, refs)])


def sort_findings(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Findings in the order readers meet them: by kind (contradictions first), topic and document."""
    findings = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=FINDING_COLUMNS)
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return findings.sort_values(["kind", "topic", "doc_id"], key=lambda c: c.map(order) if c.name == "kind" else c,
                                ignore_index=True, kind="stable")[FINDING_COLUMNS]


# --- summaries for the charts and the prose ----------------------------------------------------------------------

MATRIX_ORDER = ["exceeds_reference", "conflicts_with_evidence", "outside_studied_range", "contradiction",
                "self_contradiction", "unclear_basis", "unclear_population", "agreement", "unsupported"]


def claim_matrix(documents: pd.DataFrame, stances: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Tidy documents x topics: the verdict on each document's claims (the most serious one), its stated value,
    and the reference or other document behind it (`evidence`). Grouped and merged once, never filtered per cell."""
    stances = _with_stance_columns(stances)
    mine = stances[stances["role"] == "stance"]
    values = mine.groupby(["doc_id", "topic"], sort=False)["stance"].agg(lambda s: "; ".join(dict.fromkeys(s))) \
        .rename("value").reset_index()
    rank = {kind: i for i, kind in enumerate(MATRIX_ORDER)}
    columns = ["doc_id", "topic", "kind", "reference_id", "other"]
    other_side = findings.loc[findings["kind"] == "contradiction", ["other", "topic", "kind", "reference_id", "doc_id"]]
    sides = pd.concat([findings[columns], other_side.set_axis(columns, axis=1)], ignore_index=True)
    sides = sides.assign(rank=sides["kind"].map(rank)).dropna(subset=["rank"]).sort_values("rank", kind="stable")
    worst = sides.drop_duplicates(["doc_id", "topic"])
    worst = worst.assign(evidence=worst["reference_id"].where(worst["reference_id"].fillna("") != "", worst["other"]))
    grid = pd.MultiIndex.from_product([documents["doc_id"], TOPICS], names=["doc_id", "topic"]).to_frame(index=False)
    grid = grid.merge(values, how="left", on=["doc_id", "topic"]).merge(
        worst[["doc_id", "topic", "kind", "evidence"]], how="left", on=["doc_id", "topic"])
    grid["value"] = grid["value"].fillna("")
    stated = grid["value"] != ""
    grid["kind"] = grid["kind"].where(stated, "").fillna("unsupported")
    grid["status"] = grid["kind"].map(VERDICTS).where(stated, NOT_STATED)
    grid["evidence"] = grid["evidence"].fillna("").where(stated, "")
    return grid[["doc_id", "topic", "status", "value", "kind", "evidence"]]


def _compared_units(stances: pd.DataFrame | None, findings: pd.DataFrame) -> dict[str, set[tuple]]:
    """doc_id -> the topics the comparison between documents holds it to: (supplement, topic, population, basis)
    of its comparable doses (`_comparable_doses`: advice with a known basis, elemental where it matters) and of its
    stances on CONTRADICTION_TOPICS. Without stances, those its findings name (both sides of a contradiction)."""
    units: dict[str, set[tuple]] = {}
    if stances is not None:
        stances = _with_stance_columns(stances)
        doses = _comparable_doses(stances)
        categorical = stances[(stances["role"] == "stance") & (stances["supplement"] != "")
                              & stances["topic"].isin(CONTRADICTION_TOPICS)]
        for part in (doses, categorical):
            if len(part):
                for d, *unit in zip(part["doc_id"], part["supplement"], part["topic"], part["population"],
                                    part["basis"]):
                    units.setdefault(d, set()).add(tuple(unit))
        return units
    f = findings[findings["topic"].isin(("dose", *CONTRADICTION_TOPICS)) & (findings["supplement"].fillna("") != "")]
    for d, o, kind, *unit in zip(f["doc_id"], f["other"], f["kind"], f["supplement"], f["topic"],
                                 f["population"].fillna(""), f["basis"].fillna("")):
        for x in (d, o) if kind == "contradiction" else (d,):
            units.setdefault(x, set()).add(tuple(unit))
    return units


def pairwise_agreement(findings: pd.DataFrame, documents: pd.DataFrame, stances: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each pair of documents, the share of the topics the two were compared on that agree (no contradiction
    between them), tidy (documents squared rows: for small corpora; the notebooks summarise larger ones by group).

    A topic is a supplement's dose for one population and basis, or its food timing (what `between_documents`
    compares: `_compared_units`). Two documents with no such topic in common were not compared: `status` "not
    compared", `agreement` NaN, never 1.0 (pages on unrelated supplements do not agree, they are not compared).
    `compared_topics` (also in `shared_topics`) is the n of the share, `contradicted_topics` the topics with a
    contradiction; the diagonal is `status` "same document" with agreement 1.0."""
    docs = list(documents["doc_id"])
    contradicted = findings[findings["kind"] == "contradiction"].fillna({"population": "", "basis": ""})
    bad: dict[frozenset, set[tuple]] = {}
    for a, b, *unit in zip(contradicted["doc_id"], contradicted["other"], contradicted["supplement"],
                           contradicted["topic"], contradicted["population"], contradicted["basis"]):
        bad.setdefault(frozenset((a, b)), set()).add(tuple(unit))
    units = _compared_units(stances, findings)
    rows = []
    for a in docs:
        for b in docs:
            if a == b:
                rows.append({"doc_id": a, "other": b, "agreement": 1.0, "shared_topics": math.nan,
                             "compared_topics": math.nan, "contradicted_topics": math.nan, "status": "same document"})
                continue
            against = bad.get(frozenset((a, b)), set())
            compared = units.get(a, set()) & units.get(b, set()) | against  # a contradiction is always a comparison
            rows.append({"doc_id": a, "other": b, "agreement": 1 - len(against) / len(compared) if compared else math.nan,
                         "shared_topics": len(compared), "compared_topics": len(compared),
                         "contradicted_topics": len(against), "status": "compared" if compared else "not compared"})
    return pd.DataFrame(rows, columns=["doc_id", "other", "agreement", "shared_topics", "compared_topics",
                                       "contradicted_topics", "status"])


def group_summary(stances: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Per (supplement, topic, population): documents, claims and the count of each verdict, from one groupby."""
    stances = _with_stance_columns(stances)
    mine = stances[(stances["role"] == "stance") & (stances["supplement"] != "")]
    keys = ["supplement", "topic", "population"]
    docs = mine.groupby(keys)["doc_id"].nunique().rename("documents")
    claims = mine.groupby(keys).size().rename("claims")
    f = findings.assign(population=findings["population"].fillna(""))
    verdicts = f.pivot_table(index=keys, columns="verdict", values="doc_id", aggfunc="count", fill_value=0) \
        if len(f) else pd.DataFrame()
    out = pd.concat([docs, claims], axis=1)
    if len(verdicts):
        out = out.join(verdicts, how="left")
    return out.fillna(0).reset_index().sort_values(["supplement", "topic", "population"], ignore_index=True)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def summary_sentences(stances: pd.DataFrame, findings: pd.DataFrame, documents: pd.DataFrame) -> list[str]:
    """The notebooks' prose, every number and supplement computed from the tables: one sentence per supplement
    the corpus is about, then the contradictions. Nothing is said about a supplement the corpus lacks."""
    stances = _with_stance_columns(stances)
    sentences = []
    total = documents["doc_id"].nunique()
    mine = stances[(stances["role"] == "stance") & (stances["supplement"] != "")]
    for supplement, group in mine.groupby("supplement", sort=True):
        f = findings[findings["supplement"] == supplement]
        doses = group[group["topic"] == "dose"]
        above = f[(f["topic"] == "dose") & (f["kind"] == "exceeds_reference")]
        unclear = f[(f["topic"] == "dose") & (f["kind"] == "unclear_basis")]
        outside = f[(f["topic"] == "dose") & (f["kind"] == "outside_studied_range")]
        absorb = f[(f["topic"] == "absorption_rate") & (f["kind"] == "conflicts_with_evidence")]
        unsupported = f[f["kind"] == "unsupported"]
        parts = [f"**{supplement}** ({group['doc_id'].nunique()} of {_count(total, 'document')}): "
                 f"{_count(len(doses), 'dose claim')}"]
        if len(above):
            parts.append(f"{len(above)} above the upper limit that applies (in "
                         f"{_count(above['doc_id'].nunique(), 'document')})")
        if len(unclear):
            parts.append(f"{len(unclear)} above it only if the amount is elemental, which the page does not say")
        if len(outside):
            parts.append(f"{len(outside)} outside every studied dose")
        if len(absorb):
            parts.append(f"{_count(len(absorb), 'absorption claim')} above every measured value")
        if len(unsupported):
            parts.append(f"{_count(len(unsupported), 'claim')} with no comparable reference value")
        sentences.append(", ".join(parts) + ".")
    contradictions = findings[findings["kind"] == "contradiction"]
    selves = findings[findings["kind"] == "self_contradiction"]
    topics = ", ".join(f"{t} ({n})" for t, n in contradictions["topic"].value_counts().sort_index().items())
    sentences.append(f"{_count(len(contradictions), 'contradiction')} between documents"
                     + (f", on: {topics}." if topics else "."))
    pages = selves["doc_id"].nunique()
    listed = f" ({', '.join(sorted(set(selves['doc_id'])))})" if 0 < pages <= 10 else ""
    sentences.append(f"{_count(pages, 'page contradicts', 'pages contradict')} "
                     f"{'itself' if pages == 1 else 'themselves'}{listed}.")
    return sentences


def top_documents(matrix: pd.DataFrame, limit: int = 30) -> list[str]:
    """The documents a chart can show legibly: those with the most serious verdicts first, at most `limit`."""
    rank = {VERDICTS[k]: i for i, k in enumerate(MATRIX_ORDER)}
    scored = matrix.assign(rank=matrix["status"].map(rank).fillna(len(rank)))
    order = scored.groupby("doc_id", sort=False)["rank"].agg(lambda r: tuple(sorted(r)))
    return list(order.sort_values(kind="stable").index[:limit])


def _as_written(quote: str, start: object, value_start: object, value_end: object, words: int = 2) -> str:
    """The number as the page wrote it, with the word or two after it ("0.9 g EPA"): what tells a chart's rows
    apart when one sentence states several numbers. Empty when the offsets are not known."""
    if not isinstance(quote, str) or any(pd.isna(v) for v in (start, value_start, value_end)):
        return ""
    at, end = int(value_start) - int(start), int(value_end) - int(start)
    if not 0 <= at < end <= len(quote):
        return ""
    after = re.match(rf"(?:[ \t]+[^\W\d][\w+/-]*){{0,{words}}}", quote[end:])
    tail = (after.group(0) if after else "").split()
    titled = [i for i, word in enumerate(tail) if len(word) > 1 and word[0].isupper() and word[1:].islower()]
    tail = tail[:titled[0]] if titled else tail  # "85-90% Excellent Sleep": the next cell of a table row, not the number's
    while tail and tail[-1].lower() in _JOINING_WORDS:  # "900 mg EPA and" reads as "900 mg EPA"
        tail.pop()
    return " ".join([*quote[at:end].split(), *tail])


_JOINING_WORDS = frozenset({"a", "an", "and", "or", "of", "per", "the", "to", "in", "for", "is", "are", "was", "with"})


def _claim_verdicts(stances: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Each stance's most serious verdict among the findings about that claim itself (by its number's offsets,
    `CLAIM_KEY`; findings without them, by what the finding copies of its stance: quote, value, subject,
    population, basis) and the contradictions whose other side it is (other, other_quote, other_value).
    Never another number of the same sentence."""
    rank = {kind: i for i, kind in enumerate(MATRIX_ORDER)}
    f = findings.assign(rank=findings["kind"].map(rank)).dropna(subset=["rank"])
    for column in CLAIM_KEY:
        f = f.assign(**{column: pd.to_numeric(f[column], errors="coerce")}) if column in f else f.assign(**{column: math.nan})
    own = f[f[CLAIM_KEY].notna().all(axis=1)]
    content = ["doc_id", "quote", "value", "subject", "population", "basis"]
    keyed = stances.assign(_row=range(len(stances)), value=stances["stance"],
                           **{c: pd.to_numeric(stances[c], errors="coerce") if c in stances else math.nan
                              for c in CLAIM_KEY})
    keyed = keyed.assign(**{c: keyed[c].fillna("") for c in ("subject", "population", "basis")})
    parts = [keyed.merge(own[["doc_id", *CLAIM_KEY, "rank"]], on=["doc_id", *CLAIM_KEY])]
    old = f[f[CLAIM_KEY].isna().any(axis=1)]
    if len(old):
        old = old.assign(**{c: old[c].fillna("") for c in ("subject", "population", "basis")})
        parts.append(keyed.merge(old[[*content, "rank"]], on=content))
    sides = f[f["kind"] == "contradiction"].rename(columns={"other": "doc_id", "doc_id": "_first"})
    parts.append(keyed.merge(sides[["doc_id", "other_quote", "other_value", "rank"]].rename(
        columns={"other_quote": "quote", "other_value": "value"}), on=["doc_id", "quote", "value"]))
    matched = pd.concat([p[["_row", "rank"]] for p in parts], ignore_index=True)
    best = matched.groupby("_row")["rank"].min()
    ranks = pd.Series(keyed["_row"].map(best).to_numpy(), index=stances.index)
    return pd.DataFrame({"rank": ranks, "kind": ranks.map(lambda r: MATRIX_ORDER[int(r)] if pd.notna(r) else "")},
                        index=stances.index)


def chart_rows(stances: pd.DataFrame, findings: pd.DataFrame, supplement: str, topic: str, unit: str | None = None,
               limit: int = 40) -> pd.DataFrame:
    """One supplement's claims on a topic for a chart: in `unit` (converted through the registry; rows that do not
    convert are left out), the most serious verdicts first, at most `limit` rows (doc_id, subject, low, high,
    unit, verdict). Each row has the verdict of its own claim (`_claim_verdicts`), never of its sentence's
    worst number, and what traces it to the page: `as_written` (the number as written), `quote`, `start`, `end`,
    `value_start`, `value_end`, `kind`."""
    stances = _with_stance_columns(stances)
    rows = stances[(stances["supplement"] == supplement) & (stances["topic"] == topic) & (stances["role"] == "stance")]
    if topic == "dose":
        rows = rows[~rows["basis"].isin(NOT_JUDGED_BASES)]
    if unit:
        rows = rows.assign(low=[_convert(v, u, unit, supplement) for v, u in zip(rows["low"], rows["unit"])],
                           high=[_convert(v, u, unit, supplement) for v, u in zip(rows["high"], rows["unit"])],
                           unit=unit)
        rows = rows[rows["low"].notna() | rows["high"].notna()]
    verdicts = findings[(findings["supplement"] == supplement) & (findings["topic"] == topic)]
    rows = rows.join(_claim_verdicts(rows, verdicts))
    rows = rows.assign(verdict=rows["kind"].map(VERDICTS), rank=rows["rank"].fillna(len(MATRIX_ORDER)),
                       as_written=[_as_written(q, s, a, b) for q, s, a, b in zip(
                           rows["quote"], rows["start"], rows.get("value_start", pd.Series(math.nan, index=rows.index)),
                           rows.get("value_end", pd.Series(math.nan, index=rows.index)))])
    for column in CLAIM_KEY:
        if column not in rows:
            rows[column] = math.nan
    rows = rows.sort_values(["rank", "doc_id", "start"], kind="stable")
    return rows.head(limit)[["doc_id", "subject", "low", "high", "unit", "verdict", "as_written", "quote", "start",
                             "end", *CLAIM_KEY, "kind"]].reset_index(drop=True)


def elemental_sentences(stances: pd.DataFrame) -> list[str]:
    """Prose on the elemental caveat, computed from the stances and the registry: for each salt the documents'
    claims name, its elemental fraction and what the largest dose stated for that supplement would hold if it
    were the compound's mass; then how many dose claims of salt-forming supplements do not say whether they are
    elemental. Empty for a corpus without such doses."""
    stances = _with_stance_columns(stances)
    salted = stances[(stances["role"] == "stance") & stances["supplement"].isin(_salted_supplements())]
    doses = salted[salted["topic"] == "dose"]
    reg = _registry()
    sentences = []
    for (supplement, form), group in salted[salted["form"] != ""].groupby(["supplement", "form"], sort=True):
        fraction = reg.elemental_fraction(supplement, form)
        mine = doses[doses["supplement"] == supplement]
        if fraction is None or mine.empty:
            continue
        own = mine[mine["form"] == form]
        mine = own if len(own) else mine  # the largest amount stated for this salt, else for the supplement
        amounts = mine["high"].fillna(mine["low"])
        largest, unit = amounts.max(), mine.loc[amounts.idxmax(), "unit"]
        source = reg.forms.loc[(reg.forms["supplement"] == supplement) & (reg.forms["form"] == form), "source"].iloc[0]
        sentences.append(f"{supplement} {form} (named in {group['doc_id'].nunique()} documents) is {100 * fraction:.1f}% "
                         f"{supplement} by mass (data/registry/forms.csv: {source.split(';')[0]}), so {largest:g} {unit}, "
                         f"the largest dose stated {'for it' if len(own) else 'for ' + supplement}, would hold about "
                         f"{largest * fraction:.0f} "
                         f"{unit.removesuffix('/day')} of {supplement} if it were the compound's mass.")
    if len(doses):
        unstated = doses[doses["elemental"] == ""]
        names = ", ".join(sorted(set(doses["supplement"])))
        sentences.append(f"**{len(unstated)} of {len(doses)}** dose claims about {names} do not say whether the amount "
                         "is elemental or the compound's mass.")
    return sentences
