"""Claim extraction and check-worthiness benchmarks.

- `claims`: the project's own labelled set (`bench/data/claim_extraction.jsonl`, 32 news-style
  articles written for it, every sentence annotated with its atomic, self-contained claims, their
  speakers and what was resolved from context). Articles a01–a10 are the dev part (the default
  check-worthiness threshold was chosen on them), a11–a32 the test part reported here.
- `checkworthiness`: ClaimBuster two-class test and CheckThat! 2019 / 2020 test sets from the shared
  data (skipped without them).

A predicted claim matches a gold claim of the same sentence when their stemmed content words
overlap with F1 ≥ 0.5 (greedy, best pairs first); precision and recall count matches.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corroborate import segment
from corroborate.analysis import terms
from corroborate.bench.harness import BenchContext, BenchSkipped, timed
from corroborate.claims import extract_claims
from corroborate.claims.checkworthy import load_checkworthiness
from corroborate.claims.dates import parse_document_date
from corroborate.config import Settings
from corroborate.datasets import checkworthiness as cw
from corroborate.records import Claim
from corroborate.train.checkworthy import average_precision, binary_scores

__all__ = [
    "DEV_ARTICLES",
    "EVAL_SET",
    "checkworthiness",
    "claim_extraction",
    "evaluate_articles",
    "load_articles",
    "term_f1",
]

EVAL_SET = Path(__file__).resolve().parent / "data" / "claim_extraction.jsonl"
DEV_ARTICLES = {f"a{i:02d}" for i in range(1, 11)}
MATCH_F1 = 0.5


def load_articles(path: Path = EVAL_SET) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def term_f1(a: str, b: str) -> float:
    """F1 of the stemmed content words two texts share."""
    ta, tb = Counter(terms(a)), Counter(terms(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ta.values()), common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


def _same_speaker(gold: str | None, claim: Claim) -> bool:
    if gold is None or claim.speaker is None:
        return gold is None and claim.speaker is None
    said = set(terms(f"{claim.speaker} {claim.speaker_role or ''}"))
    wanted = set(terms(gold))
    return bool(wanted) and len(wanted & said) / len(wanted) >= 0.5


def evaluate_articles(
    articles: Sequence[dict[str, Any]], threshold: float, set_aside_at: float | None = None
) -> dict[str, Any]:
    """Claim precision/recall, attribution and resolution accuracy, sentence check-worthiness.

    `set_aside_at` is the context model's point (`extract_claims`; None: the model's own, above 1: off)."""
    counts = Counter()
    sentence_gold: list[int] = []
    sentence_scores: list[float] = []
    errors: list[dict[str, Any]] = []
    for article in articles:
        gold_sentences = article["sentences"]
        text = " ".join(s["text"] for s in gold_sentences)
        starts, pos = [], 0
        for s in gold_sentences:
            starts.append(pos)
            pos += len(s["text"]) + 1
        result = extract_claims(
            segment.sentences(article["id"], text), 0.0, parse_document_date(article.get("date")), set_aside_at
        )
        by_sentence: dict[int, list[Claim]] = {}
        for claim in result.claims:
            index = max(i for i, start in enumerate(starts) if start <= claim.start)
            by_sentence.setdefault(index, []).append(claim)
        for index, gold_sentence in enumerate(gold_sentences):
            claims = by_sentence.get(index, [])
            sentence_gold.append(int(bool(gold_sentence["claims"])))
            sentence_scores.append(max((c.checkworthiness for c in claims), default=0.0))
            predicted = [c for c in claims if c.checkworthiness >= threshold]
            gold = gold_sentence["claims"]
            counts["predicted"] += len(predicted)
            counts["gold"] += len(gold)
            pairs = sorted(
                ((term_f1(p.text, g["text"]), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
                reverse=True,
            )
            used_p, used_g = set(), set()
            for score, i, j in pairs:
                if score < MATCH_F1 or i in used_p or j in used_g:
                    continue
                used_p.add(i)
                used_g.add(j)
                claim, wanted = predicted[i], gold[j]
                counts["matched"] += 1
                counts["speaker_ok"] += _same_speaker(wanted["speaker"], claim)
                counts["reported_ok"] += claim.reported == wanted["attributed"]
                counts["gold_attributed"] += bool(wanted["attributed"])
                counts["attributed_ok"] += bool(wanted["attributed"]) and _same_speaker(wanted["speaker"], claim)
                for item in wanted["resolved"]:
                    counts["resolved_gold"] += 1
                    counts["resolved_ok"] += set(terms(item)) <= set(terms(claim.text))
            if len(errors) < 40 and (len(used_p) < len(predicted) or len(used_g) < len(gold)):
                errors.append({
                    "sentence": gold_sentence["text"],
                    "unmatched_predicted": [predicted[i].text for i in range(len(predicted)) if i not in used_p],
                    "unmatched_gold": [gold[j]["text"] for j in range(len(gold)) if j not in used_g],
                })  # fmt: skip
    precision = counts["matched"] / max(counts["predicted"], 1)
    recall = counts["matched"] / max(counts["gold"], 1)
    y, p = np.asarray(sentence_gold), np.asarray(sentence_scores)
    return {
        "articles": len(articles),
        "sentences": len(sentence_gold),
        "gold_claims": counts["gold"],
        "predicted_claims": counts["predicted"],
        "matched": counts["matched"],
        "claim_precision": round(precision, 4),
        "claim_recall": round(recall, 4),
        "claim_f1": round(2 * precision * recall / (precision + recall) if precision + recall else 0.0, 4),
        "speaker_accuracy": round(counts["speaker_ok"] / max(counts["matched"], 1), 4),
        "reported_flag_accuracy": round(counts["reported_ok"] / max(counts["matched"], 1), 4),
        "attributed_claims_speaker_recall": round(counts["attributed_ok"] / max(counts["gold_attributed"], 1), 4),
        "resolution_recall": round(counts["resolved_ok"] / max(counts["resolved_gold"], 1), 4),
        "sentence_checkworthiness": binary_scores(y, p, threshold),
        "errors": errors,
    }


def claim_extraction(ctx: BenchContext) -> dict[str, Any]:
    articles = load_articles()
    threshold = Settings().checkworthy_threshold
    dev = [a for a in articles if a["id"] in DEV_ARTICLES]
    test = [a for a in articles if a["id"] not in DEV_ARTICLES]
    dev_result = evaluate_articles(dev, threshold)
    seconds, test_result = timed(lambda: evaluate_articles(test, threshold))
    sentences = test_result["sentences"]
    t = test_result
    return {
        "data": {"source": "bench/data/claim_extraction.jsonl (written for the project)", "dev_articles": len(dev),
                 "test_articles": len(test), "threshold": threshold, "match": f"stemmed-term F1 >= {MATCH_F1}"},
        "results": {"test": test_result, "dev": dev_result, "seconds_per_sentence": round(seconds / sentences, 4)},
        "key": {
            "claim P/R/F1 (test)": f"{t['claim_precision']:.3f} / {t['claim_recall']:.3f} / {t['claim_f1']:.3f}",
            "speaker acc.": f"{t['speaker_accuracy']:.3f}",
            "attributed recall": f"{t['attributed_claims_speaker_recall']:.3f}",
            "resolution recall": f"{t['resolution_recall']:.3f}",
            "sentence AP": f"{t['sentence_checkworthiness']['average_precision']:.3f}",
        },
    }  # fmt: skip


def checkworthiness(ctx: BenchContext) -> dict[str, Any]:
    if ctx.data is None or not (ctx.data / cw.ROOT).is_dir():
        raise BenchSkipped(f"no {cw.ROOT} under {ctx.data}; give --data")
    model = load_checkworthiness()
    results: dict[str, Any] = {}
    sets = {
        "claimbuster_test": cw.claimbuster(ctx.data, "test"),
        "ct19_t1_test": cw.clef19(ctx.data, "Test"),
        "ct20_t1_tweets_test": cw.clef20_tweets(ctx.data, "test-gold"),
        "ct20_t5_debates_test": cw.clef20_debates(ctx.data),
    }
    for name, rows in sets.items():
        seconds, scores = timed(lambda rows=rows: model.score([r.text for r in rows], show_progress=len(rows) > 5000))
        y = np.asarray([r.label for r in rows])
        entry = binary_scores(y, scores)
        by_group: dict[str, list[int]] = {}
        for i, r in enumerate(rows):
            by_group.setdefault(r.group, []).append(i)
        entry["map"] = round(
            float(np.mean([average_precision(y[i], scores[i]) for i in by_group.values() if y[i].sum()])), 4
        )
        entry["p_at_10"] = round(float(np.mean([_precision_at(y[i], scores[i], 10) for i in by_group.values()])), 4)
        entry.update(
            sentences=len(rows),
            positives=int(y.sum()),
            groups=len(by_group),
            sentences_per_second=round(len(rows) / seconds, 1),
        )
        results[name] = entry
    return {
        "data": {"source": f"{ctx.data / cw.ROOT}", "model": str(model.path.name)},
        "results": results,
        "key": {
            "ClaimBuster F1": f"{results['claimbuster_test']['f1']:.3f}",
            "CT19 MAP": f"{results['ct19_t1_test']['map']:.3f}",
            "CT20 tweets MAP": f"{results['ct20_t1_tweets_test']['map']:.3f}",
            "CT20 debates MAP": f"{results['ct20_t5_debates_test']['map']:.3f}",
        },
    }


def _precision_at(y: np.ndarray, scores: np.ndarray, k: int) -> float:
    order = np.argsort(-scores, kind="stable")[:k]
    return float(y[order].sum() / k)
