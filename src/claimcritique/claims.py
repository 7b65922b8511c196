"""Extract every quantitative claim, typed, with its value or range, unit and exact quote.

Why hand-written: quantulum3 (the best-kept general quantity parser) returns ranges as a
mean ± uncertainty, knows no IU, types nothing and reads "Adults 19-30" as a quantity. What we
need is narrower and stricter: a small grammar of number expressions (digits, number words,
scale words, ranges with "-", "–", "to", "between ... and ..."), the units supplement pages use,
and rules that type each number from its sentence, its table header or its section heading.

The domain is data. Units (with their dimension and factor), supplements, forms and claim types
come from the registry (`data/registry/`, see `registry.py`): the unit grammar is generated from
`units.csv`, so a new unit is a row there. Cue words and subject vocabularies are
`data/lexicons/claim_cues.csv` and `claim_subjects.csv`. Which supplement a number is about is
`supplements.py`'s rule.

Units are normalised as the registry says (`report_as`): grams become mg (x1000), micrograms
"mcg", international units "IU", "30 billion CFU" the absolute number of CFU, percent "%",
percent of Daily Value "%DV", multiples "times", times "minutes"/"hours"/"days"/...; a dose unit gets
"/day" when the sentence or the table header says daily. The quote keeps the original wording.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from . import registry as registry_module
from .datafiles import read_data_csv
from .registry import trie_pattern
from .scanning import for_lowered_text
from .supplements import DocumentMentions, claim_supplement, main_supplements, nearest, supplement_of  # noqa: F401

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
    "a hundred": 100, "one hundred": 100, "once": 1, "twice": 2, "thrice": 3,
}
_FREQUENCY_WORDS = {"once", "twice", "thrice"}  # numbers only before a frequency unit ("twice daily")


def _literal_trie(words: list[str]) -> str:
    """An alternation of the words, longest first, as a trie (one branch per next character): CPython's `re`
    tries a flat alternation's 176 words one by one at every letter of every sentence. At a position the
    words that match are prefixes of one another, and the trie tries them longest first too (a greedy
    optional tail), so it matches what the flat alternation does; unlike `registry.trie_pattern`, a space
    stays one space."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_WORD_NUM = _literal_trie(list(_WORD_VALUES))
# ASCII digits only: \d also matches "๐", a Thai zero that mojibake leaves in some pages
# fractions first ("1 1/2 tablets", "1/2 to 1 teaspoon", "½ cup"): not a date ("1/2/2020") nor "24/7"
_FRACTION_CHARACTER = re.compile(r"[/½¼¾⅓⅔⅛]")
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
# (one alternative per leading character, so that the common "250" costs no more than before; a numerator that is
# not a single digit smaller than its denominator is rejected when read)
_NUM = (rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|"
        rf"[0-9]+(?:\.[0-9]+|/[2-8](?![0-9/])|\s+[1-9]/[2-8](?![0-9/])|\s*[½¼¾⅓⅔⅛])?|\.[0-9]+|[½¼¾⅓⅔⅛]|"
        rf"(?:{_WORD_NUM})\b)")
# UTF-8 read as Windows-1252 or as TIS-620 (a Thai code page): "â€“" / "โ€“" is an en dash, "â‰¥" / "โ‰ฅ" is ≥
_MOJIBAKE = {"â€“": "–", "â€”": "—", "โ€“": "–", "โ€”": "—", "â‰¥": "≥", "â‰¤": "≤", "โ‰ฅ": "≥", "โ‰ค": "≤"}
_MOJIBAKE_BOUNDS = "|".join(re.escape(k) for k, v in _MOJIBAKE.items() if v in "≥≤")
_MOJIBAKE_DASHES = "|".join(re.escape(k) for k, v in _MOJIBAKE.items() if v in "–—")
_PREFIX_WORDS = ["more than", "greater than", "over", "above", "exceeding", "exceeds", "exceed", "in excess of",
                 "at least", "a minimum of", "minimum of", "upwards of", "up to", "as much as", "no more than", "less than",
                 "lower than", "fewer than", "under", "below", "a maximum of", "maximum of", "not exceeding", "nearly",
                 "almost", "approximately", "approx.", "about", "around", "roughly", "some", "within"]
# compiled as a trie (one branch per first letter), tried at every position of every sentence
_PREFIX = (rf"(?P<prefix>(?:{trie_pattern(_PREFIX_WORDS)})\s+|[~≈<>≤≥]\s*|{_MOJIBAKE_BOUNDS}\s*)?")
_LEAD_UNIT = r"(?P<lead>\b(?:weeks?|days?|months?)\s+)?"
_RANGE = rf"\s*(?:-|–|—|to|or|{_MOJIBAKE_DASHES})\s*"
_UNIT_GAP = r"(?:\s*-\s*|\s*)"  # "10-fold", "a 4-week trial", "30 mg"
_PER = (r"(?P<per>\s*/\s*(?:day|d|week|wk)\b|\s+(?:a|per|each|every)\s+(?:day|week)\b|\s+(?:daily|weekly)\b|"
        r"\s+(?:a|per|each|every)\s+(?=week\b))?")  # "50 micrograms/day", "2000 mcg/week", "2-4 servings a week"
_DOSE_DIMENSIONS = frozenset({"mass", "mass_per_weight", "amount", "activity", "cfu", "serving", "volume"})
_VALUE_DIMENSIONS = _DOSE_DIMENSIONS | {"percent", "percent_dv"}  # what a table cell glued to its label holds

# quantities said in words, with the value a careful reader would write down
_FRACTIONS = {"half": 50.0, "one-half": 50.0, "one half": 50.0,
              "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3, "a quarter": 25.0,
              "one quarter": 25.0, "one-quarter": 25.0, "two thirds": 200 / 3, "two-thirds": 200 / 3,
              "three quarters": 75.0, "three-quarters": 75.0}
# "for centuries" is at least two centuries, as "hundreds of" is 200
_TIMES_OF = {"thousands": 1000, "millions": 1_000_000, "billions": 1_000_000_000}  # "hundreds of thousands": x 1000
_SPANS = {"centuries": 200, "decades": 20, "millennia": 2000, "millenia": 2000}
_MANY = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000, "billions": 2_000_000_000,
         "trillions": 2_000_000_000_000}
_CALENDAR = {("year", "months"): 12.0, ("year", "weeks"): 52.0, ("year", "days"): 365.0, ("month", "days"): 30.0,
             ("week", "days"): 7.0, ("day", "hours"): 24.0, ("hour", "minutes"): 60.0}  # "a year" in the range's unit
_WITHIN = {"minutes": (60, "minutes"), "hours": (24, "hours"), "days": (7, "days"), "weeks": (8, "weeks"),
           "a day": (1, "days"), "a week": (1, "weeks"), "a month": (1, "months"), "an hour": (1, "hours")}

_LOW_ONLY = ("more than", "greater than", "over", "above", "exceeding", "exceed", "exceeds", "in excess of",
             "at least", "a minimum of", "minimum of", "upwards of", ">", "≥")
_HIGH_ONLY = ("up to", "as much as", "no more than", "less than", "lower than", "fewer than", "under", "below",
              "within", "a maximum of", "maximum of", "not exceeding", "<", "≤")
_NEGATED_BOUND = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno|\bavoid(?:ing)?|\bshould\s+not)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_MAXIMUM_BEFORE = re.compile(r"\b(?:max(?:imum)?|upper\s+(?:intake\s+)?limit|tolerable\s+upper\s+intake\s+level|ul)\b"
                             r"(?:(?:\s+[\w-]+){0,12}?\s*(?:\bis|\bare|:|=|\bof|\bat)|\s+dose)?\s*"
                             r"(?:typically\s+|about\s+|around\s+|approximately\s+|set\s+at\s+)?$",
                             re.IGNORECASE)  # "Maximum recommended: 2-3mg", "the UL is 40 mg"

# --- what is not a claim -----------------------------------------------------------------------------

_AGE_BEFORE = re.compile(
    r"(?:\b(?:adults?|ages?|aged|seniors?|children|kids|teens?|teenagers|adolescents|infants|men|women|males?|"
    r"females?|boys|girls|people|persons|individuals|those|anyone|groups?|elderly|pregnancy|lactation|"
    r"between\s+(?:the\s+)?ages(?:\s+of)?|after|before|(?:the\s+)?ages?\s+(?:range\s+|group\s+)?of|"
    r"(?:older|younger)\s+than|(?:over|under)\s+the\s+age\s+of)"
    r"(?:\s*/\s*\w+)?[\s,:]*\(?\s*)$",
    re.IGNORECASE,
)
_TIME_AFTER_BEFORE = re.compile(r"\b(?:after|before)\s+$", re.IGNORECASE)  # "after 6 months": a time; "after 50": an age
_AGE_AFTER = re.compile(r"^\s*(?:years?|yrs?|y)\s*(?:old|of\s+age|and\s+(?:older|over|up|above))|^\s*old\b|"
                        r"^\s*(?:\+\s*)?(?:and\s+(?:older|over|up|above)|or\s+older)",
                        re.IGNORECASE)
_ORDINAL_OR_LABEL_BEFORE = re.compile(
    r"(?:\b(?:step|phase|stage|part|chapter|tip|top|no\.|number|level|type|grade|class|table|figure|fig\.|"
    r"section|vitamin|omega|version|page|item|rank(?:ed)?|day\s+to|cfr|§|pmid|doi|isbn|reason|option|method|"
    r"strategy|rule|mistake|sign|way|question|pro|probiotic|tier|round|wave|size|"
    r"sku|npn|upc|ean|gtin|asin|din|lot|batch|model|catalog(?:ue)?|product\s+code)\s*(?:#\s*)?:?|#|§)\s*$",
    re.IGNORECASE,
)
_AFTER_BLOCKERS = re.compile(r"^(?:[A-Za-z]|-[A-Za-z]|-\d|/\d|:\d|\(oh\)|\s*(?:a\.?m\.?|p\.?m\.?|CFR|U\.?S\.?C)\b)",
                             re.IGNORECASE)  # "D3", "5-HTP", dates and phone numbers, "24/7", "9:30", "9 pm", "21 CFR"
_DATE_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.IGNORECASE)
_DATE_AFTER = re.compile(r"^\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?(?:\s*,?\s*\d{4})?",
                         re.IGNORECASE)  # "3 March 2024"
# "InteractionsFebruary 16, 2026": a date glued to the word before it (a scraped byline); full month names, case-sensitive
_GLUED_MONTH_BEFORE = re.compile(r"(?<=[a-z])(?:January|February|March|April|May|June|July|August|September|October|"
                                 r"November|December)\s+$")
_PRICE_BEFORE = re.compile(r"(?:[$€£]|\b(?:usd|eur|gbp)\s*)\s*(?:\d[\d,.]*\s*(?:-|–|to)\s*)?$", re.IGNORECASE)
# "4.8 out of 5", "by 2,341 customers", "50,000 happy customers", "1,000+ 5-star reviews"
_RATING = re.compile(r"^\s*(?:/\s*\d|out\s+of\s+\d|stars?\b|(?:verified\s+|happy\s+|satisfied\s+|[0-9.]+[-\s]star\s+)?"
                     r"(?:customers?|reviews?|reviewers|ratings?|buyers)\b)", re.IGNORECASE)
_JOURNAL_BEFORE = re.compile(r"\b(?:19|20)[0-9]{2}\s*;\s*$")
_P_VALUE_BEFORE = re.compile(r"\bp\s*(?:[<>=≤≥]|&lt;|&gt;)?\s*$", re.IGNORECASE)  # "(P < 0.05)": a significance level
_PRODUCT_CODE_BEFORE = re.compile(r"(?<![\w-])[A-Z]{2,4}[ -]?$")  # "KM 66", "PRO-15": a product code (case-sensitive)
_MONEY_AFTER = re.compile(r"^\s*(?:dollars|usd|euros?|eur|pounds\s+sterling|sterling|gbp)\b",
                          re.IGNORECASE)  # "64 billion dollars", "64 pounds sterling" (the unit took "pounds")
_SCORE_BEFORE = re.compile(r"\b(?:rated|rating|ratings|score[ds]?|scoring|ranked|ranks?|gave\s+it|give\s+it)\s+"
                           r"(?:(?:it|this|us|them|an?|the)\s+)?$", re.IGNORECASE)
_RATING_BEFORE = re.compile(r"\b(?:rated\s+[0-9.]+\s+)?out\s+of\s+$|\brated\s+$", re.IGNORECASE)
_STAR_BEFORE = re.compile(r"[★☆⭐]\s*$")
_PACK_SIZE = re.compile(r"\b(?:bottle|jar|pack|container|box|tub|supply|count|ct)\b|\(\s*$", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"^\s*(?:higher|more|better|greater|lower|less|fewer|faster|slower|increase|decrease|"
                             r"reduction|improvement|drop|rise|boost|off\b|discount|natural|pure|organic|guaranteed|"
                             r"satisfaction|money|vegan|plant|recyclable|free\b)", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:by|save|saving|off)\s*$", re.IGNORECASE)
_PROMOTIONAL_AFTER = re.compile(r"^\s*(?:natural|pure|organic|guaranteed|satisfaction|money|vegan|plant|recyclable|"
                                r"free\b|off\b|discount|refund)", re.IGNORECASE)
_ELEMENTAL = re.compile(r"elemental", re.IGNORECASE)
_SAVING_BEFORE = re.compile(r"\b(?:save|saving|savings\s+of|discount\s+of)\s+(?:an\s+(?:extra|additional)\s+)?$",
                            re.IGNORECASE)
_PACK_COUNT_BEFORE = re.compile(r"\b(?:servings?|capsules?|tablets?|softgels?|gummies|count)\s+per\s+"
                                r"(?:container|bottle|package|pack|jar|tub|box)\s*[:|]?\s*$", re.IGNORECASE)
_LIST_MARKER_AFTER = re.compile(r"^[.)]\s+[A-Za-z]")
_WORD_CHARACTER = re.compile(r"\w")
_CITATION_OPENS_BEFORE = re.compile(r"\[\s*(?:\d+\s*[,;–-]\s*)*$")  # "[2; 3]", "[10;8]": citations with semicolons
_UNCLOSED_CITATION_AFTER = re.compile(r"^\s*(?:[,;–-]\s*\d+\s*)*\s+(?-i:[A-Z][a-z])")  # "[11 Other data has ..."
_CITATION_BEFORE = re.compile(r"[\[(]\s*(?:\d+\s*[,–-]\s*)*$")  # "[12]", "(3)", "[1, 2]", and escaped "\[12\]"
_CITATION_AFTER = re.compile(r"^\s*(?:[,;–-]\s*\d+\s*)*\\?[\])]")
_TRAILING_CITATIONS = re.compile(r"[A-Za-z)%.]\s+([0-9]{1,2}(?:\s*,\s*[0-9]{1,2})*)\s*\.?\s*$")  # "... phase 2", "option 1, 2"
_COUNT_NOUN = re.compile(r"^(?:\s+|-)(?!of\b)(?:[\w-]+\s+){0,3}?"
                         r"(?:forms?|types?|strains?|kinds?|compounds?|ingredients?|studies|trials|measures|"
                         r"categories|varieties|species|components|nutrients|minerals|vitamins|fatty\s+acids|"
                         r"mechanisms|ways|groups|sources|classes|enzymes|things|reasons|benefits|options|"
                         r"men|women|adults|participants|volunteers|subjects|patients|athletes|individuals|rats|mice)\b",
                         re.IGNORECASE)  # "two forms", "16 probiotic strains", "the two most studied fatty acids"
