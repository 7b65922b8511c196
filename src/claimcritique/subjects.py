"""What each claim is about: its subject, a short noun phrase from the page (never a whole clause).

The annotators' written rules (data/annotations/subjects_b_rules.md, the conventions, the gold rulings) choose in
this order when several candidates name one number; `choose_subject` is that decision for doses, timings and onsets,
over candidates found by the grammar and layout around the number (`SUBJECT_PRIORITY`):

1. an upper limit named right before the amount, with its clause's population ("In adults the UL is 350 mg");
2. the population that governs the number: written right after it ("18 mg for women"), the people a study gave it
   ("participants who took 600 mg"), or named before it in its clause ("all women of child-bearing age take 400 mcg
   of folic acid"; not across "; " or ", and", nor a product's "contains"). Its purpose is not added: the annotators
   add one only to tell two numbers of one population apart, and adding the clause's purpose to every population
   lost agreement with both annotators of holdout3 and holdout4;
3. the product that provides the amount, its strength, or whose recommended dose it is ("Our Vegan Blend provides
   20 mcg of vitamin B12", "The recommended dose of Acme Threonate is 144 mg", "A 500mg pill contains ~300mg"), then
   what the amount itself is called: a term written right after it ("120 mg DHA"), a name right before it ("Vitamin
   D3 1000 IU");
4. a population elsewhere in the sentence;
5. the purpose or condition ("heart failure (200-300 mg/day)", "for sleep", "to maintain healthy bone");
6. a label (a named amount "an adult dose of 10 oz", a line's label "Children: 5 mg");
7. the product or food the amount is of ("10 grams of collagen peptide"), then counted study participants ("33
   women ... were given 10 grams of it");
8. a dose band ("at high doses"); for a timing, the event ("before bed"), joined to whatever else is timed
   ("adults, before bed");
9. the page's own supplement named at the amount, a timing's line label, a form named near it;
10. the section's purpose, heading, band or form, else the document's form.

Layouts decide before the order does: a table row's label (with its column's header when the row holds several
values), a stat block's label, a "For ..." lead, a frequency ("dosing frequency, adults"). Other numbers take what
they measure: a share's group ("70% in Hispanics"), a biomarker or outcome ("a 12% increase in skin moisture"), a
food ("2-4 servings of fatty fish"), where something is held, a trial's length. Which supplement a number is about
is `supplements.py`'s rule; the number grammar and the claim types are `claims.py`'s.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from . import paths
from .claims import (
    _AT_THE_LIST_BEFORE,
    _DIGIT,
    _INTERVAL_BEFORE,
    _MARK_LIST_AFTER,
    _RESTATED_AFTER,
    _VALUE_DIMENSIONS,
    _WORD_NUM,
    _contrast_clause,
    _Number,
    find_numbers,
)
from .datafiles import read_data_csv


@lru_cache(maxsize=8)
def load_subjects(path: Path | None = None) -> dict[str, re.Pattern]:
    """category (population / purpose) -> pattern matching its terms, longest first."""
    path = path or paths.LEXICONS / "claim_subjects.csv"
    table = read_data_csv(path, required=["category", "term", "source"], non_empty=["category", "term"],
                          regex_columns=["term"])
    patterns = {}
    for category, terms in table.groupby("category", sort=False)["term"]:
        alternatives = sorted((t for row in terms for t in row.split("|")), key=len, reverse=True)
        patterns[category] = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    return patterns


# --- subjects -----------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _section_term(pattern: re.Pattern, section: str) -> str:
    """A term its section heading names, found once per heading."""
    return _first(pattern, section) if section else ""


@lru_cache(maxsize=4096)
def _section_band(pattern: re.Pattern, section: str) -> str:
    """The dose phase a heading names ("Initial Loading (Days 1-7):"), not one it is after ("After Loading")."""
    band = _first(pattern, section)
    if band and re.search(rf"\b(?:after|post|before|pre|without|no|skip(?:ping)?)[\s-]+{re.escape(band)}", section,
                          re.IGNORECASE):
        return ""
    return band


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


_MAX_LABEL_WORDS = 12
_NAME_GAP = re.compile(r"\s*[:(]?\s*(?:\([^()]{1,30}\)\s*)?(?:[~≈]?\s*[0-9][0-9.,]*\s*[a-zA-Zµμ]{1,5}\s*\(\s*)?")
# a name right before the amount labels it, across a bracketed synonym and the amount it restates
_AMOUNT_BEFORE = re.compile(r"[0-9]\s*(?:[a-zµμ%]+\s*){0,2}(?:of\s+)?$", re.IGNORECASE)  # "120 mg DHA": that amount's
_PROSE_LABEL_END = re.compile(r"\b(?:is|are|was|were|be|of|for|to|at|in|with|and|or|the|a|an|than)\s*$", re.IGNORECASE)
_FOR_LEAD = re.compile(r"^\s*(?:[A-Z][^:.;|]{1,30}:\s*)?For\s+("
                       r"(?:those|people|anyone)\s+(?:seeking|who|wanting|looking)\s[^,:]{2,50}|[^,:]{2,40})[,:]")
# "My pick: For daily upkeep, ...", "For those seeking a calmer mood, ..."
_DISCOURSE_LEAD = re.compile(r"(?:example|instance|one|most|many|some|now|starters|comparison|reference|context|"
                             r"(?:this|that|these|those|the\s+same)\s+reasons?|the\s+record|me|us|this|that)\s*",
                             re.IGNORECASE)  # "For example, ...": a discourse marker, no population or purpose
_DASH_LABEL = re.compile(r"^\s*(?:[-•*]\s*)*([^–—:|]{2,30}?)\s+[–—-]\s+$")  # "150 lbs – 20 grams daily": its label
_FOR_HEADING = re.compile(r"^\s*For\s+([^,:.?]{2,40}?)\s*:?\s*$")  # a section "For Skin Health" sets its doses' subject
_LABEL_LEAD = re.compile(r"^\s*(?:[-•*]\s*)*([A-Z][^:.;]{1,40}?|[<>≤≥]?\s*[0-9]+\s*(?:\+|(?:-|–|to)\s*[0-9]+)?\s*"
                         r"(?:years?|yrs?|months?)(?:\s+old)?):\s")  # "Children: 5 mg", "6-12 years: 90-210 mL"


_GENERIC_LABELS = frozenset({"dosage", "dose", "doses", "timeline", "frequency", "duration", "note", "tip", "amount",
                             "recommended dose", "recommended dosage", "typical dose", "quick answer", "bottom line",
                             "summary", "key takeaway", "answer"})
_AGE_BAND_CELL = re.compile(r"[0-9]+\s*(?:\+|(?:-|–|to)\s*[0-9]+)?\s*(?:years?|yrs?|months?|mos?)(?:\s+old)?\s*\+?",
                            re.IGNORECASE)  # a row's first cell "0 to 6 months", "51+ years": an age band, a label
_CELL_IS_VALUE = re.compile(r"^[\s#~≈<>$★☆0-9.,%–-]*(?:[0-9].*)?$")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" |:-*•").lower()


_HEADER_QUALIFIER = re.compile(r"\s*\((?:(?:by|per|in|as|approx\w*)\s[^()]*|(?:mg|mcg|µg|g|iu|%|grams?|milligrams?|"
                               r"micrograms?|ml|units?))\)", re.IGNORECASE)


def _pipe_table_subject(sentence: str, number: _Number, header: str) -> str:
    """A markdown table row: its label (first cell that is not a number or a rank), and when the row holds
    several values, the header of the number's column ("ferrous fumarate, example dose (compound)")."""
    cells = sentence.strip().strip("|").split("|")
    index = sentence[: number.start].strip().lstrip("|").count("|")
    labels = [c for i, c in enumerate(cells) if c.strip() and (not _CELL_IS_VALUE.match(c.strip())
                                                             or i == 0 and _AGE_BAND_CELL.fullmatch(c.strip()))]
    label = _clean(labels[0]) if labels else ""
    with_digits = sum(bool(_DIGIT.search(c)) for c in cells if c.strip() and _clean(c) != label)
    head = header.strip().strip("|").split("|") if header and header != sentence else []
    column = _clean(_HEADER_QUALIFIER.sub("", head[index])) if with_digits > 1 and index < len(head) else ""
    # "Elemental Iron Percentage (by weight)": the column's name, without its unit or qualifier in brackets
    if column and column != label and not (labels and cells[index] == labels[0]):
        return f"{label}, {column}" if label else column
    return label


