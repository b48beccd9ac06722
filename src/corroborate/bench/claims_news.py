"""`bench claims-news`: claim extraction on real news, against an annotation made blind.

The articles are 30 FNC-1 training bodies (`news_articles`, read from the shared data). Before any
extractor output was seen, helper sessions wrote down for every sentence its kind (fact, opinion,
furniture, question), its atomic facts (faithful, self-contained, with clarifications in
brackets, each with its speaker and importance) and the referent of every pronoun or vague
reference (`data/claims_news_gold.jsonl`).

A third annotation holds only references: for 31 more FNC-1 training bodies (outside both parts),
blind helpers wrote down every pronoun, demonstrative, definite description and lone name whose
meaning needs the earlier article, and its referent (`data/claims_news_references.jsonl`). It measures
how the claims of those bodies resolve references (brackets right or wrong; references kept as
written with a note naming the referent, a note naming another, or nothing). It was made during the
seventh round and read while building that round's rules, so it is development data, not a test.

A held-out part: 31 more FNC-1 training bodies (outside all the above) whose every claim was judged
blind, once, at the end of the seventh round (`data/claims_news_heldout.jsonl` lists them; their
judgements sit with the others). Of their claims only the twenty that round changed were read, to compare. It has no annotation of facts: it gives only judged
shares, on text no rule was written for.

A second development part: 20 more FNC-1 training bodies (outside all the above; `data/claims_news_fresh.jsonl`)
whose every claim and set-aside statement was judged blind at the start of the ninth round, before
their output was read (judged OK then: 0.444 at `e10d9e2`); that round then read them while building,
so they are development data now, kept to show what a part no rule was written for looked like.

Statements the extractor sets aside as needing the article's context (`ClaimExtraction.needs_context`:
a pronoun, demonstrative or "the X" with no referent the claim makes clear) are not claims: the shares
and the facts missed count claims only. Beside them the run gives how many were set aside, how judges had
labelled them as claims (where the same words were judged before), and the important facts that neither
a claim nor a statement set aside holds.

Two kinds of numbers come out:
- **Measured against the annotation**, on every run: the speaker on reported statements; the
  important facts no claim covers; references resolved to something other than the annotated
  referent; annotated references a claim keeps as written, and whether a note names their referent; hedges, modals and negations of the matched fact that the claim lost; reported
  statements turned into the article's own; claims from sentences with no fact at all.
- **Judged**: a claim whose exact text (in its sentence, with its speaker) was judged by a blind
  reader is counted under that judgement (`data/claims_news_judgements.jsonl`: ok, wrong_reference,
  unfaithful, ungrammatical, not_self_contained, not_checkworthy; the judge saw the sentence, its
  context, the annotation and the claim, never which version made it). Claims never judged are
  counted as such and written to `claims-news-unjudged.jsonl` beside the results, ready for the next
  judge: the judged shares are over the judged claims only, and the run says how many those were.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corroborate.analysis import terms
from corroborate.bench.claims import term_f1
from corroborate.bench.harness import BenchContext, BenchError, BenchSkipped
from corroborate.bench.news_articles import BODIES, NewsArticle, articles_by_id, news_articles
from corroborate.claims import extract_claims
from corroborate.claims.context_model import load_context_model
from corroborate.config import Settings
from corroborate.records import UNCLEAR, Claim

__all__ = [
    "DEV_GOLD",
    "FRESH",
    "GOLD",
    "HELDOUT",
    "JUDGEMENTS",
    "LABELS",
    "REFERENCES",
    "claim_key",
    "claims_news",
    "evaluate_heldout",
    "evaluate_news",
    "evaluate_references",
    "load_gold",
    "load_judgements",
]

GOLD = Path(__file__).resolve().parent / "data" / "claims_news_gold.jsonl"
# The 15 development articles, annotated the same way and blind too: read these while building.
DEV_GOLD = Path(__file__).resolve().parent / "data" / "claims_news_dev_gold.jsonl"
JUDGEMENTS = Path(__file__).resolve().parent / "data" / "claims_news_judgements.jsonl"
# 31 more bodies whose claims were judged, never read while building (held out).
HELDOUT = Path(__file__).resolve().parent / "data" / "claims_news_heldout.jsonl"
FRESH = Path(__file__).resolve().parent / "data" / "claims_news_fresh.jsonl"
# References alone, annotated blind for 31 more bodies (development data).
REFERENCES = Path(__file__).resolve().parent / "data" / "claims_news_references.jsonl"
LABELS = ("ok", "wrong_reference", "unfaithful", "ungrammatical", "not_self_contained", "not_checkworthy")
# A claim stands for an annotated fact of its sentence when their stemmed words overlap this much (F1).
MATCH_F1 = 0.4
# An important fact is covered when a claim of its sentence holds this share of its words.
COVER = 0.5
_HEDGE = re.compile(
    r"\b(not|never|no|nor|would|could|may|might|reportedly|allegedly|apparently|supposedly|purportedly|"
    r"rumou?red|believed to|said to|unconfirmed|possibly|probably|likely|expected to)\b",
    re.I,
)
# Hedges that say only that someone else claims it: a claim with its speaker keeps them.
_REPORTING_HEDGES = {"reportedly", "allegedly", "supposedly", "purportedly", "rumored", "said to"}
_BRACKETED = re.compile(r"\[[^\]]*\]")
_NO_FACT_KINDS = {"furniture", "opinion", "question", "other"}


def load_gold(path: Path = GOLD) -> dict[str, dict[str, Any]]:
    """The annotation, by body id."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["body_id"]: row for row in rows}


