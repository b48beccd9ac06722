"""Judgements → one verdict per claim. A pure function: same judgements, same verdict.

Rules (thresholds from `Settings`):
- evidence is *strong* for a claim when P(entailment) ≥ `decide_threshold` and beats P(contradiction);
  strong against it when P(contradiction) ≥ `decide_threshold` and beats P(entailment);
- the explicit number, date and name check overrides the verifier where it is sure: a claim figure
  contradicted by the same figure in the evidence (`FigureCheck.verdict_hint == "contradicts"`) makes
  that evidence strong against the claim, never for it — the cross-encoder reads "2,400 residents" and
  "4,200 residents" as nearly the same sentence; its strength is how related the verifier found the
  pair (P(entailment) + P(contradiction)), at least `decide_threshold`;
- sources are counted by document: copies of one text were merged by retrieval and count once;
- SUPPORTED / REFUTED: strong evidence one way, and nothing as strong the other way;
- CONFLICTING: strong evidence both ways from different documents, the weaker side still at least
  `CONFLICT_MARGIN` of the stronger;
- NOT ENOUGH EVIDENCE: nothing strong either way.
The confidence is meant as the probability that the verdict is right. With the verifier's calibrated
probabilities (verifier-v0 ships `calibration.json`), for SUPPORTED / REFUTED it is the deciding
probability; for NOT ENOUGH EVIDENCE it is the smallest P(neutral) among the judged sentences (for
one sentence, the calibrated chance that it says nothing either way; for several, the chance for the
most telling one, an upper bound on all of them saying nothing). `corroborate bench calibration`
measures both on held-out pairs treated as one-evidence claims; claims with several sentences are not
measured yet.
Judgements with an `error` (the verifier could not judge the pair) never count: the verdict is made
from the others, and the explanation says how many could not be judged and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from corroborate.decision import DecisionModel, Judged
from corroborate.records import Claim, Judgement, Label, Verdict

__all__ = ["CONFLICT_MARGIN", "aggregate", "sentence_tallies", "tally_line"]

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


def _strengths(j: Judgement, threshold: float) -> tuple[float, float]:
    """How strongly `j` speaks for and against the claim (0 when not strongly)."""
    if j.figures is not None and j.figures.verdict_hint == "contradicts":
        return 0.0, max(j.contradiction, min(1.0, j.entailment + j.contradiction), threshold)
    strong_for = j.entailment if j.entailment >= threshold and j.entailment > j.contradiction else 0.0
    strong_against = j.contradiction if j.contradiction >= threshold and j.contradiction > j.entailment else 0.0
    return strong_for, strong_against


def _figure_note(judgements: Sequence[Judgement]) -> str:
    said: list[str] = []
    for j in judgements:
        for f in j.figures.confident_mismatches if j.figures else ():
            if f.explanation not in said:
                said.append(f.explanation)
    return f" ({'; '.join(said)})" if said else ""


def _documents(judgements: Sequence[Judgement]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(j.evidence.doc_id for j in judgements))


def aggregate(
    claim: Claim,
    judgements: Sequence[Judgement],
    decide_threshold: float,
    nearest: Sequence[Judgement] = (),
    model: DecisionModel | None = None,
) -> Verdict:
    """One verdict for `claim` from all its judgements, with the deciding evidence first.

    Judgements with an `error` are left out of the decision, named in the explanation, and listed
    last in `considered`. `nearest` are the sentences closest to the claim that the evidence gates
    kept out: they never decide; they are kept on the verdict to be shown, and when nothing else was
    judged they say that related passages exist and give the confidence that none decides.
    With a decision `model`, it chooses the label from all the judgements together and its
    probability is the confidence; the rules above still pick which sentences are shown as deciding.
    """
    verdict = _aggregate(claim, judgements, decide_threshold, tuple(nearest))
    if model is not None:
        verdict = _decided_by(model, verdict, judgements, tuple(nearest))
    return replace(verdict, nearest=tuple(nearest))


def judged(j: Judgement) -> Judged:
    """What the decision model reads of a judgement (a sentence with no similarity counts as unlike)."""
    similarity = j.evidence.similarity if j.evidence.similarity is not None else 0.0
    return Judged(j.entailment, j.neutral, j.contradiction, similarity, j.evidence.doc_id,
                  j.figures.verdict_hint if j.figures else None)  # fmt: skip


def _decided_by(
    model: DecisionModel, rules: Verdict, judgements: Sequence[Judgement], nearest: tuple[Judgement, ...]
) -> Verdict:
    """The rules' verdict relabelled by the decision model (CONFLICTING stays when the model decides)."""
    usable = [j for j in judgements if j.error is None]
    p = model.probabilities([judged(j) for j in usable])
    label = Label(max(p, key=lambda k: p[k]))
    errored = len(judgements) - len(usable)
    note = f"; {errored} evidence sentence(s) could not be judged" if errored else ""
    if label is Label.NOT_ENOUGH_EVIDENCE:
        confidence = round(p[label.value], 4)
        if usable:
            why = f"{len(usable)} related sentence(s) judged, none decides the claim"
        elif [j for j in nearest if j.error is None]:
            why = "related sentences found, none close enough to the claim to confirm or contradict it"
        else:
            why = "no source in the library covers the claim"
        return replace(rules, label=label, confidence=confidence, deciding=(), explanation=why + note)
    if rules.label is Label.CONFLICTING:
        return replace(rules, confidence=round(p[Label.SUPPORTED.value] + p[Label.REFUTED.value], 4))
    supports = label is Label.SUPPORTED
    side = [j for j in usable if (j.entailment > j.contradiction) == supports] or usable
    side.sort(key=lambda j: (-(j.entailment if supports else j.contradiction), _key(j)))
    deciding = tuple(side[:MAX_DECIDING])
    docs = _documents(deciding)
    if supports:
        why = f"supported by {len(docs)} source(s)" + _copies_note(deciding)
    else:
        why = f"contradicted by {len(docs)} source(s)" + _figure_note(deciding) + _copies_note(deciding)
    return replace(
        rules, label=label, confidence=round(p[label.value], 4), deciding=deciding, explanation=why + note,
        supporting=docs if supports else rules.supporting, contradicting=rules.contradicting if supports else docs,
    )  # fmt: skip