_TALLY_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?[\w-]+\s*[–—:-]\s*(?:the\s+)?[A-Z][\w-]*(?:\s*,\s*[A-Z][\w-]*)*,?"
                          r"\s+(?:and|or|&)\s+[A-Z]")
_LIST_SIZE = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:things|ways|reasons|tips|steps|signs|mistakes|questions)\s+"
                        r"(?:to|you|that|for|why|i)\b", re.IGNORECASE)
_ANAPHORA_BEFORE = re.compile(r"\b(?:these|those|both|its|their)\s+$", re.IGNORECASE)  # "these two"
_ARITHMETIC = re.compile(r"^\s*[*×÷]\s*[0-9.]|^\s*(?:x|times)\s+[0-9.]+\s*=", re.IGNORECASE)  # "325 mg * 0.20 = 65"
_ARITHMETIC_BEFORE = re.compile(r"[*×÷]\s*$|[0-9%]\s*(?:[a-zµμ]+\s*)?\bx\s*$", re.IGNORECASE)  # "150 mg x 0.20 = 30"
_BULLET_STAR_BEFORE = re.compile(r"(?:^|\n)\s*\*\s*$")  # "* Three volunteers": a bullet or a footnote mark, no operator
_ARITHMETIC_RESULT_AFTER = re.compile(r"^\s*=")
_GLUED_STAR = re.compile(r"(?<=[a-zA-Zµμ%0-9])\*")  # "30 mg*": a footnote mark glued to the amount


def _footnote_star(sentence: str, star: int) -> bool:
    """"30 mg* 30 mg*": an asterisk glued to an amount is a footnote mark, not a multiplication, when no "=" follows."""
    return star > 0 and bool(_GLUED_STAR.match(sentence, star)) and "=" not in sentence[star:]
_STRAIN_BEFORE = re.compile(r"\b[A-Z]\.\s*[a-z]+\s+$|\b(?:DSM|ATCC|NCFM|CNCM|strain)\s*[-\s]?$")  # "B. infantis 35624"
_AGE_SPAN_BEFORE = re.compile(r"\b(?:ages?|aged)\s+(?:of\s+)?[0-9]+\s*(?:and|to|-|–)\s*$", re.IGNORECASE)  # "ages 20 and 80"
_CONTAINER_AFTER = re.compile(r"^\s*(?:-|per|in\s+(?:a|the|each|one|every))?\s*"
                              r"(?:glass\s+|plastic\s+|amber\s+|dropper\s+)?(?:bottles?|jars?|containers?|tubs?|"
                              r"pouch(?:es)?|packs?|packages?|boxes|tubes?)\b", re.IGNORECASE)  # no "can": "a capsule can be"
_COUNT_PACKAGE_AFTER = re.compile(r"^\s*(?:(?:and|or|,|&)\s*[0-9]+\s*)*-?\s*(?:count|ct)\s+(?:package|packages|bottles?|packs?|"
                                  r"jars?|containers?|boxes|size)\b", re.IGNORECASE)
_DEFINES_A_UNIT_AFTER = re.compile(r"^\s+(?:of\s+(?:[\w-]+\s+){0,3}?)?(?:is\s+(?:equal\s+to|equivalent\s+to|defined\s+as)|"
                                   r"equals|is\s+one|consists\s+of)\b", re.IGNORECASE)
_LABELS_AN_AMOUNT_AFTER = re.compile(r"^\s*(?:\)\s*)?(?:[-–—:|=]|→)\s*(?:about\s+|around\s+|~\s*)?[0-9]", re.IGNORECASE)
_SERVING_SIZE_BEFORE = re.compile(r"\bserving\b|\bsuggested\s+use\b|\bdirections\b|\b(?:method\s+of\s+)?application\b|"
                                  r"\bdos(?:age|ing|e)\s*:\s*(?:[\w-]+\s+){0,2}?$|"  # "Dosage: 1 tablet at bedtime"
                                  r"\b(?:reduce|increase|lower|raise)\s+(?:it\s+|this\s+)?to\s+$",
                                  re.IGNORECASE)  # a dose per serving, or a changed dose
_SUPPLY_AFTER = re.compile(r"^\s*supply\b", re.IGNORECASE)  # "a 60-day supply": a pack size
# "270 capsules - 9 month supply", "90 tablets (3-month supply)": the count a pack holds
_COUNT_SUPPLY_AFTER = re.compile(r"^\s*(?:[-–—,:(|]|\bfor\b|=)?\s*(?:an?\s+|one\s+)?(?:[0-9]+|[a-z]+)[\s-]*"
                                 r"(?:days?|weeks?|months?|years?)['’]?s?\s+(?:worth|supply)\b", re.IGNORECASE)
# "10 years younger", "three decades of research": other, not onset
_NOT_ONSET_AFTER = re.compile(r"^\s*(?:younger|older\b|(?:reduction|decrease|increase)\s+in\b|(?:shorter|longer)\b|"
                              r"of\s+(?:direct\s+|midday\s+|daily\s+|bright\s+)?(?:sun|sunlight|sunshine|sun\s+exposure|daylight)\b|"
                              r"of\s+(?:[\w-]+\s+){0,2}(?:research|use|history|data|experience|"
                              r"studies|trials|tradition|practice)|"
                              r"-?\s*(?:rest|break|pause|washout|wash-out|recovery)\b(?!\s+(?:from|of)\b))",
                              re.IGNORECASE)  # "after a 30-minute rest": a pause in the protocol, not a time to an effect
_CHANGED_BY_BEFORE = re.compile(r"\b(?:reduc|shorten|cut|lengthen|extend|decreas|increas|delay|advanc|shift|prolong)\w*\b"
                                r"[^.;]{0,60}?\bby\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|up\s+to\s+|an?\s+average\s+of\s+)?$",
                                re.IGNORECASE)
_THEN_AFTER = re.compile(r"\s*,?\s*(?:and\s+)?then\b", re.IGNORECASE)
_BARE_DIGITS = re.compile(r"[0-9][0-9.,]*")
_TIME_LIST_TAIL = re.compile(r"(?:\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)[0-9.]+)+\s*-?\s*"
                             r"(?:minutes?|mins?|hours?|hrs?|h|days?|weeks?)\b", re.IGNORECASE)
_OWN_SIZE_AFTER = re.compile(r"\s+(?:its|their)\s+(?:own\s+)?(?:original\s+|initial\s+|dry\s+)?(?:volume|size|weight|"
                            r"mass|length)\b", re.IGNORECASE)  # a material's swelling or water holding, no bioavailability
_PER_BEFORE = re.compile(r"\bper\s+$", re.IGNORECASE)
_OF_USE_AFTER = re.compile(r"^\s*of\s+(?:[\w-]+\s+){0,2}?(?:use|supplementation|treatment)\b", re.IGNORECASE)
# "over the following 25 years", "in the past 10 years": a span of history, not a time to an effect
_SPAN_BEFORE = re.compile(r"\b(?:over|in|during|for|within)\s+the\s+(?:following|past|last|previous|next|subsequent)\s+$",
                          re.IGNORECASE)
_INTERVAL_BEFORE = re.compile(r"\bevery\s+(?:other\s+)?$", re.IGNORECASE)
# "no more than 600 mg in a six hour period": the window of a limit (a trial "over an 8-week period" may be onset)
_WINDOW_BEFORE = re.compile(r"\b(?:in|within|during|per)\s+(?:a|any|one|each|every)\s+$", re.IGNORECASE)
_WINDOW_AFTER = re.compile(r"^\s*-?\s*(?:period|window|interval|span)\b", re.IGNORECASE)
_LISTING_ID_AFTER = re.compile(r"^[^.;:\n]*?\(\s*(?:SKU|NPN|UPC|EAN|GTIN|ASIN|DIN|Item\s*#)\s*[:#]")
_AGE_GLUED_TO_A_CELL_AFTER = re.compile(r"^\+?\s*(?:years?|yrs?|months?|mos?)(?=[0-9])", re.IGNORECASE)
_AGO_AFTER = re.compile(r"^\s*ago\b", re.IGNORECASE)  # "20 years ago": a date


@dataclass
class _Number:
    start: int  # offsets within the sentence
    end: int
    low: float
    high: float
    unit: str  # the registry's reported unit: %, mg, mcg, IU, CFU, hours, ..., or "" (bare number)
    qualifier: str
    lead_unit: bool = False  # "Week 2-3", "days 1-3"
    bare_words: bool = False  # written in words with no unit ("two of the most common")
    surface: str = ""  # the unit as written ("x", "fold", "mg")
    dimension: str = ""  # the unit's dimension in the registry ("" for a bare number)
    scaled: bool = False  # carried a scale word ("30 billion")
    per: str = ""  # "day" or "week" when the amount itself says so ("50 micrograms/day")
    kind: str = "number"  # which expression found it


class Grammar:
    """The number grammar generated from a registry: every expression, compiled once per registry folder."""

    def __init__(self, reg: registry_module.Registry) -> None:
        self.registry = reg
        unit = reg.unit_pattern()
        scale = reg.unit_pattern("scale")
        self.scales = {s: f for s, f in reg.units.loc[reg.units["dimension"] == "scale", ["surface", "factor"]]
                       .itertuples(index=False)}
        number = re.compile(
            rf"{_PREFIX}{_LEAD_UNIT}(?:(?<![\w.,/$^)\]:×−-])|(?<=‰ฅ)|(?<=‰ค)|(?=[0-9])(?<=[a-z]{{3}}))(?P<low>{_NUM})(?:\s*(?P<scale1>{scale}))?"
            rf"(?P<ormore>\s+or\s+(?:more|fewer|less)(?=\s+(?:{unit})))?"  # "two or more hours": a lower bound
            rf"(?:{_UNIT_GAP}(?P<unit1>{unit}))?"
            rf"(?:{_RANGE}(?P<high>{_NUM})(?:\s*(?P<scale2>{scale}))?(?:{_UNIT_GAP}(?P<unit2>{unit}))?)?(?P<plus>\+)?"
            rf"(?:\s*(?P<scale3>{scale})(?:{_UNIT_GAP}(?P<unit3>{unit}))?)?{_PER}",
            re.IGNORECASE,
        )
        between = re.compile(
            rf"\bbetween\s+(?P<low>{_NUM})(?:\s*(?P<scale1>{scale}))?(?:\s*(?P<unit1>{unit}))?\s+and\s+"
            rf"(?P<high>{_NUM})(?:\s*(?P<scale2>{scale}))?(?:\s*(?P<unit2>{unit}))?",
            re.IGNORECASE,
        )
        words = "|".join(re.escape(f) for f in sorted(_FRACTIONS, key=len, reverse=True))
        # "half of", "a third of"; "one-half" anywhere ("about one-half showing success"); "cuts it by half"
        fraction = re.compile(
            r"(?P<prefix>\b(?:nearly|almost|about|roughly|approximately|around|over|more\s+than|less\s+than|"
            rf"at\s+least)\s+)?\b(?:by\s(?:almost\s+|nearly\s+|about\s+|roughly\s+|more\s+than\s+)?(?P<byword>{words})\b(?!\s+(?:an?\s+)?(?:hour|day|week|month|year|dose|"
            rf"cup|teaspoon|tablespoon|capsule|tablet|serving|gram|pound|inch|point)s?\b)|"
            rf"(?P<word>{words})(?:\s+(?:of|the)\b|(?<=one-half)|(?<=one\shalf)))",
            re.IGNORECASE,
        )
        # "1 in 4", "eight out of 10 people", "two in three adults": a share (the reading checks k < n)
        one_in = re.compile(rf"(?<![\w.,])(?P<prefix>nearly\s+|almost\s+|about\s+|roughly\s+|approximately\s+|around\s+)?"
                            rf"(?P<k>{_NUM})\s+(?:in|out\s+of)\s+(?P<n>{_NUM})\b(?![.,]?[0-9])(?!\s*(?:{unit}))",
                            re.IGNORECASE)
        # "thousands of years" is a span of years; "decades of research" at least 20 years, like "for decades"
        # "hundreds of thousands of IU": a count of thousands (at least 200,000), in the unit that follows
        many = re.compile(r"\b(?P<word>dozens|hundreds|thousands|millions|billions|trillions)\s+of\b(?:(?P<years>\s+years\b)|"
                          r"(?P<of>(?:\s+(?P<times>thousands|millions|billions)\s+of\b)?)"
                          rf"(?:\s+(?P<unit>{unit})(?![\w-]))?)|"
                          r"\baffect(?:s|ing|ed)?\s+(?P<word2>hundreds|thousands|millions|billions)\b|"
                          r"\b(?:for|over)\s+(?P<word3>centuries|decades|millenn?ia)\b|"
                          r"\b(?P<word4>centuries|decades|millenn?ia)\s+of\b", re.IGNORECASE)
        # "within days" is at most 7 days; "within a few weeks" is vague (conventions: "a few" is not a number)
        within = re.compile(r"\bwithin\s+(?P<word>minutes|hours|days|weeks|a\s+day|a\s+week|a\s+month|"
                            r"an\s+hour)\b(?!\s+or\s+two\b)", re.IGNORECASE)  # "within a week or two": a_period's
        an_hour = re.compile(r"(?P<prefix>\b(?:at\s+least|about|up\s+to|within)\s+)?\b(?P<word>half\s+an|an)\s+hour"
                             r"(?P<or_two>\s+or\s+two)?\b", re.IGNORECASE)
        divided = re.compile(rf"\b(?:divided|split)\s+(?:up\s+)?(?:in|into)\s+(?P<n>{_NUM})"
                             rf"(?:\s+(?:or|to)\s+(?P<nhigh>{_NUM}))?\s+"
                             rf"(?:equal\s+|smaller\s+|separate\s+|daily\s+)?(?:doses|dosages|servings|portions)\b|\bin\s+(?P<n2>{_NUM})\s+divided\s+doses\b|"
                             rf"(?<![\w.,])(?P<n3>{_NUM})\s+divided\s+doses\b|"
                             rf"\b(?:divided|split)\s+(?:up\s+)?(?:in|into)\s+(?P<n4>{_NUM})\s+"
                             r"(?=(?:equal\s+|smaller\s+|separate\s+)?[0-9.]+\s*[a-zµμ]+\s+"
                             r"(?:doses|dosages|servings|portions)\b)", re.IGNORECASE)  # "divided into four 5 g doses"
        to_a = re.compile(rf"(?P<prefix>\b(?:within|about|around|roughly|approximately)\s+)?"
                          rf"(?<![\w.,])(?P<low>{_NUM})\s*(?P<unit>minutes?|hours?|days?|weeks?|months?)\s+to\s+an?\s+"
                          r"(?P<word>hour|day|week|month|year)\b", re.IGNORECASE)  # "six months to a year"
        # "after about a week", "in a month or two", "it takes about a month": "a" is one period after a word of time
        # (bare "a week" is no number: "once a week", "5 days a week")
        a_period = re.compile(r"(?P<lead>\b(?:after|in|within|by|for|takes?|took|taking|(?:lasts?|lasting|lasted)(?:\s+for)?)\s+)"
                              r"(?P<prefix>(?:just|only|about|around|roughly|approximately|nearly|almost|at\s+least|"
                              r"up\s+to|less\s+than|under|more\s+than|over|as\s+little\s+as)\s+)?"
                              r"(?P<word>a)\s+(?P<whole>(?:whole|full)\s+)?(?P<unit>day|week|month|year)"
                              rf"(?P<or_two>\s+or\s+two(?!\s+(?:{unit})\b))?\b(?![-‑])|"
                              rf"\b(?P<word2>a)\s+(?P<unit2>day|week|month|year)\s+or\s+two\b(?!\s+(?:{unit})\b)",
                              re.IGNORECASE)  # "a day or two capsules": the "two" is the next dose's
        # "half a teaspoon", "a half scoop", "per half cup", "one and a half capsules": a half of one unit
        half_a = re.compile(rf"(?:(?<![\w.,])(?P<whole>{_NUM})\s+and\s+a\s+half\s+|\bhalf\s+(?:an?\s+)?|\ba\s+half\s+)"
                            rf"(?P<unit>{unit})", re.IGNORECASE)
        # "a dozen studies", "half a dozen trials": a count in words (checked as one, like "twelve studies")
        dozen = re.compile(r"\b(?P<half>half\s+)?(?:a|one)\s+dozen\b(?!\s+or\b)", re.IGNORECASE)
        # "one (1) capsule": a label's number written in words, then in digits, is one number
        self.restated_word = re.compile(rf"(?<![\w.,])(?P<word>{_WORD_NUM})\s*\(\s*(?P<digits>[0-9]{{1,2}})\s*\)(?=\s*[a-z])",
                                        re.IGNORECASE)
        # "absorbed twice as well", "three times as much" is read by the number grammar; "twice as" is a multiple
        twice_as = re.compile(r"\b(?P<word>twice|thrice)\s+as\s+(?:[\w-]+\s+){0,1}?(?:well|much|fast|quickly|effective|"
                              r"effectively|bioavailable|absorbable|high|likely|many|long|potent|strong)\b", re.IGNORECASE)
        self.expressions = {"twice_as": twice_as, "between": between, "number": number, "fraction": fraction, "one_in": one_in,
                            "many": many, "within": within, "an_hour": an_hour, "divided": divided, "to_a": to_a,
                            "a_period": a_period, "half_a": half_a, "dozen": dozen}
        self.lowered = {name: for_lowered_text(p) for name, p in self.expressions.items()}
        self._units: dict[str, tuple[str, str, str]] = {}
        # every form's surface, standalone or not ("the liposomal group"): what a comparison of blood levels compares
        self.form_surfaces = re.compile(rf"\b(?:{trie_pattern(sorted(set(reg.forms['surface']), key=len, reverse=True))})\b")
        self.header_unit = re.compile(rf"(?<!\w)(?P<unit>{unit})", re.IGNORECASE)  # "CFU Level", "Dose (mg)"
        # "60 Billion CFUCapsule": a unit glued to the next cell of a scraped table row (a capitalised word)
        # "1-4 size '00' capsules": a capsule size between the count and its unit
        self.sized_unit = re.compile(rf"\s+size\s+['‘’\"#]?[0-9]{{1,3}}['‘’\"]?\s+(?P<unit>{reg.unit_pattern('serving')})",
                                     re.IGNORECASE)
        self.glued_unit = re.compile(rf"\s*(?P<unit>{trie_pattern(reg.surfaces())})(?=(?-i:[A-Z][a-z]))", re.IGNORECASE)

    def unit(self, surface: str | None) -> tuple[str, str, str]:
        """(reported unit, dimension, surface) of a unit as written, ("", "", "") when none."""
        if not surface:
            return "", "", ""
        known = self._units.get(surface)
        if known is None:
            found = self.registry.unit(surface)
            known = self._units[surface] = (found[3], found[1], " ".join(surface.lower().split())) if found \
                else ("", "", "")
        return known


