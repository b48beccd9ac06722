"""The JSON report: the versioned contract for the API and web UI (docs/json-report.md describes it).

The output is deterministic: the same article, library and settings give byte-identical JSON (no
timestamps, no run ids), so reports can be diffed and cached.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from corroborate import __version__
from corroborate.aggregate import sentence_tallies, tally_line
from corroborate.records import Claim, Judgement, Label, Verdict

if TYPE_CHECKING:
    from corroborate.claims import ClaimExtraction
    from corroborate.records import CheckResult, Finding

__all__ = ["SCHEMA_VERSION", "claim_dict", "claims_to_dict", "render_json", "to_dict"]

SCHEMA_VERSION = "1.8"


_STANCE = {"entailment": "supports", "contradiction": "refutes", "neutral": "neutral", "unjudged": "unjudged"}


def _evidence(j: Judgement, decisive: bool) -> dict[str, Any]:
    e = j.evidence
    return {
        "stance": _STANCE[j.stance],
        "decisive": decisive,
        "doc_id": e.doc_id,
        "title": e.title,
        "origin": e.origin,
        "date": e.date,
        "text": e.text,
        "start": e.start,
        "end": e.end,
        "context_before": e.context_before,
        "context_after": e.context_after,
        # An unjudged pair has no probabilities (NaN is not JSON): null, and `error` says why.
        "probabilities": None
        if j.error is not None
        else {"entailment": j.entailment, "neutral": j.neutral, "contradiction": j.contradiction},
        "error": j.error,
        "figure_check": j.figures.verdict_hint if j.figures else None,
        "checks": [_finding(f) for f in j.figures.findings] if j.figures else [],
        "retrieval_score": e.retrieval_score,
        # Cosine similarity of the sentence's vector with the claim's, which the decision model reads (1.7).
        "similarity": e.similarity,
        "copies": [{"doc_id": d, "title": t, "origin": o} for d, t, o in e.copies],
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "status": f.status,
        "confident": f.confident,
        "claim_text": f.claim.text,
        "evidence_text": f.evidence.text,
        "explanation": f.explanation,
    }


def _sources(v: Verdict) -> dict[str, list[dict[str, str]]]:
    seen = {j.evidence.doc_id: j.evidence for j in v.considered}
    return {
        side: [{"doc_id": d, "title": seen[d].title, "origin": seen[d].origin} for d in docs]
        for side, docs in (("supporting", v.supporting), ("contradicting", v.contradicting))
    }


def claim_dict(c: Claim) -> dict[str, Any]:
    """A claim's own fields, as both `corroborate claims` and the check report write them."""
    return {
        "id": c.id,
        "text": c.text,
        "verbatim": c.verbatim or c.text,
        "sentence": c.sentence,
        "start": c.start,
        "end": c.end,
        "spans": [list(span) for span in c.spans],
        "speaker": c.speaker,
        "speaker_role": c.speaker_role,
        "claimed_by": c.claimed_by,
        "reported": c.reported,
        "checkworthiness": c.checkworthiness,
        "resolutions": [{"original": r.original, "replacement": r.replacement, "kind": r.kind} for r in c.resolutions],
        "notes": list(c.notes),
    }


def _span(j: Judgement) -> tuple[str, int, int]:
    # (a sentence and the two-sentence reading that starts with it share a start, not an end)
    return (j.evidence.doc_id, j.evidence.start, j.evidence.end)


def _claim(v: Verdict, tally: dict[str, int]) -> dict[str, Any]:
    deciding = {_span(j) for j in v.deciding}
    evidence = [_evidence(j, True) for j in v.deciding]
    evidence += [_evidence(j, False) for j in v.considered if _span(j) not in deciding]
    nearest = {_span(j) for j in v.nearest}
    return {
        **claim_dict(v.claim),
        "verdict": v.label.value,
        "confidence": v.confidence,
        "explanation": v.explanation,
        "sources": _sources(v),
        "sentence_facts": {**tally, "line": tally_line(tally)},
        "evidence": evidence,
        # The library's three sentences closest to the claim, decisive or not; `weighed` is false for
        # those the evidence gates kept from counting (schema 1.6).
        "closest": [
            {
                **_evidence(j, _span(j) in deciding),
                "weighed": _span(j) not in nearest,
                "overlap": j.evidence.overlap,
            }
            for j in v.closest()
        ],
    }


def to_dict(result: CheckResult) -> dict[str, Any]:
    """The report as plain JSON-ready data (schema `SCHEMA_VERSION`)."""
    a = result.article
    tallies = sentence_tallies(result.verdicts)
    counts = {label.value: 0 for label in Label}
    for v in result.verdicts:
        counts[v.label.value] += 1
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "corroborate", "version": __version__},
        "article": {
            "origin": a.origin,
            "title": a.title,
            "sha256": a.content_hash,
            "date": a.date,
            "characters": len(a.text),
            "text": a.text,
        },
        "library": result.library,
        "model": result.model,
        "settings": result.settings,
        "summary": {"claims": len(result.verdicts), "verdicts": counts, "needs_context": len(result.needs_context)},
        "claims": [_claim(v, tallies[(v.claim.start, v.claim.end)]) for v in result.verdicts],
        "needs_context": [claim_dict(c) for c in result.needs_context],
    }


def claims_to_dict(extraction: ClaimExtraction, origin: str, text: str) -> dict[str, Any]:
    """`corroborate claims --format json`: the claims and the sentences left out."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "corroborate", "version": __version__},
        "article": {
            "origin": origin,
            "date_used": extraction.document_date.isoformat() if extraction.document_date else None,
            "date_source": extraction.date_source,
            "sentences": extraction.sentences,
            "text": text,
        },
        "claims": [claim_dict(c) for c in extraction.claims],
        "needs_context": [claim_dict(c) for c in extraction.needs_context],
        "skipped": [{"start": s.start, "end": s.end, "reason": s.reason} for s in extraction.skipped],
    }


def render_json(result: CheckResult) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
