"""Every table of the suite from one reading of the corpus: what `claimcritique analyze` writes
and what the notebooks read.

Per-document work (reading, segmenting, claims, readability, language, each document's stances)
runs in batches, in parallel with `jobs > 1`; corpus-wide work (comparing the stances) runs once at
the end. `claimcritique analyze` writes each batch's tables as soon as it is done (`write_analysis`),
so memory holds one batch and the stances, whatever the size of the corpus. The tables are written
as CSV for people and as a pickle stream with a fingerprint of the inputs, so a notebook asking for
the same corpus reads them instead of re-reading and re-scoring the articles.

Each corpus has its own folders (`paths.outputs`); a corpus with nothing readable stops with
`NothingReadable` before anything is written, and a run replaces a folder's tables only once all of
them are complete. `claims.csv` and `consistency.csv` carry each document's label, title and url
(and `quote_flat`, the quote on one line), so a reader needs no join.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import __version__, claims, consistency, language, paths, readability, references
from .corpus import (
    DEFAULT_MAX_MB,
    Corpus,
    NothingReadable,
    PlannedDocument,
    assign_labels,
    chunks,
    combine,
    default_manifest,
    load_documents,
    nothing_readable,
    plan_corpus,
    problems_table,
)

BATCH = 50
CACHE = "tables.pkl"
FINGERPRINT = "fingerprint.json"
PER_DOCUMENT = ["claims", "readability", "readability_sections", "readability_sentences", "language",
                "language_matches", "claim_strength", "disease_claims", "stances"]
TABLES = ["corpus", "blocks", "sentences", "problems", *PER_DOCUMENT, "consistency"]  # the order a reader meets them


@dataclass
class Results:
    """A loaded corpus and every table computed from it."""

    corpus: Corpus
    tables: dict[str, pd.DataFrame]
    outputs: paths.Outputs | None = None  # where this corpus's tables and figures are

    @property
    def about(self) -> str:
        """One line for a notebook to print: which corpus, how many documents, where its results go."""
        where = self.outputs.describe() if self.outputs is not None else "Corpus: (in memory)"
        return f"{where}; {len(self.corpus.documents)} documents"

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def document_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Tables that depend on each document alone, so batches can be computed separately."""
    found = claims.extract_claims(corpus.sentences, corpus.blocks)
    matches = language.find_matches(corpus.sentences)
    counts = readability.sentence_counts(corpus.sentences)
    strength = language.claim_strength(corpus.sentences)
    return {
        "claims": found,
        "readability": readability.document_readability(corpus.documents, corpus.sentences, counts),
        "readability_sections": readability.section_readability(corpus.blocks, corpus.sentences, counts),
        "readability_sentences": readability.sentence_readability(corpus.sentences, counts),
        "language": language.document_language(corpus.documents, corpus.sentences, matches),
        "language_matches": matches,
        "claim_strength": strength,
        "disease_claims": language.disease_claims(corpus.sentences, matches),
        "stances": consistency.all_stances(found, corpus.sentences, strength),  # per document, so in the batches
    }


def _batch(planned: Sequence[PlannedDocument], max_mb: float) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    part = load_documents(planned, max_mb)
    return part, document_tables(part)


