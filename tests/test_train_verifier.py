"""Verifier training: the split reader, each augmentation, the contrast set, and one tiny training run.

The fixture `fixtures/verifier_split/` is a hand-written split in the real format (invented sentences,
made by its `make_fixture.py`); tests that need the real split in ../shared/data skip without it.
"""

from __future__ import annotations

import gzip
import json
import random
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from corroborate.errors import InputError, MalformedInput
from corroborate.train.augment import (
    AugmentPlan,
    augment_pairs,
    change_date,
    change_number,
    change_unit,
    convert_unit,
    find_dates,
    flip_antonym,
    hard_negatives,
    multi_sentence,
    negate,
    paraphrase,
    quantity_value,
    reformat_date,
    swap_name,
)
from corroborate.train.contrast import build_contrast_set, contrast_scores, write_contrast_set
from corroborate.train.names import NamePool, find_names
from corroborate.train.pairs import Pair, eval_files, read_pairs, split_dir
from corroborate.verify.base import LABELS

FIXTURE = Path(__file__).parent / "fixtures" / "verifier_split"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
V0 = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "models" / "verifier-v0"


def pair(evidence: str, claim: str, label: str = "entailment", source: str = "toy") -> Pair:
    return Pair("t:0", evidence, claim, label, source)


def rngs(n: int = 20):
    return [random.Random(i) for i in range(n)]


# -- the split reader ---------------------------------------------------------------------------


def test_read_split_fixture():
    folder = split_dir(FIXTURE)
    train = read_pairs(folder / "train.jsonl.gz")
    assert len(train) == 30
    assert train[0].id == "train:0" and train[-1].id == "train:29"
    assert {p.label for p in train} == {"entailment", "neutral", "contradiction", "not_entailment"}
    assert train[0].evidence.startswith("The bridge over") and train[0].claim == "The bridge opened on March 29, 2004."
    assert [p.name for p in eval_files(folder)] == ["eval-toy-a.jsonl.gz", "eval-toy-b.jsonl.gz"]
    assert len(read_pairs(folder / "train.jsonl.gz", limit=5)) == 5


def test_read_split_errors(tmp_path):
    with pytest.raises(InputError, match="splits/verifier-v0"):
        split_dir(tmp_path)
    bad = tmp_path / "train.jsonl.gz"
    with gzip.open(bad, "wt") as fh:
        fh.write('{"premise": "a", "hypothesis": "b", "label": "maybe"}\n')
    with pytest.raises(MalformedInput, match="unknown label"):
        read_pairs(bad)
    with gzip.open(bad, "wt") as fh:
        fh.write("not json\n")
    with pytest.raises(MalformedInput, match="line 1"):
        read_pairs(bad)


@pytest.mark.skipif(not (SHARED / "splits" / "verifier-v0").is_dir(), reason="no ../shared/data")
def test_read_real_split_matches_v0_card():
    folder = split_dir(SHARED)
    train = read_pairs(folder / "train.jsonl.gz")
    assert len(train) == 64475  # v0's card
    assert sum(p.source.endswith("+numswap") for p in train) == 2172


# -- augmentations ------------------------------------------------------------------------------


def test_change_number():
    p = pair("The trial enrolled 300 adults in 2019.", "The trial had 300 adults.")
    outs = [change_number(p, r) for r in rngs()]
    assert all(o is not None and o.label == "contradiction" and o.kind == "number" for o in outs)
    assert all("300" not in o.claim for o in outs)
    assert change_number(p, random.Random(3)) == change_number(p, random.Random(3))
    assert change_number(pair("No figures here.", "The trial had 300 adults."), random.Random(0)) is None
    assert change_number(pair("300 adults.", "300 adults.", label="neutral"), random.Random(0)) is None


def test_find_dates_in_every_style():
    dates = find_dates("On March 29, 2004 (or 29 March 2004, 2004-03-29) and in May 2001; PTB: August 2 , 1777.")
    assert [(d.year, d.month, d.day, d.style) for d in dates] == [
        (2004, 3, 29, "mdy"),
        (2004, 3, 29, "dmy"),
        (2004, 3, 29, "iso"),
        (2001, 5, None, "my"),
        (1777, 8, 2, "mdy"),
    ]


