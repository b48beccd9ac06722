"""The web service: REST API and browser UI over the same library as the CLI (`corroborate serve`)."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from corroborate.service.app import ServiceConfig, create_app
from corroborate.service.security import RedactTokens, is_loopback, load_or_create_token

__all__ = ["ServiceConfig", "create_app", "log_config", "prepare", "serve"]


def prepare(config: ServiceConfig, host: str) -> tuple[ServiceConfig, str | None]:
    """The config to run with on `host`, and a line to print about its token (None if none is needed).

    Off loopback a token is required: the configured one, else the library's own (made on first start).
    The line says where the token is, never the token itself: whatever reads the service's output (a
    terminal's scrollback, a journal) should not learn it.
    """
    if config.token:
        return config, "The service requires the configured token."
    if is_loopback(host):
        return config, None
    token, created = load_or_create_token(config.library)
    where = config.library / "service-token"
    line = (
        f"The service requires a token: {'generated now and ' if created else ''}kept in {where} "
        "(readable only by you). Send it as 'Authorization: Bearer TOKEN', or enter it on the start page."
    )
    return replace(config, token=token), line


def log_config() -> dict[str, Any]:
    """Uvicorn's logging configuration with `RedactTokens` on every handler, so no line shows the token."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact_tokens"] = {"()": RedactTokens}
    for handler in config["handlers"].values():
        handler.setdefault("filters", []).append("redact_tokens")
    return config


def serve(config: ServiceConfig, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
    """Run the service until interrupted."""
    import uvicorn

    config, token_line = prepare(config, host)
    app = create_app(config)
    shown = f"[{host}]" if ":" in host else host
    print(f"corroborate is serving library {config.library} on http://{shown}:{port}/", flush=True)
    if token_line:
        print(token_line, flush=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        log_config=log_config(),
        server_header=False,
        # Uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise; a local client could then
        # claim any address, and with it a fresh rate-limit bucket, on every request.
        proxy_headers=bool(config.trusted_proxies),
        forwarded_allow_ips=list(config.trusted_proxies) or None,
    )
