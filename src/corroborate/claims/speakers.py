"""Who says a sentence that names no speaker of its own: speakers carried across sentences.

News spreads one speaker over several sentences: a quotation running over sentences and paragraphs
("'Q1. Q2,' X said"), a new quotation going on with the one just quoted, a lead-in ("MacRumors
reported the following:", "Per Consumerist:") over the passage it introduces, an embedded post whose
sign-off line ("— Allie Renison (@AllieRenison) October 22, 2014") follows its text. A quotation whose
speaker cannot be found is still not the article's own statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from corroborate.claims.attribution import Attribution, according_relay, credit_line
from corroborate.claims.context import quoted_tokens
from corroborate.claims.tokens import QUOTES
from corroborate.records import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "POINTING_VERBS",
    "UNNAMED_QUOTE",
    "Frame",
    "Spoken",
    "carry_speakers",
    "earlier_speaker",
    "opens_quote",
    "paragraph_starts",
    "points_below",
    "relay_of",
    "sign_off_speakers",
]

Frame = tuple[Attribution | None, set[int], "Token"]
# The speaker of a quotation the article gives without saying whose it is.
UNNAMED_QUOTE = "an unnamed speaker the article quotes"
_EXCERPT_VERBS = {"report", "write"}
_REPORTING = {"accord", "report", "claim", "cite", "speculate", "predict", "suggest", "tip"}
# A lead-in carries its speaker over at most this many sentences.
_LEAD_IN_REACH = 12
# "— Tim Mak (@timkmak) October 22, 2014", also after the post's picture link ("pic.twitter.com/x— ...")
_SIGN_OFF = re.compile(r"^\W*(?:\S*?(?:pic\.twitter\.com|https?://)\S*?)?[—–-]+\s*([^()\n]{2,60}?)\s*\(@(\w{1,30})\)")
# A report the sentence does not name: "a report", "unnamed reports", "media reports", "the report".
_VAGUE_REPORT = re.compile(
    r"^(?:a|an|the|unnamed|new|recent|media|local|news|one|some)?(?:\s+(?:new|recent|media|local|news))*\s*reports?$",
    re.I,
)
_LEAD_IN_WORDS = re.compile(r"^\s*(?:per|from|via|according to)\s+(.{2,60}?)\s*:\s*$", re.I)
_LEAD_IN_AGAIN = re.compile(r"^\s*([A-Z][^\s:]*(?:\s+[A-Z][^\s:]*){0,3})\s+again\s*:\s*$")  # "Consumerist again:"


def paragraph_starts(sentences: Sequence[Sentence]) -> list[bool]:
    """Whether each sentence opens a paragraph: the gap before it is more than one space."""
    out, end = [], None
    for sentence in sentences:
        out.append(end is None or sentence.start - end > 1)
        end = sentence.end
    return out


def sign_off_speakers(parts: Sequence[Sentence]) -> dict[int, str]:
    """{index of a part: speaker} for the text of an embedded post, from the sign-off line after it."""
    out: dict[int, str] = {}
    for k, part in enumerate(parts):
        match = _SIGN_OFF.match(part.text)
        if not match:
            continue
        speaker = f"{match.group(1).strip()} (@{match.group(2)})"
        j = k - 1
        while j >= 0 and k - j <= 3 and not _SIGN_OFF.match(parts[j].text):
            if j < k - 1 and parts[j + 1].start - parts[j].end >= 2:
                break  # the post is the paragraph just before its sign-off
            out[j] = speaker
            j -= 1
    return out


def carry_speakers(
    docs: Sequence[Doc],
    frames: list[Frame],
    quotes: list[tuple[bool, bool]],
    paragraphs: list[bool],
    signed: dict[int, str],
) -> list[Frame]:
    """The frames with speakers carried to the sentences that name none (see the module's docstring)."""
    out = _quote_speakers(docs, frames, quotes)
    for k, speaker in signed.items():
        if out[k][0] is None:
            out[k] = (_carried_name(speaker), set(range(len(docs[k]))), _root(docs[k]))
    _lead_ins(docs, out, paragraphs)
    for k, doc in enumerate(docs):
        quoted = quotes[k][0] or opens_quote(doc)
        if out[k][0] is None and quoted and _mostly_quoted(doc, quotes[k][0]):
            before = out[k - 1][0] if k > 0 else None
            if quotes[k][0] and before is not None and before.speaker != UNNAMED_QUOTE:
                # the quotation runs on from the sentence before, whose speaker a lead-in named
                out[k] = (_carried(before, k - 1), out[k][1], out[k][2])
            else:
                out[k] = (_carried_name(UNNAMED_QUOTE), out[k][1], out[k][2])
    _name_reports(docs, out)
    _rumour_runs(docs, out, quotes)
    return out


def _rumour_runs(docs: Sequence[Doc], out: list[Frame], quotes: list[tuple[bool, bool]]) -> None:
    """ "..., according to 9to5Mac. The new model could also feature a revamped trackpad. It is expected to
    ship in March.": what a report says may come, told on in the sentences after it with "could" or "is
    expected to" and no speaker of their own, is still the report's."""
    reported = [found is not None and _reports(docs[k], found) for k, (found, _, _) in enumerate(out)]
    for k in range(1, len(out)):
        before = out[k - 1][0]
        if out[k][0] is not None or before is None or not reported[k - 1] or quotes[k][0] or opens_quote(docs[k]):
            continue
        if _speculative(docs[k]):
            out[k] = (_carried(before, k - 1), out[k][1], out[k][2])
            reported[k] = True


def _reports(doc: Doc, found: Attribution) -> bool:
    """The frame is a report's ("according to", "reported", "claims", "cited"), not a quotation's."""
    if found.speaker == UNNAMED_QUOTE:
        return False
    return any(doc[i].lemma_.lower() in _REPORTING for i in found.frame if i < len(doc))


def _speculative(doc: Doc) -> bool:
    """ "could also feature", "is expected to come", "is being tipped to": what may come, not what is."""
    root = _root(doc)
    if any(c.dep_ == "aux" and c.lower_ in {"could", "might", "may"} for c in root.children):
        return True
    return root.lemma_.lower() in {"expect", "tip", "rumor", "rumour"} and any(
        c.dep_ == "auxpass" for c in root.children
    )


def opens_quote(doc: Doc) -> bool:
    first = next((t for t in doc if not t.is_space), None)
    return first is not None and first.text in {'"', "“", "``"}


def _mostly_quoted(doc: Doc, quoted_at_start: bool) -> bool:
    words = [t for t in doc if not t.is_punct]
    return bool(words) and len([t for t in words if t.i in quoted_tokens(doc, quoted_at_start)]) >= len(words) / 2


def _quote_speakers(docs: Sequence[Doc], frames: list[Frame], quotes: list[tuple[bool, bool]]) -> list[Frame]:
    """A quotation over several sentences has one speaker, named in one of them ("'Q1. Q2,' X said"):
    every sentence of it gets that attribution, and a speech verb inside the quotation ("the Tour
    has confirmed that ...") stays part of what the speaker said."""
    out = list(frames)
    k = 0
    while k < len(docs):
        end = k
        while end + 1 < len(docs) and quotes[end][1] and quotes[end + 1][0]:
            end += 1
        if end > k or (out[k][0] is None and opens_quote(docs[k]) and not quotes[k][0]):
            group = range(k, end + 1)
            outside = {i: _outside_quote(docs[i], out[i][0], quotes[i][0]) for i in group}
            source = next((i for i in group if out[i][0] is not None and outside[i]), -1)
            speaker = out[source][0] if source >= 0 else None
            if speaker is None and opens_quote(docs[k]) and k > 0 and not quotes[k - 1][1]:
                # 'Eyewitness Ludmila Hristoforova described the yeti as bearlike. "The creature was big."':
                # a quotation right after a sentence about a named person is that person's
                speaker = _introduced_speaker(docs[k - 1], out[k - 1][0])
            if speaker is None and opens_quote(docs[k]):
                # '"Q1," X recalled. "Q2. Q3."': a new quotation with no speaker of its own goes on
                # with the one quoted just before, as news writes a long quotation.
                source = next((j for j in range(k - 1, max(-1, k - 4), -1) if out[j][0] is not None), -1)
                speaker = out[source][0] if source >= 0 else None
            for i in group:
                found, _, _ = out[i]
                if found is not None and outside[i]:
                    continue
                if found is not None:  # a frame inside the quotation is part of the quoted words
                    out[i] = (None, set(range(len(docs[i]))), _root(docs[i]))
                if speaker is not None:
                    out[i] = (_carried(speaker, source), set(range(len(docs[i]))), _root(docs[i]))
        k = end + 1
    return out


def _introduced_speaker(doc: Doc, found: Attribution | None) -> Attribution | None:
    """The named person a sentence outside any quotation is about (its subject), unless the sentence
    reports someone's words itself."""
    if found is not None or any(t.text in QUOTES and t.tag_ != "POS" for t in doc):
        return None
    root = _root(doc)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start <= subject.i < e.end), None)
    return _carried_name(person.text) if person is not None else None


