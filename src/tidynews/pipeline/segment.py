"""Split a document into its article body and reader comments.

The genre: article paragraphs first, then reader comments, one paragraph per
line. Comments form a suffix of the document, so segmentation finds the first
paragraph written in a new voice (first or second person, an @-reply, a
question or exclamation to readers, an informal register) or the first line
after a comments header; that paragraph and every later one is a comment.
Page chrome (share buttons, "Leave a comment", bylines) is in no segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from tidynews.errors import SeedError
from tidynews.pipeline.ingest import Document
from tidynews.pipeline.spans import Span

# Word patterns that ignore case are written in lower case and matched against the
# lowered paragraph: Python's re runs alternations several times slower with IGNORECASE.
# Some patterns open each alternative with a literal character (a look-behind then
# stands for a leading \b): re then jumps from one such character to the next, where a
# leading \b or group makes it try every position of the text. That pays where the
# first characters are rare ("m", "y", quotation marks); where they are most letters
# (_STANCE), \b first, which fails inside every word, is the faster test.


def _whole_words(*words: str) -> str:
    r"""The regex "\b(?:w1|w2|...)\b" for `words` (fragments that start with a letter),
    written letter first: "w(?<!\ww)1\b|...". It matches where that regex does."""
    return "|".join(rf"{word[0]}(?<!\w{word[0]}){word[1:]}\b" for word in words)


# Quoted speech is someone else's voice: an article quoting "I condemn..." stays an article.
_SINGLE_QUOTED = r"(?<!\w)‘[^’]*’(?!\w)"  # the only quote that needs its closing mark
_QUOTED = re.compile(
    r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|" + _SINGLE_QUOTED + r"|«[^»]*(?:»|$)"
    r"|(?:``|''|’’)(?:(?!''|’’).)*(?:''|’’|$)"  # the doubled marks of older news styles
    r"|<tweet\b.*"  # an embedded post, marked up as the page had it
    # a speaker's turn in a transcript or interview: "Q: ...", "SMITH: ...", "KATE ROE: ..."
    r"|^(?:Q|A|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s.*"
)
# _QUOTED as _unquoted reads it: a speaker's turn (only ever at the paragraph's start),
# and the quotations, each opening with its mark (see _whole_words); the second with a
# bare opening ‘, whose closing mark _unquoted finds (see there)
_SPEAKER = re.compile(r"(?:Q|A|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s.*")
_DOUBLED_QUOTE_END = r"(?:(?!''|’’).)*(?:''|’’|$)"
_QUOTES = (
    r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|‘(?<!\w‘)[^’]*’(?!\w)|«[^»]*(?:»|$)|"
    + "|".join(mark + _DOUBLED_QUOTE_END for mark in ("``", "''", "’’"))
    + r"|<tweet\b.*"
)
_QUOTATION = re.compile(_QUOTES)
_QUOTATION_OR_SINGLE = re.compile(_QUOTES.replace(r"‘(?<!\w‘)[^’]*’(?!\w)", r"‘(?<!\w‘)"))
_WORD_CHAR = re.compile(r"\w")

_FIRST_PERSON = re.compile(_whole_words("me", "my", "mine", "myself"))
# "I" with no word character, dot or hyphen on either side; the look-behind comes
# after the letter so that re can scan for the literal "I" first (20x faster).
_FIRST_PERSON_I = re.compile(r"I(?<![\w.-]I)(?:[’'](?:m|d|ve|ll))?(?![\w.-])")
_SECOND_PERSON = re.compile(
    _whole_words("you", "your", "yours", "yourself", "you[’'](?:re|ve|ll|d)")
)
_MENTION = re.compile(r"(?:^|\s)@\s?\w")
# An @-reply addresses someone: the handle is followed by a comma or colon ("@ banasy,
# speaking of..."). A handle used as a name ("with @Smith", "Twitter: @smith", a
# byline's "He tweets @smith", "@smith posted the video") only names an account.
_REPLY = re.compile(r"(?:^|\s)@\s?\w+\s*[,:]")
# A dateline opens a wire report: "COLUMBUS, Ohio (AP) — ", "Gaza City (CNN) - ",
# "WASHINGTON — ". No reader starts a comment with one.
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4},?\s*\([A-Z][\w.]*\)"
    r"|[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,3})\s+[—–-]\s"
)
_QUESTION = re.compile(r"\?(?:[\s\"”’)]|$)")
_EXCLAIM = re.compile(r"!(?:[\s\"”’)]|$)")
# chat words, "!?" and the like, an ellipsis: what "\b(?:lol|...)\b|[!?]{2,}|\.{3}|…" finds
_INFORMAL = re.compile(
    _whole_words("lol", "lmao", "imo", "imho", "btw", "omg", "wtf", "smh")
    + r"|!(?=[!?])|\?(?=[!?])|\.\.\.|…"
)
_SLASH_PAIR = re.compile(  # "he/she", "and / or": tried only on a paragraph with a "/"
    r"\b(?:if|and|or|when|he|she|his|her)\s?/\s?(?:if|and|or|when|he|she|his|her)\b"
)
# Shouting: two all-caps words in a row ("HOW COME"); one is often just an acronym.
_SHOUTING = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]+\s+[A-Z]{3,}\b")  # \b[A-Z]{2,}\s+[A-Z]{3,}\b
# Stance words typical of readers' opinions and rare in reporting; reporting verbs
# ("believe", "think") are left out, since news attributes them to sources.
_STANCE = re.compile(
    r"\b(?:hopes?|hopefully|wish|obviously|clearly|of course|surely|actually|really|totally"
    r"|nonsense|ridiculous|absurd|stupid|idiot(?:s|ic)?|pathetic|shameful|disgrace(?:ful)?"
    r"|hypocri(?:sy|te|tical)|far[- ]fetched|especially considering|no doubt|needless to say"
    r"|let[’']?s|why not|what about|how come)\b"
)
_INTERJECTION = re.compile(
    r"^(?:yes|no|yeah|nope|well|wow|agreed|exactly|oh|hmm|sure|right|lol|haha|thanks)\b[,.!:]"
)
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|reported|according to|announced|stated)\b")

_CHROME = re.compile(
    r"^(?:share(?: this| on \w+)?|tweet|reply|like|print|email|report abuse|advertisement|"
    r"read more|related(?: posts| articles| stories)?|comments? are closed|"
    r"(?:posted|published) (?:by|in|on)\b.*|filed under\b.*|tags?:.*|categories:.*|"
    r"click to share\b.*|follow us\b.*|sign up\b.*|subscribe\b.*|"
    r"follow\b.*(?:twitter|facebook|instagram|@\w+).*|enter your e-?mail\b.*|"
    r".*\blike (?:the|our) (?:facebook )?page|.*\bsign up for (?:his|her|our|the) newsletter\b.*)"
    r"[\s:!.|»›•]*(?:\(\d+\))?$",
    re.IGNORECASE,
)
_COMMENTS_HEADER = re.compile(
    r"^(?:(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|discussion)(?:\s*\(\d+\))?|"
    r"leave a (?:comment|reply)|add a comment|join the discussion|soundoff\b.*|"
    r"\d+\s+(?:comments|responses|thoughts)\s+(?:on|to)\b.*)[\s:.]*$",
    re.IGNORECASE,
)
_MAX_CHROME_WORDS = 12
VOICE_THRESHOLD = 2
_STRONG_VOICE = 3
_MIN_VOICED_SHARE = 0.5
_MAX_ARTICLE_VOICED_SHARE = 0.1
_SENTENCE_END = ".!?\"'”’)…:"
_MIN_COMMENTS = 2  # a lone last paragraph is a sign-off or a question to readers
_MIN_ARTICLE_WORDS = 50  # a headline and a line are not yet an article to comment on


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The article body's span and each reader comment's span, in page order."""

    article: Span
    comments: tuple[Span, ...]


