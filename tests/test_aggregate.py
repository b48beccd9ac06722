from corroborate.aggregate import aggregate
from corroborate.records import Claim, Evidence, Judgement, Label

CLAIM = Claim(id="c1", text="The dam held.", sentence="The dam held.", start=0, end=13, checkworthiness=0.9)


def judgement(doc: str, e: float, c: float, start: int = 0) -> Judgement:
    ev = Evidence(
        doc_id=doc,
        title=doc,
        origin=f"{doc}.txt",
        date=None,
        text=f"text of {doc}",
        start=start,
        end=start + 10,
        context_before="",
        context_after="",
        retrieval_score=1.0,
        overlap=1.0,
    )
    return Judgement(ev, e, round(1 - e - c, 4), c)


def test_no_evidence_is_not_enough_evidence():
    v = aggregate(CLAIM, [], 0.6)
    assert v.label is Label.NOT_ENOUGH_EVIDENCE and v.deciding == ()


def test_weak_evidence_is_not_enough_evidence():
    v = aggregate(CLAIM, [judgement("a", 0.4, 0.3), judgement("b", 0.2, 0.5)], 0.6)
    assert v.label is Label.NOT_ENOUGH_EVIDENCE
    assert v.confidence == 0.3  # the smallest P(neutral): how likely the most telling sentence says nothing


def test_strong_support_wins_and_names_its_evidence_first():
    v = aggregate(CLAIM, [judgement("a", 0.7, 0.1), judgement("b", 0.95, 0.01), judgement("c", 0.1, 0.2)], 0.6)
    assert v.label is Label.SUPPORTED
    assert v.confidence == 0.95
    assert [j.evidence.doc_id for j in v.deciding] == ["b", "a"]


def test_strong_contradiction_refutes():
    v = aggregate(CLAIM, [judgement("a", 0.05, 0.93), judgement("b", 0.1, 0.3)], 0.6)
    assert v.label is Label.REFUTED and v.confidence == 0.93


def test_strong_evidence_both_ways_from_different_sources_conflicts():
    v = aggregate(CLAIM, [judgement("a", 0.92, 0.05), judgement("b", 0.03, 0.9)], 0.6)
    assert v.label is Label.CONFLICTING
    assert {j.evidence.doc_id for j in v.deciding} == {"a", "b"}


def test_a_much_weaker_contradiction_does_not_make_a_conflict():
    v = aggregate(CLAIM, [judgement("a", 0.97, 0.01), judgement("b", 0.2, 0.62)], 0.6)
    assert v.label is Label.SUPPORTED


def test_ties_break_by_document_id_so_output_is_stable():
    js = [judgement("b", 0.9, 0.05), judgement("a", 0.9, 0.05)]
    assert aggregate(CLAIM, js, 0.6) == aggregate(CLAIM, list(reversed(js)), 0.6)
    assert aggregate(CLAIM, js, 0.6).deciding[0].evidence.doc_id == "a"


def errored(doc: str, error: str, start: int = 0) -> Judgement:
    nan = float("nan")
    return Judgement(judgement(doc, 0.0, 0.0, start).evidence, nan, nan, nan, error)


def test_errored_judgements_never_count_but_are_named():
    js = [judgement("a", 0.9, 0.05), errored("b", "the endpoint's reply was not valid JSON"), errored("c", "HTTP 500")]
    v = aggregate(CLAIM, js, 0.6)
    assert v.label is Label.SUPPORTED and v.confidence == 0.9
    assert [j.evidence.doc_id for j in v.deciding] == ["a"]
    assert [j.evidence.doc_id for j in v.considered] == ["a", "b", "c"]  # errored last
    assert v.explanation == (
        "supported by 1 source(s); 2 evidence sentence(s) could not be judged: "
        "HTTP 500 (1); the endpoint's reply was not valid JSON (1)"
    )
    assert v.considered[1].stance == "unjudged"


