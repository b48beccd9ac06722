"""Claims: the atomic, self-contained, check-worthy statements of an article, with spans and speakers.

Per sentence: strip a news dateline, parse it (spaCy), separate the attribution frame from the
content ("X said", "according to X"), score the content's check-worthiness (`checkworthy`), split
it into atomic clauses (`decompose`), and resolve what each needs from the context (`context`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from corroborate.claims.attribution import (
    Attribution,
    attribute,
    bare_speech,
    embedded_report,
    find_attribution,
    is_bare_quote,
    said_in_relative_clause,
)
from corroborate.claims.captions import picture_caption
from corroborate.claims.checkworthy import load_checkworthiness
from corroborate.claims.context import NEWS_OUTLET, Context, clean_name, quote_states, quoted_tokens
from corroborate.claims.context_model import load_context_model
from corroborate.claims.dates import parse_written_date
from corroborate.claims.decompose import atomic_clauses, core_clause, role_clauses
from corroborate.claims.language import MIN_WORDS, detect_language, language_name, plainly_english
from corroborate.claims.parse import load_parser
from corroborate.claims.quotes import double_quotes
from corroborate.claims.repair import repair_parse
from corroborate.claims.speakers import (
    POINTING_VERBS,
    UNNAMED_QUOTE,
    Spoken,
    carry_speakers,
    earlier_speaker,
    opens_quote,
    paragraph_starts,
    points_below,
    relay_of,
    sign_off_speakers,
)
from corroborate.claims.tokens import (
    open_whose_clause,
    render,
    spans,
    subtree,
    trim_edges,
    well_formed,
    with_closed_aside,
    without_aside_remains,
    without_dangling_and,
)
from corroborate.errors import InputError
from corroborate.records import UNCLEAR, Claim, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "ClaimExtraction",
    "Skipped",
    "attribute",
    "dateline_date",
    "extract_claims",
    "require_english",
    "strip_dateline",
]

# A "sentence" longer than this is a list, a table or unpunctuated text, not one claim.
MAX_CLAIM_CHARS = 1000
# Sentences with more markup characters than this share are code or markup, not prose.
MAX_MARKUP_SHARE = 0.08
_MARKUP = re.compile(r"[<>{}\[\]|=#*_\\`~^]")
# Page furniture and boilerplate: credits, share prompts, update stamps, embedded-post lines, disclaimers.
_FURNITURE = re.compile(
    r"^\W*(?:image|photo|photograph|picture|video|graphic|credit|caption)s?\s*(?:via|by|:|courtesy)|"
    r"^\W*sources?\s*:|^\W*see also\b|^\W*related\s*:|^\W*(?-i:L?Related[A-Z0-9])|^\W*more (?:about|on) [^.]{0,40}(?-i:[a-z][A-Z])|^\W*(?-i:STORY|NEWS|WATCH|READ|RELATED)\s*:|^\W*more\s*:|^\W*advertisement\b|^\W*(?:reporting|editing|writing)\s+by\b|"
    r"^\W*(?:modified|updated|published|posted)(?:\s+(?:date|on|at))?\s*:|"
    # "Associated Press writer John Rice contributed from Mexico City.": a credit line
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)|\b(?:writers?|reporters?|correspondents?)\b[^.]{0,60}\bcontributed\b|"
    r"\b(?:share (?:this|it|your thoughts)|in the comments|click here|read more|sign up for|subscribe to|"
    r"follow (?:us|him|her) on|have something to add|breaking news story|this (?:story|article) (?:is developing|"
    r"will be updated|has been updated)|for entertainment purposes|all rights reserved|copyright ©?|check back|"
    r"original story below|live updates|(?:story|article) continues below|continue reading|(?:is a|this) breaking story|did not (?:immediately )?respond to (?:a |our )?"
    r"requests? for comment|could not be reached for comment|no immediate comment from|our live blog|"
    r"we(?:'ll|’ll| will) update (?:this|the story|as soon)|"
    r"(?:we|we've|we’ve|we have) (?:reached out|contacted|asked)\b[^.]{0,60}\bfor (?:a )?comment)\b|"
    r"^\W*[\w .]{0,40}\bupdate\W*$|"
    r"\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}|pic\.twitter\.com|https?://|"
    # "Shane Smith © Getty images": a picture's credit line
    r"©\s*(?:\w+\s+)?(?:images?|photos?|pictures?)\b|©\s*(?:getty|reuters|ap|afp|pa|epa|rex|shutterstock)\b",
    re.I,
)
_DOUBT = {"supposedly", "allegedly", "reportedly", "apparently", "purportedly", "falsely", "wrongly"}
# "VELLMAR, 17 March 2026 - " or "WASHINGTON (Reuters) - ": where the story was filed, not a claim.
# "(CNN) -- " too: a wire or network in parentheses alone.
_DATELINE = re.compile(
    r"^(?:(?:[A-Z][A-Z .'-]{2,40}(?:,[^-–—\n]{3,40}?)?(?:\s*\([^)]{2,30}\))?|\((?:CNN|AP|AFP|Reuters|BBC|UPI|dpa)\))"
    r"\s+(?:--|[-–—])\s+"
    # "London, Nov 24 : ": a wire service's city and date before a colon
    r"|[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?, (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
    r"(?:, \d{4})?\s*:\s+"
    # "Perth | A 600-pound woman ...", "Boston| A Catholic priest ...": a web page's city and a bar
    r"|[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?\s*\|\s+(?=[A-Z])"
    # "Texas City, Texas (CBS HOUSTON) – ": a city, its state and the station in capitals
    r"|[A-Z][A-Za-z .'-]{2,40},[^-–—\n(]{3,40}?\s*\([A-Z][A-Z .]{1,30}\)\s*(?:--|[-–—])\s+)"
)


@dataclass(frozen=True)
class Skipped:
    """A sentence not considered, and why."""

    start: int
    end: int
    reason: str


@dataclass
class ClaimExtraction:
    """The claims of an article and what was left out."""

    claims: list[Claim]
    sentences: int
    skipped: list[Skipped] = field(default_factory=list)
    document_date: date | None = None
    # Where the date came from: "given" (--date), "metadata" (front matter, JSONL), "dateline", or None.
    date_source: str | None = None
    # Statements that lean on the article: a reference it never makes clear ("He is being treated for
    # gout"), or the claim as a whole (the context model: "The months became years"). Kept, with what is
    # unclear in their notes, but not claims to check: no source can be found for them.
    needs_context: list[Claim] = field(default_factory=list)


_RETWEET = re.compile(r"\S\s+(?=RT @\w{1,30}:)")
# A word in small letters run into a capitalised one that ends in a colon: "oldLongevity: The pair".
_GLUED_LABEL = re.compile(r"([a-z]{2,})([A-Z][a-z]{2,}:)\s")
# A sentence run into the next where the page lost its full stop: "... for a mate 20 years ago It started
# off as a joke" (a capitalised pronoun mid-sentence, then a word in small letters).
_LOST_STOP = re.compile(r"[a-z0-9] ((?:It|He|She|They|We|There)\s[a-z])")
# ... never after a word that opens a clause ("he said that It was fine": a typo, not a lost full stop)
_CLAUSE_OPENERS = {"that", "said", "says", "because", "if", "when", "and", "but", "or", "so", "while", "as", "though",
                   "although", "whether", "than", "since", "until", "after", "before", "where"}  # fmt: skip
# A line that opens as a sentence does: a quotation, or a capitalised pronoun or article then a word in
# small letters ("The country had", "“It started"; not "The Hague", a name a wrapped line may go on with).
_OPENS_SENTENCE = re.compile(r"\s*(?:[“]|(?:The|It|He|She|They|We|There|This|These|A|An)\s[a-z])")
# A web address a photo credit gives, run into the caption: "Ahmerkhokhar.comCasey Dean".
_GLUED_CREDIT = re.compile(r"[a-z0-9]\.(?:com|net|org|co\.uk)(?=[A-Z][a-z])")


# "WASHINGTON (AP) — ...": a wire service's dateline, and who the wire service is.
_WIRE_DATELINE = re.compile(
    r"^\W*(?:[A-Z][A-Z .'-]{2,40}(?:,[^-–—\n(]{3,40}?)?\s*)?\((AP|Reuters|AFP|UPI|dpa)\)\s*(?:--|[-–—])"
)
_WIRES = {"AP": "The Associated Press", "Reuters": "Reuters", "AFP": "Agence France-Presse", "UPI": "UPI", "dpa": "dpa"}
# A wire story's dateline this far into an article opens a story the article reprints, not its own lead.
_EMBEDDED_AFTER = 3


def embedded_wire_story(texts: Sequence[str]) -> tuple[int, str] | None:
    """(where it starts, the wire service) of a wire story an article reprints after its own words
    ("... Obama, Putin discuss Ukraine / WASHINGTON (AP) — Capping a week of ..."), if it does: what
    follows is the agency's report, not the article's own."""
    for k, text in enumerate(texts):
        match = _WIRE_DATELINE.match(text)
        if match and k >= _EMBEDDED_AFTER:
            return k, _WIRES[match.group(1)]
    return None


# "Officer Darren Wilson (pictured) earned ...": where the page's photo is, no part of the claim.
_PICTURE_WORDS = {"pictured", "left", "right", "above", "below", "inset", "centre", "center", "top", "bottom",
                  "far", "second", "third", "middle", "front", "back", "row"}  # fmt: skip
_PICTURE_POSITIONS = {"pictured", "left", "right", "above", "below", "inset", "centre", "center", "top", "bottom"}
# ... and the words such an aside may hold after a comma: "Demi Moore, third from the left,"
_ASIDE_WORDS = _PICTURE_WORDS | {"from", "the", "fourth"}


_PHOTO_CREDIT = re.compile(r"(?:AP|AFP|Reuters|Getty|EPA|PA)?\s*(?:Photo|Image|Picture|Credit)s?\b", re.I)


def _picture_asides(doc: Doc) -> dict[int, str]:
    """Tokens of "(pictured)", "(far right)" and the like, to drop from every claim of `doc`."""
    out: dict[int, str] = {}
    for opening in doc:
        if opening.text != "(":
            continue
        closing = next((t.i for t in doc[opening.i + 1 : opening.i + 5] if t.text == ")"), None)
        inside = doc[opening.i + 1 : closing] if closing is not None else []
        if inside and all(t.lower_ in _PICTURE_WORDS for t in inside) and inside[-1].lower_ != "far":
            out |= {i: "" for i in range(opening.i, closing + 1)}
        # "(AP Photo/Hani Mohammed)", "(credits to @deSyracuse)": who took the picture, no part of the claim
        credit = next((t.i for t in doc[opening.i + 1 : opening.i + 14] if t.text == ")"), None)
        if credit is not None and _PHOTO_CREDIT.match(doc[opening.i + 1 : credit].text):
            out |= {i: "" for i in range(opening.i, credit + 1)}
    for comma in doc:
        # "pictures of herself, left, dressed for war", "Smith, pictured, said", "Demi Moore, third from the left,":
        # the same aside after a comma (a few words, the last a position: never "the second, third ..." of a list)
        if comma.text != ",":
            continue
        closing = next((t.i for t in doc[comma.i + 1 : comma.i + 6] if t.text in {",", ")", "."}), None)
        inside = doc[comma.i + 1 : closing] if closing is not None else []
        if (
            inside
            and all(t.lower_ in _ASIDE_WORDS for t in inside)
            and inside[0].lower_ not in {"from", "the"}
            and inside[-1].lower_ in _PICTURE_POSITIONS
        ):
            if doc[closing].text != ",":
                closing -= 1  # "..., third from the left." keeps its full stop
            out |= {i: "" for i in range(comma.i, closing + 1)}
    return out


def strip_dateline(sentence: str) -> str:
    """The sentence without a leading news dateline."""
    return _DATELINE.sub("", sentence, count=1)


def split_lines(sentence: Sentence) -> list[Sentence]:
    """A "sentence" that runs over line breaks where the text plainly ends a sentence or a heading
    ("Brief Analysis\nThe claims are nonsense.", "... perhaps it will.\nWest Australian man ...")
    is split there; lines wrapped mid-sentence (a PDF's text layer) stay together."""
    if _RETWEET.search(sentence.text):
        # "... outside the meeting room RT @markcritch: A very Canadian hero.": a post and the post it
        # shares are two texts
        cuts = [0, *(m.end() for m in _RETWEET.finditer(sentence.text)), len(sentence.text)]
        parts = [_part(sentence, a, b) for a, b in itertools.pairwise(cuts)]
        return [piece for part in parts if part.text for piece in split_lines(part)]
    glued = [m.start(2) for m in _GLUED_LABEL.finditer(sentence.text)]
    glued += [m.end() for m in _GLUED_CREDIT.finditer(sentence.text)]
    glued += [
        m.start(1)
        for m in _LOST_STOP.finditer(sentence.text)
        if sentence.text[: m.start(1)].split()[-1].lower() not in _CLAUSE_OPENERS
    ]
    if glued:
        # "... a burger that is 20 years oldLongevity: The pair brought ...", "Ahmerkhokhar.comCasey Dean, 14":
        # a caption run into the next caption's label, or a photo credit into its caption, where the page lost
        # a line break
        cuts = [0, *sorted(glued), len(sentence.text)]
        parts = [_part(sentence, a, b) for a, b in itertools.pairwise(cuts)]
        return [piece for part in parts if part.text for piece in split_lines(part)]
    if "\n" not in sentence.text:
        return [sentence]
    out: list[Sentence] = []
    begin = 0
    for match in re.finditer(r"\n", sentence.text):
        line = sentence.text[begin : match.start()].strip()
        last_line = line.rsplit("\n", 1)[-1].strip()
        heading = len(last_line.split()) <= 10 and not last_line.endswith(tuple(",;:-–—"))
        # "... the chain closed in Iceland\nThe country had ...": a line the page lost the full stop of, where
        # the next opens as a sentence does (a wrapped line goes on in small letters, or with a name)
        opens = _OPENS_SENTENCE.match(sentence.text, match.end()) and not last_line.endswith(tuple(",;:-–—"))
        if line and (line.endswith(tuple('.!?"”')) or heading or opens):
            out.append(_part(sentence, begin, match.start()))
            begin = match.end()
    out.append(_part(sentence, begin, len(sentence.text)))
    return [part for part in out if part.text]


def _part(sentence: Sentence, start: int, end: int) -> Sentence:
    text = sentence.text[start:end]
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    begin = sentence.start + start + lead
    return Sentence(sentence.doc_id, sentence.index, begin, begin + len(text), text)


def dateline_date(text: str) -> date | None:
    """The date of a leading news dateline ("VELLMAR, 17 March 2026 - ..."), when the article has one."""
    for line in text.lstrip().splitlines()[:3]:
        match = _DATELINE.match(line.strip())
        if match:
            return parse_written_date(match.group(0))
    return None


def require_english(text: str, origin: str) -> None:
    """Refuse an article that is clearly not English: its claims would be garbage."""
    if len(text.split()) < MIN_WORDS or plainly_english(text):
        return
    code, probability = detect_language(text)
    if code != "en" and probability >= 0.9:
        raise InputError(
            f"the text looks like {language_name(code)} ({code}, p={probability:.2f}), not English; "
            "only English articles are supported yet",
            origin,
        )


def extract_claims(
    sentences: Sequence[Sentence],
    threshold: float = 0.1,
    document_date: date | None = None,
    set_aside_at: float | None = None,
) -> ClaimExtraction:
    """The claims of the sentences scoring at least `threshold`, in article order.

    A claim that leans on the article is set aside (`ClaimExtraction.needs_context`): one with a word whose
    reference stays open, or one the context model (`context_model`) scores at least `set_aside_at`
    (None: the model's own point; above 1: never).
    """
    skipped: list[Skipped] = []
    kept: list[tuple[Sentence, str, int]] = []
    parts = [part for whole in sentences for part in split_lines(whole)]
    signed_parts = sign_off_speakers(parts)
    signed: dict[int, str] = {}
    # A paragraph starts where any part since the last kept one starts one: a dropped credit line
    # between two sentences of one paragraph does not split it.
    part_paragraphs = paragraph_starts(parts)
    paragraphs: list[bool] = []
    since_kept = False
    for p, sentence in enumerate(parts):
        since_kept = since_kept or part_paragraphs[p]
        reason = _not_prose(sentence.text)
        if reason:
            skipped.append(Skipped(sentence.start, sentence.end, reason))
            continue
        paragraphs.append(since_kept)
        since_kept = False
        if p in signed_parts:
            signed[len(kept)] = signed_parts[p]
        text = strip_dateline(sentence.text)
        kept.append((sentence, text, len(sentence.text) - len(text)))
    # "Claim: Kanye West has been banned ...": what a fact-check examines, claimed by no one the article names
    reviewed = {k: m.group(1).lower() for k, (_, text, _) in enumerate(kept) if (m := _REVIEWED_LABEL.match(text))}
    kept = [
        (sentence, text[m.end() :] if (m := _REVIEWED_LABEL.match(text)) else text, shift + (m.end() if m else 0))
        for sentence, text, shift in kept
    ]
    kept = [
        (sentence, text, shift + len(before) - len(text))
        for (sentence, before, shift), text in zip(kept, without_caption_labels([t for _, t, _ in kept]), strict=True)
    ]
    kept = [
        (sentence, text, shift)
        for (sentence, _, shift), text in zip(kept, double_quotes([t for _, t, _ in kept]), strict=True)
    ]
    parser = load_parser()
    docs = [repair_parse(doc) for doc in parser.pipe([text for _, text, _ in kept], batch_size=64)]
    frames = [_frame(doc) for doc in docs]
    # The model scores what is claimed (without "X said"); a question stays a question.
    contents = [
        text if found is None else (render(doc, trim_edges(doc, content)) or text)
        for doc, (found, content, _), (_, text, _) in zip(docs, frames, kept, strict=True)
    ]
    scores = [
        0.0 if _is_question(text) else float(p)
        for text, p in zip(contents, load_checkworthiness().score(contents), strict=True)
    ]

    context = Context(document_date)
    context.know_people(docs)
    claims: list[Claim] = []
    needs_context: list[Claim] = []
    leads: list[bool] = []  # whether each of `claims` comes from the article's first two sentences
    seen: set[str] = set()
    quotes = quote_states([text for _, text, _ in kept], paragraphs)
    frames = carry_speakers(docs, frames, quotes, paragraphs, signed)
    previous: tuple[str | None, str | None] = (None, None)
    reported_before: tuple[str, str | None] | None = None
    speakers: list[Spoken] = []
    pronoun_speakers: dict[int, str] = {}  # sentence → who its "he said" named
    wire = embedded_wire_story([sentence.text for sentence, _, _ in kept])
    for k, ((sentence, text, shift), doc, (found, content, root), score) in enumerate(
        zip(kept, docs, frames, scores, strict=True)
    ):
        speaker, role = (found.speaker, found.speaker_role) if found else (None, None)
        speaker_at = found.speaker_token if found and found.speaker_token >= 0 else None
        if found and found.speaker_is_pronoun(doc) and found.origin in pronoun_speakers:
            # '"Q1," he said. "Q2. Q3."': the "he" carried into the quotation is who it was where he spoke,
            # not whoever the quotation itself names last
            speaker, role = pronoun_speakers[found.origin], None
        elif found and found.speaker_is_pronoun(doc):
            quoted = quotes[k][0] or opens_quote(doc)
            # (a pronoun a lead-in carried here from a sentence of its own: "Its full statement is below.")
            pointed = found.speaker_token < 0 and found.origin < 0
            speaker, role = _pronoun_speaker(context, found.speaker, previous[0], quoted, pointed), None
            if found.speaker_token >= 0:
                pronoun_speakers[k] = speaker
        elif speaker:
            speaker = context.named_as(context.full_name(clean_name(speaker)))
            if described := earlier_speaker(speaker, speakers, k):
                speaker, role = described[0], role or described[1]
        if found and found.speaker == UNNAMED_QUOTE and quotes[k][0] and reported_before:
            speaker, role = reported_before  # the quotation a "..., saying that “Q" opened runs on
        if speaker and (relay := relay_of(doc)) and relay not in speaker:
            speaker = f"{speaker} (per {relay})"  # "Per Harig, Olsen claimed ...": Olsen's claim as Harig tells it
        if speaker and speaker != UNNAMED_QUOTE:
            speakers.append(Spoken(speaker, role, k, _news_outlet(context, speaker, role)))
        if found is None and quotes[k][0] and previous[0]:
            speaker, role = previous  # a quotation running on from an earlier sentence keeps its speaker
        elif found is None and previous[0] and is_bare_quote(text):
            speaker, role = previous  # a quotation standing alone continues the last speaker's words
        if speaker is None and k in reviewed:
            speaker, role = f"the {reviewed[k]} the article examines", None
        if speaker is None and wire is not None and k >= wire[0]:
            speaker, role = wire[1], None  # a reprinted wire story's sentences are the agency's report
        # "The video has proven controversial, with some observers claiming that Q", "The Post issued a
        # correction, saying that Q": the article's own statement without that phrase, and Q as theirs
        report = embedded_report(doc) if found is None and speaker is None else None
        reporter: tuple[str, str | None, int] | None = None
        if report:
            said = report[0]
            if said.speaker_is_pronoun(doc):
                name = _pronoun_speaker(context, said.speaker, previous[0], quotes[k][0] or opens_quote(doc))
            else:
                name = context.named_as(context.full_name(clean_name(said.speaker)))
                name = described[0] if (described := earlier_speaker(name, speakers, k)) else name
            reporter = (name, said.speaker_role, said.speaker_token)
            speakers.append(Spoken(name, said.speaker_role, k, _news_outlet(context, name, said.speaker_role)))
        previous = (reporter[0], reporter[1]) if reporter else (speaker, role)
        reported_before = previous if reporter else None
        # (not the first sentence: a headline may tell a dated event in the present, "Obama signs bill Tuesday")
        if score >= threshold and sentence.index > 0 and picture_caption(doc):
            skipped.append(Skipped(sentence.start, sentence.end, _CAPTION))
        elif score >= threshold:
            # "Supposedly, the CDC has confirmed that X": the article's doubt stays with X.
            # Not a doubt inside the speaker's own description: "The woman who was reportedly kidnapped has
            # said she is fine" doubts the kidnapping, not her words.
            speaker_words = subtree(doc[found.speaker_token]) if found and found.speaker_token >= 0 else set()
            doubt = (
                [i for i in sorted(found.frame) if doc[i].lower_ in _DOUBT and i not in speaker_words] if found else []
            )
            own = content - report[1] if report else content
            who: tuple[str | None, str | None, int | None] = (speaker, role, speaker_at)
            clauses: list[tuple[list, tuple[str | None, str | None, int | None] | None]] = []
            for pieces in atomic_clauses(doc, own, root):
                core = core_clause(doc, pieces)
                clauses += [(core, who), (pieces, who)] if core else [(pieces, who)]
            clauses += [(pieces, who) for pieces in _speakers_own_words(doc, found)]
            if report and reporter:
                reported = set(range(len(doc))) - report[0].frame
                for pieces in atomic_clauses(doc, reported, doc[report[0].content_root]):
                    clauses.append((pieces, reporter))
            asides = _picture_asides(doc)
            if any(open_whose_clause(doc, pieces) for pieces, _ in clauses):
                # a sentence the parser broke at ", whose ...": whole, it still reads as the article wrote it
                clauses = [(list(trim_edges(doc, own)), who)]
            # (not inside a quotation: "Some say Hwang, director of the bureau, ..." is the speaker's naming)
            in_quotes = quoted_tokens(doc, quotes[k][0])
            # (a description inside what someone reports, "Sanaa, Yemen's capital", reads as the article's own
            # gloss to readers, not as the source's claim)
            # (but a sentence of an excerpt a lead-in gives, "Here's what the original article said: ...", is
            # the excerpt's text through and through, its descriptions too)
            excerpt = found is not None and found.speaker_token < 0 and not quotes[k][0] and not opens_quote(doc)
            described_by = who if excerpt else None
            clauses += [(pieces, described_by) for pieces in role_clauses(doc) if not in_quotes & set(pieces)]
            for pieces, said_as in clauses:
                in_content = said_as is not None
                clause_speaker, clause_role, clause_at = said_as or (None, None, None)
                pieces = with_closed_aside(doc, without_aside_remains(doc, without_dangling_and(doc, pieces)))
                if not well_formed(doc, pieces) or bare_speech(doc, pieces):
                    continue
                if clause_speaker is None and _advises_the_reader(doc, pieces):
                    continue
                quoted_doubt = bool(in_content and doubt and quoted_tokens(doc, quotes[k][0]) & set(pieces))
                if in_content and doubt and not quoted_doubt:
                    pieces = [*doubt, ",", *pieces]
                resolved = context.resolve(doc, pieces, quotes[k][0], clause_speaker, clause_role, clause_at)
                claim_text = render(doc, pieces, resolved.replacements | asides)
                if len(claim_text.split()) < 3 or claim_text in seen or _points_ahead(doc, pieces):
                    continue
                seen.add(claim_text)
                said_by = (clause_speaker, clause_role)
                if quoted_doubt and speaker:
                    # "Ya'alon reportedly said: 'I cannot confirm ...'": the doubt is about his saying it, and
                    # "Reportedly, I cannot ..." would put it in his mouth; it stays with the speaker
                    said_by = (f"{speaker} ({', '.join(doc[i].lower_ for i in doubt)})", role)
                unclear = [f"“{word}”: {UNCLEAR}" for word in resolved.open]
                bucket = needs_context if unclear else claims
                if not unclear:
                    leads.append(sentence.index <= 1)
                bucket.append(
                    Claim(
                        id=f"{'x' if unclear else 'c'}{len(bucket) + 1}",
                        text=claim_text,
                        sentence=sentence.text,
                        start=sentence.start,
                        end=sentence.end,
                        checkworthiness=round(float(score), 4),
                        speaker=said_by[0],
                        speaker_role=said_by[1],
                        reported=said_by[0] is not None,
                        spans=spans(doc, pieces, sentence.start + shift),
                        resolutions=resolved.resolutions,
                        notes=resolved.notes + tuple(unclear),
                        verbatim=render(doc, pieces),
                    )
                )
        context.observe(doc)
    claims, needs_context = _set_aside_leaning(claims, leads, needs_context, set_aside_at)
    return ClaimExtraction(claims, len(sentences), skipped, document_date, needs_context=needs_context)


def _set_aside_leaning(
    claims: list[Claim], leads: list[bool], needs_context: list[Claim], set_aside_at: float | None
) -> tuple[list[Claim], list[Claim]]:
    """Move the claims the context model reads as leaning on the article ("The months became years") to
    the set-aside ones, and number both lists again in article order."""
    if claims and (set_aside_at is None or set_aside_at <= 1):
        model = load_context_model()
        cut = model.set_aside_at if set_aside_at is None else set_aside_at
        scores = model.score([(c.text, lead, c.notes) for c, lead in zip(claims, leads, strict=True)])
        leaning = [
            replace(c, notes=(*c.notes, f"the claim as a whole (context model {p:.2f}): {UNCLEAR}"))
            for c, p in zip(claims, scores, strict=True)
            if p >= cut
        ]
        claims = [c for c, p in zip(claims, scores, strict=True) if p < cut]
        needs_context = sorted(needs_context + leaning, key=lambda c: c.start)
    return (
        [replace(c, id=f"c{k}") for k, c in enumerate(claims, 1)],
        [replace(c, id=f"x{k}") for k, c in enumerate(needs_context, 1)],
    )


# What a verb of saying says, inside its own sentence.
_SAID = {"dobj", "ccomp", "xcomp", "attr", "acomp", "parataxis"}


def _points_ahead(doc: Doc, pieces: Sequence[object]) -> bool:
    """ "MacRumors reported the following:", "Its full statement is below.": what it reported comes
    after; the lead-in says nothing."""
    if points_below(doc):
        return True
    if not doc.text.rstrip().endswith(":"):
        return False
    words = [doc[p] for p in pieces if isinstance(p, int)]
    if any(t.lower_ == "this" for t in words) and any(t.lemma_ == "say" for t in words):
        return True  # "But he had this to say:"
    if any(t.lower_ in {"what", "how"} for t in words) and any(t.lemma_ in POINTING_VERBS for t in words):
        return True  # "Here is what the ministry said in a statement:"
    indices = {t.i for t in words}
    verb = next((t for t in words if t.dep_ == "ROOT" and t.lemma_ in POINTING_VERBS), None)
    if verb is not None and not any(c.i in indices and c.dep_ in _SAID for c in verb.children):
        return True  # "The statement read:", "Smith added:": what it says is the text after it
    return any(t.lower_ == "following" and any(c.lower_ == "the" for c in t.children) for t in words)


def _frame(doc: Doc) -> tuple[Attribution | None, set[int], Token]:
    """(attribution, content token indices, content root) of a parsed sentence."""
    found = find_attribution(doc)
    if found is None:
        content = set(range(len(doc)))
        root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
        return None, content, root
    content = set(range(len(doc))) - found.frame
    return found, content, doc[found.content_root]


def _speakers_own_words(doc: Doc, found: Attribution | None) -> list[list]:
    """ "Lucy Somers, who said that she had heard the news from FBI agents, said: Q": what the speaker's
    description says they said is theirs too ("She had heard the news from FBI agents")."""
    if found is None or found.speaker_token < 0 or doc[found.speaker_token].pos_ != "PROPN":
        return []  # ("a witness who says he was there" stays the witness's description)
    out: list[list] = []
    for clause in doc[found.speaker_token].children:
        if said_in_relative_clause(clause):
            said = next(c for c in clause.children if c.dep_ == "ccomp")
            words = subtree(said) - {c.i for c in said.children if c.dep_ == "mark"}
            out += atomic_clauses(doc, words, said)
    return out


# "Vigilante justice: ", "MORE: ": a word or three, only the first capitalised (or all in capitals).
# A picture agency's credit may come first, run into the label: "Getty Successful: Michael Phelps is ...".
_PICTURE_CREDIT = (
    r"(?:(?:Getty(?:\s+Images)?|AP(?:\s+Photo)?|AFP|Reuters|EPA|PA(?:\s+Wire)?|Rex(?:\s+Features)?|REX|"
    r"Shutterstock|Alamy|Splash(?:\s+News)?|Corbis)\s+)?"
)
_LABEL = re.compile(
    r"^\s*[\"'‘“]?" + _PICTURE_CREDIT + r"((?:[A-Z][a-z'’-]+|[A-Z]{2,})(?:\s+[a-z][a-z'’-]*){0,2})[\"'’”]?\s*:\s+"
    r"(?=[\"“‘']?[A-Z0-9])"
)
# Labels of what the article does not assert ("Claim: X" in a fact-check is what it checks).
_NOT_ASSERTED = {
    "claim",
    "claims",
    "rumor",
    "rumour",
    "allegation",
    "myth",
    "hoax",
    "question",
    "q",
    "quote",
    "example",
}
# Verb forms that make a statement or a command ("The statement read:", "Read this:"); a participle
# ("Injured:", "Taking flight:") labels a picture.
_FINITE_OR_BARE = {"VBD", "VBZ", "VBP", "VB", "MD"}


_REVIEWED_LABEL = re.compile(r"^\s*(claim|rumou?r|allegation|myth|hoax)\s*:\s+(?=[\"“‘']?[A-Z0-9])", re.I)
_UPDATE_STAMP = re.compile(r"^\W*(?:update[sd]?|edit(?:ed)?|correction)\b(?:[^:!?]|:(?=\d)){0,40}:\s+", re.I)


def without_caption_labels(texts: list[str]) -> list[str]:
    """The texts without the label a picture caption or a fact-check opens with, and its colon:
    "Vigilante justice: Lin Yao Li, 38, was ambushed ...", "Injured: The woman was later taken to
    hospital ...", "Note: ...". Never a name ("Obama: I will veto it" says who speaks), a verb that says
    ("The statement read:", "Read this:"), or what the article does not assert ("Claim: X")."""
    # "Update at 2:11 p.m.: The patient walked out": an update stamp, whatever its time says
    texts = [text[m.end() :] if (m := _UPDATE_STAMP.match(text)) and len(text) > m.end() else text for text in texts]
    found = [(k, m) for k, text in enumerate(texts) if (m := _LABEL.match(text))]
    if not found:
        return texts
    out = list(texts)
    parsed = load_parser().pipe([m.group(1) for _, m in found], batch_size=64)
    for (k, match), label in zip(found, parsed, strict=True):
        words = [t for t in label if not t.is_punct]
        if (
            words
            and words[0].lower_ not in {"a", "an", "the"} | _NOT_ASSERTED
            and not any(t.tag_ in _FINITE_OR_BARE or t.pos_ in {"AUX", "PRON", "NUM"} or t.ent_type_ for t in words)
            and not any(t.pos_ == "PROPN" for t in words[1:])
        ):
            out[k] = texts[k][match.end() :]
    return out


def _news_outlet(context: Context, speaker: str, role: str | None) -> bool:
    """ "The Mail on Sunday", "NBC News": a speaker that is a news outlet, the "paper" or "network" a
    later sentence may call it (not a person, nor one who speaks through an outlet: "X (per Sky News)")."""
    # "according to a report from NBC News": the report is the outlet's
    speaker = re.sub(r"^an? (?:report|story|broadcast|article) (?:from|by|in|on) ", "", speaker)
    return (
        role is None
        and "(" not in speaker
        and speaker[:1].isupper()
        and not speaker.lower().startswith(("a ", "an "))
        and NEWS_OUTLET.search(speaker) is not None
        and not context.names_a_person(speaker)
    )


# What the reader could or should do: "You can sit back and watch ...", "you might want to avoid ...".
_ADVISING = {"can", "might", "should"}


def _advises_the_reader(doc: Doc, pieces: Sequence[object]) -> bool:
    """The article speaks to its reader of what they could do ("If you're using iCloud Drive, you might
    want to avoid the Reset menu"): advice, no claim one can check."""
    indices = {p for p in pieces if isinstance(p, int)}
    verbs = [doc[i] for i in indices if doc[i].pos_ in {"VERB", "AUX"} and doc[i].head.i not in indices]
    verbs += [doc[i] for i in indices if doc[i].dep_ == "ROOT"]
    return any(
        any(c.dep_ == "nsubj" and c.lower_ == "you" for c in verb.children)
        and any(c.dep_ == "aux" and c.lower_ in _ADVISING for c in verb.children)
        for verb in verbs
    )


def _pronoun_speaker(context: Context, pronoun: str, previous: str | None, quoted: bool, pointed: bool = False) -> str:
    """ "he said": the one person of the last sentences, else the last speaker, else the last person.
    "I think", "we found": inside a quotation, its speaker (an unnamed one when no speaker came before: a
    pull quote, never "claimed by: I"); outside, the article's writer ("I")."""
    if pronoun.lower() in {"i", "we", "you"}:
        if quoted:
            return previous or UNNAMED_QUOTE
        return pronoun
    if pronoun.lower() == "they":
        # "They said Emwazi and two friends never made it": a group, never one person named before
        return previous if previous and not context.names_a_person(previous) else pronoun
    if pronoun.lower() == "it":
        # "TIME wrote: ... It later updated the post, saying that Q": a publication, never a person; a
        # statement "its" owner gives in full ("Its full statement is below.") is the organisation the
        # article is about (an "it" that speaks in the text may be a story or a post: left as written)
        if previous and not context.names_a_person(previous):
            return previous
        return (context.main_organisation() if pointed else None) or pronoun
    if previous and pronoun.lower() in {"he", "she"} and not context.names_a_person(previous):
        previous = None  # "a number of folks who know Islam" is no "he"
    wanted = "f" if pronoun.lower() in {"she", "her"} else "m"
    if previous and pronoun.lower() in {"he", "she"} and context.gender_of(previous, wanted) != wanted:
        previous = None  # "Johan Vesterberg said ... To The Telegraph, she says": someone else
    before = context.subject_person
    if before and context.gender_of(before, wanted) != wanted:
        before = None  # (the article's cue, else the first name's: "Johan Vesterberg" is no "she")
    return (
        before  # "Air Chief Marshal Badeh revealed the truce. He said ...": the last sentence's subject
        or context.only_person(pronoun)
        or context.shown_person(pronoun)
        or previous
        or context.main_person(pronoun)
        or context.likely_person(pronoun)
        or pronoun
    )


def _headline(text: str) -> bool:
    """ "ALL DOCUMENTS LOST", "THIS ISN'T A DONE DEAL YET": capitals throughout, a heading or a shout.
    (A title-case headline stays: it often holds the story's main facts.)"""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and all(c.isupper() for c in letters)


def _is_question(text: str) -> bool:
    """A question the article asks, or one standing alone in quotation marks; not a statement that
    ends by quoting a question ("he asked investors, “Why do we need preservatives?”")."""
    stripped = text.rstrip()
    return stripped.endswith("?") or (is_bare_quote(stripped) and stripped.rstrip(" \"”’'").endswith("?"))


_CAPTION = "a picture's caption (a scene in the present tense with a past date), not a claim"
# "Correction: An earlier version of this article stated that X": X is what the article took back.
_CORRECTION = re.compile(
    r"^\W*corrections?\s*:|\ban earlier version of this (?:article|story|report|post)\b|"
    r"\bthis (?:article|story|report|post) has been (?:corrected|amended)\b",
    re.I,
)
# "1 of 21", "Photo 3 of 12": where a picture gallery stood in the page.
_GALLERY_COUNTER = re.compile(r"^\s*(?:(?:photo|image|picture|slide)\s+)?\d+\s+(?:of|/)\s+\d+\s*$", re.I)


def _not_prose(text: str) -> str | None:
    if len(text) > MAX_CLAIM_CHARS:
        return f"longer than {MAX_CLAIM_CHARS} characters ({len(text):,}): a list, a table or unpunctuated text, not one claim"
    if len(_MARKUP.findall(text)) > MAX_MARKUP_SHARE * len(text):
        return "markup or code, not prose"
    if not any(c.isalpha() for c in text):
        return "no words"
    if _headline(text):
        return "a headline or a heading, not a sentence"
    if _GALLERY_COUNTER.match(text):
        return "a picture gallery's counter, not a sentence"
    if _CORRECTION.search(text):
        return "the article's correction of an earlier version, not a claim"
    if _FURNITURE.search(text):
        return "page furniture (a credit, a share prompt, an update stamp, an embedded post), not a claim"
    return None
