"""Who a reporting cue names: the noun phrase before it ("X said", "X, a former
negotiator, has warned") or the one after it ("..., said X, the ..."), read from
tokens alone (no parser, no model weights); the sentence's opening subject, which
later cues share, is opening.py's.
"""

from __future__ import annotations

import re
from itertools import pairwise

from tidynews.pipeline.claims.lexicon import (
    ABBREVIATIONS,
    APPOSITION_OPENERS,
    AUXILIARIES,
    BASE_FORM_CUES,
    CATENATIVES,
    CLAUSE_OPENERS,
    COLLECTIVE_SOURCES,
    CUE_VERBS,
    INVERTED_CUES,
    IRREGULAR_PASTS,
    LEADING_LINKS,
    NOT_A_SUBJECT_START,
    NOT_IN_A_SUBJECT,
    NOUN_PHRASE_OPENERS,
    PERSONAL_PRONOUNS,
    QUOTES,
    SINGULAR,
    STANCE_ADJECTIVES,
    TIME_WORDS,
)
from tidynews.pipeline.claims.names import (
    DETERMINERS,
    is_adverb,
    is_name,
    is_past,
    is_quote,
    length,
    name_of,
    text_of,
)
from tidynews.pipeline.claims.toks import Tok
from tidynews.pipeline.nlp import STOP_WORDS

_MAX_SUBJECT_TOKENS = 16
_BOUNDARIES = frozenset({",", ";", ":", "—", "–", "(", ")", "--"})
_DASHES = frozenset({"—", "–", "--"})
_LINKS = frozenset({"of", "for", "and", "at", "with", "from", "in", "on", "to", "by", "or"})
# "Sen. Ana Ruiz, D-N.Y., said": a party and state between commas
_PARTY_TAG_RE = re.compile(r"^[DRI]-[A-Z][A-Za-z.]*$")
# Determiners NOT_IN_A_SUBJECT lists as pronouns: "her advisers", "that person".
_DEMONSTRATIVES = frozenset({"her", "that", "this", "these", "those"})
_QUANTIFIER_ADVERBS = frozenset({"just", "only", "about", "nearly", "almost", "roughly", "some"})
_PARTS_OF_TIME = frozenset({"today", "yesterday"})
_TIME_OPENERS = frozenset({"on", "last", "this", "earlier", "late", "early", "next"})
_OBJECTS = frozenset({"him", "her", "them", "us"})
_AROUND = frozenset({"of", "around", "to", "near", "with", "behind", "for"})
_CLAUSE_WORDS = frozenset({"who", "that", "which", "whose"})
_WHO = frozenset({"who", "whose"})
_MODIFIERS = frozenset({"close", "like", "such", "including", "across", "among"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})


def cue_start(toks: list[Tok], words: list[str], k: int) -> int:
    """Where the cue begins: its auxiliaries and adverbs ("has also said") are part of it."""
    j = k
    while j > 0:
        if (words[j - 1] in AUXILIARIES and toks[j - 1].text.islower()) or is_adverb(toks[j - 1]):
            j -= 1  # a capital is a name: "..., Will wrote"
        elif words[j - 1] == "to" and j > 1 and words[j - 2] in CATENATIVES:
            j -= 2  # "went on to criticize", "continues to insist"
            while j > 0 and words[j - 1] in CATENATIVES and toks[j - 1].text.islower():
                j -= 1
        elif j > 1 and _a_time(toks, j - 1):
            j -= 1  # "Ruiz on Sunday tweeted", "Ruiz last week said", "on Monday night"
            while j > 0 and (words[j - 1] in _TIME_OPENERS or _a_time(toks, j - 1)):
                j -= 1
        elif words[j - 1] == "," and (aside := _aside(toks, words, j - 1)) is not None:
            j = aside  # "have, in fact, praised": an aside after the auxiliary
        else:
            return j
    return j


def _aside(toks: list[Tok], words: list[str], close: int) -> int | None:
    """Where an aside of one to three words in lower case between commas opens, when an
    auxiliary comes right before it ("has, however, said")."""
    opening = next((i for i in range(close - 1, max(close - 5, 0), -1) if words[i] == ","), None)
    if opening is None or opening == close - 1 or opening == 0:
        return None
    aside = toks[opening + 1 : close]
    if not all(t.is_alpha and t.text.islower() for t in aside):
        return None
    before = opening - 1
    return opening if words[before] in AUXILIARIES and toks[before].text.islower() else None


