"""Compare two versions of a data package: rows by primary key, schemas field by field.

Either side may be a datapackage.json, the folder holding it, a wheel of tidynews
(its shipped package), or a git ref of the current repository ("HEAD", "v0.2.0").
Rows are matched on the table's primary key with polars joins, so a million-row
table diffs in seconds.

The bump a difference calls for follows the Frictionless "Data Package Version"
recipe: major for a field added, removed, renamed, retyped or reordered, a
constraint tightened, a key changed or a resource removed; minor for new rows, a
new resource, a new Parquet copy or a constraint loosened; patch for corrected or removed rows,
rows that only moved, and descriptive metadata.

A row moves when an edit to its document shifts its offsets: its key (a fragment
id, `<article_id>#char=<start>,<end>`) changes, but its text and every other value
do not. Such a row is reported as moved, not as removed and added again, so a
small edit to a seed is a patch, not a minor release of every row after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tidynews.dataset.load import read_package
from tidynews.dataset.refs import opened

LEVELS = ("none", "patch", "minor", "major")
_DESCRIPTIVE = frozenset({"title", "description", "format", "example", "rdfType"})
_LOWER_BOUNDS = ("minimum", "minLength", "exclusiveMinimum")
_UPPER_BOUNDS = ("maximum", "maxLength", "exclusiveMaximum")
_IGNORED_PACKAGE_KEYS = frozenset({"version", "resources", "sources"})


@dataclass
class TableDiff:
    """Rows added, removed and changed in one table, keyed by its primary key."""

    rows_old: int
    rows_new: int
    added: int = 0
    removed: int = 0
    changed: int = 0
    moved: int = 0  # same values, offsets shifted by an edit to the document
    changed_fields: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SchemaChange:
    """One change to one field (or to a table's keys)."""

    table: str
    field: str | None
    change: str  # added | removed | retyped | reordered | tightened | loosened | described | keys
    detail: str


@dataclass
class PackageDiff:
    """Everything that differs between two package versions."""

    old_version: str
    new_version: str
    resources_added: list[str] = field(default_factory=list)
    resources_removed: list[str] = field(default_factory=list)
    tables: dict[str, TableDiff] = field(default_factory=dict)
    schema: list[SchemaChange] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)
    copies_added: list[str] = field(default_factory=list)  # tables that gained a Parquet copy
    copies_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.bump()[0] == "none"

    def bump(self) -> tuple[str, list[str]]:
        """The semver level this difference calls for, and why (most serious first)."""
        reasons: dict[str, list[str]] = {level: [] for level in LEVELS[1:]}
        for name in self.resources_removed:
            reasons["major"].append(f"table {name} removed")
        for name in self.copies_removed:
            reasons["major"].append(f"{name}: Parquet copy removed")
        for name in self.copies_added:
            reasons["minor"].append(f"{name}: Parquet copy added")
        for c in self.schema:
            if c.change in ("added", "removed", "retyped", "reordered", "tightened", "keys"):
                where = f"{c.table}.{c.field}" if c.field else c.table
                reasons["major"].append(f"{where}: {c.change} ({c.detail})")
            elif c.change == "loosened":
                reasons["minor"].append(f"{c.table}.{c.field}: loosened ({c.detail})")
            else:
                reasons["patch"].append(f"{c.table}.{c.field}: {c.detail}")
        for name in self.resources_added:
            reasons["minor"].append(f"table {name} added")
        for name, t in self.tables.items():
            if t.added:
                reasons["minor"].append(f"{name}: {t.added} rows added")
            if t.changed:
                reasons["patch"].append(f"{name}: {t.changed} rows corrected")
            if t.removed:
                reasons["patch"].append(f"{name}: {t.removed} rows removed")
            if t.moved:
                reasons["patch"].append(f"{name}: {t.moved} rows moved (offsets only)")
        reasons["patch"] += [f"package {key} changed" for key in self.metadata]
        for level in ("major", "minor", "patch"):
            if reasons[level]:
                return level, reasons[level]
        return "none", []

    def to_dict(self) -> dict:
        level, reasons = self.bump()
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "bump": level,
            "reasons": reasons,
            "resources_added": self.resources_added,
            "resources_removed": self.resources_removed,
            "tables": {name: vars(t) for name, t in self.tables.items()},
            "schema": [vars(c) for c in self.schema],
            "metadata": self.metadata,
            "copies_added": self.copies_added,
            "copies_removed": self.copies_removed,
        }

    def format_text(self) -> str:
        level, reasons = self.bump()
        summary = "no change" if level == "none" else f"{level} change"
        lines = [f"{self.old_version or '?'} -> {self.new_version or '?'}: {summary}"]
        lines += [f"  {reason}" for reason in reasons]
        for name, t in self.tables.items():
            fields = ", ".join(f"{f} {n}" for f, n in sorted(t.changed_fields.items()))
            lines.append(
                f"{name}: {t.rows_old} -> {t.rows_new} rows; +{t.added} -{t.removed} "
                f"~{t.changed} >{t.moved}" + (f" ({fields})" if fields else "")
            )
        return "\n".join(lines)