def _aggregate(
    claim: Claim, judgements: Sequence[Judgement], decide_threshold: float, nearest: tuple[Judgement, ...]
) -> Verdict:
    errored = sorted((j for j in judgements if j.error is not None), key=_key)
    judgements = [j for j in judgements if j.error is None]
    note = f"; {len(errored)} evidence sentence(s) could not be judged: {_error_reasons(errored)}" if errored else ""
    strength = {id(j): _strengths(j, decide_threshold) for j in judgements}
    support = sorted((j for j in judgements if strength[id(j)][0]), key=lambda j: (-strength[id(j)][0], _key(j)))
    refute = sorted((j for j in judgements if strength[id(j)][1]), key=lambda j: (-strength[id(j)][1], _key(j)))
    considered = tuple(sorted(judgements, key=lambda j: (-max(j.entailment, j.contradiction), _key(j))) + errored)
    s = strength[id(support[0])][0] if support else 0.0
    r = strength[id(refute[0])][1] if refute else 0.0
    sources = {"supporting": _documents(support), "contradicting": _documents(refute)}
    n_sup, n_ref = len(sources["supporting"]), len(sources["contradicting"])

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
                f"{n_sup} source(s) support and {n_ref} source(s) contradict the claim" + _figure_note(refute) + note,
                **sources,
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
            **sources,
        )
    if refute:
        return Verdict(
            claim,
            Label.REFUTED,
            round(r, 4),
            tuple(refute[:MAX_DECIDING]),
            considered,
            f"contradicted by {n_ref} source(s)"
            + _figure_note(refute[:MAX_DECIDING])
            + _copies_note(refute)
            + (f"; {n_sup} weaker support(s)" if support else "")
            + note,
            **sources,
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
    judged_nearest = [j for j in nearest if j.error is None]
    if not judgements and judged_nearest:
        # Related passages exist but none is close enough to the claim to be weighed: the chance that
        # none says anything either way is the calibrated P(neutral) of the most telling of them.
        return Verdict(
            claim,
            Label.NOT_ENOUGH_EVIDENCE,
            round(min(j.neutral for j in judged_nearest), 4),
            (),
            considered,
            f"{len(judged_nearest)} related sentence(s) found, none close enough to the claim to confirm or "
            "contradict it" + note,
        )
    if not judgements:
        return Verdict(
            claim, Label.NOT_ENOUGH_EVIDENCE, 1.0, (), considered, "no source in the library covers the claim"
        )
    # Not 1 - max(P(entailment), P(contradiction)): on held-out one-evidence claims that overstated
    # the chance of being right (top-label ECE of these verdicts 0.17 on dev, 0.18 on MNLI), P(neutral)
    # did not (0.06, 0.05); see BENCHMARKS.md, calibration.
    least_neutral = min(j.neutral for j in judgements)
    return Verdict(
        claim,
        Label.NOT_ENOUGH_EVIDENCE,
        round(least_neutral, 4),
        (),
        considered,
        f"{len(judgements)} related sentence(s) found, none decides the claim" + note,
    )


def sentence_tallies(verdicts: Sequence[Verdict]) -> dict[tuple[int, int], dict[str, int]]:
    """The verdicts of the claims of each article sentence, counted: a sentence with a core and its
    details ("a photo shows about forty protesters in yellow vests blocking the bridge") is reported as
    "1 of 3 facts in this sentence supported". Keyed by the sentence's (start, end)."""
    out: dict[tuple[int, int], dict[str, int]] = {}
    for v in verdicts:
        tally = out.setdefault((v.claim.start, v.claim.end), {"facts": 0, "supported": 0, "refuted": 0})
        tally["facts"] += 1
        tally["supported"] += v.label is Label.SUPPORTED
        tally["refuted"] += v.label is Label.REFUTED
    return out


def tally_line(tally: dict[str, int]) -> str | None:
    """ "1 of 3 facts in this sentence supported, 1 refuted", or None for a one-claim sentence. A sentence
    some of whose facts are supported and none refuted reads "partly supported" first: its core holds and
    the library says nothing of the rest (issue 15, item 5)."""
    if tally["facts"] < 2:
        return None
    line = f"{tally['supported']} of {tally['facts']} facts in this sentence supported"
    if 0 < tally["supported"] < tally["facts"] and not tally["refuted"]:
        return "partly supported: " + line
    return line + (f", {tally['refuted']} refuted" if tally["refuted"] else "")
