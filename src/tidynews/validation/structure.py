"""A CSV file's shape: its header labels and the records whose cell count is wrong.

polars pads a short record with empty cells and cuts a long one, so it cannot say
which records were ragged. pyarrow's CSV parser, run on one column, reports each
record whose cell count differs from the header's, with its number.
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from tidynews.errors import Issue
from tidynews.validation.integrity import open_regular


@dataclass(frozen=True, slots=True)
class Dialect:
    """The CSV dialect options tidynews honours, with frictionless' defaults."""

    delimiter: str = ","
    quote_char: str = '"'
    header: bool = True
    skip_initial_space: bool = False  # only a copy's reader honours it (write_lf_copy)
    header_row: int = 1  # the record holding the header; the records before it are skipped
    header_rows: tuple[int, ...] = (1,)  # several: joined in a copy (write_lf_copy)
    header_join: str = " "
    comment_char: str | None = None  # only a copy's reader honours these (write_lf_copy)
    escape_char: str | None = None
    double_quote: bool = True
    comment_rows: frozenset[int] = frozenset()

    @classmethod
    def from_descriptor(cls, dialect: dict) -> Dialect:
        return cls(
            delimiter=dialect.get("delimiter", ","),
            quote_char=dialect.get("quoteChar", '"'),
            header=dialect.get("header", True),
            skip_initial_space=dialect.get("skipInitialSpace", False) is True,
            header_row=dialect.get("headerRows", [1])[0],
            header_rows=tuple(dialect.get("headerRows", [1])),
            header_join=dialect.get("headerJoin", " "),
            comment_char=dialect.get("commentChar") or None,
            escape_char=dialect.get("escapeChar") or None,
            double_quote=dialect.get("doubleQuote", True) is not False,
            comment_rows=frozenset(dialect.get("commentRows", ())),
        )

    @property
    def renumbered(self) -> bool:
        """Whether a copy leaves rows out (comment rows, several header rows): its rows are
        then renumbered as the file's (write_lf_copy)."""
        return bool(self.comment_char or self.comment_rows or len(self.header_rows) > 1)

    def comment(self, row: int, record: list[str]) -> bool:
        """Whether frictionless skips this record as a comment (create_comment_filter)."""
        if self.comment_char and record and record[0].startswith(self.comment_char):
            return True
        return row in self.comment_rows

    @property
    def first_row(self) -> int:
        """The row number of the first data record (frictionless counts the header)."""
        return self.header_row + 1 if self.header else 1

    @property
    def skipped(self) -> int:
        """The records before the first data record: the header and any before it."""
        return self.header_row if self.header else 0


def read_labels(path: Path, dialect: Dialect) -> list[str] | None:
    """The header's labels (None without a header), stripped of surrounding white space
    as frictionless reads them; raises OSError/UnicodeError/csv.Error."""
    if not dialect.header:
        return None
    csv.field_size_limit(sys.maxsize)  # a label may be long too
    with io.TextIOWrapper(open_regular(path), encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file, delimiter=dialect.delimiter, quotechar=dialect.quote_char)
        for _ in range(dialect.header_row - 1):
            next(reader, [])
        return [label.strip() for label in next(reader, [])]


# The lines frictionless sniffs a CSV dialect from (formats/csv/parser.py SAMPLE_SIZE)
SNIFF_LINES = 100


def sniffed(path: Path, encoding: str, dialect: dict) -> dict:
    """The dialect options frictionless guesses where the descriptor sets none: its CSV
    parser runs csv.Sniffer over the first SNIFF_LINES lines (delimiter among ",\t;|";
    a quote of "'" is taken as '"'). Only the options the descriptor leaves out."""
    wanted = {"delimiter", "quoteChar", "skipInitialSpace"} - dialect.keys()
    if not wanted:
        return {}
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    with io.TextIOWrapper(open_regular(path), encoding=codec, newline="") as file:
        sample = "".join(line for line, _ in zip(file, range(SNIFF_LINES), strict=False))
    try:
        found = csv.Sniffer().sniff(sample, ",\t;|")
    except csv.Error:
        return {}  # frictionless reads on with the excel dialect: the defaults
    guessed = {
        "delimiter": found.delimiter,
        "quoteChar": '"' if found.quotechar == "'" else found.quotechar,
        "skipInitialSpace": bool(found.skipinitialspace),
    }
    defaults = {"delimiter": ",", "quoteChar": '"', "skipInitialSpace": False}
    return {k: guessed[k] for k in wanted if guessed[k] != defaults[k]}


# The records frictionless guesses the header row from (Detector.sample_size)
HEADER_SAMPLE = 100


