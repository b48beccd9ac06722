"""Who said it: find the attribution frame of a parsed sentence and separate it from the content.

Handles direct and reported speech with a speech verb ("X said (that) Q", "'Q,' X told reporters",
"Q, officials said", "X said in a statement: 'Q'") and "according to X, Q". The speaker is split into
a name and a role ("Anna Berg" / "a spokesperson for the regional police") from its appositive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corroborate.claims.context import quoted_tokens
from corroborate.claims.gender import is_person_word, noun_gender
from corroborate.claims.names import is_party_label
from corroborate.claims.parse import load_parser
from corroborate.claims.tokens import QUOTES, render, subtree, trim_edges

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "SPEECH_VERBS",
    "Attribution",
    "according_relay",
    "attribute",
    "bare_speech",
    "credit_line",
    "embedded_report",
    "find_attribution",
    "is_bare_quote",
    "said_in_relative_clause",
]

# Verbs that report a statement as the speaker's own ("deny" is left out: its content is negated).
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "state",
        "add",
        "claim",
        "announce",
        "report",
        "estimate",
        "confirm",
        "warn",
        "note",
        "explain",
        "write",
        "insist",
        "argue",
        "allege",
        "acknowledge",
        "admit",
        "recall",
        "testify",
        "tweet",
        "post",
        "disclose",
        "reveal",
        "declare",
        "assert",
        "maintain",
        "stress",
        "emphasise",
        "emphasize",
        "predict",
        # Beliefs, findings and suggestions are reported too: "locals believe X", "the study found X".
        "believe",
        "think",
        "suggest",
        "speculate",
        "find",
        "show",
        "indicate",
        "conclude",
        "suspect",
        "accuse",
        "cite",
        "describe",
        "hint",
        "fear",
        "concede",
        "assure",
        "promise",
        "complain",
        "reiterate",
        "remark",
        "mention",
        "caution",
        "contend",
        "observe",
        "recount",
        # What people say in passing is theirs too: "the elite joke that he is too big to ...".
        "joke",
        "quip",
        "boast",
        "brag",
        "lament",
        "theorize",
        "theorise",
        "posit",
        "surmise",
    ]
)
# Verbs that report speech only with "that" or a quotation ("boasts that exports rose"; "the island boasts
# a variety of wildlife" reports nothing).
_THAT_ONLY = frozenset(["boast", "brag", "joke", "quip", "lament", "theorize", "theorise", "posit", "surmise"])
# Verbs that say who spoke only as a tag after the words: "They're rats, he laughed."
_TAG_ONLY = frozenset(["laugh", "chuckle", "smile", "sigh", "shrug", "grin", "joke", "quip"])
# "Q, as X put it": only plain speech verbs ("as that found on the old model" reports nothing).
_AS_VERBS = frozenset(["say", "explain", "note", "report", "write", "state", "tell", "add", "describe", "put"])
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
# A relative clause of a speaker longer than this is what it did, not who it is.
_MAX_SPEAKER_CLAUSE = 8
# What "I" or "we" think is no report of someone else's words: "we thought X" does not assert X.
_OWN_BELIEFS = frozenset(["think", "believe", "suspect", "fear", "expect", "assume", "guess", "hope", "feel"])
# Speech verbs that report only next to a quotation ("'...,' he continued.").
_QUOTE_VERBS = frozenset(["continue"])
# "The envoy noted reports that X": X is claimed by the reports; the envoy only relays them.
_REPORT_NOUNS = {"report", "claim", "allegation", "rumour", "rumor", "accusation", "suggestion", "speculation",
                 "assertion", "story", "account"}  # fmt: skip
# "according to X" names a source only when X can speak: a person, an organisation, a document.
_SOURCE_NOUNS = {"report", "reports", "official", "officials", "source", "sources", "police", "statement",
                 "study", "survey", "data", "figure", "figures", "estimate", "estimates", "witness", "witnesses",
                 "spokesperson", "spokesman", "spokeswoman", "ministry", "government", "agency", "document",
                 "documents", "record", "records", "filing", "lawsuit", "complaint", "indictment", "court",
                 "prosecutor", "prosecutors", "investigator", "investigators", "analyst", "analysts", "expert",
                 "experts", "researcher", "researchers", "scientist", "scientists", "media", "newspaper",
                 "paper", "website", "site", "outlet", "group", "organisation", "organization", "company",
                 "firm", "authorities", "authority", "army", "military", "residents", "activists", "monitor",
                 "observatory", "census", "poll", "polls", "letter", "memo", "post", "tweet", "video",
                 "blog", "network", "broadcaster", "channel", "magazine", "journal", "article",
                 "release", "people", "family", "friend", "friends", "lawyer", "attorney", "story", "stories",
                 "rumor", "rumors", "rumour", "rumours", "account", "accounts", "claim", "claims", "transcript",
                 "leak", "leaks", "cable", "cables", "footage"}  # fmt: skip


@dataclass(frozen=True)
class Attribution:
    """`content_root` heads the reported statement; `frame` is every token that is not content."""

    speaker: str
    speaker_role: str | None
    speaker_token: int
    frame: frozenset[int]
    content_root: int
    # For an attribution carried from another sentence: the sentence that named the speaker (-1: none)
    origin: int = -1

    def speaker_is_pronoun(self, doc: Doc) -> bool:
        """ "he said" (also for an attribution carried over from another sentence: `speaker_token` -1)."""
        return self.speaker.lower() in _PRONOUNS


def is_bare_quote(sentence: str) -> bool:
    """True for a sentence that is nothing but a quotation (its speaker is in the sentence before)."""
    text = sentence.strip()
    return len(text) > 2 and text[0] in '"“”' and text[-1] in '"“”' and not any(c in '"“”' for c in text[1:-1])


# Verbs that only say someone spoke: alone, with what was said in another sentence, they state nothing.
# (not "respond", "joke", "warn": "responding to questions about X", "warned of floods" say something)
_SPEECH_ONLY = {"say", "tell", "write", "tweet", "post", "add", "ask", "continue", "explain", "note"}


def bare_speech(doc: Doc, pieces: Sequence[object]) -> bool:
    """ "Judeh said on Twitter, referring to earlier atrocities.": who spoke, with what they said in
    another sentence; it states nothing to check."""
    indices = {p for p in pieces if isinstance(p, int)}
    roots = [doc[i] for i in indices if doc[i].head.i not in indices or doc[i].head.i == i]
    verbs = [t for t in roots if t.pos_ in {"VERB", "AUX"}]
    if len(verbs) != 1 or verbs[0].lemma_.lower() not in _SPEECH_ONLY:
        return False
    # (whom one tells is no content: "She told reporters.")
    said = {"ccomp", "parataxis", "xcomp", "attr", "acomp"} | ({"dobj"} if verbs[0].lemma_.lower() != "tell" else set())
    return not any(c.dep_ in said and c.i in indices and not _imperative(c) for c in verbs[0].children)


def _imperative(verb: Token) -> bool:
    """ "MacKay wrote: To all in Ottawa, stay safe.": a bare verb with no subject asks, it states nothing."""
    return verb.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "aux"} for c in verb.children)


# What shows or suggests, but says nothing: its "speaker" is the writer reading it.
_EVIDENCE_NOUNS = {"evidence", "picture", "image", "photo", "photograph", "footage", "video", "clip", "data", "sign",
                   "trace", "recording", "pattern"}  # fmt: skip


# What a fact or a thing can do to a reader ("The lack of doctors suggests that Q"): the writer's inference.
_INFERRING = {"suggest", "indicate", "imply", "mean"}


def find_attribution(doc: Doc) -> Attribution | None:
    """The sentence's attribution frame, or None when the article states it in its own voice."""
    according = _according_to(doc)
    if according is not None:
        relayed = _relayed_speech(doc, according)
        return relayed[0] if relayed is not None else according
    return _speech_verb(doc) or _as_frame(doc) or _participle_frame(doc)


