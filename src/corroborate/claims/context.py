"""Make a claim stand alone: pronouns and "the unit"-style references become the entity they name,
relative dates become absolute with the document's date.

The resolution is a recency heuristic over the entities and subjects of the preceding text (spaCy's
small English model has no coreference component): "he"/"she" → the last person named, "it" → the
last singular non-person subject or organisation, "they" → the last plural subject or
organisation, "the ministry" → the last organisation whose name holds "ministry", "the unit" →
the last organisation. A person named again by surname alone gets the full name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from corroborate.claims.dates import is_relative_date, resolve_date
from corroborate.claims.tokens import Piece
from corroborate.records import Resolution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Context", "Resolved"]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_THING_PRONOUNS = {"it", "its"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
_ORG_NOUNS = {"unit", "company", "firm", "group", "agency", "ministry", "department", "organisation",
              "organization", "authority", "battalion", "regiment", "brigade", "team", "club", "council",
              "court", "bank", "government", "party", "airline", "hospital", "university", "union",
              "board", "committee", "commission", "operator", "utility", "insurer", "carrier", "force",
              "service", "institute", "office", "charity", "manufacturer", "retailer", "lab",
              "laboratory", "startup", "developer", "studio", "publisher", "broadcaster", "network"}  # fmt: skip
_PLACE_NOUNS = {"city", "town", "village", "country", "region", "province", "state", "district", "county",
                "municipality", "island", "capital"}  # fmt: skip
_ORG_LABELS = {"ORG", "NORP"}
_PLACE_PREPOSITIONS = {"in", "to", "from", "at", "near", "across", "outside", "around", "of"}


@dataclass(frozen=True)
class Resolved:
    """Token replacements for one claim (`""` drops a token), what was resolved, what was not."""

    replacements: dict[int, str]
    resolutions: tuple[Resolution, ...]
    notes: tuple[str, ...]


@dataclass
class _Mention:
    text: str
    label: str  # an entity label, or SUBJ / SUBJ_PL for a subject noun phrase
    person: bool = False


@dataclass
class Context:
    """What the article has named so far; `observe` each sentence after its claims are resolved."""

    document_date: date | None
    mentions: list[_Mention] = field(default_factory=list)
    # One-word names seen after "in", "to", "from"...: places, whatever the tagger said (the small
    # model often tags an unknown town as a person).
    places: set[str] = field(default_factory=set)

    def full_name(self, name: str) -> str:
        """ "Berg" → "Anna Berg" when the article named Anna Berg before."""
        last = name.split()[-1] if name.split() else name
        for mention in reversed(self.mentions):
            if (
                mention.person
                and mention.text != name
                and mention.text.split()[-1] == last
                and len(mention.text) > len(name)
            ):
                return mention.text
        return name

    def observe(self, doc: Doc, upto: int | None = None) -> None:
        """Remember the entities and the main subject of `doc` (only tokens before `upto`)."""
        limit = len(doc) if upto is None else upto
        for ent in doc.ents:
            if ent.end > limit:
                continue
            label = ent.label_
            if len(ent) == 1 and label in {"PERSON", "ORG", "NORP"}:
                if (
                    ent.root.dep_ == "pobj"
                    and ent.root.head.lower_ in _PLACE_PREPOSITIONS
                    and ent.text not in self.places
                ):
                    self.places.add(ent.text)
                    for mention in self.mentions:  # what was taken for a person or a group was the place
                        if mention.text == ent.text:
                            mention.label, mention.person = "GPE", False
                if ent.text in self.places:
                    label = "GPE"
            text = _with_article(doc, ent)
            if label == "PERSON":
                text = self.full_name(text)
            self.mentions.append(_Mention(text, label, label == "PERSON"))
        for token in doc:
            if token.i < limit and token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"NOUN", "PROPN"}:
                phrase = _phrase(doc, token)
                person = token.text not in self.places and any(
                    e.label_ == "PERSON" for e in doc.ents if e.start <= token.i < e.end
                )
                plural = token.tag_ in {"NNS", "NNPS"}
                self.mentions.append(_Mention(phrase, "SUBJ_PL" if plural else "SUBJ", person))

    def resolve(self, doc: Doc, pieces: list[Piece]) -> Resolved:
        """Replacements that make the claim made of `pieces` (tokens of `doc`) stand alone."""
        replacements: dict[int, str] = {}
        resolutions: list[Resolution] = []
        notes: list[str] = []
        tokens = [doc[p] for p in pieces if isinstance(p, int)]
        indices = {t.i for t in tokens}
        local = Context(self.document_date, list(self.mentions), set(self.places))
        local.observe(doc, upto=min(indices) if indices else 0)
        for token in tokens:
            found = local._antecedent(doc, token, indices)
            if found is None:
                continue
            first, replacement, kind, original = found
            # A reference ("the unit") is replaced from its determiner on; a pronoun in place.
            replacements[first] = replacement
            if first != token.i:
                replacements[token.i] = ""
            resolutions.append(Resolution(original, replacement, kind))
        for ent in _relative_dates(doc):
            if not all(t.i in indices for t in ent):
                continue
            if self.document_date is None:
                notes.append(f"“{ent.text}” is relative and the document's date is unknown (give --date YYYY-MM-DD)")
                continue
            absolute = resolve_date(ent.text, self.document_date)
            if absolute is None or any(t.i in replacements for t in ent):
                continue
            replacement = absolute
            before = doc[ent.start - 1] if ent.start > 0 else None
            if before is None or before.pos_ != "ADP":
                # "failed last November" → "failed in November 2025"; "yesterday" → "on 16 March 2026"
                replacement = f"{'on' if absolute[0].isdigit() and ' ' in absolute else 'in'} {absolute}"
            replacements[ent.start] = replacement
            for t in ent[1:]:
                replacements[t.i] = ""
            resolutions.append(Resolution(ent.text, absolute, "date"))
        return Resolved(replacements, tuple(resolutions), tuple(notes))

    def last_person(self) -> str | None:
        """The person named last, by full name."""
        return self._last(lambda m: m.person and m.label == "PERSON")

    def _antecedent(self, doc: Doc, token: Token, claim: set[int]) -> tuple[int, str, str, str] | None:
        """(index replaced from, replacement, kind, original) for a token needing context, else None."""
        word = token.lower_
        if token.pos_ == "PRON":
            possessive = token.tag_ == "PRP$" or token.dep_ == "poss"
            if _antecedent_in_claim(doc, token, claim):
                return None
            if word in _PERSON_PRONOUNS:
                if word == "her" and not possessive and token.dep_ not in {"dobj", "pobj", "dative"}:
                    return None
                target = self.last_person()
            elif word in _THING_PRONOUNS and token.dep_ in {"nsubj", "nsubjpass", "poss"}:
                target = self._last(lambda m: not m.person and (m.label == "SUBJ" or m.label in _ORG_LABELS | {"FAC"}))
            elif word in _PLURAL_PRONOUNS and token.dep_ in {"nsubj", "nsubjpass", "poss"}:
                target = self._last(lambda m: not m.person and (m.label == "SUBJ_PL" or m.label in _ORG_LABELS))
            else:
                return None
            return (token.i, target + ("'s" if possessive else ""), "pronoun", token.text) if target else None
        if token.pos_ == "NOUN" and word in _ORG_NOUNS | _PLACE_NOUNS:
            determiner = [c for c in token.children if c.dep_ == "det" and c.lower_ == "the"]
            modifiers = [
                c for c in token.children if c.dep_ in {"compound", "amod", "prep", "relcl", "acl", "nummod", "poss"}
            ]
            if not determiner or modifiers or token.tag_ != "NN" or determiner[0].i + 1 != token.i:
                return None
            labels = {"GPE"} if word in _PLACE_NOUNS else _ORG_LABELS
            target = self._last(lambda m: m.label in labels and word in m.text.lower())
            if target is None and word in _PLACE_NOUNS:
                # "the town" is the place the article is about: the one it names most often.
                places = [m.text for m in self.mentions if m.label == "GPE"]
                target = max(reversed(places), key=places.count) if places else None
            elif target is None:
                target = self._last(lambda m: m.label in labels and m.text.lower() != f"the {word}")
            if not target:
                return None
            return (determiner[0].i, target, "reference", f"{determiner[0].text} {token.text}")
        return None

    def _last(self, accept) -> str | None:  # type: ignore[no-untyped-def]
        for mention in reversed(self.mentions):
            if accept(mention):
                return mention.text
        return None


def _antecedent_in_claim(doc: Doc, pronoun: Token, claim: set[int]) -> bool:
    """A pronoun whose antecedent the claim already holds ("FC Vellmar postponed its match",
    "the rain stopped when it did") needs no resolving."""
    for i in sorted(claim):
        token = doc[i]
        if i >= pronoun.i:
            return False
        if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"NOUN", "PROPN"}:
            return True
    return False


def _relative_dates(doc: Doc) -> list[Span]:
    """Relative date expressions: DATE entities, or their longest relative part ("last November" of
    "last November after 40 years"); never the month of a written date ("14 March 2026")."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        if is_relative_date(ent.text):
            out.append(ent)
            continue
        parts = sorted((ent[a:b] for a in range(len(ent)) for b in range(a + 1, len(ent) + 1)), key=len, reverse=True)
        for part in parts:
            beside = [doc[i] for i in (part.start - 1, part.end) if ent.start <= i < ent.end]
            if is_relative_date(part.text) and not any(t.like_num for t in beside):
                out.append(part)
                break
    return out


def _with_article(doc: Doc, ent: Span) -> str:
    if ent.start > 0 and doc[ent.start - 1].lower_ == "the" and ent.label_ not in {"PERSON", "DATE", "CARDINAL"}:
        return f"the {ent.text}"
    return ent.text


def _phrase(doc: Doc, noun: Token) -> str:
    drop: set[int] = set()
    for child in noun.children:
        if child.dep_ in {"relcl", "appos", "acl", "prep"} or child.text == ",":
            drop |= {t.i for t in child.subtree}
    words = [t for t in noun.subtree if t.i not in drop and not t.is_punct]
    return " ".join("".join(t.text + t.whitespace_ for t in words).split())