def _lead_ins(docs: Sequence[Doc], out: list[Frame], paragraphs: list[bool]) -> None:
    """ "MacRumors ran its own test and reported the following:" gives its speaker to the passage after
    it: the rest of its paragraph, or the next paragraph when it ends its own."""
    for k, doc in enumerate(docs):
        below = points_below(doc)
        if not (doc.text.rstrip().endswith(":") or below) or k + 1 >= len(docs):
            continue
        speaker = _owner_of_text(doc) if below else _lead_in_speaker(doc, out[k][0])
        if speaker is None or (_social_lead_in(doc) and not _post_follows(docs, k + 1)):
            # "X explains to her 36.4K followers on Twitter:" with no post after it: the page showed the post
            # and the text lost it; what follows is the article's own
            continue
        j, started = k + 1, paragraphs[k + 1]
        # "..., the Washington Post reported:" followed by paragraphs of the Post's text: an excerpt a
        # reporting verb brings in runs on over paragraphs, until a sentence has a speaker of its own
        excerpt = out[k][0] is not None and any(doc[i].lemma_ in _EXCERPT_VERBS for i in out[k][0].frame)
        while j < len(docs) and j - k <= _LEAD_IN_REACH:
            if excerpt and out[j][0] is not None and (j > k + 1 or docs[j].text.rstrip().endswith(":")):
                break  # a speaker of its own after the excerpt's first sentence, or a new lead-in
            if paragraphs[j] and (not started or j > k + 1) and not excerpt:
                break
            if j > k + 1 and _names_speaker(docs[j], speaker.speaker):
                break  # "The site's content is ...": the article speaks of the site again, in its own voice
            if out[j][0] is None:
                out[j] = (_carried(speaker, k), out[j][1], out[j][2])
            j += 1