def according_relay(doc: Doc) -> str | None:
    """Who passes the speaker's words on when a sentence has both a speech verb and "according to":
    '"Q," he said, according to the Daily Record' (the paper), '"Q, according to people familiar with the
    matter," reports the Journal' (the Journal)."""
    according = _according_to(doc)
    relayed = _relayed_speech(doc, according) if according is not None else None
    return relayed[1] if relayed is not None else None


def _relayed_speech(doc: Doc, according: Attribution) -> tuple[Attribution, str] | None:
    """(attribution, relay) of a sentence with a speech verb and "according to": outside the quotation,
    "according to X" relays what the verb's speaker said; inside it, the quoted text names its own
    source, relayed by the verb's speaker. The frame takes both phrases in."""
    said = _speech_verb(doc)
    if said is None or said.speaker_token < 0 or said.speaker_token in according.frame:
        return None
    frame = said.frame | according.frame
    if according.speaker_token in quoted_tokens(doc):
        return Attribution(
            according.speaker, according.speaker_role, according.speaker_token, frame, said.content_root
        ), said.speaker
    return Attribution(said.speaker, said.speaker_role, said.speaker_token, frame, said.content_root), according.speaker


def attribute(sentence: str) -> tuple[str, str | None]:
    """(statement, speaker) of one sentence; (sentence, None) when it is not attributed."""
    doc = load_parser()(sentence.strip())
    found = find_attribution(doc)
    if found is None:
        return sentence.strip(), None
    return render(doc, trim_edges(doc, set(range(len(doc))) - found.frame)), found.speaker


