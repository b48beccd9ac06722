"""Benchmark inputs: a library corpus of N passages, an article that cites it, and verifier pairs.

Real text is preferred, because speed depends on it (sentence lengths, vocabulary, passages per
document): SciFact abstracts first, then the Citation-Integrity abstracts and FEVER evidence, each
when present under the data folder. What is missing is filled with synthetic English-like documents
from a fixed seed, so every input is deterministic and the result says how it was made.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corroborate import analysis, segment

__all__ = ["BenchDoc", "Corpus", "perturb_number", "verifier_pairs", "write_article", "write_corpus"]

SEED = 20240601
_FILE_DOCS = 500  # documents per .jsonl file: a library is usually many files, not one


@dataclass(frozen=True)
class BenchDoc:
    id: str
    title: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass
class Corpus:
    """A corpus written as .jsonl files in `folder`, with `passages` counted by the real segmenter."""

    folder: Path
    documents: list[BenchDoc]
    passages: int
    sources: dict[str, int] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        parts = ", ".join(f"{n} {name}" for name, n in self.sources.items())
        return {
            "corpus": f"{len(self.documents)} documents ({parts}) → {self.passages} passages",
            "documents_by_source": dict(self.sources),
            "files": len(list(self.folder.glob("*.jsonl"))),
            "bytes": sum(p.stat().st_size for p in self.folder.glob("*.jsonl")),
        }


# -- real text ----------------------------------------------------------------------------------


def _abstracts(path: Path, prefix: str) -> Iterator[BenchDoc]:
    """SciFact-style corpus.jsonl: {doc_id, title, abstract: [sentences]}."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            sentences = tuple(s.strip() for s in row.get("abstract", []) if s and s.strip())
            if sentences:
                title = (row.get("title") or "").strip() or sentences[0][:80]
                yield BenchDoc(f"{prefix}-{row['doc_id']}", title, sentences)


