"""The real bundled fp32 verifier (verifier-v0): golden scores pin its output, so a changed model or runtime
shows up. The default verifier is its int8 copy, checked against it in test_verifier_int8.py."""

import numpy as np
import pytest

from corroborate.config import BUNDLED_VERIFIERS
from corroborate.verify import LABELS

FP32 = BUNDLED_VERIFIERS["v0"]


@pytest.fixture(scope="module")
def verifier():
    """verifier-v0 itself (the fp32 weights the goldens were measured on), not the default int8 copy."""
    from corroborate.verify import load_verifier

    return load_verifier(FP32)


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
# The same pairs through the shipped calibration.json (isotonic, fitted on the dev split).
GOLDEN_CALIBRATED = np.array([[0.8983, 0.0014, 0.1002], [0.039, 0.0238, 0.9371]])


def test_label_order_is_entailment_neutral_contradiction(verifier):
    assert LABELS == ("entailment", "neutral", "contradiction")


def test_golden_scores(verifier):
    from corroborate.verify.calibration import softmax

    np.testing.assert_allclose(softmax(verifier.logits(PAIRS[:2])), GOLDEN, atol=2e-3)


def test_golden_calibrated_scores(verifier):
    np.testing.assert_allclose(verifier.predict(PAIRS[:2]), GOLDEN_CALIBRATED, atol=2e-3)


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
    from corroborate.verify import load_verifier

    torch_verifier = load_verifier(FP32, runtime="torch")
    assert (verifier.runtime, torch_verifier.runtime) == ("onnx", "torch")
    pairs = PAIRS * 3
    np.testing.assert_allclose(verifier.predict(pairs, batch_size=4), torch_verifier.predict(pairs), atol=1e-4)


def test_exported_onnx_matches_a_fresh_export(tmp_path, verifier):
    """The shipped model.onnx is what `corroborate.train.export_onnx` makes from the shipped weights."""
    import shutil

    pytest.importorskip("onnx")
    from corroborate.train.export_onnx import export
    from corroborate.verify import OnnxVerifier

    folder = tmp_path / "model"
    shutil.copytree(FP32, folder, ignore=shutil.ignore_patterns("model.onnx"))
    export(folder)
    fresh = OnnxVerifier(folder)
    np.testing.assert_allclose(fresh.predict(PAIRS), verifier.predict(PAIRS), atol=1e-5)


# -- any Hugging Face NLI folder: the label order comes from its config.json ---------------------------
TINY_VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "dam", "held", "broke", "river", "rose", "."]
TINY_PAIRS = [("the dam held.", "the dam broke."), ("the river rose.", "the dam held."), ("the dam.", "the river.")]


def _tiny_bert(folder, id2label: dict[int, str]):
    """A randomly initialised 1-layer BERT pair classifier saved as a model folder (nothing downloaded)."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(TINY_VOCAB),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        id2label=id2label,
        label2id={name: i for i, name in id2label.items()},
    )
    model = BertForSequenceClassification(config).eval()
    model.save_pretrained(folder)
    BertTokenizer(vocab={w: i for i, w in enumerate(TINY_VOCAB)}).save_pretrained(folder)
    return model


def _raw_probs(model, folder, pairs):
    """The model's own softmax, columns in its id2label order."""
    import torch
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    enc = tokenizer([e for e, _ in pairs], [c for _, c in pairs], padding=True, return_tensors="pt")
    with torch.inference_mode():
        return torch.softmax(model(**enc).logits, dim=-1).numpy()


@pytest.mark.parametrize(
    ("id2label", "order"),
    [
        ({0: "entailment", 1: "neutral", 2: "contradiction"}, [0, 1, 2]),
        ({0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}, [2, 1, 0]),
        ({0: "neutral", 1: "Contradiction", 2: "Entailment"}, [2, 0, 1]),
    ],
)
def test_a_model_folder_s_label_order_is_read_from_its_config(tmp_path, id2label, order):
    from corroborate.verify import TorchVerifier

    model = _tiny_bert(tmp_path, id2label)
    raw = _raw_probs(model, tmp_path, TINY_PAIRS)
    probs = TorchVerifier(tmp_path).predict(TINY_PAIRS, batch_size=2)
    # Column k of the verifier's output is the model's logit named LABELS[k].
    np.testing.assert_allclose(probs, raw[:, order], atol=1e-5)
    assert not np.allclose(raw[:, 0], raw[:, 2])  # random weights, yet the columns differ: the test can fail


@pytest.mark.parametrize(
    ("id2label", "message"),
    [
        ({0: "entailment", 1: "not_entailment"}, "2-class model"),
        ({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}, "name each of entailment, neutral and contradiction once"),
        ({0: "entailment", 1: "entails", 2: "contradiction"}, "once"),
    ],
)
def test_a_model_folder_without_three_nli_labels_is_a_clear_error(tmp_path, id2label, message):
    from corroborate.errors import ModelError
    from corroborate.verify import load_verifier

    _tiny_bert(tmp_path, id2label)
    with pytest.raises(ModelError, match=message) as info:
        load_verifier(tmp_path, runtime="torch")
    assert str(tmp_path) in str(info.value)
