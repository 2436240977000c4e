"""The one spaCy pipeline every extractor shares: blank English, no model weights.

A blank pipeline is deterministic and installs from the package index alone, so
two builds of the same seeds give the same tokens, and so the same rows.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from itertools import compress, pairwise
from operator import sub
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, cast

from tidynews.pipeline.startup import import_spacy
from tidynews.pipeline.tokenizer import tokenizer_factory, word_tokenizer

if TYPE_CHECKING:  # spaCy is imported on first use: `tidynews validate` never needs it
    from collections.abc import Callable, Iterator

    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy strips a word's leading and trailing punctuation one mark at a time, each time
# copying and hashing what is left, so a word of n marks ("((((...") costs n squared:
# 100 KB of `"` took minutes. No word, number or URL of news text is anywhere near this
# long; a longer run of non-space characters is tokenized in pieces of this length.
MAX_WORD_CHARS = 1000
# from a run's first character only: tried inside each word, a run up to the cap
# would be read again from each of its characters
_LONG_WORD_RE = re.compile(rf"(?<!\S)\S{{{MAX_WORD_CHARS + 1},}}")

__all__ = [
    "STOP_WORDS",
    "Paragraph",
    "Tokens",
    "Word",
    "Words",
    "english",
    "forget_paragraphs",
    "is_punct",
    "like_num",
    "paragraph",
    "spacy_doc",
    "tokens",
    "word_set",
    "words",
]


class _StopWords:
    """spaCy's English stop words, loaded on the first membership test."""

    @cached_property
    def _words(self) -> frozenset[str]:
        import_spacy()  # first, or this import would load spaCy's command line too
        # not `as words`: compiled by mypyc, a function's import binds the module's
        # global, and that would replace words() below
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)

    def __contains__(self, word: object) -> bool:
        return word in self._words


STOP_WORDS = _StopWords()


# spaCy's Sentencizer is compiled, without stubs: Language types it as a plain
# callable. This says which of its attributes english() changes.
class _Sentencizer(Protocol):
    punct_chars: set[str]


@lru_cache(maxsize=1)
def english() -> Language:
    """spaCy's blank English pipeline with a rule sentencizer, built once per process."""
    spacy = import_spacy()
    spacy.registry.tokenizers.register(_TOKENIZER, func=tokenizer_factory)
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": _TOKENIZER}}})
    nlp.max_length = 2**31 - 1  # no parser or NER, so a long line costs only its tokens
    sentencizer = cast("_Sentencizer", nlp.add_pipe("sentencizer"))
    sentencizer.punct_chars = set(sentencizer.punct_chars) | _MORE_SENTENCE_MARKS
    return nlp


# an ellipsis ends a sentence too ("1,500 people... Then we left")
_MORE_SENTENCE_MARKS = frozenset({"…", "..."})


_TOKENIZER = "tidynews.english_tokenizer.v1"


def spacy_doc(line: str) -> Doc:
    """spaCy's reading of one line: english() on it, tokens and sentences. words(line)
    gives the same as plain lists, and is what the extractors read."""
    nlp = english()
    return nlp(line) if _LONG_WORD_RE.search(line) is None else _in_pieces(nlp, line)


def _in_pieces(nlp: Language, line: str) -> Doc:
    """nlp(line), with each run of non-space characters longer than MAX_WORD_CHARS
    tokenized MAX_WORD_CHARS characters at a time."""
    from spacy.tokens import Doc

    cuts = [0]
    for match in _LONG_WORD_RE.finditer(line):
        cuts += range(match.start() + MAX_WORD_CHARS, match.end(), MAX_WORD_CHARS)
    cuts.append(len(line))
    pieces = [nlp.make_doc(line[start:end]) for start, end in pairwise(cuts)]
    # NORM: what tokenizer exceptions set; SENT_START left out, or every piece would
    # open a sentence before the sentencizer has read it
    doc = Doc.from_docs(pieces, ensure_whitespace=False, attrs=["NORM"])
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