_GLUED_CELL = re.compile(r"(?<=[a-z+])(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})")
# "Culturelle Digestive DailyCapsule", "Ritual Synbiotic+Delayed-release", "60 Billion CFUCapsule": cells run together


def _row_label(sentence: str, number: _Number) -> str:
    """The label of a table row without a pipe: the text before the row's first value ("14–18 years 410 mg 360 mg":
    "14–18 years"; "Age 19+: 11mg for males, 8mg for females": "Age 19+"), and of cells run together only the first
    ("Align Pro FormulaCapsule1 capsule": "Align Pro Formula")."""
    label = sentence[: number.start]
    glued = _GLUED_CELL.search(label)
    if glued and glued.start() > 0:
        label = label[: glued.start()]
    values = [n for n in find_numbers(label) if n.dimension in _VALUE_DIMENSIONS]
    if not values or not label[: values[0].start].strip():
        return label.rstrip(" ,;:(")
    head = label[: values[0].start].rstrip(" ,;:(")
    piece = next((p.strip(" |:*-") for p in reversed(re.split(r"[,;]", label[values[-1].end:])) if p.strip(" |:*-")), "")
    if glued or not piece or piece.lower().startswith("for ") or len(piece.split()) > 6:
        return head  # "14–18 years 410 mg 360 mg": the row's label; "11mg for males, 9 mg": "for males" is the 11 mg's
    return f"{head.split(':')[0].strip()}, {piece}"  # "19-30 years: Men, 400 mg/day; women, 310 mg/day": 19-30 years, women


_VERB_AFTER_PEOPLE = re.compile(r"\b(?:people|you|we|they|i|many|most|users|adults|folks)\s+(?:[a-z]+ly\s+|just\s+|still\s+)?$",
                                re.IGNORECASE)
# "many people sleep just fine", "Many people focus on ...": a purpose word used as their verb is no purpose
_BARE_PEOPLE = frozenset({"people", "patients"})
_QUALIFIED_AFTER = re.compile(r"\s+(?:with|who|over|under|aged|above|below|older|younger|taking|on|at\s+risk|in\s+(?:the|their)|"
                              r"of\s+(?:all\s+)?ages?)\b", re.IGNORECASE)
# "Many people focus on ...", "countless patients pop 10mg pills": a bare "people" says nobody in particular; "people with
# kidney disease", "patients on statins" do


def _subject(claim_type: str, number: _Number, sentence: str, block_kind: str, section: str,
             subjects: dict[str, re.Pattern], document_form: str, found: dict[str, list[tuple[int, int, str]]],
             section_form: str, header: str = "", timing_event: re.Pattern | None = None) -> str:
    """What the number is about (the README's rules), without footnote markers ("adults[1]" is "adults") and with
    "under the age of 60" said as "under 60"."""
    if claim_type in ("dose", "timing", "onset") and any(t[2] in _BARE_PEOPLE for t in found.get("population", ())):
        found = {**found, "population": [t for t in found["population"] if t[2] not in _BARE_PEOPLE
                                         or _QUALIFIED_AFTER.match(sentence, t[1])]}
    if any(_VERB_AFTER_PEOPLE.search(sentence, max(0, t[0] - 30), t[0]) for t in found.get("purpose", ())):
        found = {**found, "purpose": [t for t in found["purpose"]
                                      if not _VERB_AFTER_PEOPLE.search(sentence, max(0, t[0] - 30), t[0])]}
    text = _find_subject(claim_type, number, sentence, block_kind, section, subjects, document_form, found,
                         section_form, header, timing_event)
    if "[" in text or _DIGIT.search(text):
        text = _FOOTNOTE.sub("", text)
        if "age of" in text:
            text = _AGE_OF.sub(r"\1 \2", text)
    return " ".join(text.split())


