"""The gazetteer's names as an on-disk hash table: a name's coded candidates found
without building a dict of 380,000 names at start-up.

Each name is an entry (in the order the gazetteer named them): its UTF-8 bytes in
one blob and its codes (see `table`: one int, or a tuple of several). Slots (32
bits), two to four times as many as the entries (a power of two), hold entry + 1 in
their low bits (0: empty) and the name's CRC-32's high bits above, at the CRC's low
bits, probed linearly: most spans looked up name nothing, and most of those end at
an empty slot or at high bits that differ, after one read of a table small enough
to stay in the processor's cache (4 MB). A process remembers what it looked up (see `trim`), so a
name costs a dict hit after its first sight.
"""

from __future__ import annotations

import array
from collections.abc import Iterator, Mapping
from typing import Any
from zlib import crc32

from tidynews.pipeline.places.store import Store
from tidynews.pipeline.places.table import Coded

MEMO_LIMIT = 500_000  # names remembered (hits and misses) before starting afresh
_UNSEEN = object()
SECTIONS = ("name_offsets", "name_blob", "code_offsets", "codes", "slots")


def encode(names: Mapping[str, Coded]) -> dict[str, bytes]:
    """The sections of a table of `names`, for `store.write`."""
    blob = bytearray()
    name_offsets = array.array("I", [0])
    code_offsets, codes = array.array("I", [0]), array.array("I")
    size = 1 << max(3, (2 * len(names)).bit_length())
    bits = entry_bits(len(names))
    slots = array.array("I", bytes(4 * size))
    mask = size - 1
    for entry, (name, coded) in enumerate(names.items()):
        key = name.encode()
        blob += key
        name_offsets.append(len(blob))
        h = crc32(key)
        codes.extend((coded,) if isinstance(coded, int) else coded)
        code_offsets.append(len(codes))
        i = h & mask
        while slots[i]:
            i = (i + 1) & mask
        slots[i] = (h >> bits) << bits | entry + 1
    parts = (name_offsets, bytes(blob), code_offsets, codes, slots)
    return {name: bytes(part) for name, part in zip(SECTIONS, parts, strict=True)}


def entry_bits(count: int) -> int:
    """The low bits of a slot, that hold entry + 1 (1 to count); the rest hold the
    CRC's high bits (13 of them for 380,000 names)."""
    return count.bit_length()


class NameTable(Mapping[str, Coded]):
    """Name -> coded candidates, read from a mapped index (`encode`'s sections)."""

    def __init__(self, store: Store) -> None:
        self._map = store.map
        self._base = store.span("name_blob")[0]
        self._offsets = store.view("name_offsets", "I")
        self._code_offsets = store.view("code_offsets", "I")
        self._codes = store.view("codes", "I")
        self._slots = store.view("slots", "I")
        self._mask = len(self._slots) - 1
        self._bits = entry_bits(len(self._offsets) - 1)
        self._entries = (1 << self._bits) - 1
        self._memo: dict[str, Coded | None] = {}

    def __contains__(self, name: object) -> bool:
        found = self._memo.get(name, _UNSEEN)  # type: ignore[call-overload]
        if found is _UNSEEN:
            found = self._first_sight(name)
        return found is not None

    def get(self, name: str, default: Any = None) -> Any:
        found = self._memo.get(name, _UNSEEN)
        if found is _UNSEEN:
            found = self._first_sight(name)
        return default if found is None else found

    def __getitem__(self, name: str) -> Coded:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __iter__(self) -> Iterator[str]:
        return map(self._name, range(len(self._offsets) - 1))

    def items(self) -> Iterator[tuple[str, Coded]]:  # type: ignore[override]
        """Every name and its codes, in the order the gazetteer named them."""
        return ((self._name(e), self._coded(e)) for e in range(len(self._offsets) - 1))

    def _first_sight(self, name: Any) -> Coded | None:
        """Look `name` up in the table and remember the answer (one function: this
        runs for every new capitalised span of every document, most of them no name)."""
        try:
            key = name.encode()
        except (AttributeError, UnicodeEncodeError):
            return None  # not a str, or one no name is (a lone surrogate)
        h = crc32(key)
        mask, slots, bits = self._mask, self._slots, self._bits
        tag = h >> bits
        found: Coded | None = None
        i = h & mask
        while slot := slots[i]:
            if slot >> bits == tag:
                entry, offsets, start = (slot & self._entries) - 1, self._offsets, self._base
                if self._map[start + offsets[entry] : start + offsets[entry + 1]] == key:
                    found = self._coded(entry)
                    break
            i = (i + 1) & mask
        self._memo[name] = found
        return found

    def trim(self) -> None:
        """Forget what was looked up once it is MEMO_LIMIT names (between documents:
        a long build sees ever more capitalised spans that name nothing)."""
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()

    def _name(self, entry: int) -> str:
        base, offsets = self._base, self._offsets
        return self._map[base + offsets[entry] : base + offsets[entry + 1]].decode()

    def _coded(self, entry: int) -> Coded:
        start, end = self._code_offsets[entry], self._code_offsets[entry + 1]
        return self._codes[start] if end - start == 1 else tuple(self._codes[start:end])
