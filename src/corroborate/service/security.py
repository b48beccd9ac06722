"""Who may call the service, how often, and with how much.

- Loopback only by default. Bound to any other address the service requires a token: given by the
  user, or generated on first start and kept (mode 0600) in the library folder.
- The token is accepted as `Authorization: Bearer …` (API clients) or as a SameSite=Strict, HttpOnly
  cookie (the browser UI; set by the page's token form, or by opening `/?token=…` once), so other sites
  cannot ride on it. No log line carries it: `RedactTokens` blanks `token=` in every logged URL.
- A per-client token bucket limits request rates. The client is the socket's peer address: forwarding
  headers are believed only from proxies the operator names, so a client cannot pick a new identity per
  request, and the table of buckets is bounded.
- Request bodies above the upload limit are refused before they are read.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from pathlib import Path

__all__ = [
    "TOKEN_COOKIE",
    "RateLimiter",
    "RedactTokens",
    "is_loopback",
    "load_or_create_token",
    "redact",
    "token_in_query",
    "token_matches",
]

TOKEN_COOKIE = "corroborate_token"
TOKEN_FILE = "service-token"


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_or_create_token(library: Path) -> tuple[str, bool]:
    """The library's service token and whether it was created now."""
    path = library / TOKEN_FILE
    if path.is_file():
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token, False
    token = secrets.token_urlsafe(32)
    library.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(token + "\n")
    return token, True


def token_matches(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


_TOKEN_IN_URL = re.compile(r"((?:^|[?&;\s])token=)[^&;\s\"']*", re.IGNORECASE)


def token_in_query(query: str) -> bool:
    """Whether a raw query string carries a `token=` parameter spelled so that `redact` finds it."""
    return _TOKEN_IN_URL.search(query) is not None


def redact(text: str) -> str:
    """`text` with the value of every `token=` URL parameter replaced by `[redacted]`."""
    return _TOKEN_IN_URL.sub(r"\1[redacted]", text) if "token=" in text.lower() else text


class RedactTokens(logging.Filter):
    """A logging filter that keeps the service token out of log lines (the access log above all).

    Uvicorn's access records carry the URL as the third of five arguments, which its formatter unpacks,
    so that argument is redacted in place; any other record is redacted as a whole message.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (*args[:2], redact(args[2]), *args[3:])
        else:
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


class RateLimiter:
    """A token bucket per client: `per_minute` requests a minute on average, bursts up to `burst`.

    At most `max_clients` buckets are kept. A bucket that has filled up again says nothing a new one
    would not, so those go first; when most are still in use the least recently seen go, a tenth of the
    table at a time so that the scan stays rare.
    """

    def __init__(self, per_minute: float, burst: int, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_clients = max(1, max_clients)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def allow(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds to wait before trying again."""
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if len(self._buckets) >= self.max_clients:
                self._evict(now)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate if self.rate > 0 else 60.0

    def _evict(self, now: float) -> None:
        full = [c for c, (tokens, then) in self._buckets.items() if tokens + (now - then) * self.rate >= self.burst]
        for client in full:
            del self._buckets[client]
        keep = self.max_clients - max(1, self.max_clients // 10)
        while len(self._buckets) > keep:
            self._buckets.popitem(last=False)