@lru_cache(maxsize=8)
def grammar(folder: str | None = None) -> Grammar:
    """The grammar of a registry folder (default `data/registry/`), built once."""
    return Grammar(registry_module.load(Path(folder) if folder else None))


def _value(token: str) -> float:
    token = token.lower().strip()
    if token in _WORD_VALUES:
        return float(_WORD_VALUES[token])
    if token[-1] in _VULGAR:  # "½", "1½"
        return float(token[:-1] or 0) + _VULGAR[token[-1]]
    if "/" in token:  # "1/2", "1 1/2"
        whole, _, fraction = token.rpartition(" ")
        numerator, denominator = fraction.split("/")
        return float(whole or 0) + int(numerator) / int(denominator)
    return float(token.replace(",", ""))


def _proper(token: str | None) -> bool:
    """A token is not a fraction, or a fraction whose one-digit numerator is smaller than its denominator."""
    if not token or "/" not in token:
        return True
    numerator, denominator = token.rpartition(" ")[2].split("/")
    return len(numerator) == 1 and int(numerator) < int(denominator)


def _is_fraction(token: str | None) -> bool:
    return bool(token) and ("/" in token or token[-1] in _VULGAR)


def _bounds(low: float, high: float, prefix: str, plus: bool) -> tuple[float, float]:
    prefix = " ".join(prefix.strip().lower().split())
    prefix = _MOJIBAKE.get(prefix, prefix)
    if plus or prefix in _LOW_ONLY:
        return low, math.nan
    if prefix in _HIGH_ONLY:
        return math.nan, high
    return low, high


_TIME_FACTORS = ("minutes", "hours", "days", "weeks", "months", "years")


# each word expression runs only on a sentence holding one of its words (a substring test costs far less than a
# regular expression tried at every position)
_FRACTION_HINTS = ("half", "third", "quarter")
_MANY_HINTS = ("dozens", "hundreds", "thousands", "millions", "billions", "trillions", "centuries", "decades", "millen")