class Words(NamedTuple):
    """The tokens of spacy_doc(line) as plain Python lists, one entry per token.

    spaCy makes a new Token object on every doc[i] and every iteration, and each
    Token.text builds its str again from the vocabulary; the extractors read every
    token many times. spaCy's tokens cover their text exactly, so each text is a slice
    of the line."""

    line: str
    starts: list[int]  # character offsets in the line (Token.idx)
    texts: list[str]  # Token.text
    lowers: list[str]  # Token.lower_: spaCy's lexemes lower-case with str.lower
    spaces: list[str]  # Token.whitespace_: " " or ""
    sents: list[tuple[int, int]]  # each sentence's first token and end (Doc.sents)


_SPACES = ("", " ")


@lru_cache(maxsize=1024)
def words(line: str) -> Words:
    """The tokens and sentences of spacy_doc(line), as plain lists; one line of a
    document, read once for all the extractors that walk it (claims, figures and
    places read the same lines).

    Tokenized by tokenizer.word_tokenizer and cut into sentences by the sentencizer's own rule
    (_sentences): what english() gives, without the lexeme attributes nothing here
    reads. Shared until forget_paragraphs(), which extract() calls before each
    document, so memory stays bounded and a document costs the same whatever other
    documents say."""
    if _LONG_WORD_RE.search(line) is not None:
        return _doc_words(line, spacy_doc(line))
    array = word_tokenizer()(line).to_array(["IDX", "SPACY"])
    starts: list[int] = array[:, 0].tolist()
    texts, spaces = _texts_and_spaces(line, starts, array[:, 1].tolist())
    return Words(line, starts, texts, list(map(str.lower, texts)), spaces, _sentences(texts))


def _doc_words(line: str, doc: Doc) -> Words:
    """Words read from a spaCy Doc of `line`, sentences included."""
    array = doc.to_array(["IDX", "SPACY", "SENT_START"])
    starts: list[int] = array[:, 0].tolist()
    texts, spaces = _texts_and_spaces(line, starts, array[:, 1].tolist())
    # Doc.sents: a sentence opens at each later token whose SENT_START is 1
    cuts: list[int] = (array[1:, 2] == 1).nonzero()[0].tolist()
    bounds = [0, *(cut + 1 for cut in cuts), len(starts)]
    sents = list(pairwise(bounds)) if starts else []
    return Words(line, starts, texts, list(map(str.lower, texts)), spaces, sents)


def _texts_and_spaces(line: str, starts: list[int], spaced: list[int]) -> tuple[list, list]:
    """Token texts and whitespace_ from the token offsets and SPACY (1: a space
    follows): each token ends where the next starts, less that space; all in C."""
    ends = list(map(sub, [*starts[1:], len(line)], spaced))
    texts = list(map(line.__getitem__, map(slice, starts, ends)))
    return texts, list(map(_SPACES.__getitem__, spaced))


def _sentences(texts: list[str]) -> list[tuple[int, int]]:
    """Doc.sents as spaCy's Sentencizer makes them: a sentence ends at a sentence mark
    ("." "!" "?"...), and the next opens at the first later token that is neither such
    a mark nor punctuation."""
    marks = _sentence_marks()
    n = len(texts)
    opens, i = [0], 0
    for k in compress(range(n), map(marks.__contains__, texts)):
        if k < i:
            continue  # inside a run of marks already read
        i = k + 1
        while i < n and (texts[i] in marks or is_punct(texts[i])):
            i += 1
        if i < n:
            opens.append(i)
    opens.append(n)
    return list(pairwise(opens)) if n else []


@lru_cache(maxsize=1)
def _sentence_marks() -> frozenset[str]:
    """The sentencizer's sentence-ending marks, as english() sets them."""
    import_spacy()
    from spacy.pipeline.sentencizer import Sentencizer  # type: ignore[import-not-found]

    return frozenset(Sentencizer.default_punct_chars) | _MORE_SENTENCE_MARKS


