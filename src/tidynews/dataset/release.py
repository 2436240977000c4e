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
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tidynews.dataset.build import build
from tidynews.dataset.card import CARD, CITATION, card
from tidynews.dataset.diff import PackageDiff, diff
from tidynews.errors import ReleaseError

_SEMVER_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
UNRELEASED = "## Unreleased"


@dataclass(frozen=True)
class Release:
    """What a release did (or, with dry_run, would do); `tag` is the git tag it made."""

    old_version: str
    new_version: str
    level: str
    reasons: list[str]
    diff: PackageDiff
    changelog_entry: str
    tag: str | None = None


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
    tag: bool = True,
) -> Release:
    """Build from `seeds`, diff against `base`, bump the version and prepend CHANGELOG.md.

    When `root` is a git work tree and `tag` holds, the release is committed (the
    package, CHANGELOG.md and the seeds) and tagged `v<version>`; the maintainer
    pushes both. Refuses (ReleaseError) when nothing changed, or when the tag
    exists; an invalid build raises as in build(). With `dry_run`, nothing in
    `root` is touched.
    """
    root = Path(root)
    git = _git_root(root) if tag else None
    with tempfile.TemporaryDirectory(prefix="tidynews-release-") as tmp:
        build(seeds, tmp)
        difference = diff(base, Path(tmp) / "datapackage.json")
    level, reasons = difference.bump()
    if level == "none":
        raise ReleaseError(f"nothing changed since {base}: no release. Change seeds or code first.")
    old = difference.old_version or "0.0.0"
    new = next_version(old, level)
    entry = changelog_entry(new, level, reasons, difference, today or dt.date.today())
    name = f"v{new}" if git else None
    if git and name:
        _check_can_tag(git, name)
    if not dry_run:
        build(seeds, root)
        _set_version(root / "datapackage.json", new)
        card(root / "datapackage.json")  # the card states the version
        _prepend_changelog(root / "CHANGELOG.md", entry)
        if git and name:
            _commit_and_tag(git, root, Path(seeds), new, name)
    return Release(old, new, level, reasons, difference, entry, name)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False
    )


def _git_root(root: Path) -> Path | None:
    """The work tree `root` is in, or None (not a repository, or no git)."""
    if shutil.which("git") is None:
        return None
    done = _git(root, "rev-parse", "--show-toplevel")
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def _check_can_tag(git: Path, name: str) -> None:
    """Refuse before anything is written: a tag that exists, or no committer identity."""
    if _git(git, "rev-parse", "-q", "--verify", f"refs/tags/{name}").returncode == 0:
        raise ReleaseError(
            f"tag {name} already exists: that version was released. "
            "Delete the tag if the release failed, or change the seeds or code first."
        )
    if _git(git, "var", "GIT_COMMITTER_IDENT").returncode != 0:
        raise ReleaseError(
            "git has no committer identity to record the release with. Set git config "
            "user.name and user.email, or pass --no-tag."
        )


def _commit_and_tag(git: Path, root: Path, seeds: Path, version: str, name: str) -> None:
    """Commit the released package, its CHANGELOG and seeds, and tag the commit."""
    paths = [root / "datapackage.json", root / "data", root / "CHANGELOG.md"]
    paths += [root / CARD, root / CITATION]
    if seeds.resolve().is_relative_to(git.resolve()):
        paths.append(seeds)
    files = [str(p.resolve()) for p in paths]
    steps: tuple[tuple[str, ...], ...] = (
        ("add", "--all", "--", *files),
        ("commit", "--quiet", "-m", f"Release {version}", "--", *files),
        ("tag", "-a", name, "-m", f"tidynews {version}"),
    )
    staged = _git(git, "add", "--all", "--", *files).returncode == 0
    if staged and _git(git, "diff", "--cached", "--quiet", "--", *files).returncode == 0:
        steps = steps[2:]  # the released files are committed already: tag that commit
    for step in steps:
        done = _git(git, *step)
        if done.returncode != 0:
            message = (done.stderr or done.stdout).strip().splitlines()
            raise ReleaseError(
                f"the release files are written, but `git {step[0]}` failed "
                f"({message[-1] if message else 'no message'}). Commit and tag {name} by hand."
            )


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
