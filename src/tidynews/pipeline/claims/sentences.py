"""From a segment's paragraphs to claims: split, trim and keep the sentences that
assert something, ask cues.py and claimants.py who asserts each, then read its hedge
and kind from its own words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter, not_
from typing import NamedTuple

from tidynews.pipeline.claims.claimants import OwnVoice, Voice, speaker
from tidynews.pipeline.claims.cues import attribution
from tidynews.pipeline.claims.lexicon import (
    ABBREVIATIONS,
    DATELINE_RE,
    DEONTIC_PHRASES,
    FIRST_PERSON,
    FUTURE,
    FUTURE_PHRASES,
    GREETINGS,
    HEADLINE_LABELS,
    HEDGE_CUES,
    MODAL_HEDGES,
    NEGATIONS,
    NOT_UNCERTAIN_AFTER_BE,
    OPENING_JUNK,
    OPINION_WORDS,
    QUESTION_OPENERS,
    QUOTES,
    SPEAKER_LABEL_RE,
    TERMINAL,
)
from tidynews.pipeline.claims.quotes import Quotation, quotation_of, quotations
from tidynews.pipeline.claims.toks import Tok, paragraph_tokens
from tidynews.pipeline.nlp import words
from tidynews.pipeline.spans import Span, lines
from tidynews.pipeline.vocab import ClaimantType, ClaimKind

_LOWER = attrgetter("lower_")
_QUOTED = attrgetter("quoted")
_SPACE = attrgetter("is_space")


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim-bearing sentence; offsets are into the whole document."""

    span: Span
    claimant: str
    claimant_type: ClaimantType
    cue: str | None
    hedged: bool
    hedge_cue: str | None
    kind: ClaimKind


def find_claims(text: str, segment: Span, voice: OwnVoice) -> list[Claim]:
    """Every claim in `text[segment.start:segment.end]`; `voice` is "author" or "commenter".

    >>> [c.claimant for c in find_claims("Officials said 3 died.", Span(0, 22), "author")]
    ['Officials']
    """
    state = Voice(voice)
    claims: list[Claim] = []
    first_line = True
    introduced = False  # the paragraph before ended "X said:", so this one is X's
    for line, offset in lines(text, segment):
        skip = 0
        if first_line and voice == "author" and (dateline := DATELINE_RE.match(line)):
            skip = dateline.end()
        if line.strip():
            first_line = False
            state.paragraph += 1
        quotes = quotations(line)
        if line.lstrip()[:1] not in QUOTES and not introduced:
            state.quoted = None  # a quotation goes on only where the next paragraph reopens it
        elif state.quoted is None:
            state.quoted = state.recent()  # a bare quotation: the source just named speaks
        sentences = _sentences(line, skip, quotes)
        read = [_read(sentence, line, skip, quotes) for sentence in sentences]
        label = SPEAKER_LABEL_RE.match(line)
        if label and label.group(1).lower() in HEADLINE_LABELS:
            label = None  # "BYLINE: ...", "EXCLUSIVE: ...": a page's label, no speaker
        if label and read and read[0] is not None:
            read[0].found = (label.group(1), ":")  # a transcript: "FALLIN: I think ..."
        carried = _carried(read)
        if label:
            carried = [(label.group(1), ":") if c is None else c for c in carried]
        quotation = None  # of the sentence before: a quotation goes on across sentences
        for raw, sentence, group in zip(sentences, read, carried, strict=True):
            if sentence is not None and sentence.claim:
                going_on = introduced or (
                    sentence.quotation is not None and sentence.quotation == quotation
                )
                claims.append(_claim(sentence, offset, state, group, going_on))
            # questions count too: "... you know what? They're anxious" goes on
            quotation = quotation_of(quotes, max(raw.start_char, skip), raw.end_char)
        if line.strip():
            introduced = line.rstrip().endswith(":") and state.quoted is not None
    return claims


@dataclass(slots=True)
class _Read:
    """One claim sentence of a paragraph, read before speakers are decided."""

    start: int
    end: int
    opened: bool
    toks: list[Tok]
    words: list[str]
    found: tuple[str, str] | None
    quotation: int | None
    claim: bool  # False for a question: not a claim, but it may name the quotation's source


def _read(sentence: _Piece, line: str, skip: int, quotes: list[Quotation]) -> _Read | None:
    start, end, opened = _trim(sentence, line, skip)
    if end <= start:
        return None
    toks = _within(sentence.toks, start, end)
    if not toks:
        return None
    words = list(map(_LOWER, toks))
    found = attribution(toks, words, list(map(not_, map(_QUOTED, toks))))
    claim = _is_claim(toks, words, line[start:end])
    return _Read(start, end, opened, toks, words, found, quotation_of(quotes, start, end), claim)


