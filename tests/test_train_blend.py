"""Blending a fine-tuned verifier with the model it started from (train.interpolate)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "verifier_split"
V0 = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "models" / "verifier-v0"


def test_blend_weights_mixes_floating_tensors_and_refuses_other_networks():
    torch = pytest.importorskip("torch")
    from corroborate.train.interpolate import blend_weights

    base = {"w": torch.tensor([0.0, 2.0]), "ids": torch.tensor([1, 2])}
    tuned = {"w": torch.tensor([4.0, 6.0]), "ids": torch.tensor([7, 8])}
    assert blend_weights(base, tuned, 0.0)["w"].tolist() == [0.0, 2.0]
    assert blend_weights(base, tuned, 1.0)["w"].tolist() == [4.0, 6.0]
    half = blend_weights(base, tuned, 0.25)
    assert half["w"].tolist() == [1.0, 3.0] and half["ids"].tolist() == [1, 2]  # integer buffers from base
    half16 = blend_weights({"w": base["w"].half()}, {"w": tuned["w"].half()}, 0.5)["w"]
    assert half16.dtype == torch.float16 and half16.tolist() == [2.0, 4.0]
    with pytest.raises(ValueError, match="architecture"):
        blend_weights(base, {"w": torch.zeros(3), "ids": tuned["ids"]}, 0.5)
    with pytest.raises(ValueError, match="architecture"):
        blend_weights(base, {"w": tuned["w"]}, 0.5)


@pytest.mark.slow
def test_blend_of_a_model_with_itself_keeps_it_and_reports_every_blend(tmp_path):
    pytest.importorskip("torch")
    from corroborate.train.interpolate import BLENDS, write_blend
    from corroborate.verify import load_verifier

    report = write_blend(V0, V0, FIXTURE, tmp_path / "blend")
    assert report["alpha"] == 0.0  # equal scores: the blend that keeps most of the base
    assert [r["alpha"] for r in report["blends"]] == list(BLENDS)
    assert len({(r["dev_accuracy"], r["dev_contrast_accuracy"]) for r in report["blends"]}) == 1
    assert json.loads((tmp_path / "blend" / "blend.json").read_text())["alpha"] == 0.0
    shutil.copy(V0 / "calibration.json", tmp_path / "blend")  # the blend is v0: v0's calibration fits it
    pairs = [("The bridge opened in 1932 and carries six lanes.", "The bridge opened in 1932.")]
    blended = load_verifier(tmp_path / "blend", runtime="torch").predict(pairs)
    original = load_verifier(V0, runtime="torch").predict(pairs)
    assert np.abs(blended - original).max() < 1e-3


@pytest.mark.slow
def test_evaluate_writes_held_out_and_contrast_scores_per_model(tmp_path):
    pytest.importorskip("torch")
    from corroborate.train.evaluate import main

    out = tmp_path / "held-out.json"
    assert main([str(V0), "--data", str(FIXTURE), "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert list(result) == ["verifier-v0"]
    scores = result["verifier-v0"]
    assert set(scores["held_out"]) == {"eval-toy-a", "eval-toy-b"}
    assert all(0 <= s["accuracy"] <= 1 and s["rows"] > 0 for s in scores["held_out"].values())
    assert scores["contrast"]["original"]["label"] == "entailment"


def test_weight_grid_sums_to_one():
    from corroborate.train.ensemble import weight_grid

    assert weight_grid(2) == [(0.0, 1.0), (0.25, 0.75), (0.5, 0.5), (0.75, 0.25), (1.0, 0.0)]
    three = weight_grid(3, step=0.5)
    assert len(three) == 6 and all(abs(sum(w) - 1) < 1e-9 for w in three)


@pytest.mark.slow
def test_ensemble_of_a_model_with_itself_scores_every_mix_alike_and_keeps_the_first(tmp_path):
    pytest.importorskip("torch")
    from corroborate.train.ensemble import main

    out = tmp_path / "ensemble.json"
    assert main([str(V0), str(V0), "--data", str(FIXTURE), "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["chosen"] == [1.0, 0.0]  # equal scores: the tie goes to the model listed first
    assert len(report["mixes"]) == 5 and len({m["score"] for m in report["mixes"]}) == 1
    held = {json.dumps(m["held_out"], sort_keys=True) for m in report["mixes"]}
    assert len(held) == 1  # the same model, whatever the weights
    toy = report["mixes"][0]["held_out"]["eval-toy-a"]
    assert sum(map(sum, toy["confusion"])) == toy["rows"]
    right = sum(toy["confusion"][i][i] for i in range(3)) + sum(toy["confusion"][3][1:])
    assert abs(right / toy["rows"] - toy["accuracy"]) < 1e-3
