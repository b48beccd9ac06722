"""Who may call the service, how often, and with how much.

- Loopback only by default. Bound to any other address the service requires a token: given by the
  user, or generated on first start and kept (mode 0600) in the library folder.
- The token is accepted as `Authorization: Bearer …` (API clients) or as a SameSite=Strict, HttpOnly
  cookie (the browser UI; set by opening `/?token=…` once), so other sites cannot ride on it.
- A per-client token bucket limits request rates; request bodies above the upload limit are refused
  before they are read.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import threading
import time
from pathlib import Path

__all__ = ["TOKEN_COOKIE", "RateLimiter", "is_loopback", "load_or_create_token", "token_matches"]

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


class RateLimiter:
    """A token bucket per client: `per_minute` requests a minute on average, bursts up to `burst`."""

    def __init__(self, per_minute: float, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds to wait before trying again."""
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate if self.rate > 0 else 60.0
