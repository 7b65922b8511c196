"""Every table of the suite from one reading of the corpus: what `claimcritique analyze` writes
and what the notebooks read.

Per-document work (reading, segmenting, claims, readability, language) runs in batches, in
parallel with `jobs > 1`; corpus-wide work (consistency) runs once at the end. The tables are
written as CSV for people and as one pickle with a fingerprint of the inputs, so a notebook asking
for the same corpus reads them instead of re-reading and re-scoring the articles.
"""
from __future__ import annotations

import hashlib
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from . import __version__, claims, consistency, language, paths, readability, references
from .corpus import (DEFAULT_MAX_MB, Corpus, PlannedDocument, chunks, combine, default_manifest, load_documents,
                     plan_corpus)

BATCH = 50
CACHE = "tables.pkl"
FINGERPRINT = "fingerprint.json"
PER_DOCUMENT = ["claims", "readability", "readability_sections", "readability_sentences", "language",
                "language_matches", "claim_strength", "disease_claims", "stances"]


@dataclass
class Results:
    """A loaded corpus and every table computed from it."""

    corpus: Corpus
    tables: dict[str, pd.DataFrame]

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
    return {"corpus": corpus.documents.drop(columns=["text"]), "blocks": corpus.blocks,
            "sentences": corpus.sentences, "problems": corpus.problems, **per_document, "consistency": findings}


def analyze(paths_: Sequence[str | Path] | None = None, manifest: str | Path | None = None,
            max_mb: float = DEFAULT_MAX_MB, jobs: int = 1, progress: bool = False) -> Results:
    """Read the corpus once (in `jobs` processes) and compute every table."""
    planned, problems = plan_corpus(paths_, manifest)
    batches = chunks(planned, BATCH)
    bar = None
    if progress and len(batches) > 1:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(planned), desc="analyzing", unit="doc", file=sys.stderr)
    parts: list[tuple[Corpus, dict[str, pd.DataFrame]]] = []
    if jobs > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_batch, batch, max_mb) for batch in batches]
            for batch, future in zip(batches, futures):
                parts.append(future.result())
                if bar is not None:
                    bar.update(len(batch))
    else:
        for batch in batches:
            parts.append(_batch(batch, max_mb))
            if bar is not None:
                bar.update(len(batch))
    if bar is not None:
        bar.close()
    corpus = combine([p[0] for p in parts], problems)
    tables = [p[1] for p in parts] or [document_tables(corpus)]  # nothing readable: empty tables, with columns
    del parts
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


def write_results(results: Results, folder: Path, key: str | None = None) -> list[Path]:
    """One CSV per table in `folder`, plus the cache the notebooks read."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in results.tables.items():
        target = folder / f"{name}.csv"
        table.to_csv(target, index=False)
        written.append(target)
    if key is not None:
        pd.to_pickle(results, folder / CACHE)
        (folder / FINGERPRINT).write_text(json.dumps({"fingerprint": key}))
    return written


def results(corpus: str | Path | Sequence[str | Path] | None = None, folder: Path | None = None,
            jobs: int = 1) -> Results:
    """The suite's tables for a corpus: read back from `folder` (default data/processed) when
    `claimcritique analyze` wrote them for exactly these inputs, otherwise computed and written there."""
    paths_ = [corpus] if isinstance(corpus, (str, Path)) else (list(corpus) if corpus else None)
    folder = Path(folder) if folder is not None else paths.PROCESSED
    key = fingerprint(paths_)
    try:
        cached = json.loads((folder / FINGERPRINT).read_text())["fingerprint"]
        if cached == key:
            return pd.read_pickle(folder / CACHE)
    except (OSError, ValueError, KeyError, EOFError):
        pass
    fresh = analyze(paths_, jobs=jobs)
    write_results(fresh, folder, key)
    return fresh