def _find_subject(claim_type: str, number: _Number, sentence: str, block_kind: str, section: str,
                  subjects: dict[str, re.Pattern], document_form: str, found: dict[str, list[tuple[int, int, str]]],
                  section_form: str, header: str = "", timing_event: re.Pattern | None = None) -> str:
    if block_kind == "table_row" and "|" in sentence:
        label = _pipe_table_subject(sentence, number, header)
        if label:
            return label
    if block_kind == "table_row":
        label = _row_label(sentence, number).strip(" |:-")
        label = label.split("|")[-1].strip() or label
        # a longer "label", or one ending in "is" / "for", is prose the segmenter took for a row
        if label and len(label.split()) <= _MAX_LABEL_WORDS and not _PROSE_LABEL_END.search(label):
            label = re.sub(r"\s+", " ", label).lower()
            whom = [t for t in found["population"] if t[0] >= number.end and _AFTER_NUMBER.match(sentence[number.end: t[0]])
                    and t[0] - number.end <= 20]
            return f"{label}, {whom[0][2]}" if whom and whom[0][2] not in label else label  # "11mg for males"
    if block_kind == "stat":
        label = sentence[number.end:].strip()
        if label and len(label.split()) <= _MAX_LABEL_WORDS:
            return re.sub(r"\s+", " ", label).lower()
    lead = _FOR_LEAD.match(sentence)
    if lead and _DISCOURSE_LEAD.fullmatch(lead.group(1)):
        lead = None  # "For example, ..."
    if number.dimension == "frequency" and number.kind not in ("divided", "doses"):
        # "250 mg three times a day": how often the dose is taken, for whom or what when the sentence says
        whom = (_lead_text(lead) if lead and lead.end() <= number.start else "") or \
            _closest(found["population"], number) or _closest(found["purpose"], number)
        return f"dosing frequency, {whom}" if whom else "dosing frequency"
    if number.dimension == "time" and _INTERVAL_BEFORE.search(sentence, max(0, number.start - 20), number.start):
        return "dosing interval"  # "every 2-3 hours"
    dash = _DASH_LABEL.match(sentence[: number.start]) if claim_type == "dose" else None
    if dash and len(dash.group(1).split()) <= 4 and dash.group(1).strip().lower() not in _GENERIC_LABELS:
        return _clean(dash.group(1))  # "150 lbs – 20 grams daily": the label of a list of amounts
    named = _named_before(found, number, sentence) if claim_type == "dose" else ""
    if lead and claim_type in ("dose", "timing", "onset") and not (named and lead.end() <= number.start):
        whom = _lead_text(lead)
        event = _timing_event(number, sentence, timing_event) if claim_type == "timing" else ""
        if claim_type == "dose" and not event:
            event = _band_before(found, number, sentence)  # "For older adults, the starting dose is 1 mg": which dose
        # "For delayed sleep phase: ... 3-5 hours before your natural bedtime": whom, and before what
        return f"{whom}, {event}" if event and event != whom else whom
    if claim_type == "timing" and _APART_AFTER.match(sentence, number.end):
        names = list(dict.fromkeys(t[2] for t in found["form"] if t[1] <= number.start))
        if len(names) >= 2:  # "calcium and iron supplements should be taken at least two hours apart"
            return "spacing between " + " and ".join(names)
    respective = _respective(claim_type, number, sentence, found)
    if respective:
        return respective
    if claim_type == "dose" and _DOSE_RIGHT_AFTER.match(sentence, number.end):
        return f"{_written(number, sentence)} dose"  # "a 200mg dose": the dose band the amount names
    of_dose = _OF_A_DOSE.match(sentence, number.end) if claim_type == "absorption_rate" else None
    if of_dose:
        return f"{' '.join(of_dose.group(1).lower().split())} dose"  # "72% of a 200mg dose is absorbed"
    if claim_type == "onset" and _MARK_LIST_AFTER.match(sentence, number.end) and \
            _AT_THE_LIST_BEFORE.search(sentence, max(0, number.start - 80), number.start):
        return f"{_written(number, sentence)} mark"  # "at the 4-hour mark"
    band = _band_before(found, number, sentence)
    section_band = _section_band(subjects["band"], section) if "band" in subjects and section else ""
    if claim_type == "absorption_rate":
        left, _ = _contrast_clause(sentence, number)
        phrases = [re.sub(rf"^(?:{_STOP_WORDS})\s+", "", m.group(1).lower())
                   for m in _FORM_PHRASE.finditer(sentence, left, number.start)]
        return band or (phrases[-1] if phrases else "") or _closest(found["form"], number) or document_form
    if claim_type == "deficiency_prevalence":
        after = re.match(r"^\s*of\s+(?:the\s+|all\s+)?(.{2,40}?)(?=\s+(?:consum\w*|fail\w*|are|is|have|do|don|get|who|"
                         r"were|was|lack|in|with|$)|[,;:]|\.(?:\s+(?-i:[A-Z])|\s*$)|$)",
                         sentence[number.end:], re.IGNORECASE)
        if after:
            return after.group(1).strip().lower()
        having = re.match(r"^\s*with\s+(.{2,40}?)(?=\s+(?:have|has|are|is|were|was|had|who)\b|[,;:]|\.(?:\s|$)|$)",
                          sentence[number.end:], re.IGNORECASE)  # "the 23% with suboptimal folate levels have ..."
        if having:
            return having.group(1).strip().lower()
        among = _AMONG_AFTER.match(sentence, number.end)  # "82% in African Americans and 70% in Hispanics"
        if among and not _STOP_SET.intersection(among.group(1).lower().split()):
            return " ".join(among.group(1).lower().split())
        if _WORLDWIDE_AFTER.match(sentence, number.end):
            return "worldwide"  # "42% of Americans, 70% worldwide"
        right_after = [t for t in found["population"] if t[0] >= number.end and not sentence[number.end: t[0]].strip()]
        whom = right_after[0][2] if right_after else _closest(found["population"], number)
        if not whom and lead:  # "For those over the age of 60, ... 20% having a deficiency"
            whom = _lead_text(lead)
        return whom
    after = _term_after(found, number, sentence)
    if claim_type == "onset":
        noticed = _NOTICED_BEFORE.search(sentence, max(0, number.start - 60), number.start)
        left, _ = _contrast_clause(sentence, number)
        if noticed and any(left <= t[0] and t[1] <= noticed.start() for t in found["population"]):
            noticed = None  # "Athletes ... often experience rapid relief within days": whom the onset is for
        words = [w for w in noticed.group(1).lower().split() if w not in _STOP_SET] if noticed else []
        while words and _PARTICIPLE.fullmatch(words[0]):
            words = words[1:]  # "notice ... increased energy within 2 weeks": energy
        if words:
            return " ".join(words)  # "some begin to see and experience benefits approximately 30 days after"
        taker = _TAKES_BEFORE.search(sentence, max(0, number.start - 60), number.start)
        words = re.sub(rf"^(?:(?:{_STOP_WORDS})\s+)+", "", taker.group(1).lower()).split() if taker else []
        if words and not any(re.fullmatch(rf"(?:{_STOP_WORDS}|it|they|you|we|i|results?|benefits?|effects?|though|"
                                          r"although|but|so|yet|usually|typically|often|generally)", w) for w in words):
            return " ".join(words)  # "a severe deficiency may take six months to resolve"
    if claim_type in ("dose", "timing", "onset"):
        label = _LABEL_LEAD.match(sentence)
        label_text = label.group(1).strip().lower() if label and label.end() <= number.start else ""
        if label_text in _GENERIC_LABELS or re.sub(r"\s+dosage$", "", label_text) != label_text:
            label_text = ""  # "Dosage: 2.5-5 grams": the section says what for
        heading_for = _FOR_HEADING.match(section)
        plain_terms = {t[2] for t in found.get("plain", [])}
        plain = after and after in plain_terms  # "6 mg of melatonin" on a melatonin page
        of_what = _of_what(number, sentence, plain_terms) if claim_type == "dose" else ""
        # "statin-associated myopathy (100-200 mg/day), followed by heart failure (200-300 mg/day)"
        bracketed = _bracket_label(number, sentence) if claim_type == "dose" else ""
        event = _timing_event(number, sentence, timing_event) if claim_type == "timing" else ""
        # "33 women ... who were given 10 grams of collagen peptide": a count of participants, not whom the dose is for
        counted = [t for t in found["population"] if _COUNT_BEFORE.search(sentence, max(0, t[0] - 12), t[0])]
        # a population named far after the amount, in a later clause ("50 mg of zinc, which is more than enough ...
        # even in people with ..."), is not whom the amount is for
        people = [t for t in found["population"] if t not in counted and t[0] - number.end <= 60]
        own_form = [t for t in found["form"] if number.end <= t[0] <= number.end + 24  # its own ("325 mg hydrated ...")
                    or not _AMOUNT_BEFORE.search(sentence, max(0, t[0] - 24), t[0])]
        dose = claim_type == "dose"
        after_is_population = bool(after) and any(t[2] == after and t[0] >= number.end for t in found["population"])
        candidates = {  # by role, in the order of the module's docstring (SUBJECT_PRIORITY decides)
            # an upper limit named right before the amount, with its clause's population ("In adults the UL is 350 mg")
            "limit": lambda: _limit_named(number, sentence, people) if dose and not after_is_population else "",
            # whom the amount is for: a population written right after it, the people a study gave it, the people
            # its clause names right before it ("all women of child-bearing age take 400 mcg of folic acid")
            "population": lambda: ((after if after_is_population else "") or (_takers(number, sentence) if dose else "")
                                   or _governing(people, number, sentence)),
            # a product that provides the amount ("Our Vegan Blend provides 20 mcg of vitamin B12", "a pill contains")
            "provider": lambda: (_provider(number, sentence) or _dose_of_product(number, sentence, plain_terms)) if dose else "",
            # what the amount itself is called: a term written right after it ("120 mg DHA"), a name right before it
            "named": lambda: (after if not plain and not after_is_population else "") or named,
            "nearby_population": lambda: _closest(people, number),  # a population elsewhere in the sentence
            "purpose": lambda: (bracketed or _closest(found["purpose"], number)
                                or (_purpose_after(number, sentence) if dose else "")
                                or (_needed_for(number, sentence) if dose else "")),
            "label": lambda: (_named_of(number, sentence) or label_text) if dose else "",
            "product": lambda: of_what,
            # "33 women ... were given 10 grams of collagen peptide": counted participants, after what they were given
            "participants": lambda: _closest(counted, number),
            "band": lambda: band if dose else "",
            "event": lambda: event,
            "nutrient": lambda: after if plain else "",
            "line_label": lambda: label_text,  # "Adults: 30 minutes before bed": a timing's line label, after its event
            "form": lambda: _closest(own_form, number),
            "section": lambda: (_section_term(subjects["purpose"], section)
                                or (heading_for.group(1).strip().lower() if heading_for else "")
                                or section_band or section_form or document_form),
        }
        subject = choose_subject(candidates)
        if event and not set(subject.split()) <= set(event.split()):
            return f"{subject}, {event}"  # "for many adults is 0.5 mg, 30 to 60 minutes before bed": adults, before bed
        if event:
            return event
        return subject
    if claim_type == "other" and number.dimension == "time" and _FOR_A_SPAN_BEFORE.search(sentence, 0, number.start) \
            and _STUDY_ARM.search(sentence):
        return "trial length"  # "took tablets containing the extract or a placebo daily for 8 weeks"
    if claim_type == "other" and number.dimension in ("percent", "mass"):
        where = _where_held(number, sentence)
        if where:
            return where
    if claim_type == "other":
        time = number.dimension == "time"
        return choose_subject({
            "portion": lambda: _portion_of(number, sentence),  # "oat bran (96 mg per half cup)": the food's portion
            "outcome": lambda: _outcome(number, sentence),  # "a 12% increase in skin moisture"
            "named": lambda: after,
            "biomarker": lambda: _named_of(number, sentence) or _threshold_of(number, sentence),
            # "water retention of 1-2 kg", "a 25(OH)D level of 30", "25(OH)D levels consistently above 30 ng/mL"
            "band": lambda: band if time else "",  # "for loading (5 days)"
            "counted": lambda: _what_follows(number, sentence),  # "5% withanolides", "2-4 servings of fatty fish"
            "label": lambda: _bracket_label(number, sentence),  # "similar total creatine concentration increases (~20%)"
            "kept": lambda: (_kept_for(number, sentence) or _avoided(number, sentence)) if time else "",
            # "Keep the schedule for 2 weeks", "avoid screens an hour before bed"
            "section": lambda: section_band,
            "doses": lambda: (" ".join(w for w in sentence[number.start: number.end].lower().split()
                                       if not _NUMBER_WORD.fullmatch(w)) if number.kind == "doses" else ""),
            "form": lambda: _closest(found["form"], number) or document_form,
        }, OTHER_PRIORITY)
    return after or _closest(found["form"], number) or document_form


