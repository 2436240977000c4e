"""tidynews: raw web news as a tidy, validated, versioned Frictionless Data Package.

>>> import tidynews
>>> comments = tidynews.load("comments")  # doctest: +SKIP
"""

import importlib
import sys
import types

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

# The functions the package exports, by the module that defines them. They are
# imported on first use, so `tidynews validate` starts without the extractors,
# spaCy's modules and the rest of the build (its start-up counts in CI).
_EXPORTS = {
    "build": "tidynews.build",
    "data_version": "tidynews.load",
    "evaluate": "tidynews.evaluate",
    "installed_package_path": "tidynews.load",
    "load": "tidynews.load",
    "read_package": "tidynews.load",
    "validate": "tidynews.validate",
}


def __getattr__(name: str):
    if name == "__version__":
        value = _single_version()
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'tidynews' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """`tidynews.build` stays the function when the module of the same name loads.

    Importing a submodule binds it on its package, which would shadow the function
    the package exports under that name (build, evaluate, validate)."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name) == value.__name__:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def _single_version() -> str:
    """The dataset's version is the toolkit's: read it where it is kept, so an editable
    install does not report the version it was installed at."""
    import json
    from importlib.metadata import PackageNotFoundError, version

    from tidynews.load import installed_package_path

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
