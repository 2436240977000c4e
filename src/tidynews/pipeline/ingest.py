"""Read seed files into Documents: bytes, hash, decoded text and sidecar facts."""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from tidynews.errors import SeedError
from tidynews.pipeline.prose import check_prose
from tidynews.pipeline.vocab import SourceEncoding

SIDECAR_KEYS = (
    "title",
    "outlet",
    "url",
    "published",
    "author",
    "language",
    # written by `tidynews ingest`: where the text came from and where its article ends
    "retrieved",  # when a crawler fetched the page (a WARC-Date), ISO 8601 in UTC
    "page_sha256",  # sha256 of the original page's bytes (the seed's own is Document.sha256)
    "n_article_paragraphs",  # the seed's first n lines are the article, the rest comments
)
_RETRIEVED_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_URL_RE = re.compile(r"^https?://\S+$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_NOT_ID_CHARS_RE = re.compile(r"[^A-Za-z0-9._-]+")
_HTML_RE = re.compile(r"<(?:!doctype html|html|head|body|div|p|br|span|a\s|script|meta)\b", re.I)
_HTML_MIN_TAGS = 3
_UNREAD_ADVICE = (
    (
        (".html", ".htm", ".xhtml", ".mhtml"),
        "a web page: extract the article's text first "
        "(for example with trafilatura) and save it as .txt",
    ),
    ((".pdf",), "a PDF: extract its text (for example with pdftotext) and save it as .txt"),
    (
        (".docx", ".doc", ".odt", ".rtf", ".pages"),
        "a word-processor file: save it as plain text (.txt, UTF-8)",
    ),
    (
        (".md", ".markdown", ".text", ".rst"),
        "plain text under another suffix: rename it to "
        ".txt if it is a document, or move it out of the seeds folder",
    ),
)
# iconv's names for the codecs charset-normalizer reports in Python's spelling
_CODEC_NAMES = {f"cp{n}": f"windows-{n}" for n in range(1250, 1259)} | {
    "latin_1": "iso-8859-1",
    "utf_16": "utf-16",
}
# charset-normalizer's "chaos" differs by a few hundredths between readings that are
# equally right (curly quotes read as Baltic letters scored cleaner than cp1252)
_CHAOS_SLACK = 0.1


@dataclass(frozen=True, slots=True)
class Document:
    """One seed document: its decoded text plus provenance.

    `text` is the decoded source with any BOM removed and nothing else changed,
    so every offset in every table indexes into it.
    """

    article_id: str
    source_file: str
    sha256: str
    encoding: SourceEncoding
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    # from the sidecar when the page said where its article ends (`tidynews ingest`)
    n_article_paragraphs: int | None = None


def discover_seeds(seeds_dir: Path) -> list[Path]:
    """The seed files (`*.txt`) in `seeds_dir`, in article id order: the order of the
    tables' rows, so a build writes each document's rows after the ones before.

    Refused, with the file named: a symlink that leads outside the folder, and two
    files whose article ids differ only in case (they would clash on macOS and
    Windows, and in anyone's head)."""
    if not seeds_dir.is_dir():
        raise SeedError(f"{seeds_dir}: not a folder of seed documents. Pass the folder with *.txt.")
    root = seeds_dir.resolve()
    paths = sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())
    seen: dict[str, Path] = {}
    for path in paths:
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            raise SeedError(
                f"{_label(path)}: a symlink to {path.resolve()}, outside {seeds_dir} "
                "(seed-symlink). Copy the document into the folder instead."
            )
        key = article_id_of(path).lower()
        if key in seen:
            raise SeedError(
                f"{_label(path)}: same article id as {_label(seen[key])} up to case or "
                "punctuation (seed-collision). Rename one of them."
            )
        seen[key] = path
    return sorted(paths, key=article_id_of)  # ids are unique, even up to case


def unread_files(seeds_dir: Path) -> list[tuple[str, str]]:
    """(file, what to do with it) for each entry of `seeds_dir` a build does not read:
    anything but `*.txt` seeds and their `<stem>.json` sidecars (hidden files aside)."""
    out = []
    for path in sorted(seeds_dir.iterdir()):
        if path.name.startswith(".") or (path.suffix == ".txt" and path.is_file()):
            continue
        if path.suffix == ".json" and path.with_suffix(".txt").is_file():
            continue  # a sidecar
        out.append((_label(path), _advice(path)))
    return out


