"""`bench claims-news`: scoring claims against a blind annotation, on a small article written for the test."""

import hashlib
import json
from pathlib import Path

import pytest

from corroborate import segment
from corroborate.bench import BENCHMARKS
from corroborate.bench.claims_news import (
    DEV_GOLD,
    GOLD,
    claim_key,
    claims_news,
    evaluate_news,
    load_gold,
    load_judgements,
)
from corroborate.bench.harness import BenchContext, BenchSkipped
from corroborate.bench.news_articles import NewsArticle

TEXT = (
    "Anna Berg, the mayor of Kessel, met the fire chief Markus Lenz on Monday. "
    'She said: "The dam on the Ostra held for 40 years." '
    "The council approved 2 million euros for repairs."
)


def _article() -> NewsArticle:
    return NewsArticle("t1", TEXT, tuple(segment.sentences("fnc1-t1", TEXT)))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _gold(article: NewsArticle, she: str) -> dict:
    s = article.sentences
    fact = {"speaker": None, "importance": "important"}
    return {
        "t1": {
            "body_id": "t1",
            "sentences": [
                {"index": 0, "sha": _sha(s[0].text), "kind": "fact", "speaker": None, "references": [],
                 "facts": [{**fact, "text": "Anna Berg is the mayor of Kessel."},
                           {**fact, "text": "Anna Berg met the fire chief Markus Lenz on Monday."}]},
                {"index": 1, "sha": _sha(s[1].text), "kind": "fact", "speaker": "Anna Berg",
                 "references": [{"mention": "She", "referent": she}],
                 "facts": [{"text": "The dam on the Ostra held for 40 years.", "speaker": "Anna Berg", "importance": "important"}]},
                {"index": 2, "sha": _sha(s[2].text), "kind": "fact", "speaker": None, "references": [],
                 "facts": [{**fact, "text": "The Kessel council approved 2 million euros for dam repairs."}]},
            ],
        }
    }  # fmt: skip


def test_claims_news_is_registered_and_its_annotations_load():
    assert "claims-news" in BENCHMARKS
    test, dev = load_gold(GOLD), load_gold(DEV_GOLD)
    assert len(test) == 30 and len(dev) == 15 and not set(test) & set(dev)
    assert all(s["sha"] for a in test.values() for s in a["sentences"])


def test_the_benchmark_skips_without_the_shared_data(tmp_path: Path):
    with pytest.raises(BenchSkipped):
        claims_news(BenchContext(data=tmp_path, size=None, workdir=tmp_path, repo=None))


def test_speakers_and_facts_are_scored_against_the_annotation():
    article = _article()
    # the scoring, not the context model: it would set aside claims of so short an article
    result = evaluate_news([article], _gold(article, "Anna Berg"), {}, 0.1, set_aside_at=2.0)
    m = result["measured"]
    assert result["claims"] >= 3
    assert m["speaker_accuracy_reported"] == 1.0  # "She said" is Anna Berg's
    assert m["important_missed_per_article"] == 0.0
    assert m["wrong_reference_share"] == 0.0
    assert result["judged"]["judged"] == 0 and len(result["unjudged"]) == result["claims"]


def test_a_resolution_against_the_annotated_referent_counts_as_wrong():
    article = _article()
    claims = evaluate_news([article], _gold(article, "Anna Berg"), {}, 0.1)["unjudged"]
    assert not any("[" in c["claim"] and "Lenz" in c["claim"] for c in claims)
    # Had the annotator said "She" is someone else, a claim that put Anna Berg there would be wrong:
    wrong = evaluate_news([article], _gold(article, "Lena Voss"), {}, 0.1)["measured"]
    right = evaluate_news([article], _gold(article, "Anna Berg"), {}, 0.1)["measured"]
    assert wrong["resolutions_right"] <= right["resolutions_right"]


def test_judgements_are_counted_by_claim_key(tmp_path: Path):
    article = _article()
    first = evaluate_news([article], _gold(article, "Anna Berg"), {}, 0.1)["unjudged"][0]
    key = claim_key("t1", first["sentence_index"], first["claim"], first["claimed_by"], first["notes"])
    assert key == first["key"]
    path = tmp_path / "judgements.jsonl"
    path.write_text(json.dumps({"key": key, "label": "ungrammatical", "speaker_ok": True}) + "\n", encoding="utf-8")
    judged = evaluate_news([article], _gold(article, "Anna Berg"), load_judgements(path), 0.1)["judged"]
    assert judged["judged"] == 1 and judged["ungrammatical_share"] == 1.0 and judged["speaker_ok_share"] == 1.0


def test_an_article_whose_sentences_changed_is_refused():
    article = _article()
    gold = _gold(article, "Anna Berg")
    gold["t1"]["sentences"][0]["sha"] = "000000000000"
    with pytest.raises(Exception, match="differ from the annotated"):
        evaluate_news([article], gold, {}, 0.1)


def _references(article: NewsArticle, council: str) -> dict:
    return {
        "t1": {
            "body_id": "t1",
            "sentences": [
                {"index": s.index, "sha": _sha(s.text),
                 "references": [{"mention": "The council", "occurrence": 1, "referent": council, "clear": True}]
                 if s.index == 2 else []}
                for s in article.sentences
            ],
        }
    }  # fmt: skip


def test_the_references_of_more_bodies_are_counted_against_their_annotation():
    from corroborate.bench.claims_news import REFERENCES, evaluate_references, load_references

    assert len(load_references(REFERENCES)) == 31
    article = _article()
    counted = evaluate_references([article], _references(article, "the council of Kessel"), 0.1, set_aside_at=2.0)
    assert counted["claims"] >= 3
    # "The council approved ..." keeps its words: the annotated reference is counted once, one way or another
    kept = counted["bracket_right"] + counted["bracket_wrong"] + counted["noted_right"] + counted["noted_wrong"]
    assert kept + counted["unexplained"] == 1
    changed = _references(article, "the council of Kessel")
    changed["t1"]["sentences"][0]["sha"] = "000000000000"
    with pytest.raises(Exception, match="differ from the annotated"):
        evaluate_references([article], changed, 0.1)


def test_held_out_bodies_give_judged_shares_and_their_unjudged_claims():
    from corroborate.bench.claims_news import FRESH, HELDOUT, evaluate_heldout, load_heldout

    assert len(load_heldout(HELDOUT)) == 31
    assert len(load_heldout(FRESH)) == 20 and not set(load_heldout(FRESH)) & set(load_heldout(HELDOUT))
    article = _article()
    shas = {"t1": [_sha(s.text) for s in article.sentences]}
    first = evaluate_heldout([article], shas, {}, 0.1)
    assert first["judged"] == 0 and len(first["unjudged"]) == first["claims"] >= 3
    key = first["unjudged"][0]["key"]
    judged = evaluate_heldout([article], shas, {key: {"key": key, "label": "ok", "speaker_ok": True}}, 0.1)
    assert judged["judged"] == 1 and judged["ok_share"] == 1.0 and len(judged["unjudged"]) == first["claims"] - 1
    with pytest.raises(Exception, match="differ from the judged"):
        evaluate_heldout([article], {"t1": ["000000000000"]}, {}, 0.1)
