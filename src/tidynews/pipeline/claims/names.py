"""What a noun phrase is, read from its tokens alone: a name, its length, its text,
and the shapes of the words around it (a past tense, an adverb, a quote mark)."""

from __future__ import annotations

from tidynews.pipeline.claims.lexicon import (
    NOT_A_SUBJECT_START,
    PERSONAL_PRONOUNS,
    PROPER_NAME_TAIL_RE,
    QUOTES,
)
from tidynews.pipeline.claims.toks import Tok

NAME_LINKS = frozenset({"of", "for", "the", "and", "de", "la", "van", "von", "on", "al"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this", "my"})


def is_name(chunk: list[Tok]) -> bool:
    """A capitalised noun phrase of a few words: a name, an organisation, a title and name."""
    if chunk and chunk[0].like_num and chunk[0].text[:1].isdigit() and len(chunk) > 1:
        chunk = [t for t in chunk if t.text[:1].isupper()]  # "81-year-old Parker Eaton"
    if not chunk or len(chunk) > 6 or not chunk[0].text[:1].isupper():
        return False
    if chunk[0].lower_ in NOT_A_SUBJECT_START or chunk[0].lower_ in PERSONAL_PRONOUNS:
        return False
    return all(t.text[:1].isupper() or t.lower_ in NAME_LINKS or not t.is_alpha for t in chunk)


def is_past(tok: Tok) -> bool:
    return tok.text.islower() and tok.text.endswith("ed")


def length(chunk: list[Tok]) -> int:
    """Words in a noun phrase: "al-Masdar" is one."""
    return sum(1 for t in chunk if not t.is_punct)


def is_adverb(tok: Tok) -> bool:
    return tok.text.islower() and tok.text.endswith("ly") and len(tok.text) > 3


def is_quote(tok: Tok) -> bool:
    """A quote mark, including the doubled ones of older news styles (`` and '')."""
    return bool(tok.text) and not tok.text.strip(QUOTES)


def name_of(phrase: str) -> str:
    """ "the pro-government blog al-Masdar News" -> "al-Masdar News": a described name."""
    phrase = phrase.strip(QUOTES + " ,-–—")  # "Ruiz - who ... - said": no dashes
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


def text_of(toks: list[Tok]) -> str:
    """The source text the tokens cover, with its own spacing."""
    if not toks:
        return ""
    last = toks[-1]
    return toks[0].line[toks[0].idx : last.idx + len(last.text)]