def guessed_header_row(path: Path, dialect: Dialect) -> int:
    """The row frictionless takes the header from when the dialect sets neither
    `header` nor `headerRows` (Detector.detect_dialect): the first of the first
    HEADER_SAMPLE records whose width is within 10% of their mean width, else row 1.
    So comment lines above a header are skipped. `path` is UTF-8 (a parsed copy or
    the original). Raises OSError/UnicodeError/csv.Error."""
    csv.field_size_limit(sys.maxsize)
    with io.TextIOWrapper(open_regular(path), encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file, delimiter=dialect.delimiter, quotechar=dialect.quote_char)
        widths = [len(record) for record, _ in zip(reader, range(HEADER_SAMPLE), strict=False)]
    if not widths:
        return 1
    width = round(sum(widths) / len(widths))
    drift = max(round(width * 0.1), 1)
    for row, cells in enumerate(widths, start=1):
        if width - drift <= cells <= width + drift:
            return row
    return 1


# What frictionless reads to guess a file's encoding (settings.DEFAULT_BUFFER_SIZE)
ENCODING_SAMPLE = 100_000


def detected_encoding(path: Path) -> str:
    """The codec frictionless reads a file in when its descriptor declares none: UTF-8
    when the file's first ENCODING_SAMPLE bytes are, else frictionless' own guess
    from them (chardet), which is then read here too."""
    with open_regular(path) as file:
        sample = file.read(ENCODING_SAMPLE)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        from frictionless import Detector  # off the start-up path: rare files only

        return Detector().detect_encoding(sample)
    return "utf-8"


def countable(path: Path, dialect: Dialect) -> bool:
    """Whether delimiters_after_header can stand for the data records' cells: one
    header line with no quote character in it (so the header record is that line),
    or no header; no records skipped above it; a one-byte delimiter."""
    delimiter = dialect.delimiter
    if len(delimiter) != 1 or not delimiter.isascii() or delimiter in "\r\n":
        return False
    if not dialect.header:
        return True
    if dialect.header_row != 1 or len(dialect.header_rows) != 1:
        return False
    with open_regular(path) as file:
        first = file.readline(_LINE_LIMIT)
    ended = first.endswith(b"\n") or len(first) < _LINE_LIMIT
    return ended and dialect.quote_char.encode() not in first


_LINE_LIMIT = 1 << 20


def delimiters_after_header(path: Path, dialect: Dialect) -> int:
    """The delimiter bytes of the file after its header line (countable() first).

    Every one is a cell's own character or ends a cell, so when the parse pads no
    record, they number the parsed cells' own delimiters plus (width - 1) per record;
    a record the parse padded leaves fewer."""
    count, buffer, byte = 0, bytearray(1 << 20), dialect.delimiter.encode()
    with open_regular(path) as file:
        if dialect.header:
            file.readline(_LINE_LIMIT)
        while size := file.readinto(buffer):
            count += buffer.count(byte, 0, size)
    return count


_BARE_CR = re.compile(rb"\r(?!\n)")


def has_bare_cr(path: Path) -> bool:
    """Whether a CR in the file is not followed by LF: a record that ends there for
    Python's csv module (frictionless' reader) and pyarrow, but not for polars. A
    memchr over the file when it has no CR at all, the usual case."""
    with open_regular(path) as file:
        if not file.seek(0, 2):
            return False
        with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"\r") != -1 and _BARE_CR.search(data) is not None


