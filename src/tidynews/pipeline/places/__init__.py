"""Places: find toponyms, resolve them in the gazetteer, and say how each is used."""

from tidynews.pipeline.places.gazetteer import Place
from tidynews.pipeline.places.names import FUZZY_CUTOFF, Mention, find_places

__all__ = ["FUZZY_CUTOFF", "Mention", "Place", "find_places"]
