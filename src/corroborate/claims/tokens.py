"""Claims built from tokens: a claim is a list of pieces, each a token of the parsed sentence or
inserted text ("is", a resolved name), rendered back into a sentence and mapped to its spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "QUOTES",
    "Piece",
    "open_whose_clause",
    "render",
    "spans",
    "subtree",
    "trim_edges",
    "well_formed",
    "with_closed_aside",
    "without_aside_remains",
    "without_dangling_and",
]

Piece = Union[int, str]  # noqa: UP007 - a token index into the sentence's Doc, or inserted text

QUOTES = {'"', "“", "”", "‘", "’", "'", "``", "''"}
_LEADING_JUNK = {",", ";", ":", "-", "—", "–", "and", "but", "or", "that", "so", "yet"}
# Words that are junk at the start of a claim only as conjunctions: "That is the trend" and
# "so-called corridors" keep theirs.
_CONJUNCTION_ONLY = {"that", "so", "yet"}
# Sentence adverbs that link to the sentence before: left off the start of a claim, with their comma.
_BACK_REFERRING = {"instead", "however", "meanwhile", "moreover", "furthermore", "additionally", "nevertheless",
                   "nonetheless", "therefore", "thus", "hence", "besides", "lastly", "finally", "elsewhere", "still",
                   "also", "then", "regardless"}  # fmt: skip
# "Yes, a man named Fidel Castro has died": the answer to a question the claim lacks
_INTERJECTIONS = {"yes", "no", "well", "indeed", "oh"}
_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
_LINKING_PHRASES = (
    "for example",
    "for instance",
    "in addition",
    "as a result",
    "on the other hand",
    "in other words",
    "even so",
    "you see",
    "in fact",
    "of course",
    "that said",
    "by contrast",
    "in contrast",
    "after all",
    "by comparison",
    "first up",
    "simply put",
    "you know",
    "adding to the confusion",
    "to make matters worse",
    "that is",
)
_PRESUPPOSING_MARKS = {"whereas", "though", "although", "because", "since", "as", "while", "when", "after"}
_TRAILING_JUNK = {",", ";", ":", "-", "—", "–", "and", "but", "or"}
_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]]|'s\b|n't\b|’s\b)")


def subtree(token: Token | Span) -> set[int]:
    """Indices of the token's subtree (for a span: of its root)."""
    root = token.root if hasattr(token, "root") else token
    return {t.i for t in root.subtree}


def trim_edges(doc: Doc, indices: Iterable[int]) -> list[int]:
    """Sorted indices without leading conjunctions and dangling punctuation at either edge; quotation
    marks inside the claim stay when they pair up (the words are someone's: 'a “radically new design”'),
    any others go."""
    indices = set(indices)
    kept = sorted(i for i in indices if not _quote_mark(doc, i))
    while kept and (
        _leading_junk(doc, kept[0])
        or (doc[kept[0]].is_punct and not _opens_pair(doc, kept))
        or _lone_subordinate_mark(doc, kept[0], indices)
    ):
        kept.pop(0)
    link = " ".join(doc[i].lower_ for i in kept[:6])
    if cut := next((len(p.split()) for p in _LINKING_PHRASES if link.startswith(p + " ,")), 0):
        # "For example, Apple's design is less attractive": a link to the sentence before, which the claim lacks
        kept = kept[cut + 1 :]
    while kept and (
        doc[kept[-1]].lower_ in _TRAILING_JUNK
        or (doc[kept[-1]].is_punct and not _unit(doc, kept[-1]) and not _closes_pair(doc, kept))
    ):
        kept.pop()
    ending = " ".join(doc[i].lower_ for i in kept[-3:])
    if len(kept) > 4 and ending in {", for example", ", for instance"}:
        kept = kept[:-3]  # "Many students go by an English name, for example": an example of what the claim lacks
    if kept:
        inner = [i for i in indices if kept[0] < i < kept[-1] and _quote_mark(doc, i)]
        closing = _closing_quotation(doc, indices, kept[-1])
        if closing and inner and _paired(doc, [*inner, closing[-1]]):
            # 'he asked investors, “Why do we need preservatives?”': the quoted question ends the claim;
            # 'telling his shooter, “Make sure he doesn't see you.”': so does a quoted sentence
            kept = sorted([*kept, *inner, *closing])
        elif inner and _paired(doc, inner):
            kept = sorted([*kept, *inner])
        elif len(inner) == 1 and _opens_unclosed_quotation(doc, inner[0]):
            # 'Hunter responded, “Yes. ...' (the quotation goes on in the next sentence): the claim keeps its
            # opening mark and `render` closes it, so the words stay the speaker's
            kept = sorted([*kept, *inner])
    return kept


