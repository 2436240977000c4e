import codecs

import pytest

from tests.conftest import write_seeds
from tidynews.errors import SeedError
from tidynews.pipeline.ingest import discover_seeds, read_seed


def test_reads_utf8_with_hash_and_stem(tmp_path):
    seeds = write_seeds(tmp_path, {"doc-1": "Hello world.\n"})
    doc = read_seed(seeds / "doc-1.txt")
    assert doc.article_id == "doc-1"
    assert doc.source_file == f"{tmp_path.name}/doc-1.txt"
    assert doc.encoding == "utf-8"
    assert doc.sha256 == "6472bf692aaf270d5f9dc40c5ecab8f826ecc92425c8bac4d1ea69bcbbddaea4"
    assert doc.text == "Hello world.\n"


def test_utf8_bom_is_removed_so_offsets_start_at_the_text(tmp_path):
    seeds = write_seeds(tmp_path, {"bom": codecs.BOM_UTF8 + b"Hi there."})
    doc = read_seed(seeds / "bom.txt")
    assert doc.text == "Hi there."
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_accepted(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    seeds = write_seeds(tmp_path, {"wide": bom + "Snow in Kyiv.".encode(codec)})
    doc = read_seed(seeds / "wide.txt")
    assert doc.text == "Snow in Kyiv."
    assert doc.encoding == "utf-16"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty (seed-empty)"),
        (b" \n\t\n", "file is only whitespace (seed-empty)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte at byte 8"),
        ("Caf\u00e9 in M\u00fcnchen.\nLine two".encode("latin-1"), ":1: not valid UTF-8 at byte 3"),
    ],
    ids=["empty", "whitespace", "binary", "latin-1"],
)
def test_bad_seeds_raise_one_line_errors_naming_the_file(tmp_path, content, message):
    seeds = write_seeds(tmp_path, {"bad": content})
    with pytest.raises(SeedError) as info:
        read_seed(seeds / "bad.txt")
    text = str(info.value)
    assert text.startswith(f"{tmp_path.name}/bad.txt")
    assert message in text
    assert "\n" not in text


def test_non_utf8_error_names_the_line(tmp_path):
    seeds = write_seeds(tmp_path, {"bad": b"ok\nok\nbad \xff here\n"})
    with pytest.raises(SeedError, match=r"bad\.txt:3: not valid UTF-8 at byte 10"):
        read_seed(seeds / "bad.txt")


def test_sidecar_facts_are_used_as_given(tmp_path):
    seeds = write_seeds(
        tmp_path,
        {
            "a": "Text.\n",
            "a.json": '{"title": "T", "outlet": "O", "url": "https://x.org/a", "published": "2018-06-01"}',
        },
    )
    assert read_seed(seeds / "a.txt").metadata == {
        "title": "T",
        "outlet": "O",
        "url": "https://x.org/a",
        "published": "2018-06-01",
    }


def test_ingest_facts_are_read_and_the_article_length_is_carried(tmp_path):
    """The fields `tidynews ingest` writes: strings in metadata, the count on the Document."""
    sha = "ab" * 32
    seeds = write_seeds(
        tmp_path,
        {
            "a": "Rain fell on the town all day.\nI loved it!\n",
            "a.json": '{"author": "Ana Ruiz", "retrieved": "2024-03-05T08:00:01Z", '
            f'"page_sha256": "{sha}", "n_article_paragraphs": 1}}',
        },
    )
    document = read_seed(seeds / "a.txt")
    assert document.metadata == {
        "author": "Ana Ruiz",
        "retrieved": "2024-03-05T08:00:01Z",
        "page_sha256": sha,
    }
    assert document.n_article_paragraphs == 1
    assert (
        read_seed(write_seeds(tmp_path / "b", {"b": "Text.\n"}) / "b.txt").n_article_paragraphs
        is None
    )


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ('{"byline": "x"}', "unknown sidecar field 'byline'"),
        ('{"retrieved": "2024-03-05"}', "field 'retrieved' is '2024-03-05', not a UTC time"),
        ('{"page_sha256": "ABC"}', "field 'page_sha256' is 'ABC', not 64 lower-case hex"),
        ('{"n_article_paragraphs": 0}', "field 'n_article_paragraphs' is 0, not a whole number"),
        ('{"n_article_paragraphs": "1"}', "field 'n_article_paragraphs' is '1', not a whole"),
        ('{"n_article_paragraphs": true}', "field 'n_article_paragraphs' is True, not a whole"),
        ('{"n_article_paragraphs": 2}', "n_article_paragraphs is 2, but the seed has 1 lines"),
        ('{"published": "June 1"}', "field 'published' is 'June 1', not an ISO date"),
        ('{"url": "ftp://x"}', "field 'url' is 'ftp://x', not an http(s) address"),
        ("[1]", "sidecar must be a JSON object"),
        ("{", "not a valid UTF-8 JSON sidecar"),
    ],
)
def test_bad_sidecars_are_refused(tmp_path, sidecar, message):
    seeds = write_seeds(tmp_path, {"a": "Text.\n", "a.json": sidecar})
    with pytest.raises(
        SeedError, match="a.json: " + message.replace("(", r"\(").replace(")", r"\)")
    ):
        read_seed(seeds / "a.txt")


