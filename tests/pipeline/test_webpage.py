"""pipeline.webpage: a saved page to its seed's lines, comments and sidecar facts.

Pages are written here by hand (a news page with reader comments, a login wall, a
PDF and an image saved as .html, empty and index pages); trafilatura's own saved
pages, when the git-ignored cache holds them, check real news sites."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

pytest.importorskip("trafilatura")

from tidynews.dataset.ingest import read_web_page
from tidynews.errors import SeedError
from tidynews.pipeline.webpage import page_id, read_page, refuse_non_html

CACHE = Path(__file__).resolve().parents[2] / ".cache" / "trafilatura"

ARTICLE = [
    "Flood waters rose by two metres in Riverton on Tuesday, forcing 300 families from "
    "their homes, the mayor said.",
    "The river peaked at 6.4 metres at noon, the highest level since 1998, according to "
    "the national weather service.",
    "Emergency crews opened three shelters in schools across the town and asked residents "
    "to stay away from the banks.",
]
COMMENTS = [
    "I live two streets from the river and we were never warned. Disgraceful.",
    "Thanks to the crews who worked all night, you are heroes!",
]


def news_page(
    comments: list[str] = COMMENTS, article: list[str] = ARTICLE, lang: str = "en-GB"
) -> bytes:
    """A news page as a CMS writes one: navigation, the article, a comments section."""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in article)
    items = "".join(
        f'<li class="comment"><div class="comment-author">reader{n}</div>'
        f'<div class="comment-content"><p>{c}</p></div></li>\n'
        for n, c in enumerate(comments)
    )
    section = (
        f'<section id="comments" class="comments"><h2>Comments</h2>'
        f'<ol class="comment-list">{items}</ol></section>'
        if comments
        else ""
    )
    return f"""<!doctype html><html lang="{lang}"><head>
