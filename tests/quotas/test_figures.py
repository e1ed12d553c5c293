"""The official quota figures, computed by hand from the example in ``conftest.py``, and the figures page.

The example as of 15 June 2025, with a quota of 40 for 2025 (persons in brackets):

    A (4)  assigned 2024-12-10, received 2025-01-20      received in 2025 (January), assigned in 2024
    B (1)  assigned 2025-01-15, received 2025-03-01      assigned and received (March) in 2025
    C (5)  assigned 2025-02-01, received 2025-03-20      assigned and received (March) in 2025
    D (3)  self-settled, received 2025-02-10             counts in nothing
    E (3)  assigned 2025-03-01, by 2025-05-01, waiting   assigned in 2025, overdue
    F (2)  assigned 2024-10-01, by 2024-12-01, waiting   assigned in 2024, overdue
    G (2)  assigned 2025-05-20, by 2025-07-20, waiting   assigned in 2025, not yet due
    H (2)  assigned 2025-04-01, by 2025-06-01, received 2025-06-10   assigned and received (June) in 2025
    J (4)  assigned 2023-11-01, received 2024-01-05      received in 2024

2025: assigned   = B 1 + C 5 + E 3 + G 2 + H 2                  = 13
      received   = A 4 + B 1 + C 5 + H 2                        = 12
                   January 4 (A), March 6 (B, C), June 2 (H); households 1, 2, 1
      still      = 40 − 12                                      = 28
      overdue    = E 3 + F 2 (households 2)                     = 5
      months left: June to December                             = 7
      pace       = 28 / 7                                       = 4 persons a month
2024: assigned   = A 4 + F 2 = 6; received = J 4 (January); no quota, the year is over: no pace.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from hemvist.extensions import db
from hemvist.quotas.chart import chart_of, nice_ceiling
from hemvist.quotas.figures import HouseholdRow, months_left, official_figures
from hemvist.quotas.queries import quota_figures
from hemvist.tenancy.binding import bound
from tests.quotas.conftest import EXAMPLE, QUOTA_2025, TODAY, Example, add_households, add_quota

ROWS = [example.row() for example in EXAMPLE]
MONTHS_2025 = (4, 0, 6, 0, 0, 2, 0, 0, 0, 0, 0, 0)
HOUSEHOLDS_2025 = (1, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0)


def test_the_figures_of_2025_as_computed_by_hand():
    figures = official_figures(2025, TODAY, QUOTA_2025, ROWS)
    assert figures.quota == 40
    assert figures.assigned == 13
    assert figures.received == 12
    assert figures.still_to_receive == 28
    assert figures.overdue == 5
    assert figures.overdue_households == 2
    assert figures.received_persons_by_month == MONTHS_2025
    assert figures.received_households_by_month == HOUSEHOLDS_2025
    assert figures.months_left == 7
    assert figures.pace == 4


def test_a_household_assigned_in_december_and_received_in_january_counts_in_each_year_once():
    december = [EXAMPLE[0].row()]  # A: 4 persons, assigned 2024-12-10, received 2025-01-20
    assert (
        official_figures(2024, TODAY, 10, december).assigned,
        official_figures(2024, TODAY, 10, december).received,
    ) == (4, 0)
    assert (
        official_figures(2025, TODAY, 10, december).assigned,
        official_figures(2025, TODAY, 10, december).received,
    ) == (0, 4)


def test_a_self_settled_household_counts_in_nothing():
    self_settled = [EXAMPLE[3].row()]  # D: 3 persons, received 2025-02-10
    figures = official_figures(2025, TODAY, 10, self_settled)
    assert (figures.assigned, figures.received, figures.overdue, figures.still_to_receive) == (0, 0, 0, 10)
    assert sum(figures.received_persons_by_month) == 0
    # The same household arriving by assignment would have counted: 3 received in February.
    assigned = HouseholdRow(date(2025, 1, 5), date(2025, 3, 5), date(2025, 2, 10), 3, True)
    assert official_figures(2025, TODAY, 10, [assigned]).received_persons_by_month[1] == 3


def test_overdue_is_as_of_today_whatever_the_year():
    late = [EXAMPLE[4].row(), EXAMPLE[5].row()]  # E (3) by 2025-05-01, F (2) by 2024-12-01
    # On 1 May 2025 E is due today, not overdue; F has been overdue since December 2024.
    assert official_figures(2025, date(2025, 5, 1), None, late).overdue == 2
    assert official_figures(2025, date(2025, 5, 2), None, late).overdue == 5
    # The year asked for does not matter: overdue is about today.
    assert official_figures(2023, date(2025, 5, 2), None, late).overdue == 5
    # A reception dated after today has not happened yet: still overdue, not yet received.
    tomorrow = HouseholdRow(date(2025, 3, 1), date(2025, 5, 1), date(2025, 6, 16), 3, True)
    figures = official_figures(2025, TODAY, 10, [tomorrow])
    assert (figures.received, figures.overdue) == (0, 3)


def test_still_to_receive_is_never_below_zero():
    figures = official_figures(2025, TODAY, 10, ROWS)  # received 12 of a quota of 10
    assert figures.still_to_receive == 0
    assert figures.pace == 0
    assert figures.progress_value == 10


@pytest.mark.parametrize(
    ("year", "today", "expected"),
    [
        (2025, date(2025, 1, 1), 12),
        (2025, date(2025, 6, 15), 7),
        (2025, date(2025, 12, 31), 1),
        (2026, date(2025, 6, 15), 12),
        (2024, date(2025, 6, 15), None),
    ],
)
def test_months_left_include_the_current_month(year, today, expected):
    assert months_left(year, today) == expected


def test_pace_in_the_current_year_a_future_and_a_past_one():
    # 2025 on 15 June: 28 still to receive over 7 months = 4 a month.
    assert official_figures(2025, TODAY, QUOTA_2025, ROWS).pace == 4
    # 1 December: the same 28 in the one month left.
    assert official_figures(2025, date(2025, 12, 1), QUOTA_2025, ROWS).pace == 28
    # 2026 has not begun: a quota of 24, nothing received, over 12 months = 2 a month.
    assert official_figures(2026, TODAY, 24, ROWS).pace == 2
    # 2024 is over, and a year without a quota has no pace either.
    assert official_figures(2024, TODAY, 30, ROWS).pace is None
    assert official_figures(2025, TODAY, None, ROWS).pace is None


def test_the_figures_of_2024_as_computed_by_hand():
    figures = official_figures(2024, TODAY, None, ROWS)
    assert (figures.assigned, figures.received, figures.overdue) == (6, 4, 5)
    assert figures.received_persons_by_month[0] == 4
    assert (figures.quota, figures.still_to_receive, figures.months_left, figures.pace) == (None, None, None, None)


def test_the_chart_scales_to_the_largest_month_or_the_pace():
    figures = official_figures(2025, TODAY, QUOTA_2025, ROWS)  # months up to 6, even pace 40/12 ≈ 3.3
    chart = chart_of(figures)
    assert [bar.persons for bar in chart.bars] == list(MONTHS_2025)
    assert [tick.value for tick in chart.ticks] == [0, 5, 10]
    assert chart.bars[2].height > chart.bars[0].height > chart.bars[5].height > 0 == chart.bars[1].height
    assert chart.ticks[-1].y < chart.pace_y < chart.baseline
    assert [nice_ceiling(value) for value in (0, 1, 3, 10, 11, 101)] == [1, 1, 5, 10, 20, 200]


def test_the_query_finds_the_same_figures_on_the_database(app, tenant_a, tenant_b):
    add_households(app, tenant_a, EXAMPLE)
    add_quota(app, tenant_a, 2025, QUOTA_2025)
    # Gislaved's households never count in Värnamo's figures.
    add_households(
        app, tenant_b, [Example("GIS-1", EXAMPLE[1].route, date(2025, 1, 2), date(2025, 3, 2), date(2025, 1, 9), 9)]
    )
    with app.app_context(), bound(db.session, tenant_a.schema):
        assert quota_figures(tenant_a, 2025, TODAY) == official_figures(2025, TODAY, QUOTA_2025, ROWS)
        assert quota_figures(tenant_a, 2024, TODAY) == official_figures(2024, TODAY, None, ROWS)
    with app.app_context(), bound(db.session, tenant_b.schema):
        figures = quota_figures(tenant_b, 2025, TODAY)
        assert (figures.received, figures.assigned, figures.quota) == (9, 9, None)


def card_figure(page: str, name: str) -> str:
    match = re.search(rf'id="figure-{name}">.*?<p class="figure">([^<]*)</p>', page, re.S)
    assert match, f"no figure {name}"
    return match.group(1)


def test_the_figures_page_shows_the_official_figures(login, example):
    page = login("coordinator_a").get("/varnamo/quotas/2025/?lang=en").get_data(as_text=True)
    assert "Quota figures 2025" in page
    assert "as of 15 Jun 2025" in page
    shown = {name: card_figure(page, name) for name in ("quota", "assigned", "received", "still", "overdue", "pace")}
    assert shown == {"quota": "40", "assigned": "13", "received": "12", "still": "28", "overdue": "5", "pace": "4"}
    assert "Persons in 2 households, assigned in any year" in page
    assert "over the 7 months left of the year" in page
    assert "/varnamo/quotas/2024/" in page and "/varnamo/quotas/2026/" in page
    assert "/edit" not in page  # a coordinator does not change quotas


def test_the_table_beside_the_chart_has_the_charts_numbers(login, example):
    page = login("coordinator_a").get("/varnamo/quotas/2025/?lang=en").get_data(as_text=True)
    table = page[page.index('<table class="quota-months">') :]
    rows = re.findall(
        r'<th scope="row">(\w+)</th>\s*<td class="number">(\d+)</td>\s*<td class="number">(\d+)</td>\s*'
        r'<td class="number">([\d.]+)</td>',
        table,
    )
    assert [row[0] for row in rows][:3] == ["January", "February", "March"] and len(rows) == 12
    assert tuple(int(row[1]) for row in rows) == HOUSEHOLDS_2025
    assert tuple(int(row[2]) for row in rows) == MONTHS_2025
    assert {row[3] for row in rows} == {"3.3"}  # 40 / 12 a month at an even pace

    svg = page[page.index('<svg role="img"') : page.index("</svg>")]
    bars = re.findall(
        r'<rect class="quota-chart__bar"[^>]*height="([\d.]+)"[^>]*/>\s*'
        r'(?:<text class="quota-chart__value"[^>]*>(\d+)</text>)?',
        svg,
    )
    assert len(bars) == 12
    assert tuple(int(value or 0) for _, value in bars) == MONTHS_2025
    assert [float(height) > 0 for height, _ in bars] == [persons > 0 for persons in MONTHS_2025]
    assert 'class="quota-chart__pace"' in svg
    label = re.search(r'aria-label="([^"]*)"', svg).group(1)
    assert "January: 4, February: 0, March: 6" in label and "even pace of 3.3 persons a month" in label


def test_a_unit_admin_can_change_the_quota_from_the_figures_page(login, example, app, tenant_a):
    page = login("unit_admin_a").get("/varnamo/quotas/2025/?lang=en").get_data(as_text=True)
    edit = re.search(r'href="(/varnamo/quotas/\d+/edit)"', page).group(1)
    login("unit_admin_a").submit(edit, {"persons": "60"})
    page = login("unit_admin_a").get("/varnamo/quotas/2025/?lang=en").get_data(as_text=True)
    assert card_figure(page, "still") == "48"  # 60 − 12


def test_a_year_without_a_quota_or_households_says_so(login, frozen_today):
    page = login("unit_admin_a").get("/varnamo/quotas/2030/?lang=en").get_data(as_text=True)
    assert "No quota has been entered for 2030." in page
    assert card_figure(page, "received") == "0"
    assert "/varnamo/quotas/new" in page
    past = login("coordinator_a").get("/varnamo/quotas/2020/?lang=en").get_data(as_text=True)
    assert "The year is over." in past


def test_another_years_page_does_not_show_todays_overdue_as_its_own(login, example, app, tenant_a):
    add_quota(app, tenant_a, 2024, 30)
    add_quota(app, tenant_a, 2026, 50)
    client = login("coordinator_a")
    this_year = client.get("/varnamo/quotas/2025/?lang=en").get_data(as_text=True)
    assert card_figure(this_year, "overdue") == "5" and 'id="overdue-elsewhere"' not in this_year
    for year in (2024, 2026):
        page = client.get(f"/varnamo/quotas/{year}/?lang=en").get_data(as_text=True)
        # E and F are overdue today: a figure of 2025, not of the year asked for.
        assert 'id="figure-overdue"' not in page and "Overdue today" not in page
        elsewhere = page[
            page.index('id="overdue-elsewhere"') : page.index("</p>", page.index('id="overdue-elsewhere"'))
        ]
        assert 'href="/varnamo/quotas/2025/"' in elsewhere
    past = client.get("/varnamo/quotas/2024/?lang=en").get_data(as_text=True)
    still = past[past.index('id="figure-still"') : past.index("</li>", past.index('id="figure-still"'))]
    # 2024 is over: of its quota of 30, J (4 persons) was received in it and 26 were not.
    assert "Not received in the year" in still and "Still to receive" not in still
    assert card_figure(past, "still") == "26"
    assert "The quota less the persons received in 2024, never below zero. The year is over." in still
    future = client.get("/varnamo/quotas/2026/?lang=en").get_data(as_text=True)
    assert "Still to receive" in future and "Not received in the year" not in future
    assert card_figure(future, "still") == "50"


def test_the_quotas_list_links_to_each_years_figures(login, example):
    page = login("coordinator_a").get("/varnamo/quotas/?lang=en").get_data(as_text=True)
    assert 'href="/varnamo/quotas/2025/"' in page


@pytest.mark.parametrize("year", ["2015", "2101", "0", "99999999999", "twenty"])
def test_years_outside_the_quotas_range_are_404(login, year):
    assert login("coordinator_a").get(f"/varnamo/quotas/{year}/").status_code == 404


def test_the_figures_page_speaks_swedish(login, example):
    page = login("coordinator_a").get("/varnamo/quotas/2025/?lang=sv").get_data(as_text=True)
    assert "15 juni 2025" in page
    assert "januari" in page
