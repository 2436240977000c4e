"""`tidynews ingest`: saved web pages and web archives (WARC) to seeds.

Each page becomes `<out>/<id>.txt` (article paragraphs, then one reader comment
per line) and its sidecar `<out>/<id>.json`. Every page is read and checked
before any file is written, so a refused page leaves the seeds folder as it was.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tidynews.errors import SeedError
from tidynews.pipeline.ingest import SIDECAR_KEYS, article_id_of, read_seed
from tidynews.pipeline.webpage import Page, read_page, refuse_non_html, utf8_page

_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
_WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# "comment", "comment-content", "div-comment-12", "commentBody": not "comments" (a section)
_COMMENT_MARK = re.compile(r"(?:^|[\s_-])comment(?:body|content|text|entry)?(?:[\s_-]|$)", re.I)
_RETRIEVED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z")  # as read_seed takes

# trafilatura logs each page it finds too short as an ERROR; the SeedError says it once
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What an ingest did: seed ids written, replaced and left unchanged, and the
    pages skipped (with --skip-invalid) as (page, reason)."""

    written: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class _Seed:
    source: str
    article_id: str
    text: str
    sidecar: str


def ingest(
    paths: list[Path] | tuple[Path, ...],
    out: Path,
    *,
    replace: bool = False,
    skip_invalid: bool = False,
    on_page: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Turn saved pages (.html/.htm files, folders of them, .warc/.warc.gz) into seeds in `out`.

    The same page again changes nothing; a different page under an existing id is
    refused unless `replace`. `on_page(done, total)` is called as each page is read,
    with the input's bytes read so far and in all (a WARC's count is unknown ahead).

    >>> ingest([Path("saved/")], Path("seeds"))  # doctest: +SKIP
    IngestResult(written=('flood-waters-rise',), replaced=(), unchanged=(), skipped=())
    """
    sources = _sources(paths)
    total = sum(_size(source) for source in sources)
    seeds: dict[str, _Seed] = {}
    skipped: list[tuple[str, str]] = []
    before = 0
    for source in sources:
        for label, read, position in _pages(source):
            if on_page:
                on_page(before + position, total)
            try:
                seed = _seed(label, read())
                if seed.article_id in seeds and seeds[seed.article_id].text != seed.text:
                    raise SeedError(
                        f"{label}: same seed id {seed.article_id!r} as "
                        f"{seeds[seed.article_id].source}, another page (page-id-clash). "
                        "Ingest one of them on its own into another folder."
                    )
            except SeedError as exc:
                if not skip_invalid:
                    raise
                skipped.append((label, str(exc)))
                continue
            seeds.setdefault(seed.article_id, seed)
        before += _size(source)
    if skipped and not seeds:
        raise SeedError(
            f"no page could be ingested ({len(skipped)} skipped, the first because "
            f"{skipped[0][1]}); {out} was left as it was."
        )
    return _write(list(seeds.values()), out, replace=replace, skipped=skipped)


def read_web_page(data: bytes, source: str, *, url: str | None = None) -> Page:
    """One saved page's seed: `pipeline.webpage.read_page` on trafilatura's extraction.

    >>> read_web_page(b"%PDF-1.7 ...", "saved/a.html")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    tidynews.errors.SeedError: saved/a.html: a PDF saved as a web page, not HTML (page-not-html)...
    """
    from trafilatura import bare_extraction  # the ingest extra: imported when used

    html = utf8_page(data)
    refuse_non_html(html, source)  # before trafilatura, which would read a PDF as text
    extracted = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=True,
        include_tables=False,  # a seed is prose
        deduplicate=False,  # a seed keeps the page's text, a repeated line too
    )
    facts = extracted if extracted is None or isinstance(extracted, dict) else extracted.as_dict()
    blocks = _comment_blocks(html) if facts and facts.get("comments") else ()
    page = read_page(html, facts, source, url=url, comment_blocks=blocks)
    page.metadata["page_sha256"] = hashlib.sha256(data).hexdigest()  # the bytes as saved
    return page


def _comment_blocks(html: bytes) -> tuple[str, ...]:
    """The text of each innermost element the page marks as a comment (class or id
    "comment", "comment-content"...): trafilatura keeps a comment's paragraphs but
    not where one comment ends, and these blocks say it."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return ()
    marked = [
        element
        for element in tree.iter()
        if isinstance(element.tag, str)
        and _COMMENT_MARK.search(f"{element.get('class', '')} {element.get('id', '')}")
    ]
    marked_ids = {id(element) for element in marked}
    blocks = []
    for element in marked:  # the innermost: no marked element inside
        if any(id(child) in marked_ids for child in element.iterdescendants()):
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if text:
            blocks.append(text)
    return tuple(blocks)


