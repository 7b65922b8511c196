"""Find, read and segment the articles of a corpus; report bad files instead of crashing.

One bad document (empty, binary, wrongly encoded, too large, unparsable HTML) never stops a
batch: it becomes a row of `Corpus.problems`, naming the file and the problem, and the other
documents load. For a UTF-8 `.txt` or `.md` file the loaded text is the file's content
unchanged (a byte-order mark aside); HTML pages are reduced to their main text by trafilatura
(tuned for recall so lists and tables survive), as Markdown-like lines without Markdown's
backslash escapes or emphasis marks (so "[1]" stays a citation marker and quotes read as the page
does). PDFs give their text layer (pypdf), page after page, with blank lines where the gaps between
lines mark paragraphs; an encrypted or image-only PDF is a problem, named as such.

Each document gets a short readable `label` (the manifest's, else its publisher or title), unique
in the corpus, for figures, tables and the explorer.
"""
from __future__ import annotations

import hashlib
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths
from .segment import BLOCK_COLUMNS, SENTENCE_COLUMNS, block_rows, count_words, sentence_rows

FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".pdf": "pdf"}
DEFAULT_MAX_MB = 5.0
MANIFEST_NAME = "corpus.csv"
FETCH_LOG = "fetch_log.csv"  # what `claimcritique fetch` writes beside the pages
MANIFEST_COLUMNS = ["doc_id", "file", "title", "publisher", "kind", "url", "notes", "label"]
LABEL_MAX = 30
# what a page does, as a manifest's `kind` says: sells (vendor: its own products; affiliate: "best X" lists
# and buy links; brand: one brand's product page), or not (informational, news, blog)
DOCUMENT_KINDS = {"vendor", "affiliate", "brand", "informational", "news", "blog"}
PROBLEM_COLUMNS = ["file", "doc_id", "severity", "problem"]
DOCUMENT_COLUMNS = [
    "doc_id", "path", "file", "format", "title", "publisher", "kind", "url", "notes",
    "encoding", "chars", "words", "blocks", "sentences", "label", "text_hash", "text",
]


class DocumentError(Exception):
    """A document that cannot be used; the message says why in plain words."""


class NothingReadable(ValueError):
    """A corpus with no readable document: the message names the folder and what was found there."""


@dataclass
class Corpus:
    """The tidy tables of a loaded corpus. `documents.text` holds each text as loaded."""

    documents: pd.DataFrame
    blocks: pd.DataFrame
    sentences: pd.DataFrame
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))

    def text(self, doc_id: str) -> str:
        return self.documents.set_index("doc_id").at[doc_id, "text"]

    @property
    def texts(self) -> dict[str, str]:
        return dict(zip(self.documents["doc_id"], self.documents["text"]))


# --- reading one file -------------------------------------------------------------------

