"""Read a package's descriptor and resolve its resources, before any data is read.

A descriptor is the package author's text and is read as such: paths must stay
inside the package folder after every symlink is resolved, only regular files
are opened, YAML aliases have an expansion budget, nesting a depth limit, and the
shape of each property is checked (descriptor_rules) before anything reads it.
"""

from __future__ import annotations

import codecs
import io
import json
from dataclasses import dataclass
from pathlib import Path

from tidynews.errors import DescriptorError, Issue, PackageError, SchemaFileError
from tidynews.validation import descriptor_rules, dialect_rules, sources, tableschema
from tidynews.validation.integrity import NotRegularFile, open_regular


@dataclass(frozen=True, slots=True)
class Resource:
    """One tabular resource of a package, its file resolved safely inside the package."""

    name: str
    path: Path
    schema: dict
    dialect: dict
    bytes: int | None
    hash: str | None
    parquet: Resource | None = None  # the same table as Parquet, when the package ships one
    encoding: str | None = None  # Python's name for the declared codec, if one is
    parts: tuple[Path, ...] = ()  # a multipart path's files (sources.materialized)
    data: list | None = None  # inline rows
    inferred: bool = False  # no schema: frictionless infers one (sources.materialized)


# A Parquet copy of a CSV resource: {"path", "bytes", "hash"}. An extra property, so
# `frictionless validate` (which knows CSV) checks the CSV and leaves the copy alone.
PARQUET_KEY = "tidynews:parquet"
SWAP_JOURNAL = ".tidynews-swap.json"  # see package.py: a build was killed mid-swap
# Nodes YAML aliases may add beyond the document's own: a real descriptor reuses a
# field list or two, an alias bomb (9 aliases of 9 aliases...) billions.
ALIAS_BUDGET = 100_000
# Nesting no descriptor needs (Data Package's deepest is about 8): deeper structures
# are refused before any code walks them.
MAX_DEPTH = 64