def _advice(path: Path) -> str:
    suffix = path.suffix.lower()
    if path.is_symlink() and not path.exists():
        return "a symlink that leads nowhere (dangling, or a loop): fix or remove it"
    if path.is_dir():
        return "a folder: seeds are read only from the top of the seeds folder; move its files up"
    if not path.is_file():
        return "not a regular file (a FIFO, socket or device): save the document as a file"
    if suffix == ".txt":
        return f"rename it to {path.stem}.txt (the suffix is read in lower case only)"
    if suffix == ".json":
        return f"a sidecar with no {path.stem}.txt beside it: add the document or remove it"
    for suffixes, what in _UNREAD_ADVICE:
        if suffix in suffixes:
            return what
    return "not a seed: move it out of the seeds folder (a build reads *.txt and their .json)"


def article_id_of(path: Path) -> str:
    """The article id of a seed: its file stem, made ASCII ("Ünterwegs 2" -> "Unterwegs-2").

    >>> article_id_of(Path("seeds/Ünterwegs 2.txt"))
    'Unterwegs-2'
    """
    ascii_stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    article_id = _NOT_ID_CHARS_RE.sub("-", ascii_stem).strip("-._")
    if not article_id:
        raise SeedError(
            f"{_label(path)}: file name {path.stem!r} has no letters or digits to make an "
            "article id from (seed-name). Rename it, e.g. with a Latin transliteration."
        )
    return article_id