def all_tables(corpus: Corpus, refs: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Name -> tidy table for an already loaded corpus, in the order a reader meets them."""
    return _assemble(corpus, document_tables(corpus), refs)


def _assemble(corpus: Corpus, per_document: dict[str, pd.DataFrame], refs: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    refs = references.load_references() if refs is None else refs
    findings = consistency.find_inconsistencies(per_document["claims"], corpus.sentences, refs,
                                                per_document["claim_strength"], per_document["stances"])
    return {**_tables_of(corpus, {}), "problems": corpus.problems, **per_document, "consistency": findings}


def _computed_batches(planned: Sequence[PlannedDocument], max_mb: float, jobs: int,
                      progress: bool) -> Iterator[tuple[Corpus, dict[str, pd.DataFrame]]]:
    """Each batch's corpus part and per-document tables, in corpus order, computed in `jobs` processes."""
    batches = chunks(planned, BATCH)
    labels: set[str] = set()  # unique across batches: batches are labelled in corpus order
    bar = None
    if progress and len(batches) > 1:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(planned), desc="analyzing", unit="doc", file=sys.stderr)
    try:
        if jobs > 1 and len(batches) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                pending = deque((len(batch), pool.submit(_batch, batch, max_mb)) for batch in batches)
                while pending:  # popped as consumed, so a finished batch is held only until it is used
                    size, future = pending.popleft()
                    part = future.result()
                    if bar is not None:
                        bar.update(size)
                    yield _labelled(part, labels)
        else:
            for batch in batches:
                part = _batch(batch, max_mb)
                if bar is not None:
                    bar.update(len(batch))
                yield _labelled(part, labels)
    finally:
        if bar is not None:
            bar.close()


def _labelled(part: tuple[Corpus, dict[str, pd.DataFrame]], used: set[str]) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    corpus, per_document = part
    corpus.documents = assign_labels(corpus.documents, used)
    return corpus, per_document


def analyze(paths_: Sequence[str | Path] | None = None, manifest: str | Path | None = None,
            max_mb: float = DEFAULT_MAX_MB, jobs: int = 1, progress: bool = False) -> Results:
    """Read the corpus once (in `jobs` processes) and compute every table, in memory."""
    planned, problems = plan_corpus(paths_, manifest)
    parts, tables = [], []
    for part, per_document in _computed_batches(planned, max_mb, jobs, progress):
        parts.append(part)
        tables.append(per_document)
    corpus = combine(parts, problems)
    del parts
    tables = tables or [document_tables(corpus)]  # nothing readable: empty tables, with their columns
    # one table at a time, dropping the batches' pieces as we go: the pieces and the whole are not all held twice
    per_document = {name: _concat([t.pop(name) for t in tables]) for name in PER_DOCUMENT}
    return Results(corpus, _assemble(corpus, per_document, None))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    non_empty = [f for f in frames if len(f)]
    return pd.concat(non_empty, ignore_index=True) if non_empty else frames[0]


# --- writing, and reading back for the notebooks -------------------------------------------------------

