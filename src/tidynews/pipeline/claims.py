"""Claims: the sentences that assert something, who asserts them, how surely, and what kind.

Each paragraph is split into sentences by spaCy's rule sentencizer (tokenizer
exceptions keep "U.S." and "Mr." whole), then at ";". A sentence is a claim unless
it is a question, an interjection or a greeting. Attribution is read with rules,
first match wins:

1. "in what X said were ...": X, cue "said";
2. "According to X, ...": X, cue "According to";
3. "..., X said [on Monday]." (or "..., said X."): X, cue "said";
4. "X said/reported/believe(s) ...": X, cue the verb (not when negated: "did not say");
5. "... according to X": X, cue "according to";
6. a quotation that follows an attributed sentence of the same paragraph: the same X;
7. otherwise the segment's own voice: "author" in the article, "commenter" in a comment.

A pronoun or "the report" / "the source" as X stands for the last named source of
the segment. Kind, in this order: report (a third party's claim), opinion (first
person singular, a wish, an evaluative or deontic word; a hedged comment),
forecast (future tense or "threaten(s) to"), else assertion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry

from tidynews.pipeline.nlp import paragraph, tokens, word_set
from tidynews.pipeline.spans import Span, lines

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


CUE_VERBS = word_set(
    """said says say told tells reported reports announced announces claimed claims stated
    states added adds noted notes warned warns condemned condemns confirmed confirms
    denied denies insisted insists believe believes believed alleged alleges explained
    explains argued argues acknowledged declared declares wrote writes tweeted estimated"""
)
# Verbs that may follow a plural subject in their base form ("officials say").
_BASE_FORM_CUES = frozenset({"say", "believe"})
_INVERTED_CUES = frozenset({"said", "says", "added", "told", "wrote", "reported"})
_ADVERBIAL_STARTS = word_set(
    """on in at during late earlier later today yesterday tonight this last via through
    from by after before when"""
)
_NOT_IN_A_SUBJECT = word_set(
    """is are was were be been being that which what who him her them us me when while if
    because"""
)
_NOT_A_SUBJECT_START = word_set(
    """and but or so then on in at of to with for from by as than because if when while"""
)
_SINGULAR = frozenset({"he", "she", "it"})
_SPEAKER_OR_ADDRESSEE = frozenset({"i", "we", "you"})
_AUXILIARIES = frozenset({"has", "have", "had", "also", "later", "earlier", "previously"})
_NEGATIONS = frozenset({"not", "n't", "never", "neither", "nor"})
HEDGE_CUES = word_set(
    """allegedly alleged reportedly supposed supposedly believe believes believed could may
    might perhaps possibly probably likely unlikely apparently seemingly seems appears
    debatable doubt doubts doubtful unconfirmed unverified rumoured rumored suspected"""
)
_MODAL_HEDGES = frozenset({"could", "may", "might"})
# "could be heard", "may be seen": ability or perception, not uncertainty
_NOT_UNCERTAIN_AFTER_BE = frozenset({"heard", "seen", "felt", "reached", "found", "used"})
_OPINION_WORDS = word_set(
    """should must ought deserve deserves deserved imperative essential shame disgrace hope
    hopes wish wishes hate love glad sad terrible awful wonderful great ridiculous
    absurd outrageous shameful disgraceful"""
)
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "i'd", "i'm", "i've", "i'll"})
_FUTURE = frozenset({"will", "wo", "'ll", "shall", "would"})
_FUTURE_PHRASES = frozenset(
    {
        ("going", "to"),
        ("threaten", "to"),
        ("threatens", "to"),
        ("set", "to"),
        ("plans", "to"),
        ("plan", "to"),
        ("expected", "to"),
    }
)
_DEONTIC_PHRASES = frozenset({("need", "to"), ("needs", "to")})
_QUESTION_OPENERS = (("what", "about"), ("how", "come"))
_GREETINGS = frozenset({"hi", "hello", "hey", "thanks", "thank", "cheers", "greetings"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
_STANDING_FOR_A_SOURCE = frozenset(
    {"the report", "the source", "the statement", "the agency", "the outlet", "the blog"}
)
_QUOTES = "\"'“”‘’«»„`"
_MAX_CLAIMANT_TOKENS = 10  # "according to X": a longer X is a clause, not a source
_OPENING_JUNK = _QUOTES + "…-–—.· \t\r"
_TERMINAL = ".!?…"
_DATELINE_RE = re.compile(
    r"^[A-Z][\w.'’]*(?:[ /][A-Z][\w.'’]*){0,3}(?: \([^)]{1,30}\))? ?[—–-]{1,2} (?=[A-Z\"“])"
)
_PROPER_NAME_TAIL_RE = re.compile(
    r"(?:\b(?:al|el|ad|as|ash|an)-)?[A-Z][\w'’.&]*(?:-[A-Z][\w'’.]*)?"
    r"(?:\s+(?:(?:al|el)-)?[A-Z][\w'’.&]*(?:-[A-Z][\w'’.]*)?)*$"
)
_MEDIA_WORDS = word_set(
    """news times post journal agency tv television radio press blog newspaper daily
    channel reporter reporters journalist journalists correspondent outlet media"""
)
_OFFICIAL_WORDS = word_set(
    """official officials minister ministry president prime spokesman spokeswoman
    spokesperson government police army military secretary ambassador chief chiefs
    commander commanders governor mayor chairman general authorities administration"""
)
_GROUP_WORDS = word_set(
    """group organization organisation activists residents witnesses forces movement party
    union council nations committee observatory people militants rebels"""
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim-bearing sentence; offsets are into the whole document."""

    span: Span
    claimant: str
    claimant_type: str
    cue: str | None
    hedged: bool
    hedge_cue: str | None
    kind: str