SUBJECT_PRIORITY = ("limit", "population", "provider", "named", "nearby_population", "purpose", "label", "product",
                    "participants", "band", "event", "nutrient", "line_label", "form", "section")
"""The roles a dose's, timing's or onset's subject can play, in the order the annotators choose among them (the
module's docstring)."""
OTHER_PRIORITY = ("portion", "outcome", "named", "biomarker", "band", "counted", "label", "kept", "section", "doses",
                  "form")
"""The same for an `other` number: a food's reference portion, the outcome or biomarker it measures, the term
written at it, what it counts, the label it is bracketed after, ..."""


def choose_subject(candidates: dict[str, Callable[[], str]], priority: tuple[str, ...] = SUBJECT_PRIORITY) -> str:
    """The subject among the candidates found for a number: the first role of `priority` that has one (each role's
    candidates are computed only when asked for, nearest reading first)."""
    for role in priority:
        text = candidates[role]() if role in candidates else ""
        if text:
            return text
    return ""


_NOT_GOVERNED = re.compile(r";|,\s+and\b|[0-9]|\b(?:contains?|containing|provides?|providing|delivers?|packs?|"
                           r"includes?|including|has)\b", re.IGNORECASE)


_PROVIDER_BEFORE = re.compile(r"(?:^|[,;:]\s*|\b(?:a|an|the|our|this|each|one|every|your|its)\s+)"
                              r"((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:provides|contains|delivers|supplies|packs)\s+"
                              r"(?:about\s+|around\s+|approximately\s+|roughly\s+|only\s+|just\s+|~\s*)?$", re.IGNORECASE)
_NOT_PROVIDER = frozenset({"it", "this", "that", "which", "what", "who", "they", "each", "one", "diet", "body", "food", "foods",
                           "blood", "serum", "plasma"})


def _provider(number: _Number, sentence: str) -> str:
    """The product that provides an amount, its strength ("Our Vegan Blend provides 20 mcg of vitamin B12": vegan blend;
    "A 500mg pill provides ~150mg": pill), without its own amount."""
    m = _PROVIDER_BEFORE.search(sentence, max(0, number.start - 50), number.start)
    if not m:
        return ""
    words = m.group(1).lower().split()
    small = [i for i, w in enumerate(words) if w in _STOP_SET or _NUMBER_WORD.fullmatch(w) or _DIGIT.search(w)]
    words = words[small[-1] + 1:] if small else words
    return "" if not words or words[-1] in _NOT_PROVIDER or _PARTICIPLE.fullmatch(words[-1]) else " ".join(words)


_DOSE_OF_BEFORE = re.compile(r"\b(?:recommended|suggested|typical|usual|standard)\s+(?:daily\s+)?(?:dose|dosage|serving)\s+"
                             r"of\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:is|are)\s+(?:about\s+|around\s+|approximately\s+)?$",
                             re.IGNORECASE)


def _dose_of_product(number: _Number, sentence: str, plain: set[str]) -> str:
    """The product a recommended dose is of ("The recommended dose of Brand Threonate is 144 mg"), not the page's own
    supplement named plainly ("The recommended dose of vitamin C is 90 mg" keeps its band's descriptor)."""
    m = _DOSE_OF_BEFORE.search(sentence, max(0, number.start - 80), number.start)
    if not m:
        return ""
    words = m.group(1).lower().split()
    if words[0] in _STOP_SET or " ".join(words) in plain or any(_NUMBER_WORD.fullmatch(w) for w in words):
        return ""
    return " ".join(words)


def _governing(people: list[tuple[int, int, str]], number: _Number, sentence: str) -> str:
    """The population that governs an amount: named before it in its clause, at most 40 characters before, with no
    "; " or ", and" between ("Men need 420 mg", not "70 µg for men and 60 µg for women, and an upper level ... 400 µg"),
    and not a product's content ("This formula, made for women, contains 360 mg of ...": the product's)."""
    left, _ = _contrast_clause(sentence, number)
    before = [t for t in people if left <= t[0] and t[1] <= number.start and number.start - t[1] <= 40
              and not _NOT_GOVERNED.search(sentence, t[1], number.start)]
    return before[-1][2] if before else ""


def _purpose_after(number: _Number, sentence: str) -> str:
    """What the amount is for, said after it and ending its clause ("250-500 mg of EPA and DHA for overall health
    maintenance", "45 mcg per day to maintain healthy bone and cardiovascular health"); not a span ("for 8 weeks") or
    a person ("for you")."""
    m = _PURPOSE_AFTER.match(sentence, number.end)
    if not m:
        return ""
    words = m.group(1).lower().split()
    if any(_NUMBER_WORD.fullmatch(w) for w in words) or words[0] in _NOT_A_PURPOSE or words[-1] in _STOP_SET or \
            _PREDICATE.search(sentence, number.end, m.start(1)):
        return ""  # "1000 IU per drop allows for easy dosing": the purpose of another verb
    return " ".join(words)


def _where_held(number: _Number, sentence: str) -> str:
    """Where an amount or a share of something is held ("more than 90% is stored in our bones, muscles, and soft
    tissue", "only 1% circulates in blood"), or what holds it ("The average adult body contains approximately 25
    grams")."""
    left, right = _contrast_clause(sentence, number)
    m = _HELD_IN_AFTER.match(sentence, number.end, right)
    if m and not any(_NUMBER_WORD.fullmatch(w) for w in m.group(1).split()):
        return " ".join(m.group(1).lower().replace(",", " ").split())
    holder = _HOLDER_BEFORE.search(sentence, max(left, number.start - 60), number.start)
    if holder:
        words = holder.group(1).lower().split()
        small = [i for i, w in enumerate(words) if w in _STOP_SET]
        words = words[small[-1] + 1:] if small else words
        return " ".join(words)
    return ""


def _limit_named(number: _Number, sentence: str, people: list[tuple[int, int, str]]) -> str:
    """An upper limit named right before the amount ("an upper level of intake has been set at 400 µg", "the upper
    limit for selenium (400 µg/day)"), with the population named before it in its clause ("For adults, the UL is
    350 mg": adults, upper limit)."""
    m = _LIMIT_BEFORE.search(sentence, max(0, number.start - 90), number.start)
    if not m:
        return ""
    limit = " ".join(_UL_MARK.sub("", m.group(1)).lower().split())
    limit = "upper limit" if limit == "ul" else limit
    left, _ = _contrast_clause(sentence, number)
    whom = [t for t in people if left <= t[0] and t[1] <= m.start()
            and not re.search(r"[;]|,\s+and\b", sentence[t[1]: m.start()])]
    return f"{whom[-1][2]}, {limit}" if whom else limit


