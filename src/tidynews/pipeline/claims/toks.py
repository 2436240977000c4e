"""A paragraph's tokens as the claim rules read them: tuples copied once from spaCy's,
each marked when it lies inside a quotation.

The rules read each token's text many times over (every cue candidate looks back and
forward at its neighbours), and every read of a spaCy Token attribute goes through its
vocabulary; copying what every token needs once per paragraph, in bulk, makes each
later read a tuple's. Built per call of find_claims, never kept.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import partial
from itertools import count, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from tidynews.pipeline.claims.quotes import Quotation
from tidynews.pipeline.nlp import tokens

if TYPE_CHECKING:  # annotations only; spaCy is imported by nlp.english() when used
    from collections.abc import Callable, Iterable


class Tok(NamedTuple):
    """One token of a paragraph, with spaCy's attributes of the same names; `line` is
    the paragraph (a phrase's text is a slice of it), `quoted` whether the token starts
    inside a quotation. The flags only a few rules read are spaCy's, on demand."""

    i: int
    idx: int
    text: str
    lower_: str
    is_alpha: bool  # what spaCy's English lexemes say too: str.isalpha, str.isspace
    is_space: bool
    quoted: bool
    line: str
    token: Any  # spaCy's Token

    @property
    def is_punct(self) -> bool:
        return bool(self.token.is_punct)

    @property
    def is_title(self) -> bool:
        return bool(self.token.is_title)

    @property
    def like_num(self) -> bool:
        return bool(self.token.like_num)

    @property
    def whitespace_(self) -> str:
        return str(self.token.whitespace_)


_TEXT, _IDX = attrgetter("text"), attrgetter("idx")
# a Tok from its fields as one tuple, in C: no Python call per token
_tok: Callable[[Iterable[Any]], Tok] = partial(tuple.__new__, Tok)


def paragraph_tokens(line: str, quotes: list[Quotation]) -> list[Tok]:
    """The tokens of `line` (nlp.tokens' own), each marked `quoted` when its first
    character lies inside one of `quotes` (which quotations() gives in order, apart)."""
    spacy_tokens = tokens(line)
    texts = list(map(_TEXT, spacy_tokens))
    starts = list(map(_IDX, spacy_tokens))
    quoted: Iterable[bool] = repeat(False)
    if quotes:
        opens = [q.start for q in quotes]
        ends = [-1, *(q.end for q in quotes)]  # -1: before the first quotation
        quoted = [i < ends[bisect_right(opens, i)] for i in starts]
    fields = zip(
        count(),
        starts,
        texts,
        map(str.lower, texts),
        map(str.isalpha, texts),
        map(str.isspace, texts),
        quoted,
        repeat(line),
        spacy_tokens,
    )
    return list(map(_tok, fields))
