"""Where batch work runs: a pool of worker processes on this machine (`local`) or a Ray cluster (`ray`).

An engine maps a worker function over a stream of items. The function is built once in each worker by
a picklable *factory* (calling it loads the models), so a worker pays for its models once, not once per
item. The driver (the process that opened the engine) consumes the results as they come back and is the
only process that writes the library; workers only read it.

    with open_engine("local", workers=2) as engine:
        for item, result in engine.imap(factory, items):
            ...  # result is the function's return value, or `Failed` with the reason

A worker process that dies (killed, out of memory, a node lost) costs a retry of the items it held,
never the run; an item that keeps killing its worker is returned as `Failed` after `retries` tries.
"""

from corroborate.engines.base import ENGINES, Engine, Failed, WorkerFactory, open_engine

__all__ = ["ENGINES", "Engine", "Failed", "WorkerFactory", "open_engine"]
