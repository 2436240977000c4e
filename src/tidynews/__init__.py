"""tidynews: raw web news as a tidy, validated, versioned Frictionless Data Package.

>>> import tidynews
>>> comments = tidynews.load("comments")  # doctest: +SKIP
"""

import json as _json
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
from tidynews.load import data_version, installed_package_path, load, read_package
from tidynews.validate import validate


def _single_version() -> str:
    """The dataset's version is the toolkit's: read it where it is kept, so an editable
    install does not report the version it was installed at."""
    try:
        return _json.loads(installed_package_path().read_text(encoding="utf-8"))["version"]
    except (PackageError, OSError, ValueError, KeyError):
        try:
            return _version("tidynews")
        except PackageNotFoundError:  # pragma: no cover - neither data nor metadata
            return "0+unknown"


__version__ = _single_version()

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