def segment(document: Document) -> Segmentation:
    """Find the article body and the reader comments in a document.

    >>> from tidynews.pipeline.ingest import Document
    >>> text = "Rain fell.\\nComments\\nI loved it!\\n"
    >>> segment(Document("d", "seeds/d.txt", "0" * 64, "utf-8", text))
    Segmentation(article=Span(start=0, end=10), comments=(Span(start=20, end=31),))
    """
    if document.n_article_paragraphs is not None:
        return _as_the_page_said(document, document.n_article_paragraphs)
    paragraphs: list[Span] = []
    scores: list[int] = []
    words: list[int] = []
    dialogue: list[bool] = []
    header: int | None = None
    for span in _paragraphs(document.text):
        line = span.text_of(document.text)
        n_words = len(line.split())
        if n_words <= _MAX_CHROME_WORDS and _is_chrome(line):
            if _COMMENTS_HEADER.match(line) and paragraphs and header is None:
                header = len(paragraphs)
            continue
        broken = bool(paragraphs) and _continues(paragraphs[-1].text_of(document.text), line)
        score, talks = _voice(line)
        scores.append(min(score, 0) if broken else score)
        words.append(n_words)
        dialogue.append(talks)
        paragraphs.append(span)
    first_comment = header if header is not None else _first_voiced_suffix(scores, words, dialogue)
    if not paragraphs:
        raise SeedError(
            f"{document.source_file}: no article text, only page chrome (seed-empty). "
            "Add the article's paragraphs or remove the file."
        )
    split = len(paragraphs) if first_comment is None else first_comment
    if split == 0:  # a comments header before any paragraph: the page has no article body
        split = 1
    body = paragraphs[:split]
    return Segmentation(
        article=Span(body[0].start, body[-1].end),
        comments=tuple(paragraphs[split:]),
    )