def _any_word(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


_NUMBER_STARTS = re.compile(rf"[0-9]|(?:{_WORD_NUM})\b")


def _may_hold_a_share(lowered: str) -> bool:
    """" in " or " out of " followed by a number ("8 in 10", "one out of four"): a substring test first, since
    the share expression is tried at every position of the sentences it runs on."""
    for marker in (" in ", " out of "):
        index = lowered.find(marker)
        while index >= 0:
            if _NUMBER_STARTS.match(lowered, index + len(marker)):
                return True
            index = lowered.find(marker, index + 1)
    return False


def find_numbers(sentence: str, folder: str | None = None) -> list[_Number]:
    """Every number expression of a sentence, before deciding which ones are claims.

    The grammar reads the lower-cased sentence when lower-casing keeps every offset (it almost
    always does): the values it reads are lower-cased anyway, and it runs several times faster."""
    g = grammar(folder)
    found: list[_Number] = []
    lowered = sentence.lower()
    text, expressions = (lowered, g.lowered) if len(lowered) == len(sentence) else (sentence, g.expressions)
    for m in (expressions["between"].finditer(text) if "between" in lowered else ()):
        unit, dimension, surface = g.unit(m.group("unit2") or m.group("unit1"))
        scale = g.scales.get((m.group("scale2") or m.group("scale1") or "").lower(), 1.0)
        low, high = _value(m.group("low")) * scale, _value(m.group("high")) * scale
        mixed = _between_units(g, m.group("unit1"), m.group("unit2"))
        if mixed is not None:  # "between 20 minutes and two hours": 20-120 minutes, in the smaller unit
            first, second, small = mixed
            low, high = g.registry.to_unit(low, first, small), g.registry.to_unit(high, second, small)
            unit, dimension, surface = g.unit(small)
        found.append(_Number(m.start(), m.end(), low, high,
                             unit, "between", surface=surface, dimension=dimension, scaled=scale != 1.0))
    for m in (expressions["divided"].finditer(text) if ("divid" in lowered or "split" in lowered) else ()):
        n = _value(m.group("n") or m.group("n2") or m.group("n3") or m.group("n4"))
        high = _value(m.group("nhigh")) if m.group("nhigh") else n  # "split into 2 or 3 doses": 2-3 times a day
        found.append(_Number(m.start(), m.end(), n, high, "times/day", "divided", surface="doses",
                             dimension="frequency", kind="doses" if m.group("n3") else "divided"))
    restated = {}  # the digits' offset -> the word's, for "one (1) capsule"
    scanned = text
    if "(" in lowered and _DIGITS_IN_BRACKETS.search(lowered):
        for m in g.restated_word.finditer(lowered):
            if _value(m.group("word")) == float(m.group("digits")):
                restated[m.start("digits")] = m.start("word")
                scanned = (scanned[: m.start()] + " " * (m.start("digits") - m.start()) + m.group("digits")
                           + " " * (m.end() - m.end("digits")) + scanned[m.end():])
    pattern, position = expressions["number"], 0
    while (m := pattern.search(scanned, position)) is not None:
        position = m.end()
        if any(n.start <= m.start("low") < n.end for n in found):
            continue
        number = _read_number(m, sentence, g)
        if number is not None and m.start("low") in restated:
            number.start = restated[m.start("low")] if number.start == m.start("low") else number.start
            number.bare_words = False
        if number is not None:
            found.append(number)
            if number.end < m.end() and not (m.group("per") and number.end == m.start("per")):
                position = number.end  # "2 g or 500 mg": the second amount is read on its own; a period is no lead
                # unit of the next number ("250 mg per day 1": the 1 is a footnote, not "day 1")
    for m in (expressions["fraction"].finditer(text) if _any_word(lowered, _FRACTION_HINTS) else ()):
        group = "word" if m.group("word") else "byword"
        if _PART_OF_A_PERIOD.match(text, m.end(group)) and _PART_BEFORE.search(text, 0, m.start(group)):
            continue  # "the first half of the day": a time of day, not a share
        value = _FRACTIONS[re.sub(r"\s+", " ", m.group(group).lower())]
        prefix = (m.group("prefix") or "").strip().lower()
        low, high = _bounds(value, value, prefix, False)
        start = m.start() if group == "word" else m.start("byword")  # "by half": the number is "half"
        found.append(_Number(start, m.end(group), low, high, "%", prefix, dimension="percent", kind="fraction"))
    for m in (expressions["one_in"].finditer(text) if _may_hold_a_share(lowered) else ()):
        k, n = _value(m.group("k")), _value(m.group("n"))
        if not (k.is_integer() and n.is_integer() and 0 < k < n and not 1800 <= n <= 2100) or \
                _RATING.match(text, m.end()) or _SCORE_BEFORE.search(text, 0, m.start()):
            continue  # "2 in 1", "in 2019", "4 out of 5 stars", "rated 9 out of 10": not a share of people
        value = 100 * k / n
        found.append(_Number(m.start(), m.end(), value, value, "%", (m.group("prefix") or "").strip().lower(),
                             dimension="percent", kind="one_in"))
    for m in (expressions["many"].finditer(text) if _any_word(lowered, _MANY_HINTS) else ()):
        if m.group("word3") or m.group("word4"):  # "used for centuries": at least 200 years, like "hundreds of"
            span = "word3" if m.group("word3") else "word4"
            years = float(_SPANS[m.group(span).lower()])
            found.append(_Number(m.start(span), m.end(span), years, math.nan, "years", m.group(span).lower(),
                                 dimension="time", kind="many"))
            continue
        if m.group("years"):  # "for thousands of years": a span of years
            found.append(_Number(m.start("word"), m.end(), float(_MANY[m.group("word").lower()]), math.nan, "years",
                                 m.group("word").lower(), dimension="time", kind="many"))
            continue
        word = "word" if m.group("word") else "word2"  # "millions of people", "affects millions"
        value = float(_MANY[m.group(word).lower()]) * _TIMES_OF.get((m.group("times") or "").lower(), 1)
        unit, dimension, surface = g.unit(m.group("unit")) if m.group("unit") else ("count", "count", "")
        if dimension not in _DOSE_DIMENSIONS:  # "millions of people": a count; "thousands of IU": an amount
            unit, dimension, surface = "count", "count", ""
        end = m.end("unit") if dimension != "count" else (m.end("of") if m.group("word") else m.end())
        found.append(_Number(m.start(word), end, value, math.nan, unit, m.group(word).lower(), surface=surface,
                             dimension=dimension, kind="many"))
    for m in (expressions["to_a"].finditer(text) if " to a" in lowered else ()):
        unit, dimension, surface = g.unit(m.group("unit"))
        high = _CALENDAR.get((m.group("word").lower(), unit))
        if high is not None:  # "six months to a year" is 6-12 months (not "3 weeks to a month": 4.3 weeks)
            # "within 30 minutes to an hour" keeps its range, as "within 1 to 2 hours" does
            found.append(_Number(m.start(), m.end(), _value(m.group("low")), high, unit,
                                 (m.group("prefix") or "").strip().lower(), surface=surface, dimension=dimension,
                                 kind="to_a"))
    for m in (expressions["within"].finditer(text) if "within" in lowered else ()):
        value, unit = _WITHIN[re.sub(r"\s+", " ", m.group("word").lower())]
        found.append(_Number(m.start(), m.end(), math.nan, float(value), unit, "within", dimension="time",
                             kind="within"))
    for m in (expressions["an_hour"].finditer(text) if "hour" in lowered else ()):
        value = 0.5 if m.group("word").lower().startswith("half") else 1.0
        prefix = (m.group("prefix") or "").strip().lower()
        high = 2.0 if m.group("or_two") else value  # "an hour or two" is 1-2 hours
        low, high = _bounds(value, high, prefix, False)
        found.append(_Number(m.start(), m.end(), low, high, "hours", prefix, dimension="time", kind="an_hour"))
    for m in (expressions["a_period"].finditer(text) if _any_word(lowered, _PERIOD_HINTS) and (
            " or two" in lowered or _any_word(lowered, _PERIOD_LEADS)) else ()):
        found.extend(_a_period(m, g))
    for m in (expressions["twice_as"].finditer(text) if "ice as " in lowered else ()):
        value = 2.0 if m.group("word").lower() == "twice" else 3.0
        found.append(_Number(m.start(), m.end("word"), value, value, "times", "", surface="times", dimension="ratio",
                             kind="twice_as"))
    for m in (expressions["half_a"].finditer(text) if "half" in lowered else ()):
        unit, dimension, surface = g.unit(m.group("unit"))
        if dimension in _DOSE_DIMENSIONS:
            value = (_value(m.group("whole")) if m.group("whole") else 0.0) + 0.5
            found.append(_Number(m.start(), m.end(), value, value, unit, "", surface=surface, dimension=dimension,
                                 kind="half_a"))
    for m in (expressions["dozen"].finditer(text) if "dozen" in lowered else ()):
        value = 6.0 if m.group("half") else 12.0
        found.append(_Number(m.start(), m.end(), value, value, "", "", bare_words=True))
    # overlapping readings: keep the longest
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    kept: list[_Number] = []
    for number in found:
        if kept and number.start < kept[-1].end:
            continue
        kept.append(number)
    _carry_units(kept, sentence)
    if "±" in sentence or "+/-" in sentence:
        kept = _means_without_spreads(kept, sentence)
    for number in kept:  # "multiply that amount by 0.20": a multiplier
        if not number.unit and number.kind == "number" and _MULTIPLY_BEFORE.search(sentence, max(0, number.start - 40),
                                                                                   number.start):
            number.unit, number.dimension, number.surface = "times", "ratio", "x"
    if len(kept) > 2:
        _restated_ranges(kept, sentence)
    return kept


_A_PERIOD = re.compile(r" a (?:whole |full )?(?:day|week|month|year)")  # _PERIOD_HINTS in one pass
_DIGITS_IN_BRACKETS = re.compile(r"\(\s*[0-9]{1,2}\s*\)")  # what "one (1) capsule" needs, searched first
_PERIOD_HINTS = (" a day", " a week", " a month", " a year", " a whole ", " a full ")
_TIMES_IN = re.compile(r"\b(?:once|twice|thrice|times)\s*$", re.IGNORECASE)
_PERIOD_LEADS = ("after", "in ", "by ", "take", "took", "last", "for a whole", "for a full")  # "in " is in "within " too


def _a_period(m: re.Match, g: Grammar) -> list[_Number]:
    """"after about a week" (1 week), "in a month or two" (1-2 months), "within about a day" (up to 1 day); "in a
    day" alone is a window ("600 mg in a day"), never a time."""
    word = "word" if m.group("word") else "word2"
    unit, dimension, surface = g.unit(m.group("unit" if word == "word" else "unit2") + "s")
    lead = (m.group("lead") or "").split()
    prefix = " ".join((m.group("prefix") or "").lower().split())
    or_two = word == "word2" or bool(m.group("or_two"))
    if lead and lead[0].lower() == "in" and not prefix and not or_two and unit == "days":
        return []
    if lead and lead[0].lower() == "in" and _TIMES_IN.search(m.string, 0, m.start("lead")):
        return []  # "twice in a week", "once in a year": a frequency's period, no time
    if lead and lead[0].lower() == "for" and not m.group("whole"):
        return []  # "take it for a week" is no number; "for a whole week" measures a step of a regimen
    start = m.start("prefix") if m.group("prefix") else m.start(word)
    if lead and lead[0].lower() == "by" and not _CHANGED_BY_BEFORE.search(m.string, max(0, start - 90), start):
        return []  # "by a week" is a number only as the size of a change ("cut colds by a week")
    low, high = 1.0, 2.0 if or_two else 1.0
    qualifier = prefix
    if lead and lead[0].lower() == "within":
        qualifier = "within"
        low = math.nan
    elif prefix:
        low, high = _bounds(low, high, prefix, False)
    return [_Number(start, m.end(), low, high, unit, qualifier, surface=surface, dimension=dimension, kind="a_period")]


def _between_units(g: Grammar, surface1: str | None, surface2: str | None) -> tuple[str, str, str] | None:
    """"between 20 minutes and two hours": (first unit, second unit, the smaller) when both ends give units of one
    dimension that differ and convert; None when they do not."""
    if not surface1 or not surface2:
        return None
    first, second = g.registry.unit(surface1), g.registry.unit(surface2)
    if first is None or second is None or first[0] == second[0] or first[1] != second[1] or \
            math.isnan(first[2]) or math.isnan(second[2]):
        return None
    return first[0], second[0], first[0] if first[2] <= second[2] else second[0]


_MULTIPLY_BEFORE = re.compile(r"\bmultipl(?:y|ied|ying)\s+(?:[\w-]+\s+){0,4}?by\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+")
_OPENS_A_RESTATEMENT = re.compile(r"[(;]\s*$")


def _restated_ranges(numbers: list[_Number], sentence: str) -> None:
    """"between 7 and 10 fl oz (210 and 300 ml; 7.3 and 10 imp fl oz)": in brackets after a range, "X and Y unit"
    restates the range in another unit, so it is a range too (a list "60 and 180 ml" elsewhere stays two amounts)."""
    i = 1
    while i < len(numbers) - 1:
        first, second = numbers[i], numbers[i + 1]
        if (first.unit and first.unit == second.unit and first.low == first.high
                and second.low == second.high and first.low < second.low
                and _AND.fullmatch(sentence[first.end: second.start])
                and any(n.low < n.high and n.dimension == first.dimension for n in numbers[:i])
                and _OPENS_A_RESTATEMENT.search(sentence, max(0, first.start - 8), first.start)
                and sentence.count("(", 0, first.start) > sentence.count(")", 0, first.start)):  # inside brackets
            first.high, first.end = second.high, second.end
            del numbers[i + 1]
        i += 1


_PART_OF_A_PERIOD = re.compile(r"\s+of\s+(?:the|a|each|every|your)\s+(?:day|night|morning|afternoon|evening|week|month|"
                               r"year|season|cycle|session)\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:first|second|last|latter|later|other|early|earlier)\s+$", re.IGNORECASE)


def _read_number(m: re.Match, sentence: str, g: Grammar) -> _Number | None:
    """One match of the number expression, as a value or range with its unit and bounds."""
    if m.start("low") and sentence[m.start("low") - 1].isalpha() and not (
            m.group("unit1") or m.group("unit2") or m.group("unit3")):
        return _cell_glued_to_its_label(m, sentence, g)  # else a name ("Omega3", "covid19"), decided before any reading
    if "/" in m.group("low") or (m.group("high") and "/" in m.group("high")):
        if not (_proper(m.group("low")) and _proper(m.group("high"))):
            return None  # "24/7", "12/5": not a fraction (and blocked as "/digit" before fractions were read)
    low = _value(m.group("low"))
    high = _value(m.group("high")) if m.group("high") else low
    scale1 = g.scales.get((m.group("scale1") or m.group("scale3") or "").lower(), 1.0)  # "50+ billion CFU"
    scale2 = g.scales.get((m.group("scale2") or "").lower(), 1.0) if m.group("high") else scale1
    if m.group("high") and scale1 == 1.0 and scale2 != 1.0:
        scale1 = scale2  # "4-5 million": both ends in millions
    if m.group("high") and scale2 == 1.0 and scale1 != 1.0:
        scale2 = scale1
    low, high = low * scale1, high * scale2
    surface1, surface2 = m.group("unit1") or (m.group("unit3") if not m.group("high") else None), m.group("unit2")
    unit_surface = surface2 or surface1
    lead = m.group("lead")
    if lead and not unit_surface and _PERIOD_WORD_BEFORE.search(sentence, max(0, m.start() - 8), m.start()):
        return None  # "300 mg of omega-3 per day 2": a period, then a footnote digit, never "day 2"
    if lead and not unit_surface:
        unit_surface = lead.strip()
    end = m.end()
    first = g.registry.unit(surface1) if surface1 else None
    second = g.registry.unit(surface2) if surface2 else None
    if m.group("high") and first and second and first[0] == second[0] and \
            _OR.search(sentence, m.end("unit1"), m.start("high")):
        high, unit_surface, end = low, surface1, m.end("unit1")  # "3 mg or 5 mg": two amounts, not a range
    elif m.group("high") and first and second and first[0] != second[0]:
        joiner = sentence[m.end("unit1"): m.start("high")]
        if first[1] == second[1] and not math.isnan(first[2]) and not math.isnan(second[2]) and \
                not re.search(r"\bor\b", joiner, re.IGNORECASE):
            # "30 minutes to 2 hours", "125 mg to 5 grams": one range, in the smaller unit
            small = first[0] if first[2] <= second[2] else second[0]
            low = g.registry.to_unit(low, first[0], small)
            high = g.registry.to_unit(high, second[0], small)
            unit_surface = small
        else:  # "600 IU - 15 mcg" or "2 g or 500 mg" is not a range: keep the first number only
            high, unit_surface, end = low, surface1, m.end("unit1")
    unit, dimension, surface = g.unit(unit_surface)
    per = ""
    if m.group("per") is not None and end == m.end():
        if dimension in _DOSE_DIMENSIONS and m.group("per").strip():
            per = "week" if "w" in m.group("per").lower() else "day"
        end = m.start("per")  # the number as written ends at its unit: "50 micrograms" of "50 micrograms/day"
    if m.group("low").lower() in _FREQUENCY_WORDS and not unit_surface and m.group("per") and m.group("per").strip():
        # "twice daily", "once or twice a day": a frequency
        unit, dimension, surface = ("times/week" if "w" in m.group("per").lower() else "times/day"), "frequency", "times"
        end = m.end()
    if m.group("low").lower() in _FREQUENCY_WORDS and dimension != "frequency":
        return None  # "once" is a number only in "once daily"
    if low > high:  # "2-1 mg": keep the range, in order
        low, high = high, low
    prefix = m.group("prefix") or ""
    # "over 1-2 weeks", "at least 1500 to 2000 IU/day" are ranges, not lower bounds (the range kept, with its period)
    prefix_for_bounds = "" if m.group("high") and end > m.start("high") else prefix
    if prefix_for_bounds and _NEGATED_BOUND.search(sentence[: m.start()]):
        # "do not take more than 4,000 IU", "don't exceed 10 mg": an upper limit, not a lower one
        prefix_for_bounds = "up to" if prefix_for_bounds.strip().lower() in _LOW_ONLY else prefix_for_bounds
    if not prefix_for_bounds and _MAXIMUM_BEFORE.search(sentence[: m.start()]):
        prefix_for_bounds = "up to"  # "Maximum effective dose is typically 3-5mg": high only
    if m.group("ormore") and not prefix_for_bounds:
        prefix_for_bounds = "at least" if "more" in m.group("ormore").lower() else "up to"
    if not prefix_for_bounds and not m.group("plus"):
        suffix = _BOUND_AFTER.match(sentence, end) or _BOUND_AFTER.match(sentence, m.end())  # "45 mg/day or more"
        if suffix:  # "1mg or less", "200 mg or more"
            prefix_for_bounds = "up to" if suffix.group("at_most") else "at least"
    low, high = _bounds(low, high, prefix_for_bounds, bool(m.group("plus")))
    start = m.start() if prefix or lead else m.start("low")
    glued = m.start("low") > 0 and sentence[m.start("low") - 1].isascii() and sentence[m.start("low") - 1].isalpha()
    if glued and not (dimension in _VALUE_DIMENSIONS and sentence[m.start("low") - 1].islower()):
        return None  # "D3", "Omega3", "CoQ10", "covid19": a name; "Adult Men120 mcg" is a table cell glued to its label
    if not unit_surface and _FRACTION_CHARACTER.search(m.group(0)) and (
            _is_fraction(m.group("low")) or _is_fraction(m.group("high"))):
        return None  # "4/5" without a unit is a rating or a score, not a quantity
    words_only = not re.search(r"\d", m.group("low"))
    return _Number(start, end, low, high, unit, " ".join(prefix.strip().lower().split()), lead_unit=bool(lead),
                   bare_words=words_only and not unit_surface and not unit, surface=surface, dimension=dimension,
                   scaled=scale1 != 1.0 or scale2 != 1.0, per=per)


_PERIOD_WORD_BEFORE = re.compile(r"\b(?:per|a|an|each|every)\s+$", re.IGNORECASE)
_GLUED_CELL_BEFORE = re.compile(r"[a-z]{3}$")
_CELL_COUNT_AFTER = re.compile(r"(?:[\w-]+\s+){0,2}?(?:strains|species|ingredients)(?:\b|(?=(?-i:[A-Z])))", re.IGNORECASE)
_NEXT_CELL_AT = re.compile(r"[a-z][A-Z][a-z]")  # "capsuleLactobacillus": the amount's unit, then the next cell


def _cell_glued_to_its_label(m: re.Match, sentence: str, g: Grammar) -> _Number | None:
    """A scraped table row whose cells ran together: a digit right after a lower-case word starts a cell when its
    unit runs into the next cell ("Capsule1 capsuleLactobacillus": 1 capsule) or a count of strains follows
    ("capsules10 strains"); anything else glued to a word is a name ("Omega3", "covid19")."""
    start = m.start("low")
    if m.group("high") or not _GLUED_CELL_BEFORE.search(sentence, max(0, start - 3), start) or "/" in m.group("low"):
        return None
    if not re.fullmatch(r"[0-9]+", m.group("low")):
        return None
    end = start + len(m.group("low"))
    glued = g.glued_unit.match(sentence, end)
    if glued:
        unit, dimension, surface = g.unit(glued.group("unit"))
        if dimension not in _VALUE_DIMENSIONS:
            return None
        value = _value(m.group("low"))
        return _Number(start, glued.end(), value, value, unit, "", surface=surface, dimension=dimension)
    if re.match(r"\s+", sentence[end:end + 1]) and _CELL_COUNT_AFTER.match(sentence, end + 1):
        value = _value(m.group("low"))
        return _Number(start, end, value, value, "", "")
    return None


_OR = re.compile(r"\bor\b", re.IGNORECASE)
_BOUND_AFTER = re.compile(r"\s*(?:(?P<at_most>or\s+(?:less|fewer|lower|below|under)|at\s+most|max(?:imum)?)|"
                          r"or\s+(?:more|higher|greater|above|over)|at\s+minimum|and\s+(?:up|above))\b", re.IGNORECASE)
_PER_UNIT_AFTER = re.compile(r"\s*(?:\(\s*[^)]{0,20}\)\s*)?(?:of\s+[\w\s-]{0,30}?)?\s*"
                             r"(?:per|in\s+(?:each|every|one)|/)\s*(?:a\s+|one\s+|each\s+)?"
                             r"(?:drop|capsule|cap|tablet|tab|softgel|gummy|serving|scoop|lozenge|sachet|packet|pill|dose)s?\b",
                             re.IGNORECASE)  # "1000 IU of vitamin D per drop": a per-unit amount, never /day
_EACH_UNIT_BEFORE = re.compile(r"\b(?:each|every|one|per|a\s+single)\s+(?:[\w-]+\s+){0,3}?(?:drop|capsule|cap|tablet|tab|softgel|"
                               r"gummy|serving|scoop|lozenge|sachet|packet|pill)s?\b[^.;]{0,40}$", re.IGNORECASE)
_PLUS_JOIN = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:\+|\band\b|\bplus\b)\s*(?:another\s+|a\s+further\s+)?")
_INSTEAD_OF = re.compile(r"\s+(?:instead\s+of|rather\s+than)\s+", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$", re.IGNORECASE)


_TIME_OF_DAY_JOIN = re.compile(r"\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+(?:night|bedtime|noon|lunch|breakfast|"
                               r"dinner)|with\s+(?:breakfast|lunch|dinner))\s*,?\s+(?:and|then)\s+", re.IGNORECASE)


_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+/−)\s*")


def _means_without_spreads(numbers: list[_Number], sentence: str) -> list[_Number]:
    """"15.4±3.2% longer", "18.1 ± 3.2 minutes": the mean is the claim, in the spread's unit; the spread (a
    statistical qualifier of the figure) is no claim of its own."""
    kept: list[_Number] = []
    for number in numbers:
        mean = kept[-1] if kept else None
        if mean is not None and _PLUS_MINUS.fullmatch(sentence, mean.end, number.start):
            if not mean.unit:
                mean.unit, mean.dimension, mean.surface = number.unit, number.dimension, number.surface
                mean.bare_words = False
            continue
        kept.append(number)
    return kept


_OF_THE_DAILY_VALUE_AFTER = re.compile(r"\s*(?:or\s+(?:more|less|higher|lower|above|below)\s+)?of\s+(?:the\s+|your\s+)?"
                                       r"(?:(?:recommended\s+)?daily\s+(?:recommended\s+)?values?|dv)\b", re.IGNORECASE)
_AGES_WORD_BEFORE = re.compile(r"\b(?:ages?|aged)\s+(?:of\s+)?$", re.IGNORECASE)  # "ages 1 to 70, and 800 IU": an age