def test_change_date_is_a_contradiction_and_reformat_keeps_the_day():
    p = pair("The bridge opened on 29 March 2004 after six years.", "The bridge opened on March 29, 2004.")
    for r in rngs():
        changed = change_date(p, r)
        assert changed is not None and changed.label == "contradiction" and changed.kind == "date"
        (d,) = find_dates(changed.claim)
        assert (d.year, d.month, d.day) != (2004, 3, 29) and d.style == "mdy"
        same = reformat_date(p, r)
        assert same is not None and same.label == "entailment" and same.claim != p.claim
        (d,) = find_dates(same.claim)
        assert (d.year, d.month, d.day) == (2004, 3, 29)
    assert change_date(p, random.Random(5)) == change_date(p, random.Random(5))
    # a date the evidence does not state is not changed
    assert change_date(pair("The bridge opened in spring.", "It opened on March 29, 2004."), random.Random(0)) is None


@pytest.mark.parametrize(
    "claim",
    [
        "The tunnel is 5 km long.",
        "The city has 4.2 million people.",
        "The city has 4,200,000 people.",
        "The trip takes 3 hours.",
        "The farm produces 8 tonnes of apples.",
        "The dose is 250 milligrams.",
    ],
)
def test_convert_unit_preserves_value(claim):
    p = pair("irrelevant evidence", claim)
    seen = set()
    for r in rngs(30):
        out = convert_unit(p, r)
        assert out is not None and out.label == "entailment" and out.kind == "unit-convert"
        before = [w for w in _quantity_texts(claim)]
        after = [w for w in _quantity_texts(out.claim)]
        assert len(before) == len(after) == 1
        assert quantity_value(before[0]) == quantity_value(after[0]), (claim, out.claim)
        seen.add(out.claim)
    assert len(seen) >= 1


def _quantity_texts(text: str) -> list[str]:
    from corroborate.train.augment import find_quantities

    return [q.text for q in find_quantities(text)]


def test_convert_unit_examples():
    assert quantity_value("5 km") == quantity_value("5,000 metres") == ("length", Decimal(5000))
    assert quantity_value("4.2 million") == quantity_value("4,200,000") == ("count", Decimal(4200000))
    outs = {convert_unit(pair("", "It is 5 km long."), r).claim for r in rngs(40)}
    assert "It is 5,000 metres long." in outs
    outs = {convert_unit(pair("", "It cost 4.2 million dollars."), r).claim for r in rngs(40)}
    assert "It cost 4,200,000 dollars." in outs
    # one end of a range and hyphenated adjectives are left alone
    assert convert_unit(pair("", "It lasts 153 to 162 days."), random.Random(0)) is None
    assert convert_unit(pair("", "A 16-day reign."), random.Random(0)) is None


def test_change_unit_changes_value():
    p = pair("The city has a population of 4.2 million.", "The city has 4.2 million people.")
    for r in rngs():
        out = change_unit(p, r)
        assert out is not None and out.label == "contradiction" and out.kind == "unit"
        (q,) = _quantity_texts(out.claim)
        assert quantity_value(q) != quantity_value("4.2 million")
    p = pair("The tunnel is 5 km long.", "The tunnel is 5 km long.")
    assert all(quantity_value(_quantity_texts(change_unit(p, r).claim)[0]) != ("length", 5000) for r in rngs())


def test_names_and_swap():
    text = "The museum in Corvin was designed by Elena Marsh for the University of Varna."
    assert [n.text for n in find_names(text)] == ["Corvin", "Elena Marsh", "University of Varna"]
    pool = NamePool.from_texts([text, "Paul Ferro lives in Ostberg.", "Rita Vogel met Jonas Weller in Belmar."])
    assert pool.kind_of("Elena Marsh") == "person"
    assert pool.kind_of("Corvin") == "place"
    assert pool.kind_of("University of Varna") == "org"
    p = pair("Paul Ferro said that Elena Marsh designed the museum.", "Paul Ferro said Elena Marsh designed it.")
    for r in rngs():
        out = swap_name(p, r, pool)
        assert out is not None and out.label == "contradiction" and out.kind == "name"
        assert out.claim.startswith("Paul Ferro")  # the subject is kept
        new = out.claim.removeprefix("Paul Ferro said ").removesuffix(" designed it.")
        assert new in {"Rita Vogel", "Jonas Weller"} and new not in p.evidence
    assert swap_name(p, random.Random(1), pool) == swap_name(p, random.Random(1), pool)


