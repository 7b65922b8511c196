"""Cut a document's text into blocks and sentences that respect web-page structure.

Saved web pages are not prose: headings, bullets, flattened table rows and "stat blocks"
(a number on one line, its label on the next) stand on lines of their own. A plain sentence
splitter glues them into 300-word "sentences", which wrecks readability scores and claim
quotes. So we first cut lines into typed blocks, then split only prose blocks into sentences
(with `sentencex`, which knows decimals and abbreviations such as "e.g." and "U.S.").

Every block and sentence carries `start`/`end` offsets into the text exactly as loaded:
`text[start:end] == row.text` always holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import pandas as pd
from sentencex import segment as _sentencex_segment

from . import registry

BLOCK_COLUMNS = ["doc_id", "block_id", "kind", "text", "start", "end"]
SENTENCE_COLUMNS = ["doc_id", "block_id", "sentence_id", "block_kind", "text", "start", "end"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?=\S)")
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_BULLET = re.compile(r"^[ \t]*(?:\\?[•●▪◦‣∙·*+\-–—]|\d{1,3}\\?[.)])[ \t]+(?=\S)")  # "1\." and "\-": markdown escapes
_STAT_DIMENSIONS = ("mass", "activity", "cfu", "percent", "percent_dv", "ratio", "scale")


@lru_cache(maxsize=8)
def stat_line(folder: str | None = None) -> re.Pattern:
    """A line that is only a number and its unit ("68%", "30 Billion CFU", "5x"): a stat block's value.
    Its units are the registry's (amounts, percentages, multiples, scale words), so a new unit row is
    recognised here too."""
    units = registry.load(folder).unit_pattern(*_STAT_DIMENSIONS)
    return re.compile(
        rf"^[ \t]*(?:[<>~≈]|over |up to )?\$?\d[\d,]*(?:\.\d+)?[ \t]*(?:k|m|{units})?(?:[ \t]*{units})?\+?[ \t]*$",
        re.IGNORECASE,
    )


# a final punctuation mark, then perhaps citation digits ("... as a single dose. 1")
_TERMINAL = re.compile(r"""[.!?;][)"'’”]*(?:[ \t]+\d{1,2}(?:[ \t]*,[ \t]*\d{1,2})*)?$""")
_WORD = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
# sentencex splits after these; they almost never end an English sentence.
_NON_FINAL_ABBREVIATIONS = re.compile(r"\b(?:approx|vs|ca|incl|no|fig|est|cf|resp)\.\s*$", re.IGNORECASE)
_LONGEST_NON_FINAL = len("approx")

HEADING_MAX_WORDS = 12
STAT_LABEL_MAX_WORDS = 8
MIN_RUN_FOR_TABLE = 3


def count_words(text: str) -> int:
    """Words as a reader counts them: "2.5", "19-30" and "don't" are one word each."""
    return len(_WORD.findall(text))


def has_at_most_words(text: str, limit: int) -> bool:
    """`count_words(text) <= limit`, reading no further than the word after the limit (a paragraph
    is not counted to the end to learn that it is not a heading)."""
    if len(text) <= _COUNTED_WHOLE:
        return len(_WORD.findall(text)) <= limit
    return sum(1 for _ in islice(_WORD.finditer(text), limit + 1)) <= limit


_COUNTED_WHOLE = 120  # characters: a shorter text is counted whole, faster than match by match


@dataclass
class _Line:
    start: int  # offset of the first non-blank character after any marker
    end: int  # offset after the last non-blank character
    text: str  # text[start:end]
    kind: str  # heading / bullet / table_row / stat / text / rule / blank
    chunk: int  # index of the blank-line-separated chunk this line belongs to