def test_an_errored_judgement_cannot_turn_a_verdict():
    """An error's probabilities are NaN; whatever they are, the verdict is the one without it."""
    strong = errored("b", "timeout")
    v = aggregate(CLAIM, [judgement("a", 0.05, 0.93), strong], 0.6)
    assert v.label is Label.REFUTED and v.deciding[0].evidence.doc_id == "a"
    assert v.explanation == "contradicted by 1 source(s); 1 evidence sentence(s) could not be judged: timeout"


def test_nothing_judged_is_not_enough_evidence_with_no_confidence():
    reason = "the endpoint's reply was not valid JSON"
    v = aggregate(CLAIM, [errored("a", reason), errored("b", reason, 5)], 0.6)
    assert v.label is Label.NOT_ENOUGH_EVIDENCE and v.confidence == 0.0 and v.deciding == ()
    assert v.explanation == f"none of the 2 related sentence(s) could be judged: {reason}"
    assert len(v.considered) == 2


def test_a_contradicted_figure_turns_the_verifiers_entailment_into_a_refutation():
    from dataclasses import replace

    from corroborate.verify.figures import compare

    claim = replace(CLAIM, text="Emergency services evacuated 2,400 residents from the districts of Vellmar.")
    source = "Emergency services evacuated 4,200 residents from the low-lying districts of Vellmar."
    figures = compare(claim.text, source)
    assert figures.verdict_hint == "contradicts"
    fooled = replace(judgement("authority", 0.9, 0.05), figures=figures)
    v = aggregate(claim, [fooled], 0.6)
    assert v.label is Label.REFUTED
    assert v.confidence == 0.95
    assert "claim says 2,400, source says 4,200" in v.explanation
    assert v.contradicting == ("authority",) and v.supporting == ()


def test_agreeing_figures_leave_the_verifier_in_charge():
    from dataclasses import replace

    from corroborate.verify.figures import compare

    claim = replace(CLAIM, text="The river peaked at 7.8 metres at the bridge gauge on 15 March 2026.")
    source = "On 15 March 2026 the river peaked at 7.8 metres at the bridge gauge."
    figures = compare(claim.text, source)
    assert figures.verdict_hint == "consistent"
    v = aggregate(claim, [replace(judgement("gauge", 0.4, 0.1), figures=figures)], 0.6)
    assert v.label is Label.NOT_ENOUGH_EVIDENCE


def test_sources_are_listed_by_side_once_per_document():
    v = aggregate(
        CLAIM,
        [judgement("a", 0.9, 0.0), judgement("a", 0.8, 0.0, start=50), judgement("b", 0.85, 0.0)],
        0.6,
    )
    assert v.supporting == ("a", "b") and v.contradicting == ()
    assert "supported by 2 source(s)" in v.explanation


def test_the_facts_of_one_sentence_are_counted_together():
    from dataclasses import replace

    from corroborate.aggregate import sentence_tallies, tally_line
    from corroborate.records import Verdict

    core = replace(CLAIM, id="c1", text="A photo shows protesters blocking the bridge.")
    whole = replace(CLAIM, id="c2", text="A photo shows forty protesters in yellow vests blocking the bridge.")
    other = replace(CLAIM, id="c3", start=14, end=30)
    verdicts = [
        Verdict(core, Label.SUPPORTED, 0.9, ()),
        Verdict(whole, Label.NOT_ENOUGH_EVIDENCE, 0.5, ()),
        Verdict(other, Label.REFUTED, 0.8, ()),
    ]
    tallies = sentence_tallies(verdicts)
    assert tally_line(tallies[(0, 13)]) == "partly supported: 1 of 2 facts in this sentence supported"
    assert tally_line(tallies[(14, 30)]) is None
    refuted_too = {"facts": 3, "supported": 1, "refuted": 1}
    assert tally_line(refuted_too) == "1 of 3 facts in this sentence supported, 1 refuted"
    assert tally_line({"facts": 2, "supported": 2, "refuted": 0}) == "2 of 2 facts in this sentence supported"
