"""Execute the suite's notebooks headless, top to bottom.

Two ways:
- `execute_notebook`: one notebook on its own fresh `python3` kernel (what the tests do, to prove
  each notebook runs on a clean kernel);
- `run_suite` (what `make run` does): the corpus is analysed once, then the notebooks run on
  `jobs` kernels in parallel, each kernel reused for several notebooks with its namespace reset
  in between, so kernel start and imports (about 1.3 s for pandas, seaborn and matplotlib) are
  paid once per kernel, not once per notebook.

The corpus reaches every notebook's parameter cell through the CLAIMCRITIQUE_CORPUS environment
variable, so `make run CORPUS=folder` needs no edit of any notebook. Executed copies (with outputs)
go to build/notebooks/; the notebooks in git stay stripped.
"""
from __future__ import annotations

import argparse
import functools
import multiprocessing
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from queue import Empty

import nbformat
from jupyter_core.utils import ensure_async
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from . import paths

KERNEL = "python3"
CELL_TIMEOUT = 600
CORPUS_VARIABLE = "CLAIMCRITIQUE_CORPUS"
BUILD = paths.PROJECT_ROOT / "build" / "notebooks"
_RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
          "import matplotlib.pyplot as _plt; _plt.close('all'); del _plt\n"
          "import os as _os; _os.chdir({folder!r}); del _os")


POLL_SLICE = 1.0  # seconds


class Client(NotebookClient):
    """nbclient waits for a cell's reply with one long poll of the kernel's shell socket. After a cell
    that opens ipywidgets the reply can arrive without waking that poll (jupyter/nbclient#312), and the
    run then stalls for the whole cell timeout (ten minutes here) before reading the reply that was
    waiting all along. Polling in one-second slices up to the same deadline finds it at once."""

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        kc.shell_channel.get_msg = functools.partial(_get_msg_in_slices, kc.shell_channel.get_msg)
        return kc


async def _get_msg_in_slices(get_msg, timeout: float | None = None) -> dict:
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        left = POLL_SLICE if deadline is None else min(POLL_SLICE, max(0.0, deadline - time.monotonic()))
        try:
            return await ensure_async(get_msg(timeout=left))  # async client, or the blocking one of a shared kernel
        except Empty:
            if deadline is not None and time.monotonic() >= deadline:
                raise


def notebook_files(folder: Path = paths.NOTEBOOKS) -> list[Path]:
    """The numbered notebooks (`NN_name.ipynb`), in order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path: Path, output_dir: Path | None = None, corpus: str | None = None,
                     timeout: int = CELL_TIMEOUT) -> nbformat.NotebookNode:
    """Run one notebook on a fresh kernel with its own folder as working directory."""
    if corpus:
        os.environ[CORPUS_VARIABLE] = str(Path(corpus).resolve())
    nb = nbformat.read(path, as_version=4)
    Client(nb, kernel_name=KERNEL, timeout=timeout, resources={"metadata": {"path": str(path.parent)}}).execute()
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, output_dir / path.name)
    return nb


def _run_on_shared_kernel(km, path: Path, output_dir: Path, timeout: int) -> tuple[str, float, str]:
    """Run one notebook on an already running kernel, after resetting its namespace."""
    began = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(_RESET.format(folder=str(path.parent))))
    client = Client(nb, km=km, kernel_name=KERNEL, timeout=timeout,
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


def _worker(todo, done, output_dir: Path, timeout: int) -> None:
    """One kernel for this process: start it and import the libraries while the corpus is being analysed,
    then take notebooks from the queue until a None says there are no more."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=KERNEL, cwd=str(paths.NOTEBOOKS))
    try:
        kc.execute_interactive(_WARM_UP, timeout=timeout, output_hook=lambda msg: None)
        while (path := todo.get()) is not None:
            try:
                done.put(_run_on_shared_kernel(km, path, output_dir, timeout))
            except Exception as error:  # report, do not hang the parent
                done.put((path.name, 0.0, f"{type(error).__name__}: {error}"))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _expected_cost(path: Path) -> int:
    """Figures dominate a notebook's run time; run the ones with most figures first."""
    return path.read_text(encoding="utf-8").count("save_figure(")


def run_suite(notebooks: Sequence[Path], corpus: str | None = None, output_dir: Path = BUILD, jobs: int = 2,
              timeout: int = CELL_TIMEOUT) -> list[tuple[str, float, str]]:
    """Analyse the corpus once (while `jobs` kernels start), then execute the notebooks on those kernels,
    reused, longest first."""
    from . import analysis

    if corpus:
        os.environ[CORPUS_VARIABLE] = str(Path(corpus).resolve())
    todo, done = multiprocessing.Queue(), multiprocessing.Queue()
    workers = [multiprocessing.Process(target=_worker, args=(todo, done, output_dir, timeout))
               for _ in range(max(1, min(jobs, len(notebooks))))]
    for worker in workers:  # kernels start while the corpus is analysed
        worker.start()
    try:
        analysis.results(os.environ.get(CORPUS_VARIABLE))  # the tables every notebook reads
        for path in sorted(notebooks, key=_expected_cost, reverse=True):
            todo.put(path)
    finally:
        for _ in workers:
            todo.put(None)
    outcomes = []
    for _ in notebooks:
        try:
            outcomes.append(done.get(timeout=timeout * len(notebooks)))
        except Exception:  # a worker died without reporting: say so instead of waiting forever
            break
    for worker in workers:
        worker.join()
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcritique.notebooks",
                                     description="Execute the numbered notebooks headless.")
    parser.add_argument("--corpus", help="folder of articles for every notebook (default: data/raw)")
    parser.add_argument("--out", default=str(BUILD), help="where the executed copies go (default: build/notebooks)")
    parser.add_argument("--jobs", type=int, default=2, help="kernels running in parallel (default 2)")
    parser.add_argument("names", nargs="*", help="only these notebooks (e.g. 01 03); default: all")
    args = parser.parse_args(argv)
    selected = [p for p in notebook_files() if not args.names or any(p.name.startswith(n) for n in args.names)]
    if not selected:
        print("no notebooks matched", file=sys.stderr)
        return 1
    began = time.perf_counter()
    outcomes = run_suite(selected, args.corpus, Path(args.out), args.jobs)
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
    print(f"{len(ran)} notebooks in {time.perf_counter() - began:.1f} s; executed copies in {args.out}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
