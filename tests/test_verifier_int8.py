"""The int8 verifier (verifier-v0-int8): ships in the package, loads with no network, and judges clear pairs
as the fp32 verifier it was quantised from does. Real model files; nothing here is timed."""

from __future__ import annotations

import hashlib
import socket

import numpy as np
import pytest

from corroborate.config import BUNDLED_VERIFIERS, verifier_settings
from corroborate.verify import load_verifier

HASTINGS = (
    "The Battle of Hastings was fought on 14 October 1066 between the Norman-French army of William, "
    "the Duke of Normandy, and an English army under the Anglo-Saxon King Harold Godwinson."
)
ARMY = "The army sent about 350 soldiers to Vellmar to reinforce the dike with sandbags."
RIVER = "The river Ostra peaked at 7.8 metres on 14 March, the highest level since records began in 1901."
REVENUE = "The company reported revenue of $4.1 billion for the quarter, up 12% from a year earlier."
# (evidence, claim, the label both verifiers give: 0 entailment, 2 contradiction)
CLEAR = [
    (HASTINGS, "The Battle of Hastings was fought in 1066.", 0),
    (HASTINGS, "The Battle of Hastings was fought in 1067.", 2),
    (ARMY, "Soldiers were sent to reinforce the Vellmar dike.", 0),
    (ARMY, "No soldiers were sent to Vellmar.", 2),
    (RIVER, "The Ostra reached its highest level on record in March.", 0),
    (RIVER, "The Ostra peaked at 5.2 metres.", 2),
    (REVENUE, "Quarterly revenue grew by 12%.", 0),
    (REVENUE, "Quarterly revenue fell compared with a year earlier.", 2),
]
# Largest calibrated probability difference from fp32 measured on these pairs, each run alone as the
# int8 model is: 0.051 (revenue fell); on 400 random dev pairs the mean was 0.020 and 3.5% changed their
# top label, which is why only clear pairs are pinned here.
TOLERANCE = 0.08


@pytest.fixture(scope="module")
def fp32_and_int8():
    return load_verifier(BUNDLED_VERIFIERS["v0"]), load_verifier(BUNDLED_VERIFIERS["v0-int8"])


def test_the_int8_verifier_ships_and_loads_with_no_network(monkeypatch):
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the verifier tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    path = BUNDLED_VERIFIERS["v0-int8"]
    assert verifier_settings("v0-int8")["model_path"] == path
    assert (path / "MODEL_CARD.md").is_file() and (path / "calibration.json").is_file()
    load_verifier.cache_clear()  # a real load, under the patched socket
    model = load_verifier(path)
    assert model.runtime == "onnx" and model.calibration is not None
    assert model.predict(CLEAR[:1]).shape == (1, 3)


def test_int8_weights_are_what_makes_it_smaller():
    fp32 = (BUNDLED_VERIFIERS["v0"] / "model.onnx").stat().st_size
    int8 = (BUNDLED_VERIFIERS["v0-int8"] / "model.onnx").stat().st_size
    assert int8 < 0.6 * fp32


def test_int8_and_fp32_agree_on_clear_pairs(fp32_and_int8):
    fp32, int8 = fp32_and_int8
    pairs = [(evidence, claim) for evidence, claim, _ in CLEAR]
    expected = [label for *_, label in CLEAR]
    a, b = fp32.predict(pairs), int8.predict(pairs)
    assert list(a.argmax(axis=1)) == expected
    assert list(b.argmax(axis=1)) == expected
    np.testing.assert_allclose(b, a, atol=TOLERANCE)
    assert fp32.hash != int8.hash  # runs record which one judged


def test_a_pair_gets_the_same_probabilities_alone_and_in_any_batch(fp32_and_int8):
    # Dynamic int8 scales activations over a run's whole input: batched, a pair's probabilities moved
    # with its batch-mates (by up to 0.26 on dev pairs), so the model is run one pair at a time.
    _, int8 = fp32_and_int8
    assert int8.one_pair_a_run
    pairs = [(evidence, claim) for evidence, claim, _ in CLEAR]
    alone = np.concatenate([int8.predict([pair]) for pair in pairs])
    np.testing.assert_array_equal(int8.predict(pairs, batch_size=8), alone)
    np.testing.assert_array_equal(int8.predict(pairs[::-1], batch_size=3), alone[::-1])


def test_the_shipped_int8_verifier_is_rebuilt_byte_for_byte_by_its_script(tmp_path):
    pytest.importorskip("onnx")
    from corroborate.train.quantize_verifier import COPIED, quantize_verifier

    built = quantize_verifier(BUNDLED_VERIFIERS["v0"], tmp_path / "int8")
    shipped = BUNDLED_VERIFIERS["v0-int8"]
    assert hashlib.sha256(built.read_bytes()).digest() == hashlib.sha256((shipped / "model.onnx").read_bytes()).digest()
    for name in COPIED:
        assert (tmp_path / "int8" / name).read_bytes() == (shipped / name).read_bytes()
