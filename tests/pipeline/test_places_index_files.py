"""The mapped index file: the name table finds exactly what the dict it was made
from holds, a damaged or cut-short file is built again, and a writer never shows a
reader half a file."""

from __future__ import annotations

import io
import os
import random

import pytest

from tidynews.pipeline.places import index as index_module
from tidynews.pipeline.places import name_table, store
from tidynews.pipeline.places.gazetteer import Gazetteer, Place
from tidynews.pipeline.places.name_table import NameTable
from tidynews.pipeline.places.table import Coded

NAMES: dict[str, Coded] = {
    "Upton": 4,
    "São Tomé": (8, 13),
    "Ḩimş": 18,
    "Zürich": (22, 27, 31),
    "東京": 36,
    "Mill Creek": 41,
    "upton": 6,  # names differ by case
}


def _table(tmp_path, names: dict[str, Coded]) -> NameTable:
    path = tmp_path / "names.index"
    with open(path, "wb") as out:
        store.write(out, {}, name_table.encode(names))
    return NameTable(store.Store(str(path)))


def test_every_name_is_found_with_its_codes_and_in_order(tmp_path):
    table = _table(tmp_path, NAMES)
    for name, coded in NAMES.items():
        assert name in table
        assert table[name] == coded and table.get(name) == coded
        assert type(table[name]) is type(coded)  # an int, or a tuple of several
    assert list(table.items()) == list(NAMES.items())
    assert list(table) == list(NAMES) and len(table) == len(NAMES)


@pytest.mark.parametrize(
    "name", ["Upto", "Uptonn", "UPTON", "Sao Tome", "", "Mill  Creek", "\ud800"]
)
def test_names_not_in_the_table_are_missing(tmp_path, name):
    table = _table(tmp_path, NAMES)
    assert name not in table
    assert table.get(name) is None and table.get(name, ()) == ()
    with pytest.raises(KeyError):
        table[name]
    assert name not in table  # the remembered miss


def test_keys_of_another_type_are_missing_not_errors(tmp_path):
    table = _table(tmp_path, NAMES)
    assert 4 not in table and None not in table


def test_many_names_sharing_slots_are_all_told_apart(tmp_path, monkeypatch):
    rng = random.Random(3)
    letters = "abcdefgḩşüé "
    names: dict[str, Coded] = {}
    while len(names) < 3000:
        name = "".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
        names.setdefault(name, rng.randrange(1 << 30))
    monkeypatch.setattr(name_table, "MEMO_LIMIT", 100)  # forgetting changes no answer
    table = _table(tmp_path, names)
    for name, coded in names.items():
        assert table.get(name) == coded
        table.trim()
    for _ in range(3000):
        name = "".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
        assert table.get(name) == names.get(name)
        table.trim()
    assert len(table._memo) <= 100


def test_an_empty_table_finds_nothing(tmp_path):
    table = _table(tmp_path, {})
    assert "Upton" not in table and len(table) == 0 and list(table.items()) == []


def test_sections_are_aligned_and_read_in_place(tmp_path):
    path = tmp_path / "x.index"
    with open(path, "wb") as out:
        store.write(out, {"answer": 42}, {"odd": b"abc", "longs": bytes(range(16))})
    mapped = store.Store(str(path))
    assert mapped.head == {"answer": 42}
    assert bytes(mapped.view("odd")) == b"abc"
    assert mapped.span("longs")[0] % 8 == 0
    assert len(mapped.view("longs", "q")) == 2


def _tiny() -> Gazetteer:
    gaz = Gazetteer()
    gaz.add(Place("geonames:300", "Upton", "settlement", "US", geonames_id=300))
    gaz.add(Place("iso:US-TX", "Texas", "admin1", "US", iso_3166_2="US-TX"))
    gaz.name("Upton", "geonames:300", primary=True)
    gaz.name("Texas", "iso:US-TX", primary=True)
    return gaz


def _path(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    index_module.load_or_build(_tiny)
    return index_module.cache_path()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:10],
        lambda data: b"",
        lambda data: data[:40] + bytes([data[40] ^ 0xFF]) + data[41:],  # a head byte flipped
        lambda data: b"not an index" * 100,
        lambda data: data + b"\0",
    ],
)
def test_a_damaged_index_is_built_again(tmp_path, monkeypatch, damage):
    path = _path(tmp_path, monkeypatch)
    path.write_bytes(damage(path.read_bytes()))
    calls = []

    def build() -> Gazetteer:
        calls.append(1)
        return _tiny()

    gaz = index_module.load_or_build(build)
    assert calls == [1]
    assert gaz.candidates("Upton")[0].place_id == "geonames:300"
    again = index_module.load_or_build(lambda: pytest.fail("the rebuilt index was not saved"))
    assert again.candidates("Texas")[0].place_id == "iso:US-TX"


def test_a_writer_renames_a_whole_file_into_place(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    path = index_module.cache_path()
    seen = []
    real_write, real_replace = store.write, os.replace

    def write(out: io.BufferedWriter, *args) -> None:
        seen.append(("write", out.name != str(path), path.exists()))
        real_write(out, *args)

    def replace(source: str, target: os.PathLike) -> None:
        seen.append(("replace", os.path.dirname(source) == str(tmp_path), target == path))
        real_replace(source, target)

    monkeypatch.setattr(store, "write", write)
    monkeypatch.setattr(index_module.os, "replace", replace)
    index_module.load_or_build(_tiny)
    assert seen == [("write", True, False), ("replace", True, True)]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left


def test_a_loaded_index_reads_on_after_another_process_replaces_the_file(tmp_path, monkeypatch):
    path = _path(tmp_path, monkeypatch)
    loaded = index_module.load_or_build(lambda: pytest.fail("the index was not reused"))
    path.unlink()
    index_module.load_or_build(_tiny)  # a second writer: a new file under the same name
    assert loaded.candidates("Texas")[0].place_id == "iso:US-TX"
    assert loaded.places["geonames:300"].name == "Upton"


def test_a_loaded_index_lists_the_names_as_built_and_can_name_more(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    built = index_module.load_or_build(_tiny)
    loaded = index_module.load_or_build(lambda: pytest.fail("the index was not reused"))
    assert isinstance(loaded.names, NameTable)
    assert list(loaded.names.items()) == list(built.names.items())
    loaded.name("Upton Town", "geonames:300", primary=False)
    assert [c.place_id for c in loaded.candidates("Upton Town")] == ["geonames:300"]
    assert [c.place_id for c in loaded.candidates("Texas")] == ["iso:US-TX"]
