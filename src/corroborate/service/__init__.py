"""The web service: REST API and browser UI over the same library as the CLI (`corroborate serve`)."""

from __future__ import annotations

from dataclasses import replace

from corroborate.service.app import ServiceConfig, create_app
from corroborate.service.security import is_loopback, load_or_create_token

__all__ = ["ServiceConfig", "create_app", "prepare", "serve"]


def prepare(config: ServiceConfig, host: str) -> tuple[ServiceConfig, str | None]:
    """The config to run with on `host`, and a line to print about its token (None if none is needed).

    Off loopback a token is required: the configured one, else the library's own (made on first start).
    """
    if config.token:
        return config, "The service requires the configured token."
    if is_loopback(host):
        return config, None
    token, created = load_or_create_token(config.library)
    where = config.library / "service-token"
    line = f"{'Generated' if created else 'Using'} the service token (kept in {where}): {token}"
    return replace(config, token=token), line


def serve(config: ServiceConfig, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
    """Run the service until interrupted."""
    import uvicorn

    config, token_line = prepare(config, host)
    app = create_app(config)
    shown = f"[{host}]" if ":" in host else host
    print(f"corroborate is serving library {config.library} on http://{shown}:{port}/", flush=True)
    if token_line:
        print(token_line, flush=True)
        print(f"Open http://{shown}:{port}/?token={config.token} once in the browser.", flush=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
