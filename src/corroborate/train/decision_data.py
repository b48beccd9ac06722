"""Judged evidence of labelled claims, saved for training the claim-level decision model.

    python -m corroborate.train.decision_data --data ../shared/data --out build/decision

For each claim of a labelled set, the evidence the pipeline would put in front of the verifier, every
sentence judged once: the verifier's calibrated probabilities, the figure check's hint, the sentence's
cosine similarity to the claim, its retrieval rank and word overlap, and whether it is gold evidence
(for analysis only; never a feature). One JSONL file per (set, split) under `--out`, so that the gates,
the number of sentences read and the decision model can all be chosen later without the verifier.

Sets (each skipped when absent):
- `scifact` (train, dev, test): retrieval-fed, the whole SciFact corpus as the library (the bench's cached
  library), the first `--per-claim` sentences of `evidence_sentences` at a low overlap floor.
- `citint` (dev, test): Citation-Integrity, each claim against every sentence of the abstract it cites.
- `healthver` (dev, test): each claim against its evidence passage cut into sentences.
- `fm2` (dev, test): each claim against the ~10 sentences of its Wikipedia page the set ships as retrieved.
verifier-v0 was trained on SciFact train, Citation-Integrity train, HealthVer dev and FM2 dev pairs: their
gold pairs are judged more confidently than unseen ones, so the decision model is fitted on splits the
verifier has not seen (see `corroborate.train.decision`).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from corroborate.config import Settings
from corroborate.records import Evidence, Label

__all__ = ["LabelledEvidence", "main"]

SUPPORT, REFUTE, NEI = Label.SUPPORTED.value, Label.REFUTED.value, Label.NOT_ENOUGH_EVIDENCE.value
LOW_OVERLAP = 0.15  # the collection's overlap floor: the gates are chosen later, from what it keeps


@dataclass(frozen=True)
class LabelledEvidence:
    """A claim, its gold label and the evidence sentences to judge (`gold[i]`: is sentence i gold evidence)."""

    set: str
    split: str
    id: str
    claim: str
    label: str
    evidence: tuple[Evidence, ...]
    gold: tuple[bool, ...]


def _evidence(doc_id: str, texts: Sequence[str], split: bool = True) -> list[Evidence]:
    from corroborate.bench.verdicts import given_evidence

    return given_evidence(doc_id, doc_id, texts, split)


def _citint(data: Path, split: str) -> Iterator[LabelledEvidence]:
    corpus: dict[str, list[str]] = {}
    with (data / "citation-integrity/corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            corpus[str(row["doc_id"])] = [" ".join(s.split()) for s in row["abstract"]]
    with (data / f"citation-integrity/claims_{split}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            labels = {e["label"] for sets in row["evidence"].values() for e in sets}
            label = SUPPORT if labels == {"SUPPORT"} else REFUTE if labels == {"REFUTE"} else NEI
            if len(labels) > 1:
                continue
            evidence: list[Evidence] = []
            gold: list[bool] = []
            for doc in map(str, row["cited_doc_ids"]):
                rationale = {i for e in row["evidence"].get(doc, []) for i in e["sentences"]}
                for i, sentence in enumerate(corpus.get(doc, [])):
                    evidence.append(
                        Evidence(f"citint-{doc}", "", f"citint#{doc}", None, sentence, i, i + 1, "", "", 0.0, 0.0)
                    )
                    gold.append(i in rationale)
            yield LabelledEvidence("citint", split, str(row["id"]), row["claim"], label, tuple(evidence), tuple(gold))


_HEALTHVER = {"supports": SUPPORT, "refutes": REFUTE, "neutral": NEI}


def _healthver(data: Path, split: str) -> Iterator[LabelledEvidence]:
    with (data / f"healthver/healthver_{split}.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row.get("claim", "").strip() or not row.get("evidence", "").strip():
                continue
            label = _HEALTHVER[row["label"].strip().lower()]
            evidence = _evidence(f"healthver-{row['id']}", [row["evidence"]])
            yield LabelledEvidence(
                "healthver", split, row["id"], row["claim"].strip(), label, tuple(evidence),
                tuple(label != NEI for _ in evidence),
            )  # fmt: skip


_FM2 = {"SUPPORTS": SUPPORT, "REFUTES": REFUTE}


def _fm2(data: Path, split: str) -> Iterator[LabelledEvidence]:
    with (data / f"fm2/{split}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts = [e["text"] for e in row["retrieved_evidence"]]
            gold_texts = {e["text"] for e in row["gold_evidence"]}
            evidence = [
                Evidence(f"fm2-{row['id']}", "", f"fm2#{row['id']}", None, t, i, i + 1, "", "", 0.0, 0.0)
                for i, t in enumerate(texts)
            ]
            yield LabelledEvidence(
                "fm2", split, row["id"], row["text"], _FM2[row["label"]], tuple(evidence),
                tuple(t in gold_texts for t in texts),
            )  # fmt: skip


def _scifact(data: Path, split: str, per_claim: int, repo: Path) -> Iterator[LabelledEvidence]:
    from corroborate.api import Library
    from corroborate.bench.harness import BenchContext
    from corroborate.bench.quality import _library, _LibraryMap, read_corpus
    from corroborate.bench.verdicts import read_labelled_claims
    from corroborate.retrieve import Retriever

    docs = read_corpus(data / "scifact/corpus.jsonl")
    spans = {d.id: d.spans for d in docs}
    ctx = BenchContext(
        data=data, size=None, workdir=repo / "build", repo=repo, echo=lambda s: print(s, file=sys.stderr)
    )
    folder, _ = _library(ctx, docs)
    settings = Settings()
    with Library.open(folder, settings=settings) as lib:
        mapping = _LibraryMap.read(lib.store)
        retriever = Retriever.open(lib.store, settings.retrieval)
        for c in read_labelled_claims(data / f"scifact/claims_{split}.jsonl"):
            found, _ = retriever.evidence_and_nearest(c.text, settings.top_passages, per_claim, LOW_OVERLAP, nearest=0)
            gold = []
            for e in found:
                corpus_id = mapping.corpus_id.get(e.doc_id, "")
                abstract = c.gold.get(corpus_id)
                rationale = {i for s in abstract.evidence_sets for i in s} if abstract else set()
                doc_spans = spans.get(corpus_id, ())
                gold.append(any(a < e.end and e.start < b for i, (a, b) in enumerate(doc_spans) if i in rationale))
            yield LabelledEvidence("scifact", split, str(c.id), c.text, c.label.value, tuple(found), tuple(gold))


def collect(items: Sequence[LabelledEvidence], out: Path, per_claim: int, settings: Settings | None = None) -> int:
    """Judge every item's evidence (the first `per_claim` by similarity for given evidence) into `out`."""
    from corroborate.api import judge_claims, load_settings_verifier  # noqa: I001
    from corroborate.progress import progress
    from corroborate.retrieve import load_encoder
    from corroborate.api import claims_from_text

    settings = replace(settings or Settings(), decision="rules")
    verifier = load_settings_verifier(settings)
    encoder = load_encoder()
    rows: list[dict[str, Any]] = []
    chunk = 64
    with progress(total=len(items), desc=out.stem, unit="claim") as bar, gzip.open(out, "wt", encoding="utf-8") as fh:
        for first in range(0, len(items), chunk):
            part = items[first : first + chunk]
            kept: list[list[tuple[Evidence, bool, float, int]]] = []
            for item in part:
                if not item.evidence:
                    kept.append([])
                    continue
                vectors = encoder.encode([item.claim, *(e.text for e in item.evidence)])
                sims = [float(x) for x in vectors[1:] @ vectors[0]]
                order = list(range(len(item.evidence)))
                if item.set != "scifact":  # given evidence: read the sentences most like the claim
                    order.sort(key=lambda i: -sims[i])
                kept.append([(item.evidence[i], item.gold[i], sims[i], i) for i in order[:per_claim]])
            claims = claims_from_text([item.claim for item in part])
            evidence = [[replace(e, similarity=s) for e, _, s, _ in k] for k in kept]
            verdicts = judge_claims(claims, evidence, verifier, settings)
            for item, k, verdict in zip(part, kept, verdicts, strict=True):
                judged = {(j.evidence.doc_id, j.evidence.start): j for j in verdict.considered}
                sentences = []
                for rank, (e, gold, sim, position) in enumerate(k):
                    j = judged[(e.doc_id, e.start)]
                    sentences.append({
                        "doc": e.doc_id, "rank": rank, "position": position, "e": j.entailment, "n": j.neutral,
                        "c": j.contradiction, "similarity": round(sim, 4), "overlap": e.overlap,
                        "retrieval_score": e.retrieval_score,
                        "figures": j.figures.verdict_hint if j.figures else None, "gold": gold,
                        "text": e.text,
                    })  # fmt: skip
                row = {"set": item.set, "split": item.split, "id": item.id, "claim": item.claim, "label": item.label,
                       "sentences": sentences}  # fmt: skip
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                rows.append(row)
            bar.update(len(part))
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("build/decision"))
    parser.add_argument("--per-claim", type=int, default=12, help="evidence sentences judged per claim")
    parser.add_argument("--limit", type=int, default=None, help="at most N claims of each set and split")
    parser.add_argument("--verifier", type=Path, default=None, help="verifier model folder (default: the shipped one)")
    parser.add_argument("what", nargs="+", help="SET:SPLIT, e.g. scifact:dev citint:test fm2:dev")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    repo = Path(__file__).resolve().parents[3]
    for what in args.what:
        name, split = what.split(":")
        readers = {
            "scifact": lambda s: _scifact(args.data, s, args.per_claim, repo),
            "citint": lambda s: _citint(args.data, s),
            "healthver": lambda s: _healthver(args.data, s),
            "fm2": lambda s: _fm2(args.data, s),
        }
        items = list(readers[name](split))
        if args.limit:
            items = items[: args.limit]
        settings = Settings(model_path=args.verifier) if args.verifier else Settings()
        n = collect(items, args.out / f"{name}-{split}.jsonl.gz", args.per_claim, settings)
        print(f"{name} {split}: {n} claims", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
