"""Verdict benchmarks: the whole pipeline (retrieve → verify → aggregate) scored on labelled claims.

`scifact` indexes the SciFact abstracts (the library `scifact-retrieval` builds and caches), runs
`api.verify_claims` for every claim of the labelled split against the whole corpus, turns each verdict
into per-abstract predictions and scores them as SciFact's abstract-level evaluation does
(`abstract_level`). `healthver`
and `fm2` come with their evidence: each claim is judged against its given passage or sentences with
`api.judge_claims`, the same verifier, figure checks and `aggregate` that `check` uses.

SciFact predictions: a retrieved document is *decisive* when its own judgements `aggregate` to
SUPPORTED (→ SUPPORT) or REFUTED (→ CONTRADICT); its rationale is its deciding sentences (at most
three), its strength the per-document verdict's confidence. Two mappings are scored: every decisive
document ("all decisive", what the bench predicted first), and the decisive documents a
`SelectionPolicy` keeps ("selected"), the policy chosen by label-only F1 on the SciFact *train* claims
run through the same pipeline in the same run (never on dev or test).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from corroborate.aggregate import aggregate
from corroborate.bench.abstract_level import (
    GoldAbstract,
    PredictedAbstract,
    SelectionPolicy,
    abstract_scores,
    apply_policy,
    choose_policy,
    classify_errors,
)
from corroborate.bench.harness import BenchContext, BenchSkipped, timed
from corroborate.bench.quality import (
    CORPUS,
    DEV,
    TRAIN,
    _library,
    _LibraryMap,
    _load,
    _overlap,
    classification_scores,
    read_corpus,
)
from corroborate.config import Settings
from corroborate.records import Claim, Evidence, Judgement, Label, Verdict

__all__ = [
    "DocumentLabel",
    "GoldAbstract",
    "LabelledClaim",
    "PredictedAbstract",
    "abstract_scores",
    "classify_errors",
    "decisive_abstracts",
    "document_labels",
    "fm2",
    "healthver",
    "read_labelled_claims",
    "scifact",
]

TEST = "scifact/claims_test.jsonl"
HEALTHVER = "healthver/healthver_test.csv"
FM2 = "fm2/test.jsonl"
SUPPORT, CONTRADICT = "SUPPORT", "CONTRADICT"
TARGET_F1 = 0.60
# `min_similarity` values whose claim-verdict accuracy the scifact bench reports on the train claims.
SIMILARITY_GRID = (0.0, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
PUBLISHED = {"MultiVerS": 0.725, "BEVERS": 0.732}  # abstract-level label-only F1, SciFact *test*
HEALTHVER_PUBLISHED = {"NLM (T5)": {"macro_f1": 0.796, "accuracy": 0.807}}  # HealthVer README leaderboard, test
_VERDICT_LABEL = {Label.SUPPORTED: SUPPORT, Label.REFUTED: CONTRADICT}
_NAMES = {SUPPORT: Label.SUPPORTED, CONTRADICT: Label.REFUTED}


# -- from verdicts to abstract-level predictions (pure) ------------------------------------------


class DocumentLabel(NamedTuple):
    """What one document's own judgements decide for a claim."""

    label: str  # SUPPORT or CONTRADICT
    deciding: tuple[Judgement, ...]  # strongest first
    strength: float  # the per-document verdict's confidence: the calibrated probability of its strongest sentence


def document_labels(verdict: Verdict, decide_threshold: float) -> dict[str, DocumentLabel]:
    """Each document with decisive evidence for `verdict`'s claim → its label, deciding judgements and strength.

    A document's label is what `aggregate` makes of that document's judgements alone, so one claim
    can have documents both ways (the claim's own verdict is then CONFLICTING or the stronger side).
    Within one document `aggregate` never says CONFLICTING, so every judged document is SUPPORTED,
    REFUTED or not decisive.
    """
    by_doc: dict[str, list[Judgement]] = {}
    for j in verdict.considered:
        by_doc.setdefault(j.evidence.doc_id, []).append(j)
    out = {}
    for doc, judgements in by_doc.items():
        own = aggregate(verdict.claim, judgements, decide_threshold)
        if own.label in _VERDICT_LABEL:
            out[doc] = DocumentLabel(_VERDICT_LABEL[own.label], own.deciding, own.confidence)
    return out


