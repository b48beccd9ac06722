"""MODEL_CARD.md for a trained verifier, from the training report (`training.json`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from corroborate.train.augment import TRAIN_KINDS, AugmentPlan

__all__ = ["data_licences", "model_card"]

# Source name in the split (its prefix) → folder of the shared data that README.md describes.
SOURCE_FOLDERS = (
    ("snli", "snli-esnli"),
    ("mnli", "nli-generative-nli"),
    ("rte", "nli-generative-nli"),
    ("scitail", "nli-generative-nli"),
    ("anli", "nli-generative-nli"),
    ("FEVER", "fever-nli-dev-covidfact"),
    ("sufficient_facts", "sufficient-facts"),
    ("fm2", "fm2"),
    ("healthver", "healthver"),
    ("covidfact", "covidfact"),
    ("scifact", "scifact"),
    ("citation-integrity", "citation-integrity"),
    ("fnc-1", "fnc1"),
)


def data_licences(readme: Path) -> dict[str, str]:
    """Folder → "license (as stated)" column of the shared data README's table ({} without one)."""
    try:
        lines = readme.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    header = next((line for line in lines if line.startswith("| dir |")), None)
    if header is None:
        return {}
    columns = [c.strip() for c in header.strip("|").split("|")]
    at = next((i for i, c in enumerate(columns) if c.startswith("license")), None)
    if at is None:
        return {}
    out = {}
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == len(columns) and not re.fullmatch(r"-+|dir", cells[0]):
            out[cells[0]] = cells[at]
    return out


def _folder(source: str) -> str:
    return next((folder for prefix, folder in SOURCE_FOLDERS if source.startswith(prefix)), "?")


def _data_rows(train_sources: dict[str, int], split: Path) -> str:
    """Table rows: data folder, training pairs from it, its licence as the shared data README states it."""
    licences = data_licences(split.parent.parent / "README.md")
    folders: dict[str, int] = {}
    for source, n in train_sources.items():
        folders[_folder(source)] = folders.get(_folder(source), 0) + n
    return "\n".join(f"| {f} | {n:,} | {licences.get(f, 'see the data README')} |" for f, n in sorted(folders.items()))


def model_card(report: dict[str, Any], split: Path) -> str:
    """The card: what it is, data and licences, recipe, dev per epoch, held-out and contrast scores."""
    s = report["settings"]
    data_rows = _data_rows(report["train_sources"], split)
    augmented = ", ".join(f"{k} {v:,}" for k, v in report["augmented_rows"].items()) or "none (`--no-augment`)"
    epochs = "\n".join(
        f"| {h['epoch']} | {h['train_loss']} | {h['dev']['accuracy']} | {h['dev'].get('macro_f1', '')} |"
        for h in report["history"]
    )
    held = "\n".join(
        f"| {name.removeprefix('eval-')} | {v['rows']} | {v['accuracy']} | {v.get('macro_f1', '')} | "
        f"{v.get('two_way', '')} | {_extra(v)} |"
        for name, v in report["held_out"].items()
    )
    contrast = "\n".join(
        f"| {kind} | {v['rows']} | {v['label']} | {v['accuracy']} |" for kind, v in report["contrast"].items()
    )
    smoke = (
        f"\n**Smoke run** (`--limit {s['limit']}`, {report['train_rows']} training pairs): not for use; the "
        "numbers below are on a few rows.\n"
        if s["limit"]
        else ""
    )
    stop = report.get("stopped_early")
    stopped = (
        f" The time limit (`--time-limit`) ended the training after {stop['steps']:,} of epoch {stop['epoch']}'s "
        f"{stop['steps_per_epoch']:,} steps."
        if stop
        else ""
    )
    sample = ", a seeded sample (`--train-sample`)" if s.get("train_sample") else ""
    command = (
        f"python -m corroborate.train.verifier --data ../shared/data --out {report['model']} "
        f"--epochs {s['epochs']} --batch-size {s['batch_size']} --lr {s['lr']} --max-length {s['max_length']} "
        f"--seed {s['seed']}" + (f" --limit {s['limit']}" if s["limit"] else "")
        + (f" --train-sample {s['train_sample']}" if s.get("train_sample") else "")
        + (f" --hard-negatives {s['hard_negatives']}" if s["hard_negatives"] != AugmentPlan.hard_negatives else "")
        + "".join(f" --without {k}" for k in TRAIN_KINDS if k not in s.get("kinds", TRAIN_KINDS))
        + ("" if s["augment"] else " --no-augment") + (f" --batches {s['batches']}" if s.get("batches") else "")
        + f" --init {report['init']}"
    )  # fmt: skip
    return f"""# {report["model"]} — claim-verification cross-encoder (MiniLM-L6, 3-way)
{smoke}
Input: a pair (evidence, claim), evidence first, tokenized as a BERT sentence pair (max {s["max_length"]} tokens).
Output: logits over `entailment`, `neutral`, `contradiction` (`config.json` id2label). Weights: fp16
safetensors (load with dtype float32 on a CPU); `model.onnx` is the same network for ONNX Runtime.

- Started from: `{report["init"]}`.
- Training data: `splits/verifier-v0/train.jsonl.gz` of the shared data ({report["train_rows"]:,} pairs{sample},
  v0's split with its number swaps), plus augmented rows made at training time by
  `corroborate.train.augment` (seed {s["seed"]}): {augmented}. Binary rows (`not_entailment`) train
  P(entailment) only.
- Recipe: AdamW lr {s["lr"]}, weight decay {s["weight_decay"]} (not on biases and LayerNorm), batch
  {s["batch_size"]} ({s.get("batches", "random")}), {s["epochs"]} epoch(s), {s["warmup"]:.0%} warm-up then linear decay, gradients clipped at 1.0,
  {report["precision"]} on {report["device"]}, seed {s["seed"]}; best epoch by dev accuracy: {report["best_epoch"]}.{stopped}
  {report["seconds"]} s in all (training, evaluation, export).

## Data and licences (as stated in the shared data README)
| data folder | training pairs | licence |
|---|---|---|
{data_rows}

The weights are derived from these data; the data are not shipped. ANLI (CC BY-NC 4.0) is used for
evaluation only.

## Dev (`dev.jsonl.gz`, {report["dev_rows"]} pairs) by epoch
| epoch | train loss | accuracy | macro-F1 |
|---|---|---|---|
{epochs}

## Held-out results (never trained on; `eval-*.jsonl.gz` of the split)
| set | rows | accuracy | macro-F1 | 2-way (entail vs contradict) | other |
|---|---|---|---|---|---|
{held}

## Contrast set (held-out entailed pairs and the same pairs changed; `corroborate.train.contrast`, seed 0)
| kind | rows | gold | accuracy |
|---|---|---|---|
{contrast}

## Reproduce
`{command}` (trained {report["trained"]}).
"""


def _extra(v: dict[str, Any]) -> str:
    if "changed_called_contradiction" in v:
        return f"changed called contradiction {v['changed_called_contradiction']}, originals kept {v['originals_kept']}"
    return ""
