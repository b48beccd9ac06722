"""The gender an article shows for a person, to rule out a wrong referent for "he" or "she".

Evidence, strongest first: a word next to the name ("Mr", "the actress", "his wife"), else a first name
whose bearers are nearly all of one gender: the common ones below, then the name lists of
`data/first_names.tsv` (given names of one gender only in public registries; see `data/NOTICE`). A weak
cue, used to rule a candidate out ("her father" is not Michael Madden's) and to pick the likely one of
several; no gender is ever written into a claim.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["first_name_gender", "gender_near", "is_first_name", "is_person_word", "noun_gender"]

# Words next to a name that show the person's gender.
_GENDER_WORDS: dict[str, frozenset[str]] = {
    "m": frozenset({
        "actor", "boy", "brother", "businessman", "cameraman", "chairman", "dad", "father", "grandfather", "guy",
        "husband", "king", "lord", "man", "mr", "mr.", "nephew", "prince", "sir", "son", "spokesman", "uncle"
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
        "aaron", "adam", "adrian", "ahmed", "alan", "albert", "alex", "alexander", "ali", "andrew", "andy", "anthony",
        "anton", "arthur", "austin", "barack", "ben", "benjamin", "bill", "billy", "blake", "bob", "bobby", "boris",
        "brad", "bradley", "brandon", "brett", "brian", "bruce", "bryan", "caleb", "cameron", "carl", "chad",
        "charles", "chris", "christian", "christopher", "colin", "craig", "curtis", "dale", "dan", "daniel", "darren",
        "david", "dean", "dennis", "derek", "dmitry", "dominic", "donald", "doug", "douglas", "drew", "dustin",
        "dylan", "eddie", "edward", "edwin", "eli", "elijah", "eric", "ethan", "eugene", "evan", "frank", "fred",
        "gabriel", "gary", "gavin", "george", "gerald", "glenn", "graham", "grant", "greg", "gregory", "hans",
        "harold", "harry", "hassan", "henry", "hugh", "ian", "isaac", "ivan", "jack", "jacob", "jake", "james",
        "jared", "jason", "jeff", "jeffrey", "jeremy", "jerry", "jesse", "jim", "joe", "joel", "john", "johnny",
        "jon", "jonathan", "jordan", "jose", "joseph", "josh", "joshua", "juan", "justin", "keith", "kenneth",
        "kevin", "klaus", "kurt", "kyle", "lance", "larry", "lawrence", "leo", "liam", "logan", "louis", "lucas",
        "luke", "marcus", "mario", "mark", "martin", "matthew", "max", "michael", "mike", "mitchell", "mohammed",
        "muhammad", "nathan", "neil", "nicholas", "nick", "nigel", "noah", "oliver", "omar", "oscar", "owen",
        "patrick", "paul", "pete", "peter", "phil", "philip", "pierre", "rafael", "ralph", "randy", "raymond",
        "richard", "rick", "rob", "robert", "roger", "ron", "ronald", "ross", "roy", "russell", "ryan", "sam",
        "samuel", "scott", "sean", "sergei", "seth", "shane", "simon", "stan", "stephen", "steve", "steven", "stuart",
        "ted", "terry", "thomas", "tiger", "tim", "timothy", "todd", "tom", "tony", "travis", "trevor", "troy",
        "tyler", "victor", "vincent", "vladimir", "wade", "walter", "warren", "wayne", "wesley", "william", "willie",
        "zachary"
    }),
    "f": frozenset({
        "abigail", "aisha", "alexis", "alice", "alison", "allison", "amanda", "amber", "amelia", "amy", "andrea",
        "angela", "angelina", "ann", "anna", "annie", "april", "ashley", "ava", "barbara", "becky", "bella", "beth",
        "bethany", "betty", "beverly", "bonnie", "brenda", "brittany", "caitlin", "carla", "carol", "carolyn",
        "carrie", "catherine", "cathy", "charlotte", "chelsea", "cheryl", "chloe", "christina", "christine", "claire",
        "clara", "courtney", "crystal", "cynthia", "daisy", "danielle", "dawn", "debbie", "deborah", "debra",
        "denise", "diana", "diane", "donna", "doris", "dorothy", "elaine", "eleanor", "elena", "elizabeth", "ella",
        "ellen", "elsa", "emily", "emma", "erin", "eva", "evelyn", "fatima", "fiona", "frances", "gemma", "gina",
        "gloria", "grace", "hailey", "hannah", "heather", "helen", "hillary", "holly", "ingrid", "irene", "isabel",
        "isabella", "jacqueline", "jane", "janet", "janice", "jennifer", "jenny", "jessica", "jill", "joan", "joanna",
        "jodie", "josephine", "joyce", "judith", "judy", "julia", "julie", "karen", "kate", "katherine", "kathleen",
        "kathryn", "katie", "kayla", "kelly", "kimberly", "kirsten", "laura", "lauren", "leah", "lena", "lily",
        "linda", "lisa", "lori", "louise", "lucy", "madison", "mandy", "margaret", "maria", "marie", "marilyn",
        "martha", "mary", "megan", "melanie", "melissa", "mia", "michelle", "molly", "monica", "nadia", "nancy",
        "naomi", "natalia", "natalie", "nicole", "nina", "olga", "olivia", "paige", "pamela", "patricia", "penny",
        "rachel", "rebecca", "rose", "ruby", "ruth", "sabine", "sally", "samantha", "sandra", "sara", "sarah",
        "sharon", "shirley", "sophia", "sophie", "stella", "stephanie", "susan", "svetlana", "tara", "teresa",
        "theresa", "tina", "tracy", "vanessa", "victoria", "virginia", "wendy", "yvonne", "zoe"
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
        if gender := noun_gender(token.lower_):
            return gender
    first = ent[0].lower_ if len(ent) > 1 else ""
    return next((gender for gender, names in _FIRST_NAMES.items() if first in names), None)


def first_name_gender(name: str) -> str | None:
    """ "m" for "Yasir", "f" for "Ludmila"; None for a name borne by both ("Dylan") or not known. Only to
    tell which of the people an article shows is meant: a whisky called "Johnnie Walker" is no man."""
    word = name.lower()
    common = next((gender for gender, names in _FIRST_NAMES.items() if word in names), None)
    return common or _registered_names().get(word)


_NAMES_FILE = Path(__file__).resolve().parent / "data" / "first_names.tsv"


@lru_cache(maxsize=1)
def _registered_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _NAMES_FILE.read_text(encoding="utf-8").splitlines():
        name, _, gender = line.partition("\t")
        out[name] = gender
    return out


def noun_gender(word: str) -> str | None:
    """ "m" for "man", "father", "the guy", "f" for "woman", "actress"; None for a word of no gender."""
    return next((gender for gender, words in _GENDER_WORDS.items() if word.lower() in words), None)


def is_first_name(word: str) -> bool:
    """A common first name ("Tom", "Lucy"): "Tom Berg" is someone other than Anna Berg."""
    return any(word.lower() in names for names in _FIRST_NAMES.values())


_PERSON_WORDS_FILE = Path(__file__).resolve().parent / "data" / "person_words.txt"


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    return frozenset(_PERSON_WORDS_FILE.read_text(encoding="utf-8").split())


def is_person_word(word: str) -> bool:
    """A noun that names only people ("journalist", "reservist"; WordNet's, see `data/NOTICE`)."""
    return word.lower() in _person_words()