def read_descriptor(descriptor: str | Path) -> tuple[dict, Path]:
    """Load datapackage.json (or a folder holding it, or a resource descriptor, or
    either in YAML); PackageError when unusable."""
    path = Path(descriptor)
    if path.is_dir():
        path = path / "datapackage.json"
    if (path.parent / SWAP_JOURNAL).is_file():
        raise PackageError(
            f"{path.parent}: a build was interrupted while swapping in a new package. "
            f"Run `tidynews recover {path.parent}` (or build again) to finish it."
        )
    try:
        raw = _read_text(path)
    except FileNotFoundError:
        raise PackageError(
            f"{path}: no such descriptor. Build the package or pass its datapackage.json."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackageError(f"{path}: cannot read the descriptor ({_reason(exc)}).") from None
    try:
        package = parse_descriptor(raw, path)
    except ValueError as exc:
        raise PackageError(f"{path}:{exc}. Fix or rebuild it.") from None
    if isinstance(package, dict) and "resources" not in package and "path" in package:
        package = {"resources": [package]}  # a resource descriptor: a package of one
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise PackageError(f"{path}: a data package needs a 'resources' list.")
    for name in ("fields", "missingValues"):  # misplaced: frictionless refuses them too
        if name in package:
            raise PackageError(f"{path}: {name!r} belongs in each resource's schema.")
    descriptor_rules.check_profile(package, "the package", descriptor_rules.PACKAGE_PROFILES)
    return package, path.parent


def resources(package: dict, base: Path) -> list[Resource]:
    """The package's tabular resources, with paths checked to stay inside `base`.

    DescriptorError (a PackageError) lists every property that breaks the Data
    Package, Data Resource, Table Schema or CSV Dialect rules; a feature tidynews
    does not read is a PackageError naming it."""
    out: list[Resource] = []
    broken: list[Issue] = descriptor_rules.package_issues(package)
    for index, spec in enumerate(package["resources"]):
        if not isinstance(spec, dict):
            raise PackageError(f"resource {index + 1}: not a JSON object. Fix the descriptor.")
        found = descriptor_rules.resource_issues(spec, index, PARQUET_KEY)
        given = spec.get("name")
        name = (given if isinstance(given, str) else None) or f"resource{index + 1}"
        if found:
            broken += found
            continue
        if any(r.name == name for r in out):  # frictionless: a package-error too
            raise PackageError(
                f"resource {index + 1}: the name {name!r} is taken by another resource. "
                "Give each resource its own name."
            )
        if "missingValues" in spec:
            raise PackageError(f"resource {name!r}: 'missingValues' belongs in its schema.")
        descriptor_rules.check_profile(
            spec, f"resource {name!r}", descriptor_rules.RESOURCE_PROFILES
        )
        path, parts, data = sources.located(spec, name, base, safe_path)
        inferred = "schema" not in spec
        schema = {"fields": []} if inferred else _dereference(base, spec["schema"], name, "schema")
        if not isinstance(schema, dict):
            raise PackageError(f"resource {name!r}: no Table Schema. Add a 'schema'.")
        if _is_v2(package) or _is_v2(spec):
            schema = tableschema.plain_missing_values(schema)
        dialect = _dereference(base, spec.get("dialect", {}), name, "dialect")
        if not isinstance(dialect, dict):
            raise PackageError(f"resource {name!r}: 'dialect' must be a JSON object.")
        if isinstance(dialect.get("csv"), dict):  # Table Dialect v2 nests CSV options
            dialect = {k: v for k, v in dialect.items() if k != "csv"} | dialect["csv"]
        found = descriptor_rules.dialect_issues(name, dialect)
        found += [] if inferred else descriptor_rules.schema_issues(name, schema)
        if found:
            broken += found
            continue
        encoding = _check_format(spec, name)  # first: another format's dialect is no CSV's
        dialect_rules.check_dialect(dialect, name)
        if not inferred:
            _check_schema(schema, name, v2=_is_v2(package) or _is_v2(spec))
        copy = spec.get(PARQUET_KEY)
        parquet = None
        if copy is not None:
            parquet = Resource(
                name=name,
                path=safe_path(base, copy.get("path"), name),
                schema=schema,
                dialect={},
                bytes=copy.get("bytes"),
                hash=copy.get("hash"),
            )
        out.append(
            Resource(
                name=name,
                path=path,
                schema=schema,
                dialect=dialect,
                bytes=spec.get("bytes"),
                hash=spec.get("hash"),
                parquet=parquet,
                encoding=encoding,
                parts=parts,
                data=data,
                inferred=inferred,
            )
        )
    if broken:
        raise DescriptorError(broken)
    return out


def _check_schema(schema: dict, name: str, v2: bool) -> None:
    """PackageError for a schema feature tidynews does not read."""
    descriptor_rules.check_profile(
        schema, f"resource {name!r}: the schema", descriptor_rules.SCHEMA_PROFILES
    )
    try:
        tableschema.check_table_schema(schema, f"resource {name!r}")
    except SchemaFileError as exc:
        raise PackageError(str(exc)) from None
    descriptor_rules.check_patterns(name, schema)
    _check_version(schema, name, v2)


def _is_v2(descriptor: dict) -> bool:
    """A descriptor declaring Data Package v2 (its `$schema` is a 2.x profile)."""
    return "/2." in str(descriptor.get("$schema", ""))


def _check_version(schema: dict, name: str, v2: bool) -> None:
    """Constraints that v1 does not have are refused in a v1 package, as frictionless does."""
    for spec in schema["fields"]:
        for constraint in ("exclusiveMinimum", "exclusiveMaximum"):
            if constraint in spec.get("constraints", {}) and not v2:
                raise PackageError(
                    f"resource {name!r}: field {spec['name']!r}: constraint {constraint!r} "
                    "needs Data Package v2. Declare it with "
                    '"$schema": "https://datapackage.org/profiles/2.0/datapackage.json".'
                )


def _check_format(spec: dict, name: str) -> str | None:
    """Python's name for the CSV file's declared codec (None: not declared); other
    formats, and codecs Python does not know, are refused, not misread."""
    path = spec.get("path", "")
    path = str(path[0] if isinstance(path, list) and path else path)  # multipart: the first
    inline = "path" not in spec and "data" in spec
    fmt = spec.get("format") or ("csv" if inline else path.rsplit(".", 1)[-1].lower())
    encoding = spec.get("encoding")
    if fmt != "csv":
        unsupported = f"format {fmt!r}"
    elif spec.get("compression"):
        unsupported = f"compression {spec['compression']!r}"
    elif encoding is None:
        return None
    else:
        try:
            return codecs.lookup(str(encoding)).name
        except LookupError:
            unsupported = f"encoding {encoding!r} (no codec of that name)"
    raise PackageError(
        f"resource {name!r}: {unsupported} is not supported by tidynews validate, which "
        "reads CSV (use frictionless validate for this package)."
    )


def _dereference(base: Path, value: object, name: str, key: str) -> object:
    """A schema or dialect given inline, or as the path of a JSON (or YAML) file in the
    package."""
    if not isinstance(value, str):
        return value
    path = safe_path(base, value, name)
    try:
        return parse_descriptor(_read_text(path), path)
    except (OSError, UnicodeDecodeError) as exc:
        raise PackageError(
            f"resource {name!r}: cannot read its {key} file {value!r} ({_reason(exc)})."
        ) from None
    except ValueError as exc:
        raise PackageError(f"resource {name!r}: {key} file {value!r}:{exc}.") from None


def safe_path(base: Path, value: object, name: str) -> Path:
    """A relative path inside the package; URLs and escapes are refused, never fetched,
    and so is a path whose symlinks (the file's or a folder's) lead outside."""
    if not isinstance(value, str) or not value:
        raise PackageError(f"resource {name!r}: 'path' must be one relative file path.")
    if "://" in value or value.startswith(("/", "\\")) or ".." in Path(value).parts:
        raise PackageError(
            f"resource {name!r}: path {value!r} is outside the package (unsafe-path). "
            "Use a relative path inside the package folder."
        )
    path = base / value
    try:
        root, real = base.resolve(), path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        raise PackageError(
            f"resource {name!r}: path {value!r} cannot be resolved (unsafe-path). "
            "Use a relative path to a file inside the package folder."
        ) from None
    if root not in real.parents:
        raise PackageError(
            f"resource {name!r}: path {value!r} leads outside the package through a "
            "symlink (unsafe-path). Put the file itself inside the package folder."
        )
    return path


def _read_text(path: Path) -> str:
    """A descriptor file's text: a regular file only (NotRegularFile otherwise)."""
    with open_regular(path) as file:
        return io.TextIOWrapper(file, encoding="utf-8").read()


def _reason(exc: Exception) -> str:
    if isinstance(exc, NotRegularFile):
        return "not a regular file: a FIFO, device or folder is never read"
    return str(exc)


def parse_descriptor(raw: str, path: Path) -> object:
    """JSON, or YAML for a .yaml/.yml file (frictionless reads both); ValueError with
    "line: reason" when the text is neither, nests too deep, or its YAML aliases
    expand past ALIAS_BUDGET."""
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            value = _parse_yaml(raw)
        else:
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        value = None
        deep = True
    else:
        deep = _too_deep(value)
    if deep:
        raise ValueError(f"1: nested more than {MAX_DEPTH} levels deep")
    return value


def _parse_yaml(raw: str) -> object:
    import yaml  # only YAML descriptors pay for it

    # The pure-Python loader: it composes recursively in Python, so a deep document
    # raises RecursionError instead of overflowing the C stack.
    loader = yaml.SafeLoader(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        added = _alias_expansion(node)
        if added is None:
            raise ValueError("1: a YAML alias refers to a node it is part of (a loop)")
        if added > ALIAS_BUDGET:
            raise ValueError(
                f"1: YAML aliases would add {added:,} nodes, more than {ALIAS_BUDGET:,} "
                "(an alias bomb?); write the repeated parts out"
            )
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ValueError(f"{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    finally:
        loader.dispose()


def _alias_expansion(root) -> int | None:
    """How many nodes the document would have with every alias written out, beyond
    the nodes it has; counted over the node graph without expanding it. None when
    an alias refers to a node it is inside (no JSON value is recursive)."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
        elif key not in sizes:
            if key in on_path:
                return None
            on_path.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return sizes[id(root)] - len(sizes)


def _children(node) -> list:
    value = node.value
    if isinstance(value, list):  # a sequence's items, a mapping's (key, value) pairs
        return [part for item in value for part in (item if isinstance(item, tuple) else (item,))]
    return []


def _too_deep(value: object) -> bool:
    """Whether lists and objects nest more than MAX_DEPTH levels, walked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        elif not isinstance(item, list):
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return False
