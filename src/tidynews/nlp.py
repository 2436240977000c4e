"""The one spaCy pipeline every extractor shares: blank English, no model weights.

A blank pipeline is deterministic and installs from the package index alone, so
two builds of the same seeds give the same tokens, and so the same rows.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported on first use: `tidynews validate` never needs it
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["STOP_WORDS", "english", "forget_paragraphs", "paragraph", "tokens", "word_set"]


class _StopWords:
    """spaCy's English stop words, loaded on the first membership test."""

    @cached_property
    def _words(self) -> frozenset[str]:
        from spacy.lang.en.stop_words import STOP_WORDS as words

        return frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._words


STOP_WORDS = _StopWords()


@lru_cache(maxsize=1)
def english() -> Language:
    """spaCy's blank English pipeline with a rule sentencizer, built once per process."""
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = 2**31 - 1  # no parser or NER, so a long line costs only its tokens
    sentencizer = nlp.add_pipe("sentencizer")
    # an ellipsis ends a sentence too ("1,500 people... Then we left")
    sentencizer.punct_chars = set(sentencizer.punct_chars) | {"…", "..."}
    return nlp


@lru_cache(maxsize=1024)
def paragraph(line: str) -> Doc:
    """One line of a document, tokenized and split into sentences once for all the
    extractors that read it (claims, figures and places walk the same lines).

    Treat the Doc as shared: extractors may add to its user_data, never change its
    tokens. user_data["text"] is the line (Doc.text would rebuild it on every read).
    extract() empties the cache before each document (forget_paragraphs), so memory
    stays bounded and a document costs the same whatever other documents say.
    """
    doc = english()(line)
    doc.user_data["text"] = line
    return doc


@lru_cache(maxsize=1024)
def tokens(line: str) -> list[Token]:
    """The tokens of paragraph(line) as one shared list: spaCy makes a new Token object
    on every doc[i] and every iteration, and the extractors read each token many times
    (slice this list instead of iterating a sentence)."""
    return list(paragraph(line))


def forget_paragraphs() -> None:
    """Empty the paragraph and token caches (before each document)."""
    paragraph.cache_clear()
    tokens.cache_clear()


def word_set(text: str) -> frozenset[str]:
    """A lexicon written as running text, so long word lists stay readable."""
    return frozenset(text.split())
