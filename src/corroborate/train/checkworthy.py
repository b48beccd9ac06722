"""Train the check-worthiness model (`corroborate train checkworthiness`) from ClaimBuster and news.

Recipe: embed every sentence with the shipped MiniLM encoder, add the lexical cues, and fit an
L2-regularised logistic regression by Newton's method with balanced class weights (ClaimBuster's
training split is 25 % check-worthy, its test split 50 %). ClaimBuster is debate speech; news states
its facts differently ("Dylan Thomas had a spider crawl underneath his skin" scored 0.098 with a
debate-only model), so 1,196 blind-labelled sentences of 60 FNC-1 news bodies join the training data,
each counted `NEWS_WEIGHT` times. The L2 strength is chosen on a fixed, stratified 10 % of the training
data; the final model is refitted on all of it. Deterministic: the same data give the same weights.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.atomic import write_text_atomically
from corroborate.claims.checkworthy import LEXICAL_FEATURES, CheckworthinessModel, sentence_features
from corroborate.datasets.checkworthiness import LabelledSentence, claimbuster, fnc1_news
from corroborate.retrieve.encoder import load_encoder

__all__ = ["L2_GRID", "binary_scores", "fit_logistic", "train_checkworthiness"]

L2_GRID = (0.01, 0.1, 1.0, 10.0, 100.0)
# News sentences are 13 % of the rows; counted three times they weigh about a third of the data.
NEWS_WEIGHT = 3


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> tuple[np.ndarray, float]:
    """Weighted (balanced) L2 logistic regression by Newton's method; the bias is not penalised."""
    n, d = x.shape
    xb = np.hstack([x.astype(np.float64), np.ones((n, 1))])
    positives = max(int(y.sum()), 1)
    weights = np.where(y == 1, n / (2 * positives), n / (2 * max(n - positives, 1)))
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    w = np.zeros(d + 1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        gradient = xb.T @ (weights * (p - y)) + penalty * w
        hessian = (xb * (weights * p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def binary_scores(y: np.ndarray, p: np.ndarray, threshold: float = 0.5) -> dict[str, float]:
    """Precision, recall and F1 of the positive class, accuracy, and average precision of the ranking."""
    predicted = p >= threshold
    tp = int((predicted & (y == 1)).sum())
    precision = tp / max(int(predicted.sum()), 1)
    recall = tp / max(int(y.sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round(float((predicted == (y == 1)).mean()), 4),
        "average_precision": round(average_precision(y, p), 4),
    }


def average_precision(y: np.ndarray, p: np.ndarray) -> float:
    """Mean of precision at each positive's rank (CheckThat!'s AP), ties broken by input order."""
    order = np.argsort(-p, kind="stable")
    hits = y[order] == 1
    if not hits.any():
        return 0.0
    ranks = np.flatnonzero(hits) + 1
    return float((np.arange(1, len(ranks) + 1) / ranks).mean())


def _split(rows: Sequence[LabelledSentence], fraction: float = 0.1) -> tuple[list[int], list[int]]:
    """A stratified, hash-based dev split: stable whatever the order of the file."""
    dev, train = [], []
    for i, row in enumerate(rows):
        bucket = int(hashlib.sha256(f"{row.label}:{row.text}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
        (dev if bucket < fraction else train).append(i)
    return train, dev


def train_checkworthiness(
    data: Path,
    out: Path,
    limit: int | None = None,
    show_progress: bool = False,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train on ClaimBuster `train`, evaluate on its `test`, write `out/weights.json` and `out/MODEL_CARD.md`.

    `limit` keeps the first N training sentences of each class (a smoke run for tests).
    """
    debate = claimbuster(data, "train")
    news = fnc1_news(data) if (data / "fnc1" / "train_bodies.csv").is_file() else []
    test = claimbuster(data, "test")
    if limit:
        debate = [r for r in debate if r.label == 1][:limit] + [r for r in debate if r.label == 0][:limit]
        news = news[:limit]
        test = [r for r in test if r.label == 1][: limit // 2] + [r for r in test if r.label == 0][: limit // 2]
    rows = debate + news * NEWS_WEIGHT
    encoder = load_encoder()
    x = sentence_features(encoder, [r.text for r in rows], show_progress).astype(np.float64)
    y = np.asarray([r.label for r in rows], dtype=np.float64)
    train_idx, dev_idx = _split(rows)
    dev_f1: dict[str, float] = {}
    for l2 in L2_GRID:
        coef, bias = fit_logistic(x[train_idx], y[train_idx], l2)
        p = 1.0 / (1.0 + np.exp(-(x[dev_idx] @ coef + bias)))
        dev_f1[str(l2)] = binary_scores(y[dev_idx], p)["f1"]
        echo(f"  l2={l2:<6} dev F1 {dev_f1[str(l2)]:.4f}")
    best = max(L2_GRID, key=lambda v: (dev_f1[str(v)], v))
    coef, bias = fit_logistic(x, y, best)
    xt = sentence_features(encoder, [r.text for r in test], show_progress).astype(np.float64)
    yt = np.asarray([r.label for r in test], dtype=np.float64)
    test_scores = binary_scores(yt, 1.0 / (1.0 + np.exp(-(xt @ coef + bias))))
    spec = {
        "model": "checkworthy-v2",
        "kind": "logistic regression over sentence embedding + lexical cues",
        "encoder": encoder.name,
        "encoder_hash": encoder.hash,
        "max_length": encoder.max_length,
        "features": [f"embedding[{encoder.dims}]", *LEXICAL_FEATURES],
        "l2": best,
        "coef": [round(float(v), 6) for v in coef],
        "bias": round(bias, 6),
    }
    report = {
        "claimbuster_sentences": len(debate),
        "news_sentences": len(news),
        "news_positive": sum(r.label for r in news),
        "train_sentences": len(rows),
        "train_positive": int(y.sum()),
        "dev_sentences": len(dev_idx),
        "dev_f1_by_l2": dev_f1,
        "l2": best,
        "claimbuster_test": test_scores,
        "test_sentences": len(test),
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
    }
    out.mkdir(parents=True, exist_ok=True)
    write_text_atomically(out / "weights.json", json.dumps(spec, indent=1) + "\n")
    write_text_atomically(out / "MODEL_CARD.md", _card(report, limit))
    CheckworthinessModel(out, encoder)  # refuse to finish with a model that does not load
    return report


def _card(report: dict[str, Any], limit: int | None) -> str:
    t = report["claimbuster_test"]
    smoke = (
        f"\n**Smoke run** on {report['train_sentences']} sentences (`--limit {limit}`): not for use.\n" if limit else ""
    )
    grid = ", ".join(f"{k}: {v:.4f}" for k, v in report["dev_f1_by_l2"].items())
    return f"""# checkworthy-v2
{smoke}
Scores how much a sentence states a verifiable fact (ClaimBuster's "check-worthy factual sentence").
Used by `corroborate claims` and `corroborate check` to choose the sentences worth checking.

## Model
Logistic regression (L2 = {report["l2"]}, balanced class weights, Newton's method) over the
all-MiniLM-L6-v2 sentence embedding (the retrieval encoder shipped in `models/minilm-l6-embed/`) and
8 lexical cues (figure, date, name, factual verb, opinion cue, question, first person, length).

## Data
- Train: ClaimBuster two-class `train.json` ({report["claimbuster_sentences"]} debate sentences), from
  `claimbuster-checkthat/data/two_class/` in the shared data (utaresearch/claimbuster-spotter @332bba0,
  repository licence GPL-3.0; the ClaimBuster dataset: Arslan et al., ICWSM 2020), and
  {report["news_sentences"]} news sentences ({report["news_positive"]} with a fact a fact-checker would check) of 60 FNC-1
  training bodies (`fnc1/train_bodies.csv`), labelled blind by helper sessions for this project
  (`datasets/data/fnc1_checkworthiness.jsonl`; none of the 45 bodies of `bench claims-news`), each
  counted {NEWS_WEIGHT} times: {report["train_sentences"]} rows, {report["train_positive"]} positive. The weights are derived numbers,
  not the data; the data are not shipped.
- L2 chosen on a stratified, hash-based 10 % of train ({report["dev_sentences"]} sentences): dev F1 {grid}.

## Held-out (ClaimBuster two-class `test.json`, {report["test_sentences"]} sentences, balanced)
| precision | recall | F1 (check-worthy) | accuracy | average precision |
|---|---|---|---|---|
| {t["precision"]} | {t["recall"]} | {t["f1"]} | {t["accuracy"]} | {t["average_precision"]} |

CheckThat! 2019/2020 numbers: `corroborate bench checkworthiness` (BENCHMARKS.md).

## Reproduce
`corroborate train checkworthiness --data ../shared/data --out src/corroborate/models/checkworthy-v2`
(trained {report["trained"]}).
"""