def load_references(path: Path = REFERENCES) -> dict[str, dict[str, Any]]:
    """Body id → its sentences' annotated references."""
    return load_gold(path)


def load_judgements(path: Path = JUDGEMENTS) -> dict[str, dict[str, Any]]:
    """The blind judgements, by `claim_key`."""
    if not path.is_file():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["key"]: row for row in rows}


def claim_key(body_id: str, sentence: int, text: str, claimed_by: str | None, notes: Sequence[str] = ()) -> str:
    """What a judgement is kept under: the claim's exact words, speaker, notes and place."""
    raw = json.dumps([body_id, sentence, text, claimed_by or "", list(notes)], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _covers(claim: Claim, fact: dict[str, Any]) -> bool:
    """The claim (with its speaker) holds enough of the fact's own words: the clarifications the
    annotator put in brackets and the fact's speaker are not asked of the claim's text."""
    wanted = set(terms(_BRACKETED.sub(" ", fact["text"]))) - set(terms(fact.get("speaker") or ""))
    said = set(terms(f"{claim.statement} {claim.claimed_by or ''}"))
    return bool(wanted) and len(wanted & said) / len(wanted) >= COVER


def _same_speaker(gold: str, said: str | None) -> bool:
    wanted, got = set(terms(gold)), set(terms(said or ""))
    return bool(wanted) and bool(got) and len(wanted & got) / min(len(wanted), len(got)) >= 0.5


def _hedges(text: str) -> set[str]:
    text = re.sub(r"n[’']t\b", " not", text.replace("can’t", "can not").replace("can't", "can not"))
    return {m.lower().replace("rumoured", "rumored") for m in _HEDGE.findall(text)}


def _reference_status(claim: Claim, references: list[dict[str, Any]]) -> list[str]:
    """For each mention the claim replaced: "right", "wrong" (another referent, or one the annotator
    found unclear) or "unannotated" (the annotator saw nothing to resolve there)."""
    out = []
    for resolution in claim.resolutions:
        if resolution.kind == "date":
            continue
        original = resolution.original.lower()
        entry = next((r for r in references if r["mention"].lower() == original), None)
        if entry is None:
            entry = next((r for r in references if original in r["mention"].lower().split()), None)
        if entry is None:
            out.append("unannotated")
        elif not entry.get("referent"):
            out.append("wrong")
        else:
            got, wanted = set(terms(resolution.replacement)), set(terms(entry["referent"]))
            out.append("right" if got and len(got & wanted) / len(got) >= 0.5 else "wrong")
    return out


_NOTE = re.compile(r"^“(?P<mention>[^”]+)”: probably (?P<referent>.+)$")


def _mention_states(claim: Claim, references: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """For each annotated reference ("he" → "Dan Olsen") the claim still holds as written (outside
    brackets): "noted_right"/"noted_wrong" when a note names a referent, else "unexplained". A
    reference the claim resolved in brackets is counted by `_reference_status`, not here."""
    text = _BRACKETED.sub(" ", claim.text)
    resolved = {r.original.lower() for r in claim.resolutions}
    resolved |= {f"{r}'s" for r in resolved} | {f"{r}'" for r in resolved}
    notes = {m["mention"].lower(): m["referent"] for n in claim.notes if (m := _NOTE.match(n))}
    out = []
    for reference in references:
        mention = reference["mention"]
        if not reference.get("referent") or mention.lower() in resolved:
            continue
        if not re.search(rf"(?<![\w]){re.escape(mention)}(?![\w])", text):
            continue
        if (
            claim.claimed_by
            and _same_speaker(reference["referent"], claim.claimed_by)
            and mention.lower() in {"i", "me", "my"}
        ):
            continue  # the speaker's "I" is named by the speaker field
        noted = notes.get(mention.lower())
        if noted is None:
            out.append(("unexplained", reference))
            continue
        got, wanted = set(terms(noted)), set(terms(reference["referent"]))
        right = bool(got) and len(got & wanted) / len(got) >= 0.5
        out.append(("noted_right" if right else "noted_wrong", reference))
    return out


def _sentence_of(article: NewsArticle, claim: Claim) -> int:
    return max(s.index for s in article.sentences if s.start <= claim.start)


def evaluate_news(
    articles: list[NewsArticle],
    gold: dict[str, dict[str, Any]],
    judgements: dict[str, dict[str, Any]],
    threshold: float,
    set_aside_at: float | None = None,
) -> dict[str, Any]:
    """Every number of the benchmark, plus the claims no judge has seen yet (`unjudged`).

    `set_aside_at` is the context model's point (`extract_claims`; None: the model's own)."""
    counts: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    aside: Counter[str] = Counter()
    unjudged: list[dict[str, Any]] = []
    examples: dict[str, list[dict[str, Any]]] = {}
    words = seconds = 0.0
    for article in articles:
        annotation = gold[article.body_id]["sentences"]
        if [s["sha"] for s in annotation] != [
            hashlib.sha256(s.text.encode()).hexdigest()[:12] for s in article.sentences
        ]:
            raise BenchError(f"FNC-1 body {article.body_id}: its sentences differ from the annotated ones")
        start = time.perf_counter()
        extraction = extract_claims(list(article.sentences), threshold, None, set_aside_at)
        seconds += time.perf_counter() - start
        words += len(article.text.split())
        claims = extraction.claims
        by_sentence: dict[int, list[Claim]] = {}
        for claim in claims:
            by_sentence.setdefault(_sentence_of(article, claim), []).append(claim)
        aside_by_sentence: dict[int, list[Claim]] = {}
        for claim in extraction.needs_context:
            aside_by_sentence.setdefault(_sentence_of(article, claim), []).append(claim)
            counts["set_aside"] += 1
            # judged as the claim it would have been, without the note that sets it aside
            _count_judgement(aside, judgements.get(_key(article, claim, without_unclear=True)))
        for index, sentence in enumerate(annotation):
            mine = by_sentence.get(index, [])
            for fact in sentence["facts"]:
                if fact["importance"] == "important":
                    counts["important_facts"] += 1
                    if not any(_covers(c, fact) for c in mine):
                        counts["important_missed"] += 1
                        if not any(_covers(c, fact) for c in aside_by_sentence.get(index, [])):
                            counts["important_missed_even_set_aside"] += 1
                        _example(examples, "missed", article, index, fact["text"])
            for claim in mine:
                counts["claims"] += 1
                _score_claim(counts, examples, article, index, sentence, claim)
                key = claim_key(article.body_id, index, claim.text, claim.claimed_by, claim.notes)
                if not _count_judgement(judged, judgements.get(key)):
                    unjudged.append(_for_judge(article, index, sentence, claim, key))
    return _summary(counts, judged, len(articles), words, seconds) | {
        "set_aside": _set_aside(counts["set_aside"], aside),
        "examples": examples,
        "unjudged": unjudged,
    }


def _key(article: NewsArticle, claim: Claim, without_unclear: bool = False) -> str:
    notes = [n for n in claim.notes if not (without_unclear and n.endswith(UNCLEAR))]
    return claim_key(article.body_id, _sentence_of(article, claim), claim.text, claim.claimed_by, notes)


def _set_aside(n: int, judged: Counter[str]) -> dict[str, Any]:
    """Statements set aside as needing context, and how judges had labelled them as claims (when they had)."""
    return {
        "statements": n,
        "judged": judged["judged"],
        **{f"{label}_share": _share(judged[label], judged["judged"]) for label in LABELS},
    }


def _count_judgement(judged: Counter[str], judgement: dict[str, Any] | None) -> bool:
    """Count a claim's judgement, if it has one (its label, and whether its speaker was right)."""
    if judgement is None:
        return False
    judged["judged"] += 1
    judged[judgement["label"]] += 1
    if judgement.get("speaker_ok") is not None:
        judged["speaker_judged"] += 1
        judged["speaker_ok"] += bool(judgement["speaker_ok"])
    return True


def evaluate_heldout(
    articles: list[NewsArticle],
    shas: dict[str, list[str]],
    judgements: dict[str, dict[str, Any]],
    threshold: float,
    set_aside_at: float | None = None,
) -> dict[str, Any]:
    """The judged shares of the claims of `articles`, and the claims no judge has seen (`unjudged`)."""
    judged: Counter[str] = Counter()
    aside: Counter[str] = Counter()
    unjudged: list[dict[str, Any]] = []
    claims = set_aside = 0
    for article in articles:
        if shas[article.body_id] != [hashlib.sha256(s.text.encode()).hexdigest()[:12] for s in article.sentences]:
            raise BenchError(f"FNC-1 body {article.body_id}: its sentences differ from the judged ones")
        extraction = extract_claims(list(article.sentences), threshold, None, set_aside_at)
        for claim in extraction.needs_context:
            set_aside += 1
            _count_judgement(aside, judgements.get(_key(article, claim, without_unclear=True)))
        for claim in extraction.claims:
            claims += 1
            index = _sentence_of(article, claim)
            key = claim_key(article.body_id, index, claim.text, claim.claimed_by, claim.notes)
            if not _count_judgement(judged, judgements.get(key)):
                empty = {"kind": None, "speaker": None, "facts": [], "references": []}
                unjudged.append(_for_judge(article, index, empty, claim, key) | {"annotation": None})
    return {
        "articles": len(articles),
        "claims": claims,
        "judged": judged["judged"],
        "unjudged": unjudged,
        **{f"{label}_share": _share(judged[label], judged["judged"]) for label in LABELS},
        "speaker_ok_share": _share(judged["speaker_ok"], judged["speaker_judged"]),
        "set_aside": _set_aside(set_aside, aside),
    }


def load_heldout(path: Path = HELDOUT) -> dict[str, list[str]]:
    """Body id → the shas of the sentences its judged claims came from."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["body_id"]: row["sha"] for row in rows}


def evaluate_references(
    articles: list[NewsArticle],
    references: dict[str, dict[str, Any]],
    threshold: float,
    set_aside_at: float | None = None,
) -> dict[str, int]:
    """How the claims of `articles` treat the annotated references: resolved in brackets (right, wrong,
    or where the annotator saw nothing to resolve) or kept as written (a note naming the referent, a note
    naming another, nothing)."""
    counts: Counter[str] = Counter()
    for article in articles:
        annotation = references[article.body_id]["sentences"]
        if [s["sha"] for s in annotation] != [
            hashlib.sha256(s.text.encode()).hexdigest()[:12] for s in article.sentences
        ]:
            raise BenchError(f"FNC-1 body {article.body_id}: its sentences differ from the annotated ones")
        for claim in extract_claims(list(article.sentences), threshold, None, set_aside_at).claims:
            found = [
                {"mention": r["mention"], "referent": r["referent"] if r.get("clear", True) else ""}
                for r in annotation[_sentence_of(article, claim)]["references"]
            ]
            counts["claims"] += 1
            for status in _reference_status(claim, found):
                counts[f"bracket_{status}"] += 1
            for state, _ in _mention_states(claim, found):
                counts[state] += 1
    names = ("claims", "bracket_right", "bracket_wrong", "bracket_unannotated", "noted_right", "noted_wrong")
    return {name: counts[name] for name in names} | {"unexplained": counts["unexplained"]}


def _score_claim(
    counts: Counter[str],
    examples: dict[str, list[dict[str, Any]]],
    article: NewsArticle,
    index: int,
    sentence: dict[str, Any],
    claim: Claim,
) -> None:
    if sentence["kind"] in _NO_FACT_KINDS and not sentence["facts"]:
        counts["from_no_fact_sentence"] += 1
        _example(examples, "from_no_fact_sentence", article, index, claim.text)
    statuses = _reference_status(claim, sentence["references"])
    counts["resolutions"] += len(statuses)
    counts["resolutions_right"] += statuses.count("right")
    counts["resolutions_unannotated"] += statuses.count("unannotated")
    if "wrong" in statuses:
        counts["wrong_reference"] += 1
        _example(examples, "wrong_reference", article, index, f"{claim.text}  {claim.resolutions}")
    for state, reference in _mention_states(claim, sentence["references"]):
        counts[f"mentions_{state}"] += 1
        if state in {"unexplained", "noted_wrong"}:
            _example(examples, f"mention_{state}", article, index, f"{reference['mention']!r} in: {claim.text}")
    scored = sorted(((term_f1(claim.statement, f["text"]), j) for j, f in enumerate(sentence["facts"])), reverse=True)
    if not scored or scored[0][0] < MATCH_F1:
        return
    counts["matched"] += 1
    fact = sentence["facts"][scored[0][1]]
    lost = _hedges(fact["text"]) - _hedges(claim.verbatim or claim.text)
    if claim.reported:
        lost -= _REPORTING_HEDGES
    if lost:
        counts["hedge_lost"] += 1
        _example(examples, "hedge_lost", article, index, f"{claim.text}  (annotated: {fact['text']})")
    if fact.get("speaker"):
        counts["reported"] += 1
        if _same_speaker(fact["speaker"], claim.claimed_by):
            counts["speaker_right"] += 1
        else:
            if claim.claimed_by is None:
                counts["reported_as_own"] += 1
            _example(examples, "speaker", article, index, f"{claim.claimed_by!r} (annotated: {fact['speaker']!r})")
    elif claim.claimed_by:
        counts["speaker_added"] += 1


def _example(examples: dict[str, list[dict[str, Any]]], kind: str, article: NewsArticle, index: int, text: str) -> None:
    bucket = examples.setdefault(kind, [])
    if len(bucket) < 25:
        bucket.append({"body_id": article.body_id, "sentence": index, "text": text})


def _for_judge(article: NewsArticle, index: int, sentence: dict[str, Any], claim: Claim, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "body_id": article.body_id,
        "sentence_index": index,
        "context": [s.text for s in article.sentences[max(0, index - 3) : index]],
        "sentence": article.sentences[index].text,
        "annotation": {k: sentence[k] for k in ("kind", "speaker", "facts", "references")},
        "claim": claim.text,
        "claimed_by": claim.claimed_by,
        "notes": list(claim.notes),
    }


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def _summary(counts: Counter[str], judged: Counter[str], articles: int, words: float, seconds: float) -> dict[str, Any]:
    n = counts["claims"]
    return {
        "articles": articles,
        "claims": n,
        "claims_per_article": round(n / max(articles, 1), 2),
        "measured": {
            "speaker_accuracy_reported": _share(counts["speaker_right"], counts["reported"]),
            "reported_statements_matched": counts["reported"],
            "reported_as_article_own": _share(counts["reported_as_own"], counts["reported"]),
            "speaker_added_share_of_unreported": _share(
                counts["speaker_added"], counts["matched"] - counts["reported"]
            ),
            "important_facts": counts["important_facts"],
            "important_missed_per_article": round(counts["important_missed"] / max(articles, 1), 2),
            # missed by the claims and by the statements set aside as needing context alike
            "important_missed_even_set_aside_per_article": round(
                counts["important_missed_even_set_aside"] / max(articles, 1), 2
            ),
            "important_recall": _share(
                counts["important_facts"] - counts["important_missed"], counts["important_facts"]
            ),
            "wrong_reference_share": _share(counts["wrong_reference"], n),
            "resolutions": counts["resolutions"],
            "resolutions_right": counts["resolutions_right"],
            "resolutions_unannotated": counts["resolutions_unannotated"],
            "mentions_as_written": counts["mentions_unexplained"]
            + counts["mentions_noted_right"]
            + counts["mentions_noted_wrong"],
            "mentions_unexplained": counts["mentions_unexplained"],
            "mentions_noted_right": counts["mentions_noted_right"],
            "mentions_noted_wrong": counts["mentions_noted_wrong"],
            "hedge_lost_share": _share(counts["hedge_lost"], n),
            "matched_share": _share(counts["matched"], n),
            "from_no_fact_sentence_share": _share(counts["from_no_fact_sentence"], n),
        },
        "judged": {
            "judged": judged["judged"],
            "unjudged": n - judged["judged"],
            **{f"{label}_share": _share(judged[label], judged["judged"]) for label in LABELS},
            "speaker_ok_share": _share(judged["speaker_ok"], judged["speaker_judged"]),
        },
        "seconds_per_1000_words": round(seconds / words * 1000, 3) if words else None,
    }


def claims_news(ctx: BenchContext) -> dict[str, Any]:
    if ctx.data is None or not (ctx.data / BODIES).is_file():
        raise BenchSkipped(f"no {BODIES} under {ctx.data}; give --data")
    articles = news_articles(ctx.data, "test")
    threshold = Settings().checkworthy_threshold
    extract_claims(list(articles[0].sentences), threshold, None)  # load the models before timing
    judgements = load_judgements()
    dev = evaluate_news(news_articles(ctx.data, "dev"), load_gold(DEV_GOLD), judgements, threshold)
    for part in ("unjudged", "examples"):
        dev.pop(part)
    result = evaluate_news(articles, load_gold(), judgements, threshold)
    result["dev"] = dev
    references = load_references()
    result["references"] = evaluate_references(articles_by_id(ctx.data, list(references)), references, threshold)
    shas = load_heldout()
    heldout = evaluate_heldout(articles_by_id(ctx.data, list(shas)), shas, judgements, threshold)
    fresh_shas = load_heldout(FRESH)
    fresh = evaluate_heldout(articles_by_id(ctx.data, list(fresh_shas)), fresh_shas, judgements, threshold)
    unjudged = result.pop("unjudged") + heldout.pop("unjudged") + fresh.pop("unjudged")
    result["heldout"] = heldout
    result["fresh"] = fresh
    if ctx.out is not None and unjudged:
        path = Path(ctx.out) / "claims-news-unjudged.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(u, ensure_ascii=False) + "\n" for u in unjudged), encoding="utf-8")
        result["unjudged_file"] = str(path)
    m, j = result["measured"], result["judged"]
    return {
        "data": {
            "source": f"{ctx.data / BODIES}: 30 test bodies (bench/data/claims_news_gold.jsonl) and 15 dev "
            "bodies (claims_news_dev_gold.jsonl); the key is the test part",
            "threshold": threshold,
            "match": f"stemmed-term F1 >= {MATCH_F1}; covered: {COVER:.0%} of the fact's terms",
        },
        "results": result,
        "key": {
            "claims": str(result["claims"]),
            "judged OK": f"{j['ok_share']:.3f} ({j['judged']} judged, {j['unjudged']} not)",
            "judged wrong ref / unfaithful / ungrammatical": (
                f"{j['wrong_reference_share']:.3f} / {j['unfaithful_share']:.3f} / {j['ungrammatical_share']:.3f}"
            ),
            "speaker acc. (reported)": f"{m['speaker_accuracy_reported']:.3f}",
            "important missed / article": f"{m['important_missed_per_article']:.2f}",
            "set aside as needing context (share judged not self-contained); important missed even by them": (
                f"{result['set_aside']['statements']} ({result['set_aside']['not_self_contained_share']:.2f}); "
                f"{m['important_missed_even_set_aside_per_article']:.2f} / article"
            ),
            "wrong refs (measured)": f"{m['wrong_reference_share']:.3f}",
            "hedge lost": f"{m['hedge_lost_share']:.3f}",
            "references kept as written: noted right / wrong / unexplained": (
                f"{m['mentions_noted_right']} / {m['mentions_noted_wrong']} / {m['mentions_unexplained']}"
            ),
            "held out (31 bodies): judged OK / wrong ref / unfaithful / ungrammatical": (
                f"{heldout['ok_share']:.3f} / {heldout['wrong_reference_share']:.3f} / "
                f"{heldout['unfaithful_share']:.3f} / {heldout['ungrammatical_share']:.3f} "
                f"({heldout['judged']} of {heldout['claims']} judged)"
            ),
            "second dev part (20 bodies): judged OK / wrong ref / unfaithful / ungrammatical": (
                f"{fresh['ok_share']:.3f} / {fresh['wrong_reference_share']:.3f} / "
                f"{fresh['unfaithful_share']:.3f} / {fresh['ungrammatical_share']:.3f} "
                f"({fresh['judged']} of {fresh['claims']} judged)"
            ),
            "31 more bodies' references: brackets right / wrong; notes right / wrong; unexplained": (
                "{bracket_right} / {bracket_wrong}; {noted_right} / {noted_wrong}; {unexplained}".format(
                    **result["references"]
                )
            ),
            "s / 1,000 words": f"{result['seconds_per_1000_words']:.2f}",
            # its training claims come from these parts: their numbers are no longer unseen text
            "context model trained on": _context_training_parts(),
        },
    }


def _context_training_parts() -> str:
    parts = load_context_model().trained_on_parts
    names = {
        "dev": "dev",
        "fresh": "second dev",
        "test": "test",
        "held": "held-out",
        "train": "context training",
        "train2": "second context training",
        "train3": "third context training",
    }
    return " and ".join(f"the {names.get(p, p)} part" for p in parts) + " (the others are unseen)"


def main() -> None:
    """`python -m corroborate.bench.claims_news DATA [dev|test]`: the numbers and examples of errors of
    one part, to read while building (read the dev part; the test part is for measuring)."""
    import sys

    data, split = Path(sys.argv[1]), (sys.argv[2] if len(sys.argv) > 2 else "dev")
    result = evaluate_news(
        news_articles(data, split), load_gold(DEV_GOLD if split == "dev" else GOLD), load_judgements(), 0.1
    )
    result.pop("unjudged")
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
