"""dataset.ingest and `tidynews ingest`: saved pages and WARCs to a seeds folder.

The pages are written here (see tests/pipeline/test_webpage.py for what is read
from one); WARCs are built in the test with warcio, as a crawler writes them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("trafilatura")
pytest.importorskip("warcio")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidynews import build, ingest
from tidynews.cli import cli
from tidynews.errors import SeedError

FLOOD = [
    "Flood waters rose by two metres in Riverton on Tuesday, forcing 300 families from "
    "their homes, the mayor said.",
    "The river peaked at 6.4 metres at noon, the highest level since 1998, according to "
    "the national weather service.",
    "Emergency crews opened three shelters in schools across the town and asked residents "
    "to stay away from the banks, officials said on Wednesday.",
]
FLOOD_COMMENTS = [
    "I live two streets from the river and we were never warned. Disgraceful.",
    "Thanks to the crews who worked all night, you are heroes!",
]
BRIDGE = [
    "Officials said on Monday that the bridge over the river had reopened after repairs.",
    "The ministry said the work took two months and cost more than expected, and that "
    "engineers had replaced the worn steel cables and resurfaced the whole deck.",
]
URL = "https://ledger.example.com/news/2024/03/{}"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def page(slug: str, title: str, article: list[str], comments: list[str] = ()) -> bytes:
    """A saved news page: navigation, the article, and its reader comments if any."""
    body = "".join(f"<p>{p}</p>\n" for p in article)
    items = "".join(
        f'<li class="comment"><div class="comment-content"><p>{c}</p></div></li>' for c in comments
    )
    section = f'<section id="comments"><ol class="comment-list">{items}</ol></section>'
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="{URL.format(slug)}"></head>
<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>
{body}</article>{section if comments else ""}</body></html>""".encode()


FLOOD_PAGE = page("flood-waters-rise", "Flood waters rise in Riverton", FLOOD, FLOOD_COMMENTS)
BRIDGE_PAGE = page("bridge-reopens", "Bridge reopens", BRIDGE)


