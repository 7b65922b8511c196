"""Execute the suite's notebooks headless, top to bottom, each on a clean `python3` kernel.

The corpus reaches every notebook's parameter cell through the CLAIMCRITIQUE_CORPUS
environment variable, so `make run CORPUS=folder` needs no edit of any notebook.
Executed copies (with outputs) go to build/notebooks/; the notebooks in git stay stripped.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from . import paths

KERNEL = "python3"
CELL_TIMEOUT = 600
CORPUS_VARIABLE = "CLAIMCRITIQUE_CORPUS"


def notebook_files(folder: Path = paths.NOTEBOOKS) -> list[Path]:
    """The numbered notebooks (`NN_name.ipynb`), in order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path: Path, output_dir: Path | None = None, corpus: str | None = None,
                     timeout: int = CELL_TIMEOUT) -> nbformat.NotebookNode:
    """Run one notebook with its own folder as working directory; save the executed copy if asked."""
    nb = nbformat.read(path, as_version=4)
    previous = os.environ.get(CORPUS_VARIABLE)
    if corpus:
        os.environ[CORPUS_VARIABLE] = str(Path(corpus).resolve())
    try:
        client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout,
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        if corpus:
            if previous is None:
                os.environ.pop(CORPUS_VARIABLE, None)
            else:
                os.environ[CORPUS_VARIABLE] = previous
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, output_dir / path.name)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcritique.notebooks",
                                     description="Execute the numbered notebooks headless.")
    parser.add_argument("--corpus", help="folder of articles for every notebook (default: data/raw)")
    parser.add_argument("--out", default=str(paths.PROJECT_ROOT / "build" / "notebooks"),
                        help="where the executed copies go (default: build/notebooks)")
    parser.add_argument("names", nargs="*", help="only these notebooks (e.g. 01 03); default: all")
    args = parser.parse_args(argv)
    selected = [p for p in notebook_files() if not args.names or any(p.name.startswith(n) for n in args.names)]
    if not selected:
        print("no notebooks matched", file=sys.stderr)
        return 1
    for path in selected:
        began = time.perf_counter()
        try:
            execute_notebook(path, Path(args.out), corpus=args.corpus)
        except CellExecutionError as error:
            print(f"{path.name}: failed\n{error}", file=sys.stderr)
            return 1
        print(f"{path.name}: ok ({time.perf_counter() - began:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
