"""The Ray engine: one Ray actor per worker, each building its function once, on this machine or a cluster.

Without an address Ray starts a runtime on this machine (`ray.init(address="local")`, one CPU per core);
with one it joins a running cluster: "auto" (a head started on this machine with `ray start --head`) or
"ray://HOST:PORT" (Ray Client). Actors are created with `max_restarts=-1` and `max_task_retries`: when
one's process dies (killed, out of memory, its node lost), Ray starts it again, its factory runs again,
and the items it held are retried on it; an item whose retries run out comes back as `Failed`. The
actors outlive an `imap` call: the next call with an equal factory uses them (their models loaded); another
factory, or `close`, ends them.
Usage statistics are off (`RAY_USAGE_STATS_ENABLED=0`): nothing leaves the cluster.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from corroborate.engines.base import DEFAULT_RETRIES, Failed, Ordering, WorkerFactory, claim_cores, failure
from corroborate.errors import CorroborateError

__all__ = ["RayEngine"]


INSTALL = "pip install 'corroborate[ray]'"


def _import_ray() -> Any:
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # before Ray is imported: it reads this once
    try:
        import ray
    except ImportError as exc:
        raise CorroborateError(f"--engine ray needs Ray, which is not installed ({exc}): {INSTALL}") from exc
    return ray


def _send_token_if_any() -> None:
    """Send the cluster's token when there is one (`RAY_AUTH_TOKEN`, `RAY_AUTH_TOKEN_PATH`, ~/.ray/auth_token).

    `ray start` enables token authentication by default (Ray 2.59 and later) and writes the token to
    ~/.ray/auth_token, but a driver joining with an address sends it only under `RAY_AUTH_MODE=token`.
    An explicit `RAY_AUTH_MODE` is left as it is.
    """
    if "RAY_AUTH_MODE" in os.environ:
        return
    default = Path.home() / ".ray" / "auth_token"
    if os.environ.get("RAY_AUTH_TOKEN") or os.environ.get("RAY_AUTH_TOKEN_PATH") or default.is_file():
        os.environ["RAY_AUTH_MODE"] = "token"


class _Worker:
    """A Ray actor holding one built worker function."""

    def __init__(self, factory: WorkerFactory, cores: int) -> None:
        claim_cores(cores)
        self._function = factory()

    def pid(self) -> int:
        return os.getpid()

    def run(self, item: Any) -> Any:
        try:
            return self._function(item)
        except Exception as exc:  # the item's failure, not the worker's: keep the actor
            return failure(exc)


class RayEngine:
    """`workers` Ray actors (default: one per CPU of the cluster), each given `cores` CPUs."""

    name = "ray"

    def __init__(
        self,
        workers: int | None = None,
        address: str | None = None,
        retries: int = DEFAULT_RETRIES,
        cores: int | None = None,
    ) -> None:
        ray = self._ray = _import_ray()
        self.address = address
        self.retries = retries
        self.pids: list[int] = []
        self._actors: list[Any] = []
        self._factory: WorkerFactory | None = None
        self._started = False
        if not ray.is_initialized():
            options: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
            try:
                if address:
                    _send_token_if_any()
                    ray.init(address=address, **options)
                else:
                    cpus = len(os.sched_getaffinity(0))
                    ray.init(address="local", num_cpus=cpus, include_dashboard=False, **options)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = f"the Ray cluster at {address}" if address else "a local Ray runtime"
                raise CorroborateError(
                    f"cannot start or join {where} ({exc}); for a cluster, start it with `ray start --head` "
                    "and give --address auto on that machine or ray://HOST:10001 elsewhere"
                ) from exc
            self._started = True
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.workers = workers or cpus
        self.cores = cores or max(1, cpus // self.workers)
        # More workers than CPUs share them (a fraction each), or the last ones would wait forever for a CPU.
        self.cpus_per_worker: float = cpus / self.workers if self.workers > cpus else min(self.cores, cpus)

    def start(self, factory: WorkerFactory) -> None:
        """Create the actors for `factory` and return once every one has built its function, so that the
        next `imap` with an equal factory starts at full speed (benchmarks time start-up apart this way)."""
        if self._actors and self._factory == factory:
            return
        self._end_actors()
        actor_class = self._ray.remote(_Worker).options(
            num_cpus=self.cpus_per_worker, max_restarts=-1, max_task_retries=self.retries, max_concurrency=1
        )
        self._actors = [actor_class.remote(factory, self.cores) for _ in range(self.workers)]
        self._factory = factory
        self.pids = self._ray.get([a.pid.remote() for a in self._actors])  # waits until every one is built

    def _end_actors(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor, no_restart=True)
        self._actors, self._factory, self.pids = [], None, []

    def imap(self, factory: WorkerFactory, items: Iterable[Any], ordered: bool = False) -> Iterator[tuple[Any, Any]]:
        from ray.exceptions import RayActorError

        self.start(factory)
        finished = False
        try:
            yield from self._dispatch(self._actors, items, ordered, RayActorError)
            finished = True
        finally:
            if not finished:  # abandoned or failed: items may still be queued on the actors; end them
                self._end_actors()

    def _dispatch(
        self, actors: list[Any], items: Iterable[Any], ordered: bool, actor_error: type[Exception]
    ) -> Iterator[tuple[Any, Any]]:
        ray = self._ray
        source = iter(items)
        order = Ordering(ordered)
        # Two items per actor: one running, one waiting in its queue, so it never idles between items.
        load = dict.fromkeys(range(len(actors)), 0)
        pending: dict[Any, tuple[int, Any, int]] = {}  # ref -> (index, item, actor)
        count = 0
        exhausted = False

        def submit(index: int, item: Any) -> None:
            slot = min(load, key=lambda a: (load[a], a))
            pending[actors[slot].run.remote(item)] = (index, item, slot)
            load[slot] += 1

        while True:
            while not exhausted and min(load.values()) < 2 and order.held < 8 * len(actors):
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                submit(count, item)
                count += 1
            if not pending:
                yield from order.ready()
                if exhausted:
                    return
                continue
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                index, item, slot = pending.pop(ref)
                load[slot] -= 1
                try:
                    result = ray.get(ref)
                except actor_error as exc:  # Ray's retries on the restarted actor ran out
                    result = Failed(f"its worker died {self.retries + 1} times ({type(exc).__name__})")
                except Exception as exc:  # RayTaskError and the like: the item's own failure
                    result = failure(exc)
                order.add(index, item, result)
            yield from order.ready()

    def close(self) -> None:
        """End the actors, and the Ray runtime when this engine started it."""
        self._end_actors()
        if self._started:
            self._ray.shutdown()
            self._started = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
