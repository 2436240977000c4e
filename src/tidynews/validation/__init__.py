"""A Frictionless Data Package validator with frictionless-py's verdicts.

It knows Data Package, Table Schema and CSV, nothing about any one dataset: extra
row and table rules come in a `Profile`. Nothing here imports `tidynews.pipeline`
or `tidynews.dataset` (tests/test_architecture.py)."""
