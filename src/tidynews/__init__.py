"""tidynews: raw web news as a tidy, validated, versioned Frictionless Data Package.

>>> import tidynews
>>> comments = tidynews.load("comments")  # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from tidynews.build import build
from tidynews.errors import (
    GoldError,
    Issue,
    PackageError,
    ReleaseError,
    Report,
    SchemaFileError,
    SeedError,
    TidynewsError,
    ValidationError,
)
from tidynews.evaluate import evaluate
from tidynews.load import data_version, load, read_package
from tidynews.validate import validate

try:
    __version__ = _version("tidynews")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "GoldError",
    "Issue",
    "PackageError",
    "ReleaseError",
    "Report",
    "SchemaFileError",
    "SeedError",
    "TidynewsError",
    "ValidationError",
    "__version__",
    "build",
    "data_version",
    "evaluate",
    "load",
    "read_package",
    "validate",
]
