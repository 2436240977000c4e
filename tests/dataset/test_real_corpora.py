"""Every shared benchmark corpus (real published news) builds valid, with no document
left out, and articles without reader comments are never split into comments.

Skipped when ../shared/benchmarks is absent; the files are read from there only."""

import pytest

from tests.conftest import SHARED
from tidynews.dataset.build import build
from tidynews.dataset.load import read_package
from tidynews.dataset.profile import validate

BENCHMARKS = SHARED / "benchmarks"
# lgl, geovirus and polnear are news articles without reader comments
CORPORA = {
    "lgl": True,
    "geovirus": True,
    "polnear/train": True,
    "polnear/dev": True,
    "quantities": False,
}


@pytest.mark.skipif(not BENCHMARKS.is_dir(), reason="../shared/benchmarks is not beside the repo")
@pytest.mark.parametrize(("corpus", "no_comments"), CORPORA.items(), ids=list(CORPORA))
def test_a_real_corpus_builds_valid_with_every_document(tmp_path, corpus, no_comments):
    docs = BENCHMARKS / corpus / "docs"
    result = build(docs, tmp_path / "pkg", jobs=2)  # raises on any bad document
    assert result.documents == len(list(docs.glob("*.txt")))
    assert result.skipped == ()
    assert validate(result.descriptor).valid
    if no_comments:
        assert read_package(result.descriptor).load("comments").height == 0