@pytest.mark.parametrize(
    ("claim", "negated"),
    [
        ("The strollers are moving.", "The strollers are not moving."),
        ("The plant has grown 12 new leaves.", "The plant has not grown 12 new leaves."),
        ("The house has two doors.", "The house does not have two doors."),
        ("The vote wasn't delayed.", "The vote was delayed."),
        ("It did not rain.", "It did rain."),
    ],
)
def test_negate(claim, negated):
    out = negate(pair("evidence", claim), random.Random(0))
    assert out is not None and out.claim == negated and out.label == "contradiction"


def test_negate_skips_quantified_and_non_entailed():
    assert negate(pair("e", "Some people are tall."), random.Random(0)) is None
    assert negate(pair("e", "It is red.", label="neutral"), random.Random(0)) is None


def test_flip_antonym():
    out = flip_antonym(pair("Sales increased sharply.", "Sales increased last year."), random.Random(0))
    assert out is not None and out.claim == "Sales decreased last year." and out.label == "contradiction"
    # the evidence using the antonym itself could support the new claim: skipped
    assert flip_antonym(pair("Sales increased, then decreased.", "Sales increased."), random.Random(0)) is None


def test_paraphrase_keeps_label():
    out = paraphrase(pair("e", "In 2010, the orchestra toured four countries."), random.Random(0))
    variants = {paraphrase(pair("e", "In 2010, the orchestra toured four countries."), r).claim for r in rngs()}
    assert "The orchestra toured four countries in 2010." in variants
    assert out is not None and out.label == "entailment" and out.kind == "paraphrase"
    out = paraphrase(pair("e", "The film is a large production.", label="contradiction"), random.Random(0))
    assert out.claim == "The film is a big production." and out.label == "contradiction"
    assert paraphrase(pair("e", "Nothing to change here"), random.Random(0)) is None


def test_multi_sentence():
    p = pair("The bridge opened in 2004.", "The bridge opened in 2004.")
    distractors = ["A dog barked at the mailman.", "Rain is expected on Sunday.", "The shop sells bread."]
    for r in rngs():
        out = multi_sentence(p, r, distractors)
        assert out.label == "entailment" and p.evidence in out.evidence
        added = [s for s in distractors if s in out.evidence]
        assert 1 <= len(added) <= 2 and out.claim == p.claim


def test_hard_negatives():
    pool = [
        Pair("a:0", "The red bridge over the Varna river opened in 2004.", "x", "entailment", "wiki"),
        Pair("a:1", "The Varna river floods the bridge road every spring.", "y", "entailment", "wiki"),
        Pair("a:2", "The Varna river bridge toll is paid in coins.", "z", "entailment", "news"),
    ]
    claim = Pair("c:0", pool[0].evidence, "The Varna river bridge opened in 2009.", "contradiction", "wiki+numswap")
    (out,) = hard_negatives(pool, [claim])
    assert out.label == "neutral" and out.kind == "hard-negative"
    assert out.evidence == pool[1].evidence  # same source, most shared words, not its own evidence
    assert out.claim == claim.claim and out.id == "c:0/hard-negative"


def test_augment_pairs_is_deterministic_and_linked():
    train = read_pairs(FIXTURE / "train.jsonl.gz")
    a = augment_pairs(train, seed=1)
    assert a == augment_pairs(train, seed=1)
    assert a != augment_pairs(train, seed=2)
    ids = {p.id for p in train}
    kinds = {p.kind for p in a}
    assert {"date", "name", "negation", "paraphrase", "multi-sentence", "hard-negative"} <= kinds
    for p in a:
        assert p.id.split("/")[0] in ids and p.kind != "original"
    assert len(augment_pairs(train, seed=1, plan=AugmentPlan(per_kind=1, hard_negatives=0))) <= len(AugmentPlan().kinds)


