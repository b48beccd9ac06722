"""The context model (issue 14, tenth round): a claim that leans on its article as a whole, with no one
word to point at ("The months became years", "Customer service reps promised the problems would be
resolved"), is set aside like one with an unclear "he"; a claim that says what it is about stays a claim.

The sentences here were written for these tests in the style of agency and web news; the shipped
model (`models/context-v1`) is the one under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corroborate import Settings, segment
from corroborate.api import find_claims
from corroborate.bench.harness import default_data_path
from corroborate.bench.news_articles import BODIES, articles_by_id, shared_runs
from corroborate.claims import extract_claims
from corroborate.claims.context_model import DEFAULT_CONTEXT_PATH, ContextModel, load_context_model
from corroborate.cli import main
from corroborate.errors import ModelError
from corroborate.records import UNCLEAR, Document
from corroborate.train.context import EVAL_PARTS, LABELLED, TRAIN_PARTS, labelled_claims

_STORY = (
    "Nadia Petrov, a 41-year-old nurse from Leeds, won 2.3 million pounds in the national lottery on Saturday. "
    "Petrov bought the ticket at a petrol station on the A64, the operator Camelot said. "
    "The months became years. "
    "Customer service reps promised the problems would be resolved."
)


def _extraction(text: str, **kwargs):
    return extract_claims(segment.sentences("a", text), 0.0, None, **kwargs)


def test_a_claim_about_nothing_named_is_set_aside_with_a_note_saying_why():
    extraction = _extraction(_STORY)
    aside = {c.text: c for c in extraction.needs_context}
    assert "The months became years." in aside, [c.text for c in extraction.claims]
    note = aside["The months became years."].notes[-1]
    assert note.startswith("the claim as a whole (context model ") and note.endswith(UNCLEAR)


def test_a_claim_naming_who_what_and_when_stays_a_claim():
    extraction = _extraction(_STORY)
    assert any("Nadia Petrov" in c.text and "lottery" in c.text for c in extraction.claims), [
        c.text for c in extraction.claims
    ]


def test_claims_and_set_aside_statements_are_numbered_again_in_article_order():
    extraction = _extraction(_STORY)
    assert [c.id for c in extraction.claims] == [f"c{k}" for k in range(1, len(extraction.claims) + 1)]
    assert [c.id for c in extraction.needs_context] == [f"x{k}" for k in range(1, len(extraction.needs_context) + 1)]
    assert [c.start for c in extraction.needs_context] == sorted(c.start for c in extraction.needs_context)


def test_set_aside_at_above_one_keeps_every_claim_the_rules_keep():
    kept = {c.text for c in _extraction(_STORY, set_aside_at=2.0).claims}
    assert "The months became years." in kept
    assert kept >= {c.text for c in _extraction(_STORY).claims}


def test_the_setting_moves_the_point_for_the_api_and_refuses_what_means_nothing():
    doc = Document(id="a", title="a", origin="a.txt", text=_STORY, content_hash="x", format="txt", date="2026-03-17")
    settings = Settings(checkworthy_threshold=0.0, context_set_aside_at=2.0)
    assert "The months became years." in [c.text for c in find_claims(doc, settings).claims]
    default = find_claims(doc, Settings(checkworthy_threshold=0.0))
    assert "The months became years." in [c.text for c in default.needs_context]
    with pytest.raises(ValueError, match="context_set_aside_at"):
        Settings(context_set_aside_at=3.0)


def test_a_claims_score_ignores_its_neighbours_and_reads_where_it_stands():
    model = load_context_model()
    claim = "The intruder was arrested inside the mansion."
    alone = model.score([(claim, False)])[0]
    assert model.score([("Omar Ruiz, 42, was charged on Friday.", False), (claim, False)])[1] == alone
    assert model.score([(claim, True)])[0] != alone  # the lead mark is read


def test_a_folder_that_is_not_a_context_model_is_refused_by_name(tmp_path):
    with pytest.raises(ModelError, match=r"not a context model.*corroborate train context"):
        ContextModel(tmp_path)


def test_the_shipped_model_never_trained_on_the_parts_the_bench_reports_as_unseen():
    spec = json.loads((DEFAULT_CONTEXT_PATH / "context.json").read_text(encoding="utf-8"))
    assert spec["trained_on_parts"] == list(TRAIN_PARTS)
    assert not set(TRAIN_PARTS) & set(EVAL_PARTS)
    assert 0.0 < spec["set_aside_at"] < 1.0


def test_the_labelled_claims_carry_known_labels_and_parts():
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    assert {r["part"] for r in rows} == {"test", "dev", "held", "fresh", "train", "train2", "train3", "near_duplicate"}
    assert {r["label"] for r in rows} <= {
        "ok", "not_self_contained", "not_checkworthy", "ungrammatical", "unfaithful", "wrong_reference",
    }  # fmt: skip
    training = labelled_claims()
    assert training and {r["part"] for r in training} == set(TRAIN_PARTS)


def test_no_body_the_model_trains_on_reprints_a_body_of_an_unseen_part():
    data = default_data_path(Path(__file__).resolve().parents[1])
    if data is None or not (data / BODIES).is_file():
        pytest.skip("FNC-1 bodies not in ../shared/data")
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    unseen = articles_by_id(data, sorted({r["body"] for r in rows if r["part"] in EVAL_PARTS}))
    training = articles_by_id(data, sorted({r["body"] for r in labelled_claims()}))
    assert len(unseen) > 50 and len(training) > 150
    reprints = [(t.body_id, u.body_id) for t in training for u in unseen if shared_runs(t.text, u.text) > 0.5]
    assert reprints == []
    near = {r["body"] for r in rows if r["part"] == "near_duplicate"}
    assert near and all(
        any(shared_runs(a.text, u.text) > 0.5 for u in unseen) for a in articles_by_id(data, sorted(near))
    )


@pytest.mark.slow
def test_train_context_smoke_run_writes_a_model_that_loads(tmp_path):
    out = tmp_path / "context"
    result = CliRunner().invoke(
        main, ["train", "context", "--out", str(out), "--limit", "6", "--epochs", "1", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "sets a claim aside from" in result.output
    model = ContextModel(out)
    spec = json.loads((out / "context.json").read_text(encoding="utf-8"))
    assert spec["limit"] == 6 and set(spec["evaluation"]) == set(EVAL_PARTS)
    assert 0.0 <= model.score([("The months became years.", False)])[0] <= 1.0