def _opens_unclosed_quotation(doc: Doc, i: int) -> bool:
    """An opening mark after the claim's first words whose quotation the sentence never closes."""
    if doc[i].text not in {"“", '"', "``"} or i == 0:
        return False
    marks = [t.i for t in doc if t.text in {"“", "”", '"', "``", "''"} and _quote_mark(doc, t.i)]
    return marks[-1] == i and (doc[i].text == "“" or len(marks) % 2 == 1)


def _closing_quotation(doc: Doc, indices: set[int], last: int) -> list[int]:
    """The closing quotation mark right after the claim's last word, with the "?", "!", full stop or
    comma before it ('... preservatives?”', '... see you.”') or alone ('... all well”.'), when the claim
    holds them: a quotation the claim opened ends there."""
    mark = last + 1
    if mark < len(doc) and doc[mark].text in {"?", "!", ".", ","}:
        mark += 1
    # (the sentence's own closing mark too, which the parser may hang on its main verb)
    closes_sentence = all(t.is_punct or t.text in QUOTES for t in doc[last + 1 :])
    if mark < len(doc) and (set(range(last + 1, mark + 1)) <= indices or closes_sentence) and _closing_mark(doc, mark):
        return list(range(last + 1, mark + 1))
    return []


def _closing_mark(doc: Doc, i: int) -> bool:
    return doc[i].text in {"”", '"', "''"} and _quote_mark(doc, i)


def _opens_pair(doc: Doc, kept: list[int]) -> bool:
    """ "[The Kurds] are ...": the article's own bracket, closed inside the claim."""
    return doc[kept[0]].text == "[" and any(doc[i].text == "]" for i in kept[1:])


def _closes_pair(doc: Doc, kept: list[int]) -> bool:
    return doc[kept[-1]].text == "]" and any(doc[i].text == "[" for i in kept[:-1])


def _unit(doc: Doc, i: int) -> bool:
    """ "45%", "(2014)": a sign that belongs to the number or phrase before it, not punctuation."""
    return doc[i].text in {"%", "‰", "°", ")"} and i > 0 and not doc[i - 1].is_punct


def _quote_mark(doc: Doc, i: int) -> bool:
    """A quotation mark, not the apostrophe of "Somers' status" (which a 'single-quoted' word before it
    would make a closing quote)."""
    token = doc[i]
    if token.text not in QUOTES:
        return False
    attached = i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text.endswith("s") and token.text in {"'", "’"}
    if (token.tag_ != "POS" and not attached) or i == 0 or not doc[i - 1].text.endswith("s"):
        return True
    return any(doc[j].text in {"'", "‘"} and doc[j].tag_ != "POS" for j in range(max(0, i - 6), i))