def fingerprint(paths_: Sequence[str | Path] | None = None, manifest: str | Path | None = None,
                max_mb: float = DEFAULT_MAX_MB) -> str:
    """What the tables depend on: the files (path, size, mtime), the manifest, data files and code."""
    planned, _ = plan_corpus(paths_, manifest)
    inputs = [(str(p.path.resolve()), p.doc_id, *_stat(p.path)) for p in planned]
    watched = sorted([*paths.LEXICONS.glob("*.csv"), *paths.REFERENCE.glob("*.csv"),
                      *Path(__file__).parent.glob("*.py")])
    extra = [(str(f), *_stat(f)) for f in watched]
    manifest_path = Path(manifest) if manifest else default_manifest(list(paths_) if paths_ else [paths.RAW])
    used = (str(manifest_path), *_stat(manifest_path)) if manifest_path else None
    payload = json.dumps([__version__, max_mb, inputs, extra, used], default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
        return info.st_size, info.st_mtime_ns
    except OSError:
        return -1, -1


@dataclass
class Written:
    """What `write_analysis` wrote: rows per table, the files, and what the summary line reports."""

    rows: dict[str, int]
    files: list[Path]
    documents: int
    words: int
    problems: pd.DataFrame
    contradictions: int


def write_analysis(paths_: Sequence[str | Path] | None, folder: Path, manifest: str | Path | None = None,
                   max_mb: float = DEFAULT_MAX_MB, jobs: int = 1, progress: bool = False) -> Written:
    """`claimcritique analyze`: every table to `folder` as CSV, plus the cache the notebooks read, batch by
    batch as the batches finish. Memory holds a batch and the corpus's stances, never the whole corpus.

    The tables are written to a staging folder and moved into `folder` only when complete; with no
    readable document, NothingReadable is raised and `folder` is left as it was."""
    key = fingerprint(paths_, manifest, max_mb)
    planned, planning_problems = plan_corpus(paths_, manifest)
    if not planned:
        raise NothingReadable(nothing_readable(paths_, planning_problems))
    rows: dict[str, int] = {}
    stances, problems, documents, words = [], [], 0, 0
    people: dict[str, dict] = {}  # doc_id -> label, title, url, for the CSVs people read
    staging = Path(tempfile.mkdtemp(prefix="claimcritique-analyze-"))
    try:
        with open(staging / CACHE, "wb") as cache:
            pickle.dump({"planning_problems": planning_problems}, cache, protocol=pickle.HIGHEST_PROTOCOL)
            for part, per_document in _computed_batches(planned, max_mb, jobs, progress):
                pickle.dump((part, per_document), cache, protocol=pickle.HIGHEST_PROTOCOL)
                people.update(_document_columns(part.documents))
                for name, table in _tables_of(part, per_document).items():
                    _for_people(name, table, people).to_csv(staging / f"{name}.csv", index=False,
                                                            mode="a" if name in rows else "w", header=name not in rows)
                    rows[name] = rows.get(name, 0) + len(table)
                stances.append(per_document["stances"])
                problems.append(part.problems)
                documents, words = documents + len(part.documents), words + int(part.documents["words"].sum())
            problem_table = problems_table(planning_problems, problems)
            if not documents:
                raise NothingReadable(nothing_readable(paths_, problem_table))
            findings = consistency.compare_stances(_concat(stances), references.load_references())
            pickle.dump({"consistency": findings}, cache, protocol=pickle.HIGHEST_PROTOCOL)
        for name, table in (("problems", problem_table), ("consistency", findings)):
            _for_people(name, table, people).to_csv(staging / f"{name}.csv", index=False)
            rows[name] = len(table)
        order = [name for name in TABLES if name in rows]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / FINGERPRINT).unlink(missing_ok=True)  # the cache is not valid until it is complete
        for name in [*(f"{n}.csv" for n in order), CACHE]:
            shutil.move(staging / name, folder / name)
        (folder / FINGERPRINT).write_text(json.dumps({"fingerprint": key}))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Written({name: rows[name] for name in order}, [folder / f"{name}.csv" for name in order], documents,
                   words, problem_table, int((findings["kind"] == "contradiction").sum()))


PEOPLE_COLUMNS = ["label", "title", "url"]


def _document_columns(documents: pd.DataFrame) -> dict[str, dict]:
    return {row["doc_id"]: {c: row.get(c, "") for c in PEOPLE_COLUMNS} for row in documents.to_dict("records")}


