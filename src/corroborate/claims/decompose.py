"""Split a statement into atomic clauses over its dependency parse.

"The flood injured 40 people and killed 12, among them the town's mayor" gives three clauses:
coordinated predicates share their subject ("The flood killed 12"), "among them X" becomes
"X was among the 12 killed by the flood", a non-restrictive relative clause ("the dam, which was
built in 1962, failed") and an informative appositive ("Anna Berg, the town's mayor") become claims
of their own. Every clause is a list of pieces (token indices and inserted words).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from corroborate.claims.names import is_title_before_name
from corroborate.claims.tokens import QUOTES, Piece, subtree, trim_edges, well_formed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["atomic_clauses", "core_clause", "role_clauses"]

_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
_WH = {"which", "who", "whom"}
_TITLES = {"president", "prime", "minister", "chancellor", "governor", "mayor", "senator", "judge", "general",
           "colonel", "captain", "sergeant", "chief", "director", "professor", "dr", "doctor", "secretary",
           "ambassador", "commissioner", "inspector", "officer", "spokesperson", "spokesman", "spokeswoman"}  # fmt: skip
_HEDGES = {"reportedly", "allegedly", "apparently", "possibly", "probably", "likely", "supposedly",
           "purportedly", "seemingly", "never", "not"}  # fmt: skip
# A role claim ("X is the mayor") is made only for an office or title one can check.
_OFFICE_WORDS = _TITLES | {"minister", "leader", "head", "chair", "chairman", "chairwoman", "ceo", "founder",
                           "president", "vice", "deputy", "coordinator", "editor", "executive", "manager",
                           "spokesperson", "commander", "mp", "lawmaker", "representative", "congressman",
                           "congresswoman", "attorney", "prosecutor", "sheriff", "chief", "analyst", "agent",
                           "researcher", "scientist", "economist", "professor", "lecturer", "coach", "owner",
                           "correspondent", "reporter", "officer", "official", "adviser", "advisor", "envoy",
                           "king", "queen", "prince", "princess", "emir", "sheikh", "pope", "bishop", "imam"}  # fmt: skip
# A split is kept only when each part says something beyond its subject.
_MIN_PREDICATE_TOKENS = 2


# Hedges that say the whole report is someone else's: a clause joined after one may be part of it.
_REPORTING_HEDGES = {"reportedly", "allegedly", "supposedly", "purportedly", "apparently"}


def _own_subject(head: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in head.children)


def atomic_clauses(doc: Doc, content: set[int], root: Token) -> list[list[Piece]]:
    """The atomic clauses of the statement made of `content` tokens and headed by `root`."""
    moved: set[int] = set()
    extra: list[list[Piece]] = []
    for token in doc:
        if token.i not in content or token.i in moved:
            continue
        if token.dep_ == "relcl" and _non_restrictive(doc, token):
            clause = _relative_clause(doc, token, content)
            if clause:
                extra.append(clause)
                moved |= subtree(token) | _bordering_commas(doc, token)
        elif token.dep_ == "appos" and _informative_appositive(doc, token) and _closed_aside(doc, token):
            moved |= subtree(token) | _bordering_commas(doc, token)  # stated by `role_clauses`
        elif token.lower_ == "among" and token.dep_ == "prep":
            clause, used = _among(doc, token, content)
            if clause:
                extra.append(clause)
                moved |= used
    heads = [root, *_conjoined_predicates(root, content)]
    if _shared_object(heads):
        heads = [root]  # "you can store and retrieve documents": one predicate with two verbs
    if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} and c.i < root.i for c in root.children):
        # "Whether this is true or not remains to be seen": a question the parser took for the main clause
        heads = [root]
    elif len(heads) > 1 and any(c.dep_ == "advmod" and c.lower_ in _REPORTING_HEDGES for c in root.children):
        # "Berg was allegedly reprimanded and he and his deputy were banned": the hedge may cover both
        heads = [root] if any(_own_subject(h) for h in heads[1:]) else heads
    clauses = [_predicate(doc, head, root, heads, content - moved) for head in heads]
    if len(clauses) > 1 and (
        any(len(c) - len(_subject_tokens(doc, root, content)) < _MIN_PREDICATE_TOKENS for c in clauses)
        or _interleaved(heads, clauses)
    ):
        clauses = [trim_edges(doc, (content - moved))]
    elif _misread(doc, heads, clauses) or _disagreeing(doc, root, heads):
        # One part reads as broken English: the parser misread the sentence ("could do away with
        # standard USB ports, the SD Card slot, and Thunderbolt and MagSafe charging standards" as two
        # clauses), so the other parts are likely cut wrong too ("... with standard USB ports, the SD
        # Card slot."): the statement whole, where it reads as a sentence and leaves nothing of it out.
        whole = trim_edges(doc, (content - moved))
        if whole and well_formed(doc, whole) and _runs_to_the_end(doc, whole):
            clauses = [whole]
    return [c for c in clauses + extra if c]


_DESCRIBING = {"in", "with", "wearing", "carrying", "holding"}
_WORN_OR_CARRIED = {"vest", "shirt", "t-shirt", "jacket", "coat", "uniform", "mask", "balaclava", "hat", "cap",
                    "helmet", "hood", "hoodie", "scarf", "dress", "suit", "robe", "jersey", "clothes", "clothing",
                    "gear", "armour", "armor", "boot", "glove", "sunglasses", "glasses", "flag", "banner",
                    "placard", "sign", "umbrella", "torch", "stick", "weapon", "gun", "rifle", "knife", "bag",
                    "backpack", "camera", "phone", "costume", "wig", "beard", "tattoo"}  # fmt: skip


def core_clause(doc: Doc, pieces: list[Piece]) -> list[Piece] | None:
    """The checkable core of a clause without its descriptive details, or None when it has none:
    "a photo shows about forty protesters in yellow vests blocking the bridge" → "a photo shows
    about forty protesters blocking the bridge", which a source can confirm even when it says nothing
    of the vests (the whole clause is checked too). Counts stay: "about 200 kilos" is the point."""
    if any(isinstance(p, str) for p in pieces):
        return None
    indices = {p for p in pieces if isinstance(p, int)}
    detail: set[int] = set()
    for i in indices:
        token = doc[i]
        if (
            token.dep_ == "prep"
            and token.lower_ in _DESCRIBING
            and token.head.tag_ == "NNS"
            and token.head.i in indices
        ):
            # "protesters in yellow vests"; a clause the parser hung inside it ("... blocking the bridge") stays
            kept = {
                t for c in token.subtree if c.dep_ in {"acl", "relcl"} and c.head.i != token.head.i for t in subtree(c)
            }
            phrase = subtree(token) - kept
            # "hospitals in Kessel" says where and "difficulties in achieving its design" what: neither is a
            # look; "in" and "with" describe only with what one wears or carries ("hospitals with Ebola
            # symptoms", "groups in captivity" say which ones)
            obj = next((c for c in token.children if c.dep_ == "pobj"), None)
            looks = token.lower_ not in {"in", "with"} or (obj is not None and obj.lemma_.lower() in _WORN_OR_CARRIED)
            if looks and not any(doc[t].ent_type_ or doc[t].pos_ in {"VERB", "AUX"} for t in phrase):
                detail |= phrase
    if not detail:
        return None
    core = trim_edges(doc, indices - detail)
    if len(core) < 4 or len(core) == len(indices) or not well_formed(doc, core):
        return None
    return list(core)


_NOT_REAL = {"fictional", "fictitious", "fake", "made-up", "nonexistent", "non-existent", "imaginary", "invented"}


def _denies_existence(doc: Doc) -> bool:
    """The sentence says someone or something does not exist or is made up."""
    return any((t.lemma_ == "exist" and any(c.dep_ == "neg" for c in t.children)) or t.lower_ in _NOT_REAL for t in doc)


# Forms of address the parser may hang on a name's title: "Sir", "Dr", "Professor" say how one is addressed.
_FORMS_OF_ADDRESS = {"sir", "dame", "lord", "lady", "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "rev",
                     "reverend"}  # fmt: skip


def role_clauses(doc: Doc) -> list[list[Piece]]:
    """What the sentence says people are, where that is an office or a described role one can check:
    "fire chief Markus Lenz" → "Markus Lenz is the fire chief"; "Anna Berg, the town's mayor" and "the
    regional governor, Emil Doran" → "… is …". "journeyman golfer Dan Olsen" gives none."""
    out: list[list[Piece]] = []
    if _denies_existence(doc):
        return out  # "London Police Chief Lyndon Edwards doesn't exist": no office of one who is not there
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = [t.i for t in ent if t.text not in {"'s", "’s"}]
        while len(name) > 2 and is_title_before_name(doc[name[0]].text):
            name = name[1:]  # "Air Chief [Marshal Alex Badeh]": the tagger took in the end of a rank
        head = ent.root
        title: set[int] = set()
        for child in head.lefts:
            if child.i < ent.start and child.dep_ in {"compound", "amod"} and child.pos_ in {"NOUN", "ADJ", "PROPN"}:
                title |= {t.i for t in child.subtree if t.dep_ not in {"det", "poss"}}
        # "ecology expert Professor Mick Crawley": the form of address is no part of the office
        title -= {i for i in title if doc[i].lower_.rstrip(".") in _FORMS_OF_ADDRESS}
        if any(doc[i].tag_ in {"NNS", "NNPS"} and doc[i].head.i == head.i for i in title):
            title = set()  # "U.S. journalists James Foley and Steven Sotloff": a role of several people
        if (
            title
            and any(doc[i].lower_ in _OFFICE_WORDS for i in title)
            and not _coordinated(doc, title)
            and not _bare_office(doc, title)
        ):
            kept = trim_edges(doc, title)
            if _odd_role(doc, kept):
                kept = []
            # "Jordan's Foreign Minister Nasser Judeh" → "... is Jordan's Foreign Minister": whose office it is
            owner = [
                c
                for t in [head, *(doc[i] for i in title)]
                for c in t.children
                if c.dep_ == "poss" and c.pos_ == "PROPN" and c.i < min(title, default=head.i)
            ]
            if kept and not any(doc[i].ent_type_ in {"PERSON", "ORG", "GPE", "DATE", "TIME"} for i in kept):
                if len(owner) == 1 and owner[0].ent_type_ != "PERSON":
                    out.append([*name, "is", *sorted(subtree(owner[0]) | set(kept))])
                elif any(_says_whose(doc[i]) for i in kept):
                    # "the Nigerian government spokesman", "the WHO spokeswoman"; a bare "the fire chief"
                    # or "the assistant manager" does not say of what, and is no claim one can check
                    out.append([*name, "is the", *kept])
        roles = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > ent.end]
        # "X, senior director at the Humane Society, the largest animal protection group, said": a second
        # appositive the parser hung on the name is more often about the organisation the first one named
        roles = roles[:1]
        # "his wife Ruby's death": a name that owns something is not set beside a role
        owner = any(t.text in {"'s", "’s"} for t in ent) or (ent.end < len(doc) and doc[ent.end].text in {"'s", "’s"})
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and not owner:
            roles.append(head.head)
        for role in roles:
            # "this post's author, Anna Berg, on twitter": a role before the name ends where the name begins
            words = {i for i in subtree(role) - subtree(head) if i < ent.start} if role.i < head.i else subtree(role)
            # "the photojournalist held captive in Yemen" says who he is; "who ..." is a claim of its own
            relative = {c.i for c in role.children if c.dep_ == "relcl" for c in c.subtree}
            if relative and any(c.dep_ == "det" and c.lower_ == "the" for c in role.children):
                continue  # "the YouTube personality who uploaded the video": without its clause, no one in particular
            words -= relative | _set_off_relatives(doc, role)
            words -= _dated_phrases(doc, role)
            kept = trim_edges(doc, words)
            if (
                not kept
                or (role.i > head.i and not _closed_aside(doc, role))
                or role.ent_type_ == "PERSON"
                or role.tag_ in {"NNS", "NNPS"}  # "U.S. journalists James Foley and Steven Sotloff": several people
                or role.lemma_.lower() in _NO_ONES_ROLE
                or _someones_body(role)
                or _odd_role(doc, kept)
                or (role.i > head.i and doc[kept[0]].ent_type_ == "PERSON")
                or _bare_reference(doc, kept)
                # "Abu Bakr al-Baghdadi is the leader": one office word says not of what
                or (len(kept) == 1 and doc[kept[0]].lower_ in _OFFICE_WORDS)
                or _coordinated(doc, set(kept))
                or not _checkable_role(role)
                or _in_quotes(doc, kept)
                or any(doc[i].lower_ in _SPEAKERS_OWN for i in kept)
            ):
                # a role in quotation marks ('"London police chief" Lyndon Edwards') or in someone's own words
                # ("our beloved actor Macaulay Culkin") is theirs, no role the article states
                continue
            determined = (
                doc[kept[0]].dep_ in {"det", "poss"}
                or doc[kept[0]].tag_ in {"PRP$", "DT"}
                or _owns(doc, kept[0])
                # "Zehaf-Bibeau's mother": an owner of several words says whose already
                or any(c.dep_ == "poss" and c.left_edge.i == kept[0] for c in role.children)
            )
            out.append([*name, "is", *kept] if determined else [*name, "is", _article_for(doc, kept), *kept])
    out += _named_appositives(doc)
    return out


