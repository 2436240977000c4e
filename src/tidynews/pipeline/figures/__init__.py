"""Figures: numbers that quantify something, with kind, unit, UCDP-style bounds and dates.

One left-to-right pass over spaCy tokens, paragraph by paragraph, in steps:

1. scanner.py: skip every token that cannot start a figure (no digit, number word,
   "half", "a" or month name).
2. dates.py: a date ("June 1, 2018") is tried first, so "1 June" is no count of one.
3. numbers.py: read the number: digits, a scale ("1.3bn", "40 thousand", "lakh"), a
   dashed range ("10–15"), a fraction ("1/4", "½", "2 1/2"), a negative, a unit or
   currency glued to it ("5.5kWh", "USD115"), or number words read by text2num.
4. context.py and scanner.py: what is no figure (a name, index, label, address or list
   marker: "iPhone 14", "S&P 500", "seat 14B", "221 Baker Street", "1."); left of the
   number a currency and a qualifier ("more than", "between"), right of it a range end.
5. units.py: what it measures: money (currency.py: ISO 4217 from symbols, prefixed
   dollars, codes and names; a rate "$80 a barrel" is USD/barrel), a percentage, a
   fraction, an age, a physical unit (physical.py: pint's registry) or the counted
   noun (lemmas.py); with none, a lone "2014" is a year and a count takes the noun of
   the figure before it.
6. scanner.py: the qualifier sets the UCDP-style low/best/high bounds.

The words matched are in lexicon.py. What is not a figure (gold GUIDELINES.md):
discourse ordinals, pronoun "one", vague quantifiers ("several", "thousands of"),
weekdays, years inside names, numbers inside identifiers, times of day.
"""

# text2num and _MAX_NUMBER_TOKENS are read by tests/pipeline/test_extraction_scaling.py:
# it counts text2num's calls by patching it here (numbers.py looks it up through this
# module) and checks them against that bound.
from text_to_num import text2num as text2num

from tidynews.pipeline.figures.numbers import _MAX_NUMBER_TOKENS as _MAX_NUMBER_TOKENS
from tidynews.pipeline.figures.scanner import Figure, find_figures

__all__ = ["Figure", "find_figures"]
