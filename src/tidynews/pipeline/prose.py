"""Whether a seed's text is prose: a PDF's raw dump, a table of numbers or a page of
symbols would, extracted, give rows of junk. Read in C where it can be: every seed
passes through here before it is tokenized."""

from __future__ import annotations

import re
import string
from itertools import islice

from tidynews.errors import SeedError

_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_PROSE_SAMPLE = 1_000_000  # characters read to decide; a document's opening says enough
_MIN_LETTER_SHARE = 0.35
_MIN_SENTENCE_WORDS = 3  # on some line, in any text longer than:
_MIN_SENTENCE_CHARS = 200


def check_prose(text: str, label: str) -> None:
    """Refuse text that is not prose (a PDF's raw dump, a table of numbers, symbols):
    extracted, it would give rows of junk. News prose is mostly letters and has
    sentences; the sparsest real news text measured is about half letters."""
    if text.lstrip().startswith("%PDF-"):
        raise SeedError(
            f"{label}: a PDF file saved as .txt (seed-not-prose). Extract its text "
            "(for example with pdftotext) and save that as .txt."
        )
    sample = text[:_PROSE_SAMPLE]
    visible = sum(map(len, sample.split()))  # str.split() cuts at str.isspace()
    letters = _letters(sample)
    no_sentence = visible >= _MIN_SENTENCE_CHARS and not any(
        _has_words(line, _MIN_SENTENCE_WORDS) for line in sample.splitlines()
    )
    if letters < _MIN_LETTER_SHARE * visible or no_sentence:
        why = (
            f"only {letters} of its {visible} visible characters are letters"
            if letters < _MIN_LETTER_SHARE * visible
            else f"no line has {_MIN_SENTENCE_WORDS} words"
        )
        raise SeedError(
            f"{label}: not prose: {why} (seed-not-prose). A seed is a news article's "
            "text; convert the source to plain text, or remove the file."
        )


def _has_words(line: str, n: int) -> bool:
    """Whether `line` has `n` words, read no further than the n-th."""
    return len(list(islice(_WORD_RE.finditer(line), n))) == n


_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_ASCII = bytes(range(128))


def _letters(text: str) -> int:
    """How many characters of `text` are letters (str.isalpha), counted in C: ASCII
    letters as bytes (UTF-8 never uses an ASCII byte inside another character), and
    the few other characters one by one."""
    data = text.encode("utf-8", "surrogatepass")
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    others = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    return ascii_letters + sum(map(str.isalpha, others))