def _a_time(toks: list[Tok], i: int) -> bool:
    """A weekday (capitalised) or a part of a day or calendar (in lower case)."""
    word = toks[i].lower_
    weekday = word.endswith("day") and word not in _PARTS_OF_TIME
    return word in TIME_WORDS and toks[i].text[:1].isupper() == weekday


def _chunks(toks: list[Tok], end: int, outside: list[bool]) -> list[list[Tok]]:
    """The tokens before `end`, cut at commas, dashes, brackets and quotations."""
    chunks: list[list[Tok]] = [[]]
    for i in range(end):
        text = toks[i].text
        possessive = text in ("'", "’") and i > 0 and toks[i - 1].text.endswith("s")
        if possessive and not toks[i - 1].whitespace_:
            chunks[-1].append(toks[i])  # "Sanders' team": a possessive, not a quote mark
            continue
        if text in _BOUNDARIES or not outside[i] or not text.strip(QUOTES):  # a quote mark
            if chunks[-1]:
                chunks.append([])
            continue
        chunks[-1].append(toks[i])
    return chunks


def subject_before(toks: list[Tok], words: list[str], k: int, outside: list[bool]) -> str | None:
    """ "X said", "X has also said", "X, a former negotiator, said": X before the cue."""
    j = cue_start(toks, words, k)
    if j > 1 and toks[j - 1].text == ")":  # "Rep. Ana Ruiz (D-N.Y.) said": skip the bracket
        opening = next((i for i in range(j - 2, -1, -1) if toks[i].text == "("), None)
        if opening:
            toks = toks[:opening] + toks[j:]
            words = words[:opening] + words[j:]
            outside = outside[:opening] + outside[j:]
            k, j = k - (j - opening), opening
    stance = words[k] in STANCE_ADJECTIVES  # "are worried that": no passive
    if any(w in _PASSIVE for w in words[j:k]) and not words[k].endswith("ing") and not stance:
        return _agent(toks, words, k)  # "was first reported by X"; else passive, no source
    if j == 0:
        return None
    pronoun = words[j - 1] in ("he", "she", "they") and toks[j - 1].text.islower()
    if pronoun and (j < 2 or words[j - 2] != "what"):  # "on what he said was": no source
        return toks[j - 1].text  # "the president she hopes to succeed": she, whatever before
    chunks = [c for c in _chunks(toks, j, outside) if c]
    right_after_boundary = toks[j - 1].text in _BOUNDARIES or is_quote(toks[j - 1])
    dashed = toks[j - 1].text in _DASHES  # "Ana Ruiz — Omar Diaz's chief of staff — said"
    if right_after_boundary and (toks[j - 1].text == "," or dashed):
        for i in range(len(chunks) - 2, -1, -1):
            opener = chunks[i + 1][0]
            appositive = dashed or (
                opener.lower_ in APPOSITION_OPENERS or opener.text.islower() or opener.like_num
            )
            name = chunks[i][1:] if chunks[i][0].lower_ in LEADING_LINKS else chunks[i]
            if not name:
                continue
            described = name[0].lower_ in ("the", "a", "an") and length(name) <= 4
            # "Officials in Ohio, for example, say", "Economists, like their rivals, say"
            head = next((i for i, t in enumerate(name) if t.lower_ in _LINKS), len(name))
            plural = head > 0 and name[head - 1].lower_.endswith("s") and length(name) <= 6
            plausible = (described or plural) and _plausible_subject(name, "")
            # "Former House speaker Ana Ruiz, a party ally, said": a role before a name
            if appositive and (is_name(name) or plausible or _titled_name(name)):
                return name_of(text_of(name))  # "And America Rising, a PAC, called"
    if (
        right_after_boundary
        and toks[j - 1].text == ","
        and len(chunks) > 1
        and is_name(chunks[-1])
        and (not is_name(chunks[-2]) or any(t.lower_ in ("'s", "’s") for t in chunks[-2]))
    ):
        return name_of(text_of(chunks[-1]))  # "Clinton's opponent, Sen. Bernie Sanders, said"
    if right_after_boundary and toks[j - 1].text == "," and len(chunks) > 1:
        name = chunks[-2][1:] if chunks[-2][0].lower_ in LEADING_LINKS else chunks[-2]
        described = bool(_PARTY_TAG_RE.match(text_of(chunks[-1]))) or (
            not is_name(chunks[-1]) and any(t.text.islower() for t in chunks[-1])
        )
        # "Ana Ruiz, Republican of Salem, said": two names, the first a person's
        described = described or (is_name(chunks[-1]) and length(name) > 1 and len(chunks) <= 3)
        if name and is_name(name) and described and length(chunks[-1]) <= _MAX_SUBJECT_TOKENS:
            return name_of(text_of(name))  # "Ana Ruiz, Smith's chief of staff, said"
    if right_after_boundary and toks[j - 1].text == "," and (first := _opening(chunks, toks)):
        return first  # "One resident, who lives by the pier, said"
    if right_after_boundary or not chunks:
        return None
    subject = chunks[-1]
    while len(subject) > 1 and subject[0].is_punct:
        subject = subject[1:]  # "LONDON (Reuters) - Ana Ruiz said"
    if subject[-1].lower_ in _CLAUSE_WORDS:  # "leaders who say", "a note that said"
        before_who = subject[:-1] or (chunks[-2] if len(chunks) > 1 else [])
        subject = _tail_phrase(before_who) if before_who else subject
    elif (who := next((i for i, t in enumerate(subject) if t.lower_ in _WHO), 0)) > 0:
        subject = subject[:who]  # "Democrats in Iowa who watched the debate said"
    whole = subject
    cut = max((i for i, t in enumerate(subject) if t.lower_ in CLAUSE_OPENERS), default=-1)
    if cut == 0 and subject[0].lower_ in _DEMONSTRATIVES:
        cut = -1  # "That person said": a determiner, not a clause
    if 0 <= cut < len(subject) - 1:
        subject = subject[cut + 1 :]  # "She had a great line when she said"
    while len(subject) > 1 and subject[0].lower_ in LEADING_LINKS:
        subject = subject[1:]  # "But Cox says", "as Clyburn noted"
    counted = subject
    while (
        len(counted) > 2
        and counted[0].lower_ in _QUANTIFIER_ADVERBS
        and any(t.like_num for t in counted[1:3])
    ):
        counted = counted[1:]  # "just 8 percent of Democrats said", "only about 4 in 10 ..."
    # the first word of the cue agrees with the subject: "he continues to insist"
    # "it also said": an organisation speaks when the cue itself is a speech verb
    verb = words[k] if words[j - 1 : j] == ["it"] else words[j]
    if j == k and _bare_role(chunks[-1], words[k]):
        return chunks[-1][-1].text  # a headline's "..., analyst says", "But expert says"
    if length(subject) > _MAX_SUBJECT_TOKENS or not _plausible_subject(counted, verb):
        return text_of(whole) if _modified_noun(whole) else None
    return name_of(text_of(subject))