def _sources(paths: list[Path] | tuple[Path, ...]) -> list[Path]:
    """The page files and WARCs named, a folder's in name order; anything else refused."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and _kind(p))
            if not inside:
                raise SeedError(
                    f"{path}: no .html, .htm, .warc or .warc.gz files (page-not-html). "
                    "Pass saved web pages or web archives."
                )
            found += inside
        elif not path.is_file():
            raise SeedError(f"{path}: no such file or folder (page-unreadable).")
        elif not _kind(path):
            raise SeedError(
                f"{path}: not a saved web page or web archive (page-not-html). "
                "Pass .html, .htm, .warc or .warc.gz files, or a folder of them."
            )
        else:
            found.append(path)
    return found


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(_WARC_SUFFIXES):
        return "warc"
    return "page" if name.endswith(_PAGE_SUFFIXES) else ""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _pages(path: Path) -> Iterator[tuple[str, Callable[[], Page], int]]:
    """(label, reader, bytes of the file read) for each page of a file; reading is
    deferred so that a bad page is one page's error, not the whole archive's."""
    if _kind(path) == "page":
        yield str(path), lambda: read_web_page(_read_bytes(path), str(path)), _size(path)
        return
    yield from _warc_pages(path)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SeedError(
            f"{path}: cannot be read ({exc.strerror or exc}) (page-unreadable)."
        ) from None


def _warc_pages(path: Path) -> Iterator[tuple[str, Callable[[], Page], int]]:
    """One page per HTTP response record (request, warcinfo and metadata records are
    not documents); a response that is not a 2xx HTML page is that record's error."""
    # the ingest extra, imported when used; warcio ships no type information
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), 1):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                label = f"{path} record {number} <{uri}>"
                data = record.content_stream().read()
                kind, status = _record_type(record)
                date = record.rec_headers.get_header("WARC-Date") or ""
                reader = _warc_reader(data, label, uri, kind, status, date)
                yield label, reader, stream.tell()
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        raise SeedError(
            f"{path}: not a readable WARC file ({str(exc)[:200]}) (page-unreadable)."
        ) from None


def _record_type(record) -> tuple[str, str]:
    if record.http_headers is not None:
        kind = record.http_headers.get_header("Content-Type") or ""
        return kind, record.http_headers.get_statuscode() or ""
    return record.rec_headers.get_header("Content-Type") or "", "200"


def _warc_reader(
    data: bytes, label: str, uri: str, kind: str, status: str, date: str
) -> Callable[[], Page]:
    def read() -> Page:
        if not status.startswith("2"):
            raise SeedError(f"{label}: HTTP {status} response, not a page (page-not-html).")
        if kind and kind.split(";")[0].strip().lower() not in _HTML_TYPES:
            raise SeedError(
                f"{label}: a {kind.split(';')[0].strip()} record, not HTML (page-not-html)."
            )
        web = uri if uri.startswith(("http://", "https://")) else None
        page = read_web_page(data, label, url=web)
        retrieved = _utc(date)
        if retrieved:
            page.metadata["retrieved"] = retrieved
        return page

    return read


def _utc(warc_date: str) -> str:
    """A WARC-Date (ISO 8601 in UTC, maybe with fractions) in the sidecar's form, or ""
    for one that is not (a crawler's bug is no reason to refuse the page)."""
    date = warc_date.strip().replace("+00:00", "Z")
    return date if _RETRIEVED.fullmatch(date) else ""


