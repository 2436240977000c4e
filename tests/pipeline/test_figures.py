"""Figures: a table of news-style phrases with the row each must give (or none)."""

import math

import pytest

from tests.conftest import CORPUS, GOLD, write_seeds
from tidynews.dataset.build import build
from tidynews.dataset.load import read_package
from tidynews.evaluation.score import evaluate
from tidynews.pipeline.figures import find_figures
from tidynews.pipeline.spans import Span

# (sentence, [(text, kind, value, low, high, qualifier, unit, date), ...]); [] = no figure
PHRASES = [
    (
        "Borrowers now owe $1.3 trillion in student loans.",
        [("$1.3 trillion", "money", 1.3e12, 1.3e12, 1.3e12, "exact", "USD", None)],
    ),
    (
        "The plan would cost two trillion dollars.",
        [("two trillion dollars", "money", 2e12, 2e12, 2e12, "exact", "USD", None)],
    ),
    (
        "Estimates ran from $3 to $5 trillion.",
        [("$3 to $5 trillion", "money", None, 3e12, 5e12, "range", "USD", None)],
    ),
    (
        "Rebels said 1,500 fighters crossed the border.",
        [("1,500 fighters", "count", 1500, 1500, 1500, "exact", "fighter", None)],
    ),
    (
        "The ministry counted 12 attacks in the province.",
        [("12 attacks", "count", 12, 12, 12, "exact", "attack", None)],
    ),
    (
        "Officials said twelve hundred troops were deployed.",
        [("twelve hundred troops", "count", 1200, 1200, 1200, "exact", "troop", None)],
    ),
    (
        "More than 300 families fled the town.",
        [("More than 300 families", "count", 300, 300, None, "more_than", "family", None)],
    ),
    (
        "At least 40 civilians were killed in the raid.",
        [("At least 40 civilians", "count", 40, 40, None, "at_least", "civilian", None)],
    ),
    (
        "Nearly 2,000 homes were destroyed.",
        [("Nearly 2,000 homes", "count", 2000, None, None, "approx", "home", None)],
    ),
    (
        "Up to 500 soldiers may join the offensive.",
        [("Up to 500 soldiers", "count", 500, None, 500, "at_most", "soldier", None)],
    ),
    (
        "About 60 trucks entered the city.",
        [("About 60 trucks", "count", 60, None, None, "approx", "truck", None)],
    ),
    (
        "Some 300 prisoners were released.",
        [("Some 300 prisoners", "count", 300, None, None, "approx", "prisoner", None)],
    ),
    (
        "Fewer than 20 doctors remain in the city.",
        [("Fewer than 20 doctors", "count", 20, None, 20, "less_than", "doctor", None)],
    ),
    (
        "Between 10 and 15 villages were shelled.",
        [("Between 10 and 15 villages", "count", None, 10, 15, "range", "village", None)],
    ),
    (
        "An estimated 7,000 people have fled.",
        [("An estimated 7,000 people", "count", 7000, None, None, "approx", "person", None)],
    ),
    (
        "Between 1,200 and 1,700 reinforcements arrived overnight.",
        [
            (
                "Between 1,200 and 1,700 reinforcements",
                "count",
                None,
                1200,
                1700,
                "range",
                "reinforcement",
                None,
            )
        ],
    ),
    (
        "The group has 10-15 bases in the area.",
        [("10-15 bases", "count", None, 10, 15, "range", "base", None)],
    ),
    (
        "Police detained three suspects.",
        [("three suspects", "count", 3, 3, 3, "exact", "suspect", None)],
    ),
    (
        "Two children and four women were among the dead.",
        [
            ("Two children", "count", 2, 2, 2, "exact", "child", None),
            ("four women", "count", 4, 4, 4, "exact", "woman", None),
        ],
    ),
    ("The siege lasted two months.", [("two months", "duration", 2, 2, 2, "exact", "month", None)]),
    (
        "The talks will run for three days.",
        [("three days", "duration", 3, 3, 3, "exact", "day", None)],
    ),
    (
        "The ceasefire held for 48 hours.",
        [("48 hours", "duration", 48, 48, 48, "exact", "hour", None)],
    ),
    (
        "The 65-year-old commander was arrested.",
        [("65-year-old", "duration", 65, 65, 65, "exact", "year", None)],
    ),
    ("A two-week truce began.", [("two-week", "duration", 2, 2, 2, "exact", "week", None)]),
    (
        "The convoy was attacked on June 1.",
        [("June 1", "date", None, None, None, "exact", None, "--06-01")],
    ),
    (
        "Elections are set for 1 June 2018.",
        [("1 June 2018", "date", None, None, None, "exact", None, "2018-06-01")],
    ),
    (
        "The offensive started on March 15, 2016.",
        [("March 15, 2016", "date", None, None, None, "exact", None, "2016-03-15")],
    ),
    (
        "The law was passed in June 2018.",
        [("June 2018", "date", None, None, None, "exact", None, "2018-06")],
    ),
    ("He was born in 1958.", [("1958", "date", None, None, None, "exact", None, "1958")]),
    (
        "The conflict began in 2011 and escalated in 2014.",
        [
            ("2011", "date", None, None, None, "exact", None, "2011"),
            ("2014", "date", None, None, None, "exact", None, "2014"),
        ],
    ),
    (
        "The fund pledged $3 million for reconstruction.",
        [("$3 million", "money", 3000000, 3000000, 3000000, "exact", "USD", None)],
    ),
    (
        "The EU gave €2.5bn in aid.",
        [("€2.5bn", "money", 2500000000, 2500000000, 2500000000, "exact", "EUR", None)],
    ),
    (
        "A bag of bread costs SYP 500 now.",
        [("SYP 500", "money", 500, 500, 500, "exact", "SYP", None)],
    ),
    (
        "The bank lent 3,000 Syrian pounds to each family.",
        [("3,000 Syrian pounds", "money", 3000, 3000, 3000, "exact", "SYP", None)],
    ),
    (
        "The budget is $1.2 billion.",
        [("$1.2 billion", "money", 1200000000, 1200000000, 1200000000, "exact", "USD", None)],
    ),
    (
        "Prices rose 15 percent last year.",
        [("15 percent", "percent", 15, 15, 15, "exact", "percent", None)],
    ),
    ("Turnout reached 62%.", [("62%", "percent", 62, 62, 62, "exact", "percent", None)]),
    (
        "Half of the population needs aid.",
        [("Half", "percent", 50, 50, 50, "exact", "percent", None)],
    ),
    (
        "Two-thirds of the city lies in ruins.",
        [("Two-thirds", "percent", 66.67, 66.67, 66.67, "exact", "percent", None)],
    ),
    (
        "The village is 40 km from the front.",
        [("40 km", "distance", 40, 40, 40, "exact", "km", None)],
    ),
    (
        "The rockets flew 10 miles into the territory.",
        [("10 miles", "distance", 10, 10, 10, "exact", "mi", None)],
    ),
    (
        "A total of 21 people were wounded.",
        [("21 people", "count", 21, 21, 21, "exact", "person", None)],
    ),
    (
        "The strike killed 15, officials said.",
        [("15", "count", 15, 15, 15, "exact", "person", None)],
    ),
    (
        "Over 100 rocket attacks were recorded.",
        [("Over 100 rocket attacks", "count", 100, 100, None, "more_than", "attack", None)],
    ),
    ("The wall is 5 metres high.", [("5 metres", "distance", 5, 5, 5, "exact", "m", None)]),
    ("He sold 20 tonnes of wheat.", [("20 tonnes", "other", 20, 20, 20, "exact", "t", None)]),
    (
        "The company hired 1.5 million workers.",
        [("1.5 million workers", "count", 1500000, 1500000, 1500000, "exact", "worker", None)],
    ),
    ("First, the army must secure the road.", []),
    ("One of the commanders was killed.", []),
    ("No one was hurt in the blast.", []),
    ("Several villages were shelled.", []),
    ("Many residents fled the city.", []),
    ("Dozens of homes were damaged.", []),
    ("Tens of thousands of people marched.", []),
    ("Thousands of civilians fled.", []),
    ("On Monday, the army advanced.", []),
    ("The Vision 2030 plan was announced.", []),
    ("Resolution 2254 calls for elections.", []),
    ("A sixth person died in hospital.", []),
    ("Both sides claimed victory.", []),
    ("The F-16 jets returned to base.", []),
    ("The meeting starts at 5 pm.", []),
    ("The COVID-19 pandemic hit the region.", []),
    ("Call 555-0100 for details.", []),
    ("A number of soldiers deserted.", []),
    (
        "One soldier was killed in the ambush.",
        [("One soldier", "count", 1, 1, 1, "exact", "soldier", None)],
    ),
    (
        "The army lost a third of its tanks.",
        [("a third", "percent", 33.33, 33.33, 33.33, "exact", "percent", None)],
    ),
    (
        "Each of the three brothers was detained.",
        [("three brothers", "count", 3, 3, 3, "exact", "brother", None)],
    ),
    ("The strike on the 3rd floor hurt nobody.", []),
    ("The loaf now costs 50 cents.", [("50 cents", "money", 0.5, 0.5, 0.5, "exact", "USD", None)]),
    (
        "Officials put the damage at US$5 million.",
        [("US$5 million", "money", 5000000, 5000000, 5000000, "exact", "USD", None)],
    ),
    (
        "Between 1.2 and 1.5 million refugees returned.",
        [
            (
                "Between 1.2 and 1.5 million refugees",
                "count",
                None,
                1200000,
                1500000,
                "range",
                "refugee",
                None,
            )
        ],
    ),
    (
        "He spent two-and-a-half years in prison.",
        [("two-and-a-half years", "duration", 2.5, 2.5, 2.5, "exact", "year", None)],
    ),
    (
        "As many as 300 fighters surrendered.",
        [("As many as 300 fighters", "count", 300, None, 300, "at_most", "fighter", None)],
    ),
    (
        "No more than 20 trucks were allowed in.",
        [("No more than 20 trucks", "count", 20, None, 20, "at_most", "truck", None)],
    ),
    (
        "Nearly half of the fighters left.",
        [("Nearly half", "percent", 50, None, None, "approx", "percent", None)],
    ),
    (
        "The talks resumed on 3 March.",
        [("3 March", "date", None, None, None, "exact", None, "--03-03")],
    ),
]
FIELDS = ("text", "kind", "value", "low", "high", "qualifier", "unit", "date")


