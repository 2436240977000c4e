"""Run every extractor over each segment of a document (article body, then each comment).

Extractors see one segment at a time, so nothing found in a comment is ever
attributed to the article, and every span they return is inside its segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tidynews.figures import Figure, find_figures
from tidynews.ingest import Document
from tidynews.segment import Segmentation
from tidynews.spans import Span, fragment_id


@dataclass(frozen=True, slots=True)
class Found:
    """One extracted row and the comment it sits in (None: the article body)."""

    comment_id: str | None
    row: Figure


@dataclass(slots=True)
class Extraction:
    """Everything the pipeline learned from one seed document."""

    document: Document
    segmentation: Segmentation
    figures: list[Found] = field(default_factory=list)


def extract(document: Document, segmentation: Segmentation) -> Extraction:
    """Figures from the article body and from each comment, in text order."""
    result = Extraction(document, segmentation)
    for comment_id, span in _segments(document, segmentation):
        result.figures += [Found(comment_id, f) for f in find_figures(document.text, span)]
    return result


def _segments(document: Document, segmentation: Segmentation) -> list[tuple[str | None, Span]]:
    segments: list[tuple[str | None, Span]] = [(None, segmentation.article)]
    segments += [(fragment_id(document.article_id, s), s) for s in segmentation.comments]
    return segments