def _set_off_relatives(doc: Doc, root: Token) -> set[int]:
    """The relative clauses a comma sets off inside `root`'s words ("a secretive branch of the North Korean
    government, which uses them as a way of raising cash"): an aside of the article, no part of the role.
    A clause without the comma says which one ("a branch of the company that makes the engines") and stays."""
    return {
        t.i
        for c in doc[root.left_edge.i : root.right_edge.i + 1]
        if c.dep_ == "relcl" and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
        for t in c.subtree
    }


# Words that make a role the speaker's own ("our beloved actor").
_SPEAKERS_OWN = {"our", "my", "your", "we", "i", "us", "me"}
# Roles many people hold at once: "Remco Breuker, professor of Korean studies" is a professor, not the one.
_SHARED_ROLES = {"professor", "member", "analyst", "researcher", "lecturer", "fellow", "spokesman", "spokeswoman",
                 "spokesperson", "adviser", "advisor", "official", "expert", "scientist", "engineer", "correspondent",
                 "reporter", "writer", "lawyer", "attorney", "doctor", "student", "employee", "officer", "resident",
                 "mechanic", "volunteer", "activist", "consultant", "economist", "historian", "teacher"}  # fmt: skip


def _article_for(doc: Doc, kept: Sequence[int]) -> str:
    """ "the" for an office one person holds ("the fire chief of Kessel"), "a"/"an" for a role many share."""
    head = next((doc[i] for i in kept if doc[i].head.i not in kept or doc[i].head.i == i), doc[kept[-1]])
    if head.lemma_.lower() not in _SHARED_ROLES:
        return "the"
    return "an" if doc[kept[0]].lower_[:1] in "aeiou" else "a"