def _takers(number: _Number, sentence: str) -> str:
    """The people a study gave the amount ("male participants who took 600 mg", "women who were given 10 grams"): the
    noun phrase before "who took", back to a small word, a count or a comma."""
    m = _TAKERS_BEFORE.search(sentence, max(0, number.start - 80), number.start)
    if not m:
        return ""
    words = m.group(1).lower().split()
    small = [i for i, w in enumerate(words) if w in _STOP_SET or _NUMBER_WORD.fullmatch(w) or w in ("one", "study")]
    words = words[small[-1] + 1:] if small else words
    return " ".join(words) if words and words[-1].endswith("s") else ""  # a plural: "participants", "women"


def _named_before(found: dict[str, list[tuple[int, int, str]]], number: _Number, sentence: str) -> str:
    """A name right before the amount labels it ("Vitamin D3 10000 IU & MK-7 120mcg"), also across a synonym in
    brackets and for the amount's restatement ("Vitamin D3 (cholecalciferol) 1000 IU (25 mcg)"), unless it is the
    page's own supplement named plainly."""
    plain = {p[2] for p in found.get("plain", [])}
    named = [t for t in found["form"] if t[1] <= number.start and number.start - t[1] <= 50
             and _NAME_GAP.fullmatch(sentence, t[1], number.start) and t[2] not in plain]
    return named[-1][2] if named else ""


def _object_before(pattern: re.Pattern, number: _Number, sentence: str) -> str:
    """The object a verb phrase right before a span names (its content words), unless it ends on a participle."""
    m = pattern.search(sentence, max(0, number.start - 50), number.start)
    if not m:
        return ""
    words = [w for w in m.group(1).lower().split() if w not in _STOP_SET]
    return " ".join(words) if words and not _PARTICIPLE.fullmatch(words[-1]) else ""


def _avoided(number: _Number, sentence: str) -> str:
    """What is avoided or cut for a time before an event ("minimizing screen exposure at least an hour before bed")."""
    return _object_before(_AVOIDED_BEFORE, number, sentence)


def _needed_for(number: _Number, sentence: str) -> str:
    """What an amount is said to be needed for ("intakes over 500 mg daily are required to achieve plasma
    saturation")."""
    m = _NEEDED_TO.match(sentence, number.end)
    if not m:
        return ""
    words = m.group(1).lower().split()
    cut = next((i for i, w in enumerate(words) if w in _STOP_SET), len(words))
    return " ".join(words[:cut])


def _kept_for(number: _Number, sentence: str) -> str:
    """What is kept up or used for a span ("Keep the schedule for 1-2 weeks": the schedule)."""
    return _object_before(_KEPT_FOR, number, sentence)


def _written(number: _Number, sentence: str) -> str:
    """The amount as written, from its first digit ("about 5 gram" is "5 gram")."""
    return " ".join(_BEFORE_FIRST_DIGIT.sub("", sentence[number.start: number.end].lower()).split())


def _lead_text(lead: re.Match) -> str:
    """Whom or what a "For ..." lead names, without a bracket ("For comfort (not timing)") or the people it stands
    for ("For those seeking a calmer mood": "a calmer mood")."""
    return _PEOPLE_WORD.sub("", re.sub(r"\s*\(.*", "", lead.group(1))).strip().lower()


def _named_of(number: _Number, sentence: str) -> str:
    """The noun phrase an amount is "of" ("Water retention of 1-2 kg"), not a generic word ("a total of")."""
    m = _NAMED_OF.search(sentence, max(0, number.start - 50), number.start)
    if not m:
        return ""
    words = m.group(1).lower().split()
    small = [i for i, w in enumerate(words) if w in _STOP_SET or _NUMBER_WORD.fullmatch(w)
             or _BOUNDARY_WORD.fullmatch(w) and w not in _DOSE_ADJECTIVES]
    words = words[small[-1] + 1:] if small else words  # "Studies typically use doses of": doses
    if not words or len(words) == 1 and words[0] in _GENERIC_OF or \
            words[-1] in _GENERIC_OF and all(w in _AMOUNT_QUALIFIERS for w in words[:-1]):
        return ""  # "a total of 14 trials", "the maximum amount of 99 mg"
    return " ".join(words)


def _bracket_label(number: _Number, sentence: str) -> str:
    """The words an amount in brackets follows name it ("heart failure (200-300 mg/day)"), unless they are a name of
    the lexicons (handled as such) or small words."""
    return _bracket_label_at(number.start, sentence)


def _bracket_label_at(position: int, sentence: str) -> str:
    m = _BRACKET_LABEL.search(sentence, max(0, position - 50), position)
    if not m:
        return ""
    words = m.group(1).lower().split()
    small = [i for i, w in enumerate(words) if w in _STOP_SET or _BOUNDARY_WORD.fullmatch(w)]
    if small:  # "... at high doses (1,000 mg+)", "avoid prolonged usage (i.e. over five days)": the words after
        if words[small[-1]] == "per":
            return ""  # "per cap (~600 mg combined)"
        words = words[small[-1] + 1:]
    elif re.search(r"[0-9)]\s*$|[0-9]\s*[a-zµμ%]+$", sentence[: m.start(1)].rstrip().lower()):
        return ""  # "1000 IU (25 mcg)": a restatement, not a label
    if not words or _PARTICIPLE.fullmatch(words[-1]) or words == [words[-1]] and words[-1] in _GENERIC_AMOUNTS:
        return ""  # "Higher amounts (15-20 grams)": no more than the amount itself
    return " ".join(words)


def _respective(claim_type: str, number: _Number, sentence: str, found: dict[str, list[tuple[int, int, str]]]) -> str:
    """"During pregnancy and lactation, the RDA is 2.6 and 2.8 mcg/day, respectively": the i-th amount is the i-th
    population or purpose named."""
    if claim_type not in ("dose", "deficiency_prevalence", "absorption_rate") or "respectively" not in sentence:
        return ""
    tail = _RESPECTIVELY.match(sentence, number.end)
    if not tail:
        return ""
    numbers = [m.start() for m in re.finditer(r"(?<![\w.])[0-9][0-9.,]*", sentence[: tail.end()])]
    terms = sorted((t for c in ("population", "purpose") for t in found.get(c, []) if t[1] <= number.start),
                   key=lambda t: t[0])
    own = [i for i in numbers if i >= number.start - 1]
    before = [i for i in numbers if i < number.start - 1 and i > (terms[-1][1] if terms else 0)]
    listed = len(before) + len(own)  # the amounts of the list, paired in order with the last terms before them
    if not terms or len(terms) < listed:
        return ""
    return terms[len(terms) - listed + len(before)][2]


def _of_what(number: _Number, sentence: str, plain: set[str]) -> str:
    """The thing an amount is of, when no term of the lexicons says it ("10 grams of collagen peptide",
    "5-20 mg of piperine per dose", "1000 IU of vitamin D per drop"); not the page's own supplement named plainly
    ("400 mg of elemental magnesium" on a magnesium page), and not a phrase that runs into a verb ("made up")."""
    if number.dimension == "mass_per_weight":
        return ""  # "0.3 g per kg of body weight"
    m = _OF_WHAT.match(sentence, number.end)
    if not m or _NOT_WHAT.fullmatch(m.group(1)):
        return ""
    words = m.group(1).lower().split()
    if any(_VERBISH.fullmatch(w) for w in words) or " ".join(w for w in words if w != "elemental") in plain:
        return ""
    if not m.group(2) and any(re.search(rf"\b{re.escape(p)}$", " ".join(words)) for p in plain):
        return ""  # "150 mg of the prebiotic inulin" on an inulin page: the page's own (not "of collagen peptide")
    return " ".join(words + (m.group(2) or "").lower().split())




