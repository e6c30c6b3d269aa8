"""Fuzzy dates: strict parsing, formatting in both languages, round trips and sort order."""

from datetime import date

import pytest

from partnership.fuzzydate import FuzzyDate, FuzzyDateError, Precision, parse_fuzzy_date

D, M, Q, Y = Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.YEAR
SEP_24 = (date(2023, 9, 24), date(2023, 9, 24), D)
SEP_24_29 = (date(2023, 9, 24), date(2023, 9, 29), D)
FEB_2024 = (date(2024, 2, 1), date(2024, 2, 29), M)
Q1_2024 = (date(2024, 1, 1), date(2024, 3, 31), Q)
YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31), Y)

VALID = {
    # single days
    "24.09.2023": SEP_24,
    "24.9.2023": SEP_24,
    "2023-09-24": SEP_24,
    "24. September 2023": SEP_24,
    "24 September 2023": SEP_24,
    "24. Sept. 2023": SEP_24,
    "24 Sep 2023": SEP_24,
    "September 24, 2023": SEP_24,
    "24 September, 2023": SEP_24,
    "Sept 24 2023": SEP_24,
    "24th September 2023": SEP_24,
    "24/09/2023": SEP_24,
    "10/10/2023": (date(2023, 10, 10), date(2023, 10, 10), D),
    " 24.\u00a009.  2023 ": SEP_24,
    "24. SEPTEMBER 2023": SEP_24,
    "29.02.2024": (date(2024, 2, 29), date(2024, 2, 29), D),
    # day ranges
    "24.–29. September 2023": SEP_24_29,
    "24.-29. September 2023": SEP_24_29,
    "24. bis 29. September 2023": SEP_24_29,
    "24.–29.09.2023": SEP_24_29,
    "24–29 September 2023": SEP_24_29,
    "September 24–29, 2023": SEP_24_29,
    "24.09.2023 – 29.09.2023": SEP_24_29,
    "24.09.2023-29.09.2023": SEP_24_29,
    "2023-09-24 – 2023-09-29": SEP_24_29,
    "2023-09-24/2023-09-29": SEP_24_29,
    "24 to 29 September 2023": SEP_24_29,
    "28. September – 2. Oktober 2023": (date(2023, 9, 28), date(2023, 10, 2), D),
    "September 28 – October 2, 2023": (date(2023, 9, 28), date(2023, 10, 2), D),
    "30.12.2023 – 02.01.2024": (date(2023, 12, 30), date(2024, 1, 2), D),
    # months
    "Februar 2024": FEB_2024,
    "Feb 2024": FEB_2024,
    "Feb. 2024": FEB_2024,
    "February 2024": FEB_2024,
    "02/2024": FEB_2024,
    "2/2024": FEB_2024,
    "02.2024": FEB_2024,
    "2024-02": FEB_2024,
    "März 2024": (date(2024, 3, 1), date(2024, 3, 31), M),
    "Maerz 2024": (date(2024, 3, 1), date(2024, 3, 31), M),
    "Mrz 2024": (date(2024, 3, 1), date(2024, 3, 31), M),
    "Jänner 2024": (date(2024, 1, 1), date(2024, 1, 31), M),
    "Juni–August 2024": (date(2024, 6, 1), date(2024, 8, 31), M),
    "Juni bis August 2024": (date(2024, 6, 1), date(2024, 8, 31), M),
    "Nov 2023 – Feb 2024": (date(2023, 11, 1), date(2024, 2, 29), M),
    # quarters
    "Q1 2024": Q1_2024,
    "Q1/2024": Q1_2024,
    "2024-Q1": Q1_2024,
    "2024 Q1": Q1_2024,
    "1. Quartal 2024": Q1_2024,
    "q3 2023": (date(2023, 7, 1), date(2023, 9, 30), Q),
    "Q1–Q2 2024": (date(2024, 1, 1), date(2024, 6, 30), Q),
    "Q4 2023 – Q1 2024": (date(2023, 10, 1), date(2024, 3, 31), Q),
    # years
    "2022": (date(2022, 1, 1), date(2022, 12, 31), Y),
    "2022–2024": (date(2022, 1, 1), date(2024, 12, 31), Y),
    "2022-2024": (date(2022, 1, 1), date(2024, 12, 31), Y),
    "2022 bis 2024": (date(2022, 1, 1), date(2024, 12, 31), Y),
}

