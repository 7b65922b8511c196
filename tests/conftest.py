from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcritique import paths
from claimcritique.corpus import Corpus, load_corpus

SEED_IDS = ["000_0856cdaba0ba1b27", "001_e460cccd0a3ea4ba", "002_92b750b21631aec1", "003_7f032387946272ae"]

# pytest's and hypothesis's own caches, and the browser test's screenshot folder (documented output)
_NOT_WATCHED = {".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache", "test-output"}


def work_tree_listing(root: Path = paths.PROJECT_ROOT) -> dict[str, tuple[int, int]]:
    """Every file of the work tree, ignored folders included (data/processed, figures, build), with its
    size and modification time: what `make test` must leave as it found it."""
    listing = {}
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [d for d in subfolders if d not in _NOT_WATCHED and not d.endswith(".egg-info")]
        for name in files:
            path = Path(folder) / name
            try:
                info = path.stat()
            except OSError:
                continue
            listing[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return listing


@pytest.fixture(scope="session", autouse=True)
def work_tree_left_as_found():
    """Tests write to temporary folders only: compare the work tree's listing before and after the run."""
    before = work_tree_listing()
    yield
    after = work_tree_listing()
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(p for p in set(before) & set(after) if before[p] != after[p])
    assert not (added or removed or changed), (
        f"the tests changed the work tree: added {added[:20]}, removed {removed[:20]}, changed {changed[:20]}")


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    return load_corpus([paths.RAW])