_STOP_WORDS = (r"of|in|for|with|to|from|on|at|by|and|or|is|are|was|were|be|been|than|that|which|who|per|during|after|"
               r"before|since|while|the|a|an|this|these|those|it|its|as|can|may|will|would|should|more|less|higher|lower|"
               r"better|greater|fewer|most|also|only|each|every|daily|compared|vs|over|under|about|across|within|into|through|"
               r"throughout|among|between|including|such|like|but|yet|so|because|although|though|if|when|whereas|then|"
               r"our|your|their|my|his|her")
_STOP_WORDS_BEFORE = _STOP_WORDS + r"|shortened|lengthened|reduced|increased|decreased|lowered|raised|improved|cut"
_STOP_SET = frozenset(_STOP_WORDS_BEFORE.split("|"))
_WHAT_FOLLOWS = re.compile(rf"\s*(?:(?:(?:a|per|each)\s+(?:day|week)\s+|\([^()]{{1,30}}\)\s*)?of\s+(?:the\s+|all\s+)?)?"
                           rf"(?!(?:{_STOP_WORDS})\b)"
                           rf"((?:[A-Za-z][\w'’-]*\s+){{0,4}}?[A-Za-z][\w'’-]*)"
                           rf"(?=\s*(?:[,.;:()!?]|$)|\s+(?:{_STOP_WORDS})\b)", re.IGNORECASE)


_OF_WHAT = re.compile(rf"\s*(?:/\s*day|daily|per\s+day)?\s*of\s+(?:the\s+|a\s+)?(?!(?:{_STOP_WORDS})\b)"
                      rf"((?:[A-Za-z][\w'’-]*\s+){{0,3}}?[A-Za-z][\w'’-]*)"
                      r"(?:(\s+per\s+(?:drop|capsule|cap|tablet|softgel|gummy|scoop|serving|dose|serve|sachet|stick))\b|"
                      rf"(?=\s*(?:[,.;:()!?]|$)|\s+(?:{_STOP_WORDS})\b))", re.IGNORECASE)  # "5-20 mg of piperine per dose"
_COUNT_BEFORE = re.compile(r"\b[0-9][0-9,]*\s+$")  # "33 women", "106 adults": study participants
_DOSE_RIGHT_AFTER = re.compile(r"\s*-?\s*doses?\b", re.IGNORECASE)  # "a 200mg dose"
_BEFORE_FIRST_DIGIT = re.compile(r"^[^0-9]*")
_OF_A_DOSE = re.compile(r"\s*of\s+(?:a|an|the|each)\s+([0-9][0-9.,]*\s*[a-zµμ]{1,5})\s*-?\s*doses?\b", re.IGNORECASE)
_AVOIDED_BEFORE = re.compile(r"\b(?:avoid\w*|minimi[sz]\w*|limit\w*|stop\w*|skip\w*|no)\s+((?:[a-z][\w-]*\s+){0,2}?"
                             r"[a-z][\w-]*)\s+(?:at\s+least\s+|for\s+(?:at\s+least\s+)?)?$", re.IGNORECASE)
_NEEDED_TO = re.compile(r"[^.;,]{0,30}?\b(?:is|are)\s+(?:\w+\s+)?(?:required|needed|necessary|enough|sufficient)\s+to\s+"
                        r"(?:achieve|reach|maintain|attain|get|produce|restore|saturate)\s+(?:the\s+|a\s+|an\s+)?"
                        r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.IGNORECASE)
_KEPT_FOR = re.compile(r"\b(?:keep|continue|use|maintain|follow|stay\s+on|stick\s+(?:to|with))\s+((?:the|this|that|your|a)\s+"
                       r"(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+for\s+(?:about\s+|around\s+|at\s+least\s+|up\s+to\s+)?$",
                       re.IGNORECASE)
_NUMBER_WORD = re.compile(rf"[0-9][0-9.,]*|{_WORD_NUM}", re.IGNORECASE)
_APART_AFTER = re.compile(r"\s*apart\b", re.IGNORECASE)
_FORM_PHRASE = re.compile(r"\b((?:[a-z][\w-]*\s+)?[a-z][\w-]*\s+(?:forms?|groups?|arms?))\b", re.IGNORECASE)
# "triglyceride form absorbs ...", "the liposomal group had ... 1.8 times higher": a form, a study arm
_PEOPLE_WORD = re.compile(r"^\s*(?:those|people|anyone|individuals|persons)\s+(?:who\s+(?:are|want|need|seek)\s+|"
                          r"seeking\s+|wanting\s+|looking\s+for\s+|in\s+need\s+of\s+)?(?:an?\s+|the\s+)?", re.IGNORECASE)
_TAKES_BEFORE = re.compile(r"(?:^|[,;:]\s*|\b(?:a|an|the|your|this|these)\s+)((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+"
                           r"(?:(?:may|can|will|might|could|usually|typically|often|generally)\s+)?takes?\s+"
                           r"(?:about\s+|around\s+|roughly\s+|up\s+to\s+|at\s+least\s+)?$", re.IGNORECASE)
_NAMED_OF = re.compile(r"(?:^|[,;:(]\s*|\s)((?:[a-z0-9()][\w()'’-]*\s+){0,2}[a-z][\w()'’-]*)\s+of\s+"
                       r"(?:about\s+|around\s+|approximately\s+|roughly\s+|~\s*)?$", re.IGNORECASE)
_GENERIC_OF = frozenset({"total", "number", "maximum", "minimum", "average", "range", "dose", "doses", "dosage", "amount",
                         "amounts", "intake", "intakes", "period", "periods", "span", "value", "values", "level", "levels",
                         "concentration", "mean", "median", "sum", "group", "out", "one", "consumption", "use", "most",
                         "all", "some", "each", "none", "half", "ages", "age", "up", "upwards", "excess", "supplement",
                         "supplements", "recommendation", "recommendations", "equivalent", "content"})
_BOUNDARY_WORD = re.compile(r"[a-z]+ly|[a-z]+ed|made|up|use|uses|take|takes|need|needs|recommend|recommends|"
                            r"suggest|include|includes|"
                            r"suggests|provide|provides|contain|contains|give|gives|avoid|avoiding|reach|reaches|get|gets")
_DOSE_ADJECTIVES = frozenset({"divided", "split", "recommended", "suggested", "advised", "combined", "standardized"})
_AMOUNT_QUALIFIERS = frozenset({"equal", "maximum", "minimum", "daily", "recommended", "typical", "usual", "total", "average",
                                "standard", "suggested", "safe", "upper", "lower", "higher", "high", "low"})
_GENERIC_AMOUNTS = frozenset({"amount", "amounts", "dose", "doses", "dosage", "dosages", "intake", "intakes", "range"})
_BRACKET_LABEL = re.compile(r"(?:^|[,;:]\s*|\s)((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s*\(\s*(?:[~≈<>]\s*|(?:think|about|around|"
                            r"approximately|roughly|e\.g\.,?|i\.e\.,?)\s+)?$",
                            re.IGNORECASE)
_RESPECTIVELY = re.compile(r"(?:[^.;]|\.(?=[0-9])){0,50}?,?\s*respectively\b", re.IGNORECASE)
_MODIFIER_LIST = re.compile(r"\s*(?:(?:[a-z]+-[a-z-]+|[a-z]+(?:ed|al|ent|ant|ic|ive|ous|ful|ble|ary)),\s+){1,4}(?=[a-z])",
                            re.IGNORECASE)  # "double-blind, placebo-controlled, "
