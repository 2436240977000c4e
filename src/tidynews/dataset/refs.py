"""Open a package given as a path, a tidynews wheel or a git ref, for `diff` and `release`.

What the user typed is never handed to a program that reads options (a ref such
as `--output=FILE` would make git write a file), and a wheel is read member by
member within a size budget (a zip bomb of a few MB can unpack to gigabytes).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from tidynews.errors import PackageError
from tidynews.validation.descriptor import PARQUET_KEY

WHEEL_PACKAGE = "tidynews/_package/"
WHEEL_BUDGET = 4 << 30  # bytes unpacked from one wheel: far above any real dataset wheel
MAX_RATIO = 1000  # a member unpacking to over 1000x its compressed size is a zip bomb


@contextmanager
def opened(source: str | Path) -> Iterator[Path]:
    """A local descriptor path for a path, a folder, a wheel or a git ref."""
    path = Path(source)
    if path.suffix == ".whl" and path.is_file():
        with tempfile.TemporaryDirectory(prefix="tidynews-diff-") as tmp:
            yield _unpack_wheel(path, Path(tmp))
        return
    if path.exists():
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="tidynews-diff-") as tmp:
        _checkout(str(source), Path(tmp))
        yield Path(tmp) / "datapackage.json"


def _unpack_wheel(wheel_path: Path, into: Path) -> Path:
    """Unpack the wheel's descriptor and the data files it lists, nothing else."""
    try:
        with zipfile.ZipFile(wheel_path) as wheel:
            descriptor = _extract(wheel, WHEEL_PACKAGE + "datapackage.json", into, wheel_path)
            for name in _data_files(descriptor, wheel_path):
                _extract(wheel, WHEEL_PACKAGE + name, into, wheel_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackageError(f"{wheel_path}: not a readable wheel ({exc}).") from None
    return descriptor


def _data_files(descriptor: Path, wheel_path: Path) -> list[str]:
    try:
        resources = json.loads(descriptor.read_text(encoding="utf-8")).get("resources", [])
        paths = [r.get("path") for r in resources] + [
            (r.get(PARQUET_KEY) or {}).get("path") for r in resources
        ]
    except (ValueError, AttributeError, RecursionError) as exc:
        raise PackageError(f"{wheel_path}: its datapackage.json is not readable ({exc}).") from None
    out = []
    for path in paths:
        if path is None:
            continue
        pure = PurePosixPath(path) if isinstance(path, str) else None
        if pure is None or pure.is_absolute() or ".." in pure.parts:
            raise PackageError(f"{wheel_path}: resource path {path!r} is unsafe (unsafe-path).")
        out.append(str(pure))
    return out


def _extract(wheel: zipfile.ZipFile, name: str, into: Path, wheel_path: Path) -> Path:
    """Copy one member out in chunks, refusing it past the budget or a bomb's ratio."""
    try:
        info = wheel.getinfo(name)
    except KeyError:
        raise PackageError(f"{wheel_path}: this wheel ships no {name}.") from None
    budget = min(WHEEL_BUDGET, max(1 << 20, info.compress_size * MAX_RATIO))
    target = into / PurePosixPath(name).relative_to(WHEEL_PACKAGE)
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with wheel.open(info) as source, target.open("wb") as sink:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > budget:
                raise PackageError(
                    f"{wheel_path}: {name} unpacks to more than {budget:,} bytes from "
                    f"{info.compress_size:,}: refused as a zip bomb."
                )
            sink.write(chunk)
    return target


def _checkout(ref: str, into: Path) -> None:
    """Extract the package committed at git `ref` (descriptor and data/) into `into`.

    The ref is first resolved to a commit id (`--end-of-options` keeps a ref that
    starts with "-" from being read as an option); only that id reaches git archive."""
    if shutil.which("git") is None:
        raise PackageError(f"{ref}: not a file, and git is not installed to read it as a ref.")
    resolved = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    commit = resolved.stdout.strip()
    if resolved.returncode != 0 or not commit:
        raise PackageError(
            f"{ref}: not a package path, wheel or git ref (no such file, and git knows no "
            "such commit here)."
        )
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "datapackage.json", "data"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        message = archive.stderr.decode(errors="replace").strip().splitlines()
        raise PackageError(
            f"{ref}: not a package path, wheel or git ref with a committed package "
            f"({message[-1] if message else 'git archive failed'})."
        )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
