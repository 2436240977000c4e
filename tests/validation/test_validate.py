import hashlib
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import ARTICLE, ROOT
from tidynews.dataset.profile import validate
from tidynews.errors import PackageError
from tidynews.validation import structure

validate_module = sys.modules["tidynews.validation.validate"]


def rewrite(pkg: Path, table: str, frame: pl.DataFrame) -> None:
    """Replace one table's CSV and refresh its bytes and hash, so only the data is wrong."""
    path = pkg / "data" / f"{table}.csv"
    frame.write_csv(path, line_terminator="\n", null_value="")
    descriptor = json.loads((pkg / "datapackage.json").read_text())
    content = path.read_bytes()
    for resource in descriptor["resources"]:
        if resource["name"] == table:
            resource["bytes"] = len(content)
            resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


def read(pkg: Path, table: str) -> pl.DataFrame:
    return pl.read_csv(pkg / "data" / f"{table}.csv", infer_schema=False)


def located(report, tables=None) -> list[tuple]:
    """(table, row, field, code) of each error, optionally only in `tables`.

    A defect in a parent table also breaks rows derived from it (a claim's text no
    longer matches an edited comment); `tables` keeps a test to the defect it made."""
    return [
        (i.table, i.row, i.field, i.code)
        for i in report.errors
        if tables is None or i.table in tables
    ]


def test_committed_package_is_valid():
    assert validate(ROOT / "datapackage.json").valid


def test_built_package_is_valid(small_package):
    report = validate(small_package / "datapackage.json")
    assert report.errors == ()
    # the reader's "@ riverwatcher" reply would start a formula in a spreadsheet
    assert [(i.table, i.row, i.field, i.code, i.severity) for i in report.issues] == [
        ("comments", 3, "text", "spreadsheet-formula", "warning")
    ]
    assert report.to_dict()["valid"] is True


@pytest.mark.parametrize("where", ["small", "committed"])
def test_frictionless_agrees_the_package_is_valid(small_package, where):
    descriptor = (
        small_package / "datapackage.json" if where == "small" else ROOT / "datapackage.json"
    )
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(frictionless), "validate", "--json", str(descriptor.name)],
        cwd=descriptor.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(result.stdout)["valid"] is True, result.stdout[-2000:]


def _set(table, row, column, value):
    def corrupt(pkg):
        frame = read(pkg, table)
        frame = frame.with_columns(
            pl.when(pl.int_range(pl.len()) == row - 2)
            .then(pl.lit(value, dtype=pl.String))
            .otherwise(pl.col(column))
            .alias(column)
        )
        rewrite(pkg, table, frame)

    return corrupt


EXACT_CASES = {
    "type-error": (
        _set("comments", 2, "position", "first"),
        [("comments", 2, "position", "type-error")],
    ),
    "enum": (
        _set("articles", 3, "source_encoding", "latin-1"),
        [("articles", 3, "source_encoding", "constraint-error")],
    ),
    "pattern": (
        _set("articles", 2, "source_sha256", "xyz"),
        [("articles", 2, "source_sha256", "constraint-error")],
    ),
    "required": (
        _set("articles", 2, "language", ""),
        [("articles", 2, "language", "constraint-error")],
    ),
    "minimum": (
        _set("comments", 3, "position", "0"),
        [
            ("comments", 3, "position", "constraint-error"),
            ("comments", 3, "position", "count-mismatch"),
        ],
    ),
    "count": (
        _set("articles", 2, "n_comments", "5"),
        [("articles", 2, "n_comments", "count-mismatch")],
    ),
    "span-length": (_set("articles", 3, "end", "150"), [("articles", 3, "end", "span-mismatch")]),
    "comment-inside-article": (
        _set("comments", 2, "start", "10"),
        [
            ("comments", 2, "comment_id", "fragment-id"),
            ("comments", 2, "start", "span-outside-parent"),
            ("comments", 2, "end", "span-mismatch"),
        ],
    ),
}


@pytest.mark.parametrize("case", list(EXACT_CASES))
def test_each_kind_of_defect_is_reported_with_table_row_and_field(package_copy, case):
    corrupt, expected = EXACT_CASES[case]
    corrupt(package_copy)
    report = validate(package_copy / "datapackage.json")
    assert not report.valid
    assert sorted(located(report, {e[0] for e in expected})) == sorted(expected)


