import importlib
import json
import math
from dataclasses import replace

import polars as pl
import pytest

from tests.conftest import ARTICLE, COMMENTS, GOLD, write_seeds
from tidynews.dataset.build import build
from tidynews.dataset.load import read_package
from tidynews.errors import GoldError
from tidynews.evaluation.gold import (
    FIGURE_ATTRIBUTES,
    PredictedPlace,
    haversine_km,
    parse_coord_key,
    resolves,
)
from tidynews.evaluation.score import evaluate

evaluate_module = importlib.import_module(
    "tidynews.evaluation.score"
)  # the package exports a function of that name


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


# Benchmark conventions (shared benchmarks/README.md): annotates, excluded, coord:, unit_accepted.

RIDE = (
    "Volunteers from Lyon cycled to Grenoble on Tuesday, and the mayor of Marseille thanked them.\n"
    "The team carried 40 kilograms of tools and raised 3,000 dollars for the school in 2 weeks.\n"
)
KM_PER_DEGREE = 6371.0088 * math.pi / 180  # one degree of latitude on the mean sphere


@pytest.fixture(scope="module")
def ride_package(tmp_path_factory):
    """Three French cities (with coordinates) and three figures, built once."""
    root = tmp_path_factory.mktemp("ride")
    build(write_seeds(root / "seeds", {"ride": RIDE}), root / "pkg")
    return root / "pkg"


def span(text: str) -> dict:
    start = RIDE.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def place(text: str, *keys: str, **extra) -> dict:
    return span(text) | {"keys": list(keys)} | extra


def predicted_point(package, name: str) -> tuple[float, float]:
    row = read_package(package).load("places").filter(pl.col("name") == name).row(0, named=True)
    return row["latitude"], row["longitude"]


def kilograms(**extra) -> dict:
    figure = span("40 kilograms") | {"kind": "other", "value": 40, "low": 40, "high": 40}
    return figure | {"unit": "kg", "qualifier": "exact"} | extra


def score(package, folder, **gold):
    gold_file(folder, "ride", **({"segments": []} | gold))
    return evaluate(package, folder)


def test_tables_not_in_annotates_have_no_false_positives(ride_package, tmp_path):
    lyon = place("Lyon", "geonames:2996944")
    everything = score(ride_package, tmp_path / "a", places=[lyon])
    assert everything.tables["figures"].loose.predicted == 3  # old behaviour: all scored
    assert everything.tables["figures"].to_dict()["f1"]["precision"] == 0.0
    result = score(ride_package, tmp_path / "b", annotates=["places"], places=[lyon])
    for table in ("segments", "figures", "claims"):
        assert result.tables[table].to_dict() == {
            "documents": 0,
            "f1": None,
            "strict": None,
            "accuracy": {},
        }
    assert set(result.documents["ride"]) == {"places"}
    assert result.tables["places"].loose.scores()["predicted"] == 3
    assert "figures    n/a" in result.format_text()


def test_only_listed_attributes_are_scored_and_boundaries_need_span(ride_package, tmp_path):
    start = RIDE.index("The team")
    claim = {"start": start + 5, "end": len(RIDE) - 1, "claimant": ["author"], "cue": None}
    claim |= {"hedged": True, "kind": ["forecast"]}  # both wrong, but not listed
    listed = ["claims", "claims.claimant", "claims.cue"]
    claims = score(ride_package, tmp_path / "a", annotates=listed, claims=[claim])
    claims = claims.tables["claims"]
    assert set(claims.attributes) == {"claimant", "cue"}
    assert claims.strict.matched == 1  # 5 characters off, but boundaries are not judged
    judged = score(ride_package, tmp_path / "b", annotates=[*listed, "claims.span"], claims=[claim])
    assert judged.tables["claims"].strict.matched == 0
    everything = score(ride_package, tmp_path / "c", claims=[claim]).tables["claims"]
    assert set(everything.attributes) == {"claimant", "cue", "hedged", "kind"}
    assert everything.strict.matched == 0


def test_bare_places_skip_literal_and_bare_figures_score_every_attribute(ride_package, tmp_path):
    lyon = place("Lyon", "geonames:2996944", literal=False)  # predicted literal is true
    bare = score(ride_package, tmp_path / "a", annotates=["places"], places=[lyon])
    assert bare.tables["places"].attributes == {}
    assert bare.tables["places"].strict.matched == 1
    old = score(ride_package, tmp_path / "b", places=[lyon]).tables["places"]
    assert old.attributes["literal"].score() == 0.0
    assert old.strict.matched == 0
    off = kilograms(start=RIDE.index("40") - 5)  # 5 characters too early
    figures = score(ride_package, tmp_path / "c", annotates=["figures"], figures=[off])
    assert set(figures.tables["figures"].attributes) == set(FIGURE_ATTRIBUTES)
    assert figures.tables["figures"].strict.matched == 1
    spans = score(
        ride_package, tmp_path / "d", annotates=["figures", "figures.span"], figures=[off]
    )
    assert spans.tables["figures"].strict.matched == 0


