"""`bench fnc1`: real news as verdicts. FNC-1 competition test: a headline is the claim, an article body the library.

Each (headline, body) pair is checked with the body as the only source: the body cut into sentences by the
library's segmenter, its `evidence_per_claim` sentences most like the headline judged by the same verifier,
figure check and decision (`api.judge_claims`) as `check`. The verdict maps to a stance: SUPPORTED → agree,
REFUTED → disagree, CONFLICTING → discuss, NOT ENOUGH EVIDENCE → discuss when the body's closest sentence has
cosine similarity ≥ τ with the headline, else unrelated. τ is chosen (grid `TAU_GRID`, by the FNC-1 score) on
the pairs of one body in five (`Body ID` mod 5 = 0: the *choose* part) and applied unchanged to the others
(the *report* part): FNC-1's training stances are not in `../shared/data`, so nothing else can choose it.

Scored as FNC-1 scores (fakenewschallenge.org, `scorer.py`): +0.25 when related/unrelated is right, +0.75 more
when a related pair's stance is right; reported as a share of the best possible score. Per-stance F1 and the
confusion beside it. Published (the whole competition test set): baseline 0.752 of the maximum, best 0.820.
The sample: `--size N` pairs (default 1,500) drawn with a fixed seed in the test set's own proportions.

Second setting, **retrieved**: every test body indexed into one library (BM25-only, to keep the bench in
minutes), each sampled headline checked against the whole library with `api.verify_claims` as `check` runs
it. A pair's stance comes from what that check did with the pair's body: its own judged sentences
aggregated alone (`aggregate`) — SUPPORTED → agree, REFUTED → disagree, else discuss — and unrelated when
none of the body's sentences was judged or shown as closest. Nothing is chosen on it.
"""

from __future__ import annotations

import csv
import random
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from corroborate.bench.harness import BenchContext, BenchSkipped, timed
from corroborate.bench.quality import _load
from corroborate.records import Label, Verdict

__all__ = ["fnc1", "fnc_score", "stance_of"]

STANCES = "competition_test_stances.csv"
BODIES = "competition_test_bodies.csv"
STANCE_NAMES = ("agree", "disagree", "discuss", "unrelated")
TAU_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
DEFAULT_SIZE = 1500
PUBLISHED = {"FNC-1 baseline": 0.752, "best (SOLAT in the SWEN)": 0.820}


def stance_of(verdict: Verdict, closest_similarity: float, tau: float) -> str:
    """The FNC-1 stance a verdict on (headline, body) stands for."""
    if verdict.label is Label.SUPPORTED:
        return "agree"
    if verdict.label is Label.REFUTED:
        return "disagree"
    if verdict.label is Label.CONFLICTING or closest_similarity >= tau:
        return "discuss"
    return "unrelated"


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """FNC-1's weighted score as a share of the best possible one."""
    score = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        related_g, related_p = g != "unrelated", p != "unrelated"
        best += 0.25 + (0.75 if related_g else 0.0)
        if related_g == related_p:
            score += 0.25
            if related_g and g == p:
                score += 0.75
    return round(score / best, 4) if best else 0.0


