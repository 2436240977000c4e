"""Documents and their segments -> polars frames keyed and typed as schemas/ says."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

import polars as pl

from tidynews.dataset.rowcheck import check_places, check_rows
from tidynews.dataset.schemas import TABLES, load_table_schema, polars_schema
from tidynews.pipeline.claims import Claim
from tidynews.pipeline.extract import Extraction, Found
from tidynews.pipeline.figures import Figure
from tidynews.pipeline.ingest import Document
from tidynews.pipeline.places import Mention, Place
from tidynews.pipeline.spans import fragment_id

# the tables document_rows() makes, besides places (made from every document's mentions)
TABLE_ORDER = ("articles", "comments", "claims", "place_mentions", "figures")
DEFAULT_LANGUAGE = "en"  # the pipeline is spaCy's English one; a sidecar may say otherwise


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """One document's rows as plain tuples in schema column order, with the places it
    mentions: what a build worker sends back (pickling tuples costs a tenth of
    pickling the Extraction's objects) and what TableBuilder collects."""

    article_id: str
    source: dict  # its entry in the descriptor's `sources`
    rows: dict[str, list[tuple]]  # every table but places
    places: tuple[Place, ...]  # each place mentioned, once
    mention_counts: dict[str, int]  # place_id -> mentions in this document


def document_rows(extraction: Extraction) -> DocumentRows:
    """The rows one document adds to each table."""
    doc, seg = extraction.document, extraction.segmentation
    article = {
        "article_id": doc.article_id,
        "source_file": doc.source_file,
        "source_sha256": doc.sha256,
        "source_encoding": doc.encoding,
        "n_chars": len(doc.text),
        "start": seg.article.start,
        "end": seg.article.end,
        "text": seg.article.text_of(doc.text),
        "title": doc.metadata.get("title"),
        "outlet": doc.metadata.get("outlet"),
        "url": doc.metadata.get("url"),
        "published": _date(doc.metadata.get("published")),
        "language": doc.metadata.get("language", DEFAULT_LANGUAGE),
        "n_comments": len(seg.comments),
    }
    comments = [
        {
            "comment_id": fragment_id(doc.article_id, span),
            "article_id": doc.article_id,
            "position": position,
            "start": span.start,
            "end": span.end,
            "text": span.text_of(doc.text),
            "author": None,
        }
        for position, span in enumerate(seg.comments, start=1)
    ]
    by_table: dict[str, list[dict]] = {
        "articles": [article],
        "comments": comments,
        "claims": [_claim_row(doc, found) for found in extraction.claims],
        "place_mentions": [_mention_row(doc, found) for found in extraction.mentions],
        "figures": [_figure_row(doc, found) for found in extraction.figures],
    }
    places = {found.row.place.place_id: found.row.place for found in extraction.mentions}
    counts = Counter(found.row.place.place_id for found in extraction.mentions)
    # each table's dicts freed once its tuples are made: a 100 MB document has 250,000
    rows = {table: [_in_order(table, row) for row in by_table.pop(table)] for table in TABLE_ORDER}
    # by construction: a row that breaks a rule is this document's ExtractError
    check_rows(doc.source_file, doc.text, rows)
    check_places(doc.source_file, [_in_order("places", row) for row in _place_rows(places, counts)])
    return DocumentRows(doc.article_id, _source(doc), rows, tuple(places.values()), dict(counts))


def _in_order(table: str, row: dict) -> tuple:
    values: tuple = _column_values(table)(row)  # in C: a build makes 270,000 rows of LGL
    if "" not in values:
        return values
    # "" and null are the same cell in a CSV: keep them the same in Parquet too
    return tuple(None if value == "" else value for value in values)


@cache
def _column_values(table: str) -> itemgetter:
    """The row's values in the table's column order (every table has several)."""
    return itemgetter(*_schema(table))


def _source(document: Document) -> dict:
    source = {"title": document.source_file}
    if "url" in document.metadata:
        source["path"] = document.metadata["url"]
    return source


class TableBuilder:
    """Turns documents' rows into sorted batches of each table, handed to `sink` as
    (table, frame), so a build streams its corpus and never holds a table.

    Rows wait as Python tuples only for BATCH documents. Documents must come in article
    id order (discover_seeds gives it): then batches sorted one by one follow each
    other in the tables' order (article_id, then offsets).
    """

    BATCH = 256

    def __init__(self, sink: Callable[[str, pl.DataFrame], None]) -> None:
        self._sink = sink
        self._rows: dict[str, list[tuple]] = {t: [] for t in TABLES if t != "places"}
        self._places: dict[str, Place] = {}
        self._mention_counts: Counter[str] = Counter()
        self._pending = 0
        self._last_article: str | None = None
        self.row_counts: Counter[str] = Counter()
        for table in TABLES:  # every table in schema order, with its columns even if empty
            sink(table, pl.DataFrame(schema=_schema(table)))

    def add(self, document: DocumentRows) -> None:
        """Take one document's rows (document_rows() of its Extraction): its lists are
        emptied, so a large document's tuples are freed as soon as they are in a frame."""
        if self._last_article is not None and document.article_id <= self._last_article:
            if document.article_id == self._last_article:
                problem = f"document {document.article_id!r} came twice"
            else:
                problem = f"document {document.article_id!r} came after {self._last_article!r}"
            raise ValueError(
                f"{problem}: tables are built from each document once, in article id "
                "order, as discover_seeds() lists them"
            )
        self._last_article = document.article_id
        for table, rows in document.rows.items():
            self._rows[table] += rows
            rows.clear()
        for place in document.places:
            self._places.setdefault(place.place_id, place)
        self._mention_counts.update(document.mention_counts)
        self._pending += 1
        if self._pending >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        for table, rows in self._rows.items():
            if rows:
                frame = pl.DataFrame(rows, schema=_schema(table), orient="row")
                rows.clear()  # the tuples are in the frame now
                self._emit(table, frame)
        self._pending = 0

    def finish(self) -> None:
        """Hand over the last batch and the places table (whole: it counts every mention)."""
        self._flush()
        places = _place_rows(self._places, self._mention_counts)
        self._emit("places", pl.DataFrame(places, schema=_schema("places")))

    def _emit(self, table: str, frame: pl.DataFrame) -> None:
        # the keys are unique (they make up the fragment id), so the order is total
        sort_by = [c for c in ("article_id", "start", "end", "place_id") if c in frame.columns]
        self._sink(table, frame.sort(sort_by))
        self.row_counts[table] += frame.height


def _schema(table: str) -> dict[str, pl.DataType]:
    return polars_schema(load_table_schema(table))


def _located(doc: Document, found: Found[Claim | Figure | Mention], id_column: str) -> dict:
    """The columns every derived row has: its fragment id, where it sits, its text."""
    span = found.row.span
    return {
        id_column: fragment_id(doc.article_id, span),
        "article_id": doc.article_id,
        "comment_id": found.comment_id,
        "start": span.start,
        "end": span.end,
        "text": span.text_of(doc.text),
    }


def _claim_row(doc: Document, found: Found[Claim]) -> dict:
    claim = found.row
    return _located(doc, found, "claim_id") | {
        "claimant": claim.claimant,
        "claimant_type": claim.claimant_type,
        "cue": claim.cue,
        "hedged": claim.hedged,
        "hedge_cue": claim.hedge_cue,
        "kind": claim.kind,
    }


def _claim_link(doc: Document, found: Found[Figure | Mention]) -> dict:
    """The claim whose sentence contains a mention or figure (null in a question)."""
    return {"claim_id": fragment_id(doc.article_id, found.claim) if found.claim else None}


def _mention_row(doc: Document, found: Found[Mention]) -> dict:
    mention = found.row
    return (
        _located(doc, found, "mention_id")
        | _claim_link(doc, found)
        | {
            "place_id": mention.place.place_id,
            "qualifier": mention.qualifier,
            "literal": mention.literal,
        }
    )


def _figure_row(doc: Document, found: Found[Figure]) -> dict:
    figure = found.row
    return (
        _located(doc, found, "figure_id")
        | _claim_link(doc, found)
        | {
            "kind": figure.kind,
            "value": figure.value,
            "low": figure.low,
            "high": figure.high,
            "qualifier": figure.qualifier,
            "unit": figure.unit,
            "date": figure.date,
        }
    )


def _place_rows(places: dict[str, Place], counts: Counter[str]) -> list[dict]:
    """One row per place mentioned; a parent only when it is itself in the table."""
    return [
        {
            "place_id": place.place_id,
            "name": place.name,
            "kind": place.kind,
            "country_code": place.country_code,
            "iso_3166_2": place.iso_3166_2,
            "geonames_id": place.geonames_id,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "parent_id": place.parent_id if place.parent_id in places else None,
            "n_mentions": counts[place.place_id],
        }
        for place in places.values()
    ]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
