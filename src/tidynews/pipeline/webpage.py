"""A saved web page to a seed: its article paragraphs, reader comments and facts.

Pure: the page's bytes and what the extractor found in them in, a `Page` out;
what is not a news article (no main text, a login wall, a PDF or image saved as
.html) is a SeedError naming the page. The extractor is trafilatura (main text,
comments, metadata; its date comes from htmldate), called by `dataset.ingest`:
the pipeline needs only the build extra, and trafilatura is the ingest extra's.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from tidynews.errors import SeedError

_MIN_ARTICLE_WORDS = 40  # below this a page is a teaser, a gallery or an index
_MAX_WALL_WORDS = 150  # a login wall's teaser; a full article may mention subscribing
_WALL_TAIL = 3  # a wall's notice among a text's last lines: the article stops there
_MAX_ID_CHARS = 80
_MAGIC = (  # file signatures of what browsers and crawlers save under .html by mistake
    (b"%PDF-", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
)
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|article)\b", re.I)
_LANG = re.compile(
    rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)", re.I
)
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_PASSWORD = re.compile(rb"<input\b[^>]*\btype\s*=\s*[\"']?password", re.I)
_WALL = re.compile(
    r"\b(?:(?:log|sign) ?in|subscribe|register|create (?:an|a free) account)\b[^.\n]{0,40}"
    r"\b(?:to (?:continue|read|access|view|keep reading)|for (?:full )?access)\b"
    r"|\b(?:for|only for|available to) (?:subscribers|members)\b|\bsubscriber[- ]only\b"
    r"|\balready a (?:subscriber|member)\b|\b(?:to view|to read|for) the full (?:story|article)\b"
    r"|\bbereits abonnent|\bjetzt weiterlesen\b|\bdéjà abonné|\bya eres suscriptor",
    re.I,
)
# a word of a script written without spaces (CJK, kana, Thai) counts as one word per sign
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# The comments section's own lines, which trafilatura keeps as comments: headings,
# buttons, counts, bylines and date lines, pingbacks, the outlet's moderation notice.
_COMMENT_CHROME = re.compile(
    r"(?:(?:\d+\s+|no |user |reader |neueste )?(?:comments?|kommentare?|responses?"
    r"|replies|discussion|shares?|antworten)\b.{0,60}"  # "No comments:", "Kommentare (3)"
    r"|(?:leave|post|add|write) a (?:comment|reply)|kommentar (?:schreiben|hinzufügen)"
    r"|neuen kommentar hinzufügen|join the (?:discussion|conversation)|loading comments"
    r"|(?:reply|delete|like|report|antworten|löschen|melden)+(?:liked by \d+ \w+)?"
    r"|(?:ping|track)back:.*|comment by .*|#\d+\s*[—–-].*|\S+ (?:says|wrote|schrieb|sagt):"
    r"|(?:you must be )?(?:log ?in|sign ?in|logged in|melde dich an)\b.{0,40}"
    r"\b(?:comment|kommentar).*"
    r")[\s:.…!]*",
    re.I,
)
# the outlet's notices about its comments, at any length
_COMMENT_NOTICE = re.compile(
    r"\b(?:is committed to maintaining|invite you to use our commenting platform"
    r"|comments are moderated|community guidelines|awaiting moderation|wartet auf moderation"
    r"|thank you for your comment|vielen dank für ihren kommentar|noch keine kommentare)",
    re.I,
)
_COMMENT_CHROME_WORDS = 12  # a notice longer than this is a reader's comment quoting one
# a line that is only a time stamp: "17.07, 2011 @ 13:04", "March 5, 2024 at 8:01 am"
_STAMP = re.compile(r"[\w.,:/@ -]{0,40}\b\d{1,2}:\d{2}\b[\w.,: ]{0,12}|vor \d+ \w+|\d+ \w+ ago")
_SLUG_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cms)$", re.I)
# last path segments that name a kind of page, not the article
_GENERIC_SLUGS = {"index", "default", "article", "story", "news", "post", "amp", "print", "view"}
_NOT_ID = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Page:
    """One page read: the lines of its seed, its facts for the sidecar and its id."""

    article_id: str
    paragraphs: tuple[str, ...]
    comments: tuple[str, ...]
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The seed: article paragraphs, then one reader comment per line."""
        return "".join(f"{line}\n" for line in (*self.paragraphs, *self.comments))


