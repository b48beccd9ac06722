"""A chat model served on your machine as the verifier: any OpenAI-compatible chat-completions endpoint
(llama.cpp's `llama-server`, vLLM, Ollama).

Each (evidence, claim) pair is one request with the fixed prompt below, at temperature 0. The reply
must be one JSON object, `{"label": "entailment"|"neutral"|"contradiction", "confidence": 0..1}`,
and is parsed strictly: anything else (prose, another label, a confidence out of range), an HTTP
error or a timeout leaves the pair *unjudged*, with the reason, and an unjudged pair is never counted
as evidence. docs/endpoint-verifier.md documents the prompt, the format and the servers; a test keeps
it in step with the constants here.

Only a server that cannot be reached at all is an error of the whole run (`ModelError`): every pair
would fail the same way.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import logging
import re
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from urllib.parse import urlsplit

import numpy as np

from corroborate.errors import ModelError
from corroborate.progress import progress
from corroborate.verify.base import LABELS, Predictions

__all__ = [
    "PROMPT_VERSION",
    "SYSTEM_PROMPT",
    "USER_TEMPLATE",
    "EndpointVerifier",
    "Unjudged",
    "parse_reply",
    "reply_probabilities",
]

log = logging.getLogger(__name__)

# Bumped whenever the prompt, the reply format or its mapping changes: it is part of `hash`.
PROMPT_VERSION = "endpoint-nli.v1"

SYSTEM_PROMPT = """\
You are a careful fact-checker. You are given a piece of EVIDENCE and a CLAIM. Taking the evidence \
as true, decide whether it shows the claim to be true, shows it to be false, or does neither.

Answer with exactly one JSON object and nothing else, in this form:
{"label": "entailment", "confidence": 0.9}

"label" is one of:
- "entailment": the evidence shows the claim is true;
- "contradiction": the evidence shows the claim is false (for example, it gives a different number, \
date, place or person for the same thing);
- "neutral": the evidence neither shows the claim true nor false.
"confidence" is your probability, from 0 to 1, that the label is right.

