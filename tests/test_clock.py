"""The application's date is Sweden's, whatever zone the server's clock runs in."""

from datetime import UTC, date, datetime

from hemvist.core.clock import date_in_sweden


def test_late_evening_in_utc_is_already_tomorrow_in_sweden():
    # 23:30 UTC on New Year's Eve is 00:30 on 1 January in Sweden (winter time, UTC+1): this year's quota.
    assert date_in_sweden(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)
    # 22:30 UTC on Midsummer Eve is 00:30 the next day in summer time (UTC+2).
    assert date_in_sweden(datetime(2026, 6, 19, 22, 30, tzinfo=UTC)) == date(2026, 6, 20)
    assert date_in_sweden(datetime(2026, 6, 19, 21, 30, tzinfo=UTC)) == date(2026, 6, 19)
