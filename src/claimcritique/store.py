"""Results as Parquet: one dataset per table, one file per batch, each column's type declared once.

`claimcritique analyze` writes `<folder>/_parquet/<table>/batch-00012.parquet` from whichever process
computed batch 12 (a Dask worker, or this process), so no process ever holds a whole table. Each
column has one type in every batch (`COLUMN_TYPES`): an integer column stays integer when a batch has
a gap (no "3" in one file and "3.0" in another), and an empty batch still writes its columns. A file
appears under its final name only once complete (written beside it, then renamed), so a worker killed
mid-write leaves nothing a reader would take for a batch.

Readers take what they need: `read_table` (pyarrow: selected columns, rows filtered before loading,
e.g. one document's), `iter_batches` (one batch file at a time) and `query` (DuckDB SQL over every
table, for aggregates and top-N lists). The folder is `_parquet` because no corpus's results folder
can have that name (`paths.corpus_name` strips leading underscores), and the default corpus's table
folder also holds other corpora's folders.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

PARQUET = "_parquet"
STRING, INT, FLOAT, BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()

# Every column of every table, by name: one type wherever the name appears. A column not listed here
# (added by a later change) gets its type from its values (`_inferred_type`); list it to fix it.
COLUMN_TYPES: dict[str, pa.DataType] = {
    **dict.fromkeys([
        "doc_id", "path", "file", "format", "title", "publisher", "kind", "url", "notes", "encoding", "label", "text",
        "severity", "problem", "claim_type", "subject", "unit", "quote", "block_kind", "value_text", "qualifier",
        "elemental", "supplement", "note", "section", "category", "term", "strength", "cue", "disease", "verb",
        "topic", "stance", "other", "detail", "other_quote", "value", "other_value", "verdict", "reference_id",
        "population", "basis", "purpose", "form", "role", "claim_subject", "stated", "norm_unit", "purposes",
        "as_stated", "in_mg", "units", "high_quote", "high_subject", "high_stance", "low_quote", "low_stance"], STRING),
    **dict.fromkeys([
        "chars", "words", "blocks", "sentences", "block_id", "sentence_id", "start", "end", "value_start",
        "value_end", "times_per_day", "units_excluded", "first_block", "syllables", "disease_claims", "citations",
        "jama_signals", "rid", "high_start", "high_end"], INT),
    **dict.fromkeys([
        "low", "high", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
        "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score", "text_standard",
        "syllables_per_word", "long_sentence_share", "difficult_word_share", "promo_index", "hedge_per_1k",
        "booster_per_1k", "hype_per_1k", "call_to_action_per_1k", "vague_authority_per_1k", "natural_safety_per_1k",
        "hedge_to_booster", "lo", "hi"], FLOAT),
    **dict.fromkeys(["has_fda_disclaimer", "jama_author", "jama_date", "jama_references", "jama_disclosure", "negated",
                     "hedged", "salt"], BOOL),
}


def table_folder(root: Path, name: str) -> Path:
    return Path(root) / PARQUET / name


def batch_file(root: Path, name: str, batch: int) -> Path:
    return table_folder(root, name) / f"batch-{batch:05d}.parquet"


def _inferred_type(values: pd.Series) -> pa.DataType:
    """The type of a column nobody declared: numbers are float (so a gap never changes the type), true/false
    is bool, anything else text."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return BOOL
    if pd.api.types.is_numeric_dtype(values.dtype):
        return FLOAT
    present = values.dropna()
    if not len(present):
        return pa.null()  # nothing to go by: the other batches' type, when read (`_schema`)
    if all(isinstance(v, bool) for v in present):
        return BOOL
    return STRING


