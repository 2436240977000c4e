"""The README documents every command and every issue code the validator can emit."""

import re
from pathlib import Path

from tests.conftest import ROOT
from tidynews.cli import cli
from tidynews.codes import BY_NAME
from tidynews.readme import render

README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCE = "\n".join(p.read_text() for p in (ROOT / "src" / "tidynews").rglob("*.py"))


def test_quick_start_is_the_two_make_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make \w+", quick, re.M) == ["make build", "make test"]


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"tidynews {name}" in README, name


def test_every_issue_code_is_in_the_catalogue():
    codes = set(re.findall(r'Issue\(\s*"([a-z-]+)"', SOURCE))
    codes |= set(re.findall(r'_issues\(\s*[\w.()]+,\s*"([a-z-]+)"', SOURCE))
    codes |= {"constraint-error", "unique-error"}
    assert len(codes) > 15
    for code in sorted(codes):
        assert BY_NAME[code].kind == "issue", code


def test_the_readme_code_tables_are_generated_from_the_catalogue():
    assert render(README) == README, "run `make docs` and commit README.md"
    for code in BY_NAME:
        assert f"| `{code}` |" in README, code


def test_ci_runs_the_readme_test_command():
    assert "make test" in Path(ROOT / ".ci" / "run").read_text()


def test_every_seed_error_code_is_in_the_catalogue():
    codes = set(re.findall(r"\(((?:seed|extract)-[a-z]+)\)", SOURCE))
    assert len(codes) >= 10
    for code in sorted(codes):
        assert BY_NAME[code].kind == "seed", code


def test_every_page_error_code_is_in_the_catalogue():
    codes = set(re.findall(r"\b(page-[a-z-]+[a-z])\b", SOURCE)) - {"page-error"}
    assert len(codes) >= 5
    for code in sorted(codes):
        assert BY_NAME[code].kind == "page", code
