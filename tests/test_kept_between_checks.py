"""What a process keeps between checks (the service, batch workers): library sentences' gate vectors and the
names found in them. A second check must be the first to the bit; the checked article's text is never kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate import Library, api, check
from corroborate.lru import LRU
from corroborate.report import to_dict
from corroborate.retrieve.encoder import load_encoder
from corroborate.segment import sentences
from corroborate.verify.figures import compare_many
from corroborate.verify.names import NameMention

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_the_lru_keeps_the_most_recently_used() -> None:
    memory: LRU[str, int] = LRU(2)
    memory.put_many([("a", 1), ("b", 2)])
    assert memory.get_many(["a", "x"]) == {"a": 1}  # "a" now the most recent
    memory.put_many([("c", 3)])
    assert "b" not in memory and memory.get_many(["a", "c"]) == {"a": 1, "c": 3} and len(memory) == 2
    memory.clear()
    assert len(memory) == 0
    with pytest.raises(ValueError):
        LRU(0)


def test_a_kept_vector_is_recalled_in_a_later_block_and_is_the_vector_to_the_bit() -> None:
    encoder = load_encoder()
    text = "The harbour wall of Vellmar was built in 1931 by Anton Reiss."
    alone = encoder.encode([text])[0]
    with encoder.remembering():
        encoder.keep([text])  # not encoded in this block: nothing to keep
    assert text not in encoder.kept
    with encoder.remembering():
        encoder.prefetch([text])
        encoder.encode([text])
        encoder.keep([text])
    assert np.array_equal(encoder.kept.get_many([text])[text], alone)
    # a later block takes the kept vector instead of running the model (shown with a vector the model never gives)
    marked = "A sentence kept with a marked vector."
    encoder.kept.put_many([(marked, np.full(encoder.dims, 0.5, dtype=np.float32))])
    with encoder.remembering():
        encoder.recall([marked, text])
        got = encoder.encode([text, marked])
    assert np.array_equal(got[0], alone) and np.all(got[1] == 0.5)
    encoder.recall([marked])  # outside a block: nothing happens, nothing is remembered
    assert not np.all(encoder.encode([marked])[0] == 0.5)


def test_kept_names_are_the_parsed_names_and_only_the_evidence_sides_are_kept() -> None:
    pairs = [
        ("Anna Berg closed the bridge on Monday.", "Jonas Weber closed the bridge on Monday."),
        ("Anna Berg closed the bridge on Monday.", "Maria Keller is the mayor of Vellmar."),
    ]
    kept: LRU[str, tuple[NameMention, ...]] = LRU(10)
    fresh = compare_many(pairs)
    assert compare_many(pairs, kept_names=kept) == fresh
    assert set(kept.get_many(t for p in pairs for t in p)) == {e for _, e in pairs}  # never the claim
    assert compare_many(pairs, kept_names=kept) == fresh  # the second time from the memory
    # what is kept is what is used: a memory that says the source names nobody changes the finding
    kept.put_many([(pairs[0][1], ())])
    assert fresh[0].findings and compare_many(pairs[:1], kept_names=kept)[0].findings == ()


def test_a_second_check_in_a_process_is_the_first_to_the_bit_and_keeps_no_article_text(
    example_library_path: Path,
) -> None:
    encoder = load_encoder()
    encoder.kept.clear()
    api._KEPT_NAMES.clear()
    article = EXAMPLES / "article.md"
    with Library.open(example_library_path) as lib:
        first = to_dict(check(article, lib))
        kept_vectors, kept_names = len(encoder.kept), len(api._KEPT_NAMES)
        second = to_dict(check(article, lib))
    for report in (first, second):
        report.pop("seconds", None)
        report.pop("run_id", None)
    assert first == second
    assert kept_vectors > 0 and kept_names > 0
    assert (len(encoder.kept), len(api._KEPT_NAMES)) == (kept_vectors, kept_names)  # nothing new the 2nd time
    sources = " ".join(" ".join(f.read_text().split()) for f in (EXAMPLES / "library").iterdir())
    article_only = [s.text for s in sentences("a", article.read_text()) if " ".join(s.text.split()) not in sources]
    assert article_only
    assert not encoder.kept.get_many(article_only) and not api._KEPT_NAMES.get_many(article_only)