def diff(old: str | Path, new: str | Path) -> PackageDiff:
    """Compare the package at `old` with the one at `new` (paths, wheels or git refs).

    >>> diff("HEAD", "datapackage.json").bump()  # doctest: +SKIP
    ('minor', ['claims: 12 rows added'])
    """
    with opened(old) as old_path, opened(new) as new_path:
        return _diff_packages(old_path, new_path)


def _diff_packages(old_path: Path, new_path: Path) -> PackageDiff:
    old_pkg, new_pkg = read_package(old_path), read_package(new_path)
    result = PackageDiff(old_pkg.version, new_pkg.version)
    old_names, new_names = set(old_pkg.tables), set(new_pkg.tables)
    result.resources_added = sorted(new_names - old_names)
    result.resources_removed = sorted(old_names - new_names)
    for key in sorted(set(old_pkg.descriptor) | set(new_pkg.descriptor)):
        if key not in _IGNORED_PACKAGE_KEYS and old_pkg.descriptor.get(
            key
        ) != new_pkg.descriptor.get(key):
            result.metadata.append(key)
    for name in new_pkg.tables:
        if name not in old_names:
            continue
        old_schema = old_pkg.resources[name].schema
        new_schema = new_pkg.resources[name].schema
        had, has = old_pkg.resources[name].parquet, new_pkg.resources[name].parquet
        if has is not None and had is None:
            result.copies_added.append(name)
        if had is not None and has is None:
            result.copies_removed.append(name)
        result.schema += schema_changes(name, old_schema, new_schema)
        result.tables[name] = _row_diff(
            old_pkg.load(name), new_pkg.load(name), new_schema, old_schema
        )
    return result


def schema_changes(table: str, old: dict, new: dict) -> list[SchemaChange]:
    """Field by field: added, removed, retyped, reordered, constraints, descriptions."""
    changes = []
    old_fields = {f["name"]: f for f in old.get("fields", [])}
    new_fields = {f["name"]: f for f in new.get("fields", [])}
    for name in new_fields.keys() - old_fields.keys():
        changes.append(SchemaChange(table, name, "added", "new field"))
    for name in old_fields.keys() - new_fields.keys():
        changes.append(SchemaChange(table, name, "removed", "field gone"))
    common_old = [n for n in old_fields if n in new_fields]
    common_new = [n for n in new_fields if n in old_fields]
    if common_old != common_new:
        changes.append(SchemaChange(table, None, "reordered", "fields in another order"))
    for name in common_new:
        a, b = old_fields[name], new_fields[name]
        if a.get("type", "string") != b.get("type", "string"):
            detail = f"{a.get('type', 'string')} -> {b.get('type', 'string')}"
            changes.append(SchemaChange(table, name, "retyped", detail))
        changes += _constraint_changes(
            table, name, a.get("constraints", {}), b.get("constraints", {})
        )
        for key in sorted(_DESCRIPTIVE):
            if a.get(key) != b.get(key):
                changes.append(SchemaChange(table, name, "described", f"{key} changed"))
    for key in ("primaryKey", "foreignKeys"):
        if old.get(key) != new.get(key):
            changes.append(SchemaChange(table, None, "keys", f"{key} changed"))
    return sorted(changes, key=lambda c: (c.field or "", c.change))