def _in_quotes(doc: Doc, kept: Sequence[int]) -> bool:
    """The words stand in quotation marks of their own ('"London police chief" Lyndon Edwards': scare
    quotes, a title someone gave), which hug them."""
    marks = {'"', "“", "”", "``", "''"}
    edges = [i for i in (kept[0] - 1, kept[-1] + 1) if 0 <= i < len(doc)]
    return any(doc[i].text in marks for i in [*kept, *edges])


def _says_whose(token: Token) -> bool:
    """A word of a title that says whose office it is: a name, a people or place ("Nigerian"), an acronym."""
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in {"NORP", "GPE", "ORG", "LOC", "FAC"}
        or (len(token.text) > 1 and token.text.isupper())
    )


# "Yulin, Guangxi province": an appositive that says where a place lies.
_REGIONS = {"province", "state", "region", "county", "district", "country", "prefecture", "oblast", "territory"}


def _named_appositives(doc: Doc) -> list[list[Piece]]:
    """ "Texas Prime Turkey Farm, the largest supplier of turkeys in the US, ..." → "Texas Prime Turkey
    Farm is the largest supplier of turkeys in the US" (a person's roles are `role_clauses`' job)."""
    out: list[list[Piece]] = []
    for appos in doc:
        head = appos.head
        if not _informative_appositive(doc, appos) or head.ent_type_ == "PERSON":
            continue
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in appos.children):
            continue  # "According to Radio-Canada, Zehaf-Bibeau's mother, Susan Bibeau, ...": hers, misattached
        if _coordinated(doc, {head.i, *(c.i for c in head.children)}) or (
            appos.tag_ == "NNS" and head.tag_ not in {"NNS", "NNPS"}
        ):
            continue  # "MI5 and MI6, Britain's two intelligence agencies": neither one is both
        if appos.lemma_.lower() in _REGIONS or (head.ent_type_ in {"GPE", "LOC"} and appos.ent_type_ in {"GPE", "LOC"}):
            continue  # "the city of Arlo, Kessel province": where it lies, not what it is ("the capital of" is)
        # "Office 39": a number after a name is part of it
        kept_children = {"compound", "det"}
        dropped = {
            t.i
            for c in head.children
            if c.dep_ not in kept_children and not (c.dep_ == "nummod" and c.i > head.i)
            for t in c.subtree
        }
        name = trim_edges(doc, subtree(head) - subtree(appos) - dropped)
        words = subtree(appos) - {c.i for c in appos.children if c.dep_ in {"relcl", "acl"} for c in c.subtree}
        words -= _set_off_relatives(doc, appos)
        dated = _dated_phrases(doc, appos)
        kept = trim_edges(doc, words - dated)
        if (
            not name
            or not kept
            or _coordinated(doc, set(kept))
            or not _checkable_role(appos, dated)
            or _in_quotes(doc, kept)
            or _odd_role(doc, kept)
            or (head.ent_type_ == "PERSON" and appos.lemma_.lower() in _NO_ONES_ROLE)
            or _someones_body(appos)
        ):
            continue
        determined = (
            doc[kept[0]].dep_ in {"det", "poss"}
            or _owns(doc, kept[0])
            or any(c.dep_ == "poss" and c.left_edge.i == kept[0] for c in appos.children)
        )
        out.append([*name, "is", *kept] if determined else [*name, "is", _article_for(doc, kept), *kept])
    return out


