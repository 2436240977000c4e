"""Run the pipeline: seeds -> documents -> segments -> tables -> validated package."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tidynews.errors import PackageError, SeedError
from tidynews.extract import Extraction, extract
from tidynews.ingest import Document, discover_seeds, read_seed
from tidynews.package import write_package
from tidynews.schemas import schema_dir
from tidynews.segment import segment
from tidynews.tables import build_tables

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


def _process_or_reason(path: Path) -> Extraction | SeedError:
    """Like process_document, but a bad seed comes back as its error (for skip_invalid)."""
    try:
        return process_document(path)
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
    seeds_dir, out = Path(seeds_dir), Path(out)
    paths = discover_seeds(seeds_dir)
    results: list[Extraction] = []
    skipped: list[tuple[str, str]] = []
    work = _process_or_reason if skip_invalid else process_document
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            outcomes = zip(paths, pool.map(work, paths, chunksize=8), strict=True)
            for path, outcome in outcomes:
                _keep(path, outcome, results, skipped)
                if on_document:
                    on_document(path)
    else:
        for path in paths:
            _keep(path, work(path), results, skipped)
            if on_document:
                on_document(path)
    tables = build_tables(results)
    metadata = package_metadata(out)
    metadata["sources"] = [_source(result.document) for result in results]
    descriptor = write_package(tables, out, metadata)
    return BuildResult(
        descriptor,
        len(results),
        {name: frame.height for name, frame in tables.items()},
        tuple(skipped),
    )


def _keep(
    path: Path,
    outcome: Extraction | SeedError,
    results: list[Extraction],
    skipped: list[tuple[str, str]],
) -> None:
    if isinstance(outcome, SeedError):
        skipped.append((f"{path.parent.name}/{path.name}", str(outcome)))
    else:
        results.append(outcome)


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


def _source(document: Document) -> dict:
    source = {"title": document.source_file}
    if "url" in document.metadata:
        source["path"] = document.metadata["url"]
    return source