# What a publisher does when it speaks: "The Post issued a correction, saying that Q".
_PUBLISHING_VERBS = frozenset(["issue", "release", "publish", "post", "update", "tweet", "put", "send", "correct"])


# Conjunctions that put a report in time ("hours after the Associated Press reported that Q").
_TIME_MARKS = {"after", "since", "before", "when"}


def embedded_report(doc: Doc) -> tuple[Attribution, set[int]] | None:
    """ "The video has proven controversial, with some observers claiming that Q" and "The Post issued a
    correction, saying that Q": Q is the observers' (the Post's), while the sentence's own words are the
    article's. Returns the attribution of Q and the tokens of the phrase that reports it ("with ...",
    ", saying ..."), to leave out of the article's own statement."""
    for verb in doc:
        if verb.lemma_.lower() not in SPEECH_VERBS:
            continue
        if verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.dep_ == "advcl" and verb.i > verb.head.i:
            # "The reports come hours after the Associated Press reported that Q": the sentence stays the
            # article's, whole; Q is also a claim of the Associated Press
            if not any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in verb.children):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
                continue
            phrase: set[int] = set()
        elif verb.tag_ != "VBG":
            continue
        elif verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.head.head.dep_ == "ROOT":
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            phrase = subtree(verb.head)  # "..., with some observers claiming that Q"
        elif (
            verb.dep_ == "advcl"
            and verb.head.dep_ == "ROOT"
            and (verb.head.lemma_.lower() in _PUBLISHING_VERBS or _comma_after_a_speaker(doc, verb))
            and verb.i > verb.head.i
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        ):
            # "The Post issued a correction, saying that Q": the correction is the article's news, Q the Post's
            subject = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            phrase = subtree(verb)
        else:
            continue
        content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        # any noun that claims or reports something in a finite clause can speak ("some observers")
        if subject is None or content is None or subject.pos_ not in {"NOUN", "PROPN", "PRON"} or not _finite(content):
            continue
        first = min(phrase, default=0)
        if phrase and first > 0 and doc[first - 1].text == ",":
            phrase.add(first - 1)
        name, role = _name_and_role(doc, subject)
        return Attribution(name, role, subject.i, _around(doc, content), content.i), phrase
    return None


def _comma_after_a_speaker(doc: Doc, verb: Token) -> bool:
    """ "Olsen is walking back everything, telling ESPN.com his comments were Q": a speech participle set
    off by a comma after a sentence whose subject is a named person or organisation (Q is theirs)."""
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return (
        verb.i > 0
        and doc[verb.i - 1].text == ","
        and subject is not None
        and (subject.ent_type_ in {"PERSON", "ORG"} or (subject.pos_ == "PROPN" and subject.ent_type_ != "GPE"))
    )


def _according_to(doc: Doc) -> Attribution | None:
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
        if not objects:
            continue
        speaker = objects[0]
        if not _can_speak(speaker):
            continue
        frame = {token.i, token.i + 1} | subtree(speaker)
        for edge in (min(frame) - 1, max(frame) + 1):  # the commas that set the phrase off
            if 0 <= edge < len(doc) and doc[edge].text == ",":
                frame.add(edge)
        content = [t for t in doc if t.i not in frame and not t.is_punct]
        if len(content) < 3:
            return None
        root = next((t for t in content if t.dep_ == "ROOT"), None) or content[0]
        if root.i in frame:
            return None
        name, role = _name_and_role(doc, speaker)
        return Attribution(name, role, speaker.i, frozenset(frame), root.i)
    return None