# What a group or a page is, never one person: "Ahmed Abdi Godane, [leader of] the al-Shabab terror group".
_NO_ONES_ROLE = {"group", "organisation", "organization", "company", "channel", "page", "message", "network",
                 "party", "site", "website", "account", "agency", "movement", "militia", "firm", "band"}  # fmt: skip
_BODY_PARTS = {"body", "face", "hand", "eye", "hair", "arm", "leg", "voice", "head", "heart"}


def _someones_body(noun: Token) -> bool:
    """ "Zehaf-Bibeau, his body riddled with bullets, huddled ...": how someone was, not what they are."""
    return noun.lemma_.lower() in _BODY_PARTS and any(c.dep_ == "poss" for c in noun.children)


def _odd_role(doc: Doc, kept: Sequence[int]) -> bool:
    """A role the parse cut badly or that no longer holds: "the vice[-president]", "the analyst [Trip]
    Chowdhry" (a first name left in the role), "a then-RCMP spokesman", "the formerly ..."."""
    if not kept:
        return False
    last = doc[kept[-1]]
    if last.i + 1 < len(doc) and doc[last.i + 1].text in {"-", "–"} and not last.whitespace_:
        return True
    if (
        last.pos_ == "PROPN"
        and last.lower_ not in _OFFICE_WORDS
        and last.i + 1 < len(doc)
        and doc[last.i + 1].ent_type_ == "PERSON"
        and not last.ent_type_
    ):
        return True
    return any(doc[i].lower_ in {"then", "formerly", "then-"} or doc[i].lower_.startswith("then-") for i in kept)


def _owns(doc: Doc, i: int) -> bool:
    """ "Woods’ agent", "Tiger Woods’ agent": the phrase opens with its owner's name (the tagger may not
    call it a possessive)."""
    while i + 1 < len(doc) and doc[i + 1].text[:1].isupper() and doc[i].text[:1].isupper() and doc[i].whitespace_:
        i += 1  # the rest of a name of several words
    return i + 1 < len(doc) and doc[i + 1].text in {"’", "'", "'s", "’s"} and not doc[i].whitespace_


def _dated_phrases(doc: Doc, noun: Token) -> set[int]:
    """ "the party, the establishment ..., around 2008": a date the parser hung on the appositive
    belongs to the sentence's verb, not to what the name is."""
    return {
        t.i
        for c in noun.children
        if c.dep_ in {"prep", "npadvmod"}
        and any(x.ent_type_ in {"DATE", "TIME"} or (x.text.isdigit() and len(x.text) == 4) for x in c.subtree)
        for t in c.subtree
    }


_QUALIFIERS = {"former", "late", "current", "then", "acting", "deputy", "supreme", "new", "incoming", "outgoing"}


