"""Figures: numbers that quantify something; the extractor is in scanner.py."""

# text2num, _MAX_NUMBER_TOKENS and _singular are read by tests.
from text_to_num import text2num as text2num

from tidynews.pipeline.figures.scanner import _MAX_NUMBER_TOKENS as _MAX_NUMBER_TOKENS
from tidynews.pipeline.figures.scanner import Figure, find_figures
from tidynews.pipeline.figures.scanner import _singular as _singular

__all__ = ["Figure", "find_figures"]