def _carry_units(numbers: list[_Number], sentence: str) -> None:
    """A bare number listed just before a number with a unit takes that unit ("2.6 and 2.8 micrograms/day",
    "the 15 billion on our label" after "19 billion organisms" takes the unit of a scaled neighbour)."""
    for i in range(len(numbers) - 2, -1, -1):
        number, following = numbers[i], numbers[i + 1]
        if (not number.unit and not number.bare_words and following.unit and not following.lead_unit
                and _LIST_JOIN.match(sentence[number.end: following.start])
                and not _AGES_WORD_BEFORE.search(sentence, max(0, number.start - 12), number.start)):
            number.unit, number.dimension, number.surface = following.unit, following.dimension, following.surface
        elif (number.dimension == "percent" and following.dimension == "percent_dv" and number.kind == "number"
              and _LIST_JOIN.match(sentence[number.end: following.start])):
            # "providing 207%, 306%, and 85% DV": the list's shares are all of the Daily Value
            number.unit, number.dimension, number.surface = following.unit, following.dimension, following.surface
        elif (not number.unit and number.kind == "number" and following.dimension in _DOSE_DIMENSIONS
              and not following.lead_unit and _TIME_OF_DAY_JOIN.fullmatch(sentence, number.end, following.start)):
            # "take one in the morning and two capsules at night": the first count is in capsules too
            number.unit, number.dimension, number.surface = following.unit, following.dimension, following.surface
            number.bare_words = False
    for number in numbers:
        if number.dimension == "percent" and _OF_THE_DAILY_VALUE_AFTER.match(sentence, number.end):
            number.unit, number.dimension = "%DV", "percent_dv"  # "20% or more of the Daily Value"
    for i in range(1, len(numbers)):
        number, previous = numbers[i], numbers[i - 1]
        if not number.unit and number.scaled and previous.scaled and previous.unit:
            number.unit, number.dimension, number.surface = previous.unit, previous.dimension, previous.surface
        if _INSTEAD_OF.fullmatch(sentence, previous.end, number.start) and bool(number.unit) != bool(previous.unit):
            # "3–4 weeks instead of one", "within one week instead of 3–4": the alternative is in the same unit
            bare, given = (number, previous) if previous.unit else (previous, number)
            if bare.kind == "number" and given.dimension == "time":
                bare.unit, bare.dimension, bare.surface, bare.bare_words = given.unit, given.dimension, given.surface, False


_TIME_OF_DAY_AFTER = re.compile(r"\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+(?:night|bedtime|noon|lunch|breakfast|"
                                r"dinner)|with\s+(?:breakfast|lunch|dinner|each\s+meal)|before\s+(?:bed|bedtime|sleep))\b",
                                re.IGNORECASE)


def _counts_by_time_of_day(numbers: list[_Number], sentence: str, previous: _Number | None) -> None:
    """"Take three capsules daily. Have two in the morning and one in the evening": bare counts that split a count of
    capsules (of this sentence or the one before, in the same block) by time of day are in the same unit."""
    source = previous
    for number in numbers:
        if number.dimension == "serving" and number.kind == "number":
            source = number
        elif (source is not None and number.kind == "number" and not number.unit and not number.lead_unit
              and number.low == number.high and number.low.is_integer() and 1 <= number.low <= 10
              and _TIME_OF_DAY_AFTER.match(sentence, number.end)):
            number.unit, number.dimension, number.surface = source.unit, source.dimension, source.surface
            number.bare_words, number.kind = False, "split"


def _is_not_a_claim(number: _Number, sentence: str, block_kind: str = "paragraph") -> bool:
    """Ages, years, list numbers, citation markers, reading times, vitamin names, prices, ratings, pack sizes."""
    before, after = sentence[: number.start], sentence[number.end:]
    if number.kind != "number" or number.lead_unit:
        return False
    if number.bare_words and _LIST_SIZE.match(after):
        return True  # "The five things to check on a label": the size of the author's list
    if number.bare_words and (not _COUNT_NOUN.match(after) or _ANAPHORA_BEFORE.search(before[-12:])
                              and not re.match(r"^\s+(?:of\s+the\s+)?most\b", after)):
        return True  # "Two of the most common concerns", "these two components"; "two forms" is a count
    if number.bare_words and _TALLY_AFTER.match(after):
        return True  # "the two forms – D and L": tallies the items it names (dev_gold_rulings_a.md)
    if (_ARITHMETIC.match(after) and not _footnote_star(sentence, number.end + len(after) - len(after.lstrip()))) or \
            _ARITHMETIC_BEFORE.search(before) and not _footnote_star(sentence, len(before.rstrip()) - 1) and \
            not _BULLET_STAR_BEFORE.search(before) and (
            not before.rstrip().lower().endswith("x") or _ARITHMETIC_RESULT_AFTER.match(after)):
        return True  # the operands of a worked calculation restate figures of the sentence
    if number.dimension == "time" and (_SUPPLY_AFTER.match(after) or _AGO_AFTER.match(after)):
        return True
    if number.dimension == "time" and after[:1].isdigit():
        return True  # "Birth to 6 months2 mcg": an age label glued to its table cell
    if not number.unit and _AGE_GLUED_TO_A_CELL_AFTER.match(after):
        return True  # "19+ years30 mcg": the same, its unit read apart from the number
    if number.unit == "minutes" and re.match(r"^\s*read\b", after, re.IGNORECASE):
        return True  # "12 min read"
    if number.unit == "minutes" and _READ_TIME_BADGE.fullmatch(sentence):
        return True  # "4 MIN" on a line of its own: an article's reading-time badge
    if not number.unit and _TEMPERATURE_AFTER.match(after):
        return True  # "Store below 25 °C": a storage temperature is product detail, never a count
    if number.dimension in ("activity", "mass") and ("same as" in sentence or "equ" in sentence or "=" in sentence):
        conversion = _UNIT_CONVERSION.search(sentence)
        if conversion and conversion.start() <= number.start and ";" not in sentence[conversion.start(): number.start]:
            return True  # "1 IU of vitamin D is the same as 0.025 mcg": a unit conversion, not amounts to take
    if not number.unit and _CITATION_LINE.fullmatch(sentence):
        return True  # "1, 2, 3" on a line of its own: footnote markers the page set apart from their sentence
    if not number.unit and not before.strip() and _CONNECTIVE_AFTER.match(after):
        return True  # "1 However, ...": a footnote digit after the previous sentence's full stop
    # "290mg/5mL" (a liquid's strength), "90 mL/24hr" (a limit's window): neither a rating nor a glued name
    per_reference = (number.dimension in ("mass", "activity") and _PER_VOLUME_AFTER.match(after)) or (
        number.dimension in _DOSE_DIMENSIONS and _PER_WINDOW_AFTER.match(after))
    if _AFTER_BLOCKERS.match(after) and not (number.dimension == "ratio" and number.surface in ("x", "×")) \
            and not per_reference \
            and not (not number.unit and _COUNT_NOUN.match(after)) \
            and not (number.unit and block_kind == "table_row" and _NEXT_CELL_AT.match(sentence, number.end - 1)):
        return True
    if number.surface in ("x", "×") and re.match(r"^\s*\d", after):
        return True  # "2 x 500 mg": a multiplication, not a multiple
    if _PRICE_BEFORE.search(before) or _STAR_BEFORE.search(before) or (_RATING.match(after) and not per_reference) or \
            _MONEY_AFTER.match(after) or (
            not number.unit and _RATING_BEFORE.search(before[-20:])):
        return True  # "$25-30", "★4.7/5", "4.5 out of 5"
    if not number.unit and _COUNT_PACKAGE_AFTER.match(after):
        return True  # "available in 60 and 180 count package", "a 90-count bottle": pack sizes
    if number.dimension == "serving" and number.low == 1 and not _DIGIT.search(sentence[number.start:number.end]) \
            and _DEFINES_A_UNIT_AFTER.match(after):
        return True  # "One serving of this supplement is equal to 1 capsule": "one" used as "a", a definition
    if number.dimension in ("volume", "serving") and _CONTAINER_AFTER.match(after):
        return True  # "a 2 fl oz bottle", "60-count jar": the size of the container
    if number.dimension == "weight" and _LABELS_AN_AMOUNT_AFTER.match(after):
        return True  # "150 lbs – 20 grams daily": a body weight that labels the dose, like an age group
    if number.dimension == "serving" and _COUNT_SUPPLY_AFTER.match(after):
        return True  # "270 capsules - 9 month supply": a pack size
    if number.dimension == "serving" and _PACK_SIZE.search(before[-25:]) and not _VOLUME_RESTATED_BEFORE.search(before):
        return True  # "(30 capsules)", "a bottle of 60 tablets": a pack size; "1 ml (20 drops)" restates a dose
    if not number.unit and not sentence.replace(sentence[number.start:number.end], "", 1).strip(" .):#"):
        return True  # a list number on a line of its own ("1.")
    if not number.unit and not number.scaled and block_kind != "stat":
        tail = _TRAILING_CITATIONS.search(sentence)
        if tail and tail.start(1) <= number.start and number.end <= tail.end(1) and (
                block_kind != "table_row" or sentence[: tail.start(1)].rstrip().endswith(".")):
            return True  # citation digits at the end of a line: "... after the loading phase 2", "... option 1, 2"
    if number.dimension == "frequency" and number.start > 0 and sentence[number.start].isupper() and \
            sentence[number.start:number.end].istitle():
        return True  # "Probiotics Once Daily": part of a product name
    if not number.unit and _LIST_MARKER_AFTER.match(after) and not _WORD_CHARACTER.search(before):
        return True  # "✅ 1. Builds strong bones", "2) Take it with food": a list number after an emoji or a bullet
    if not number.unit and _CITATION_OPENS_BEFORE.search(before[-40:]) and (
            _CITATION_AFTER.match(after) or _UNCLOSED_CITATION_AFTER.match(after)):
        return True  # "[2; 3]", "[10;8]", and "[11 Other data ...": a citation whose bracket was never closed
    if number.dimension == "percent" and _SAVING_BEFORE.search(before[-40:]):
        return True  # "Save 20% with Subscribe & Save": a discount
    if not number.unit and _LISTING_ID_AFTER.search(after, 0, 60):
        return True  # "60 Enteric Coated Caplets ( SKU: 9288, NPN: ... )": a product listing's pack size
    if not number.unit and _PACK_COUNT_BEFORE.search(before[-50:]):
        return True  # "Servings Per Container: 30": a pack size
    if not number.unit and after[:1] in ("™", "®"):
        return True  # "Bifidobacterium 35624™", "Formula 10®": a trademarked name
    if not number.unit and number.low == 0 and number.high == 0:
        return True  # a bare zero counts nothing ("Tier 1 0")
    if not number.unit and _JOURNAL_BEFORE.search(before):
        return True  # "(2023;118(3):456-468)": a journal volume
    if not number.unit and (_P_VALUE_BEFORE.search(before) or _PRODUCT_CODE_BEFORE.search(before)):
        return True  # "(P < 0.05)", "KM 66", "PRO 15"
    if number.dimension in _DOSE_DIMENSIONS and re.search(r"\bper\s+$", before, re.IGNORECASE) and not re.match(
            r"\s*(?:fish\s+oil\s+|oil\s+)?(?:capsule|cap|softgel|tablet|serving|scoop|gummy|dose|pill)s?\b", after,
            re.IGNORECASE):
        return True  # "570 IU per 100 grams": the 100 g is the reference amount, not a claim
    if number.dimension == "mass" and _HUNDRED_GRAMS.fullmatch(sentence, number.start, number.end) and \
            _IN_A_REFERENCE_BEFORE.search(before[-60:]):
        return True  # "1,917 mcg of selenium in 100 g": the reference portion of a food's content, as "per 100 grams"
    if _is_population_label(number, sentence, block_kind):
        return True  # "≥ 19 years | 90 |", "Birth to 6 months 30 mg", "19–30 years: 400 mg": an age band
    if number.unit in ("", "years", "months"):
        values = [v for v in (number.low, number.high) if not math.isnan(v)]
        if number.unit == "" and values and all(1800 <= v <= 2100 and float(v).is_integer() for v in values):
            return True  # a year
        if (_AGE_BEFORE.search(before) and not (number.unit and _TIME_AFTER_BEFORE.search(before))) or \
                _AGE_AFTER.match(after) or _AGE_SPAN_BEFORE.search(before):
            return True  # "Adults 19-30", "Infants 0-12 months", "between ages 20 and 80"
        if number.unit == "" and number.low >= 1000 and _STRAIN_BEFORE.search(before):
            return True  # a strain id
        if _ORDINAL_OR_LABEL_BEFORE.search(before) or (number.unit == "" and _is_a_type_name(number, sentence, before)):
            return True
        if _CITATION_BEFORE.search(before) and _CITATION_AFTER.match(after):
            return True  # citation marker [12], (3) or [1, 2]
        if _DATE_BEFORE.search(before) or (number.unit == "" and _DATE_AFTER.match(after)) or \
                _GLUED_MONTH_BEFORE.search(before[-12:]):
            return True  # "March 3, 2024", "3 March 2024"
    return False


_VOLUME_RESTATED_BEFORE = re.compile(r"[0-9]\s*(?:ml|milliliters?|millilitres?|tsp|teaspoons?|droppers?(?:ful)?s?)\s*\(\s*$",
                                     re.IGNORECASE)
_HUNDRED_GRAMS = re.compile(r"100\s*(?:g|grams?)", re.IGNORECASE)
_IN_A_REFERENCE_BEFORE = re.compile(r"[0-9]\s*[a-zµμ]*\s+of\s+(?:[\w-]+\s+){1,3}?in\s+(?:every\s+|each\s+)?$",
                                    re.IGNORECASE)
_UNIT_CONVERSION = re.compile(r"(?<![\w.,])1\s*(?:IU|mcg|µg|μg|micrograms?|mg|milligrams?)\s+(?:of\s+(?:[\w-]+\s+){0,3}?)?"
                              r"(?:is\s+(?:the\s+same\s+as|equal\s+to|equivalent\s+to)|equals|=)\s*"
                              r"(?:about\s+|approximately\s+|~\s*)?[0-9.,]+\s*(?:IU|mcg|µg|μg|micrograms?|mg)\b", re.IGNORECASE)
_PER_WINDOW_AFTER = re.compile(r"^/\s*24\s*-?\s*(?:hrs?|hours?|h)\b", re.IGNORECASE)  # "90 mL/24hr": a limit's window
_PER_VOLUME_AFTER = re.compile(r"^/\s*[0-9]+(?:\.[0-9]+)?\s*(?:ml|mL|ML)\b")  # "290mg/5mL": a liquid's strength
_READ_TIME_BADGE = re.compile(r"\s*[0-9]{1,2}\s*(?:MIN|MINS|MINUTES|Min|Mins)\s*")  # capitals, or "Min": a badge
_TEMPERATURE_AFTER = re.compile(r"^\s*[°º˚]\s*[CF]\b")
_CITATION_LINE = re.compile(r"\s*[0-9]{1,2}(?:\s*[,–-]\s*[0-9]{1,2})+\s*\.?\s*")
_CONNECTIVE_AFTER = re.compile(r"^\s+(?:However|Moreover|Furthermore|Additionally|Also|But|Therefore|Thus|Overall|"
                               r"Similarly|Conversely|Nevertheless|Meanwhile|Instead|Yet|Although|In\s+addition|"
                               r"In\s+contrast|For\s+example|For\s+instance)\b")  # a count never heads these
