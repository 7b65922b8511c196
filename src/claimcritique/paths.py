"""Where the project's folders are, so notebooks never write `../data`.

The project root is found from this file when the package is installed editable
(the normal case); `CLAIMCRITIQUE_ROOT` overrides it for an installed copy.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("CLAIMCRITIQUE_ROOT", Path(__file__).resolve().parents[2]))
DATA = PROJECT_ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
MANIFEST = DATA / "corpus.csv"
REFERENCE = DATA / "reference"
LEXICONS = DATA / "lexicons"
ANNOTATIONS = DATA / "annotations"
FIGURES = PROJECT_ROOT / "figures"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
