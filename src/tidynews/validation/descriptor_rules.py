"""The shape of a descriptor: each property of the Data Resource, Table Schema and CSV
Dialect specs that tidynews reads, checked before it is read.

A property of the wrong shape would otherwise crash the reader (`primaryKey: 5`),
or be misread: `missingValues: "NA"` iterates as "N" and "A", `required: "false"`
is true. Each break is an Issue with frictionless-py's code for it
(`resource-error`, `schema-error`, `field-error`, `dialect-error`,
`control-error`, and `source-error` for a delimiter or quote character that is
not one character, which frictionless finds when it opens the file). Where
frictionless itself crashes (`hash: 123`, `minimum: "ten"`) the break is reported
all the same.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from tidynews.errors import Issue, PackageError
from tidynews.validation import fields as fieldtypes

# frictionless-py's patterns for names and types (frictionless/settings.py)
_NAME = re.compile(r"^([-a-z0-9._/])+$")
# Every type frictionless knows; the ones tidynews does not read are refused later,
# by name, as unsupported (tableschema.check_table_schema).
FRICTIONLESS_TYPES = {
    *fieldtypes.TYPES,
    "geojson",
    "list",
}
# The profiles whose rules tidynews checks itself: any other profile (a registry id,
# a URL, a local JSON Schema) is a feature it does not read, refused by name.
_SPEC = "https://specs.frictionlessdata.io/schemas/"
PACKAGE_PROFILES = {
    "data-package",
    "tabular-data-package",
    f"{_SPEC}data-package.json",
    f"{_SPEC}tabular-data-package.json",
}
RESOURCE_PROFILES = {
    "data-resource",
    "tabular-data-resource",
    f"{_SPEC}data-resource.json",
    f"{_SPEC}tabular-data-resource.json",
}
SCHEMA_PROFILES = {"table-schema", "tableschema", f"{_SPEC}table-schema.json"}
_BOOLEAN_CONSTRAINTS = ("required", "unique")
_STRING_LISTS = ("trueValues", "falseValues", "missingValues")
# The formats frictionless-py allows per type where the spec lists them (other types
# take any format: a strptime pattern for dates, anything for the rest).
_FORMATS = {
    "string": {"default", "email", "uri", "binary", "uuid", "wkt"},
    "geopoint": {"default", "array", "object"},
    "geojson": {"default", "topojson"},
}


def check_profile(descriptor: dict, where: str, known: set[str]) -> None:
    """PackageError for a `profile` tidynews cannot check: it never fetches or runs one."""
    profile = descriptor.get("profile")
    if profile is None or profile in known:
        return
    raise PackageError(
        f"{where}: profile {_shown(profile)} is not supported by tidynews validate, which "
        "checks the standard profiles only and never fetches one (use frictionless "
        "validate for this package)."
    )


def package_issues(package: dict) -> list[Issue]:
    """package-error for each property of the Data Package of the wrong shape, as
    frictionless-py finds them (its profile's name pattern; its licence rule)."""
    issues = []
    name = package.get("name")
    if name is not None and not (isinstance(name, str) and _NAME.match(name)):
        message = (
            f"package name {_shown(name)} must be lower-case letters, digits, '-', '_', '.' or '/'"
        )
        issues.append(Issue("package-error", None, None, None, _shown(name), message))
    for problem in _licence_problems(package) + _list_problems(package):
        issues.append(Issue("package-error", None, None, None, None, problem))
    return issues


# The Data Package's list properties, and frictionless' check of an email in them
_LISTS = ("keywords", "contributors", "sources")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")  # looser than frictionless': no false alarm


def _list_problems(package: dict) -> list[str]:
    problems = [
        f"{key} {_shown(package[key])} must be a list"
        for key in _LISTS
        if key in package and not isinstance(package[key], list)
    ]
    for key in ("contributors", "sources"):
        entries = package.get(key)
        for entry in entries if isinstance(entries, list) else ():
            email = entry.get("email") if isinstance(entry, dict) else None
            if isinstance(email, str) and email and not _EMAIL.match(email):  # "" passes
                problems.append(f"{key}: email {_shown(email)} is not an email address")
    return problems


def _licence_problems(descriptor: dict) -> list[str]:
    """A `licenses` that is not a list, or a licence without a `path` or `name`."""
    licences = descriptor.get("licenses")
    if licences is None:
        return []
    if not isinstance(licences, list):
        return [f"licenses {_shown(licences)} must be a list of licences"]
    return [
        f"licence {_shown(licence)} needs a 'path' or a 'name'"
        for licence in licences
        if not (isinstance(licence, dict) and ("path" in licence or "name" in licence))
    ]


def resource_issues(spec: dict, index: int, parquet_key: str) -> list[Issue]:
    """resource-error for each property of a Data Resource of the wrong shape."""
    name = spec.get("name")
    table = name if isinstance(name, str) else f"resource{index + 1}"
    issues = []

    def broken(key: str, value: object, rule: str) -> None:
        issues.append(
            Issue(
                "resource-error",
                table,
                None,
                None,
                _shown(value),
                f"{key} {_shown(value)} must be {rule}",
            )
        )

    if name is None:  # the spec requires one; frictionless finds none a resource-error
        broken("name", name, "given: every resource needs a name")
    elif not (isinstance(name, str) and _NAME.match(name)):
        broken("name", name, "a string of lower-case letters, digits, '-', '_', '.' or '/'")
    for problem in _licence_problems(spec):
        issues.append(Issue("resource-error", table, None, None, None, problem))
    if "bytes" in spec and not _is_count(spec["bytes"]):
        broken("bytes", spec["bytes"], "a whole number of bytes")
    if "hash" in spec and not isinstance(spec["hash"], str):
        broken("hash", spec["hash"], "a string, '<algorithm>:<hex digest>'")
    for key in ("schema", "dialect"):
        if key in spec and not isinstance(spec[key], (dict, str)):
            broken(key, spec[key], "an object or the path of a file holding one")
    for key in ("format", "encoding", "compression", "mediatype"):
        if key in spec and not isinstance(spec[key], str):
            broken(key, spec[key], "a string")
    copy = spec.get(parquet_key)
    if copy is not None and not (
        isinstance(copy, dict)
        and isinstance(copy.get("path"), str)
        and _is_count(copy.get("bytes", 0))
        and isinstance(copy.get("hash", ""), str)
    ):
        broken(parquet_key, copy, "an object with a 'path', and a whole 'bytes' and a 'hash'")
    return issues


def dialect_issues(table: str, dialect: dict) -> list[Issue]:
    """dialect-error, control-error or source-error for each dialect option of the wrong shape."""
    issues = []
    for key, value in dialect.items():
        shown = _shown(value)
        if key in ("header", "caseSensitiveHeader") and not isinstance(value, bool):
            message = f"dialect {key} {shown} must be true or false"
            issues.append(Issue("dialect-error", table, None, None, shown, message))
        elif key == "doubleQuote" and not isinstance(value, bool):
            message = f"dialect {key} {shown} must be true or false"
            issues.append(Issue("control-error", table, None, None, shown, message))
        elif key in ("delimiter", "quoteChar", "lineTerminator") and not isinstance(value, str):
            message = f"dialect {key} {shown} must be a string"
            issues.append(Issue("control-error", table, None, None, shown, message))
        elif key in ("delimiter", "quoteChar") and len(value) != 1:
            message = f"dialect {key} {shown} must be one character"
            issues.append(Issue("source-error", table, None, None, value, message))
    return issues


def schema_issues(table: str, schema: dict) -> list[Issue]:
    """schema-error and field-error for each property of a Table Schema of the wrong shape."""
    issues = []

    def broken(message: str, value: object) -> None:
        issues.append(Issue("schema-error", table, None, None, _shown(value), message))

    specs = schema.get("fields")
    if not isinstance(specs, list):
        broken(f"fields {_shown(specs)} must be a list of field objects", specs)
        return issues
    names = []
    for spec in specs:
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            message = f"field {_shown(spec)} must be an object with a string 'name'"
            issues.append(Issue("field-error", table, None, None, _shown(spec), message))
            continue
        names.append(spec["name"])
        for problem, value in _field_problems(spec):
            issues.append(Issue("field-error", table, None, spec["name"], _shown(value), problem))
    repeated = sorted(n for n, count in Counter(names).items() if count > 1)
    if repeated:
        broken(f"field names are not unique: {', '.join(map(_shown, repeated))}", repeated)
    if "missingValues" in schema and not _strings(schema["missingValues"]):
        value = schema["missingValues"]
        broken(f"missingValues {_shown(value)} must be a list of strings", value)
    known = set(names)
    key = schema.get("primaryKey")
    if key is not None:
        columns = _names(key)
        if columns is None:
            broken(f"primaryKey {_shown(key)} must be a field name or a list of them", key)
        elif not set(columns) <= known:
            missing = [c for c in columns if c not in known]
            broken(f"primaryKey names no field {_shown(missing[0])}", key)
    foreign = schema.get("foreignKeys")
    if foreign is not None and not isinstance(foreign, list):
        broken(f"foreignKeys {_shown(foreign)} must be a list of foreign keys", foreign)
    for fk in foreign if isinstance(foreign, list) else ():
        fk_problem = _foreign_key_problem(fk, known)
        if fk_problem:
            broken(f"foreign key {_shown(fk)}: {fk_problem}", fk)
    return issues


def check_patterns(table: str, schema: dict) -> None:
    """PackageError for a `pattern` polars' linear-time regex engine cannot run.

    Such a pattern (look-around, a backreference) would need Python's backtracking
    engine, which takes exponential time on patterns like `(?=a)(a+)+$`; no budget
    per cell can stop it, since the match holds the GIL. So it is refused, by name."""
    for spec in schema["fields"]:
        pattern = (spec.get("constraints") or {}).get("pattern")
        if pattern is not None and not fieldtypes.polars_regex_ok(f"^(?:{pattern})$"):
            raise PackageError(
                f"resource {table!r}: field {spec['name']!r}: pattern {pattern!r} uses "
                "look-around, a backreference or another feature that needs a backtracking "
                "regex engine, which may take exponential time; tidynews validate runs "
                "patterns in linear time only (unsupported). Rewrite the pattern without it."
            )


def _field_problems(spec: dict) -> list[tuple[str, object]]:
    """(what is wrong, the value) for each property of one field of the wrong shape."""
    problems = []
    ftype = spec.get("type", "any")
    if not (isinstance(ftype, str) and ftype in FRICTIONLESS_TYPES):
        problems.append((f"field type {_shown(ftype)} is not a Table Schema type", ftype))
        return problems
    for key in ("format", "decimalChar", "groupChar", "title", "description"):
        if key in spec and not isinstance(spec[key], str):
            problems.append((f"{key} {_shown(spec[key])} must be a string", spec[key]))
    fmt = spec.get("format")
    if isinstance(fmt, str) and ftype in _FORMATS and fmt not in _FORMATS[ftype]:
        allowed = ", ".join(sorted(_FORMATS[ftype]))
        problems.append((f"format {_shown(fmt)} is not one of {allowed} for a {ftype}", fmt))
    if "bareNumber" in spec and not isinstance(spec["bareNumber"], bool):
        value = spec["bareNumber"]
        problems.append((f"bareNumber {_shown(value)} must be true or false", value))
    for key in _STRING_LISTS:
        if key in spec and not _strings(spec[key]):
            problems.append((f"{key} {_shown(spec[key])} must be a list of strings", spec[key]))
    constraints = spec.get("constraints", {})
    if not isinstance(constraints, dict):
        problems.append((f"constraints {_shown(constraints)} must be an object", constraints))
        return problems
    for key, value in constraints.items():
        problem = _constraint_problem(spec, ftype, key, value)
        if problem:
            problems.append((f"constraint {key} {_shown(value)} {problem}", value))
    return problems


def _constraint_problem(spec: dict, ftype: str, key: str, value: object) -> str | None:
    if key in _BOOLEAN_CONSTRAINTS:
        return None if isinstance(value, bool) else "must be true or false"
    if key in fieldtypes.LENGTHS:
        return None if _is_count(value) else "must be a whole number"
    if key == "enum":
        return None if isinstance(value, list) else "must be a list of values"
    if key == "pattern":
        if not isinstance(value, str):
            return "must be a string"
        if not fieldtypes.polars_regex_ok(f"^(?:{value})$") and not _compiles(value):
            return "is not a regular expression"
        return None
    if key in fieldtypes.BOUNDS and ftype in fieldtypes.TYPE_CONSTRAINTS:
        if key not in fieldtypes.TYPE_CONSTRAINTS[ftype]:
            return None  # refused later as unsupported for the type, by name
        if ftype == "integer" and isinstance(value, float) and not value.is_integer():
            return "must be an integer"
        field = fieldtypes.Field(spec["name"], spec, ("",))
        try:
            read = field.read_constraint(value)
        except Exception:  # frictionless' reader, given any value a descriptor holds
            read = None
        return None if read is not None else f"is not a valid {ftype}"
    return None


def _foreign_key_problem(fk: object, known: set[str]) -> str | None:
    if not isinstance(fk, dict):
        return "must be an object with 'fields' and a 'reference'"
    columns = _names(fk.get("fields"))
    if not columns:
        return "'fields' must be a field name or a list of them"
    missing = [c for c in columns if c not in known]
    if missing:
        return f"names no field {_shown(missing[0])}"
    reference = fk.get("reference")
    if not isinstance(reference, dict):
        return "needs a 'reference' object with the resource and fields it refers to"
    resource = reference.get("resource", "")
    if not isinstance(resource, str):
        return "the reference's 'resource' must be a resource name"
    referred = _names(reference.get("fields"))
    if not referred:
        return "the reference's 'fields' must be a field name or a list of them"
    if len(referred) != len(columns):
        return f"{len(columns)} fields refer to {len(referred)}"
    return None


def _names(value: object) -> list[str] | None:
    """A field name or a list of them, as a list; None for anything else."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


def _shown(value: object) -> str:
    """A descriptor value as JSON, cut to 80 characters."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
