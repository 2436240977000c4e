import json

import pytest

from tests.conftest import ARTICLE, COMMENTS, GOLD
from tidynews.errors import GoldError
from tidynews.evaluate import evaluate


def gold_file(folder, name, **content):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps({"document": f"{name}.txt", **content}))


def test_segments_within_three_characters_are_strict_matches(small_package, tmp_path):
    first = COMMENTS.splitlines()[0]
    start = len(ARTICLE)
    gold_file(
        tmp_path / "gold",
        "bridge",
        segments=[
            {"kind": "article", "start": 0, "end": len(ARTICLE) - 4},  # 3 off: still strict
            {"kind": "comment", "start": start, "end": start + len(first)},
        ],
    )
    result = evaluate(small_package, tmp_path / "gold")
    segments = result.tables["segments"]
    assert segments.strict.scores()["matched"] == 2
    assert segments.strict.scores()["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert segments.strict.scores()["recall"] == 1.0


def test_an_article_off_by_more_than_three_is_not_strict(small_package, tmp_path):
    gold_file(tmp_path / "gold", "plain", segments=[{"kind": "article", "start": 0, "end": 60}])
    segments = evaluate(small_package, tmp_path / "gold").tables["segments"]
    assert segments.loose.scores()["f1"] == 1.0
    assert segments.strict.scores()["f1"] == 0.0


def test_gold_for_documents_not_in_the_package_is_listed(small_package, tmp_path):
    gold_file(tmp_path / "gold", "elsewhere", segments=[])
    assert evaluate(small_package, tmp_path / "gold").skipped == ["elsewhere.txt"]


def test_missing_rows_count_against_recall(small_package, tmp_path):
    question = COMMENTS.splitlines()[1]  # a question: the extractor makes no claim of it
    start = (ARTICLE + COMMENTS).index(question)
    gold_file(
        tmp_path / "gold",
        "bridge",
        segments=[{"kind": "article", "start": 0, "end": len(ARTICLE) - 1}],
        claims=[
            {
                "start": start,
                "end": start + len(question),
                "claimant": ["commenter"],
                "cue": None,
                "hedged": False,
                "kind": ["assertion"],
            }
        ],
    )
    claims = evaluate(small_package, tmp_path / "gold").tables["claims"].to_dict()
    assert claims["f1"]["recall"] == 0.0
    assert claims["f1"]["gold"] == 1


def test_bad_gold_raises_gold_error(small_package, tmp_path):
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "x.json").write_text("{")
    with pytest.raises(GoldError, match=r"x\.json: not a readable gold JSON file"):
        evaluate(small_package, tmp_path / "g")
    with pytest.raises(GoldError, match="no gold"):
        evaluate(small_package, tmp_path / "empty")


def test_development_corpus_segments_f1_at_least_0_9(corpus_package):
    """Quality gate: segmentation on the shared development corpus (issue target >= 0.9)."""
    segments = evaluate(corpus_package, GOLD).tables["segments"].to_dict()
    assert segments["f1"]["f1"] >= 0.9
    assert segments["strict"]["f1"] >= 0.9
