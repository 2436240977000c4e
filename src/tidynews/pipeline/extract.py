"""Run every extractor over each segment of a document (article body, then each comment).

Extractors see one segment at a time, so nothing found in a comment is ever
attributed to the article, and every span they return is inside its segment.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, TypeVar

from tidynews.errors import ExtractError
from tidynews.pipeline.claims import Claim, find_claims
from tidynews.pipeline.claims.claimants import OwnVoice
from tidynews.pipeline.figures import Figure, find_figures
from tidynews.pipeline.ingest import Document
from tidynews.pipeline.nlp import forget_paragraphs
from tidynews.pipeline.places import Mention, find_places
from tidynews.pipeline.segment import Segmentation
from tidynews.pipeline.spans import Span, fragment_id, lines

# a claim, figure or mention; covariant, so a Found[Claim] is a Found[Claim | Figure]
Row = TypeVar("Row", bound="Claim | Figure | Mention", covariant=True)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[Row]):
    """One extracted row, the comment it sits in (None: the article body) and the claim
    whose sentence contains it (None: outside every claim, e.g. in a question)."""

    comment_id: str | None
    row: Row
    claim: Span | None = None


@dataclass(slots=True)
class Extraction:
    """Everything the pipeline learned from one seed document."""

    document: Document
    segmentation: Segmentation
    claims: list[Found[Claim]] = field(default_factory=list)
    figures: list[Found[Figure]] = field(default_factory=list)
    mentions: list[Found[Mention]] = field(default_factory=list)


def extract(document: Document, segmentation: Segmentation) -> Extraction:
    """Claims, figures and place mentions from the article body and each comment.

    Places are resolved over the whole document at once (its countries decide
    between namesakes); everything else is read one segment at a time. An
    exception inside an extractor is this document's ExtractError, naming the
    stage and the line where it happened."""
    forget_paragraphs()  # each line is parsed once per document, for every extractor
    result = Extraction(document, segmentation)
    segments = _segments(document, segmentation)
    spans = [span for _, span in segments]
    mentions = _run(document, "places", find_places, spans)
    for (comment_id, span), segment_mentions in zip(segments, mentions, strict=True):
        voice: OwnVoice = "author" if comment_id is None else "commenter"
        claims = _run(document, "claims", partial(find_claims, voice=voice), [span])
        result.claims += [Found(comment_id, c) for c in claims]
        claim_spans = [c.span for c in claims]
        result.figures += [
            Found(comment_id, f, _containing(claim_spans, f.span))
            for f in _run(document, "figures", find_figures, [span])
        ]
        result.mentions += [
            Found(comment_id, m, _containing(claim_spans, m.span)) for m in segment_mentions
        ]
    return result


def _run(
    document: Document, stage: str, extractor: Callable[[str, Any], list[T]], spans: list[Span]
) -> list[T]:
    """`extractor(text, span)` (or `(text, spans)` for places), turning an exception
    into an ExtractError at the first line that fails on its own."""
    one = len(spans) == 1 and stage != "places"
    try:
        return extractor(document.text, spans[0] if one else spans)
    except Exception as exc:  # any bug in an extractor: keep it to this document
        offset = _failing_line(document.text, stage, extractor, spans)
        cause = f"{type(exc).__name__}: {exc}".strip()
        raise ExtractError(document.source_file, stage, offset, cause) from exc


def _failing_line(text: str, stage: str, extractor: Callable, spans: list[Span]) -> int | None:
    """The offset of the first line the extractor fails on by itself, if one does."""
    for span in spans:
        for line, offset in lines(text, span):
            piece = Span(offset, offset + len(line))
            try:
                extractor(text, [piece] if stage == "places" else piece)
            except Exception:
                return offset
    return spans[0].start if spans else None


def _containing(claims: list[Span], span: Span) -> Span | None:
    """The claim (sorted, non-overlapping) whose span contains `span`, if any."""
    i = bisect_right(claims, Span(span.start, 2**62)) - 1
    return claims[i] if i >= 0 and claims[i].contains(span) else None


def _segments(document: Document, segmentation: Segmentation) -> list[tuple[str | None, Span]]:
    segments: list[tuple[str | None, Span]] = [(None, segmentation.article)]
    segments += [(fragment_id(document.article_id, s), s) for s in segmentation.comments]
    return segments
