"""prose.py counts letters and finds a sentence-like line the way the plain Python
reading would (str.isalpha, str.isspace, a regex per line), only in C."""

from __future__ import annotations

import random

import pytest

from tidynews.errors import SeedError
from tidynews.pipeline.prose import _has_words, _letters, check_prose

# ASCII, Latin, Greek, Cyrillic, CJK, an emoji, a lone surrogate, a line separator
_ALPHABET = [
    chr(c)
    for c in [*range(0, 0x250), *range(0x370, 0x400), *range(0x4E00, 0x4E10), 0x1F389, 0xD800]
] + ["\u2028", "\u00a0", "\u00bd", "\u00b2"]


def test_letters_are_counted_as_str_isalpha_counts_them():
    rng = random.Random(16)
    for _ in range(2_000):
        text = "".join(rng.choices(_ALPHABET, k=rng.randint(0, 80)))
        assert _letters(text) == sum(map(str.isalpha, text)), repr(text)


@pytest.mark.parametrize(
    ("line", "n", "expected"),
    [("It rained in Paris", 3, True), ("It rained", 3, False), ("a b c 12 34", 3, False)],
)
def test_has_words_counts_words_of_two_letters_or_more(line, n, expected):
    assert _has_words(line, n) is expected


def test_prose_in_any_script_passes_and_symbols_do_not():
    check_prose("Москва — столица России. " * 20, "ru.txt")
    check_prose("It rained in Paris on Monday, officials said.\n" * 10, "en.txt")
    with pytest.raises(SeedError, match="seed-not-prose"):
        check_prose("12,34;56 78|90 " * 40, "table.txt")
    with pytest.raises(SeedError, match="no line has 3 words"):
        check_prose("Ab 12\n" * 100, "list.txt")
