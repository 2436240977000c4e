"""The small name sets find_names reads instead of the gazetteer's names: built from the
names, stored in the index, and never hiding a name the full lookup would find."""

from __future__ import annotations

import pytest

from tidynews.pipeline.places import index as index_module
from tidynews.pipeline.places.gazetteer import Gazetteer, Place
from tidynews.pipeline.places.names import find_names, line_docs
from tidynews.pipeline.spans import Span


def _tiny() -> Gazetteer:
    gaz = Gazetteer()
    gaz.add(Place("iso:ZZ", "Zembla", "country", "ZZ"))
    gaz.add(Place("local:zembli", "Zembli", "region", "ZZ"))
    gaz.add(Place("local:zembl", "Zembl", "region", "ZZ"))
    gaz.add(Place("local:dune", "Oasis Dune Desert", "region", "ZZ"))
    gaz.add(Place("local:upon", "Ford-upon-Mere", "settlement", "ZZ", population=20_000))
    gaz.name("Zembla", "iso:ZZ", primary=True)
    gaz.name("Zembli", "local:zembli", primary=True)
    gaz.name("Zembl", "local:zembl", primary=True)  # Zembla's adjective, cut short
    gaz.name("Oasis Dune Desert", "local:dune", primary=True, case_variant=True)
    gaz.name("Ford-upon-Mere", "local:upon", primary=True)
    return gaz


def test_the_sets_hold_lower_case_last_words_and_country_names():
    sets = _tiny().name_sets()
    assert sets.lower_ends == frozenset({"desert"})  # "Oasis dune desert", its case variant
    assert sets.countries == frozenset({"Zembla"})


def test_a_new_name_is_in_the_sets_at_once():
    gaz = _tiny()
    assert "Zembla Minor" not in gaz.name_sets().countries
    gaz.name("Zembla Minor", "iso:ZZ", primary=False)
    assert "Zembla Minor" in gaz.name_sets().countries


def test_a_loaded_index_has_the_built_sets(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    built = index_module.load_or_build(_tiny)
    loaded = index_module.load_or_build(lambda: pytest.fail("the index was not reused"))
    assert loaded.name_sets() == built.name_sets()


@pytest.mark.parametrize(
    ("line", "surface"),
    [
        ("Camels crossed the Oasis dune desert at dawn.", "Oasis dune desert"),
        ("They drove to Ford-upon-Mere on Sunday.", "Ford-upon-Mere"),
        ("Officials in Zembla said so.", "Zembla"),
    ],
)
def test_names_ending_in_a_lower_case_word_are_still_found(line, surface):
    gaz = _tiny()
    ((doc, _),) = line_docs(line, Span(0, len(line)))
    found = find_names(doc, gaz)
    assert [f.surface for f in found] == [surface]


def test_a_demonym_cut_from_a_country_name_is_no_place():
    gaz = _tiny()
    assert gaz.candidates("Zembl")
    line = "The Zembl delegation arrived in Zembli."
    ((doc, _),) = line_docs(line, Span(0, len(line)))
    assert [f.surface for f in find_names(doc, gaz)] == ["Zembli"]