def detokenize(text: str) -> str:
    """Undo FEVER's PTB tokenisation ("-LRB- 1992 -RRB- ,") enough to read like ordinary prose."""
    for ptb, plain in (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("``", '"'), ("''", '"')):
        text = text.replace(ptb, plain)
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\s+(['’]s)\b", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _fever_evidence(path: Path) -> Iterator[BenchDoc]:
    """FEVER gold evidence (one or more Wikipedia sentences per line), eight unique lines per document."""
    seen: set[str] = set()
    buffer: list[str] = []
    number = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = detokenize(line)
            if not text or text in seen:
                continue
            seen.add(text)
            buffer.append(text)
            if len(buffer) == 8:
                number += 1
                yield BenchDoc(f"fever-{number}", buffer[0][:80], tuple(buffer))
                buffer = []


def _real_sources(data: Path | None) -> list[tuple[str, Path, Any]]:
    if data is None:
        return []
    candidates = [
        ("scifact", data / "scifact" / "corpus.jsonl", lambda p: _abstracts(p, "scifact")),
        ("citation-integrity", data / "citation-integrity" / "corpus.jsonl", lambda p: _abstracts(p, "citint")),
        ("fever", data / "fever-nli-dev-covidfact" / "RTE-Fever__processed__dev.raw.input0", _fever_evidence),
    ]
    return [c for c in candidates if c[1].is_file()]


# -- synthetic text -----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_NOUNS = _words(
    "river bridge council school hospital road harbour market budget report survey station factory farm "
    "village district province election museum library company union court police storm flood dam "
    "railway airport festival treaty forest mine port canal reservoir clinic university laboratory "
    "program project contract plant tower stadium park border coast island valley lake"
)
_PLURALS = _words(
    "residents workers students patients visitors soldiers farmers families voters homes houses jobs "
    "tonnes kilometres hectares vehicles trains flights beds doctors nurses teachers buildings trees "
    "samples cases members tickets shares"
)
_ADJECTIVES = _words(
    "new old local regional national public private northern southern eastern western large small "
    "annual early late main central rural urban coastal former independent major second final"
)
_VERBS_PAST = _words(
    "opened closed built reported recorded announced approved rejected measured repaired expanded "
    "replaced reduced increased damaged evacuated inspected funded visited founded signed delayed"
)
_ROLES = _words("mayor director minister chair spokesperson engineer governor president manager inspector")
_ORG_KINDS = _words("Authority Council Institute Agency Bank Trust Company Ministry Commission Society")
_MONTHS = _words("January February March April May June July August September October November December")
_SYLLABLES = _words("ka lor en ve ost mar tal ri sen da bel no ham ter wi gas ul fen ro dal mi kes sar tov")
_PLACE_ENDS = ("", "ford", "burg", "ton", "dale", "wick", "stad", "mouth")
_TEMPLATES = (
    "The {org} reported that {num} {plural} were affected in {place} in {year}.",
    "In {month} {year}, the {adj} {noun} in {place} {verb} {num} {plural}.",
    "{person}, the {role} of the {org}, said the {noun} would be {verb} by {month} {year2}.",
    "About {num} {plural} used the {noun} of {place} during the {adj} season.",
    "The {noun} {verb} its {adj} {noun2} after {small} years of work.",
    "According to the {org}, the {adj} {noun} cost {num} million in {year}.",
    "{person} {verb} the {noun2} near {place} on {month} {day}.",
    "The number of {plural} in {place} rose from {num} to {num2} between {year} and {year2}.",
    "Work on the {noun} of {place} began in {year} and ended in {year2}.",
    "The {org} {verb} a plan for the {adj} {noun2} of {place}.",
    "Most of the {plural} came from {place} and the {adj} {noun}.",
    "It was the {adj} {noun} in {place} since {year}.",
)


def _zipf_choice(rng: random.Random, words: list[str]) -> str:
    # Word use is skewed in real text; a 1/rank weighting keeps BM25's term statistics realistic.
    return rng.choices(words, weights=[1.0 / (i + 1) for i in range(len(words))])[0]


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_documents(seed: int = SEED) -> Iterator[BenchDoc]:
    """Endless English-like news documents: each about one place, person and organisation, with figures."""
    rng = random.Random(seed)
    number = 0
    while True:
        number += 1
        place = _name(rng, rng.choice((2, 3))) + rng.choice(_PLACE_ENDS)
        person = f"{_name(rng)} {_name(rng, 3)}"
        org = f"{place} {rng.choice(_ORG_KINDS)}"
        sentences = []
        for _ in range(rng.randint(4, 16)):
            year = rng.randint(1950, 2025)
            slots = {
                "org": org,
                "place": place if rng.random() < 0.8 else _name(rng) + rng.choice(_PLACE_ENDS),
                "person": person,
                "role": rng.choice(_ROLES),
                "noun": _zipf_choice(rng, _NOUNS),
                "noun2": _zipf_choice(rng, _NOUNS),
                "plural": _zipf_choice(rng, _PLURALS),
                "adj": _zipf_choice(rng, _ADJECTIVES),
                "verb": _zipf_choice(rng, _VERBS_PAST),
                "num": f"{rng.randint(2, 5000):,}",
                "num2": f"{rng.randint(2, 5000):,}",
                "small": rng.randint(2, 40),
                "year": year,
                "year2": year + rng.randint(1, 12),
                "month": rng.choice(_MONTHS),
                "day": rng.randint(1, 28),
            }
            sentence = rng.choice(_TEMPLATES).format(**slots)
            sentences.append(sentence[0].upper() + sentence[1:])
        title = f"{_zipf_choice(rng, _ADJECTIVES).capitalize()} {_zipf_choice(rng, _NOUNS)} in {place}"
        yield BenchDoc(f"synthetic-{number}", title, tuple(sentences))


# -- the corpus ---------------------------------------------------------------------------------


def write_corpus(data: Path | None, passages: int, folder: Path, passage_chars: int = 1000) -> Corpus:
    """Write documents as .jsonl files into `folder` until they make at least `passages` passages.

    Passages are counted with the segmenter the library uses (`passage_chars` as in `Settings`), so
    the library gets (almost exactly) that many: a document whose text repeats another's is stored once.
    """
    folder.mkdir(parents=True, exist_ok=True)
    streams: list[tuple[str, Iterator[BenchDoc]]] = [(name, load(path)) for name, path, load in _real_sources(data)]
    streams.append(("synthetic", synthetic_documents()))
    docs: list[BenchDoc] = []
    sources: dict[str, int] = {}
    total = 0
    seen_text: set[str] = set()
    for name, stream in streams:
        for doc in stream:
            if total >= passages:
                break
            if doc.text in seen_text:
                continue
            seen_text.add(doc.text)
            total += len(segment.passages(doc.id, doc.text, passage_chars))
            docs.append(doc)
            sources[name] = sources.get(name, 0) + 1
        if total >= passages:
            break
    for start in range(0, len(docs), _FILE_DOCS):
        with (folder / f"part-{start // _FILE_DOCS:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for doc in docs[start : start + _FILE_DOCS]:
                fh.write(json.dumps({"id": doc.id, "title": doc.title, "text": doc.text}, ensure_ascii=False) + "\n")
    return Corpus(folder, docs, total, sources)


# -- the article --------------------------------------------------------------------------------

# A figure, not part of a name such as "HIV-1" or "CD4".
_NUMBER = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)?(?![\w-])")
_GENERIC = (
    "This story matters to everyone who follows the news.",
    "Readers have asked us to look into it more closely.",
    "We think the question deserves a careful answer.",
    "What follows is a summary of what the sources say.",
    "Not every detail is settled, and some may never be.",
    "The debate is likely to continue for some time.",
    "Experts disagree about what it all means.",
    "Some of the findings surprised even the authors.",
    "There is more to the story than the headline suggests.",
    "It is worth reading the original reports in full.",
    "Many people will find these results encouraging.",
    "Others remain sceptical, and they have their reasons.",
    "The details are technical, but the point is simple.",
    "Here is what we know so far.",
    "Questions remain about how the work was done.",
    "That is a lot to take in at once.",
)


def perturb_number(sentence: str, rng: random.Random) -> str | None:
    """The sentence with one of its numbers changed (a false variant), or None if it has none."""
    matches = list(_NUMBER.finditer(sentence))
    if not matches:
        return None
    m = rng.choice(matches)
    token = m.group()
    if "." in token:
        new = f"{float(token) * rng.choice((1.5, 2.0, 0.5, 3.0)):.{len(token.split('.')[1])}f}"
    else:
        value = int(token.replace(",", ""))
        if 1800 <= value <= 2100 and "," not in token:  # a year moves by a few years, not to 6009
            new = str(value + rng.choice((-3, -2, -1, 1, 2, 3)))
        else:
            new = str(value * rng.choice((2, 3)) + rng.randint(1, 9))
        if "," in token:
            new = f"{int(new):,}"
    return sentence[: m.start()] + new + sentence[m.end() :]


def write_article(docs: list[BenchDoc], path: Path, words: int = 1000, seed: int = SEED) -> dict[str, int]:
    """Write a Markdown article of about `words` words and return what it is made of.

    A third of the sentences are copied from library documents, a third are library sentences with
    a number changed, so claims find evidence that supports or refutes them, and a third are generic
    sentences (opinion, colour) that the check-worthiness filter should mostly drop.
    """
    rng = random.Random(seed)
    candidates = [s for d in docs for s in d.sentences if 8 <= len(s.split()) <= 40]
    with_numbers = [s for s in candidates if _NUMBER.search(s)]
    if not with_numbers:
        raise ValueError("no library sentences of 8 to 40 words with a number to build an article from")
    counts = {"copied": 0, "perturbed": 0, "generic": 0}
    sentences: list[str] = []
    total = 0
    kinds: list[str] = []
    while total < words:
        if not kinds:  # each run of three sentences has one of each kind, in a random order
            kinds = rng.sample(["generic", "perturbed", "copied"], 3)
        kind = kinds.pop()
        if kind == "generic":
            sentence = rng.choice(_GENERIC)
        elif kind == "perturbed":
            sentence = perturb_number(rng.choice(with_numbers), rng) or ""
        else:
            sentence = rng.choice(candidates)
        counts[kind] += 1
        sentences.append(sentence)
        total += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    path.write_text("# What the sources say\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return {"words": total, "sentences": len(sentences), **counts}


# -- verifier pairs -----------------------------------------------------------------------------


def _best_sentence(premise: str, claim: str) -> str:
    """The premise sentence sharing most terms with the claim: what retrieval would send the verifier."""
    claim_terms = set(analysis.terms(claim))
    sentences = [s.text for s in segment.sentences("p", premise)] or [premise]
    return max(sentences, key=lambda s: (len(claim_terms & set(analysis.terms(s))), -len(s)))


def verifier_pairs(data_file: Path | None, count: int, seed: int = SEED) -> tuple[list[tuple[str, str]], str]:
    """`count` sentence-level (evidence, claim) pairs and a description of where they came from.

    From the FEVER evaluation split when `data_file` is given (its `premise` reduced to the sentence
    that best matches the `hypothesis`, as retrieval would), else built from synthetic documents: a
    sentence against itself, against a number-changed copy, or against another sentence.
    """
    pairs: list[tuple[str, str]] = []
    if data_file is not None:
        with gzip.open(data_file, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                premise, claim = detokenize(row["premise"]), row["hypothesis"].strip()
                pairs.append((_best_sentence(premise, claim), claim))
                if len(pairs) >= count:
                    break
        source = f"{data_file.name}: first {len(pairs)} rows, premise reduced to its best-matching sentence"
        if len(pairs) < count:  # a small file is cycled rather than padded with other text
            pairs = [pairs[i % len(pairs)] for i in range(count)]
            source += f", cycled to {count}"
        return pairs, source
    rng = random.Random(seed)
    docs = synthetic_documents(seed)
    while len(pairs) < count:
        doc = next(docs)
        for sentence in doc.sentences:
            kind = rng.random()
            if kind < 0.33:
                claim = perturb_number(sentence, rng) or sentence
            elif kind < 0.66:
                claim = rng.choice(doc.sentences)
            else:
                claim = sentence
            pairs.append((sentence, claim))
    return pairs[
        :count
    ], "synthetic sentences (fixed seed): a sentence against itself, a number-changed copy or another"
