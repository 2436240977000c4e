"""Key checks against their definition, on keys that repeat in every way."""

import random

import polars as pl
import pytest

from tidynews.dataset.checks import ROW, formula_free, key_issues
from tidynews.validation.fields import Field


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


@pytest.mark.parametrize(
    ("constraints", "free"),
    [
        ({"pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*#char=[0-9]+,[0-9]+$"}, True),
        ({"pattern": "(geonames:[1-9][0-9]*|iso:[A-Z]{2}|local:[a-z0-9]+)"}, True),
        ({"pattern": "^https?://\\S+$"}, True),
        ({"pattern": "[a-z]+"}, True),
        ({"enum": ["report", "opinion"]}, True),
        ({"pattern": "[a-z]*"}, False),  # may be empty: what follows would start it
        ({"pattern": "[^/]+/[^/]+"}, False),  # a negated class admits "="
        ({"pattern": "[\\w=]+"}, False),
        ({"pattern": "-?[0-9]+"}, False),
        ({"pattern": "(?i)[a-z]+"}, False),  # flags: not proven
        ({"pattern": "[[:alpha:]]+"}, False),  # polars reads a POSIX class, Python does not
        ({"pattern": "x|=y"}, False),
        ({"enum": ["ok", "=1+1"]}, False),
        ({"minLength": 1}, False),
    ],
)
@pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")
def test_formula_free_proves_only_constraints_that_reject_every_formula(constraints, free):
    spec = {"name": "c", "type": "string", "constraints": constraints}
    assert formula_free(Field("c", spec, ("",))) is free
