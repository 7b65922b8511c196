"""Every table of the suite from one reading of the corpus: what `claimcritique analyze` writes
and what the notebooks read.

Per-document work (reading, segmenting, claims, readability, language, each document's stances)
runs in batches of `BATCH` documents, in this process or on Dask workers (`engine`); corpus-wide work
(comparing the stances) runs once at the end, here. Whoever computes a batch writes its tables as
Parquet (`store`: `<folder>/_parquet/<table>/batch-NNNNN.parquet`) and sends back only what the end
needs: the batch's documents (metadata, no text), problems and stances. So no process holds more
than a batch, plus the stances and one row per document here, whatever the size of the corpus. A
batch whose analysis fails is analysed again document by document: the document that fails becomes a
row of `problems`, the rest of the batch is kept.

For a small corpus (`CSV_LIMIT` documents, or `csv=True`) every table is also written as CSV, for
spreadsheets, from the Parquet files one batch at a time. A fingerprint of the inputs is written
last, so a notebook asking for the same corpus reads the tables back (`read_results`, which can read
one document's rows or some tables only) instead of re-reading and re-scoring the articles.

Each corpus has its own folders (`paths.outputs`); a corpus with nothing readable stops with
`NothingReadable` before anything is written, and a run replaces a folder's tables only once all of
them are complete. `claims.csv` and `consistency.csv` carry each document's label, title and url
(and `quote_flat`, the quote on one line), so a reader needs no join.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__, claims, consistency, language, paths, readability, references, store
from .corpus import (
    DEFAULT_MAX_MB,
    DOCUMENT_COLUMNS,
    PROBLEM_COLUMNS,
    Corpus,
    NothingReadable,
    PlannedDocument,
    assign_labels,
    chunks,
    combine,
    default_manifests,
    duplicate_problems,
    is_pages_file,
    load_documents,
    load_pages,
    nothing_readable,
    plan_corpus,
    plan_pages,
    problems_table,
)
from .engine import Engine, map_batches

BATCH = 50
SHOW_LIMIT = 1000  # up to this many documents the notebooks read every document's rows; beyond, a sample
SAMPLE = 200  # documents in that sample: whole batches spread evenly over the corpus (`sample_batches`)
CSV_LIMIT = 2000  # up to this many documents, the tables are written as CSV as well (spreadsheets)
SORT_LIMIT = 2000  # up to this many documents, the findings are one file sorted by kind; beyond, one file per batch
# (a batch's own findings, sorted) and one per group of contradictions, after them
FINGERPRINT = "fingerprint.json"
PER_DOCUMENT = ["claims", "readability", "readability_sections", "readability_sentences", "language",
                "language_matches", "claim_strength", "disease_claims", "stances"]
TABLES = ["corpus", "blocks", "sentences", "problems", *PER_DOCUMENT, "consistency"]  # the order a reader meets them
TEXTS = "texts"  # Parquet only: doc_id, text (the corpus table without the texts stays small)


@dataclass
class Results:
    """A loaded corpus and every table computed from it."""

    corpus: Corpus
    tables: dict[str, pd.DataFrame]
    outputs: paths.Outputs | None = None  # where this corpus's tables and figures are
    sample_of: int | None = None  # a large corpus's sample: how many documents the whole corpus has
    folder: Path | None = None  # the table folder these were read from (for queries over the whole corpus)

    @property
    def about(self) -> str:
        """One line for a notebook to print: which corpus, how many documents, where its results go."""
        where = self.outputs.describe() if self.outputs is not None else "Corpus: (in memory)"
        if self.sample_of:
            return (f"{where}; a sample of {len(self.corpus.documents):,} of {self.sample_of:,} documents (whole batches "
                    "spread over the corpus): tables and figures show the sample, the corpus-wide summaries count "
                    "every document")
        return f"{where}; {len(self.corpus.documents)} documents"

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def document_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Tables that depend on each document alone, so batches can be computed separately."""
    found = claims.extract_claims(corpus.sentences, corpus.blocks)
    matches, strength = language.matches_and_strength(corpus.sentences)  # one pass for both lexicons
    counts = readability.sentence_counts(corpus.sentences)
    diseases = language.disease_claims(corpus.sentences, matches)
    return {
        "claims": found,
        "readability": readability.document_readability(corpus.documents, corpus.sentences, counts),
        "readability_sections": readability.section_readability(corpus.blocks, corpus.sentences, counts),
        "readability_sentences": readability.sentence_readability(corpus.sentences, counts),
        "language": language.document_language(corpus.documents, corpus.sentences, matches, diseases),
        "language_matches": matches,
        "claim_strength": strength,
        "disease_claims": diseases,
        "stances": consistency.all_stances(found, corpus.sentences, strength),  # per document, so in the batches
    }


