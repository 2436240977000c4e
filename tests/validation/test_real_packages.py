"""tidynews validate gives frictionless-py's verdicts on real data packages.

The packages are public ones from GitHub in ../shared/benchmarks/packages (see its
SOURCES.md; never copied into the repository), so this module skips without them.
Both tools run here, in this process: frictionless with its per-table cap of 1,000
errors lifted, tidynews through tidynews.validate. The sets of (table, row, field,
code) must be equal, tidynews' codes read as frictionless' through the catalogue
(Code.frictionless). A package tidynews refuses (PackageError, exit 2) or crashes
on fails, whatever frictionless says of it.

Run as a script it prints each package's outcome and the tally:
    .venv/bin/python -m tests.validation.test_real_packages
"""

from __future__ import annotations

import os
import sys
import traceback
import warnings
from pathlib import Path

import pytest

from tidynews.codes import CODES
from tidynews.dataset.profile import validate
from tidynews.errors import PackageError

SHARED = Path(__file__).resolve().parents[3] / "shared"  # as tests/conftest.py has it
PACKAGES = Path(os.environ.get("TIDYNEWS_REAL_PACKAGES", SHARED / "benchmarks" / "packages"))
# Keys name their fields in tidynews' issues ("a,b") and in none of frictionless'.
KEY_CODES = ("primary-key", "foreign-key")
AS_FRICTIONLESS = {c.code: c.frictionless or c.code for c in CODES if c.kind == "issue"}
NO_LIMIT = 10**9
DESCRIPTOR_CODES = ("package-error", "resource-error", "schema-error", "field-error")

# Packages where the verdicts still differ, and why; strict: each passes once fixed.
KNOWN: dict[str, str] = {}


def names() -> list[str]:
    if not PACKAGES.is_dir():
        return []
    return sorted(p.name for p in PACKAGES.iterdir() if (p / "datapackage.json").is_file())


def frictionless_verdict(descriptor: Path) -> set[tuple]:
    """(table, row, field, code) of every error frictionless reports, uncapped."""
    import frictionless

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.validate(str(descriptor), limit_errors=NO_LIMIT)
    found = {(None, None, None, error.type) for error in report.errors}
    for task in report.tasks:
        for error in task.errors:
            if error.type in DESCRIPTOR_CODES:  # a descriptor's errors: placed on the package
                found.add((None, None, None, error.type))
                continue
            where = error.to_descriptor()
            row = where.get("rowNumber") or (where.get("rowNumbers") or [None])[0]
            field = None if error.type in KEY_CODES else where.get("fieldName") or None
            found.add((task.name, row, field, error.type))
    return found


def tidynews_verdict(descriptor: Path) -> set[tuple]:
    """(table, row, field, code) of every error tidynews reports, in frictionless' codes."""
    report = validate(descriptor)
    found = set()
    for i in report.issues:
        if i.severity != "error":
            continue
        code = AS_FRICTIONLESS.get(i.code, i.code)
        if code in DESCRIPTOR_CODES:  # frictionless reports them on the package
            found.add((None, None, None, code))
            continue
        found.add((i.table, i.row, None if code in KEY_CODES else i.field, code))
    return found


def outcome(name: str) -> tuple[str, str]:
    """('agree' | 'refuse' | 'disagree' | 'crash', detail) for one package."""
    descriptor = PACKAGES / name / "datapackage.json"
    theirs = frictionless_verdict(descriptor)
    try:
        ours = tidynews_verdict(descriptor)
    except PackageError as exc:
        return "refuse", str(exc).splitlines()[0][:200]
    except Exception:  # a crash is an outcome to count here
        return "crash", traceback.format_exc(limit=-2).strip().splitlines()[-1][:200]
    if ours == theirs:
        return "agree", f"{len(theirs)} errors"
    only_theirs, only_ours = sorted(theirs - ours, key=str), sorted(ours - theirs, key=str)
    return "disagree", (
        f"frictionless only ({len(only_theirs)}): {only_theirs[:3]}; "
        f"tidynews only ({len(only_ours)}): {only_ours[:3]}"
    )


@pytest.mark.skipif(not PACKAGES.is_dir(), reason=f"{PACKAGES} is absent")
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN[n])) if n in KNOWN else n
        for n in names()
    ],
)
def test_same_verdict_as_frictionless_on_real_packages(name):
    result, detail = outcome(name)
    assert result == "agree", f"{name}: {result}: {detail}"


if __name__ == "__main__":
    tally: dict[str, int] = {}
    for n in names():
        result, detail = outcome(n)
        tally[result] = tally.get(result, 0) + 1
        print(f"{result:9} {n}: {detail}", flush=True)
    print(tally)
    sys.exit(0 if set(tally) <= {"agree"} else 1)
