"""The Markdown report, for pasting into an editor or a ticket."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corroborate.records import Label

if TYPE_CHECKING:
    from corroborate.api import CheckResult

__all__ = ["render_markdown"]


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: CheckResult) -> str:
    a = result.article
    out = [
        f"# Fact-check: {a.title}",
        "",
        f"Source file `{a.origin}`; library `{result.library['path']}` "
        f"({result.library['documents']} documents); verifier `{result.model['name']}`.",
        "",
        "| # | Claim | Claimed by | Verdict | Confidence |",
        "|---|---|---|---|---|",
    ]
    for v in result.verdicts:
        out.append(
            f"| {v.claim.id} | {_cell(v.claim.text)} | {_cell(v.claim.claimed_by or 'the article')} | "
            f"**{v.label.value}** | {v.confidence:.2f} |"
        )
    out.append("")
    for v in result.verdicts:
        out += [f"## {v.claim.id}: {v.label.value}", "", f"> {v.claim.sentence}", ""]
        if v.claim.reported:
            out.append(f"Claimed by **{_cell(v.claim.claimed_by or '')}**. ")
        for r in v.claim.resolutions:
            out.append(f"Resolved {r.kind}: “{_cell(r.original)}” → “{_cell(r.replacement)}”. ")
        for note in v.claim.notes:
            out.append(f"Note: {_cell(note)}. ")
        out += [f"{v.explanation[:1].upper()}{v.explanation[1:]} (confidence {v.confidence:.2f}).", ""]
        for j in v.deciding:
            e = j.evidence
            verb = "Supports" if j.stance == "entailment" else "Contradicts"
            out.append(
                f"- {verb} — *{_cell(e.title)}*{f' ({e.date})' if e.date else ''}, `{e.origin}` "
                f"chars {e.start}–{e.end}: “{e.text}” (entailment {j.entailment:.2f}, "
                f"contradiction {j.contradiction:.2f})"
            )
        if v.deciding:
            out.append("")
    counts = {label: sum(1 for v in result.verdicts if v.label is label) for label in Label}
    out.append("**Summary:** " + ", ".join(f"{n} {label.value.lower()}" for label, n in counts.items()) + ".")
    unjudged = sum(1 for v in result.verdicts for j in v.considered if j.error is not None)
    if unjudged:
        out += ["", f"**Not judged:** {unjudged} evidence sentence(s) (each claim says why); they were not counted."]
    return "\n".join(out) + "\n"
