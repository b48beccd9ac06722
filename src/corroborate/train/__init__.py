"""Building models: training and exporting verifiers. Never imported at run time.

Training needs PyTorch and transformers, which a plain install of corroborate leaves out (the `train`
extra brings them): the entry points that use them call `require_torch` first, so a missing extra is a
one-line message naming it, never a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from corroborate.errors import CorroborateError
from corroborate.verify.torch_runtime import require_torch as _require

__all__ = ["reports_errors", "require_torch"]


def require_torch(what: str = "training") -> None:
    """Raise `ModelError` saying `pip install 'corroborate[train]'` when PyTorch or transformers is missing."""
    _require(what, extra="train")


def reports_errors(main: Callable[..., int]) -> Callable[..., int]:
    """For a `python -m corroborate.train.X` main: a `CorroborateError` (a missing extra, a model folder
    that cannot be loaded) is printed as one line, `error: ...`, and the main returns 1."""

    @functools.wraps(main)
    def checked(*args: object, **kwargs: object) -> int:
        try:
            return main(*args, **kwargs)
        except CorroborateError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    return checked