def _within(toks: list[Tok], start: int, end: int) -> list[Tok]:
    """The tokens but spaces that start in characters `start`..`end`: only those at the
    ends of a sentence can lie outside what _trim keeps."""
    first, last = 0, len(toks)
    while first < last and toks[first].idx < start:
        first += 1
    while last > first and toks[last - 1].idx >= end:
        last -= 1
    toks = toks[first:last]
    return [t for t in toks if not t.is_space] if any(map(_SPACE, toks)) else toks


def _carried(read: list[_Read | None]) -> list[tuple[str, str] | None]:
    """For each sentence of a quotation with no cue of its own, the source another
    sentence of the same quotation names ("'A. B,' he said": A is his too), or the
    sentence right after it ("'No!' he said."), or an earlier quotation of the paragraph."""
    named: dict[int, tuple[str, str]] = {}
    before: _Read | None = None
    for r in read:
        if r is not None and r.found is not None:
            if r.quotation is not None:
                named.setdefault(r.quotation, r.found)
            elif before is not None and before.quotation is not None:
                named.setdefault(before.quotation, r.found)  # "'No!' Ruiz replied."
        before = r
    # "'A,' said Ruiz. 'B.'": a later quotation of the paragraph that names no one is
    # the speaker's whom the quotation before it names
    last = None
    for q in sorted({r.quotation for r in read if r is not None and r.quotation is not None}):
        if q in named:
            last = named[q]
        elif last is not None:
            named[q] = last
    return [
        named.get(r.quotation)
        if r is not None and r.found is None and r.quotation is not None
        else None
        for r in read
    ]


class _Piece(NamedTuple):
    """A sentence: its tokens, and the characters of the paragraph they cover."""

    toks: list[Tok]
    start_char: int
    end_char: int


def _piece(toks: list[Tok], start: int, end: int) -> _Piece:
    last = toks[end - 1]
    return _Piece(toks[start:end], toks[start].idx, last.idx + len(last.text))


def _sentences(line: str, skip: int, quotes: list[Quotation]) -> list[_Piece]:
    """Sentences of one paragraph, split again at ";", from character `skip` on."""
    if not line[skip:].strip():
        return []
    toks = paragraph_tokens(line, quotes)
    pieces: list[_Piece] = []
    semicolons = ";" in line
    for first, end in _joined(words(line).sents, toks):
        start = first
        if semicolons:
            for tok in toks[first:end]:
                if tok.text == ";":
                    pieces.append(_piece(toks, start, tok.i + 1))
                    start = tok.i + 1
        if start < end:
            pieces.append(_piece(toks, start, end))
    return [p for p in pieces if p.end_char > skip]


def _joined(sents: Iterable[tuple[int, int]], toks: list[Tok]) -> list[tuple[int, int]]:
    """The sentencizer's sentences (first and end token), put back together where it
    cut after an abbreviation the tokenizer does not know ("Lt. Gov. Ana Ruiz", "Case
    No. 14-981")."""
    out: list[tuple[int, int]] = []
    for start, end in sents:
        if out and _cut_after_abbreviation(toks, out[-1][1], start):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _cut_after_abbreviation(toks: list[Tok], end: int, start: int) -> bool:
    if start < len(toks) and end > 2 and toks[end - 1].text in (")", "]"):
        end -= 1  # "(Ore.) have said": the bracket closes before the cut
    if end < 2 or start >= len(toks) or toks[end - 1].text != ".":
        return False
    word, nxt = toks[end - 2], toks[start]
    if word.whitespace_:
        return False
    if nxt.text in (")", "]"):
        return True  # "Sen. Ana Ruiz (Ore.) said": no sentence opens with a bracket
    short = word.text[:1].isupper() and word.text.isalpha() and len(word.text) <= 4
    if short and nxt.text[:1].islower():
        return True  # "the port in Salem, Ore. and the dock": an abbreviation, then more
    glued = word.text in ABBREVIATIONS
    return glued and (nxt.text[:1].isalpha() or (word.text == "No" and nxt.like_num))


