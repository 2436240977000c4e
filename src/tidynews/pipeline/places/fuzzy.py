"""Step 1b, near misses: a misspelt name ("Deri Ezzor") matched by bounded fuzzy
matching among the places of the document's countries.

Each country's names, sorted by length with their character masks, are built once
into the gazetteer index (`tables`), so a build that needs them loads them instead
of grouping every name of the gazetteer by country (seconds per process).
"""

from __future__ import annotations

import array
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from tidynews.pipeline.places.gazetteer import Candidate, Gazetteer
from tidynews.pipeline.places.lexicon import DIRECTIONS, LOCATIVE, TYPE_WORDS
from tidynews.pipeline.places.names import Name, take_type_word
from tidynews.pipeline.places.names import written as written_form

if TYPE_CHECKING:  # annotations only
    from tidynews.pipeline.nlp import Paragraph

FUZZY_CUTOFF = 88  # rapidfuzz ratio; "Deri Ezzor" ~ "Der Ezzor" scores 95
_LOCATED = LOCATIVE | DIRECTIONS  # before a misspelt name of two words

# One country's names as the index stores them: names sorted by (length, name, row),
# their place rows (array "i") and character masks (array "Q"), as bytes.
Stored = tuple[list[str], bytes, bytes]


def fuzzy_names(
    doc: Paragraph,
    gaz: Gazetteer,
    found: list[Name],
    countries: list[str],
    seen: dict[str, tuple[str, str] | None] | None = None,
) -> list[Name]:
    """Misspelt names, only before a type word or after a locative word, and only
    among the places of the document's countries. `seen`: the closest match of each
    form already tried in the document (with the same `countries`)."""
    seen = {} if seen is None else seen
    if not countries:
        return []
    lower, words, n = doc.user_data["lower"], doc.user_data["words"], len(doc)
    starts = _starts(lower, words)
    if not starts:
        return []
    taken = {k for f in found for k in range(f.first, f.last + 1)}
    out = []
    for i in starts:
        if i in taken:
            continue
        for last in (i + 1, i):
            if last >= n or last in taken or not words[last].istitle():
                continue
            before = lower[i - 1] if i > 0 else ""
            after = lower[last + 1] if last + 1 < n else ""
            located = before in _LOCATED and last > i  # one word: too risky
            if after not in TYPE_WORDS and not located:
                continue
            written = written_form(doc, i, last)
            if len(written) < 5:
                continue
            if written not in seen:
                seen[written] = closest(gaz, countries, written)
            best = seen[written]
            if best is None or best[0].startswith(written) or written.startswith(best[0]):
                continue  # "Somali" is Somalia's demonym, not a misspelling of it
            match = Name(i, last, [Candidate(best[1], primary=True)])
            take_type_word(doc, match)
            out.append(match)
            taken.update(range(match.first, match.last + 1))
            break
    return out


def _starts(lower: list[str], words: list[str]) -> list[int]:
    """The title-case tokens a misspelt name may start at: before a type word (one
    word or two) or after a locative word (two), in order."""
    n = len(lower)
    starts = [p + 1 for p in compress(range(n - 1), map(_LOCATED.__contains__, lower))]
    if not TYPE_WORDS.keys().isdisjoint(lower):  # few lines have one
        typed = compress(range(n), map(TYPE_WORDS.__contains__, lower))
        starts = sorted({*starts, *(i for k in typed for i in (k - 1, k - 2) if i >= 0)})
    return [i for i in starts if words[i].istitle()]


