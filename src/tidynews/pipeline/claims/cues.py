"""Rules 1-5: a reporting cue in the sentence and the X it names, both as written.

The first cue of the sentence that has a source wins (PolNeAR and the guidelines
both take the first cue): its subject before it ("X said", "X, a former negotiator,
has warned") or its inverted subject after it ("..., said X, the ..."). Cues inside
quotation marks are the quoted speaker's words, not an attribution, and are skipped.
Reading X off the tokens around a cue is subjects.py's; sources with no reporting
verb ("according to X", a headline's "X: ...") are verbless.py's; rules 6 and 7 (no
cue in the sentence) and pronouns as X are claimants.py's.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import compress

from tidynews.pipeline.claims.lexicon import (
    BASE_FORM_CUES,
    BEFORE_A_BASE_FORM,
    CLOSING_CUES,
    CUE_PARTICLES,
    CUE_VERBS,
    DOCUMENTS,
    EXPRESSION_CUES,
    EXPRESSION_PARTICLES,
    INVERTED_CUES,
    NEEDS_A_PARTICLE,
    NEGATIONS,
    NOT_AFTER_A_VERB,
    NOT_ANSWERED,
    NOUN_LIKE_CUES,
    PARTICIPLE_CUES,
    PERSONAL_PRONOUNS,
    PRONOUNS,
    RELEASES,
    SPEAKER_OR_ADDRESSEE,
    STANCE_ADJECTIVES,
    STANCE_PARTICLES,
    STATEMENT_CUES,
    STATEMENTS,
    TIME_WORDS,
)
from tidynews.pipeline.claims.names import (
    DETERMINERS,
    is_adverb,
    is_name,
    name_of,
    text_of,
)
from tidynews.pipeline.claims.opening import sentence_subject
from tidynews.pipeline.claims.subjects import cue_start, inverted_after, subject_before
from tidynews.pipeline.claims.toks import Tok
from tidynews.pipeline.claims.verbless import (
    MAX_CLAIMANT_TOKENS,
    closing_according_to,
    colon_quote,
    headline_source,
    in_a_document,
    noun_phrase,
)
from tidynews.pipeline.nlp import word_set

# Words title case may leave in lower case: "Ruiz Blasts Board for Its Vote, Turns from Port"
_SMALL = frozenset({"from", "with", "into", "over", "than", "that", "about", "after", "upon"})
_BEFORE_A_PARTICIPLE = frozenset(
    {",", "—", "–", "-", "--", "by", "while", "after", "before", "when", "in", "without", "upon"}
)
_TIME_OPENERS = frozenset({"on", "last", "this", "earlier", "late", "early", "next"})
# What opens the clause after "that" when it is a clause, not a noun phrase
_CLAUSE_SUBJECTS = word_set(
    "he she they it we i you the a an there his her their its this these some most many no if in"
)
_COPULAS = frozenset({"is", "are", "was", "were", "remain", "remains", "remained", "'re", "’re"})
_PHRASE_ENDS = frozenset({",", ";", ":", "(", "—", "–", "that", "who", "which", "and", "but"})
_HEAD_LINKS = frozenset({"in", "of", "from", "at", "on", "under", "with", "for", "across", "like"})
_PLURAL_WORDS = frozenset({"data", "people", "most", "many", "some", "both", "few", "men", "women"})
# Not the source after "what" ("what he said"). Here and below: sets made once, not
# tuples unpacked per word (mypyc cannot compile `x in (*a, *b)`).
_NO_WHAT_SOURCE = PRONOUNS | SPEAKER_OR_ADDRESSEE
_MAKE = frozenset({"made", "make", "makes", "making"})
_RELATIVES = frozenset({"that", "which"})
_PROGRESSIVE = frozenset({"is", "are", "was", "were", "been", "be", "'s", "’s"})
_OF_OR_PROGRESSIVE = _PROGRESSIVE | {"of"}  # "voters of", "has been": not a qualifier
# Every word _cues may read as a cue but a past tense before "that" and a progressive's
# "-ing" (_may_be_cue): what _is_cue, _is_participle_cue and "according to" look for.
_MAY_BE_CUES = (
    CUE_VERBS | CLOSING_CUES | PARTICIPLE_CUES | STANCE_ADJECTIVES | _MAKE | {"according"}
)


def attribution(
    toks: list[Tok], words: list[str], outside: list[bool] | None = None
) -> tuple[str, str] | None:
    """(claimant as written, cue as written), the first cue with a source winning;
    `outside` marks the tokens outside quotation marks (no cue is read inside)."""
    outside = outside if outside is not None else [True] * len(toks)
    found = _first_cue(toks, words, outside)
    if found is not None and found[1].lower() != "according to":
        # "X said ..., according to Y": Y is who reports that X said it
        return closing_according_to(toks, words, outside) or found
    return found


def _first_cue(toks: list[Tok], words: list[str], outside: list[bool]) -> tuple[str, str] | None:
    """The first cue of the sentence that has a source (rules 1-4), passing over the
    ones whose source is I, we or you: "I want to wait,” he said" is his."""
    third = (c for c in _cues(toks, words, outside) if c[0].lower() not in SPEAKER_OR_ADDRESSEE)
    return next(third, None)


def _cues(toks: list[Tok], words: list[str], outside: list[bool]) -> Iterator[tuple[str, str]]:
    """Every cue of the sentence with its source, in the order rules 1-4 rank them."""
    for i in range(1, len(words) - 2 if "what" in words else 0):
        if words[i - 1] == "what" and words[i] not in _NO_WHAT_SOURCE:
            for k in range(i + 1, min(i + 6, len(words))):
                if _is_cue(toks, words, k) and not _negated(words, k):
                    yield text_of(toks[i:k]), toks[k].text
                    break
    if words[:2] == ["according", "to"]:
        claimant = noun_phrase(toks[2 : 3 + 2 * MAX_CLAIMANT_TOKENS])
        if claimant:
            yield claimant, text_of(toks[:2])
    deferred: list[tuple[str, str]] = []  # a relative clause's, if no main cue follows
    headline: bool | None = None  # read once a cue in capitals needs it
    for k in _candidates(words, outside):
        if words[k] == "according" and words[k + 1 : k + 2] == ["to"]:
            claimant = noun_phrase(toks[k + 2 : k + 3 + 2 * MAX_CLAIMANT_TOKENS])
            if claimant:
                yield claimant, text_of(toks[k : k + 2])
        if _is_participle_cue(toks, words, k) and (shared := _participle_subject(toks, k)):
            yield shared, _cue_text(toks, words, k, k)  # "Ruiz wrote on Monday, saying ..."
        if headline is None and not toks[k].text.islower():
            headline = _is_headline(toks)
        if not _is_cue(toks, words, k, bool(headline)) or _negated(words, k):
            continue
        start = cue_start(toks, words, k)
        subject = subject_before(toks, words, k, outside)
        if not subject and start > 0 and words[start - 1] in ("and", "but"):
            subject = sentence_subject(toks, copula=True)  # "The judge paused, and then said"
        if subject and start > 0 and words[start - 1] in _RELATIVES and not deferred:
            # "X, the founder of a group that urges ..., said": the later cue is the report
            deferred.append((subject, _cue_text(toks, words, k, start)))
            continue
        if subject:
            yield subject, _cue_text(toks, words, k, start)
            continue
        if subject := inverted_after(toks, words, k):
            yield subject, _cue_text(toks, words, k, k)
        if (
            words[k - 1 : k] == [","]
            and words[k].endswith("s")
            and (shared := sentence_subject(toks))
        ):
            yield shared, _cue_text(toks, words, k, k)  # "Ruiz wins vote, vows to fight on"
    yield from deferred
    if found := headline_source(toks, words):
        yield found
    if ":" in words and (found := colon_quote(toks, words, outside)):
        yield found
    if not PARTICIPLE_CUES.isdisjoint(words) and (found := _loose_participle(toks, words, outside)):
        yield found
    if "in" in words and (found := in_a_document(toks, words)):
        yield found


def _candidates(words: list[str], outside: list[bool]) -> list[int]:
    """Where, outside quotation marks, _cues may find a cue: "according", a participle,
    a cue verb or adjective, the "-ing" of one after "is", a past tense before "that".
    Any other word would go through every test of the loop for nothing."""
    kinds = list(map(_cue_kind, words))  # each word judged once per process
    return [
        k
        for k in compress(range(len(words)), kinds)
        if outside[k] and (kinds[k] == 1 or words[k + 1 : k + 2] == ["that"])
    ]


@lru_cache(maxsize=1 << 16)
def _cue_kind(word: str) -> int:
    """1: a cue word or the "-ing" of one; 2: a past tense, a cue only before "that"."""
    if word in _MAY_BE_CUES or (word.endswith("ing") and _base_of(word) in _MAY_BE_CUES):
        return 1
    return 2 if word.endswith("ed") else 0


def _loose_participle(
    toks: list[Tok], words: list[str], outside: list[bool]
) -> tuple[str, str] | None:
    """The first loose participle cue's, when the sentence has no other cue."""
    for k in range(len(words)):
        loose = outside[k] and _is_participle_cue(toks, words, k, loose=True)
        if loose and (shared := _participle_subject(toks, k)):
            return shared, _cue_text(toks, words, k, k)
    return None