# --- planning and one batch ------------------------------------------------------------------------

def plan(paths_: Sequence[str | Path] | None = None, manifest: str | Path | None = None
         ) -> tuple[list[PlannedDocument], list[dict]]:
    """Which files (and rows of pages files: Parquet or JSON Lines) become which documents, and the
    problems met so far; doc_ids are unique across all of them."""
    given = list(paths_) if paths_ else [paths.RAW]
    pages = [Path(p) for p in given if is_pages_file(p)]
    others = [p for p in given if not is_pages_file(p)]
    planned, problems = plan_corpus(others, manifest) if others else ([], [])
    used = {p.doc_id for p in planned}
    for path in pages:
        more, found = plan_pages(path, used)
        planned.extend(more)
        problems.extend(found)
    return planned, problems


def load(planned: Sequence[PlannedDocument], max_mb: float = DEFAULT_MAX_MB) -> Corpus:
    """Read and segment planned documents, files and pages alike, in the order given."""
    parts, run, kind = [], [], None
    for item in planned:  # consecutive runs of one kind, so the order is kept
        this = "page" if "page" in item.meta else "file"
        if run and this != kind:
            parts.append(load_pages(run, max_mb) if kind == "page" else load_documents(run, max_mb))
            run = []
        run.append(item)
        kind = this
    if run:
        parts.append(load_pages(run, max_mb) if kind == "page" else load_documents(run, max_mb))
    return combine(parts) if len(parts) != 1 else parts[0]


def _batch(planned: Sequence[PlannedDocument], max_mb: float) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    """One batch's corpus part and per-document tables. When the analysis fails on the batch, it is done
    again one document at a time: a document that fails is a problem, the others are kept."""
    try:
        part = load(planned, max_mb)
        return part, document_tables(part)
    except Exception:  # which document? find it, and keep the others
        pass
    parts, tables, failed = [], [], []
    for item in planned:
        try:
            part = load([item], max_mb)
            computed = document_tables(part)
        except Exception as error:  # a bug met by one page must not cost the batch
            failed.append({"file": str(item.path) if "page" not in item.meta else f"{item.path}#{_where(item)}",
                           "doc_id": item.doc_id, "severity": "error",
                           "problem": f"analysis failed ({type(error).__name__}: {error})"})
            continue
        parts.append(part)
        tables.append(computed)
    part = combine(parts)
    part.problems = problems_table(failed, [p.problems for p in parts])
    per_document = {name: _concat([t[name] for t in tables]) for name in PER_DOCUMENT} if tables \
        else document_tables(part)
    return part, per_document


def _where(item: PlannedDocument) -> object:
    return item.meta["page"].get("row", item.meta["page"].get("line"))


@dataclass
class BatchOutcome:
    """What a batch sends back after writing its tables: enough for the labels, the summary and the problems
    (the stances stay in the batch's files, where the corpus-wide step queries them)."""

    index: int
    documents: pd.DataFrame  # DOCUMENT_COLUMNS without the text
    problems: pd.DataFrame
    rows: dict[str, int] = field(default_factory=dict)


RANGES = "dose_ranges"  # staging only: each document's dose range per group, what the comparison between documents reads
RID_STRIDE = 1_000_000  # row ids of a batch's dose ranges start at index * RID_STRIDE: corpus order across batches


def write_batch(index: int, planned: Sequence[PlannedDocument], max_mb: float, staging: str) -> BatchOutcome:
    """Analyse one batch and write its tables to `staging` (run on a Dask worker, or here), with the findings
    that need one document alone (self-contradictions, verdicts against the references) and each document's
    dose ranges for the comparison between documents. Safe to run twice: a batch's files have fixed names and
    are replaced whole."""
    part, per_document = _batch(planned, max_mb)
    root = Path(staging)
    documents = part.documents.drop(columns=["text"])
    refs = references.load_references()
    stances = per_document["stances"]
    written = {"blocks": part.blocks, "sentences": part.sentences, TEXTS: part.documents[["doc_id", "text"]],
               **per_document, "consistency": consistency.document_findings(stances, refs),
               RANGES: consistency.dose_ranges(stances, refs, first_rid=index * RID_STRIDE)}
    rows = {}
    for name, table in written.items():
        store.write_batch(root, name, index, table)
        rows[name] = len(table)
    return BatchOutcome(index, documents, part.problems, rows)