@dataclass(slots=True)
class _Voice:
    """Who speaks when no one else is named, and the last source named in the segment."""

    own: str
    last_source: tuple[str, str] | None = None
    quoted: tuple[str, str] | None = field(default=None)


def find_claims(text: str, segment: Span, voice: str) -> list[Claim]:
    """Every claim in `text[segment.start:segment.end]`; `voice` is "author" or "commenter".

    >>> [c.claimant for c in find_claims("Officials said 3 died.", Span(0, 22), "author")]
    ['Officials']
    """
    state = _Voice(voice)
    claims: list[Claim] = []
    first_line = True
    for line, offset in lines(text, segment):
        skip = 0
        if first_line and voice == "author" and (dateline := _DATELINE_RE.match(line)):
            skip = dateline.end()
        if line.strip():
            first_line = False
        state.quoted = None
        for sentence in _sentences(line, skip):
            claim = _claim(sentence, line, offset, state, skip)
            if claim is not None:
                claims.append(claim)
    return claims


def _sentences(line: str, skip: int) -> list[SpacySpan]:
    """Sentences of one paragraph, split again at ";", from character `skip` on."""
    if not line[skip:].strip():
        return []
    doc, toks = paragraph(line), tokens(line)
    pieces: list[SpacySpan] = []
    for sent in doc.sents:
        start = sent.start
        for tok in toks[sent.start : sent.end]:
            if tok.text == ";":
                pieces.append(doc[start : tok.i + 1])
                start = tok.i + 1
        if start < sent.end:
            pieces.append(doc[start : sent.end])
    return [p for p in pieces if p.end_char > skip]