def test_low_memory_mode_and_batch_size_do_not_change_the_verdicts(package_copy, monkeypatch):
    """Every defect above at once, plus a duplicate key and a dangling reference:
    validated with the default batches, then in low-memory mode with one row per
    batch, which splits every table and every article from its comments."""
    for corrupt, _ in EXACT_CASES.values():
        corrupt(package_copy)
    _set("claims", 2, "comment_id", "ghost")(package_copy)
    comments = read(package_copy, "comments")
    rewrite(package_copy, "comments", pl.concat([comments, comments.head(1)]))
    default = validate(package_copy / "datapackage.json")
    monkeypatch.setattr(validate_module, "LOW_MEMORY_BATCH_ROWS", 1)
    low_memory = validate(package_copy / "datapackage.json", low_memory=True)
    assert len(default.errors) > len(EXACT_CASES)
    assert low_memory.issues == default.issues


def test_spans_in_long_parents_are_checked_like_spans_in_short_ones(package_copy, monkeypatch):
    """Spans of a parent longer than SLICE_LIMIT characters are compared in Python,
    not sliced by polars; with a limit of 0 every span takes that path, and every
    defect above is reported the same."""
    for corrupt, _ in EXACT_CASES.values():
        corrupt(package_copy)
    _set("claims", 2, "comment_id", "ghost")(package_copy)
    _set("claims", 3, "text", "Not what the source says at all, no.")(package_copy)
    sliced = validate(package_copy / "datapackage.json")
    monkeypatch.setattr(sys.modules["tidynews.dataset.rules"], "SLICE_LIMIT", 0)
    indexed = validate(package_copy / "datapackage.json")
    assert ("claims", 3, "text", "span-mismatch") in located(indexed)
    assert indexed.issues == sliced.issues


def test_a_formula_in_a_pattern_checked_id_is_still_flagged(package_copy):
    """Ids and enums whose constraints no formula meets skip the formula scan; a cell
    that breaks the constraint is looked at all the same, and warned about once."""
    _set("articles", 2, "language", "=cmd|calc")(package_copy)
    _set("comments", 2, "article_id", "@SUM(A1)")(package_copy)
    report = validate(package_copy)
    flagged = [
        (i.table, i.row, i.field, i.code)
        for i in report.issues
        if i.code in ("spreadsheet-formula", "constraint-error")
    ]
    assert flagged == [
        ("articles", 2, "language", "constraint-error"),
        ("articles", 2, "language", "spreadsheet-formula"),
        ("comments", 2, "article_id", "constraint-error"),
        ("comments", 2, "article_id", "spreadsheet-formula"),
        ("comments", 3, "text", "spreadsheet-formula"),  # the reader's "@ riverwatcher"
    ]


def test_duplicate_primary_key_is_reported_on_the_repeat(package_copy):
    comments = read(package_copy, "comments")
    rewrite(package_copy, "comments", pl.concat([comments, comments.head(1)]))
    assert ("comments", 4, "comment_id", "primary-key") in located(validate(package_copy))


def test_dangling_foreign_key_is_reported(package_copy):
    _set("comments", 2, "article_id", "ghost")(package_copy)
    assert ("comments", 2, "article_id", "foreign-key") in located(validate(package_copy))


def test_a_file_edited_after_the_build_fails_its_hash(package_copy):
    path = package_copy / "data" / "comments.csv"
    path.write_bytes(path.read_bytes().replace(b"honestly", b"HONESTLY"))
    found = located(validate(package_copy))
    assert [f for f in found if f[0] == "comments"] == [("comments", None, None, "hash-count")]
    # the claim cut from the edited comment no longer matches it
    assert [f[3] for f in found if f[0] == "claims"] == ["span-mismatch"]