def write_contradictions(staging: Path, first_index: int, pairwise_limit: int = consistency.PAIRWISE_LIMIT,
                         cap: int = consistency.LISTED_PER_GROUP) -> int:
    """The corpus-wide step: contradictions between documents, group by group, as grouped DuckDB queries over the
    batches' dose ranges and stances, each group's findings written as a batch of `consistency` (from
    `first_index`) as soon as it is done. Memory holds one group's ranges, never the corpus's stances or findings.
    Returns how many contradictions were written."""
    written = 0
    index = first_index
    with store.connect(staging, ordered=["stances"]) as connection:
        for table in _contradictions_by_group(connection, bool(store.batch_files(staging, RANGES)), pairwise_limit, cap):
            store.write_batch(staging, "consistency", index, table)
            index += 1
            written += len(table)
    return written


def _contradictions_by_group(connection, with_ranges: bool, pairwise_limit: int, cap: int) -> Iterator[pd.DataFrame]:
    """`consistency.between_documents` as grouped queries (`connection`: `store.connect` with the `dose_ranges` and
    `stances_rows` views), one group at a time, in the order `between_documents` gives them."""
    seen: set = set()
    if with_ranges:
        keys = ", ".join(consistency.RANGE_KEYS)
        where = " AND ".join(f"{k} IS NOT DISTINCT FROM ?" for k in consistency.RANGE_KEYS)
        groups = connection.execute(f"SELECT {keys} FROM {RANGES} GROUP BY ALL HAVING count(*) > 1 "
                                    "ORDER BY min(rid)").fetchall()
        for key in groups:
            entries = connection.execute(f"SELECT doc_id, rid, lo, hi, purposes FROM {RANGES} WHERE {where} "
                                         "ORDER BY rid", list(key)).df().to_dict("records")

            def details(rids: list[int], key: tuple = key) -> dict[int, dict]:
                rows = connection.execute(f"SELECT * FROM {RANGES} WHERE {where} AND list_contains(?, rid)",
                                          [*key, rids]).df()
                return {int(r["rid"]): r for r in rows.to_dict("records")}

            found = consistency.unique_pairs(consistency.dose_group_findings(
                tuple(key), entries, details, pairwise_limit, cap), seen)
            if found:
                yield pd.DataFrame(found, columns=consistency.FINDING_COLUMNS)
    topics = ", ".join(f"'{t}'" for t in consistency.CONTRADICTION_TOPICS)
    ordered = ("SELECT * EXCLUDE (filename, file_row_number), row_number() OVER (ORDER BY filename, file_row_number) "
               f"AS corpus_order FROM stances_rows WHERE role = 'stance' AND topic IN ({topics}) AND supplement <> ''")
    groups = connection.execute(f"SELECT topic, supplement FROM ({ordered}) GROUP BY ALL "
                                "HAVING count(DISTINCT doc_id) > 1 ORDER BY min(corpus_order)").fetchall()
    keep = max(cap, pairwise_limit ** 2 // 4) + 1  # enough of each stance's first pages for either pairing rule
    for topic, supplement in groups:
        counts = dict(connection.execute(f"SELECT stance, count(*) FROM ({ordered}) WHERE topic = ? AND supplement = ? "
                                         "GROUP BY stance", [topic, supplement]).fetchall())
        records = connection.execute(
            f"SELECT * EXCLUDE (corpus_order, nth) FROM (SELECT *, row_number() OVER (PARTITION BY stance ORDER BY "
            f"corpus_order) AS nth FROM ({ordered}) WHERE topic = ? AND supplement = ?) WHERE nth <= ? "
            "ORDER BY corpus_order", [topic, supplement, keep]).df().to_dict("records")
        found = consistency.unique_pairs(consistency.categorical_group_findings(
            topic, supplement, records, pairwise_limit, cap, {str(k): int(v) for k, v in counts.items()}), seen)
        if found:
            yield pd.DataFrame(found, columns=consistency.FINDING_COLUMNS)


# --- in memory --------------------------------------------------------------------------------------

def all_tables(corpus: Corpus, refs: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Name -> tidy table for an already loaded corpus, in the order a reader meets them."""
    return _assemble(corpus, document_tables(corpus), refs)


def _assemble(corpus: Corpus, per_document: dict[str, pd.DataFrame], refs: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    refs = references.load_references() if refs is None else refs
    findings = consistency.find_inconsistencies(per_document["claims"], corpus.sentences, refs,
                                                per_document["claim_strength"], per_document["stances"])
    return {**_tables_of(corpus, {}), "problems": corpus.problems, **per_document, "consistency": findings}


def analyze(paths_: Sequence[str | Path] | None = None, manifest: str | Path | None = None,
            max_mb: float = DEFAULT_MAX_MB, jobs: int = 1, progress: bool = False,
            engine: Engine | None = None) -> Results:
    """Read the corpus once and compute every table, in memory (batches in this process, or on `jobs`
    LocalCluster workers, or the given engine). For a corpus that fits in memory: tests, small corpora."""
    planned, problems = plan(paths_, manifest)
    batches = chunks(planned, BATCH)
    engine = engine or Engine(workers=jobs if jobs > 1 else None)
    computed = sorted(map_batches(_indexed_batch, [(i, batch, max_mb) for i, batch in enumerate(batches)], engine,
                                  [len(b) for b in batches], progress), key=lambda c: c[0])  # batches finish in any order
    labels: set[str] = set()
    parts, tables = [], []
    for _, part, per_document in computed:
        part.documents = assign_labels(part.documents, labels)  # in corpus order, unique across batches
        parts.append(part)
        tables.append(per_document)
    corpus = combine(parts, problems)
    del parts, computed
    tables = tables or [document_tables(corpus)]  # nothing readable: empty tables, with their columns
    per_document = {name: _concat([t.pop(name) for t in tables]) for name in PER_DOCUMENT}
    return Results(corpus, _assemble(corpus, per_document, None))


def _indexed_batch(index: int, planned: Sequence[PlannedDocument], max_mb: float) -> tuple[int, Corpus, dict]:
    return (index, *_batch(planned, max_mb))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    non_empty = [f for f in frames if len(f)]
    return pd.concat(non_empty, ignore_index=True) if non_empty else frames[0]


# --- writing, and reading back for the notebooks -------------------------------------------------------

def fingerprint(paths_: Sequence[str | Path] | None = None, manifest: str | Path | None = None,
                max_mb: float = DEFAULT_MAX_MB, planned: Sequence[PlannedDocument] | None = None) -> str:
    """What the tables depend on: the files (path, size, mtime), the manifest, data files and code."""
    if planned is None:
        planned, _ = plan(paths_, manifest)
    files = {str(p.path.resolve()): p.path for p in planned}
    inputs = [(name, *_stat(path)) for name, path in files.items()]
    ids = hashlib.sha256("\n".join(p.doc_id for p in planned).encode()).hexdigest()
    watched = sorted([*paths.LEXICONS.glob("*.csv"), *paths.REFERENCE.glob("*.csv"), *paths.REGISTRY.glob("*.csv"),
                      *Path(__file__).parent.glob("*.py")])
    extra = [(str(f), *_stat(f)) for f in watched]
    manifests = [Path(manifest)] if manifest else default_manifests(list(paths_) if paths_ else [paths.RAW])
    used = [(str(m), *_stat(m)) for m in manifests]
    payload = json.dumps([__version__, max_mb, inputs, ids, extra, used], default=str)
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
                   max_mb: float = DEFAULT_MAX_MB, jobs: int | None = None, progress: bool = False,
                   engine: Engine | None = None, csv: bool | None = None, batch_size: int | None = None) -> Written:
    """`claimcritique analyze`: every table to `folder` as Parquet (and CSV for a small corpus, or `csv=True`),
    batch by batch, by whoever computes the batch (`engine`: here, a LocalCluster of `jobs` workers, or a
    Dask cluster). Memory here holds the corpus's stances and one row per document, never the tables.

    The tables are written to a staging folder inside `folder` and moved into place only when complete;
    with no readable document, NothingReadable is raised and `folder` is left as it was."""
    planned, planning_problems = plan(paths_, manifest)
    if not planned:
        raise NothingReadable(nothing_readable(paths_, planning_problems))
    key = fingerprint(paths_, manifest, max_mb, planned)
    engine = engine or Engine(workers=jobs if jobs and jobs > 1 else None)
    batches = chunks(planned, batch_size or BATCH)
    created = not folder.exists()
    staging = folder / f".staging-{uuid.uuid4().hex[:12]}"  # inside the folder: shared with the workers, same disk
    staging.mkdir(parents=True)
    try:
        outcomes: list[BatchOutcome | None] = [None] * len(batches)
        for outcome in map_batches(write_batch, [(i, b, max_mb, str(staging)) for i, b in enumerate(batches)],
                                   engine, [len(b) for b in batches], progress):
            outcomes[outcome.index] = outcome
        documents = _concat([o.documents for o in outcomes]) if outcomes else pd.DataFrame(columns=DOCUMENT_COLUMNS[:-1])
        problem_table = problems_table([*planning_problems, *duplicate_problems(documents)],
                                       [o.problems for o in outcomes])
        if documents.empty:
            raise NothingReadable(nothing_readable(paths_, problem_table))
        documents = assign_labels(documents)  # in corpus order, unique across batches
        del outcomes
        contradictions = write_contradictions(staging, len(batches))
        if len(documents) <= SORT_LIMIT:  # a small corpus: its findings in one file, in the order readers meet them
            findings = consistency.sort_findings([store.read_table(staging, "consistency")])
            shutil.rmtree(store.table_folder(staging, "consistency"))
            store.write_batch(staging, "consistency", 0, findings)
            del findings
        for name, table in (("corpus", documents), ("problems", problem_table)):
            store.write_batch(staging, name, 0, table)
        rows = {name: store.rows(staging, name) for name in TABLES}
        write_csv = len(documents) <= CSV_LIMIT if csv is None else csv
        if write_csv:
            people = _document_columns(documents)
            for name in TABLES:
                _write_csv(staging, name, staging / f"{name}.csv", people)
        _replace(staging, folder, write_csv)
        (folder / FINGERPRINT).write_text(json.dumps({"fingerprint": key, "documents": len(documents),
                                                      "csv": write_csv, "batches": len(batches)}))
    except BaseException:
        _remove(staging)
        if created:
            _remove(folder)
        raise
    _remove(staging)
    files = [folder / f"{name}.csv" if write_csv else store.table_folder(folder, name) for name in TABLES]
    return Written(rows, files, len(documents), int(documents["words"].sum()), problem_table, contradictions)


def _remove(folder: Path) -> None:
    """Remove a folder, again if a worker still finishing an abandoned batch wrote into it meanwhile."""
    for _ in range(3):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return


def _replace(staging: Path, folder: Path, with_csv: bool) -> None:
    """The staged tables into `folder`, replacing its old ones (the folder may hold other corpora's folders:
    the default corpus's does, so only the tables' own files are touched)."""
    (folder / FINGERPRINT).unlink(missing_ok=True)  # the tables are not valid until all are in place
    (folder / "tables.pkl").unlink(missing_ok=True)  # the cache of earlier versions
    target = folder / store.PARQUET
    target.mkdir(exist_ok=True)
    for name in [*TABLES, TEXTS]:
        old = target / name
        if old.exists():
            retired = target / f".old-{name}-{uuid.uuid4().hex[:8]}"
            os.replace(old, retired)
            shutil.rmtree(retired, ignore_errors=True)
        os.replace(store.table_folder(staging, name), old)
    for name in TABLES:
        if with_csv:
            os.replace(staging / f"{name}.csv", folder / f"{name}.csv")
        else:  # a big corpus: no CSV, and none left over from an earlier run of another size
            (folder / f"{name}.csv").unlink(missing_ok=True)


def _write_csv(root: Path, name: str, target: Path, people: dict[str, dict]) -> None:
    """One table as CSV, streamed from its Parquet batches (integers stay integers with gaps)."""
    header = True
    for part in store.iter_batches(root, name, nullable_int=True):
        _for_people(name, part, people).to_csv(target, index=False, mode="w" if header else "a", header=header)
        header = False


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


def write_results(results: Results, folder: Path, key: str | None = None, csv: bool = True) -> list[Path]:
    """An in-memory analysis written as `write_analysis` writes it: Parquet (one batch), CSV, and with `key`
    the fingerprint that lets `results` read it back."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FINGERPRINT).unlink(missing_ok=True)
    tables = {**results.tables, TEXTS: results.corpus.documents[["doc_id", "text"]]}
    written = []
    for name, table in tables.items():
        target = store.table_folder(folder, name)
        shutil.rmtree(target, ignore_errors=True)
        store.write_batch(folder, name, 0, table)
    people = _document_columns(results.corpus.documents)
    for name in results.tables:
        target = folder / f"{name}.csv"
        if csv:
            _write_csv(folder, name, target, people)
            written.append(target)
    if key is not None:
        (folder / FINGERPRINT).write_text(json.dumps({"fingerprint": key, "documents": len(results.corpus.documents),
                                                      "csv": csv, "batches": 1}))
    return written


def read_results(folder: Path, doc_ids: Sequence[str] | None = None, tables: Sequence[str] | None = None,
                 batches: Sequence[int] | None = None) -> Results:
    """The tables `write_analysis` (or `write_results`) wrote in `folder`, as one Results, read from Parquet.
    `doc_ids`: only these documents' rows (findings: where either side is one of them); `batches`: only the
    documents of these batches (a sample: only their files are read); `tables`: only these tables (the
    corpus's documents, blocks and sentences are always read)."""
    folder = Path(folder)
    wanted = set(TABLES if tables is None else [*tables, "corpus", "blocks", "sentences", "problems"])
    if batches is not None:
        doc_ids = store.read_table(folder, TEXTS, columns=["doc_id"], batches=batches)["doc_id"].tolist()

    def read(name: str) -> pd.DataFrame:
        if doc_ids is None:
            return store.read_table(folder, name)
        if name == "problems":
            return store.read_table(folder, name)
        if batches is not None and name in (*PER_DOCUMENT, "blocks", "sentences", TEXTS):
            return store.read_table(folder, name, batches=batches)
        if name == "consistency":
            ids = list(doc_ids)
            return store.read_table(folder, name, filters=[[("doc_id", "in", ids)], [("other", "in", ids)]])
        return store.read_table(folder, name, doc_ids=doc_ids)

    loaded = {name: read(name) for name in TABLES if name in wanted}
    texts = read(TEXTS)
    documents = loaded["corpus"].merge(texts, on="doc_id", how="left")  # as loaded: the text last
    corpus = Corpus(documents, loaded["blocks"], loaded["sentences"],
                    loaded["problems"] if len(loaded["problems"]) else pd.DataFrame(columns=PROBLEM_COLUMNS))
    return Results(corpus, loaded, folder=folder)


def sample_batches(batches: int, documents: int, wanted: int | None = None) -> list[int]:
    """Which batches make a sample of about `wanted` (SAMPLE) documents, spread evenly from the first batch to the
    last."""
    wanted = SAMPLE if wanted is None else wanted
    per_batch = max(1, documents // max(batches, 1))
    count = min(batches, max(1, -(-wanted // per_batch)))
    return sorted({i * batches // count for i in range(count)})


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
            jobs: int = 1, show_limit: int = SHOW_LIMIT) -> Results:
    """The suite's tables for a corpus (None: the corpus last analysed, else data/raw): read back from its
    table folder when `claimcritique analyze` wrote them for exactly these inputs, otherwise computed and
    written there. Figures saved afterwards in this process go to the corpus's figure folder. A corpus of
    more than `show_limit` documents is read as a sample (`sample_batches`: `sample_of` says of how many);
    what counts every document is asked of the Parquet files (`store.query` on `folder`)."""
    paths_ = resolve_corpus(corpus)
    out = paths.outputs(paths_)
    folder = Path(folder) if folder is not None else out.tables
    out = paths.Outputs(out.corpus, out.name, folder, out.figures, out.notebooks)
    paths.use_figures(out.figures)
    if not _is_current(folder, fingerprint(paths_)):
        write_analysis(paths_, folder, jobs=jobs)
        if folder == paths.outputs(paths_).tables:
            paths.record_source(out)
    written = _written(folder)
    if written.get("documents", 0) > show_limit and written.get("batches"):  # a large corpus: a sample, read in part
        cached = read_results(folder, batches=sample_batches(written["batches"], written["documents"]))
        cached.sample_of = written["documents"]
    else:
        cached = read_results(folder)
    cached.outputs = out
    return cached


def _written(folder: Path) -> dict:
    try:
        return json.loads((folder / FINGERPRINT).read_text())
    except (OSError, ValueError):
        return {}


def _is_current(folder: Path, key: str) -> bool:
    try:
        return json.loads((folder / FINGERPRINT).read_text())["fingerprint"] == key and bool(store.tables(folder))
    except (OSError, ValueError, KeyError, TypeError):
        return False
