"""Repairs of parser errors that would make a split claim say something the article does not.

The small English parser often reads "X is infested with vermin and staff are horrified" as if "staff"
were a second thing X is infested with, and leaves "are horrified" with no subject: split there, the
claims become "The building is infested with vermin and staff" and "The building are horrified". A
noun joined by "and" that a finite verb with no subject follows at once is that verb's subject.

A senator's party and state ("Sen. Kelly Ayotte, R-N.H., a member of the committee") is read as a name
of its own that the next appositive describes: "R N.H. is a member of the committee". What follows the
label describes the person before it.

At the end of what someone said, the occasion of the saying ("Pope Francis confirmed that there is a
place in heaven for dogs during his weekly address") is read as part of the statement: "There is a place
in heaven for dogs during his weekly address". A closing phrase that names an occasion of speaking goes
to the speech verb.

The article's own doubt closing a report ("Iraqi media reported that militants have Ebola, although WHO
officials have yet to confirm the reports") is read as part of what was reported; it goes to the speech
verb too.

It also hangs on a speech clause between commas what comes before the speaker: in "When he came back,
LeFevre said, Rob was visibly happy" the clause "When he came back" is Rob's, not the saying's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corroborate.claims.attribution import SPEECH_VERBS
from corroborate.claims.names import is_party_label

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
    _free_speech_occasions(doc)
    return doc


# The occasions on which someone speaks: a phrase naming one, closing what was said, says when they said it.
_SPEAKING_OCCASIONS = {"address", "speech", "sermon", "homily", "interview", "appearance", "audience", "briefing",
                       "conference", "broadcast", "podcast"}  # fmt: skip


def _free_speech_occasions(doc: Doc) -> None:
    """ "X said that Q during his weekly address", "..., while trying to soothe a boy during a public
    appearance", "..., although officials have yet to confirm the reports", "..., after local media
    reports said he was": the closing phrase is the saying's (when, why, how much to believe it), not Q's."""
    for verb in doc:
        if verb.lemma_.lower() not in SPEECH_VERBS or verb.pos_ not in {"VERB", "AUX"}:
            continue
        said = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if said is None:
            continue
        end = max(t.i for t in said.subtree)
        for phrase in [c for c in said.children if c.i > said.i and c.dep_ in {"prep", "advcl"}]:
            closes = all(t.is_punct for t in doc[phrase.right_edge.i + 1 : end + 1])
            if closes and (_speakers_occasion(phrase) or _doubts_the_report(phrase) or _answers_reports(phrase)):
                phrase.head = verb


def _speakers_occasion(phrase: Token) -> bool:
    """A phrase naming an occasion of speaking that is the speaker's: their own ("his weekly address"), one
    set off by a comma, or a participle's, which takes the speaker as subject ("that a bird did not land on
    the mayor during a speech" is about the speech)."""
    words = list(phrase.subtree)
    if any(c.dep_ in _SUBJECTS for c in phrase.children):
        return False
    speakers = (
        phrase.dep_ == "advcl" or phrase.doc[phrase.left_edge.i - 1].text == "," or any(t.tag_ == "PRP$" for t in words)
    )
    return speakers and any(t.lemma_.lower() in _SPEAKING_OCCASIONS for t in words)


# "although officials have yet to confirm the reports": a concession that weighs the report, not its content.
_CONCEDING = {"although", "though", "but", "while", "whereas"}
_REPORT_WORDS = {"report", "claim", "rumor", "rumour", "speculation", "allegation"}
_WEIGHING = _REPORT_WORDS | {"confirm", "verify", "deny", "dispute", "corroborate", "substantiate"}


def _doubts_the_report(clause: Token) -> bool:
    """ "although officials have yet to confirm the reports": a clause of its own that weighs the report."""
    if not any(c.dep_ in _SUBJECTS for c in clause.children):
        return False
    conceding = any(c.dep_ == "mark" and c.lower_ in _CONCEDING for c in clause.children)
    return conceding and any(t.lemma_.lower() in _WEIGHING for t in clause.subtree)


def _answers_reports(phrase: Token) -> bool:
    """ "after local media reports", "amid speculation": what the saying answers."""
    if phrase.dep_ != "prep" or phrase.lower_ not in {"after", "following", "amid", "amidst"}:
        return False
    noun = next((c for c in phrase.children if c.dep_ == "pobj"), None)
    return noun is not None and noun.lemma_.lower() in _REPORT_WORDS


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
