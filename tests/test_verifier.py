"""The real bundled verifier: golden scores pin its output, so a changed model or runtime shows up."""

import numpy as np
import pytest

from corroborate.verify import LABELS

EVIDENCE = (
    "The Battle of Hastings was fought on 14 October 1066 between the Norman-French army of William, "
    "the Duke of Normandy, and an English army under the Anglo-Saxon King Harold Godwinson."
)
PAIRS = [
    (EVIDENCE, "The Battle of Hastings was fought in 1066."),
    (EVIDENCE, "The Battle of Hastings was fought in 1067."),
    ("Emergency services evacuated 4,200 residents.", "Emergency services evacuated 2,400 residents."),
]
# Measured with torch 2.13.0 CPU, fp32, verifier-v0.
GOLDEN = np.array([[0.9702, 0.0027, 0.0271], [0.0047, 0.0071, 0.9882]])


def test_label_order_is_entailment_neutral_contradiction(verifier):
    assert LABELS == ("entailment", "neutral", "contradiction")


def test_golden_scores(verifier):
    probs = verifier.predict(PAIRS[:2])
    np.testing.assert_allclose(probs, GOLDEN, atol=2e-3)


def test_changed_figure_is_a_contradiction(verifier):
    probs = verifier.predict(PAIRS[2:])
    assert probs[0].argmax() == 2


def test_rows_sum_to_one_and_order_is_kept_across_batch_sizes(verifier):
    pairs = PAIRS * 7
    one = verifier.predict(pairs, batch_size=1)
    many = verifier.predict(pairs, batch_size=16)
    np.testing.assert_allclose(one.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(one, many, atol=1e-4)
    np.testing.assert_allclose(many[0], many[3], atol=1e-5)


def test_empty_input(verifier):
    assert verifier.predict([]).shape == (0, 3)


def test_model_hash_is_stable(verifier):
    from corroborate.verify import model_hash

    assert model_hash(verifier.path) == verifier.hash
    assert len(verifier.hash) == 64


def test_a_folder_without_a_model_is_a_clear_error(tmp_path):
    from corroborate.errors import ModelError
    from corroborate.verify import OnnxVerifier, TorchVerifier

    for cls in (OnnxVerifier, TorchVerifier):
        with pytest.raises(ModelError, match=r"config\.json missing"):
            cls(tmp_path)


def test_onnx_and_torch_runtimes_agree(verifier):
    from corroborate.config import DEFAULT_MODEL_PATH
    from corroborate.verify import load_verifier

    torch_verifier = load_verifier(DEFAULT_MODEL_PATH, runtime="torch")
    assert (verifier.runtime, torch_verifier.runtime) == ("onnx", "torch")
    pairs = PAIRS * 3
    np.testing.assert_allclose(verifier.predict(pairs, batch_size=4), torch_verifier.predict(pairs), atol=1e-4)


def test_exported_onnx_matches_a_fresh_export(tmp_path, verifier):
    """The shipped model.onnx is what `corroborate.train.export_onnx` makes from the shipped weights."""
    import shutil

    pytest.importorskip("onnx")
    from corroborate.config import DEFAULT_MODEL_PATH
    from corroborate.train.export_onnx import export
    from corroborate.verify import OnnxVerifier

    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_PATH, folder, ignore=shutil.ignore_patterns("model.onnx"))
    export(folder)
    fresh = OnnxVerifier(folder)
    np.testing.assert_allclose(fresh.predict(PAIRS), verifier.predict(PAIRS), atol=1e-5)