# -- SciFact --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledClaim:
    id: int
    text: str
    cited: frozenset[str]
    gold: Mapping[str, GoldAbstract]

    @property
    def label(self) -> Label:
        """The claim-level label a verdict is compared with: SciFact's claim label, as a verdict."""
        labels = {g.label for g in self.gold.values()}
        if not labels:
            return Label.NOT_ENOUGH_EVIDENCE
        return _NAMES[labels.pop()] if len(labels) == 1 else Label.CONFLICTING


def read_labelled_claims(path: Path, limit: int | None = None) -> list[LabelledClaim]:
    """SciFact claims with their gold abstracts (label, evidence sets); REFUTE is read as CONTRADICT."""
    claims = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            gold = {}
            for doc, sets in (row.get("evidence") or {}).items():
                labels = {CONTRADICT if s["label"] in ("REFUTE", "CONTRADICT") else SUPPORT for s in sets}
                gold[str(doc)] = GoldAbstract(labels.pop(), tuple(frozenset(map(int, s["sentences"])) for s in sets))
            cited = frozenset(str(d) for d in row.get("cited_doc_ids", []))
            claims.append(LabelledClaim(int(row["id"]), row["claim"], cited, gold))
    return claims[:limit] if limit else claims


def _labelled(path: Path | None) -> bool:
    """Whether a claims file carries evidence labels (the official SciFact test release does not)."""
    if path is None:
        return False
    with path.open(encoding="utf-8") as fh:
        return any("evidence" in json.loads(line) for line in fh if line.strip())