def _per_stance(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for s in STANCE_NAMES:
        tp = sum(g == p == s for g, p in zip(gold, predicted, strict=True))
        n_pred, n_gold = predicted.count(s), gold.count(s)
        prec, rec = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        out[s] = {"precision": round(prec, 4), "recall": round(rec, 4),
                  "f1": round(2 * prec * rec / (prec + rec), 4) if tp else 0.0, "gold": n_gold, "predicted": n_pred}  # fmt: skip
    return out


def _parts(rows: Sequence[dict[str, str]]) -> tuple[list[int], list[int]]:
    """(choose, report): the pairs of one body in five, and the rest."""
    choose = [i for i, r in enumerate(rows) if zlib.crc32(r["Body ID"].encode()) % 5 == 0]
    chosen = set(choose)
    return choose, [i for i in range(len(rows)) if i not in chosen]


def _scored(gold: Sequence[str], predicted: Sequence[str], choose: list[int], report: list[int]) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    for name, idx in (("report", report), ("choose", choose), ("all", list(range(len(gold))))):
        g, p = [gold[i] for i in idx], [predicted[i] for i in idx]
        per = _per_stance(g, p)
        parts[name] = {
            "pairs": len(idx),
            "fnc_score": fnc_score(g, p),
            "accuracy": round(sum(a == b for a, b in zip(g, p, strict=True)) / len(idx), 4) if idx else 0.0,
            "per_stance": per,
            "macro_f1": round(sum(v["f1"] for v in per.values()) / len(STANCE_NAMES), 4),
            "confusion": dict(sorted(Counter(f"{a} → {b}" for a, b in zip(g, p, strict=True)).items())),
        }
    return parts


def _retrieved(
    ctx: BenchContext, rows: Sequence[dict[str, str]], bodies: dict[str, str], verifier: Any
) -> dict[str, Any]:
    """Each sampled headline checked against a library of every test body; the pair's body decides its stance."""
    import json

    from corroborate.aggregate import aggregate
    from corroborate.api import Library, verify_claims
    from corroborate.config import Settings

    settings = ctx.settings
    folder = ctx.workdir / "fnc1-library"
    corpus = ctx.workdir / "fnc1-bodies.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for body_id, text in bodies.items():
            if text.strip():
                fh.write(json.dumps({"id": f"body-{body_id}", "title": "", "text": text}, ensure_ascii=False) + "\n")
    ctx.echo(f"  fnc1: indexing {len(bodies)} bodies (BM25-only) and checking each headline against all of them…")
    started = time.perf_counter()
    with Library.open(folder, create=True, settings=Settings(dense=False)) as lib:
        lib.add([corpus])
        body_of = {str(d["id"]): str(d["origin"]).rsplit("#", 1)[-1] for d in lib.store.documents()}
        headlines = list(dict.fromkeys(r["Headline"] for r in rows))
        verdicts = dict(zip(headlines, verify_claims(headlines, lib, settings, verifier=verifier), strict=True))
    predicted = []
    for r in rows:
        v = verdicts[r["Headline"]]
        own = [j for j in v.considered if body_of.get(j.evidence.doc_id) == f"body-{r['Body ID']}"]
        near = [j for j in v.nearest if body_of.get(j.evidence.doc_id) == f"body-{r['Body ID']}"]
        if not own and not near:
            predicted.append("unrelated")
            continue
        label = aggregate(v.claim, own, settings.decide_threshold).label if own else Label.NOT_ENOUGH_EVIDENCE
        predicted.append(stance_of(replace(v, label=label), 1.0, 0.0))
    choose, report = _parts(rows)
    return {**_scored([r["Stance"] for r in rows], predicted, choose, report),
            "library": f"{len(bodies)} bodies, BM25-only", "seconds": round(time.perf_counter() - started, 1),
            "headlines": len(verdicts)}  # fmt: skip


def _read(ctx: BenchContext) -> tuple[list[dict[str, str]], dict[str, str], Path]:
    stances, bodies = ctx.data_file(f"fnc1/{STANCES}"), ctx.data_file(f"fnc1/{BODIES}")
    if stances is None or bodies is None:
        raise BenchSkipped(f"FNC-1 not found under {ctx.data} (needs fnc1/{STANCES} and fnc1/{BODIES}); give --data")
    with bodies.open(encoding="utf-8", newline="") as fh:
        text = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(fh)}
    with stances.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Body ID"] in text and r["Headline"].strip()]
    return rows, text, stances


