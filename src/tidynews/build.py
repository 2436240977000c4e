"""Run the pipeline: seeds -> documents -> segments -> tables -> validated package."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tidynews.errors import PackageError, SeedError
from tidynews.extract import Extraction, extract
from tidynews.ingest import discover_seeds, read_seed
from tidynews.package import staging
from tidynews.schemas import TABLES, schema_dir
from tidynews.segment import segment
from tidynews.tables import DocumentRows, TableBuilder, document_rows

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIRST_VERSION = "0.1.0"
_METADATA_KEYS = (
    "name",
    "title",
    "description",
    "homepage",
    "keywords",
    "licenses",
    "contributors",
)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """Where the package went, how many rows each table got, and the seeds left out
    (with `skip_invalid`) as (file, reason)."""

    descriptor: Path
    documents: int
    rows: dict[str, int]
    skipped: tuple[tuple[str, str], ...] = ()


def process_document(path: Path) -> Extraction:
    """Everything done for one seed: a pure function of the file, so builds parallelise."""
    document = read_seed(path)
    return extract(document, segment(document))


def _rows_or_reason(path: Path) -> DocumentRows | SeedError:
    """One seed's rows, or its error when it cannot be read (kept for skip_invalid).

    This, not process_document, is what a build worker runs: rows as plain tuples
    travel back to the parent ten times cheaper than the Extraction's objects."""
    try:
        return document_rows(process_document(path))
    except SeedError as exc:
        return exc


def build(
    seeds_dir: str | Path = "seeds",
    out: str | Path = ".",
    jobs: int = 1,
    on_document: Callable[[Path], None] | None = None,
    skip_invalid: bool = False,
) -> BuildResult:
    """Build the package from `seeds_dir` into `out` (datapackage.json + data/).

    Raises SeedError for an unreadable seed (unless `skip_invalid`, which builds the
    rest and lists what it left out) and ValidationError for an invalid result;
    either way the package already in `out` is left as it was.

    >>> build("seeds", ".")  # doctest: +SKIP
    BuildResult(descriptor=PosixPath('datapackage.json'), documents=1, rows={...})
    """
    seeds_dir = Path(seeds_dir)
    paths = discover_seeds(seeds_dir)
    skipped: list[tuple[str, str]] = []

    def documents() -> Iterator[DocumentRows]:
        for path, outcome in _outcomes(paths, jobs):
            if on_document:
                on_document(path)
            if isinstance(outcome, SeedError):
                if not skip_invalid:
                    raise outcome
                skipped.append((f"{path.parent.name}/{path.name}", str(outcome)))
            else:
                yield outcome

    result = publish(documents(), out)
    return dataclasses.replace(result, skipped=tuple(skipped))


def publish(documents: Iterable[Extraction | DocumentRows], out: str | Path) -> BuildResult:
    """Turn extractions (from process_document, in discover_seeds() order) into tables,
    validate them and swap the package into `out`.

    Each document's rows go to the files as it arrives (a batch of documents at a
    time), so a generator streams a corpus through without holding it; any scheduler
    that maps process_document over discover_seeds() in order (a process pool, Dask,
    Spark) can feed this. See the README's Dask example.
    """
    out = Path(out)
    sources: list[dict] = []
    with staging(out) as staged:
        tables = TableBuilder(staged.files.write)
        for document in documents:
            if isinstance(document, Extraction):
                document = document_rows(document)
            tables.add(document)
            sources.append(document.source)
        tables.finish()
        metadata = package_metadata(out)
        metadata["sources"] = sources
        descriptor = staged.publish(metadata)
    return BuildResult(descriptor, len(sources), {t: tables.row_counts[t] for t in TABLES})


def _outcomes(paths: list[Path], jobs: int) -> Iterator[tuple[Path, DocumentRows | SeedError]]:
    """(seed, its rows or its error), in seed order.

    With jobs > 1 the documents go to worker processes, each loading the gazetteer
    and spaCy once; results come back in seed order, so the output is the same."""
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from zip(paths, pool.map(_rows_or_reason, paths, chunksize=8), strict=True)
    else:
        for path in paths:
            yield path, _rows_or_reason(path)


def package_metadata(out: Path) -> dict:
    """Name, title, licenses... from `[tool.tidynews.package]`; version from the package in `out`.

    The version is only ever changed by a release, so a rebuild keeps it.
    """
    metadata = _pyproject_metadata()
    existing = out / "datapackage.json"
    version = FIRST_VERSION
    if existing.is_file():
        try:
            version = json.loads(existing.read_text(encoding="utf-8")).get("version", FIRST_VERSION)
        except (json.JSONDecodeError, UnicodeDecodeError):
            version = FIRST_VERSION  # the build replaces the broken descriptor
    return {"name": metadata["name"], "title": metadata.get("title"), "version": version} | {
        k: metadata[k] for k in _METADATA_KEYS if k in metadata and k not in ("name", "title")
    }


def _pyproject_metadata() -> dict:
    root = schema_dir().parent
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        metadata = config.get("tool", {}).get("tidynews", {}).get("package")
        if metadata:
            return metadata
    installed = root / "datapackage.json"  # an installed wheel: reuse its published metadata
    if installed.is_file():
        published = json.loads(installed.read_text(encoding="utf-8"))
        return {k: published[k] for k in _METADATA_KEYS if k in published}
    raise PackageError("no [tool.tidynews.package] metadata found. Run from the tidynews project.")
