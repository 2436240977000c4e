"""Read a built package into polars or pandas, with dtypes from its schemas and hashes checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

import polars as pl

from tidynews.dataset.schemas import polars_schema
from tidynews.errors import MissingExtraError, PackageError
from tidynews.validation.descriptor import Resource, read_descriptor, resources
from tidynews.validation.integrity import hash_mismatch, is_regular, read_verified

if TYPE_CHECKING:  # pandas is imported by polars' to_pandas(), only when asked for
    import pandas as pd

Backend = Literal["polars", "pandas"]
BACKENDS: tuple[Backend, ...] = ("polars", "pandas")


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

    # The overloads tell a type checker what comes back for each backend and laziness.
    @overload
    def load(
        self, table: str, backend: Literal["polars"] = ..., lazy: Literal[False] = ...
    ) -> pl.DataFrame: ...
    @overload
    def load(self, table: str, backend: Literal["polars"], lazy: Literal[True]) -> pl.LazyFrame: ...
    @overload
    def load(self, table: str, *, lazy: Literal[True]) -> pl.LazyFrame: ...
    @overload
    def load(self, table: str, backend: Literal["pandas"], lazy: bool = ...) -> pd.DataFrame: ...
    @overload
    def load(
        self, table: str, backend: str = ..., lazy: bool = ...
    ) -> pl.DataFrame | pl.LazyFrame | pd.DataFrame: ...

    def load(
        self, table: str, backend: str = "polars", lazy: bool = False
    ) -> pl.DataFrame | pl.LazyFrame | pd.DataFrame:
        """One table as a polars DataFrame, a LazyFrame (lazy=True: a scan of the file,
        after its hash is checked) or a pandas DataFrame (backend="pandas")."""
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
        if lazy and backend == "pandas":
            raise ValueError(
                "lazy=True gives a polars LazyFrame, and pandas has no lazy frame: load the "
                "table whole with backend='pandas', or lazily with polars and .collect() it."
            )
        if table not in self.resources:
            raise PackageError(f"no table {table!r}. Valid tables: {', '.join(self.resources)}.")
        resource = self.resources[table]
        schema = pl.Schema(polars_schema(resource.schema))
        copy = resource.parquet
        has_copy = copy is not None and (is_regular(copy.path) or copy.path.exists())
        if lazy:
            return _scanned(copy if copy is not None and has_copy else resource, schema)
        if copy is not None and has_copy:
            # the Parquet copy: typed already, and several times faster to read
            frame = _parsed(copy, lambda data: pl.read_parquet(data).cast(schema))
        else:
            separator = resource.dialect.get("delimiter", ",")
            frame = _parsed(
                resource, lambda data: pl.read_csv(data, schema=schema, separator=separator)
            )
        if backend == "pandas":
            try:
                import pandas  # noqa: F401 - polars' to_pandas() needs it
            except ModuleNotFoundError as exc:
                raise MissingExtraError.of(exc, "load(..., backend='pandas')") from exc
            # Arrow-backed dtypes keep nullable integers integers and dates dates.
            return frame.to_pandas(use_pyarrow_extension_array=True)
        return frame


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
    checkout = Path(__file__).resolve().parents[3] / "datapackage.json"
    if checkout.is_file():
        return checkout
    raise PackageError(
        "the dataset is not installed with tidynews. Reinstall it, or use read_package(path)."
    )


@overload
def load(
    table: str, backend: Literal["polars"] = ..., lazy: Literal[False] = ...
) -> pl.DataFrame: ...
@overload
def load(table: str, backend: Literal["polars"], lazy: Literal[True]) -> pl.LazyFrame: ...
@overload
def load(table: str, *, lazy: Literal[True]) -> pl.LazyFrame: ...
@overload
def load(table: str, backend: Literal["pandas"], lazy: bool = ...) -> pd.DataFrame: ...
@overload
def load(
    table: str, backend: str = ..., lazy: bool = ...
) -> pl.DataFrame | pl.LazyFrame | pd.DataFrame: ...


def load(
    table: str, backend: str = "polars", lazy: bool = False
) -> pl.DataFrame | pl.LazyFrame | pd.DataFrame:
    """Load one table of the installed dataset.

    >>> import tidynews
    >>> tidynews.load("comments").columns[:2]  # doctest: +SKIP
    ['comment_id', 'article_id']
    """
    return read_package(installed_package_path()).load(table, backend=backend, lazy=lazy)


def data_version() -> str:
    """The installed dataset's version (also the Python distribution's)."""
    return read_package(installed_package_path()).version


def _scanned(resource: Resource, schema: pl.Schema) -> pl.LazyFrame:
    """A scan of the resource's file, once its bytes are checked against the descriptor
    (read in chunks, nothing kept): the query reads only what it needs, later. A file
    changed between the check and the query is not caught; load() whole if that matters."""
    path = resource.path
    if not is_regular(path):
        what = "is missing" if not path.exists() else "is not a regular file"
        raise PackageError(f"{path}: data file {what}. Rebuild or reinstall the package.")
    mismatch = hash_mismatch(resource)
    if mismatch:
        raise PackageError(f"{path}: {mismatch[0]} (hash-count). Rebuild or reinstall the package.")
    if isinstance(resource.bytes, int) and resource.bytes != path.stat().st_size:
        raise PackageError(
            f"{path}: the data file has {path.stat().st_size} bytes, the descriptor says "
            f"{resource.bytes} (byte-count). Rebuild or reinstall the package."
        )
    if path.suffix == ".parquet":
        return pl.scan_parquet(path).cast(schema)
    separator = resource.dialect.get("delimiter", ",")
    return pl.scan_csv(path, schema=schema, separator=separator)


def _parsed(resource: Resource, parse: Callable[[bytes], pl.DataFrame]) -> pl.DataFrame:
    """`parse` of the resource's verified bytes (integrity.read_verified); PackageError,
    not a polars error, when they do not parse."""
    data = read_verified(resource)
    try:
        return parse(data)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PackageError(
            f"{resource.path}: cannot be read as {resource.path.suffix.lstrip('.') or 'data'} "
            f"({first}). Rebuild or reinstall the package."
        ) from None
