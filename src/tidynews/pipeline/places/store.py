"""The gazetteer index file: a small marshalled head, then raw sections that a
process maps into memory and reads in place.

Loading a whole index made a million objects before the first document (a third of
a second); mapped, a process decodes only the names and places it looks up, and the
operating system shares the file's pages between parallel workers.

Layout: MAGIC, then head length, head CRC-32 and file length (little-endian), the
head (marshal: small values, and each section's offset and length), then the
sections, each aligned to 8 bytes for typed views. A truncated or foreign file
fails the length, magic or head check and is rebuilt (the writer renames a whole
file into place, so a reader never sees one half written).
"""

from __future__ import annotations

import marshal
import mmap
import struct
import zlib
from typing import IO, Any

MAGIC = b"TNGAZ\x00\x02\n"
_HEADER = struct.Struct("<8sQIxxxxQ")  # magic, head length, head CRC-32, file length
_ALIGN = 8


def write(out: IO[bytes], head: dict[str, Any], sections: dict[str, bytes]) -> None:
    """Write `head` and the raw `sections` (bytes in native byte order: the file
    serves this machine, as its name says which Python built it)."""
    offsets: dict[str, tuple[int, int]] = {}  # from the end of the head, aligned
    position = 0
    for name, data in sections.items():
        offsets[name] = (position, len(data))
        position = _aligned(position + len(data))
    head_bytes = marshal.dumps({**head, "sections": offsets})
    base = _aligned(_HEADER.size + len(head_bytes))
    total = base + max((start + length for start, length in offsets.values()), default=0)
    out.write(_HEADER.pack(MAGIC, len(head_bytes), zlib.crc32(head_bytes), total))
    out.write(head_bytes)
    written = _HEADER.size + len(head_bytes)
    for name, data in sections.items():
        start = base + offsets[name][0]
        out.write(b"\0" * (start - written))
        out.write(data)
        written = start + len(data)
    out.write(b"\0" * (total - written))


def _aligned(position: int) -> int:
    return -(-position // _ALIGN) * _ALIGN


class Store:
    """An index file mapped read-only; raises ValueError for one that is not whole."""

    def __init__(self, path: str) -> None:
        with open(path, "rb") as file:
            self.map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        if len(self.map) < _HEADER.size:
            raise ValueError(f"{path}: too short for an index")
        magic, head_length, crc, total = _HEADER.unpack(self.map[: _HEADER.size])
        if magic != MAGIC or total != len(self.map) or head_length > total:
            raise ValueError(f"{path}: not a whole index of this version")
        head_bytes = self.map[_HEADER.size : _HEADER.size + head_length]
        if zlib.crc32(head_bytes) != crc:
            raise ValueError(f"{path}: a damaged index head")
        self.head: dict[str, Any] = marshal.loads(head_bytes)
        base = _aligned(_HEADER.size + head_length)
        self._sections = {
            name: (base + start, length)
            for name, (start, length) in self.head.pop("sections").items()
        }
        self._view = memoryview(self.map)

    def view(self, name: str, typecode: str = "B") -> memoryview:
        """Section `name` in place, as items of `typecode` (no copy)."""
        start, length = self._sections[name]
        return self._view[start : start + length].cast(typecode)  # type: ignore[call-overload]

    def floats(self, name: str) -> memoryview[float]:
        """Section `name` in place, as doubles: typed so, where view()'s items are ints
        to the type checker (and to mypyc, which checks them)."""
        start, length = self._sections[name]
        return self._view[start : start + length].cast("d")

    def span(self, name: str) -> tuple[int, int]:
        """Where section `name` starts and ends in `map`, to slice bytes out of it."""
        start, length = self._sections[name]
        return start, start + length