_AGE_LIST_BEFORE = re.compile(r"\bage\s+(?:groups?|bands?|ranges?|brackets?|categories)\s*\([^()]*$", re.IGNORECASE)
_BAND_HEADS_LINE_BEFORE = re.compile(r"(?:^|\n)\s*[-•*]?\s*(?:[<>≤≥]|&lt;|&gt;)?\s*$")
_BAND_COLON_AFTER = re.compile(r"^\s*(?:old|of\s+age|and\s+(?:older|over|up))?\s*\)?\s*:", re.IGNORECASE)
_AGE_UNIT_AFTER = re.compile(r"^\+?\s*(?:years?|yrs?|months?|mos?)\b", re.IGNORECASE)  # "51+ years": the unit after a "+"
_LABEL_COLON_AFTER = re.compile(r"^\s*(?:old|of\s+age|and\s+(?:older|over|up))?\s*\)?\s*[:=–—-]\s*"
                                r"(?:about\s+|around\s+|~\s*)?[0-9]", re.IGNORECASE)

_LABEL_START_BEFORE = re.compile(r"(?:^|[:;.(]\s+|\n)\s*[-•*]?\s*(?:(?!(?:after|before|for|within|in|over|by|takes?|at|"
                                 r"during|from|until)\b)[A-Za-z,]+\s+){0,3}$", re.IGNORECASE)  # a label starts its line or clause


def _is_population_label(number: _Number, sentence: str, block_kind: str) -> bool:
    """An age band that labels a row or an amount (conventions: population descriptors are not claims): a time in
    years or months in the first cell of a table row that holds a value after it ("≥ 19 years | 90 |", "Birth to 6
    months 30 mg* 30 mg*", "51+ years 420 mg"), or before a colon and an amount ("19–30 years: 400 mg")."""
    after = sentence[number.end:]
    if number.unit in ("years", "months"):
        pass
    elif number.unit == "" and _AGE_UNIT_AFTER.match(after):
        after = after[_AGE_UNIT_AFTER.match(after).end():]
    else:
        return False
    if _LABEL_COLON_AFTER.match(after) and _LABEL_START_BEFORE.search(sentence, 0, number.start):
        return True
    if (number.unit == "years" or number.unit == "") and _BAND_COLON_AFTER.match(after) and \
            _BAND_HEADS_LINE_BEFORE.search(sentence, 0, number.start):
        return True  # "19-30 years: Men, 400 mg/day; women, ...", "<2 years: not established": a band heading its line
    if number.unit in ("years", "months") and _AGE_LIST_BEFORE.search(sentence, max(0, number.start - 80), number.start):
        return True  # "three age groups (26–49 years, 50–64 years, and ...)": bands listed after "age groups"
    if block_kind != "table_row":
        return False
    before = sentence[: number.start]
    if "|" in sentence:
        return "|" not in before.strip().strip("|") and bool(re.search(r"\|\s*[^\w|\s]{0,2}\s*[0-9.]", after))
    return bool(re.match(r"^[^\d]{0,25}$", before)) and bool(re.match(r"^\s*[0-9.]+\s*[a-zµμ%]", after, re.IGNORECASE))


_TYPE_LIST_BEFORE = re.compile(r"\btypes?\s+(?:[0-9]+\s*(?:,|and\b|or\b|&)\s*(?:and\s+|or\s+)?)+$", re.IGNORECASE)
_TYPE_WORD = re.compile(r"\btypes?\b", re.IGNORECASE)
_ROMAN_AS_DIGITS = re.compile(r"(?<!\w)(?<![0-9][.,])1{2,3}(?!\w|[.,][0-9])")


def _is_a_type_name(number: _Number, sentence: str, before: str) -> bool:
    """"types 1, 11, and 111", "combos of 1, 11, and 111": names of types (Roman numerals I, II, III rendered as
    digits), like "type 2" or "D3", not claims: a bare number listed after "types", or a bare 1, 11 or 111 in a
    sentence about types that holds an 11 or a 111."""
    if _TYPE_LIST_BEFORE.search(before[-60:]):
        return True
    text = sentence[number.start:number.end]
    return bool(re.fullmatch(r"1{1,3}", text)) and bool(_TYPE_WORD.search(sentence)) and \
        bool(_ROMAN_AS_DIGITS.search(sentence))


# --- data: cue words ----------------------------------------------------------------------------

@lru_cache(maxsize=8)
def load_cues(path: Path | None = None) -> dict[str, re.Pattern]:
    """claim_type (or role) -> one compiled pattern of all its cue words."""
    path = path or paths.LEXICONS / "claim_cues.csv"
    table = read_data_csv(path, required=["claim_type", "pattern", "source"], non_empty=["claim_type", "pattern"],
                          regex_columns=["pattern"])
    grouped = table.groupby("claim_type", sort=False)["pattern"].agg(lambda p: "|".join(f"(?:{x})" for x in p))
    return {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in grouped.items()}


# --- typing ---------------------------------------------------------------------------------------------

def _nearest(pattern: re.Pattern, text: str, position: int) -> int | None:
    distances = [min(abs(m.start() - position), abs(m.end() - position)) for m in pattern.finditer(text)]
    return min(distances) if distances else None


_CONTRAST = re.compile(r";|,?\s+(?:but|whereas|while|although|yet)\s+", re.IGNORECASE)


def _contrast_clause(sentence: str, number: _Number) -> tuple[int, int]:
    """The part of a sentence a number's cues may come from: not across "; " or a contrast ("..., but ...")."""
    left, right = 0, len(sentence)
    for m in _CONTRAST.finditer(sentence):
        if m.end() <= number.start:
            left = m.end()
        elif m.start() >= number.end:
            right = m.start()
            break
    return left, right


def _clause(sentence: str, number: _Number) -> tuple[int, int]:
    """The clause around a number: from the last ";" or ":" (or sentence start) to the next one."""
    left = max(sentence.rfind(";", 0, number.start), sentence.rfind(":", 0, number.start)) + 1
    right = min([i for i in (sentence.find(";", number.end),) if i >= 0] or [len(sentence)])
    return left, right


def _percent_type(number: _Number, sentence: str, header: str, section: str, cues: dict[str, re.Pattern],
                  block_kind: str) -> str:
    """A share is an absorption rate or a prevalence by the nearest cue (its sentence, else for a table row or
    a stat block its header or heading); a change ("87% higher levels") is other unless absorption governs it."""
    before, after = sentence[: number.start], sentence[number.end:]
    if _PROMOTIONAL_AFTER.match(after) or cues["composition_after"].match(after) or \
            cues["composition_before"].search(before):
        return "other"  # "100% natural", "14% elemental magnesium": composition and slogans
    if _RELATIVE_AFTER.match(after) or _RELATIVE_BEFORE.search(before):
        # "absorbs 50-70% better", "increases bioavailability by 2000%": a relative absorption claim
        left, right = _clause(sentence, number)
        window = sentence[max(left, number.start - 60): min(right, number.end + 25)]
        if cues["absorption_rate"].search(window) and not cues["not_absorption"].search(window):
            return "absorption_rate"
        return "other"
    share = _SHARE_OF_AN_AMOUNT.match(sentence, number.end) if number.kind == "fraction" else None
    if share and not _IS_ABSORBED_AFTER.match(sentence, share.end()):
        return "other"  # "aren't consuming half of the RDA": a share of an amount (a threshold), not of people
    if share:
        return "absorption_rate"  # "only a quarter of the dose is absorbed", as "20% of the dose is absorbed"
    if cues["treated_deficiency"].search(sentence, 0, number.start):
        return "other"  # "corrects deficiency in 90% of patients": an effect, not a prevalence
    left, right = _contrast_clause(sentence, number)
    if cues["people_after"].match(after) and cues["people_problem"].search(sentence, number.end,
                                                                           min(right, number.end + 120)):
        return "deficiency_prevalence"  # "10-30% of adults over 50 have difficulty absorbing it": people, not a dose
    contexts = [(sentence[left:right], number.start - left)]  # "... better absorption, but it caused loose stools in 23%"
    if block_kind in ("table_row", "stat"):
        contexts += [(header, 0), (section, 0)]
    for context, position in contexts:
        scored = []
        for kind in ("absorption_rate", "deficiency_prevalence"):
            distance = _nearest(cues[kind], context, position)
            if distance is not None:
                scored.append((distance + (25 if kind == "deficiency_prevalence" and context is contexts[0][0]
                                           and _absorption_clause(number, sentence, cues) else 0), kind))
        if scored:
            return min(scored)[1]
    return "other"


_IS_ABSORBED_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:is|are|gets?|was|were|will\s+be|can\s+be)\s+(?:actually\s+|really\s+|"
                                r"only\s+)?(?:absorbed|bioavailable|taken\s+up)\b", re.IGNORECASE)
_SHARE_OF_AN_AMOUNT = re.compile(r"\s+of\s+(?:the\s+|their\s+|your\s+|a\s+|this\s+|that\s+)?(?:\w+\s+){0,2}?"
                                 r"(?:rda|rdi|ear|ai|ul|dv|recommended|required|requirement|dose|dosage|amount|intake|"
                                 r"allowance|serving|capsule|tablet)s?\b", re.IGNORECASE)


def _absorption_clause(number: _Number, sentence: str, cues: dict[str, re.Pattern]) -> bool:
    """The number's own clause speaks of absorption ("absorption is low: about 4%")."""
    left, right = _clause(sentence, number)
    return bool(cues["absorption_rate"].search(sentence, left, right))


# "a concentration of 1.7 g of the citrate per fl. oz": a liquid product's strength (a dose), not a blood level
_PRODUCT_STRENGTH_AFTER = re.compile(r"\s*(?:of\s+(?:[\w-]+\s+){0,3}?)?(?:per|/|in\s+(?:each|every|one))\s*"
                                     r"(?:fl\.?\s*oz|fluid\s+ounce|oz\b|ounce|ml\b|millilit|teaspoon|tsp|tablespoon|tbsp|"
                                     r"serving|dose|capsule|tablet|drop|scoop)", re.IGNORECASE)


_LIST_STEP = r"\s*(?:,|and\b|or\b)\s*(?:and\s+|or\s+)?"
_MARK_LIST_AFTER = re.compile(rf"(?:{_LIST_STEP}[0-9.]+)*\s*-?\s*(?:(?:minutes?|min|hours?|hrs?|h)\b\s*-?\s*)?"
                              r"(?:marks?|time\s*-?\s*points?)\b", re.IGNORECASE)
_AT_THE_LIST_BEFORE = re.compile(rf"\bat\s+the\s+(?:[0-9.]+\s*(?:-?\s*(?:minutes?|hours?)\s*)?{_LIST_STEP})*$", re.IGNORECASE)


def _at_a_mark(number: _Number, sentence: str) -> bool:
    """"at the 4-hour mark", "at the 0.25, 0.5, and 1-hour marks": when a result was observed after intake (onset)."""
    return bool(_AT_THE_LIST_BEFORE.search(sentence, max(0, number.start - 60), number.start)) and \
        bool(_MARK_LIST_AFTER.match(sentence, number.end))


_TAKE_BEFORE = re.compile(r"\b(?:take|taking|use|consume)\b", re.IGNORECASE)  # an instruction: a timing, not an onset
_PURPOSE_AFTER = re.compile(r"\s*(?:in\s+order|so\s+as)\s+to\b", re.IGNORECASE)  # the phase's purpose, not its effect
_DOSE_BAND_AFTER = re.compile(r"\s*-?\s*(?:single\s+|oral\s+|daily\s+)?doses?\b", re.IGNORECASE)  # "a 200 mg dose"
_FOOD_PERIOD_AFTER = re.compile(r"[^.;]{0,60}?\b(?:(?P<week>(?:per|a|each|every)\s+week|weekly)|(?:per|a|each|every)\s+day|"
                                r"daily)\b", re.IGNORECASE)
# "500 mL beetroot juice contains ~5 mmol of nitrate": what a food portion contains is food content too
_PORTION_CONTAINS = re.compile(r"\s*(?:[\w-]+\s+){1,3}?(?:contains?|provides?|has|delivers?)\s+(?:about\s+|around\s+|~\s*)?",
                               re.IGNORECASE)
# "7 grams of fiber per one-tablespoon serving, or 4 to 4.5 grams per teaspoon": the portion and the restated amount
_FOOD_PORTION_JOIN = re.compile(r"(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?)?\s+per\s+|"
                                r"\s*-?\s*(?:servings?|portions?)?\s*,\s*or\s+(?:about\s+|around\s+)?", re.IGNORECASE)
_PORTION_SUPPLIES_AFTER = re.compile(r"[^.;]{0,80}?\b(?:supplies|supply|provides?|contains?|delivers?|yields?)\s+"
                                     r"(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s*|only\s+)?[0-9][0-9,.]*\s*"
                                     r"(?P<energy>k?cal(?:orie)?s?\b|kilocalories?\b|kj\b|kilojoules?\b)?", re.IGNORECASE)
_DRY_WEIGHT = re.compile(r"\bdry\s+(?:weight|matter|mass|leaf|leaves)\b", re.IGNORECASE)
_BODY_WEIGHT = re.compile(r"\bbody\s*-?\s*(?:weight|mass)\b|\bbw\b", re.IGNORECASE)
_BRACKET_OPENS = re.compile(r"[^().;]{0,40}\(\s*")
_FOOD_WEIGHT = {"oz", "ounce", "ounces"}  # a bare ounce of food weighs (avoirdupois), it is no fluid ounce


def _is_food_amount(number: _Number, sentence: str, cues: dict[str, re.Pattern]) -> bool:
    """Food or macronutrients eaten, or an amount in the body: other, never a dose. The food may follow a
    restatement in brackets ("two servings (about 8 ounces) of oily fish", "8 ounces) of oily fish")."""
    after = sentence[number.end: number.end + 40]
    if cues["not_dose_after"].match(after) or cues["food_content"].search(sentence, max(0, number.start - 60),
                                                                          number.start):
        return True
    restated = _RESTATED_AFTER.match(sentence, number.end)
    return bool(restated) and bool(cues["not_dose_after"].match(sentence[restated.end(): restated.end() + 40]))


# "a 400mg tablet delivers about 100mg of absorbable calcium": an absorbed amount comes from an amount named before it;
# alone, "5 g of bioavailable creatine" is a seller's adjective of the dose
_SOURCE_AMOUNT = re.compile(r"[0-9]\s*(?:mg|g|mcg|µg|grams?|milligrams?)\b", re.IGNORECASE)