def _as_the_page_said(document: Document, n_article: int) -> Segmentation:
    """The split a web page gave (`tidynews ingest` records it in the sidecar): its
    first `n_article` lines are the article, every later line one reader comment.
    Nothing is guessed, and no line is taken for page chrome."""
    lines = _paragraphs(document.text)
    if not lines or n_article < 1:
        raise SeedError(
            f"{document.source_file}: the sidecar says the article has {n_article} "
            "paragraphs, but it needs at least one line of text (seed-empty)."
        )
    body = lines[:n_article]
    return Segmentation(
        article=Span(body[0].start, body[-1].end), comments=tuple(lines[n_article:])
    )


def _first_voiced_suffix(scores: list[int], words: list[int], dialogue: list[bool]) -> int | None:
    """Where the reader comments start, judged from each paragraph's voice score.

    Comments come many in a row, in a voice the article never used: a run starts
    at a paragraph that reads strongly as a reader's (or just before it, at the
    voiced paragraphs leading up to it), at least half the paragraphs from there
    on read as readers', the article before it hardly ever does and has some length
    (`words`: each paragraph's word count), and some comment talks to someone
    (`dialogue`): first person and stance alone also make an op-ed or a letter. One voiced
    paragraph alone does not turn the rest of a page into comments: an op-ed's
    "I", a rhetorical question or a quote the patterns miss would.

    Sums over the paragraphs before and after a start are read off running totals: a
    page of thousands of voiced lines, summed anew at each, took their square."""
    n = len(scores)
    voiced = [score >= VOICE_THRESHOLD for score in scores]
    words_before = list(accumulate(words, initial=0))  # [k]: the sum over paragraphs < k
    voiced_before = list(accumulate(voiced, initial=0))
    dialogue_before = list(accumulate(dialogue, initial=0))
    start = 0
    for k in range(1, n):
        # the first of the voiced paragraphs right before k (never the first paragraph)
        start = start if k > 1 and voiced[k - 1] else k
        if scores[k] < _STRONG_VOICE:
            continue
        in_suffix, in_prefix = n - start, start
        if (
            in_suffix >= _MIN_COMMENTS
            and words_before[start] >= _MIN_ARTICLE_WORDS
            and voiced_before[n] - voiced_before[start] > _MIN_VOICED_SHARE * in_suffix
            and voiced_before[start] <= _MAX_ARTICLE_VOICED_SHARE * in_prefix
            and dialogue_before[n] > dialogue_before[start]
        ):
            return start
    return None


def voice_score(paragraph: str) -> int:
    """How strongly a paragraph reads as a reader's voice rather than reporting.

    First or second person, @-replies, questions and opening interjections
    count 2 or more; an exclamation, an informal register and stance words
    count 1 or 2;
    reporting attribution ("said", "according to") counts -1. Quoted speech is
    ignored, since it is someone else's voice.
    """
    return _voice(paragraph)[0]