def _can_speak(token: Token) -> bool:
    if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or token.pos_ in {"PROPN", "PRON"}:
        return True
    if token.lower_ in _SOURCE_NOUNS or token.lemma_.lower() in _SOURCE_NOUNS:
        return True
    if is_person_word(token.lemma_) or noun_gender(token.lemma_) is not None:
        return True  # "according to one dude who probably doesn't know anything", "according to a neighbour's wife"
    return any(c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN" for c in token.children)


def _as_frame(doc: Doc) -> Attribution | None:
    """ "Q, as X put it." and "Q, as explained by X.": the clause after "as" names the speaker."""
    for verb in doc:
        if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            continue
        lemma = verb.lemma_.lower()
        subject = None
        if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        elif lemma in _AS_VERBS and not any(c.dep_ in {"dobj", "xcomp", "ccomp"} for c in verb.children):
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            subject = subject or next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None and verb.pos_ == "NOUN":
                # "As the Mirror reports,": the parser read "Mirror reports" as one noun
                subject = next((c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        if subject is None or subject.lower_ in {"that", "which", "what", "this"}:
            continue
        frame = subtree(verb)
        if verb.left_edge.i > 0 and doc[verb.left_edge.i - 1].text == ",":
            frame.add(verb.left_edge.i - 1)
        if len([i for i in set(range(len(doc))) - frame if not doc[i].is_punct]) < 3:
            continue
        name, role = _name_and_role(doc, subject)
        return Attribution(name, role, subject.i, frozenset(frame), verb.head.i)
    return None


def _participle_frame(doc: Doc) -> Attribution | None:
    """ "X was quoted as saying (that) Q": the speaker is the subject of the main verb, which only says
    how X spoke."""
    for verb in doc:
        if verb.lemma_.lower() not in SPEECH_VERBS or verb.tag_ != "VBG" or verb.pos_ != "VERB":
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            continue  # "with some observers claiming that Q": the sentence's own statement comes first
        head = verb.head
        if verb.dep_ != "pcomp" or head.lower_ != "as" or head.head.lemma_.lower() != "quote":
            continue
        main = head.head  # "was quoted as saying"
        subject = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if main.dep_ != "ROOT" or subject is None or not _can_speak(subject):
            continue
        content = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if content is None or not _finite(content):
            continue
        frame = _around(doc, content)
        if len([i for i in set(range(len(doc))) - frame if not doc[i].is_punct]) < 3:
            continue
        name, role = _name_and_role(doc, subject)
        return Attribution(name, role, subject.i, frame, content.i)
    return None


# Verbs of guessing: what follows them is a guess, and the sentence keeps saying so.
_SPECULATING = {
    "speculate",
    "theorize",
    "theorise",
    "posit",
    "surmise",
    "hypothesize",
    "hypothesise",
    "guess",
    "wonder",
}
# Verbs of telling someone: in the passive, their subject is who heard it ("he was assured that Q").
_TOLD_VERBS = {"tell", "inform", "assure", "advise", "warn", "promise", "notify", "brief", "reassure"}


def _inverted_speaker(doc: Doc, verb: Token) -> Span | None:
    """'"Q," said Lin': the name right after a speech verb that follows the closing quotation."""
    if verb.i == 0 or verb.i + 1 >= len(doc) or doc[verb.i - 1].text not in QUOTES | {","}:
        return None
    if doc[verb.i - 1].text == "," and (verb.i < 2 or doc[verb.i - 2].text not in QUOTES):
        return None
    end = verb.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    return doc[verb.i + 1 : end] if end > verb.i + 1 else None


def _speech_verb(doc: Doc) -> Attribution | None:
    for verb in doc:
        lemma = verb.lemma_.lower()
        tag_only = lemma in _TAG_ONLY and (
            (verb.dep_ in {"parataxis", "ccomp", "advcl"} and verb.i > verb.head.i)
            or any(c.dep_ in {"ccomp", "parataxis"} and c.i < verb.i for c in verb.children)
        )
        if (lemma not in SPEECH_VERBS | _QUOTE_VERBS and not tag_only) or verb.pos_ not in {"VERB", "AUX"}:
            continue
        if lemma in _QUOTE_VERBS and not any(t.text in QUOTES for t in doc):
            continue
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        named = None
        if subject is None and (trailing := _trailing_source(doc, verb)) is not None:
            # "Quanta has increased its workforce, reported G for Games.": the parser made the source the
            # speech verb's object
            source, statement = trailing
            end = max(i for i in subtree(verb) if not doc[i].is_punct) + 1
            name = doc[source.left_edge.i : end].text  # "G for Games": the parser hung "for Games" on the verb
            return Attribution(name, None, source.i, frozenset(range(verb.i - 1, len(doc))), statement.i)
        misplaced = _source_hung_before(doc, verb) if subject is None and verb.dep_ == "ROOT" else None
        if misplaced is not None:
            named, subject = misplaced, misplaced[-1]  # "..., to identify Foley's killer, the Daily Mail reported."
        elif subject is None and verb.dep_ == "ROOT" and (inverted := _inverted_speaker(doc, verb)) is not None:
            named, subject = inverted, inverted.root  # '"Q," said Lin, who ...': the parser hung Lin elsewhere
        elif subject is None and verb.dep_ == "ROOT":
            # "In an interview on Monday his partner X said Q": the parser hung X on the phrase before
            # "said"; the last person named before the verb is the speaker.
            named = next((e for e in reversed(doc.ents) if e.label_ == "PERSON" and e.end <= verb.i), None)
            subject = named.root if named is not None else None
        if subject is None:
            continue
        if any(c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ == "aux" and c.lower_ in {"could", "would", "might", "may"} for c in verb.children
        ):
            # "Axl Rose has not confirmed that Q", "it could indicate that Q": no one says Q; the sentence
            # stays whole, as the article wrote it
            continue
        if subject.dep_ == "nsubjpass" and lemma in _TOLD_VERBS:
            # "Workers were told that the plant would close": they heard it; who said it is the "by" phrase
            # if any, and "may have been told" doubts the telling: then the sentence stays whole
            agent = next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
            if agent is None or any(c.tag_ == "MD" for c in verb.children):
                continue
            subject = agent
        if (
            subject.dep_ == "nsubjpass"
            and subject.i < verb.i
            and lemma not in _TOLD_VERBS | {"quote"}
            and subject.lower_ != "it"
            and not _can_speak(subject)
        ):
            # "An appetite for cheese is believed to be a key factor in his weight, so much that he now walks
            # with a limp": what is believed is said of the subject, by no one named; "Q was reported by
            # CNN": the "by" phrase says it
            agent = next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
            if agent is None:
                continue
            subject = agent
        if subject.tag_ in {"VBN", "VBD"} and subject.pos_ != "PROPN":
            continue  # "Published claims that X turn out to be exaggerated": "claims" is a noun, no one speaks
        if subject.lower_ in {"nobody", "none", "no-one", "nothing"} or any(
            c.dep_ == "det" and c.lower_ == "no" for c in subject.children
        ):
            # "Nobody says he plans to open one", "nothing in the report suggests Q", "no one has confirmed Q":
            # what no one says is no one's claim; the sentence stays whole
            continue
        # ("9to5Mac suggested that Q" speaks: a name the tagger did not call one still starts with no small letter)
        named_thing = subject.text[:1].isupper() or subject.text[:1].isdigit()
        if lemma in _INFERRING and (subject.lower_ == "it" or not (_can_speak(subject) or named_thing)):
            # "The lack of doctors in the city suggests that the outbreak could spread": no one says so; the
            # sentence stays whole, the inference the article's own
            continue
        if subject.lower_ in {"this", "that", "these", "those"} and subject.pos_ == "PRON":
            continue  # "But he had this to say:": "this" is what is said, never who says it
        if lemma in {"suggest", "indicate", "show"} and subject.lemma_.lower() in _EVIDENCE_NOUNS:
            continue  # "The pictures suggest the drone is a Reaper": the writer's inference, kept whole with its hedge
        if subject.lower_ in {"i", "we"} and lemma in _OWN_BELIEFS:
            continue  # "We initially thought it might be nerve gas": their belief is the statement, kept whole
        # "It's not much to go on, but Madden said that Q": a speech verb joined to the sentence's own
        # verb reports Q as much as a main one does
        main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and named is None)
        if main:
            content = next((c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} and c.i != subject.i), None)
            if content is None:
                content = next((c for c in verb.children if c.dep_ == "dobj" and _is_quoted(doc, c)), None)
            if content is None:  # "said in a statement that Q": the parser may hang Q off "statement"
                content = next((t for t in verb.subtree if t.i > verb.i and _that_clause(t)), None)
            if content is None:
                continue
            frame = set(range(len(doc))) - subtree(content)
            if misplaced is not None:
                frame |= set(range(misplaced.start - 1, misplaced.end))
        elif (
            verb.dep_ in {"parataxis", "ccomp", "advcl"}
            # (after a mark or a quotation: "Bary appeared in music videos posted on YouTube" names no one)
            and (
                (verb.i > verb.head.i and verb.head.dep_ == "ROOT" and _after_a_break(doc, verb)) or _set_off(doc, verb)
            )
            # "..., as police warned people to stay away": a clause of its own, not a source
            and not any(c.dep_ in {"xcomp", "ccomp", "mark"} for c in verb.children)
        ):
            # "The dam burst at dawn, officials said.": the speech verb hangs off the statement; "more
            # likely, she said, that Q": the whole sentence is what she said.
            content = verb.head if verb.head.dep_ == "ROOT" else _root(doc)
            # (a quotation mark the parser hung on the speech verb closes the statement's own quotation)
            frame = {i for i in subtree(verb) if doc[i].text not in QUOTES}
        else:
            continue
        if not _finite(content):
            continue  # "video shows officers rushing down a hallway": a scene, not a reported statement
        if (
            main
            and content.i > verb.i
            and lemma in _THAT_ONLY
            and not (any(c.dep_ == "mark" and c.lower_ == "that" for c in content.children) or _is_quoted(doc, content))
        ):
            continue  # "The island boasts a variety of wildlife": it has them, nobody says anything
        frame |= _complementizer(content)
        frame |= credit_line(doc)[0]
        if len([i for i in set(range(len(doc))) - frame if not doc[i].is_punct]) < 3:
            continue
        name, role = (named.text, None) if named is not None else _name_and_role(doc, subject)
        if lemma in _SPECULATING:
            name = f"{name} (speculating)"  # "Doctors speculated that Q": Q is their guess, and says so
        if subject.lower_ == "it" and _passive(verb) and lemma in _OWN_BELIEFS | {"understand"}:
            continue  # "It is believed, though unconfirmed, that Q": the article's own hedge, kept whole with Q
        if subject.lower_ == "it" and (subject.dep_ == "nsubjpass" or _passive(verb)):
            name, role = "unnamed reports", None  # "..., it has been reported"
        if (
            content.head.pos_ == "NOUN"
            and content.head.lemma_.lower() in _REPORT_NOUNS
            and content.dep_ in {"acl", "ccomp", "relcl"}
        ):
            reports = _text(doc, subtree(content.head) - subtree(content))
            who = ", ".join(p for p in (role, name) if p)
            called = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            called_what = _text(doc, subtree(called) - subtree(content.head) - {called.i}) if called is not None else ""
            if lemma == "describe" and called_what:
                # "the publicist described as "rubbish" a report that X": the report is disputed, not relayed
                name, role = f"{reports} (described as {called_what} by {who})", None
            else:
                name, role = f"{reports} (relayed by {who})", None
        return Attribution(name, role, subject.i, frozenset(frame), content.i)
    return None


def _after_a_break(doc: Doc, verb: Token) -> bool:
    """The clause of `verb` follows a comma, a dash or a quotation mark: "The dam burst, officials said"."""
    start = min(t.i for t in verb.subtree if not (t.is_punct or t.text in QUOTES))
    return start > 0 and (doc[start - 1].is_punct or doc[start - 1].text in QUOTES)


def _passive(verb: Token) -> bool:
    """ "is believed", "it’s believed" (which the tagger may read as a past tense with an "’s")."""
    return any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    )


