"""Progress bars on stderr, shown only on a terminal and never with --quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm

__all__ = ["progress"]


@contextmanager
def progress(total: int | None, desc: str, unit: str = "it", enabled: bool = True) -> Iterator[tqdm]:
    """A tqdm bar on stderr; disabled unless `enabled` and stderr is a terminal."""
    bar = tqdm(
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        leave=False,
        dynamic_ncols=True,
        disable=not (enabled and sys.stderr.isatty()),
    )
    try:
        yield bar
    finally:
        bar.close()