def _opening(chunks: list[list[Tok]], toks: list[Tok]) -> str | None:
    """The noun phrase a sentence opens with, when an apposition or a relative clause
    follows it up to the cue: "The employee of four years, a nurse who spoke on condition
    of anonymity, said", "Rep. Ana Ruiz of New Mexico, a port ally, said"."""
    if len(chunks) < 2 or chunks[0][0].i != toks[0].i:
        return None
    if chunks[1][0].lower_ not in APPOSITION_OPENERS:
        return None
    name = chunks[0][1:] if chunks[0][0].lower_ in LEADING_LINKS else chunks[0]
    if not name or length(name) > _MAX_SUBJECT_TOKENS or any(_verb(t) for t in name[1:]):
        return None  # "Prices rose last year, a sign of trouble, said Ruiz": a clause
    return name_of(text_of(name)) if _plausible_subject(name, "") else None


def _verb(tok: Tok) -> bool:
    return _finite(tok) or tok.lower_ in IRREGULAR_PASTS


def _bare_role(chunk: list[Tok], cue: str) -> bool:
    """ "Tariffs will rise, analyst says", "But expert says ...": headlines name a source
    by a bare singular noun, alone between a boundary and a present-tense cue. A word
    in -ing is a participle there ("..., raising fears that"), not a source."""
    while len(chunk) > 1 and chunk[0].lower_ in LEADING_LINKS:
        chunk = chunk[1:]
    if len(chunk) != 1 or not cue.endswith("s") or cue not in CUE_VERBS:
        return False
    word = chunk[0]
    return (
        word.is_alpha
        and word.text.islower()
        and len(word.text) > 3
        and (word.lower_ not in STOP_WORDS and not _verb(word))
        and not (word.lower_.endswith("ing") and len(word.text) > 5)  # "king says" stays
    )


