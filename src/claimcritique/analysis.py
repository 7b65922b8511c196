"""Every table of the suite from one loaded corpus: what `claimcritique analyze` writes.

The corpus is read and segmented once, and each intermediate table (claims, language matches,
claim strength) is computed once and handed to the analyses that need it.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import claims, consistency, language, readability, references
from .corpus import Corpus


def all_tables(corpus: Corpus, refs: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Name -> tidy table, in the order a reader meets them in the notebooks."""
    refs = references.load_references() if refs is None else refs
    found = claims.extract_claims(corpus.sentences, corpus.blocks)
    matches = language.find_matches(corpus.sentences)
    strength = language.claim_strength(corpus.sentences)
    return {
        "corpus": corpus.documents.drop(columns=["text"]),
        "blocks": corpus.blocks,
        "sentences": corpus.sentences,
        "problems": corpus.problems,
        "claims": found,
        "readability": readability.document_readability(corpus.documents, corpus.sentences),
        "readability_sections": readability.section_readability(corpus.blocks, corpus.sentences),
        "readability_sentences": readability.sentence_readability(corpus.sentences),
        "language": language.document_language(corpus.documents, corpus.sentences, matches),
        "language_matches": matches,
        "claim_strength": strength,
        "disease_claims": language.disease_claims(corpus.sentences, matches),
        "consistency": consistency.find_inconsistencies(found, corpus.sentences, refs, strength),
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
