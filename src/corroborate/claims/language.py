"""Which language an article is in: claims are extracted from English only, for now."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["MIN_WORDS", "detect_language", "language_name"]

# Below this many words, identification is a guess: short texts are let through.
MIN_WORDS = 8

_NAMES = {
    "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese",
    "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "ar": "Arabic", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "tr": "Turkish", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish",
    "cs": "Czech", "el": "Greek", "he": "Hebrew", "hi": "Hindi", "fa": "Persian", "ro": "Romanian",
    "hu": "Hungarian", "id": "Indonesian", "vi": "Vietnamese", "bg": "Bulgarian", "sr": "Serbian",
}  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str, sample_chars: int = 5000) -> tuple[str, float]:
    """(ISO 639-1 code, probability) for the text's first `sample_chars` characters."""
    code, probability = _identifier().classify(text[:sample_chars])
    return str(code), float(probability)


def language_name(code: str) -> str:
    return _NAMES.get(code, code)