def _modified_noun(phrase: list[Tok]) -> bool:
    """ "The number that caught the eyes of analysts", "Several people I've spoken with":
    a noun phrase with a clause after its head, which the cuts above took apart."""
    while phrase and phrase[0].lower_ in LEADING_LINKS:
        phrase = phrase[1:]
    if len(phrase) < 3 or length(phrase) > _MAX_SUBJECT_TOKENS:
        return False
    first = phrase[0]
    if first.lower_ in PERSONAL_PRONOUNS or not (
        first.lower_ in NOUN_PHRASE_OPENERS or first.text[:1].isupper()
    ):
        return False
    clause = next((i for i, t in enumerate(phrase) if t.lower_ in _CLAUSE_WORDS), 0)
    head = phrase[:clause]
    if clause < 2 or any(t.lower_ in CLAUSE_OPENERS or _finite(t) for t in head):
        return False
    return not any(t.text[:1].isupper() for t in head[1:]) or is_name(head[1:])


def _finite(tok: Tok) -> bool:
    return tok.lower_ in _PASSIVE or tok.lower_ in AUXILIARIES or is_past(tok)


def _tail_phrase(toks: list[Tok]) -> list[Tok]:
    """The noun phrase a clause ends with, which a relative "who" stands for: "the loss
    was steep for Mr. Sanders" -> "Mr. Sanders", "... came from a young child" -> "a young
    child"."""
    start = len(toks)
    while start > 0:
        tok = toks[start - 1]
        if tok.lower_ in _LINKS or tok.lower_ in _PASSIVE or is_past(tok):
            break
        start -= 1
        if tok.lower_ in DETERMINERS or len(toks) - start >= _MAX_SUBJECT_TOKENS:
            break
    return toks[start:] or toks[-_MAX_SUBJECT_TOKENS:]


def _agent(toks: list[Tok], words: list[str], k: int) -> str | None:
    """The agent of a passive cue: "was first reported by the Herald" -> "the Herald"."""
    by = next((i for i in range(k + 1, min(k + 4, len(words))) if words[i] == "by"), None)
    if by is None:
        return None
    phrase: list[Tok] = []
    for tok in toks[by + 1 :]:
        if tok.text in _BOUNDARIES or tok.is_punct or tok.lower_ in _CLAUSE_WORDS:
            break
        phrase.append(tok)
    if not phrase or length(phrase) > 6 or not _plausible_subject(phrase, ""):
        return None
    return name_of(text_of(phrase))


def inverted_after(toks: list[Tok], words: list[str], k: int) -> str | None:
    """ "..., said X." and "...," said X, the ...": the cue opens its chunk; after a
    closing quote mark any cue may come first ("...," mused Ana Ruiz)."""
    after_a_quote = k > 0 and is_quote(toks[k - 1]) and words[k] in CUE_VERBS
    if words[k] not in INVERTED_CUES and not after_a_quote:
        return None
    if k > 0 and toks[k - 1].text != "," and not is_quote(toks[k - 1]):
        return None
    phrase: list[Tok] = []
    for tok in toks[k + 1 :]:
        if tok.text == "." and phrase and phrase[-1].text in ABBREVIATIONS:
            phrase.append(tok)  # "said Lt. Wes Altom": a title's stop, split off its title
            continue
        if tok.text in _BOUNDARIES or tok.text in (".", "!", "?") or is_quote(tok):
            break
        if phrase and tok.lower_ in _CLAUSE_WORDS:
            break  # "said a member who supports Trump": the member
        phrase.append(tok)
    if length(phrase) > _MAX_SUBJECT_TOKENS:  # "... concluded a 2013 study in the journal X"
        cut = next((i for i, t in enumerate(phrase) if i > 1 and t.lower_ in _LINKS), 0)
        phrase = phrase[:cut]
    if not phrase or length(phrase) > _MAX_SUBJECT_TOKENS or not _plausible_subject(phrase, ""):
        return None
    titled = any(t.text[:1].isupper() for t in phrase[1:])  # "said pollster Ana Ruiz"
    if not (phrase[0].text[:1].isupper() or phrase[0].lower_ in NOUN_PHRASE_OPENERS or titled):
        return None
    return name_of(text_of(phrase))