def saved(folder: Path, pages: dict[str, bytes]) -> Path:
    """Write pages as files into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in pages.items():
        (folder / name).write_bytes(data)
    return folder


def files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_a_page_becomes_a_seed_and_its_sidecar(tmp_path):
    pages = saved(tmp_path / "saved", {"flood.html": FLOOD_PAGE})
    result = ingest([pages / "flood.html"], tmp_path / "seeds")
    assert result.written == ("flood-waters-rise",)
    seeds = files(tmp_path / "seeds")
    assert seeds["flood-waters-rise.txt"] == "\n".join(FLOOD + FLOOD_COMMENTS) + "\n"
    sidecar = json.loads(seeds["flood-waters-rise.json"])
    assert len(sidecar.pop("page_sha256")) == 64
    assert list(sidecar.items()) == [  # in SIDECAR_KEYS order
        ("title", "Flood waters rise in Riverton"),
        ("outlet", "The Daily Ledger"),
        ("url", URL.format("flood-waters-rise")),
        ("published", "2024-03-05"),
        ("language", "en"),
        ("n_article_paragraphs", 3),
    ]
    assert seeds["flood-waters-rise.json"].endswith("}\n")


def test_the_same_page_twice_changes_nothing(tmp_path):
    pages = saved(tmp_path / "saved", {"flood.html": FLOOD_PAGE, "bridge.htm": BRIDGE_PAGE})
    ingest([pages], tmp_path / "seeds")
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "seeds").iterdir()}
    result = ingest([pages], tmp_path / "seeds")
    assert (result.written, result.unchanged) == ((), ("bridge-reopens", "flood-waters-rise"))
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "seeds").iterdir()} == before


def test_a_changed_page_under_an_existing_id_is_refused_unless_replace(tmp_path):
    pages = saved(tmp_path / "saved", {"flood.html": FLOOD_PAGE})
    ingest([pages], tmp_path / "seeds")
    before = files(tmp_path / "seeds")
    changed = FLOOD_PAGE.replace(b"300 families", b"320 families")
    saved(pages, {"flood.html": changed, "bridge.html": BRIDGE_PAGE})
    with pytest.raises(SeedError) as error:
        ingest([pages], tmp_path / "seeds")
    assert str(error.value) == (
        f"{pages}/flood.html: {tmp_path}/seeds/flood-waters-rise.txt exists from another page "
        "or an older version of it (page-changed). Pass --replace to overwrite it; nothing "
        "was written."
    )
    assert files(tmp_path / "seeds") == before  # not even the new bridge page
    result = ingest([pages], tmp_path / "seeds", replace=True)
    assert (result.written, result.replaced) == (("bridge-reopens",), ("flood-waters-rise",))
    assert "320 families" in (tmp_path / "seeds" / "flood-waters-rise.txt").read_text()


def test_bad_pages_are_named_and_skipped_with_skip_invalid(tmp_path):
    pages = saved(
        tmp_path / "saved",
        {
            "a-report.pdf.html": PDF,
            "b-empty.html": b"",
            "bridge.html": BRIDGE_PAGE,
            "notes.txt": b"not a page, not read",
        },
    )
    with pytest.raises(SeedError, match=rf"^{pages}/a-report.pdf.html: a PDF saved as a web page"):
        ingest([pages], tmp_path / "seeds")
    assert not (tmp_path / "seeds").exists()
    result = ingest([pages], tmp_path / "seeds", skip_invalid=True)
    assert result.written == ("bridge-reopens",)
    assert [(label, reason.split(" (")[0]) for label, reason in result.skipped] == [
        (
            f"{pages}/a-report.pdf.html",
            f"{pages}/a-report.pdf.html: a PDF saved as a web page, not HTML",
        ),
        (f"{pages}/b-empty.html", f"{pages}/b-empty.html: empty file"),
    ]


def test_nothing_to_ingest_is_an_error(tmp_path):
    pages = saved(tmp_path / "saved", {"empty.html": b""})
    with pytest.raises(
        SeedError, match=r"no page could be ingested \(1 skipped, the first because"
    ):
        ingest([pages], tmp_path / "seeds", skip_invalid=True)
    with pytest.raises(SeedError, match=r"notes\.txt: not a saved web page or web archive"):
        ingest([saved(tmp_path, {"notes.txt": b"x"}) / "notes.txt"], tmp_path / "seeds")
    with pytest.raises(SeedError, match=r"missing\.html: no such file or folder"):
        ingest([tmp_path / "missing.html"], tmp_path / "seeds")


def test_two_pages_with_one_id_in_one_run_are_refused(tmp_path):
    other = page("flood-waters-rise", "Flood waters rise", BRIDGE)  # same slug, other story
    pages = saved(tmp_path / "saved", {"a.html": FLOOD_PAGE, "b.html": other})
    with pytest.raises(SeedError, match=r"b.html: same seed id 'flood-waters-rise' as .*a.html"):
        ingest([pages], tmp_path / "seeds")


def test_an_id_equal_to_an_existing_seed_up_to_case_is_refused(tmp_path):
    seeds = saved(tmp_path / "seeds", {"Flood-Waters-Rise.txt": b"A seed written by hand.\n"})
    pages = saved(tmp_path / "saved", {"flood.html": FLOOD_PAGE})
    with pytest.raises(SeedError, match=r"is .*/Flood-Waters-Rise\.txt's up to case"):
        ingest([pages], seeds, replace=True)
    assert sorted(p.name for p in seeds.iterdir()) == ["Flood-Waters-Rise.txt"]


def warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> Path:
    """A gzipped WARC with a warcinfo record, then per (uri, content type, payload, date)
    a request record and its response record, as a crawler writes them."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, kind, payload, date in records:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(payload),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": date},
                )
            )
    return path


