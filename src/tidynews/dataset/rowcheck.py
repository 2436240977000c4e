"""Check one document's rows against the table rules before they join the tables.

A row that breaks a rule is a bug in an extractor. Caught here, it is that one
document's `ExtractError` (skipped with `--skip-invalid`), never an invalid
package that takes the whole build down. The column rules (required, enum,
pattern, bounds, lengths) are read from schemas/; the cross-field rules are the
ones `tidynews validate` applies to a package (spans, claims, figure bounds).
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass
from functools import cache
from itertools import repeat

from tidynews.dataset.rules import QUALIFIER_BOUNDS
from tidynews.dataset.schemas import load_table_schema
from tidynews.errors import ExtractError
from tidynews.pipeline.spans import Span, fragment_id, fragment_id_at

# Which extractor makes each table's rows: the stage an error names.
STAGE = {
    "articles": "segment",
    "comments": "segment",
    "claims": "claims",
    "place_mentions": "places",
    "figures": "figures",
}


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    type: str
    required: bool
    enum: frozenset | None
    pattern: re.Pattern | None
    minimum: float | None
    maximum: float | None
    min_length: int | None


@cache
def _fields(table: str) -> tuple[_Field, ...]:
    """The column rules of `table`, read from its Table Schema."""
    out = []
    for spec in load_table_schema(table)["fields"]:
        c = spec.get("constraints", {})
        out.append(
            _Field(
                spec["name"],
                spec["type"],
                bool(c.get("required")),
                frozenset(c["enum"]) if "enum" in c else None,
                re.compile(c["pattern"]) if "pattern" in c else None,
                c.get("minimum"),
                c.get("maximum"),
                c.get("minLength"),
            )
        )
    return tuple(out)


@cache
def _ruled(table: str) -> tuple[_Field, ...]:
    """The fields of `table` with a column rule: the others need no look (a build
    checks some 40,000 rows a second per core, each field of each)."""
    return tuple(
        f
        for f in _fields(table)
        if f.required
        or f.type == "number"
        or f.enum is not None
        or f.pattern is not None
        or f.minimum is not None
        or f.maximum is not None
        or f.min_length is not None
    )


@cache
def _names(table: str) -> tuple[str, ...]:
    return tuple(f.name for f in _fields(table))


def check_rows(source: str, text: str, rows: dict[str, list[tuple]]) -> None:
    """Raise ExtractError for the first row of one document that breaks a rule.

    `rows` maps each table (but places) to its rows in schema column order;
    `text` is the decoded document every span points into. Rows are checked a column
    at a time first (_all_keep_the_rules), and one by one only where that finds a
    rule that may be broken, to name the first row that breaks it."""
    if not _all_keep_the_rules(text, rows):
        _check_row_by_row(source, text, rows)


def _check_row_by_row(source: str, text: str, rows: dict[str, list[tuple]]) -> None:
    named = {
        table: [dict(zip(_names(table), row, strict=True)) for row in rows_]
        for table, rows_ in rows.items()
    }
    segments = [Span(a["start"], a["end"]) for a in named.get("articles", [])]
    segments += [Span(c["start"], c["end"]) for c in named.get("comments", [])]
    claims = {c["claim_id"]: Span(c["start"], c["end"]) for c in named.get("claims", [])}
    for table, table_rows in named.items():
        seen: set[str] = set()
        key_column = _names(table)[0]
        for row in table_rows:
            problem = _column_problem(table, row) or _row_problem(table, row, text, segments)
            key = row[key_column]
            if problem is None and key in seen:
                problem = f"id {key!r} repeats"
            if problem is None and row.get("claim_id") and table != "claims":
                claim = claims.get(row["claim_id"])
                if claim is None or not claim.contains(Span(row["start"], row["end"])):
                    problem = f"not inside its claim {row['claim_id']}"
            if problem is not None:
                raise ExtractError(source, STAGE[table], row.get("start"), f"{table} {problem}")
            seen.add(key)


def check_places(source: str, rows: list[tuple]) -> None:
    """Raise ExtractError for a place of one document that breaks its column rules."""
    if _all_keep_the_rules("", {"places": rows}):
        return
    for row in rows:
        named = dict(zip(_names("places"), row, strict=True))
        problem = _column_problem("places", named)
        if problem is not None:
            raise ExtractError(source, "places", None, f"place {named['place_id']!r} {problem}")


def _column_problem(table: str, row: dict) -> str | None:
    for f in _ruled(table):
        value = row[f.name]
        if value is None or value == "":
            if f.required:
                return f"field {f.name} is empty"
            continue
        if f.type == "number" and not math.isfinite(value):
            return f"field {f.name} is {value}"
        if f.enum is not None and value not in f.enum:
            return f"field {f.name} is {value!r}, not one of the schema's values"
        if f.pattern is not None and not f.pattern.fullmatch(value):
            return f"field {f.name} {value!r} does not match {f.pattern.pattern}"
        if f.minimum is not None and value < f.minimum:
            return f"field {f.name} is {value}, below {f.minimum}"
        if f.maximum is not None and value > f.maximum:
            return f"field {f.name} is {value}, above {f.maximum}"
        if f.min_length is not None and len(value) < f.min_length:
            return f"field {f.name} is shorter than {f.min_length}"
    return None


def _row_problem(table: str, row: dict, text: str, segments: list[Span]) -> str | None:
    start, end = row["start"], row["end"]
    if not 0 <= start < end <= len(text):
        return f"span [{start}, {end}) is not a span of the text"
    if row["text"] != text[start:end]:
        return f"text {row['text']!r} is not the source's characters [{start}, {end})"
    if table != "articles" and not any(s.contains(Span(start, end)) for s in segments):
        return f"span [{start}, {end}) is outside the article body and every comment"
    id_column = _fields(table)[0].name
    if table != "articles" and row[id_column] != fragment_id(row["article_id"], Span(start, end)):
        return f"id {row[id_column]!r} is not the fragment id of its span"
    if table == "claims" and bool(row["hedged"]) != (row["hedge_cue"] is not None):
        return "hedged and hedge_cue disagree"
    if table == "figures":
        return _bound_problem(row)
    return None


def _bound_problem(row: dict) -> str | None:
    value, low, high = row["value"], row["low"], row["high"]
    shown = f"(qualifier, value, low, high) ({row['qualifier']}, {value}, {low}, {high})"
    if row["kind"] == "date":
        if row["date"] is None or value is not None or low is not None or high is not None:
            return f"date figure {shown} carries a number instead of its date"
        return None
    if row["date"] is not None:
        return f"a {row['kind']} figure has a date"
    known = [v for v in (low, value, high) if v is not None]
    if known != sorted(known):
        return f"{shown} is not ordered low <= value <= high"
    for want, got in zip(QUALIFIER_BOUNDS[row["qualifier"]], (value, low, high), strict=True):
        ok = got == value if want == "=" else (got is not None) == want
        if not ok or (want == "=" and value is None):
            return f"{shown} breaks the bound rules of the qualifier"
    return None


def _all_keep_the_rules(text: str, rows: dict[str, list[tuple]]) -> bool:
    """Whether every row keeps every rule check_rows applies, read a column at a time,
    in C where it can be (LGL: 270,000 rows, and a build checks every one of them).
    True only when no rule is broken; False when one may be (or a value is of a type
    a rule cannot read), and then check_rows reads the rows one by one."""
    try:
        columns = {}
        for table, table_rows in rows.items():
            names = _names(table)
            if table_rows and set(map(len, table_rows)) != {len(names)}:
                return False
            columns[table] = dict(
                zip(names, map(list, zip(*table_rows, strict=True)), strict=False)
            )
        spans = {
            t: list(zip(c["start"], c["end"], strict=True))
            for t, c in columns.items()
            if "start" in c
        }
        segments = spans.get("articles", []) + spans.get("comments", [])
        claim_ids = columns.get("claims", {}).get("claim_id", [])
        claims = dict(zip(claim_ids, spans.get("claims", []), strict=True))
        return all(
            _columns_keep_the_rules(table, cols)
            and (
                table == "places"
                or _spans_keep_the_rules(table, cols, rows[table], text, segments, claims)
            )
            for table, cols in columns.items()
            if cols
        )
    except Exception:  # a value no rule can read: check_rows says which, and where
        return False


def _columns_keep_the_rules(table: str, cols: dict[str, list]) -> bool:
    """_column_problem finds nothing in any row, and no key repeats."""
    key = cols[_names(table)[0]]
    if len(set(key)) != len(key):
        return False
    for f in _ruled(table):
        values = cols[f.name]
        if None in values or "" in values:
            if f.required:
                return False
            values = [v for v in values if v is not None and v != ""]
        if not values:
            continue
        if (
            (f.type == "number" and not all(map(math.isfinite, values)))
            or (f.enum is not None and not f.enum.issuperset(values))
            or (f.pattern is not None and not all(map(f.pattern.fullmatch, values)))
            or (f.minimum is not None and any(map(operator.lt, values, repeat(f.minimum))))
            or (f.maximum is not None and any(map(operator.gt, values, repeat(f.maximum))))
            or (
                f.min_length is not None
                and any(map(operator.lt, map(len, values), repeat(f.min_length)))
            )
        ):
            return False
    return True


def _spans_keep_the_rules(
    table: str,
    cols: dict[str, list],
    rows: list[tuple],
    text: str,
    segments: list[tuple[int, int]],
    claims: dict[str, tuple[int, int]],
) -> bool:
    """_row_problem finds nothing in any row, and every row with a claim lies in it."""
    starts, ends = cols["start"], cols["end"]
    if (
        any(map(operator.gt, repeat(0), starts))
        or not all(map(operator.lt, starts, ends))
        or any(map(operator.gt, ends, repeat(len(text))))
        or list(map(text.__getitem__, map(slice, starts, ends))) != cols["text"]
    ):
        return False
    if table != "articles":
        ids = list(map(fragment_id_at, cols["article_id"], starts, ends))
        if ids != cols[_names(table)[0]] or not _inside(starts, ends, segments):
            return False
    if table == "claims" and list(map(bool, cols["hedged"])) != list(
        map(operator.is_not, cols["hedge_cue"], repeat(None))
    ):
        return False
    if table == "figures":
        names = _names(table)
        if any(_bound_problem(dict(zip(names, row, strict=True))) for row in rows):
            return False
    if table != "claims" and "claim_id" in cols:
        for claim_id, start, end in zip(cols["claim_id"], starts, ends, strict=True):
            if claim_id:
                claim = claims.get(claim_id)
                if claim is None or not (claim[0] <= start and end <= claim[1]):
                    return False
    return True


def _inside(starts: list[int], ends: list[int], segments: list[tuple[int, int]]) -> bool:
    """Every span [start, end) lies inside one of the segments (article body first)."""
    if not segments:
        return not starts
    low, high = segments[0]
    for start, end in zip(starts, ends, strict=True):
        if not (low <= start and end <= high) and not any(
            a <= start and end <= b for a, b in segments[1:]
        ):
            return False
    return True