def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample.translate(None, _NOT_CONTROL))  # bytes below 32 but tab, newline, form feed, return
    return control > max(2, len(sample) // 100)


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13)))


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str, list[str]]:
    """Decode UTF-8, falling back to cp1252 (Windows smart quotes) and then Latin-1, with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark (Windows Notepad)
        try:
            return data.decode("utf-16"), "utf-16", ["decoded as UTF-16"]
        except UnicodeDecodeError:
            pass
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8", []
    except UnicodeDecodeError as error:
        where = f"byte {error.start + (3 if bom else 0)}"
        data = body
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, encoding, [f"not valid UTF-8 (first bad {where}); decoded as {encoding}"]
    raise DocumentError(f"{name}: cannot decode text")  # unreachable: latin-1 decodes anything


# trafilatura's Markdown escapes punctuation ("\[1\]", "1\.") and marks emphasis with unescaped stars;
# one pass drops the marks and unescapes, so the loaded text reads as the page does (offsets are into it).
_MARKDOWN_MARKS = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>~=])|\*+")


def plain_markdown(text: str) -> str:
    """trafilatura's Markdown without backslash escapes or emphasis stars; headings, lists, tables kept."""
    return _MARKDOWN_MARKS.sub(lambda m: m.group(1) or "", text)


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text of a saved page (no scripts, styles, navigation) and its title and site name."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
    )
    if not text or not text.strip():
        raise DocumentError("no main text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    info = {}
    if meta is not None:
        info = {"title": meta.title or "", "publisher": meta.sitename or "", "url": meta.url or ""}
    return plain_markdown(text), info


def pdf_to_text(data: bytes) -> tuple[str, dict[str, str]]:
    """The text layer of a PDF, page after page (a blank line between pages), and its title metadata.
    DocumentError for an encrypted PDF or one without text (scanned pages are images)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password alone still opens
            raise DocumentError("encrypted PDF (needs a password)")
        pages = [_page_text(page) for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise DocumentError(f"could not read the PDF ({type(error).__name__}: {error})") from None
    except Exception as error:  # pypdf raises assorted errors on broken files; name the file, no traceback
        if "crypt" in str(error).lower():
            raise DocumentError("encrypted PDF (cannot be decrypted)") from None
        raise DocumentError(f"could not read the PDF ({type(error).__name__}: {error})") from None
    text = "\n\n".join(page.strip("\n") for page in pages if page.strip())
    if not text.strip():
        raise DocumentError(f"image-only PDF: no text layer in {len(pages)} page(s) (scanned? run OCR first)")
    return text, {"title": str(title).strip()}


PARAGRAPH_GAP = 1.5  # a gap between two lines this many times the page's line spacing starts a paragraph


def _page_text(page) -> str:
    """pypdf's text of one page, with a blank line wherever the gap between two lines says a new paragraph
    (or a new column) starts: the segmenter reads blank lines as paragraph ends, as in a .txt file. A line's
    spacing is the page's most common step between lines, or 1.2 times the font size if that is smaller
    (a page whose every line is a paragraph has no single steps)."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):  # each piece of text with its baseline's height and its font size
        pieces.append((text, tm[4] * cm[1] + tm[5] * cm[3] + cm[5], abs(size * tm[3] * cm[3])))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(t for t, _, _ in pieces) != text:  # not the pieces of this text: keep pypdf's text as it is
        return text
    lines, heights, sizes = [""], [None], []
    for piece, y, size in pieces:
        for k, part in enumerate(piece.split("\n")):
            if k:
                lines.append("")
                heights.append(None)
            if part.strip():
                sizes.append(size)
                if heights[-1] is None:
                    heights[-1] = y
            lines[-1] += part
    known = [y for y in heights if y is not None]
    steps = sorted(round(a - b, 1) for a, b in zip(known, known[1:]) if a - b > 0.5)
    if not steps:
        return text
    spacing = next((step for step in steps if steps.count(step) >= 2), steps[0])
    sizes = sorted(size for size in sizes if size > 0)
    if sizes:
        spacing = min(spacing, 1.2 * sizes[len(sizes) // 2])
    out: list[str] = []
    previous = None
    for line, y in zip(lines, heights):
        if y is not None and previous is not None and out and out[-1].strip():
            if previous - y > PARAGRAPH_GAP * spacing or y - previous > spacing:  # a gap, or up to a new column
                out.append("")
        out.append(line)
        previous = y if y is not None else previous
    return "\n".join(out)


def read_document(path: Path, max_mb: float = DEFAULT_MAX_MB) -> tuple[str, str, dict[str, str], list[str]]:
    """Text, encoding, page metadata and warnings of one file; DocumentError if it is unusable."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise DocumentError(f"unsupported file type '{suffix or '(none)'}' (use .txt, .md, .html or .pdf)")
    size = path.stat().st_size
    if size > max_mb * 1_000_000:
        raise DocumentError(f"too large: {size / 1e6:.1f} MB (limit {max_mb:g} MB; raise it with --max-mb)")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError("empty file")
    if FORMATS[suffix] == "pdf":
        if not data.lstrip().startswith(b"%PDF"):
            raise DocumentError("not a PDF (no %PDF header)")
        text, info = pdf_to_text(data)
        return text, "pdf", info, []
    if _looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError("binary file, not text")
    text, encoding, notes = decode_bytes(data, path.name)
    info: dict[str, str] = {}
    if FORMATS[suffix] == "html":
        try:
            text, info = html_to_text(text)
        except DocumentError:  # already says what is wrong
            raise
        except Exception as error:  # a parser failure must name the file, not show a traceback
            raise DocumentError(f"could not parse HTML ({type(error).__name__}: {error})") from None
    if not text.strip():
        raise DocumentError("no text")
    return text, encoding, info, notes


# --- titles and labels ---------------------------------------------------------------------------

# Headings that name a part of a page, not the page: never its title.
_SECTION_HEADINGS = {
    "contents", "table of contents", "introduction", "summary", "conclusion", "conclusions", "references",
    "sources", "faq", "faqs", "frequently asked questions", "key takeaways", "overview", "related articles",
    "related posts", "you may also like", "disclaimer", "share", "menu", "navigation", "search", "ingredients",
    "formulation", "directions", "benefits", "dosage", "side effects", "bottom line", "the bottom line",
}
TITLE_MAX_WORDS = 20


def plausible_title(text: str) -> bool:
    """A page title, not a section heading ("Formulation:", "Table of Contents") or a paragraph."""
    text = " ".join(str(text or "").split())
    if not text or text.endswith(":") or len(text) > 150 or len(text.split()) > TITLE_MAX_WORDS:
        return False
    if text.lower().strip(" .!?") in _SECTION_HEADINGS:
        return False
    return sum(c.isalpha() for c in text) >= 3


def guess_title(info: dict[str, str], headings: Sequence[str]) -> str:
    """The page's metadata title if plausible, else its first plausible heading, else ""."""
    for candidate in (info.get("title", ""), *headings):
        if plausible_title(candidate):
            return " ".join(candidate.split())
    return ""


def shorten(text: str, limit: int = LABEL_MAX) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:  # do not end on half a word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—·|") + "…"


def assign_labels(documents: pd.DataFrame, used: set[str] | None = None) -> pd.DataFrame:
    """A short readable label per document, unique across the corpus: the manifest's `label` if given,
    else the publisher (a second page of the same publisher gets "publisher: title"), else the title,
    else the file stem; at most LABEL_MAX characters. `used` carries labels across batches, in order."""
    used = set() if used is None else used
    labels = []
    for row in documents.itertuples(index=False):
        given = shorten(row.label) if isinstance(row.label, str) and row.label.strip() else ""
        publisher, title = shorten(row.publisher), shorten(row.title)
        stem = shorten(Path(str(row.file)).stem)
        options = [given] if given else [o for o in (
            publisher, shorten(f"{row.publisher}: {row.title}") if publisher and title else "", title, stem) if o]
        label = next((o for o in options if o not in used), "")
        if not label:
            base = shorten(options[0] if options else row.doc_id, LABEL_MAX - 4)
            n = 2
            while f"{base} ({n})" in used:
                n += 1
            label = f"{base} ({n})"
        used.add(label)
        labels.append(label)
    return documents.assign(label=pd.Series(labels, index=documents.index, dtype=object))


# --- finding files and the manifest -----------------------------------------------------------

def _is_manifest(path: Path) -> bool:
    """manifest*.csv files describe a folder's pages; they are not pages."""
    return path.suffix.lower() == ".csv" and path.name.lower().startswith("manifest")


def discover(paths_: Iterable[str | Path], skip: Sequence[str] = (MANIFEST_NAME, FETCH_LOG)) -> tuple[list[Path], list[dict]]:
    """Files to load from files and folders (recursively, hidden files skipped), and the problems met."""
    files: list[Path] = []
    problems: list[dict] = []
    seen: set[Path] = set()
    for given in paths_:
        path = Path(given)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file())
            candidates = [
                p for p in candidates
                if not any(part.startswith(".") for part in p.relative_to(path).parts) and p.name not in skip
                and not _is_manifest(p)
            ]
            for p in candidates:
                if p.suffix.lower() not in FORMATS:
                    problems.append(_problem(p, "", "skipped", f"unsupported file type '{p.suffix or '(none)'}'"))
            candidates = [p for p in candidates if p.suffix.lower() in FORMATS]
        elif path.is_file():
            candidates = [path]
        else:
            problems.append(_problem(path, "", "error", "no such file or folder"))
            continue
        for p in candidates:
            resolved = p.resolve()
            if resolved not in seen:
                seen.add(resolved)
                files.append(p)
    return files, problems


def read_manifest(path: Path) -> pd.DataFrame:
    """The manifest of document metadata; a clear ValueError naming the file if it is malformed."""
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False)
    except Exception as error:
        raise ValueError(f"{path}: cannot read the manifest as CSV ({error})") from None
    missing = [c for c in ("file",) if c not in manifest.columns]
    if missing:
        raise ValueError(f"{path}: manifest lacks the column(s) {missing}; expected {MANIFEST_COLUMNS}")
    for column in MANIFEST_COLUMNS:
        if column not in manifest.columns:
            manifest[column] = ""
    for row_number, kind in enumerate(manifest["kind"], start=2):
        if kind and kind not in DOCUMENT_KINDS:
            raise ValueError(f"{path}, row {row_number}: kind '{kind}' is not one of {sorted(DOCUMENT_KINDS)}")
    return manifest[MANIFEST_COLUMNS]


def default_manifests(paths_: Sequence[str | Path]) -> list[Path]:
    """data/corpus.csv for the default corpus; otherwise, for each folder given, its corpus.csv, or else
    every manifest*.csv in it (a corpus gathered in parts keeps one manifest per part)."""
    resolved = [Path(p).resolve() for p in paths_]
    if resolved == [paths.RAW.resolve()] and paths.MANIFEST.exists():
        return [paths.MANIFEST]
    found: list[Path] = []
    for folder in resolved:
        if folder.is_dir():
            own = folder / MANIFEST_NAME
            found.extend([own] if own.exists() else sorted(folder.glob("manifest*.csv")))
    return found


def _listed_folder(manifest: Path) -> Path:
    """Where a manifest's files are: beside it, except the default corpus's (data/corpus.csv lists data/raw)."""
    return paths.RAW if manifest.resolve() == paths.MANIFEST.resolve() else manifest.parent


def read_manifests(manifests: Sequence[Path]) -> dict[Path, dict]:
    """The metadata row of every file the manifests list, by the file's resolved path (folders given together
    may each have a p1.md); the same file listed twice is an error naming both manifests."""
    rows: dict[Path, dict] = {}
    for manifest in manifests:
        folder = _listed_folder(manifest)
        for row in read_manifest(manifest).to_dict("records"):
            where = (folder / row["file"]).resolve()
            if where in rows:
                raise ValueError(f"{manifest}: '{row['file']}' is listed again (first in {rows[where]['manifest']})")
            rows[where] = {**row, "manifest": str(manifest)}
    return rows


def _metadata_of(path: Path, rows: dict[Path, dict], by_name: dict[str, dict]) -> dict:
    """A file's manifest row: by its path, else (a manifest kept elsewhere, given with --manifest) by its name
    when only one row has that name."""
    return rows.get(path.resolve()) or by_name.get(path.name, {})


def _problem(path: Path | str, doc_id: str, severity: str, problem: str) -> dict:
    return {"file": str(path), "doc_id": doc_id, "severity": severity, "problem": problem}


# --- the whole corpus --------------------------------------------------------------------------

@dataclass(frozen=True)
class PlannedDocument:
    """A file to load, with the doc_id and manifest metadata decided before any reading."""

    path: Path
    doc_id: str
    meta: dict


def plan_corpus(paths_: Sequence[str | Path] | None = None, manifest: str | Path | None = None
                ) -> tuple[list[PlannedDocument], list[dict]]:
    """Which files become which documents (ids unique across the whole batch), and the problems met so far."""
    paths_ = list(paths_) if paths_ else [paths.RAW]
    files, problems = discover(paths_)
    rows = read_manifests([Path(manifest)] if manifest else default_manifests(paths_))
    names = Counter(Path(where).name for where in rows)
    by_name = {where.name: row for where, row in rows.items() if names[where.name] == 1}
    loaded = {f.resolve() for f in files} | {f.name for f in files}
    for where, row in rows.items():
        if where not in loaded and (names[where.name] > 1 or where.name not in loaded):
            problems.append(_problem(row["manifest"], row["doc_id"], "warning",
                                     f"manifest row for '{row['file']}' points at a file that was not found"))
    planned: list[PlannedDocument] = []
    used_ids: set[str] = set()
    for path in files:
        meta = _metadata_of(path, rows, by_name)
        doc_id = meta.get("doc_id") or path.stem
        if doc_id in used_ids:
            new_id, n = f"{doc_id}{path.suffix.lower()}", 2
            while new_id in used_ids:
                new_id, n = f"{doc_id}{path.suffix.lower()}-{n}", n + 1
            problems.append(_problem(path, new_id, "warning", f"duplicate doc_id '{doc_id}'; loaded as '{new_id}'"))
            doc_id = new_id
        used_ids.add(doc_id)
        planned.append(PlannedDocument(path, doc_id, meta))
    return planned, problems


def _segment_into(doc_id: str, text: str, blocks: list, sentences: list) -> tuple[list, list, list[str]]:
    """Segment one document, appending its rows to the corpus's lists; returns its blocks, sentences and
    first five headings (what the title is guessed from)."""
    doc_blocks = block_rows(doc_id, text)
    doc_sentences = sentence_rows(text, doc_blocks)
    blocks.extend(doc_blocks)
    sentences.extend(doc_sentences)
    return doc_blocks, doc_sentences, [b[3] for b in doc_blocks if b[2] == "heading"][:5]


def load_documents(planned: Sequence[PlannedDocument], max_mb: float = DEFAULT_MAX_MB) -> Corpus:
    """Read and segment planned documents; unusable files become problems, never exceptions."""
    documents, blocks, sentences, problems = [], [], [], []
    for item in planned:
        path, doc_id, meta = item.path, item.doc_id, item.meta
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # library chatter; our own problems table says what matters
                text, encoding, info, notes = read_document(path, max_mb=max_mb)
        except DocumentError as error:
            problems.append(_problem(path, doc_id, "error", str(error)))
            continue
        except OSError as error:
            problems.append(_problem(path, doc_id, "error", f"cannot read ({error.strerror or error})"))
            continue
        problems.extend(_problem(path, doc_id, "warning", note) for note in notes)
        doc_blocks, doc_sentences, headings = _segment_into(doc_id, text, blocks, sentences)
        documents.append((
            doc_id, str(path), path.name, FORMATS[path.suffix.lower()],
            meta.get("title") or guess_title(info, headings), meta.get("publisher") or info.get("publisher", ""),
            meta.get("kind", ""), meta.get("url") or info.get("url", ""), meta.get("notes", ""),
            encoding, len(text), count_words(text), len(doc_blocks), len(doc_sentences), meta.get("label", ""),
            text_hash(text), text,
        ))
    return Corpus(
        documents=pd.DataFrame(documents, columns=DOCUMENT_COLUMNS),
        blocks=pd.DataFrame(blocks, columns=BLOCK_COLUMNS),
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        problems=pd.DataFrame(problems, columns=PROBLEM_COLUMNS),
    )


def combine(parts: Sequence[Corpus], problems: Sequence[dict] = ()) -> Corpus:
    """One corpus from parts loaded separately (in parallel), plus problems found while planning."""
    def cat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
        frames = [f for f in frames if len(f)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)

    documents = cat([p.documents for p in parts], DOCUMENT_COLUMNS)
    return Corpus(
        documents=documents,
        blocks=cat([p.blocks for p in parts], BLOCK_COLUMNS),
        sentences=cat([p.sentences for p in parts], SENTENCE_COLUMNS),
        problems=problems_table([*problems, *duplicate_problems(documents)], [p.problems for p in parts]),
    )


def text_hash(text: str) -> str:
    """A short fingerprint of a text, blind to case and spacing: a crawl's syndicated copies share it."""
    return hashlib.blake2b(" ".join(text.lower().split()).encode("utf-8"), digest_size=8).hexdigest()


def duplicate_problems(documents: pd.DataFrame) -> list[dict]:
    """A warning for each document whose text is the same as an earlier one's: it is analysed, but its claims
    and findings count twice in every tally (a crawl's mirrors and syndicated copies)."""
    if documents.empty or "text_hash" not in documents:
        return []
    repeated = documents[documents.duplicated("text_hash", keep=False)]
    found = []
    for _, group in repeated.groupby("text_hash", sort=False):
        first = group.iloc[0]
        found.extend(_problem(row.path, row.doc_id, "warning",
                              f"same text as '{first['file']}' ({first['doc_id']}): its claims and findings count twice")
                     for row in group.iloc[1:].itertuples())
    return found


def problems_table(planning: Sequence[dict], parts: Sequence[pd.DataFrame] = ()) -> pd.DataFrame:
    """Problems found while planning (missing paths, unknown extensions) and while reading, one table."""
    frames = [f for f in [pd.DataFrame(list(planning), columns=PROBLEM_COLUMNS), *parts] if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=PROBLEM_COLUMNS)


def nothing_readable(paths_: Sequence[str | Path] | None, problems: pd.DataFrame | Sequence[dict]) -> str:
    """One line naming the folder(s) and what was found there, e.g. "no readable article in data/x:
    2 .pdf files could not be read (a.pdf: encrypted PDF; b.pdf: image-only PDF ...)"."""
    where = ", ".join(f"'{p}'" for p in (paths_ or [paths.RAW]))
    table = problems if isinstance(problems, pd.DataFrame) else pd.DataFrame(list(problems), columns=PROBLEM_COLUMNS)
    table = table[table["severity"] != "warning"]
    missing = table["problem"] == "no such file or folder"
    parts = [f"no such file or folder: '{f}'" for f in table.loc[missing, "file"]]
    table = table[~missing]
    if table.empty and not parts:
        return f"no readable article in {where}: the folder is empty (no .txt, .md, .html or .pdf file)"
    for (suffix, skipped), group in table.groupby(
            [table["file"].map(lambda f: Path(f).suffix.lower() or "(no extension)"), table["severity"] == "skipped"],
            sort=True):
        names = [Path(f).name if skipped else f"{Path(f).name}: {problem}" for f, problem in zip(group["file"], group["problem"])]
        shown = "; ".join(names[:3]) + (f"; and {len(names) - 3} more" if len(names) > 3 else "")
        noun = "file" if len(group) == 1 else "files"
        what = "of an unsupported type" if skipped else "could not be read"
        if suffix == "(no extension)":
            parts.append(f"{len(group)} {noun} without an extension {what} ({shown})")
        else:
            parts.append(f"{len(group)} {suffix} {noun} {what} ({shown})")
    return f"no readable article in {where}: " + ", ".join(parts)


def chunks(items: Sequence, size: int) -> list[Sequence]:
    return [items[i: i + size] for i in range(0, len(items), size)]


def load_corpus(
    paths_: Sequence[str | Path] | None = None,
    manifest: str | Path | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    progress: bool = False,
) -> Corpus:
    """Load files and folders (default: data/raw) into tidy documents, blocks, sentences and problems."""
    planned, problems = plan_corpus(paths_, manifest)
    batches = chunks(planned, 50)
    if progress and len(planned) > 50:
        from tqdm.auto import tqdm

        batches = tqdm(batches, desc="reading", unit="batch of 50")
    corpus = combine([load_documents(batch, max_mb) for batch in batches], problems)
    corpus.documents = assign_labels(corpus.documents)
    return corpus


# --- pages files: a crawl's pages as rows of one Parquet or JSON Lines file -----------------------------

PAGE_FILES = {".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
PAGE_TEXT_COLUMNS = ("html", "text")  # one of them, per row: html is reduced to its main text
PAGE_META_COLUMNS = ("doc_id", "url", "title", "publisher", "kind", "label", "notes")


def is_pages_file(path: str | Path) -> bool:
    """A Parquet or JSON Lines file of pages (one document per row), as crawl datasets ship them."""
    path = Path(path)
    return path.suffix.lower() in PAGE_FILES and path.is_file()


def page_id(url: str, fallback: str) -> str:
    """A readable doc_id for a page without one: its address made safe for a path, plus a short hash of the
    whole address (two pages never share one)."""

    if not url:
        return fallback
    readable = re.sub(r"^[a-z][a-z0-9+.-]*://(www\.)?", "", url.strip(), flags=re.IGNORECASE)
    readable = re.sub(r"[^\w.-]+", "-", readable).strip("-._")[:60]
    return f"{readable}_{hashlib.sha1(url.strip().encode()).hexdigest()[:12]}"


def _page_meta(row: dict, where: str, path: Path, problems: list[dict]) -> dict:
    meta = {c: ("" if _blank(row.get(c)) else str(row.get(c)).strip()) for c in PAGE_META_COLUMNS}
    if meta["kind"] and meta["kind"] not in DOCUMENT_KINDS:
        problems.append(_problem(f"{path}#{where}", meta["doc_id"], "warning",
                                 f"kind '{meta['kind']}' is not one of {sorted(DOCUMENT_KINDS)}; left empty"))
        meta["kind"] = ""
    return meta


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip())


def plan_pages(path: Path, used_ids: set[str] | None = None) -> tuple[list[PlannedDocument], list[dict]]:
    """The pages of a Parquet or JSON Lines file as planned documents (doc_id from the row's `doc_id`, else from
    its `url`, else `<file stem>-<row>`), reading only the metadata: the text is read by whoever loads the
    batch. A row without text, or a line that is not a JSON object, is a problem and is skipped."""
    path = Path(path)
    used_ids = set() if used_ids is None else used_ids
    problems: list[dict] = []
    rows: list[tuple[int, dict, dict]] = []  # (row number, metadata, where to find its text)
    try:
        if PAGE_FILES[path.suffix.lower()] == "parquet":
            rows = _parquet_rows(path, problems)
        else:
            rows = _jsonl_rows(path, problems)
    except OSError as error:
        return [], [_problem(path, "", "error", f"cannot read ({error.strerror or error})")]
    except Exception as error:  # a broken file: name it, never a traceback
        return [], [_problem(path, "", "error", f"cannot read the pages file ({type(error).__name__}: {error})")]
    planned = []
    for number, meta, where in rows:
        doc_id = meta["doc_id"] or page_id(meta["url"], f"{path.stem}-{number}")
        if doc_id in used_ids:
            new_id, n = f"{doc_id}-2", 3
            while new_id in used_ids:
                new_id, n = f"{doc_id}-{n}", n + 1
            problems.append(_problem(f"{path}#{number}", new_id, "warning", f"duplicate doc_id '{doc_id}'; loaded as '{new_id}'"))
            doc_id = new_id
        used_ids.add(doc_id)
        planned.append(PlannedDocument(path, doc_id, {**meta, "doc_id": doc_id, "page": where}))
    return planned, problems


def _parquet_rows(path: Path, problems: list[dict]) -> list[tuple[int, dict, dict]]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(path)
    names = set(handle.schema_arrow.names)
    text_columns = [c for c in PAGE_TEXT_COLUMNS if c in names]
    if not text_columns:
        problems.append(_problem(path, "", "error", f"no 'html' or 'text' column (columns: {', '.join(sorted(names))})"))
        return []
    present = [c for c in PAGE_META_COLUMNS if c in names]
    meta_table = handle.read(columns=present).to_pylist() if present else [{} for _ in range(handle.metadata.num_rows)]
    # which rows have text, without holding the texts: one column, one row group at a time
    has_text = []
    for group in range(handle.num_row_groups):
        columns = handle.read_row_group(group, columns=text_columns)
        filled = [any(not _blank(columns.column(c)[i].as_py()) for c in text_columns) for i in range(columns.num_rows)]
        has_text.extend(filled)
        del columns
    rows = []
    for number, (row, filled) in enumerate(zip(meta_table, has_text)):
        meta = _page_meta(row, str(number), path, problems)
        if not filled:
            problems.append(_problem(f"{path}#{number}", meta["doc_id"], "error", "empty page: no html or text"))
            continue
        rows.append((number, meta, {"row": number}))
    return rows


def _jsonl_rows(path: Path, problems: list[dict]) -> list[tuple[int, dict, dict]]:
    import json

    rows = []
    with open(path, "rb") as handle:
        offset = 0
        for number, line in enumerate(handle, start=1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as error:
                problems.append(_problem(f"{path}#{number}", "", "error", f"line {number} is not JSON ({error})"))
                continue
            if not isinstance(row, dict):
                problems.append(_problem(f"{path}#{number}", "", "error", f"line {number} is not a JSON object"))
                continue
            meta = _page_meta(row, str(number), path, problems)
            if all(_blank(row.get(c)) or not isinstance(row.get(c), str) for c in PAGE_TEXT_COLUMNS):
                problems.append(_problem(f"{path}#{number}", meta["doc_id"], "error", "empty page: no html or text"))
                continue
            rows.append((number, meta, {"line": number, "offset": start}))
    return rows


def _page_contents(planned: Sequence[PlannedDocument]) -> list[dict]:
    """The html/text fields of planned pages, read from their files: a Parquet file's needed row groups only,
    a JSON Lines file's lines by their offsets."""
    import json

    contents: list[dict] = [{} for _ in planned]
    by_file: dict[Path, list[int]] = {}
    for k, item in enumerate(planned):
        by_file.setdefault(item.path, []).append(k)
    for path, indexes in by_file.items():
        if PAGE_FILES[path.suffix.lower()] == "parquet":
            import pyarrow.parquet as pq

            handle = pq.ParquetFile(path)
            names = [c for c in PAGE_TEXT_COLUMNS if c in handle.schema_arrow.names]
            bounds, first = [], 0
            for group in range(handle.num_row_groups):
                bounds.append((first, first + handle.metadata.row_group(group).num_rows))
                first = bounds[-1][1]
            wanted: dict[int, list[int]] = {}
            for k in indexes:
                row = planned[k].meta["page"]["row"]
                group = next(g for g, (lo, hi) in enumerate(bounds) if lo <= row < hi)
                wanted.setdefault(group, []).append(k)
            for group, ks in wanted.items():
                table = handle.read_row_group(group, columns=names)
                for k in ks:
                    at = planned[k].meta["page"]["row"] - bounds[group][0]
                    contents[k] = {c: table.column(c)[at].as_py() for c in names}
                del table
        else:
            with open(path, "rb") as handle:
                for k in indexes:
                    handle.seek(planned[k].meta["page"]["offset"])
                    row = json.loads(handle.readline())
                    contents[k] = {c: row.get(c) for c in PAGE_TEXT_COLUMNS}
    return contents


def load_pages(planned: Sequence[PlannedDocument], max_mb: float = DEFAULT_MAX_MB) -> Corpus:
    """Read and segment planned pages (rows of a pages file, see `plan_pages`): `html` is reduced to its main
    text as a saved page is, `text` is taken as it is; a row that cannot be used becomes a problem."""
    documents, blocks, sentences, problems = [], [], [], []
    try:
        contents = _page_contents(planned)
    except Exception as error:  # the file changed or vanished since planning: every page of the batch is a problem
        files = sorted({str(item.path) for item in planned})
        reason = f"cannot read the pages file ({type(error).__name__}: {error})"
        return Corpus(pd.DataFrame(columns=DOCUMENT_COLUMNS), pd.DataFrame(columns=BLOCK_COLUMNS),
                      pd.DataFrame(columns=SENTENCE_COLUMNS),
                      pd.DataFrame([_problem(f, "", "error", reason) for f in files], columns=PROBLEM_COLUMNS))
    for item, content in zip(planned, contents):
        where = item.meta["page"].get("row", item.meta["page"].get("line"))
        name = f"{item.path.name}#{where}"
        doc_id, meta = item.doc_id, item.meta
        html, plain = content.get("html"), content.get("text")
        try:
            if isinstance(html, str) and html.strip():
                if len(html.encode("utf-8", "replace")) > max_mb * 1_000_000:
                    raise DocumentError(f"too large (limit {max_mb:g} MB; raise it with --max-mb)")
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        text, info = html_to_text(html)
                    except DocumentError:
                        raise
                    except Exception as error:
                        raise DocumentError(f"could not parse HTML ({type(error).__name__}: {error})") from None
                kind = "html"
            elif isinstance(plain, str) and plain.strip():
                if len(plain.encode("utf-8", "replace")) > max_mb * 1_000_000:
                    raise DocumentError(f"too large (limit {max_mb:g} MB; raise it with --max-mb)")
                text, info, kind = plain, {}, "text"
            else:
                raise DocumentError("empty page: no html or text")
        except DocumentError as error:
            problems.append(_problem(f"{item.path}#{where}", doc_id, "error", str(error)))
            continue
        doc_blocks, doc_sentences, headings = _segment_into(doc_id, text, blocks, sentences)
        documents.append((
            doc_id, str(item.path), name, kind, meta.get("title") or guess_title(info, headings),
            meta.get("publisher") or info.get("publisher", ""), meta.get("kind", ""), meta.get("url") or info.get("url", ""),
            meta.get("notes", ""), "utf-8", len(text), count_words(text), len(doc_blocks), len(doc_sentences),
            meta.get("label", ""), text_hash(text), text,
        ))
    return Corpus(
        documents=pd.DataFrame(documents, columns=DOCUMENT_COLUMNS),
        blocks=pd.DataFrame(blocks, columns=BLOCK_COLUMNS),
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        problems=pd.DataFrame(problems, columns=PROBLEM_COLUMNS),
    )
