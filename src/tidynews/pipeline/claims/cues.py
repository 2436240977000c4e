"""Rules 1-5: a reporting cue in the sentence and the X it names, both as written.

Rules 6 and 7 (no cue in the sentence) and pronouns as X are claimants.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidynews.pipeline.claims.lexicon import (
    ADVERBIAL_STARTS,
    AUXILIARIES,
    BASE_FORM_CUES,
    CUE_VERBS,
    INVERTED_CUES,
    NEGATIONS,
    NOT_A_SUBJECT_START,
    NOT_IN_A_SUBJECT,
    PRONOUNS,
    PROPER_NAME_TAIL_RE,
    QUOTES,
    SINGULAR,
)

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    from spacy.tokens import Token

_MAX_CLAIMANT_TOKENS = 10  # "according to X": a longer X is a clause, not a source


def attribution(toks: list[Token], words: list[str]) -> tuple[str, str] | None:
    """(claimant as written, cue as written) by rules 1-5, first match wins."""
    for i in range(1, len(words) - 2):
        if words[i - 1] == "what" and words[i] not in PRONOUNS:
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
    if words[chunk[0]] in INVERTED_CUES and len(chunk) <= 7:  # "..., said the minister."
        claimant = _noun_phrase([toks[i] for i in chunk[1:]])
        return (claimant, toks[chunk[0]].text) if claimant else None
    if len(commas) > 1:  # "...,'' said Jane Roe, an analyst at the bank."
        first = [i for i in range(commas[-2] + 1, commas[-1]) if not _is_quote(toks[i])]
        if 2 <= len(first) <= 5 and words[first[0]] in INVERTED_CUES:
            claimant = _noun_phrase([toks[i] for i in first[1:]])
            if claimant and claimant[:1].isupper():
                return claimant, toks[first[0]].text
    for n, i in enumerate(chunk[1:11], start=1):
        if _is_cue(toks[i]) and not _negated(words, i):
            subject = [toks[k] for k in chunk[:n] if words[k] not in AUXILIARIES]
            tail = chunk[n + 1 :]
            adverbial = not tail or (len(tail) <= 5 and _is_adverbial_start(toks[tail[0]]))
            if subject and adverbial and _plausible_subject(subject, words[i]):
                return _name_of(_text(subject)), toks[i].text
            return None
    return None


def _is_adverbial_start(tok: Token) -> bool:
    """What may follow a closing "X said": "on June 1", "in a post", "Monday", "today"."""
    return tok.lower_ in ADVERBIAL_STARTS or (tok.is_title and tok.lower_.endswith("day"))


def _is_cue(tok: Token) -> bool:
    """A reporting verb, written in lower case ("States" in "United States" is not one)."""
    return tok.lower_ in CUE_VERBS and tok.text.islower()


def _initial_attribution(toks: list[Token], words: list[str]) -> tuple[str, str] | None:
    """ "X said ..." near the start of the sentence; X is the last comma-free chunk before it."""
    for k in range(1, min(len(words), 16)):
        if not _is_cue(toks[k]) or _negated(words, k):
            continue
        chunks: list[list[Token]] = []
        current: list[Token] = []
        for tok in toks[:k]:
            if tok.text == ",":
                chunks.append(current)
                current = []
            elif not _is_quote(tok):
                current.append(tok)
        chunks.append(current)
        subject = next((c for c in reversed(chunks) if c), [])
        while subject and subject[-1].lower_ in AUXILIARIES:
            subject = subject[:-1]
        if subject and len(subject) <= 8 and _plausible_subject(subject, words[k]):
            return _name_of(_text(subject)), toks[k].text
        return None
    return None


def _is_quote(tok: Token) -> bool:
    """A quote mark, including the doubled ones of older news styles (`` and '')."""
    return bool(tok.text) and all(ch in QUOTES for ch in tok.text)


def _plausible_subject(subject: list[Token], verb: str) -> bool:
    """A noun phrase, not a clause: no copula, clause word or object pronoun inside, and
    not opening with a conjunction or preposition."""
    lowered = [t.lower_ for t in subject]
    if any(w in NOT_IN_A_SUBJECT for w in lowered) or lowered[0] in NOT_A_SUBJECT_START:
        return False
    return not (lowered == ["it"] or (verb in BASE_FORM_CUES and lowered[-1] in SINGULAR))


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
