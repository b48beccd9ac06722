"""Training several verifier variants side by side and choosing one on dev (train.sweep)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "verifier_split"
V0 = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "models" / "verifier-v0"


def test_parse_variant():
    from corroborate.train.sweep import parse_variant

    assert parse_variant("no-hn=--hard-negatives 0 --seed 8") == ("no-hn", ["--hard-negatives", "0", "--seed", "8"])
    assert parse_variant("plain=") == ("plain", [])
    assert parse_variant("quoted=--out 'a b'") == ("quoted", ["--out", "a b"])
    for bad in ("=--seed 8", "a/b=--seed 8", "../up="):
        with pytest.raises(ValueError, match="NAME=ARGS"):
            parse_variant(bad)


@pytest.mark.slow
def test_sweep_trains_each_variant_keeps_going_past_a_failure_and_chooses_on_dev(tmp_path, capsys):
    pytest.importorskip("torch")
    from corroborate.train.sweep import main

    init = V0 if (V0 / "model.safetensors").is_file() else None
    common = ["--data", str(FIXTURE), "--epochs", "1", "--max-length", "64", "--no-export"]
    common += ["--init", str(init)] if init else []
    code = main(["--out", str(tmp_path), "--jobs", "2", "--variant", "plain=",
                 "--variant", "lr=--lr 1e-5 --without name", "--variant", "broken=--without spelling",
                 "--", *common])  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    report = json.loads((tmp_path / "sweep.json").read_text())
    assert report["exit"]["plain"] == 0 and report["exit"]["lr"] == 0 and report["exit"]["broken"] != 0
    assert set(report["variants"]) == {"plain", "lr"} and report["best"] in {"plain", "lr"}
    best = report["variants"][report["best"]]
    assert best["score"] == max(v["score"] for v in report["variants"].values())
    assert best["score"] == round((best["dev_accuracy"] + best["dev_contrast_accuracy"]) / 2, 4)
    assert report["variants"]["lr"]["training"]["settings"]["lr"] == 1e-5
    assert (tmp_path / "plain" / "model.safetensors").is_file() and not (tmp_path / "broken").exists()
    assert "[broken] " in printed and "invalid choice: 'spelling'" in printed
    assert f"best: {report['best']}; failed: broken" in printed
