from pathlib import Path

from corroborate import segment
from corroborate.ingest.text import parse_markdown

TEXT = (
    "Flood hits Vellmar\n\n"
    "The river rose by 3.5 metres on Tuesday. Dr. Anna Roth said 4,200 people left.\n"
    "They went to the hills.\n\n\n"
    "The mayor said the dam held. It was built in 1931."
)


def test_sentences_keep_exact_offsets():
    sentences = segment.sentences("d1", TEXT)
    assert [s.text for s in sentences] == [
        "Flood hits Vellmar",
        "The river rose by 3.5 metres on Tuesday.",
        "Dr. Anna Roth said 4,200 people left.",
        "They went to the hills.",
        "The mayor said the dam held.",
        "It was built in 1931.",
    ]
    for s in sentences:
        assert TEXT[s.start : s.end] == s.text
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_passages_hold_whole_sentences_within_the_limit():
    long_text = " ".join(f"Sentence number {i} talks about the river Ostra." for i in range(60))
    passages = segment.passages("d1", long_text, max_chars=300)
    assert len(passages) > 5
    covered = [s for p in passages for s in p.sentences]
    assert [s.index for s in covered] == list(range(60))
    for p in passages:
        assert long_text[p.start : p.end] == p.text
        assert p.end - p.start <= 300


def test_a_heading_shares_a_passage_with_its_paragraph_but_not_a_sentence():
    passages = segment.passages("d1", TEXT, max_chars=1000)
    first = passages[0]
    assert first.sentences[0].text == "Flood hits Vellmar"
    assert first.sentences[1].text.startswith("The river rose")


def test_markdown_markup_is_removed_and_front_matter_read():
    md = "---\ntitle: Flood report\ndate: 2026-03-15\n---\n# Heading\n\nThe **river** rose by [3 metres](http://x).\n"
    title, text, date = parse_markdown(md, Path("report.md"))
    assert title == "Flood report"
    assert date == "2026-03-15"
    assert "**" not in text and "http" not in text
    assert "The river rose by 3 metres." in text
    assert segment.sentences("d", text)[0].text == "Heading"


def test_a_military_or_police_title_does_not_end_a_sentence():
    text = '"We saw yellow smoke," said Lt. Col. Kasim Hatim of the army. Det. Sgt. John Brown agreed.'
    assert [s.text for s in segment.sentences("d", text)] == [
        '"We saw yellow smoke," said Lt. Col. Kasim Hatim of the army.',
        "Det. Sgt. John Brown agreed.",
    ]