def rows_of(sentence: str) -> list[dict]:
    figures = find_figures(sentence, Span(0, len(sentence)))
    return [
        {
            "text": f.span.text_of(sentence),
            "kind": f.kind,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "unit": f.unit,
            "date": f.date,
        }
        for f in figures
    ]


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-3)
    return a == b


@pytest.mark.parametrize(("sentence", "expected"), PHRASES, ids=[p[0][:40] for p in PHRASES])
def test_phrase_gives_the_expected_figures(sentence, expected):
    got = rows_of(sentence)
    assert [g["text"] for g in got] == [e[0] for e in expected]
    for row, want in zip(got, expected, strict=True):
        wrong = {
            name: (row[name], value)
            for name, value in zip(FIELDS, want, strict=True)
            if not same(row[name], value)
        }
        assert not wrong, f"{sentence!r}: (got, expected) {wrong}"


def test_the_table_has_at_least_60_phrases_and_negatives():
    assert len(PHRASES) >= 60
    assert sum(1 for _, expected in PHRASES if not expected) >= 15


def test_offsets_are_into_the_whole_document():
    text = "Header line\nThe army lost 12 tanks.\nI saw 3 more tanks!"
    comment = Span(text.index("I saw"), len(text))
    (figure,) = find_figures(text, comment)
    assert figure.span.text_of(text) == "3 more tanks"
    assert figure.unit == "tank"
    assert comment.contains(figure.span)


