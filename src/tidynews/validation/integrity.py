"""A package's files as bytes: only regular files are opened, and hashes are taken
while streaming.

A descriptor can point a resource at a FIFO (reading blocks forever) or at
/dev/zero (reading never ends), so every file is opened without blocking and
refused unless it is a regular file, before a byte is read.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from tidynews.errors import Issue, PackageError

if TYPE_CHECKING:
    from tidynews.validation.descriptor import Resource

HASH_ALGORITHMS = ("md5", "sha1", "sha256", "sha512")
_CHUNK = 1 << 20


class NotRegularFile(OSError):
    """A path that is a FIFO, a device, a socket or a folder: never read."""

    def __init__(self, path: Path):
        super().__init__(errno.EINVAL, "not a regular file (a FIFO, device or folder)", str(path))


def open_regular(path: Path) -> io.BufferedReader:
    """`path` opened for reading in binary, if it is a regular file; NotRegularFile
    (an OSError) otherwise. Opened non-blocking, so a FIFO is refused at once
    instead of waiting for a writer; the flag changes nothing for a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def is_regular(path: Path) -> bool:
    """Whether `path` (followed through symlinks) is a regular file: what a parser
    that opens it itself may be given."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def hash_spec(resource: Resource) -> tuple[str, str] | None:
    """(algorithm, expected digest) of the resource's `hash`, or None without one.

    A hash without an "<algorithm>:" prefix is MD5, as the Data Package spec says;
    the algorithm's name is read in any case (`SHA256:` is `sha256:`)."""
    if not resource.hash:
        return None
    algorithm, _, expected = resource.hash.rpartition(":")
    return algorithm.lower() or "md5", expected


def hash_mismatch(resource: Resource) -> tuple[str, str] | None:
    """(message, actual digest) when the resource's file, read in chunks, does not
    match its `hash`, else None."""
    spec = hash_spec(resource)
    if spec is None or resource.hash is None:  # the one implies the other
        return None
    if spec[0] not in HASH_ALGORITHMS:
        return f"unsupported hash algorithm {spec[0]!r}", resource.hash
    digest = hashlib.new(spec[0])
    buffer = bytearray(_CHUNK)  # one buffer read into again and again: no chunk allocated
    view = memoryview(buffer)
    with open_regular(resource.path) as file:
        while size := file.readinto(buffer):
            digest.update(view[:size])
    return _compare(spec, digest.hexdigest())


def _compare(spec: tuple[str, str], actual: str) -> tuple[str, str] | None:
    algorithm, expected = spec
    if actual == expected:  # hex digits compared as written, as frictionless does
        return None
    message = (
        f"the data file's {algorithm} is {actual}, the descriptor says {expected}: "
        "the file changed after the build"
    )
    return message, actual


def read_verified(resource: Resource) -> bytes:
    """The resource's file, read once and hashed chunk by chunk as it is read.
    PackageError when it is missing, not a regular file, or not the bytes the
    descriptor promises (its hash, then its size)."""
    where = resource.path
    spec = hash_spec(resource)
    if spec is not None and spec[0] not in HASH_ALGORITHMS:
        raise PackageError(
            f"{where}: unsupported hash algorithm {spec[0]!r} (hash-count). "
            "Rebuild or reinstall the package."
        )
    digest = hashlib.new(spec[0]) if spec else None
    data = bytearray()
    try:
        with open_regular(where) as file:
            while chunk := file.read(_CHUNK):
                data += chunk
                if digest is not None:
                    digest.update(chunk)
    except NotRegularFile:
        raise PackageError(
            f"{where}: data file is not a regular file (a FIFO, device or folder); "
            "not read. Rebuild or reinstall the package."
        ) from None
    except OSError:
        raise PackageError(
            f"{where}: data file is missing. Rebuild or reinstall the package."
        ) from None
    mismatch = _compare(spec, digest.hexdigest()) if spec and digest is not None else None
    if mismatch:
        raise PackageError(
            f"{where}: {mismatch[0]} (hash-count). Rebuild or reinstall the package."
        )
    if isinstance(resource.bytes, int) and resource.bytes != len(data):
        raise PackageError(
            f"{where}: the data file has {len(data)} bytes, the descriptor says "
            f"{resource.bytes} (byte-count). Rebuild or reinstall the package."
        )
    return bytes(data)


def integrity_issues(resource: Resource) -> list[Issue]:
    """byte-count and hash-count for a data file that is a regular file."""
    issues = []
    size = resource.path.stat().st_size
    if resource.bytes is not None and resource.bytes != size:
        issues.append(
            Issue(
                "byte-count",
                resource.name,
                None,
                None,
                str(size),
                f"the data file has {size} bytes, the descriptor says {resource.bytes}",
            )
        )
    mismatch = hash_mismatch(resource)
    if mismatch:
        issues.append(Issue("hash-count", resource.name, None, None, mismatch[1], mismatch[0]))
    return issues


def parquet_issues(copy: Resource) -> list[Issue]:
    """The Parquet copy must be there, be the bytes the descriptor promises, and read
    as Parquet with the schema's columns: load() reads it instead of the CSV."""
    name = copy.path.name
    if not is_regular(copy.path):
        what = "is missing" if not copy.path.exists() else "is not a regular file"
        return [
            Issue(
                "source-error",
                copy.name,
                None,
                None,
                name,
                f"the Parquet copy {name} {what}: rebuild the package",
            )
        ]
    issues = [
        Issue(i.code, i.table, i.row, i.field, i.value, f"Parquet copy: {i.message}")
        for i in integrity_issues(copy)
    ]
    import polars as pl

    try:
        columns = list(pl.read_parquet_schema(copy.path))
    except Exception as exc:  # whatever fails to read the footer: not Parquet
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        reason = f"is not a readable Parquet file ({first})"
    else:
        expected = [f["name"] for f in copy.schema["fields"]]
        if columns == expected:
            return issues
        reason = f"has the columns {columns}, the schema {expected}"
    return [
        *issues,
        Issue("source-error", copy.name, None, None, name, f"the Parquet copy {name} {reason}"),
    ]
