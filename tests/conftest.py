from __future__ import annotations

import pytest

from claimcritique import paths
from claimcritique.corpus import Corpus, load_corpus

SEED_IDS = ["000_0856cdaba0ba1b27", "001_e460cccd0a3ea4ba", "002_92b750b21631aec1", "003_7f032387946272ae"]


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    return load_corpus([paths.RAW])
