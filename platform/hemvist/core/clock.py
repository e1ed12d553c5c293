"""Today's date, in one place the tests can move.

Everything in the dialogue that depends on the date (defaults, "overdue", "3 days ago", the digest's due
list) asks ``clock.today()`` through the module, never ``date.today()`` itself, so that a test can
monkeypatch ``hemvist.core.clock.today`` — also in a live server thread of the same process — and see
what a coordinator sees three months later, without sleeping or a date parameter in any URL.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from zoneinfo import ZoneInfo

# Every municipality on the service is Swedish; the same zone the pages show times in.
SWEDEN = ZoneInfo("Europe/Stockholm")


def today() -> date:
    return date_in_sweden(datetime.now(SWEDEN))


def date_in_sweden(moment: datetime) -> date:
    """The date in Sweden at ``moment`` (an aware datetime in any zone)."""
    return moment.astimezone(SWEDEN).date()


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
