"""A type checker sees what load() returns: its overloads, checked by running mypy."""

import importlib.util
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None, reason="mypy is not installed"
)

POLARS = "polars.dataframe.frame.DataFrame"
LAZY = "polars.lazyframe.frame.LazyFrame"
PANDAS = "pandas.core.frame.DataFrame"

# each call, and the type mypy must reveal for it
CASES = [
    ('tidynews.load("articles")', POLARS),
    ('tidynews.load("articles", lazy=False)', POLARS),
    ('tidynews.load("articles", "polars")', POLARS),
    ('tidynews.load("articles", lazy=True)', LAZY),
    ('tidynews.load("articles", "polars", True)', LAZY),
    ('tidynews.load("articles", backend="polars", lazy=True)', LAZY),
    ('tidynews.load("articles", backend="pandas")', PANDAS),
    ('tidynews.load("articles", "pandas", lazy=True)', PANDAS),
    ('read_package("datapackage.json").load("claims")', POLARS),
    ('read_package("datapackage.json").load("claims", lazy=True)', LAZY),
    ('read_package("datapackage.json").load("claims", backend="pandas")', PANDAS),
    # a backend known only at run time: any of the three
    ("tidynews.load('articles', backend)", f"{POLARS} | {LAZY} | {PANDAS}"),
    ("tidynews.__version__", "str"),
]


@pytest.fixture(scope="module")
def revealed(tmp_path_factory):
    """mypy's revealed type for each of CASES, in order, and its whole output."""
    tmp = tmp_path_factory.mktemp("typing")
    lines = [
        "import tidynews",
        "from tidynews.dataset.load import read_package",
        "backend: str = 'polars'",
        *(f"reveal_type({call})" for call, _ in CASES),
    ]
    (tmp / "snippet.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the checkout's sources, not whatever tidynews is installed; errors inside tidynews
    # are `make lint`'s to report, so only the snippet's own are shown (silent)
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp / "cache"),
            "--no-error-summary",
            "snippet.py",
        ],
        cwd=tmp,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    types = re.findall(r'Revealed type is "([^"]*)"', done.stdout)
    return types, done.stdout + done.stderr


def test_the_snippet_type_checks(revealed):
    types, output = revealed
    assert "error" not in output, output
    assert len(types) == len(CASES), output


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=[c for c, _ in CASES])
def test_revealed_type(revealed, index, case):
    types, output = revealed
    assert types[index] == case[1], output