<meta charset="utf-8">
<title>Flood waters rise in Riverton | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://ledger.example.com/news/2024/03/05/flood-waters-rise-in-riverton">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Flood waters rise in Riverton</h1>
{paragraphs}</article>
{section}
<footer>© 2024 The Daily Ledger. <a href="/privacy">Privacy policy</a>.</footer>
</body></html>""".encode()


def test_a_news_page_gives_its_paragraphs_comments_and_facts():
    page = read_web_page(news_page(), "saved/flood.html")
    assert page.paragraphs == tuple(ARTICLE)  # the headline is the title, not a paragraph
    assert page.comments == tuple(COMMENTS)  # the section's "Comments" heading is not one
    assert page.text == "".join(f"{line}\n" for line in ARTICLE + COMMENTS)
    assert page.article_id == "flood-waters-rise-in-riverton"
    sha = page.metadata.pop("page_sha256")
    assert len(sha) == 64
    assert page.metadata == {
        "title": "Flood waters rise in Riverton",  # without " | The Daily Ledger"
        "outlet": "The Daily Ledger",
        "url": "https://ledger.example.com/news/2024/03/05/flood-waters-rise-in-riverton",
        "published": "2024-03-05",
        "author": "Ana Ruiz",
        "language": "en-GB",
    }


def test_the_comments_sections_own_lines_are_no_comments():
    chrome = [
        "Reply",
        "LikeLiked by 21 people",
        "March 5, 2024 at 8:01 am",
        "Pingback: Floods in the valley – another blog",
        "Comments are moderated and may take a day to appear. Please keep to the topic "
        "and be civil to other readers.",
        "You must be logged in to post a comment.",
        "Loading comments...",
    ]
    page = read_web_page(news_page(comments=[*chrome, *COMMENTS]), "saved/flood.html")
    assert page.comments == tuple(COMMENTS)


def test_a_comment_of_several_paragraphs_is_one_line():
    two = "I was there.</p><p>The water came up to the second step in minutes."
    page = read_web_page(news_page(comments=[two, *COMMENTS]), "saved/flood.html")
    assert page.comments == (
        "I was there. The water came up to the second step in minutes.",
        *COMMENTS,
    )


def test_a_page_without_comments_has_only_article_lines():
    page = read_web_page(news_page(comments=[]), "saved/flood.html")
    assert (page.paragraphs, page.comments) == (tuple(ARTICLE), ())


def test_a_fetch_url_is_used_when_the_page_names_none():
    html = news_page().replace(b'<link rel="canonical"', b'<link rel="x"')
    page = read_web_page(html, "crawl.warc record 3", url="https://ledger.example.com/a/b")
    assert page.metadata["url"] == "https://ledger.example.com/a/b"
    assert page.article_id == "flood-waters-rise-in-riverton"  # slug "b" is no words: the title


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en_US", "en-US"), ("DE", "de"), ("pt-BR", "pt-BR"), ("x", None), ("", None)],
)
def test_the_declared_language_becomes_a_bcp47_tag(lang, expected):
    page = read_web_page(news_page(lang=lang), "saved/flood.html")
    assert page.metadata.get("language") == expected


def test_a_legacy_encoding_is_read_as_the_page_declares_it():
    article = [p.replace("mayor", "maire de Café-sur-Mer") for p in ARTICLE]
    html = news_page(article=article).replace(b'charset="utf-8"', b'charset="windows-1252"')
    page = read_web_page(html.decode().encode("cp1252"), "saved/flood.html")
    assert "maire de Café-sur-Mer said" in page.paragraphs[0]


def test_a_page_saved_as_utf16_is_read_and_hashed_as_saved():
    data = news_page().decode().replace('charset="utf-8"', 'charset="utf-16"').encode("utf-16")
    page = read_web_page(data, "saved/flood.html")
    assert page.paragraphs == tuple(ARTICLE)
    assert page.metadata["page_sha256"] == hashlib.sha256(data).hexdigest()


LOGIN_WALL = b"""<!doctype html><html lang="en"><head><title>Council approves budget</title>
</head><body><article><h1>Council approves budget</h1>
<p>The city council approved next year's budget on Monday after a long debate.</p>
<div class="paywall"><p>Log in to continue reading this article.</p>
<form action="/login"><input type="email" name="email"><input type="password" name="pw">
<button>Sign in</button></form><p>Not a subscriber? Subscribe for full access.</p></div>
</article></body></html>"""
TEASER_WALL = news_page(comments=[], article=[*ARTICLE * 5, "To read the full story, subscribe."])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "saved/x.html: empty file (page-no-text)"),
        (b"  \n\t", "saved/x.html: empty file (page-no-text)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "saved/x.html: a PDF saved as a web page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "saved/x.html: a PNG image saved as a web page"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "saved/x.html: a JPEG image saved as a web page"),
        (b"Just some plain text, no markup.", "saved/x.html: no HTML markup"),
        (b"<html><body></body></html>", "saved/x.html: no main text, not a news article"),
        (
            b"<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav>"
            b"<p>Latest news</p></body></html>",
            "saved/x.html: only 4 words of main text, not a news article (page-no-text)",
        ),
        (LOGIN_WALL, "saved/x.html: a login or subscription wall, not the article"),
        (TEASER_WALL, "saved/x.html: a login or subscription wall"),
    ],
    ids=["empty", "blank", "pdf", "png", "jpeg", "text", "no-text", "index", "login", "teaser"],
)
def test_what_is_not_an_article_is_refused_in_one_line(data, message):
    with pytest.raises(SeedError) as error:
        read_web_page(data, "saved/x.html")
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_the_page_checks_come_before_any_extraction():
    with pytest.raises(SeedError, match=r"a GIF image saved as a web page, .*\(page-not-html\)"):
        refuse_non_html(b"GIF89a\x01\x00", "p.html")
    with pytest.raises(SeedError, match="no main text"):
        read_page(b"<html><body></body></html>", None, "p.html")  # trafilatura found nothing


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        ("https://ex.com/news/2024/03/05/Flood-Waters-Rise.html", "", "flood-waters-rise"),
        ("https://ex.com/2021/03/08/uk/meghan-harry-oprah/index.html", "", "meghan-harry-oprah"),
        ("https://ex.com/story/123456", "Rain in Spain: déjà vu", "rain-in-spain-deja-vu"),
        ("https://ex.com/negocios/article260741867.html", "Miami abre", "miami-abre"),
        (None, "Ünterwegs in Köln", "unterwegs-in-koln"),
        (None, "", "saved-page"),
        ("https://ex.com/" + "long-" * 30 + "end", "", "long-" * 15 + "long"),
    ],
)
def test_ids_come_from_the_slug_or_title_and_are_file_name_safe(url, title, expected):
    assert page_id(url, title, "folder/saved page.html") == expected


def test_an_id_with_no_words_anywhere_is_a_stable_hash():
    assert page_id(None, "", "saved/0001.html") == page_id(None, "", "saved/0001.html")
    assert page_id(None, "", "saved/0001.html").startswith("page-")


# trafilatura's own saved news pages (its tests/eval/), when the git-ignored cache has them
REAL = [
    (
        "nytimes.com.blackouts.html",
        "Rolling Blackouts in California Have Power Experts Stumped",
        "2020-08-16",
    ),
    ("bbc.com.52241221.html", "New York ramps up mass burials amid virus outbreak", "2020-04-10"),
]


@pytest.mark.skipif(not CACHE.is_dir(), reason="no .cache/trafilatura (see bench_ingest.py)")
@pytest.mark.parametrize(("name", "title", "published"), REAL)
def test_real_news_pages(name, title, published):
    expected = json.loads((CACHE / "evaldata.json").read_text(encoding="utf-8"))
    (spec,) = [v for v in expected.values() if v["file"] == name]
    page = read_web_page((CACHE / "eval" / name).read_bytes(), name)
    article = " ".join(" ".join(page.paragraphs).split())
    for snippet in spec["with"]:
        assert " ".join(snippet.split()) in article
    for snippet in spec["without"]:
        assert " ".join(snippet.split()) not in article
    assert (page.metadata["title"], page.metadata["published"]) == (title, published)