def test_an_elided_noun_takes_the_unit_of_the_figure_before_it():
    text = "The attack killed 12 soldiers and wounded at least 30.\nLater, 5 more died."
    units = [f.unit for f in find_figures(text, Span(0, len(text)))]
    assert units == ["soldier", "soldier", "soldier"]


def test_superscripts_and_other_digit_like_characters_are_not_numbers():
    """Found by hypothesis: "¹" passes str.isdigit() but int() refuses it."""
    text = "Note¹ and ² and ³ and 1 June."
    assert [f.date for f in find_figures(text, Span(0, len(text)))] == ["--06-01"]


def test_a_capitalised_word_before_a_number_makes_it_part_of_a_name():
    text = "Flight 17 crashed. Officials said Resolution 2254 failed."
    assert find_figures(text, Span(0, len(text))) == []


def test_an_elided_noun_with_nothing_before_it_counts_people():
    text = "Officials said more than 40 were wounded."
    (figure,) = find_figures(text, Span(0, len(text)))
    assert (figure.unit, figure.qualifier, figure.low, figure.high) == (
        "person",
        "more_than",
        40,
        None,
    )


def test_bounds_follow_the_low_best_high_convention():
    text = (
        "More than 5 died. At least 6 died. Fewer than 7 died. Up to 8 died. "
        "About 9 died. Exactly 10 died. From 11 to 12 died."
    )
    got = {f.qualifier: (f.value, f.low, f.high) for f in find_figures(text, Span(0, len(text)))}
    assert got == {
        "more_than": (5, 5, None),
        "at_least": (6, 6, None),
        "less_than": (7, None, 7),
        "at_most": (8, None, 8),
        "approx": (9, None, None),
        "exact": (10, 10, 10),
        "range": (None, 11, 12),
    }