def test_a_warc_ingests_to_the_same_seeds_as_its_pages_one_by_one(tmp_path):
    archive = warc(
        tmp_path / "crawl.warc.gz",
        [
            (
                URL.format("flood-waters-rise"),
                "text/html; charset=utf-8",
                FLOOD_PAGE,
                "2024-03-05T09:00:00Z",
            ),
            (URL.format("logo.png"), "image/png", b"\x89PNG\r\n\x1a\n", "2024-03-05T09:00:01Z"),
            (URL.format("bridge-reopens"), "text/html", BRIDGE_PAGE, "2024-03-05T09:00:02Z"),
        ],
    )
    with pytest.raises(SeedError) as error:
        ingest([archive], tmp_path / "from-warc")
    assert str(error.value) == (
        f"{archive} record 5 <{URL.format('logo.png')}>: a image/png record, not HTML "
        "(page-not-html)."
    )
    result = ingest([archive], tmp_path / "from-warc", skip_invalid=True)
    assert result.written == ("bridge-reopens", "flood-waters-rise")
    assert [label for label, _ in result.skipped] == [
        f"{archive} record 5 <{URL.format('logo.png')}>"
    ]

    pages = saved(tmp_path / "saved", {"flood.html": FLOOD_PAGE, "bridge.html": BRIDGE_PAGE})
    ingest([pages / "flood.html"], tmp_path / "one-by-one")
    ingest([pages / "bridge.html"], tmp_path / "one-by-one")
    from_warc, one_by_one = files(tmp_path / "from-warc"), files(tmp_path / "one-by-one")
    assert from_warc.keys() == one_by_one.keys()
    for name, content in from_warc.items():
        if name.endswith(".txt"):
            assert content == one_by_one[name]
        else:  # the archive knows when each page was fetched; a saved file does not
            sidecar = json.loads(content)
            assert sidecar.pop("retrieved") in ("2024-03-05T09:00:00Z", "2024-03-05T09:00:02Z")
            assert sidecar == json.loads(one_by_one[name])
    # and the WARC after the files is the same pages: nothing changes
    assert ingest([archive], tmp_path / "one-by-one", skip_invalid=True).unchanged == (
        "bridge-reopens",
        "flood-waters-rise",
    )


def test_a_file_that_is_no_warc_is_named(tmp_path):
    bad = saved(tmp_path, {"crawl.warc.gz": b"not gzip at all"}) / "crawl.warc.gz"
    with pytest.raises(SeedError, match=rf"^{bad}: not a readable WARC file"):
        ingest([bad], tmp_path / "seeds")


def test_a_page_with_comments_builds_to_one_article_and_its_comments(tmp_path):
    pages = saved(tmp_path / "saved", {"flood.html": FLOOD_PAGE})
    ingest([pages], tmp_path / "seeds")
    result = build(tmp_path / "seeds", tmp_path / "pkg")
    assert (result.documents, result.rows["articles"], result.rows["comments"]) == (1, 1, 2)
    with (tmp_path / "pkg" / "data" / "articles.csv").open(encoding="utf-8") as file:
        (article,) = csv.DictReader(file)
    assert (article["article_id"], article["title"], article["published"]) == (
        "flood-waters-rise",
        "Flood waters rise in Riverton",
        "2024-03-05",
    )
    with (tmp_path / "pkg" / "data" / "comments.csv").open(encoding="utf-8") as file:
        comments = [row["text"] for row in csv.DictReader(file)]
    assert comments == FLOOD_COMMENTS


def test_the_cli_ingests_and_reports(tmp_path):
    pages = saved(tmp_path / "saved", {"flood.html": FLOOD_PAGE, "report.html": PDF})
    runner = CliRunner()
    out = tmp_path / "seeds"
    failed = runner.invoke(cli, ["ingest", str(pages), "--out", str(out)])
    assert failed.exit_code == 1
    assert failed.output == (
        f"Error: {pages}/report.html: a PDF saved as a web page, not HTML (page-not-html). "
        "Save the article as HTML, or convert the file to text and add it as .txt.\n"
    )
    done = runner.invoke(
        cli, ["ingest", str(pages), "--out", str(out), "--skip-invalid"], catch_exceptions=False
    )
    assert done.exit_code == 0
    assert done.output.splitlines() == [
        f"skipped: {pages}/report.html: a PDF saved as a web page, not HTML (page-not-html). "
        "Save the article as HTML, or convert the file to text and add it as .txt.",
        f"Ingested into {out}: 1 new, 0 replaced, 0 unchanged, 1 skipped.",
    ]
    usage = runner.invoke(cli, ["ingest"])
    assert usage.exit_code == 2
