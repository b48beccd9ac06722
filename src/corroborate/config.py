"""Settings: one validated object, every field with a default and a reason, resolved once at the edge.

The CLI (and later the web service) build a `Settings` from flags and defaults; stages receive it and
never read the environment themselves.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

__all__ = ["BUNDLED_VERIFIERS", "DEFAULT_MODEL_PATH", "Settings", "default_library_path", "verifier_settings"]

_MODELS = Path(__file__).parent / "models"
# Every verifier the package ships, by the name `--verifier` takes; the default is the newest that
# won on the held-out sets, the older ones stay loadable so results can be reproduced. The default is
# v0's int8 copy: it judges about 2.5x the pairs a second within 0.01 of v0 on the verdict benchmarks
# (MODEL_CARD.md of verifier-v0-int8); v0 (fp32, with the safetensors weights training starts from) stays.
BUNDLED_VERIFIERS = {"v0": _MODELS / "verifier-v0", "v0-int8": _MODELS / "verifier-v0-int8"}
DEFAULT_MODEL_PATH = BUNDLED_VERIFIERS["v0-int8"]


def default_library_path(environ: dict[str, str] | None = None) -> Path:
    """Where the library lives when `--library` is not given.

    `$CORROBORATE_LIBRARY` if set, else `$XDG_DATA_HOME/corroborate/library`, else
    `~/.local/share/corroborate/library`.
    """
    env = os.environ if environ is None else environ
    if env.get("CORROBORATE_LIBRARY"):
        return Path(env["CORROBORATE_LIBRARY"]).expanduser()
    base = Path(env["XDG_DATA_HOME"]).expanduser() if env.get("XDG_DATA_HOME") else Path.home() / ".local" / "share"
    return base / "corroborate" / "library"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Every tunable of the pipeline. Each field's `help` metadata is its documentation."""

    max_file_mb: float = _setting(
        20.0, "Largest source or article file read, in MB; larger files are refused, not truncated."
    )
    passage_chars: int = _setting(
        1000, "Passages gather whole sentences up to about this many characters (BM25 ranks passages)."
    )
    retrieval: str = _setting(
        "hybrid",
        "How passages are ranked: hybrid (BM25 and dense vectors, fused by reciprocal rank), bm25, or dense. A BM25-only library always uses bm25.",
    )
    dense: bool | None = _setting(
        None,
        "Dense vectors for a new library: None (the default) keeps them, False builds it BM25-only (faster indexing, BM25 retrieval only). An existing library keeps what it was created with.",
    )
    embed_max_length: int = _setting(256, "Token limit when embedding a passage (all-MiniLM-L6-v2 reads at most 256).")
    embed_batch_size: int = _setting(
        32, "Passages per encoder batch (32 was as fast as 64 on 2 cores, with half the memory)."
    )
    top_passages: int = _setting(
        20, "Passages retrieval returns per claim (ranked by the retrieval mode) before sentence selection."
    )
    evidence_per_claim: int = _setting(8, "Evidence sentences per claim sent to the verifier.")
    joined_evidence: int = _setting(
        0,
        "Evidence sentences (the first ones) also judged together with the sentence before and the one after, so a fact split over a headline and its sentence or over two sentences can decide a claim; 0 judges single sentences only.",
    )
    min_overlap: float = _setting(
        0.34,
        "Share of a claim's term weight (IDF) an evidence sentence must contain to be judged; keeps unrelated sentences away from the verifier, which otherwise reads them as contradictions.",
    )
    min_similarity: float = _setting(
        0.65,
        "Cosine similarity (all-MiniLM-L6-v2 sentence vectors) an evidence sentence must have with the claim to be judged; 0 turns this off. It keeps topical sentences that share the claim's words but not its meaning from the verifier, which calls many of them decisive. 0.65 maximised claim-verdict accuracy on the SciFact train claims (`corroborate bench scifact` reports dev and test).",
    )
    decide_threshold: float = _setting(
        0.46,
        "Calibrated probability of entailment (or contradiction) that counts as strong evidence for (or against) a claim; below it on both sides the verdict is NOT ENOUGH EVIDENCE (abstention). 0.46 maximised macro-F1 of that 3-way decision on the verifier's dev pairs, each taken as a claim with one evidence sentence (out-of-fold calibrated probabilities; `corroborate bench calibration`). Raise it to abstain more often and be right more often when deciding.",
    )
    decision: str = _setting(
        "auto",
        "How a claim's judgements become its verdict: auto uses the verifier folder's decision model (decision.json: a logistic regression over all the judgements, fitted by `python -m corroborate.train.decision`) when it has one, else the rules; rules uses the thresholds alone (decide_threshold).",
    )
    check_figures: bool = _setting(
        True,
        "Check numbers, dates and names explicitly: a claim figure contradicted by the same figure in the evidence makes that evidence count against the claim.",
    )
    checkworthy_threshold: float = _setting(
        0.1,
        "Sentences whose check-worthiness (probability, checkworthy-v2) is below this are not checked; "
        "0.1 was chosen on the dev articles of the claim-extraction set and kept on the 15 dev articles of "
        "`bench claims-news` (fewest important facts missed).",
    )
    check_unclear: bool = _setting(
        False,
        "Also check the statements set aside as needing the article's context (a pronoun, demonstrative or "
        "'the X' whose referent the article never makes clear): they are checked as written, ids x1, x2, …, "
        "and their evidence may be about someone or something else.",
    )
    context_set_aside_at: float = _setting(
        0.0,
        "Score of the context model (models/context-v1) from which a claim is set aside as leaning on the "
        "article as a whole ('Insurers expect payouts to exceed 90 million euros'); 0 uses the model's own "
        "point (context.json, chosen out of fold on blind-judged news claims); above 1 turns the model off.",
    )
    batch_size: int = _setting(32, "Pairs per verifier batch; pairs are sorted by length first, so batches pad little.")
    max_length: int = _setting(256, "Token limit of an (evidence, claim) pair, as in the verifier's training.")
    threads: int = _setting(0, "CPU threads for the verifier; 0 uses every core this process may run on.")
    runtime: str = _setting(
        "auto",
        "Verifier runtime: onnx, torch, or auto (ONNX Runtime when the model folder has model.onnx; it loads ten times faster).",
    )
    model_path: Path = _setting(
        DEFAULT_MODEL_PATH, "Folder of the verifier model (the bundled verifier-v0-int8 by default)."
    )
    endpoint_url: str | None = _setting(
        None,
        "Base URL (with /v1) of an OpenAI-compatible chat-completions server you run: llama.cpp, vLLM, Ollama. When set, it is the verifier instead of model_path; claims and evidence are sent to it (docs/endpoint-verifier.md).",
    )
    endpoint_model: str | None = _setting(
        None, "Model name the endpoint serves and reports show; required with endpoint_url."
    )
    endpoint_key_env: str = _setting(
        "CORROBORATE_ENDPOINT_KEY",
        "Environment variable holding the endpoint's API key, sent as a Bearer token when set; the key itself is never stored or reported.",
    )
    endpoint_timeout: float = _setting(
        60.0, "Seconds to wait for one endpoint reply; a pair still unanswered is reported as not judged."
    )
    endpoint_retries: int = _setting(
        2,
        "More attempts after an endpoint timeout, HTTP 408/429/5xx or refused connection; a reply that cannot be parsed is not retried (at temperature 0 it would come back the same).",
    )
    endpoint_parallel: int = _setting(
        1,
        "Endpoint requests in flight at once; raise it for a server that batches (vLLM, llama-server --parallel). Requests waiting in the server's queue count against the timeout.",
    )
    decompose_url: str | None = _setting(
        None,
        "Base URL (with /v1) of an OpenAI-compatible server you run that rewrites and splits each sentence's claims (`--decompose-url`); every rewrite is checked against its sentence (figures and names in it, hedges kept, entailed by the verifier) and dropped when unfaithful. None: the parser alone.",
    )
    decompose_model: str | None = _setting(
        None, "Model name the decomposition server serves; required with decompose_url."
    )
    encoding: str | None = _setting(
        None, "Text encoding of input files; by default UTF-8 (or UTF-16 with a byte-order mark)."
    )

    def __post_init__(self) -> None:
        problems = []
        if self.max_file_mb <= 0:
            problems.append("max_file_mb must be positive")
        if self.retrieval not in ("hybrid", "bm25", "dense"):
            problems.append("retrieval must be hybrid, bm25 or dense")
        for name in (
            "passage_chars",
            "top_passages",
            "evidence_per_claim",
            "batch_size",
            "max_length",
            "embed_max_length",
            "embed_batch_size",
        ):
            if getattr(self, name) < 1:
                problems.append(f"{name} must be at least 1")
        for name in ("min_overlap", "min_similarity", "decide_threshold", "checkworthy_threshold"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                problems.append(f"{name} must be between 0 and 1")
        if not 0.0 <= self.context_set_aside_at <= 2.0:
            problems.append("context_set_aside_at must be between 0 (the model's own point) and 2 (off)")
        if self.decision not in ("auto", "rules"):
            problems.append("decision must be auto or rules")
        if self.runtime not in ("auto", "onnx", "torch"):
            problems.append("runtime must be auto, onnx or torch")
        if self.threads < 0:
            problems.append("threads must be 0 or more")
        if self.endpoint_url is not None:
            if not self.endpoint_url.startswith(("http://", "https://")):
                problems.append("endpoint_url must start with http:// or https://")
            if "@" in self.endpoint_url.split("//", 1)[-1].split("/", 1)[0]:
                problems.append("endpoint_url must hold no credentials (give the key in the endpoint_key_env variable)")
            if not (self.endpoint_model or "").strip():
                problems.append(
                    "endpoint_model is required with endpoint_url (the name the server serves the model under)"
                )
        if self.decompose_url is not None:
            if not self.decompose_url.startswith(("http://", "https://")):
                problems.append("decompose_url must start with http:// or https://")
            if not (self.decompose_model or "").strip():
                problems.append("decompose_model is required with decompose_url")
        if self.endpoint_timeout <= 0:
            problems.append("endpoint_timeout must be positive")
        if self.endpoint_retries < 0:
            problems.append("endpoint_retries must be 0 or more")
        if self.endpoint_parallel < 1:
            problems.append("endpoint_parallel must be at least 1")
        if problems:
            raise ValueError("invalid settings: " + "; ".join(problems))

    def endpoint_api_key(self, environ: dict[str, str] | None = None) -> str | None:
        """The endpoint's API key from `$endpoint_key_env`, read here at the edge and never stored."""
        env = os.environ if environ is None else environ
        return env.get(self.endpoint_key_env) or None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready view, stored with every run so a verdict can be reproduced."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}

    @classmethod
    def documentation(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}


def verifier_settings(spec: str, model: str | None = None) -> dict[str, Any]:
    """The Settings fields for a `--verifier` value: "shipped", a bundled model's name (`BUNDLED_VERIFIERS`,
    unless a folder of that name exists), a model folder, or an endpoint URL.

    `model` is the endpoint's model name (`--verifier-model`). Raises `ValueError` when it is given
    without an endpoint URL, or an endpoint URL without it.
    """
    if spec.startswith(("http://", "https://")):
        if not model:
            raise ValueError(f"--verifier {spec}: an endpoint needs --verifier-model NAME (the model it serves)")
        return {"endpoint_url": spec, "endpoint_model": model}
    if model:
        raise ValueError("--verifier-model names an endpoint's model; give --verifier http://HOST:PORT/v1 with it")
    if spec == "shipped":
        return {"model_path": DEFAULT_MODEL_PATH, "endpoint_url": None}
    if spec in BUNDLED_VERIFIERS and not Path(spec).is_dir():
        return {"model_path": BUNDLED_VERIFIERS[spec], "endpoint_url": None}
    return {"model_path": Path(spec).expanduser().resolve(), "endpoint_url": None}
