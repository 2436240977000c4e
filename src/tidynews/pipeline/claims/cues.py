"""Rules 1-5: a reporting cue in the sentence and the X it names, both as written.

The first cue of the sentence that has a source wins (PolNeAR and the guidelines
both take the first cue): its subject before it ("X said", "X, a former negotiator,
has warned") or its inverted subject after it ("..., said X, the ..."). Cues inside
quotation marks are the quoted speaker's words, not an attribution, and are skipped.
Rules 6 and 7 (no cue in the sentence) and pronouns as X are claimants.py's.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from tidynews.pipeline.claims.lexicon import (
    APPOSITION_OPENERS,
    AUXILIARIES,
    BASE_FORM_CUES,
    BEFORE_A_BASE_FORM,
    CLAUSE_OPENERS,
    CLOSING_CUES,
    CUE_PARTICLES,
    CUE_VERBS,
    INVERTED_CUES,
    LEADING_LINKS,
    NEGATIONS,
    NOT_A_SUBJECT_START,
    NOT_AFTER_A_VERB,
    NOT_IN_A_SUBJECT,
    NOUN_LIKE_CUES,
    NOUN_PHRASE_OPENERS,
    PARTICIPLE_CUES,
    PERSONAL_PRONOUNS,
    PRONOUNS,
    PROPER_NAME_TAIL_RE,
    QUOTES,
    SINGULAR,
    SPEECH_CUES,
    STATEMENT_CUES,
    STATEMENTS,
)

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    from spacy.tokens import Token

_MAX_CLAIMANT_TOKENS = 12  # "according to X": a longer X is a clause, not a source
_MAX_SUBJECT_TOKENS = 10
_BOUNDARIES = frozenset({",", ";", ":", "—", "–", "(", ")", "--"})
_LINKS = frozenset({"of", "for", "and", "at", "with", "from", "in", "on", "to", "by", "or"})
_NAME_LINKS = frozenset({"of", "for", "the", "and", "de", "la", "van", "von", "on", "al"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_PROGRESSIVE = frozenset({"is", "are", "was", "were", "been", "be", "'s", "’s"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this", "my"})


def attribution(
    toks: list[Token], words: list[str], quoted: list[bool] | None = None
) -> tuple[str, str] | None:
    """(claimant as written, cue as written), the first cue with a source winning;
    `quoted` marks the tokens inside quotation marks (no cue is read there)."""
    outside = [not q for q in quoted] if quoted is not None else [True] * len(toks)
    headline = _is_headline(toks)
    for i in range(1, len(words) - 2):
        if words[i - 1] == "what" and words[i] not in PRONOUNS:
            for k in range(i + 1, min(i + 6, len(words))):
                if _is_cue(toks, words, k) and not _negated(words, k):
                    return _text(toks[i:k]), toks[k].text
    if words[:2] == ["according", "to"]:
        claimant = _noun_phrase(toks[2 : 3 + 2 * _MAX_CLAIMANT_TOKENS])
        if claimant:
            return claimant, _text(toks[:2])
    for k in range(len(words)):
        if not outside[k]:
            continue
        if (words[k], words[k + 1 : k + 2]) == ("according", ["to"]):
            claimant = _noun_phrase(toks[k + 2 : k + 3 + 2 * _MAX_CLAIMANT_TOKENS])
            if claimant:
                return claimant, _text(toks[k : k + 2])
        if _is_participle_cue(words, k) and (shared := _sentence_subject(toks)):
            return shared, toks[k].text  # "Ruiz wrote to voters on Monday, saying ..."
        if not _is_cue(toks, words, k, headline) or _negated(words, k):
            continue
        start = _cue_start(toks, words, k)
        subject = _subject_before(toks, words, k, outside)
        if not subject and start > 0 and words[start - 1] == "and" and words[k] in SPEECH_CUES:
            subject = _sentence_subject(toks)  # "The judge paused, and then said ..."
        if subject:
            return subject, _cue_text(toks, words, k, start)
        subject = _inverted_after(toks, words, k)
        if subject:
            return subject, _cue_text(toks, words, k, k)
    return _headline_source(toks, words)


def _is_participle_cue(words: list[str], k: int) -> bool:
    """ ", saying", ", telling", ", calling": the main clause's subject speaks."""
    word = words[k]
    return word.endswith("ing") and k > 1 and words[k - 1] == "," and word in PARTICIPLE_CUES


