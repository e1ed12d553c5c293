"""The headline figures for a period: landlords contacted, met in person, new partners, contacts by kind."""

from __future__ import annotations

import re
from datetime import date

from hemvist.dialogue.models import InteractionKind
from hemvist.dialogue.queries import figures
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, Stage
from hemvist.landlords.operations import change_stage, delete_landlord
from tests.dialogue.conftest import new_landlord, user, working_in
from tests.dialogue.test_operations import log


def history_of_a_year(app, tenant, today):
    """Four landlords in Värnamo, one of them deleted, one in Gislaved; what happened to them in 2024–2025."""
    a, b, c, d = (new_landlord(app, tenant, name=name) for name in ("A AB", "B AB", "C AB", "D AB"))
    log(app, tenant, a, on=date(2025, 1, 10))
    log(app, tenant, a, kind=InteractionKind.MEETING, on=date(2025, 2, 3))
    log(app, tenant, a, on=date(2025, 3, 1))
    log(app, tenant, b, kind=InteractionKind.EMAIL, on=date(2025, 4, 2))
    log(app, tenant, b, kind=InteractionKind.MEETING, on=date(2025, 5, 5), who="unit_admin_a")
    log(app, tenant, c, kind=InteractionKind.LETTER, on=date(2024, 12, 31))  # the year before
    log(app, tenant, d, kind=InteractionKind.MEETING, on=date(2025, 3, 3))
    with working_in(app, tenant):
        anna = user("coordinator_a")
        change_stage(tenant, anna, db.session.get(Landlord, a), Stage.PARTNER, on=date(2025, 6, 1))
        change_stage(tenant, anna, db.session.get(Landlord, c), Stage.PARTNER, on=date(2024, 11, 1))
        delete_landlord(tenant, anna, db.session.get(Landlord, d))  # deleted: out of the figures


def test_figures_count_distinct_landlords_in_the_period(app, tenant_a, tenant_b, today):
    history_of_a_year(app, tenant_a, today)
    new_landlord(app, tenant_b, owner="coordinator_b", name="Gislaveds AB")
    log(app, tenant_b, 1, who="coordinator_b", kind=InteractionKind.MEETING, on=date(2025, 3, 3))
    with working_in(app, tenant_a):
        year = figures(tenant_a, date(2025, 1, 1), date(2025, 12, 31))
        assert (year.contacted, year.met, year.new_partners) == (2, 2, 1)
        assert year.by_kind[InteractionKind.PHONE] == 2 and year.by_kind[InteractionKind.MEETING] == 2
        assert year.by_kind[InteractionKind.LETTER] == 0 and year.interactions == 5
        spring = figures(tenant_a, date(2025, 3, 1), date(2025, 4, 30))
        assert (spring.contacted, spring.met, spring.new_partners, spring.interactions) == (2, 0, 0, 2)
        last_year = figures(tenant_a, date(2024, 1, 1), date(2024, 12, 31))
        assert (last_year.contacted, last_year.met, last_year.new_partners) == (1, 0, 1)


def test_the_figures_page_defaults_to_this_calendar_year(app, login, tenant_a, today):
    history_of_a_year(app, tenant_a, today)
    page = login("read_only_a").get("/varnamo/figures/?lang=en").get_data(as_text=True)
    assert 'value="2025-01-01"' in page and 'value="2025-12-31"' in page
    assert "1 Jan 2025 to 31 Dec 2025" in page
    assert "<caption>Interactions by kind, 1 Jan 2025 to 31 Dec 2025</caption>" in page
    figures_shown = re.findall(r'<p class="figure">(\d+)</p>', page)
    assert figures_shown == ["2", "2", "1"]
    assert '<th scope="row">Meeting in person</th><td class="number">2</td>' in page


def test_a_chosen_period(app, login, tenant_a, today):
    history_of_a_year(app, tenant_a, today)
    page = login("coordinator_a").get("/varnamo/figures/?from=2024-12-01&to=2025-01-31&lang=en").get_data(as_text=True)
    assert re.findall(r'<p class="figure">(\d+)</p>', page) == ["2", "0", "0"]
    only_start = login("coordinator_a").get("/varnamo/figures/?from=2024-06-01&lang=en").get_data(as_text=True)
    assert "1 Jun 2024 to 31 Dec 2024" in only_start


def test_bad_dates_are_explained_and_the_defaults_used(app, login, tenant_a, today):
    history_of_a_year(app, tenant_a, today)
    client = login("coordinator_a")
    for query, message in [
        ("from=1%20januari&to=2025-03-01", "Enter a date as year-month-day, like 2025-03-14."),
        ("from=2025-05-01&to=2025-04-01", "The end of the period must not come before its start."),
    ]:
        response = client.get(f"/varnamo/figures/?{query}&lang=en")
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and message in page
        assert "1 Jan 2025 to 31 Dec 2025" in page
        assert re.findall(r'<p class="figure">(\d+)</p>', page) == ["2", "2", "1"]
    assert 'value="1 januari"' in client.get("/varnamo/figures/?from=1%20januari&lang=en").get_data(as_text=True)