def _seed(label: str, page: Page) -> _Seed:
    """The seed's two files' contents, checked by read_seed as a build will read them."""
    metadata = dict(page.metadata)
    metadata["n_article_paragraphs"] = len(page.paragraphs)  # type: ignore[assignment]
    sidecar = {key: metadata[key] for key in SIDECAR_KEYS if key in metadata}
    seed = _Seed(
        source=label,
        article_id=page.article_id,
        text=page.text,
        sidecar=json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n",
    )
    with tempfile.TemporaryDirectory() as folder:
        txt = Path(folder) / f"{seed.article_id}.txt"
        txt.write_text(seed.text, encoding="utf-8")
        txt.with_suffix(".json").write_text(seed.sidecar, encoding="utf-8")
        try:
            read_seed(txt)
        except SeedError as exc:
            why = str(exc).split(": ", 1)[-1]
            raise SeedError(f"{label}: the extracted text is no seed: {why}") from None
    return seed


def _write(
    seeds: list[_Seed], out: Path, *, replace: bool, skipped: list[tuple[str, str]]
) -> IngestResult:
    """Write the seeds into `out`: new ids, changed ones when `replace`, each file
    swapped in whole (a killed run leaves every seed old or new, never half)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SeedError(f"{out}: cannot create the seeds folder ({exc.strerror or exc}).") from None
    written, replaced, unchanged, clashes = [], [], [], []
    existing = _existing_ids(out)
    for seed in sorted(seeds, key=lambda s: s.article_id):
        other = existing.get(seed.article_id.lower())
        if other and other != f"{seed.article_id}.txt":  # a build would refuse the two
            raise SeedError(
                f"{seed.source}: seed id {seed.article_id!r} is {out}/{other}'s up to case "
                "or punctuation (page-id-clash). Rename that seed, or ingest into another "
                "folder; nothing was written."
            )
        state = _state(out, seed)
        if state == "same":
            unchanged.append(seed.article_id)
        elif state == "new":
            written.append(seed)
        elif replace:
            replaced.append(seed)
        else:
            clashes.append(seed)
    if clashes:
        first = clashes[0]
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise SeedError(
            f"{first.source}: {out}/{first.article_id}.txt exists from another page or an "
            f"older version of it{more} (page-changed). Pass --replace to overwrite it; "
            "nothing was written."
        )
    for seed in written + replaced:
        _swap_in(out / f"{seed.article_id}.json", seed.sidecar)
        _swap_in(out / f"{seed.article_id}.txt", seed.text)
    return IngestResult(
        written=tuple(s.article_id for s in written),
        replaced=tuple(s.article_id for s in replaced),
        unchanged=tuple(unchanged),
        skipped=tuple(skipped),
    )


def _existing_ids(out: Path) -> dict[str, str]:
    """The seeds already in `out`, by their article id in lower case (as a build
    compares them), to their file name."""
    found = {}
    for path in out.glob("*.txt"):
        try:
            found[article_id_of(path).lower()] = path.name
        except SeedError:
            continue  # a name a build refuses anyway, with its own message
    return found


def _state(out: Path, seed: _Seed) -> str:
    """ "new" (no seed with this id), "same" (these exact files) or "changed"."""
    txt, sidecar = out / f"{seed.article_id}.txt", out / f"{seed.article_id}.json"
    if not txt.exists() and not sidecar.exists():
        return "new"
    try:
        same = txt.read_text(encoding="utf-8") == seed.text
        same = same and _same_page(sidecar.read_text(encoding="utf-8"), seed.sidecar)
    except (OSError, UnicodeDecodeError):
        return "changed"
    return "same" if same else "changed"


def _same_page(old: str, new: str) -> bool:
    """The same page's sidecar, retrieval time aside: the page itself from a WARC
    and from a saved file is one page."""
    try:
        before, after = json.loads(old), json.loads(new)
    except ValueError:
        return False
    if not isinstance(before, dict):
        return False
    before.pop("retrieved", None)
    after.pop("retrieved", None)
    return bool(before == after)


def _swap_in(path: Path, content: str) -> None:
    temporary = path.with_name(f".{path.name}.ingest-{os.getpid()}")
    try:
        with temporary.open("w", encoding="utf-8", newline="\n") as file:
            file.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise SeedError(f"{path}: cannot be written ({exc.strerror or exc}).") from None
