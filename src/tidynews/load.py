"""Read a built package into polars or pandas, with dtypes from its schemas and hashes checked."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path

import polars as pl

from tidynews.errors import PackageError
from tidynews.schemas import polars_schema
from tidynews.validate import Resource, hash_mismatch, read_descriptor, resources

BACKENDS = ("polars", "pandas")


@dataclass(frozen=True, slots=True)
class Package:
    """A built data package on disk."""

    descriptor: dict
    base: Path
    resources: dict[str, Resource]

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    @property
    def tables(self) -> list[str]:
        return list(self.resources)

    def load(self, table: str, backend: str = "polars", lazy: bool = False):
        """One table as a polars DataFrame (LazyFrame with lazy=True) or a pandas DataFrame."""
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
        if table not in self.resources:
            raise PackageError(f"no table {table!r}. Valid tables: {', '.join(self.resources)}.")
        resource = self.resources[table]
        schema = polars_schema(resource.schema)
        if resource.parquet is not None and resource.parquet.path.is_file():
            # the Parquet copy: typed already, and several times faster to read
            frame = pl.read_parquet(_verified_bytes(resource.parquet)).cast(schema)
        else:
            data = _verified_bytes(resource)
            frame = pl.read_csv(
                data, schema=schema, separator=resource.dialect.get("delimiter", ",")
            )
        if backend == "pandas":
            # Arrow-backed dtypes keep nullable integers integers and dates dates.
            return frame.to_pandas(use_pyarrow_extension_array=True)
        return frame.lazy() if lazy else frame


def read_package(path: str | Path) -> Package:
    """Open a built package (its datapackage.json or the folder holding it).

    >>> read_package("datapackage.json").load("comments").height  # doctest: +SKIP
    4
    """
    descriptor, base = read_descriptor(path)
    return Package(descriptor, base, {r.name: r for r in resources(descriptor, base)})


def installed_package_path() -> Path:
    """The package shipped in the wheel, or the repository's own in a source checkout."""
    shipped = importlib_resources.files("tidynews") / "_package" / "datapackage.json"
    if shipped.is_file():
        return Path(str(shipped))
    checkout = Path(__file__).resolve().parent.parent.parent / "datapackage.json"
    if checkout.is_file():
        return checkout
    raise PackageError(
        "the dataset is not installed with tidynews. Reinstall it, or use read_package(path)."
    )


def load(table: str, backend: str = "polars", lazy: bool = False):
    """Load one table of the installed dataset.

    >>> import tidynews
    >>> tidynews.load("comments").columns[:2]  # doctest: +SKIP
    ['comment_id', 'article_id']
    """
    return read_package(installed_package_path()).load(table, backend=backend, lazy=lazy)


def data_version() -> str:
    """The installed dataset's version (also the Python distribution's)."""
    return read_package(installed_package_path()).version


def _verified_bytes(resource: Resource) -> bytes:
    try:
        data = resource.path.read_bytes()
    except OSError:
        raise PackageError(
            f"{resource.path}: data file is missing. Rebuild or reinstall the package."
        ) from None
    mismatch = hash_mismatch(resource, data)
    if mismatch:
        raise PackageError(
            f"{resource.path}: {mismatch[0]} (hash-count). Rebuild or reinstall the package."
        )
    return data
