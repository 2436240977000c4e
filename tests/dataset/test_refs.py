"""diff and release open what the user names without letting it act as an option, and
read a wheel within a size budget."""

import os
import subprocess
import zipfile

import pytest

from tests.conftest import ARTICLE, write_seeds
from tidynews.dataset.build import build
from tidynews.dataset.diff import diff
from tidynews.dataset.refs import opened
from tidynews.errors import PackageError


@pytest.fixture
def repo(tmp_path):
    """A git repository with a built package committed, as the working directory."""
    build(write_seeds(tmp_path / "seeds", {"a": ARTICLE}), tmp_path / "repo")
    git = ["git", "-C", str(tmp_path / "repo"), "-c", "user.name=t", "-c", "user.email=t@x.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    here = os.getcwd()
    os.chdir(tmp_path / "repo")
    yield tmp_path / "repo"
    os.chdir(here)


@pytest.mark.parametrize("ref", ["--output=victim.txt", "-o", "--remote=x"])
def test_a_ref_that_looks_like_an_option_is_refused_and_writes_nothing(repo, ref):
    victim = repo / "victim.txt"
    victim.write_text("keep me")
    with pytest.raises(PackageError, match="git knows no such commit"):
        diff(ref, "datapackage.json")
    assert victim.read_text() == "keep me"


def test_a_git_ref_still_opens(repo):
    assert diff("HEAD", "datapackage.json").bump()[0] == "none"


def wheel_with(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in members.items():
            wheel.writestr(name, data)
    return path


def test_a_zip_bomb_wheel_is_refused(tmp_path):
    descriptor = b'{"resources": [{"name": "t", "path": "data/t.csv"}]}'
    bomb = wheel_with(
        tmp_path / "tidynews-9.0.0-py3-none-any.whl",
        {
            "tidynews/_package/datapackage.json": descriptor,
            "tidynews/_package/data/t.csv": bytes(50 << 20),
        },
    )
    with pytest.raises(PackageError, match="refused as a zip bomb"), opened(bomb):
        pass


def test_a_wheel_member_outside_the_package_is_never_unpacked(tmp_path):
    descriptor = b'{"resources": [{"name": "t", "path": "../../evil.csv"}]}'
    wheel = wheel_with(
        tmp_path / "tidynews-9.0.0-py3-none-any.whl",
        {"tidynews/_package/datapackage.json": descriptor},
    )
    with pytest.raises(PackageError, match="unsafe"), opened(wheel):
        pass