def _bare_office(doc: Doc, title: set[int]) -> bool:
    """ "President Barack Obama", "Russian President Vladimir Putin": a title everyone knows the holder
    of says nothing worth checking; "fire chief Markus Lenz" and "Minister of Justice Peter MacKay" do."""
    return all(
        doc[i].lower_ in _OFFICE_WORDS or doc[i].lower_ in _QUALIFIERS or doc[i].ent_type_ in {"NORP", "GPE"}
        for i in title
    )


def _checkable_role(role: Token, ignore: set[int] | None = None) -> bool:
    """An office ("the mayor"), a role tied to something named ("a hydrologist at the Authority"), or
    a ranking ("the largest supplier"); `ignore`: children that are not part of the role."""
    if role.lower_ in _OFFICE_WORDS:
        return True
    return any(
        (c.dep_ in {"prep", "poss"} and c.i not in (ignore or set()))
        or (c.dep_ == "compound" and c.pos_ == "PROPN")
        or c.tag_ in {"JJS", "RBS"}
        or (c.dep_ == "amod" and c.lower_ in {"first", "only", "last", "biggest", "largest", "oldest"})
        for c in role.children
    )


def _coordinated(doc: Doc, indices: set[int]) -> bool:
    """ "both the PGA Tour and Woods' agent": a coordination is not one role."""
    return any(doc[i].dep_ in {"cc", "conj", "preconj"} for i in indices)


def _bare_reference(doc: Doc, kept: list[Piece]) -> bool:
    """ "the engineer Paul Hartmann": "the engineer" only points at the person ("Paul Hartmann is the
    engineer" says nothing checkable), unlike a title ("the mayor") or a described role ("the town's
    engineer", "a hydrologist")."""
    if len(kept) != 2 or not all(isinstance(i, int) for i in kept):
        return False
    article, noun = (doc[int(i)] for i in kept)
    return article.lower_ == "the" and noun.pos_ == "NOUN" and noun.lower_ not in _TITLES


def _shared_object(heads: list[Token]) -> bool:
    """ "store and retrieve documents": a verb without its object before one that has it shares it."""
    objects = {"dobj", "attr", "ccomp", "xcomp", "prep", "acomp", "oprd", "dative"}
    return len(heads) > 1 and any(
        not any(c.dep_ in objects and c.i > h.i for c in h.children)
        and any(c.dep_ in {"dobj", "attr"} for c in heads[-1].children)
        and h.i < heads[-1].i
        for h in heads[:-1]
    )


def _contrasted(conj: Token) -> bool:
    """A verb joined by "but", "yet" or "although": each half means what it means against the other."""
    return any(
        c.lower_ in {"but", "yet", "although", "though", "whereas"} for c in _conjunctions_before(conj, {"cc", "mark"})
    )


def _conjunctions_before(conj: Token, deps: set[str]) -> list[Token]:
    """The conjunctions (of the given dependency labels) that join `conj` to the verb before it."""
    head = conj.head
    return [c for c in head.children if c.dep_ in deps and head.i < c.i < conj.i] + [
        c for c in conj.children if c.dep_ in deps and c.i < conj.i
    ]


def _alternative(conj: Token) -> bool:
    """A verb joined by "or" or "nor", or after "either", "neither" or "whether": the article asserts
    one of the two, never each."""
    opened = any(c.dep_ == "preconj" and c.lower_ in {"either", "neither", "whether"} for c in conj.head.children)
    return opened or any(c.lower_ in {"or", "nor"} for c in _conjunctions_before(conj, {"cc"}))


