"""The HTML report: one self-contained page (inline style, no script, no external resource).

Rendered from the JSON report, like the Markdown one. Every piece of text from the article or a
source is escaped; the page can be opened offline, mailed or archived as it is.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from corroborate.records import UNCLEAR, Label
from corroborate.report.json import to_dict

if TYPE_CHECKING:
    from corroborate.records import CheckResult

__all__ = ["VERDICT_CLASS", "render_html"]

# CSS class per verdict: shared with the web UI's stylesheet.
VERDICT_CLASS = {
    Label.SUPPORTED.value: "supported",
    Label.REFUTED.value: "refuted",
    Label.CONFLICTING.value: "conflicting",
    Label.NOT_ENOUGH_EVIDENCE.value: "nei",
}

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1d1d1f}
h1{font-size:1.5rem}.meta{color:#555;font-size:.9rem}
mark{padding:0 .1em;border-radius:.2em}
.supported{background:#d4f4dd}.refuted{background:#ffd6d6}.conflicting{background:#ffe9b3}.nei{background:#e4e4ea}
.article{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;border-radius:.5rem}
.claim{border:1px solid #ddd;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.badge{display:inline-block;font-weight:600;font-size:.8rem;padding:.1rem .5rem;border-radius:1rem}
blockquote{margin:.5rem 0;padding-left:.75rem;border-left:3px solid #bbb;color:#333}
.ctx{color:#666}
"""


def _highlighted_article(text: str, claims: list[dict[str, Any]]) -> str:
    """The article with each claim's first span marked in its verdict's colour (overlaps skipped)."""
    marks = []
    for c in claims:
        start, end = (c["spans"][0] if c["spans"] else (c["start"], c["end"]))[:2]
        marks.append((start, end, c))
    out, pos = [], 0
    for start, end, c in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(
            f'<mark class="{VERDICT_CLASS[c["verdict"]]}" title="{escape(c["verdict"])}">'
            f'<a href="#claim-{escape(str(c["id"]))}">{escape(text[start:end])}</a></mark>'
        )
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _evidence(e: dict[str, Any]) -> str:
    verb = {"supports": "Supports", "refutes": "Contradicts"}.get(e["stance"], "Related")
    if e.get("weighed") is False:
        verb = "Related, below the evidence gates"
    p = e["probabilities"]
    scores = (
        f"entailment {p['entailment']:.2f} · neutral {p['neutral']:.2f} · contradiction {p['contradiction']:.2f}"
        if p
        else f"not judged: {escape(e.get('error') or 'no probabilities')}"
    )
    when = f" ({escape(e['date'])})" if e.get("date") else ""
    return (
        f"<li><strong>{verb}</strong> — <em>{escape(e['title'])}</em>{when}, <code>{escape(e['origin'])}</code>"
        f"<blockquote><span class=ctx>{escape(e['context_before'])} </span><mark>{escape(e['text'])}</mark>"
        f"<span class=ctx> {escape(e['context_after'])}</span></blockquote>"
        f"{scores}</li>"
    )


def _claim(c: dict[str, Any]) -> str:
    cls = VERDICT_CLASS[c["verdict"]]
    who = f"Claimed by <strong>{escape(c['claimed_by'])}</strong>" if c["claimed_by"] else "Asserted by the article"
    extra = "".join(
        f"<li>Resolved {escape(r['kind'])}: “{escape(r['original'])}” → “{escape(r['replacement'])}”</li>"
        for r in c["resolutions"]
    ) + "".join(f"<li>Note: {escape(n)}</li>" for n in c["notes"])
    if (c.get("sentence_facts") or {}).get("line"):
        extra += f"<li>{escape(c['sentence_facts']['line'])}</li>"
    decisive = [e for e in c["evidence"] if e["decisive"]]
    return (
        f'<section class="claim" id="claim-{escape(str(c["id"]))}">'
        f'<p><span class="badge {cls}">{escape(c["verdict"])}</span> confidence {c["confidence"]:.2f}</p>'
        f"<p><strong>{escape(c['text'])}</strong></p><p>{who}. {escape(c['explanation'])}.</p>"
        + (f"<ul>{extra}</ul>" if extra else "")
        + (f"<ol>{''.join(_evidence(e) for e in decisive)}</ol>" if decisive else "")
        + (
            "<p>Closest in the library (none decides the claim):</p>"
            f"<ol>{''.join(_evidence(e) for e in c['closest'])}</ol>"
            if not decisive and c.get("closest")
            else ""
        )
        + "</section>"
    )


def render_html(result: CheckResult | dict[str, Any]) -> str:
    """A standalone HTML page for a check result or its JSON report."""
    report = result if isinstance(result, dict) else to_dict(result)
    a, counts = report["article"], report["summary"]["verdicts"]
    summary = ", ".join(
        f'<span class="badge {VERDICT_CLASS[label.value]}">{counts[label.value]} {escape(label.value.lower())}</span>'
        for label in Label
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Fact-check: {escape(a['title'])}</title><style>{_STYLE}</style></head><body>"
        f"<h1>Fact-check: {escape(a['title'])}</h1>"
        f'<p class="meta">{escape(a["origin"])} · {report["library"]["documents"]} sources · verifier '
        f"{escape(report['model']['name'])} · corroborate {escape(report['tool']['version'])}</p>"
        f"<p>{summary}</p>"
        f'<div class="article">{_highlighted_article(a["text"], report["claims"])}</div>'
        + "".join(_claim(c) for c in report["claims"])
        + _not_checked(report.get("needs_context") or [])
        + "</body></html>\n"
    )


def _not_checked(statements: list[dict[str, Any]]) -> str:
    """The statements set aside as needing the article's context (schema 1.8): listed, never checked."""
    if not statements:
        return ""
    items = "".join(
        f'<li>{escape(s["id"])}: {escape(s["text"])} <span class="meta">'
        f"{escape('; '.join(n for n in s['notes'] if n.endswith(UNCLEAR)))}</span></li>"
        for s in statements
    )
    return f"<h2>Not checked: these lean on the article</h2><ul>{items}</ul>"
