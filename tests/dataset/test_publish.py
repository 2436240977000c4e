"""The publishing swap never moves, truncates or follows anything outside the package:
journals, locks and staging folders tidynews did not make are refused, and nothing moves."""

import json
import os

import pytest

from tests.conftest import ARTICLE, write_seeds
from tidynews.dataset.build import build
from tidynews.dataset.profile import validate
from tidynews.dataset.publish import JOURNAL, LOCK, recover
from tidynews.errors import PackageError


@pytest.fixture
def built(tmp_path):
    """A valid package in tmp_path/pkg, and a sibling folder with its own package."""
    seeds = write_seeds(tmp_path / "seeds", {"a": ARTICLE})
    build(seeds, tmp_path / "pkg")
    build(seeds, tmp_path / "sibling")
    return tmp_path / "pkg", tmp_path / "sibling"


def contents(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "journal",
    [
        json.dumps({"staging": "../sibling"}),
        json.dumps({"staging": "/tmp"}),
        json.dumps({"staging": ".tidynews-build-x/../../sibling"}),
        json.dumps({"staging": "data"}),
        json.dumps({"staging": 5}),
        json.dumps({}),
        json.dumps([1]),
        "not json {",
        "[" * 100_000,
    ],
    ids=["sibling", "absolute", "nested", "not-staging", "number", "empty", "list", "junk", "deep"],
)
def test_a_journal_tidynews_did_not_write_is_refused_and_nothing_moves(built, journal):
    pkg, sibling = built
    before, sibling_before = contents(pkg), contents(sibling)
    (pkg / JOURNAL).write_text(journal)
    with pytest.raises(PackageError, match=r"not a swap journal tidynews wrote.*Nothing was moved"):
        recover(pkg)
    with pytest.raises(PackageError, match="not a swap journal tidynews wrote"):
        build(pkg.parent / "seeds", pkg)
    (pkg / JOURNAL).unlink()
    assert contents(pkg) == before
    assert contents(sibling) == sibling_before
    assert validate(pkg / "datapackage.json").valid


def test_a_journal_naming_a_missing_staging_folder_is_refused(built):
    pkg, _ = built
    (pkg / JOURNAL).write_text(json.dumps({"staging": ".tidynews-build-gone"}))
    with pytest.raises(PackageError, match="is not a folder"):
        recover(pkg)


@pytest.mark.parametrize("kind", ["symlink", "folder"])
def test_a_lock_that_is_a_symlink_or_folder_is_refused_and_not_followed(built, tmp_path, kind):
    pkg, _ = built
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (pkg / LOCK).unlink()
    if kind == "symlink":
        (pkg / LOCK).symlink_to(victim)
    else:
        (pkg / LOCK).mkdir()
    with pytest.raises(PackageError, match=r"the build lock is (a symlink|not a regular file)"):
        build(pkg.parent / "seeds", pkg)
    assert victim.read_text() == "keep me"


def test_a_planted_journal_tmp_symlink_is_not_written_through(built, tmp_path):
    pkg, _ = built
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (pkg / (JOURNAL + ".tmp")).symlink_to(victim)
    build(pkg.parent / "seeds", pkg)
    assert victim.read_text() == "keep me"
    assert validate(pkg / "datapackage.json").valid


def test_a_staging_symlink_leftover_is_removed_without_following_it(built, tmp_path):
    pkg, sibling = built
    before = contents(sibling)
    os.symlink(sibling, pkg / ".tidynews-build-planted")
    recover(pkg)
    assert not (pkg / ".tidynews-build-planted").exists()
    assert contents(sibling) == before