def test_wrong_header_is_reported_as_labels(package_copy):
    comments = read(package_copy, "comments").rename({"author": "writer"})
    rewrite(package_copy, "comments", comments)
    assert located(validate(package_copy)) == [("comments", 1, "author", "incorrect-label")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such descriptor"),
        ("{not json", "not valid JSON"),
        ('{"name": "x"}', "needs a 'resources' list"),
        (
            '{"resources": [{"name": "a", "path": "../../etc/passwd", "schema": {"fields": [{"name": "x"}]}}]}',
            "outside the package (unsafe-path)",
        ),
        (
            '{"resources": [{"name": "a", "path": "https://example.org/a.csv", "schema": {"fields": [{"name": "x"}]}}]}',
            "outside the package (unsafe-path)",
        ),
        ('{"resources": ["a.csv"]}', "resource 1: not a JSON object"),
        (
            '{"resources": [{"name": "a", "path": "a.csv", "schema": "missing.json"}]}',
            "cannot read its schema file 'missing.json'",
        ),
        (
            '{"resources": [{"name": "a", "path": "a.csv", "schema": "bad.json"}]}',
            "schema file 'bad.json':1: not valid JSON",
        ),
        (
            '{"resources": [{"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "x"}]},'
            ' "dialect": {"csv": {"escapeChar": "ab"}}}]}',
            "dialect escapeChar='ab' is not supported",
        ),
        (
            '{"resources": [{"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "x"}]},'
            ' "dialect": {"headerRows": [2, 1]}}]}',
            "dialect headerRows=.2, 1. is not supported",
        ),
        (
            '{"resources": [{"name": "a", "path": "a.csv.gz", "schema": {"fields": [{"name": "x"}]}}]}',
            "format 'gz' is not supported",
        ),
        (
            '{"resources": [{"name": "a", "path": "a.csv", "encoding": "klingon",'
            ' "schema": {"fields": [{"name": "x"}]}}]}',
            "encoding 'klingon' (no codec of that name) is not supported",
        ),
        (
            '{"resources": [{"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "x"}]}},'
            ' {"name": "a", "path": "b.csv", "schema": {"fields": [{"name": "x"}]}}]}',
            "resource 2: the name 'a' is taken by another resource",
        ),
    ],
)
def test_unusable_descriptors_raise_package_error(tmp_path, content, message):
    """Anything validate cannot read exactly is refused with a reason, never misread."""
    if content is not None:
        (tmp_path / "datapackage.json").write_text(content)
    (tmp_path / "bad.json").write_text("{nope")
    with pytest.raises(PackageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate(tmp_path / "datapackage.json")


def test_schema_and_dialect_may_be_files_in_the_package(tmp_path):
    (tmp_path / "a.csv").write_text("x;y\n1;2\n")
    (tmp_path / "schema.json").write_text(
        '{"fields": [{"name": "x", "type": "integer"}, {"name": "y", "type": "integer"}]}'
    )
    (tmp_path / "dialect.json").write_text('{"delimiter": ";"}')
    (tmp_path / "datapackage.json").write_text(
        '{"resources": [{"name": "a", "path": "a.csv", "schema": "schema.json",'
        ' "dialect": "dialect.json"}]}'
    )
    assert validate(tmp_path / "datapackage.json").valid


# Each rule of claims, figures, places and mentions, checked on hand-made rows.
CLAIM_TEXT = "Officials said on Monday that the bridge over the river had reopened after repairs."
FIGURE_TEXT = "two months"


def _claim(**changes):
    row = {
        "claim_id": f"bridge#char=0,{len(CLAIM_TEXT)}",
        "article_id": "bridge",
        "comment_id": None,
        "start": "0",
        "end": str(len(CLAIM_TEXT)),
        "text": CLAIM_TEXT,
        "claimant": "Officials",
        "claimant_type": "official",
        "cue": "said",
        "hedged": "false",
        "hedge_cue": None,
        "kind": "report",
    }
    return row | changes


def _figure(**changes):
    start = ARTICLE.index(FIGURE_TEXT)
    end = start + len(FIGURE_TEXT)
    row = {
        "figure_id": f"bridge#char={start},{end}",
        "article_id": "bridge",
        "comment_id": None,
        "claim_id": None,
        "start": str(start),
        "end": str(end),
        "text": FIGURE_TEXT,
        "kind": "duration",
        "value": "2",
        "low": "2",
        "high": "2",
        "qualifier": "exact",
        "unit": "month",
        "date": None,
    }
    return row | changes


def _frame(rows):
    return pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))


def test_valid_hand_made_claims_and_figures_pass(package_copy):
    rewrite(package_copy, "claims", _frame([_claim()]))
    rewrite(package_copy, "figures", _frame([_figure()]))
    assert validate(package_copy).errors == ()


@pytest.mark.parametrize(
    ("table", "row", "expected"),
    [
        ("claims", _claim(text="X" + CLAIM_TEXT[1:]), ("claims", 2, "text", "span-mismatch")),
        ("claims", _claim(kind="rumour"), ("claims", 2, "kind", "constraint-error")),
        ("claims", _claim(hedged="true"), ("claims", 2, "hedge_cue", "hedge-mismatch")),
        ("claims", _claim(claimant=None), ("claims", 2, "claimant", "constraint-error")),
        (
            "claims",
            _claim(comment_id="bridge#char=1,2"),
            ("claims", 2, "comment_id", "foreign-key"),
        ),
        ("figures", _figure(high="3"), ("figures", 2, "qualifier", "bound-mismatch")),
        (
            "figures",
            _figure(low="5", qualifier="more_than", high=None),
            ("figures", 2, "low", "bound-order"),
        ),
        ("figures", _figure(date="June 1"), ("figures", 2, "date", "constraint-error")),
        ("figures", _figure(kind="date", date="--06-01", value=None, low=None, high=None), None),
        (
            "figures",
            _figure(claim_id="bridge#char=0,5"),
            ("figures", 2, "claim_id", "foreign-key"),
        ),
        (  # the claim's span is read from its id: the figure is past its end
            "figures",
            _figure(claim_id="bridge#char=0,5"),
            ("figures", 2, "claim_id", "span-outside-claim"),
        ),
        (  # a claim of another article contains nothing here, whatever its offsets
            "figures",
            _figure(claim_id="elsewhere#char=0,99999"),
            ("figures", 2, "claim_id", "span-outside-claim"),
        ),
    ],
)
def test_rules_of_hand_made_rows_are_enforced(package_copy, table, row, expected):
    rewrite(package_copy, table, _frame([row]))
    found = located(validate(package_copy))
    if expected is None:
        assert found == []
    else:
        assert expected in found


