"""The JSON report: the versioned contract for the API and web UI (docs/json-report.md describes it).

The output is deterministic: the same article, library and settings give byte-identical JSON (no
timestamps, no run ids), so reports can be diffed and cached.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from corroborate import __version__
from corroborate.records import Judgement, Label, Verdict

if TYPE_CHECKING:
    from corroborate.api import CheckResult

__all__ = ["SCHEMA_VERSION", "render_json", "to_dict"]

SCHEMA_VERSION = "1.1"


def _stance(j: Judgement) -> str:
    return {"entailment": "supports", "contradiction": "refutes", "neutral": "neutral"}[j.stance]


def _evidence(j: Judgement, decisive: bool) -> dict[str, Any]:
    e = j.evidence
    return {
        "stance": _stance(j),
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
        "probabilities": {"entailment": j.entailment, "neutral": j.neutral, "contradiction": j.contradiction},
        "retrieval_score": e.retrieval_score,
        "copies": [{"doc_id": d, "title": t, "origin": o} for d, t, o in e.copies],
    }


def _claim(v: Verdict) -> dict[str, Any]:
    deciding = {(j.evidence.doc_id, j.evidence.start) for j in v.deciding}
    evidence = [_evidence(j, True) for j in v.deciding]
    evidence += [_evidence(j, False) for j in v.considered if (j.evidence.doc_id, j.evidence.start) not in deciding]
    c = v.claim
    return {
        "id": c.id,
        "text": c.text,
        "sentence": c.sentence,
        "start": c.start,
        "end": c.end,
        "speaker": c.speaker,
        "checkworthiness": c.checkworthiness,
        "verdict": v.label.value,
        "confidence": v.confidence,
        "explanation": v.explanation,
        "evidence": evidence,
    }


def to_dict(result: CheckResult) -> dict[str, Any]:
    """The report as plain JSON-ready data (schema `SCHEMA_VERSION`)."""
    a = result.article
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
        },
        "library": result.library,
        "model": result.model,
        "settings": result.settings,
        "summary": {"claims": len(result.verdicts), "verdicts": counts},
        "claims": [_claim(v) for v in result.verdicts],
    }


def render_json(result: CheckResult) -> str:
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