def _is_participle_cue(toks: list[Tok], words: list[str], k: int, loose: bool = False) -> bool:
    """ ", saying", "by telling", "Ruiz calling": a speech participle after a clause or
    a name; `loose`: after any word but a determiner or a progressive's auxiliary
    ("made a pitch to voters saying ..."), for sentences with no other cue."""
    word = words[k]
    if not (word in PARTICIPLE_CUES and k > 0 and toks[k].text.islower()):
        return False
    # not after a noun it may qualify ("voters supporting Ruiz") unless loose, nor
    # "has been calling" (a progressive: _is_cue reads it)
    i = _before_adverbs(toks, words, k)
    if loose:
        return words[k - 1] not in DETERMINERS and words[i] not in _OF_OR_PROGRESSIVE
    if i == 0:  # "In describing the pier, Ruiz said": only after a preposition
        return words[0] in _BEFORE_A_PARTICIPLE
    return words[i] in _BEFORE_A_PARTICIPLE or toks[i].text[:1].isupper()


def _before_adverbs(toks: list[Tok], words: list[str], k: int) -> int:
    """The word before `k` and the adverbs right before it ("are now openly calling")."""
    i = k - 1
    while i > 0 and (is_adverb(toks[i]) or words[i] in ("now", "still", "also", "again")):
        i -= 1
    return i


