"""The engine interface, the result of a failed item, and what the two engines share."""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from corroborate.errors import CorroborateError

__all__ = [
    "DEFAULT_RETRIES",
    "ENGINES",
    "Engine",
    "Failed",
    "Ordering",
    "WorkerFactory",
    "claim_cores",
    "failure",
    "open_engine",
]

ENGINES = ("local", "ray")
# Tries of an item beyond the first when its worker dies: a worker killed once costs one retry; an item
# that kills every worker it meets (a parser crash) is given up after this many and reported.
DEFAULT_RETRIES = 2

# A picklable callable whose call, made once in each worker, returns the function applied to each item.
WorkerFactory = Callable[[], Callable[[Any], Any]]


@dataclass(frozen=True)
class Failed:
    """An item the worker function raised on, or whose worker died more often than the retries allow."""

    reason: str


class Engine(Protocol):
    """Maps a worker function over items on `workers` workers; see the package docstring."""

    name: str
    workers: int
    cores: int

    def start(self, factory: WorkerFactory) -> None:
        """Start the workers for `factory` and wait until each has built its function. Optional: `imap`
        starts them when needed; an engine keeps them for the next `imap` with an equal factory."""
        ...

    def imap(self, factory: WorkerFactory, items: Iterable[Any], ordered: bool = False) -> Iterator[tuple[Any, Any]]:
        """(item, result or `Failed`) for each item, as they finish (`ordered`: in the items' order).

        Items are taken from `items` lazily, a few per worker ahead, so a long stream is never held whole.
        """
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


def open_engine(kind: str, workers: int | None = None, address: str | None = None, cores: int | None = None) -> Engine:
    """The engine `kind` ("local" or "ray") with `workers` workers (default: one per core), each running its
    models on `cores` cores (default: the cores shared out between the workers; one worker takes them all).

    `address` (Ray only) joins a running cluster: "auto" (one started on this machine with `ray start`)
    or "ray://HOST:PORT"; without it Ray starts a runtime on this machine. Raises `CorroborateError`
    when Ray is asked for and not installed, or the cluster cannot be joined.
    """
    if workers is not None and workers < 1:
        raise ValueError("workers must be 1 or more")
    if cores is not None and cores < 1:
        raise ValueError("cores must be 1 or more")
    if kind == "local":
        if address:
            raise ValueError("--address joins a Ray cluster; give it with --engine ray")
        from corroborate.engines.local import LocalEngine

        return LocalEngine(workers, cores=cores)
    if kind == "ray":
        from corroborate.engines.ray import RayEngine

        return RayEngine(workers, address, cores=cores)
    raise ValueError(f"unknown engine {kind!r}; choose one of {', '.join(ENGINES)}")


class Ordering:
    """Hands results back in the items' order (`ordered`) or as they finish, holding the early ones."""

    def __init__(self, ordered: bool) -> None:
        self.ordered = ordered
        self._held: dict[int, tuple[Any, Any]] = {}
        self._next = 0

    @property
    def held(self) -> int:
        return len(self._held)

    def add(self, index: int, item: Any, result: Any) -> None:
        self._held[index] = (item, result)

    def ready(self) -> list[tuple[Any, Any]]:
        if not self.ordered:
            out = [self._held[i] for i in sorted(self._held)]
            self._held.clear()
            return out
        out = []
        while self._next in self._held:
            out.append(self._held.pop(self._next))
            self._next += 1
        return out


def failure(exc: BaseException) -> Failed:
    """A worker function's exception as a reason: a `CorroborateError`'s own message, else its type too."""
    if isinstance(exc, CorroborateError):
        return Failed(str(exc))
    return Failed(f"{type(exc).__name__}: {exc}")


# Each worker runs its models on `count` cores of its own. ONNX Runtime starts one thread per core the
# process may run on, so without this N workers on N cores would start N² spinning threads. A worker
# claims a slot of cores with a lock file that dies with it, so workers of one machine split its cores
# between them without talking to each other, under either engine, and a restarted worker takes the
# slot its dead predecessor left.
_held_slot: Any = None
_held_cores: list[int] | None = None


# How long a starting worker waits for a slot when all are held: a worker of the engine before (a Ray
# actor is killed asynchronously) frees its slot within a second; a second job on this machine does not.
SLOT_WAIT_S = 3.0


def claim_cores(count: int, wait_s: float = SLOT_WAIT_S) -> list[int]:
    """Pin this process to `count` cores of a free slot of this machine's cores; returns them.

    Does nothing (and returns every core) when `count` covers all of them. When every slot is taken,
    waits up to `wait_s` for one to be freed, then (more workers than cores) shares the slot its process
    id falls in. Without the wait, a worker started while the previous engine's were still exiting was
    pinned beside its sibling on one core, leaving the other idle.
    """
    global _held_slot, _held_cores
    if _held_cores is not None:  # claimed already, by this process
        return _held_cores
    cores = sorted(os.sched_getaffinity(0))
    if count >= len(cores):
        return cores
    slots = len(cores) // count
    folder = Path(tempfile.gettempdir())
    chosen = os.getpid() % slots
    deadline = time.monotonic() + wait_s
    while _held_slot is None:
        for slot in range(slots):
            handle = open(folder / f"corroborate-cores-{os.getuid()}-{count}-{slot}.lock", "a")  # noqa: SIM115
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                continue
            _held_slot, chosen = handle, slot
            break
        if _held_slot is not None or time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    mine = cores[chosen * count : (chosen + 1) * count]
    os.sched_setaffinity(0, mine)
    _held_cores = mine
    return mine