def _trim(sentence: _Piece, text: str, skip: int) -> tuple[int, int, bool]:
    """Character range of the claim in its line: no dateline (`skip`), no leading quote
    marks or ellipsis, nothing after the final stop but a closing quote glued to it.

    Also says whether the sentence opens a quotation: the sentencizer leaves an opening
    quote mark at the end of the sentence before, so look there too. `text` is the
    paragraph: Doc.text would rebuild it on every call."""
    begin = max(sentence.start_char, skip)
    start, end = begin, sentence.end_char
    while start < end and (text[start] in OPENING_JUNK or text[start].isspace()):
        start += 1
    back = begin - 1
    while back >= 0 and text[back].isspace():
        back -= 1
    mark = back
    while mark > 0 and text[mark] in QUOTES and text[mark - 1] in QUOTES:
        mark -= 1  # a doubled mark: ''
    opened = any(ch in QUOTES for ch in text[begin:start]) or (
        back >= 0 and text[back] in QUOTES and (mark == 0 or text[mark - 1].isspace())
    )
    last_stop = end - 1  # from the end: the last stop is most often a character or two back
    while last_stop >= start and text[last_stop] not in TERMINAL:
        last_stop -= 1
    if last_stop >= start and text[start:end].rstrip()[-1:] not in ("", ";"):
        end = last_stop + 1
        while end < sentence.end_char and text[end] in QUOTES:
            end += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ";"):
        end -= 1
    if opened and end > start and text[end - 1] in QUOTES and text[end - 2] in TERMINAL:
        end -= 1
    return start, end, opened


def _claim(
    read: _Read, offset: int, state: Voice, carried: tuple[str, str] | None, going_on: bool
) -> Claim:
    claimant, ctype, cue = speaker(read.found, read.opened or going_on, state, carried)
    hedge_cue = _hedge(read.toks, read.words)
    kind = _kind(read.words, claimant, hedge_cue, state.own)
    return Claim(
        Span(offset + read.start, offset + read.end),
        claimant,
        ctype,
        cue,
        hedge_cue is not None,
        hedge_cue,
        kind,
    )


def _is_claim(toks: list[Tok], words: list[str], text: str) -> bool:
    """Not a question, an interjection ("Hooray!") or a greeting."""
    stripped = text.rstrip(QUOTES + " )")
    if stripped.endswith("?") or "?" in stripped[-3:]:
        return False
    alpha = 0  # counted up to 7: the tests below only tell 1, 2-3, 4-6 and more apart
    for t in toks:
        alpha += t.is_alpha
        if alpha > 6:
            break
    if alpha < 2 or (stripped.endswith("!") and alpha <= 3):
        return False
    if words[0] in GREETINGS and alpha <= 6:
        return False
    for a, b in QUESTION_OPENERS:
        if a not in words:
            continue
        for i in range(len(words) - 1):
            if (words[i], words[i + 1]) == (a, b) and (i == 0 or words[i - 1] == ","):
                return False
    return True


def _hedge(toks: list[Tok], words: list[str]) -> str | None:
    """The first uncertainty cue, in its uncertainty sense only."""
    if HEDGE_CUES.isdisjoint(words):
        return None
    for i, word in enumerate(words):
        if word not in HEDGE_CUES:
            continue
        if word in MODAL_HEDGES:
            nxt = words[i + 1] if i + 1 < len(words) else ""
            after = words[i + 2] if i + 2 < len(words) else ""
            if nxt in NEGATIONS or (nxt == "be" and after in NOT_UNCERTAIN_AFTER_BE):
                continue
            if word == "may" and i == 0 and toks[i].is_title:
                continue  # "May God have mercy": a wish
        if word == "alleged" and i > 0 and words[i - 1] not in ("the", "an", "a", "his", "her"):
            continue
        return toks[i].text
    return None


def _kind(words: list[str], claimant: str, hedge_cue: str | None, own: str) -> ClaimKind:
    if claimant != own:
        return "report"
    judged = not (FIRST_PERSON.isdisjoint(words) and OPINION_WORDS.isdisjoint(words))
    commented = own == "commenter" and hedge_cue is not None
    if judged or _has_pair(words, DEONTIC_PHRASES) or commented:
        return "opinion"
    if not FUTURE.isdisjoint(words) or _has_pair(words, FUTURE_PHRASES):
        return "forecast"
    return "assertion"


def _has_pair(words: list[str], phrases: frozenset[tuple[str, str]]) -> bool:
    """Whether two words in a row are one of `phrases`."""
    return any((w, words[i + 1]) in phrases for i, w in enumerate(words[:-1]) if w in _FIRSTS)


_FIRSTS = frozenset(pair[0] for pair in DEONTIC_PHRASES | FUTURE_PHRASES)
