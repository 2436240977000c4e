"""spaCy and pint imported without their unused parts, and whole for later imports.

Each check runs in a fresh interpreter: the test process has imported both already."""

from __future__ import annotations

import subprocess
import sys
from importlib.util import find_spec

import pytest


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_spacy_is_imported_without_its_command_line_which_still_imports_later():
    out = _run(
        "import sys\n"
        "from tidynews.pipeline.nlp import english, words, STOP_WORDS\n"
        "line = 'Mr. Smith left. He said so.'\n"
        "n = len(words(line).sents)\n"  # what the extractors call first
        "assert english.cache_info().currsize == 0\n"  # the build's path needs no pipeline
        "assert 'the' in STOP_WORDS\n"
        "assert len(list(english()(line).sents)) == n\n"
        "print(n, 'spacy.cli' in sys.modules)\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.info), hasattr(spacy.cli, 'app'), callable(spacy.info))\n"
    )
    assert out.splitlines() == ["2 False", "True True True"]


@pytest.mark.skipif(find_spec("dask") is None, reason="Dask is not installed")
def test_pint_is_imported_without_dask_which_still_imports_later():
    out = _run(
        "import sys\n"
        "from tidynews.pipeline.figures.physical import unit_of\n"
        "print(unit_of('kilometres'), 'dask' in sys.modules)\n"
        "import dask.base\n"
        "print(callable(dask.base.compute))\n"
    )
    assert out.splitlines() == ["('km', 'distance') False", "True"]
