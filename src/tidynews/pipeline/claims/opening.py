"""The subject a sentence opens with, for cues that share it: a later coordinated verb
("Ruiz toured the dock and said ..."), a participle ("..., saying ...") or a headline's
", vows"."""

from __future__ import annotations

from tidynews.pipeline.claims.lexicon import (
    AUXILIARIES,
    IRREGULAR_PASTS,
    NOT_A_SUBJECT_START,
    NOT_IN_A_SUBJECT,
)
from tidynews.pipeline.claims.names import (
    DETERMINERS,
    NAME_LINKS,
    is_name,
    is_past,
    length,
    name_of,
    text_of,
)
from tidynews.pipeline.claims.toks import Tok

_DASHES = frozenset({"—", "–", "--"})
_OPENING_LINKS = frozenset({"and", "but", "so", "yet", "even", "also", "then", "now", "still"})
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "should"})
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})


def sentence_subject(toks: list[Tok], copula: bool = False) -> str | None:
    """The name or pronoun a sentence opens with, when a verb in lower case follows it
    (with `copula`, "is" and "was" too: "Ruiz is making a pitch, saying ..."), after an
    opening adverbial if there is one ("On Tuesday, Ruiz went further, saying ...")."""
    while len(toks) > 1 and toks[0].lower_ in _OPENING_LINKS:
        toks = toks[1:]  # "And even Ruiz went on, mocking ...": no adverbial, no subject
    if len(toks) > 2 and toks[0].lower_.endswith("ly") and toks[1].text == ",":
        toks = toks[2:]  # "Publicly, the mayor feuds with the board and dismisses ..."
    dash = next((i for i, t in enumerate(toks[:10]) if t.text in _DASHES or t.text == "-"), 0)
    if dash and toks[dash].whitespace_ and all(not t.text.islower() for t in toks[:dash]):
        toks = toks[dash + 1 :] or toks  # "SALEM, Ore. (AP) - Ruiz met ... and said"
    if toks and toks[0].lower_ in NOT_A_SUBJECT_START:
        # "At an event in Ames, Iowa, on Sunday, Ruiz tried ...": after a later comma
        for comma in (i for i, t in enumerate(toks[1:14], 1) if t.text == ","):
            if comma + 1 < len(toks) and (found := sentence_subject(toks[comma + 1 :], copula)):
                return found
        # "By Sunday she had canceled ...": a pronoun after an adverbial with no comma
        for i in range(1, min(len(toks) - 1, 10)):
            if toks[i].text in ("he", "she", "they") and _verb_like(toks[i + 1]):
                return toks[i].text
        return None
    if toks[0].lower_ in ("he", "she", "they"):
        return toks[0].text
    if toks[0].lower_ in DETERMINERS and (headed := _with_head(toks, 1, copula)):
        return name_of(text_of(toks[:headed]))  # "The pilot needed ..."
    run: list[Tok] = []
    for tok in toks:
        if (
            tok.text[:1].isupper()
            or (run and tok.lower_ in NAME_LINKS)
            or tok.like_num
            or (run and tok.text in ("-", ".", "’s", "'s") and not tok.whitespace_)
        ):
            run.append(tok)
        else:
            break
    while run and run[-1].lower_ in NAME_LINKS:
        run.pop()
    if run and (headed := _with_head(toks, len(run), copula)):
        return name_of(text_of(toks[:headed]))  # "The pilot needed ...", "Ruiz's aides said"
    after = toks[len(run)] if len(run) < len(toks) else None
    if after is not None and after.text == "," and len(run) > 1 and is_name(run):
        return name_of(text_of(run))  # "Ana Ruiz, the mayor, ..."
    if not run or after is None or not after.text.islower() or length(run) > 6:
        return None
    if all(t.lower_ in NAME_LINKS or t.lower_ in DETERMINERS for t in run):
        return None
    linked = copula and after.lower_ in _PASSIVE
    if run[0].lower_ in NOT_A_SUBJECT_START or (after.lower_ in NOT_IN_A_SUBJECT and not linked):
        return None
    return name_of(text_of(run))


def _with_head(toks: list[Tok], n: int, copula: bool) -> int | None:
    """Where a subject that opens with a capital or a determiner ("The", "Ruiz's",
    "Democratic") ends when its head noun is in lower case ("The pilot", "Ruiz's aides",
    "Democratic leaders"): up to three lower-case words, then a verb."""
    i = n
    if i < len(toks) and toks[i].text in ("'", "’", "'s", "’s") and not toks[i - 1].whitespace_:
        i += 1  # "Sanders’ campaign", "Ruiz's aides"
    for end in range(i + 1, min(i + 4, len(toks))):
        head = toks[end - 1]
        if not (head.is_alpha and head.text.islower()) or _verb_like(head):
            return None
        if _verb_like(toks[end]):
            linking = toks[end].lower_ in NOT_IN_A_SUBJECT
            return end if copula or not linking else None
    return None


def _verb_like(tok: Tok) -> bool:
    """A finite verb in lower case, by its shape: an auxiliary, a modal, a past tense."""
    word = tok.lower_
    return tok.text.islower() and (
        word in AUXILIARIES
        or word in _PASSIVE
        or word in _MODALS
        or is_past(tok)
        or word in IRREGULAR_PASTS
    )
