"""`claimcritique analyze --scheduler` on a real Dask cluster: a `dask scheduler` and two `dask worker` processes
started here on 127.0.0.1 (free ports, bounded waits, always torn down). One worker is killed (SIGKILL) while the
batches run: its batches go to the other worker and the output equals the analysis done in this process."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from claimcritique import analysis, paths, store

DASK = Path(sys.executable).with_name("dask")
SRC = str(Path(analysis.__file__).resolve().parents[1])
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, *filter(None, [os.environ.get("PYTHONPATH")])])}
pytestmark = pytest.mark.skipif(not DASK.exists(), reason="the dask command is not installed beside python")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(command: list[str], log: Path, cwd: Path) -> subprocess.Popen:
    with open(log, "w") as handle:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, cwd=cwd, env=ENV, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout=30, set_as_default=False) as client:  # the scheduler answers
        if count:
            client.wait_for_workers(count, timeout=60)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two workers (one thread each, no nanny: a killed worker stays dead)."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    processes = []
    try:
        processes.append(_start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                 "--no-dashboard"], tmp_path / "scheduler.log", tmp_path))
        for name in ("w0", "w1"):
            processes.append(_start([str(DASK), "worker", address, "--name", name, "--nthreads", "1", "--no-nanny",
                                     "--no-dashboard", "--host", "127.0.0.1", "--death-timeout", "60"],
                                    tmp_path / f"{name}.log", tmp_path))
        _wait_for_workers(address, 2)
        yield address, processes[0], processes[1:]
    finally:
        for process in reversed(processes):
            _stop(process)


def _corpus(folder: Path, copies: int) -> Path:
    folder.mkdir()
    for i in range(copies):
        for seed in sorted(paths.RAW.iterdir()):
            (folder / f"{i}_{seed.name}").write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_text("")  # a problem, reported by whichever worker reads it
    return folder


def _analyze_on(address: str, corpus, out, timeout: float, lost_timeout: float) -> subprocess.Popen:
    """`claimcritique analyze` on the test's cluster, two documents a batch, in the background."""
    return subprocess.Popen([sys.executable, "-m", "claimcritique", "analyze", str(corpus), "-o", str(out), "--scheduler",
                             address, "--batch-size", "2", "--no-progress", "--timeout", str(timeout),
                             "--lost-timeout", str(lost_timeout)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=out.parent, env=ENV)


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    return table.sort_values(list(table.columns), kind="stable", na_position="first").reset_index(drop=True)


def test_a_worker_killed_mid_run_loses_nothing(cluster, tmp_path):
    address, _, workers = cluster
    corpus = _corpus(tmp_path / "in", copies=6)
    out = tmp_path / "out"
    run = _analyze_on(address, corpus, out, timeout=20, lost_timeout=60)
    from distributed import Client

    try:
        with Client(address, timeout=30, set_as_default=False) as watcher:
            victim = next(a for a, w in watcher.scheduler_info(n_workers=-1)["workers"].items() if w["name"] == "w0")
            deadline = time.monotonic() + 90
            lost, done_when_killed = [], None
            while time.monotonic() < deadline and run.poll() is None:
                finished = list(out.glob(f".staging-*/{store.PARQUET}/claims/batch-*.parquet"))
                running = watcher.processing(workers=[victim]).get(victim, [])
                if finished and running:  # a batch done, and w0 in the middle of one: kill it now
                    os.kill(workers[0].pid, signal.SIGKILL)
                    lost, done_when_killed = list(running), len(finished)
                    break
                time.sleep(0.05)
        assert lost and run.poll() is None, "the worker was not killed while it ran a batch"
        stdout, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(timeout=30)
    assert workers[0].wait(timeout=30) == -signal.SIGKILL
    assert run.returncode == 0, stderr
    assert done_when_killed < 13  # 25 files in batches of 2: most were still to do
    assert "dashboard:" in stderr
    assert len(store.batch_files(out, "claims")) == 13

    clean = tmp_path / "clean"  # the same corpus analysed in this process, written the same way
    analysis.write_analysis([corpus], clean)
    for name in analysis.TABLES:
        assert (out / f"{name}.csv").read_bytes() == (clean / f"{name}.csv").read_bytes(), name
    expected = analysis.analyze([corpus])  # and in memory, without Parquet
    written = analysis.read_results(out)
    errors = written["problems"][written["problems"]["severity"] == "error"]
    assert len(written.corpus.documents) == 24 and errors["file"].str.endswith("empty.txt").tolist() == [True]
    for name in analysis.TABLES:
        pd.testing.assert_frame_equal(_sorted(written[name]), _sorted(expected[name]), check_dtype=False, obj=name)


def test_an_unreachable_scheduler_ends_with_a_message(tmp_path):
    corpus = _corpus(tmp_path / "in", copies=1)
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    began = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "claimcritique", "analyze", str(corpus), "-o", str(tmp_path / "out"),
                             "--scheduler", address, "--timeout", "3", "--no-progress"],
                            capture_output=True, text=True, cwd=tmp_path, env=ENV, timeout=120)
    assert result.returncode == 3
    assert f"no Dask scheduler answered at {address} within 3 s" in result.stderr
    assert "nothing written" in result.stderr and not (tmp_path / "out").exists()
    assert time.monotonic() - began < 60


def test_a_cluster_without_workers_ends_with_a_message(tmp_path):
    corpus = _corpus(tmp_path / "in", copies=1)
    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = _start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                        "--no-dashboard"], tmp_path / "scheduler.log", tmp_path)
    try:
        _wait_for_workers(address, 0)
        result = subprocess.run([sys.executable, "-m", "claimcritique", "analyze", str(corpus), "-o", str(tmp_path / "out"),
                                 "--scheduler", address, "--lost-timeout", "3", "--no-progress"],
                                capture_output=True, text=True, cwd=tmp_path, env=ENV, timeout=120)
    finally:
        _stop(scheduler)
    assert result.returncode == 3
    assert "no Dask worker (or no scheduler) answered for 3 s with 1 batch(es) still to do" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_scheduler_killed_mid_run_ends_with_a_message(cluster, tmp_path):
    address, scheduler, _ = cluster
    corpus = _corpus(tmp_path / "in", copies=6)
    out = tmp_path / "out"
    run = _analyze_on(address, corpus, out, timeout=5, lost_timeout=5)
    killed = False
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and run.poll() is None:
            if list(out.glob(f".staging-*/{store.PARQUET}/claims/batch-*.parquet")):
                os.kill(scheduler.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.05)
        assert killed and run.poll() is None, "the scheduler was not killed while batches ran"
        began = time.monotonic()
        _, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(timeout=30)
    assert run.returncode == 3, stderr
    assert "claimcritique: error:" in stderr and "nothing written" in stderr
    assert time.monotonic() - began < 60
    time.sleep(2)  # the workers, cut off from their scheduler, finish the batch they were running ...
    assert not out.exists()  # ... and recreate nothing: no half corpus is left behind
