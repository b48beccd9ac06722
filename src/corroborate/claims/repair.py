"""Repairs of parser errors that would make a split claim say something the article does not.

The small English parser often reads "X is infested with vermin and staff are horrified" as if "staff"
were a second thing X is infested with, and leaves "are horrified" with no subject: split there, the
claims become "The building is infested with vermin and staff" and "The building are horrified". A
noun joined by "and" that a finite verb with no subject follows at once is that verb's subject.

A senator's party and state ("Sen. Kelly Ayotte, R-N.H., a member of the committee") is read as a name
of its own that the next appositive describes: "R N.H. is a member of the committee". What follows the
label describes the person before it.

It also hangs on a speech clause between commas what comes before the speaker: in "When he came back,
LeFevre said, Rob was visibly happy" the clause "When he came back" is Rob's, not the saying's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corroborate.claims.attribution import SPEECH_VERBS
from corroborate.claims.names import is_party_label

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["repair_parse"]

_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


def repair_parse(doc: Doc) -> Doc:
    """`doc` with each subject the parser hung on a noun before it ("vermin and staff | are horrified")
    moved to the verb that follows it; the coordinating "and" goes with it, to join the two clauses."""
    for noun in doc:
        if noun.dep_ != "conj" or noun.pos_ not in {"NOUN", "PROPN"} or noun.head.pos_ not in {"NOUN", "PROPN"}:
            continue
        end = max(t.i for t in noun.subtree)
        if end + 1 >= len(doc):
            continue
        verb = doc[end + 1]
        if verb.tag_ not in _FINITE or verb.dep_ != "conj" or verb.head.pos_ not in {"VERB", "AUX"}:
            continue
        if any(c.dep_ in _SUBJECTS for c in verb.children) or verb.head.i > noun.head.i:
            continue
        if noun.tag_ in {"NNS", "NNPS"} and verb.tag_ == "VBZ":
            continue  # "rats and mice | is": they do not agree, the parser may be right ("staff are" may)
        joint = [c for c in noun.head.children if c.dep_ == "cc" and c.i < noun.i]
        noun.head = verb
        noun.dep_ = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "nsubj"
        for cc in joint:
            cc.head = verb.head
    _free_fronted_clauses(doc)
    _free_party_labels(doc)
    return doc


def _free_party_labels(doc: Doc) -> None:
    """What the parser hung on a party-and-state label goes to the name the label stands beside."""
    for label in doc:
        if label.dep_ != "appos" or label.head.pos_ != "PROPN":
            continue
        start, end = label.left_edge.i, label.i + 1
        if not is_party_label(doc[start:end].text):
            continue
        for child in [c for c in label.children if c.dep_ == "appos" and c.i > label.i]:
            child.head = label.head


def _free_fronted_clauses(doc: Doc) -> None:
    """A clause before the speaker of "..., X said, Q" hung on "said" is moved to Q's verb."""
    for verb in doc:
        if verb.lemma_.lower() not in SPEECH_VERBS or verb.dep_ not in {"parataxis", "ccomp"} or verb.head.i < verb.i:
            continue
        speaker = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if speaker is None or speaker.left_edge.i == 0 or doc[speaker.left_edge.i - 1].text != ",":
            continue
        fronted = [c for c in verb.children if c.dep_ == "advcl" and c.i < speaker.i]
        for clause in fronted:
            clause.head = verb.head
        if fronted:
            doc[speaker.left_edge.i - 1].head = verb.head  # the comma that ends the clause goes with it