def _paired(doc: Doc, marks: list[int]) -> bool:
    """Opening and closing marks alternate: “ ” “ ”, or an even run of straight ones."""
    texts = [doc[i].text for i in sorted(marks)]
    if all(t in {'"', "``", "''"} for t in texts):
        return len(texts) % 2 == 0
    return texts == ["“", "”"] * (len(texts) // 2) and len(texts) % 2 == 0


def _lone_subordinate_mark(doc: Doc, i: int, indices: set[int]) -> bool:
    """ "Since the display will often be off", "Whereas Baghdadi has done an amazing amount": a conjunction
    that takes for granted what follows, opening a clause the claim holds without the clause it hangs on
    (not "if", "unless", "before": what follows them need not be so)."""
    token = doc[i]
    if token.lower_ not in _PRESUPPOSING_MARKS or token.dep_ != "mark":
        return False
    clause = token.head
    last = max(t.i for t in clause.subtree if not t.is_punct)
    if token.lower_ == "whereas" and last + 1 < len(doc) and doc[last + 1].text in {":", "—", "–", "-"}:
        # "Whereas Baghdadi has done an amazing amount — he has captured cities": a contrast with the sentence
        # before, which the parser hung on what the dash or colon opens
        return True
    return clause.head.i == clause.i or clause.head.i not in indices


def _determines_a_noun(doc: Doc, i: int) -> bool:
    """ "that" before a singular common noun with no determiner of its own is a determiner ("that user
    appears"), whatever the parser made of it: a clause needs one ("that the user appears")."""
    if i + 1 >= len(doc) or doc[i + 1].pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return False
    noun = doc[i + 1] if doc[i + 1].tag_ == "NN" else doc[i + 1].head
    return (
        noun.tag_ == "NN"
        and noun.i > i
        and all(doc[j].pos_ in {"NOUN", "PROPN", "ADJ"} for j in range(i + 1, noun.i + 1))
        and not any(c.dep_ in {"det", "poss"} for c in noun.children)
    )


def _leading_junk(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.lower_ in _BACK_REFERRING:
        # "Instead, the machine's sides will ...": a link to the sentence before, which the claim lacks
        return i + 1 < len(doc) and doc[i + 1].text == "," and token.dep_ == "advmod"
    if token.lower_ in _INTERJECTIONS:
        return i + 1 < len(doc) and doc[i + 1].text == "," and token.dep_ in {"intj", "advmod"}
    if token.lower_ not in _LEADING_JUNK:
        return False
    if token.lower_ == "so" and i + 1 < len(doc) and doc[i + 1].lower_ == "far":
        return False  # "So far, donations have reached $56,000": no conjunction, and "Far, ..." is no English
    if token.lower_ == "that" and _determines_a_noun(doc, i):
        return False  # "However, that Twitter user appears to have seen Rudd": "that" says which user
    if token.lower_ == "that" and [t.lower_ for t in doc[i + 1 : i + 3]] == ["is", ","]:
        return False  # "That is, if ...": a linking phrase, left off whole below (not "Is, if ...")
    if token.lower_ in _CONJUNCTION_ONLY:
        hyphenated = i + 1 < len(doc) and doc[i + 1].text == "-"
        return token.dep_ in {"mark", "cc", "advmod"} and not hyphenated and token.pos_ != "PRON"
    return True


def _past_conjunct(token: Token) -> bool:
    """ "closed the road, opened shelters": the tagger often calls the second of two past-tense verbs a
    participle; joined to a past-tense verb and with no auxiliary of its own, it is past tense too."""
    return (
        token.tag_ == "VBN"
        and token.dep_ == "conj"
        and token.head.tag_ == "VBD"
        and not any(c.dep_ in {"aux", "auxpass"} for c in token.children)
    )


def _past_with_subject(token: Token) -> bool:
    """ "The old dam held for 40 years": a past tense the tagger called a participle, though it has a
    subject of its own and no auxiliary (a participle would have "had", "was" or no subject)."""
    return (
        token.tag_ == "VBN"
        and token.dep_ in {"ROOT", "ccomp", "conj"}
        and any(c.dep_ == "nsubj" for c in token.children)
        and not any(c.dep_ in {"aux", "auxpass"} for c in token.children)
    )


def _present_conjunct(token: Token) -> bool:
    """ "They have hired a lawyer and intend to sue": a bare verb joined to a present perfect, with no
    auxiliary of its own, is present tense (the tagger calls it a base form)."""
    return (
        token.tag_ == "VB"
        and token.dep_ == "conj"
        and not any(c.dep_ in {"aux", "auxpass"} for c in token.children)
        and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBP" for c in token.head.children)
    )


# A noun-rooted "sentence" this short is a heading or a caption; a longer one is more likely a misparse.
_HEADING_WORDS = 12
_WH_OPENERS = {"how", "whether", "why", "wherein"}
_ELLIPTICAL = {"have", "do", "be", "will", "would", "can", "could", "should", "may", "might", "must", "shall"}


def _title_case(doc: Doc, indices: set[int], opening: Token) -> bool:
    """Written as a headline: most of the words that are no names are capitalised, three of them at least."""
    content = [
        doc[i]
        for i in indices
        if i != opening.i
        and doc[i].is_alpha
        and doc[i].pos_ in {"NOUN", "VERB", "AUX", "ADJ", "ADV"}
        and not (i > 0 and doc[i - 1].text == "[")  # (a clarification the claim put in: "[Tiger] Woods")
    ]
    capitalised = [t for t in content if t.text[:1].isupper()]
    return len(capitalised) >= 3 and len(capitalised) >= 0.6 * len(content)


def well_formed(doc: Doc, pieces: Sequence[Piece]) -> bool:
    """False for a fragment that would read as broken English: a finite verb left without its
    subject ("Carried over to ...", "Is the trend of today"), or a claim opening on a clitic ("'s")."""
    indices = {p for p in pieces if isinstance(p, int)}
    if not indices or any(isinstance(p, str) for p in pieces):
        return bool(indices)
    first = doc[min(indices)]
    if first.text in {"'s", "’s", "n't"}:
        return False
    if not any(
        doc[i].tag_ in {"VBD", "VBZ", "VBP", "MD"}
        or _past_conjunct(doc[i])
        or _present_conjunct(doc[i])
        or _past_with_subject(doc[i])
        for i in indices
    ):
        return False  # "Texas turkey farm.", "Officers rushing down the hallway": no statement without a verb
    opening = next(doc[i] for i in sorted(indices) if not doc[i].is_punct and doc[i].text not in QUOTES)
    if _title_case(doc, indices, opening):
        return False  # "Willie Nelson Death Hoax Dismissed Since Guitarist Is Alive": a headline, a related link
    if opening.lower_ == "pictured" or any(
        doc[i].lower_ == "pictured"
        and doc[i].dep_ == "ROOT"
        and not any(c.dep_ in {"aux", "auxpass"} for c in doc[i].children)
        for i in indices
    ):
        return False  # "Kim Jong Un pictured visiting a mushroom farm", "Pictured is ...": a picture's caption
    if opening.lower_ == "especially" or (
        opening.lower_ == "hardly" and opening.i + 1 < len(doc) and doc[opening.i + 1].text == ","
    ):
        return False  # "Especially in a time where ...", "Hardly, if we take ...": a remark on the sentence before
    if opening.pos_ in {"AUX", "VERB"} and not any(doc[i].dep_ in _SUBJECTS for i in indices):
        return False  # "Can't believe this.", "Stop believing what you see": no one says anything of anyone
    root = next((doc[i] for i in indices if doc[i].head.i not in indices or doc[i].head.i == i), None)
    if root is not None and any(
        c.dep_ == "mark" and c.i in indices and c.lower_ in _PRESUPPOSING_MARKS and c.i > min(indices)
        for c in root.children
    ):
        return False  # "Perhaps because Father O'Neal doesn't exist.": a reason, given for what the claim lacks
    if first.lower_ in _WH_OPENERS and root is not None and first.head.i in {root.i, *(c.i for c in root.children)}:
        return False  # "How big this became.", "Whether he knew": a wh-clause states nothing
    if (
        root is not None
        and first.head.i == root.i
        and (first.lower_ == "where" or (first.lower_ == "which" and first.dep_ in _SUBJECTS))
    ):
        return False  # "Where the attacks occurred.", "Which is a claim that ...": a clause cut from its host
    if (
        root is not None
        and root.lemma_ in _ELLIPTICAL
        and root.pos_ in {"AUX", "VERB"}
        and not any(c.i in indices and c.dep_ not in _SUBJECTS | {"punct", "neg", "advmod"} for c in root.children)
        and all(doc[i].is_punct or doc[i].text in QUOTES for i in indices if i > root.i)
    ):
        return False  # "[Dan Olsen] had.": a verb whose words the sentence left out
    words = {t.i for t in doc if not t.is_punct and t.text not in QUOTES}
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if (
        root is not None
        and root.i in indices
        and root.pos_ in {"NOUN", "PROPN", "NUM"}
        and len(indices & words) <= _HEADING_WORDS
    ):
        return False  # "People we've lost in 2014.": a noun phrase whose verbs only describe it, a heading
    if words <= indices and root is not None and any(t.pos_ in {"NOUN", "PROPN"} for t in doc[: root.i]):
        return True  # the whole sentence as written, its subject somewhere the parser did not hang it
    if any(
        doc[i].tag_ in {"VBD", "VBZ", "VBP"}
        and doc[i].dep_ == "conj"
        and doc[i].head.pos_ == "PROPN"
        and not any(c.dep_ in _SUBJECTS and c.i in indices for c in doc[i].children)
        for i in indices
    ):
        return False  # "Mohammed Nabi and later worked as ...": a verb the parser joined to a name, no statement
    heads = [doc[i] for i in indices if doc[i].head.i not in indices or doc[i].head.i == i]
    for head in heads:
        if (
            head.tag_ == "VBG"
            and head.dep_ == "conj"
            and any(c.dep_ in _SUBJECTS and c.i in indices for c in head.children)
            and not any(c.dep_ in {"aux", "auxpass"} for c in head.children)
        ):
            return False  # "Thunderbolt and MagSafe charging standards ...": a list the parser read as a clause
        if head.pos_ not in {"VERB", "AUX"} or (
            head.tag_ not in {"VBD", "VBZ", "VBP", "MD"}
            and not _present_conjunct(head)
            and not _past_with_subject(head)
        ):
            continue
        if head.dep_ in {"aux", "auxpass", "neg", "mark", "cc", "advmod", "punct"}:
            continue  # an auxiliary carried over to a joined verb ("was injured and [was] taken")
        verb = head  # "the flood injured 40 and killed 12": "killed" shares the subject of "injured"
        while not any(c.i in indices and _subject_of(c, verb) for c in verb.children):
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                return False
            verb = verb.head
        if verb is not head and head.tag_ == "VBZ" and _plural_subject(verb):
            return False  # "many of the parents are blaming administrators and chaperones ...": a noun read as a verb
    return True


def _plural_subject(verb: Token) -> bool:
    """The subject of `verb` is plural ("many of the parents", "officials", "Lind and Vogel")."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    return (
        subject.tag_ in {"NNS", "NNPS"}
        or subject.lower_ in {"many", "they", "we", "some", "both", "several", "few", "most"}
        or any(c.dep_ == "conj" for c in subject.children)
    )


def _subject_of(child: Token, verb: Token) -> bool:
    """A subject of `verb`, or a noun before it the parser left unlabelled ('The term "18-karat gold," he
    says, likely means ...': "term" hangs on "means" as a bare dependent)."""
    return child.dep_ in _SUBJECTS or (child.dep_ == "dep" and child.pos_ in {"NOUN", "PROPN"} and child.i < verb.i)


def open_whose_clause(doc: Doc, pieces: Sequence[Piece]) -> bool:
    """ "A member of the band, whose first hit sold a million copies." and "..., whose first hit Blue Road
    died Monday", from "A member of the band, whose first hit sold a million copies, died Monday": a
    clause ", whose ..., " of the sentence that the claim opens and does not keep whole to its closing
    comma. The parser took the clause's verb for the sentence's own; cut there, neither part is a sentence."""
    indices = {p for p in pieces if isinstance(p, int)}
    for i in sorted(indices):
        if doc[i].lower_ != "whose" or i == 0 or doc[i - 1].text != ",":
            continue
        close = next((t.i for t in doc[i + 1 :] if t.text == ","), None)
        goes_on = close is not None and any(not doc[j].is_punct for j in range(close + 1, len(doc)))
        if goes_on and close is not None and not all(j in indices for j in range(i, close + 1)):
            return True
    return False


def without_dangling_and(doc: Doc, pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces without an "and" that joins nothing: "Ahmed Karimi, who served in Herat, and later worked
    in Kabul", the article's own slip, gives "Ahmed Karimi later worked in Kabul", not "Ahmed Karimi and
    later worked": only an "and" after the aside on the subject of the verb that follows it, which the
    parser hung on that subject."""
    drop = {
        p
        for p in pieces
        if isinstance(p, int)
        and doc[p].dep_ == "cc"
        and doc[p].head.dep_ in {"nsubj", "nsubjpass"}
        and not any(c.dep_ == "conj" for c in doc[p].head.children)
        and doc[p].head.i < p < doc[p].head.head.i
        and p > 0
        and doc[p - 1].text == ","
        and any(c.dep_ in {"relcl", "appos"} and c.i < p for c in doc[p].head.children)
        # only adverbs and auxiliaries between it and the verb: "Anna Berg, who ..., and her brother sued"
        # joins a second subject the parser failed to link
        and all(t.pos_ in {"ADV", "AUX", "PART"} for t in doc[p + 1 : doc[p].head.head.i])
    }
    return [p for p in pieces if p not in drop]


def with_closed_aside(doc: Doc, pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces with the comma that closes an appositive on the subject, when the cut dropped it with
    the verb it was hung on: "Dan Olsen, a former-ish PGA Golfer, went on the radio and lobbed grenades"
    gives "Dan Olsen, a former-ish PGA Golfer, lobbed grenades", not "... Golfer lobbed grenades"."""
    kept = {p for p in pieces if isinstance(p, int)}
    closing: set[int] = set()
    for p in kept:
        aside = doc[p]
        opening, end = aside.left_edge.i - 1, aside.right_edge.i + 1
        if (
            aside.dep_ != "appos"
            or aside.head.dep_ not in {"nsubj", "nsubjpass"}
            or opening not in kept
            or doc[opening].text != ","
            or end >= len(doc)
            or doc[end].text != ","
            or end in kept
        ):
            continue
        following = min((i for i in kept if i > end), default=None)
        if following is not None and doc[following].pos_ in {"VERB", "AUX", "ADV"}:
            closing.add(end)
    if not closing:
        return list(pieces)
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, int):
            out.extend(c for c in sorted(closing) if c < piece and c not in out)
        out.append(piece)
    return out


def without_aside_remains(doc: Doc, pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces without what the parser cut off a relative clause left out of the claim, up to the
    comma that closes it: "Danny Boyle, who made Trainspotting and 28 Days Later, is directing" gives
    "Danny Boyle is directing", not "Danny Boyle 28 Days Later, is directing"."""
    kept = {p for p in pieces if isinstance(p, int)}
    drop: set[int] = set()
    for clause in doc:
        opening = clause.left_edge.i - 1
        if clause.dep_ != "relcl" or clause.i in kept or opening < 0 or doc[opening].text != "," or opening in kept:
            continue
        closing = next((t.i for t in doc[clause.right_edge.i + 1 :] if t.text == ","), None)
        remains = range(clause.right_edge.i + 1, closing) if closing is not None else range(0)
        if (
            closing is not None
            and remains
            and all(i in kept for i in remains)
            and not any(doc[i].pos_ in {"VERB", "AUX"} or doc[i].dep_ in {"nsubj", "ROOT"} for i in remains)
        ):
            drop.update(remains)
            drop.add(closing)
    return [p for p in pieces if p not in drop]


_DOUBLED_ARTICLE = re.compile(r"\b(the|a|an) \1\b", re.I)


def _orphan_commas(doc: Doc, pieces: Sequence[Piece]) -> set[int]:
    """Commas of an aside the claim cut without its other comma, between a subject and its verb: "The
    41-year-old, [who is intersex,] was born" keeps no comma there ("When the dam broke, [Lena Voss said,]
    the water rose" keeps its one: no subject ends before it)."""
    out: set[int] = set()
    for k, piece in enumerate(pieces):
        if not isinstance(piece, int) or doc[piece].text != "," or not 0 < k < len(pieces) - 1:
            continue
        before, after = pieces[k - 1], pieces[k + 1]
        if not isinstance(before, int) or not isinstance(after, int):
            continue
        cut_after = after > piece + 1 and doc[after - 1].text == "," and doc[piece + 1].text != ","
        cut_before = before < piece - 1 and doc[before + 1].text == "," and doc[piece - 1].text != ","
        if (cut_after or cut_before) and _ends_subject_of(doc, before, after, pieces):
            out.add(piece)
    return out


def _ends_subject_of(doc: Doc, last: int, verb_from: int, pieces: Sequence[Piece]) -> bool:
    """Token `last` ends a subject whose verb is at or after `verb_from`, and no comma of the claim sets
    off a part of that subject ("Rosenberg, 31," and "Anna Berg, the mayor," close their own aside)."""
    subject = next((t for t in [doc[last], *doc[last].ancestors] if t.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.head.i < verb_from or doc[last].like_num:
        return False
    inside = {i for i in pieces if isinstance(i, int) and subject.left_edge.i <= i < last}
    return not any(doc[i].text == "," for i in inside)


def render(doc: Doc, pieces: Sequence[Piece], replacements: dict[int, str] | None = None) -> str:
    """The claim as a sentence: capitalised, one final full stop, tokens rejoined as written."""
    replacements = replacements or {}
    skipped = {i for i, text in replacements.items() if text == ""}
    out: list[str] = []
    previous: int | None = None
    words_out = False  # a word (not a bracket or a quotation mark) is already in the claim
    first_word = next((t.i for t in doc if t.text not in QUOTES and not t.is_punct), -1)
    skipped |= _orphan_commas(doc, [p for p in pieces if not (isinstance(p, int) and p in skipped)])
    for piece in pieces:
        if isinstance(piece, str):
            out.append(" " + piece)
            words_out = words_out or piece not in {",", "[", "]"}
            previous = None
            continue
        if piece in skipped:
            continue
        token = doc[piece]
        gap = "" if previous is not None and piece == previous + 1 and not doc[previous].whitespace_ else " "
        text = replacements.get(piece, token.text)
        if piece == first_word and words_out and piece not in replacements and not _keeps_capital(token):
            text = text.lower()  # the sentence's first word, no longer first in the claim
        out.append(gap + text)
        words_out = words_out or not token.is_punct
        previous = piece
        if _open_age(doc, piece, pieces):
            out.append(",")  # "Rosenberg, 31, is believed ...": the age's closing comma, cut with a clause after it
    # a byte the source could not decode ("\ufffd@AnchovyWarhol") is no part of what anyone wrote
    text = _NO_SPACE_BEFORE.sub(r"\1", " ".join("".join(out).replace("\ufffd", "").split()))
    text = text.strip(" ,;:-—–").rstrip(".!?").strip(" ,;:-—–")
    if text.count("(") > text.count(")"):
        text += ")"  # a cut ended inside a parenthesis
    elif ")" in text and text.index(")") < (text.index("(") if "(" in text else len(text)):
        text = text.replace(")", "", 1)  # "(The) Prime Minister": a cut began inside one
    if not text:
        return ""
    text = _DOUBLED_ARTICLE.sub(r"\1", text)  # "was the 'the principal target'", its quotation marks gone
    if text.count("“") > text.count("”") or (text.count('"') % 2 and "“" not in text):
        # a quotation the claim opens runs on into the next sentence: the claim closes it where it ends
        return text[0].upper() + text[1:] + (".”" if "“" in text else '."')
    text = re.sub(r",([”\"])$", r".\1", text)  # 'saying simply, “No,”' ends as a sentence
    if re.search(r"[.?!][”\"]$", text):
        return text[0].upper() + text[1:]  # a quoted question or sentence ends the claim: its own mark ends it
    return text[0].upper() + text[1:] + "."


def _open_age(doc: Doc, i: int, pieces: Sequence[Piece]) -> bool:
    """Token `i` is an age set off after a name ("Rosenberg, 31,") whose closing comma the claim lost."""
    token = doc[i]
    if not token.like_num or i < 2 or doc[i - 1].text != "," or (i - 1) not in pieces:
        return False
    if token.head.i != i - 2 or token.head.pos_ != "PROPN" or i + 1 >= len(doc) or doc[i + 1].text != ",":
        return False
    at = list(pieces).index(i)
    after = next((p for p in list(pieces)[at + 1 :] if isinstance(p, int)), None)
    return after is not None and after != i + 1 and not doc[after].is_punct


def _keeps_capital(token: Token) -> bool:
    """A name, a people's adjective ("Scottish") or an acronym ("WHO", "INETER") keeps its capitals."""
    text = token.text
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    # "Woods’ agent": a capitalised word that owns something is a name, whatever the tagger said
    possessor = after is not None and after.text in {"’", "'", "'s", "’s"} and not token.whitespace_
    return (
        token.pos_ == "PROPN"
        or text == "I"
        or bool(token.ent_type_)
        or (len(text) > 1 and text.isupper())
        or (possessor and text[:1].isupper())
    )


def spans(doc: Doc, pieces: Sequence[Piece], offset: int) -> tuple[tuple[int, int], ...]:
    """Character ranges (offset added) of the tokens among `pieces`, adjacent tokens merged."""
    out: list[list[int]] = []
    for i in sorted(p for p in pieces if isinstance(p, int)):
        start, end = doc[i].idx + offset, doc[i].idx + len(doc[i].text) + offset
        if out and (i == out[-1][2] + 1):
            out[-1][1], out[-1][2] = end, i
        else:
            out.append([start, end, i])
    return tuple((s, e) for s, e, _ in out)
