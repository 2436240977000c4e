"""Shared fixtures: seed folders written per test, and one package built per run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tidynews.dataset.build import build

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"

ARTICLE = (
    "Officials said on Monday that the bridge over the river had reopened after repairs.\n"
    "The ministry said the work took two months and cost more than expected.\n"
    "Engineers replaced the worn steel cables and resurfaced the whole deck, and traffic "
    "returned to both lanes of the crossing by the evening rush, shop owners on the "
    "northern bank said.\n"
)
COMMENTS = (
    "I drove over it yesterday and it still shakes, honestly.\n"
    "@ riverwatcher, did you see the new lights?\n"
)


def write_seeds(folder: Path, documents: dict[str, str | bytes]) -> Path:
    """Write documents as seed files (`<id>.txt`) into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in documents.items():
        path = folder / (name if "." in name else f"{name}.txt")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def small_package(tmp_path_factory) -> Path:
    """A package built once from two hand-written documents (one with two comments)."""
    root = tmp_path_factory.mktemp("small")
    seeds = write_seeds(root / "seeds", {"bridge": ARTICLE + COMMENTS, "plain": ARTICLE})
    build(seeds, root / "pkg")
    return root / "pkg"


@pytest.fixture
def package_copy(small_package, tmp_path) -> Path:
    """A private copy of the small package that a test may corrupt."""
    target = tmp_path / "pkg"
    shutil.copytree(small_package, target)
    return target


@pytest.fixture(scope="session")
def corpus_package(tmp_path_factory) -> Path:
    """The shared development corpus built into a temporary package."""
    if not CORPUS.is_dir():  # a clone without ../shared: what needs the corpus skips
        pytest.skip(f"{CORPUS}: the shared development corpus is not beside the repo")
    out = tmp_path_factory.mktemp("corpus")
    build(CORPUS, out)
    return out
