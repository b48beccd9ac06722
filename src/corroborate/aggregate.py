"""Judgements → one verdict per claim. A pure function: same judgements, same verdict.

Rules (thresholds from `Settings`):
- evidence is *strong* for a claim when P(entailment) ≥ `decide_threshold` and beats P(contradiction);
  strong against it when P(contradiction) ≥ `decide_threshold` and beats P(entailment);
- SUPPORTED / REFUTED: strong evidence one way, and nothing as strong the other way;
- CONFLICTING: strong evidence both ways from different documents, the weaker side still at least
  `CONFLICT_MARGIN` of the stronger;
- NOT ENOUGH EVIDENCE: nothing strong either way.
The confidence is the deciding probability; it is not yet calibrated (a later stage calibrates it).
Judgements with an `error` (the verifier could not judge the pair) never count: the verdict is made
from the others, and the explanation says how many could not be judged and why.
"""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.records import Claim, Judgement, Label, Verdict

__all__ = ["CONFLICT_MARGIN", "aggregate"]

CONFLICT_MARGIN = 0.9
MAX_DECIDING = 3


def _copies_note(judgements: Sequence[Judgement]) -> str:
    copies = {c[0] for j in judgements for c in j.evidence.copies}
    return f" (its text also appears in {len(copies)} other document(s), counted once)" if copies else ""


def _key(j: Judgement) -> tuple[str, int]:
    return (j.evidence.doc_id, j.evidence.start)


def _error_reasons(errored: Sequence[Judgement]) -> str:
    """ "the endpoint's reply was not valid JSON", or "reason (2); other reason (1)" when they differ."""
    counts: dict[str, int] = {}
    for j in errored:
        counts[str(j.error)] = counts.get(str(j.error), 0) + 1
    if len(counts) == 1:
        return next(iter(counts))
    return "; ".join(f"{reason} ({n})" for reason, n in sorted(counts.items()))


def aggregate(claim: Claim, judgements: Sequence[Judgement], decide_threshold: float) -> Verdict:
    """One verdict for `claim` from all its judgements, with the deciding evidence first.

    Judgements with an `error` are left out of the decision, named in the explanation, and listed
    last in `considered`.
    """
    errored = sorted((j for j in judgements if j.error is not None), key=_key)
    judgements = [j for j in judgements if j.error is None]
    note = f"; {len(errored)} evidence sentence(s) could not be judged: {_error_reasons(errored)}" if errored else ""
    support = sorted(
        (j for j in judgements if j.entailment >= decide_threshold and j.entailment > j.contradiction),
        key=lambda j: (-j.entailment, _key(j)),
    )
    refute = sorted(
        (j for j in judgements if j.contradiction >= decide_threshold and j.contradiction > j.entailment),
        key=lambda j: (-j.contradiction, _key(j)),
    )
    considered = tuple(sorted(judgements, key=lambda j: (-max(j.entailment, j.contradiction), _key(j))) + errored)
    s = support[0].entailment if support else 0.0
    r = refute[0].contradiction if refute else 0.0
    n_sup = len({j.evidence.doc_id for j in support})
    n_ref = len({j.evidence.doc_id for j in refute})

    if support and refute:
        different_docs = {j.evidence.doc_id for j in support} != {j.evidence.doc_id for j in refute}
        if different_docs and min(s, r) >= CONFLICT_MARGIN * max(s, r):
            deciding = tuple(support[:MAX_DECIDING] + refute[:MAX_DECIDING])
            return Verdict(
                claim,
                Label.CONFLICTING,
                round(min(s, r), 4),
                deciding,
                considered,
                f"{n_sup} source(s) support and {n_ref} source(s) contradict the claim" + note,
            )
    if support and s >= r:
        return Verdict(
            claim,
            Label.SUPPORTED,
            round(s, 4),
            tuple(support[:MAX_DECIDING]),
            considered,
            f"supported by {n_sup} source(s)"
            + _copies_note(support)
            + (f"; {n_ref} weaker contradiction(s)" if refute else "")
            + note,
        )
    if refute:
        return Verdict(
            claim,
            Label.REFUTED,
            round(r, 4),
            tuple(refute[:MAX_DECIDING]),
            considered,
            f"contradicted by {n_ref} source(s)"
            + _copies_note(refute)
            + (f"; {n_sup} weaker support(s)" if support else "")
            + note,
        )
    if errored and not judgements:
        # Nothing was judged: no confidence in "not enough evidence" either.
        return Verdict(
            claim,
            Label.NOT_ENOUGH_EVIDENCE,
            0.0,
            (),
            considered,
            f"none of the {len(errored)} related sentence(s) could be judged: {_error_reasons(errored)}",
        )
    if not judgements:
        return Verdict(
            claim, Label.NOT_ENOUGH_EVIDENCE, 1.0, (), considered, "no source in the library covers the claim"
        )
    strongest = max(max(j.entailment, j.contradiction) for j in judgements)
    return Verdict(
        claim,
        Label.NOT_ENOUGH_EVIDENCE,
        round(1.0 - strongest, 4),
        (),
        considered,
        f"{len(judgements)} related sentence(s) found, none decides the claim" + note,
    )
