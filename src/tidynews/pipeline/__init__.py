"""Text to rows: pure functions of one document, nothing here writes a file.

ingest reads a seed, segment splits it into article and comments, and extract runs
the extractors (claims, figures, places) on each segment. Nothing here imports
`tidynews.validation` or `tidynews.dataset` (tests/test_architecture.py)."""
