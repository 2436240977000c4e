"""Spans and the RFC 5147 text fragment ids every derived row is keyed by."""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range [start, end) of code points in a document's decoded text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text_of(self, source: str) -> str:
        """The characters this span covers in `source`."""
        return source[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


def fragment_id(article_id: str, span: Span) -> str:
    """`<article_id>#char=<start>,<end>`, stable across versions while the span is.

    >>> fragment_id("doc", Span(3, 9))
    'doc#char=3,9'
    """
    return fragment_id_at(article_id, span.start, span.end)


def fragment_id_at(article_id: str, start: int, end: int) -> str:
    """fragment_id of the span [start, end), without making the Span."""
    return f"{article_id}#char={start},{end}"


def lines(text: str, span: Span) -> list[tuple[str, int]]:
    """The lines of `text[span]` with the document offset of each, breaking at
    CRLF, CR or LF alike, so offsets stay exact whatever the seed's line ends."""
    out, start = [], span.start
    for match in LINE_BREAK_RE.finditer(text, span.start, span.end):
        out.append((text[start : match.start()], start))
        start = match.end()
    out.append((text[start : span.end], start))
    return out
