"""Calibration: the fitting methods on synthetic data, ECE, the shipped calibration.json, the benchmark."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from corroborate.config import DEFAULT_MODEL_PATH
from corroborate.errors import ModelError
from corroborate.verify.calibration import (
    CALIBRATION_FILE,
    Calibration,
    choose_method,
    expected_calibration_error,
    fit,
    fit_isotonic,
    fit_temperature,
    isotonic_apply,
    load_calibration,
    softmax,
)

RNG = np.random.default_rng(7)


def _sample(logits: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Gold labels drawn from softmax(logits): the logits are then perfectly calibrated."""
    probs = softmax(logits).astype(np.float64)
    cumulative = probs.cumsum(axis=1)
    return (rng.random((len(probs), 1)) > cumulative).sum(axis=1)


def test_temperature_fit_recovers_a_known_temperature():
    true_logits = RNG.normal(0, 2.0, size=(20000, 3))
    gold = _sample(true_logits, RNG)
    # A model 2.5 times overconfident: its logits are the true ones times 2.5.
    assert fit_temperature(true_logits * 2.5, gold) == pytest.approx(2.5, rel=0.05)
    assert fit_temperature(true_logits, gold) == pytest.approx(1.0, rel=0.05)


def test_isotonic_fit_is_monotone_and_within_0_1():
    scores = RNG.random(3000)
    targets = RNG.random(3000) < scores**2
    x, y = fit_isotonic(scores, targets)
    assert (np.diff(x) >= 0).all() and (np.diff(y) >= 0).all()
    assert min(y) >= 0.0 and max(y) <= 1.0
    mapped = isotonic_apply(x, y, np.linspace(-0.5, 1.5, 101))
    assert np.all(np.diff(mapped) >= 0)
    assert isotonic_apply(x, y, np.array([0.5]))[0] == pytest.approx(0.25, abs=0.06)


def test_isotonic_pools_violators_to_their_mean():
    x, y = fit_isotonic(np.array([0.1, 0.2, 0.3, 0.4]), np.array([0, 1, 0, 1]))
    assert y == [0.0, 0.5, 1.0]
    assert x == [0.1, 0.25, 0.4]


def test_ece_is_near_zero_when_calibrated_and_large_when_overconfident():
    logits = RNG.normal(0, 2.0, size=(20000, 3))
    gold = _sample(logits, RNG)
    assert expected_calibration_error(softmax(logits), gold) < 0.02
    assert expected_calibration_error(softmax(logits * 4), gold) > 0.1
    assert expected_calibration_error(np.zeros((0, 3)), np.zeros(0, dtype=int)) == 0.0


def test_both_methods_repair_an_overconfident_model_and_the_choice_is_cross_validated():
    logits = RNG.normal(0, 2.0, size=(4000, 3))
    gold = _sample(logits, RNG)
    for method in ("temperature", "isotonic"):
        calibrated = fit(logits * 3, gold, method).apply(logits * 3)
        np.testing.assert_allclose(calibrated.sum(axis=1), 1.0, atol=1e-5)
        assert expected_calibration_error(calibrated, gold) < 0.03
    method, ece = choose_method(logits * 3, gold)
    assert method in ece and ece[method] == min(ece.values())


def test_a_calibration_round_trips_through_json(tmp_path):
    logits = RNG.normal(0, 2.0, size=(500, 3))
    gold = _sample(logits, RNG)
    for method in ("temperature", "isotonic"):
        calibration = fit(logits, gold, method)
        calibration.save(tmp_path)
        again = load_calibration(tmp_path)
        assert again is not None and again.method == method
        np.testing.assert_allclose(again.apply(logits), calibration.apply(logits), atol=1e-5)


def test_no_file_means_no_calibration_and_a_broken_one_is_a_clear_error(tmp_path):
    assert load_calibration(tmp_path) is None
    (tmp_path / CALIBRATION_FILE).write_text(json.dumps({"format": "corroborate-calibration/1", "method": "magic"}))
    with pytest.raises(ModelError, match=r"calibration\.json.*corroborate train calibration"):
        load_calibration(tmp_path)


# -- the real verifier and its shipped calibration.json ------------------------------------------------
PAIRS = [
    (
        "The Battle of Hastings was fought on 14 October 1066 between the Norman-French army of William "
        "and an English army under King Harold Godwinson.",
        "The Battle of Hastings was fought in 1066.",
    ),
    ("Emergency services evacuated 4,200 residents.", "Emergency services evacuated 2,400 residents."),
    ("The river rose overnight after heavy rain.", "The town council approved a new budget."),
]


def test_the_shipped_verifier_applies_its_calibration(verifier):
    shipped = load_calibration(DEFAULT_MODEL_PATH)
    assert shipped is not None, "the bundled verifier ships calibration.json"
    assert verifier.calibration == shipped
    assert shipped.fitted_on["file"].endswith("dev.jsonl.gz") and shipped.dev["ece_after"] < shipped.dev["ece_before"]
    logits = verifier.logits(PAIRS)
    raw, calibrated = softmax(logits), verifier.predict(PAIRS)
    np.testing.assert_allclose(calibrated, shipped.apply(logits), atol=1e-5)
    np.testing.assert_allclose(calibrated.sum(axis=1), 1.0, atol=1e-5)
    assert not np.allclose(raw, calibrated, atol=1e-3)
    if shipped.method == "temperature":
        assert (raw.argmax(axis=1) == calibrated.argmax(axis=1)).all()


def test_a_copy_of_the_model_without_calibration_is_uncalibrated_and_hashes_differently(tmp_path, verifier):
    from corroborate.verify import OnnxVerifier

    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_PATH, folder, ignore=shutil.ignore_patterns(CALIBRATION_FILE, "model.safetensors"))
    bare = OnnxVerifier(folder)
    assert bare.calibration is None
    assert bare.hash != verifier.hash  # calibration is part of the model's identity
    np.testing.assert_allclose(bare.predict(PAIRS), softmax(verifier.logits(PAIRS)), atol=1e-5)


# -- the benchmark -------------------------------------------------------------------------------------


def test_the_benchmark_skips_cleanly_without_its_data(tmp_path):
    from corroborate import bench

    outcomes = bench.run(
        "calibration", data=tmp_path / "absent", out=tmp_path / "out", record=False, echo=lambda _: None
    )
    assert [(o.name, o.status) for o in outcomes] == [("calibration", "skipped")]
    assert "dev.jsonl.gz" in outcomes[0].message
    assert not (tmp_path / "out").exists()


def test_one_evidence_claims_go_through_aggregate():
    from corroborate.bench.calibration import one_evidence_verdicts

    probs = np.array([[0.9, 0.05, 0.05], [0.1, 0.1, 0.8], [0.4, 0.3, 0.3]])
    labels, confidence = one_evidence_verdicts(probs, 0.6)
    assert labels == ["SUPPORTED", "REFUTED", "NOT ENOUGH EVIDENCE"]
    np.testing.assert_allclose(confidence, [0.9, 0.8, 0.3])  # NOT ENOUGH EVIDENCE: P(neutral)


def test_a_calibration_is_a_frozen_record():
    c = Calibration("temperature", temperature=1.5)
    with pytest.raises(AttributeError):
        c.method = "isotonic"  # type: ignore[misc]
