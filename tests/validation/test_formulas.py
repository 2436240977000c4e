"""Which constraints prove a column holds no spreadsheet formula (so its cells are
never scanned for one)."""

import pytest

from tidynews.validation.fields import Field
from tidynews.validation.formulas import formula_free


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
