"""Document text → sentences and passages, keeping character offsets into the stored text.

Blocks are separated by blank lines (ingest puts headings and HTML paragraphs in blocks of their own);
sentences come from nupunkt's bundled Punkt model inside each block; passages gather whole sentences
of one block, or of several short neighbouring blocks, up to `max_chars`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corroborate.records import Passage, Sentence

__all__ = ["blocks", "passages", "sentences"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-blank block, whitespace trimmed."""
    pos = 0
    for match in _BLANK_LINE.finditer(text):
        yield from _trimmed(text, pos, match.start())
        pos = match.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


# Titles written with a full stop before a name, which Punkt (and the claims parser's tokenizer) would
# take for a sentence's end ("said Lt. Col. Kasim Hatim", "after Cpl. Nathan Cirillo was wounded").
TITLE_ABBREVIATIONS = ("Lt", "Col", "Gen", "Maj", "Capt", "Cpl", "Sgt", "Det", "Insp", "Supt", "Cmdr", "Adm", "Brig",
                       "Gov", "Sen", "Rep", "Rev", "Hon", "Pvt", "Pte")  # fmt: skip
_TITLE_END = re.compile(r"(?:^|\s)(?:" + "|".join(TITLE_ABBREVIATIONS) + r")\.$")


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    import nupunkt

    block = text[start:end]
    spans = [(start + s, start + e) for _, (s, e) in nupunkt.sent_spans_with_text(block)]
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if (
            merged
            and _TITLE_END.search(text[merged[-1][0] : merged[-1][1]].rstrip())
            and text[s:e].lstrip()[:1].isupper()
        ):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    for s, e in merged:
        yield from _trimmed(text, s, e)


def sentences(doc_id: str, text: str) -> list[Sentence]:
    """Split a document's text into sentences with offsets into `text`."""
    out: list[Sentence] = []
    for b_start, b_end in blocks(text):
        for s, e in _sentence_spans(text, b_start, b_end):
            out.append(Sentence(doc_id=doc_id, index=len(out), start=s, end=e, text=text[s:e]))
    return out


def passages(doc_id: str, text: str, max_chars: int = 1000) -> list[Passage]:
    """Group a document's sentences into passages of at most about `max_chars` characters.

    A passage never splits a sentence; a single sentence longer than `max_chars` is a passage alone.
    Short neighbouring blocks (a heading and its first paragraph) share a passage.
    """
    out: list[Passage] = []
    current: list[Sentence] = []

    def flush() -> None:
        if current:
            start, end = current[0].start, current[-1].end
            out.append(
                Passage(
                    doc_id=doc_id, index=len(out), start=start, end=end, text=text[start:end], sentences=tuple(current)
                )
            )
            current.clear()

    block_of = _block_index(text)
    for sentence in sentences(doc_id, text):
        if current:
            too_long = sentence.end - current[0].start > max_chars
            new_block = block_of(sentence.start) != block_of(current[-1].start)
            if too_long or (new_block and current[-1].end - current[0].start > max_chars // 3):
                flush()
        current.append(sentence)
    flush()
    return out


def _block_index(text: str):
    bounds = [start for start, _ in blocks(text)]

    def index_of(offset: int) -> int:
        lo, hi = 0, len(bounds)
        while lo < hi:
            mid = (lo + hi) // 2
            if bounds[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1

    return index_of
