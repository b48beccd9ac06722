"""The terminal report: verdicts first, then the evidence that decided each, with where it comes from."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from corroborate.aggregate import sentence_tallies, tally_line
from corroborate.records import UNCLEAR, Judgement, Label

if TYPE_CHECKING:
    from corroborate.records import CheckResult

__all__ = ["render_text"]

_MARK = {
    Label.SUPPORTED: "✔ SUPPORTED",
    Label.REFUTED: "✘ REFUTED",
    Label.CONFLICTING: "⚠ CONFLICTING",
    Label.NOT_ENOUGH_EVIDENCE: "? NOT ENOUGH EVIDENCE",
}
_COLOUR = {Label.SUPPORTED: "32", Label.REFUTED: "31", Label.CONFLICTING: "33", Label.NOT_ENOUGH_EVIDENCE: "90"}


def _probs(j: Judgement) -> str:
    return f"entail {j.entailment:.2f} · neutral {j.neutral:.2f} · contradict {j.contradiction:.2f}"


def render_text(result: CheckResult, colour: bool = False, width: int = 100) -> str:
    def paint(label: Label, s: str) -> str:
        return f"\033[{_COLOUR[label]}m{s}\033[0m" if colour else s

    a = result.article
    lines = [
        f"Checked: {a.title}  ({a.origin})",
        f"Library: {result.library['path']}  ({result.library['documents']} documents, "
        f"{result.library['passages']} passages)",
        f"Verifier: {result.model['name']}",
        "",
    ]
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    tallies = sentence_tallies(result.verdicts)
    for v in result.verdicts:
        c = v.claim
        lines.append(paint(v.label, f"[{c.id}] {_MARK[v.label]}  (confidence {v.confidence:.2f})"))
        lines.extend(wrap.wrap(f"Claim: {c.text}"))
        lines.append(f"    Claimed by: {c.claimed_by}" if c.reported else "    Asserted by the article")
        for r in c.resolutions:
            lines.append(f"    Resolved {r.kind}: “{r.original}” → “{r.replacement}”")
        for note in c.notes:
            lines.append(f"    Note: {note}")
        spans = ", ".join(f"{a}-{b}" for a, b in c.spans) or f"{c.start}-{c.end}"
        lines.append(f"    Article chars {spans}; {v.explanation}")
        if rolled := tally_line(tallies[(c.start, c.end)]):
            lines.append(f"    {rolled}")
        for j in v.deciding:
            e = j.evidence
            verb = "supports" if j.stance == "entailment" else "contradicts"
            lines.append(f"    • {verb}: {e.title}" + (f" ({e.date})" if e.date else ""))
            lines.extend(
                textwrap.wrap(f"“{e.text}”", width=width, initial_indent="        ", subsequent_indent="        ")
            )
            lines.append(f"        {e.origin} chars {e.start}-{e.end} [{e.doc_id}] · {_probs(j)}")
            if e.copies:
                lines.append(
                    f"        same text also in {len(e.copies)} other document(s), counted once: "
                    + "; ".join(title or origin for _, title, origin in e.copies)
                )
        if not v.deciding and v.closest():
            lines.append("    Closest in the library (none decides the claim):")
            for j in v.closest():
                e = j.evidence
                lines.extend(
                    textwrap.wrap(f"“{e.text}”", width=width, initial_indent="      - ", subsequent_indent="        ")
                )
                lines.append(
                    f"        {e.title or e.origin} · {e.origin} chars {e.start}-{e.end} · retrieval "
                    f"{e.retrieval_score:.2f}, word overlap {e.overlap:.2f}"
                    + ("" if j in v.considered else " · below the evidence gates, not weighed")
                )
        lines.append("")
    if result.needs_context:
        lines.append(
            "Not checked: these lean on the article (a reference it never makes clear, or the claim as a whole)"
        )
        for c in result.needs_context:
            lines.extend(wrap.wrap(f"[{c.id}] {c.text}"))
            unclear = [note for note in c.notes if note.endswith(UNCLEAR)]
            lines.append(f"    {'; '.join(unclear)} · article chars {c.start}-{c.end}")
        lines.append("")
    counts = {label: sum(1 for v in result.verdicts if v.label is label) for label in Label}
    lines.append(
        "Summary: "
        + ", ".join(f"{n} {label.value.lower()}" for label, n in counts.items())
        + f" — {len(result.verdicts)} claims in {result.seconds:.1f} s"
        + (f"; {len(result.needs_context)} not checked (leaning on the article)" if result.needs_context else "")
    )
    # Evidence the verifier could not judge (an endpoint's bad reply, HTTP error, timeout).
    unjudged = sum(1 for v in result.verdicts for j in v.considered if j.error is not None)
    if unjudged:
        lines.append(f"Not judged: {unjudged} evidence sentence(s); each claim's line says why. Not counted.")
    return "\n".join(lines) + "\n"
