"""Every issue, seed and page code tidynews emits, once: what it means, how bad it is,
frictionless-py's name for it where the meaning is the same, and what to do. The
README's code tables are generated from it (readme.py); tests fail on drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tidynews.errors import Severity


@dataclass(frozen=True, slots=True)
class Code:
    """One code: `kind` issue (a validation report), seed (a build refusing a seed) or
    page (ingest refusing a web page)."""

    code: str
    kind: Literal["issue", "seed", "page"]
    severity: Severity
    frictionless: str | None  # frictionless-py's error type with the same meaning
    meaning: str
    hint: str  # what to do about it


CODES: tuple[Code, ...] = (
    Code(
        "type-error",
        "issue",
        "error",
        "type-error",
        "a cell is not of its field's type",
        "fix the cell, or the field's type if the data is right",
    ),
    Code(
        "constraint-error",
        "issue",
        "error",
        "constraint-error",
        "required, enum, pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength or maxLength broken",
        "fix the cell, or loosen the constraint if the data is right",
    ),
    Code(
        "unique-error",
        "issue",
        "error",
        "unique-error",
        "a `unique` field repeats an earlier row",
        "remove or correct the repeated row",
    ),
    Code(
        "primary-key",
        "issue",
        "error",
        "primary-key",
        "a primary key is empty (all its cells) or repeats an earlier row",
        "give every row a key, and each a different one",
    ),
    Code(
        "foreign-key",
        "issue",
        "error",
        "foreign-key",
        "a foreign key resolves to no row",
        "add the referenced row, or correct the key",
    ),
    Code(
        "package-error",
        "issue",
        "error",
        "package-error",
        "the package's descriptor is malformed: a `name` that is not lower-case letters, digits, `-_./`; `licenses`, `keywords`, `contributors` or `sources` not a list; a licence without `path` or `name`; an `email` that is no address",
        "correct the package's descriptor (see the Data Package spec)",
    ),
    Code(
        "resource-error",
        "issue",
        "error",
        "resource-error",
        'a foreign key refers to a resource the package does not have, or a resource\'s descriptor is malformed (`name` a list, `bytes: "12"`, `hash: 123`)',
        "add the referenced resource, or correct the resource's descriptor",
    ),
    Code(
        "incorrect-label",
        "issue",
        "error",
        "incorrect-label",
        "the CSV header differs from the schema",
        "make the CSV header match the schema's field names, in order",
    ),
    Code(
        "missing-label",
        "issue",
        "error",
        "missing-label",
        "the CSV header differs from the schema",
        "add the missing column, or remove the field from the schema",
    ),
    Code(
        "extra-label",
        "issue",
        "error",
        "extra-label",
        "the CSV header differs from the schema",
        "describe the column in the schema, or remove it",
    ),
    Code(
        "blank-label",
        "issue",
        "error",
        "blank-label",
        "the CSV header differs from the schema",
        "name the column in the header",
    ),
    Code(
        "duplicate-label",
        "issue",
        "error",
        "duplicate-label",
        "the CSV header differs from the schema",
        "give each column its own name",
    ),
    Code(
        "field-error",
        "issue",
        "error",
        "field-error",
        'a field\'s descriptor is malformed (`type` a list, `constraints` not an object, `trueValues: 1`, `required: "false"`, `enum: "abc"`, `minimum: "ten"`, no name)',
        "correct the field's descriptor (see the Table Schema spec)",
    ),
    Code(
        "dialect-error",
        "issue",
        "error",
        "dialect-error",
        'a CSV dialect property has the wrong type (`header: "no"`)',
        "correct the dialect property's type (see the CSV Dialect spec)",
    ),
    Code(
        "control-error",
        "issue",
        "error",
        "control-error",
        "a dialect value tidynews cannot use as given (`delimiter: 5`)",
        "use a dialect value tidynews can read (a one-character delimiter)",
    ),
    Code(
        "blank-row",
        "issue",
        "error",
        "blank-row",
        "every cell of a row is empty or a missing value (its other errors are not listed)",
        "remove the empty row",
    ),
    Code(
        "extra-cell",
        "issue",
        "error",
        "extra-cell",
        "a row has more cells than the header",
        "remove the extra cell, or quote a cell holding the delimiter",
    ),
    Code(
        "missing-cell",
        "issue",
        "error",
        "missing-cell",
        "a row has fewer cells than the header",
        "add the missing cell (an empty one if the value is unknown)",
    ),
    Code(
        "byte-count",
        "issue",
        "error",
        "byte-count",
        "a data file's size differs from the descriptor's `bytes`",
        "rebuild, or restore the file the descriptor describes",
    ),
    Code(
        "hash-count",
        "issue",
        "error",
        "hash-count",
        "a data file's hash differs from the descriptor's `hash`",
        "rebuild, or restore the file the descriptor describes",
    ),
    Code(
        "scheme-error",
        "issue",
        "error",
        "scheme-error",
        'a data file is missing, not a regular file (a FIFO), or cannot be parsed (also `quoteChar: ""`, a 0-byte CSV, a Parquet copy that is not the table\'s)',
        "put the file where the descriptor says, as a regular file",
    ),
    Code(
        "encoding-error",
        "issue",
        "error",
        "encoding-error",
        "a data file is not in its declared encoding (UTF-8 when none is declared and its start is UTF-8)",
        "re-export the file in the declared encoding, or declare the one it is in",
    ),
    Code(
        "source-error",
        "issue",
        "error",
        "source-error",
        'a data file is missing, not a regular file (a FIFO), or cannot be parsed (also `quoteChar: ""`, a 0-byte CSV, a Parquet copy that is not the table\'s)',
        "re-export the file as UTF-8 CSV in the described dialect",
    ),
    Code(
        "schema-error",
        "issue",
        "error",
        "schema-error",
        'a table-level schema check failed (e.g. a column the schema requires is absent), or the schema is malformed (duplicate field names, `primaryKey: 5` or naming no field, a foreign key without `reference` or with fields that do not pair up, `missingValues: "NA"`)',
        "correct the schema (see the Table Schema spec)",
    ),
    Code(
        "span-mismatch",
        "issue",
        "error",
        None,
        "`text` is not `source[start:end]`, or a span has the wrong length",
        "rebuild the package from its seeds",
    ),
    Code(
        "span-outside-parent",
        "issue",
        "error",
        None,
        "a span is not inside its article body or comment",
        "rebuild the package from its seeds",
    ),
    Code(
        "span-outside-claim",
        "issue",
        "error",
        None,
        "a mention or figure is not inside the claim it points to",
        "rebuild the package from its seeds",
    ),
    Code(
        "fragment-id",
        "issue",
        "error",
        None,
        "a row's id is not `<article_id>#char=<start>,<end>` of its span",
        "rebuild the package from its seeds",
    ),
    Code(
        "count-mismatch",
        "issue",
        "error",
        None,
        "`n_comments`, `n_mentions` or a comment `position` disagrees with the rows",
        "rebuild the package from its seeds",
    ),
    Code(
        "bound-order",
        "issue",
        "error",
        None,
        "a figure's bounds are out of order (low > value, value > high or low > high)",
        "rebuild the package from its seeds, and report the figure",
    ),
    Code(
        "bound-mismatch",
        "issue",
        "error",
        None,
        "a figure's bounds are not those its qualifier implies (an approx figure with bounds, a range with a value), or a date is set on a figure that is not a date",
        "rebuild the package from its seeds, and report the figure",
    ),
    Code(
        "spreadsheet-formula",
        "issue",
        "warning",
        None,
        "(warning) a text cell starts with `=`, `+`, `-`, `@`, tab or CR and is not a number: kept verbatim, but a spreadsheet would run it (OWASP's CSV injection)",
        "none needed: import the CSVs as text in a spreadsheet",
    ),
    Code(
        "hedge-mismatch",
        "issue",
        "error",
        None,
        "`hedge_cue` present without `hedged`, or the reverse",
        "rebuild the package from its seeds",
    ),
    Code(
        "seed-empty",
        "seed",
        "error",
        None,
        "the file is empty or only white space",
        "add the document's text, or remove the file",
    ),
    Code(
        "seed-binary",
        "seed",
        "error",
        None,
        "NUL bytes: an image or other binary file, not text",
        "convert it to UTF-8 plain text, or remove it",
    ),
    Code(
        "seed-encoding",
        "seed",
        "error",
        None,
        "not UTF-8 or UTF-16; the error names the legacy encoding that reads it (Windows-1252 when it reads the bytes as cleanly as charset-normalizer's best guess, else that guess if no other reads as cleanly) and an `iconv` command to convert it, or says the encoding could not be told",
        "re-save it as UTF-8 (the error names an iconv command), or remove it",
    ),
    Code(
        "seed-html",
        "seed",
        "error",
        None,
        "an HTML page: extract the article text first (e.g. trafilatura, html2text)",
        "extract the article text (e.g. with trafilatura) and save it as .txt",
    ),
    Code(
        "seed-unreadable",
        "seed",
        "error",
        None,
        "the file vanished or cannot be read between discovery and reading",
        "check the file exists and is readable, or remove it",
    ),
    Code(
        "extract-error",
        "seed",
        "error",
        None,
        "an extractor failed on the document (a bug: report it; `--skip-invalid` builds without it)",
        "report the bug; --skip-invalid builds without the file",
    ),
    Code(
        "seed-not-prose",
        "seed",
        "error",
        None,
        "a PDF's source, or text that is not prose: under 35% letters, or 200+ characters with no line of three words (a table dump)",
        "convert the source to plain text, or remove the file",
    ),
    Code(
        "seed-symlink",
        "seed",
        "error",
        None,
        "a symlink leading outside the seeds folder: copy the file in",
        "copy the file into the seeds folder instead",
    ),
    Code(
        "seed-collision",
        "seed",
        "error",
        None,
        "two files whose article ids differ only in case or punctuation",
        "rename one of the two files",
    ),
    Code(
        "seed-name",
        "seed",
        "error",
        None,
        "a file name with no Latin letters or digits to make an id from",
        "rename it, e.g. with a Latin transliteration",
    ),
    Code(
        "seed-sidecar",
        "seed",
        "error",
        None,
        "a sidecar `<id>.json` that is not a JSON object of the known fields",
        "fix the sidecar: a JSON object of title, outlet, url, published, language, author, "
        "retrieved, page_sha256, n_article_paragraphs",
    ),
    *(
        Code(code, "page", "error", None, meaning, hint)
        for code, meaning, hint in (
            (
                "page-not-html",
                "a PDF, image, ZIP or plain text saved as .html; a WARC record that is not "
                "an HTML 2xx response; a path that is no page or archive",
                "save the article as HTML, or add plain text as a .txt seed",
            ),
            (
                "page-no-text",
                "an empty page, or under 40 words of main text (an index, gallery or search page)",
                "save the article's own page",
            ),
            (
                "page-login-wall",
                "a login or subscription wall: a wall's notice ends the text, or a short "
                "text comes with a password field or a wall's phrase",
                "save the page while logged in, or leave it out",
            ),
            (
                "page-changed",
                "a seed with this id exists from another page or an older version",
                "`--replace`",
            ),
            (
                "page-id-clash",
                "two different pages in one run give the same id",
                "ingest one of them into another folder",
            ),
            (
                "page-unreadable",
                "a file that cannot be read, or a WARC that warcio cannot parse",
                "check the file",
            ),
        )
    ),
)
BY_NAME = {c.code: c for c in CODES}