def _sentence_subject(toks: list[Token]) -> str | None:
    """The name or pronoun a sentence opens with, when a verb in lower case follows it."""
    if toks[0].lower_ in ("he", "she", "they"):
        return toks[0].text
    run: list[Token] = []
    for tok in toks:
        if (
            tok.text[:1].isupper()
            or (run and tok.lower_ in _NAME_LINKS)
            or tok.like_num
            or (run and tok.text in ("-", ".", "’s", "'s") and not tok.whitespace_)
        ):
            run.append(tok)
        else:
            break
    while run and run[-1].lower_ in _NAME_LINKS:
        run.pop()
    after = toks[len(run)] if len(run) < len(toks) else None
    if not run or after is None or not after.text.islower() or _length(run) > 6:
        return None
    if all(t.lower_ in _NAME_LINKS or t.lower_ in _DETERMINERS for t in run):
        return None
    if run[0].lower_ in NOT_A_SUBJECT_START or after.lower_ in NOT_IN_A_SUBJECT:
        return None
    return _name_of(_text(run))


def _cue_start(toks: list[Token], words: list[str], k: int) -> int:
    """Where the cue begins: its auxiliaries and adverbs ("has also said") are part of it."""
    j = k
    while j > 0 and (words[j - 1] in AUXILIARIES or _is_adverb(toks[j - 1])):
        j -= 1
    return j


def _cue_text(toks: list[Token], words: list[str], k: int, start: int) -> str:
    """The cue as written: with its auxiliaries, the particle that belongs to it
    ("called for"), "in a statement", or the colon that opens the quote ("said:")."""
    end = k + 1
    if end < len(words) and words[end] in CUE_PARTICLES.get(words[k], ()):
        end += 1
    elif words[end : end + 3] == ["in", "a", "statement"]:
        end += 3
    elif words[end : end + 1] == [":"]:
        end += 1
    return _text(toks[start:end])


def _is_headline(toks: list[Token]) -> bool:
    """Title case ("McCaul Announces Bill Revoking ..."): cues are capitalised too."""
    long = [t for t in toks[1:] if t.is_alpha and len(t.text) > 3]
    return len(long) >= 3 and all(t.text[:1].isupper() for t in long)


def _is_cue(toks: list[Token], words: list[str], k: int, headline: bool = False) -> bool:
    """A reporting verb, written in lower case ("States" in "United States" is not one)
    unless the sentence is a title-case headline, and not a noun ("the claims were",
    "a news report said"); "is calling" is a cue as "calls" is."""
    word = words[k]
    if word.endswith("ing") and k > 0 and words[k - 1] in _PROGRESSIVE:
        word = _base_of(word)
    initial = k == 0 and word in INVERTED_CUES and toks[k].is_title  # "Said Ana Ruiz, ..."
    if (word not in CUE_VERBS and word not in CLOSING_CUES) or not (
        toks[k].text.islower() or (headline and k > 0) or initial
    ):
        return False
    before = words[k - 1] if k > 0 else ""
    if before in ("-", "–") and not toks[k - 1].whitespace_:
        return False  # "Iranian-backed": a compound adjective
    after = words[k + 1] if k + 1 < len(words) else "."
    if word in BASE_FORM_CUES and before in ("can", "could", "may", "might"):
        return False  # "so that organisations can respond": ability, not a report
    if word in STATEMENT_CUES and not set(words[k + 1 : k + 4]) & STATEMENTS:
        return False  # "issued a statement", not "issued permits"
    if word in CLOSING_CUES and after not in (".", ",", ":", "!"):
        return False
    if word in NOUN_LIKE_CUES:
        by_a_name = after in (".", ",", ":") and (
            before in PERSONAL_PRONOUNS or (k > 0 and toks[k - 1].text[:1].isupper())
        )
        if (after in NOT_AFTER_A_VERB and not by_a_name) or before in _DETERMINERS:
            return False
        if word in BASE_FORM_CUES and not (before in BEFORE_A_BASE_FORM or before.endswith("s")):
            return False
    return True


def _base_of(word: str) -> str:
    """ "calling" -> "call", "saying" -> "say", "arguing" -> "argue" (whichever is a cue)."""
    stem = word[:-3]
    for base in (stem, stem + "e", stem[:-1]):
        if base in BASE_FORM_CUES:
            return base
    return word


