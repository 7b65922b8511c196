"""Execute the suite's notebooks headless, top to bottom.

Two ways:
- `execute_notebook`: one notebook on its own fresh `python3` kernel (what the tests do, to prove
  each notebook runs on a clean kernel), as papermill does it;
- `run_suite` (what `make run` does): the corpus is analysed once, then the notebooks run on
  `jobs` kernels in parallel, each kernel reused for several notebooks with its namespace reset
  in between, so kernel start and imports (about 1.3 s for pandas, seaborn and matplotlib) are
  paid once per kernel, not once per notebook.

The corpus reaches a notebook through its `parameters` cell, as papermill passes it (`papermill -p
CORPUS folder`): a cell assigning `CORPUS` is injected after the tagged cell (papermill's own
`parameterize_notebook`). A notebook run without parameters (JupyterLab, `jupyter nbconvert
--execute`) shows the corpus last analysed. No environment variable is involved. Executed copies
(with outputs) go to the corpus's `build/notebooks/` folder; the notebooks in git stay stripped.

Kernels are started with manager-provisioned CurveZMQ keys (`transport_encryption="auto"`; the
project's kernelspec declares support), so the kernel's "running over TCP without encryption"
warning has no cause; `jupyter_config.json` sets the same for stock Jupyter tools.
"""
from __future__ import annotations

import argparse
import multiprocessing
import queue
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets.config import Config

from . import paths

KERNEL = "python3"
CELL_TIMEOUT = 600
BUILD = paths.BUILD / "notebooks"
FIGURE_FILE = re.compile(r"\d\d_[\w.-]+\.(?:png|svg|pdf)")  # what plotting.save_figure writes
KERNEL_CONFIG = {"KernelManager": {"transport_encryption": "auto"}}
_RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
          "import matplotlib.pyplot as _plt; _plt.close('all'); del _plt\n"
          "import os as _os; _os.chdir({folder!r}); del _os")


def read_notebook(path: Path, corpus: str | Path | None = None, checked: str | None = None) -> nbformat.NotebookNode:
    """The notebook, with `CORPUS = ...` (and `FINGERPRINT = ...`, the tables' fingerprint the runner checked,
    `analysis.current_tables`) injected after its parameters cell as `papermill -p CORPUS` does (papermill's own
    reader and parameterizer); neither: as committed."""
    given = {**({"CORPUS": str(Path(corpus).resolve())} if corpus is not None else {}),
             **({"FINGERPRINT": checked} if checked is not None else {})}
    if not given:
        return nbformat.read(path, as_version=4)
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    return parameterize_notebook(load_notebook_node(str(path)), given, kernel_name=KERNEL, language="python")


def notebook_files(folder: Path = paths.NOTEBOOKS) -> list[Path]:
    """The numbered notebooks (`NN_name.ipynb`), in order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path: Path, output_dir: Path | None = None, corpus: str | Path | None = None,
                     timeout: int = CELL_TIMEOUT) -> nbformat.NotebookNode:
    """Run one notebook on a fresh kernel with its own folder as working directory (plain nbclient)."""
    nb = read_notebook(path, corpus)
    NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, config=Config(KERNEL_CONFIG),
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, output_dir / path.name)
    return nb


def _run_on_shared_kernel(km, path: Path, output_dir: Path, corpus: str | None, checked: str | None,
                          timeout: int) -> tuple[str, float, str]:
    """Run one notebook on an already running kernel, after resetting its namespace."""
    began = time.perf_counter()
    nb = read_notebook(path, corpus, checked)
    nb.cells.insert(0, nbformat.v4.new_code_cell(_RESET.format(folder=str(path.parent))))
    client = NotebookClient(nb, km=km, kernel_name=KERNEL, timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    error = ""
    try:
        client.execute()
    except CellExecutionError as failure:
        error = str(failure)
    nb.cells.pop(0)
    output_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, output_dir / path.name)
    return path.name, time.perf_counter() - began, error


_WARM_UP = ("import matplotlib.pyplot, pandas, seaborn\n"
            "from claimcritique import analysis, claims, consistency, explorer, language, plotting, readability")


def _worker(todo, done, output_dir: Path, corpus: str | None, timeout: int) -> None:
    """One kernel for this process: start it and import the libraries while the corpus is being analysed,
    then take notebooks from the queue until a None says there are no more."""
    from jupyter_client import KernelManager

    km = KernelManager(kernel_name=KERNEL, config=Config(KERNEL_CONFIG))
    km.start_kernel(cwd=str(paths.NOTEBOOKS))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        kc.execute_interactive(_WARM_UP, timeout=timeout, output_hook=lambda msg: None)
        km.client_class = "jupyter_client.asynchronous.AsyncKernelClient"  # nbclient's own clients are asynchronous
        while (item := todo.get()) is not None:
            path, checked = item
            try:
                done.put(_run_on_shared_kernel(km, path, output_dir, corpus, checked, timeout))
            except Exception as error:  # report, do not hang the parent
                done.put((path.name, 0.0, f"{type(error).__name__}: {error}"))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _expected_cost(path: Path) -> int:
    """Figures dominate a notebook's run time; run the ones with most figures first."""
    return path.read_text(encoding="utf-8").count("save_figure(")