def _trim(sentence: SpacySpan, text: str, skip: int) -> tuple[int, int, bool]:
    """Character range of the claim in its line: no dateline (`skip`), no leading quote
    marks or ellipsis, nothing after the final stop but a closing quote glued to it.

    Also says whether the sentence opens a quotation: the sentencizer leaves an opening
    quote mark at the end of the sentence before, so look there too. `text` is the
    paragraph: Doc.text would rebuild it on every call."""
    begin = max(sentence.start_char, skip)
    start, end = begin, sentence.end_char
    while start < end and text[start] in _OPENING_JUNK:
        start += 1
    back = begin - 1
    while back >= 0 and text[back].isspace():
        back -= 1
    opened = any(ch in _QUOTES for ch in text[begin:start]) or (
        back >= 0 and text[back] in _QUOTES and (back == 0 or text[back - 1].isspace())
    )
    last_stop = max((i for i in range(start, end) if text[i] in _TERMINAL), default=None)
    if last_stop is not None and text[start:end].rstrip()[-1:] not in ("", ";"):
        end = last_stop + 1
        while end < sentence.end_char and text[end] in _QUOTES:
            end += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ";"):
        end -= 1
    if opened and end > start and text[end - 1] in _QUOTES and text[end - 2] in _TERMINAL:
        end -= 1
    return start, end, opened


def _claim(sentence: SpacySpan, line: str, offset: int, state: _Voice, skip: int) -> Claim | None:
    start, end, opened = _trim(sentence, line, skip)
    if end <= start:
        return None
    toks = [t for t in tokens(line)[sentence.start : sentence.end] if start <= t.idx < end]
    if not toks or not _is_claim(toks, line[start:end]):
        return None
    words = [t.lower_ for t in toks]
    found = _attribution(toks, words)
    if found is not None and (found[0].lower() in _SPEAKER_OR_ADDRESSEE or not found[0]):
        found = None  # "I said", "you wrote": the segment's own voice, not a third party
    if found is not None:
        claimant, cue = found
        claimant = _resolve(claimant, state)
        ctype = _claimant_type(claimant)
        if claimant.lower() not in {*_PRONOUNS, *_STANDING_FOR_A_SOURCE}:
            state.last_source = (claimant, ctype)
        state.quoted = (claimant, ctype)
    elif opened and state.quoted is not None:
        (claimant, ctype), cue = state.quoted, None
    else:
        claimant, ctype, cue = state.own, state.own, None
        state.quoted = None
    hedge_cue = _hedge(toks, words)
    kind = _kind(words, claimant, hedge_cue, state.own)
    return Claim(
        Span(offset + start, offset + end),
        claimant,
        ctype,
        cue,
        hedge_cue is not None,
        hedge_cue,
        kind,
    )


def _is_claim(toks: list[Token], text: str) -> bool:
    """Not a question, an interjection ("Hooray!") or a greeting."""
    stripped = text.rstrip(_QUOTES + " )")
    if stripped.endswith("?") or "?" in stripped[-3:]:
        return False
    alpha = [t for t in toks if t.is_alpha]
    if len(alpha) < 2 or (stripped.endswith("!") and len(alpha) <= 3):
        return False
    words = [t.lower_ for t in toks]
    if words[0] in _GREETINGS and len(alpha) <= 6:
        return False
    for a, b in _QUESTION_OPENERS:
        for i in range(len(words) - 1):
            if (words[i], words[i + 1]) == (a, b) and (i == 0 or words[i - 1] == ","):
                return False
    return True


def _attribution(toks: list[Token], words: list[str]) -> tuple[str, str] | None:
    """(claimant as written, cue as written) by the rules in the module docstring."""
    for i in range(1, len(words) - 2):
        if words[i - 1] == "what" and words[i] not in _PRONOUNS:
            for k in range(i + 1, min(i + 6, len(words))):
                if _is_cue(toks[k]) and not _negated(words, k):
                    return _text(toks[i:k]), toks[k].text
    if words[:2] == ["according", "to"]:
        claimant = _noun_phrase(toks[2 : 3 + _MAX_CLAIMANT_TOKENS])
        if claimant:
            return claimant, _text(toks[:2])
    final = _final_attribution(toks, words)
    if final is not None:
        return final
    initial = _initial_attribution(toks, words)
    if initial is not None:
        return initial
    for i in range(1, len(words) - 2):
        if (words[i], words[i + 1]) == ("according", "to"):
            claimant = _noun_phrase(toks[i + 2 : i + 3 + _MAX_CLAIMANT_TOKENS])
            if claimant:
                return claimant, _text(toks[i : i + 2])
    return None