class Paragraph:
    """A line's tokens with what rules note about them on the way (`user_data`, as on
    a spaCy Doc): the place rules keep their own per-token lists here, "words" among
    them. Its length is its number of tokens, as a Doc's."""

    __slots__ = ("user_data",)

    def __init__(self, user_data: dict[str, Any]) -> None:
        self.user_data = user_data

    def __len__(self) -> int:
        return len(self.user_data["words"])


@lru_cache(maxsize=1024)
def paragraph(line: str) -> Paragraph:
    """The line's Paragraph, shared like words(line) until forget_paragraphs(): a line
    read again (a quoted line, a repeated one) keeps its notes, and costs nothing more."""
    return Paragraph({"text": line})


class Word(NamedTuple):
    """One token with the names of the spaCy Token attributes the extractors read; the
    flags are spaCy's lexeme functions of the text, computed when read."""

    i: int
    idx: int
    text: str
    lower_: str
    whitespace_: str

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_space(self) -> bool:
        return self.text.isspace()

    @property
    def is_title(self) -> bool:
        return self.text.istitle()

    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_punct(self) -> bool:
        return is_punct(self.text)

    @property
    def like_num(self) -> bool:
        return like_num(self.text)


class Tokens:
    """words(line) read as a list of Word tuples, each made when read: most rules look
    at a few tokens of a line only, so making a tuple for every token costs more."""

    __slots__ = ("_words",)

    def __init__(self, words: Words) -> None:
        self._words = words

    def __len__(self) -> int:
        return len(self._words.starts)

    def __iter__(self) -> Iterator[Word]:
        return map(self.__getitem__, range(len(self)))

    def __getitem__(self, i: int) -> Word:
        w = self._words
        start = w.starts[i]  # IndexError past either end, as a list's
        n = len(w.starts)
        return Word(i if i >= 0 else i + n, start, w.texts[i], w.lowers[i], w.spaces[i])


@lru_cache(maxsize=1024)
def tokens(line: str) -> Tokens:
    """The tokens of words(line) as one shared sequence of Word tuples, for code
    that reads a token's attributes by name; no spaCy Token is made."""
    return Tokens(words(line))


# a paragraph's tokens repeat the same few thousand words and marks: each text's
# flags are computed once
@lru_cache(maxsize=1 << 16)
def is_punct(text: str) -> bool:
    """Token.is_punct of a token with this text: its lexeme's flag, from this function."""
    return bool(_lexeme_flags()[0](text))


@lru_cache(maxsize=1 << 16)
def like_num(text: str) -> bool:
    """Token.like_num of a token with this text (English's rule: "10", "1/2", "ten")."""
    return bool(_lexeme_flags()[1](text))


@lru_cache(maxsize=1)
def _lexeme_flags() -> tuple[Callable[[str], object], Callable[[str], object]]:
    """The functions english()'s vocabulary sets these lexeme flags with, so a flag read
    here is the one a Token would give: spaCy's create_vocab takes the shared lexeme
    attributes, then English's own (its like_num)."""
    import_spacy()
    from spacy.attrs import IS_PUNCT, LIKE_NUM  # type: ignore[import-not-found]  # compiled
    from spacy.lang.en import English
    from spacy.lang.lex_attrs import LEX_ATTRS

    getters = {**LEX_ATTRS, **English.Defaults.lex_attr_getters}
    return getters[IS_PUNCT], getters[LIKE_NUM]


def forget_paragraphs() -> None:
    """Empty the caches of lines read (before each document)."""
    paragraph.cache_clear()
    words.cache_clear()
    tokens.cache_clear()


def word_set(text: str) -> frozenset[str]:
    """A lexicon written as running text, so long word lists stay readable."""
    return frozenset(text.split())
