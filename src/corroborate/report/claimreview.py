"""ClaimReview: one schema.org `ClaimReview` (JSON-LD) per claim, for publishing a fact-check.

Ratings use a 1–5 scale (1 refuted, 3 conflicting, 5 supported) with the verdict as the rating's
`alternateName`; a claim without enough evidence has no rating value, only its name, because no
score would be honest. The review's author is the user's organisation when given, else corroborate
(an automated review, as schema.org asks to be stated).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from corroborate.records import Label
from corroborate.report.json import to_dict

if TYPE_CHECKING:
    from corroborate.records import CheckResult

__all__ = ["claim_reviews", "render_claimreview"]

_RATING = {Label.REFUTED.value: 1, Label.CONFLICTING.value: 3, Label.SUPPORTED.value: 5}


def _review(c: dict[str, Any], article: dict[str, Any], author: str) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": article["title"]}
    if article.get("date"):
        appearance["datePublished"] = article["date"]
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if c["claimed_by"]:
        item["author"] = {"@type": "Person" if c["speaker"] else "Organization", "name": c["claimed_by"]}
    rating: dict[str, Any] = {"@type": "Rating", "worstRating": 1, "bestRating": 5, "alternateName": c["verdict"]}
    if c["verdict"] in _RATING:
        rating["ratingValue"] = _RATING[c["verdict"]]
    citations = [
        {"@type": "CreativeWork", "name": e["title"], "text": e["text"], "identifier": e["origin"]}
        for e in c["evidence"]
        if e["decisive"]
    ]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": c["text"],
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": author},
        "reviewRating": rating,
        "reviewBody": c["explanation"],
    }
    if citations:
        review["citation"] = citations
    return review


def claim_reviews(result: CheckResult | dict[str, Any], author: str = "corroborate (automated)") -> list[dict]:
    """The ClaimReview objects of a check result or its JSON report, one per claim, in order."""
    report = result if isinstance(result, dict) else to_dict(result)
    return [_review(c, report["article"], author) for c in report["claims"]]


def render_claimreview(result: CheckResult | dict[str, Any], author: str = "corroborate (automated)") -> str:
    return json.dumps(claim_reviews(result, author), indent=2, ensure_ascii=False) + "\n"
