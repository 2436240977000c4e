"""Key checks against their definition, on keys that repeat in every way."""

import random

import polars as pl

from tidynews.validation.frames import ROW
from tidynews.validation.keys import key_issues


def test_repeated_keys_are_exactly_the_rows_an_earlier_row_shares_a_key_with():
    """key_issues looks for repeats among keys whose hash repeats; the rows it reports
    must be those a plain scan finds: repeats far apart or adjacent, composite keys
    differing in one part, and null keys (a primary-key error; never a unique one)."""
    rng = random.Random(7)
    ids = [f"doc{rng.randrange(400)}#char={rng.randrange(5)},9" for _ in range(3000)]
    ids[10] = ids[2900] = None
    parts = [rng.choice(["a", "b", None]) for _ in ids]
    frame = pl.DataFrame({ROW: range(2, len(ids) + 2), "id": ids, "part": parts, "tag": ids})
    schema = {
        "fields": [
            {"name": "id", "type": "string"},
            {"name": "part", "type": "string"},
            {"name": "tag", "type": "string", "constraints": {"unique": True}},
        ],
        "primaryKey": ["id", "part"],
    }
    found = {(i.code, i.row) for i in key_issues("t", frame, schema, {})}

    seen_keys, seen_tags, expected = set(), set(), set()
    for row, key, part in zip(frame[ROW], ids, parts, strict=True):
        if (key, part) in seen_keys or (key is None and part is None):
            expected.add(("primary-key", row))
        if key is not None and key in seen_tags:
            expected.add(("unique-error", row))
        seen_keys.add((key, part))
        seen_tags.add(key)
    assert found == expected
    assert {code for code, _ in expected} == {"primary-key", "unique-error"}


def _plain_repeats(values: list) -> set[int]:
    """0-based positions of the non-null values an earlier position already holds."""
    seen: set = set()
    repeats = set()
    for index, value in enumerate(values):
        if value is not None and value in seen:
            repeats.add(index)
        seen.add(value)
    return repeats


def test_sorted_keys_are_proven_unique_only_when_they_rise_strictly():
    """A key whose values rise row by row is proven unique without hashing (_rising);
    an equal neighbour, a null key, or a repeat on either side of a null must still
    be found."""
    cases = {
        "rising": ["a1", "a2", "b", "c"],
        "equal neighbours": ["a1", "a2", "a2", "c"],
        "null key": ["a1", None, "b", "c"],
        "repeat around a null": ["a1", "b", None, "b"],
        "falling": ["c", "b", "a1", "a1"],
    }
    for label, ids in cases.items():
        frame = pl.DataFrame({ROW: range(2, 6), "id": ids, "tag": ids})
        for key, code in (("id", "primary-key"), ("tag", "unique-error")):
            schema = {
                "fields": [
                    {"name": "id", "type": "string"},
                    {"name": "tag", "type": "string", "constraints": {"unique": True}},
                ],
                "primaryKey": [key],
            }
            found = {i.row for i in key_issues("t", frame, schema, {}) if i.code == code}
            expected = {i + 2 for i in _plain_repeats(ids)}
            if key == "id":  # a null primary key is an error too
                expected |= {i + 2 for i, v in enumerate(ids) if v is None}
            assert found == expected, (label, key)


def test_foreign_keys_joined_once_per_run_report_every_row_of_a_dangling_key():
    """Runs of equal keys are joined once; every row holding a key the parent lacks is
    reported, in sorted runs or scattered, single or composite (partly null)."""
    rng = random.Random(11)
    parents = pl.DataFrame({"pid": [f"p{i}" for i in range(50)], "part": ["x"] * 50})
    keys = sorted(rng.choice([f"p{i}" for i in range(60)]) for _ in range(2000))
    for order in ("sorted", "scattered"):
        if order == "scattered":
            rng.shuffle(keys)
        parts = [rng.choice(["x", "y", None]) for _ in keys]
        frame = pl.DataFrame({ROW: range(2, len(keys) + 2), "pid": keys, "part": parts})
        for fields in (["pid"], ["pid", "part"]):
            schema = {
                "fields": [{"name": "pid", "type": "string"}, {"name": "part", "type": "string"}],
                "foreignKeys": [
                    {"fields": fields, "reference": {"resource": "parents", "fields": fields}}
                ],
            }
            found = [i.row for i in key_issues("t", frame, schema, {"parents": parents})]
            known = set(parents.select(fields).iter_rows())
            expected = [
                row
                for row, *key in frame.select(ROW, *fields).iter_rows()
                if tuple(key) not in known and any(v is not None for v in key)
            ]
            assert found == expected, (order, fields)
            assert expected
