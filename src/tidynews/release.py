"""Cut a dataset release: build, validate, diff against the last one, bump, record.

The version lives in one place, datapackage.json (the Python distribution reads
it from there). The bump follows the rules in diff.py; the reason is printed and
written into CHANGELOG.md, above the notes gathered under "Unreleased".
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tidynews.build import build
from tidynews.diff import PackageDiff, diff
from tidynews.errors import ReleaseError

_SEMVER_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
UNRELEASED = "## Unreleased"


@dataclass(frozen=True)
class Release:
    """What a release did (or, with dry_run, would do)."""

    old_version: str
    new_version: str
    level: str
    reasons: list[str]
    diff: PackageDiff
    changelog_entry: str


def next_version(version: str, level: str) -> str:
    """The next MAJOR.MINOR.PATCH for a bump `level`.

    >>> next_version("0.1.0", "minor")
    '0.2.0'
    """
    match = _SEMVER_RE.match(version)
    if match is None:
        raise ReleaseError(f"version {version!r} is not MAJOR.MINOR.PATCH. Fix datapackage.json.")
    major, minor, patch = map(int, match.groups())
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def release(
    seeds: str | Path = "seeds",
    root: str | Path = ".",
    base: str | Path = "HEAD",
    dry_run: bool = False,
    today: dt.date | None = None,
) -> Release:
    """Build from `seeds`, diff against `base`, bump the version and prepend CHANGELOG.md.

    Refuses (ReleaseError) when nothing changed; an invalid build raises as in build().
    With `dry_run`, nothing in `root` is touched.
    """
    root = Path(root)
    with tempfile.TemporaryDirectory(prefix="tidynews-release-") as tmp:
        build(seeds, tmp)
        difference = diff(base, Path(tmp) / "datapackage.json")
    level, reasons = difference.bump()
    if level == "none":
        raise ReleaseError(f"nothing changed since {base}: no release. Change seeds or code first.")
    old = difference.old_version or "0.0.0"
    new = next_version(old, level)
    entry = changelog_entry(new, level, reasons, difference, today or dt.date.today())
    if not dry_run:
        build(seeds, root)
        _set_version(root / "datapackage.json", new)
        _prepend_changelog(root / "CHANGELOG.md", entry)
    return Release(old, new, level, reasons, difference, entry)


def changelog_entry(
    version: str, level: str, reasons: list[str], difference: PackageDiff, day: dt.date
) -> str:
    lines = [
        f"## {version} - {day.isoformat()}",
        "",
        f"{level.capitalize()} release: {reasons[0]}.",
    ]
    lines += ["", "### Data", ""]
    for name, t in difference.tables.items():
        lines.append(
            f"- {name}: {t.rows_old} -> {t.rows_new} rows (+{t.added} -{t.removed} ~{t.changed})"
        )
    lines += [f"- table {name} added" for name in difference.resources_added]
    lines += [f"- table {name} removed" for name in difference.resources_removed]
    lines += [f"- {name}: Parquet copy added" for name in difference.copies_added]
    if difference.schema:
        lines += ["", "### Schema", ""]
        lines += [
            f"- {c.table}.{c.field or '*'}: {c.change} ({c.detail})" for c in difference.schema
        ]
    return "\n".join(lines) + "\n"


def _set_version(descriptor: Path, version: str) -> None:
    """Write the new version into datapackage.json in one atomic replace."""
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package["version"] = version
    tmp = descriptor.with_name(descriptor.name + ".tmp")
    tmp.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, descriptor)


def _prepend_changelog(path: Path, entry: str) -> None:
    """The release's entry goes under "Unreleased", taking over the notes gathered there."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n\n"
    if UNRELEASED in text:
        text = text.replace(UNRELEASED, f"{UNRELEASED}\n\n{entry.rstrip()}", 1)
    else:
        head, _, rest = text.partition("\n## ")
        text = f"{head.rstrip()}\n\n{entry}\n## {rest}" if rest else f"{text.rstrip()}\n\n{entry}"
    path.write_text(text, encoding="utf-8")