def _final_attribution(toks: list[Token], words: list[str]) -> tuple[str, str] | None:
    """ "..., X said." / "..., X said on Monday." / "..., said X."."""
    commas = [i for i, w in enumerate(words) if w == ","]
    if not commas:
        return None
    chunk = [i for i in range(commas[-1] + 1, len(words)) if not _is_quote(toks[i])]
    chunk = [i for i in chunk if not toks[i].is_punct]
    if len(chunk) < 2:
        return None
    if words[chunk[0]] in _INVERTED_CUES and len(chunk) <= 7:  # "..., said the minister."
        claimant = _noun_phrase([toks[i] for i in chunk[1:]])
        return (claimant, toks[chunk[0]].text) if claimant else None
    if len(commas) > 1:  # "...,'' said Jane Roe, an analyst at the bank."
        first = [i for i in range(commas[-2] + 1, commas[-1]) if not _is_quote(toks[i])]
        if 2 <= len(first) <= 5 and words[first[0]] in _INVERTED_CUES:
            claimant = _noun_phrase([toks[i] for i in first[1:]])
            if claimant and claimant[:1].isupper():
                return claimant, toks[first[0]].text
    for n, i in enumerate(chunk[1:11], start=1):
        if _is_cue(toks[i]) and not _negated(words, i):
            subject = [toks[k] for k in chunk[:n] if words[k] not in _AUXILIARIES]
            tail = chunk[n + 1 :]
            adverbial = not tail or (len(tail) <= 5 and _is_adverbial_start(toks[tail[0]]))
            if subject and adverbial and _plausible_subject(subject, words[i]):
                return _name_of(_text(subject)), toks[i].text
            return None
    return None


def _is_adverbial_start(tok: Token) -> bool:
    """What may follow a closing "X said": "on June 1", "in a post", "Monday", "today"."""
    return tok.lower_ in _ADVERBIAL_STARTS or (tok.is_title and tok.lower_.endswith("day"))


def _is_cue(tok: Token) -> bool:
    """A reporting verb, written in lower case ("States" in "United States" is not one)."""
    return tok.lower_ in CUE_VERBS and tok.text.islower()


def _initial_attribution(toks: list[Token], words: list[str]) -> tuple[str, str] | None:
    """ "X said ..." near the start of the sentence; X is the last comma-free chunk before it."""
    for k in range(1, min(len(words), 16)):
        if not _is_cue(toks[k]) or _negated(words, k):
            continue
        chunks, current = [], []
        for tok in toks[:k]:
            if tok.text == ",":
                chunks.append(current)
                current = []
            elif not _is_quote(tok):
                current.append(tok)
        chunks.append(current)
        subject = next((c for c in reversed(chunks) if c), [])
        while subject and subject[-1].lower_ in _AUXILIARIES:
            subject = subject[:-1]
        if subject and len(subject) <= 8 and _plausible_subject(subject, words[k]):
            return _name_of(_text(subject)), toks[k].text
        return None
    return None


def _is_quote(tok: Token) -> bool:
    """A quote mark, including the doubled ones of older news styles (`` and '')."""
    return bool(tok.text) and all(ch in _QUOTES for ch in tok.text)


def _plausible_subject(subject: list[Token], verb: str) -> bool:
    """A noun phrase, not a clause: no copula, clause word or object pronoun inside, and
    not opening with a conjunction or preposition."""
    lowered = [t.lower_ for t in subject]
    if any(w in _NOT_IN_A_SUBJECT for w in lowered) or lowered[0] in _NOT_A_SUBJECT_START:
        return False
    return not (lowered == ["it"] or (verb in _BASE_FORM_CUES and lowered[-1] in _SINGULAR))