def run_suite(notebooks: Sequence[Path], corpus: str | Path | None = None, output_dir: Path | None = None,
              jobs: int = 2, timeout: int = CELL_TIMEOUT) -> list[tuple[str, float, str]]:
    """Analyse the corpus once if its tables are not current (while `jobs` kernels start), then execute the
    notebooks on those kernels, reused, longest first, each told the tables' fingerprint checked here so that no
    kernel plans the corpus again. None: the corpus last analysed (else data/raw), as the notebooks choose it."""
    from . import analysis

    chosen = [str(p.resolve()) for p in analysis.resolve_corpus(corpus)]
    given = chosen[0] if len(chosen) == 1 else None  # a notebook's CORPUS is one path
    output_dir = output_dir if output_dir is not None else paths.outputs(chosen).notebooks
    todo, done = multiprocessing.Queue(), multiprocessing.Queue()
    workers = [multiprocessing.Process(target=_worker, args=(todo, done, output_dir, given, timeout))
               for _ in range(max(1, min(jobs, len(notebooks))))]
    for worker in workers:  # kernels start while the corpus is analysed
        worker.start()
    try:
        checked = analysis.current_tables(chosen)  # the tables every notebook reads (none is read here)
        clear_figures(paths.outputs(chosen).figures, notebooks)
        for path in sorted(notebooks, key=_expected_cost, reverse=True):
            todo.put((path, checked))
    finally:
        for _ in workers:
            todo.put(None)
    outcomes = []
    while len(outcomes) < len(notebooks):
        try:
            outcomes.append(done.get(timeout=1))
        except queue.Empty:
            if not any(worker.is_alive() for worker in workers):  # every worker gone: nothing more will come
                try:
                    outcomes.append(done.get(timeout=1))
                except queue.Empty:
                    break
    for worker in workers:
        worker.join(timeout=30)
    ran = {name for name, _, _ in outcomes}
    outcomes += [(path.name, 0.0, "its kernel's worker process died before reporting (out of memory?)")
                 for path in notebooks if path.name not in ran and not all(w.exitcode == 0 for w in workers)]
    return outcomes


def clear_figures(folder: Path, notebooks: Sequence[Path]) -> list[Path]:
    """Remove the figure files these notebooks write (NN_name.png/.svg/.pdf, NN their number) from a corpus's
    figure folder, so that after a run it holds exactly that run's figures, none left from an older version;
    other files, and other notebooks' figures, are kept."""
    numbers = {path.name[:2] for path in notebooks}
    stale = [p for p in folder.glob("*") if p.is_file() and FIGURE_FILE.fullmatch(p.name) and p.name[:2] in numbers] \
        if folder.is_dir() else []
    for path in stale:
        path.unlink()
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcritique.notebooks",
                                     description="Execute the numbered notebooks headless.")
    parser.add_argument("--corpus", help="folder of articles for every notebook (default: the corpus last analysed, "
                                         "else data/raw)")
    parser.add_argument("--out", help="where the executed copies go (default: build/notebooks, or "
                                      "build/notebooks/<corpus name> for a corpus other than data/raw)")
    parser.add_argument("--jobs", type=int, default=2, help="kernels running in parallel (default 2)")
    parser.add_argument("names", nargs="*", help="only these notebooks (e.g. 01 03); default: all")
    args = parser.parse_args(argv)
    selected = [p for p in notebook_files() if not args.names or any(p.name.startswith(n) for n in args.names)]
    if not selected:
        print(f"no notebooks matched {' '.join(args.names)} (names are prefixes such as 01 or 03_readability)",
              file=sys.stderr)
        return 1
    if args.corpus is not None and not Path(args.corpus).exists():
        print(f"error: no such file or folder: '{args.corpus}'", file=sys.stderr)
        return 1
    began = time.perf_counter()
    from .corpus import NothingReadable

    out = Path(args.out) if args.out else None
    try:
        outcomes = run_suite(selected, args.corpus, out, args.jobs)
    except NothingReadable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    out = out or paths.outputs(args.corpus if args.corpus else None).notebooks
    failed = False
    for name, seconds, error in sorted(outcomes):
        print(f"{name}: {'FAILED' if error else 'ok'} ({seconds:.1f} s)", file=sys.stderr)
        if error:
            print(error, file=sys.stderr)
            failed = True
    ran = {name for name, _, _ in outcomes}
    for path in selected:
        if path.name not in ran:
            print(f"{path.name}: not run (an earlier notebook on its kernel failed)", file=sys.stderr)
            failed = True
    print(f"{len(ran)} notebooks in {time.perf_counter() - began:.1f} s; executed copies in {out}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