def _conditional(verb: Token) -> bool:
    """The verb holds under a condition ("if ...", "unless ..."), which the verbs joined to it share."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
        for c in verb.children
    )


def _gerund_after_preposition(conj: Token) -> bool:
    """ "He was accused of theft and lying to police": a gerund with no subject of its own, joined after the
    object of a preposition of the verb before it, is most likely that preposition's second object (the
    parser hung it on the verb); split off, "he was lying to police" would drop the accusation."""
    return (
        conj.tag_ == "VBG"
        and not _own_subject(conj)
        and not any(c.dep_ in {"aux", "auxpass"} for c in conj.children)
        and any(
            c.dep_ == "prep" and c.i < conj.i and any(o.dep_ in {"pobj", "pcomp"} for o in c.children)
            for c in conj.head.children
        )
    )


def _joined(conj: Token) -> bool:
    """A conjunction ("and", "or", "but") or a comma stands between the two verbs: coordination as written."""
    doc = conj.doc
    return any(t.dep_ == "cc" or t.text in {",", ";"} for t in doc[conj.head.i + 1 : conj.left_edge.i + 1])


def _past_after_passive(conj: Token) -> bool:
    """A past-tense verb with no subject of its own joined to a passive: the tagger often reads a participle
    ("was born intersex and named David") as a past tense, and split off it would turn the passive active;
    the two stay one claim."""
    return (
        conj.tag_ == "VBD"
        and any(c.dep_ == "auxpass" for c in conj.head.children)
        and not any(c.dep_ in _SUBJECTS for c in conj.children)
    )


def _gapped_passive(conj: Token) -> bool:
    """A participle with a subject of its own but no auxiliary, joined to a passive: the article left out
    the repeated "were" ("a military expert was killed and two others wounded"); split off, it is no
    sentence."""
    return (
        conj.tag_ == "VBN"
        and _own_subject(conj)
        and not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in conj.children)
        and any(c.dep_ == "auxpass" for c in conj.head.children)
    )


def _conjoined_predicates(root: Token, content: set[int]) -> list[Token]:
    out: list[Token] = []
    stack = [root]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and child.i in content:
                if _contrasted(child):
                    continue  # "It's not testosterone, but it's something else": split, it would read as a denial
                if _alternative(child):
                    continue  # "Either the friend never returned, or the burger became a joke": neither is said
                if _conditional(child.head):
                    continue  # "if they seized funds, they could freeze accounts and seize the contents": both if
                if _gerund_after_preposition(child):
                    continue  # "accused of theft and lying to police": what he was accused of, not what he did
                if not _joined(child):
                    continue  # "Anyone found guilty of doing so can be banned": a misparse, not two statements
                if _past_after_passive(child):
                    continue  # "I was born intersex and named David": "I named David" would invert it
                if _gapped_passive(child):
                    continue  # "an expert was killed and two others wounded": "two others wounded" is no sentence
                if _after_another_subjects_verb(child, root):
                    continue
                if sum(t.text in QUOTES for t in root.doc[root.i : child.i]) % 2:
                    continue  # 'his comments were "only my opinion and not based on facts"': a quotation stays whole
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _after_another_subjects_verb(conj: Token, root: Token) -> bool:
    """ "Israel Radio aired an interview in which she said she had travelled to Iraq, was training with
    guerrillas": a verb joined to the main one with no subject of its own, after a verb with its own subject
    in between, most likely goes on that verb's list ("she ... was training"); split, the main subject
    would take it."""
    if _own_subject(conj):
        return False
    between = [
        t
        for t in conj.doc[conj.head.i + 1 : conj.i]
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"} and _own_subject(t) and t.i != root.i
    ]
    return any(t.head.i != conj.head.i or t.dep_ != "conj" for t in between)


def _misread(doc: Doc, heads: list[Token], clauses: list[list[Piece]]) -> bool:
    """Some part of a split is no sentence, and its verb is a participle or bare form ("charging",
    "be construed", "now fallen"): a split the parser made in the wrong place. A finite verb in a broken
    part is the article's own slip ("The firm has hired a lawyer and intend to sue"), and the parts that
    read well stand."""
    broken = [head for head, clause in zip(heads, clauses, strict=True) if not well_formed(doc, clause)]
    return (
        len(clauses) > 1
        and bool(broken)
        and all(
            head.tag_ in {"VBG", "VBN"} or (head.tag_ == "VB" and head.head.tag_ != "VBN")  # "has hired ... and intend"
            for head in broken
        )
    )


_SINGULAR_FORMS = {"is", "was", "has", "does", "’s", "'s"}


def _disagreeing(doc: Doc, root: Token, heads: list[Token]) -> bool:
    """A verb joined to the first would take a plural subject in the singular ("Reports flooded the media
    that claimed the iPhone 6 Plus was susceptible"; "Obesity rates have doubled and has become"): the
    parser split the sentence in the wrong place, or the article slipped; either way no part stands alone."""
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.tag_ not in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children):
        return False
    for head in heads[1:]:
        if _own_subject(head):
            continue
        finite = [c for c in head.children if c.dep_ in {"aux", "auxpass"}] + [head]
        first = min(finite, key=lambda t: t.i)
        if first.tag_ == "VBZ" or first.lower_ in _SINGULAR_FORMS:
            return True
    return False


def _runs_to_the_end(doc: Doc, kept: list[int]) -> bool:
    """Nothing of the sentence after `kept` but punctuation or the frame that closes it (", he said"):
    "she is fine, and that rumors ... spread on jihadist websites" leaves out the "are untrue" the
    parser hung elsewhere."""
    after = [t for t in doc[max(kept) + 1 :] if not t.is_punct and t.text not in QUOTES]
    return not after or any(t.dep_ == "ROOT" for t in after)


def _interleaved(heads: list[Token], clauses: list[list[Piece]]) -> bool:
    """ "I retract everything, and I apologize to Tiger, Nike, [commissioner] Tim Finchem and the Tour":
    a parser lost in the brackets hung the end of the second clause's list on the first; a clause
    that picks up words after another clause's own words begin is a misparse, not two claims. (A
    joined verb's borrowed subject is not its own: only words under each verb count.)"""
    spans = []
    for k, (head, clause) in enumerate(zip(heads, clauses, strict=True)):
        own = {p for p in clause if isinstance(p, int)}
        if k > 0:
            own &= subtree(head)
        if own:
            spans.append((min(own), max(own)))
    spans.sort()
    return any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans))