def _chunks(toks: list[Token], end: int, outside: list[bool]) -> list[list[Token]]:
    """The tokens before `end`, cut at commas, dashes, brackets and quotations."""
    chunks: list[list[Token]] = [[]]
    for i in range(end):
        if toks[i].text in _BOUNDARIES or not outside[i] or _is_quote(toks[i]):
            if chunks[-1]:
                chunks.append([])
            continue
        chunks[-1].append(toks[i])
    return chunks


def _subject_before(toks: list[Token], words: list[str], k: int, outside: list[bool]) -> str | None:
    """ "X said", "X has also said", "X, a former negotiator, said": X before the cue."""
    j = _cue_start(toks, words, k)
    if j > 1 and toks[j - 1].text == ")":  # "Rep. Ana Ruiz (D-N.Y.) said": skip the bracket
        opening = next((i for i in range(j - 2, -1, -1) if toks[i].text == "("), None)
        if opening:
            toks = toks[:opening] + toks[j:]
            words = words[:opening] + words[j:]
            outside = outside[:opening] + outside[j:]
            k, j = k - (j - opening), opening
    if any(w in _PASSIVE for w in words[j:k]) and not words[k].endswith("ing"):
        return None  # "Al-Muteiri was confirmed as a passenger": passive, no source
    if j == 0:
        return None
    chunks = [c for c in _chunks(toks, j, outside) if c]
    right_after_boundary = toks[j - 1].text in _BOUNDARIES or _is_quote(toks[j - 1])
    if right_after_boundary and toks[j - 1].text == ",":
        for i in range(len(chunks) - 2, -1, -1):
            opener = chunks[i + 1][0]
            appositive = (
                opener.lower_ in APPOSITION_OPENERS or opener.text.islower() or opener.like_num
            )
            name = chunks[i][1:] if chunks[i][0].lower_ in LEADING_LINKS else chunks[i]
            if not name:
                continue
            described = name[0].lower_ in ("the", "a", "an") and _length(name) <= 4
            if appositive and (_is_name(name) or (described and _plausible_subject(name, ""))):
                return _name_of(_text(name))  # "And America Rising, a PAC, called"
    if (
        right_after_boundary
        and toks[j - 1].text == ","
        and len(chunks) > 1
        and _is_name(chunks[-1])
        and not _is_name(chunks[-2])
    ):
        return _name_of(_text(chunks[-1]))  # "Clinton's opponent, Sen. Bernie Sanders, said"
    if right_after_boundary or not chunks:
        return None
    subject = chunks[-1]
    if subject[-1].lower_ in ("who", "that", "which"):  # "leaders who say", "a note that said"
        before_who = subject[:-1] or (chunks[-2] if len(chunks) > 1 else [])
        subject = before_who[-_MAX_SUBJECT_TOKENS:] if before_who else subject
    cut = max((i for i, t in enumerate(subject) if t.lower_ in CLAUSE_OPENERS), default=-1)
    if 0 <= cut < len(subject) - 1:
        subject = subject[cut + 1 :]  # "She had a great line when she said"
    while len(subject) > 1 and subject[0].lower_ in LEADING_LINKS:
        subject = subject[1:]  # "But Cox says", "as Clyburn noted"
    if _length(subject) > _MAX_SUBJECT_TOKENS or not _plausible_subject(subject, words[k]):
        return None
    return _name_of(_text(subject))


def _inverted_after(toks: list[Token], words: list[str], k: int) -> str | None:
    """ "..., said X." and "...," said X, the ...": the cue opens its chunk."""
    if words[k] not in INVERTED_CUES:
        return None
    if k > 0 and toks[k - 1].text != "," and not _is_quote(toks[k - 1]):
        return None
    phrase: list[Token] = []
    for tok in toks[k + 1 :]:
        if tok.text in _BOUNDARIES or tok.text in (".", "!", "?") or _is_quote(tok):
            break
        phrase.append(tok)
    if not phrase or _length(phrase) > _MAX_SUBJECT_TOKENS or not _plausible_subject(phrase, ""):
        return None
    titled = any(t.text[:1].isupper() for t in phrase[1:])  # "said pollster Ana Ruiz"
    if not (phrase[0].text[:1].isupper() or phrase[0].lower_ in NOUN_PHRASE_OPENERS or titled):
        return None
    return _name_of(_text(phrase))