def _lines(text: str) -> list[_Line]:
    stat = stat_line()
    lines: list[_Line] = []
    chunk = 0
    previous_blank = True
    for match in _LINE.finditer(text):
        raw = match.group(0)
        if not raw:
            break
        content = raw.rstrip("\r\n")
        line_start = match.start()
        stripped = content.strip()
        if not stripped:
            if not previous_blank:
                chunk += 1
            previous_blank = True
            continue
        previous_blank = False
        lead = len(content) - len(content.lstrip())
        kind = "text"
        marker = 0
        if _MD_TABLE_RULE.match(content):
            kind = "rule"
        elif _MD_TABLE_ROW.match(content):
            kind = "table_row"
        elif m := _MD_HEADING.match(content):
            kind, marker = "heading", m.end() - lead
        elif stat.match(content):
            kind = "stat"
        elif m := _BULLET.match(content):
            kind, marker = "bullet", m.end() - lead
        start = line_start + lead + marker
        end = line_start + len(content.rstrip())
        lines.append(_Line(start, end, text[start:end], kind, chunk))
    if "|" in text:
        _pipe_rows_without_outer_pipes(lines)
    return lines


def _pipe_rows_without_outer_pipes(lines: list[_Line]) -> None:
    """"Age | Dose" over "19+ | 400 mg" (a table written without outer pipes, perhaps with a "---|---" rule
    between): lines of one chunk with cells split by "|" are table rows when a neighbour is a rule, a table row,
    or a line with as many "|", so a two-row table is not taken for two headings."""
    for i, line in enumerate(lines):
        if line.kind != "text" or "|" not in line.text:
            continue
        pipes = line.text.count("|")
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and lines[j].chunk == line.chunk and (
                    lines[j].kind in ("rule", "table_row")
                    or lines[j].kind == "text" and lines[j].text.count("|") == pipes):
                line.kind = "table_row"
                break


def _is_unpunctuated(line: _Line) -> bool:
    return line.kind == "text" and not _TERMINAL.search(line.text)


def _is_title_question(text: str) -> bool:
    """"What Is Magnesium Glycinate?": a question in title case is a heading, not a sentence."""
    words = text.split()
    capitalised = sum(w[:1].isupper() for w in words if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words)
    return text.endswith("?") and len(words) <= 8 and long_words > 0 and capitalised == long_words


def _looks_hard_wrapped(run: list[_Line]) -> bool:
    """Lines of a prose paragraph wrapped at a fixed width, like e-mail or plain-text exports."""
    if len(run) < 2:
        return False
    widths = [len(line.text) for line in run[:-1]]
    starts_lower = sum(line.text[:1].islower() for line in run[1:])
    return min(widths) >= 45 and max(widths) - min(widths) <= 25 and starts_lower * 2 >= len(run) - 1


def _classify_chunk(chunk: list[_Line]) -> list[tuple[str, list[_Line]]]:
    """Turn one blank-line-separated chunk into typed blocks (kind, lines)."""
    blocks: list[tuple[str, list[_Line]]] = []
    i = 0
    while i < len(chunk):
        line = chunk[i]
        if line.kind != "text":
            if line.kind != "rule":
                blocks.append((line.kind, [line]))
            i += 1
            continue
        # gather a run of plain text lines
        j = i
        while j < len(chunk) and chunk[j].kind == "text":
            j += 1
        run = chunk[i:j]
        i = j
        if _looks_hard_wrapped(run):
            blocks.append(("paragraph", run))
            continue
        k = 0
        while k < len(run):
            # a run of unpunctuated lines: a flattened table or a list without bullet glyphs
            m = k
            while m < len(run) and _is_unpunctuated(run[m]):
                m += 1
            if m - k >= MIN_RUN_FOR_TABLE:
                rows = run[k:m]
                with_digits = sum(any(ch.isdigit() for ch in r.text) for r in rows)
                kind = "table_row" if with_digits * 2 >= len(rows) else "bullet"
                blocks.extend((kind, [r]) for r in rows)
                k = m
                continue
            current = run[k]
            short = has_at_most_words(current.text, HEADING_MAX_WORDS)
            if short and (current.text.endswith(":") or not _TERMINAL.search(current.text)
                          or _is_title_question(current.text)):
                blocks.append(("heading", [current]))
            else:
                blocks.append(("paragraph", [current]))
            k += 1
    return blocks


def _merge_stat_labels(blocks: list[tuple[str, list[_Line]]]) -> list[tuple[str, list[_Line]]]:
    """Join "68%" with the label on the next line ("Adults 19-30") into one stat block."""
    merged: list[tuple[str, list[_Line]]] = []
    i = 0
    while i < len(blocks):
        kind, lines = blocks[i]
        if kind == "stat" and i + 1 < len(blocks):
            next_kind, next_lines = blocks[i + 1]
            label = next_lines[0]
            if (
                next_kind == "heading"
                and len(next_lines) == 1
                and has_at_most_words(label.text, STAT_LABEL_MAX_WORDS)
                and not label.text.endswith(":")
            ):
                merged.append(("stat", lines + next_lines))
                i += 2
                continue
        merged.append((kind, lines))
        i += 1
    return merged


