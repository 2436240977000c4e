"""An exception inside any extractor is one document's ExtractError, naming the file,
the stage and the line where it happened; the rest of the corpus still builds."""

import pickle

import pytest

import tidynews.pipeline.extract
from tests.conftest import ARTICLE, write_seeds
from tidynews.dataset.build import build
from tidynews.errors import ExtractError, SeedError
from tidynews.pipeline.figures import find_figures

BAD = "The first line is fine.\nThis line holds the boom that breaks the extractor.\n"


def failing_on_boom(text, span):
    if "boom" in text[span.start : span.end]:
        raise ValueError("could not convert 'boom'")
    return find_figures(text, span)


def test_an_extractor_failure_names_file_stage_and_line(tmp_path, monkeypatch):
    monkeypatch.setattr(tidynews.pipeline.extract, "find_figures", failing_on_boom)
    seeds = write_seeds(tmp_path / "seeds", {"good": ARTICLE, "odd": BAD})
    with pytest.raises(ExtractError) as caught:
        build(seeds, tmp_path / "out")
    assert str(caught.value) == (
        "seeds/odd.txt: figures failed at char 24: ValueError: could not convert 'boom' "
        "(extract-error). Report this bug; --skip-invalid builds without the file."
    )
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_skip_invalid_builds_without_the_document_an_extractor_failed_on(tmp_path, monkeypatch):
    monkeypatch.setattr(tidynews.pipeline.extract, "find_figures", failing_on_boom)
    seeds = write_seeds(tmp_path / "seeds", {"good": ARTICLE, "odd": BAD})
    result = build(seeds, tmp_path / "out", skip_invalid=True)
    assert result.documents == 1
    assert [file for file, _ in result.skipped] == ["seeds/odd.txt"]
    assert "figures failed at char 24" in result.skipped[0][1]


def test_a_failure_in_the_places_stage_is_named_too(tmp_path, monkeypatch):
    def broken(text, spans):
        raise KeyError("gazetteer")

    monkeypatch.setattr(tidynews.pipeline.extract, "find_places", broken)
    seeds = write_seeds(tmp_path / "seeds", {"odd": BAD})
    with pytest.raises(ExtractError, match=r"seeds/odd.txt: places failed at char 0: KeyError"):
        build(seeds, tmp_path / "out")


def test_extract_errors_travel_back_from_build_workers():
    error = ExtractError("seeds/x.txt", "claims", 12, "IndexError: list index out of range")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.stage, copy.offset) == (
        ExtractError,
        str(error),
        "claims",
        12,
    )
    assert isinstance(copy, SeedError)
