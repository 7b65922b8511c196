"""Every table of the suite from one loaded corpus: what `claimcritique analyze` writes.

The corpus is read and segmented once; each analysis module adds its tables here.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import claims, readability
from .corpus import Corpus


def all_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Name -> tidy table, in the order a reader meets them in the notebooks."""
    return {
        "corpus": corpus.documents.drop(columns=["text"]),
        "blocks": corpus.blocks,
        "sentences": corpus.sentences,
        "problems": corpus.problems,
        "claims": claims.extract_claims(corpus.sentences, corpus.blocks),
        "readability": readability.document_readability(corpus.documents, corpus.sentences),
        "readability_sections": readability.section_readability(corpus.blocks, corpus.sentences),
        "readability_sentences": readability.sentence_readability(corpus.sentences),
    }


def write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """One CSV per table in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        target = folder / f"{name}.csv"
        table.to_csv(target, index=False)
        written.append(target)
    return written