# "Its full statement is below.", "BuzzFeed News’ report from yesterday follows below.": a lead-in that
# points down the page (the colon often lost with the page's layout) to a text it gives in full.
_POINTS_BELOW = re.compile(
    r"\b(?:is|are|follows?|appears?|reads?|runs?)\s+(?:in full\s+)?below\b|^\W*(?:read|see)\b.{0,60}\bbelow\b", re.I
)
# A lead-in this long says more than where the text is.
_MAX_POINTER_WORDS = 16
# The texts a lead-in gives in full, whose owner speaks them.
_TEXT_NOUNS = {"statement", "response", "report", "letter", "email", "e-mail", "note", "post", "reply", "memo",
               "story", "article", "message", "announcement", "release"}  # fmt: skip
# The subject form of a possessive pronoun ("its full statement": "it" says it).
_SUBJECT_FORM = {"its": "it", "his": "he", "her": "she", "their": "they"}


def points_below(doc: Doc) -> bool:
    """ "Its full statement is below.": a short sentence that says where a text follows, not what it says
    (an embedded video or post below is no text of the article's)."""
    words = [t for t in doc if not t.is_punct]
    return len(words) <= _MAX_POINTER_WORDS and _POINTS_BELOW.search(doc.text) is not None and not _social_lead_in(doc)


def _owner_of_text(doc: Doc) -> Attribution | None:
    """Who speaks the text a lead-in points to: the owner of "statement", "report" ("BuzzFeed News’
    report", "its full statement": "it", whom the main loop resolves), else no one the lead-in names."""
    for noun in doc:
        if noun.lemma_.lower() not in _TEXT_NOUNS:
            continue
        # (the parser may read a name's possessive as a modifier: "The Kessel Herald’s report")
        owner = next(
            (
                c
                for c in noun.children
                if c.dep_ == "poss" or (c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children))
            ),
            None,
        )
        if owner is None:
            continue
        if owner.pos_ == "PRON":
            return _carried_name(_SUBJECT_FORM[owner.lower_]) if owner.lower_ in _SUBJECT_FORM else None
        words = [t.text for t in owner.subtree if t.text not in {"'s", "’s", "'", "’"} and not t.is_punct]
        return _carried_name(" ".join(words)) if words else None
    return None


# Words of a lead-in to what a page embeds rather than quotes: a post, a video, a photograph.
_EMBED_WORDS = {"twitter", "tweet", "tweets", "tweeted", "follower", "followers", "facebook", "instagram", "youtube",
                "video", "photo", "photos", "photograph", "photographs", "footage", "image", "images", "clip"}  # fmt: skip


def _social_lead_in(doc: Doc) -> bool:
    """A lead-in to an embedded post or picture: "tells his 43.3K followers on Twitter:", "shares this video"."""
    text = doc.text.lower()
    return "social media" in text or any(t.lower_ in _EMBED_WORDS for t in doc)