def _trailing_source(doc: Doc, verb: Token) -> tuple[Token, Token] | None:
    """(source, statement's verb) of ", reported G for Games." closing a sentence, where the parser made
    the speech verb the statement's conjunct, or its head, and the source the verb's object; the verb and
    its object end the sentence."""
    if verb.i == 0 or doc[verb.i - 1].text != "," or verb.tag_ not in {"VBD", "VBZ"}:
        return None
    if verb.lemma_.lower() in _TOLD_VERBS:
        return None  # ", told Al Jazeera": the object of "told" is who heard it
    if verb.dep_ == "conj" and verb.head.dep_ == "ROOT":
        statement = verb.head
    elif verb.dep_ == "ROOT":
        statement = next((c for c in verb.children if c.dep_ in {"ccomp", "parataxis"} and c.i < verb.i), None)
        if statement is None:
            return None
    else:
        return None
    if any(c.dep_ in {"cc", "nsubj", "nsubjpass"} for c in verb.children):
        return None
    source = next(
        (c for c in verb.children if c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.lemma_.lower() in _SOURCE_NOUNS)),
        None,
    )
    if source is None or any(not doc[i].is_punct for i in range(verb.right_edge.i + 1, len(doc))):
        return None
    return source, statement


def _source_hung_before(doc: Doc, verb: Token) -> Span | None:
    """ "…, Britain's Daily Mail reported.", "…, witnesses and security sources said.": the words between
    the last comma and a closing speech verb with no subject, a source the parser hung on the statement."""
    if any(not doc[i].is_punct for i in range(verb.i + 1, len(doc))):
        return None
    comma = next((i for i in range(verb.i - 1, 0, -1) if doc[i].text == ","), None)
    if comma is None or not 0 < verb.i - comma - 1 <= _MAX_HUNG_SOURCE:
        return None
    phrase = doc[comma + 1 : verb.i]
    last = phrase[-1]
    if last.pos_ not in {"NOUN", "PROPN"} or last.dep_ in {"nsubj", "nsubjpass"}:
        return None
    if any(t.pos_ not in {"NOUN", "PROPN", "ADJ", "DET", "CCONJ", "PART", "NUM"} for t in phrase):
        return None
    return phrase if any(_can_speak(t) for t in phrase if t.pos_ in {"NOUN", "PROPN"}) else None


