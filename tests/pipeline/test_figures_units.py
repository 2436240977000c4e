"""What a figure measures: the counted noun, physical units (pint), currencies (ISO 4217)."""

from __future__ import annotations

import math

import pytest

from tidynews.pipeline.figures import find_figures
from tidynews.pipeline.spans import Span


def _figures(text: str) -> list[tuple[str, str, float | None, float | None, float | None, str]]:
    return [
        (text[f.span.start : f.span.end], f.kind, f.value, f.low, f.high, f.unit or "")
        for f in find_figures(text, Span(0, len(text)))
    ]


def _one(text: str) -> tuple[str, str, float | None, float | None, float | None, str]:
    found = _figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Troops killed 6 ISIS militants near the town.", "militant"),
        ("There were 1,500 fighters and commanders in the city.", "fighter"),
        ("Officials said five Americans were detained.", "american"),
        ("The company makes a six-cylinder engine.", "cylinder"),
    ],
)
def test_unit_is_the_head_noun_past_names(sentence: str, unit: str) -> None:
    assert _one(sentence)[5] == unit


@pytest.mark.parametrize("word", ["missing", "injured", "dead"])
def test_a_participle_standing_for_people_counts_people(word: str) -> None:
    # a figure before it sets no unit for the elided noun: these are people
    text, kind, _, _, _, unit = _figures(f"Three houses burned and 100 {word} were reported.")[1]
    assert (text, kind, unit) == ("100", "count", "person")


@pytest.mark.parametrize(
    ("sentence", "span", "kind", "value", "unit"),
    [
        ("The road is 40 kilometres long.", "40 kilometres", "distance", 40, "km"),
        ("It stored 5.5kWh of energy.", "5.5kWh", "other", 5.5, "kWh"),
        ("The fire covered 4 square kilometers.", "4 square kilometers", "other", 4, "km2"),
        ("It reached 45 degrees Celsius on Monday.", "45 degrees Celsius", "other", 45, "°C"),
        ("It was 30 C outside.", "30 C", "other", 30, "°C"),
        ("The dose was 14 mGy.", "14 mGy", "other", 14, "mGy"),
        ("A 500-pound bomb fell.", "500-pound", "other", 500, "lb"),
        ("Police seized two pounds of cocaine.", "two pounds", "other", 2, "lb"),
        ("The engine makes 300 pound-feet of torque.", "300 pound", "other", 300, "lb"),
        ("The well pumps 500 barrels a day.", "500 barrels", "other", 500, "bbl"),
        ("It took 3 hrs to arrive.", "3 hrs", "duration", 3, "hour"),
    ],
)
def test_physical_units_come_from_the_unit_registry(
    sentence: str, span: str, kind: str, value: float, unit: str
) -> None:
    got = _one(sentence)
    assert (got[0], got[1], got[5]) == (span, kind, unit)
    assert got[2] is not None and math.isclose(got[2], value)


@pytest.mark.parametrize(
    "sentence",
    ["Ten points were scored.", "The two hands shook.", "He filed 13F forms."],
)
def test_english_words_pint_knows_are_not_units(sentence: str) -> None:
    assert all(kind in ("count",) for _, kind, *_ in _figures(sentence))


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("It raised HK$ 10 million.", 10e6, "HKD"),
        ("It raised HK$10 million.", 10e6, "HKD"),
        ("The deal is worth A$5 billion.", 5e9, "AUD"),
        ("The deal is worth US$3 billion.", 3e9, "USD"),
        ("The deal is worth C$4 million.", 4e6, "CAD"),
        ("The firm paid c $ 16.4 million.", 16.4e6, "CAD"),
        ("It costs 10 €.", 10, "EUR"),
        ("It cost £5 and ¥300.", 5, "GBP"),
        ("She paid 500 Swiss francs.", 500, "CHF"),
        ("He paid 420 million Finnish markka.", 420e6, "FIM"),
        ("It sold for 100 Chinese yuan.", 100, "CNY"),
        ("It sold for 40 rmb.", 40, "CNY"),
        ("The fine was 25 pounds sterling.", 25, "GBP"),
        ("They paid 1,000 zloty.", 1000, "PLN"),
        ("Revenue was 120 MEUR.", 120e6, "EUR"),
        ("Revenue was 75 USD million.", 75e6, "USD"),
        ("The deal was worth $A 5 million.", 5e6, "AUD"),
        ("He paid $US 5 million.", 5e6, "USD"),
    ],
)
def test_currencies_are_iso_4217_codes(sentence: str, value: float, unit: str) -> None:
    _, kind, got, _, _, code = _figures(sentence)[0]
    assert (kind, code) == ("money", unit)
    assert got is not None and math.isclose(got, value)


def test_a_dollar_after_the_article_is_us_dollars() -> None:
    assert _one("They signed a $5 million deal.")[5] == "USD"


def test_syrian_soldiers_are_no_currency() -> None:
    assert _one("He said 10 Syrian soldiers died.")[1] == "count"


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        ("Rates rose between 5% and 6% this year.", 5, 6, "percent"),
        ("A dose of 44 mg to 50 mg was given.", 44, 50, "mg"),
        ("The wall is eight to 10 feet tall.", 8, 10, "ft"),
        ("The tower is 8- to 16-meter tall.", 8, 16, "m"),
    ],
)
def test_ranges_with_units_on_both_ends(sentence: str, low: float, high: float, unit: str) -> None:
    _, _, value, got_low, got_high, got_unit = _one(sentence)
    assert (value, got_low, got_high, got_unit) == (None, low, high, unit)