def _post_follows(docs: Sequence[Doc], k: int) -> bool:
    """The text of a post follows: a quotation, or a post's signature ("— Name (@handle)") in the next lines."""
    if k >= len(docs):
        return False
    if opens_quote(docs[k]):
        return True
    return any("@" in d.text or "pic.twitter" in d.text for d in docs[k : k + 3])


def _names_speaker(doc: Doc, speaker: str) -> bool:
    """The sentence speaks of the speaker in the third person ("the site", "MacRumors")."""
    return re.search(rf"(?<!\w){re.escape(speaker)}(?!\w)", doc.text, re.I) is not None


def _lead_in_speaker(doc: Doc, found: Attribution | None) -> Attribution | None:
    if found is not None:
        return found
    match = _LEAD_IN_WORDS.match(doc.text) or _LEAD_IN_AGAIN.match(doc.text)
    if match and match.group(1).split()[0].lower() not in {"and", "but", "so", "then", "here", "once", "yet"}:
        return _carried_name(match.group(1))
    # "Here is what the ministry said in a statement:", "Here's how the company explained it:"
    told = next((t for t in doc if t.dep_ == "ccomp" and t.lemma_ in POINTING_VERBS and _asks_what(t)), None)
    teller = next((c for c in told.children if c.dep_ == "nsubj"), None) if told is not None else None
    if teller is not None and teller.pos_ != "PRON":
        return _carried_name(" ".join(t.text for t in teller.subtree if not t.is_punct and t.dep_ != "relcl"))
    root = _root(doc)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and (subject.pos_ == "PROPN" or subject.ent_type_ in {"ORG", "PERSON", "NORP"}):
        return _carried_name(" ".join(t.text for t in subject.subtree if not t.is_punct))
    if subject is not None and subject.lower_ in {"he", "she", "they"} and any(t.lemma_ == "say" for t in doc):
        return _carried_name(subject.text)  # "But he had this to say:": who "he" is, the main loop resolves
    if subject is not None and subject.pos_ == "NOUN" and any(c.dep_ == "det" for c in subject.children):
        return _carried_name(" ".join(t.text for t in subject.subtree if not t.is_punct and t.dep_ != "relcl"))
    if not any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in doc):
        return None  # "Obama after Foley's beheading vs. King Abdullah after the pilot's death:": a caption
    ent = next((e for e in doc.ents if e.label_ in {"ORG", "PERSON"}), None)
    return _carried_name(ent.text) if ent is not None else None


# The verbs of a lead-in whose words follow it: "The statement read:", "Here is what the ministry said:".
POINTING_VERBS = {"say", "write", "read", "state", "add", "tweet", "post", "declare", "announce", "explain",
                  "reply", "respond", "note", "warn", "conclude"}  # fmt: skip


def _asks_what(verb: Token) -> bool:
    return any(c.lower_ in {"what", "how"} and c.dep_ in {"dobj", "advmod"} for c in verb.children)


def _name_reports(docs: Sequence[Doc], out: list[Frame]) -> None:
    """ "..., according to a report. [...] 9to5Mac reported, citing sources": the unnamed report of a
    sentence is the one outlet the sentences around it name as reporting (the next two first, as a
    lede names its source further down, then the three before); "the report" is the nearest one named
    before it."""
    for k, (found, content, root) in enumerate(out):
        if found is None or not _VAGUE_REPORT.match(found.speaker):
            continue
        after, before = range(k + 1, min(len(out), k + 3)), range(k - 1, max(-1, k - 4), -1)
        if found.speaker.lower().startswith("the "):
            before = range(k - 1, -1, -1)  # "the report": one named before, however far back
        for window in (before, after) if found.speaker.lower().startswith("the ") else (after, before):
            named = [out[j][0].speaker for j in window if _reports_by_name(docs[j], out[j][0])]
            if named and (len(set(named)) == 1 or found.speaker.lower().startswith("the ")):
                out[k] = (replace(found, speaker=named[0]), content, root)  # the nearest, for "the report"
                break
            if named:
                break


def _reports_by_name(doc: Doc, found: Attribution | None) -> bool:
    """The sentence's own frame has "report" as its verb and a name as its speaker ("the Daily Star
    reported")."""
    if found is None or found.speaker_token < 0 or _VAGUE_REPORT.match(found.speaker):
        return False
    speaker = doc[found.speaker_token]
    # "9to5Mac": a name the tagger may call a number or a noun
    named = (
        speaker.pos_ == "PROPN" or speaker.ent_type_ in {"ORG", "PERSON"} or any(c.isupper() for c in speaker.text[1:])
    )
    return named and any(doc[i].lemma_.lower() == "report" and doc[i].pos_ == "VERB" for i in found.frame)