_MAX_HUNG_SOURCE = 8


def _root(doc: Doc) -> Token:
    return next((t for t in doc if t.dep_ == "ROOT"), doc[0])


def credit_line(doc: Doc) -> tuple[set[int], str | None]:
    """'... "it was only my opinion," courtesy of ESPN.com's Bob Harig.': the credit at the end of a
    sentence (its tokens, with the comma before it) and whom it credits; (set(), None) when there is none."""
    for token in doc:
        if token.lower_ == "courtesy" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
            end = len(doc) - 1 if doc[-1].is_punct else len(doc)
            if end - token.i > 8:
                return set(), None  # a long phrase is the sentence's own words, not a credit
            indices = set(range(token.i, end))
            before = token.i - 1
            while before >= 0 and doc[before].is_punct and doc[before].text in {",", "—", "–", "-"}:
                indices.add(before)
                before -= 1
            return indices, doc[token.i + 2 : end].text
    return set(), None


def _set_off(doc: Doc, verb: Token) -> bool:
    """ "more likely, he said, that Q": a short speech clause between commas inside the statement."""
    left, right = verb.left_edge.i, verb.right_edge.i
    words = [t for t in doc[left : right + 1] if not t.is_punct]
    # (past a quotation's closing mark: 'The term "18-karat gold," he says, likely means Q')
    i = left if doc[left].is_punct else left - 1
    while i >= 0 and doc[i].text in QUOTES:
        i -= 1
    j = right if doc[right].is_punct else right + 1
    while j < len(doc) and doc[j].text in QUOTES:
        j += 1
    before = doc[i] if i >= 0 else None
    after = doc[j] if j < len(doc) else None
    return (
        len(words) <= 4
        and before is not None
        and before.text in {",", "—", "–"}
        and after is not None
        and after.text in {",", "—", "–"}
    )