def _noun_phrase(toks: list[Token]) -> str | None:
    """The noun phrase a list of tokens starts with: up to a comma, clause word or stop;
    None when it runs past _MAX_CLAIMANT_TOKENS (callers pass no more tokens than that
    and one: a sentence repeating "according to" read to its end from each one)."""
    out = []
    for tok in toks:
        if tok.text in (",", ".", ";", ":", "(") or tok.lower_ in ("who", "which", "that"):
            break
        out.append(tok)
    return _name_of(_text(out)) if out and len(out) <= _MAX_CLAIMANT_TOKENS else None


def _name_of(phrase: str) -> str:
    """ "the pro-government blog al-Masdar News" -> "al-Masdar News": a described name."""
    phrase = phrase.strip(_QUOTES + " ,")
    match = _PROPER_NAME_TAIL_RE.search(phrase)
    if match and match.start() > 0:
        described = phrase[: match.start()].split()
        if (
            described
            and described[0].lower() in ("the", "a", "an")
            and any(w[:1].islower() for w in described[1:])
        ):
            return match.group(0)
    return phrase


def _text(toks: list[Token]) -> str:
    """The source text the tokens cover, with its own spacing."""
    if not toks:
        return ""
    return toks[0].doc[toks[0].i : toks[-1].i + 1].text


def _negated(words: list[str], k: int) -> bool:
    return any(w in _NEGATIONS for w in words[max(0, k - 2) : k])


def _resolve(claimant: str, state: _Voice) -> str:
    if claimant.lower() in _PRONOUNS | _STANDING_FOR_A_SOURCE and state.last_source:
        return state.last_source[0]
    return claimant


def _hedge(toks: list[Token], words: list[str]) -> str | None:
    """The first uncertainty cue, in its uncertainty sense only."""
    for i, word in enumerate(words):
        if word not in HEDGE_CUES:
            continue
        if word in _MODAL_HEDGES:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            after = words[i + 2] if i + 2 < len(words) else ""
            if nxt in _NEGATIONS or (nxt == "be" and after in _NOT_UNCERTAIN_AFTER_BE):
                continue
            if word == "may" and i == 0 and toks[i].is_title:
                continue  # "May God have mercy": a wish
        if word == "alleged" and i > 0 and words[i - 1] not in ("the", "an", "a", "his", "her"):
            continue
        return toks[i].text
    return None


def _kind(words: list[str], claimant: str, hedge_cue: str | None, own: str) -> str:
    if claimant != own:
        return "report"
    pairs = {tuple(words[i : i + 2]) for i in range(len(words) - 1)}
    judged = any(w in _FIRST_PERSON or w in _OPINION_WORDS for w in words)
    if judged or pairs & _DEONTIC_PHRASES or (own == "commenter" and hedge_cue is not None):
        return "opinion"
    if any(w in _FUTURE for w in words) or pairs & _FUTURE_PHRASES:
        return "forecast"
    return "assertion"


def _claimant_type(claimant: str) -> str:
    lowered = claimant.lower()
    if lowered in ("author", "commenter"):
        return lowered
    words = set(re.findall(r"[a-z]+", lowered))
    if words & _MEDIA_WORDS:
        return "media"
    if words & _OFFICIAL_WORDS or _is_country(claimant):
        return "official"
    if words & _GROUP_WORDS:
        return "group"
    if lowered in _PRONOUNS or lowered in _STANDING_FOR_A_SOURCE:
        return "unknown"
    if all(w[:1].isupper() for w in claimant.split()):
        return "person"
    return "unknown"


@lru_cache(maxsize=1024)
def _is_country(name: str) -> bool:
    """A country speaking is its government ("Israel has said")."""
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True