def test_unmatched_predictions_on_excluded_spans_are_neither_right_nor_wrong(
    ride_package, tmp_path
):
    annotates = ["figures", "figures.span"]
    weeks = span("2 weeks") | {"table": "figures"}
    tools = span("40 kilograms of tools") | {"table": "figures"}  # overlaps a matched figure
    dropped = score(
        ride_package,
        tmp_path / "a",
        annotates=annotates,
        figures=[kilograms()],
        excluded=[weeks, tools],
    ).tables["figures"]
    assert (dropped.loose.matched, dropped.loose.predicted) == (1, 2)  # dollars still wrong
    assert dropped.strict.predicted == 2
    other_table = score(
        ride_package,
        tmp_path / "b",
        annotates=annotates,
        figures=[kilograms()],
        excluded=[weeks | {"table": "places"}],
    )
    assert other_table.tables["figures"].loose.predicted == 3
    marseille = span("Marseille") | {"table": "places"}
    places = score(
        ride_package,
        tmp_path / "c",
        annotates=["places"],
        places=[place("Lyon", "geonames:2996944")],
        excluded=[marseille],
    ).tables["places"]
    assert places.loose.predicted == places.extra["resolved"].predicted == 2


def test_unit_accepted_lists_the_right_spellings_case_sensitively(ride_package, tmp_path):
    def unit_accuracy(folder, **extra):
        result = score(
            ride_package, tmp_path / folder, annotates=["figures"], figures=[kilograms(**extra)]
        )
        return result.tables["figures"].attributes["unit"].score()

    assert unit_accuracy("a", unit="kilogram") == 0.0  # the package writes "kg"
    assert unit_accuracy("b", unit="kilogram", unit_accepted=["kilogram", "kg"]) == 1.0
    assert unit_accuracy("c", unit="kilogram", unit_accepted=["kilogram", "KG"]) == 0.0


@pytest.mark.parametrize(("degrees", "resolved"), [(1.44, 1), (1.46, 0)])
def test_coord_keys_resolve_within_161_km(ride_package, tmp_path, degrees, resolved):
    lat, lon = predicted_point(ride_package, "Lyon")
    assert (degrees * KM_PER_DEGREE < 161) == bool(resolved)
    gold = place("Lyon", f"coord:{lat + degrees:.4f},{lon:.4f}", "wikipedia:Lyon")
    places = score(ride_package, tmp_path, annotates=["places"], places=[gold]).tables["places"]
    assert places.extra["resolved"].matched == resolved
    assert places.toponyms["acc_161km"].right == resolved


def test_a_prediction_without_coordinates_cannot_resolve_a_coord_key(
    ride_package, tmp_path, monkeypatch
):
    lat, lon = predicted_point(ride_package, "Lyon")
    gold = place("Lyon", f"coord:{lat:.4f},{lon:.4f}")
    assert score(ride_package, tmp_path / "a", places=[gold]).tables["places"].strict.matched == 1
    without = evaluate_module.predicted_places
    monkeypatch.setattr(
        evaluate_module,
        "predicted_places",
        lambda frame: {k: replace(v, point=None) for k, v in without(frame).items()},
    )
    places = score(ride_package, tmp_path / "b", places=[gold]).tables["places"]
    assert places.extra["resolved"].matched == 0
    assert places.toponyms["no_coordinates"].score() == 1.0
    assert places.toponyms["acc_161km"].score() == 0.0
    assert not resolves(PredictedPlace(frozenset({"name:lyon"}), None), gold)


def test_place_measures_count_over_found_toponyms(ride_package, tmp_path):
    lat, lon = predicted_point(ride_package, "Lyon")
    m_lat, m_lon = predicted_point(ride_package, "Marseille")
    gold = [
        place("Lyon", "geonames:2996944", lat=lat + 1.0, lon=lon),  # right id, 111 km
        place("Grenoble", "geonames:1", lat=0.0, lon=0.0),  # wrong id, far away
        place("Marseille", f"coord:{m_lat - 0.5:.4f},{m_lon:.4f}"),  # no id key, 56 km
        place("school", "name:school"),  # not found
    ]
    result = score(ride_package, tmp_path, annotates=["places"], places=gold)
    places = result.tables["places"].to_dict()
    assert places["toponyms"]["recognition"] == places["f1"]
    assert (places["f1"]["matched"], places["f1"]["predicted"], places["f1"]["gold"]) == (3, 3, 4)
    counts = {k: (v["count"], v["total"]) for k, v in places["toponyms"].items() if "count" in v}
    assert counts == {"exact_id": (1, 2), "acc_161km": (2, 3), "no_coordinates": (0, 3)}
    text = result.format_text()
    for line in ("places     recognized", "exact id        0.500  (1/2)", "acc@161km       0.667"):
        assert line in text


def test_haversine_and_coord_keys():
    assert haversine_km((10.0, 20.0), (11.0, 20.0)) == pytest.approx(KM_PER_DEGREE)
    assert haversine_km((0.0, 179.5), (0.0, -179.5)) == pytest.approx(KM_PER_DEGREE)
    assert parse_coord_key("coord:-33.8688,151.2093") == (-33.8688, 151.2093)
    assert parse_coord_key("coord:north") is None
    assert parse_coord_key("geonames:1") is None


def test_malformed_coord_keys_and_excluded_spans_are_gold_errors(small_package, tmp_path):
    gold_file(tmp_path / "a", "plain", segments=[], places=[place("Lyon", "coord:1;2")])
    with pytest.raises(GoldError, match="coord:<lat>,<lon>"):
        evaluate(small_package, tmp_path / "a")
    gold_file(tmp_path / "b", "plain", segments=[], excluded=[{"start": 1, "end": 2}])
    with pytest.raises(GoldError, match="excluded span"):
        evaluate(small_package, tmp_path / "b")


def test_unknown_annotates_entries_are_warned_about(ride_package, tmp_path):
    result = score(ride_package, tmp_path, annotates=["places", "places.kind", "maps"])
    assert result.warnings == [
        "1 gold files list 'maps' in annotates, which evaluate does not score",
        "1 gold files list 'places.kind' in annotates, which evaluate does not score",
    ]
