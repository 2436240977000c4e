import hashlib
import os
import shutil
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
from polars.testing import assert_frame_equal

import tidynews.dataset.publish
import tidynews.dataset.tables
from tests.conftest import ARTICLE, COMMENTS, ROOT, write_seeds
from tidynews.dataset.build import build, current_version, process_document, publish
from tidynews.dataset.load import read_package
from tidynews.dataset.profile import validate
from tidynews.dataset.publish import recover
from tidynews.errors import PackageError, SeedError
from tidynews.pipeline.ingest import discover_seeds


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of datapackage.json and every file under data/."""
    files = [folder / "datapackage.json", *sorted((folder / "data").glob("*"))]
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_same_seeds_give_byte_identical_packages(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE + COMMENTS, "b": ARTICLE})
    build(seeds, tmp_path / "one")
    build(seeds, tmp_path / "two", jobs=2)
    build(seeds, tmp_path / "one")  # rebuilding in place changes nothing either
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_committed_package_matches_a_rebuild_of_the_seeds(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(ROOT / "datapackage.json", out)  # keeps the released version
    build(ROOT / "seeds", out)
    assert snapshot(out) == snapshot(ROOT), "run `make build` and commit data/ and datapackage.json"
    for name in ("DATASET.md", "CITATION.cff"):  # the card follows the package
        assert (out / name).read_text() == (ROOT / name).read_text(), f"run `make build`: {name}"


def test_build_reports_rows_per_table(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE + COMMENTS})
    result = build(seeds, tmp_path / "out")
    assert result.documents == 1
    assert result.rows == {
        "articles": 1,
        "comments": 2,
        "claims": 4,  # the question in the comments is not a claim
        "places": 0,
        "place_mentions": 0,
        "figures": 1,  # "two months"
    }
    assert result.descriptor == tmp_path / "out" / "datapackage.json"


def built_once(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Seeds with one good document, the package built from them, and its snapshot."""
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE + COMMENTS})
    out = tmp_path / "out"
    build(seeds, out)
    return seeds, out, snapshot(out)


@pytest.mark.parametrize(
    "bad",
    [b"", b"   \n\n", b"GIF89a\x00\x01\x00", "Ol\u00e9 \u00e0 Paris".encode("latin-1")],
    ids=["empty", "whitespace", "binary", "latin-1"],
)
def test_a_bad_seed_fails_the_build_and_keeps_the_previous_package(tmp_path, bad):
    seeds, out, before = built_once(tmp_path)
    write_seeds(seeds, {"z_bad": bad})
    with pytest.raises(SeedError, match=r"seeds/z_bad\.txt"):
        build(seeds, out)
    assert snapshot(out) == before
    assert published(out) == ["CITATION.cff", "DATASET.md", "data", "datapackage.json"]


def published(out: Path) -> list[str]:
    """What a reader of `out` sees, leaving out the build lock (it stays, empty)."""
    return sorted(p.name for p in out.iterdir() if p.name != ".tidynews-build.lock")


def replace_failing(times: int | None):
    """os.replace that fails with "disk full" when moving onto datapackage.json, `times`
    times (None: always), as a full disk or a flaky network drive would."""
    real_replace, failures = os.replace, []

    def replace(src, dst):
        if Path(dst).name == "datapackage.json" and (times is None or len(failures) < times):
            failures.append(dst)
            raise OSError("disk full")
        return real_replace(src, dst)

    return replace


def test_a_swap_that_fails_midway_restores_the_previous_package(tmp_path, monkeypatch):
    seeds, out, before = built_once(tmp_path)
    write_seeds(seeds, {"b": ARTICLE})
    monkeypatch.setattr(tidynews.dataset.publish.os, "replace", replace_failing(times=1))
    with pytest.raises(OSError, match="disk full"):
        build(seeds, out)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert published(out) == ["CITATION.cff", "DATASET.md", "data", "datapackage.json"]


def test_a_swap_that_cannot_be_undone_is_finished_by_recover(tmp_path, monkeypatch):
    seeds, out, _ = built_once(tmp_path)
    write_seeds(seeds, {"b": ARTICLE})
    monkeypatch.setattr(tidynews.dataset.publish.os, "replace", replace_failing(times=None))
    with pytest.raises(OSError, match="disk full"):
        build(seeds, out)
    monkeypatch.undo()
    with pytest.raises(PackageError, match="interrupted while swapping"):
        validate(out)
    assert recover(out)
    assert validate(out).valid
    assert read_package(out / "datapackage.json").load("articles").height == 2
    assert published(out) == ["CITATION.cff", "DATASET.md", "data", "datapackage.json"]


def test_an_empty_seeds_folder_builds_an_empty_valid_package(tmp_path):
    (tmp_path / "seeds").mkdir()
    result = build(tmp_path / "seeds", tmp_path / "out")
    assert result.documents == 0
    assert set(result.rows.values()) == {0}


