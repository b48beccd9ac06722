"""A picture's caption run into the article's text: "A police officer secures the scene of a shooting on
Parliament Hill in Ottawa on Oct. 22, 2014." Captions tell what a picture shows in the present tense and
date it in the past; news prose does not put a past date on a simple present ("Munster forecasts 10
million watches sold in 2015" dates the watches, not the forecasting). What the picture shows is no
claim of the article's: the facts a caption repeats are in the text around it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corroborate.claims.attribution import SPEECH_VERBS
from corroborate.claims.dates import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["picture_caption"]

# A date that is past by its words: a year, a weekday, a month and a day ("Oct. 22").
_DATED = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|{'|'.join(WEEKDAYS)}|(?:{'|'.join(m[:3] for m in MONTHS)})[a-z]*\.? \d{{1,2}})\b",
    re.I,
)
# Present-tense verbs news prose uses for what goes on or what something is, with a date of what it is about.
_NOT_SCENES = {"be", "have", "do", "come", "follow", "remain", "seem", "appear", "mean", "include", "begin", "start",
               "end", "open", "close", "run", "take", "mark", "expect", "plan", "hope", "want", "need", "forecast",
               "predict", "estimate", "show", "outline", "describe", "list", "cite", "suggest", "reveal"}  # fmt: skip
# The clause kinds that carry a date of their own, not the main verb's.
_OWN_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "pcomp"}


def picture_caption(doc: Doc) -> bool:
    """The sentence is a picture's caption: a simple present of a scene, with a past date on that verb
    (not inside its subject or a clause of its own)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ not in {"VBZ", "VBP"} or root.lemma_ in _NOT_SCENES | SPEECH_VERBS:
        return False
    if any(c.dep_ in {"aux", "auxpass", "ccomp", "xcomp", "neg", "mark"} for c in root.children):
        return False
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return False
    in_subject = {t.i for t in subject.subtree}
    return any(
        entity.label_ in {"DATE", "TIME"}
        and _DATED.search(entity.text)
        and entity.root.i not in in_subject
        and _on_main_verb(entity.root)
        for entity in doc.ents
    )


def _on_main_verb(token: Token) -> bool:
    """The word hangs on the sentence's own verb through prepositions and nouns, no clause between."""
    while token.dep_ != "ROOT":
        if token.dep_ in _OWN_CLAUSES:
            return False
        token = token.head
    return True
