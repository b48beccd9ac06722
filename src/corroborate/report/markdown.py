"""The Markdown report, for pasting into an editor or a ticket.

It is rendered from the JSON report (`to_dict`), so a report stored by the web service renders the
same as one fresh from `check`.

Article and source text is untrusted: Markdown passes raw HTML through to the page it renders, so a
`<` in the text is written as `&lt;` (an `&` that would start an entity as `&amp;`) and `](` cannot
start a link; a path inside a code span loses its backticks so it cannot close the span.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from corroborate.records import Label
from corroborate.report.json import to_dict

if TYPE_CHECKING:
    from corroborate.records import CheckResult

__all__ = ["render_markdown"]


_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _text(s: str) -> str:
    # Written so that no Markdown renderer sees a tag, an entity or a link the text did not show.
    return _ENTITY.sub("&amp;", s).replace("<", "&lt;").replace("](", "]\\(")


def _cell(s: str) -> str:
    return _text(s).replace("|", "\\|").replace("\n", " ")


def _code(s: str) -> str:
    # Inside a code span nothing is markup; only a backtick could end the span early.
    return "`" + s.replace("`", "'").replace("\n", " ") + "`"


def render_markdown(result: CheckResult | dict[str, Any]) -> str:
    """Markdown for a check result or its JSON report."""
    report = result if isinstance(result, dict) else to_dict(result)
    a, lib = report["article"], report["library"]
    out = [
        f"# Fact-check: {_text(a['title'])}",
        "",
        f"Source file {_code(a['origin'])}; library {_code(str(lib['path']))} "
        f"({lib['documents']} documents); verifier {_code(report['model']['name'])}.",
        "",
        "| # | Claim | Claimed by | Verdict | Confidence |",
        "|---|---|---|---|---|",
    ]
    for c in report["claims"]:
        out.append(
            f"| {c['id']} | {_cell(c['text'])} | {_cell(c['claimed_by'] or 'the article')} | "
            f"**{c['verdict']}** | {c['confidence']:.2f} |"
        )
    out.append("")
    for c in report["claims"]:
        out += [f"## {c['id']}: {c['verdict']}", "", f"> {_cell(c['sentence'])}", ""]
        if c["reported"]:
            out.append(f"Claimed by **{_cell(c['claimed_by'] or '')}**. ")
        for r in c["resolutions"]:
            out.append(f"Resolved {r['kind']}: “{_cell(r['original'])}” → “{_cell(r['replacement'])}”. ")
        for note in c["notes"]:
            out.append(f"Note: {_cell(note)}. ")
        if (c.get("sentence_facts") or {}).get("line"):
            line = _text(c["sentence_facts"]["line"])
            out.append(f"{line[:1].upper()}{line[1:]}. ")
        explanation = _text(c["explanation"])
        out += [f"{explanation[:1].upper()}{explanation[1:]} (confidence {c['confidence']:.2f}).", ""]
        deciding = [e for e in c["evidence"] if e["decisive"]]
        for e in deciding:
            verb = "Supports" if e["stance"] == "supports" else "Contradicts"
            p = e["probabilities"]
            when = f" ({e['date']})" if e["date"] else ""
            out.append(
                f"- {verb} — *{_cell(e['title'])}*{when}, {_code(e['origin'])} "
                f"chars {e['start']}–{e['end']}: “{_cell(e['text'])}” (entailment {p['entailment']:.2f}, "
                f"contradiction {p['contradiction']:.2f})"
            )
        if not deciding and c.get("closest"):
            out.append("Closest in the library (none decides the claim):")
            for e in c["closest"]:
                gated = "" if e["weighed"] else "; below the evidence gates, not weighed"
                out.append(
                    f"- *{_cell(e['title'])}*, {_code(e['origin'])} chars {e['start']}–{e['end']}: “{_cell(e['text'])}” "
                    f"(retrieval {e['retrieval_score']:.2f}, word overlap {e['overlap']:.2f}{gated})"
                )
        if deciding or c.get("closest"):
            out.append("")
    if report.get("needs_context"):
        out += ["## Not checked: these lean on the article", ""]
        for c in report["needs_context"]:
            notes = "; ".join(_cell(n) for n in c["notes"])
            out.append(f"- {c['id']}: {_cell(c['text'])}" + (f" ({notes})" if notes else ""))
        out.append("")
    counts = report["summary"]["verdicts"]
    out.append("**Summary:** " + ", ".join(f"{counts[label.value]} {label.value.lower()}" for label in Label) + ".")
    unjudged = sum(1 for c in report["claims"] for e in c["evidence"] if e.get("error"))
    if unjudged:
        out += ["", f"**Not judged:** {unjudged} evidence sentence(s) (each claim says why); they were not counted."]
    return "\n".join(out) + "\n"