def write_lf_copy(
    source: Path, target: Path, dialect: Dialect, encoding: str = "utf-8"
) -> list[int] | None:
    """Write `source`'s records to `target`, in UTF-8, as Python's csv module reads
    them (a bare CR ends a record, as in frictionless; `skipInitialSpace` honoured),
    each ended with LF. The file is decoded from `encoding` as it streams, never
    whole. A cell is quoted only when it holds the delimiter, the quote character or
    a line break (csv.writer would leave a CR bare), so an empty cell stays empty: a
    missing value. UnicodeDecodeError when the file is not in `encoding`.

    With comment rows (commentChar, commentRows), those rows and the records before
    the header are left out, and the copy's row n is the original's rows[n - 1]: the
    list returned (None without them)."""
    csv.field_size_limit(sys.maxsize)
    delimiter, quote = dialect.delimiter, dialect.quote_char
    special = re.compile("[" + re.escape(delimiter + quote) + "\r\n]")

    def cell(value: str) -> str:
        if special.search(value) is None:
            return value
        return quote + value.replace(quote, quote + quote) + quote

    with (
        io.TextIOWrapper(
            open_regular(source),
            encoding="utf-8-sig" if encoding == "utf-8" else encoding,
            newline="",
        ) as file,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        skip = dialect.skip_initial_space
        escape = dialect.escape_char  # frictionless: doubleQuote counts only with one
        reader = csv.reader(
            file,
            delimiter=delimiter,
            quotechar=quote,
            skipinitialspace=skip,
            escapechar=escape,
            doublequote=dialect.double_quote if escape else True,
        )
        if not dialect.renumbered:
            for record in reader:
                out.write(delimiter.join(map(cell, record)) + "\n")
            return None
        rows = []
        header = dialect.header_rows if dialect.header else ()
        labels: list[str] = []
        last: dict[int, str] = {}  # frictionless joins a column's label cells, not repeats
        for number, record in enumerate(reader, start=1):
            if dialect.comment(number, record):
                continue
            if number in header:
                for index, label in enumerate(label.strip() for label in record):
                    if last.get(index) != label:
                        last[index] = label
                        if index < len(labels):
                            labels[index] += dialect.header_join + label
                        else:
                            labels.append(label)
                if number == header[-1]:
                    rows.append(header[0])  # frictionless' header rowNumbers start there
                    out.write(delimiter.join(map(cell, labels)) + "\n")
                continue
            if header and number <= header[-1]:
                continue
            rows.append(number)
            out.write(delimiter.join(map(cell, record)) + "\n")
        return rows


def label_issues(table: str, labels: list[str], names: list[str], row: int = 1) -> list[Issue]:
    """Header errors as frictionless finds them, pairing labels and fields by position;
    on the header's row (frictionless puts them on no row, with rowNumbers [row])."""
    issues = []
    for number, label in enumerate(labels[len(names) :], start=len(names) + 1):
        issues.append(
            Issue(
                "extra-label", table, row, None, label, f"extra label {label!r} in column {number}"
            )
        )
    for name in names[len(labels) :]:
        issues.append(
            Issue("missing-label", table, row, name, None, f"no column for field {name!r}")
        )
    seen: set[str] = set()
    for number, (label, name) in enumerate(zip(labels, names, strict=False), start=1):
        repeated = label in seen
        seen.add(label)
        if not label:
            issues.append(
                Issue("blank-label", table, row, name, "", f"column {number} has no label")
            )
        elif repeated:
            issues.append(
                Issue(
                    "duplicate-label",
                    table,
                    row,
                    name,
                    label,
                    f"label {label!r} of column {number} repeats an earlier one",
                )
            )
        elif label != name:
            issues.append(
                Issue(
                    "incorrect-label",
                    table,
                    row,
                    name,
                    label,
                    f"column {number} is {label!r}, the schema says {name!r}",
                )
            )
    return issues


def ragged_records(path: Path, dialect: Dialect, width: int) -> pl.DataFrame:
    """(row, cells) for each data record that does not have `width` cells, counted by
    pyarrow's CSV parser, which reports such records (polars pads or cuts them).

    Rows count as frictionless counts them: the header is row 1, and a record
    spanning lines is one row. Blank lines are not reported here: they read as
    rows of empty cells, which the validator finds blank. csv.Error when the file
    cannot be parsed."""
    ragged: list[tuple[int, int]] = []

    def note(record) -> str:
        ragged.append((record.number, record.actual_columns))
        return "skip"

    # pyarrow needs a whole record within one block: blocks of 1 MB (it reads blocks
    # ahead, so larger ones cost memory), and if a record is larger still (one cell
    # may hold a whole document), one block for the file
    import pyarrow as pa  # here, not at the top: off the start-up path of validate

    for block in (1 << 20, path.stat().st_size + 1):
        ragged.clear()
        try:
            _count_cells(path, dialect, width, note, max(block, 1 << 20))
        except pa.ArrowInvalid as exc:
            if "straddl" not in str(exc) or block > path.stat().st_size:
                raise csv.Error(str(exc).splitlines()[0]) from None
            continue
        break
    if dialect.header:  # the header is parsed as a record too (see _count_cells)
        ragged = [(row, cells) for row, cells in ragged if row > dialect.header_row]
    return pl.DataFrame(
        ragged,  # pyarrow numbers records as frictionless does, header included
        schema={"row": pl.Int64, "cells": pl.Int64},
        orient="row",
    )


def _count_cells(path: Path, dialect: Dialect, width: int, note, block: int) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(width)]
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(
            use_threads=False,  # so each reported record carries its number
            block_size=block,
            # the header is read as a record, not skipped: pyarrow fails to skip a
            # header that ends the file without a line end
            column_names=names,
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=dialect.delimiter,
            quote_char=dialect.quote_char or False,
            double_quote=True,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=note,
        ),
        convert_options=pacsv.ConvertOptions(
            include_columns=names[:1], column_types={names[0]: pa.binary()}
        ),
    )
    for _ in reader:  # batches of the first column only: the handler does the work
        pass