_WORD_RUN = re.compile(r"\s*((?:[A-Za-z][\w'’-]*\s+){0,5}[A-Za-z][\w'’-]*)")
_PARTICIPLE = re.compile(r"[a-z]{3,}(?:ed|ing)|made|taken|given|done|shown|seen|known|found")
_VERBISH = re.compile(r"[a-z]+ed|made|up|taken|given|according|including|containing|providing|provides|contains")
_NOT_WHAT = re.compile(r"(?:body\s*weight|bodyweight|it|them|this|that|which|these|those|each|all|one)$", re.IGNORECASE)
_CHANGE_IN = re.compile(rf"\s*(?:(?:greater|larger|bigger|smaller|higher|lower|further|additional|significant)\s+)?"
                        rf"(?:increase|decrease|reduction|rise|drop|improvement|gain|decline|boost|jump|fall|loss)e?s?"
                        rf"\s+in\s+(?:the\s+|their\s+|its\s+)?(?!(?:{_STOP_WORDS})\b)((?:[A-Za-z][\w'’-]*\s+){{0,3}}?"
                        rf"[A-Za-z][\w'’-]*)(?=\s*(?:[,.;:()!?]|$)|\s+(?:{_STOP_WORDS})\b)", re.IGNORECASE)
_WORLDWIDE_AFTER = re.compile(r"\s*(?:worldwide|globally|around\s+the\s+world|of\s+the\s+world(?:'s\s+population)?)\b",
                              re.IGNORECASE)
_AMONG_AFTER = re.compile(r"\s+(?:in|among)\s+(?:the\s+)?((?:[A-Za-z][\w'’-]*\s+){0,2}?[A-Za-z][\w'’-]*)"
                          r"(?=\s*(?:[,;:.()!?]|$)|\s+(?:and|or|due|because|who|with|worldwide|globally)\b)")
# a share "in" or "among" a group named right after it: whom the share is of
_PURPOSE_AFTER = re.compile(r"\s*(?:/\s*day|/\s*d\b|daily|per\s+day|a\s+day|each\s+day)?\s*(?:of\s+[^,;:.()]{1,40}?\s+)?"
                            r"(?:daily\s+|per\s+day\s+|a\s+day\s+)?(?:for|to\s+(?:maintain|support|improve|promote|"
                            r"reduce|lower|prevent|treat|boost|help|aid|relieve|manage|ease|raise|increase|correct))\s+"
                            r"(?:the\s+|your\s+|their\s+)?((?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*)(?=\s*(?:[,.;:!?]|$))",
                            re.IGNORECASE)
_NOT_A_PURPOSE = frozenset({"you", "your", "me", "us", "them", "it", "this", "that", "best", "most", "some", "many",
                            "example", "instance", "at", "about", "up", "a", "an", "one", "several", "long", "longer",
                            "short", "shorter", "days", "weeks", "months", "years", "life"})
_PREDICATE = re.compile(r"\b(?:is|are|was|were|be|been|may|might|can|could|will|would|should|must|allows?|helps?|works?|"
                        r"seems?|appears?|needs?|makes?|gives?|has|have)\b", re.IGNORECASE)
_HELD_IN_AFTER = re.compile(r"[^.;]{0,60}?\b(?:is|are)?\s*(?:stored|found|located|resid(?:es|e|ing)|circulat(?:es|e|ing)|"
                            r"kept|contained|concentrated)\s+in\s+(?:the\s+|our\s+|your\s+|their\s+|its\s+)?"
                            r"((?:[a-z][\w-]*,?\s+(?:and\s+)?){0,4}[a-z][\w-]*)(?=\s*(?:[,.;:()!?]|$)|\s+(?:with|and|while|"
                            r"but|where)\b)", re.IGNORECASE)
_HOLDER_BEFORE = re.compile(r"(?:^|[,;:]\s*|\b(?:the|an?|your|our|each|every)\s+)((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+"
                            r"(?:contains?|holds?|stores?)\s+(?:about\s+|approximately\s+|around\s+|roughly\s+|"
                            r"nearly\s+|only\s+)?$", re.IGNORECASE)
_NOTICED_BEFORE = re.compile(r"\b(?:notic|see|seeing|saw|experienc|feel|felt|observ)\w*\s+"
                             r"(?:(?:and|or)\s+(?:notic|see|experienc|feel)\w*\s+)?"
                             r"(?:the\s+|a\s+|an\s+|some\s+|any\s+|their\s+|your\s+)?((?:[a-z][\w-]*\s+){0,2}?"
                             r"[a-z][\w-]*)\s+(?:within|after|in|by|around|about|approximately|roughly|up\s+to)?\s*$",
                             re.IGNORECASE)  # "begin to see and experience benefits approximately 30 days after"
_LIMIT_BEFORE = re.compile(r"\b(tolerable\s+upper\s+(?:intake\s+)?(?:level|limit)|upper\s+(?:intake\s+)?(?:limit|level)"
                           r"(?:\s*\(\s*UL\s*\))?(?:\s+of\s+intake)?|(?<![\w-])UL(?![\w-]))[^.;0-9]{0,50}$")
_UL_MARK = re.compile(r"\s*\(\s*UL\s*\)")
_FOR_A_SPAN_BEFORE = re.compile(r"\b(?:daily\s+|a\s+day\s+|each\s+day\s+)?for\s+(?:about\s+|around\s+|up\s+to\s+)?$",
                                re.IGNORECASE)
_STUDY_ARM = re.compile(r"\b(?:placebo|participants|volunteers|randomi[sz]ed|(?:took|were\s+given|received)\s+[^.;]{0,60}?"
                        r"\bfor)\b", re.IGNORECASE)
# a study's intervention: who took what, or a placebo, for a span
_TAKERS_BEFORE = re.compile(r"(?:^|[,;:(]\s*|\s)((?:[a-z0-9][\w'’-]*\s+){0,3}?[a-z][\w'’-]*)\s+(?:who\s+)?"
                            r"(?:took|were\s+given|received|consumed|were\s+randomi[sz]ed\s+to)\s+"
                            r"(?:a\s+|an\s+|either\s+)?(?:daily\s+)?(?:about\s+|around\s+)?$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\\?\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\\?\]|(?<=[a-z]{3}s)\d{1,2}\b")  # "adults[1]", "adults2"
_AGE_OF = re.compile(r"\b(under|over|above|below)\s+the\s+age\s+of\s+(\d+)", re.IGNORECASE)  # "under the age of 60"


_CONTENT_WORD = rf"(?!(?:{_STOP_WORDS_BEFORE})\b)[a-z][\w'’-]*"
_CHANGED_BY = re.compile(rf"(?:^|[,;:(]\s*|\b(?:{_STOP_WORDS_BEFORE})\s+)((?:{_CONTENT_WORD}\s+){{0,3}}?{_CONTENT_WORD})"
                         r"\s+by\s*$", re.IGNORECASE)
_CHANGE_IN_BEFORE = re.compile(rf"\b(?:increase|decrease|reduction|rise|drop|improvement|gain|decline|boost|fall|loss)e?s?"
                               rf"\s+in\s+(?:the\s+|their\s+|its\s+)?((?:{_CONTENT_WORD}\s+){{0,3}}?{_CONTENT_WORD})"
                               r"\s*\(\s*(?:by\s+)?(?:up\s+to\s+|about\s+|around\s+|nearly\s+|over\s+)?$", re.IGNORECASE)


def _outcome(number: _Number, sentence: str) -> str:
    """What an effect size measures: "<what> by N%", "a N% increase in <what>", "reductions in <what> (by N%)", and
    "<what> decreased by N% in the X group compared to M% with the placebo" (the measured thing, with its arm)."""
    changed = _what_changed(number, sentence)
    if changed:
        return changed
    measured = _MEASURED_BY.search(sentence, max(0, number.start - 160), number.start)
    if measured and number.dimension in ("percent", "ratio"):
        words = [w for w in measured.group(1).lower().split() if w not in _STOP_SET]
        arm = _ARM_AFTER.match(sentence, number.end)
        thing = " ".join(words)
        return f"{thing}, {' '.join(arm.group(1).lower().split())} group" if arm else thing
    changed_in = _CHANGE_IN.match(sentence, number.end)
    if changed_in:
        return changed_in.group(1).lower()
    changed_before = _CHANGE_IN_BEFORE.search(sentence, max(0, number.start - 80), number.start)
    return " ".join(changed_before.group(1).lower().split()) if changed_before else ""


