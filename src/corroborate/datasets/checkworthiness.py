"""ClaimBuster and CheckThat! check-worthiness sets (`claimbuster-checkthat/` of the shared data), and
news sentences: 60 FNC-1 training bodies labelled blind for this project (`data/fnc1_checkworthiness.jsonl`
holds the labels by body id and sentence index; the texts are read from `fnc1/train_bodies.csv`).

Each reader returns `LabelledSentence`s; `group` names the debate or speech a sentence belongs to,
since CheckThat! scores a ranking per debate (mean average precision over debates).
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ROOT",
    "LabelledSentence",
    "claimbuster",
    "clef19",
    "clef20_debates",
    "clef20_tweets",
    "fnc1_news",
]

ROOT = "claimbuster-checkthat/data"
NEWS_LABELS = Path(__file__).resolve().parent / "data" / "fnc1_checkworthiness.jsonl"


@dataclass(frozen=True)
class LabelledSentence:
    text: str
    label: int  # 1 = check-worthy (ClaimBuster: check-worthy factual sentence)
    group: str = ""


def claimbuster(data: Path, split: str) -> list[LabelledSentence]:
    """ClaimBuster two-class `train` (7,976) or `test` (702, balanced): check-worthy factual vs not."""
    rows = json.loads((data / ROOT / "two_class" / f"{split}.json").read_text(encoding="utf-8"))
    return [LabelledSentence(r["text"], int(r["label"])) for r in rows]


def clef19(data: Path, split: str) -> list[LabelledSentence]:
    """CheckThat! 2019 Task 1 `Training` or `Test`: debate and speech sentences, grouped by file."""
    path = data / ROOT / "clef19" / f"CT19-T1-{split}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [LabelledSentence(r["text"], int(r["label"]), r["file_name"]) for r in csv.DictReader(f)]


def clef20_tweets(data: Path, split: str) -> list[LabelledSentence]:
    """CheckThat! 2020 Task 1 (English tweets on COVID-19): `training_v2`, `dev_v2` or `test-gold`."""
    path = data / ROOT / "clef20" / "task1" / f"{split}.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    column = "check_worthiness" if "check_worthiness" in rows[0] else "claim_worthiness"
    return [LabelledSentence(r["tweet_text"], int(r[column]), "tweets") for r in rows]


def clef20_debates(data: Path) -> list[LabelledSentence]:
    """CheckThat! 2020 Task 5 test (debates): `test-gold.tsv`, grouped by the debate in `raw/` it came from.

    The gold file concatenates the debates in an order of its own; each raw debate is found in it
    by its run of sentences.
    """
    folder = data / ROOT / "clef20" / "task5"
    with (folder / "test-gold.tsv").open(encoding="utf-8", newline="") as f:
        gold = list(csv.reader(f, delimiter="\t"))[1:]
    texts = [row[0] for row in gold]
    groups = [""] * len(gold)
    for raw in sorted((folder / "raw").glob("*.tsv")):
        lines = [row[2] if len(row) > 2 else "" for row in _tsv(raw)]
        for start in (i for i, text in enumerate(texts) if text == lines[0] and not groups[i]):
            window = texts[start : start + len(lines)]
            if sum(a == b for a, b in zip(window, lines, strict=False)) >= 0.9 * len(lines):
                groups[start : start + len(lines)] = [raw.stem] * len(lines)
                break
    return [LabelledSentence(t, int(row[1]), g or "unknown") for t, row, g in zip(texts, gold, groups, strict=True)]


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def fnc1_news(data: Path) -> list[LabelledSentence]:
    """News sentences of 60 FNC-1 training bodies (none of `bench claims-news`' 45), labelled blind:
    1 when the sentence states a fact a fact-checker would want checked ("important"), 0 when it states
    only peripheral facts or nothing checkable. Grouped by article."""
    from corroborate import segment  # the labels index the project's own sentence split

    with (data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    out: list[LabelledSentence] = []
    for line in NEWS_LABELS.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        sentences = segment.sentences("fnc1", bodies[article["body_id"]])
        by_sha = {hashlib.sha256(s.text.encode()).hexdigest()[:12]: s.text for s in sentences}
        # A label is found by its sentence's hash: a sentence the splitter now joins to the next ("said
        # Lt. | Col. Hatim") has no label any more and is left out rather than guessed.
        found = [(label, by_sha[label["sha"]]) for label in article["labels"] if label["sha"] in by_sha]
        if len(found) < len(article["labels"]) / 2:
            raise ValueError(f"FNC-1 body {article['body_id']}: its sentences are not the labelled ones")
        for label, text in found:
            out.append(LabelledSentence(text, int(label["label"] == "important"), article["body_id"]))
    return out
