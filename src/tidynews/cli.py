"""The `tidynews` command: a thin layer that parses options, calls the library and prints."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from tidynews.errors import MissingExtraError, PackageError, TidynewsError
from tidynews.process import collection_held_off, exit_now, return_freed_memory

# Each command imports the library it runs when it runs: `tidynews validate` in CI
# should not pay for loading the build's extractors.


class UnusableInput(click.ClickException):
    """Unusable input (a missing or unreadable descriptor): exit 2, like a usage error."""

    exit_code = 2


class InternalError(click.ClickException):
    """A bug in tidynews: exit 70 (sysexits' EX_SOFTWARE), never 1 ("invalid")."""

    exit_code = 70


format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Human-readable text or JSON for machines.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tidynews")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn raw web news into a tidy, validated, versioned Frictionless Data Package."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("seeds_dir", default="seeds", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--out",
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for datapackage.json and data/.",
    show_default=True,
)
@click.option(
    "--jobs",
    default=1,
    type=click.IntRange(min=1),
    show_default=True,
    help="Worker processes for extraction.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Build from the readable seeds and list every seed left out, with its reason.",
)
@click.pass_context
def build(ctx: click.Context, seeds_dir: Path, out: Path, jobs: int, skip_invalid: bool) -> None:
    """Build the package from SEEDS_DIR, validate it, and swap it into OUT.

    A bad seed (unless --skip-invalid) or an invalid result leaves the package
    already in OUT untouched.

    \b
    Example:
        tidynews build seeds --out .
    """
    return_freed_memory()
    with _errors(ctx), collection_held_off():  # a missing extra is a one-line error too
        from tidynews import build as build_package

        total = len(list(seeds_dir.glob("*.txt"))) if seeds_dir.is_dir() else 0
        if sys.stderr.isatty() and total > 1:
            with click.progressbar(length=total, label="Extracting", file=sys.stderr) as bar:
                result = build_package(
                    seeds_dir,
                    out,
                    jobs=jobs,
                    on_document=lambda _: bar.update(1),
                    skip_invalid=skip_invalid,
                )
        else:
            result = build_package(seeds_dir, out, jobs=jobs, skip_invalid=skip_invalid)
    if result.workers < jobs:
        click.echo(
            f"note: --jobs {jobs} ran {result.workers} workers: more than the cores and "
            "free memory allow would only add memory.",
            err=True,
        )
    for _, reason in result.skipped:
        click.echo(f"skipped: {reason}", err=True)
    for file, advice in result.unread:
        click.echo(f"warning: {file}: not read: {advice}.", err=True)
    if result.documents == 0:
        click.echo(f"warning: {seeds_dir} has no *.txt documents; every table is empty.", err=True)
    counts = ", ".join(f"{table} {n}" for table, n in result.rows.items())
    noun = "document" if result.documents == 1 else "documents"
    click.echo(f"Built {result.descriptor} from {result.documents} {noun}: {counts}.")


@cli.command()
@click.argument("descriptor", default="datapackage.json", type=click.Path(path_type=Path))
@click.pass_context
def card(ctx: click.Context, descriptor: Path) -> None:
    """Write the dataset card (DATASET.md) and CITATION.cff beside the package.

    `build` and `release` do this too; run it after editing the README's scores.

    \b
    Example:
        tidynews card datapackage.json
    """
    with _errors(ctx):
        from tidynews import card as write_card

        written = write_card(descriptor)
    click.echo("Wrote " + " and ".join(str(p) for p in written) + ".")


@cli.command()
@click.argument("descriptor", type=click.Path(path_type=Path))
@click.option(
    "--to",
    "to",
    required=True,
    type=click.Choice(["sqlite", "duckdb", "parquet"]),
    help="sqlite or duckdb: one database with the keys as constraints; parquet: a folder.",
)
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def export(ctx: click.Context, descriptor: Path, to: str, path: Path) -> None:
    """Export the package at DESCRIPTOR to PATH as a SQLite or DuckDB database, or Parquet.

    \b
    Example:
        tidynews export datapackage.json --to sqlite tidynews.db
        datasette tidynews.db
    """
    with _errors(ctx):
        from tidynews import export as export_package

        written = export_package(descriptor, to, path)
    click.echo(f"Wrote {written} ({to}).")


@cli.command()
@click.argument("descriptor", default="datapackage.json", type=click.Path(path_type=Path))
@click.option("--out", default="report.html", show_default=True, type=click.Path(path_type=Path))
@click.pass_context
def report(ctx: click.Context, descriptor: Path, out: Path) -> None:
    """Write one self-contained HTML page: a map of the places, charts, and every
    document with its claims, places and figures marked (hover for the row).

    \b
    Example:
        tidynews report datapackage.json --out report.html
    """
    with _errors(ctx):
        from tidynews import report as write_report

        written = write_report(descriptor, out)
    click.echo(f"Wrote {written}.")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    default="seeds",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The seeds folder to write <id>.txt and <id>.json into.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Ingest the readable pages and list every page left out, with its reason.",
)
@click.option("--replace", is_flag=True, help="Overwrite a seed whose page has changed.")
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[Path, ...], out: Path, skip_invalid: bool, replace: bool
) -> None:
    """Turn saved web pages (.html, .htm, a folder of them) and web archives
    (.warc, .warc.gz) into seeds: article paragraphs, reader comments, a sidecar.

    The same page again changes nothing; a changed page under an existing id is
    refused unless --replace. A refused page leaves OUT as it was.

    \b
    Example:
        tidynews ingest saved-pages/ crawl.warc.gz --out seeds
    """
    with _errors(ctx):  # a missing extra is a one-line error too
        from tidynews import ingest as ingest_pages

        with _PageBar() as bar:
            result = ingest_pages(
                list(paths), out, replace=replace, skip_invalid=skip_invalid, on_page=bar.update
            )
    for _, reason in result.skipped:
        click.echo(f"skipped: {reason}", err=True)
    counts = (
        f"{len(result.written)} new, {len(result.replaced)} replaced, "
        f"{len(result.unchanged)} unchanged"
    )
    click.echo(f"Ingested into {out}: {counts}, {len(result.skipped)} skipped.")


