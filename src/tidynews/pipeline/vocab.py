"""The Table Schemas' closed vocabularies (`constraints.enum`) as Literal types.

The extractors write these values and schemas/*.json constrains them: the two must
agree. Typed with these, a type checker rejects a value the schema would refuse, and
tests/pipeline/test_vocab.py fails when a Literal and its enum drift apart.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

# articles.source_encoding: how the seed's bytes were decoded (ingest.py)
SourceEncoding: TypeAlias = Literal["utf-8", "utf-8-sig", "utf-16"]

# claims.claimant_type
ClaimantType: TypeAlias = Literal[
    "author", "commenter", "media", "official", "group", "person", "unknown"
]

# claims.kind
ClaimKind: TypeAlias = Literal["report", "assertion", "forecast", "opinion"]

# figures.kind
FigureKind: TypeAlias = Literal[
    "count", "date", "duration", "money", "percent", "distance", "other"
]

# figures.qualifier: how the figure's bounds were read
FigureQualifier: TypeAlias = Literal[
    "exact", "approx", "more_than", "less_than", "at_least", "at_most", "range"
]

# places.kind
PlaceKind: TypeAlias = Literal[
    "country", "admin1", "admin2", "settlement", "camp", "region", "site", "water", "other"
]

# Each vocabulary by the (table, field) whose enum it is; the test checks both ways.
VOCABULARIES: dict[tuple[str, str], object] = {
    ("articles", "source_encoding"): SourceEncoding,
    ("claims", "claimant_type"): ClaimantType,
    ("claims", "kind"): ClaimKind,
    ("figures", "kind"): FigureKind,
    ("figures", "qualifier"): FigureQualifier,
    ("places", "kind"): PlaceKind,
}
