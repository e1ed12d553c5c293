"""The transfers: the page's buckets as the clock moves, marking one transferred, moving the planned date,
the two-year warning, and the headline figures against hand computations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from hemvist.core import clock
from hemvist.core.clock import add_months
from hemvist.extensions import db
from hemvist.households.models import Household
from hemvist.landlords.models import LandlordType
from hemvist.leases import operations, queries
from hemvist.leases.models import Lease, LeaseForm
from hemvist.leases.operations import LeaseData
from hemvist.offers.models import Offer
from tests.dialogue.conftest import history
from tests.leases.conftest import accepted_offer, leases, row, user, working_in

START = date(2025, 1, 10)


def write(app, tenant, ids, *, starts_on=START, planned=None, waived=None, form=LeaseForm.SUBLEASE) -> int:
    with working_in(app, tenant):
        data = LeaseData(form, starts_on, 6500, planned, waived)
        return operations.create_lease(tenant, user("coordinator_a"), db.session.get(Offer, ids.offer), data).id


@pytest.fixture
def frozen(monkeypatch):
    class Clock:
        value = date(2025, 6, 1)

    monkeypatch.setattr(clock, "today", lambda: Clock.value)
    return Clock


def bucket_of(page: str, reference: str) -> str | None:
    for section in ("overdue", "due-soon", "later"):
        start = page.index(f'<section id="{section}"')
        end = page.index("</section>", start)
        if reference in page[start:end]:
            return section
    return None


def test_the_transfers_page_sorts_by_how_soon_as_the_clock_moves(login, app, tenant_a, frozen):
    ids = accepted_offer(app, tenant_a, reference="MIG-2025-0007")
    write(app, tenant_a, ids, planned=date(2025, 8, 1))
    anna = login("coordinator_a")

    def where(day: date) -> str | None:
        frozen.value = day
        return bucket_of(anna.get("/varnamo/leases/transfers").get_data(as_text=True), "MIG-2025-0007")

    assert where(date(2025, 6, 1)) == "later"
    assert where(date(2025, 7, 1)) == "later"  # 31 days ahead
    assert where(date(2025, 7, 2)) == "due-soon"  # 30 days ahead
    assert where(date(2025, 8, 1)) == "due-soon"  # due today
    assert where(date(2025, 8, 2)) == "overdue"
    assert anna.get("/varnamo/").get_data(as_text=True).count('id="lease-transfers"') == 1


def test_the_buckets_edges(app, tenant_a, frozen):
    today = frozen.value
    planned = {
        "A": today - timedelta(days=1),
        "B": today,
        "C": today + timedelta(days=30),
        "D": today + timedelta(days=31),
    }
    for reference, day in planned.items():
        write(app, tenant_a, accepted_offer(app, tenant_a, reference=reference, landlord_name=reference), planned=day)
    with working_in(app, tenant_a):
        found = queries.transfers(tenant_a, today)
        assert [r.household.reference for r in found.overdue] == ["A"]
        assert [r.household.reference for r in found.due_soon] == ["B", "C"]
        assert [r.household.reference for r in found.later] == ["D"]
        assert queries.transfer_counts(tenant_a, today) == (1, 2)


def test_mark_transferred_starts_the_households_own_lease_and_keeps_the_history(login, app, tenant_a, frozen):
    ids = accepted_offer(app, tenant_a, landlord_type=LandlordType.MUNICIPAL_HOUSING_COMPANY)
    sublease_id = write(app, tenant_a, ids, planned=date(2025, 5, 1))
    anna = login("coordinator_a")
    page_url = f"/varnamo/leases/{sublease_id}/"
    assert "Mark transferred" in anna.get(f"{page_url}?lang=en").get_data(as_text=True)
    response = anna.submit(
        f"{page_url}transfer",
        {"transferred_on": "2025-05-20", "form": "first_hand_time_limited", "rent": "6 700"},
        form_url=page_url,
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    sublease, own = leases(app, tenant_a)
    assert response.headers["Location"] == f"/varnamo/leases/{own.id}/"
    assert (sublease.transferred_on, sublease.ends_on) == (date(2025, 5, 20), date(2025, 5, 20))
    assert (own.form, own.starts_on, own.rent, own.replaces_id) == (
        LeaseForm.FIRST_HAND_TIME_LIMITED,
        date(2025, 5, 20),
        6700,
        sublease.id,
    )
    assert (own.household_id, own.landlord_id, own.offer_id) == (ids.household, ids.landlord, None)
    household = row(app, tenant_a, Household, ids.household)
    assert (household.lease_form, household.landlord_type) == (
        LeaseForm.FIRST_HAND_TIME_LIMITED,
        LandlordType.MUNICIPAL_HOUSING_COMPANY,
    )
    entries = history(app, tenant_a, "leases")
    assert {entry.subject_id for entry in entries} == {sublease.id, own.id}
    assert any(entry.changes.get("transferred_on") == [None, "2025-05-20"] for entry in entries)
    # Both pages point at each other; the sublease is off the transfers page.
    assert f"/varnamo/leases/{own.id}/" in anna.get(page_url).get_data(as_text=True)
    assert page_url in anna.get(f"/varnamo/leases/{own.id}/").get_data(as_text=True)
    assert "MIG-2025-0001" not in anna.get("/varnamo/leases/transfers").get_data(as_text=True)
    # Sent again: refused with a message, no second first-hand lease.
    again = anna.submit(
        f"{page_url}transfer", {"transferred_on": "2025-05-21", "form": "first_hand_open_ended"}, form_url=page_url
    )
    assert again.status_code == 400 and len(leases(app, tenant_a)) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"transferred_on": "", "form": "first_hand_open_ended"}, "Enter the day the household took the lease over."),
        ({"transferred_on": "2025-06-02", "form": "first_hand_open_ended"}, "cannot be in the future"),
        ({"transferred_on": "2024-12-01", "form": "first_hand_open_ended"}, "before the start of the sublease"),
        ({"transferred_on": "2025-05-20", "form": "sublease"}, "Choose open-ended or time-limited."),
        ({"transferred_on": "20 maj", "form": "first_hand_open_ended"}, "Enter a date as year-month-day"),
    ],
)
def test_a_bad_transfer_is_refused_and_nothing_changes(login, app, tenant_a, frozen, data, message):
    lease_id = write(app, tenant_a, accepted_offer(app, tenant_a), planned=date(2025, 5, 1))
    url = f"/varnamo/leases/{lease_id}/"
    response = login("coordinator_a").submit(f"{url}transfer?lang=en", data, form_url=url)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    [lease] = leases(app, tenant_a)
    assert lease.transferred_on is None and lease.ends_on is None


def test_moving_the_planned_transfer_keeps_the_reason(login, app, tenant_a, frozen):
    lease_id = write(app, tenant_a, accepted_offer(app, tenant_a), planned=date(2025, 5, 1))
    url = f"/varnamo/leases/{lease_id}/"
    anna = login("coordinator_a")
    refused = anna.submit(f"{url}planned?lang=en", {"planned_transfer_on": "2025-09-01", "reason": " "}, form_url=url)
    assert refused.status_code == 400 and "Say why the transfer is moved." in refused.get_data(as_text=True)
    before = anna.submit(f"{url}planned?lang=en", {"planned_transfer_on": "2025-01-01", "reason": "x"}, form_url=url)
    assert before.status_code == 400 and "after the start of the lease" in before.get_data(as_text=True)
    moved = anna.submit(
        f"{url}planned", {"planned_transfer_on": "2025-09-01", "reason": "Hyresvärden vill vänta"}, form_url=url
    )
    assert moved.status_code == 302
    [lease] = leases(app, tenant_a)
    assert lease.planned_transfer_on == date(2025, 9, 1)
    assert history(app, tenant_a, "leases")[-1].changes == {
        "planned_transfer_on": ["2025-05-01", "2025-09-01"],
        "reason": [None, "Hyresvärden vill vänta"],
    }
    assert "Hyresvärden vill vänta" in anna.get(url).get_data(as_text=True)


def test_the_two_year_warning_comes_60_days_before_unless_waived(login, app, tenant_a, frozen):
    start = date(2023, 9, 1)
    tenure_on = add_months(start, 24)  # 2025-09-01
    unknown = write(
        app, tenant_a, accepted_offer(app, tenant_a, reference="U"), starts_on=start, planned=date(2026, 1, 1)
    )
    write(
        app,
        tenant_a,
        accepted_offer(app, tenant_a, reference="W", landlord_name="W"),
        starts_on=start,
        planned=date(2026, 1, 1),
        waived=True,
    )
    write(
        app,
        tenant_a,
        accepted_offer(app, tenant_a, reference="N", landlord_name="N"),
        starts_on=start,
        planned=date(2026, 1, 1),
        waived=False,
    )
    with working_in(app, tenant_a):
        day_before = tenure_on - timedelta(days=61)
        assert queries.transfers(tenant_a, day_before).tenure == []
        warned = queries.transfers(tenant_a, tenure_on - timedelta(days=60)).tenure
        assert sorted(r.household.reference for r in warned) == ["N", "U"]
    frozen.value = tenure_on - timedelta(days=60)
    anna = login("coordinator_a")
    page = anna.get("/varnamo/leases/transfers?lang=en").get_data(as_text=True)
    tenure_part = page[page.index('<section id="tenure"') :]
    assert "U</a>" in tenure_part and "W</a>" not in tenure_part
    assert "1 Sept 2025" in tenure_part
    # Recording the waiver ends the warning.
    url = f"/varnamo/leases/{unknown}/"
    assert anna.submit(f"{url}tenure", {"tenure_waived": "yes"}, form_url=url).status_code == 302
    with working_in(app, tenant_a):
        assert sorted(r.household.reference for r in queries.transfers(tenant_a, frozen.value).tenure) == ["N"]


def test_the_figures_equal_a_hand_computation(login, app, tenant_a, frozen):
    # Assigned 2025-01-01 (the helper's default is 40 days before the machine's today, so give it).
    assigned = date(2025, 1, 1)
    a = accepted_offer(app, tenant_a, reference="A", assigned_on=assigned)
    b = accepted_offer(app, tenant_a, reference="B", landlord_name="B", assigned_on=assigned)
    c = accepted_offer(app, tenant_a, reference="C", landlord_name="C", assigned_on=assigned)
    d = accepted_offer(app, tenant_a, reference="D", landlord_name="D", assigned_on=date(2024, 11, 1))
    write(app, tenant_a, a, starts_on=date(2025, 1, 31), form=LeaseForm.FIRST_HAND_OPEN_ENDED)  # 30 days
    sub_b = write(app, tenant_a, b, starts_on=date(2025, 2, 10), planned=date(2025, 5, 1))  # 40 days
    write(app, tenant_a, c, starts_on=date(2025, 3, 2), planned=date(2025, 5, 15))  # 60 days, overdue on 06-01
    write(app, tenant_a, d, starts_on=date(2024, 12, 1), planned=date(2025, 2, 1))  # started in 2024
    with working_in(app, tenant_a):
        anna = user("coordinator_a")
        operations.mark_transferred(
            tenant_a, anna, db.session.get(Lease, sub_b), date(2025, 5, 12), LeaseForm.FIRST_HAND_OPEN_ENDED
        )  # 91 days after the start
        sub_d = db.session.scalar(sa.select(Lease).join(Household).where(Household.reference == "D"))
        operations.mark_transferred(tenant_a, anna, sub_d, date(2025, 3, 3), LeaseForm.FIRST_HAND_OPEN_ENDED)  # 92
        figures = queries.figures(tenant_a, 2025, frozen.value)
    # Current: A's first-hand, B's and D's own first-hand leases, C's sublease → 3 of 4.
    assert (figures.current, figures.first_hand) == (4, 3)
    assert figures.first_hand_share == 0.75
    assert (figures.transfers_done, figures.transfers_overdue) == (2, 1)
    # Leases started in 2025 from the brokering (not the transfers' own): A 30, B 40, C 60 → median 40.
    assert (figures.days_to_lease, figures.leases_counted) == (40.0, 3)
    assert (figures.days_to_transfer, figures.transfers_counted) == (91.5, 2)
    page = login("coordinator_a").get("/varnamo/leases/figures?year=2025&lang=en").get_data(as_text=True)
    assert "75 %" in page and "91.5" in page and "40" in page
    other_year = login("coordinator_a").get("/varnamo/leases/figures?year=2024&lang=en").get_data(as_text=True)
    assert 'id="transfers-done"' in other_year
    assert login("coordinator_a").get("/varnamo/leases/figures?year=abc").status_code == 200