def _claim_type(number: _Number, sentence: str, header: str, section: str, cues: dict[str, re.Pattern],
                block_kind: str = "paragraph", has_dose: bool = False, forms: tuple[tuple[int, int], ...] = ()) -> str:
    dimension = number.dimension
    if dimension == "percent":
        return _percent_type(number, sentence, header, section, cues, block_kind)
    if dimension == "ratio":  # "3 times better absorbed", "a 20-fold increase in bioavailability"
        left, right = _clause(sentence, number)
        if cues["ratio_need_before"].search(sentence, max(0, number.start - 40), number.start):
            return "other"  # "vegans may need up to 1.8 times more iron": a multiple of a requirement
        if _OWN_SIZE_AFTER.match(sentence, number.end):
            return "other"  # "swelling up to 20 times its original volume", "absorbs 40 times its weight in water"
        if cues["absorption_rate"].search(sentence, left, right):
            return "absorption_rate"
        if cues["not_absorption"].search(sentence, left, right) and any(left <= a and b <= right for a, b in forms):
            return "absorption_rate"  # "the liposomal group had plasma levels 1.8 times higher": a form's bioavailability
        return "other"
    if dimension in _DOSE_DIMENSIONS:
        before = sentence[max(0, number.start - 40): number.start]
        if number.kind == "half_a" and _PER_BEFORE.search(before):
            return "other"  # "96 mg per half cup": the portion a food amount is given for
        after = sentence[number.end: number.end + 40]
        if dimension == "mass" and not _DOSE_BAND_AFTER.match(after) and (
                cues["absorbed_before"].search(before)
                or (cues["absorbed_after"].match(after) and _SOURCE_AMOUNT.search(sentence, 0, number.start))):
            return "absorption_rate"  # "you absorb about 11 mg"; not "50% of a 1250 mg dose is absorbed": a dose band
        portion = _PORTION_SUPPLIES_AFTER.match(sentence, number.end)
        if portion and (portion.group("energy") or _HUNDRED_GRAMS.fullmatch(sentence, number.start, number.end)):
            return "other"  # "100g of the powder supplies 290 kilocalories": the portion a food's content is given for
        if dimension == "mass_per_weight" and _DRY_WEIGHT.search(sentence) and not _BODY_WEIGHT.search(sentence):
            return "other"  # "1-2% of dry weight tea, which is 10-30 g/kg": a plant's content, not a dose per body weight
        strength = _PRODUCT_STRENGTH_AFTER.match(after) and not cues["not_dose"].search(after)
        window = max(0, number.start - 40, sentence.rfind(":", 0, number.start) + 1)  # a label before a colon is
        if (cues["not_dose"].search(sentence[window: number.end]) and not strength) or \
                _is_food_amount(number, sentence, cues):
            return "other"  # the body's content, a blood level, food eaten with it
        return "dose"
    if dimension == "time":
        after = sentence[number.end: number.end + 60]
        before = sentence[max(0, number.start - 30): number.start]
        if cues["timing_event"].match(after.strip()) and (cues["timing"].search(sentence) or has_dose) or \
                cues["timing_before"].search(sentence, max(0, number.start - 80), number.start):
            return "timing"  # "30 minutes before bed", "separate it from iron by at least 2 hours"
        if cues["effect_lasts_before"].search(before):
            return "other"  # "the effects last 4-6 hours": how long an effect lasts
        if _CHANGED_BY_BEFORE.search(sentence, max(0, number.start - 90), number.start):
            return "other"  # "cut the duration of colds by a week", "advanced sleep onset by 20 minutes": an effect size
        listed = _TIME_LIST_TAIL.match(sentence, number.end)  # "at 4, 6 and 24 hours following administration"
        if listed and _BARE_DIGITS.fullmatch(sentence, number.start, number.end):
            after = sentence[listed.end(): listed.end() + 60]
        if cues["after_intake"].match(after) and not _TAKE_BEFORE.search(sentence, 0, number.start) and \
                not cues["regimen_before"].search(before):
            return "onset"  # "levels peak about 90 minutes after a dose": observed that long after intake
        if _OF_USE_AFTER.match(after) and cues["onset_before"].search(before) and cues["onset"].search(sentence):
            return "onset"  # "results after 4 weeks of daily use": a time to an effect, not a history of use
        if (_NOT_ONSET_AFTER.match(after) and number.qualifier != "within") or _INTERVAL_BEFORE.search(before) or \
                _SPAN_BEFORE.search(before) or (
                _WINDOW_BEFORE.search(before) and _WINDOW_AFTER.match(after)):
            return "other"  # "10 years younger"; "every 2-3 hours", "in a six hour period": a dosing interval or window
        if cues["onset_before"].search(before) or _at_a_mark(number, sentence):
            return "onset"  # "it takes about 4 weeks", "after just 30 days", "higher at the 4-hour mark"
        regimen = cues["regimen"].search(sentence)
        if number.qualifier == "within" and regimen and cues["onset"].search(sentence):
            return "onset"  # "the loading phase lets you feel benefits within one week": a time to an effect
        if (cues["regimen_before"].search(before) or regimen) and (
                not cues["onset_after"].match(after) or regimen and _PURPOSE_AFTER.match(after)
                or _THEN_AFTER.match(after)):  # "for two weeks, then 100 mg": a step of a regimen
            if not regimen and cues["onset_purpose"].search(sentence):
                return "onset"  # "to see noticeable benefits, ... daily for at least three months"
            return "other"  # "for 5-7 days", "Initial Loading (Days 1-7)", "a loading phase for 5 days in order to ..."
        if number.lead_unit or number.qualifier == "within" or cues["onset"].search(sentence) or (
                cues["regimen_before"].search(before) and cues["onset_after"].match(after)):
            return "onset"  # "trained for 8 weeks had significantly greater gains": a trial's length and its effect
        return "other"
    if dimension in ("count", ""):
        after = sentence[number.end: number.end + 40]
        if cues["enzyme_count"].search(after):
            return "enzyme_count"
        many_people = number.kind == "many" and (not sentence[number.start:number.end].lower().endswith("of")
                                                 or bool(cues["people_after"].match(" of" + after)))
        if (number.scaled or many_people) and cues["deficiency_prevalence"].search(sentence):
            return "deficiency_prevalence"  # "iron-deficiency anemia affects about 4-5 million Americans"
        return "other"
    return "other"  # %DV, frequency, concentration


_OPENS_A_BRACKET = re.compile(r"\s*\(\s*")
_OF_A_NAME = re.compile(r"\s+of\s+[^,;:()]*$")
_RESTATED_AFTER = re.compile(r"\s*(?:\([^()]{1,30}\)|\))")


def times_per_day(claim_type: str, sentence: str, number: _Number, numbers: list[_Number] | None = None) -> int:
    """3 for "250 mg three times a day": the daily total is the dose times this. The frequency is the first one
    after the dose in its clause; "divided into four doses of 5 g" gives the per-dose amount 4."""
    if claim_type != "dose" or not numbers:
        return 1
    index = numbers.index(number)
    for other in numbers[index + 1:]:
        gap = sentence[number.end: other.start]
        if other.start - number.end > (40 if not _OF_A_NAME.match(gap) else 70) or re.search(r"[.;]", gap):
            break  # "300 mg of KM 66 standardized root extract twice daily": the name of what is taken is no break
        if other.dimension == "frequency" and other.kind not in ("divided", "doses") and \
                other.unit == "times/day":  # not "a week"
            value = other.high if math.isnan(other.low) else other.low  # "up to 4 times a day": 4
            if not math.isnan(value):
                return int(value)
        if other.dimension in ("mass", "activity", "cfu", "serving", "volume") and not _OPENS_A_BRACKET.fullmatch(gap):
            break  # another amount, unless it restates this one in brackets ("1 ml (20 drops) twice daily")
    for other in reversed(numbers[:index]):  # "divided into 4 equal doses of 5 g"
        if other.kind in ("divided", "doses") and other.dimension == "frequency" and number.start - other.end <= 15:
            return int(other.low)
    return 1


def _final_unit(claim_type: str, number: _Number, daily: bool, g: Grammar) -> tuple[str, float, float]:
    """The unit as the registry reports it (grams as mg), "/day" on a dose said daily, "count" for bare counts."""
    unit, low, high = number.unit, number.low, number.high
    if number.surface and unit:
        found = g.registry.unit(number.surface)
        if found and found[0] != found[3]:  # written in grams, reported in mg
            low = g.registry.to_unit(low, found[0], found[3]) if not math.isnan(low) else low
            high = g.registry.to_unit(high, found[0], found[3]) if not math.isnan(high) else high
    if number.per == "week":
        unit += "/week"
    elif number.per == "day" or (claim_type == "dose" and daily and number.dimension != "frequency"):
        unit += "/day"
    if not unit and claim_type in ("other", "enzyme_count", "deficiency_prevalence"):
        unit = "count"
    return unit, low, high


def _elemental(claim_type: str, sentence: str, number: _Number, mentions: list, header: str,
               reg: registry_module.Registry) -> str:
    """yes: the text says elemental at this number (or its table column does); no: it names a mineral salt's
    mass ("400 mg of magnesium glycinate", a "Compound" column); empty: unstated. A vitamin's form
    ("10,000 mcg of methylcobalamin") says nothing about elemental mass."""
    if claim_type != "dose":
        return ""
    if "|" in sentence and header:
        column = _column_header(sentence, number, header)
        if re.search(r"elemental", column, re.IGNORECASE):
            return "yes"
        if re.search(r"compound|salt", column, re.IGNORECASE):
            return "no"
    after = [m for m in mentions if m[0] >= number.end and m[3] and reg.has_elemental_fractions(m[2])]
    if after and re.match(r"^\s*(?:of\s+)?(?:\w+\s+){0,1}$", sentence[number.end: after[0][0]], re.IGNORECASE) \
            and not _ELEMENTAL.search(sentence, number.end, after[0][0]):
        return "no"
    for m in _ELEMENTAL.finditer(sentence, max(0, number.start - 60), min(len(sentence), number.end + 40)):
        between = sentence[m.end(): number.start] if m.end() <= number.start else sentence[number.end: m.start()]
        if not _DIGIT.search(between) and not re.search(r"[.;]", between):
            return "yes"  # "15-30 mg/day of elemental zinc"; not the "20% elemental" of another number
    return ""


def _units_from_column_headers(numbers: list[_Number], sentence: str, header: str, g: Grammar,
                               caption_unit: str = "") -> None:
    """A bare number in a table column whose header names a unit ("CFU Level", "Dose (mg)") takes that unit; failing
    that, outside the first (label) column, the unit its caption names in brackets ("Intakes for Biotin (mcg)")."""
    for number in numbers:
        if number.unit == "%" and number.kind == "number":  # "48%" under a "%Daily Value" column is a %DV
            found = g.header_unit.search(_column_header(sentence, number, header))
            if found and g.unit(found.group("unit"))[1] == "percent_dv":
                number.unit, number.dimension, number.surface = g.unit(found.group("unit"))
            continue
        if number.unit or number.kind != "number":
            continue
        found = g.header_unit.search(_column_header(sentence, number, header))
        if found:
            number.unit, number.dimension, number.surface = g.unit(found.group("unit"))
        elif caption_unit and sentence[: number.start].strip().lstrip("|").count("|") > 0:
            number.unit, number.dimension, number.surface = g.unit(caption_unit)


_CAPTION_UNIT = re.compile(r"\(\s*(?:in\s+)?(?P<unit>[^()]{1,20}?)\s*(?:/\s*day|per\s+day|daily|/d)?\s*\)\s*[:.]?\s*$",
                           re.IGNORECASE)


def _caption_unit(caption: str, g: Grammar) -> str:
    """The unit a table's caption names in brackets at its end ("... for Zinc (mg/day)", "(in mcg)"), else ""."""
    found = _CAPTION_UNIT.search(caption) if caption.endswith((")", "):", ").")) else None
    if not found:
        return ""
    unit = found.group("unit").strip()
    return unit if g.registry.unit(unit) else ""


_FACTS_LINE = re.compile(r"\b(?:amount\s+per\s+serving|per\s+serving|serving\s+size|supplement\s+facts|%\s*dv\b|"
                         r"%\s*daily\s+value)", re.IGNORECASE)
_AMOUNT_THEN_PERCENT = re.compile(r"[0-9]\s*(?:mg|mcg|µg|μg|g|iu|IU|CFU)\s*(?:\([^()]{1,20}\)\s*)?$")
_PERCENT_ENDS_A_CELL = re.compile(r"\s*(?:[*†‡]+\s*)?(?:$|[,;|]|\s+(?-i:[A-Z]))")


def _daily_values_after_amounts(numbers: list[_Number], sentence: str, g: Grammar) -> None:
    """"Vitamin D3 125 mcg (5,000 IU) 625%" on a page with a Supplement Facts panel: a bare percentage right after
    an amount, ending its cell, is that amount's % Daily Value (the panel's column), not a share."""
    for number in numbers:
        if (number.unit == "%" and number.kind == "number" and number.low == number.high
                and _AMOUNT_THEN_PERCENT.search(sentence, max(0, number.start - 40), number.start)
                and _PERCENT_ENDS_A_CELL.match(sentence, number.end)):
            number.unit, number.dimension, number.surface = g.unit("%DV")


_VALUE_AFTER_A_LABEL = re.compile(r"^\s*[-•*]?\s*[^\W\d][^:–—=|]{0,40}[:–—=]\s*(?:about\s+|around\s+|~\s*)?$")
_NOTHING_AFTER_THE_VALUE = re.compile(r"\s*(?:[*†‡]+|\([^()]*\))?\s*[.;,]?\s*$")


_HEADING_MAXIMUM = re.compile(r"\b(?:max(?:imum)?|upper\s+(?:intake\s+)?limits?|tolerable\s+upper\s+intake\s+levels?|ul)\b",
                              re.IGNORECASE)


def _units_from_a_heading(numbers: list[_Number], sentence: str, unit: str, heading: str, g: Grammar) -> bool:
    """"RDA (mcg/day)" over "Adults 19+: 2.4": a value after a label, alone at the end of its line, is governed by
    its heading: a bare one takes the unit the heading names in brackets, and under "Upper limits" it is a maximum
    (whether the heading says daily is the caller's). True when a number of the line is such a value."""
    governed = False
    for number in numbers:
        if (number.kind == "number" and not number.bare_words and not number.lead_unit
                and (number.dimension in _DOSE_DIMENSIONS or not number.unit and unit)
                and _VALUE_AFTER_A_LABEL.match(sentence[: number.start])
                and _NOTHING_AFTER_THE_VALUE.fullmatch(sentence, number.end)):
            if not number.unit:
                number.unit, number.dimension, number.surface = g.unit(unit)
            if number.low == number.high and not number.qualifier and _HEADING_MAXIMUM.search(heading):
                number.low, number.qualifier = math.nan, "up to"
            governed = True
    return governed


def _units_glued_to_the_next_cell(numbers: list[_Number], sentence: str, g: Grammar) -> None:
    """A bare number whose unit runs into the next cell of a scraped row ("60 Billion CFUCapsule") takes that unit."""
    for number in numbers:
        if not number.unit and number.kind == "number":
            found = g.glued_unit.match(sentence, number.end)
            if found:
                number.unit, number.dimension, number.surface = g.unit(found.group("unit"))
                number.end = found.end()


_COMMERCE_HINTS = ("money", "guarantee", "warrant", "refund", "free ", "ship", "deliver", "business", "return", "order",
                   "buy ")


def _is_commerce(number: _Number, sentence: str, cues: dict[str, re.Pattern]) -> bool:
    """A number in a clause about the sale (a guarantee, shipping, returns: `commerce` cues) is not a claim."""
    left, right = _clause(sentence, number)
    left, right = max(left, number.start - 60), min(right, number.end + 60)
    return bool(cues["commerce"].search(sentence, left, right))


def _restated_increase(kind: str, number: _Number, increases: dict[tuple[float, float], str]) -> str:
    """A percentage above 100 is an increase, never a share; restated later in its document without its cue ("the
    2000% increase is not 2000% of a normal level"), it keeps the type it had where the page typed it."""
    key = (number.low, number.high)
    if kind == "other":
        return increases.get(key, kind)
    increases.setdefault(key, kind)
    return kind


