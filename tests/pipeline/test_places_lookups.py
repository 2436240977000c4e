"""The per-document shortcuts of finding names: a name looked up once for the whole
document (names.Looked) and the few words fuzzy matching starts at give what reading
every word afresh gives."""

from __future__ import annotations

from tidynews.pipeline.places.fuzzy import _LOCATED, _starts
from tidynews.pipeline.places.gazetteer import Gazetteer, Place
from tidynews.pipeline.places.lexicon import TYPE_WORDS
from tidynews.pipeline.places.names import Looked, Name, find_names, line_docs
from tidynews.pipeline.spans import Span

LINES = [
    "ZEMBLA CITY, Zembla — The Hill met in Zembla City on Monday.",
    "Zembla City officials said the Hill would vote; Hill said no.",
    "A Dunmore man drove from Dunmore to the Hill and back to Zembla.",
    "Residents of Dunmore, Zembla, met Jane Dunmore at the Zembla City Hall.",
]


def _tiny() -> Gazetteer:
    gaz = Gazetteer()
    gaz.add(Place("iso:ZZ", "Zembla", "country", "ZZ"))
    gaz.add(Place("local:city", "Zembla City", "settlement", "ZZ", population=500_000))
    gaz.add(Place("local:hill", "The Hill", "region", "ZZ"))
    gaz.add(Place("local:hill-town", "Hill", "settlement", "ZZ", population=900))
    gaz.add(Place("local:dunmore", "Dunmore", "settlement", "ZZ", population=3_000))
    gaz.name("Zembla", "iso:ZZ", primary=True)
    gaz.name("Zembla City", "local:city", primary=True)
    gaz.name("the Hill", "local:hill", primary=True)
    gaz.name("Hill", "local:hill-town", primary=True, minor=True)
    gaz.name("Dunmore", "local:dunmore", primary=True, minor=True)
    return gaz


def _found(names: list[Name]) -> list[tuple[object, ...]]:
    return [(f.first, f.last, f.surface, f.candidates, f.placed, f.within) for f in names]


def test_a_document_wide_lookup_finds_what_fresh_lookups_find():
    gaz = _tiny()
    looked: dict[tuple[str, bool, bool], Looked] = {}
    for line in LINES:
        ((doc, _),) = line_docs(line, Span(0, len(line)))
        fresh = find_names(doc, gaz, {}, frozenset())
        shared = find_names(doc, gaz, {}, frozenset(), looked=looked)
        assert _found(shared) == _found(fresh), line
    assert looked  # the names were kept for the next lines


def test_fuzzy_matching_starts_where_a_type_word_or_a_locative_word_allows():
    for line in [*LINES, "Fighting near Deri Ezzor and in the Idlib countryside.", "Homs"]:
        ((doc, _),) = line_docs(line, Span(0, len(line)))
        lower, words = doc.user_data["lower"], doc.user_data["words"]
        n = len(words)
        every = [
            i
            for i in range(n)
            if words[i].istitle()
            and (
                (i > 0 and lower[i - 1] in _LOCATED)
                or (i + 1 < n and lower[i + 1] in TYPE_WORDS)
                or (i + 2 < n and lower[i + 2] in TYPE_WORDS)
            )
        ]
        assert _starts(lower, words) == every, line
