"""Run the pipeline: seeds -> documents -> segments -> tables -> validated package."""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import gc
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tidynews.dataset.card import card
from tidynews.dataset.publish import staging, swap_in_progress
from tidynews.dataset.schemas import TABLES, schema_dir
from tidynews.dataset.tables import DocumentRows, TableBuilder, document_rows
from tidynews.errors import ExtractError, PackageError, PublishError, SeedError, TidynewsError
from tidynews.pipeline.extract import Extraction, extract
from tidynews.pipeline.ingest import discover_seeds, read_seed, unread_files
from tidynews.pipeline.segment import segment
from tidynews.process import hold_off_collection, settle_collection

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
    """Where the package went, how many rows each table got, the seeds left out
    (with `skip_invalid`) as (file, reason), and the other files of the seeds
    folder as (file, what to do with it)."""

    descriptor: Path
    documents: int
    rows: dict[str, int]
    skipped: tuple[tuple[str, str], ...] = ()
    unread: tuple[tuple[str, str], ...] = ()  # files in seeds_dir that are not seeds
    workers: int = 1  # extraction processes run: `jobs`, within cores and free memory


def process_document(path: Path) -> Extraction:
    """Everything done for one seed: a pure function of the file, so builds parallelise.

    Raises SeedError for a seed that cannot be read, and its ExtractError when an
    extractor fails on it."""
    document = read_seed(path)
    try:
        segmentation = segment(document)
    except Exception as exc:  # a bug in segmentation: keep it to this document
        raise ExtractError(document.source_file, "segment", None, _cause(exc)) from exc
    return extract(document, segmentation)


def _rows_or_reason(path: Path) -> DocumentRows | SeedError:
    """One seed's rows, or its error (kept for skip_invalid): a seed that cannot be
    read, or any failure while extracting it, never the whole build's.

    This, not process_document, is what a build worker runs: rows as plain tuples
    travel back to the parent ten times cheaper than the Extraction's objects."""
    try:
        return document_rows(process_document(path))
    except SeedError as exc:
        return exc
    except Exception as exc:  # a bug past the stages' own guards, e.g. making rows
        return ExtractError(f"{path.parent.name}/{path.name}", "tables", None, _cause(exc))
    finally:
        settle_collection()  # spaCy and the gazetteer are loaded now


def _cause(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip()


def build(
    seeds_dir: str | Path = "seeds",
    out: str | Path = ".",
    jobs: int = 1,
    on_document: Callable[[Path], None] | None = None,
    skip_invalid: bool = False,
) -> BuildResult:
    """Build the package from `seeds_dir` into `out` (datapackage.json + data/, and its
    card: DATASET.md and CITATION.cff).

    Raises SeedError for an unreadable seed (unless `skip_invalid`, which builds the
    rest and lists what it left out) and ValidationError for an invalid result;
    either way the package already in `out` is left as it was. A file system that
    refuses the writes raises PublishError, which says what became of that package.

    >>> build("seeds", ".")  # doctest: +SKIP
    BuildResult(descriptor=PosixPath('datapackage.json'), documents=1, rows={...})
    """
    seeds_dir = Path(seeds_dir)
    paths = discover_seeds(seeds_dir)
    skipped: list[tuple[str, str]] = []

    def documents() -> Iterator[DocumentRows]:
        for path, outcome in _outcomes(paths, jobs):
            settle_collection()  # the parent's start-up is over too (with --jobs > 1)
            if on_document:
                on_document(path)
            if isinstance(outcome, SeedError):
                if not skip_invalid:
                    raise outcome
                skipped.append((f"{path.parent.name}/{path.name}", str(outcome)))
            else:
                yield outcome

    def refuse_if_all_skipped() -> None:
        if skipped and len(skipped) == len(paths):
            raise SeedError(
                f"{seeds_dir}: no valid documents ({len(skipped)} skipped, the first "
                f"because {skipped[0][1]}); the package was left as it was."
            )

    try:
        result = publish(documents(), out, before_publish=refuse_if_all_skipped)
        card(result.descriptor)  # the dataset card follows the package
    except OSError as exc:
        raise _publish_error(Path(out), exc) from exc
    return dataclasses.replace(
        result,
        skipped=tuple(skipped),
        unread=tuple(unread_files(seeds_dir)),
        workers=worker_count(jobs),
    )


def _publish_error(out: Path, exc: OSError) -> PublishError:
    """A write the file system refused (read-only, full), and the old package's fate."""
    where = f" ({exc.filename})" if exc.filename else ""
    if out.is_dir() and swap_in_progress(out):
        fate = f"the swap was interrupted: run `tidynews recover {out}` once it is fixed"
    else:
        fate = "the package already there was kept as it was"
    return PublishError(
        f"{out}: cannot write the new package: {exc.strerror or exc}{where}; {fate}."
    )


def publish(
    documents: Iterable[Extraction | DocumentRows],
    out: str | Path,
    before_publish: Callable[[], None] | None = None,
) -> BuildResult:
    """Turn extractions (from process_document, in discover_seeds() order) into tables,
    validate them and swap the package into `out`.

    Each document's rows go to the files as it arrives (a batch of documents at a
    time), so a generator streams a corpus through without holding it; any scheduler
    that maps process_document over discover_seeds() in order (a process pool, Dask,
    Spark) can feed this. See the README's Dask example. `before_publish` runs
    once every document is in, and may raise to keep the old package.
    """
    out = Path(out)
    sources: list[dict] = []
    with staging(out) as staged:
        tables = TableBuilder(staged.files.write)
        for document in documents:
            rows = document_rows(document) if isinstance(document, Extraction) else document
            tables.add(rows)
            sources.append(rows.source)
            del document, rows  # not kept alive through the next batch or the validation
        tables.finish()
        if before_publish:
            before_publish()
        metadata = package_metadata(out)
        metadata["sources"] = sources
        descriptor = staged.publish(metadata)
    return BuildResult(descriptor, len(sources), {t: tables.row_counts[t] for t in TABLES})


def _outcomes(paths: list[Path], jobs: int) -> Iterator[tuple[Path, DocumentRows | SeedError]]:
    """(seed, its rows or its error), in seed order.

    With jobs > 1 the documents go to worker processes, each loading the gazetteer
    and spaCy once; results come back in seed order, so the output is the same."""
    jobs = worker_count(jobs)
    with _fewer_collections():  # the parent too: rows sent back are many new objects
        if jobs > 1 and len(paths) > 1:
            _load_reference_data()
            try:
                with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker) as pool:
                    outcomes = pool.map(_rows_or_reason, paths, chunksize=8)
                    yield from zip(paths, outcomes, strict=True)
            except BrokenProcessPool:
                raise TidynewsError(
                    f"a build worker died (out of memory, or killed) with --jobs {jobs}; the "
                    "package was left as it was. Build with fewer --jobs, or --jobs 1 to find "
                    "the document."
                ) from None
        else:
            for path in paths:
                yield path, _rows_or_reason(path)