def test_a_build_fills_figures_with_their_comment(tmp_path):
    article = (
        "The ministry said 40 trucks crossed on June 1.\n"
        "The convoy carried food, blankets and medicine for the families who fled the "
        "fighting in the hills last winter, and aid workers unloaded it at the border "
        "crossing before the roads closed for the night, when the guards changed and "
        "the gates were locked.\n"
    )
    comment = "I counted 12 trucks myself, honestly!\n"
    reply = "Did you? They told us 40!\n"
    seeds = write_seeds(tmp_path / "seeds", {"convoy": article + comment + reply})
    build(seeds, tmp_path / "out")
    figures = read_package(tmp_path / "out" / "datapackage.json").load("figures")
    rows = figures.select("text", "kind", "comment_id").rows()
    assert rows == [
        ("40 trucks", "count", None),
        ("June 1", "date", None),
        ("12 trucks", "count", f"convoy#char={len(article)},{len(article + comment) - 1}"),
        (
            "40",
            "count",
            f"convoy#char={len(article + comment)},{len(article + comment + reply) - 1}",
        ),
    ]


def test_development_corpus_figures_strict_f1_and_value_accuracy(corpus_package):
    """Quality gate from the figures issue: strict F1 >= 0.90, value accuracy >= 0.98."""
    assert CORPUS.is_dir()
    figures = evaluate(corpus_package, GOLD).tables["figures"].to_dict()
    assert figures["strict"]["f1"] >= 0.90
    assert figures["accuracy"]["value"] >= 0.98


def test_inflect_loads_without_typeguard_left_behind():
    """inflect is imported past typeguard's instrumentation (2 s per process), and the
    stand-in never outlives that import: a later `import typeguard` is the real one."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from tidynews.pipeline.figures.units import singular\n"
        "assert [singular(w) for w in ('people', 'fighters', 'families')] == "
        "['person', 'fighter', 'family'], 'singulars'\n"
        "assert 'typeguard' not in sys.modules, 'stand-in left in sys.modules'\n"
        "import typeguard\n"
        "assert hasattr(typeguard, 'check_type'), 'real typeguard'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
