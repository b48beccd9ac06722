"""Names of people, places and organisations in a sentence, with the role each plays there.

The spaCy parser (`corroborate.claims.parse.load_parser`) tags the names and parses the sentence;
the role ("subject:supervise", "in:happen") and the titles ("chief engineer") are what lets a check
say that the source names someone else for the same part, rather than someone else altogether.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["NameMention", "find_names", "names_in", "noting_names", "same_name"]

NameKind = Literal["person", "place", "organisation"]


@dataclass(frozen=True)
class NameMention:
    """A person, place or organisation named in a sentence, and the role it plays there.

    `role` is how the name attaches to its verb ("subject:supervise", "in:happen"); `titles` are the
    common nouns that describe it ("engineer" in "chief engineer Anatoly Dyatlov").
    """

    text: str
    start: int
    end: int
    kind: NameKind
    role: str
    titles: tuple[str, ...] = ()


_KINDS: dict[str, NameKind] = {
    "PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organisation",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def find_names(text: str) -> tuple[NameMention, ...]:
    """People, places and organisations named in `text` (loads the spaCy parser once per process).

    Raises `ModelError` when the parser is not installed.
    """
    from corroborate.claims.parse import load_parser

    return names_in(load_parser()(text))


def names_in(doc: Doc) -> tuple[NameMention, ...]:
    """The names of a sentence already parsed (for batches through `Language.pipe`)."""
    return tuple(
        NameMention(ent.text, ent.start_char, ent.end_char, _KINDS[ent.label_], _role(ent), _titles(ent))
        for ent in doc.ents
        if ent.label_ in _KINDS
    )


# The names of the texts parsed inside `noting_names` on this thread, by text (None outside a block).
_NOTED: ContextVar[dict[str, tuple[NameMention, ...]] | None] = ContextVar("corroborate_noted_names", default=None)
# The parser component that notes them: the last of the pipeline, so it reads each text as parsed in full.
NOTING_COMPONENT = "corroborate_noted_names"
_ADDING = threading.Lock()


@contextmanager
def noting_names(parser: Language, into: dict[str, tuple[NameMention, ...]]) -> Iterator[None]:
    """Inside the block, on this thread, the names (`names_in`) of every text `parser` reads go into `into`,
    keyed by the text: `check` parses the article's sentences to find claims, and the figure check then needs
    the names of the claims, most of them those sentences word for word (`compare_many(known_names=...)`).
    A text's names do not depend on the texts parsed with it, so they are the ones parsing it again gives.

    The first block adds a component at the end of `parser`'s pipeline; it notes nothing outside a block and
    changes no parse.
    """
    _add_noting_component(parser)
    token = _NOTED.set(into)
    try:
        yield
    finally:
        _NOTED.reset(token)


def _note(doc: Doc) -> Doc:
    noted = _NOTED.get()
    if noted is not None:
        noted[doc.text] = names_in(doc)
    return doc


def _add_noting_component(parser: Language) -> None:
    from spacy.language import Language

    with _ADDING:
        if not Language.has_factory(NOTING_COMPONENT):
            Language.component(NOTING_COMPONENT, func=_note)
        if NOTING_COMPONENT not in parser.pipe_names:
            parser.add_pipe(NOTING_COMPONENT, last=True)


def same_name(a: str, b: str, person: bool) -> bool:
    """True when `a` and `b` name the same one: "Dyatlov" / "Anatoly Dyatlov", "IAEA" / "International
    Atomic Energy Agency", "the Senate" / "Senate"."""
    a_words, b_words = name_words(a), name_words(b)
    if not a_words or not b_words:
        return False
    if person:
        return a_words[-1] == b_words[-1]
    a_text, b_text = " ".join(a_words), " ".join(b_words)
    if a_text in b_text or b_text in a_text:
        return True
    return (len(a_words) == 1 and a_words[0] == _initials(b_words)) or (
        len(b_words) == 1 and b_words[0] == _initials(a_words)
    )


def name_words(name: str) -> list[str]:
    """The lowercase words of a name, without "the" and possessive "'s"."""
    words = [w.lower().removesuffix("'s") for w in _WORD.findall(name)]
    return [w for w in words if w != "the"]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ("of", "for", "and"))


def _role(ent: Span) -> str:
    """How the name attaches to the sentence: "subject:supervise", "object:appoint", "in:happen"."""
    token = ent.root
    if token.dep_ == "appos":  # "the director, Viktor Bryukhanov, ..." plays the director's role
        token = token.head
    head = token.head
    if token.dep_ == "nsubj":
        return f"subject:{head.lemma_}"
    if token.dep_ in ("dobj", "nsubjpass"):
        return f"object:{head.lemma_}"
    if token.dep_ == "pobj":
        if head.dep_ == "agent":  # "was supervised by X": X is who supervised
            return f"subject:{head.head.lemma_}"
        return f"{head.lower_}:{head.head.lemma_}"
    return f"{token.dep_}:{head.lemma_}"


def _titles(ent: Span) -> tuple[str, ...]:
    """Common nouns describing the name: "chief engineer X", "X, the director", "the director, X"."""
    root = ent.root
    nouns = [t for t in root.children if t.pos_ == "NOUN" and t.dep_ in ("compound", "appos")]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    return tuple(sorted({t.lemma_.lower() for t in nouns}))