def read_page(
    data: bytes,
    extracted: object,
    source: str,
    *,
    url: str | None = None,
    comment_blocks: tuple[str, ...] = (),
) -> Page:
    """A page's seed from its bytes and what trafilatura extracted from them
    (`bare_extraction(..., as_dict=True)`: a dict, or None when it found nothing).

    `source` names the page in errors (a file, or a WARC record); `url` is where
    it was fetched from, when the page does not say (a WARC's target URI);
    `comment_blocks`, the text of each element the page marks as one comment, joins
    a comment's paragraphs into one line.

    >>> html = b"<html><body><p>Hi</p></body></html>"
    >>> read_page(html, {"text": "Hi"}, "p.html")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    tidynews.errors.SeedError: p.html: only 1 word of main text, not a news article ...
    """
    refuse_non_html(data, source)
    facts = extracted if isinstance(extracted, dict) else {}
    outlet = _clean(facts.get("sitename"))
    title = _without_outlet(_clean(facts.get("title")), outlet)
    paragraphs = _lines(facts.get("text"))
    if paragraphs and paragraphs[0].casefold() in (title.casefold(), _headline(facts)):
        paragraphs = paragraphs[1:]  # the headline is the sidecar's title, not a paragraph
    words = sum(len(p.split()) + len(_UNSPACED.findall(p)) for p in paragraphs)
    if _is_wall(data, paragraphs, short=words < _MAX_WALL_WORDS):
        raise SeedError(
            f"{source}: a login or subscription wall, not the article ({words} words of "
            "text) (page-login-wall). Save the page while logged in, or leave it out."
        )
    if words < _MIN_ARTICLE_WORDS:
        found = f"only {words} word{'s' * (words != 1)} of main text" if words else "no main text"
        raise SeedError(
            f"{source}: {found}, not a news article (page-no-text). Save the article's "
            "own page (not an index, gallery or search page), or leave it out."
        )
    metadata = _metadata(facts, title, outlet, url, data)
    metadata["page_sha256"] = hashlib.sha256(data).hexdigest()
    return Page(
        article_id=page_id(metadata.get("url"), title, source),
        paragraphs=tuple(paragraphs),
        comments=_one_per_line(
            [c for c in _lines(facts.get("comments")) if not _is_comment_chrome(c)],
            comment_blocks,
        ),
        metadata=metadata,
    )


def utf8_page(data: bytes) -> bytes:
    """A page saved as UTF-16 (with its BOM, as Windows tools save) in UTF-8; any other
    page as it is, its encoding left to the extractor, which reads the page's charset.

    >>> utf8_page("<p>Olé</p>".encode("utf-16"))
    b'<p>Ol\\xc3\\xa9</p>'
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data  # refused below as a binary file
    return data


def refuse_non_html(data: bytes, source: str) -> None:
    """A SeedError unless `data` is HTML: empty, a PDF or image, no markup at all."""
    if not data.strip():
        raise SeedError(f"{source}: empty file (page-no-text). Save the page again.")
    head = data[:16].lstrip()
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise SeedError(
                f"{source}: {what} saved as a web page, not HTML (page-not-html). "
                "Save the article as HTML, or convert the file to text and add it as .txt."
            )
    if b"\x00" in data[:4096] or not _MARKUP.search(data[:200_000]):
        raise SeedError(
            f"{source}: no HTML markup: not a web page (page-not-html). "
            "Save the article as HTML, or add plain text as a .txt seed."
        )


def _is_wall(data: bytes, paragraphs: list[str], *, short: bool) -> bool:
    """A login or subscription wall: its notice ends the text (a teaser cut short), or
    a short text comes with a wall's phrase or a password field anywhere on the page."""
    if any(_WALL.search(line) for line in paragraphs[-_WALL_TAIL:]):
        return True
    text = "\n".join(paragraphs)
    return short and bool(
        _PASSWORD.search(data) or _WALL.search(text) or _WALL.search(_visible(data))
    )


def _visible(data: bytes) -> str:
    """The page's text with tags, scripts and styles removed, for the wall's phrases."""
    html = data[:500_000].decode("utf-8", "replace")
    html = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", html)
    return re.sub(r"<[^>]*>", " ", html)


def _one_per_line(lines: list[str], blocks: tuple[str, ...]) -> tuple[str, ...]:
    """One comment per line: paragraphs that follow each other in the same comment
    block are joined with a space; a paragraph found in no block is one comment.

    >>> _one_per_line(["Hi all,", "great piece.", "No."], ("ann Hi all, great piece.", "No."))
    ('Hi all, great piece.', 'No.')
    """
    comments: list[str] = []
    block, end = -1, 0  # where the last paragraph was found: block and the end in it
    for line in lines:
        at = blocks[block].find(line, end) if block >= 0 else -1
        if at >= 0:  # the same comment goes on
            comments[-1] += " " + line
            end = at + len(line)
            continue
        comments.append(line)
        # comments come in page order: the next blocks first, then the ones before
        order = (*range(block + 1, len(blocks)), *range(block + 1))
        block = next((i for i in order if line in blocks[i]), -1)
        end = blocks[block].find(line) + len(line) if block >= 0 else 0
    return tuple(comments)