# -- the contrast set ---------------------------------------------------------------------------


def test_contrast_set_on_fixture(tmp_path):
    records = build_contrast_set(FIXTURE, seed=0)
    assert records == build_contrast_set(FIXTURE, seed=0)
    originals = {r["id"]: r for r in records if r["kind"] == "original"}
    changed = [r for r in records if r["kind"] != "original"]
    assert {"number", "date", "unit", "name", "negation"} <= {r["kind"] for r in changed}
    for r in changed:
        original = originals[r["original_id"]]
        assert original["label"] == "entailment" and r["evidence"] == original["evidence"]
        assert r["claim"] != original["claim"]
        assert r["label"] == ("entailment" if r["kind"] in ("date-format", "unit-convert") else "contradiction")
    assert all(r["id"].startswith("eval-") for r in records)  # held-out rows only, never train or dev
    n = write_contrast_set(FIXTURE, tmp_path / "contrast.jsonl")
    lines = (tmp_path / "contrast.jsonl").read_text().splitlines()
    assert n == len(lines) == len(records) and json.loads(lines[0]) == records[0]
    probs = np.tile(np.asarray([[0.8, 0.1, 0.1]]), (len(records), 1))
    scores = contrast_scores(records, probs)
    assert scores["original"]["accuracy"] == 1.0 and scores["negation"]["accuracy"] == 0.0


@pytest.mark.skipif(not (SHARED / "splits" / "verifier-v0").is_dir(), reason="no ../shared/data")
def test_contrast_set_on_real_split_has_1000_pairs():
    records = build_contrast_set(SHARED)
    changed = [r for r in records if r["kind"] != "original"]
    assert len(changed) >= 1000
    assert {"number", "date", "unit", "name", "negation"} <= {r["kind"] for r in changed}


# -- batching -----------------------------------------------------------------------------------


def test_length_grouped_batches_cover_every_row_once_and_pad_little():
    from corroborate.train.verifier import length_grouped_batches

    rng = np.random.default_rng(0)
    lengths = rng.integers(8, 257, size=5000).tolist()
    batches = length_grouped_batches(lengths, 32, np.random.default_rng(7))
    rows = np.concatenate(batches)
    assert sorted(rows.tolist()) == list(range(5000))
    assert all(len(b) <= 32 for b in batches)
    padded = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    shuffled = np.random.default_rng(7).permutation(5000)
    random_padded = sum(32 * max(lengths[i] for i in shuffled[s : s + 32]) for s in range(0, 5000, 32))
    assert padded < 0.6 * random_padded  # grouping is the point: far less padding than random batches
    again = length_grouped_batches(lengths, 32, np.random.default_rng(7))
    assert all((a == b).all() for a, b in zip(batches, again, strict=True))  # reproducible from the seed
    other = length_grouped_batches(lengths, 32, np.random.default_rng(8))
    assert any(len(a) != len(b) or (a != b).any() for a, b in zip(batches, other, strict=False))


def test_random_batches_are_a_fresh_permutation_each_time():
    from corroborate.train.verifier import random_batches

    rng = np.random.default_rng(7)
    first, second = random_batches(100, 32, rng), random_batches(100, 32, rng)
    assert [len(b) for b in first] == [32, 32, 32, 4]
    assert sorted(np.concatenate(first).tolist()) == list(range(100))
    assert not (np.concatenate(first) == np.concatenate(second)).all()  # each epoch draws again
    again = random_batches(100, 32, np.random.default_rng(7))
    assert all((a == b).all() for a, b in zip(first, again, strict=True))


# -- one tiny training run ----------------------------------------------------------------------