def _participle_subject(toks: list[Tok], k: int) -> str | None:
    """Who speaks in a participle: the name right before it ("with Ana Ruiz calling
    him ..."), else the sentence's subject ("Ruiz struck a tone, saying ...")."""
    run: list[Tok] = []
    for tok in reversed(toks[:k]):
        if not tok.text[:1].isupper():
            break
        run.insert(0, tok)
    if run and len(run) < k and is_name(run) and run[0].i > toks[0].i:
        return name_of(text_of(run))
    with_ = next((i for i in range(k - 1, max(k - 6, 0), -1) if toks[i].lower_ == "with"), None)
    if with_ is not None and k - with_ > 1 and all(t.is_alpha for t in toks[with_ + 1 : k]):
        return text_of(toks[with_ + 1 : k])  # "..., with polls showing Ruiz ahead"
    return sentence_subject(toks, copula=True)


def _cue_text(toks: list[Tok], words: list[str], k: int, start: int) -> str:
    """The cue as written: with its auxiliaries, the particle that belongs to it
    ("called for"), "in a statement", or the colon that opens the quote ("said:")."""
    while start < k and (words[start] in TIME_WORDS or words[start] in _TIME_OPENERS):
        start += 1  # "Ruiz on Sunday said": the cue is "said", as "Ruiz said Sunday"
    end = k + 1
    said = next((i for i in range(end, min(k + 4, len(words))) if words[i] in STATEMENTS), None)
    if words[k] in STATEMENT_CUES and said is not None:
        # "issued a statement saying", "released the following statement:": what was put out
        end = said + 1
        if end < len(words) and (words[end] == ":" or _is_participle(toks[end])):
            end += 1
    elif words[k] in STANCE_ADJECTIVES and words[end : end + 1] and words[end] in STANCE_PARTICLES:
        end += 1  # "are confident in", "were worried about"
    elif _made_clear(words, k):
        end = words.index("clear", k) + 1  # "made it clear", "has made clear"
    elif words[k] in EXPRESSION_CUES and end < len(words):
        # "expressed concern", "expressed his sympathy for": the stance is part of the cue
        end += words[end] in ("his", "her", "their", "its", "some", "an", "a")
        if end < len(words) and toks[end].text.islower() and toks[end].is_alpha:
            end += 1
            end += end < len(words) and words[end] in EXPRESSION_PARTICLES
        else:
            end = k + 1
    elif end < len(words) and words[end] in CUE_PARTICLES.get(words[k], ()):
        end += 1
    elif words[end : end + 3] == ["in", "a", "statement"]:
        end += 3
    elif words[end : end + 1] == [":"]:
        end += 1
    return text_of(toks[start:end])