def _units_after_a_capsule_size(numbers: list[_Number], sentence: str, g: Grammar) -> None:
    """A bare count followed by a capsule size and its unit ("1-4 size '00' capsules") counts those capsules."""
    for number in numbers:
        if not number.unit and number.kind == "number":
            found = g.sized_unit.match(sentence, number.end)
            if found:
                number.unit, number.dimension, number.surface = g.unit(found.group("unit"))


_DAILY_VALUE = re.compile(r"\bdaily\s+values?\b", re.IGNORECASE)  # a "%Daily Value" column names a reference, not a period
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _unglued(header: str) -> str:
    """A scraped header whose cells were glued ("Age and SexDaily amounts (mcg)"), with a space between them
    so that a cue word ("daily") is found whole."""
    return _CAMEL_JOIN.sub(" ", header) if header else header


def _column_header(sentence: str, number: _Number, header: str) -> str:
    index = sentence[: number.start].strip().lstrip("|").count("|")
    cells = header.strip().strip("|").split("|")
    return cells[index] if index < len(cells) and header != sentence else ""


# --- the table ---------------------------------------------------------------------------------------------

def _contexts(blocks: pd.DataFrame) -> pd.DataFrame:
    """For each block: the header row of its table (if any) and the heading it falls under."""
    blocks = blocks.sort_values(["doc_id", "block_id"])
    is_row = blocks["kind"] == "table_row"
    new_table = is_row & ~(is_row.shift(fill_value=False) & (blocks["doc_id"] == blocks["doc_id"].shift()))
    table_id = new_table.cumsum().where(is_row)
    first_row = blocks["text"].where(new_table)
    heading_header = _header_taken_for_a_heading(blocks, new_table)
    header = heading_header.fillna(first_row).groupby(table_id).transform("first")
    section = blocks["text"].where(blocks["kind"] == "heading").groupby(blocks["doc_id"]).ffill()
    caption = _caption(blocks, new_table, heading_header.notna()).groupby(table_id).transform("first")
    return pd.DataFrame({"doc_id": blocks["doc_id"], "block_id": blocks["block_id"],
                         "header": header.fillna(""), "section": section.fillna(""), "caption": caption.fillna("")})


def _caption(blocks: pd.DataFrame, new_table: pd.Series, header_is_a_heading: pd.Series) -> pd.Series:
    """The heading or line right before a table (before its header when the header was taken for a heading):
    "Table 1: Adequate Intakes for Biotin (mcg)" gives its bare cells a unit. At each table's first row, NaN elsewhere."""
    found = pd.Series(float("nan"), index=blocks.index, dtype=object)
    for back, rows in ((1, new_table & ~header_is_a_heading), (2, new_table & header_is_a_heading)):
        before = blocks["text"].shift(back)
        usable = rows & blocks["kind"].shift(back).isin(["heading", "paragraph"]) & \
            (blocks["doc_id"].shift(back) == blocks["doc_id"])
        found = found.where(~usable, before)
    return found


def _header_taken_for_a_heading(blocks: pd.DataFrame, new_table: pd.Series) -> pd.Series:
    """A markdown table whose header row the segmenter took for a heading (the "---|---|" line under it is not a
    row): that heading, when it holds a "|" and sits right before the table's first row, is the table's header, so
    that its unit ("Amount in mg") reaches the rows. The heading's text at each such first row, NaN elsewhere."""
    previous = blocks["text"].shift()
    separated = (blocks["start"] - blocks["end"].shift()) >= 4  # the dropped "---|---|" line lies between them
    is_header = new_table & (blocks["kind"].shift() == "heading") & (blocks["doc_id"].shift() == blocks["doc_id"]) \
        & previous.str.contains("|", regex=False).fillna(False).astype(bool) & separated
    return previous.where(is_header)


_HINT_WORDS = frozenset(max(re.findall(r"[a-z]+", w), key=len) for w in [
    *_WORD_VALUES, "half", "third", "thirds", "quarter", "quarters", "dozens", "hundreds", "thousands", "millions",
    "billions", "trillions", "within", "hour", "centuries", "decades", "millennia", "millenia", "dozen"])
_DIGIT = re.compile(r"\d")
_HOPEFUL_CHARACTER = re.compile(r"[0-9½¼¾⅓⅔⅛]")


_HINT_BYTES = frozenset(w.encode() for w in _HINT_WORDS)
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # a-z kept, every other byte a space


def may_hold_a_number(text: str) -> bool:
    """A cheap test that lets most sentences skip the number grammar: a digit, or a word that a number
    expression needs ("twenty-five" needs "twenty"). A set lookup per word, not a 200-way alternation; the
    words are the runs of a-z of the lower-cased text, split in C (bytes.translate) rather than by a regex."""
    if _HOPEFUL_CHARACTER.search(text):
        return True
    lowered = text.lower()
    if not _HINT_BYTES.isdisjoint(lowered.encode("ascii", "replace").translate(_LETTERS_ONLY).split()):
        return True
    return _A_PERIOD.search(lowered) is not None  # "after about a week"


@dataclass
class _SentenceRow:
    doc_id: str
    block_id: int
    sentence_id: int
    block_kind: str
    text: str
    start: int
    end: int


class _Sections:
    """Per section heading: its supplement mentions, computed once."""

    def __init__(self, reg: registry_module.Registry, main: str) -> None:
        self.registry, self.main, self.cache = reg, main, {}

    def mentions(self, section: str) -> list:
        if section not in self.cache:
            self.cache[section] = self.registry.identify(section, self.main) if section else []
        return self.cache[section]


def _header_supplement(sections: _Sections, block_kind: str, header: str) -> list:
    """A table row's supplement when its header names one and only one ("Daily amounts of Vit K (mcg)" on a K2 page)."""
    if block_kind != "table_row" or not header:
        return []
    named = sections.mentions(_unglued(header))
    return named if len({m[2] for m in named if m[2]}) == 1 else []


def extract_claims(sentences: pd.DataFrame, blocks: pd.DataFrame, cues_path: Path | None = None,
                   subjects_path: Path | None = None, registry_folder: Path | None = None) -> pd.DataFrame:
    """One row per quantitative claim: type, subject, low/high, unit, quote and offsets."""
    from .subjects import _subject, _terms, load_subjects  # subjects.py reads this module's number grammar

    cues, subjects = load_cues(cues_path), load_subjects(subjects_path)
    lowered_subjects = {category: for_lowered_text(pattern) for category, pattern in subjects.items()}
    folder = str(Path(registry_folder).resolve()) if registry_folder else None
    g = grammar(folder)
    reg = g.registry
    context = _contexts(blocks)
    keys = list(zip(context["doc_id"].tolist(), context["block_id"].tolist()))
    header_section = dict(zip(keys, zip(context["header"].tolist(), context["section"].tolist())))
    captions = {key: c for key, c in zip(keys, context["caption"].tolist()) if c}
    rows = []
    columns = ["doc_id", "block_id", "sentence_id", "block_kind", "text", "start", "end"]
    every = list(zip(*(sentences[c].tolist() for c in columns)))  # plain tuples: pandas rows are slow to iterate
    by_document: dict[str, list[tuple]] = {}
    for row in every:
        by_document.setdefault(row[0], []).append(row)
    header_daily: dict[str, bool] = {}
    section_units: dict[str, str] = {}  # a heading's unit in brackets ("Daily intake (mg)"), by heading
    for doc_id, doc_rows in by_document.items():
        texts = [r[4] for r in doc_rows]
        hopeful = [may_hold_a_number(t) for t in texts]
        if not any(hopeful):
            continue
        mentions = DocumentMentions(texts, reg)
        sections = None
        increases: dict[tuple[float, float], str] = {}  # the document's typed increases ("2000%"), by value
        carried: tuple[int, str, _Number] | None = None  # the last count of capsules (sentence index, block, number)
        daily_value_panel: bool | None = None  # the page has a Supplement Facts panel or a %DV column
        for index, row in enumerate(doc_rows):
            if not hopeful[index]:
                continue
            s = _SentenceRow(*row)
            header, section = header_section.get((doc_id, s.block_id), ("", ""))
            numbers = find_numbers(s.text, folder)
            _counts_by_time_of_day(numbers, s.text, carried[2] if carried is not None and carried[:2] == (
                index - 1, s.block_id) else None)
            heading_unit = section_units.get(section)
            if heading_unit is None:
                heading_unit = section_units[section] = _caption_unit(section, g) if section.endswith(
                    (")", "):", ").")) else ""
            under_heading = bool(section) and s.block_kind != "heading" and _units_from_a_heading(
                numbers, s.text, heading_unit, section, g)
            numbers = [n for n in numbers if not _is_not_a_claim(n, s.text, s.block_kind)]
            serving = next((n for n in reversed(numbers) if n.dimension == "serving" and n.kind == "number"), None)
            carried = (index, s.block_id, serving) if serving is not None else None
            if not numbers:
                continue
            caption = captions.get((doc_id, s.block_id), "") if s.block_kind == "table_row" else ""
            if "%" in s.text and any(n.unit == "%" for n in numbers):
                if daily_value_panel is None:  # looked for once per document, when first needed
                    daily_value_panel = _FACTS_LINE.search("\n".join(texts)) is not None
                if daily_value_panel:
                    _daily_values_after_amounts(numbers, s.text, g)
            if "|" in s.text and header:
                _units_from_column_headers(numbers, s.text, header, g, _caption_unit(caption, g))
            if s.block_kind == "table_row":
                _units_glued_to_the_next_cell(numbers, s.text, g)
            if "size" in s.text:
                _units_after_a_capsule_size(numbers, s.text, g)
            main = mentions.main_supplement
            sections = sections or _Sections(reg, main)
            named = mentions.in_sentence(index)
            lowered = s.text.lower()
            if len(lowered) == len(s.text):  # the same terms, found several times faster without IGNORECASE
                found = {category: _terms(pattern, lowered) for category, pattern in lowered_subjects.items()}
            else:
                found = {category: _terms(pattern, s.text) for category, pattern in subjects.items()}
            found["form"] = [(a, b, " ".join(s.text[a:b].lower().split())) for a, b, _, _ in named]
            found["plain"] = [(a, b, " ".join(s.text[a:b].lower().split())) for a, b, supplement, form in named
                              if supplement == main and not form]
            section_named = sections.mentions(section)
            section_form = " ".join(section[section_named[0][0]:section_named[0][1]].lower().split()) \
                if section_named else ""
            if header not in header_daily:  # a table's header is searched once, not once per row
                header_daily[header] = bool(header) and bool(cues["dose_daily"].search(_DAILY_VALUE.sub(" ", _unglued(header))))
            daily = header_daily[header] or bool(cues["dose_daily"].search(s.text)) or (
                bool(caption) and bool(cues["dose_daily"].search(_unglued(caption)))) or (
                under_heading and bool(cues["dose_daily"].search(section)))
            has_dose = any(n.dimension in ("mass", "mass_per_weight", "activity", "cfu") for n in numbers)
            food: _Number | None = None  # the last food amount of the sentence
            dosing_times = any(n.dimension in ("time", "frequency") for n in numbers)
            forms = tuple((m.start(), m.end()) for m in g.form_surfaces.finditer(lowered)) \
                if any(n.dimension == "ratio" for n in numbers) and len(lowered) == len(s.text) else ()
            alternative_of: tuple[_Number, str] | None = None
            commerce = _any_word(lowered, _COMMERCE_HINTS)
            for number in numbers:
                if commerce and _is_commerce(number, s.text, cues):
                    continue  # "a 30-day money-back guarantee", "ships in 2-3 business days": the sale's terms
                if number.kind == "doses" and not daily:  # "five divided doses of 200 mg", no day said: a count
                    number.unit, number.dimension = "count", "count"
                kind = _claim_type(number, s.text, header, section, cues, s.block_kind, has_dose, forms)
                if number.dimension == "percent" and number.low > 100:
                    kind = _restated_increase(kind, number, increases)
                if alternative_of is not None and number.dimension == "time" and \
                        _INSTEAD_OF.fullmatch(s.text, alternative_of[0].end, number.start):
                    kind = alternative_of[1]  # "3–4 weeks instead of one": the alternative is the same kind of time
                if alternative_of is not None and alternative_of[1] == "absorption_rate" and kind == "dose" and \
                        number.dimension == alternative_of[0].dimension == "mass" and \
                        _PLUS_JOIN.fullmatch(s.text, alternative_of[0].end, number.start):
                    kind = "absorption_rate"  # "you absorb 1.5 mcg (intrinsic factor) + 1 to 2 mcg (diffusion)": absorbed too
                alternative_of = (number, kind)
                if number.dimension in _DOSE_DIMENSIONS and (
                        kind == "other" and _is_food_amount(number, s.text, cues) or kind == "dose" and food is not None
                        and (_BRACKET_OPENS.fullmatch(s.text, food.end, number.start)
                             or _PORTION_CONTAINS.fullmatch(s.text, food.end, number.start)
                             or _FOOD_PORTION_JOIN.fullmatch(s.text, food.end, number.start))):
                    # "provides 2,000 mg of turmeric (60-100 mg of curcumin) per day": the restatement is food too,
                    # and a period later in the clause is the food amount's ("two servings ... of oily fish per week")
                    kind, food = "other", number
                    period = _FOOD_PERIOD_AFTER.match(s.text, number.end) if not number.per else None
                    if period:
                        number.per = "week" if period.group("week") else "day"
                    if number.surface in _FOOD_WEIGHT:
                        number.unit = "oz"
                if number.dimension == "serving" and kind == "dose" and not (
                        daily or cues["timing"].search(s.text, 0, number.start) or cues["timing"].search(s.text, number.end)
                        or _SERVING_SIZE_BEFORE.search(s.text, 0, number.start) or cues["dose_daily"].search(section)
                        or (s.block_kind == "table_row" and _SERVING_SIZE_BEFORE.search(_unglued(header)))
                        or dosing_times or cues["timing_event"].search(s.text) or number.kind == "split"):
                    # "30 capsules" with no taking, daily, timing or frequency cue (its own "capsules" is none): a pack
                    # size; "1 tablet 20 minutes before bedtime", "1 capsule every 2 days" are doses
                    continue
                per_dose = times_per_day(kind, s.text, number, numbers)
                per_unit = _PER_UNIT_AFTER.match(s.text, number.end) or _EACH_UNIT_BEFORE.search(s.text, 0, number.start)
                # "250 mg three times a day": "a day" is the frequency's, the amount is per dose
                # a count split by time of day ("two in the morning") is one part of the day's amount, never /day
                unit, low, high = _final_unit(kind, number, daily and per_dose == 1 and not per_unit
                                              and number.kind != "split", g)
                rows.append((
                    doc_id, kind, _subject(kind, number, s.text, s.block_kind, section, subjects, mentions.main_form,
                                           found, section_form, header, cues["timing_event"]),
                    low, high, unit, s.text, s.start, s.end, s.sentence_id, s.block_kind,
                    s.text[number.start: number.end], s.start + number.start, s.start + number.end,
                    number.qualifier, _elemental(kind, s.text, number, named, header, reg), per_dose,
                    claim_supplement(named, _header_supplement(sections, s.block_kind, header) or section_named,
                                     number.start, number.end, main, s.text),
                ))
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (not math.isnan(a) and not math.isnan(b) and math.isclose(a, b, rel_tol=1e-3))