@pytest.mark.slow
def test_smoke_training_writes_a_loadable_model(tmp_path):
    from corroborate.train.verifier import default_init, train_verifier
    from corroborate.verify import load_verifier

    init = V0 if (V0 / "model.safetensors").is_file() else default_init()
    out = tmp_path / "verifier-smoke"
    try:
        import onnx  # noqa: F401

        export = True
    except ImportError:
        export = False
    report = train_verifier(FIXTURE, out, init=init, epochs=1, max_length=64, export=export, echo=lambda _: None)
    assert report["best_epoch"] == 1 and set(report["held_out"]) == {"eval-toy-a", "eval-toy-b"}
    assert report["augmented_rows"]
    config = json.loads((out / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(3)] == list(LABELS)
    card = (out / "MODEL_CARD.md").read_text()
    assert "## Held-out results" in card and "| toy-a |" in card and "## Data and licences" in card
    verifier = load_verifier(out, max_length=64, runtime="torch")
    # A continued training from that model on a sample of the rows keeps every augmented row.
    again = train_verifier(FIXTURE, tmp_path / "again", init=out, epochs=1, max_length=64, train_sample=10,
                           export=False, echo=lambda _: None)  # fmt: skip
    assert again["train_rows"] == 10 and again["settings"]["train_sample"] == 10
    assert again["augmented_rows"] == report["augmented_rows"]
    pairs = [
        ("A woman in a red coat is walking a small dog along the beach.", "A woman is walking a dog."),
        ("A woman in a red coat is walking a small dog along the beach.", "Nobody is on the beach."),
    ]
    probs = verifier.predict(pairs)
    assert probs.shape == (2, 3) and np.allclose(probs.sum(axis=1), 1, atol=1e-5)
    assert LABELS[int(probs[0].argmax())] == "entailment"
    assert LABELS[int(probs[1].argmax())] == "contradiction"
    if export:
        onnx_probs = load_verifier(out, max_length=64, runtime="onnx").predict(pairs)
        assert np.abs(onnx_probs - probs).max() < 1e-3


def test_train_verifier_command_names_a_folder_without_the_split(tmp_path):
    from tests.conftest import run_cli

    done = run_cli("train", "verifier", "--data", tmp_path, "--out", tmp_path / "model", "--limit", "20",
                   "--without", "name", "--batches", "random", "--time-limit", "60")  # fmt: skip
    assert done.returncode == 1
    assert str(tmp_path) in done.stderr and "verifier-v0" in done.stderr
    assert not (tmp_path / "model").exists()


@pytest.mark.slow
def test_training_leaves_out_kinds_and_stops_at_its_time_limit(tmp_path):
    from corroborate.errors import ModelError
    from corroborate.train.verifier import train_verifier

    init = V0 if (V0 / "model.safetensors").is_file() else None
    with pytest.raises(ValueError, match="no augmentation kind spelling"):
        train_verifier(FIXTURE, tmp_path / "x", init=init, without=["spelling"], echo=lambda _: None)
    with pytest.raises(ModelError, match="time limit"):
        train_verifier(FIXTURE, tmp_path / "y", init=init, epochs=1, max_length=64, time_limit=1e-9, export=False,
                       echo=lambda _: None)  # fmt: skip
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
    report = train_verifier(FIXTURE, tmp_path / "z", init=init, epochs=1, max_length=64, without=["name", "negation"],
                            batches="random", time_limit=3600, export=False, echo=lambda _: None)  # fmt: skip
    assert report["stopped_early"] is None and report["settings"]["batches"] == "random"
    assert "name" not in report["settings"]["kinds"] and "negation" not in report["settings"]["kinds"]
    assert not {"name", "negation"} & set(report["augmented_rows"]) and report["augmented_rows"]
    card = (tmp_path / "z" / "MODEL_CARD.md").read_text()
    assert "--without name --without negation" in card and "--batches random" in card


def test_train_verifier_command_refuses_an_unknown_kind(tmp_path):
    from tests.conftest import run_cli

    done = run_cli("train", "verifier", "--data", FIXTURE, "--out", tmp_path / "model", "--without", "spelling")
    assert done.returncode == 2 and "spelling" in done.stderr and "negation" in done.stderr
    assert not (tmp_path / "model").exists()