TENTATIVE = {
    "voraussichtlich Februar 2024": FEB_2024,
    "Voraussichtlich 24.09.2023": SEP_24,
    "vsl. Feb 2024": FEB_2024,
    "vorauss. Q1 2024": Q1_2024,
    "ca. 2024": YEAR_2024,
    "circa 2024": YEAR_2024,
    "etwa 2024": YEAR_2024,
    "ungefähr 2024": YEAR_2024,
    "probably February 2024": FEB_2024,
    "expected Q1 2024": Q1_2024,
    "approx. 2024": YEAR_2024,
    "approximately 2024": YEAR_2024,
    "about 2024": YEAR_2024,
    "Around 2024": YEAR_2024,
    "~2024": YEAR_2024,
    "~ 24.–29. September 2023": SEP_24_29,
    "Februar 2024?": FEB_2024,
    "Februar 2024 ?": FEB_2024,
}

ALL_VALID = list(VALID) + list(TENTATIVE)

INVALID = {
    "": "Enter a date",
    "   ": "Enter a date",
    "abc": "not a date I can read",
    "ca.": "missing",
    # vague forms name the word and say what to write instead
    "Anfang März 2024": "“Anfang” is too vague",
    "Mitte 2024": "“Mitte”",
    "Ende 2023": "“Ende”",
    "early March 2024": "“early”",
    "mid 2024": "“mid”",
    "mid-2024": "“mid”",
    "late 2023": "“late”",
    "end of 2023": "“end”",
    "Sommer 2024": "“Sommer”",
    "Frühjahr 2024": "“Frühjahr”",
    "Herbst 2023": "“Herbst”",
    "Winter 2023": "“Winter”",
    "summer 2024": "“summer”",
    "spring 2024": "“spring”",
    "autumn 2023": "“autumn”",
    "fall 2023": "“fall”",
    "H1 2024": "Q1–Q2 2024",
    "1. Halbjahr 2024": "“Halbjahr”",
    # impossible dates
    "31.02.2024": "‘31.02.2024’: February 2024 has no day 31.",
    "32.01.2024": "January 2024 has no day 32",
    "2024-02-30": "February 2024 has no day 30",
    "29.02.2023": "February 2023 has no day 29",
    "13/2024": "no month 13",
    "2024-13": "no month 13",
    "Q5 2024": "no quarter 5",
    "Foo 2024": "“Foo” is not a month",
    "1799": "between 1800 and 2200",
    "2201": "between 1800 and 2200",
    # incomplete or guessable
    "24.09.": "year is missing",
    "September 24": "year is missing",
    "24": "month and the year are missing",
    "24.09.23": "four digits",
    "Feb 24": "year is missing",
    "09/10/2023": "ambiguous",
    "10/09/2023": "Write 10.09.2023 or 2023-09-10",
    "09/24/2023": "ambiguous",
    "2023/2024": "not a date I can read",
    # ranges
    "29.–24. September 2023": "before the start",
    "2023-09-24 – 2023-09-20": "before the start",
    "Nov – Feb 2024": "before the start",
    "September 2023 – 15.10.2023": "same precision",
    "2023 – Q1 2024": "same precision",
    "24.09.2023 – 29.09.": "year is missing",
    "24.09.2023 –": "not a date I can read",
    ",2024,": "not a date I can read",
}


@pytest.mark.parametrize("text", list(VALID))
def test_parses_valid_input(text):
    start, end, precision = VALID[text]
    assert parse_fuzzy_date(text) == FuzzyDate(start, end, precision, tentative=False)


@pytest.mark.parametrize("text", list(TENTATIVE))
def test_parses_tentative_input(text):
    start, end, precision = TENTATIVE[text]
    assert parse_fuzzy_date(text) == FuzzyDate(start, end, precision, tentative=True)


@pytest.mark.parametrize("text", list(INVALID))
def test_rejects_with_a_specific_message(text):
    with pytest.raises(FuzzyDateError) as caught:
        parse_fuzzy_date(text)
    assert INVALID[text] in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_vague_words_suggest_what_to_write():
    with pytest.raises(FuzzyDateError, match="Write the months instead"):
        parse_fuzzy_date("Sommer 2024")