def _outside_quote(doc: Doc, found: Attribution | None, quoted_at_start: bool) -> bool:
    return found is not None and found.speaker_token not in quoted_tokens(doc, quoted_at_start)


def _carried(found: Attribution, at: int = -1) -> Attribution:
    """The attribution, for a sentence that only continues its quotation (no frame of its own); `at`: the
    sentence that named the speaker, kept through every later carry."""
    origin = found.origin if found.origin >= 0 else (at if found.speaker_token >= 0 else -1)
    return Attribution(found.speaker, found.speaker_role, -1, frozenset(), -1, origin)


def _carried_name(name: str) -> Attribution:
    # (a name made of a lead-in's words joined by spaces: "the ministry 's statement" → "the ministry's statement")
    return Attribution(re.sub(r"\s+(['’]s)\b", r"\1", name), None, -1, frozenset(), -1)


def _root(doc: Doc) -> Token:
    return next((t for t in doc if t.dep_ == "ROOT"), doc[0])


# Speakers named by what they are ("the official", "the blog"): one quoted before, when it is clear.
_SPEAKER_NOUNS = {"report", "blog", "network", "site", "website", "paper", "newspaper", "outlet", "agency",
                  "magazine", "broadcaster", "channel", "official", "statement", "study", "source", "spokesman",
                  "spokeswoman", "spokesperson", "group", "company", "ministry", "minister", "tabloid",
                  "daily", "station", "publication"}  # fmt: skip
# Of those, the words for a news outlet: "the paper" after "The Mail on Sunday reported" is that paper,
# though its name does not say "paper".
_OUTLET_NOUNS = {"network", "site", "website", "paper", "newspaper", "outlet", "agency", "magazine", "broadcaster",
                 "channel", "tabloid", "daily", "station", "publication"}  # fmt: skip
# "The network added": the outlet that spoke within this many sentences before, when no description fits.
_OUTLET_REACH = 3


@dataclass(frozen=True)
class Spoken:
    """A speaker named earlier in the article: by name, with the role the article gave them, at a sentence."""

    name: str
    role: str | None
    sentence: int
    outlet: bool = False  # a news outlet ("The Mail on Sunday"), not a person


def earlier_speaker(speaker: str, earlier: Sequence[Spoken], sentence: int) -> tuple[str, str | None] | None:
    """ "the official" → "A senior U.S. official", "the spokesman" → "Ciro Benedettini" (quoted before as
    the Vatican's deputy spokesman), "the network" → "NBC News": the nearest speaker quoted before whose
    name or role has that noun, else, for an outlet's word, the news outlet that spoke just before.
    None when the speaker is no such description or nothing fits: it stays as written."""
    words = speaker.lower().split()
    if len(words) != 2 or words[0] not in {"the", "this"} or words[1] not in _SPEAKER_NOUNS:
        return None
    noun = words[1]
    named = [e for e in earlier if not _vague_speaker(e.name)]
    for e in reversed(named):
        if noun in _words(f"{e.name} {e.role or ''}"):
            return e.name, e.role
    if noun in _OUTLET_NOUNS:
        for e in reversed(named):
            if e.sentence < sentence - _OUTLET_REACH:
                break
            if e.outlet:
                return e.name, None
    return None


def _vague_speaker(name: str) -> bool:
    """ "The spokesman", "it", "he": a speaker of no name, which no later description can stand for."""
    words = name.lower().split()
    return len(words) <= 1 or (len(words) == 2 and words[0] in {"the", "this"} and words[1] in _SPEAKER_NOUNS)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


_RELAY_VERBS = {"report", "say", "note", "write", "tell", "explain", "claim"}


def relay_of(doc: Doc) -> str | None:
    """ "Per Harig, ...", "As the Mirror reports, ...", "..., courtesy of Bob Harig.": who relays the
    sentence's report."""
    credited = credit_line(doc)[1] or according_relay(doc)
    if credited:
        return credited
    first = next((t for t in doc if not t.is_punct), None)
    if first is None:
        return None
    if first.lower_ == "as" and first.dep_ == "mark" and first.head.lemma_.lower() in _RELAY_VERBS:
        verb = first.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and not any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
            return " ".join(t.text for t in subject.subtree)
        return None
    if first.lower_ != "per" or first.dep_ != "prep":
        return None
    obj = next((c for c in first.children if c.dep_ == "pobj"), None)
    return " ".join(t.text for t in obj.subtree) if obj is not None else None