def _plausible_subject(subject: list[Tok], verb: str) -> bool:
    """A noun phrase, not a clause: no copula, clause word or object pronoun inside, not
    opening with a conjunction or preposition, a pronoun alone, a capital, a determiner
    or a plural ("officials") in front."""
    lowered = [t.lower_ for t in subject]
    inside = [
        w
        for i, w in enumerate(lowered)
        if not (
            w in _DEMONSTRATIVES and i < len(lowered) - 1 and (i == 0 or lowered[i - 1] in _LINKS)
        )
        and not (i > 0 and w in _OBJECTS and lowered[i - 1] in _AROUND)  # "most of them"
    ]  # "her advisers", "a majority of her backers", "those around him"
    if any(w in NOT_IN_A_SUBJECT for w in inside) or lowered[0] in NOT_A_SUBJECT_START:
        return False
    if any(w in ("has", "have", "had") for w in lowered[1:]):
        return False  # "The board has made veiled references": a clause
    if lowered[0] in PERSONAL_PRONOUNS:
        if len(lowered) > 1:
            return False  # "it said" is an organisation speaking; "it seems" is no one
    elif not (
        subject[0].text[:1].isupper()
        or subject[0].like_num
        or lowered[0] in NOUN_PHRASE_OPENERS
        or lowered[0] in _DEMONSTRATIVES
        or _plural_head(subject)
        or _titled_name(subject)
        or (length(subject) <= 3 and lowered[-1] in COLLECTIVE_SOURCES)  # "riot police"
        or (verb in BASE_FORM_CUES and _plural_head(subject[: _head(lowered)]))
    ):
        return False
    if lowered[-1] in DETERMINERS or lowered[-1] in NOT_A_SUBJECT_START:
        return False
    participle = lowered[0].endswith("ing") and len(lowered[0]) > 5
    followed = len(subject) > 1 and subject[1].text.islower()
    modified = length(subject) <= 3 and _plural_head(subject)  # "polling firms say"
    if participle and (subject[0].text.islower() or followed) and not modified:
        return False  # "Speaking on radio show ...": a participle ("Schilling": a name)
    modifier = len(subject) > 2 and subject[2].lower_ in _LINKS  # "People briefed on the move"
    if len(subject) > 1 and subject[0].text[:1].isupper() and is_past(subject[1]) and not modifier:
        return False  # "Christie unleashed withering attacks": a clause
    for a, b in pairwise(subject):
        determiner = b.lower_ in ("a", "an", "the") or (b.like_num and is_past(a))
        if a.text.islower() and determiner and a.lower_ not in _LINKS:
            return False  # "Barden now helps lead a program": a verb and its object
    return not (verb in BASE_FORM_CUES and lowered[-1] in SINGULAR)


def _titled_name(subject: list[Tok]) -> bool:
    """ "spokeswoman Ana Ruiz", "super PAC adviser Omar Diaz": a role in lower case
    before a name, no verb among them."""
    words = [t for t in subject if not t.is_punct]  # "Ana Diaz-Ruiz": one name
    if len(words) > 6 or len(words) < 2 or not words[-1].text[:1].isupper():
        return False
    # "retired general Ana Ruiz": a past participle in front is an adjective
    return words[-2].text[:1].isupper() and not any(is_past(t) for t in subject[1:])


def _head(lowered: list[str]) -> int:
    """Where a noun phrase's head ends: before its first link or modifier ("sources
    close to her", "organizers in Ohio")."""
    return next(
        (i for i, w in enumerate(lowered) if i and (w in _LINKS or w in _MODIFIERS)), 0
    ) or len(lowered)


def _plural_head(subject: list[Tok]) -> bool:
    """ "officials", "attorneys and legal experts": a few lower-case words ending in a
    plural noun, none of them a past tense ("protesters marched")."""
    last = subject[-1].lower_
    plural = last.endswith("s") and not last.endswith(("ss", "'s", "’s", "us")) and len(last) > 3
    return plural and length(subject) <= 5 and not any(is_past(t) for t in subject)
