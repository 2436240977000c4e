"""The pipeline's tokenizer reads as spaCy's stock English tokenizer does, with its
affix searches remembered (tokenizer.remembered) and bounded in memory."""

from __future__ import annotations

import random

import spacy

from tidynews.pipeline.nlp import english
from tidynews.pipeline.tokenizer import REMEMBERED_CHARS, remembered, word_tokenizer

# pieces that go through spaCy's prefix, suffix and infix rules and its special cases,
# each many times over in different chunks, so the remembered searches are read back
_PIECES = [
    "Obama", "Obama's", "(", ")", '"', "“", "”", "'", "''", ",", ".", "...", "…", "!", "?",
    ":", ";", "-", "--", "—", "U.S.", "Mr.", "don't", "10am", "5km", "3", "1,000", "$", "%",
    "°C", "km²", "e.g.", "a/b", "x-y", "https://example.org/a?b=c", ":)", "«", "»", "’s",
]  # fmt: skip


def _lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        chunks = ["".join(rng.choices(_PIECES, k=rng.randint(1, 4))) for _ in range(8)]
        lines.append(" ".join(chunks))
    return lines


def _read(tokenizer, line: str) -> list[tuple[str, int, str]]:
    return [(t.text, t.idx, t.whitespace_) for t in tokenizer(line)]


def test_the_tokenizers_read_as_spacys_stock_english_tokenizer():
    stock = spacy.blank("en").tokenizer  # spaCy's own rules, nothing remembered
    ours = (word_tokenizer(), english().tokenizer)
    for line in _lines(2_000, seed=17):
        expected = _read(stock, line)
        for tokenizer in ours:
            assert _read(tokenizer, line) == expected, line


def test_remembered_answers_from_memory_and_starts_afresh_at_its_limit():
    calls: list[str] = []

    def search(word: str) -> int:
        calls.append(word)
        return len(word)

    remembering = remembered(search, limit=3)
    assert [remembering(w) for w in ("a", "bb", "a", "bb")] == [1, 2, 1, 2]
    assert calls == ["a", "bb"]  # each string searched once
    remembering("ccc")
    remembering("dddd")  # a fourth string: memory full, so it starts afresh
    remembering("a")
    assert calls == ["a", "bb", "ccc", "dddd", "a"]


def test_remembered_keeps_a_search_that_found_nothing():
    calls: list[str] = []

    def search(word: str) -> None:
        calls.append(word)

    remembering = remembered(search)
    assert remembering("x") is None and remembering("x") is None
    assert calls == ["x"]


def test_remembered_searches_a_long_string_each_time():
    """A document of long distinct words must not fill memory with them."""
    calls: list[str] = []

    def search(word: str) -> int:
        calls.append(word)
        return len(word)

    remembering = remembered(search)
    long = "x" * (REMEMBERED_CHARS + 1)
    assert remembering(long) == remembering(long) == REMEMBERED_CHARS + 1
    assert calls == [long, long]
