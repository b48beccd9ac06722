"""The bundled example gives its intended verdicts, with evidence, through the API and the CLI."""

from __future__ import annotations

import json

import pytest

from corroborate import Label, Library, Settings, check
from corroborate.report import SCHEMA_VERSION
from tests.conftest import EXAMPLES, run_cli

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text())


@pytest.fixture(scope="module")
def result(example_library_path):
    with Library.open(example_library_path) as lib:
        return check(EXAMPLES / "article.md", lib)


@pytest.fixture(scope="module")
def result_checking_all(example_library_path):
    """The check with the statements set aside as needing the article checked too (`--check-unclear`)."""
    with Library.open(example_library_path) as lib:
        return check(EXAMPLES / "article.md", lib, Settings(check_unclear=True))


def _verdict_for(result, fragment: str):
    found = [v for v in result.verdicts if fragment in v.claim.sentence]
    assert found, f"no claim holds {fragment!r}; claims: {[v.claim.sentence for v in result.verdicts]}"
    return found[0]


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["claim_contains"][:40] for e in EXPECTED])
def test_intended_verdicts(result, result_checking_all, expected):
    if expected.get("set_aside"):
        # the context model reads it as leaning on the article: listed as not checked, and checked on request
        assert any(expected["claim_contains"] in c.sentence for c in result.needs_context)
        assert not any(expected["claim_contains"] in v.claim.sentence for v in result.verdicts)
        result = result_checking_all
    verdict = _verdict_for(result, expected["claim_contains"])
    assert verdict.label.value == expected["verdict"], verdict.explanation
    if expected["evidence_contains"] and expected["verdict"] != "NOT ENOUGH EVIDENCE":
        assert any(expected["evidence_contains"] in j.evidence.text for j in verdict.deciding)


def test_evidence_offsets_point_into_the_stored_documents(result, example_library_path):
    with Library.open(example_library_path) as lib:
        for v in result.verdicts:
            for j in v.deciding:
                e = j.evidence
                text = lib.store._conn.execute("SELECT text FROM documents WHERE id = ?", (e.doc_id,)).fetchone()[0]
                assert text[e.start : e.end] == e.text


def test_claim_offsets_point_into_the_article(result):
    for v in result.verdicts:
        assert result.article.text[v.claim.start : v.claim.end] == v.claim.sentence


def test_the_run_and_its_verdicts_are_stored(result, example_library_path):
    with Library.open(example_library_path) as lib:
        stored = lib.store.run_verdicts(result.run_id)
    assert [(s["claim"], s["label"]) for s in stored] == [(v.claim.text, v.label.value) for v in result.verdicts]


def test_every_label_of_the_example_story_is_present(result):
    labels = {v.label for v in result.verdicts}
    assert {Label.SUPPORTED, Label.REFUTED, Label.NOT_ENOUGH_EVIDENCE} <= labels


def test_cli_json_is_identical_twice_and_follows_the_schema(example_library_path, tmp_path):
    out = tmp_path / "report.json"
    first = run_cli("check", EXAMPLES / "article.md", "--library", example_library_path, "--format", "json", "-q")
    second = run_cli(
        "check", EXAMPLES / "article.md", "--library", example_library_path, "--format", "json", "-q", "--out", out
    )
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert first.stdout == out.read_text()
    report = json.loads(first.stdout)
    assert report["schema_version"] == SCHEMA_VERSION
    assert report["summary"]["claims"] == len(report["claims"])
    refuted = [c for c in report["claims"] if c["verdict"] == "REFUTED"]
    assert refuted and all(c["evidence"][0]["decisive"] and c["evidence"][0]["stance"] == "refutes" for c in refuted)
    for claim in report["claims"]:
        assert set(claim) >= {"id", "text", "sentence", "start", "end", "speaker", "verdict", "confidence", "evidence"}
        assert set(claim) >= {"spans", "speaker_role", "claimed_by", "reported", "resolutions", "notes"}
        text = report["article"]["text"]
        assert all(text[a:b] in claim["sentence"] for a, b in claim["spans"])
        for e in claim["evidence"]:
            assert set(e) >= {"doc_id", "title", "origin", "text", "start", "end", "probabilities", "stance", "error"}


def test_cli_text_and_markdown_reports(example_library_path):
    text = run_cli("check", EXAMPLES / "article.md", "--library", example_library_path, "-q")
    assert text.returncode == 0, text.stderr
    assert "REFUTED" in text.stdout and "Anton Reiss" in text.stdout and "Summary:" in text.stdout
    assert "\x1b[" not in text.stdout  # no colour codes when not a terminal
    md = run_cli("check", EXAMPLES / "article.md", "--library", example_library_path, "--format", "md", "-q")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# Fact-check:") and "| # | Claim |" in md.stdout


def test_the_changed_figure_is_explained_and_sources_are_counted_by_side(example_library_path):
    done = run_cli("check", EXAMPLES / "article.md", "--library", example_library_path, "--format", "json", "-q")
    report = json.loads(done.stdout)
    claim = next(c for c in report["claims"] if "2,400 residents" in c["text"])
    assert claim["verdict"] == "REFUTED"
    assert "claim says 2,400, source says 4,200" in claim["explanation"]
    assert [s["title"] for s in claim["sources"]["contradicting"]] == ["OSTRA RIVER AUTHORITY AND TOWN OF VELLMAR"]
    assert claim["sources"]["supporting"] == []
    decisive = claim["evidence"][0]
    assert decisive["figure_check"] == "contradicts"
    assert any(f["status"] == "mismatch" and f["confident"] for f in decisive["checks"])
    text = run_cli("check", EXAMPLES / "article.md", "--library", example_library_path, "-q").stdout
    assert "claim says 2,400, source says 4,200" in text


def test_verify_claims_given_as_text_gives_the_verdicts_check_gives(result, example_library_path):
    from corroborate.api import verify_claims
    from corroborate.errors import InputError

    chosen = [v for v in result.verdicts if v.label != Label.NOT_ENOUGH_EVIDENCE][:2]
    with Library.open(example_library_path) as lib:
        verdicts = verify_claims([v.claim.text for v in chosen], lib)
        assert [v.claim.id for v in verdicts] == ["c1", "c2"]
        assert [v.label for v in verdicts] == [v.label for v in chosen]
        assert [v.confidence for v in verdicts] == [v.confidence for v in chosen]
        with pytest.raises(InputError, match="claim 2"):
            verify_claims(["A claim.", "  "], lib)