def closest(gaz: Gazetteer, countries: list[str], written: str) -> tuple[str, str] | None:
    """(name, place_id) of the best fuzzy match among the countries' places, if any
    reaches FUZZY_CUTOFF; ties go to the smallest (name, place_id), whatever the order
    of `countries`.

    Only names that can reach the cutoff are scored. fuzz.ratio is
    100 * (1 - indel distance / total length), so a name of a length too far from
    the written one's, or with too many characters it lacks (or the reverse; each
    costs at least one insertion or deletion), is left out at once."""
    size = len(written)
    low = math.floor(size * FUZZY_CUTOFF / (200 - FUZZY_CUTOFF))
    high = math.ceil(size * (200 - FUZZY_CUTOFF) / FUZZY_CUTOFF)
    written_mask = np.uint64(char_mask(written))
    runs = _runs(size, low, high)
    best = None
    for code in countries:
        choices = _choices(gaz, code)
        first, last = choices.start(low), choices.start(high + 1)
        distinct = np.bitwise_count(choices.masks[first:last] ^ written_mask)
        reachable: list[int] = []
        for shortest, longest, most in runs:
            start, end = choices.start(shortest) - first, choices.start(longest + 1) - first
            reachable += (np.flatnonzero(distinct[start:end] <= most) + (start + first)).tolist()
        names = [choices.names[i] for i in reachable]
        for name, score, index in process.extract(
            written, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        ):
            place_id = gaz.places.place_id(int(choices.rows[reachable[index]]))
            key = (-score, name, place_id)
            if best is None or key < best:
                best = key
    return None if best is None else (best[1], best[2])


def _runs(size: int, low: int, high: int) -> list[tuple[int, int, int]]:
    """The name lengths from `low` to `high` in runs that allow the same number of
    characters the masks may differ in: 100 * (total - distinct) >= FUZZY_CUTOFF *
    total - 1 (the best ratio a name could score, in integers with slack) is distinct
    <= ((100 - FUZZY_CUTOFF) * total + 1) // 100, which changes once every eight
    lengths or so: (shortest, longest, most distinct characters)."""
    runs: list[tuple[int, int, int]] = []
    for length in range(low, high + 1):
        most = ((100 - FUZZY_CUTOFF) * (length + size) + 1) // 100
        if runs and runs[-1][2] == most:
            runs[-1] = (runs[-1][0], length, most)
        else:
            runs.append((length, length, most))
    return runs


def char_mask(text: str) -> int:
    """The characters of `text` as bits (code point mod 64): a name and the written
    form differ in at least as many characters as their masks differ in bits."""
    mask = 0
    for ch in set(text):
        mask |= 1 << (ord(ch) & 63)
    return mask


def tables(gaz: Gazetteer) -> dict[str, Stored]:
    """Every country's fuzzy-match targets, for the index."""
    by_country: dict[str, list[tuple[int, str, int]]] = {}
    for name, coded in gaz.names.items():
        for c in (coded,) if isinstance(coded, int) else coded:
            code = gaz.places.country_code(c >> 2)
            if code:
                by_country.setdefault(code, []).append((len(name), name, c >> 2))
    out = {}
    for code, triples in sorted(by_country.items()):
        triples = sorted(set(triples))
        names = [t[1] for t in triples]
        rows = array.array("i", [t[2] for t in triples]).tobytes()
        masks = array.array("Q", [char_mask(name) for name in names]).tobytes()
        out[code] = (names, rows, masks)
    return out


@dataclass(frozen=True, slots=True)
class _Choices:
    """Fuzzy-match targets of one country, sorted by length."""

    offsets: list[int]  # offsets[k]: how many names are shorter than k characters
    names: list[str]
    rows: np.ndarray
    masks: np.ndarray

    def start(self, length: int) -> int:
        """The first name of at least `length` characters (len(names) if none)."""
        return self.offsets[min(length, len(self.offsets) - 1)]


@lru_cache(maxsize=512)
def _choices(gaz: Gazetteer, country: str) -> _Choices:
    """One country's targets, decoded from the index (or built, for a gazetteer that
    was not loaded from one); cached per country: documents combine countries endlessly."""
    if gaz.fuzzy is None:
        gaz.fuzzy = tables(gaz)
    names, rows, masks = gaz.fuzzy.get(country, ([], b"", b""))
    lengths = np.fromiter(map(len, names), dtype=np.int64, count=len(names))
    longest = int(lengths[-1]) if len(names) else 0
    return _Choices(
        np.searchsorted(lengths, np.arange(longest + 2), side="left").tolist(),
        names,
        np.frombuffer(rows, dtype=np.int32),
        np.frombuffer(masks, dtype=np.uint64),
    )
