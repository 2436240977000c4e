"""A Profile: the rules a kind of package adds to Frictionless' own, and when it applies.

The validator knows Data Package, Table Schema and CSV. A dataset that promises
more (spans that point into another table's text, counts that must match) says
so with a Profile: its rules run only on a package it `applies` to, so a foreign
package validates exactly as frictionless validates it, whatever its tables are
called. Rules are small named functions in a table, as frictionless-py's checks
and pandera's polars backend keep theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from tidynews.errors import Issue
from tidynews.validation.descriptor import Resource


@dataclass(frozen=True, slots=True)
class RowRule:
    """A rule that looks at one row at a time: `check(table, batch, context)` on any
    slice of one of `tables`, typed, with its `__row` numbers. `context` is what the
    profile built from its `first` tables (Profile.context)."""

    name: str
    tables: frozenset[str]
    check: Callable[[str, pl.DataFrame, Any], list[Issue]]


@dataclass(frozen=True, slots=True)
class TableRule:
    """A rule across rows and tables: `check(frames)` on the kept columns of every
    table read (Profile.kept), keyed by resource name."""

    name: str
    check: Callable[[dict[str, pl.DataFrame]], list[Issue]]


def _no_context(frames: dict[str, pl.DataFrame]) -> None:
    return None


@dataclass(frozen=True, slots=True)
class Profile:
    """Extra rules, and the test of whether a package is one they are for.

    `first`: tables read (whole) before the others, so `context(frames)` can give
    every row rule of the later tables what it needs from them (texts, say).
    `kept`: per table, the columns table rules read beyond keys and `first` tables.
    """

    name: str
    applies: Callable[[list[Resource]], bool]
    row_rules: tuple[RowRule, ...] = ()
    table_rules: tuple[TableRule, ...] = ()
    first: tuple[str, ...] = ()
    context: Callable[[dict[str, pl.DataFrame]], Any] = _no_context
    kept: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def row_issues(self, table: str, batch: pl.DataFrame, context: Any) -> list[Issue]:
        """Every row rule for `table`, in the profile's order, on one batch."""
        issues: list[Issue] = []
        for rule in self.row_rules:
            if table in rule.tables:
                issues += rule.check(table, batch, context)
        return issues

    def table_issues(self, frames: dict[str, pl.DataFrame]) -> list[Issue]:
        """Every table rule, in the profile's order."""
        issues: list[Issue] = []
        for rule in self.table_rules:
            issues += rule.check(frames)
        return issues


def chosen(profiles: tuple[Profile, ...], resource_list: list[Resource]) -> Profile | None:
    """The first of `profiles` that applies to the package, if any."""
    return next((p for p in profiles if p.applies(resource_list)), None)