def test_places_and_mentions_rules(package_copy):
    text = "the river"
    start = ARTICLE.index(text)
    place = {
        "place_id": "local:the-river",
        "name": "The River",
        "kind": "water",
        "country_code": None,
        "iso_3166_2": None,
        "geonames_id": None,
        "latitude": None,
        "longitude": None,
        "parent_id": "iso:ZZ",
        "n_mentions": "2",
    }
    mention = {
        "mention_id": f"bridge#char={start},{start + len(text)}",
        "place_id": "local:the-river",
        "article_id": "bridge",
        "comment_id": None,
        "claim_id": "bridge#char=0,20",
        "start": str(start),
        "end": str(start + len(text)),
        "text": text,
        "qualifier": None,
        "literal": "true",
    }
    claim = _claim(claim_id="bridge#char=0,20", end="20", text=CLAIM_TEXT[:20])
    rewrite(package_copy, "claims", _frame([claim]))
    rewrite(package_copy, "places", _frame([place]))
    rewrite(package_copy, "place_mentions", _frame([mention]))
    found = located(validate(package_copy), {"places", "place_mentions"})
    assert ("places", 2, "parent_id", "foreign-key") in found
    assert ("places", 2, "n_mentions", "count-mismatch") in found
    assert ("place_mentions", 2, "claim_id", "span-outside-claim") in found
    assert len(found) == 3


def test_only_tables_whose_parse_cannot_show_ragged_records_get_a_cell_count(monkeypatch):
    """pyarrow's count of cells per record is a second pass over the file. A table
    whose last field is required and may be "" needs it only when its parse meets a
    null there (a short or blank record) or fails (a long one); the verdicts are the
    same either way (tests/test_frictionless_parity.py checks them on these files)."""
    counted = []
    real = structure.ragged_records

    def counting(path, *args):
        counted.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(structure, "ragged_records", counting)
    found = located(validate(Path(__file__).parent.parent / "fixtures" / "structure"))
    assert "required_last.csv" not in counted  # valid: parsed once
    assert {"required_last_short.csv", "required_last_long.csv", "required_last_blank.csv"} <= set(
        counted
    )
    assert "ragged.csv" in counted  # its last field is optional: always counted
    assert ("required_last_short", 3, "c", "missing-cell") in found
    assert ("required_last_long", 3, None, "extra-cell") in found
    assert ("required_last_blank", 3, None, "blank-row") in found
    assert not [f for f in found if f[0] == "required_last"]


FOREIGN = {
    "name": "blog",
    "resources": [
        {
            "name": "articles",
            "path": "articles.csv",
            "schema": {
                "fields": [{"name": "id", "type": "integer"}, {"name": "title", "type": "string"}],
                "primaryKey": ["id"],
            },
        },
        {
            "name": "comments",
            "path": "comments.csv",
            "schema": {
                "fields": [
                    {"name": "id", "type": "integer"},
                    {"name": "article", "type": "integer"},
                ],
                "foreignKeys": [
                    {"fields": ["article"], "reference": {"resource": "articles", "fields": ["id"]}}
                ],
            },
        },
    ],
}


@pytest.mark.parametrize(
    ("comments", "expected"),
    [("1,1\n", []), ("1,9\n", [("comments", 2, "article", "foreign-key")])],
    ids=["valid", "dangling-key"],
)
def test_a_foreign_package_with_tidynews_table_names_gets_frictionless_verdict(
    tmp_path, comments, expected
):
    (tmp_path / "articles.csv").write_text("id,title\n1,hello\n")
    (tmp_path / "comments.csv").write_text("id,article\n" + comments)
    (tmp_path / "datapackage.json").write_text(json.dumps(FOREIGN))
    report = validate(tmp_path / "datapackage.json")
    assert located(report) == expected
    assert report.valid == (not expected)
