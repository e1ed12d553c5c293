"""Numbers, dates and kronor in the reader's locale, through the Jinja filters templates use.

Babel separates thousands in Swedish with a no-break space (U+00A0; some CLDR versions use the narrow
U+202F): either is right, an ordinary space is not, since it lets a figure break across two lines.
The formats do not depend on the database, so these run on SQLite only.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from flask import render_template_string

pytestmark = pytest.mark.parametrize("database_template", ["sqlite"], indirect=True)

NO_BREAK = "[\u00a0\u202f]"  # no-break space or narrow no-break space


def render(expression: str, **values) -> str:
    return render_template_string("{{ " + expression + " }}", **values)


def test_the_request_contexts_are_in_the_asked_locale(request_in):
    with request_in(None) as locale:
        assert locale == "sv"
    with request_in("en") as locale:
        assert locale == "en"


@pytest.mark.parametrize(
    ("value", "swedish", "english"),
    [
        (33906, rf"33{NO_BREAK}906", "33,906"),
        (1234567, rf"1{NO_BREAK}234{NO_BREAK}567", "1,234,567"),
        (1234.5, rf"1{NO_BREAK}234,5", "1,234.5"),
        (120, "120", "120"),
    ],
)
def test_number(request_in, value, swedish, english):
    with request_in("sv"):
        assert re.fullmatch(swedish, render("value|number", value=value))
    with request_in("en"):
        assert render("value|number", value=value) == english


def test_date(request_in):
    day = date(2025, 3, 7)
    with request_in("sv"):
        assert render("day|date", day=day) == "7 mars 2025"
        assert render("day|date('short')", day=day) == "2025-03-07"
    with request_in("en"):
        assert render("day|date", day=day) == "7 Mar 2025"


@pytest.mark.parametrize(
    ("amount", "swedish", "english"),
    [
        (7900, rf"7{NO_BREAK}900{NO_BREAK}kr", rf"SEK{NO_BREAK}7,900"),
        (1234567, rf"1{NO_BREAK}234{NO_BREAK}567{NO_BREAK}kr", rf"SEK{NO_BREAK}1,234,567"),
        (0, rf"0{NO_BREAK}kr", rf"SEK{NO_BREAK}0"),
        (7900.4, rf"7{NO_BREAK}900{NO_BREAK}kr", rf"SEK{NO_BREAK}7,900"),  # whole kronor
    ],
)
def test_sek(request_in, amount, swedish, english):
    with request_in("sv"):
        assert re.fullmatch(swedish, render("amount|sek", amount=amount))
    with request_in("en"):
        assert re.fullmatch(english, render("amount|sek", amount=amount))


def test_sek_of_nothing_is_empty(request_in):
    for locale in ("sv", "en"):
        with request_in(locale):
            assert render("amount|sek", amount=None) == ""


def test_swedish_is_the_default_for_formats_too(request_in):
    with request_in(None):
        assert re.fullmatch(rf"33{NO_BREAK}906", render("value|number", value=33906))
        assert render("day|date", day=date(2025, 3, 7)) == "7 mars 2025"
        assert re.fullmatch(rf"7{NO_BREAK}900{NO_BREAK}kr", render("amount|sek", amount=7900))


def test_english_dates_put_the_day_first(request_in):
    """English is read in Sweden: never the American month-first order, in which 12/7 is 7 December."""
    moment = datetime(2026, 12, 7, 14, 16, tzinfo=UTC)  # 15:16 in Stockholm
    with request_in("en"):
        assert render("day|date", day=date(2026, 12, 7)) == "7 Dec 2026"
        assert render("day|date('short')", day=date(2026, 12, 7)) == "07/12/2026"
        assert render("moment|datetime('short')", moment=moment) == "07/12/2026, 15:16"
    with request_in("sv"):
        assert render("moment|datetime('short')", moment=moment) == "2026-12-07 15:16"