def _finite(verb: Token) -> bool:
    """A clause with a tensed verb or an auxiliary: something stated, not a participle or a noun phrase."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return verb.dep_ in {"dobj", "ccomp"} and any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in verb.subtree)
    if verb.tag_ == "VBN" and verb.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in verb.children):
        return True  # "wrote: 'A video shared online made it seem ...'": a past tense read as a participle
    return verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in verb.children
    )


def _around(doc: Doc, content: Token) -> frozenset[int]:
    """The frame of a statement headed by `content`: every token outside it, and its "that"."""
    return frozenset((set(range(len(doc))) - subtree(content)) | _complementizer(content))


def _complementizer(content: Token) -> set[int]:
    """The "that" or "whether" that opens the reported clause, which belongs to the frame; also where the
    parser read "that" as the clause's own subject or object beside another one ("told The Mirror that
    ISIS had improvised devices": "that" and "ISIS" both subjects of "improvised")."""
    found = {c.i for c in content.children if c.dep_ == "mark" and c.lower_ in {"that", "whether"}}
    for child in content.children:
        if (
            child.lower_ == "that"
            and child.i == content.left_edge.i
            and child.dep_ in {"nsubj", "nsubjpass", "dobj"}
            and any(other.dep_ == child.dep_ and other.i != child.i for other in content.children)
        ):
            found.add(child.i)
    return found


def _that_clause(token: Token) -> bool:
    children = list(token.children)
    return (
        token.pos_ in {"VERB", "AUX"}
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in children)
        and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in children)
    )


def _is_quoted(doc: Doc, token: Token) -> bool:
    left, right = token.left_edge.i, token.right_edge.i
    return (left > 0 and doc[left - 1].text in QUOTES) or doc[left].text in QUOTES or doc[right].text in QUOTES


