"""Where the project's folders are, and where each corpus's results go, so notebooks never write `../data`.

Nothing here reads the environment when the module is imported. The project root is found from this
file (the package is installed editable). Outputs are per corpus, so no run overwrites another's:

- the default corpus (`data/raw`) keeps `data/processed/`, `figures/` and `build/notebooks/`;
- any other corpus gets a folder named after it: `data/processed/<name>/`, `figures/<name>/` and
  `build/notebooks/<name>/` (`corpus_name` says which name; two different folders never share one).

`paths.PROCESSED` and `paths.FIGURES` are computed when read: the roots can be redirected with the
`CLAIMCRITIQUE_PROCESSED` and `CLAIMCRITIQUE_FIGURES` environment variables (read then, not at import:
the tests use them to keep the work tree clean), and `FIGURES` is the figure folder of the corpus a
process last loaded with `analysis.results` (`use_figures`), which is where `plotting.save_figure`
writes by default.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA = PROJECT_ROOT / "data"
RAW = DATA / "raw"
MANIFEST = DATA / "corpus.csv"
REFERENCE = DATA / "reference"
LEXICONS = DATA / "lexicons"
REGISTRY = DATA / "registry"
ANNOTATIONS = DATA / "annotations"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
BUILD = PROJECT_ROOT / "build"
LAST_RUN = "last_run.json"  # in the processed root: the corpus `claimcritique analyze` last wrote
SOURCE = "corpus.json"  # in each corpus's table folder: which corpus the tables are of

_figures_in_use: Path | None = None


def processed_root() -> Path:
    """Where tables go: `data/processed`, unless CLAIMCRITIQUE_PROCESSED says otherwise (read now)."""
    return Path(os.environ.get("CLAIMCRITIQUE_PROCESSED") or DATA / "processed")


def figures_root() -> Path:
    """Where figures go: `figures/`, unless CLAIMCRITIQUE_FIGURES says otherwise (read now)."""
    return Path(os.environ.get("CLAIMCRITIQUE_FIGURES") or PROJECT_ROOT / "figures")


def use_figures(folder: Path | None) -> None:
    """Make `folder` this process's default figure folder (`paths.FIGURES`); None: back to the root."""
    global _figures_in_use
    _figures_in_use = None if folder is None else Path(folder)


def __getattr__(name: str) -> Path:
    if name == "PROCESSED":
        return processed_root()
    if name == "FIGURES":
        return _figures_in_use if _figures_in_use is not None else figures_root()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def corpus_paths(corpus: str | Path | Sequence[str | Path] | None) -> list[Path]:
    """The corpus as a list of paths; None or empty: the default corpus, data/raw."""
    if corpus is None or (not isinstance(corpus, (str, Path)) and not list(corpus)):
        return [RAW]
    if isinstance(corpus, (str, Path)):
        return [Path(corpus)]
    return [Path(p) for p in corpus]


def is_default(corpus: str | Path | Sequence[str | Path] | None) -> bool:
    return [p.resolve() for p in corpus_paths(corpus)] == [RAW.resolve()]


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-._")
    return slug[:60] or "corpus"


def _identity(corpus: str | Path | Sequence[str | Path] | None) -> list[str]:
    return [str(p.resolve()) for p in corpus_paths(corpus)]


def corpus_name(corpus: str | Path | Sequence[str | Path] | None, root: Path | None = None) -> str:
    """The folder name of a corpus's results: "" for the default corpus, else the folder's (or file's) name,
    made safe for a path ("my articles" -> "my-articles"). Another corpus already holding that name in
    `root` (default: the processed root) makes this one `<name>-<hash of its path>`."""
    if is_default(corpus):
        return ""
    given = corpus_paths(corpus)
    identity = _identity(corpus)
    base = _slug(given[0].resolve().name if given[0].resolve().is_dir() else given[0].stem)
    if len(given) > 1:
        base = f"{base}-and-{len(given) - 1}-more"
    root = processed_root() if root is None else root
    try:
        owner = json.loads((root / base / SOURCE).read_text(encoding="utf-8"))["corpus"]
    except (OSError, ValueError, KeyError, TypeError):
        owner = None
    if owner is None or owner == identity:
        return base
    return f"{base}-{hashlib.sha1(json.dumps(identity).encode()).hexdigest()[:8]}"


@dataclass(frozen=True)
class Outputs:
    """Where one corpus's results go."""

    corpus: list[Path]
    name: str
    tables: Path
    figures: Path
    notebooks: Path

    def describe(self) -> str:
        shown = ", ".join(_shown(p) for p in self.corpus)
        return (f"Corpus: {shown}{' (the default corpus)' if not self.name else ''}; tables in "
                f"{_shown(self.tables)}, figures in {_shown(self.figures)}")


def _shown(path: Path) -> str:
    """A path relative to the project when it lies inside it (shorter to read), else absolute."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(Path(path).resolve())


def outputs(corpus: str | Path | Sequence[str | Path] | None) -> Outputs:
    """The tables, figures and executed-notebook folders of a corpus (created by whoever writes them)."""
    name = corpus_name(corpus)
    sub = (lambda root: root / name) if name else (lambda root: root)
    return Outputs(corpus_paths(corpus), name, sub(processed_root()), sub(figures_root()), sub(BUILD / "notebooks"))


def record_source(out: Outputs) -> None:
    """Write which corpus a table folder holds (so `corpus_name` never gives its name to another corpus)."""
    out.tables.mkdir(parents=True, exist_ok=True)
    (out.tables / SOURCE).write_text(json.dumps({"corpus": [str(p.resolve()) for p in out.corpus]}, indent=1),
                                     encoding="utf-8")


def record_last_run(corpus: str | Path | Sequence[str | Path] | None) -> Path:
    """Remember the corpus just analysed, for notebooks opened without choosing one."""
    root = processed_root()
    root.mkdir(parents=True, exist_ok=True)
    target = root / LAST_RUN
    target.write_text(json.dumps({"corpus": _identity(corpus)}, indent=1), encoding="utf-8")
    return target


def last_run() -> list[Path] | None:
    """The corpus `claimcritique analyze` (`make run`) last wrote, if its files still exist."""
    try:
        recorded = json.loads((processed_root() / LAST_RUN).read_text(encoding="utf-8"))["corpus"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    found = [Path(p) for p in recorded if Path(p).exists()]
    return found if found and len(found) == len(recorded) else None