def _is_comment_chrome(line: str) -> bool:
    if _COMMENT_NOTICE.search(line):
        return True
    if len(line.split()) > _COMMENT_CHROME_WORDS:
        return False
    return bool(_COMMENT_CHROME.fullmatch(line) or _STAMP.fullmatch(line))


def _headline(facts: dict) -> str:
    """The text of the page's <h1> when the extracted body opens with it, folded."""
    body = facts.get("body")
    first = body[0] if body is not None and len(body) else None
    if first is None or first.tag != "head" or first.get("rend") != "h1":
        return ""
    return _clean("".join(first.itertext())).casefold()


def _without_outlet(title: str, outlet: str) -> str:
    """ "Rain in Spain | The Ledger" -> "Rain in Spain": the outlet has its own field."""
    if outlet and title.casefold().endswith(outlet.casefold()):
        kept = title[: -len(outlet)].rstrip()
        if kept[-1:] in ("-", "|", "–", "—", ":", "·") and len(kept) > 1:
            return kept[:-1].rstrip()
    return title


def _lines(text: str | None) -> list[str]:
    return [line for line in (_clean(raw) for raw in (text or "").splitlines()) if line]


def _clean(value: object) -> str:
    """One line of text: whitespace runs as one space, no control characters."""
    if not isinstance(value, str):
        return ""
    kept = "".join(c for c in value if unicodedata.category(c)[0] != "C" or c in "\t\n")
    return " ".join(kept.split())


def _metadata(facts: dict, title: str, outlet: str, url: str | None, data: bytes) -> dict[str, str]:
    """The sidecar's facts, each only when the page states it in the form read_seed takes."""
    found = {
        "title": title,
        "outlet": outlet,
        "url": _clean(url or facts.get("url")),
        "published": _clean(facts.get("date")),
        "author": _clean(facts.get("author")),
        "language": _language(data),
    }
    if not re.fullmatch(r"https?://\S+", found["url"]):
        found["url"] = ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", found["published"]):
        found["published"] = ""
    return {key: value for key, value in found.items() if value}


def _language(data: bytes) -> str:
    """The page's declared language (`<html lang>`) as a BCP 47 tag, or ""."""
    match = _LANG.search(data[:100_000])
    if not match:
        return ""
    parts = match.group(1).decode("ascii").replace("_", "-").split("-")
    tag = "-".join([parts[0].lower(), *parts[1:]])
    return tag if _LANGUAGE.fullmatch(tag) else ""


def page_id(url: str | None, title: str, fallback: str) -> str:
    """A seed id from the URL's slug, else the title, else `fallback`: lower-case
    ASCII letters, digits and hyphens, so it is the same on every run and system.

    >>> page_id("https://ex.com/news/2024/03/05/Flood-waters-rise.html", "", "x")
    'flood-waters-rise'
    >>> page_id("https://ex.com/story/123456", "Rain in Spain: déjà vu", "x")
    'rain-in-spain-deja-vu'
    """
    for candidate in (_slug(url), title, fallback.rsplit("/", 1)[-1]):
        ascii_text = unicodedata.normalize("NFKD", candidate).encode("ascii", "ignore").decode()
        article_id = _NOT_ID.sub("-", _SLUG_SUFFIX.sub("", ascii_text).lower()).strip("-")
        if len(article_id) > _MAX_ID_CHARS:  # cut at a word's end
            article_id = article_id[: _MAX_ID_CHARS + 1].rsplit("-", 1)[0]
        if sum(c.isalpha() for c in article_id) >= 3:
            return article_id
    return "page-" + hashlib.sha256(fallback.encode()).hexdigest()[:12]


def _slug(url: str | None) -> str:
    """The URL's last path segment ('index.html' aside) when it reads as words."""
    if not url:
        return ""
    segments = [unquote(s) for s in urlsplit(url).path.split("/") if s]
    for segment in reversed(segments):
        stem = _SLUG_SUFFIX.sub("", segment)
        if stem.lower() in _GENERIC_SLUGS:  # ".../flood-in-riverton/index.html"
            continue
        words = re.findall(r"[^\W\d_]{3,}", stem.lower())
        # "article260741867" is an id, and a folder before it a section, not the story
        return stem if any(word not in _GENERIC_SLUGS for word in words) else ""
    return ""
