"""Neutral pairs the verifier gets wrong in use: topical sentences retrieval finds, and unrelated ones.

    python -m corroborate.train.mine_neutrals --data ../shared/data --out build/neutrals.jsonl.gz

verifier-v0 calls most sentences that share a claim's topic but not its fact "contradiction" (on SciFact dev,
45 % of the retrieved sentences that are not evidence), and even an unrelated sentence ("The cat sat on the
mat." / "Dogs are mammals.": contradiction 0.94): SNLI, a fifth of its training pairs, labels a caption of
another scene a contradiction. These rows teach it otherwise, from the *train* splits only:
- `retrieved`: for SciFact and Citation-Integrity train claims, the sentences the project's own retrieval
  ranks first (`evidence_sentences` over the whole corpus) from abstracts that are neither gold evidence nor
  cited by the claim: neutral.
- `hard-negative`: claims of the split's train rows against the most word-sharing evidence of another row of
  the same source (`corroborate.train.evidence.hard_negatives`): neutral.
- `unrelated`: a claim against the evidence of a random row of another source: neutral.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from corroborate.config import Settings
from corroborate.train.evidence import hard_negatives
from corroborate.train.pairs import Pair, read_pairs, split_dir, write_pairs

__all__ = ["main", "retrieved_neutrals", "unrelated_neutrals"]


def _corpus_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            sentences = [" ".join(s.split()) for s in row["abstract"]]
            if not any(sentences):
                continue
            yield {"id": str(row["doc_id"]), "title": str(row.get("title") or ""), "text": " ".join(sentences)}


def retrieved_neutrals(
    library: Path,
    claims_path: Path,
    source: str,
    per_claim: int,
    min_overlap: float = 0.15,
    max_similarity: float = 1.0,
) -> list[Pair]:
    """Per train claim, the first `per_claim` retrieved sentences of abstracts it neither cites nor has as
    evidence, and whose sentence vector is less than `max_similarity` like the claim's: another abstract
    of a biomedical corpus often states the claim's fact too, and taught as neutral it teaches the
    verifier that every such pair is neutral (a first run with all of them: Citation-Integrity 0.73 → 0.19)."""
    from corroborate.api import Library
    from corroborate.retrieve import Retriever, load_encoder
    from corroborate.retrieve.evidence import similar_evidence

    encoder = load_encoder()
    out: list[Pair] = []
    with Library.open(library) as lib, claims_path.open(encoding="utf-8") as fh:
        origin = {str(d["id"]): str(d["origin"]).rsplit("#", 1)[-1] for d in lib.store.documents()}
        retriever = Retriever.open(lib.store, lib.settings.retrieval)
        for line in fh:
            row = json.loads(line)
            claim = " ".join(str(row["claim"]).split())
            if not claim:
                continue
            related = {str(d) for d in row.get("cited_doc_ids", [])} | {str(d) for d in row.get("evidence") or {}}
            found, _ = retriever.evidence_and_nearest(claim, 20, per_claim * 3, min_overlap, nearest=0)
            kept = [e for e in found if origin.get(e.doc_id, "") not in related]
            if max_similarity < 1.0:
                kept = [
                    e for e in similar_evidence(encoder, claim, kept, -1.0) if (e.similarity or 0.0) < max_similarity
                ]
            kept = kept[:per_claim]
            out += [
                Pair(f"{source}-train:{row['id']}/retrieved:{i}", e.text, claim, "neutral", source, "retrieved")
                for i, e in enumerate(kept)
            ]
    return out


def unrelated_neutrals(pool: Sequence[Pair], count: int, rng: random.Random) -> list[Pair]:
    """`count` claims, each against the evidence of a random row from another source."""
    out: list[Pair] = []
    while len(out) < count:
        a, b = rng.choice(pool), rng.choice(pool)
        if a.source.split("+")[0] != b.source.split("+")[0]:
            out.append(Pair(f"{a.id}/unrelated", b.evidence, a.claim, "neutral", a.source, "unrelated"))
    return out


def _library(corpus: Path, folder: Path) -> Path:
    from corroborate.api import Library

    docs = folder / "corpus.jsonl"
    with docs.open("w", encoding="utf-8") as fh:
        for row in _corpus_rows(corpus):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with Library.open(folder / "library", create=True, settings=Settings(dense=False)) as lib:
        lib.add([docs])
    return folder / "library"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-claim", type=int, default=3)
    parser.add_argument("--retrieved", type=int, default=1200, help="at most N retrieved neutrals of each set")
    parser.add_argument("--hard-negatives", type=int, default=800)
    parser.add_argument("--unrelated", type=int, default=700)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--max-similarity", type=float, default=1.0, help="only retrieved sentences less like the claim than this"
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    rows: list[Pair] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("scifact", "citation-integrity"):
            folder = Path(tmp) / name
            folder.mkdir()
            library = _library(args.data / name / "corpus.jsonl", folder)
            per_claim = args.per_claim if name == "scifact" else 1  # Citation-Integrity has 2.6 times the claims
            claims = args.data / name / "claims_train.jsonl"
            mined = retrieved_neutrals(library, claims, name, per_claim, max_similarity=args.max_similarity)
            print(f"{name}: {len(mined)} retrieved neutrals", file=sys.stderr)
            rows += rng.sample(mined, min(len(mined), args.retrieved))
    train = read_pairs(split_dir(args.data) / "train.jsonl.gz")
    originals = [p for p in train if p.kind == "original" and "+numswap" not in p.source]
    claims = rng.sample(originals, min(len(originals), args.hard_negatives * 3))
    hard = hard_negatives(originals, claims)
    rows += rng.sample(hard, min(len(hard), args.hard_negatives))
    rows += unrelated_neutrals(originals, args.unrelated, rng)
    n = write_pairs(args.out, rows)
    print(f"wrote {n} neutral pairs to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
