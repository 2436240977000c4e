"""The tidynews Profile: which packages are tidynews packages, and the rules they carry.

`tidynews.validate` validates any Frictionless package with frictionless' verdicts
and adds these rules only to a package `build` wrote: its tables are tidynews'
tables with their exact fields, each with the Parquet copy only build describes
(a namespaced resource property). A foreign package whose tables happen to be
called articles or comments is validated exactly as frictionless validates it.
"""

from __future__ import annotations

from pathlib import Path

from tidynews.dataset import rules
from tidynews.dataset.schemas import TABLES, load_table_schema
from tidynews.errors import Report
from tidynews.validation import validate as validation
from tidynews.validation.descriptor import Resource
from tidynews.validation.profile import Profile, RowRule, TableRule
from tidynews.validation.tableschema import field_names

SPAN_TABLES = frozenset({"claims", "place_mentions", "figures"})


def is_tidynews_package(resource_list: list[Resource]) -> bool:
    """Whether the package is one `build` wrote (see the module's docstring)."""
    names = {r.name for r in resource_list}
    return (
        "articles" in names
        and names <= set(TABLES)
        and all(
            r.parquet is not None
            and field_names(r.schema) == field_names(load_table_schema(r.name))
            for r in resource_list
        )
    )


TIDYNEWS = Profile(
    name="tidynews",
    applies=is_tidynews_package,
    row_rules=(
        RowRule("article-spans", frozenset({"articles"}), rules.article_spans),
        RowRule("comment-spans", frozenset({"comments"}), rules.comment_spans),
        RowRule("child-spans", SPAN_TABLES, rules.child_spans),
        RowRule("inside-claim", frozenset({"place_mentions", "figures"}), rules.inside_claim),
        RowRule("hedges", frozenset({"claims"}), rules.hedges),
        RowRule("figure-bounds", frozenset({"figures"}), rules.figure_bounds),
    ),
    table_rules=(
        TableRule("comment-counts", rules.comment_counts),
        TableRule("mention-counts", rules.mention_counts),
    ),
    # the texts every span is checked against: read first, kept whole
    first=("articles", "comments"),
    context=rules.span_parents,
    kept={
        "place_mentions": frozenset({"place_id"}),
        "places": frozenset({"place_id", "n_mentions"}),
    },
)


def validate(descriptor: str | Path = "datapackage.json", *, low_memory: bool = False) -> Report:
    """Validate a data package with frictionless' verdicts, and a tidynews package
    with tidynews' rules too (see the module's docstring).

    `low_memory` trades speed for memory; the verdicts are the same.

    >>> import tidynews
    >>> tidynews.validate("datapackage.json").valid  # doctest: +SKIP
    True
    """
    return validation.validate(descriptor, profiles=(TIDYNEWS,), low_memory=low_memory)