class _PageBar:
    """A progress bar on stderr, by bytes of input read, when stderr is a terminal
    and there are many pages: opened at the second page (a WARC's count is unknown)."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.pages = 0

    def __enter__(self) -> _PageBar:
        return self

    def update(self, done: int, total: int) -> None:
        self.pages += 1
        if self.bar is None and self.pages == 2 and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label="Ingesting", file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@cli.command()
@click.argument("out", default=".", type=click.Path(path_type=Path, file_okay=False))
@click.pass_context
def recover(ctx: click.Context, out: Path) -> None:
    """Finish the swap of a build that was killed while publishing into OUT.

    Any build does this first; run it by hand when `validate` or `load` says so.
    """
    with _errors(ctx):  # a missing extra is a one-line error too
        from tidynews import recover as recover_package

        rolled = recover_package(out)
    click.echo(f"{out}: " + ("finished the interrupted swap." if rolled else "nothing to recover."))


@cli.command()
@click.argument("descriptor", default="datapackage.json", type=click.Path(path_type=Path))
@format_option
@click.option(
    "--low-memory",
    is_flag=True,
    help="Smaller batches and one table at a time: less memory, slower; same verdicts.",
)
@click.pass_context
def validate(ctx: click.Context, descriptor: Path, output_format: str, low_memory: bool) -> None:
    """Validate a data package: schema constraints, keys and tidynews' cross-table rules.

    Exit 0 when valid, 1 when invalid, 2 when the descriptor is unusable.

    \b
    Example:
        tidynews validate datapackage.json --format json
    """
    with _errors(ctx):  # a missing extra is a one-line error too
        from tidynews import validate as validate_package

        report = validate_package(descriptor, low_memory=low_memory)
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        n = len(report.errors)
        verdict = f"{descriptor}: valid" if report.valid else f"{descriptor}: invalid, {n} errors"
        # one write: click.echo flushes on every call, and a package may have 20,000 warnings
        click.echo("\n".join([*(f"{issue.severity}: {issue}" for issue in report.issues), verdict]))
    ctx.exit(0 if report.valid else 1)


@cli.command()
@click.argument("descriptor", default="datapackage.json", type=click.Path(path_type=Path))
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of gold annotation files (GUIDELINES.md format).",
)
@format_option
@click.pass_context
def evaluate(ctx: click.Context, descriptor: Path, gold_dir: Path, output_format: str) -> None:
    """Score the built tables against gold annotations: P/R/F1, strict scores, attribute accuracy.

    \b
    Example:
        tidynews evaluate datapackage.json --gold ../shared/gold
    """
    with _errors(ctx):  # a missing extra is a one-line error too
        from tidynews import evaluate as evaluate_package

        result = evaluate_package(descriptor, gold_dir)
    _emit(result, output_format)


def _emit(result, output_format: str) -> None:
    """Print a result with to_dict() and format_text() as JSON or as text."""
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.format_text())


class _errors:
    """Turn TidynewsError into a one-line error (exit 1, or 2 for unusable input)."""

    def __init__(self, ctx: click.Context):
        self.debug = ctx.obj.get("debug", False) if ctx.obj else False

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None or self.debug or not isinstance(exc, Exception):
            return False
        if isinstance(exc, click.ClickException | click.exceptions.Exit | click.Abort):
            return False  # already a message and an exit code for the user
        if isinstance(exc, PackageError | MissingExtraError):  # never "invalid": exit 2
            raise UnusableInput(str(exc))
        if isinstance(exc, TidynewsError):
            raise click.ClickException(str(exc))
        # a bug: one line, and an exit code that no one reads as "invalid data"
        raise InternalError(
            f"internal error: {type(exc).__name__}: {exc}. Please report this bug; "
            "run with `tidynews --debug ...` for the traceback."
        )


@cli.command()
@click.argument("old")
@click.argument("new", default="datapackage.json")
@format_option
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, output_format: str) -> None:
    """Compare two package versions: rows by primary key, schemas field by field.

    OLD and NEW are each a datapackage.json, its folder, a tidynews wheel or a git ref.

    \b
    Example:
        tidynews diff v0.1.0 datapackage.json
    """
    with _errors(ctx):  # a missing extra is a one-line error too
        from tidynews import diff as diff_packages

        result = diff_packages(old, new)
    _emit(result, output_format)


@cli.command()
@click.option("--seeds", "seeds_dir", default="seeds", type=click.Path(path_type=Path))
@click.option("--base", default="HEAD", show_default=True, help="The release to compare with.")
@click.option("--dry-run", is_flag=True, help="Say what the release would be; change nothing.")
@click.option("--no-tag", is_flag=True, help="Write the release's files only: no commit, no tag.")
@click.pass_context
def release(ctx: click.Context, seeds_dir: Path, base: str, dry_run: bool, no_tag: bool) -> None:
    """Build, validate, diff against BASE, bump the version and prepend CHANGELOG.md.

    In a git repository the release is then committed and tagged v<version>;
    push both with `git push --follow-tags`. Refuses when the build is invalid,
    nothing changed or the tag exists.

    \b
    Example:
        tidynews release --dry-run
    """
    with _errors(ctx):  # a missing extra is a one-line error too
        from tidynews import release as release_package

        result = release_package(seeds_dir, ".", base=base, dry_run=dry_run, tag=not no_tag)
    verb = "would release" if dry_run else "released"
    click.echo(f"{verb} {result.new_version} ({result.level}, was {result.old_version}):")
    for reason in result.reasons:
        click.echo(f"  {reason}")
    if result.tag:
        done = "would commit and tag" if dry_run else "committed and tagged"
        click.echo(f"{done} {result.tag}; publish with `git push --follow-tags`.")


def main() -> None:
    """The `tidynews` command; it ends without the interpreter's teardown (see process)."""
    try:
        cli(prog_name="tidynews")
    except SystemExit as done:  # click ends every run with one
        exit_now(done.code)
    exit_now(0)
