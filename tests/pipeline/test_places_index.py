"""The gazetteer index on disk: a loaded table finds every place a built one does,
and a country's fuzzy-match tables are read only when asked for."""

from __future__ import annotations

import pytest

from tidynews.pipeline.places import index as index_module
from tidynews.pipeline.places.gazetteer import Gazetteer, Place


def _tiny() -> Gazetteer:
    gaz = Gazetteer()
    # rows out of geonames-id order, an ISO-coded place that also has a geonames id
    gaz.add(Place("geonames:300", "Upton", "settlement", "US", geonames_id=300))
    gaz.add(Place("iso:US-TX", "Texas", "admin1", "US", iso_3166_2="US-TX", geonames_id=7))
    gaz.add(Place("geonames:5", "Downton", "settlement", "GB", geonames_id=5))
    gaz.add(Place("local:Mill Creek", "Mill Creek", "site", "US"))
    for place in list(gaz.places.values()):
        gaz.name(place.name, place.place_id, primary=True)
    gaz.name("Doonton", "geonames:5", primary=False)
    return gaz


@pytest.fixture
def loaded(tmp_path, monkeypatch) -> tuple[Gazetteer, Gazetteer]:
    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    built = index_module.load_or_build(_tiny)
    loaded = index_module.load_or_build(lambda: pytest.fail("the index was not reused"))
    return built, loaded


def test_a_loaded_index_finds_each_place_by_its_id(loaded):
    built, again = loaded
    for place_id in ("geonames:300", "iso:US-TX", "geonames:5", "local:Mill Creek"):
        assert place_id in again.places
        assert again.places[place_id] == built.places[place_id]
        assert again.places.row(place_id) == built.places.row(place_id)


def test_ids_a_loaded_index_does_not_have_are_missing_not_errors(loaded):
    _, again = loaded
    # the Texas row's geonames id is no "geonames:" place of its own
    for place_id in ("geonames:7", "geonames:4", "geonames:301", "geonames:x", "iso:US-ZZ"):
        assert place_id not in again.places
        with pytest.raises(KeyError):
            again.places[place_id]
    assert 5 not in again.places


def test_fuzzy_tables_are_unmarshalled_per_country_on_first_use(loaded):
    built, again = loaded
    assert again.fuzzy is not None and built.fuzzy is None
    assert isinstance(dict.__getitem__(again.fuzzy, "GB"), memoryview)
    names, _, _ = again.fuzzy.get("GB", ([], b"", b""))
    assert "Downton" in names and "Doonton" in names
    assert not isinstance(dict.__getitem__(again.fuzzy, "GB"), memoryview)
    assert again.fuzzy.get("FR", ([], b"", b"")) == ([], b"", b"")
