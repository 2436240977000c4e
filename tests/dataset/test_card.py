"""The dataset card and CITATION.cff: written by build from the package itself,
the same bytes for the same package, valid YAML where YAML is promised."""

import json

import yaml
from click.testing import CliRunner

from tests.conftest import ROOT
from tidynews.cli import cli
from tidynews.dataset.card import render_card, render_citation, size_category
from tidynews.dataset.load import read_package


def test_build_writes_the_card_beside_the_package(small_package):
    assert (small_package / "DATASET.md").is_file()
    assert (small_package / "CITATION.cff").is_file()


def test_the_card_says_what_is_in_each_table_and_where_it_came_from(small_package):
    text = render_card(small_package / "datapackage.json")
    header = yaml.safe_load(text.split("---\n")[1])
    assert header["license"] == "cc-by-4.0"
    assert header["size_categories"] == ["n<1K"]
    package = read_package(small_package)
    for name, resource in package.resources.items():
        assert f"### {name} ({package.load(name).height} rows)" in text
        for field in resource.schema["fields"]:
            assert f"| `{field['name']}` |" in text
    for row in package.load("articles").select("article_id", "source_sha256").rows():
        assert f"| `{row[0]}` |" in text and f"`{row[1]}`" in text
    assert "- by `kind`:" in text


def test_the_card_quotes_the_readme_scores_block(small_package, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "intro\n<!-- scores -->\n| set | F1 |\n|---|---|\n| x | 0.5 |\n<!-- /scores -->\n"
    )
    assert "| x | 0.5 |" in render_card(small_package / "datapackage.json", readme)


def test_citation_cff_is_valid_yaml_with_the_package_version(small_package):
    citation = yaml.safe_load(render_citation(small_package / "datapackage.json"))
    descriptor = json.loads((small_package / "datapackage.json").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "dataset"
    assert citation["version"] == descriptor["version"]
    assert citation["authors"] == [{"name": "tidynews developers"}]


def test_size_categories_follow_hugging_face():
    assert [size_category(n) for n in (0, 999, 1000, 50_000, 2_000_000)] == [
        "n<1K",
        "n<1K",
        "1K<n<10K",
        "10K<n<100K",
        "n>1M",
    ]


def test_card_command_rewrites_a_stale_card(package_copy):
    (package_copy / "DATASET.md").write_text("stale\n")
    result = CliRunner().invoke(cli, ["card", str(package_copy / "datapackage.json")])
    assert result.exit_code == 0, result.output
    assert (package_copy / "DATASET.md").read_text().startswith("---\nlicense:")


def test_the_committed_card_is_the_one_build_would_write():
    """CI's staleness check, without a rebuild: the card of the committed package."""
    assert (ROOT / "DATASET.md").read_text() == render_card(
        ROOT / "datapackage.json", ROOT / "README.md"
    )
    assert (ROOT / "CITATION.cff").read_text() == render_citation(ROOT / "datapackage.json")