def test_the_readme_dask_example_builds_the_same_package(tmp_path):
    """The README's example, run as written, on a local Dask scheduler."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("<!-- dask-example -->", 1)[1].split("```python", 1)[1].split("```")[0]
    namespace: dict = {}
    exec(compile(code, "README.md (dask example)", "exec"), namespace)
    documents = {f"doc{i}": ARTICLE * (i % 3 + 1) + COMMENTS * (i % 2) for i in range(7)}
    seeds = write_seeds(tmp_path / "seeds", documents)
    result = namespace["build_on_dask"](seeds, tmp_path / "dask", partitions=3, window=2)
    build(seeds, tmp_path / "local")
    assert result.documents == 7
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")


def test_seeds_build_in_article_id_order_whatever_their_file_names(tmp_path):
    """ "Äb.txt" sorts after "b.txt" by name but its id "Ab" comes first: the rows are
    streamed in id order, so the tables stay sorted and the package valid."""
    seeds = write_seeds(tmp_path / "seeds", {"b": ARTICLE, "Äb": ARTICLE + COMMENTS})
    build(seeds, tmp_path / "out")
    package = read_package(tmp_path / "out" / "datapackage.json")
    assert package.load("articles")["article_id"].to_list() == ["Ab", "b"]
    assert package.load("comments")["article_id"].unique().to_list() == ["Ab"]


def test_documents_out_of_article_id_order_are_refused(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE, "b": ARTICLE})
    first, second = (process_document(path) for path in discover_seeds(seeds))
    with pytest.raises(ValueError, match=r"'a' came after 'b'.*article id order"):
        publish(iter([second, first]), tmp_path / "out")
    with pytest.raises(ValueError, match=r"'a' came twice"):
        publish(iter([first, first]), tmp_path / "out")
    assert not (tmp_path / "out" / "datapackage.json").exists()
    assert list((tmp_path / "out").iterdir()) == [tmp_path / "out" / ".tidynews-build.lock"]


def test_large_tables_stream_into_several_parquet_row_groups(tmp_path, monkeypatch):
    """With row groups cut every 2 KB of CSV, the Parquet copy holds the CSV's rows in
    several groups, and the files are the same whether one or two workers built them."""
    monkeypatch.setattr(tidynews.dataset.publish.TableFiles, "ROW_GROUP_BYTES", 2_048)
    monkeypatch.setattr(tidynews.dataset.tables.TableBuilder, "BATCH", 2)
    documents = {f"doc{i}": ARTICLE * (i % 3 + 1) + COMMENTS * (i % 2) for i in range(9)}
    seeds = write_seeds(tmp_path / "seeds", documents)
    build(seeds, tmp_path / "one")
    build(seeds, tmp_path / "two", jobs=2)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    data = tmp_path / "one" / "data"
    assert pq.ParquetFile(data / "articles.parquet").metadata.num_row_groups > 1
    package = read_package(tmp_path / "one" / "datapackage.json")
    for table in ("articles", "comments", "claims"):
        from_parquet = package.load(table)  # the loader reads the Parquet copy
        from_csv = pl.read_csv(data / f"{table}.csv", schema=from_parquet.schema)
        assert_frame_equal(from_parquet, from_csv)


def test_a_build_into_a_fresh_folder_carries_the_current_version(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE})
    build(seeds, tmp_path / "fresh")
    descriptor = read_package(tmp_path / "fresh" / "datapackage.json")
    assert descriptor.version == current_version() == read_package(ROOT).version


def test_skip_invalid_refuses_when_no_seed_is_valid(tmp_path):
    seeds, out, before = built_once(tmp_path)
    for path in seeds.glob("*.txt"):
        path.write_bytes(b"")
    with pytest.raises(SeedError, match=r"no valid documents \(1 skipped.*left as it was"):
        build(seeds, out, skip_invalid=True)
    assert snapshot(out) == before


def test_files_that_are_not_seeds_are_listed_with_what_to_do(tmp_path):
    names = {"a": ARTICLE, "a.json": "{}", "page.html": "<p>x</p>", "paper.pdf": b"%PDF-1.4"}
    names |= {"notes.md": "x", "letter.docx": b"PK", "LOUD.TXT": ARTICLE, "lone.json": "{}"}
    seeds = write_seeds(tmp_path / "seeds", names)
    (seeds / "sub").mkdir()
    unread = dict(build(seeds, tmp_path / "out").unread)
    assert sorted(unread) == [
        "seeds/LOUD.TXT",
        "seeds/letter.docx",
        "seeds/lone.json",
        "seeds/notes.md",
        "seeds/page.html",
        "seeds/paper.pdf",
        "seeds/sub",
    ]
    assert "trafilatura" in unread["seeds/page.html"]
    assert "pdftotext" in unread["seeds/paper.pdf"]
    assert "rename it to LOUD.txt" in unread["seeds/LOUD.TXT"]
    assert "no lone.txt beside it" in unread["seeds/lone.json"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_extraction_collects_garbage_less_often_and_gives_the_collector_back(tmp_path, jobs):
    import gc

    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE, "b": ARTICLE + "\nMore."})
    before = gc.get_threshold()
    during = []

    def record(_path: Path) -> None:
        during.append(gc.get_threshold())

    build(seeds, tmp_path / "out", jobs=jobs, on_document=record)
    assert during == [(10_000, 10, 10)] * 2
    assert gc.get_threshold() == before


def test_workers_find_the_reference_data_loaded_by_the_parent(tmp_path):
    """With --jobs > 1 the gazetteer index and the unit table are loaded (made, the first
    time after an install) before the workers fork, not by every worker at once."""
    from tidynews.pipeline.figures.unitindex import unit_table
    from tidynews.pipeline.places.gazetteer import gazetteer

    gazetteer.cache_clear()
    unit_table.cache_clear()
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE, "b": ARTICLE + COMMENTS})
    build(seeds, tmp_path / "out", jobs=2)
    assert gazetteer.cache_info().currsize == unit_table.cache_info().currsize == 1
