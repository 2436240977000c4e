"""spaCy's English tokenizer as the pipeline makes it: the same rules, with the affix
searches it calls on every new word bounded in time and remembered.

spaCy keeps the tokens of each space-separated chunk it has read, but a new chunk
goes through its prefix, suffix and infix rules, one Python call each, again for
every piece left after stripping a mark. News text reuses those pieces across
chunks ("Obama" in "Obama," and "(Obama"): on LGL about half of each search (prefix,
suffix, infix, URL) is of a string searched before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

from tidynews.pipeline.startup import import_spacy

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacy.language import Language

    _Search = Callable[[str], re.Match[str] | None]

__all__ = ["SUFFIX_WINDOW", "remembered", "tokenizer_factory", "word_tokenizer"]

# spaCy's English suffix rules are anchored at the end and match at most 5 characters,
# but for "\.\.+" (a run of dots); searching only the last SUFFIX_WINDOW characters
# finds the same suffix (see _suffix_search) in time independent of the word's length.
SUFFIX_WINDOW = 32
# strings whose affix searches are remembered, per search, before starting afresh:
# as many as the tokenizer's own cache keeps chunks (word_tokenizer); and the longest
# remembered, so a memory holds at most a few MB of text whatever the document (a
# longer string, rare in news but for URLs, is searched each time)
REMEMBERED = 100_000
REMEMBERED_CHARS = 64

_T = TypeVar("_T")
_UNSEEN: Any = object()


def tokenizer_factory() -> Callable[[Language | SimpleNamespace], object]:
    """spaCy's English tokenizer (its create_tokenizer) with _suffix_search, and each
    search on a piece of a word (prefix, suffix, infix, token and URL match) remembered.
    Made in one go: setting a tokenizer's suffix_search afterwards reloads its 2,700
    special cases (0.1 s of every build's start-up)."""
    from spacy import util
    from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # compiled

    def make(nlp: Language | SimpleNamespace) -> object:
        rules = nlp.Defaults
        finditer = util.compile_infix_regex(rules.infixes or ()).finditer
        return Tokenizer(
            nlp.vocab,
            rules=rules.tokenizer_exceptions,
            prefix_search=remembered(util.compile_prefix_regex(rules.prefixes or ()).search),
            suffix_search=remembered(
                _suffix_search(util.compile_suffix_regex(rules.suffixes or ()).search)
            ),
            infix_finditer=_listed(remembered(lambda word: tuple(finditer(word)))),
            token_match=rules.token_match and remembered(rules.token_match),
            url_match=rules.url_match and remembered(rules.url_match),
        )

    return make


def remembered(function: Callable[[str], _T], limit: int = REMEMBERED) -> Callable[[str], _T]:
    """`function`, a pure function of a string, answering a string seen before from
    memory: up to `limit` strings of up to REMEMBERED_CHARS characters, then afresh
    (so memory stays bounded)."""
    memory: dict[str, _T] = {}

    def call(word: str) -> _T:
        found = memory.get(word, _UNSEEN)
        if found is _UNSEEN:
            if len(word) > REMEMBERED_CHARS:
                return function(word)
            if len(memory) >= limit:
                memory.clear()
            found = memory[word] = function(word)
        return found

    return call


def _listed(search: Callable[[str], tuple[re.Match[str], ...]]) -> Callable[[str], Iterator]:
    """A finditer from a search that gives its matches as a tuple (spaCy lists them)."""

    def finditer(word: str) -> Iterator[re.Match[str]]:
        return iter(search(word))

    return finditer


def _suffix_search(search: _Search) -> _Search:
    """spaCy's suffix search, looking at the end of the word only.

    The rules all end in "$", so the suffix spaCy finds is the match that starts
    leftmost. A match starting before the window is longer than any fixed rule, so it
    is a run of dots, which then also matches at the window's start: only then is the
    window widened, until it finds a later start or covers the word."""
    pattern = getattr(search, "__self__", None)  # spaCy's is a compiled pattern's search
    if not isinstance(pattern, re.Pattern):
        return search  # some other function: keep it as it is

    def suffix_search(word: str) -> re.Match[str] | None:
        window = SUFFIX_WINDOW
        while True:
            start = max(0, len(word) - window)
            match = pattern.search(word, start)
            if match is None or match.start() > start or start == 0:
                return match
            window *= 4

    return suffix_search


@lru_cache(maxsize=1)
def word_tokenizer() -> Any:
    """english()'s tokenizer (made by the same factory, same rules, same tokens) over a
    vocabulary of its own that computes no lexeme attributes: spaCy works out a new
    word's shape, flags and language in Python (LGL: 20K new words, a third of its
    tokenizing time), and the extractors read only token texts. Made without english()
    itself, which a build then never needs (0.1-0.15 s of start-up). Its cache keeps
    100,000 words, not 10,000: news text has more distinct words than that (LGL: 29,518
    of 185,701 space-separated)."""
    import_spacy()  # first: spaCy without its command line
    from spacy.lang.en import English
    from spacy.vocab import Vocab

    tokenizer: Any = tokenizer_factory()(SimpleNamespace(vocab=Vocab(), Defaults=English.Defaults))
    tokenizer.max_cache_size = 100_000
    return tokenizer
