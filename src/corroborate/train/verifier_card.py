"""MODEL_CARD.md for a trained verifier, from the training report (`training.json`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

__all__ = ["blend_card", "data_licences", "model_card"]

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


def model_card(report: dict[str, Any], split: Path) -> str:
    """The card: what it is, data and licences, recipe, dev per epoch, held-out and contrast scores."""
    s = report["settings"]
    licences = data_licences(split.parent.parent / "README.md")
    folders: dict[str, int] = {}
    for source, n in report["train_sources"].items():
        folders[_folder(source)] = folders.get(_folder(source), 0) + n
    data_rows = "\n".join(
        f"| {f} | {n:,} | {licences.get(f, 'see the data README')} |" for f, n in sorted(folders.items())
    )
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
    sample = ", a seeded sample (`--train-sample`)" if s.get("train_sample") else ""
    command = (
        f"python -m corroborate.train.verifier --data ../shared/data --out {report['model']} "
        f"--epochs {s['epochs']} --batch-size {s['batch_size']} --lr {s['lr']} --max-length {s['max_length']} "
        f"--seed {s['seed']}" + (f" --limit {s['limit']}" if s["limit"] else "")
        + (f" --train-sample {s['train_sample']}" if s.get("train_sample") else "")
        + (f" --hard-negatives {s['hard_negatives']}" if s.get("hard_negatives", 3000) != 3000 else "")
        + ("" if s["augment"] else " --no-augment") + f" --init {report['init']}"
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
  {s["batch_size"]}, {s["epochs"]} epoch(s), {s["warmup"]:.0%} warm-up then linear decay, gradients clipped at 1.0,
  {report["precision"]} on {report["device"]}, seed {s["seed"]}; best epoch by dev accuracy: {report["best_epoch"]}.
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


def blend_card(
    name: str, blend: dict[str, Any], tuned: dict[str, Any], evaluated: dict[str, Any], base: str, split: Path
) -> str:
    """The card of a blend (`train.interpolate`): how it was made and chosen, held-out and contrast
    scores beside those of the base (`evaluated`: `train.evaluate` output with both), data and licences.
    """
    mine, theirs = evaluated[name], evaluated[base]
    s = tuned["settings"]
    licences = data_licences(split.parent.parent / "README.md")
    folders: dict[str, int] = {}
    for source, n in tuned["train_sources"].items():
        folders[_folder(source)] = folders.get(_folder(source), 0) + n
    data_rows = "\n".join(
        f"| {f} | {n:,} | {licences.get(f, 'see the data README')} |" for f, n in sorted(folders.items())
    )
    augmented = ", ".join(f"{k} {v:,}" for k, v in tuned["augmented_rows"].items())
    blends = "\n".join(
        f"| {r['alpha']} | {r['dev_accuracy']} | {r['dev_contrast_accuracy']} | {r['score']} |" for r in blend["blends"]
    )
    held = "\n".join(
        f"| {set_.removeprefix('eval-')} | {v['rows']} | {theirs['held_out'][set_]['accuracy']} | {v['accuracy']} | "
        f"{theirs['held_out'][set_].get('macro_f1', '')} | {v.get('macro_f1', '')} | {_extra(v)} |"
        for set_, v in mine["held_out"].items()
    )
    contrast = "\n".join(
        f"| {kind} | {v['rows']} | {v['label']} | {theirs['contrast'][kind]['accuracy']} | {v['accuracy']} |"
        for kind, v in mine["contrast"].items()
    )
    return f"""# {name} — claim-verification cross-encoder (MiniLM-L6, 3-way)

Input: a pair (evidence, claim), evidence first, tokenized as a BERT sentence pair (max {s["max_length"]} tokens).
Output: logits over `entailment`, `neutral`, `contradiction` (`config.json` id2label). Weights: fp16
safetensors; `model.onnx` is the same network for ONNX Runtime; `calibration.json` maps its probabilities
to calibrated ones (`corroborate train calibration`, fitted on the split's dev pairs).

## How it was made
1. **Continued training** of {base} (`corroborate.train.verifier --init`): a seeded sample of
   {tuned["train_rows"]:,} pairs of `splits/verifier-v0/train.jsonl.gz` (v0's own training data, so it
   is not forgotten) plus the contrastive rows of `corroborate.train.augment` (seed {s["seed"]}):
   {augmented}. AdamW lr {s["lr"]}, batch {s["batch_size"]}, {s["epochs"]} epoch, {s["warmup"]:.0%} warm-up
   then linear decay, {tuned["precision"]} on {tuned["device"]}, {tuned["seconds"]} s. Alone, that model
   gained on names and negations and lost elsewhere (dev accuracy {tuned["dev"]["accuracy"]}).
2. **Weight blend** with {base} (`corroborate.train.interpolate`; WiSE-FT, Wortsman et al. 2022):
   `(1 - a) * {base} + a * tuned`, `a` chosen on the split's **dev** pairs and a contrast set built from
   those dev pairs by the best mean of the two accuracies (the held-out files were not looked at):

| a | dev accuracy | dev contrast accuracy | mean |
|---|---|---|---|
{blends}

Chosen: **a = {blend["alpha"]}**.

## Held-out results (never trained on; `eval-*.jsonl.gz` of the split; raw network, argmax, fp32)
| set | rows | {base} accuracy | {name} accuracy | {base} macro-F1 | {name} macro-F1 | other ({name}) |
|---|---|---|---|---|---|---|
{held}

## Contrast set (held-out entailed pairs and the same pairs changed; `corroborate.train.contrast`, seed 0)
| kind | rows | gold | {base} | {name} |
|---|---|---|---|---|
{contrast}

## Data and licences (as stated in the shared data README)
| data folder | training pairs (continued training) | licence |
|---|---|---|
{data_rows}

The weights are derived from these data (and from {base}'s, trained on the whole split); the data are
not shipped. ANLI (CC BY-NC 4.0) is used for evaluation only.

## Reproduce
    python -m corroborate.train.verifier --data ../shared/data --out build/tuned --init {tuned["init"]} \\
        --epochs {s["epochs"]} --lr {s["lr"]} --train-sample {s.get("train_sample")} --hard-negatives {s.get("hard_negatives")} --seed {s["seed"]}
    python -m corroborate.train.interpolate --base {tuned["init"]} --tuned build/tuned --out build/{name}
    python -m corroborate.train.export_onnx build/{name}
    corroborate train calibration --model build/{name}
"""
