"""The local engine: a pool of worker processes on this machine (`concurrent.futures`, spawned, not forked).

Each process runs the factory once in its initializer. The pool outlives an `imap` call: the next call
with an equal factory uses the same processes (their models already loaded), so a job made of several
passes, like `index add`'s reading then embedding, starts its workers once; another factory, or `close`,
ends it. A process that dies breaks the whole pool (`BrokenProcessPool` fails every item in flight, and
says not which one it was): the pool is started again and the items that were in flight are retried one
at a time, so an item that kills its worker alone is known for it and given up after `retries` retries,
while the others go through.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from corroborate.engines.base import DEFAULT_RETRIES, Failed, Ordering, WorkerFactory, claim_cores, failure

__all__ = ["LocalEngine"]

log = logging.getLogger(__name__)

_function: Callable[[Any], Any] | None = None
_barrier: Any = None  # this pool's `threading.Barrier`-like object, for `start`


def _start_worker(factory: WorkerFactory, cores: int, barrier: Any) -> None:
    global _function, _barrier
    _exit_with(os.getppid())
    claim_cores(cores)
    _barrier = barrier
    _function = factory()


def _ready(timeout: float) -> int:
    """Held until every worker of the pool runs one (so each has started and built its function)."""
    _barrier.wait(timeout)
    return os.getpid()


def _exit_with(parent: int) -> None:
    """End this worker when `parent` (the driver) is gone: a killed driver must not leave workers behind,
    still holding their models and cores (multiprocessing leaves them running)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-driver", daemon=True).start()


def _run(item: Any) -> Any:
    assert _function is not None, "the pool's initializer did not run"
    return _function(item)


class LocalEngine:
    """`workers` processes (default: one per core this process may use), each on `cores` cores of its own
    (default: its share of them)."""

    name = "local"

    def __init__(self, workers: int | None = None, retries: int = DEFAULT_RETRIES, cores: int | None = None) -> None:
        available = len(os.sched_getaffinity(0))
        self.workers = workers or available
        self.cores = cores or max(1, available // self.workers)
        self.retries = retries
        self.pids: list[int] = []
        self._pool: ProcessPoolExecutor | None = None
        self._factory: WorkerFactory | None = None

    def _new_pool(self, factory: WorkerFactory) -> ProcessPoolExecutor:
        # spawn: ONNX Runtime's and tokenizers' threads do not survive a fork.
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(self.workers)
        return ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(factory, self.cores, barrier)
        )

    def _pool_for(self, factory: WorkerFactory) -> ProcessPoolExecutor:
        """The running pool when it was built by an equal factory, else a new one (the old one ended)."""
        if self._pool is not None and self._factory == factory:
            return self._pool
        self._end_pool()
        self._pool, self._factory = self._new_pool(factory), factory
        return self._pool

    def _end_pool(self, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
        self._pool, self._factory, self.pids = None, None, []

    def start(self, factory: WorkerFactory, timeout: float = 600.0) -> None:
        """Start the workers for `factory` and return once every one has built its function, so that the
        next `imap` with an equal factory starts at full speed (benchmarks time start-up apart this way).
        Raises `RuntimeError` when a worker dies while starting."""
        pool = self._pool_for(factory)
        try:
            self.pids = [f.result() for f in [pool.submit(_ready, timeout) for _ in range(self.workers)]]
        except BrokenProcessPool as exc:
            self._end_pool(wait=False)
            raise RuntimeError(f"a worker process died while starting ({exc})") from exc

    def imap(self, factory: WorkerFactory, items: Iterable[Any], ordered: bool = False) -> Iterator[tuple[Any, Any]]:
        source = iter(items)
        order = Ordering(ordered)
        pending: dict[Future[Any], tuple[int, Any, int]] = {}  # future -> (index, item, deaths so far)
        suspects: deque[tuple[int, Any, int]] = deque()  # lost with a worker: retried alone
        window = 2 * self.workers
        count = 0
        exhausted = False
        pool = self._pool_for(factory)
        finished = False
        try:
            while True:
                if suspects and not pending:
                    index, item, deaths = suspects.popleft()
                    pending[pool.submit(_run, item)] = (index, item, deaths)
                while not suspects and not exhausted and len(pending) < window and order.held < 4 * window:
                    try:
                        item = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    pending[pool.submit(_run, item)] = (count, item, 0)
                    count += 1
                if not pending:
                    yield from order.ready()
                    if exhausted and not suspects:
                        finished = True
                        return
                    continue
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                lost = self._collect(done, pending, order)
                if lost:
                    # The pool is broken: every item still in flight fails with it; wait for them all.
                    wait(pending)
                    lost += self._collect(set(pending), pending, order)
                    self._end_pool(wait=False)
                    log.warning("a worker process died; restarting the pool and retrying %d item(s)", len(lost))
                    pool = self._pool_for(factory)
                    alone = len(lost) == 1
                    for index, item, deaths in sorted(lost, key=lambda x: x[0]):
                        if alone and deaths + 1 > self.retries:
                            order.add(index, item, Failed(f"its worker process died {deaths + 1} times"))
                        else:
                            suspects.append((index, item, deaths + 1))
                self.pids = [p.pid for p in (pool._processes or {}).values()]  # for tests that kill one
                yield from order.ready()
        finally:
            if not finished:  # abandoned or failed: items may still be in flight; end the pool with them
                self._end_pool()

    @staticmethod
    def _collect(
        done: set[Future[Any]], pending: dict[Future[Any], tuple[int, Any, int]], order: Ordering
    ) -> list[tuple[int, Any, int]]:
        """Move finished futures' results into `order`; returns the items lost with a dead worker."""
        lost = []
        for future in done:
            index, item, tries = pending.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                lost.append((index, item, tries))
                continue
            except Exception as exc:
                result = failure(exc)
            order.add(index, item, result)
        return lost

    def close(self) -> None:
        """End the worker processes."""
        self._end_pool()

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
