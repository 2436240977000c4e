"""A paragraph's tokens as the claim rules read them: tuples built once from the
paragraph's word lists (nlp.words), each marked when it lies inside a quotation.

The rules read each token's text many times over (every cue candidate looks back and
forward at its neighbours); a tuple's field is the cheapest read there is, and no spaCy
Token is ever made. Built per call of find_claims, never kept.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import partial
from itertools import count, repeat
from typing import TYPE_CHECKING, Any, NamedTuple

from tidynews.pipeline.claims.quotes import Quotation
from tidynews.pipeline.nlp import is_punct, like_num, words

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    from collections.abc import Callable, Iterable


class Tok(NamedTuple):
    """One token of a paragraph, with spaCy's attributes of the same names; `line` is
    the paragraph (a phrase's text is a slice of it), `quoted` whether the token starts
    inside a quotation. The flags only a few rules read are computed on demand, with
    the functions spaCy's lexemes use."""

    i: int
    idx: int
    text: str
    lower_: str
    is_alpha: bool  # what spaCy's English lexemes say too: str.isalpha, str.isspace
    is_space: bool
    quoted: bool
    line: str
    whitespace_: str  # " " or "": whether a space follows

    @property
    def is_punct(self) -> bool:
        return is_punct(self.text)

    @property
    def is_title(self) -> bool:
        return self.text.istitle()

    @property
    def like_num(self) -> bool:
        return like_num(self.text)


# a Tok from its fields as one tuple, in C: no Python call per token
_tok: Callable[[Iterable[Any]], Tok] = partial(tuple.__new__, Tok)


def paragraph_tokens(line: str, quotes: list[Quotation]) -> list[Tok]:
    """The tokens of `line` (nlp.words'), each marked `quoted` when its first
    character lies inside one of `quotes` (which quotations() gives in order, apart)."""
    w = words(line)
    texts, starts = w.texts, w.starts
    quoted: Iterable[bool] = repeat(False)
    if quotes:
        opens = [q.start for q in quotes]
        ends = [-1, *(q.end for q in quotes)]  # -1: before the first quotation
        quoted = [i < ends[bisect_right(opens, i)] for i in starts]
    fields = zip(
        count(),
        starts,
        texts,
        w.lowers,
        map(str.isalpha, texts),
        map(str.isspace, texts),
        quoted,
        repeat(line),
        w.spaces,
    )
    return list(map(_tok, fields))