def _name_and_role(doc: Doc, speaker: Token) -> tuple[str, str | None]:
    """ "Anna Berg, a spokesperson for the police" → ("Anna Berg", "a spokesperson for the police");
    "a spokesperson, Anna Berg," → the same; "police" → ("police", None)."""
    # "Andrew Collins, who oversees Jalopnik's "Truck Yeah!" vertical,": a noun after the speaker's
    # relative clause is the end of that clause the parser cut off, not a role
    clauses = [c.i for c in speaker.children if c.dep_ == "relcl"]
    appositives = [c for c in speaker.children if c.dep_ == "appos" and not any(i < c.i for i in clauses)]
    head = subtree(speaker) - set().union(*(subtree(a) for a in appositives))
    # "a government official on Thursday told Q": when the official spoke, not who they are ("The Mail on
    # Sunday" is a name)
    head -= {
        t
        for c in speaker.children
        if c.i > speaker.i
        and speaker.pos_ != "PROPN"
        and (
            (c.dep_ == "npadvmod" and c.ent_type_ in {"DATE", "TIME"})
            or (c.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in {"DATE", "TIME"} for o in c.children))
        )
        for t in subtree(c)
    }
    # "Peter Lorenz, 81, a retired teacher": the age is neither name nor role
    appositives = [a for a in appositives if not (a.pos_ == "NUM" and len(subtree(a)) == 1)]
    # "Sen. Kelly Ayotte, R-N.H., a member of the committee": the party and state are neither
    appositives = [a for a in appositives if not is_party_label(doc[a.left_edge.i : a.i + 1].text)]
    # "Lucy Somers, who said that she had heard the news from FBI agents,": what she said is a claim of its
    # own (hers), not part of her name
    if speaker.pos_ == "PROPN":
        head -= {t for c in speaker.children if said_in_relative_clause(c) for t in subtree(c)}
        # "Collins, who himself bid in auto auctions for a year,": a name needs no clause to say who; what
        # the clause tells of them is no part of it
        # (with what the parser cut off its end: 'who oversees Jalopnik's "Truck Yeah!" vertical')
        added = [c for c in speaker.children if c.dep_ == "relcl" and c.i > speaker.i and _comma_before(doc, c)]
        if added:
            head -= {t for t in head if t >= added[0].left_edge.i - 1}
    if speaker.pos_ != "PROPN":
        # "a new report that also takes a stab at dispelling rumors that ...": the report, not all it does;
        # a short clause says who ("people who live near the crater") and stays
        clauses = [c for c in speaker.children if c.dep_ in {"relcl", "acl"}]
        head -= {t.i for c in clauses if len(list(c.subtree)) > _MAX_SPEAKER_CLAUSE for t in c.subtree}
    if not appositives:
        return _text(doc, head), None
    appos = appositives[0]
    role = subtree(appos)
    for other in appositives[1:]:
        # "ex-head of chemical weapons": the parser made each piece of a hyphenated word an appositive
        if all(doc[i].text == "-" or i in subtree(other) or i in role for i in range(max(role) + 1, other.i)):
            role |= subtree(other) | set(range(max(role) + 1, other.i))
    if speaker.pos_ == "PROPN":
        # "X, ex-head of chemical weapons for the Army and Nato,": a phrase after the role is the role's
        role |= {t for c in speaker.children if c.dep_ == "prep" and c.i > appos.i for t in subtree(c)}
    head -= role
    head_text, appos_text = _text(doc, head), _text(doc, role)
    if speaker.pos_ != "PROPN" and appos.pos_ == "PROPN":
        return appos_text, head_text
    return head_text, appos_text


def _comma_before(doc: Doc, clause: Token) -> bool:
    """A clause after a comma: one that adds, not one that says which."""
    before = clause.left_edge.i - 1
    return before >= 0 and doc[before].text == ","


def said_in_relative_clause(clause: Token) -> bool:
    """ "who said that she had heard the news": a relative clause that reports what its noun said."""
    return (
        clause.dep_ == "relcl"
        and clause.lemma_.lower() in SPEECH_VERBS
        and any(c.dep_ == "ccomp" for c in clause.children)
    )


def _text(doc: Doc, indices: set[int]) -> str:
    kept = trim_edges(doc, indices)
    # "A man claiming to be", "Witnesses as well as": a clause or a coordination cut off at its start
    while len(kept) > 1 and (
        (doc[kept[-1]].pos_ in {"ADP", "AUX", "PART", "CCONJ", "SCONJ"} and doc[kept[-1]].tag_ != "POS")
        or doc[kept[-1]].lower_ in {"well", "as"}
        or (doc[kept[-1]].pos_ == "VERB" and doc[kept[-1]].dep_ in {"acl", "relcl", "xcomp"})
    ):
        kept.pop()
    # "iGen.Fr", "al-Dulaimi": a name the tokenizer split where no space is
    while (
        kept
        and kept[0] > 0
        and not doc[kept[0] - 1].whitespace_
        and (_name_piece(doc[kept[0] - 1]) or doc[kept[0] - 1].text == ".")
    ):
        kept.insert(0, kept[0] - 1)
    while kept and kept[-1] + 1 < len(doc) and not doc[kept[-1]].whitespace_ and _name_piece(doc[kept[-1] + 1]):
        kept.append(kept[-1] + 1)
    if kept and doc[kept[-1]].text == "-":
        kept.pop()
    return " ".join("".join(doc[i].text + doc[i].whitespace_ for i in kept).split()).strip(" ,")


def _name_piece(token: Token) -> bool:
    return token.text == "-" or (token.text[:1].isalnum() and token.text[-1:] not in {"'", "’"})