def _is_participle(tok: Tok) -> bool:
    return tok.text.islower() and tok.text.endswith("ing") and len(tok.text) > 5


def _is_headline(toks: list[Tok]) -> bool:
    """Title case ("McCaul Announces Bill Revoking ..."): cues are capitalised too."""
    long = 0
    for t in toks[1:]:
        if t.is_alpha and len(t.text) > 3 and t.lower_ not in _SMALL:
            if not t.text[:1].isupper():
                return False  # the first long word in lower case settles it
            long += 1
    return long >= 3


def _is_cue(toks: list[Tok], words: list[str], k: int, headline: bool = False) -> bool:
    """A reporting verb, written in lower case ("States" in "United States" is not one)
    unless the sentence is a title-case headline, and not a noun ("the claims were",
    "a news report said"); "is calling" is a cue as "calls" is."""
    word = words[k]
    progressive = word.endswith("ing") and k > 0
    progressive = progressive and words[_before_adverbs(toks, words, k)] in _PROGRESSIVE
    if progressive:
        # "is calling" is a cue as "calls" is; "is pointing to" as ", pointing to" is
        word = word if word in PARTICIPLE_CUES and word in CUE_PARTICLES else _base_of(word)
    initial = k == 0 and word in INVERTED_CUES and toks[k].is_title  # "Said Ana Ruiz, ..."
    participle = word in PARTICIPLE_CUES and word in CUE_PARTICLES
    if _past_before_that(toks, words, k) or _made_clear(words, k) or _stance(toks, words, k):
        return True  # "the court ruled that ...", "Ruiz made it clear that ..."
    if (word not in CUE_VERBS and word not in CLOSING_CUES and not participle) or not (
        toks[k].text.islower() or (headline and k > 0) or initial
    ):
        return False
    before = words[k - 1] if k > 0 else ""
    if before in ("-", "–") and not toks[k - 1].whitespace_:
        return False  # "Iranian-backed": a compound adjective
    after = words[k + 1] if k + 1 < len(words) else "."
    if word in BASE_FORM_CUES and before in ("can", "could", "may", "might"):
        return False  # "so that organisations can respond": ability, not a report
    if word in STATEMENT_CUES and not set(words[k + 1 : k + 4]) & RELEASES:
        return False  # "issued a statement", not "issued permits"
    if word.startswith("respond") and not NOT_ANSWERED.isdisjoint(words[k + 1 : k + 5]):
        return False  # "police responded to the scene": an emergency, not a question
    if word in NEEDS_A_PARTICLE and after not in CUE_PARTICLES.get(word, ()):
        return False
    if word in CLOSING_CUES and after not in (".", ",", ":", "!"):
        return False
    counted = k > 0 and toks[k - 1].like_num and not words[k - 1].isalpha()
    adjective = word.endswith("ed") and after.endswith("s") and after.isalpha()
    if (counted and (word in NOUN_LIKE_CUES or adjective)) or (word == "think" and after == "tank"):
        return False  # "by 6 points", "271 pledged delegates", "a think tank": nouns
    if _after_a_possessive(words, k) or before == "no":
        return False  # "Ruiz's remarks", "no doubt": nouns
    if word in NOUN_LIKE_CUES and not progressive:  # "were reporting": a verb
        named = before in PERSONAL_PRONOUNS or (k > 0 and toks[k - 1].text[:1].isupper())
        named = named or before in DOCUMENTS  # "..., a new poll shows."
        plural = before.endswith("s") and len(before) > 3  # "board records show."
        named = named or (plural and (after in (".", ",") or after in CUE_PARTICLES.get(word, ())))
        # "Ruiz says.", "He calls for a tax": after a name or pronoun, a verb
        by_a_name = named and (after in (".", ",", ":") or after in CUE_PARTICLES.get(word, ()))
        verb_after = after.endswith("ed") and before not in PERSONAL_PRONOUNS  # "advocates marched"
        if (after in NOT_AFTER_A_VERB and not by_a_name) or before in DETERMINERS or verb_after:
            return False
        plural = before in BEFORE_A_BASE_FORM or before.endswith("s")
        if word in BASE_FORM_CUES and not plural and not _plural_head(words, k):
            return False
    return True


