import json

import pytest
from click.testing import CliRunner

import tidynews
from tests.conftest import ARTICLE, COMMENTS, write_seeds
from tidynews.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


def test_build_then_validate(runner, tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE + COMMENTS})
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(seeds), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "from 1 document: articles 1, comments 2, claims 4" in result.output
    result = runner.invoke(cli, ["validate", str(out / "datapackage.json")], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.strip().endswith("datapackage.json: valid")


def test_bad_seed_is_one_line_without_traceback(runner, tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": b"caf\xe9 not text"})
    result = runner.invoke(cli, ["build", str(seeds), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == (
        "Error: seeds/a.txt:1: not valid UTF-8 at byte 3 (seed-encoding); its encoding is "
        "probably windows-1252. Re-save it as UTF-8 (e.g. iconv -f windows-1252 -t utf-8) "
        "or remove it.\n"
    )


def test_validate_json_report_and_exit_1_when_invalid(runner, package_copy):
    path = package_copy / "data" / "articles.csv"
    path.write_bytes(path.read_bytes().replace(b"bridge", b"bridgE", 1))
    result = runner.invoke(
        cli, ["validate", str(package_copy / "datapackage.json"), "--format", "json"]
    )
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    assert report["issues"][0] == {
        "code": "hash-count",
        "table": "articles",
        "row": None,
        "field": None,
        "value": report["issues"][0]["value"],
        "message": report["issues"][0]["message"],
        "severity": "error",
    }
    assert set(report["issues"][0]) == {
        "code",
        "table",
        "row",
        "field",
        "value",
        "message",
        "severity",
    }


def test_validate_low_memory_gives_the_same_report(runner, package_copy):
    path = package_copy / "data" / "articles.csv"
    path.write_bytes(path.read_bytes().replace(b"bridge", b"bridgE", 1))
    command = ["validate", str(package_copy / "datapackage.json"), "--format", "json"]
    default = runner.invoke(cli, command)
    low_memory = runner.invoke(cli, [*command, "--low-memory"])
    assert (low_memory.exit_code, low_memory.output) == (1, default.output)


def test_validate_missing_descriptor_exits_2(runner, tmp_path):
    result = runner.invoke(cli, ["validate", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "no such descriptor" in result.output


def test_debug_keeps_the_traceback(runner, tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": b""})
    result = runner.invoke(cli, ["--debug", "build", str(seeds), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "SeedError"


def test_evaluate_prints_segment_scores(runner, small_package, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    start = len(ARTICLE)
    lines = COMMENTS.splitlines()
    segments = [{"kind": "article", "start": 0, "end": len(ARTICLE) - 1}]
    for line in lines:
        segments.append({"kind": "comment", "start": start, "end": start + len(line)})
        start += len(line) + 1
    (gold / "bridge.json").write_text(json.dumps({"document": "bridge.txt", "segments": segments}))
    result = runner.invoke(
        cli,
        ["evaluate", str(small_package), "--gold", str(gold), "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    scores = json.loads(result.output)["scores"]["segments"]
    assert scores["strict"]["f1"] == 1.0


@pytest.mark.parametrize("command", ["build", "validate", "evaluate"])
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_recover_refuses_a_folder_that_does_not_exist_and_creates_nothing(runner, tmp_path):
    result = runner.invoke(cli, ["recover", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "nope: no such folder" in result.output
    assert not (tmp_path / "nope").exists()


def test_an_unexpected_exception_is_one_line_and_not_exit_1(runner, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(tidynews, "build", broken)  # what the CLI calls: the public API
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE})
    result = runner.invoke(cli, ["build", str(seeds), "--out", str(tmp_path / "o")])
    assert result.exit_code == 70
    assert result.output == (
        "Error: internal error: RuntimeError: something nobody foresaw. Please report this "
        "bug; run with `tidynews --debug ...` for the traceback.\n"
    )


def test_a_crash_inside_validate_is_an_internal_error_not_invalid(runner, tmp_path, monkeypatch):
    """A bug deep in the validator (here on a worker thread) is exit 70 with "please
    report", never exit 1, which CI reads as "the data is invalid"."""
    import sys

    def broken(*args, **kwargs):
        raise TypeError("unhashable type: 'dict'")

    monkeypatch.setattr(sys.modules["tidynews.validation.validate"], "check_resource", broken)
    (tmp_path / "a.csv").write_text("id\n1\n", encoding="utf-8")
    resource = {"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "id"}]}}
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": [resource]}))
    for output in ("text", "json"):
        result = runner.invoke(cli, ["validate", str(tmp_path), "--format", output])
        assert result.exit_code == 70
        assert result.output.startswith("Error: internal error: TypeError: unhashable type")
        assert "Please report this bug" in result.output


def test_build_warns_about_files_it_does_not_read(runner, tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE, "page.html": "<p>x</p>"})
    result = runner.invoke(cli, ["build", str(seeds), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert "warning: seeds/page.html: not read: a web page: extract" in result.output