@pytest.mark.parametrize("text", ALL_VALID)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_format_round_trips(text, lang):
    parsed = parse_fuzzy_date(text)
    assert parse_fuzzy_date(parsed.format(lang)) == parsed


FORMATS = [
    ("24.09.2023", "24 September 2023", "24. September 2023"),
    ("24.09.2023 – 29.09.2023", "24–29 September 2023", "24.–29. September 2023"),
    ("28.09.2023 – 02.10.2023", "28 September – 2 October 2023", "28. September – 2. Oktober 2023"),
    (
        "30.12.2023 – 02.01.2024",
        "30 December 2023 – 2 January 2024",
        "30. Dezember 2023 – 2. Januar 2024",
    ),
    ("02/2024", "February 2024", "Februar 2024"),
    ("03.2024", "March 2024", "März 2024"),
    ("Jun–Aug 2024", "June–August 2024", "Juni–August 2024"),
    ("Nov 2023 – Feb 2024", "November 2023 – February 2024", "November 2023 – Februar 2024"),
    ("2024-Q1", "Q1 2024", "Q1 2024"),
    ("Q1–Q2 2024", "Q1–Q2 2024", "Q1–Q2 2024"),
    ("Q4 2023 – Q1 2024", "Q4 2023 – Q1 2024", "Q4 2023 – Q1 2024"),
    ("2022", "2022", "2022"),
    ("2022-2024", "2022–2024", "2022–2024"),
    ("vsl. Feb 2024", "probably February 2024", "voraussichtlich Februar 2024"),
    (
        "ca. 24.–29.09.2023",
        "probably 24–29 September 2023",
        "voraussichtlich 24.–29. September 2023",
    ),
    ("2022 bis 2024?", "probably 2022–2024", "voraussichtlich 2022–2024"),
]


@pytest.mark.parametrize(("text", "english", "german"), FORMATS)
def test_formats_at_own_precision(text, english, german):
    parsed = parse_fuzzy_date(text)
    assert parsed.format("en") == english
    assert parsed.format() == english
    assert str(parsed) == english
    assert parsed.format("de") == german


def test_format_rejects_unknown_language():
    with pytest.raises(ValueError, match="fr"):
        parse_fuzzy_date("2024").format("fr")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24.09.2023", False),
        ("24.–29. September 2023", True),
        ("Februar 2024", False),
        ("Juni–August 2024", True),
        ("Q1 2024", False),
        ("Q1–Q2 2024", True),
        ("2022", False),
        ("2022–2024", True),
    ],
)
def test_is_range(text, expected):
    assert parse_fuzzy_date(text).is_range is expected


def test_sort_order():
    expected = [
        "Juni 2023",
        "24.–29. September 2023",
        "30. September 2023",
        "September 2023",
        "Q3 2023",
        "2023",
        "voraussichtlich Februar 2024",
    ]
    dates = [parse_fuzzy_date(text) for text in reversed(expected)]
    ordered = sorted(dates, key=lambda value: (value.sort_key, value.precision_rank))
    assert [value.format("de") for value in ordered] == expected


def test_sort_key_and_rank():
    day = parse_fuzzy_date("24.–29. September 2023")
    month = parse_fuzzy_date("September 2023")
    assert day.sort_key == date(2023, 9, 24)
    assert month.sort_key == date(2023, 9, 30)
    ranks = [parse_fuzzy_date(t).precision_rank for t in ("1.1.2024", "1/2024", "Q1 2024", "2024")]
    assert ranks == [0, 1, 2, 3]


def test_from_parts_rebuilds_stored_columns():
    rebuilt = FuzzyDate.from_parts(date(2024, 2, 1), date(2024, 2, 29), "month", True)
    assert rebuilt == parse_fuzzy_date("voraussichtlich Februar 2024")
    assert rebuilt.precision is Precision.MONTH
    assert FuzzyDate.from_parts(None, None, None, False) is None
    single = FuzzyDate.from_parts(date(2023, 9, 24), None, Precision.DAY, None)
    assert single == parse_fuzzy_date("24.09.2023")
    assert single.end == single.start