def fnc1(ctx: BenchContext) -> dict[str, Any]:
    """Headline vs its gold body through `judge_claims`; FNC-1 score with τ chosen on the choose part."""
    from corroborate.api import claims_from_text, judge_claims, load_settings_verifier
    from corroborate.bench.verdicts import given_evidence
    from corroborate.retrieve import load_encoder
    from corroborate.retrieve.evidence import similar_evidence

    rows, bodies, source = _read(ctx)
    size = ctx.size or DEFAULT_SIZE
    sample = sorted(random.Random(7).sample(range(len(rows)), min(size, len(rows))))
    rows = [rows[i] for i in sample]
    settings = ctx.settings
    verifier = load_settings_verifier(settings)
    encoder = load_encoder(max_length=settings.embed_max_length)
    ctx.echo(f"  fnc1: {len(rows)} (headline, body) pairs, the body as the only source…")
    load_before = _load()

    def run() -> tuple[list[Verdict], list[float]]:
        evidence, closest = [], []
        for r in rows:
            sentences = given_evidence(f"fnc1-body-{r['Body ID']}", f"{STANCES}#{r['Body ID']}", [bodies[r["Body ID"]]])
            chosen = similar_evidence(encoder, r["Headline"], sentences, 0.0, settings.evidence_per_claim)
            evidence.append(chosen)
            closest.append(max((e.similarity or 0.0 for e in chosen), default=0.0))
        verdicts = judge_claims(claims_from_text([r["Headline"] for r in rows]), evidence, verifier, settings)
        return verdicts, closest

    seconds, (verdicts, closest) = timed(run)
    choose, report = _parts(rows)
    gold = [r["Stance"] for r in rows]

    def predicted(tau: float, idx: Sequence[int]) -> list[str]:
        return [stance_of(verdicts[i], closest[i], tau) for i in idx]

    grid = {tau: fnc_score([gold[i] for i in choose], predicted(tau, choose)) for tau in TAU_GRID}
    tau = max(grid, key=lambda t: (grid[t], -t))
    every = predicted(tau, range(len(rows)))
    parts = _scored(gold, every, choose, report)
    retrieved = _retrieved(ctx, rows, bodies, verifier)
    rep = parts["report"]
    pairs = sum(len(v.considered) for v in verdicts)
    key = {
        "gold body, report part": f"FNC-1 score {rep['fnc_score']:.3f} of the maximum ({rep['pairs']} pairs), "
        + ", ".join(f"{s} F1 {rep['per_stance'][s]['f1']:.3f}" for s in STANCE_NAMES)
        + f"; macro-F1 {rep['macro_f1']:.3f}",
        "τ (chosen on the choose part)": f"{tau} (" + ", ".join(f"{t}: {v:.3f}" for t, v in grid.items()) + ")",
        "retrieved from all bodies, report part": f"FNC-1 score {retrieved['report']['fnc_score']:.3f} of the maximum, "
        + ", ".join(f"{s} F1 {retrieved['report']['per_stance'][s]['f1']:.3f}" for s in STANCE_NAMES)
        + f"; macro-F1 {retrieved['report']['macro_f1']:.3f} (library: {retrieved['library']})",
        "speed": f"{len(rows) / seconds:.1f} pairs of headline and body/s, {pairs / seconds:.0f} sentence pairs/s",
        "published (whole test set)": ", ".join(f"{k} {v:.3f}" for k, v in PUBLISHED.items()),
    }
    return {
        "data": {
            "corpus": f"FNC-1 competition test: {len(rows):,} of {len(_read(ctx)[0]):,} (headline, body) pairs, "
            f"seeded sample in the set's proportions ({dict(sorted(Counter(gold).items()))})",
            "source": str(source),
        },
        "results": {
            "tau": tau,
            "tau_grid": grid,
            "parts": parts,
            "retrieved": retrieved,
            "published": PUBLISHED,
            "speed": {
                "seconds": round(seconds, 1),
                "pairs_per_s": round(len(rows) / seconds, 2),
                "load_average": [load_before, _load()],
            },
            "model": {"name": verifier.name, "sha256": verifier.hash, "runtime": verifier.runtime},
            "settings": settings.as_dict(),
        },
        "key": key,
    }