def test_a_change_to_another_quantity_is_no_range() -> None:
    found = _figures("Sales rose 8% to $13.18 billion.")
    assert [(f[1], f[5]) for f in found] == [("percent", "percent"), ("money", "USD")]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The bank cut rates by 25 basis points.", "basis point"),
        ("Support fell 3 percentage points.", "percentage point"),
    ],
)
def test_points_of_a_percentage(sentence: str, unit: str) -> None:
    _, kind, _, _, _, got = _one(sentence)
    assert (kind, got) == ("percent", unit)


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Brent rose to $80 a barrel.", "USD/barrel"),
        ("Workers earn $15 an hour.", "USD/hour"),
        ("Shares closed at 470 pence a share.", "GBP/share"),
        ("Wheat sold for $300 per tonne.", "USD/tonne"),
    ],
)
def test_money_paid_per_something_is_a_rate(sentence: str, unit: str) -> None:
    assert _one(sentence)[5] == unit


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The rifle fires 7.62mm rounds.", 7.62, "mm"),
        ("The wall is 1.8m high.", 1.8, "m"),
        ("The fund raised €10M last year.", 10e6, "EUR"),
        ("Debt reached $2.174T in March.", 2.174e12, "USD"),
        ("The fee was USD115 per night.", 115, "USD/night"),
        ("They shipped 25 lakh tonnes of rice.", 2.5e6, "t"),
        ("It was 34.5 celcius at noon.", 34.5, "°C"),
    ],
)
def test_units_and_scales_glued_to_the_digits(sentence: str, value: float, unit: str) -> None:
    _, _, got, _, _, got_unit = _one(sentence)
    assert got_unit == unit
    assert got is not None and math.isclose(got, value)


def test_an_identifier_glued_to_letters_is_still_no_figure() -> None:
    assert _figures("The F-16 and the 777F flew.") == []


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit"),
    [
        ("Then add 1/2 cup of sugar.", "other", 0.5, "cup"),
        ("Then add ½ tbsp of salt.", "other", 0.5, "tbsp"),
        ("The pipe is 2 1/2 inches wide.", "distance", 2.5, "in"),
        ("They walked approximately one-half miles.", "distance", 0.5, "mi"),
        ("Exactly one sixth voted no.", "percent", 16.67, "percent"),
        ("More than 1/2 voted no.", "percent", 50, "percent"),
        ("It has half a million residents.", "count", 5e5, "resident"),
        ("Two and a half million people fled.", "count", 2.5e6, "person"),
    ],
)
def test_fractions(sentence: str, kind: str, value: float, unit: str) -> None:
    _, got_kind, got, _, _, got_unit = _one(sentence)
    assert (got_kind, got_unit) == (kind, unit)
    assert got is not None and math.isclose(got, value, rel_tol=1e-3)


def test_more_than_half_is_a_share() -> None:
    assert _one("Turnout was more than half.")[1:] == ("percent", 50, 50, None, "percent")


def test_a_date_or_a_round_the_clock_service_is_no_fraction() -> None:
    assert _figures("The shop is open 24/7.") == []


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit"),
    [
        ("It cost 3 dollars 50 cents.", "money", 3.5, "USD"),
        ("It cost thirteen dollars and forty-five cents.", "money", 13.45, "USD"),
        ("He bought a 12-cent stamp.", "money", 0.12, "USD"),
        ("Prices fell by minus five percent.", "percent", -5, "percent"),
        ("It was -15 degrees Celsius.", "other", -15, "°C"),
        ("The prize was 10 000 dollars.", "money", 10000, "USD"),
        ("She died aged 87 at home.", "duration", 87, "year"),
        ("They sold it for rmb 10 each.", "money", 10, "CNY"),
    ],
)
def test_compound_negative_and_grouped_amounts(
    sentence: str, kind: str, value: float, unit: str
) -> None:
    _, got_kind, got, _, _, got_unit = _one(sentence)
    assert (got_kind, got_unit) == (kind, unit)
    assert got is not None and math.isclose(got, value, rel_tol=1e-3)


def test_money_then_a_count_is_two_figures() -> None:
    found = _figures("They paid 15 dollars and 50 soldiers came.")
    assert [(f[2], f[5]) for f in found] == [(15, "USD"), (50, "soldier")]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("We mourn the four brave Americans we lost.", "american"),
        ("In 1990 he defaulted on his loans.", None),
    ],
)
def test_news_words_that_look_like_units(sentence: str, unit: str | None) -> None:
    found = _figures(sentence)
    if unit is None:
        assert all(f[1] == "date" for f in found)
    else:
        assert found[0][5] == unit


def test_in_before_a_hyphen_is_no_inch() -> None:
    assert _one("She had two in-person interviews.")[1] == "count"


def test_pint_keeps_its_parsed_definitions_in_the_cache_folder(tmp_path, monkeypatch) -> None:
    """A build process loads pint's definitions from TIDYNEWS_CACHE once they are parsed."""
    from tidynews.pipeline.figures import unitindex

    monkeypatch.setenv("TIDYNEWS_CACHE", str(tmp_path))
    registry = unitindex.registry.__wrapped__()
    assert str(registry.Unit("kilometre")) == "kilometer"
    assert any((tmp_path / "pint").glob("*.pickle"))


def test_pint_parses_its_definitions_when_the_cache_cannot_be_written(
    tmp_path, monkeypatch
) -> None:
    """A read-only or broken cache folder costs time, never the figures."""
    from tidynews.pipeline.figures import unitindex

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TIDYNEWS_CACHE", str(blocked))
    registry = unitindex.registry.__wrapped__()
    assert str(registry.Unit("kilometre")) == "kilometer"
