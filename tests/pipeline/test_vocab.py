"""Each Literal in pipeline/vocab.py is exactly its schema field's enum, in order."""

import json
from typing import get_args

import pytest

from tests.conftest import ROOT
from tidynews.pipeline.vocab import VOCABULARIES


def _enums() -> dict[tuple[str, str], list[str]]:
    """Every `constraints.enum` in schemas/*.schema.json, by (table, field)."""
    enums = {}
    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        table = path.name.removesuffix(".schema.json")
        for field in json.loads(path.read_text(encoding="utf-8"))["fields"]:
            enum = field.get("constraints", {}).get("enum")
            if enum is not None:
                enums[table, field["name"]] = enum
    return enums


def test_every_enum_has_a_vocabulary():
    assert sorted(VOCABULARIES) == sorted(_enums())


@pytest.mark.parametrize("key", sorted(_enums()), ids="{0[0]}.{0[1]}".format)
def test_literal_is_the_enum(key):
    assert get_args(VOCABULARIES[key]) == tuple(_enums()[key])
