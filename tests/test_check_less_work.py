"""Issue 17: `check` does less work for the same report. Each text the similarity gate remembers is encoded
in a run of its own (on the encoder's thread while the library is read), and only the nearest sentences a
report shows are judged. Real models, the example library on disk."""

from __future__ import annotations

import dataclasses

import numpy as np

from corroborate import Library
from corroborate.api import check, find_claims, shown_nearest, verify_claims
from corroborate.records import Evidence
from corroborate.report import to_dict
from corroborate.retrieve.encoder import load_encoder
from tests.conftest import EXAMPLES

TEXTS = [
    "Schools stay closed.",
    "The Vellmar dike was designed by the engineer Anton Reiss after the 1927 flood, and rebuilt in 1958.",
    "About 350 soldiers were sent to Vellmar to reinforce the dike with sandbags on 14 March 2026.",
    "The river peaked at 7.8 metres.",
]


def test_texts_encoded_one_a_run_are_the_batched_vectors_to_the_bit() -> None:
    encoder = load_encoder()
    batched = encoder.encode(TEXTS, batch_size=64)  # padded to the longest, in one run
    with encoder.remembering():
        alone = encoder.encode(TEXTS)
    assert np.array_equal(alone, batched)


def test_check_worthiness_and_the_similarity_gate_share_one_encoder_and_its_memory() -> None:
    from corroborate.claims.checkworthy import load_checkworthiness

    encoder = load_encoder()
    assert load_encoder(max_length=256) is encoder
    assert load_checkworthiness().encoder is encoder  # asked for with the model's own token limit


def test_prefetched_vectors_are_the_vectors_to_the_bit() -> None:
    encoder = load_encoder()
    batched = encoder.encode(TEXTS, batch_size=64)
    encoder.prefetch(TEXTS)  # outside remembering: nothing to keep them in, nothing done
    with encoder.remembering():
        encoder.prefetch(TEXTS[1:3])
        encoder.prefetch(TEXTS[2:])  # one of them already on its way
        got = encoder.encode(TEXTS)  # the first encoded here, the others taken from the encoder's thread
        pending = [t for t, v in encoder._memo.vectors.items() if not isinstance(v, np.ndarray)]
    assert np.array_equal(got, batched)
    assert pending == []  # every prefetched text the block encoded was settled


def _evidence(doc: str, start: int, score: float) -> Evidence:
    return Evidence(doc, "", "", None, f"{doc} {start}", start, start + 10, "", "", score, 0.5)


def test_shown_nearest_are_those_closest_picks_from_evidence_and_nearest_together() -> None:
    evidence = [_evidence("a", 0, 0.9), _evidence("b", 0, 0.5)]
    nearest = [_evidence("c", 0, 0.7), _evidence("d", 0, 0.5), _evidence("c", 20, 0.2)]
    # ranked: a 0.9, c 0.7, then b and d tie at 0.5 and "b" comes first: c alone of the nearest is shown
    assert shown_nearest(evidence, nearest) == [nearest[0]]
    assert shown_nearest(evidence[:1], nearest) == nearest[:2]
    # a claim with no evidence reads all its nearest sentences (its verdict's confidence and explanation)
    assert shown_nearest([], nearest) == nearest


def test_check_judges_fewer_nearest_sentences_for_the_same_report(example_library_path) -> None:
    with Library.open(example_library_path) as lib:
        result = check(EXAMPLES / "article.md", lib)
        extraction = find_claims(EXAMPLES / "article.md")
        assert extraction.claims == [v.claim for v in result.verdicts]
        everything = verify_claims(extraction.claims, lib, document_date=extraction.document_date, all_nearest=True)
    full = dataclasses.replace(result, verdicts=tuple(everything))
    assert to_dict(full) == to_dict(result)
    judged = sum(len(v.nearest) for v in result.verdicts)
    assert judged < sum(len(v.nearest) for v in everything)
    for fast, slow in zip(result.verdicts, everything, strict=True):
        assert fast.closest() == slow.closest()
        assert set(fast.nearest) <= set(slow.nearest)


CLAIM = "Jonas Weber closed the Vellmar bridge on Monday."
SOURCE = "Anna Berg closed the Vellmar bridge on Monday."


def test_names_noted_while_claims_are_parsed_are_the_parsed_names_on_that_thread_only() -> None:
    import threading

    from corroborate.claims.parse import load_parser
    from corroborate.verify.names import names_in, noting_names

    parser = load_parser()
    texts = [CLAIM, SOURCE, *TEXTS]
    noted: dict = {}
    elsewhere: dict = {}
    with noting_names(parser, noted):
        list(parser.pipe(texts, batch_size=2))
        parser("A text parsed on this thread.")
        other = threading.Thread(target=lambda: parser("A text parsed on another thread."))
        other.start()
        other.join()
    parser("A text parsed after the block.")
    with noting_names(parser, elsewhere):
        pass
    assert set(noted) == {*texts, "A text parsed on this thread."}
    assert noted == {text: names_in(parser(text)) for text in noted}  # what parsing each alone gives
    assert noted[CLAIM] and elsewhere == {}


def test_known_names_are_taken_instead_of_parsing_the_text_again() -> None:
    from corroborate.verify.figures import compare_many
    from corroborate.verify.names import find_names

    parsed = compare_many([(CLAIM, SOURCE)])
    assert compare_many([(CLAIM, SOURCE)], known_names={CLAIM: find_names(CLAIM)}) == parsed
    # a text given as naming no one is not parsed: the two people no longer pair
    assert any(f.kind == "name" for f in parsed[0].findings)
    assert not any(f.kind == "name" for f in compare_many([(CLAIM, SOURCE)], known_names={CLAIM: ()})[0].findings)