def _past_before_that(toks: list[Tok], words: list[str], k: int) -> bool:
    """ "ruled that", "calculated that": any verb in the past tense whose object is a
    reported clause ("that" and no noun after it: not "pursued that goal")."""
    word = words[k]
    if k + 2 >= len(words) or words[k + 1] != "that" or not word.endswith("ed") or k == 0:
        return False
    if len(word) <= 4 or not toks[k].text.islower():
        return False
    nxt = toks[k + 2]
    return nxt.text[:1].isupper() or nxt.lower_ in _CLAUSE_SUBJECTS


def _plural_head(words: list[str], k: int) -> bool:
    """Whether the noun phrase before `k` has a plural head: "polls in Ohio show", "most
    in Miami want", "data show" (a base form after it is a verb)."""
    i = k
    while i > 0 and k - i < 10 and words[i - 1] not in _PHRASE_ENDS:
        i -= 1
    phrase = words[i:k]
    link = next((j for j, w in enumerate(phrase) if j and w in _HEAD_LINKS), len(phrase))
    head = phrase[link - 1] if link else ""
    return head in _PLURAL_WORDS or (head.endswith("s") and not head.endswith(("ss", "us")))


def _stance(toks: list[Tok], words: list[str], k: int) -> bool:
    """ "is confident that", "are worried about": a state of mind after a copula, with
    what it is about."""
    if words[k] not in STANCE_ADJECTIVES or not toks[k].text.islower():
        return False
    after = words[k + 1] if k + 1 < len(words) else ""
    before = words[_before_adverbs(toks, words, k)]
    return before in _COPULAS and (after == "that" or after in STANCE_PARTICLES)


def _made_clear(words: list[str], k: int) -> bool:
    """ "made it clear", "makes clear": a phrase that reports a position."""
    return words[k] in _MAKE and (
        words[k + 1 : k + 2] == ["clear"] or words[k + 1 : k + 3] == ["it", "clear"]
    )


def _after_a_possessive(words: list[str], k: int) -> bool:
    owner = words[k - 2] if k > 1 else ""
    contracted = owner in PERSONAL_PRONOUNS or owner in ("who", "that", "there", "what")
    possessive = k > 1 and words[k - 1] in ("'s", "’s") and not contracted
    return possessive and not words[k].endswith("ing")


def _base_of(word: str) -> str:
    """ "calling" -> "call", "saying" -> "say", "arguing" -> "argue" (whichever is a cue)."""
    stem = word[:-3]
    for base in (stem, stem + "e", stem[:-1]):
        if base in BASE_FORM_CUES:
            return base
    return word


def _negated(words: list[str], k: int) -> bool:
    return any(w in NEGATIONS for w in words[max(0, k - 2) : k])