def _label(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def read_seed(path: Path) -> Document:
    """Read one seed file (and its optional sidecar `<stem>.json`) into a Document.

    >>> read_seed(Path("seeds/000_x.txt")).article_id  # doctest: +SKIP
    '000_x'
    """
    label = _label(path)
    article_id = article_id_of(path)
    try:
        data = path.read_bytes()
    except OSError as exc:  # deleted since discovery, unreadable, a folder...
        raise SeedError(
            f"{label}: cannot be read ({exc.strerror or exc}) (seed-unreadable). "
            "Check that it still exists and is readable, or remove it."
        ) from None
    text, encoding = _decode(data, label)
    if not text.strip():
        kind = "empty" if not text else "only whitespace"
        raise SeedError(
            f"{label}: file is {kind} (seed-empty). Add the document's text or remove it."
        )
    if len(_HTML_RE.findall(text, 0, 100_000)) >= _HTML_MIN_TAGS:
        raise SeedError(
            f"{label}: looks like HTML, not plain text (seed-html). Extract the article text "
            "first (for example with trafilatura or html2text) and save it as .txt."
        )
    check_prose(text, label)
    metadata = _read_sidecar(path.with_suffix(".json"))
    n_article = metadata.pop("n_article_paragraphs", None)
    n_lines = sum(1 for line in re.findall(r"[^\r\n]+", text) if line.strip())  # as segment
    if n_article is not None and int(n_article) > n_lines:
        raise SeedError(
            f"{_label(path.with_suffix('.json'))}: n_article_paragraphs is {n_article}, "
            f"but the seed has {n_lines} lines of text (seed-sidecar). Fix the count."
        )
    return Document(
        article_id=article_id,
        source_file=label,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        text=text,
        metadata=metadata,
        n_article_paragraphs=None if n_article is None else int(n_article),
    )


def _decode(data: bytes, label: str) -> tuple[str, SourceEncoding]:
    """Decode UTF-8 (BOM removed) or UTF-16 (with a BOM, or without one when the NUL
    bytes say so); anything else is a SeedError that names the likely encoding.

    Legacy encodings (Latin-1, Windows-1252) are refused rather than guessed: a wrong
    guess would put mojibake into the published data with nothing to show for it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, "utf-16", label)
    encoding: SourceEncoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    body = data[len(codecs.BOM_UTF8) :] if encoding == "utf-8-sig" else data
    if b"\x00" in body:
        utf16 = _utf16_without_bom(body)
        if utf16:
            return _decode_utf16(body, utf16, label)
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
        guess = _legacy_encoding(data[:1_000_000])
        advice = (
            f"its encoding is probably {guess}. Re-save it as UTF-8 "
            f"(e.g. iconv -f {guess} -t utf-8)"
            if guess
            else "its encoding could not be told. Re-save it as UTF-8"
        )
        raise SeedError(
            f"{label}:{line}: not valid UTF-8 at byte {offset} (seed-encoding); "
            f"{advice} or remove it."
        ) from None


def _legacy_encoding(data: bytes) -> str | None:
    """The encoding to advise for bytes that are not UTF-8, or None when unsure.

    charset-normalizer ranks Central European cp1250 first for Western text as
    often as not ("naïve" becomes "naďve"): Windows-1252, the commonest legacy
    encoding of Western web text, wins when it reads the bytes as cleanly as the
    best guess. Otherwise a guess is named only when it is the only clean one."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    clean = [m.encoding for m in matches if m.chaos == least]
    western = list(from_bytes(data, cp_isolation=["cp1252"]))
    if western and western[0].chaos <= least + _CHAOS_SLACK:
        return "windows-1252"
    if all(_decodes_alike(data, clean[0], other) for other in clean[1:]):
        return _CODEC_NAMES.get(clean[0], clean[0])
    return None  # equally clean guesses that read differently: naming one would mislead


def _decodes_alike(data: bytes, one: str, other: str) -> bool:
    try:
        return data.decode(one) == data.decode(other)
    except (UnicodeDecodeError, LookupError):
        return False


def _utf16_without_bom(body: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the NULs sit in every other byte, as they do
    for text in a Latin script; None for a binary file."""
    if len(body) % 2:
        return None
    sample = body[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.4 * half and even == 0:
        return "utf-16-le"
    if even >= 0.4 * half and odd == 0:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, codec: str, label: str) -> tuple[str, SourceEncoding]:
    try:
        return data.decode(codec), "utf-16"
    except UnicodeDecodeError as exc:
        raise SeedError(
            f"{label}: not valid UTF-16 at byte {exc.start} (seed-encoding). Re-save as UTF-8."
        ) from None


def _read_sidecar(path: Path) -> dict[str, str]:
    """Facts the text lacks, from `<stem>.json`; used as given, never invented.

    A sidecar that leads outside the seeds folder is refused like such a seed:
    its title would be published from a file nobody put in the folder."""
    label = f"{path.parent.name}/{path.name}"
    try:
        if not (path.is_symlink() or path.exists()):
            return {}
        outside = not path.resolve().is_relative_to(path.parent.resolve())
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return {}  # no file can have that name, so there is no sidecar
        raise SeedError(f"{label}: cannot be read ({exc.strerror}) (seed-sidecar).") from None
    if outside:
        raise SeedError(
            f"{label}: a symlink to {path.resolve()}, outside the seeds folder (seed-symlink). "
            "Copy the sidecar into the folder instead."
        )
    if not path.is_file():
        raise SeedError(f"{label}: not a regular file (seed-sidecar). Make it a JSON file.")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        why = "nested too deep" if isinstance(exc, RecursionError) else str(exc)[:200]
        raise SeedError(
            f"{label}: not a valid UTF-8 JSON sidecar ({why}) (seed-sidecar). Fix it."
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
        if key == "n_article_paragraphs":  # a count: the one field that is not a string
            if type(value) is not int or value < 1:
                raise SeedError(
                    f"{label}: field {key!r} is {value!r}, not a whole number of at least 1 "
                    "(seed-sidecar)."
                )
            facts[key] = str(value)
            continue
        if not isinstance(value, str) or not value.strip():
            raise SeedError(f"{label}: field {key!r} must be a non-empty string (seed-sidecar).")
        facts[key] = value
    _check_fact(label, facts, "url", _URL_RE.fullmatch, "an http(s) address")
    _check_fact(label, facts, "language", _LANGUAGE_RE.fullmatch, "a BCP 47 tag such as 'en'")
    _check_fact(label, facts, "published", _is_iso_date, "an ISO date (YYYY-MM-DD)")
    _check_fact(label, facts, "retrieved", _RETRIEVED_RE.fullmatch, "a UTC time (…T…Z)")
    _check_fact(label, facts, "page_sha256", _SHA256_RE.fullmatch, "64 lower-case hex digits")
    return facts


def _check_fact(label: str, facts: dict[str, str], key: str, ok, expected: str) -> None:
    # whole-string matches: "$" in a pattern would let a trailing newline through
    if key in facts and not ok(facts[key]):
        raise SeedError(f"{label}: field {key!r} is {facts[key]!r}, not {expected} (seed-sidecar).")


def _is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
