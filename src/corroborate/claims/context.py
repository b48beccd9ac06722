"""Make a claim stand alone without putting words in the article's mouth.

A reference is replaced only on strong evidence, and the inserted words are marked in square
brackets, as reporters mark a clarified quote ("[Kim Yo Jong] may be one of ..."):
- "he"/"she"/"him"/"his"/"her" → the one person named in the last sentences, when exactly one was
  (with a gender that agrees, when the article shows one: "Mr", "Ms", "actress", ...), and never
  inside a quotation;
- "the ministry"-style references → the one organisation (or place) of the article whose name
  holds the word, when exactly one does;
- a surname alone → "[Anna] Berg" when one person of the whole article has that surname (a headline
  names people in full only further down), a given name alone → "Tiger [Woods]";
- relative dates → absolute with the document's date.
Everything else that needs context keeps the article's words; some get a note the reports show:
"the spider" → how the article first named one in words that say which ("probably the spider that
had crawled under his skin"); "we" in the words of someone who holds a role in an organisation →
that organisation; "he" inside a quotation → the one person it can be; "he" among several people →
the likeliest (named before it in the sentence, the last subject, the article's main person), unless
the sentence before named another. An "it" or "they" is resolved only as the one subject of the
sentence before. spaCy's small English model has no coreference component: this is a recency and
salience heuristic with vetoes, tuned to be wrong rarely rather than to resolve often; the blind
reference annotation of `bench claims-news` measures it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from corroborate.claims.dates import is_relative_date, resolve_date
from corroborate.claims.gender import first_name_gender, gender_near, is_first_name, is_person_word, noun_gender
from corroborate.claims.names import is_country, is_title_before_name
from corroborate.claims.tokens import QUOTES, Piece
from corroborate.records import Resolution

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["NEWS_OUTLET", "Context", "Resolved", "clean_name", "quote_states", "quoted_tokens"]

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_FEMALE_PRONOUNS = {"she", "her", "hers"}
_HE, _SHE = {"he", "him", "his"}, {"she", "her", "hers"}
_THING_PRONOUNS = {"it", "its"}
_FIRST_PLURAL = {"we", "us", "our", "ours"}
_FIRST_SINGULAR = {"i", "me", "my", "mine"}
# The sentences in which a writer who speaks as "I" has done so.
_FIRST_PERSON_LEAD = 3
_PLURAL_PRONOUNS = {"they", "them", "their"}
_ORG_NOUNS = {"unit", "company", "firm", "group", "agency", "ministry", "department", "organisation",
              "organization", "authority", "battalion", "regiment", "brigade", "team", "club", "council",
              "court", "bank", "government", "party", "airline", "hospital", "university", "union",
              "board", "committee", "commission", "operator", "utility", "insurer", "carrier", "force",
              "service", "institute", "charity", "manufacturer", "retailer", "lab",
              "laboratory", "startup", "developer", "studio", "publisher", "broadcaster", "network"}  # fmt: skip
# "the company": the article's main organisation, when it has one, is the likely referent.
_COMPANY_NOUNS = {"company", "firm", "chain", "retailer", "manufacturer", "carrier", "airline", "operator", "startup",
                  "insurer", "publisher", "broadcaster"}  # fmt: skip
_PLACE_NOUNS = {"city", "town", "village", "country", "region", "province", "state", "district", "county",
                "municipality", "island", "capital"}  # fmt: skip
_ORG_LABELS = {"ORG", "NORP"}
# Roles whose "we" is their field or profession, not the institution they work at.
_SCHOLARS = re.compile(r"\b(?:professor|researcher|lecturer|scientist|student|fellow|expert|analyst|scholar)s?\b")
# The name of a news outlet: "The Mail on Sunday", "NBC News", "9to5mac.com".
NEWS_OUTLET = re.compile(
    r"\b(?:Times|Post|News|Daily|Journal|Herald|Mail|Mirror|Star|Sun|Telegraph|Guardian|Independent|Tribune|"
    r"Courier|Gazette|Observer|Express|Record|Chronicle|Inquirer|Register|Examiner|Globe|Press|Reuters|"
    r"Associated Press|BBC|CNN|NBC|ABC|CBS|Fox News|MSNBC|NPR|Sky News|Al Jazeera|Bloomberg|AFP|Xinhua|Kyodo|"
    r"Yonhap|TASS|Interfax|KCNA|Magazine|Weekly|Radio|TV|Television|Insider|Daily Beast|TheWrap|Variety|"
    r"Time|TIME|Newsweek|Politico|Slate|Salon|Gawker|BuzzFeed|HuffPost|Huffington|Mashable|Wired|Forbes|Vox)\b"
    r"|\.(?:com|net|org|co\.uk)\b"
)
_SETTLEMENTS = {"town", "city", "village", "municipality"}
# Faiths the tagger may take for a group or a people, and "of" before them for a place.
_FAITHS = {"Islam", "Christianity", "Judaism", "Buddhism", "Hinduism", "Sikhism", "Catholicism", "Protestantism"}
_PLACE_PREPOSITIONS = {"in", "to", "from", "at", "near", "across", "outside", "around", "of"}
# A pronoun is resolved only from the people named in this many sentences before it (and its own).
_WINDOW = 3
_OPEN_QUOTES, _CLOSE_QUOTES, _BOTH_QUOTES = {"“"}, {"”"}, {'"', "``", "''"}


@dataclass(frozen=True)
class Resolved:
    """Token replacements for one claim (`""` drops a token), what was resolved, what was not."""

    replacements: dict[int, str]
    resolutions: tuple[Resolution, ...]
    notes: tuple[str, ...]
    # References the claim keeps with neither a bracket nor a note ("He is being treated for gout"):
    # without the article, no reader can tell who or what they are.
    open: tuple[str, ...] = ()


@dataclass
class _Mention:
    text: str
    label: str  # an entity label, or SUBJ / SUBJ_PL for a subject noun phrase
    person: bool = False
    sentence: int = 0


@dataclass
class Context:
    """What the article has named so far; `observe` each sentence after its claims are resolved."""

    document_date: date | None
    mentions: list[_Mention] = field(default_factory=list)
    # One-word names seen after "in", "to", "from"...: places, whatever the tagger said (the small
    # model often tags an unknown town as a person).
    places: set[str] = field(default_factory=set)
    # Person → "m" or "f", where the article shows it.
    genders: dict[str, str] = field(default_factory=dict)
    sentence: int = 0
    # Noun lemma → the descriptions the article gave it ("video" → ("", "released by the captors", False)).
    descriptions: dict[str, set[tuple[str, str, bool]]] = field(default_factory=dict)
    # The full names of the people the whole article names, in order: a headline's "Putin" or a
    # lede's "Somers" is named in full only further down.
    people: tuple[str, ...] = ()
    # The person the last sentence was about (its subject), by full name, however the tagger read it.
    subject_person: str | None = None
    # Every word of every full person name the tagger found, acting or not.
    name_words: frozenset[str] = frozenset()
    # How often each person of `people` was named so far (by any form of the name, whatever the tagger
    # said) or followed as "he"/"she".
    named_times: dict[str, int] = field(default_factory=dict)
    # (noun lemma, tag) → how the article first named such a thing in words that tell which one ("the
    # spider" → "a spider that had made its way into his abdomen"): the likely referent of a later
    # "the spider", given as a note, never put into the claim.
    first_named: dict[tuple[str, str], str] = field(default_factory=dict)
    # (noun lemma, tag) of the things the article brought in as "a video", named or not: a later "the
    # video" is that one, never a thing of a kindred word ("a clip of Obama" within it)
    introduced: set[tuple[str, str]] = field(default_factory=set)
    # Sentences with an "it" that means a thing ("Forbes estimated that it was closer to $400m"): an "it" in
    # the sentence after most likely means the same thing, not the sentence's subject
    sentences_with_it: set[int] = field(default_factory=set)
    # ... the first namings too long to give whole, shortened: used where no naming of the kind is short
    shortly_named: dict[tuple[str, str], str] = field(default_factory=dict)
    # ... and those it brought in more than once ("a video ... a second video"): "the video" is either
    introduced_again: set[tuple[str, str]] = field(default_factory=set)
    # Lemmas of every noun the article has used so far: "the clip" with no clip before it is some other
    # thing of the story ("the yeti video"), named by a kindred word the reader cannot match
    nouns_seen: set[str] = field(default_factory=set)
    # Noun lemma → the names the article said were such a thing ("Bhakkar Fatwa is a small group of
    # militants", "Kessel Forte, a steel company", "a splinter group, going by the name Bhakkar Fatwa"): a
    # later "the group" is that one when it is the only one
    kinds: dict[str, set[str]] = field(default_factory=dict)
    # Sentence → genders ("m", "f", "") of the people it speaks of by a common noun only ("the man's first
    # stop was a liquor store"): a "he" after it may be that man rather than anyone named
    unnamed: dict[int, set[str]] = field(default_factory=dict)
    # The article speaks as "I" itself (a first-person piece: a third of its sentences or more say "I" outside
    # quotation marks), so an "I" with no speaker is its author's, not someone's words the page lost marks of
    first_person: bool = False

    def know_people(self, docs: Sequence[Doc]) -> None:
        """Read the full names of people from the whole article before resolving anything."""
        speaking = sum(any(t.lower_ in _FIRST_SINGULAR and t.pos_ == "PRON" for t in doc) for doc in docs)
        # a writer who speaks as "I" does so from the start; a report that quotes a long post or letter
        # without its quotation marks ("I have cried now for an hour") opens in the third person
        opens_as_i = any(
            t.lower_ in _FIRST_SINGULAR and t.pos_ == "PRON" and t.i not in quoted
            for doc in docs[:_FIRST_PERSON_LEAD]
            for quoted in [quoted_tokens(doc)]
            for t in doc
        )
        self.first_person = speaking * 3 >= max(len(docs), 1) and opens_as_i
        found: dict[str, None] = {}
        acting: set[str] = set()
        for doc in docs:
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                subject = ent.root.dep_ in {"nsubj", "nsubjpass", "appos"} or (
                    ent.root.dep_ == "conj" and ent.root.head.dep_ in {"nsubj", "nsubjpass"}
                )
                if subject or gender_near(doc, ent):
                    acting.add(clean_name(ent.text))
                end = ent.end
                # 'Mohammed "Mo" Islam': the tagger stops at the nickname; the surname follows it
                if any(q in ent.text for q in '"“”') and end < len(doc) and doc[end].text in {'"', "”"}:
                    end += 1
                if any(q in doc[ent.start : end].text for q in '"“”') and end < len(doc) and doc[end].pos_ == "PROPN":
                    end += 1
                start = ent.start
                while start < end - 2 and doc[start].pos_ in {"ADJ", "VERB"}:
                    start += 1  # a headline's "Depressed Tan Shen": the adjective is no part of the name
                name = _person_form(clean_name(doc[start:end].text))
                words = [w for w in name.split() if w.lower() not in _HONORIFICS]
                if len(words) >= 2 and all(w[:1].isupper() for w in words) and not _PLATFORMS & set(words):
                    found.setdefault(" ".join(words), None)
            # "according to The Wrap, Seth Rogen is being considered": the tagger made one organisation
            # of an outlet and a name; a common given name before a capitalised word is a person's name
            for token in doc[:-1]:
                surname = doc[token.i + 1]
                if (
                    token.pos_ == "PROPN"
                    and surname.pos_ == "PROPN"
                    and token.ent_type_ != "PERSON"
                    and is_first_name(token.text)
                    and surname.text[:1].isupper()
                    and surname.text.isalpha()
                    and (token.i == 0 or doc[token.i - 1].pos_ != "PROPN")
                    and (surname.i + 1 == len(doc) or doc[surname.i + 1].pos_ != "PROPN")
                ):
                    found.setdefault(f"{token.text} {surname.text}", None)
                    if surname.dep_ in {"nsubj", "nsubjpass", "appos"}:
                        acting.add(f"{token.text} {surname.text}")
            for token in doc:
                # "Rogen would be acting alongside ...": a surname alone, seen acting
                if (
                    token.pos_ == "PROPN"
                    and token.dep_ in {"nsubj", "nsubjpass"}
                    and token.text.isalpha()
                    and (token.i == 0 or doc[token.i - 1].pos_ != "PROPN")
                ):
                    acting.add(token.text)  # alone: not the "Store" of "Apple Store"
        # a person the article shows acting or speaking somewhere, under any form of the name: not the
        # "Reset All Settings" option the tagger took for a person
        self.people = tuple(
            name for name in found if any(a == name or a in name.split() or name.endswith(" " + a) for a in acting)
        )
        self.name_words = frozenset(w for name in found for w in name.split())

    def full_name(self, name: str) -> str:
        """ "Berg" → "Anna Berg" when the article named exactly one Anna Berg-like person before."""
        found = self._full_names(name)
        return found[0] if len(found) == 1 else name

    def _full_names(self, name: str) -> list[str]:
        last = _bare_surname(name.split()[-1] if name.split() else name)
        core = " ".join(w for w in name.split() if w.lower() not in _HONORIFICS) or name
        out: list[str] = []
        for mention in reversed(self.mentions):
            if (
                mention.person
                and mention.label == "PERSON"
                and mention.text != name
                and _bare_surname(mention.text.split()[-1]) == last
                and len(mention.text) > len(core)
                # "Berg", "Mr Berg" and "Samaritan Berg" may be Anna Berg; "Tom Berg" is not
                and (" " not in core or mention.text.endswith(" " + core) or not is_first_name(core.split()[0]))
                and mention.text not in out
            ):
                out.append(mention.text)
        if not out and " " not in name:
            out = [p for p in self.people if _bare_surname(p.split()[-1]) == last]
        if not out and "-" in name and " " not in name:
            # "Jong-un" alone: a Korean given name the article also spells "Kim Jong Un"
            spaced = " ".join(part.capitalize() for part in name.split("-"))
            out = [p for p in self.people if p.endswith(" " + spaced) and len(p.split()) > len(spaced.split())]
        if not out and " " not in core and core.lower() in _FAMILY_NAME_FIRST:
            # "Mr Kim" of "Kim Jong Un": a Korean or Chinese name puts the family name first
            out = [p for p in self.people if p.split()[0] == core and len(p.split()) > 1]
        out = [n for n in out if not any(o != n and o.endswith(" " + n) for o in out)]
        if len({(n.split()[0], n.split()[-1]) for n in out}) == 1:
            # "Kevin Michael Vickers", later "Kevin Vickers": one man, named the shorter way
            out = [min(out, key=len)]
        return out

    def given_name_of(self, name: str) -> str | None:
        """ "Tiger" → "Tiger Woods": the one person of the article with that given name, when no one
        has it as a surname."""
        if " " in name or any(p.split()[-1] == name for p in self.people):
            return None
        found = [p for p in self.people if p.split()[0] == name]
        return found[0] if len(found) == 1 else None

    def is_person_name(self, word: str) -> bool:
        """A word of the name of a person of the article ("Nordegren", which the tagger may call an
        organisation elsewhere)."""
        return word in self.name_words or any(word in p.split() for p in self.people)

    def observe(self, doc: Doc, upto: int | None = None) -> None:
        """Remember the entities and the main subject of `doc` (only tokens before `upto`)."""
        limit = len(doc) if upto is None else upto
        for ent in doc.ents:
            if ent.end > limit:
                continue
            label = ent.label_
            if len(ent) == 1 and label in {"PERSON", "ORG", "NORP"} and not self.is_person_name(ent.text):
                if (
                    ent.root.dep_ == "pobj"
                    and ent.root.head.lower_ in _PLACE_PREPOSITIONS
                    and ent.text not in _FAITHS  # "enemies of Islam", "a part of Islam"
                    and ent.text not in self.places
                ):
                    self.places.add(ent.text)
                    for mention in self.mentions:  # what was taken for a person or a group was the place
                        if mention.text == ent.text:
                            mention.label, mention.person = "GPE", False
                if ent.text in self.places:
                    label = "GPE"
            if label == "PERSON" and any(q in ent.text for q in '"“”'):
                continue  # 'Mohammed "Mo': the tagger cut the name at a nickname; no name to put anywhere
            text = _with_article(doc, ent)
            if label == "PERSON":
                text = self.full_name(_person_form(text))
                text = self.given_name_of(text) or text  # "the PGA needs to market Tiger": Tiger Woods
                gender = gender_near(doc, ent)
                if gender:
                    self.genders.setdefault(text, gender)
            self.mentions.append(_Mention(text, label, label == "PERSON", self.sentence))
        if any(t.i < limit and t.lower_ == "it" and t.pos_ == "PRON" and not _expletive(t) for t in doc):
            self.sentences_with_it.add(self.sentence)
        for token in doc:
            if token.i < limit and (person := self._lone_surname(doc, token)):
                # "Olsen also accused Woods of ...": the tagger missed a surname it knows from elsewhere
                self.mentions.append(_Mention(person, "PERSON", True, self.sentence))
            if token.i < limit and token.pos_ == "NOUN" and token.i + 1 < limit:
                described = _description(doc, token)
                if described:
                    self.descriptions.setdefault(token.lemma_.lower(), set()).add(described)
            kind = (token.lemma_.lower(), token.tag_)
            if token.i < limit and token.pos_ in {"NOUN", "PROPN"}:
                self.nouns_seen.add(token.lemma_.lower())
            if token.i < limit and token.pos_ == "NOUN" and (name := _name_it_is(doc, token)):
                self.kinds.setdefault(token.lemma_.lower(), set()).add(name)
            if (
                token.i < limit
                and token.pos_ == "NOUN"
                and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children)
            ):
                if kind in self.introduced and token.dep_ in {"nsubj", "nsubjpass", "dobj", "ROOT"}:
                    # "a second video" that acts or is acted on, not "is a story that ...", which says what one is
                    self.introduced_again.add(kind)
                self.introduced.add(kind)
            if token.i < limit and token.pos_ == "NOUN" and kind not in self.first_named:
                named = _naming_phrase(doc, token, limit)
                if named:
                    self.first_named[kind] = named
                elif kind not in self.shortly_named and (shortened := _naming_phrase(doc, token, limit, shorten=True)):
                    self.shortly_named[kind] = shortened
            if token.i < limit and (described := self._described_person(doc, token)):
                # "Cirillo, 24, a reservist ..., was shot": a person the tagger missed, known by what they are
                self.mentions.append(_Mention(described, "PERSON", True, self.sentence))
                self.mentions.append(_Mention(described, "SUBJ", True, self.sentence))
            if token.i < limit and token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"NOUN", "PROPN"}:
                phrase = _phrase(doc, token)
                person = token.text not in self.places and any(
                    e.label_ == "PERSON" for e in doc.ents if e.start <= token.i < e.end
                )
                # "these Wels catfish": the determiner says plural where the noun's form does not
                plural = token.tag_ in {"NNS", "NNPS"} or any(
                    c.dep_ == "det" and c.lower_ in {"these", "those"} for c in token.children
                )
                self.mentions.append(_Mention(phrase, "SUBJ_PL" if plural else "SUBJ", person, self.sentence))
        if upto is None:
            self.unnamed[self.sentence] = {g for t in doc if (g := _unnamed_person(t)) is not None}
            self.subject_person = _subject_person(doc, self.people)
            self._count_names(doc)
            self._follow_pronouns(doc)
            self.sentence += 1

    def _described_person(self, doc: Doc, token: Token) -> str | None:
        """The name of a subject the tagger did not call a person, whose appositive says it is one: an age
        ("Cirillo, 24,") or a word that names only people ("Foley, a freelance journalist")."""
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
            return None
        if token.ent_type_ in {"GPE", "LOC", "FAC", "NORP"} or token.text in self.places:
            return None
        appositives = [c for c in token.children if c.dep_ == "appos"]
        if not any(c.like_num or is_person_word(c.lemma_) for c in appositives):
            return None
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
            start -= 1
        words = [t.text for t in doc[start : token.i + 1] if t.lower_ not in _HONORIFICS]
        while len(words) > 1 and (is_person_word(words[0]) or is_title_before_name(words[0])):
            words = words[1:]  # "Corporal Nathan Cirillo": the rank is no part of the name
        return self.full_name(" ".join(words))

    def _lone_surname(self, doc: Doc, token: Token) -> str | None:
        """The one person of the article whose surname `token` is, standing alone where the tagger did not
        call it a person."""
        if token.ent_type_ == "PERSON" or not token.text[:1].isupper():
            return None
        if token.pos_ != "PROPN" and (token.pos_ != "NOUN" or token.is_sent_start):
            return None  # a capitalised "Woods" read as a plural noun mid-sentence is still a name
        if token.i + 2 < len(doc) and _glued_hyphen(doc, token.i + 1):
            return None  # the "Zehaf" of "Zehaf-Bibeau": read at the name's last piece
        start = _hyphenated_start(doc, token)
        if any(doc[i].pos_ == "PROPN" for i in (start - 1, token.i + 1) if 0 <= i < len(doc)):
            return None
        name = _bare_surname(doc[start : token.i + 1].text)
        found = [p for p in self.people if _bare_surname(p.split()[-1]) == name and " " in p]
        return found[0] if len(found) == 1 else None

    def _count_names(self, doc: Doc) -> None:
        for token in doc:
            if token.pos_ != "PROPN" or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
                continue  # the last word of a name only
            # "Kim Jong-un" is one person of the article as "Kim Jong Un": the case of a name's parts varies
            found = [p for p in self.people if p.split()[-1].lower() == token.lower_]
            if len(found) == 1:
                self.named_times[found[0]] = self.named_times.get(found[0], 0) + 1

    def _follow_pronouns(self, doc: Doc) -> None:
        """A person the sentence goes on talking of as "she" stays in view: "Kim Yo Jong was born in
        1987. She studied in Bern. She returned in 2000." A pronoun outside quotations that has one
        person it can be counts as a mention of that person."""
        quoted = quoted_tokens(doc)
        for token in doc:
            word = token.lower_
            if token.pos_ != "PRON" or word not in _PERSON_PRONOUNS or token.i in quoted:
                continue
            if word == "her" and token.tag_ != "PRP$" and token.dep_ not in {"dobj", "pobj", "dative"}:
                continue
            people = self._people(word)
            if len(people) == 1 and self._actor(people[0]):
                self.named_times[people[0]] = self.named_times.get(people[0], 0) + 1
                subject = token.dep_ in {"nsubj", "nsubjpass"}
                self.mentions.append(_Mention(people[0], "PERSON", True, self.sentence))
                if subject:
                    self.mentions.append(_Mention(people[0], "SUBJ", True, self.sentence))
                if people[0] not in self.genders:
                    self.genders[people[0]] = "f" if word in _FEMALE_PRONOUNS else "m"

    def resolve(
        self,
        doc: Doc,
        pieces: list[Piece],
        quoted_at_start: bool = False,
        speaker: str | None = None,
        speaker_role: str | None = None,
        speaker_at: int | None = None,
    ) -> Resolved:
        """Replacements that make the claim made of `pieces` (tokens of `doc`) stand alone.

        `quoted_at_start`: the sentence begins inside a quotation opened in an earlier sentence;
        `speaker`: who says it (a speaker quoted saying "he" means someone else); `speaker_role`: what
        the article calls them ("executive vice president of the PGA Tour": their "we");
        `speaker_at`: where the sentence names the speaker ("she" in "she tweeted that Q"), if it does.
        """
        replacements: dict[int, str] = {}
        resolutions: list[Resolution] = []
        notes: list[str] = []
        unresolved: list[str] = []
        tokens = [doc[p] for p in pieces if isinstance(p, int)]
        indices = {t.i for t in tokens}
        # a copy to read the sentence's own words before the claim into, the mutable parts copied too
        local = replace(
            self,
            mentions=list(self.mentions),
            places=set(self.places),
            genders=dict(self.genders),
            descriptions={k: set(v) for k, v in self.descriptions.items()},
            named_times=dict(self.named_times),
            first_named=dict(self.first_named),
            shortly_named=dict(self.shortly_named),
            introduced=set(self.introduced),
            introduced_again=set(self.introduced_again),
            nouns_seen=set(self.nouns_seen),
            kinds={k: set(v) for k, v in self.kinds.items()},
            unnamed={k: set(v) for k, v in self.unnamed.items()},
        )
        local.observe(doc, upto=min(indices) if indices else 0)
        quoted = quoted_tokens(doc, quoted_at_start)
        # "Woods said he was taking a break to deal with the issues in his game": once "he" is Woods, so is
        # "his" (outside quotations)
        settled: dict[str, str] = {}
        subjects: dict[int, str] = {}  # verb → who its pronoun subject was resolved to
        two: set[str] = set()  # genders of which the claim speaks of two people
        for token in tokens:
            family = "m" if token.lower_ in _HE else "f" if token.lower_ in _SHE else None
            verb = token.head.head if token.dep_ == "pobj" else token.head
            if (
                token.pos_ == "PRON"
                and family in settled
                and token.dep_ in {"dobj", "dative", "pobj"}
                and subjects.get(verb.i) == settled[family]
            ):
                # "he recognized him from his videos": two men; neither "him" nor "his" is settled
                del settled[family]
                two.add(family)
                continue
            if token.pos_ == "PRON" and family in two:
                continue
            if token.pos_ == "PRON" and family in settled and token.i not in quoted:
                continue  # the claim names them already ("[Tiger Woods] was taking a break ... in his game")
            if (
                token.lower_ in _FIRST_SINGULAR
                and token.pos_ == "PRON"
                and speaker is None
                and not local.first_person
                and token.i not in quoted
            ):
                # "I reset all settings", said by no one the article names: a post or a quotation whose marks
                # the page lost; who "I" is lies in the article
                unresolved.append(token.text)
                continue
            if token.lower_ in _FIRST_PLURAL and token.pos_ == "PRON" and token.text != "US" and speaker:
                group = local._speakers_group(f"{speaker_role}, {speaker}" if speaker_role else speaker, doc)
                if group:
                    notes.append(f"“{token.text}”: probably {group}")
                elif not local._organisation_speaking(speaker) and not any(
                    doc[i].ent_type_ in _ORG_LABELS | {"GPE"} for i in indices if i < token.i
                ):
                    # "We took a plaster cast of them": who "we" are is unsaid (not "The U.S. was 'deploying
                    # all the assets that we can'")
                    unresolved.append(token.text)
                continue
            # "Woods said on Feb. 11 that he was taking a break": the speaker the frame names is nearer
            # than anyone named before the sentence
            found = None if token.i in quoted else local._the_speaker(token, indices, speaker, speaker_at)
            if found is None:
                found = local._antecedent(doc, token, indices, token.i in quoted, speaker)
            if found is None:
                gender_of = lambda word: local.gender_of(local.full_name(word), "")  # noqa: E731
                if open_reference(doc, token, indices, list(replacements), gender_of) and not (
                    token.lower_ in {"it", "its"} and local._organisation_speaking(speaker) and not _estimated(token)
                ):
                    # (what an organisation says of "it" is most often of itself: "The ministry said its
                    # budget had doubled")
                    unresolved.append(token.text)
                elif (
                    local._introduced_before(token, indices)
                    or local._unmatched_subject(token, indices)
                    or local._unnamed_people(token, indices)
                    or local._seen_definite(token, indices)
                ):
                    determiner = next(c for c in token.children if c.dep_ == "det")
                    unresolved.append(doc[determiner.i : token.i + 1].text)  # "the unarmed teen"
                continue
            first, replacement, kind, original, certain = found
            if kind == "pronoun" and token.dep_ in {"nsubj", "nsubjpass"}:
                subjects[token.head.i] = replacement
            elif kind == "pronoun" and token.dep_ in {"dobj", "dative", "pobj"} and subjects.get(verb.i) == replacement:
                continue  # "he recognized him": not the same person, or the article would say "himself"
            if certain and kind == "pronoun" and family is not None:
                # "Nassan said he had been told she is fine": once "he" is Nassan, "she" is not
                person = re.sub(r"['’]s$", "", replacement)
                local.genders.setdefault(person, family)
                if token.i not in quoted:
                    settled.setdefault(family, person)
            if not certain:
                notes.append(f"“{original}”: probably {replacement}")
                continue
            # A reference ("the unit") is replaced from its determiner on; a pronoun in place.
            replacements[first] = _bracketed(replacement, original, kind)
            for i in range(first + 1, token.i + 1) if kind == "name" else [token.i] if first != token.i else []:
                replacements[i] = ""
            after = token.i + 1
            if (
                after < len(doc)
                and doc[after].text in {"'", "’"}
                and doc[after].tag_ == "POS"
                and not replacements[first].rstrip("]").endswith(("s", "S"))
            ):
                replacements[after] = doc[after].text + "s"  # "Jess' name" → "Jess [Smith]'s name"
            resolutions.append(Resolution(original, replacement, kind))
            if kind == "pronoun" and (full := _spelled_out(doc, token.i + 1)) and token.i + 1 in indices:
                replacements[token.i + 1] = " " + full  # "They've" → "[The users] have", not "[The users]'ve"
        for ent in _relative_dates(doc):
            if not all(t.i in indices for t in ent):
                continue
            if self.document_date is None:
                notes.append(f"“{ent.text}” is relative and the document's date is unknown (give --date YYYY-MM-DD)")
                continue
            if ent.start > 0 and doc[ent.start - 1].lower_ == "of" and ent.text.lower() == "today":
                continue  # "the trend of today": nowadays, not a date
            absolute = resolve_date(ent.text, self.document_date)
            if absolute is None or any(t.i in replacements for t in ent):
                continue
            replacement = absolute
            before = doc[ent.start - 1] if ent.start > 0 else None
            if before is None or before.pos_ != "ADP":
                # "failed last November" → "failed in November 2025"; "yesterday" → "on 16 March 2026"
                replacement = f"{'on' if absolute[0].isdigit() and ' ' in absolute else 'in'} {absolute}"
            replacements[ent.start] = f"[{replacement}]"
            for t in ent[1:]:
                replacements[t.i] = ""
            resolutions.append(Resolution(ent.text, absolute, "date"))
        noted = {w for note in notes for w in re.sub(r"^“([^”]*)”.*", r"\1", note).lower().split()}
        still_open = tuple(dict.fromkeys(w for w in unresolved if w.lower() not in noted))
        return Resolved(replacements, tuple(resolutions), tuple(dict.fromkeys(notes)), still_open)

    def _the_speaker(
        self, token: Token, claim: set[int], speaker: str | None, speaker_at: int | None
    ) -> tuple[int, str, str, str, bool] | None:
        """The subject of a reported statement that is its speaker, named as the frame names it:
        - "Pressler has defended the story. She tweeted that she saw a bank statement": the same pronoun
          (a person of the article, by full name), or "Smith said he ..." where the article shows Smith
          is a man;
        - "A couple of users said they checked Time Machine": "they" of a plural noun;
        - "McDonald's said it will phase out 8 items": "it" of an organisation.
        Never a pronoun in a clause inside the statement ("... while he takes a break")."""
        word = token.lower_
        if speaker is None or speaker_at is None or token.pos_ != "PRON" or token.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        if token.head.dep_ != "ROOT" and token.head.head.i in claim:
            return None
        said_by = token.doc[speaker_at]
        if speaker_at > token.i:
            # "It made a great story, but it wasn't true, the government said": an "it" written before
            # the speaker is named is about something else
            return None
        if said_by.dep_ not in {"nsubj", "nsubjpass"}:
            return None  # "It was the 13th month in a row, according to the agency": the agency is no "it" of its own
        if word in {"they", "it"}:
            if said_by.pos_ == "PRON" or len(speaker.split()) > 6 or any(c in speaker for c in ",()"):
                return None
            # "a couple of users", "several of the affected users": the people counted are plural
            counted = [o for c in said_by.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
            plural = said_by.tag_ in {"NNS", "NNPS"} or any(o.tag_ in {"NNS", "NNPS"} for o in counted)
            organisation = said_by.ent_type_ == "ORG" or (said_by.lemma_.lower() in _ORG_NOUNS and not plural)
            if (word == "they" and not plural) or (word == "it" and not organisation):
                return None
            if said_by.lemma_.lower() in _INFORMANTS:
                return None  # "sources said they could appear in future versions": sources tell of other things
            if word == "it" and _judged_genuine(token):
                return None  # "the company has confirmed that it is authentic": the message, not the company
            if any(w in {"who", "which", "that"} for w in speaker.lower().split()):
                return None  # "a number of folks who know": a cut description, not a name
            words = speaker.split()
            first = min(i for i in claim if not token.doc[i].is_punct)
            if token.i != first and words[0] in {"The", "A", "An", "Several", "Some", "Many"}:
                words[0] = words[0].lower()
            if word == "it" and token.dep_ == "nsubjpass":
                return None  # "CentCom said it had been destroyed": what was done to is rarely the speaker
            if word == "it" and _estimated(token):
                return None  # "Forbes estimated that it was closer to $400m": what is estimated, not the estimator
            return (token.i, " ".join(words), "pronoun", token.text, True)
        family = _HE if word in _HE else _SHE if word in _SHE else None
        if family is None:
            return None
        if (principal := self._principal(said_by)) is not None:
            # "A spokesman for Prime Minister Stephen Harper said he was safe": the one spoken for
            wanted = "f" if family is _SHE else "m"
            fits = self.gender_of(principal, "") == wanted or (wanted == "m" and self.gender_of(principal, "") == "")
            return (token.i, principal, "pronoun", token.text, False) if fits else None
        name = self.full_name(clean_name(speaker))
        if said_by.pos_ == "PRON" and said_by.lower_ not in family:
            return None
        if said_by.pos_ != "PRON" and self.genders.get(name) != ("f" if family is _SHE else "m"):
            return None  # "Smith said he ...": only when the article shows Smith is a man
        if name not in self.people:
            return None
        return (token.i, name, "pronoun", token.text, True)

    def _introduced_before(self, token: Token, claim: set[int]) -> bool:
        """ "The crater is 12 metres wide" after "a crater near the airport": a thing the article brought in
        earlier ("a crater"), that the claim names with "the" alone and nothing to say which."""
        determiner = _bare_definite(token)
        if determiner is None or determiner.lower_ != "the" or token.pos_ != "NOUN":
            return False
        if (token.lemma_.lower(), token.tag_) not in self.introduced:
            return False
        before = [token.doc[i] for i in sorted(claim) if i < determiner.i]
        # "... the 12-inch MacBook Air ... the device", "four million units, half of the units": the claim says
        return not any(t.lemma_ == token.lemma_ or (t.pos_ == "PROPN" and t.ent_type_ != "PERSON") for t in before)

    def _unmatched_subject(self, token: Token, claim: set[int]) -> bool:
        """ "The clip represents genuine proof", "The claims are nonsense": the subject is a thing of the
        story called by a word the article has not used before ("a video ... the clip"), with "the" alone."""
        determiner = _bare_definite(token)
        if (
            self.sentence == 0  # "The flood killed 12 in Kessel": an article's lead names its story so
            or determiner is None
            or determiner.lower_ != "the"
            or token.pos_ != "NOUN"
            or token.dep_ not in {"nsubj", "nsubjpass"}
            or token.lemma_.lower() in self.nouns_seen
            or token.lemma_.lower() in (_WELL_KNOWN - _STORY_NOUNS) | _ORG_NOUNS | _PLACE_NOUNS
            or _personal_noun(token.lemma_)
        ):
            return False
        return not any(token.doc[i].pos_ in {"NOUN", "PROPN"} for i in claim if i < determiner.i)

    def _seen_definite(self, token: Token, claim: set[int]) -> bool:
        """ "The shooting ignited racial tensions", "Salon has chosen not to share the video": a thing the
        article spoke of before, that a claim outside the lead (its first two sentences, where "the floods"
        follows "Flash floods swept through Vellmar" at once) calls "the X" with nothing to say which (no
        name, no phrase after it, no nationality before it)."""
        determiner = next((c for c in token.children if c.dep_ == "det"), None)
        lemma = token.lemma_.lower()
        if (
            self.sentence <= 1
            or determiner is None
            or determiner.lower_ != "the"
            or token.pos_ != "NOUN"
            or lemma in _TIME_NOUNS | _IDIOM_NOUNS | (_WELL_KNOWN - _STORY_NOUNS)
            or any(c.dep_ in {"prep", "relcl", "acl", "appos", "poss"} for c in token.children)
        ):
            return False
        words_before = token.doc[determiner.i + 1 : token.i]
        if any(c.pos_ == "PROPN" for c in token.children) or any(
            t.pos_ == "PROPN" or t.ent_type_ for t in words_before
        ):
            return False  # "the complicated Syrian war", "The organization Black Lawyers for Justice": it says which
        # a word the article has not used yet is a thing of the story when an adjective describes it ("the
        # fatal encounter", "the age-old snack"); alone it is as often a thing everyone knows ("the head")
        # ("the town hall": a compound names a kind of place, not one thing of the story)
        if not (lemma in self.nouns_seen or any(t.dep_ == "amod" for t in words_before)):
            return False
        doc = token.doc
        if lemma in _PLACE_NOUNS:
            places = self.places | {m.text for m in self.mentions if m.label in {"GPE", "LOC"}}
            if any(doc[i].ent_type_ in {"GPE", "LOC"} or doc[i].text in places for i in claim):
                return False  # "Few people in Vellmar imagined the Ostra could reach the old town": it says where
        # "The Great Ostra Flood of 1927 killed 212 people along the river": a place phrase after a name of the
        # story says which river; "Salon has chosen not to share the video": a name of another thing does not
        return not (
            token.dep_ == "pobj"
            and any(
                doc[i].pos_ == "PROPN" and doc[i].ent_type_ != "PERSON" and doc[i].dep_ != "poss"
                for i in claim
                if i < determiner.i
            )
        )

    def _unnamed_people(self, token: Token, claim: set[int]) -> bool:
        """ "The pair horrified the hosts", "The officer fired on the unarmed teen": people of the story the
        claim calls by what they are, with no name anywhere in the claim to say who."""
        determiner = next((c for c in token.children if c.dep_ == "det"), None)
        if (
            self.sentence == 0
            or determiner is None
            or determiner.lower_ != "the"
            or token.pos_ != "NOUN"
            or token.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj"}
            or not (_personal_noun(token.lemma_) or token.lemma_.lower() in _UNNAMED_ANY)
            or any(c.dep_ in {"prep", "relcl", "acl", "appos", "poss"} for c in token.children)
        ):
            return False
        doc = token.doc
        return not any(
            doc[i].pos_ == "PROPN" and doc[i].dep_ in {"appos", "compound", "amod"} for i in claim
        ) and not any(t.pos_ == "PROPN" for t in token.subtree)

    def _organisation_speaking(self, speaker: str | None) -> bool:
        """The claim is said by a body, not a person ("the Swiss army", "The Norwegian energy ministry")."""
        words = re.findall(r"[a-z]+", (speaker or "").lower())
        return (
            bool(words)
            and not self.names_a_person(speaker or "")
            and not any(
                _personal_noun(word) or _personal_noun(re.sub(r"s$", "", word)) or word in _SPEAKING_PRONOUNS
                for word in words
            )
        )

    def _principal(self, said_by: Token) -> str | None:
        """ "A spokesman for Stephen Harper", "a lawyer for the Wilson family's Darren Wilson": the person
        one who speaks for others speaks for, by full name, when the frame names exactly one."""
        if said_by.lemma_.lower() not in _AGENTS:
            return None
        named = [
            t
            for prep in said_by.children
            if prep.dep_ == "prep" and prep.lower_ in {"for", "of"}
            for t in prep.subtree
            if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"
        ]
        last = [t for t in named if t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_type_ != "PERSON"]
        if len(last) != 1:
            return None
        found = self.full_name(last[0].text)
        return found if " " in found else None

    def _surname_in_misread_name(self, doc: Doc, token: Token) -> bool:
        """ "Obama, Putin discuss Ukraine": the tagger read a headline as one organisation; a word that is
        the surname of one person of the article, with no name word beside it, is that person."""
        if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
            return False
        beside = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(t.pos_ == "PROPN" for t in beside):
            return False
        return len([p for p in self.people if p.split()[-1] == token.text]) == 1

    def _speakers_group(self, speaker: str, doc: Doc) -> str | None:
        """Who "we" is in a speaker's words: the organisation the speaker is, or speaks for ("executive
        vice president of the PGA Tour, Ty Votaw" → the PGA Tour). A person's "we" may be their family,
        their team or their country: no guess."""
        lowered = speaker.lower()
        if NEWS_OUTLET.search(speaker) or _SCHOLARS.search(lowered):
            # a paper quoting someone relays their "we"; a professor's "what we know" is science's
            return None
        orgs = [_with_article(doc, e) for e in doc.ents if e.label_ == "ORG"]  # "..., said X of the PGA Tour"
        orgs += [m.text for m in reversed(self.mentions) if m.label == "ORG"]
        orgs = [o for o in orgs if not self.is_person_name(o)]
        if any(o.lower().removeprefix("the ") == lowered.removeprefix("the ") for o in orgs):
            return speaker
        for org in orgs:
            bare = org.lower().removeprefix("the ")
            if any(f" {p} {bare}" in f" {lowered}" or f" {p} the {bare}" in f" {lowered}" for p in ("of", "for", "at")):
                return org  # a role held in the organisation: "vice president of the PGA Tour, Ty Votaw"
        return None

    def last_person(self) -> str | None:
        """The person named last, by full name."""
        return self._last(lambda m: m.person and m.label == "PERSON")

    def shown_person(self, pronoun: str = "he") -> str | None:
        """For "she": the one person named in the last sentences whom the article showed to be a woman, if
        exactly one ("Sen. Kelly Ayotte said she ..." before a "she said" among men of no shown gender)."""
        if pronoun.lower() not in _FEMALE_PRONOUNS:
            return None  # a man's gender is often never shown: one man shown as such is not the only one
        shown = [p for p in self._people(pronoun) if self.genders.get(p) == "f"]
        return shown[0] if len(shown) == 1 else None

    def only_person(self, pronoun: str = "he") -> str | None:
        """The one person named in the last sentences whose gender fits `pronoun`, if exactly one."""
        people = self._people(pronoun)
        return people[0] if len(people) == 1 else None

    def likely_person(self, pronoun: str = "he") -> str | None:
        """The likeliest of the people named in the last sentences for `pronoun`: a recent subject first."""
        people = self._people(pronoun)
        if people:
            return people[0]
        last = self.last_person()
        wanted = "f" if pronoun.lower() in _FEMALE_PRONOUNS else "m"
        return last if last is not None and self.gender_of(last, wanted) == wanted else None

    def _people(self, pronoun: str) -> list[str]:
        wanted = "f" if pronoun.lower() in _FEMALE_PRONOUNS else "m"
        out: list[str] = []
        for mention in reversed(self.mentions):
            if mention.sentence < self.sentence - _WINDOW or not (mention.person and mention.label == "PERSON"):
                continue
            name = self.full_name(mention.text)
            if name not in out and self.gender_of(name, wanted) == wanted:
                out.append(name)
        # "Berg" and "Anna Berg" are one person; a person who was a subject lately is the likelier referent.
        people = [n for n in out if not any(o != n and o.endswith(" " + n) for o in out)]
        subjects = {
            self.full_name(m.text)
            for m in self.mentions
            if m.label == "SUBJ" and m.person and m.sentence >= self.sentence - _WINDOW
        }
        return sorted(people, key=lambda n: n not in subjects)

    def _antecedent(
        self, doc: Doc, token: Token, claim: set[int], quoted: bool, speaker: str | None = None
    ) -> tuple[int, str, str, str, bool] | None:
        """(index replaced from, replacement, kind, original, certain) for a token needing context.

        `certain` is false when only a quotation stands in the way (a speaker's "he" may be anyone they
        talk of): the claim then keeps the article's words and carries a note.
        """
        found = self._candidate(doc, token, claim, quoted, speaker)
        # "someone from Comcast contacted a partner at the firm": had it been Comcast, the claim would say
        # so; and where it was ("Apple will ... where the company has control"), the reader sees it anyway
        if (
            found is not None
            and found[2] == "reference"
            and _names_in(doc, claim - set(range(found[0], token.i + 1)), re.sub(r"^[Tt]he ", "", found[1]))
        ):
            return None
        if found is not None and token.pos_ == "PRON" and token.lower_ in _PERSON_PRONOUNS:
            # "She can get [Kim Jong Un] on the telephone", "When he emerges, Thomas goes ...": a person the
            # claim names is not its pronoun (the name would stand there instead)
            named = {doc[i].text for i in claim if doc[i].pos_ == "PROPN" and i != token.i}
            if re.sub(r"['’]s$", "", found[1]).split()[-1] in named:
                return None
        return found

    def _candidate(
        self, doc: Doc, token: Token, claim: set[int], quoted: bool, speaker: str | None = None
    ) -> tuple[int, str, str, str, bool] | None:
        word = token.lower_
        if token.pos_ == "PRON":
            possessive = token.tag_ == "PRP$" or token.dep_ == "poss"
            if _antecedent_in_claim(doc, token, claim) or _named_after(token, claim):
                return None
            if (
                word in _PLURAL_PRONOUNS | _THING_PRONOUNS
                and token.dep_ in {"nsubj", "nsubjpass"}
                and not _expletive(token)
            ):
                return self._previous_subject(token, word in _PLURAL_PRONOUNS, quoted)
            if word not in _PERSON_PRONOUNS:
                return None
            if word == "her" and not possessive and token.dep_ not in {"dobj", "pobj", "dative"}:
                return None
            people = [p for p in self._people(word) if not (quoted and speaker and _same_person(p, speaker))]
            women = [p for p in people if self.genders.get(p) == "f" and self._actor(p)]
            if word in _FEMALE_PRONOUNS and len(women) == 1 and len(people) > 1:
                # "she" among one woman the article shows as such and people of no shown gender: most
                # likely her, not certainly (a man's gender is often never shown)
                return (token.i, women[0] + ("'s" if possessive else ""), "pronoun", token.text, False)
            if not people and not quoted and (main := self.main_person(word)):
                # "She graduated in 2009.": no one named lately; the person the article is about
                return (token.i, main + ("'s" if possessive else ""), "pronoun", token.text, False)
            wanted = "f" if word in _FEMALE_PRONOUNS else "m"
            before = self.unnamed.get(self.sentence - 1, set()) | {
                g for t in doc[: token.i] if (g := _unnamed_person(t)) is not None
            }
            if wanted in before or "" in before:
                return None  # "the man's first stop was a liquor store. He emerged ...": the man, or the one named?
            if len(people) != 1 or not self._actor(people[0]):
                likely = None if quoted else self._salient_person(doc, token, people)
                if likely is None:
                    return None
                # one of several people, the likeliest by where and how they were named: a note, never a bracket
                return (token.i, likely + ("'s" if possessive else ""), "pronoun", token.text, False)
            if word in _FEMALE_PRONOUNS and self.gender_of(people[0], "") != "f":
                # "She did later apologise", the one person named lately being "Banksy": a person of no shown
                # gender is more often a man, and "she" someone the article did not name
                return None
            return (token.i, people[0] + ("'s" if possessive else ""), "pronoun", token.text, not quoted)
        if (
            (
                _lone_name(doc, token)
                or self._surname_in_misread_name(doc, token)
                # "the ball with which Woods plays": a surname the tagger read as a plural noun
                or (token.pos_ == "NOUN" and self._lone_surname(doc, token) is not None)
            )
            and token.text not in self.places
            and not _bracketed_by_article(doc, token)
            and not _names_no_person(doc, token)
        ):
            # "Zehaf-Bibeau", "al-Baghdadi": the tokeniser's pieces of one name, completed as one
            start = _hyphenated_start(doc, token)
            if start > 0 and doc[start - 1].lower_ in _FAMILY_RANKS:
                return None  # "the younger al-Kasasbeh": one of a family that shares the name, said which by age
            name = doc[start : token.i + 1].text
            others = [i for i in claim if not start <= i <= token.i]
            full = self._full_names(name)
            if len(full) == 1 and not any(doc[i].text in full[0].split()[:-1] for i in others):
                return (start, full[0], "name", name, True)
            addressed = _ADDRESSED_AS.get(doc[start - 1].lower_.rstrip(".")) if start > 0 else None
            genders = [self.gender_of(n, "") for n in full]
            fitting = [n for n, g in zip(full, genders, strict=True) if g == addressed]
            if (
                addressed
                and len(fitting) == 1
                and "" not in genders
                and not any(doc[i].text in fitting[0].split()[:-1] for i in others)
            ):
                return (start, fitting[0], "name", name, True)  # "Mr Somers" of Luke and Lucy Somers: Luke
            if len(full) > 1 and not any(doc[i].text in n.split()[:-1] for n in full for i in others):
                ruled_out = _genders_said(doc, token, claim)
                # "Somers" in a story of Luke Somers that names his sister Lucy Somers once: likely him
                named = {n: sum(m.person and m.label == "PERSON" and m.text == n for m in self.mentions) for n in full}
                main = _dominant(named, least=2, ratio=2)
                # ("Mr Kim" when the one named most is a woman; "Kim's wife" when the article never shows them
                # as either: a spouse says more than a pronoun the story may use of someone else)
                spouse = {doc[i].lower_ for i in claim} & {"wife", "husband"}
                if main and self.gender_of(main, "") not in (ruled_out | ({""} if spouse else set())):
                    return (token.i, main, "name", token.text, False)
            # "Tiger" → "Tiger [Woods]"; "Apple" is no given name of an "Apple Store" the tagger took for a person
            given = self.given_name_of(token.text) if is_first_name(token.text) or token.ent_type_ == "PERSON" else None
            if given and not _followed_by_name(doc, token) and not _followed_by(doc, token, given):
                return (token.i, given, "name", token.text, True)
            the = token.i > 0 and doc[token.i - 1].lower_ == "the"
            if the and not full and not any(token.text in p.split() for p in self.people):
                # only "the Post", "the Times": a bare word ("Ebola") may be a disease the tagger once
                # took for part of an organisation's name ("American Ebola")
                organisation = self._organisation_ending(token.text)
                if organisation and not any(doc[i].text in organisation.split()[:-1] for i in claim):
                    return (token.i, organisation, "name", token.text, True)  # "The [Washington] Post"
            return None
        if token.pos_ == "NOUN" and word in _ORG_NOUNS | _PLACE_NOUNS:
            determiner = [c for c in token.children if c.dep_ == "det" and c.lower_ == "the"]
            modifiers = [
                c
                for c in token.children
                if c.dep_ in {"compound", "amod", "prep", "relcl", "acl", "nummod", "poss", "appos"}
            ]
            if not determiner or modifiers or token.tag_ != "NN" or determiner[0].i + 1 != token.i:
                return None  # "The organization, Black Lawyers for Justice, ...": the sentence names it
            if token.dep_ == "appos":
                return None
            original = f"{determiner[0].text} {token.text}"
            labels = {"GPE"} if word in _PLACE_NOUNS else _ORG_LABELS
            named = self._distinct(
                lambda m: (
                    m.label in labels
                    # the word names what it is, not what it belongs to: "the party" is the "Workers' Party of
                    # Korea", not the "Political Bureau of the Central Committee of the Workers' Party"
                    and word in re.split(r" of ", m.text.lower(), maxsplit=1)[0].split()
                    and m.text.lower() != f"the {word}"
                    and not self.is_person_name(m.text)
                )
            )
            if not named and (word not in _PLACE_NOUNS or word in _SETTLEMENTS):
                # "the unit" where the article has named one organisation only is that one; "the town" the
                # one place (but "the island" is no more Stockholm than "the region" is)
                # nor is "the company" the newspaper that reported on it ("..., the Kessel Post reported")
                outlet = word in {"agency", "network", "channel", "station"} or word in _PLACE_NOUNS
                named = self._distinct(
                    lambda m: (
                        m.label in labels
                        and m.text.lower() != f"the {word}"
                        and not self.is_person_name(m.text)
                        and (outlet or not NEWS_OUTLET.search(m.text))
                    )
                )
                # a people's adjective is never the one meant ("a German national" is no group), though it
                # still counts as one more candidate
                named = [n for n in named if not any(m.text == n and m.label == "NORP" for m in self.mentions)]
                if (
                    "NORP" in labels
                    and len(named) == 1
                    and any(m.label == "NORP" for m in self.mentions if m.text != named[0])
                ):
                    named = []
            if len(named) != 1 and len(kind := self.kinds.get(word, set())) == 1:
                # "the group" where the article said of one name only that it is a group
                return (determiner[0].i, next(iter(kind)), "reference", original, not quoted)
            if len(named) != 1:
                # "calls from around the country": the speaker's own country, whatever place the story is about
                around = token.head.lower_ in {"around", "across", "throughout", "over"} and token.dep_ == "pobj"
                if word in {"country", "nation"} | _SETTLEMENTS and not around and (main := self._main_place()):
                    # ("the town" in a story about Vellmar: Vellmar, a guess given as a note) "the country" is a
                    # country, "the city" never one; and not where the sentence names another place or people
                    # before it ("Syrian airstrikes hit a town along the country's border": Syria)
                    country = is_country(main)
                    fits = country if word in {"country", "nation"} else not country
                    elsewhere = any(
                        t.ent_type_ in {"GPE", "NORP"} and not main.startswith(t.text) for t in doc[: token.i]
                    )
                    if fits and not elsewhere:
                        return (determiner[0].i, main, "reference", original, False)
                    return None
                if word in _COMPANY_NOUNS and (main := self.main_organisation()):
                    # "the company" in a story about one company, a guess: a note, never in the claim; "Apple had
                    # designed the watch, though the company ...": the maker the sentence names, not its "Apple Watch"
                    bare = re.sub(r"^[Tt]he ", "", main)
                    maker = next(
                        (t.text for t in doc[: token.i] if t.pos_ == "PROPN" and bare.startswith(t.text + " ")), None
                    )
                    return (determiner[0].i, maker or main, "reference", original, False)
                # "the island" of no name: how the article first named it, as for any other thing
                return None if quoted else self._first_named(doc, token)
            return (determiner[0].i, named[0], "reference", original, not quoted)
        if (counted := _counted_group(token)) is not None:
            return self._group(token, counted)
        if token.pos_ == "NOUN":
            return (
                (None if quoted else self._described(doc, token))
                or self._first_named(doc, token)
                or self._name_ending_in(token)
                or self._person_described(token)
            )
        return None

    def _salient_person(self, doc: Doc, token: Token, people: list[str]) -> str | None:
        """The likeliest of several people for "he"/"she" outside quotations, when nothing else the
        sentence before named could be meant:
        - the one person the sentence names before the pronoun ("Olsen's claims are inflammatory and it
          remains to be seen if he ...");
        - for a subject "he", the person who was the subject of the last sentence that had one;
        - the person the article is about, when they are among those named lately (or no one is)."""
        word = token.lower_
        wanted = "f" if word in _FEMALE_PRONOUNS else "m"

        def named_in(sentence: int) -> list[str]:
            found = (
                self.full_name(m.text)
                for m in self.mentions
                if m.sentence == sentence and m.person and m.label == "PERSON"
            )
            return [p for p in dict.fromkeys(found) if self.gender_of(p, wanted) == wanted]

        here = named_in(self.sentence)
        if here:
            chosen = here[0] if len(here) == 1 and here[0] in people and self._actor(here[0]) else None
            return chosen if chosen is None or wanted == "m" or self.gender_of(chosen, "") == "f" else None
        subjects = [
            m
            for m in self.mentions
            if m.label == "SUBJ" and m.person and self.sentence - _WINDOW <= m.sentence < self.sentence
        ]
        if subjects and token.dep_ in {"nsubj", "nsubjpass"}:
            latest = max(m.sentence for m in subjects)
            last = list(dict.fromkeys(self.full_name(m.text) for m in subjects if m.sentence == latest))
            if len(last) != 1 or last[0] not in people or not self._actor(last[0]):
                return None
            chosen = last[0]
        else:
            chosen = self.main_person(word)
            if chosen is None or (people and chosen not in people):
                return None
        # "Lin gave Thomas more money. He has been living on the street": another person just named may be meant
        if any(p != chosen for p in named_in(self.sentence - 1)):
            return None
        if wanted == "f" and self.gender_of(chosen, "") != "f":
            return None  # most people named in news are men: a "she" is only one the article shows a woman
        return chosen

    def _person_described(self, token: Token) -> tuple[int, str, str, str, bool] | None:
        """ "The guy became famous", "the 31-year-old despot": a person named by what they are, in a story
        about one person, is likely that person (a note, never put in the claim)."""
        doc = token.doc
        aged = [c for c in token.children if c.dep_ == "amod" and "year-old" in doc[c.left_edge.i : c.i + 1].text]
        lemma = token.lemma_.lower()
        # "the 31-year-old Spanish man": an age given with the description points at one the story profiles
        wanted = _PERSON_NOUNS.get(lemma, noun_gender(lemma) if aged else None)
        determiner = next((c for c in token.children if c.dep_ == "det"), None)
        if wanted is None or token.tag_ != "NN" or determiner is None or determiner.lower_ not in {"the", "this"}:
            return None
        described = [
            c
            for c in token.children
            if c.dep_ in _NOUN_MODIFIERS and c not in aged and not (aged and c.dep_ == "amod" and c.pos_ == "ADJ")
        ]
        if described:
            return None  # "the homeless man": words that set someone apart from the one the story is about
        main = self.main_person("she" if wanted == "f" else "he")
        if main is None:
            return None
        original = token.doc[determiner.i : token.i + 1].text
        return (token.i, main, "person", original, False)

    def _group(self, token: Token, size: int) -> tuple[int, str, str, str, bool] | None:
        """ "The pair grew up in Pyongyang": a note naming the people, when exactly that many were named
        in the last sentences (or in the last one that named any)."""
        doc = token.doc
        if any(t.dep_ == "conj" and t.pos_ in {"NOUN", "PROPN"} and t.i < token.i for t in doc):
            return None  # "Wilson stopped Brown and a friend, asking the two to ...": the sentence says who
        recent = [
            m for m in self.mentions if m.person and m.label == "PERSON" and m.sentence >= self.sentence - _WINDOW
        ]
        for window in ([m for m in recent if m.sentence == max((r.sentence for r in recent), default=-1)], recent):
            names = list(dict.fromkeys(self.full_name(m.text) if " " not in m.text else m.text for m in window))
            names = [n for n in names if not any(o != n and o.endswith(" " + n) for o in names)]
            if len(names) == size and all(self._actor(n) or n in self.people for n in names):
                determiner = next(c for c in token.children if c.dep_ == "det")
                original = token.doc[determiner.i : token.i + 1].text
                return (token.i, " and ".join([", ".join(names[:-1]), names[-1]]), "group", original, False)
        return None

    def _name_ending_in(self, token: Token) -> tuple[int, str, str, str, bool] | None:
        """ "the watch" → a note "probably the Apple Watch", "the burger" → "probably Senior Burger": the
        one name of a thing (not a person, a place or a date) the article gave before that ends in the
        claim's noun."""
        determiner = _bare_definite(token)
        if determiner is None or determiner.lower_ != "the" or token.pos_ != "NOUN":
            return None
        words = {token.lower_, token.lemma_.lower()}
        found = {
            re.sub(r"^[Tt]he ", "", m.text)
            for m in self.mentions
            if not m.person
            and m.label in _THING_LABELS
            and len(m.text.split()) > 1
            and m.text.split()[-1].lower() in words
        }
        if len(found) != 1:
            return None
        name = found.pop()
        return (token.i, name, "description", f"{determiner.text} {token.text}", False)

    def _first_named(self, doc: Doc, token: Token) -> tuple[int, str, str, str, bool] | None:
        """ "the spider" → a note "probably the spider that had made its way into his abdomen ...": how
        the article first named a thing of that kind, when it named it in words that say which."""
        determiner = _bare_definite(token)
        if determiner is None:
            return None
        after = token.right_edge.i + 1
        if determiner.lower_ in {"this", "these"} and (
            doc[-1].text == ":" or (after < len(doc) and doc[after].text == ":")
        ):
            return None  # "sent us this statement:" points forward, to what follows
        kind = (token.lemma_.lower(), token.tag_)
        if kind in self.introduced_again:
            return None  # "a video ... a video posted by A3maq News": which one is "the video"?
        named = self.first_named.get(kind) or self.shortly_named.get(kind)
        if named is None and kind not in self.introduced:
            # "The report features a photograph": the article brought it in as "a story circulating via
            # social media"; a word of the same kind counts when only one of them was brought in
            kin = [
                found
                for word in _KIN.get(token.lemma_.lower(), ())
                if (found := self.first_named.get((word, token.tag_)) or self.shortly_named.get((word, token.tag_)))
                is not None
            ]
            if len(kin) != 1:
                return None
            named = kin[0]
        if named is None:
            return None
        return (token.i, named, "description", f"{determiner.text} {token.text}", False)

    def _described(self, doc: Doc, token: Token) -> tuple[int, str, str, str, bool] | None:
        """ "the video" → "the video [released by the captors]" when the article described one video
        before, and only one way."""
        determiner = _bare_definite(token)
        if determiner is None:
            return None
        found = self.descriptions.get(token.lemma_.lower(), set())
        if len(found) != 1:
            return None
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if after is not None and after.pos_ == "ADP":
            return None  # "riding in the car to CNBC": the sentence says which one itself
        before, after, plural = next(iter(found))
        if plural != (token.tag_ in {"NNS", "NNPS"}):
            return None  # "open a restaurant in Scotland" is none of "the restaurants" it already has
        text = (f"[{before}] " if before else "") + token.text + (f" [{after}]" if after else "")
        return (token.i, text, "description", f"{determiner.text} {token.text}", True)

    def _previous_subject(self, token: Token, plural: bool, quoted: bool) -> tuple[int, str, str, str, bool] | None:
        """ "Police arrested two men. They were released on bail.": the one noun subject of the sentence
        before, when its number agrees and nothing else there could be meant."""
        doc = token.doc
        if any(t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ in {"NOUN", "PROPN"} and t.i < token.i for t in doc):
            return None  # "The pie contains 250 cal, and it would take ...": the subject is in this sentence
        before = [m for m in self.mentions if m.sentence == self.sentence - 1 and m.label in {"SUBJ", "SUBJ_PL"}]
        if len(before) != 1 or before[0].person or (before[0].label == "SUBJ_PL") != plural:
            return None
        if not plural and self.sentence - 1 in self.sentences_with_it:
            return None  # "Forbes estimated that it was closer to $400m. It's still enough": the same "it"
        if not plural and before[0].text.split()[-1].lower() in _HUMAN_NOUNS:
            return None  # "The president called ISIS a cancer. He said it had ...": "it" is no president
        if self.is_person_name(before[0].text.split()[-1]):
            # "Hale countered by calling it excessive. It was the first meeting": no person is "it"; "Woods
            # married Elin Nordegren. They had two children": nor "they", whatever the tagger made of "Woods"
            return None
        subject = before[0].text
        if not plural and token.dep_ == "nsubjpass" and NEWS_OUTLET.search(subject):
            return None  # "CNN aired the tape. It was allegedly filmed near ...": what was filmed is no broadcaster
        if not quoted:
            # "CNN aired the tape. It was allegedly filmed ...": what was done to may be any thing the sentence
            # before named, its subject only the likeliest: a note; one that acts is the subject that acted
            return (token.i, before[0].text, "pronoun", token.text, plural or token.dep_ == "nsubj")
        return None

    def named_as(self, speaker: str) -> str:
        """ "The site" → "Daily Buzz Live" when the article brought one site in as "a dubious news site
        called Daily Buzz Live" (and no other way): a speaker named by what it is gets its name."""
        words = speaker.split()
        if len(words) != 2 or words[0].lower() not in {"the", "this"}:
            return speaker
        found = self.descriptions.get(words[1].lower(), set())
        if len(found) != 1:
            return speaker
        after = next(iter(found))[1]
        match = re.match(r"^(?:called|named|known as|dubbed)\s+(.+)$", after)
        return match.group(1) if match and match.group(1)[:1].isupper() else speaker

    def names_a_person(self, speaker: str) -> bool:
        """The speaker is (or is described with the name of) a person of the article."""
        words = set(speaker.replace("(", " ").replace(")", " ").split())
        return any(set(p.split()) & words for p in self.people) or any(
            m.person and m.label == "PERSON" and m.text in speaker for m in self.mentions
        )

    def main_person(self, pronoun: str) -> str | None:
        """The person the article is about, for a pronoun with no one named lately: named or followed at
        least three times, twice as often as anyone else whose gender the pronoun fits."""
        wanted = "f" if pronoun.lower() in _FEMALE_PRONOUNS else "m"
        fitting = {name: n for name, n in self.named_times.items() if self.gender_of(name, wanted) == wanted}
        return _dominant(fitting, least=3, ratio=2)  # (`people` holds only those the article shows acting or speaking)

    def _main_place(self) -> str | None:
        """The place the article is about: named at least three times, half as often again as any other."""
        counts: dict[str, int] = {}
        for mention in self.mentions:
            if mention.label == "GPE":
                name = re.sub(r"['’]s?$", "", mention.text)
                counts[name] = counts.get(name, 0) + 1
        return _dominant(counts, least=3, ratio=1.5)

    def _organisation_ending(self, word: str) -> str | None:
        """ "Post" → "Washington Post": the one organisation named before whose name ends with the word."""
        names = {re.sub(r"^[Tt]he ", "", m.text) for m in self.mentions if m.label == "ORG"}
        found = {n for n in names if len(n.split()) > 1 and n.split()[-1] == word}
        return found.pop() if len(found) == 1 else None

    def main_organisation(self) -> str | None:
        """The organisation the article is about: named at least twice so far, twice as often as any other
        (by its name with or without a possessive: "McDonald’s", "McDonald"), given as the article writes it."""
        counts: dict[str, int] = {}
        forms: dict[str, list[str]] = {}
        for mention in self.mentions:
            if mention.label == "ORG" and not self.is_person_name(mention.text):
                name = re.sub(r"['’]s?$", "", re.sub(r"^[Tt]he ", "", mention.text))
                counts[name] = counts.get(name, 0) + 1
                forms.setdefault(name, []).append(mention.text)
        for name in list(counts):
            # "Apple Watch" where the article names Apple too: the maker's product or part, counted for Apple
            maker = next((m for m in counts if m != name and name.startswith(m + " ")), None)
            if maker is not None:
                counts[maker] += counts.pop(name)
        main = _dominant(counts, least=2, ratio=2)
        if main is None:
            return None
        written = forms[main]
        return max(written, key=lambda form: (written.count(form), len(form)))

    def gender_of(self, name: str, unknown: str) -> str:
        """The gender the article shows for `name`, else the one its first name suggests ("Yasir
        Abdulla"), else `unknown`."""
        words = name.split()
        return self.genders.get(name) or (first_name_gender(words[0]) if len(words) > 1 else None) or unknown

    def _actor(self, name: str) -> bool:
        """A person the article shows acting or speaking (a subject, or one whose gender it gives), not a
        name the tagger took for a person ("Johnnie Walker" whisky, the "Keynote" app)."""
        return name in self.genders or any(
            m.label == "SUBJ" and m.person and self.full_name(m.text) == name for m in self.mentions
        )

    def _distinct(self, accept) -> list[str]:  # type: ignore[no-untyped-def]
        out: list[str] = []
        for mention in reversed(self.mentions):
            if accept(mention) and mention.text not in out:
                out.append(mention.text)
        return out

    def _last(self, accept) -> str | None:  # type: ignore[no-untyped-def]
        for mention in reversed(self.mentions):
            if accept(mention):
                return mention.text
        return None


# People named by what they are, of either gender (those of one are `gender.noun_gender`'s).
_UNNAMED_ANY = {"officer", "suspect", "victim", "stranger", "driver", "witness", "gunman", "intruder", "teen",
                "teenager", "person", "passenger", "customer", "employee", "worker", "guard", "soldier",
                "militant", "fighter", "jihadist", "captor", "kidnapper", "attacker", "assailant", "shooter",
                "hostage", "prisoner", "protester", "rebel", "terrorist", "executioner"}  # fmt: skip


# People who speak for someone else: the "he" of what they say is the one they speak for.
_AGENTS = {"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "representative", "aide",
           "publicist", "agent", "manager"}  # fmt: skip


# Speakers who tell of other things, hardly of themselves.
_INFORMANTS = {"source", "report", "document", "rumor", "rumour", "leak", "filing"}


def _names_in(doc: Doc, indices: set[int], name: str) -> bool:
    """The claim's tokens name `name` on its own ("from Comcast"), not as part of a longer name ("Apple Watch")."""
    words = name.split()
    for i in sorted(indices):
        end = i + len(words)
        if [t.text for t in doc[i:end]] != words or not all(j in indices for j in range(i, end)):
            continue
        around = [doc[j] for j in (i - 1, end) if 0 <= j < len(doc)]
        if not any(t.pos_ == "PROPN" for t in around):
            return True
    return False


def _unnamed_person(token: Token) -> str | None:
    """ "the homeless man" → "m", "the officer" → "" (either): a person spoken of by a common noun alone,
    with no name beside it; None for anything else."""
    lemma = token.lemma_.lower()
    gender = noun_gender(lemma)
    if token.pos_ != "NOUN" or token.tag_ != "NN" or (gender is None and lemma not in _UNNAMED_ANY):
        return None
    if token.dep_ not in {"nsubj", "nsubjpass", "poss"}:
        return None  # one the sentence is about (its subject, "the man's first stop"), not one passed by
    if not any(c.dep_ in {"det", "poss"} for c in token.children):
        return None
    if any(c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" for c in token.children) or token.ent_type_:
        return None  # "the officer, Darren Wilson", "Officer Wilson": named
    if token.dep_ == "compound" or (token.head.pos_ == "PROPN" and token.dep_ == "appos"):
        return None
    return gender or ""


def _subject_person(doc: Doc, people: Sequence[str]) -> str | None:
    """ "Air Chief Marshal Badeh revealed the truce.": the one person of the article whose surname the
    sentence's subject ends with (the tagger misses many titled names)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if root is not None else None
    if subject is None or subject.pos_ != "PROPN":
        return None
    owner = [p for p in people if p.split()[-1] == subject.text]
    return owner[0] if len(owner) == 1 else None


def _person_form(name: str) -> str:
    """ "Kim Yo-Jong", "Kim Jong Un's" → "Kim Yo Jong", "Kim Jong Un": one person, one form. A hyphen
    inside a Korean-style given name and a possessive ending are spelling, not another person."""
    name = re.sub(r"['’]s?$", "", name.strip())
    parts = name.split()
    while len(parts) > 1 and parts[0] in _WIRE_AGENCIES:
        parts = parts[1:]  # "told Reuters Kim was not in bad health": the tagger's "Reuters Kim" is Kim
    # (only after a family name that comes first: "Michael Zehaf-Bibeau" keeps his hyphen)
    if (
        len(parts) == 2
        and parts[0].lower() in _FAMILY_NAME_FIRST
        and "-" in parts[1]
        and parts[1].replace("-", "").isalpha()
    ):
        given = parts[1].split("-")
        if len(given) == 2:
            parts = [parts[0], given[0], given[1].capitalize()]
    return " ".join(parts)


def _bare_definite(token: Token) -> Token | None:
    """The determiner of "the video", "these claims": a definite noun with nothing of its own to say
    which one (no modifier, not a generic word), whose referent is earlier in the article."""
    determiner = next((c for c in token.children if c.dep_ == "det"), None)
    if (
        determiner is None
        or determiner.lower_ not in {"the", "this", "these", "that", "those"}
        or determiner.i + 1 != token.i
        or token.lemma_.lower() in _GENERIC_NOUNS
        or any(c.dep_ in _NOUN_MODIFIERS for c in token.children)
    ):
        return None
    return determiner


_CLITICS = {"'ve": "have", "’ve": "have", "'re": "are", "’re": "are", "'ll": "will", "’ll": "will", "'m": "am",
            "’m": "am"}  # fmt: skip


def _dominant(counts: dict[str, int], least: int, ratio: float) -> str | None:
    """The name counted at least `least` times and `ratio` times as often as any other, if there is one."""
    ranked = sorted(((n, name) for name, n in counts.items()), reverse=True)
    if not ranked or ranked[0][0] < least or (len(ranked) > 1 and ranked[1][0] * ratio > ranked[0][0]):
        return None
    return ranked[0][1]


def _spelled_out(doc: Doc, i: int) -> str | None:
    """The full form of a contracted verb after a pronoun ("'ve" → "have"; "'s" → "is" or "has")."""
    if i >= len(doc):
        return None
    token = doc[i]
    text = token.lower_
    if text in _CLITICS:
        return _CLITICS[text]
    # (past adverbs: "he's never seen" is "has never seen")
    after = next((t for t in doc[i + 1 :] if t.pos_ not in {"ADV", "PART"}), None)
    if text in {"'s", "’s"} and (token.tag_ == "VBZ" or (i > 0 and doc[i - 1].pos_ == "PRON")):
        # ("It’s still enough": the tagger may call it a possessive, but a pronoun owns nothing with "'s")
        return "has" if after is not None and after.tag_ == "VBN" else "is"
    if text in {"'d", "’d"}:
        return "would" if token.tag_ == "MD" else "had"
    return None


def _same_person(a: str, b: str) -> bool:
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def _bracketed(replacement: str, original: str, kind: str) -> str:
    """ "[Anna] Berg" for a surname completed; "[the Ostra River Authority]" otherwise (a description
    comes bracketed already)."""
    if kind == "description":
        return replacement
    if kind == "name" and replacement.lower().endswith(" " + original.lower()):
        return f"[{replacement[: -len(original) - 1]}] {original}"  # "[Abu Bakr] Al-Baghdadi" too
    if kind == "name" and replacement.startswith(original + " "):
        return f"{original} [{replacement[len(original) + 1 :]}]"  # "Tiger [Woods]"
    return f"[{replacement}]"


# Family names that come first in the names of their bearers ("Kim Jong Un", "Li Zhenghua").
_FAMILY_NAME_FIRST = {"kim", "lee", "li", "park", "wang", "zhang", "chen", "liu", "yang", "huang", "zhao", "wu",
                      "zhou", "xu", "sun", "zhu", "hu", "guo", "lin", "choi", "jung", "kang", "cho", "yoon", "jang",
                      "lim", "han", "shin", "ri", "jo", "xi", "mao", "deng"}  # fmt: skip
# Agencies and networks whose name the tagger may glue to the name after it.
_WIRE_AGENCIES = {"Reuters", "AFP", "AP", "Xinhua", "Kyodo", "Yonhap", "TASS", "Interfax", "KCNA", "BBC", "CNN", "NBC",
                  "CBS", "MSNBC", "NPR", "Bloomberg"}  # fmt: skip
_FAMILY_RANKS = {"younger", "elder", "older", "eldest", "youngest", "junior", "senior"}
# The gender a form of address before a surname says ("Mr Somers" of Luke and Lucy Somers is Luke).
_ADDRESSED_AS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sgt", "sgt.", "miss", "prof", "prof."}
# No part of a person's name: "Banksy Instagram" is an account the tagger took for a person.
_PLATFORMS = {"Instagram", "Twitter", "Facebook", "YouTube", "Reddit", "TikTok", "Snapchat", "Wikipedia", "Google",
              "Tumblr", "WhatsApp", "LinkedIn", "Vine"}  # fmt: skip


_GENERIC_NOUNS = {"time", "year", "day", "week", "month", "way", "thing", "people", "man", "woman", "number",
                  "part", "lot", "place", "case", "point", "world", "fact", "end", "news", "matter", "issue",
                  "problem", "moment", "question", "reason", "kind", "side", "area", "group", "company", "team",
                  "attention", "hype", "speculation", "support", "pressure", "situation", "following", "air",
                  "bank", "record", "table", "line"}  # fmt: skip
_NOUN_MODIFIERS = {"compound", "amod", "prep", "relcl", "acl", "nummod", "poss", "appos"}
# A description longer than this is not worth putting into a claim.
_MAX_DESCRIPTION_WORDS = 8


def _description(doc: Doc, noun: Token) -> tuple[str, str, bool] | None:
    """(words before, words after, plural) that describe a noun where the article introduces it: "a
    five-day school trip" → ("five-day school", "", False); "a video released by the captors" → ("",
    "released by the captors", False). None for a bare noun, a name, or a description too long to carry."""
    if noun.ent_type_ or noun.lemma_.lower() in _GENERIC_NOUNS:
        return None
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
        return None  # only "a video ..." brings a new thing in; "the attention of the club" does not
    # Only what follows the noun tells which one it is ("a video released by the captors", "a trip to
    # Sarajevo"); words before it mostly say how it looks ("the latest iOS device", "a larger display").
    after = next((c for c in noun.children if c.dep_ in {"acl", "prep"} and c.i > noun.i), None)
    before_words: list[int] = []
    after_words = sorted(t.i for t in after.subtree) if after is not None else []
    if (
        after is not None
        and after.dep_ == "prep"
        and after.lower_ not in {"of", "from", "about", "on", "by", "to", "in"}
    ):
        after_words = []
    if after_words and any(doc[i].is_punct and doc[i].text in {",", ";", "(", ")", "—"} for i in after_words):
        after_words = []  # "a video released by X, al-Qaeda in ...": an aside, not a short description
    if not before_words and not after_words:
        return None
    if any(doc[i].pos_ == "PRON" and doc[i].lower_ not in {"who", "which", "that"} for i in after_words):
        return None  # "a source claiming it's from her": words that need explaining themselves explain nothing
    if len(before_words) + len(after_words) > _MAX_DESCRIPTION_WORDS:
        return None
    if any(doc[i].lower_ in _DEICTIC for i in after_words):
        return None  # "a pilot captured by ISIS with this photo": words that point at the page go nowhere else
    end = max(after_words, default=noun.i) + 1
    if _TITLE_GOES_ON.match(doc[end:].text if end < len(doc) else ""):
        return None  # "a movie called Batman v Superman: Dawn of Justice": the name goes on past the phrase
    return _words(doc, before_words), _words(doc, after_words), noun.tag_ in {"NNS", "NNPS"}


_ASIDE_MARKS = {",", ";", "(", ")", "—", "–"}
# Words that point at the page or the moment of writing: a description holding one says nothing elsewhere.
_DEICTIC = {"this", "these", "here", "above", "below"}
# What follows a name that the parser cut short: "Batman| v Superman: Dawn of Justice", "Tom| & Jerry".
_TITLE_GOES_ON = re.compile(r"^(?::|v\.?\s|vs\.?\s|&|(?:and|of|the)\s+[A-Z])")
# A first naming longer than this is not a note a reader takes in at a glance.
_MAX_NAMING_WORDS = 15


def _naming_phrase(doc: Doc, noun: Token, limit: int, shorten: bool = False) -> str | None:
    """ "the spider that had made its way into his abdomen", "the deadly Ebola virus": a noun with the
    words that tell which one it is (a phrase or clause after it, or a name before it), "the" first.
    None when only adjectives describe it ("a slightly larger display"): those do not pick one out.
    `shorten`: keep of a long phrase after the noun its first whole parts ("a video posted on YouTube
    on Tuesday [by a group calling itself "A3maq News"]")."""
    if noun.ent_type_ or noun.lemma_.lower() in _GENERIC_NOUNS or noun.dep_ == "compound":
        return None
    after = [c for c in noun.children if c.dep_ in {"prep", "acl", "relcl"} and c.i > noun.i]
    before = [c for c in noun.children if c.dep_ in {"compound", "amod", "nummod", "poss"} and c.i < noun.i]
    named_before = any(t.pos_ == "PROPN" for c in before for t in c.subtree)
    if not after and not named_before:
        return None
    indices = {noun.i} | {t.i for c in before for t in c.subtree}
    if shorten:
        if not after or after[0].dep_ == "relcl":
            return None  # a relative clause cut short says something else
        if any(t.text in _ASIDE_MARKS for c in after for t in c.subtree):
            return None  # "the compound in Benghazi that killed four Americans, including ...": too tangled to cut
        part = _shortened(after[0], _MAX_NAMING_WORDS - len(indices))
        if len(part) < 2:
            return None
        indices |= part
    else:
        indices |= {t.i for c in after for t in c.subtree}
    # "a 12m-wide (40ft) crater": what stands in parentheses is an aside, left out of the naming
    aside = _parenthesised(doc, min(indices), max(indices))
    indices -= aside
    # "an island previously owned by Tiger Woods, the golfer,": an aside after a comma says no more of
    # which island; the naming ends there
    cut = next((i for i in range(noun.i + 1, max(indices) + 1) if doc[i].text in _ASIDE_MARKS), None)
    if cut is not None and (
        (cut + 1 < len(doc) and doc[cut + 1].pos_ == "CCONJ")
        or any(doc[i].dep_ == "conj" for i in indices if i > cut)
        or any(doc[i].head.i < cut and doc[i].dep_ not in {"appos", "punct"} for i in indices if i > cut)
    ):
        # "a clip of Obama announcing airstrikes, and then ...", "in Delaware, Waco": a list; "information
        # that a group of Al Qaeda, called X, is planning": a clause that goes on after the aside
        return None
    if cut is not None:
        indices = {i for i in indices if i < cut}
        if max(indices) == noun.i and not named_before:
            return None
    span = [i for i in range(min(indices), max(indices) + 1) if i not in aside]
    if any(doc[i].lower_ == "from" for i in span) and any(doc[i].lower_ == "to" for i in span):
        return None  # "shifted the device from health-related to a do-everything product": a change, not a name
    if (
        max(indices) >= limit
        or len(span) > _MAX_NAMING_WORDS
        or any(doc[i].text in _ASIDE_MARKS | {'"', "“", "”"} for i in span)
        or _TITLE_GOES_ON.match(doc[span[-1] + 1 :].text)
        or any(doc[i].lower_ in _DEICTIC for i in span)
    ):
        return None
    # quote marks around a name ("the 'Ebola Turkey' story") go: a note is read, not quoted
    words = "".join(
        (t.whitespace_ if t.is_quote and not _possessive_mark(t) else t.text_with_ws) for t in (doc[i] for i in span)
    ).strip()
    words = re.sub(r"(?<![sS])['’](?=\s|$)", "", words)  # the closing mark of "'Ebola Turkey' story"
    if words.lower().startswith(("the ", "a ", "an ", "his ", "her ", "its ", "their ")):
        words = words.split(" ", 1)[1]
    elif doc[span[0]].pos_ == "PROPN":
        return words  # "Nigeria's military"
    if noun.tag_ == "NNS" and (
        doc[span[0]].tag_ == "CD" or doc[span[0]].lower_ in {"more", "less", "fewer", "about", "over", "some", "nearly"}
    ):
        return words  # "more than 250,000 holiday turkeys on a Texas farm"
    return f"the {words}"


def _shortened(head: Token, budget: int) -> set[int]:
    """`head` with the whole phrases before it and, in order, as many whole phrases after it as fit in
    `budget` words (the last one shortened the same way); nothing after a comma, a quotation mark, a
    conjunction or a clause of its own. Empty when what is kept would end on a word that needs more."""
    doc = head.doc
    out = {head.i} | {t.i for c in head.children if c.i < head.i for t in c.subtree}

    def plain(indices: set[int]) -> bool:
        return not any(doc[i].is_quote or doc[i].text in _ASIDE_MARKS for i in indices)

    if len(out) > budget or not plain(out):
        return set()
    for child in sorted((c for c in head.children if c.i > head.i), key=lambda c: c.i):
        if child.dep_ in {"cc", "conj", "punct", "relcl", "appos", "advcl", "parataxis", "ccomp"}:
            break
        whole = {t.i for t in child.subtree}
        if len(out) + len(whole) <= budget and plain(whole):
            out |= whole
            continue
        out |= _shortened(child, budget - len(out))
        break
    if doc[max(out)].pos_ not in {"NOUN", "PROPN", "NUM"}:
        return set()
    return out


# What a speaker says a thing is, never itself: "the company confirmed that it is authentic".
_GENUINENESS = {"authentic", "genuine", "real", "fake", "true", "false", "accurate", "inaccurate", "legitimate",
                "hoax", "forgery", "fabricated", "doctored", "bogus"}  # fmt: skip


def _estimated(pronoun: Token) -> bool:
    """ "Forbes estimated that it was closer to $400m": the pronoun is what a speaker estimates."""
    verb = pronoun.head
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in {"estimate", "calculate", "value", "reckon"}


def _judged_genuine(pronoun: Token) -> bool:
    """ "it is indeed authentic", "it was a hoax": the pronoun's clause says whether something is real."""
    verb = pronoun.head
    return verb.lemma_ == "be" and any(
        c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in _GENUINENESS for c in verb.children
    )


def _parenthesised(doc: Doc, start: int, end: int) -> set[int]:
    """The tokens from an opening parenthesis to its closing one (both included) within start..end."""
    out: set[int] = set()
    opened: int | None = None
    for i in range(start, end + 1):
        if doc[i].text == "(":
            opened = i
        elif doc[i].text == ")" and opened is not None:
            out |= set(range(opened, i + 1))
            opened = None
    return out


def _possessive_mark(token: Token) -> bool:
    """The apostrophe of "Woods’ career", whatever tag the parser gave it."""
    if token.tag_ == "POS":
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.text in {"'", "’"} and before is not None and not before.whitespace_ and before.text.endswith("s")


def _words(doc: Doc, indices: list[int]) -> str:
    return "".join(doc[i].text + doc[i].whitespace_ for i in indices).strip()


def _lone_name(doc: Doc, token: Token) -> bool:
    """A name of one word ("Olsen", "Mr Vickers", "Zehaf-Bibeau", "al-Baghdadi", "Jong-un"), not part of a
    longer name in this sentence. The tagger often misses such a surname or calls it an organisation: any
    capitalised name-like word counts."""
    if token.i + 2 < len(doc) and _glued_hyphen(doc, token.i + 1):
        return False  # the "Zehaf" of "Zehaf-Bibeau": the name is read at its last piece
    start = _hyphenated_start(doc, token)
    pieces = [doc[i] for i in range(start, token.i + 1) if doc[i].text != "-"]
    if start < token.i:
        if not any(t.text[:1].isupper() for t in pieces) or not any(t.pos_ == "PROPN" for t in pieces):
            return False
    elif (
        not token.text[:1].isupper()
        or token.lower_ in _HONORIFICS
        or (token.pos_ == "NOUN" and not token.is_sent_start)
        or token.pos_ not in {"PROPN", "NOUN"}  # "Woods has won": the tagger's plural noun at a sentence start
    ):
        return False
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if ent is not None and ent.label_ not in {"PERSON", "ORG", "NORP", "GPE"}:
        return False
    others = (
        [t for t in ent if t.pos_ == "PROPN" and t.lower_ not in _HONORIFICS and not start <= t.i <= token.i]
        if ent
        else []
    )
    if others:
        return False
    before = doc[start - 1] if start > 0 else None
    return before is None or before.pos_ != "PROPN" or before.lower_ in _HONORIFICS


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Token `i` is a hyphen written between two words with no space ("Zehaf-Bibeau")."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].is_alpha
        and doc[i + 1].is_alpha
    )


def _hyphenated_start(doc: Doc, token: Token) -> int:
    """Where the hyphenated name ending at `token` starts ("al-Baghdadi": at "al"); `token.i` if none."""
    start = token.i
    while start >= 2 and _glued_hyphen(doc, start - 1):
        start -= 2
    return start


def _bare_surname(word: str) -> str:
    """ "Baghdadi" for "al-Baghdadi" and "Al-Baghdadi": the article drops and capitalises the particle at will."""
    return re.sub(r"^(?:al|el|ad|ar|as|at|az)-", "", word.lower())


def _names_no_person(doc: Doc, token: Token) -> bool:
    """A name that is no person's here, whatever person shares the word: a country ("Jordan's King
    Abdullah", "Cuba"), a name modifying a thing ("a TBS Seinfeld rerun": the show), a nickname in
    quotation marks alone ('"John"')."""
    if token.ent_type_ in {"GPE", "LOC", "NORP"} and token.dep_ not in {"nsubj", "nsubjpass"}:
        return True  # (the tagger calls many a surname a place: "Woods has withdrawn" stays a person's)
    if token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.i > token.i:
        return True
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text in QUOTES and doc[token.i + 1].text in QUOTES


def _bracketed_by_article(doc: Doc, token: Token) -> bool:
    """ "[Islam] deserves it", "Phil [Mickelson]", "[the report of Gill Rosenberg's capture]": the article
    clarified it itself."""
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    if after == "[":
        return True
    opened = [t.i for t in doc[: token.i] if t.text == "["]
    return bool(opened) and not any(t.text == "]" for t in doc[opened[-1] : token.i])


def _followed_by(doc: Doc, token: Token, name: str) -> bool:
    """ "USA swimming": the rest of the name already follows, in whatever case."""
    rest = name.split()[1:]
    after = [t.lower_ for t in doc[token.i + 1 : token.i + 1 + len(rest)]]
    return bool(rest) and after == [w.lower() for w in rest]


def _followed_by_name(doc: Doc, token: Token) -> bool:
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return after is not None and after.pos_ == "PROPN"


# Nouns for people: "it" is never one of them.
_HUMAN_NOUNS = {"pair", "couple", "duo", "trio", "president", "minister", "official", "spokesman", "spokeswoman",
                "spokesperson", "man", "woman", "boy", "girl", "leader", "chief", "director", "officer", "king", "queen", "prince", "princess",
                "senator", "governor", "mayor", "judge", "lawyer", "doctor", "teacher", "student", "father",
                "mother", "son", "daughter", "wife", "husband", "brother", "sister", "author", "reporter",
                "journalist", "actor", "actress", "singer", "player", "manager", "ceo", "founder", "owner",
                "witness", "victim", "suspect", "soldier", "guard", "driver", "pilot", "analyst", "expert",
                "researcher", "scientist", "professor", "commander", "general", "ambassador", "envoy"}  # fmt: skip
# Words for a person that a story about one person uses for them ("the guy", "the despot"), with the
# gender they imply ("" for either).
# (Not "the man", "the woman": a story names its main person, and "the man" is more often someone else.)
_PERSON_NOUNS = {"guy": "m", "despot": "", "ruler": "", "dictator": "", "native": "", "star": "", "singer": "",
                 "actor": "m", "actress": "f", "rapper": "", "golfer": "", "businessman": "m", "entrepreneur": "",
                 "youngster": ""}  # fmt: skip
# Words news uses for one thing in turn ("a story ... The report ..."): a later one may name an earlier one.
_KIN_GROUPS = (
    ("report", "story", "article", "piece"),
    ("video", "footage", "clip"),
    ("photo", "photograph", "picture", "image"),
    ("trip", "excursion", "journey"),
    ("claim", "allegation", "rumor", "rumour"),
    ("creature", "beast"),
)
_KIN = {word: tuple(w for w in group if w != word) for group in _KIN_GROUPS for word in group}
_GROUP_NOUNS = {"pair": 2, "couple": 2, "duo": 2, "trio": 3}
_GROUP_NUMBERS = {"two": 2, "three": 3, "2": 2, "3": 3}


def _counted_group(token: Token) -> int | None:
    """How many people "the pair", "the two", "the three friends", "the 3 of us" stand for; else None."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    if token.lower_ in _GROUP_NOUNS and token.pos_ == "NOUN":
        return _GROUP_NOUNS[token.lower_]
    if token.pos_ == "NUM" and token.lower_ in _GROUP_NUMBERS and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
        return _GROUP_NUMBERS[token.lower_]
    if token.tag_ == "NNS" and token.lower_ in {"men", "women", "friends", "brothers", "sisters", "siblings"}:
        number = next((c for c in token.children if c.dep_ == "nummod" and c.lower_ in _GROUP_NUMBERS), None)
        return _GROUP_NUMBERS[number.lower_] if number is not None else None
    return None


_THIRD_PERSON = {"he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs", "it", "its"}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
# "this week", "that night": a time the dates resolve or note, not a thing the article named before
_TIME_NOUNS = {"week", "weekend", "month", "year", "morning", "afternoon", "evening", "night", "day", "time",
               "summer", "spring", "fall", "autumn", "winter", "season", "century", "decade", "quarter",
               "moment", "point", "era", "age", "past", "hour", "minute", "way", "side", "kind", "sort",
               "type", "case", "instance", "example", "addition", "occasion"}  # fmt: skip


def open_reference(
    doc: Doc,
    token: Token,
    claim: set[int],
    resolved: Sequence[int] = (),
    gender_of: Callable[[str], str] = lambda word: "",
) -> bool:
    """A word whose meaning lies in the earlier article and that the claim itself does not explain: a
    third-person pronoun with no antecedent in the claim ("He is being treated for gout"), a
    demonstrative ("These claims are false", "That is the trend"), "such" ("No such incident has
    occurred"), "the two", "the latter". `resolved`: the claim's words already replaced from context
    ("[Two Australian men] kept a burger, after they ...": an antecedent in the claim); `gender_of`: "m",
    "f" or "" for a name the claim holds ("Phelps"), so that no man is taken for a "she"."""
    word = token.lower_
    before = [doc[i] for i in sorted(claim) if i < token.i]
    # "Phelps could leave her after she revealed her past": no man the claim names is a "she"
    other = "m" if word in _FEMALE_PRONOUNS else "f" if word in _PERSON_PRONOUNS else ""
    if token.pos_ == "PRON" and word in _THIRD_PERSON:
        if word in {"it", "its"} and _expletive(token):
            return False
        if _named_after(token, claim) or any(
            i < token.i and not _of_gender(doc[i], other, gender_of) and not _unlike_it(doc[i], word) for i in resolved
        ):
            return False
        if word in {"him", "her", "them"} and token.dep_ in {"dobj", "dative", "pobj"}:
            # "Jessica Pressler profiled him": had it been Pressler, the article would say "herself"; "In
            # addition to handing him more cash, Lin set up a page to help Thomas": anyone else the claim names
            verb = token.head.head if token.dep_ == "pobj" else token.head
            subject = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
            before = [
                doc[i] for i in sorted(claim) if i not in subject and (i < token.i or (i > token.i and word != "them"))
            ]
        if word in {"it", "its"}:
            # (never a person: "Olsen had better be able to back it up")
            return not any(
                t.tag_ in {"NN", "NNP"}
                and t.lemma_.lower() not in _TIME_NOUNS
                and t.ent_type_ != "PERSON"
                and not _personal_noun(t.lemma_)
                for t in before
            )
        if word in {"they", "them", "their", "theirs"}:
            # "The pair grew up in Pyongyang, where they ...", "McDonald's is testing their menu"
            return not any(
                (t.tag_ in {"NNS", "NNPS"} and t.lemma_.lower() not in _TIME_NOUNS)
                or (t.pos_ in {"NOUN", "PROPN"} and t.conjuncts)
                or t.lemma_.lower() in _GROUP_NOUNS
                or t.lemma_.lower() in _ORG_NOUNS
                or t.ent_type_ in _ORG_LABELS
                for t in before
            )
        return not any(
            (t.pos_ == "PROPN" and t.ent_type_ in {"PERSON", ""}) or (t.pos_ == "NOUN" and _personal_noun(t.lemma_))
            for t in before
            if not _of_gender(t, other, gender_of)
        )
    if word in _DEMONSTRATIVES and token.tag_ == "DT":
        if token.dep_ == "det":
            head = token.head
            if head.pos_ not in {"NOUN", "PROPN"} or head.lemma_.lower() in _TIME_NOUNS:
                return False
            if any(t.lemma_ == head.lemma_ for t in before):
                return False  # "five million units, with half of those units ...": the claim names them
            # "this website Daily Buzz Live", "This Sorkin-scripted Jobs film": the claim says which
            return not any(t.pos_ == "PROPN" for t in head.subtree if t.i != head.i)
        if any(c.dep_ in {"prep", "relcl", "acl"} for c in token.children):
            return False  # "those who claim to be", "similar to that of the Lightning connector"
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.tag_ in {"JJ", "JJR", "RB", "RBR"} and following.pos_ != "NOUN":
            return False  # "the water rise this fast", "not that big": a degree, not a thing
        if token.head.lemma_ == "be" and any(
            c.dep_ == "attr" and any(t.ent_type_ == "PERSON" for t in c.subtree) for c in token.head.children
        ):
            return False  # "This is Sergeant-at-Arms Kevin Vickers": the claim says who
        return token.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "dative"} or (
            token.dep_ == "pobj" and token.head.head.lower_ not in {"any", "all", "some", "none", "much"}
        )
    if word == "such" and token.dep_ in {"amod", "predet", "det"}:
        return token.i + 1 < len(doc) and doc[token.i + 1].lower_ != "as" and token.head.pos_ == "NOUN"
    if word in {"latter", "former"} and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}:
        return True
    # "The two were born to Ko Yong Hui": a number standing for people or things named before (not
    # "Brown and a friend ... asking the two to move")
    return (
        token.pos_ == "NUM"
        and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}
        and any(c.lower_ == "the" for c in token.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        and not any(t.pos_ in {"NOUN", "PROPN"} and t.conjuncts for t in before)
    )


def _of_gender(token: Token, gender: str, gender_of: Callable[[str], str]) -> bool:
    """The word is known to name someone of `gender` ("m", "f"; "" never matches): a pronoun of it, a
    noun for one ("woman"), or a name the article shows or whose first name tells."""
    if not gender:
        return False
    if token.pos_ == "PRON":
        return token.lower_ in (_SHE if gender == "f" else _HE)
    if token.pos_ == "NOUN":
        return noun_gender(token.lemma_) == gender
    return gender_of(token.text) == gender


_SPEAKING_PRONOUNS = {
    "i",
    "we",
    "he",
    "she",
    "they",
    "you",
    "someone",
    "somebody",
    "anyone",
    "unnamed",
    "quote",
    "one",
    "people",
    "person",
}


# Things "the" names without any earlier mention: one of a kind, or the reader's own world.
_WELL_KNOWN = {"world", "police", "government", "public", "media", "internet", "web", "sun", "moon", "earth",
               "economy", "military", "army", "navy", "press", "weather", "market", "sky", "sea", "ground", "law",
               "constitution", "parliament", "court", "president", "pope", "queen", "king", "city", "country",
               "capital", "nation", "state", "region", "industry", "company", "population", "truth", "fact",
               "future", "past", "rest", "majority", "minority", "latter", "former", "case", "news", "report",
               "article", "story"}  # fmt: skip
# Names the article gives things (not people, places or numbers): "Apple Watch", "Senior Burger".
_THING_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW"}
# Words of _WELL_KNOWN that, said again with "the", are the story's own: "the company", "the report".
_STORY_NOUNS = {"company", "case", "report", "story", "article", "news"}
# "get Thomas off the streets", "get on the phone": "the" of an idiom, not of a thing of the story.
_IDIOM_NOUNS = {"street", "phone", "water"}


def _personal_noun(lemma: str) -> bool:
    """ "the North Korean leader", "two doctors", "the despot": a noun for a person."""
    lemma = lemma.lower()
    return is_person_word(lemma) or lemma in _HUMAN_NOUNS or lemma in _PERSON_NOUNS or noun_gender(lemma) is not None


def _unlike_it(replaced: Token, pronoun: str) -> bool:
    """ "[Exporters] could have shipped it": a word put in for "they", "he" or a plural is no antecedent of
    "it"."""
    return pronoun in {"it", "its"} and (
        replaced.lower_ in _PLURAL_PRONOUNS | _PERSON_PRONOUNS | _FIRST_PLURAL or replaced.tag_ in {"NNS", "NNPS"}
    )


def _expletive(token: Token) -> bool:
    """ "it is obvious that ...", "it was discovered that ...", "it has been reported": no referent."""
    head = token.head
    if token.dep_ == "expl":
        return True
    if any(c.dep_ in {"ccomp", "csubj"} for c in head.children):
        return True
    # "It seems likely", "it appears to be spreading" (not "It appeared on a militant website"); "it is time to
    # go" (not "It had been projected to be over New Zealand": a passive raises a subject that means something)
    if head.lemma_ in {"seem", "appear"}:
        return any(c.dep_ in {"acomp", "xcomp", "attr", "oprd"} for c in head.children)
    if any(c.dep_ == "xcomp" for c in head.children) and not any(c.dep_ == "auxpass" for c in head.children):
        return True
    # "It is unclear if the teacher is real": an adjective and the question or fact it is about
    clause = [g for c in head.children if c.dep_ in {"acomp", "attr"} for g in [c, *c.children]]
    if clause and any(
        c.dep_ in {"advcl", "ccomp"}
        and any(m.dep_ == "mark" and m.lower_ in {"if", "whether", "that"} for m in c.children)
        for t in [head, *clause]
        for c in t.children
    ):
        return True
    # "It's not unusual for Apple to experiment": an adjective and the infinitive it is about
    return any(c.dep_ == "acomp" for c in head.children) and any(
        c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in head.children
    )


def quoted_tokens(doc: Doc, quoted_at_start: bool = False) -> set[int]:
    """Indices of the tokens inside a quotation ("...", “...”), one opened before the sentence included."""
    inside = quoted_at_start
    out: set[int] = set()
    for token in doc:
        text = token.text
        if text in _OPEN_QUOTES or (text in _BOTH_QUOTES and not inside):
            inside = True
            continue
        if text in _CLOSE_QUOTES or text in _BOTH_QUOTES:
            inside = False
            continue
        if inside:
            out.add(token.i)
    return out


def _antecedent_in_claim(doc: Doc, pronoun: Token, claim: set[int]) -> bool:
    """A pronoun whose antecedent the claim already holds ("FC Vellmar postponed its match",
    "the rain stopped when it did") needs no resolving."""
    for i in sorted(claim):
        token = doc[i]
        if i >= pronoun.i:
            return False
        if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"NOUN", "PROPN"}:
            return True
        if pronoun.lower_ in _PERSON_PRONOUNS and token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
            return True  # "[CNN interviewed] Peter Henderson, who said he was ...": a person the claim names
    return False


def _named_after(pronoun: Token, claim: set[int]) -> bool:
    """ "Six months before he shot Brown, Officer Darren Wilson earned a commendation": a "he" in a clause
    put before the main one is the person that clause's main subject names."""
    if pronoun.lower_ not in _PERSON_PRONOUNS:
        return False
    clause = pronoun.head
    while clause.dep_ not in {"advcl", "ROOT"} and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "advcl" or clause.i > clause.head.i:
        return False
    subject = next((c for c in clause.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.i not in claim or subject.i < pronoun.i:
        return False
    return any(t.ent_type_ == "PERSON" for t in subject.subtree)


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


def _name_it_is(doc: Doc, noun: Token) -> str | None:
    """The name the sentence says `noun` is: "Bhakkar Fatwa is a small group of ...", "Kessel Forte, a steel
    company", "a splinter group of Al Qaeda, now going by the name Bhakkar Fatwa", "the organization Black
    Lawyers for Justice"."""
    indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be" and indefinite:
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        return _proper_name(doc, subject) if subject is not None else None
    if noun.dep_ == "appos" and indefinite:
        return _proper_name(doc, noun.head)
    for child in noun.children:
        if child.dep_ == "appos" and child.i > noun.i:
            return _proper_name(doc, child)
        if child.dep_ != "acl":
            continue
        if child.lemma_ in {"call", "name", "dub"}:  # "a group called Bhakkar Fatwa"
            named = [c for c in child.children if c.dep_ in {"oprd", "attr", "dobj"} and c.pos_ == "PROPN"]
        elif child.lemma_ in {"know", "go"}:  # "known as X", "going by the name X" (not "known for X")
            phrase = {"know": ("as",), "go": ("by", "name")}[child.lemma_]
            words = [t.lower_ for t in child.subtree]
            named = [t for t in child.subtree if t.pos_ == "PROPN" and t.dep_ in {"pobj", "appos"}]
            named = named if all(w in words for w in phrase) else []
        else:
            continue
        if len(named) == 1:
            return _proper_name(doc, named[0])
    return None


def _proper_name(doc: Doc, token: Token) -> str | None:
    """The whole name `token` heads ("Fatwa" → "Bhakkar Fatwa"), or None for a word that is no name."""
    if token.pos_ != "PROPN":
        return None
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if ent is not None and ent.label_ not in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}:
        return re.sub(r"^[Tt]he ", "", ent.text)
    start = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    return doc[start : token.i + 1].text


# Words in a claim that say a man or a woman is meant ("Mr Kim", "Kim's wife", "she").
_MALE_CUES = _HE | {"mr", "mr.", "wife"}
_FEMALE_CUES = _SHE | {"mrs", "mrs.", "ms", "ms.", "husband"}


def _genders_said(doc: Doc, name: Token, claim: set[int]) -> set[str]:
    """The genders the claim rules out for the person a lone name stands for: "Mr Kim" and "Kim's wife" are
    no woman, "Ms Kim" no man ("m" for a male cue rules out "f")."""
    words = {doc[i].lower_ for i in claim if i != name.i}
    return ({"f"} if words & _MALE_CUES else set()) | ({"m"} if words & _FEMALE_CUES else set())


def _with_article(doc: Doc, ent: Span) -> str:
    # "the New York Daily News", "the New York cold": "the" belongs to what the name describes
    within = (ent.end < len(doc) and doc[ent.end].pos_ == "PROPN" and doc[ent.end].text[:1].isupper()) or (
        ent.root.dep_ in {"compound", "nmod", "amod"} and ent.root.head.i >= ent.end
    )
    if (
        ent.start > 0
        and doc[ent.start - 1].lower_ == "the"
        and ent.label_ not in {"PERSON", "DATE", "CARDINAL"}
        and not within
    ):
        return f"the {ent.text}"
    return clean_name(ent.text) if ent.label_ == "PERSON" else ent.text


_NICKNAME = re.compile(r"\s*[\"“”][^\"“”]{0,25}[\"“”]?\s*")


def clean_name(name: str) -> str:
    """'Mohammed "Mo" Islam' → "Mohammed Islam": a nickname in quotation marks is not part of the name."""
    return " ".join(_NICKNAME.sub(" ", name).split()) or name


def _phrase(doc: Doc, noun: Token) -> str:
    drop: set[int] = set()
    for child in noun.children:
        if child.dep_ in {"relcl", "appos", "acl", "prep"} or child.text == ",":
            drop |= {t.i for t in child.subtree}
    # punctuation goes, but not the hyphen of "62-acre" or the ampersand of "AT&T"
    words = [t for t in noun.subtree if t.i not in drop and (not t.is_punct or t.text in {"-", "&", "/"})]
    return " ".join("".join(t.text + t.whitespace_ for t in words).split())


def quote_states(texts: list[str], paragraph_starts: list[bool]) -> list[tuple[bool, bool]]:
    """(inside a quotation at the start, at the end) of each sentence, in order.

    A quotation may run over several sentences and paragraphs: a paragraph that opens with a quote
    mark continues or opens one, any other paragraph starts outside (an unclosed quote is not
    carried on past it).
    """
    out: list[tuple[bool, bool]] = []
    inside = False
    for text, paragraph in zip(texts, paragraph_starts, strict=True):
        stripped = text.lstrip()
        if paragraph:
            inside = False
        start = inside
        for i, char in enumerate(stripped):
            pair = stripped[i : i + 2]
            if char == "“" or pair == "``" or (char == '"' and (not inside or (i == 0 and paragraph))):
                inside = True
            elif char in "”" or char == '"' or pair == "''":
                inside = False
        out.append((start, inside))
    return out
