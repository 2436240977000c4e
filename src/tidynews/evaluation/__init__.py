"""Scoring a built package against hand-made gold (gold.py reads it, score.py scores)."""
