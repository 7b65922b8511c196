"""Where the project's folders are, so notebooks never write `../data`.

The project root is found from this file when the package is installed editable (the normal
case); `CLAIMCRITIQUE_ROOT` overrides it for an installed copy. `CLAIMCRITIQUE_PROCESSED` and
`CLAIMCRITIQUE_FIGURES` redirect the outputs (the tests use them to keep the work tree clean).
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("CLAIMCRITIQUE_ROOT", Path(__file__).resolve().parents[2]))
DATA = PROJECT_ROOT / "data"
RAW = DATA / "raw"
PROCESSED = Path(os.environ.get("CLAIMCRITIQUE_PROCESSED", DATA / "processed"))
MANIFEST = DATA / "corpus.csv"
REFERENCE = DATA / "reference"
LEXICONS = DATA / "lexicons"
ANNOTATIONS = DATA / "annotations"
FIGURES = Path(os.environ.get("CLAIMCRITIQUE_FIGURES", PROJECT_ROOT / "figures"))
NOTEBOOKS = PROJECT_ROOT / "notebooks"