def flat(text: object) -> object:
    """A quote on one line: line breaks shown as " ⏎ " (the quote column keeps the text as written)."""
    if not isinstance(text, str):
        return text
    return " ⏎ ".join(part.strip() for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _for_people(name: str, table: pd.DataFrame, people: dict[str, dict]) -> pd.DataFrame:
    """claims.csv and consistency.csv as a journalist reads them: each row with its document's label,
    title and url (and, for findings, the other document's label), and the quotes on one line too."""
    if name not in ("claims", "consistency"):
        return table
    table = table.copy()
    for column in PEOPLE_COLUMNS:
        table[column] = [people.get(d, {}).get(column, "") for d in table["doc_id"]]
    if name == "consistency" and "other" in table.columns:
        table["other_label"] = [people.get(d, {}).get("label", "") for d in table["other"]]
    for column in ("quote", "other_quote"):
        if column in table.columns:
            table[f"{column}_flat"] = table[column].map(flat)
    return table


def _tables_of(part: Corpus, per_document: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {"corpus": part.documents.drop(columns=["text"]), "blocks": part.blocks, "sentences": part.sentences,
            **per_document}


def write_results(results: Results, folder: Path, key: str | None = None) -> list[Path]:
    """An in-memory analysis written as `write_analysis` writes it: one CSV per table, plus the cache."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    people = _document_columns(results.corpus.documents)
    for name, table in results.tables.items():
        target = folder / f"{name}.csv"
        _for_people(name, table, people).to_csv(target, index=False)
        written.append(target)
    if key is not None:
        per_document = {name: results.tables[name] for name in PER_DOCUMENT}
        with open(folder / CACHE, "wb") as cache:
            for record in ({"planning_problems": []}, (results.corpus, per_document),
                           {"consistency": results.tables["consistency"]}):
                pickle.dump(record, cache, protocol=pickle.HIGHEST_PROTOCOL)
        (folder / FINGERPRINT).write_text(json.dumps({"fingerprint": key}))
    return written


def read_results(folder: Path) -> Results:
    """The tables `write_analysis` (or `write_results`) cached in `folder`, as one Results."""
    parts, tables = [], []
    with open(folder / CACHE, "rb") as cache:
        planning_problems = pickle.load(cache)["planning_problems"]
        while not isinstance(record := pickle.load(cache), dict):
            parts.append(record[0])
            tables.append(record[1])
    corpus = combine(parts, planning_problems)
    per_document = {name: _concat([t.pop(name) for t in tables]) for name in PER_DOCUMENT}
    return Results(corpus, {**_tables_of(corpus, {}), "problems": corpus.problems, **per_document,
                            "consistency": record["consistency"]})


def resolve_corpus(corpus: str | Path | Sequence[str | Path] | None) -> list[Path]:
    """The corpus to show: the one given, else the one `claimcritique analyze` (`make run`) last wrote,
    else the default corpus, data/raw."""
    if corpus is None or (isinstance(corpus, str) and not corpus.strip()):
        return paths.last_run() or [paths.RAW]
    return [_from_project(p) for p in paths.corpus_paths(corpus)]


def _from_project(path: Path) -> Path:
    """A relative path that is not found from here but is inside the project (CORPUS = "data/raw" in a
    notebook, whose working directory is notebooks/) is taken from the project root."""
    if path.is_absolute() or path.exists() or not (paths.PROJECT_ROOT / path).exists():
        return path
    return paths.PROJECT_ROOT / path


def results(corpus: str | Path | Sequence[str | Path] | None = None, folder: Path | None = None,
            jobs: int = 1) -> Results:
    """The suite's tables for a corpus (None: the corpus last analysed, else data/raw): read back from its
    table folder when `claimcritique analyze` wrote them for exactly these inputs, otherwise computed and
    written there. Figures saved afterwards in this process go to the corpus's figure folder."""
    paths_ = resolve_corpus(corpus)
    out = paths.outputs(paths_)
    folder = Path(folder) if folder is not None else out.tables
    out = paths.Outputs(out.corpus, out.name, folder, out.figures, out.notebooks)
    paths.use_figures(out.figures)
    key = fingerprint(paths_)
    try:
        cached = json.loads((folder / FINGERPRINT).read_text())["fingerprint"]
        if cached == key:
            return Results(*_cached_parts(folder), outputs=out)
    except (OSError, ValueError, KeyError, TypeError, EOFError, pickle.UnpicklingError):
        pass
    fresh = analyze(paths_, jobs=jobs)
    if fresh.corpus.documents.empty:
        raise NothingReadable(nothing_readable(paths_, fresh.corpus.problems))
    write_results(fresh, folder, key)
    if folder == paths.outputs(paths_).tables:
        paths.record_source(out)
    fresh.outputs = out
    return fresh


def _cached_parts(folder: Path) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    cached = read_results(folder)
    return cached.corpus, cached.tables