def _array(values: pd.Series, kind: pa.DataType) -> pa.Array:
    if kind == pa.null():
        return pa.nulls(len(values))
    if kind == STRING:
        try:
            return pa.array(values, type=STRING, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # numbers or mixed values in a text column: as text
            return pa.array([None if _missing(v) else str(v) for v in values], type=STRING)
    if kind == INT:
        return pa.array(pd.array(values, dtype="Int64"), type=INT)
    if kind == FLOAT:
        return pa.array(pd.to_numeric(values, errors="coerce").astype(float), type=FLOAT, from_pandas=True)
    return pa.array([None if _missing(v) else bool(v) for v in values], type=BOOL)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def to_arrow(table: pd.DataFrame) -> pa.Table:
    """A table with every column in its declared type (empty tables too)."""
    table = table.reset_index(drop=True)
    kinds = [COLUMN_TYPES.get(c) or _inferred_type(table[c]) for c in table.columns]
    arrays = [_array(table[c], kind) for c, kind in zip(table.columns, kinds)]
    return pa.Table.from_arrays(arrays, schema=pa.schema([pa.field(str(c), k) for c, k in zip(table.columns, kinds)]))


def write_batch(root: Path, name: str, batch: int, table: pd.DataFrame) -> Path:
    """One batch of one table as `<root>/_parquet/<name>/batch-NNNNN.parquet`, written beside its final name
    and renamed into place, so a half-written file is never read as a batch. Writing a batch again (a
    retried task) replaces it. `root` must exist (FileNotFoundError otherwise)."""
    target = batch_file(root, name, batch)
    target.parent.parent.mkdir(exist_ok=True)  # never `root` itself: a run abandoned (and removed) stays removed,
    target.parent.mkdir(exist_ok=True)  # even if a worker cut off from its scheduler finishes a batch later
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    try:
        pq.write_table(to_arrow(table), partial, compression="zstd")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def batch_files(root: Path, name: str) -> list[Path]:
    """A table's complete batch files, in corpus order."""
    return sorted(table_folder(root, name).glob("batch-*.parquet"))


def tables(root: Path) -> list[str]:
    folder = Path(root) / PARQUET
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _schema(files: Sequence[Path]) -> pa.Schema:
    """The table's schema over all its batches: declared columns are the same everywhere; an undeclared
    column that was empty in some batch (type null) takes its type from the others."""
    return pa.unify_schemas([pq.read_schema(f) for f in files], promote_options="permissive")


def _dataset(root: Path, name: str, batches: Sequence[int] | None = None) -> ds.Dataset:
    files = batch_files(root, name)
    if not files:
        raise FileNotFoundError(f"no table '{name}' in {Path(root) / PARQUET}")
    if batches is None:
        return ds.dataset([str(f) for f in files], format="parquet", schema=_schema(files))
    wanted = {batch_file(root, name, b).name for b in batches}
    chosen = [f for f in files if f.name in wanted]  # the schema from these and the first (columns are declared)
    return ds.dataset([str(f) for f in chosen], format="parquet", schema=_schema([files[0], *chosen]))


def _to_pandas(table: pa.Table, nullable_int: bool = False) -> pd.DataFrame:
    if nullable_int:  # for CSV: 3, not 3.0, in an integer column with gaps
        return table.to_pandas(types_mapper={INT: pd.Int64Dtype()}.get)
    return table.to_pandas()


def read_table(root: Path, name: str, columns: Sequence[str] | None = None,
               filters: list | ds.Expression | None = None, doc_ids: Sequence[str] | None = None,
               batches: Sequence[int] | None = None) -> pd.DataFrame:
    """One table (or some of its columns, or the rows passing `filters`, pyarrow's expression or
    `[("col", "op", value)]` form) in corpus order; only what is asked for is read from disk.
    `doc_ids`: only these documents' rows (in a table with a `doc_id` column); `batches`: only these
    batch files (a sample of the corpus that costs what it reads)."""
    dataset = _dataset(root, name, batches)
    expression = pq.filters_to_expression(filters) if isinstance(filters, list) else filters
    if doc_ids is not None:
        wanted = ds.field("doc_id").isin(pa.array(list(doc_ids), type=STRING))
        expression = wanted if expression is None else expression & wanted
    return _to_pandas(dataset.to_table(columns=list(columns) if columns else None, filter=expression))


def iter_batches(root: Path, name: str, nullable_int: bool = False) -> Iterator[pd.DataFrame]:
    """A table one batch file at a time, in corpus order (to stream it into a CSV)."""
    files = batch_files(root, name)
    schema = _schema(files) if files else None
    for path in files:
        yield _to_pandas(pq.read_table(path, schema=schema), nullable_int)


def rows(root: Path, name: str) -> int:
    return sum(pq.ParquetFile(f).metadata.num_rows for f in batch_files(root, name))


QUERY_MEMORY = "384MB"  # DuckDB's own limit: beyond it, sorts and groupings spill to its temporary folder


@contextmanager
def connect(root: Path, ordered: Sequence[str] = (), threads: int = 2, only: Sequence[str] | None = None):
    """A DuckDB connection with a view per table (`claims`, `stances`, ...) over its Parquet files, read as a query
    needs them, within `QUERY_MEMORY`. For each table in `ordered`, also `<table>_rows`, the same rows with
    `filename` and `file_row_number`, which order them as the corpus is (batch files are named in corpus order).
    `only`: views for these tables alone (binding a view reads every batch file's schema: 1 s for the 15 tables of
    200 batches)."""
    import duckdb

    with duckdb.connect(config={"memory_limit": QUERY_MEMORY, "threads": threads}) as connection:
        connection.execute("SET enable_progress_bar = false")  # it would be printed into a notebook's output
        for name in tables(root) if only is None else [n for n in tables(root) if n in set(only)]:
            if batch_files(root, name):
                pattern = str(table_folder(root, name) / "batch-*.parquet").replace("'", "''")
                connection.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{pattern}', union_by_name = true)")
                if name in ordered:
                    connection.execute(f"CREATE VIEW \"{name}_rows\" AS SELECT * FROM read_parquet('{pattern}', "
                                       "union_by_name = true, filename = true, file_row_number = true)")
        yield connection


def query(root: Path, sql: str, parameters: Sequence | None = None) -> pd.DataFrame:
    """DuckDB SQL over the tables, each a view named after its table (`claims`, `readability`, ...), read
    from the Parquet files as the query needs them: aggregates and top-N without loading a table."""
    with connect(root) as connection:
        return connection.execute(sql, parameters or []).df()