def block_rows(doc_id: str, text: str) -> list[tuple]:
    """Blocks as plain tuples (BLOCK_COLUMNS order): the fast path used when loading many documents."""
    lines = _lines(text)
    chunks: dict[int, list[_Line]] = {}
    for line in lines:
        chunks.setdefault(line.chunk, []).append(line)
    typed: list[tuple[str, list[_Line]]] = []
    for chunk in chunks.values():
        typed.extend(_classify_chunk(chunk))
    typed = _merge_stat_labels(typed)
    rows = []
    for block_id, (kind, block_lines) in enumerate(typed):
        start, end = block_lines[0].start, block_lines[-1].end
        rows.append((doc_id, block_id, kind, text[start:end], start, end))
    return rows


def segment_blocks(doc_id: str, text: str) -> pd.DataFrame:
    """Blocks of a document: heading / paragraph / bullet / table_row / stat, with offsets."""
    return pd.DataFrame(block_rows(doc_id, text), columns=BLOCK_COLUMNS)


_CITED_END = re.compile(r"[.!?][)\"'’”]*(?:\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])+(?=\s+[A-Z])")


def _split_after_citations(block: str, s: int, e: int) -> list[tuple[int, int]]:
    """sentencex does not end a sentence at "absorption.[115] Most vegans": a full stop followed by a
    bracketed citation and a capital ends one."""
    pieces, begin = [], s
    for m in _CITED_END.finditer(block, s, e):
        rest = m.end() + len(block[m.end():e]) - len(block[m.end():e].lstrip())
        pieces.append((begin, m.end()))
        begin = rest
    pieces.append((begin, e))
    return [p for p in pieces if p[1] > p[0]]


def _split_prose(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one prose block, as absolute offsets."""
    block = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _sentencex_segment("en", block):
        piece = piece.strip()
        if not piece:
            continue
        found = block.find(piece, cursor)
        if found < 0:  # the splitter changed the text; keep the rest whole rather than guess
            break
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    if not spans:
        return [(start, end)]
    spans = [piece for s, e in spans for piece in _split_after_citations(block, s, e)]
    # whatever the splitter dropped at the end (it should not) stays in the last sentence
    spans[-1] = (spans[-1][0], len(block.rstrip()))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and (
            _ends_with_non_final_abbreviation(block, *merged[-1])
            or not any(ch.isalnum() for ch in block[s:e])
        ):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [(start + s, start + e) for s, e in merged]


def _ends_with_non_final_abbreviation(block: str, start: int, end: int) -> bool:
    """`_NON_FINAL_ABBREVIATIONS.search(block[start:end])`, tried only on the last characters: a match
    ends at the final full stop (and the whitespace after it), so it begins at most a word before."""
    piece = block[start:end].rstrip()
    if not piece.endswith("."):
        return False
    return _NON_FINAL_ABBREVIATIONS.search(piece, max(0, len(piece) - _LONGEST_NON_FINAL - 2)) is not None


def sentence_rows(text: str, blocks: list[tuple]) -> list[tuple]:
    """Sentences as plain tuples (SENTENCE_COLUMNS order) from block tuples."""
    rows = []
    sentence_id = 0
    for doc_id, block_id, kind, _, start, end in blocks:
        spans = _split_prose(text, start, end) if kind in ("paragraph", "bullet") else [(start, end)]
        for s, e in spans:
            rows.append((doc_id, block_id, sentence_id, kind, text[s:e], s, e))
            sentence_id += 1
    return rows


def segment_sentences(text: str, blocks: pd.DataFrame) -> pd.DataFrame:
    """Sentences of a document: prose blocks are split, other blocks are one unit each."""
    return pd.DataFrame(sentence_rows(text, list(blocks[BLOCK_COLUMNS].itertuples(index=False, name=None))),
                        columns=SENTENCE_COLUMNS)
