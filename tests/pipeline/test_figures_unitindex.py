"""The unit table answers as pint does: every name, symbol and alias pint knows, with and
without each prefix, plural and case variants, ordinary English words and number-glued
forms are read the same by the table as by a live registry; and the table is kept in
the cache folder, rebuilt when broken, built in memory when the folder is read-only."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tidynews.pipeline.figures import physical, unitindex
from tidynews.pipeline.figures.unitindex import UnitTable, build_table, pint_lookup

# pint's parse of a word in a fresh registry, and the units it makes, in another one
Registries = tuple[Any, Any]


@pytest.fixture(scope="module")
def registries() -> Registries:
    names = unitindex.registry.__wrapped__()
    # pint keeps case-folded names in sets, tried in hash order; the table sorts them
    names._units_casei = {low: tuple(sorted(real)) for low, real in names._units_casei.items()}
    return names, unitindex.registry.__wrapped__()


@pytest.fixture(scope="module")
def table(registries: Registries) -> UnitTable:
    return build_table(unitindex.registry.__wrapped__())


def _english() -> list[str]:
    """Several thousand ordinary English words: those of Python's own documentation."""
    from pydoc_data.topics import topics

    return sorted({word for text in topics.values() for word in re.findall(r"[A-Za-z]+", text)})


def _pint_words(names: Any) -> Iterator[str]:
    """Every name, symbol and alias, bare, plural, in each case and after each prefix."""
    for name in list(names._units):
        for word in (name, name + "s"):
            yield from {word, word.lower(), word.upper(), word.title()}
        for prefix in names._prefixes:
            yield prefix + name
            yield prefix + name + "s"


def _content(table: UnitTable) -> tuple[Any, ...]:
    return table.prefixes, table.units, table.folded, table.pairs


def _first(names: Any, word: str, case_sensitive: bool) -> tuple[str, str] | None:
    parsed = names.parse_unit_name(word, case_sensitive=case_sensitive)
    return (parsed[0][0], parsed[0][1]) if parsed else None


def test_the_table_parses_every_word_pint_knows_as_pint_does(registries, table) -> None:
    names, _ = registries
    words = sorted(set(_pint_words(names)))
    assert len(words) > 100_000
    # unit_of asks case-sensitively for symbols, case-blind for names
    wrong = [
        word
        for word in words
        for case_sensitive in {len(word) <= 3 or any(ch.isupper() for ch in word[1:]), False}
        if table.parse(word, case_sensitive) != _first(names, word, case_sensitive)
    ]
    assert not wrong, wrong[:20]


def test_the_table_reads_english_words_as_pint_does(registries, table) -> None:
    names, units = registries
    english = _english()
    assert len(english) > 3000
    words = {form for word in english for form in (word, word.lower(), word.title(), word + "s")}
    wrong = [
        word
        for word in sorted(words)
        for case_sensitive in (True, False)
        if table.lookup(word, case_sensitive) != pint_lookup(names, units, word, case_sensitive)
    ]
    assert not wrong, wrong[:20]


def test_unit_of_and_split_glued_answer_as_with_pint(registries, table, monkeypatch) -> None:
    names, units = registries

    class Live:
        compound_names = frozenset(name.lower() for name in names._units if "_" in name)

        def lookup(self, word: str, case_sensitive: bool) -> Any:
            return pint_lookup(names, units, word, case_sensitive)

    symbols = [name for name in names._units if len(name) <= 4]
    words = [*_english()[::3], *symbols, *(prefix + "m" for prefix in names._prefixes)]
    forms = [*words, *(f"{number}{word}" for word in words for number in ("12", "3.5"))]

    def answers(source: Any) -> list[Any]:
        monkeypatch.setattr(physical, "unit_table", lambda: source)
        physical.unit_of.cache_clear()
        physical._is_compound.cache_clear()
        return [(physical.unit_of(form), physical.split_glued(form)) for form in forms]

    try:
        assert answers(table) == answers(Live())
    finally:
        physical.unit_of.cache_clear()
        physical._is_compound.cache_clear()


def test_known_answers(table) -> None:
    assert table.lookup("kilometres", False) == ("kilo", "meter", "distance", "km")
    assert table.lookup("MWh", True) == ("mega", "watt_hour", "other", "MWh")
    assert table.parse("kilom", False) == ("kilo", "molar")  # folded "m": "M" sorts first
    assert table.lookup("mdegC", True) is None  # a prefixed offset unit: pint refuses it
    assert table.lookup("ampere", False) is None  # no figure dimension
    assert "metric_ton" in table.compound_names


def test_the_table_is_kept_in_the_cache_and_reused(tmp_path, monkeypatch, table) -> None:
    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    monkeypatch.setattr(unitindex, "build_table", lambda registry: table)
    path = unitindex.cache_path()
    assert _content(unitindex.unit_table.__wrapped__()) == _content(table)
    assert path.exists() and list(tmp_path.glob("units-*.marshal")) == [path]

    def fail(registry: Any) -> UnitTable:
        raise AssertionError("the cached table was not reused")

    monkeypatch.setattr(unitindex, "build_table", fail)
    assert _content(unitindex.unit_table.__wrapped__()) == _content(table)


def test_a_broken_or_stale_table_is_rebuilt(tmp_path, monkeypatch, table) -> None:
    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    monkeypatch.setattr(unitindex, "build_table", lambda registry: table)
    stale = tmp_path / "units-0000000000000000.marshal"
    stale.write_bytes(b"old")
    unitindex.cache_path().write_bytes(b"\x00half a table")
    assert _content(unitindex.unit_table.__wrapped__()) == _content(table)
    assert _content(UnitTable.load(unitindex.cache_path().read_bytes())) == _content(table)
    assert not stale.exists()


def test_a_read_only_cache_builds_the_table_in_memory(tmp_path, monkeypatch, table) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TIDYNEWS_CACHE", str(blocked))
    monkeypatch.setattr(unitindex, "build_table", lambda registry: table)
    assert _content(unitindex.unit_table.__wrapped__()) == _content(table)


def test_reading_units_from_the_cached_table_imports_no_pint(tmp_path, monkeypatch, table):
    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    unitindex.cache_path().write_bytes(table.dump())
    code = (
        "import sys\n"
        "from tidynews.pipeline.figures.physical import unit_of\n"
        "assert unit_of('km') == ('km', 'distance'), unit_of('km')\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'pint'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
