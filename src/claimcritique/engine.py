"""Where the per-batch work runs: in this process, on a Dask LocalCluster, or on an existing Dask cluster.

`map_batches` runs one function over a list of batches and yields each batch's (small) result as soon as
it is done, in whatever order batches finish. Only a few batches are on the cluster at a time (`_window`: two
per worker thread, plus one), submitted in corpus order as others finish, so neither the client nor the
scheduler holds the whole corpus's tasks, and results arrive nearly in order. With dask.distributed, a
worker that dies takes its running batches with it and the scheduler gives them to another worker (the
function must be safe to run twice: the analysis writes its files under fixed names, by rename). Nothing
waits forever: the scheduler must answer within `connect_timeout`, and a cluster with no worker (or no
scheduler) for `lost_timeout` seconds ends the run with `EngineError`, saying what happened.
"""
from __future__ import annotations

import logging
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

# A LocalCluster's workers run one pure-Python task at a time: the statistical profiler (a thread walking the
# task's stack every 10 ms, for the dashboard's profile page) only takes the GIL from it.
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
IN_PROCESS_BATCHES = 2  # a corpus of this many batches or fewer runs here: a cluster's start-up would cost more


class EngineError(RuntimeError):
    """The cluster could not run the batches (unreachable scheduler, every worker gone); the message says which."""


@dataclass(frozen=True)
class Engine:
    """How to run the batches: `scheduler` (tcp://host:port of a running cluster), else `workers` processes
    on a LocalCluster (one thread each), else in this process."""

    scheduler: str | None = None
    workers: int | None = None
    connect_timeout: float = 30.0
    lost_timeout: float = 120.0

    def in_process(self, batches: int) -> bool:
        return self.scheduler is None and (not self.workers or batches <= IN_PROCESS_BATCHES)