def _headline_source(toks: list[Token], words: list[str]) -> tuple[str, str] | None:
    """ "Bernie Sanders: 'Of course' ...": a name, a colon, what the name said."""
    colon = next((i for i, w in enumerate(words[:6]) if w == ":"), None)
    if colon is None or colon == 0 or colon + 2 >= len(words):
        return None
    name = toks[:colon]
    said = [t for t in toks[colon + 1 :] if t.is_alpha]
    if _is_name(name) and (_is_quote(toks[colon + 1]) or len(said) >= 4):
        return _text(name), ":"
    return None


def _is_name(chunk: list[Token]) -> bool:
    """A capitalised noun phrase of a few words: a name, an organisation, a title and name."""
    if chunk and chunk[0].like_num and len(chunk) > 1:
        chunk = [t for t in chunk if t.text[:1].isupper()]  # "81-year-old Parker Eaton"
    if not chunk or len(chunk) > 6 or not chunk[0].text[:1].isupper():
        return False
    if chunk[0].lower_ in NOT_A_SUBJECT_START or chunk[0].lower_ in PERSONAL_PRONOUNS:
        return False
    return all(t.text[:1].isupper() or t.lower_ in _NAME_LINKS or not t.is_alpha for t in chunk)


def _is_past(tok: Token) -> bool:
    return tok.text.islower() and tok.text.endswith("ed")


def _length(chunk: list[Token]) -> int:
    """Words in a noun phrase: "al-Masdar" is one."""
    return sum(1 for t in chunk if not t.is_punct)


def _is_adverb(tok: Token) -> bool:
    return tok.text.islower() and tok.text.endswith("ly") and len(tok.text) > 3


def _is_quote(tok: Token) -> bool:
    """A quote mark, including the doubled ones of older news styles (`` and '')."""
    return bool(tok.text) and all(ch in QUOTES for ch in tok.text)


def _plausible_subject(subject: list[Token], verb: str) -> bool:
    """A noun phrase, not a clause: no copula, clause word or object pronoun inside, not
    opening with a conjunction or preposition, a pronoun alone, a capital, a determiner
    or a plural ("officials") in front."""
    lowered = [t.lower_ for t in subject]
    if any(w in NOT_IN_A_SUBJECT for w in lowered) or lowered[0] in NOT_A_SUBJECT_START:
        return False
    if lowered[0] in PERSONAL_PRONOUNS:
        if len(lowered) > 1 or (lowered[0] == "it" and verb not in INVERTED_CUES):
            return False  # "it said" is an organisation speaking; "it seems" is no one
    elif not (
        subject[0].text[:1].isupper()
        or subject[0].like_num
        or lowered[0] in NOUN_PHRASE_OPENERS
        or (len(subject) <= 3 and lowered[-1].endswith("s"))
    ):
        return False
    if lowered[-1] in _DETERMINERS or lowered[-1] in NOT_A_SUBJECT_START:
        return False
    if lowered[0].endswith("ing") and len(lowered[0]) > 5:
        return False  # "Speaking on radio show ...": a participle, not a noun phrase
    if len(subject) > 1 and subject[0].text[:1].isupper() and _is_past(subject[1]):
        return False  # "Christie unleashed withering attacks": a clause
    for a, b in pairwise(subject):
        determiner = b.lower_ in ("a", "an", "the") or (b.like_num and _is_past(a))
        if a.text.islower() and determiner and a.lower_ not in _LINKS:
            return False  # "Barden now helps lead a program": a verb and its object
    return not (verb in BASE_FORM_CUES and lowered[-1] in SINGULAR)


def _noun_phrase(toks: list[Token]) -> str | None:
    """The noun phrase a list of tokens starts with: up to a comma, clause word or stop;
    None when it runs past _MAX_CLAIMANT_TOKENS (callers pass no more tokens than that
    and one: a sentence repeating "according to" read to its end from each one)."""
    out = []
    for tok in toks:
        if tok.text in (",", ".", ";", ":", "(") or tok.lower_ in ("who", "which", "that"):
            break
        out.append(tok)
    return _name_of(_text(out)) if out and _length(out) <= _MAX_CLAIMANT_TOKENS else None


def _name_of(phrase: str) -> str:
    """ "the pro-government blog al-Masdar News" -> "al-Masdar News": a described name."""
    phrase = phrase.strip(QUOTES + " ,")
    match = PROPER_NAME_TAIL_RE.search(phrase)
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
    return any(w in NEGATIONS for w in words[max(0, k - 2) : k])