def _load_reference_data() -> None:
    """Load the gazetteer index and the unit table before the workers start: made once
    per install (about 20 s), they are then made here once, not by every worker at
    the same time, and a forked worker finds them loaded (0.01 s when cached)."""
    from tidynews.pipeline.figures.unitindex import unit_table
    from tidynews.pipeline.places.gazetteer import gazetteer

    gazetteer()
    unit_table()


# The cyclic garbage collector runs every 10,000 new objects while documents are
# extracted, not every 700: a document's tokens, spans and rows die by reference
# counting, but at 700 the collector scanned them again and again while they lived
# (LGL: 527 collections, 0.25-0.28 s CPU of a 4.5 s extraction; polnear/train 1.13 s of
# 16 s); at 10,000: 4 collections, 0.02-0.04 s, and 0.09 s.
_COLLECT_EVERY = (10_000, 10, 10)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The collector's thresholds set for extraction, then given back: a program that
    calls build() keeps its own."""
    before = gc.get_threshold()
    gc.set_threshold(*_COLLECT_EVERY)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _start_worker() -> None:
    """A build worker's set-up: it extracts documents and nothing else until it exits."""
    gc.set_threshold(*_COLLECT_EVERY)
    hold_off_collection()
    _die_with_parent()


WORKER_MEMORY = 600 << 20  # peak of one extraction worker (spaCy, gazetteer, a batch)


def worker_count(jobs: int) -> int:
    """`jobs`, capped by the cores and by the memory free for workers: more workers
    than cores only add memory (64 workers on 2 cores took 9.5 GB, not less time)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cap = max(1, cores or 1)
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        cap = min(cap, max(1, available // WORKER_MEMORY))
    except (ValueError, OSError, AttributeError):
        pass  # no sysconf (Windows): cores alone
    return max(1, min(jobs, cap))


def _die_with_parent() -> None:
    """Make a build worker exit when the build process dies, even by SIGKILL: left
    alone it would hold its memory and wait forever for work."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the watcher below does the job

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


_PR_SET_PDEATHSIG = 1


def package_metadata(out: Path) -> dict:
    """Name, title, licenses... from `[tool.tidynews.package]`; the version of the
    package already in `out`, else the project's current one.

    The version is only ever changed by a release, so a rebuild keeps it, and a
    build into a fresh folder gives the same bytes as the published package.
    """
    metadata = _pyproject_metadata()
    version = _version_of(out / "datapackage.json") or current_version()
    return {"name": metadata["name"], "title": metadata.get("title"), "version": version} | {
        k: metadata[k] for k in _METADATA_KEYS if k in metadata and k not in ("name", "title")
    }


def current_version() -> str:
    """The version of the project's published package (the repository's
    datapackage.json, or the installed one), FIRST_VERSION before any."""
    return _version_of(schema_dir().parent / "datapackage.json") or FIRST_VERSION


def _version_of(descriptor: Path) -> str | None:
    """The `version` of a descriptor; None when it is missing or unreadable (a build
    replaces a broken descriptor)."""
    try:
        version = json.loads(descriptor.read_text(encoding="utf-8")).get("version")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return None
    return version if isinstance(version, str) and version else None


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
