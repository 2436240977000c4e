"""Where a paragraph quotes someone: the character ranges inside quotation marks.

A cue inside a quotation is the quoted speaker's, not the reporter's attribution
("'I said no,' he said" is attributed to "he"), and every sentence of one quotation
has the speaker its attributed sentence names ("'A. B,' he said": A is his too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
# the only characters that open or close a quotation ('' and `` included): the rest
# of a paragraph is skipped in C, not read a character at a time
_MARK_RE = re.compile("[" + re.escape(OPENING + CLOSING + STRAIGHT + "`'") + "]")


@dataclass(frozen=True, slots=True)
class Quotation:
    """Characters `start`..`end` of a paragraph lie between quote marks; `closed` is
    False when the paragraph ends before the closing mark (the quote goes on in the
    next paragraph, as news style writes a long quotation)."""

    start: int
    end: int
    closed: bool


def quotations(text: str) -> list[Quotation]:
    """The quotations of one paragraph, outermost only; single quotes are left alone
    (they are apostrophes as often as quote marks)."""
    out: list[Quotation] = []
    open_at: int | None = None
    for mark in _MARK_RE.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch in OPENING and i and not text[i - 1].isspace() and text[i + 1 : i + 2] in ("", " "):
            ch = CLOSING[0]  # 'unusual,“ said Ruiz': an opening mark typed where one closes
        doubled = text[i : i + 2] in ("``", "''") and text[i - 1 : i] != ch
        if open_at is None:
            # '' opens too where a word could start (newspapers that write '' both ways)
            starts = i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–"
            if ch in OPENING or ch == STRAIGHT or (doubled and (ch == "`" or starts)):
                open_at = i + (2 if doubled else 1)
        elif ch in CLOSING or ch == STRAIGHT or (doubled and ch == "'"):
            if i > open_at:
                out.append(Quotation(open_at, i, True))
            open_at = None
        elif ch in OPENING and text[open_at:i].strip():
            # a new opening mark before a close: the earlier one was never closed
            out.append(Quotation(open_at, i, True))
            open_at = i + 1
    if open_at is not None and text[open_at:].strip():
        out.append(Quotation(open_at, len(text), False))
    return out


def inside(quotes: list[Quotation], position: int) -> bool:
    """Whether character `position` is quoted."""
    return any(q.start <= position < q.end for q in quotes)


def quotation_of(quotes: list[Quotation], start: int, end: int) -> int | None:
    """Index of the first quotation the text `start`..`end` shares a character with."""
    if not quotes:
        return None
    return next((i for i, q in enumerate(quotes) if q.start < end and start < q.end), None)