def _constraint_changes(table: str, name: str, old: dict, new: dict) -> list[SchemaChange]:
    out = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if key not in old:
            direction = "tightened" if b not in (False, None) else "loosened"
        elif key not in new:
            direction = "loosened"
        elif key in ("required", "unique"):
            direction = "tightened" if b else "loosened"
        elif key in _LOWER_BOUNDS:  # from here on the key is in both: a and b are set
            direction = "tightened" if new[key] > old[key] else "loosened"
        elif key in _UPPER_BOUNDS:
            direction = "tightened" if new[key] < old[key] else "loosened"
        elif key == "enum":
            direction = "loosened" if set(new[key]) > set(old[key]) else "tightened"
        else:  # a new pattern may refuse what the old one allowed
            direction = "tightened"
        out.append(SchemaChange(table, name, direction, f"{key}: {a!r} -> {b!r}"))
    return out


def _row_diff(old: pl.DataFrame, new: pl.DataFrame, schema: dict, old_schema: dict) -> TableDiff:
    """Rows added, removed and changed, matched on the primary key."""
    result = TableDiff(old.height, new.height)
    key = schema.get("primaryKey") or old_schema.get("primaryKey")
    key = [key] if isinstance(key, str) else list(key or [])
    if not key or any(k not in old.columns or k not in new.columns for k in key):
        key = [c for c in new.columns if c in old.columns]  # no key: whole rows
    added = new.join(old.select(key), on=key, how="anti", nulls_equal=True)
    removed = old.join(new.select(key), on=key, how="anti", nulls_equal=True)
    result.moved = _moved(removed, added, schema)
    result.added, result.removed = added.height - result.moved, removed.height - result.moved
    compared = [c for c in new.columns if c in old.columns and c not in key]
    if not compared:
        return result
    both = old.select(key + compared).join(
        new.select(key + compared), on=key, how="inner", suffix="__new", nulls_equal=True
    )
    flags = both.select([pl.col(c).ne_missing(pl.col(f"{c}__new")).alias(c) for c in compared])
    counts = flags.sum().row(0, named=True)
    result.changed_fields = {c: int(n) for c, n in counts.items() if n}
    result.changed = int(flags.select(pl.any_horizontal(pl.all())).sum().item()) if compared else 0
    return result


# Offsets: the span columns, and fragment ids (fields whose pattern has "#char=").
_SPAN_COLUMNS = ("start", "end")
_FRAGMENT = r"#char=\d+,\d+$"


def _moved(removed: pl.DataFrame, added: pl.DataFrame, schema: dict) -> int:
    """How many removed rows reappear among the added ones with only their offsets
    changed, each matched once (two equal rows match two)."""
    if not removed.height or not added.height:
        return 0
    fragments = {
        f["name"]
        for f in schema["fields"]
        if "#char=" in f.get("constraints", {}).get("pattern", "")
    }
    columns = [c for c in added.columns if c in removed.columns and c not in _SPAN_COLUMNS]
    content = [
        pl.col(c).str.replace(_FRAGMENT, "#char") if c in fragments else pl.col(c) for c in columns
    ]

    def numbered(frame: pl.DataFrame) -> pl.DataFrame:
        values = frame.select(content)
        return values.with_columns(_n=pl.int_range(pl.len()).over(columns))

    matched = numbered(removed).join(
        numbered(added), on=[*columns, "_n"], how="inner", nulls_equal=True
    )
    return matched.height