_CHANGE_VERB = (r"(?:decreas|increas|reduc|lower|rais|improv|declin|dropp|drop|fell|ros|climb|jump|shrank|grew|"
                r"plummet|soar)\w*")
_MEASURED_BY = re.compile(rf"(?:^|[,;:]\s*|\b(?:and|while|whereas)\s+)((?:{_CONTENT_WORD}\s+){{0,3}}?"
                          rf"{_CONTENT_WORD})\s*(?:\([^()]{{1,15}}\)\s*)?(?:were\s+|was\s+)?{_CHANGE_VERB}\s+by\s+"
                          r"(?:(?:about|around|nearly|up\s+to|over)\s+)?(?:[^;]{0,80}?\bcompared\s+(?:to|with)\s+)?$",
                          re.IGNORECASE)
# "Stress scores (PSS) decreased by 44% ... compared to 5.5%": the measured thing of both numbers
_ARM_AFTER = re.compile(r"\s*(?:in|with|for|among)\s+(?:the\s+)?((?:[a-z][\w-]*\s+)?(?:placebo|[a-z][\w-]*(?=\s+group)))"
                        r"(?:\s+group)?\b", re.IGNORECASE)
_THRESHOLD_BEFORE = re.compile(r"(?:^|[,;:(]\s*|\s)((?:[a-z0-9()][\w()'’-]*\s+){0,2}(?:levels?|concentrations?|status)"
                               r"(?:\s+of\s+[a-z0-9()][\w()'’-]*)?)\s+(?:[a-z]+ly\s+)?(?:(?:above|below|over|under|"
                               r"(?:higher|lower|greater|less)\s+than|of\s+at\s+least|at\s+least|between)\s+"
                               r"(?:about\s+|around\s+|approximately\s+)?)?$", re.IGNORECASE)


_THRESHOLD_VERBS = frozenset({"maintain", "keep", "reach", "raise", "lower", "achieve", "have", "with", "normal"})


def _threshold_of(number: _Number, sentence: str) -> str:
    """The biomarker a threshold is of ("getting 25(OH)D levels consistently above 30 ng/mL": 25(OH)D levels)."""
    m = _THRESHOLD_BEFORE.search(sentence, max(0, number.start - 70), number.start)
    if not m:
        return ""
    words = m.group(1).lower().split()
    small = [i for i, w in enumerate(words) if w in _STOP_SET - {"of"} or _BOUNDARY_WORD.fullmatch(w)
             or w.endswith("ing") or w in _THRESHOLD_VERBS]
    return " ".join(words[small[-1] + 1:] if small else words)  # "to maintain blood levels of 25(OH)D": blood levels ...


_PORTION_BEFORE = re.compile(r"\(\s*[~≈]?\s*[0-9][^()]{0,20}?\bper\s+(?:a\s+|one\s+|each\s+)?$", re.IGNORECASE)


def _portion_of(number: _Number, sentence: str) -> str:
    """A reference portion bracketed with a food's amount takes the food ("oat bran (96 mg per half cup)": the half
    cup is oat bran's, as the 96 mg is)."""
    m = _PORTION_BEFORE.search(sentence, max(0, number.start - 40), number.start)
    return _bracket_label_at(m.start() + 1, sentence) if m else ""


def _what_changed(number: _Number, sentence: str) -> str:
    """What an effect size measures when the sentence says "<what> by N%" ("shortened the duration of nasal
    discharge by 34%, sneezing by 22%"): the words before "by", back to a comma or a small word, not a verb."""
    if number.dimension not in ("percent", "ratio", "time"):
        return ""
    m = _CHANGED_BY.search(sentence, max(0, number.start - 60), number.start)
    if not m:
        return ""
    words = m.group(1).lower().split()
    if re.search(r"(?:ed|es|s)$", words[-1]) and re.match(r"(?:increas|decreas|reduc|lower|rais|improv|boost|cut|"
                                                           r"shorten|lengthen|drop|ris|fell|grew|climb)", words[-1]):
        return ""  # "reduced by 30%": the verb, not what changed
    if any(w in _STOP_SET for w in words):
        return ""
    return " ".join(words)


def _what_follows(number: _Number, sentence: str) -> str:
    """What an "other" number counts or measures, from the words after it ("5% withanolides", "2,500 years of
    Ayurvedic use", "The four common forms"); a count's adjectives listed with commas are passed over ("14
    double-blind, placebo-controlled, randomized trials"), and a participle after a plural ends the phrase ("thousands
    of studies conducted on ...")."""
    start = number.end
    closing = re.match(r"\s*\)", sentence[start:])
    if closing and re.search(r"\(\s*$", sentence[: number.start]):
        start += closing.end()  # "two servings (about 8 ounces) of oily fish": the restatement's thing is the same
    if number.dimension in ("count", ""):
        listed = _MODIFIER_LIST.match(sentence, start)
        start = listed.end() if listed else start
    m = _WHAT_FOLLOWS.match(sentence, start)
    if m:
        return _cut_at_participle(m.group(1).lower().split())
    run = _WORD_RUN.match(sentence, start)
    if not run or re.match(rf"(?:{_STOP_WORDS})\b", run.group(1), re.IGNORECASE):
        return ""
    words = run.group(1).lower().split()
    cut = _cut_at_participle(words)
    return cut if len(cut.split()) < len(words) else ""  # a long run with no end in sight: not sure what it names


def _cut_at_participle(words: list[str]) -> str:
    for i in range(1, len(words)):
        if words[i - 1].endswith("s") and _PARTICIPLE.fullmatch(words[i]):
            return " ".join(words[:i])
    return " ".join(words)


_AFTER_NUMBER = re.compile(r"^\s*(?:/\s*day\s*|daily\s*|per\s+day\s*)?"
                           r"(?:of\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?|for\s+(?:the\s+)?|in\s+)?$", re.IGNORECASE)
# "18 mg for women", "200 mg of the prebiotic inulin", "20 g per day for the loading phase"


def _timing_event(number: _Number, sentence: str, timing_event: re.Pattern | None) -> str:
    """The event a timing is anchored to ("30-60 minutes before bedtime" -> "before bedtime")."""
    if timing_event is None:
        return ""
    rest = sentence[number.end:].strip()
    m = timing_event.match(rest)
    if not m:
        return ""
    whole = re.match(r"[\w'’-]*", rest[m.end():]).group(0)  # the cue's last word, whole: "bedtime", not "bed"
    return " ".join((m.group(0) + whole).lower().split())


def _band_before(found: dict[str, list[tuple[int, int, str]]], number: _Number, sentence: str) -> str:
    """A dose band before the number in its clause ("At low doses (20 mg), absorption reaches 100%")."""
    left, _ = _contrast_clause(sentence, number)
    bands = [t for t in found.get("band", []) if left <= t[0] and t[1] <= number.start and number.start - t[1] <= 40]
    return bands[-1][2] if bands else ""


def _term_after(found: dict[str, list[tuple[int, int, str]]], number: _Number, sentence: str) -> str:
    """A subject term right after the amount ("120 mg DHA", "18 mg for women", "600 mg of omega-3s"), also after
    the amount restated in brackets ("1-2 teaspoons (5-10 mL) for adults", and "5-10 mL) for adults")."""
    restated = _RESTATED_AFTER.match(sentence, number.end)
    base = restated.end() if restated else number.end
    terms = sorted((t for category in ("population", "form", "purpose", "band") for t in found.get(category, [])
                    if t[0] >= base and t[0] - base <= 20), key=lambda t: t[0])  # " per day for the " is 17
    for start, _, term in terms:
        if _AFTER_NUMBER.match(sentence[base: start]):
            return term
    return ""
