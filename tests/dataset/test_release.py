"""Diff and release: each kind of change gets the bump the Data Package Version recipe says."""

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import ARTICLE, COMMENTS, write_seeds
from tidynews.dataset.build import build, current_version
from tidynews.dataset.diff import diff
from tidynews.dataset.load import read_package
from tidynews.dataset.release import next_version, release
from tidynews.errors import ReleaseError
from tidynews.validation.descriptor import PARQUET_KEY


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Seeds, and the package they build: the release under test and the base to edit."""
    root = tmp_path_factory.mktemp("project")
    seeds = write_seeds(root / "seeds", {"bridge": ARTICLE + COMMENTS, "plain": ARTICLE})
    build(seeds, root / "built")
    return root


def base_from(project: Path, tmp_path: Path, edit) -> Path:
    """A copy of the built package changed by `edit(descriptor, frames)`, its CSV and
    Parquet files rewritten and their hashes refreshed."""
    base = tmp_path / "base"
    shutil.copytree(project / "built", base)
    descriptor = json.loads((base / "datapackage.json").read_text())
    frames = {
        r["name"]: pl.read_csv(base / r["path"], infer_schema=False)
        for r in descriptor["resources"]
    }
    edit(descriptor, frames)
    for resource_ in descriptor["resources"]:
        resource_.pop(PARQUET_KEY, None)
        resource_["hash"] = _write(base / resource_["path"], frames[resource_["name"]].write_csv)
        resource_["bytes"] = (base / resource_["path"]).stat().st_size
    (base / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    typed = read_package(base / "datapackage.json")  # CSV, read with the edited schemas
    for resource_ in descriptor["resources"]:
        path = base / resource_["path"].replace(".csv", ".parquet")
        digest = _write(path, typed.load(resource_["name"]).write_parquet)
        resource_[PARQUET_KEY] = {
            "path": resource_["path"].replace(".csv", ".parquet"),
            "bytes": path.stat().st_size,
            "hash": digest,
        }
    (base / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    return base / "datapackage.json"


def _write(path: Path, writer) -> str:
    writer(path)
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field_of(descriptor: dict, table: str, name: str) -> dict:
    return next(f for f in resource(descriptor, table)["schema"]["fields"] if f["name"] == name)


def drop_last_row(table):
    def edit(descriptor, frames):
        frames[table] = frames[table].head(frames[table].height - 1)

    return edit


def correct_a_value(descriptor, frames):
    frames["claims"] = frames["claims"].with_columns(
        pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit("Someone"))
        .otherwise("claimant")
        .alias("claimant")
    )


def base_lacks_field(descriptor, frames):  # the new build has it: a field added
    fields = resource(descriptor, "comments")["schema"]["fields"]
    resource(descriptor, "comments")["schema"]["fields"] = [
        f for f in fields if f["name"] != "author"
    ]
    frames["comments"] = frames["comments"].drop("author")


def base_has_extra_field(descriptor, frames):  # the new build lacks it: a field removed
    resource(descriptor, "comments")["schema"]["fields"].append({"name": "mood", "type": "string"})
    frames["comments"] = frames["comments"].with_columns(pl.lit(None, pl.String).alias("mood"))


def base_types_position_as_number(descriptor, frames):  # retyped
    field_of(descriptor, "comments", "position")["type"] = "number"


def base_has_no_minimum(descriptor, frames):  # the new build's minimum is a tightening
    field_of(descriptor, "comments", "position")["constraints"].pop("minimum")


def base_lacks_table(descriptor, frames):  # a table added
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "figures"]
    del frames["figures"]


def base_has_title(descriptor, frames):  # descriptive metadata only
    descriptor["title"] = descriptor.get("title", "") + " (draft)"


@pytest.mark.parametrize(
    ("edit", "level", "reason"),
    [
        (drop_last_row("claims"), "minor", "claims: 1 rows added"),
        (correct_a_value, "patch", "claims: 1 rows corrected"),
        (base_lacks_field, "major", "comments.author: added"),
        (base_has_extra_field, "major", "comments.mood: removed"),
        (base_types_position_as_number, "major", "comments.position: retyped (number -> integer)"),
        (base_has_no_minimum, "major", "comments.position: tightened"),
        (base_lacks_table, "minor", "table figures added"),
        (base_has_title, "patch", "package title changed"),
    ],
    ids=[
        "row-added",
        "value-corrected",
        "field-added",
        "field-removed",
        "retyped",
        "tightened",
        "table-added",
        "metadata",
    ],
)
def test_release_dry_run_chooses_the_bump_the_recipe_says(project, tmp_path, edit, level, reason):
    base = base_from(project, tmp_path, edit)
    before = (project / "built" / "datapackage.json").read_bytes()
    result = release(project / "seeds", project / "built", base=base, dry_run=True)
    assert result.level == level
    assert any(r.startswith(reason) for r in result.reasons), result.reasons
    assert result.new_version == next_version(result.old_version, level)
    assert (project / "built" / "datapackage.json").read_bytes() == before  # dry run


def test_release_refuses_when_nothing_changed(project):
    with pytest.raises(ReleaseError, match="nothing changed"):
        release(project / "seeds", project / "built", base=project / "built", dry_run=True)


def test_release_writes_version_and_changelog(project, tmp_path):
    root = tmp_path / "root"
    shutil.copytree(project / "built", root)
    (root / "CHANGELOG.md").write_text(
        "# Changelog\n\n## Unreleased\n\n- Better claims.\n\n## 0.1.0\n"
    )
    base = base_from(project, tmp_path, drop_last_row("figures"))
    result = release(project / "seeds", root, base=base, today=dt.date(2026, 11, 25))
    old, new = current_version(), next_version(current_version(), "minor")
    assert (result.old_version, result.new_version, result.level) == (old, new, "minor")
    assert json.loads((root / "datapackage.json").read_text())["version"] == new
    changelog = (root / "CHANGELOG.md").read_text()
    assert changelog.index("## Unreleased") < changelog.index(f"## {new} - 2026-11-25")
    assert changelog.index(f"## {new}") < changelog.index("- Better claims.")
    assert "Minor release: figures: 1 rows added." in changelog
    assert diff(base, root / "datapackage.json").tables["figures"].added == 1


def test_diff_reports_changed_fields_and_reads_git_refs(project, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(project / "built", repo)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    base_from(project, tmp_path, correct_a_value)
    shutil.copytree(tmp_path / "base", repo, dirs_exist_ok=True)
    here = os.getcwd()
    os.chdir(repo)
    try:
        result = diff("HEAD", "datapackage.json")
    finally:
        os.chdir(here)
    assert result.tables["claims"].changed == 1
    assert result.tables["claims"].changed_fields == {"claimant": 1}
    assert result.bump()[0] == "patch"


def git_project(project: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """A repository holding the built package, its seeds and a CHANGELOG, committed."""
    repo = tmp_path / "repo"
    shutil.copytree(project / "built", repo)
    shutil.copytree(project / "seeds", repo / "seeds")
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## Unreleased\n")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "config", "user.name", "t"], check=True)
    subprocess.run([*git, "config", "user.email", "t@example.org"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    return repo, git


def test_release_commits_the_package_and_seeds_and_tags_the_version(project, tmp_path):
    repo, git = git_project(project, tmp_path)
    write_seeds(repo / "seeds", {"third": ARTICLE})
    result = release(repo / "seeds", repo, base=repo, today=dt.date(2026, 12, 2))
    assert result.tag == f"v{result.new_version}"
    tags = subprocess.run([*git, "tag"], capture_output=True, text=True, check=True).stdout
    assert tags.split() == [result.tag]
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""  # seeds, data, descriptor and CHANGELOG are all in the commit
    shown = subprocess.run(
        [*git, "show", f"{result.tag}:datapackage.json"], capture_output=True, text=True
    )
    assert json.loads(shown.stdout)["version"] == result.new_version


def test_release_refuses_a_tag_that_exists_before_writing_anything(project, tmp_path):
    repo, git = git_project(project, tmp_path)
    write_seeds(repo / "seeds", {"third": ARTICLE})
    new = next_version(current_version(), "minor")
    subprocess.run([*git, "tag", f"v{new}"], check=True)
    before = (repo / "datapackage.json").read_bytes()
    with pytest.raises(ReleaseError, match=f"tag v{new} already exists"):
        release(repo / "seeds", repo, base=repo)
    assert (repo / "datapackage.json").read_bytes() == before


def test_release_without_tag_writes_only_the_files(project, tmp_path):
    repo, git = git_project(project, tmp_path)
    write_seeds(repo / "seeds", {"third": ARTICLE})
    result = release(repo / "seeds", repo, base=repo, tag=False)
    assert result.tag is None
    assert subprocess.run([*git, "tag"], capture_output=True, text=True).stdout == ""
