"""The headers every response of the service carries: what a browser may load, frame and send on.

The UI is three static files with no inline script or style, so it runs under the strictest policy;
the API docs pages (Swagger UI, ReDoc, bundled offline) each carry one inline script, allowed by its
hash and by nothing looser; a downloaded HTML report may style itself and do nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["REPORT_CSP", "SECURITY_HEADERS", "UI_CSP", "docs_csp"]

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # A URL may carry the token (`/?token=…`): it must not travel on to another site as a Referer.
    "Referrer-Policy": "no-referrer",
}
UI_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def docs_csp(body: bytes) -> str:
    """The policy of an API docs page: its own inline script by hash, the bundled files, no other source.

    Swagger UI and ReDoc add style elements as they render, so styles may be inline on these pages.
    """
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(m).digest()).decode()}'" for m in _INLINE_SCRIPT.findall(body)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ).replace("'self' ;", "'self';")
