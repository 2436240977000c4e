"""Read seed files into Documents: bytes, hash, decoded text and sidecar facts."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tidynews.errors import SeedError

ARTICLE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SIDECAR_KEYS = ("title", "outlet", "url", "published", "language")
_URL_RE = re.compile(r"^https?://\S+$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Document:
    """One seed document: its decoded text plus provenance.

    `text` is the decoded source with any BOM removed and nothing else changed,
    so every offset in every table indexes into it.
    """

    article_id: str
    source_file: str
    sha256: str
    encoding: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict)


def discover_seeds(seeds_dir: Path) -> list[Path]:
    """The seed files (`*.txt`) in `seeds_dir`, sorted by name for a stable build order."""
    if not seeds_dir.is_dir():
        raise SeedError(f"{seeds_dir}: not a folder of seed documents. Pass the folder with *.txt.")
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())


def read_seed(path: Path) -> Document:
    """Read one seed file (and its optional sidecar `<stem>.json`) into a Document.

    >>> read_seed(Path("seeds/000_x.txt")).article_id  # doctest: +SKIP
    '000_x'
    """
    label = f"{path.parent.name}/{path.name}"
    if not ARTICLE_ID_RE.match(path.stem):
        raise SeedError(
            f"{label}: file name {path.stem!r} cannot be an article id (seed-name). "
            "Rename it to letters, digits, '.', '_' or '-' only."
        )
    data = path.read_bytes()
    text, encoding = _decode(data, label)
    if not text.strip():
        kind = "empty" if not text else "only whitespace"
        raise SeedError(
            f"{label}: file is {kind} (seed-empty). Add the document's text or remove it."
        )
    return Document(
        article_id=path.stem,
        source_file=label,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        text=text,
        metadata=_read_sidecar(path.with_suffix(".json")),
    )


def _decode(data: bytes, label: str) -> tuple[str, str]:
    """Decode UTF-8 (BOM removed) or BOM-marked UTF-16; anything else is a SeedError."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SeedError(
                f"{label}: not valid UTF-16 at byte {exc.start} (seed-encoding). Re-save as UTF-8."
            ) from None
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    body = data[len(codecs.BOM_UTF8) :] if encoding == "utf-8-sig" else data
    if b"\x00" in body:
        offset = data.index(b"\x00")
        raise SeedError(
            f"{label}: NUL byte at byte {offset}: a binary file, not text (seed-binary). "
            "Convert it to UTF-8 plain text or remove it."
        )
    try:
        return body.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        line = data.count(b"\n", 0, offset) + 1
        raise SeedError(
            f"{label}:{line}: not valid UTF-8 at byte {offset} (seed-encoding). "
            "Re-save the file as UTF-8 or remove it."
        ) from None


def _read_sidecar(path: Path) -> dict[str, str]:
    """Facts the text lacks, from `<stem>.json`; used as given, never invented."""
    if not path.is_file():
        return {}
    label = f"{path.parent.name}/{path.name}"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SeedError(
            f"{label}: not a valid UTF-8 JSON sidecar ({exc}) (seed-sidecar). Fix it."
        ) from None
    if not isinstance(raw, dict):
        raise SeedError(f"{label}: sidecar must be a JSON object (seed-sidecar).")
    unknown = sorted(set(raw) - set(SIDECAR_KEYS))
    if unknown:
        raise SeedError(
            f"{label}: unknown sidecar field {unknown[0]!r} (seed-sidecar). "
            f"Use only {', '.join(SIDECAR_KEYS)}."
        )
    facts: dict[str, str] = {}
    for key, value in raw.items():
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise SeedError(f"{label}: field {key!r} must be a non-empty string (seed-sidecar).")
        facts[key] = value
    _check_fact(label, facts, "url", _URL_RE.match, "an http(s) address")
    _check_fact(label, facts, "language", _LANGUAGE_RE.match, "a BCP 47 tag such as 'en'")
    _check_fact(label, facts, "published", _is_iso_date, "an ISO date (YYYY-MM-DD)")
    return facts


def _check_fact(label: str, facts: dict[str, str], key: str, ok, expected: str) -> None:
    if key in facts and not ok(facts[key]):
        raise SeedError(f"{label}: field {key!r} is {facts[key]!r}, not {expected} (seed-sidecar).")


def _is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
