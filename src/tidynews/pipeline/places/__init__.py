"""Places: find toponyms, resolve them in the gazetteer, and say how each is used.

Per document (`mentions.find_places`):
1. Find names (`names`, `context`, `fuzzy`): gazetteer names, local places before a
   type word, streets, near misses among the document's countries; not a word of a
   person's name.
2. Resolve (`resolve`): the candidate the document's countries and states, the
   words around the name and the population favour.
3. Qualify (`usage`): a direction, "countryside", or a part ("Tripoli's suburbs").
4. Literal (`usage`): false when the name stands for an actor ("Iran lost").

`lexicon` holds the English words these steps read; `gazetteer` the places and
their names, with its reference data in `data/`.
"""

from tidynews.pipeline.places.fuzzy import FUZZY_CUTOFF
from tidynews.pipeline.places.gazetteer import Place
from tidynews.pipeline.places.mentions import Mention, find_places

__all__ = ["FUZZY_CUTOFF", "Mention", "Place", "find_places"]