@contextmanager
def _client(engine: Engine, log: Callable[[str], None]):
    import dask
    from distributed import Client, LocalCluster

    if engine.scheduler:
        try:
            client = Client(engine.scheduler, timeout=engine.connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise EngineError(f"no Dask scheduler answered at {engine.scheduler} within {engine.connect_timeout:g} s "
                              f"({type(error).__name__}: {error})") from None
        try:
            log(f"Dask cluster {engine.scheduler}; dashboard: {client.dashboard_link}")
            yield client
        finally:
            client.close(timeout=engine.connect_timeout)
        return
    with dask.config.set({**LOCAL_WORKER_CONFIG, **WORKER_START}):  # the workers take the config when they start
        cluster = LocalCluster(n_workers=engine.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
    finished = False
    try:
        client = Client(cluster, set_as_default=False)
        try:
            log(f"Dask LocalCluster, {engine.workers} worker(s); dashboard: {client.dashboard_link}")
            yield client
            finished = True
            _log_peaks(client, log)
        finally:
            if not finished:
                client.close()
    finally:
        if finished:  # every result is in: the cluster stops while the caller goes on (the process waits for it)
            threading.Thread(target=_close, args=(client, cluster), name="claimcritique-cluster-close").start()
        else:
            cluster.close()


PEAKS = "workers' peak memory: "


def _log_peaks(client, log: Callable[[str], None]) -> None:
    """Each worker's peak memory (its largest resident set), on one line: what a batch costs a process."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1)
    try:
        peaks = pool.submit(client.run, _peak_mb).result(timeout=CLOSE_TIMEOUT)  # never holds up a finished run
    except Exception:  # a worker gone (or stuck) at the very end: nothing to say about it
        return
    finally:
        pool.shutdown(wait=False)
    log(PEAKS + ", ".join(f"{peaks[w]:.0f} MB" for w in sorted(peaks)))


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CLOSE_TIMEOUT = 20  # seconds: asking the workers for their peaks, and closing the client and the cluster


def _close(client, cluster) -> None:
    client.close(timeout=CLOSE_TIMEOUT)
    cluster.close(timeout=CLOSE_TIMEOUT)


# A LocalCluster's workers are forked from a server process started as soon as the corpus is planned (`prepare`),
# with the modules the batches need already imported: no worker imports them again, and the server's imports
# overlap the client's own start-up (the fingerprint, the scheduler). A fork of this process could deadlock (its
# scheduler threads are running); the server is a fresh single-threaded process.
WORKER_START = {"distributed.worker.multiprocessing-method": "forkserver"}


def prepare(engine: Engine, batches: int, modules: Sequence[str] = ()) -> None:
    """Start what the LocalCluster's workers will be forked from, importing `modules` there, when `engine` will
    start one for this many batches (nothing otherwise, and nothing if it already runs)."""
    if engine.scheduler is not None or engine.in_process(batches):
        return
    import multiprocessing.forkserver

    import dask
    from distributed.utils import get_mp_context

    with dask.config.set(WORKER_START):
        context = get_mp_context()  # distributed's own preload, set once ...
    context.set_forkserver_preload(["distributed", "pandas", "pyarrow", *modules])  # ... and ours with it
    multiprocessing.forkserver.ensure_running()


def map_batches(function: Callable, batches: Sequence[tuple], engine: Engine, sizes: Sequence[int] | None = None,
                progress: bool = False, log: Callable[[str], None] | None = None) -> Iterator:
    """`function(*batch)` for every batch, yielding the results as the batches finish. `sizes` (documents per
    batch) drive the progress bar on stderr."""
    log = log or (lambda line: print(f"claimcritique: {line}", file=sys.stderr))
    sizes = list(sizes) if sizes is not None else [1] * len(batches)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=sum(sizes), desc="analyzing", unit="doc", file=sys.stderr)
    try:
        if engine.in_process(len(batches)):
            for batch, size in zip(batches, sizes):
                yield function(*batch)
                if bar is not None:
                    bar.update(size)
            return
        with _client(engine, log) as client:
            yield from _distributed(client, function, batches, sizes, engine, bar)
    finally:
        if bar is not None:
            bar.close()


def _window(client, engine: Engine) -> int:
    """How many batches the cluster holds at once: enough to keep every worker thread busy (a running batch and
    one queued each, plus one), so the client and the scheduler hold a few batches' inputs, never the corpus's.
    Asked again as batches finish: workers that join an existing cluster get batches too."""
    if engine.scheduler is None:
        return 2 * max(engine.workers or 1, 1) + 1
    return 2 * max(_workers(client, engine.connect_timeout), 1) + 1


def _distributed(client, function: Callable, batches: Sequence[tuple], sizes: list[int], engine: Engine, bar) -> Iterator:
    from distributed import wait
    from distributed.client import FuturesCancelledError

    run = uuid.uuid4().hex[:8]
    local_window = _window(client, engine)
    size_of: dict[str, int] = {}
    pending: set = set()
    upcoming = iter(enumerate(zip(batches, sizes)))

    def submit_more() -> None:  # top the cluster up to `window` batches, in corpus order
        window = _window(client, engine) if engine.scheduler else local_window
        while len(pending) < window:
            try:
                i, (batch, size) = next(upcoming)
            except StopIteration:
                return
            future = client.submit(function, *batch, key=f"claimcritique-{run}-batch-{i:05d}", pure=False, retries=1)
            size_of[future.key] = size
            pending.add(future)

    submit_more()
    healthy = time.monotonic()
    try:
        while pending:
            try:
                with client.as_current():  # the client is not the process's default one
                    done, pending = wait(pending, timeout=2, return_when="FIRST_COMPLETED")
            except TimeoutError:
                done = set()
            except FuturesCancelledError as error:
                raise EngineError(f"the Dask scheduler dropped the batches ({error}); is it still running?") from None
            except OSError as error:  # distributed's CommClosedError is an OSError: the scheduler went away
                raise EngineError(f"lost the Dask scheduler ({type(error).__name__}); is it still running?") from None
            for future in done:
                if future.status == "error":
                    error = future.exception()
                    raise EngineError(f"a batch failed on the cluster: {type(error).__name__}: {error}") from error
                if future.status == "cancelled":
                    raise EngineError("the Dask scheduler cancelled the batches (was it stopped?)")
                try:
                    result = future.result()
                except (OSError, FuturesCancelledError) as error:  # the scheduler died while the result was gathered
                    raise EngineError(f"lost the Dask scheduler while collecting a batch ({type(error).__name__}); "
                                      "is it still running?") from None
                future.release()
                if bar is not None:
                    bar.update(size_of.pop(future.key))
                else:
                    size_of.pop(future.key)
                submit_more()  # before the caller handles the result: the workers never wait on the client
                yield result
                healthy = time.monotonic()
            if not done:
                if _workers(client, engine.connect_timeout):
                    healthy = time.monotonic()
                elif time.monotonic() - healthy > engine.lost_timeout:
                    raise EngineError(f"no Dask worker (or no scheduler) answered for {engine.lost_timeout:g} s with "
                                      f"{len(pending) + _left(upcoming)} batch(es) still to do; start workers (dask worker "
                                      f"{engine.scheduler or 'SCHEDULER'}) and run again")
    finally:
        for future in pending:
            future.release()


def _left(upcoming: Iterator) -> int:
    return sum(1 for _ in upcoming)


def _workers(client, timeout: float) -> int:
    """How many worker threads the scheduler knows now (0 when the scheduler does not answer)."""
    if client.status != "running":
        return 0
    try:
        return sum(client.nthreads(callback_timeout=timeout).values())
    except Exception:  # the scheduler is gone or busy past the timeout: counts as no worker
        return 0