def talks_to_someone(paragraph: str) -> bool:
    """Whether a paragraph, outside quotes, addresses someone as readers do in a thread:
    "you", an @-reply, a question, an exclamation, an interjection, chat or shouting."""
    return _voice(paragraph)[1]


def _voice(paragraph: str) -> tuple[int, bool]:
    """voice_score and talks_to_someone at once: they read the same signs in the same
    unquoted text, which is made and searched once."""
    own = _unquoted(paragraph)
    lowered = own.lower()
    second = _SECOND_PERSON.search(lowered) is not None
    mention = "@" in own and _MENTION.search(own) is not None
    reply = mention and _REPLY.search(own) is not None
    question = _QUESTION.search(own) is not None
    exclaim = _EXCLAIM.search(own) is not None
    informal = _INFORMAL.search(lowered) is not None
    shouting = not informal and _SHOUTING.search(own) is not None  # wanted only then
    interjection = _INTERJECTION.match(lowered.lstrip()) is not None
    score = 0
    if _FIRST_PERSON_I.search(own) or _FIRST_PERSON.search(lowered):
        score += 2
    if second:
        score += 2
    if mention:
        score += 3 if reply else 1
    if question:
        score += 2
    if exclaim:
        score += 1
    if informal or shouting or ("/" in lowered and _SLASH_PAIR.search(lowered)):
        score += 1
    score += min(2, len({m.group() for m in _STANCE.finditer(lowered)}))
    if interjection:  # reporting never opens with "Yes," or "Well,"
        score += 2
    if own[:1].islower():
        score += 1
    if _ATTRIBUTION.search(lowered):
        score -= 1
    if _DATELINE.match(paragraph):
        score = min(score, 0)  # a wire report's opening, whatever follows the dash
    talks = second or reply or question or exclaim or interjection or informal or shouting
    return score, talks


def _continues(previous: str, line: str) -> bool:
    """A line that goes on with the sentence the one before left open (a paragraph
    broken in two), so it is no new voice: it starts in lower case after a line that
    ends without closing its sentence."""
    return line[:1].islower() and previous.rstrip()[-1:] not in _SENTENCE_END


def _unquoted(paragraph: str) -> str:
    """The paragraph with each quotation replaced by a space: _QUOTED.sub(" ", paragraph).

    A ‘ opens a quotation only if the first ’ after it closes one (no letter follows).
    When it does not, the regex read the rest of the paragraph again from every later ‘
    up to that same ’: a line of ‘ cost its square. Here that ’ is found once and
    reused, and the other quotations are left to the regex.

    A speaker's turn ("Q: ...") can only open the paragraph: it is matched there once,
    and the rest searched with a regex re can scan from quotation mark to mark."""
    speaker = _SPEAKER.match(paragraph)
    pos = 0 if speaker is None else speaker.end()  # the turn runs to the end of the line
    pieces: list[str] = [] if speaker is None else [" "]
    if "‘" not in paragraph:
        rest = _QUOTATION.sub(" ", paragraph[pos:] if pos else paragraph)
        return rest if speaker is None else " " + rest
    close = -1  # the first ’ at or after the last ‘ looked at; len(paragraph): none
    while (match := _QUOTATION_OR_SINGLE.search(paragraph, pos)) is not None:
        start, end = match.span()
        if match.group() == "‘":
            if close < end:
                found = paragraph.find("’", end)
                close = found if found >= 0 else len(paragraph)
            if close == len(paragraph) or _WORD_CHAR.match(paragraph, close + 1):
                pieces.append(paragraph[pos:end])  # no quotation opens here
                pos = end
                continue
            end = close + 1
        pieces += (paragraph[pos:start], " ")
        pos = end
    pieces.append(paragraph[pos:])
    return "".join(pieces)


def _paragraphs(text: str) -> list[Span]:
    """Non-blank lines, trimmed of surrounding white space; CRLF, CR and LF all end one."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        spans.append(Span(start, start + len(stripped)))
    return spans


def _is_chrome(line: str) -> bool:
    """Page chrome or a comments header: short lines only (the caller counts the words)."""
    return bool(_CHROME.match(line) or _COMMENTS_HEADER.match(line))
