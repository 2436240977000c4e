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
