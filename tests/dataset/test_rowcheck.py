"""Every way an extractor's row could break a table rule is one document's ExtractError,
never an invalid package: document_rows() checks each row before it leaves."""

import math
import random

import pytest

from tidynews.dataset import rowcheck
from tidynews.dataset.schemas import load_table_schema
from tidynews.dataset.tables import document_rows
from tidynews.errors import ExtractError, SeedError
from tidynews.pipeline.claims import Claim
from tidynews.pipeline.extract import Extraction, Found
from tidynews.pipeline.figures import Figure
from tidynews.pipeline.ingest import Document
from tidynews.pipeline.places import Mention, Place
from tidynews.pipeline.segment import Segmentation
from tidynews.pipeline.spans import Span

TEXT = "Officials said 40 trucks crossed into Syria on Monday.\n"
SENTENCE = Span(0, 54)
SYRIA = Place("iso:SY", "Syria", "country", country_code="SY", latitude=35.0, longitude=38.0)


def extraction(claims=(), figures=(), mentions=()) -> Extraction:
    document = Document("doc", "seeds/doc.txt", "0" * 64, "utf-8", TEXT)
    result = Extraction(document, Segmentation(Span(0, len(TEXT)), ()))
    result.claims = [Found(None, c) for c in claims]
    result.figures = [Found(None, f, SENTENCE if claims else None) for f in figures]
    result.mentions = [Found(None, m, SENTENCE if claims else None) for m in mentions]
    return result


def claim(**changes) -> Claim:
    values = dict(
        span=SENTENCE,
        claimant="Officials",
        claimant_type="official",
        cue="said",
        hedged=False,
        hedge_cue=None,
        kind="report",
    )
    return Claim(**(values | changes))


def figure(**changes) -> Figure:
    values = dict(span=Span(15, 24), kind="count", qualifier="exact", value=40.0)
    values |= dict(low=40.0, high=40.0, unit="truck")
    return Figure(**(values | changes))


def mention(**changes) -> Mention:
    values = dict(span=Span(38, 43), place=SYRIA, qualifier=None, literal=True)
    return Mention(**(values | changes))


def test_good_rows_pass_and_empty_optional_text_is_null():
    rows = document_rows(
        extraction([claim(cue="")], [figure(unit="")], [mention(qualifier="")])
    ).rows
    assert named("claims", rows)["cue"] is None
    assert named("figures", rows)["unit"] is None
    assert named("place_mentions", rows)["qualifier"] is None


def named(table: str, rows: dict) -> dict:
    names = [f["name"] for f in load_table_schema(table)["fields"]]
    return dict(zip(names, rows[table][0], strict=True))


@pytest.mark.parametrize(
    ("found", "stage", "message"),
    [
        ({"claims": [claim(claimant="")]}, "claims", "field claimant is empty"),
        ({"claims": [claim(claimant_type="nobody")]}, "claims", "claimant_type is 'nobody'"),
        ({"claims": [claim(hedged=True)]}, "claims", "hedged and hedge_cue disagree"),
        ({"claims": [claim(span=Span(40, 70))]}, "claims", "not a span of the text"),
        ({"claims": [claim(span=Span(5, 5))]}, "claims", "field text is empty"),
        ({"figures": [figure(low=50.0)]}, "figures", "not ordered low <= value <= high"),
        ({"figures": [figure(qualifier="approx")]}, "figures", "bound rules"),
        ({"figures": [figure(qualifier="range")]}, "figures", "bound rules"),
        ({"figures": [figure(value=math.nan)]}, "figures", "field value is nan"),
        ({"figures": [figure(date="2020-01")]}, "figures", "has a date"),
        ({"figures": [figure(kind="date")]}, "figures", "carries a number"),
        ({"figures": [figure(date="June")]}, "figures", "does not match"),
        ({"figures": [figure(), figure(unit="lorry")]}, "figures", "repeats"),
        (
            {"mentions": [mention(place=SYRIA.__class__("iso:Syria", "Syria", "country"))]},
            "places",
            "does not match",
        ),
        (
            {"mentions": [mention(place=Place("local:x", "X", "country", latitude=95.0))]},
            "places",
            "above 90",
        ),
        (
            {"claims": [claim(span=Span(0, 10))], "mentions": [mention()]},
            "places",
            "not inside its claim",
        ),
    ],
    ids=[
        "empty-claimant",
        "bad-enum",
        "hedge-mismatch",
        "span-past-the-text",
        "empty-span",
        "bound-order",
        "approx-with-bounds",
        "range-with-value",
        "nan",
        "date-on-a-count",
        "date-without-date",
        "bad-date-pattern",
        "id-collision",
        "bad-place-id",
        "latitude-out-of-range",
        "outside-its-claim",
    ],
)
def test_a_row_that_breaks_a_rule_is_the_documents_extract_error(found, stage, message):
    with pytest.raises(ExtractError, match=message) as caught:
        document_rows(extraction(**found))
    assert caught.value.stage == stage
    assert str(caught.value).startswith(f"seeds/doc.txt: {stage} failed")
    assert "(extract-error). Report this bug; --skip-invalid builds without the file" in str(
        caught.value
    )
    assert isinstance(caught.value, SeedError)  # so --skip-invalid skips the document


def test_the_error_names_the_row_offset():
    with pytest.raises(ExtractError, match=r"figures failed at char 15: figures field kind"):
        document_rows(extraction(figures=[figure(kind="weight")]))


# values an extractor's bug could put in any cell: empty, wrong type, out of range,
# not finite, a span's bounds moved, another row's id
_ODD_VALUES = [
    None, "", "x", "doc#char=0,54", "report", "iso:SY", 0, -1, 1, 15, 24, 54, 55, 10**9,
    1.5, -0.5, 95.0, math.nan, math.inf, True, False, "2020-01", "June", "--06", 40.0,
]  # fmt: skip


def _outcome(check, *args) -> str:
    try:
        check(*args)
    except Exception as exc:  # the outcome is what is compared
        return f"{type(exc).__name__}: {exc}"
    return "passes"


def test_rows_read_a_column_at_a_time_break_a_rule_where_row_by_row_they_do():
    """check_rows decides by columns first: it must never pass rows that the row-by-row
    reading rejects, and must then report the same first error."""
    good = extraction(
        [claim(), claim(span=Span(0, 9), claimant="They", hedged=True, hedge_cue="may")],
        [
            figure(),
            figure(span=Span(44, 53), kind="date", value=None, low=None, high=None, date="--06"),
            figure(span=Span(28, 34), value=None, low=30.0, high=50.0, qualifier="range"),
        ],
        [mention()],
    )
    rows = document_rows(good).rows
    assert rowcheck._all_keep_the_rules(TEXT, rows)
    rng = random.Random(7)
    rejected = 0
    for _ in range(3_000):
        changed = {table: list(table_rows) for table, table_rows in rows.items()}
        for _ in range(rng.choice((1, 1, 2))):
            table = rng.choice([t for t in changed if changed[t]])
            at = rng.randrange(len(changed[table]))
            row = list(changed[table][at])
            row[rng.randrange(len(row))] = rng.choice(_ODD_VALUES)
            changed[table][at] = tuple(row)
        by_rows = _outcome(rowcheck._check_row_by_row, "seeds/doc.txt", TEXT, changed)
        if by_rows != "passes":
            rejected += 1
            assert not rowcheck._all_keep_the_rules(TEXT, changed), by_rows
        assert _outcome(rowcheck.check_rows, "seeds/doc.txt", TEXT, changed) == by_rows
    assert rejected > 1_000  # most changes break a rule: the comparison was exercised