def _predicate(doc: Doc, head: Token, root: Token, heads: list[Token], content: set[int]) -> list[Piece]:
    own = subtree(head) & content
    for other in heads:
        if other.i != head.i and other.i in own:
            own -= subtree(other)
    # the "and" that joins this verb to the next one goes; "as well as in Switzerland" keeps its "as"
    starts = {h.left_edge.i for h in heads if h.i != head.i} | {h.i for h in heads if h.i != head.i}
    own -= {c.i for c in head.children if c.dep_ == "cc" and any(c.i < x <= c.i + 3 for x in starts)}
    if head.i != root.i and not any(c.dep_ in _SUBJECTS for c in head.children):
        own |= _subject_tokens(doc, root, content)
        own |= _leading_modifiers(root, content)
        # "would not attend and [would not] speak", "reportedly fled and [reportedly] hid": the modal,
        # the negation and the hedge of the first verb govern a bare verb joined to it.
        present = {c.lower_ for c in head.children}
        own |= {c.i for c in root.children if c.dep_ == "advmod" and c.lower_ in _HEDGES - present and c.i in content}
        if (
            root.pos_ == "AUX"
            and head.tag_ in {"VBN", "JJ"}
            and not any(c.dep_ in {"aux", "auxpass"} for c in head.children)
        ):
            own.add(root.i)  # "was only my opinion and [was] not based on any facts": the copula is shared
        if (
            head.tag_ in {"VB", "VBN", "VBG"}
            and not any(c.dep_ in {"aux", "auxpass"} for c in head.children)
            and head.lower_ not in _PAST_NOT_PARTICIPLE
        ):
            # A participle takes the passive's auxiliaries ("was injured and [was] taken"), never a
            # progressive's ("were expecting it and never denied" is no "were denied").
            passive = any(c.dep_ == "auxpass" for c in root.children)
            wanted = {"aux", "auxpass", "neg"} if head.tag_ != "VBN" or passive else {"neg"}
            shared = [c for c in root.children if c.dep_ in wanted and c.i in content and c.lower_ not in present]
            if head.tag_ == "VB":
                # "have employed an attorney and intend to sue": a bare verb takes a modal ("would"), "do"
                # or "to", never "have" or "be" (no "They have intend")
                shared = [c for c in shared if c.dep_ == "neg" or c.tag_ in {"MD", "TO"} or c.lemma_ == "do"]
            own |= {c.i for c in shared}
        perfect = [
            c for c in root.children if c.dep_ == "aux" and c.i in content and (c.tag_ == "MD" or c.lemma_ == "have")
        ]
        if (
            head.tag_ in {"VBN", "VBD"}
            and head.lower_ not in _PAST_NOT_PARTICIPLE
            and root.tag_ == "VBN"
            and any(c.lemma_ == "have" for c in perfect)
            and not any(c.dep_ in {"aux", "auxpass"} for c in head.children)
        ):
            # "could have bought the truck and [could have] sold it": a perfect, with its modal, governs
            # the past participle joined to it (the tagger often calls that one a past tense)
            own |= {c.i for c in perfect if c.lower_ not in present}
    return list(trim_edges(doc, own))


# Past tenses the tagger may call participles ("has played ... and withdrew"): no "has withdrew".
_PAST_NOT_PARTICIPLE = {"withdrew", "went", "came", "saw", "took", "gave", "wrote", "began", "ran", "knew", "grew",
                        "threw", "drew", "flew", "ate", "fell", "rode", "rose", "spoke", "broke", "chose", "froze",
                        "stole", "woke", "drove", "swore", "tore", "wore", "sang", "rang", "sank", "swam", "drank",
                        "shook", "forgave", "arose", "did", "became", "overcame", "forgot", "got", "hid", "bit",
                        "mistook", "undertook", "shone", "strove", "struck"}  # fmt: skip


def _subject_tokens(doc: Doc, root: Token, content: set[int]) -> set[int]:
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return set()
    return set(trim_edges(doc, subtree(subject) & content))


def _leading_modifiers(root: Token, content: set[int]) -> set[int]:
    """ "On Tuesday, the flood injured 40 and killed 12": the time and place apply to both."""
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    limit = subject.left_edge.i if subject is not None else root.i
    out: set[int] = set()
    for child in root.children:
        if child.i < limit and child.dep_ in {"prep", "npadvmod", "advmod"}:
            out |= subtree(child) & content
    return out


def _non_restrictive(doc: Doc, relcl: Token) -> bool:
    left = relcl.left_edge
    return (
        left.lower_ in _WH
        and left.i > 0
        and doc[left.i - 1].text == ","
        and not _ambiguous_antecedent(relcl)
        and not _indefinite(relcl.head)
    )


