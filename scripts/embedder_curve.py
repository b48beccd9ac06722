"""The embedder curve of issue 17: passages/s against SciFact dev nDCG@10 (dense, hybrid) per embedder option.

    python scripts/embedder_curve.py LIBRARY OPTION...

LIBRARY is a copy of the library `corroborate bench scifact-retrieval` builds and caches
(`bench-results/cache/scifact-library`, embedded by the fp32 MiniLM at 256 tokens). Its BM25 rankings
are taken through `Retriever` (mode bm25, depth 400, as the bench); each option re-embeds all passages
and the claims, ranks exactly (brute force, not HNSW) and fuses with the bench's default RRF. With the
library's stored vectors this reproduces the bench's dense 0.659 and hybrid 0.727 to the fourth digit.
Speed: 96 passages drawn at random (256 for static models), after a warm-up, median of 2 (3) runs,
encoder only (it is 99 % of indexing with embeddings); the machine's load average is printed with it.

OPTION is `onnx:FOLDER:MAX_TOKENS` (a folder with model.onnx and tokenizer.json, e.g. the shipped
`src/corroborate/models/minilm-l6-embed`) or `static:PCA_DIMS:SIF` (a model2vec-style static model
distilled here from the fp32 MiniLM: each vocabulary token run through the model as [SEP] token [CLS],
its outputs averaged; PCA to PCA_DIMS (0: none); SIF weighting with coefficient SIF (0: none), token
probabilities from Zipf's law over vocabulary order, as model2vec does; `[unusedN]` tokens dropped).
Prefix an option with `speed-only:` to skip the quality run. One JSON line per option.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from corroborate.bench.quality import _LibraryMap, ndcg_at, read_claims
from corroborate.retrieve import Retriever, reciprocal_rank_fusion
from corroborate.retrieve.encoder import DEFAULT_ENCODER_PATH, SentenceEncoder
from corroborate.store import Store

DEPTH = 400
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "scifact" / "claims_dev.jsonl"


class StaticEncoder:
    """Mean of static token vectors (the tokenizer's ids, no special tokens, [UNK] dropped), unit length."""

    def __init__(self, tokenizer_file: Path, table: np.ndarray) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.table, self.dims = table, table.shape[1]
        self.unk = self.tokenizer.token_to_id("[UNK]")

    def encode(self, texts: list[str], batch_size: int = 0) -> np.ndarray:
        out = np.zeros((len(texts), self.dims), np.float32)
        for row, enc in enumerate(self.tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            ids = [i for i in enc.ids[:512] if i != self.unk]
            if ids:
                out[row] = self.table[ids].mean(0)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def distil(source: Path, pca_dims: int, sif: float) -> StaticEncoder:
    from tokenizers import Tokenizer

    from corroborate.onnx_session import make_session

    vocab = Tokenizer.from_file(str(source / "tokenizer.json")).get_vocab()
    tokens = sorted(vocab, key=vocab.get)
    session = make_session(source / "model.onnx")
    names = {i.name for i in session.get_inputs()}
    raw = np.zeros((len(tokens), 384), np.float32)
    for start in range(0, len(tokens), 1024):
        ids = np.arange(start, min(start + 1024, len(tokens)))
        x = np.stack([np.full(len(ids), vocab["[SEP]"]), ids, np.full(len(ids), vocab["[CLS]"])], 1)
        feed = {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)}
        raw[ids] = session.run(None, {k: v for k, v in feed.items() if k in names})[0].mean(1)
    keep = np.array([not re.fullmatch(r"\[unused\d+\]", t) for t in tokens])
    table = raw.astype(np.float64)
    if pca_dims:
        mean = table[keep].mean(0)
        _, _, vt = np.linalg.svd(table[keep] - mean, full_matrices=False)
        table = (table - mean) @ vt[:pca_dims].T
    if sif:
        rank = np.cumsum(keep)
        proba = (1.0 / (rank + 1)) / (1.0 / (rank + 1))[keep].sum()
        table = table * (sif / (sif + proba))[:, None]
    table[~keep] = 0
    return StaticEncoder(source / "tokenizer.json", table.astype(np.float32))


def make(option: str) -> Any:
    kind, *args = option.split(":")
    if kind == "onnx":
        return SentenceEncoder(Path(args[0]), int(args[1]))
    if kind == "static":
        return distil(DEFAULT_ENCODER_PATH, int(args[0]), float(args[1]))
    raise SystemExit(f"unknown option {option}")


def main(argv: list[str]) -> None:
    store = Store.open(Path(argv[0]))
    dev = read_claims(DEV)
    lib = _LibraryMap.read(store)
    rows = [r for chunk in store.iter_passage_texts(1000) for r in chunk]
    pids, texts = np.array([p for p, _ in rows]), [t for _, t in rows]
    bm25 = [Retriever(store, "bm25").passages(c.text, DEPTH) for c in dev]
    sample = random.Random(0).sample(texts, 256)

    def ndcg(rankings: list[list[tuple[int, float]]]) -> float:
        docs = [[k for k, _ in lib.documents(p)] for p in rankings]
        return round(statistics.mean(ndcg_at(d, c.cited, 10) for d, c in zip(docs, dev, strict=True)), 4)

    for option in argv[1:]:
        quality = not option.startswith("speed-only:")
        option = option.removeprefix("speed-only:")
        encoder = make(option)
        n, reps = (256, 3) if option.startswith("static") else (96, 2)
        encoder.encode(sample[:16], 32)
        seconds = []
        for _ in range(reps):
            started = time.perf_counter()
            encoder.encode(sample[:n], 32)
            seconds.append(time.perf_counter() - started)
        row: dict[str, Any] = {"option": option, "passages_per_s": round(n / statistics.median(seconds), 1)}
        row["load_average"] = round(os.getloadavg()[0], 1)
        if quality:
            scores = encoder.encode([c.text for c in dev], 32) @ encoder.encode(texts, 32).T
            dense = []
            for s in scores:
                top = np.argpartition(-s, DEPTH)[:DEPTH]
                top = top[np.lexsort((pids[top], -s[top]))]
                dense.append([(int(pids[i]), float(s[i])) for i in top])
            hybrid = [reciprocal_rank_fusion([b, d])[:DEPTH] for b, d in zip(bm25, dense, strict=True)]
            row |= {"dense_ndcg10": ndcg(dense), "hybrid_ndcg10": ndcg(hybrid)}
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