def _sentence_indices(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    return [i for i, span in enumerate(spans) if _overlap(span, (start, end))]


def decisive_abstracts(
    verdict: Verdict,
    lib: _LibraryMap,
    spans: Mapping[str, Sequence[tuple[int, int]]],
    threshold: float,
    ranked: Sequence[str] = (),
) -> dict[str, PredictedAbstract]:
    """Every decisive document of `verdict` as a predicted SciFact abstract (keyed by corpus id): its label,
    its deciding sentences as rationale, its strength, and its rank in `ranked` (the claim's abstracts as
    retrieval ranked them, best first; None for one not among them)."""
    rank = {key: i for i, key in enumerate(ranked)}
    out = {}
    for doc, d in document_labels(verdict, threshold).items():
        key = lib.corpus_id[doc]
        rationale = [i for j in d.deciding for i in _sentence_indices(spans[key], j.evidence.start, j.evidence.end)]
        out[key] = PredictedAbstract(d.label, tuple(dict.fromkeys(rationale)), d.strength, rank.get(key))
    return out


def _score_split(
    claims: list[LabelledClaim],
    verdicts: list[Verdict],
    lib: _LibraryMap,
    spans: Mapping[str, Sequence[tuple[int, int]]],
    ranked: Mapping[int, Sequence[str]],
    threshold: float,
    policy: SelectionPolicy,
) -> dict[str, Any]:
    gold = {c.id: c.gold for c in claims}
    predicted: dict[int, dict[str, PredictedAbstract]] = {}
    verdict_docs: dict[int, dict[str, PredictedAbstract]] = {}
    strongest: dict[int, dict[str, PredictedAbstract]] = {}
    judged: dict[int, dict[str, frozenset[int]]] = {}
    for c, v in zip(claims, verdicts, strict=True):
        seen: dict[str, set[int]] = {}
        for j in v.considered:
            key = lib.corpus_id[j.evidence.doc_id]
            seen.setdefault(key, set()).update(_sentence_indices(spans[key], j.evidence.start, j.evidence.end))
        judged[c.id] = {k: frozenset(s) for k, s in seen.items()}
        docs = predicted[c.id] = decisive_abstracts(v, lib, spans, threshold, ranked[c.id])
        # Diagnostics (not chosen on any split): only the documents the claim's own verdict names, on
        # its side(s); only the document of its strongest deciding sentence.
        sides = {
            Label.SUPPORTED: [(SUPPORT, v.supporting)],
            Label.REFUTED: [(CONTRADICT, v.contradicting)],
            Label.CONFLICTING: [(SUPPORT, v.supporting), (CONTRADICT, v.contradicting)],
        }.get(v.label, [])
        verdict_docs[c.id] = {
            lib.corpus_id[d]: PredictedAbstract(label, docs.get(lib.corpus_id[d], PredictedAbstract(label)).sentences)
            for label, ids in sides
            for d in ids
        }
        top = lib.corpus_id[v.deciding[0].evidence.doc_id] if v.deciding else None
        strongest[c.id] = {top: verdict_docs[c.id][top]} if top in verdict_docs[c.id] else {}
    selected = apply_policy(predicted, policy)
    cited = {c.id: c.cited for c in claims}
    ranked_sets = {c.id: frozenset(ranked[c.id]) for c in claims}
    return {
        "claims": len(claims),
        "claims_with_evidence": sum(1 for c in claims if c.gold),
        "abstract_level": abstract_scores(gold, predicted),
        "errors": classify_errors(gold, predicted, judged, ranked_sets, cited),
        "selected": {
            "policy": policy.as_dict(),
            "abstract_level": abstract_scores(gold, selected),
            "false_positives": classify_errors(gold, selected, judged, ranked_sets, cited)["false_positives"],
        },
        "claim_level": label_scores([c.label for c in claims], verdicts),
        # Diagnostic: the claim's verdict from the first-ranked abstract's judgements alone, to show what
        # the topical sentences of lower-ranked abstracts cost the claim-level verdict.
        "claim_level_first_abstract": label_scores(
            [c.label for c in claims],
            [
                aggregate(v.claim, [j for j in v.considered if _first(lib, ranked[c.id], j)], threshold)
                for c, v in zip(claims, verdicts, strict=True)
            ],
        ),
        "diagnostics": {
            "verdict_documents_only": abstract_scores(gold, verdict_docs)["label_only"],
            "strongest_document_only": abstract_scores(gold, strongest)["label_only"],
        },
        "pairs_judged": sum(len(v.considered) for v in verdicts),
        "gold_abstract_judged": sum(1 for c in claims for d in c.gold if d in judged[c.id]),
    }


def _first(lib: _LibraryMap, ranked: Sequence[str], j: Judgement) -> bool:
    """Whether `j` judged a sentence of the claim's first-ranked abstract."""
    return bool(ranked) and lib.corpus_id[j.evidence.doc_id] == ranked[0]


def judged_similarities(encoder: Any, verdicts: Sequence[Verdict]) -> list[list[float]]:
    """Cosine similarity of each verdict's claim with each sentence it judged (in `considered` order)."""
    texts = list(dict.fromkeys([t for v in verdicts for t in (v.claim.text, *(j.evidence.text for j in v.considered))]))
    vectors = dict(zip(texts, encoder.encode(texts), strict=True)) if texts else {}
    return [[float(vectors[v.claim.text] @ vectors[j.evidence.text]) for j in v.considered] for v in verdicts]


def gated_verdicts(
    verdicts: Sequence[Verdict], similarities: Sequence[Sequence[float]], min_similarity: float, threshold: float
) -> list[Verdict]:
    """The verdicts `verify_claims` gives with `min_similarity`, made from a run without it: the gate only
    keeps sentences from the verifier, so the same judgements minus the dropped ones, aggregated again."""
    return [
        aggregate(v.claim, [j for j, s in zip(v.considered, sims, strict=True) if s >= min_similarity], threshold)
        for v, sims in zip(verdicts, similarities, strict=True)
    ]


def _similarity_sweep(
    claims: Sequence[LabelledClaim],
    verdicts: Sequence[Verdict],
    similarities: Sequence[Sequence[float]],
    threshold: float,
) -> dict[str, Any]:
    """Claim-verdict accuracy and macro-F1 on these claims for each `min_similarity` of the grid."""
    gold = [c.label for c in claims]
    grid = []
    for t in SIMILARITY_GRID:
        scores = label_scores(gold, gated_verdicts(verdicts, similarities, t, threshold))
        grid.append({"min_similarity": t, "accuracy": scores["accuracy"], "macro_f1": scores["macro_f1"]})
    best = max(grid, key=lambda r: (r["accuracy"], r["macro_f1"], -r["min_similarity"]))
    return {"chosen_on": "train", "grid": grid, "best": best["min_similarity"]}


def _speed(seconds: float, claims: int, pairs: int, load_before: Any) -> dict[str, Any]:
    return {
        "seconds": round(seconds, 2),
        "claims_per_s": round(claims / seconds, 2),
        "pairs_per_s": round(pairs / seconds, 1),
        "load_average": [load_before, _load()],
    }


def _choose_on_train(
    claims: list[LabelledClaim],
    verdicts: list[Verdict],
    lib: _LibraryMap,
    spans: Any,
    threshold: float,
    ranked: Mapping[int, Sequence[str]],
) -> dict[str, Any]:
    """The selection policy with the best label-only F1 on the train claims, with every policy's scores."""
    gold = {c.id: c.gold for c in claims}
    predicted = {
        c.id: decisive_abstracts(v, lib, spans, threshold, ranked[c.id]) for c, v in zip(claims, verdicts, strict=True)
    }
    policy, grid = choose_policy(gold, predicted)
    return {
        "chosen_on": "train",
        "claims": len(claims),
        "claims_with_evidence": sum(1 for c in claims if c.gold),
        "policy": policy.as_dict(),
        "description": policy.describe(),
        "train": {
            "all_decisive": abstract_scores(gold, predicted),
            "selected": abstract_scores(gold, apply_policy(predicted, policy)),
        },
        "grid": grid,
    }


def scifact(ctx: BenchContext) -> dict[str, Any]:
    """The full pipeline on SciFact train, then dev (and test where labelled): the selection policy chosen on
    train, abstract-level P/R/F1 of all decisive abstracts and of the selected ones, and error causes."""
    from corroborate.api import Library, load_settings_verifier, verify_claims
    from corroborate.retrieve import Retriever, load_encoder

    corpus_path, dev_path, test_path, train_path = (ctx.data_file(p) for p in (CORPUS, DEV, TEST, TRAIN))
    if corpus_path is None or dev_path is None or train_path is None:
        raise BenchSkipped(
            f"SciFact not found under {ctx.data} (needs {CORPUS}, {DEV}, and {TRAIN} to choose which abstracts "
            "to predict); give --data"
        )
    settings = ctx.settings
    docs = read_corpus(corpus_path)
    spans = {d.id: d.spans for d in docs}
    splits = {"dev": dev_path, **({"test": test_path} if test_path and _labelled(test_path) else {})}
    folder, library = _library(ctx, docs)
    out: dict[str, Any] = {"library": library, "splits": {}}
    with Library.open(folder, settings=settings) as lib:
        mapping = _LibraryMap.read(lib.store)
        verifier = load_settings_verifier(settings)
        retriever = Retriever.open(lib.store, settings.retrieval)
        verify_claims(["Warm-up claim about cells."], lib, settings, verifier=verifier, retriever=retriever)

        def run(
            split: str, claims: list[LabelledClaim], run_settings: Settings = settings
        ) -> tuple[list[Verdict], dict[str, Any], dict[int, list[str]]]:
            ctx.echo(f"  {split}: retrieving, verifying and aggregating {len(claims)} claims…")
            load_before = _load()
            seconds, verdicts = timed(
                lambda: verify_claims(
                    [c.text for c in claims], lib, run_settings, verifier=verifier, retriever=retriever
                )
            )
            # The abstracts of the passages the pipeline ranked, best first (outside the timing).
            ranked = {
                c.id: [k for k, _ in mapping.documents(retriever.passages(c.text, settings.top_passages))]
                for c in claims
            }
            speed = _speed(seconds, len(claims), sum(len(v.considered) for v in verdicts), load_before)
            return verdicts, speed, ranked

        # Train first: the policy is fixed before any dev or test claim is seen. Train runs without the
        # similarity gate, so that every gate of the grid can be scored on it; its verdicts under the
        # configured gate are then made from the same judgements.
        train = read_labelled_claims(train_path, ctx.size)
        ungated, speed, ranked = run("train", train, replace(settings, min_similarity=0.0))
        similarities = judged_similarities(load_encoder(), ungated)
        threshold = settings.decide_threshold
        out["similarity"] = {
            **_similarity_sweep(train, ungated, similarities, threshold),
            "setting": settings.min_similarity,
        }
        verdicts = gated_verdicts(ungated, similarities, settings.min_similarity, threshold)
        out["selection"] = {
            **_choose_on_train(train, verdicts, mapping, spans, threshold, ranked),
            "speed": speed,
        }
        policy = SelectionPolicy(**out["selection"]["policy"])
        ctx.echo(f"  chosen on train: {policy.describe()}")
        for split, path in splits.items():
            claims = read_labelled_claims(path, ctx.size)
            verdicts, speed, ranked = run(split, claims)
            result = _score_split(claims, verdicts, mapping, spans, ranked, settings.decide_threshold, policy)
            out["splits"][split] = {**result, "speed": speed}
        out["model"] = {"name": verifier.name, "sha256": verifier.hash, "runtime": verifier.runtime}
    out["settings"] = settings.as_dict()
    dev = out["splits"]["dev"]["selected"]["abstract_level"]["label_only"]["f1"]
    out["target"] = {
        "label_only_f1": TARGET_F1,
        "dev": dev,
        "mapping": "selected",
        "met": dev >= TARGET_F1,
        "published_test": PUBLISHED,
    }
    return {"data": _scifact_data(ctx, docs, out), "results": out, "key": _scifact_key(out)}


def _scifact_data(ctx: BenchContext, docs: list[Any], out: dict[str, Any]) -> dict[str, Any]:
    splits = out["splits"]
    text = f"SciFact: {len(docs):,} abstracts; dev {splits['dev']['claims']} claims (official labels)"
    if "test" in splits:
        text += f"; test {splits['test']['claims']} claims (labels from MultiVerS's data release, not the official one)"
    return {
        "corpus": text,
        "source": str(ctx.data / CORPUS) if ctx.data else CORPUS,
        "abstracts": len(docs),
        "splits": {k: v["claims"] for k, v in splits.items()},
        "test_labels": "the official SciFact test release has no labels; a test split is scored only when its "
        "file carries them (the shared copy takes them from MultiVerS's scifact_10 data)",
    }


def _prf_text(scores: Mapping[str, Any], level: str) -> str:
    x = scores[level]
    return f"P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f}"


def _scifact_key(out: dict[str, Any]) -> dict[str, str]:
    sel = out["selection"]
    t_all, t_sel = sel["train"]["all_decisive"], sel["train"]["selected"]
    key = {
        "selection policy (chosen on train)": (
            f"{sel['description']}; train ({sel['claims']} claims) label-only F1 {t_sel['label_only']['f1']:.3f} "
            f"({t_sel['predicted_abstracts']} predicted; all decisive F1 {t_all['label_only']['f1']:.3f}, "
            f"{t_all['predicted_abstracts']} predicted); train speed (no similarity gate) {sel['speed']['claims_per_s']:.2f} claims/s"
        )
    }
    gate = out["similarity"]
    key["min_similarity on train (claim-verdict accuracy)"] = (
        ", ".join(f"{r['min_similarity']:g}: {r['accuracy']:.3f}" for r in gate["grid"])
        + f"; best {gate['best']:g}; this run {gate['setting']:g}"
    )
    for split, r in out["splits"].items():
        a, e, chosen = r["abstract_level"], r["errors"], r["selected"]["abstract_level"]
        lo = a["label_only"]
        key[f"{split} label-only, all decisive"] = (
            f"{_prf_text(a, 'label_only')} ({a['predicted_abstracts']} predicted)"
        )
        key[f"{split} label-only, selected"] = (
            f"{_prf_text(chosen, 'label_only')} ({chosen['predicted_abstracts']} predicted)"
        )
        key[f"{split} rationale-selected"] = (
            f"all decisive {_prf_text(a, 'rationale_selected')}; selected {_prf_text(chosen, 'rationale_selected')}"
        )
        fp = e["false_positives"]
        key[f"{split} errors"] = (
            f"of {a['gold_abstracts']} gold abstracts {lo['correct']} right; retrieval miss {e['retrieval_miss']} "
            f"({e['by_kind'].get('retrieval_miss.ranked', 0)} ranked but no sentence chosen), evidence-selection "
            f"miss {e['evidence_selection_miss']}, wrong label {e['by_kind'].get('wrong_verdict.wrong_label', 0)}, "
            f"not decisive {e['by_kind'].get('wrong_verdict.not_decisive', 0)}; false positives "
            f"SUPPORT {fp.get(SUPPORT, 0)} / CONTRADICT {fp.get(CONTRADICT, 0)} of {a['predicted_abstracts']} predicted "
            "(all decisive)"
        )
        c, d = r["claim_level"], r["diagnostics"]
        first = r["claim_level_first_abstract"]
        key[f"{split} claim verdicts"] = (
            f"acc {c['accuracy']:.3f}, macro-F1 {c['macro_f1']:.3f}; from the first-ranked abstract's evidence "
            f"only (diagnostic) acc {first['accuracy']:.3f}, macro-F1 {first['macro_f1']:.3f}"
        )
        key[f"{split} diagnostics (label-only F1)"] = (
            f"verdict's documents only {d['verdict_documents_only']['f1']:.3f}, "
            f"strongest document only {d['strongest_document_only']['f1']:.3f}"
        )
        s = r["speed"]
        key[f"{split} speed"] = (
            f"{s['claims_per_s']:.2f} claims/s ({s['pairs_per_s']:.0f} pairs/s, {s['seconds']:.0f} s)"
        )
    key["target F1 ≥ 0.60 (dev, selected)"] = "met" if out["target"]["met"] else "not met"
    key["published (test)"] = ", ".join(f"{k} {v}" for k, v in PUBLISHED.items())
    lib = out["library"]
    key["library"] = (
        f"{'reused' if lib['reused'] else 'built'}: {lib['documents']:,} abstracts, {lib['passages']:,} passages "
        f"indexed with embeddings in {lib['build_seconds']:.0f} s"
    )
    return key


# -- HealthVer and FM2: claims with their evidence ------------------------------------------------

HEALTHVER_LABELS = {"supports": Label.SUPPORTED, "refutes": Label.REFUTED, "neutral": Label.NOT_ENOUGH_EVIDENCE}
FM2_LABELS = {"SUPPORTS": Label.SUPPORTED, "REFUTES": Label.REFUTED}


def given_evidence(doc_id: str, origin: str, texts: Sequence[str], split: bool = True) -> list[Evidence]:
    """Evidence records for texts that come with a claim: one source (`doc_id`), cut into sentences by
    the library's segmenter when `split` (as retrieval would hand them to the verifier), else whole."""
    from corroborate.segment import sentences

    out, offset = [], 0
    for text in texts:
        spans = [(s.start, s.end) for s in sentences(doc_id, text)] if split else [(0, len(text))]
        for start, end in spans:
            if text[start:end].strip():
                out.append(
                    Evidence(
                        doc_id,
                        "",
                        origin,
                        None,
                        text[start:end].strip(),
                        offset + start,
                        offset + end,
                        "",
                        "",
                        0.0,
                        0.0,
                    )
                )
        offset += len(text) + 1
    return out


def label_scores(gold: Sequence[Label], verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """Accuracy and macro-F1 over the gold labels (any other verdict is an error), with the confusion."""
    g = [label.value for label in gold]
    p = [v.label.value for v in verdicts]
    decided = [(a, b) for a, b in zip(g, p, strict=True) if b != Label.NOT_ENOUGH_EVIDENCE.value]
    return {
        **classification_scores(g, p),
        "verdicts": dict(sorted(Counter(p).items())),
        "confusion": dict(sorted(Counter(f"{a} → {b}" for a, b in zip(g, p, strict=True)).items())),
        "accuracy_when_decided": round(sum(a == b for a, b in decided) / len(decided), 4) if decided else 0.0,
    }


def _judge_all(
    texts: Sequence[str], evidence: Sequence[list[Evidence]], verifier: Any, settings: Settings
) -> tuple[list[Verdict], dict[str, Any]]:
    from corroborate.api import claims_from_text, judge_claims

    claims: list[Claim] = claims_from_text(texts)
    load_before = _load()
    seconds, verdicts = timed(lambda: judge_claims(claims, evidence, verifier, settings))
    pairs = sum(len(e) for e in evidence)
    return verdicts, {
        "seconds": round(seconds, 2),
        "claims_per_s": round(len(claims) / seconds, 2),
        "pairs": pairs,
        "pairs_per_s": round(pairs / seconds, 1),
        "load_average": [load_before, _load()],
    }


def _verifier(settings: Settings) -> Any:
    from corroborate.api import load_settings_verifier

    verifier = load_settings_verifier(settings)
    verifier.predict([("Warm-up.", "Warm-up.")] * settings.batch_size, settings.batch_size)
    return verifier


def _variant_key(name: str, r: dict[str, Any]) -> str:
    s = r["speed"]
    return (
        f"acc {r['accuracy']:.3f}, macro-F1 {r['macro_f1']:.3f} (decided: acc {r['accuracy_when_decided']:.3f}, "
        f"{r['verdicts'].get(Label.NOT_ENOUGH_EVIDENCE.value, 0)} not enough evidence); "
        f"{s['claims_per_s']:.1f} claims/s, {s['pairs_per_s']:.0f} pairs/s"
    )


def healthver(ctx: BenchContext) -> dict[str, Any]:
    """HealthVer test: each (claim, evidence passage) judged through `judge_claims` → 3-way verdict scores."""
    path = ctx.data_file(HEALTHVER)
    if path is None:
        raise BenchSkipped(f"HealthVer not found under {ctx.data} (needs {HEALTHVER}); give --data")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("claim", "").strip() and r.get("evidence", "").strip()]
    rows = rows[: ctx.size] if ctx.size else rows
    gold = [HEALTHVER_LABELS[r["label"].strip().lower()] for r in rows]
    settings = ctx.settings
    verifier = _verifier(settings)
    variants: dict[str, Any] = {}
    for name, split in (("sentences", True), ("passage", False)):
        ctx.echo(f"  {name}: {len(rows)} claim-evidence pairs…")
        evidence = [
            given_evidence(f"healthver-{r['id']}", f"{HEALTHVER}#{r['id']}", [r["evidence"]], split) for r in rows
        ]
        verdicts, speed = _judge_all([r["claim"] for r in rows], evidence, verifier, settings)
        variants[name] = {**label_scores(gold, verdicts), "speed": speed}
    key = {
        "passage split into sentences": _variant_key("sentences", variants["sentences"]),
        "passage as one evidence": _variant_key("passage", variants["passage"]),
        "published (test)": "NLM (T5) macro-F1 0.796, acc 0.807 (trained on HealthVer train)",
    }
    return {
        "data": {
            "corpus": f"HealthVer test: {len(rows):,} (claim, evidence passage) pairs, "
            f"{len({r['claim'].strip() for r in rows})} distinct claims; Supports/Refutes/Neutral read as "
            "SUPPORTED/REFUTED/NOT ENOUGH EVIDENCE",
            "source": str(path),
            "labels": dict(sorted(Counter(g.value for g in gold).items())),
        },
        "results": {
            "variants": variants,
            "published": HEALTHVER_PUBLISHED,
            "model": {"name": verifier.name, "sha256": verifier.hash, "runtime": verifier.runtime},
            "settings": settings.as_dict(),
        },
        "key": key,
    }


def fm2(ctx: BenchContext) -> dict[str, Any]:
    """FM2 test: each claim judged against its gold evidence, and against its page's retrieved sentences."""
    path = ctx.data_file(FM2)
    if path is None:
        raise BenchSkipped(f"FM2 not found under {ctx.data} (needs {FM2}); give --data")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows = rows[: ctx.size] if ctx.size else rows
    gold = [FM2_LABELS[r["label"]] for r in rows]
    settings = ctx.settings
    verifier = _verifier(settings)
    variants: dict[str, Any] = {}
    for name, field in (("gold", "gold_evidence"), ("page", "retrieved_evidence")):
        ctx.echo(f"  {name}: {len(rows)} claims…")
        evidence = [
            given_evidence(f"fm2-{r['id']}", f"{r.get('wikipedia_page', '')}#{r['id']}", [e["text"] for e in r[field]])
            for r in rows
        ]
        verdicts, speed = _judge_all([r["text"] for r in rows], evidence, verifier, settings)
        variants[name] = {**label_scores(gold, verdicts), "speed": speed}
    with_gold = sum(
        1 for r in rows if {e["text"] for e in r["gold_evidence"]} & {e["text"] for e in r["retrieved_evidence"]}
    )
    key = {
        "gold evidence": _variant_key("gold", variants["gold"]),
        "page's retrieved sentences": _variant_key("page", variants["page"])
        + f" ({with_gold} of {len(rows)} claims have a gold sentence among them)",
    }
    return {
        "data": {
            "corpus": f"FM2 test: {len(rows):,} claims (SUPPORTS/REFUTES read as SUPPORTED/REFUTED; a NOT ENOUGH "
            "EVIDENCE verdict is an error), judged against their gold evidence and against the page's ~10 "
            "retrieved sentences",
            "source": str(path),
            "labels": dict(sorted(Counter(g.value for g in gold).items())),
            "retrieved_with_gold_sentence": with_gold,
        },
        "results": {
            "variants": variants,
            "model": {"name": verifier.name, "sha256": verifier.hash, "runtime": verifier.runtime},
            "settings": settings.as_dict(),
        },
        "key": key,
    }
