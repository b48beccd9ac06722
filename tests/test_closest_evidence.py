"""Evidence always shown (issue 15, item 1): every claim lists the library's sentences closest to it,
even when the evidence gates keep them from deciding; "no source covers the claim" only when nothing in
the library shares a word with it. Real library on disk, real retrieval, the shipped verifier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate import Library
from corroborate.api import check, verify_claims
from corroborate.records import Label
from corroborate.report import render_html, render_markdown, render_text, to_dict

DIKE = "The Vellmar dike was designed by the engineer Anton Reiss after the 1927 flood."
HARVEST = "Farmers in the Ostra valley brought in a poor harvest of barley that autumn."
# A paraphrase that shares too few of the dike sentence's words for the gates to let it decide.
PARAPHRASE = "The barrier protecting Vellmar was the work of a civil engineer."


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("closest")
    for name, text in {"dike.txt": DIKE, "harvest.txt": HARVEST}.items():
        (root / name).write_text(text + "\n", encoding="utf-8")
    with Library.open(root / "lib", create=True) as lib:
        assert lib.add([root / "dike.txt", root / "harvest.txt"]).ok
    return root / "lib"


def test_a_related_sentence_the_gates_keep_out_is_shown_and_named_in_the_explanation(library):
    with Library.open(library) as lib:
        verdict = verify_claims([PARAPHRASE], lib)[0]
    assert verdict.label is Label.NOT_ENOUGH_EVIDENCE
    assert verdict.considered == ()  # nothing passed the gates ...
    assert [j.evidence.text for j in verdict.closest()] == [DIKE]  # ... but the closest sentence is there
    assert "related sentence(s) found" in verdict.explanation
    assert "no source" not in verdict.explanation
    # the confidence is the calibrated chance that the related sentence says nothing either way, not 1.00
    assert 0.0 < verdict.confidence < 1.0
    assert verdict.confidence == verdict.nearest[0].neutral


def test_no_source_covers_the_claim_only_when_nothing_shares_a_word_with_it(library):
    with Library.open(library) as lib:
        verdict = verify_claims(["The moon is made of green cheese."], lib)[0]
    assert verdict.label is Label.NOT_ENOUGH_EVIDENCE
    assert verdict.closest() == ()
    assert verdict.explanation == "no source in the library covers the claim"


def test_a_decided_claim_lists_its_deciding_sentence_among_the_closest(library):
    with Library.open(library) as lib:
        verdict = verify_claims(["Anton Reiss designed the Vellmar dike."], lib)[0]
    assert verdict.label is Label.SUPPORTED
    assert verdict.closest()[0].evidence.text == DIKE


def test_every_report_format_shows_the_closest_sentences(library, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Vellmar Dike\n\nVellmar's flood barrier on the Ostra river was the work of a civil engineer, the town of "
        "Vellmar said in 2024.\n",
        encoding="utf-8",
    )
    with Library.open(library) as lib:
        result = check(article, lib)
    report = to_dict(result)
    assert report["schema_version"] == "1.8"
    undecided = [c for c in report["claims"] if not any(e["decisive"] for e in c["evidence"])]
    assert undecided, [c["verdict"] for c in report["claims"]]
    claim = undecided[0]
    assert claim["closest"][0]["text"] == DIKE
    assert claim["closest"][0]["weighed"] is False
    assert {"retrieval_score", "overlap", "origin", "start", "end"} <= set(claim["closest"][0])
    json.dumps(report)  # plain data
    for rendered in (render_text(result), render_markdown(report), render_html(report)):
        assert "Closest in the library" in rendered
        assert "Vellmar dike was designed by the engineer Anton Reiss" in rendered


def test_two_sentences_are_also_read_together_when_asked(tmp_path):
    from dataclasses import replace

    from corroborate.config import Settings

    (tmp_path / "dike.txt").write_text(
        "The new Vellmar dike was finished in 1928. Its designer was the engineer Anton Reiss.\n", encoding="utf-8"
    )
    claim = "The engineer Anton Reiss designed the Vellmar dike finished in 1928."
    with Library.open(tmp_path / "lib", create=True) as lib:
        assert lib.add([tmp_path / "dike.txt"]).ok
        single = verify_claims([claim], lib)[0]
        joined = verify_claims([claim], lib, replace(Settings(), joined_evidence=2, min_similarity=0.0))[0]
    texts = {j.evidence.text for j in joined.considered}
    both = "The new Vellmar dike was finished in 1928. Its designer was the engineer Anton Reiss."
    assert both in texts
    window = next(j for j in joined.considered if j.evidence.text == both)
    source = (tmp_path / "dike.txt").read_text(encoding="utf-8")
    assert source[window.evidence.start : window.evidence.end] == both  # its span covers both sentences
    assert both not in {j.evidence.text for j in single.considered}  # off by default
