"""`bench fnc1`: FNC-1's weighted score, the verdict → stance mapping, and a run on a small FNC-1-shaped set."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from corroborate.api import claims_from_text
from corroborate.bench.fnc1 import fnc_score, stance_of
from corroborate.records import Label, Verdict


def test_the_fnc_score_weighs_relatedness_a_quarter_and_the_stance_the_rest():
    gold = ["agree", "disagree", "discuss", "unrelated"]
    assert fnc_score(gold, gold) == 1.0
    # best: 3 related × 1.0 + 1 unrelated × 0.25 = 3.25
    assert fnc_score(gold, ["discuss", "discuss", "discuss", "unrelated"]) == round(
        (0.25 + 0.25 + 1.0 + 0.25) / 3.25, 4
    )
    assert fnc_score(gold, ["unrelated"] * 4) == round(0.25 / 3.25, 4)
    assert fnc_score(["unrelated"], ["agree"]) == 0.0


def test_a_verdict_maps_to_a_stance_and_an_undecided_one_by_how_close_the_body_came():
    claim = claims_from_text(["The mayor resigned."])[0]
    assert stance_of(Verdict(claim, Label.SUPPORTED, 0.9, ()), 0.1, 0.4) == "agree"
    assert stance_of(Verdict(claim, Label.REFUTED, 0.9, ()), 0.1, 0.4) == "disagree"
    undecided = Verdict(claim, Label.NOT_ENOUGH_EVIDENCE, 0.6, ())
    assert stance_of(undecided, 0.5, 0.4) == "discuss"
    assert stance_of(undecided, 0.3, 0.4) == "unrelated"


BODIES = {
    "10": "The mayor of Ostra resigned on Monday after a week of protests. She said she would not stand again.",
    "20": "Heavy rain flooded the valley road. Farmers said the barley harvest was lost.",
    "25": "The mayor of Ostra did not resign, her office said on Monday, calling the reports false.",
}
STANCES = [
    ("Ostra mayor resigns after protests", "10", "agree"),
    ("Ostra mayor resigns after protests", "20", "unrelated"),
    ("Ostra mayor resigns after protests", "25", "disagree"),
    ("Floods hit the valley road", "20", "agree"),
    ("Floods hit the valley road", "10", "unrelated"),
]


def test_the_benchmark_runs_on_an_fnc1_shaped_set_and_writes_both_settings(tmp_path: Path):
    data = tmp_path / "data"
    (data / "fnc1").mkdir(parents=True)
    with (data / "fnc1/competition_test_bodies.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Body ID", "articleBody"])
        w.writerows(BODIES.items())
    with (data / "fnc1/competition_test_stances.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerows(STANCES)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "corroborate", "bench", "fnc1", "--data", str(data), "--out", str(out), "--no-record"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(next(out.glob("fnc1-*.json")).read_text(encoding="utf-8"))["results"]
    assert result["parts"]["all"]["pairs"] == len(STANCES)
    assert result["retrieved"]["all"]["pairs"] == len(STANCES)
    for setting in (result["parts"]["all"], result["retrieved"]["all"]):
        assert 0.0 <= setting["fnc_score"] <= 1.0
        assert sum(setting["confusion"].values()) == len(STANCES)
    assert result["tau"] in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
    # the body that reports the resignation supports its headline
    assert result["parts"]["all"]["confusion"].get("agree → agree", 0) >= 1


@pytest.mark.parametrize("missing", ["competition_test_bodies.csv", "competition_test_stances.csv"])
def test_the_benchmark_is_skipped_without_its_data(tmp_path: Path, missing: str):
    data = tmp_path / "data"
    (data / "fnc1").mkdir(parents=True)
    for name in ("competition_test_bodies.csv", "competition_test_stances.csv"):
        if name != missing:
            (data / "fnc1" / name).write_text("Body ID,articleBody\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "corroborate", "bench", "fnc1", "--data", str(data), "--out", str(tmp_path), "--no-record"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "skipped" in (done.stdout + done.stderr).lower()
