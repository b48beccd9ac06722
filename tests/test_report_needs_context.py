"""Statements set aside as needing context (issue 14, eighth round) reach every report of `check` and
`claims`, named as not checked, and are never verified.

The article here was written for these tests; the library is the bundled example's.
"""

import json

from corroborate import Library, check
from corroborate.report.html import render_html
from corroborate.report.json import to_dict
from corroborate.report.markdown import render_markdown
from corroborate.report.text import render_text
from tests.conftest import run_cli

ARTICLE = (
    "Vellmar counts the cost\n\n"
    "The Ostra burst its banks in Vellmar on Sunday. Oskar Lind met Peter Vogel at the town hall on Monday. "
    "Lind and Vogel discussed the dike for two hours. He has been treated for a heart condition since 2019.\n"
)


def test_check_sets_aside_what_it_cannot_check_and_every_report_says_so(example_library_path, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with Library.open(example_library_path) as lib:
        result = check(article, lib)
    assert not any("heart condition" in v.claim.text for v in result.verdicts)
    # (the context model may set aside more of so short an article, such as its title)
    assert "He has been treated for a heart condition since 2019." in [c.text for c in result.needs_context]
    report = to_dict(result)
    assert report["summary"]["needs_context"] == len(result.needs_context)
    statement = next(s for s in report["needs_context"] if "heart condition" in s["text"])
    x = statement["id"]
    assert x.startswith("x")
    assert "“He”: unclear without the article" in statement["notes"]
    assert ARTICLE[statement["start"] : statement["end"]].startswith("He has been treated")
    text = render_text(result)
    assert "Not checked" in text and f"[{x}] He has been treated for a heart condition" in text
    assert f"{len(result.needs_context)} not checked" in text
    assert f"{x}: He has been treated for a heart condition" in render_markdown(result)
    page = render_html(result)
    assert "Not checked" in page and f"{x}: He has been treated for a heart condition" in page


def test_claims_command_lists_the_statements_set_aside(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    shown = run_cli("claims", article, "--threshold", "0")
    assert shown.returncode == 0, shown.stderr
    assert "set aside" in shown.stdout and "x1" in shown.stdout
    assert "note: “He”: unclear without the article" in shown.stdout
    as_json = run_cli("claims", article, "--threshold", "0", "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert "He has been treated for a heart condition since 2019." in [s["text"] for s in data["needs_context"]]
    assert all("heart condition" not in c["text"] for c in data["claims"])


def test_asked_to_the_check_takes_the_statements_set_aside_as_claims(example_library_path, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    shown = run_cli(
        "check", article, "--library", example_library_path, "--check-unclear", "--format", "json", "--quiet"
    )
    assert shown.returncode == 0, shown.stderr
    report = json.loads(shown.stdout)
    assert report["settings"]["check_unclear"] is True
    assert report["needs_context"] == [] and report["summary"]["needs_context"] == 0
    unclear = next(c for c in report["claims"] if "heart condition" in c["text"])
    assert unclear["id"].startswith("x") and "“He”: unclear without the article" in unclear["notes"]
    assert unclear["verdict"]


def test_an_article_with_nothing_left_to_check_is_told_which_words_are_unclear():
    from corroborate import segment
    from corroborate.api import no_claims_message
    from corroborate.claims import extract_claims

    extraction = extract_claims(segment.sentences("a", "He said these claims were false. He was born in 1950."), 0.1)
    message = no_claims_message(extraction)
    assert "“He”" in message and "check --check-unclear" in message
    assert "“he”, “these claims”" not in message  # the words found, not fixed examples