def _indefinite(noun: Token) -> bool:
    """ "freed a U.S. hostage, who was not named": "A U.S. hostage was not named" on its own is about any
    hostage; the clause stays with the sentence that says which one."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


def _ambiguous_antecedent(relcl: Token) -> bool:
    """ "the match against Rhenburg, which was due to draw 11,000" and "the dam on the Ostra, which was
    built in 1962": the clause may be about either noun, and the parser's choice is often wrong; such a
    clause stays in its sentence rather than become a claim about the wrong thing."""
    noun = relcl.head
    if noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return True  # "DNA tests on her and the daughter, which showed ...": the tests, or the daughter?
    # (a list of names the parser may read as appositives; not "Rosenberg, 31, who ...": an age)
    listed = [c for c in noun.children if c.dep_ == "conj" or (c.dep_ == "appos" and c.pos_ == "PROPN")]
    if any(noun.i < c.i < relcl.i for c in listed):
        return True  # "made up of A, B, C and D, which includes foreign fighters": D, or all of them?
    if any(c.dep_ in {"acl", "ccomp", "prep"} and noun.i < c.i < relcl.i for c in noun.children):
        # "an indication that it was chlorine, which is heavier than air", "the claims about the actor,
        # who rose to fame ...": the clause may be about the noun inside; which is it?
        return True
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return False
    prep = noun.head
    # the noun just before the preposition counts whatever the parser hung the phrase on: in "the Battery
    # Saver mode in Android 5.0, which can push battery life ..." "in" went to the verb
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    # "the owner registered to the microchip, who stated ...": the phrase hangs on a participle of a noun
    participle = prep.head.dep_ == "acl" and prep.head.head.pos_ in {"NOUN", "PROPN"}
    # "her first date with Phelps after meeting him on Tinder, which involved watching a game": a noun at the
    # end of an adverbial phrase, the clause most often about the event the phrase modifies
    adverbial = prep.head.pos_ == "VERB" and prep.head.dep_ in {"pcomp", "advcl"}
    return (
        prep.head.pos_ in {"NOUN", "PROPN"}
        or participle
        or adverbial
        or (before is not None and before.pos_ in {"NOUN", "PROPN"})
    )


def _relative_clause(doc: Doc, relcl: Token, content: set[int]) -> list[Piece]:
    """ "the dam, which was built in 1962," → "the dam was built in 1962"."""
    pronoun = relcl.left_edge
    if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in relcl.head.children):
        return []  # "Kim has gout, which runs in the family": the parser read "has gout" as a noun phrase
    head = _noun_phrase(doc, relcl.head, content, subtree(relcl))
    # "who identifies himself as Rob but whose last name wasn't released": a second relative clause joined
    # on says its own thing, in words ("whose") that make no sentence after the first one's noun
    second = {
        t
        for c in relcl.children
        if c.dep_ == "conj" and any(w.tag_ in {"WP", "WP$", "WDT"} for w in c.subtree)
        for t in subtree(c) | {s.i for s in relcl.children if s.dep_ == "cc" and s.i < c.i}
    }
    body = trim_edges(doc, (subtree(relcl) & content) - {pronoun.i} - second)
    return [*head, *body] if head and body else []


def _closed_aside(doc: Doc, appos: Token) -> bool:
    """The appositive's own words run to the comma that closes it (or the sentence's end): in "Cpl. Nathan
    Cirillo, a reservist on duty Wednesday, was wounded" the parser hung "Wednesday" elsewhere, and cutting
    the aside would leave it behind."""
    i = appos.right_edge.i + 1
    while i < len(doc) and doc[i].text != "," and not doc[i].is_sent_end:
        if not doc[i].is_punct:
            return False
        i += 1
    return True


def _informative_appositive(doc: Doc, appos: Token) -> bool:
    """ "Anna Berg, the town's mayor, ..." says something checkable about Anna Berg."""
    return (
        appos.head.pos_ == "PROPN"
        and appos.pos_ == "NOUN"
        and appos.i > appos.head.i
        and doc[appos.left_edge.i - 1].text == ","
        # "Leonid Tenkaev, his wife, Galina, their daughter Tanya and grandson Kolya were": a list of people
        # the parser hung on the first, not what the first one is
        and not any(t.dep_ == "conj" and t.head.dep_ == "appos" for t in appos.subtree)
    )


def _noun_phrase(doc: Doc, noun: Token, content: set[int], without: set[int]) -> list[int]:
    drop = set(without)
    for child in noun.children:
        if child.dep_ in {"relcl", "appos"}:
            drop |= subtree(child)
    aside = min((c.i for c in noun.children if c.dep_ in {"relcl", "appos"}), default=None)
    if aside is not None:
        # "Suva, who has a Buy rating on Apple, and a $135 price target, lays out ...": what the parser
        # joined on after the aside is none of the noun's ("Suva,, and a $135 price target has ...")
        # "Oliver Brimo, who appears to be a friend, posted on her profile": nor is a verb after the aside
        # that the parser hung on the noun; nothing after the aside is part of the noun phrase
        for child in noun.children:
            if child.i > aside:
                drop |= subtree(child)
    return trim_edges(doc, (subtree(noun) & content) - drop)


def _among(doc: Doc, prep: Token, content: set[int]) -> tuple[list[Piece], set[int]]:
    """ ", among them the town's mayor" → "the town's mayor was among the 12 killed by the flood"."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    verb = prep.head
    if not objects or objects[0].lower_ not in {"them", "those", "whom"} or verb.pos_ not in {"VERB", "AUX"}:
        return [], set()
    member = next(
        (c for c in verb.children if c.i > prep.i and c.dep_ in {"dobj", "npadvmod", "appos", "attr", "oprd"}),
        None,
    )
    if member is None:
        member = next((c for c in prep.children if c.dep_ == "appos"), None)
    group = next((c for c in verb.children if c.i < prep.i and c.dep_ in {"dobj", "nsubjpass", "attr"}), None)
    if member is None or group is None:
        return [], set()
    pieces: list[Piece] = [
        *trim_edges(doc, subtree(member) & content),
        "was among the",
        *trim_edges(doc, subtree(group) & content),
    ]
    pieces.append(verb.i)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        pieces += ["by", *trim_edges(doc, subtree(subject) & content)]
    used = subtree(prep) | subtree(member) | _bordering_commas(doc, prep)
    return pieces, used


def _bordering_commas(doc: Doc, token: Token) -> set[int]:
    left, right = token.left_edge.i - 1, token.right_edge.i + 1
    return {i for i in (left, right) if 0 <= i < len(doc) and doc[i].text == ","}