Judge from the evidence only, not from what you know."""

USER_TEMPLATE = "EVIDENCE: {evidence}\nCLAIM: {claim}"

# A reply is about 50 characters; the cap keeps a model that starts to ramble from running long.
MAX_TOKENS = 64
# Worth asking again: the server was busy or failed, not the model.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# One optional Markdown code fence around the object: several chat models add it whatever they are told.
_FENCE = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.DOTALL)


class Unjudged(Exception):
    """A pair the endpoint did not judge; the message says why, in words a report can show."""


def parse_reply(content: str) -> tuple[str, float]:
    """The (label, confidence) of a reply, or `Unjudged` saying what is wrong with it.

    Accepted: one JSON object with exactly the keys `label` (entailment, neutral or contradiction, in
    any case) and `confidence` (a number from 0 to 1), with only white space or one Markdown code
    fence around it. Nothing else: no prose before or after, no extra keys.
    """
    text = content.strip()
    fenced = _FENCE.fullmatch(text)
    if fenced:
        text = fenced.group(1)
    try:
        reply = json.loads(text)
    except ValueError:
        if re.search(r"\{.*\}", text, re.DOTALL):
            raise Unjudged("the endpoint's reply had text around its JSON object") from None
        raise Unjudged("the endpoint's reply was not valid JSON") from None
    if not isinstance(reply, dict):
        raise Unjudged("the endpoint's reply was JSON but not an object")
    if set(reply) != {"label", "confidence"}:
        raise Unjudged(f"the endpoint's reply had keys {sorted(reply)}, not exactly label and confidence")
    label, confidence = reply["label"], reply["confidence"]
    if not isinstance(label, str) or label.strip().lower() not in LABELS:
        raise Unjudged(f"the endpoint's reply had label {_short(label)}, not entailment, neutral or contradiction")
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise Unjudged(f"the endpoint's reply had confidence {_short(confidence)}, not a number from 0 to 1")
    return label.strip().lower(), float(confidence)


def reply_probabilities(label: str, confidence: float) -> np.ndarray:
    """P(label) = confidence; the other two labels share the rest equally. Columns in `LABELS` order."""
    probs = np.full(len(LABELS), (1.0 - confidence) / 2, dtype=np.float32)
    probs[LABELS.index(label)] = confidence
    return probs


def _short(value: object, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _display_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"


class EndpointVerifier:
    """Judges pairs through an OpenAI-compatible `POST {url}/chat/completions`.

    `url` is the server's base URL with its `/v1` (http://127.0.0.1:8080/v1); `model` the name it
    serves the model under. `api_key`, when given, is sent as `Authorization: Bearer …` and kept out
    of `name`, `hash` and `repr`. `timeout` is per request in seconds; `retries` more attempts follow a
    timeout, a refused connection or HTTP 408/429/5xx; `parallel` requests are in flight at once.
    Raises `ModelError` for an unusable URL or model name.
    """

    runtime = "endpoint"

    def __init__(
        self,
        url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        retries: int = 2,
        parallel: int = 1,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ModelError(
                f"{url}: not an http:// or https:// URL; give the endpoint's base URL, e.g. http://127.0.0.1:8080/v1"
            )
        if parts.username or parts.password:
            raise ModelError(
                f"{_display_url(url)}: put no credentials in the URL; give the API key in an environment variable"
            )
        if not model or not model.strip():
            raise ModelError(f"{url}: no model name; give the name the endpoint serves the model under")
        base = url.rstrip("/")
        base = base.removesuffix("/chat/completions")
        self.url = base
        self.model = model
        self.timeout = timeout
        self.retries = retries
        self.parallel = max(1, parallel)
        self._api_key = api_key
        self.name = f"endpoint:{model}@{_display_url(base)}"
        identity = {
            "url": _display_url(base),
            "model": model,
            "prompt_version": PROMPT_VERSION,
            "system": SYSTEM_PROMPT,
            "user": USER_TEMPLATE,
            "temperature": 0,
        }
        # Over what decides a reply that we can see; the weights behind the endpoint are not ours to hash.
        self.hash = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
        # No proxies: the endpoint is on your machine, and claims must not go through one by accident.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def __repr__(self) -> str:
        return f"EndpointVerifier({self.name!r})"

    def messages(self, evidence: str, claim: str) -> list[dict[str, str]]:
        """The chat messages sent for one pair (docs/endpoint-verifier.md shows them)."""
        return [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": USER_TEMPLATE.format(evidence=evidence, claim=claim)},
        ]

    def predict(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> np.ndarray:
        """Probabilities like any verifier's; a row the endpoint did not judge is NaN (see `predict_with_errors`)."""
        return self.predict_with_errors(pairs, batch_size, show_progress).probabilities

    def predict_with_errors(
        self, pairs: Sequence[tuple[str, str]], batch_size: int = 32, show_progress: bool = False
    ) -> Predictions:
        """One request per pair, `parallel` at a time (`batch_size` is not used: the server batches).

        Returns the probabilities (NaN rows for unjudged pairs) and each pair's error or None, in input
        order. Raises `ModelError` when the endpoint cannot be reached at all.
        """
        out = np.full((len(pairs), len(LABELS)), np.nan, dtype=np.float32)
        errors: list[str | None] = [None] * len(pairs)
        if not pairs:
            return Predictions(out, ())
        pool = ThreadPoolExecutor(self.parallel, thread_name_prefix="corroborate-endpoint")
        try:
            with progress(total=len(pairs), desc="verifying", unit="pair", enabled=show_progress) as bar:
                futures = {pool.submit(self._judge, evidence, claim): i for i, (evidence, claim) in enumerate(pairs)}
                for future in as_completed(futures):
                    i = futures[future]
                    try:
                        out[i] = reply_probabilities(*future.result())
                    except Unjudged as exc:
                        errors[i] = str(exc)
                    bar.update(1)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return Predictions(out, tuple(errors))

    def _judge(self, evidence: str, claim: str) -> tuple[str, float]:
        content = self._complete(self.messages(evidence, claim))
        try:
            return parse_reply(content)
        except Unjudged as exc:
            log.debug("%s: unjudged (%s): %r", self.name, exc, content[:500])
            raise

    def complete(self, messages: list[dict[str, str]], max_tokens: int = 512) -> str:
        """The assistant's reply to `messages` (temperature 0, JSON asked for): the same transport,
        retries and errors as judging, for other uses of the server (claim decomposition).

        Raises `Unjudged` when no usable reply came, `ModelError` when the server cannot be reached.
        """
        return self._complete(messages, max_tokens)

    def _complete(self, messages: list[dict[str, str]], max_tokens: int = MAX_TOKENS) -> str:
        """The assistant message's content, or `Unjudged` after the retries."""
        body = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": max_tokens,
            "response_format": {"type": "json_object"},
            "stream": False,
        }
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        request = urllib.request.Request(
            f"{self.url}/chat/completions", data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        attempts = self.retries + 1
        unreachable: str | None = None
        problem = ""
        for attempt in range(attempts):
            if attempt:
                time.sleep(min(0.5 * 2 ** (attempt - 1), 4.0))
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    raw = response.read()
            except urllib.error.HTTPError as exc:
                unreachable = None
                problem = f"HTTP {exc.code} from the endpoint" + _http_detail(exc)
                if exc.code not in RETRY_STATUSES:
                    raise Unjudged(problem) from None
            except TimeoutError:
                unreachable, problem = None, f"timed out: no reply within {self.timeout:g} s"
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    unreachable, problem = None, f"timed out: no reply within {self.timeout:g} s"
                else:
                    unreachable = str(exc.reason)
            except (OSError, http.client.HTTPException) as exc:  # reset or cut off mid-reply
                unreachable = None
                problem = f"the endpoint dropped the connection ({exc.__class__.__name__})"
            else:
                return _content(raw)
        if unreachable is not None:
            raise ModelError(
                f"{_display_url(self.url)}: cannot reach the endpoint ({unreachable}); start the server "
                "or check the URL given to --verifier"
            )
        raise Unjudged(problem + (f" (after {attempts} attempts)" if attempts > 1 else ""))


def _http_detail(exc: urllib.error.HTTPError) -> str:
    """The server's own error message, short: llama.cpp, vLLM and Ollama send {"error": {"message": …}}."""
    try:
        payload = json.loads(exc.read(4096) or b"null")
    except (ValueError, OSError):
        return ""
    error = payload.get("error") if isinstance(payload, dict) else None
    message = error.get("message") if isinstance(error, dict) else error
    if not isinstance(message, str) or not message.strip():
        return ""
    message = " ".join(message.split())
    return f": {message[:120]}" + ("…" if len(message) > 120 else "")


def _content(raw: bytes) -> str:
    try:
        content = json.loads(raw)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        content = None
    if not isinstance(content, str):
        raise Unjudged("the endpoint's response was not a chat-completions response with a message")
    return content