def test_file_names_with_spaces_or_accents_become_ascii_ids(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"my doc.txt": "Text.", "Ünterwegs é.txt": "Text."})
    assert read_seed(seeds / "my doc.txt").article_id == "my-doc"
    document = read_seed(seeds / "Ünterwegs é.txt")
    assert (document.article_id, document.source_file) == ("Unterwegs-e", "seeds/Ünterwegs é.txt")


def test_a_file_name_without_latin_letters_is_refused(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"дом.txt": "Text."})
    with pytest.raises(SeedError, match=r"seeds/дом\.txt: .* \(seed-name\)"):
        read_seed(seeds / "дом.txt")


def test_discover_lists_only_text_files_sorted(tmp_path):
    seeds = write_seeds(tmp_path, {"b": "B.", "a": "A.", "a.json": "{}", "README.md": "x"})
    assert [p.name for p in discover_seeds(seeds)] == ["a.txt", "b.txt"]
    with pytest.raises(SeedError, match="not a folder"):
        discover_seeds(tmp_path / "missing")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nstream\nBT /F1 12 Tf ET\n", "a PDF"),
        ("0.12 | 3.45 | 6.78 | 9.01 % $ # @ 12/34/56 ++ -- ==\n" * 20, "are letters"),
        ("\n".join(f"Row{i} {i * 7}" for i in range(60)), "no line has 3 words"),
    ],
    ids=["pdf-source", "symbols-and-numbers", "no-sentences"],
)
def test_text_that_is_not_prose_is_refused(tmp_path, content, why):
    seeds = write_seeds(tmp_path, {"dump": content})
    with pytest.raises(SeedError, match=rf"dump.txt: .*{why}.*\(seed-not-prose\)"):
        read_seed(seeds / "dump.txt")


def test_short_prose_and_number_heavy_news_are_prose(tmp_path):
    figures = "Shares rose 4.5% to $12.30 (1,204,000 traded) on 12/03, up from 11.75.\n"
    seeds = write_seeds(tmp_path, {"short": "Snow in Kyiv.", "figures": figures})
    assert read_seed(seeds / "short.txt").text == "Snow in Kyiv."
    assert read_seed(seeds / "figures.txt").text == figures


@pytest.mark.parametrize(
    ("text", "encoding", "advised"),
    [
        ("Critics called the plan naïve; the café agreed.\n", "cp1252", "windows-1252"),
        ("He said “no” — naïve, at €5.\n", "cp1252", "windows-1252"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy v Brně.\n" * 3, "cp1250", "windows-1250"),
        ("Правительство заявило, что новости верны.\n", "cp1251", "windows-1251"),
    ],
    ids=["western", "western-punctuation", "central-european", "cyrillic"],
)
def test_encoding_advice_names_an_encoding_that_reads_the_file_right(
    tmp_path, text, encoding, advised
):
    seeds = write_seeds(tmp_path, {"legacy": text.encode(encoding)})
    with pytest.raises(SeedError, match=f"iconv -f {advised} -t utf-8") as caught:
        read_seed(seeds / "legacy.txt")
    assert (seeds / "legacy.txt").read_bytes().decode(advised) == text
    assert "\n" not in str(caught.value)
