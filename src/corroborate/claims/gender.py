"""The gender an article shows for a person, to rule out a wrong referent for "he" or "she".

Evidence, strongest first: a word next to the name ("Mr", "the actress", "his wife"), else a common first
name whose bearers are nearly all of one gender. A weak cue, used only to rule a candidate out ("her
father" is not Michael Madden's); no gender is ever written into a claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["gender_near", "is_first_name"]

# Words next to a name that show the person's gender.
_GENDER_WORDS: dict[str, frozenset[str]] = {
    "m": frozenset({
        "actor", "boy", "brother", "businessman", "chairman", "dad", "father", "grandfather", "husband", "king",
        "lord", "man", "mr", "mr.", "nephew", "prince", "sir", "son", "spokesman", "uncle"
    }),
    "f": frozenset({
        "actress", "aunt", "businesswoman", "chairwoman", "dame", "daughter", "girl", "grandmother", "lady", "miss",
        "mom", "mother", "mrs", "mrs.", "ms", "ms.", "mum", "niece", "princess", "queen", "sister", "spokeswoman",
        "wife", "woman"
    }),
}  # fmt: skip

# Common first names, by the gender of nearly all who bear them.
_FIRST_NAMES: dict[str, frozenset[str]] = {
    "m": frozenset({
        "aaron", "adam", "ahmed", "alan", "albert", "alexander", "ali", "andrew", "anthony", "arthur", "austin",
        "barack", "ben", "benjamin", "bill", "billy", "bob", "bobby", "boris", "bradley", "brandon", "brian",
        "bruce", "bryan", "carl", "charles", "christian", "christopher", "dan", "daniel", "david", "dennis",
        "dmitry", "donald", "douglas", "dylan", "edward", "eric", "ethan", "eugene", "frank", "gabriel", "gary",
        "george", "gerald", "gregory", "hans", "harold", "hassan", "henry", "ivan", "jack", "jacob", "james",
        "jason", "jeffrey", "jeremy", "jerry", "jesse", "jim", "joe", "john", "johnny", "jonathan",
        "jordan", "jose", "joseph", "joshua", "juan", "justin", "keith", "kenneth", "kevin", "klaus", "kyle",
        "larry", "lawrence", "logan", "louis", "luke", "mark", "matthew", "michael", "mike", "mohammed", "muhammad",
        "nathan", "nicholas", "noah", "omar", "patrick", "paul", "peter", "philip", "pierre", "ralph", "randy",
        "raymond", "richard", "robert", "roger", "ronald", "roy", "russell", "ryan", "sam", "samuel", "scott",
        "sean", "sergei", "stephen", "steven", "ted", "terry", "thomas", "tiger", "tim", "timothy", "tom", "tyler",
        "vincent", "vladimir", "walter", "wayne", "william", "willie", "zachary"
    }),
    "f": frozenset({
        "abigail", "aisha", "alexis", "alice", "amanda", "amber", "amy", "andrea", "angela", "angelina", "ann",
        "anna", "ashley", "barbara", "betty", "beverly", "brenda", "brittany", "carol", "carolyn", "catherine",
        "charlotte", "cheryl", "christina", "christine", "cynthia", "danielle", "deborah", "debra", "denise",
        "diana", "diane", "donna", "doris", "dorothy", "elizabeth", "emily", "emma", "evelyn", "fatima", "frances",
        "gloria", "grace", "hannah", "heather", "helen", "hillary", "ingrid", "isabella", "jacqueline", "janet",
        "janice", "jennifer", "jessica", "joan", "joyce", "judith", "judy", "julie", "karen", "katherine",
        "kathleen", "kathryn", "kayla", "kelly", "kimberly", "laura", "lauren", "lena", "linda", "lisa", "lori",
        "louise", "lucy", "madison", "margaret", "maria", "marie", "marilyn", "martha", "mary", "megan", "melissa",
        "michelle", "nancy", "natalia", "natalie", "nicole", "olga", "olivia", "pamela", "patricia", "rachel",
        "rebecca", "ruth", "sabine", "samantha", "sandra", "sara", "sarah", "sharon", "shirley", "sophia",
        "stephanie", "susan", "svetlana", "teresa", "theresa", "victoria", "virginia"
    }),
}  # fmt: skip


def gender_near(doc: Doc, ent: Span) -> str | None:
    """ "Mr Berg", "the actress Anna Berg", "Anna Berg, his wife", "Michael Madden": the gender the
    article shows, else the one a common first name suggests."""
    near = [doc[ent.start - 1]] if ent.start > 0 else []
    near += [c for c in ent.root.children if c.dep_ in {"appos", "compound"} and not (ent.start <= c.i < ent.end)]
    if ent.root.dep_ == "appos":
        near.append(ent.root.head)
    for token in near:
        for gender, words in _GENDER_WORDS.items():
            if token.lower_ in words:
                return gender
    first = ent[0].lower_ if len(ent) > 1 else ""
    return next((gender for gender, names in _FIRST_NAMES.items() if first in names), None)


def is_first_name(word: str) -> bool:
    """A common first name ("Tom", "Lucy"): "Tom Berg" is someone other than Anna Berg."""
    return any(word.lower() in names for names in _FIRST_NAMES.values())
