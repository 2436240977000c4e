"""tidynews: raw web news as a tidy, validated, versioned Frictionless Data Package.

>>> import tidynews
>>> comments = tidynews.load("comments")  # doctest: +SKIP
"""

import importlib
import importlib.util
from typing import TYPE_CHECKING

from tidynews.errors import (
    EXTRAS,
    GoldError,
    Issue,
    MissingExtraError,
    PackageError,
    PublishError,
    ReleaseError,
    Report,
    SchemaFileError,
    SeedError,
    TidynewsError,
    ValidationError,
)

# The functions the package exports, by the module that defines them. They are
# imported on first use, so `tidynews validate` starts without the extractors,
# spaCy's modules and the rest of the build (its start-up counts in CI).
_EXPORTS = {
    "build": "tidynews.dataset.build",
    "card": "tidynews.dataset.card",
    "data_version": "tidynews.dataset.load",
    "diff": "tidynews.dataset.diff",
    "evaluate": "tidynews.evaluation.score",
    "export": "tidynews.dataset.export",
    "ingest": "tidynews.dataset.ingest",
    "installed_package_path": "tidynews.dataset.load",
    "load": "tidynews.dataset.load",
    "read_package": "tidynews.dataset.load",
    "recover": "tidynews.dataset.publish",
    "release": "tidynews.dataset.release",
    "report": "tidynews.dataset.report",
    "validate": "tidynews.dataset.profile",
}

# The extras each export needs beyond the light install (polars, pyarrow, click),
# checked before its module is imported so a missing one is named, not a traceback.
_NEEDS = {
    "build": ("build", "validate"),
    "ingest": ("ingest",),
    "recover": ("build",),
    "release": ("build", "validate"),
    "report": ("report",),
    "validate": ("validate",),
}

if TYPE_CHECKING:  # what __getattr__ imports at run time, for type checkers
    from tidynews.dataset.build import build
    from tidynews.dataset.card import card
    from tidynews.dataset.diff import diff
    from tidynews.dataset.export import export
    from tidynews.dataset.ingest import ingest
    from tidynews.dataset.load import data_version, load, read_package
    from tidynews.dataset.load import installed_package_path as installed_package_path
    from tidynews.dataset.profile import validate
    from tidynews.dataset.publish import recover
    from tidynews.dataset.release import release
    from tidynews.dataset.report import report
    from tidynews.evaluation.score import evaluate

    __version__: str


def __getattr__(name: str) -> object:
    if name == "__version__":
        value = _single_version()
    elif name in _EXPORTS:
        feature = f"tidynews.{name}"
        for extra in _NEEDS.get(name, ()):
            for module in EXTRAS[extra]:
                if importlib.util.find_spec(module) is None:
                    raise MissingExtraError.of(ModuleNotFoundError(name=module), feature)
        try:
            value = getattr(importlib.import_module(_EXPORTS[name]), name)
        except ModuleNotFoundError as exc:
            raise MissingExtraError.of(exc, feature) from exc
    else:
        raise AttributeError(f"module 'tidynews' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _single_version() -> str:
    """The dataset's version is the toolkit's: read it where it is kept, so an editable
    install does not report the version it was installed at."""
    import json
    from importlib.metadata import PackageNotFoundError, version

    from tidynews.dataset.load import installed_package_path

    try:
        return json.loads(installed_package_path().read_text(encoding="utf-8"))["version"]
    except (PackageError, OSError, ValueError, KeyError):
        try:
            return version("tidynews")
        except PackageNotFoundError:  # pragma: no cover - neither data nor metadata
            return "0+unknown"


__all__ = [
    "GoldError",
    "Issue",
    "MissingExtraError",
    "PackageError",
    "PublishError",
    "ReleaseError",
    "Report",
    "SchemaFileError",
    "SeedError",
    "TidynewsError",
    "ValidationError",
    "__version__",
    "build",
    "card",
    "data_version",
    "diff",
    "evaluate",
    "export",
    "ingest",
    "load",
    "read_package",
    "recover",
    "release",
    "report",
    "validate",
]
