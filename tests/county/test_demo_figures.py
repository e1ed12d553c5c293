"""Over the demo data, every figure on the county page equals a count made by hand from the rows.

The hand count reads each municipality's households, quotas, landlords and dialogue as objects and
counts in Python, independently of the SQL that publishes the figures.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import sqlalchemy as sa

from hemvist.core import clock
from hemvist.dialogue.models import Interaction, InteractionKind
from hemvist.extensions import db
from hemvist.history.models import HistoryEntry
from hemvist.households.models import ArrivalRoute, Household
from hemvist.landlords.models import Landlord, Stage, StageChange
from hemvist.leases.models import Lease, LeaseForm
from hemvist.quotas.models import Quota
from hemvist.statistics import measures as m
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality
from hemvist.vacancies.models import Vacancy, VacancyStatus
from tests.county.conftest import row_cells

JONKOPINGS_LAN = ["Gislaved", "Gnosjö", "Jönköping", "Vaggeryd", "Värnamo"]


def hand_count(year: int, today: date) -> dict[str, int]:
    """The county page's measures for the municipality the session is bound to, counted one row at a time."""
    counts: Counter[str] = Counter()
    quota = {q.year: q.persons for q in db.session.scalars(sa.select(Quota))}
    counts[m.QUOTA_PERSONS] = quota.get(year, 0)
    for h in db.session.scalars(sa.select(Household)):
        if h.arrival_route is ArrivalRoute.SELF_SETTLED:
            continue
        if h.assigned_on and h.assigned_on.year == year:
            counts[m.ASSIGNED_PERSONS] += h.persons
        if h.received_on:
            if h.received_on.year == year:
                counts[m.RECEIVED_PERSONS] += h.persons
                counts[m.RECEIVED_HOUSEHOLDS] += 1
                counts[m.LEASE_PREFIX + (h.lease_form.value if h.lease_form else m.NOT_STATED)] += 1
                counts[m.LANDLORD_PREFIX + (h.landlord_type.value if h.landlord_type else m.NOT_STATED)] += 1
            continue
        counts[m.WAITING_HOUSEHOLDS] += 1
        days = (h.receive_by - today).days
        bucket = (
            m.WAITING_OVERDUE if days < 0 else m.WAITING_WITHIN_14 if days <= 14
            else m.WAITING_WITHIN_30 if days <= 30 else m.WAITING_LATER
        )  # fmt: skip
        counts[bucket] += 1
        if h.assigned_on < clock.add_months(today, -2):
            counts[m.OVERDUE_PERSONS] += h.persons
    live = {landlord.id: landlord for landlord in db.session.scalars(sa.select(Landlord)) if not landlord.deleted_at}
    contacted, met, partners = set(), set(), set()
    for interaction in db.session.scalars(sa.select(Interaction)):
        if interaction.landlord_id in live and interaction.occurred_on.year == year:
            contacted.add(interaction.landlord_id)
            if interaction.kind is InteractionKind.MEETING:
                met.add(interaction.landlord_id)
    for change in db.session.scalars(sa.select(StageChange)):
        if change.landlord_id in live and change.to_stage is Stage.PARTNER and change.changed_on.year == year:
            partners.add(change.landlord_id)
    counts[m.LANDLORDS_CONTACTED], counts[m.LANDLORDS_MET], counts[m.NEW_PARTNERS] = (
        len(contacted),
        len(met),
        len(partners),
    )
    counts[m.PARTNERS] = sum(landlord.stage is Stage.PARTNER for landlord in live.values())
    counts[m.VACANCIES_ON_OFFER] = sum(
        vacancy.status is VacancyStatus.OFFERED and vacancy.landlord_id in live
        for vacancy in db.session.scalars(sa.select(Vacancy))
    )
    for lease in db.session.scalars(sa.select(Lease).where(Lease.form == LeaseForm.SUBLEASE)):
        if lease.transferred_on and lease.transferred_on.year == year:
            counts[m.TRANSFERS_DONE] += 1
        elif not lease.transferred_on and lease.planned_transfer_on and lease.planned_transfer_on < today:
            counts[m.TRANSFERS_OVERDUE] += 1
    for entry in db.session.scalars(sa.select(HistoryEntry).where(HistoryEntry.subject_type == "households")):
        moved = (entry.changes or {}).get("moved_on")
        if isinstance(moved, list) and moved[-1] and date.fromisoformat(moved[-1]).year == year:
            counts[m.MOVES] += 1
            for barrier in entry.changes["barriers_at_move"][-1]:
                counts[m.MOVE_BARRIER_PREFIX + barrier] += 1
    for h in db.session.scalars(sa.select(Household).where(Household.moving_on.is_(True))):
        counts[m.MOVING_ON] += 1
        for barrier in h.barriers:
            counts[m.MOVING_ON_BARRIER_PREFIX + barrier] += 1
    return counts


TABLES = {
    "reception": (m.QUOTA_PERSONS, m.ASSIGNED_PERSONS, m.RECEIVED_PERSONS, m.STILL_TO_RECEIVE, m.OVERDUE_PERSONS),
    "waiting": (m.WAITING_HOUSEHOLDS, *m.WAITING_BUCKETS),
    "lease-forms": (m.RECEIVED_HOUSEHOLDS, *m.LEASE_MEASURES),
    "landlord-types": (m.RECEIVED_HOUSEHOLDS, *m.LANDLORD_MEASURES),
    "outreach": (m.LANDLORDS_CONTACTED, m.LANDLORDS_MET, m.NEW_PARTNERS, m.PARTNERS, m.VACANCIES_ON_OFFER),
    "transfers": (m.TRANSFERS_DONE, m.TRANSFERS_OVERDUE),
    "moves": (m.MOVES, *m.MOVE_BARRIERS),
    "moving-on": (m.MOVING_ON, *m.MOVING_ON_BARRIERS),
}


def agrees(shown: str, counted: int) -> bool:
    """A shown cell agrees with the hand count: the number itself, a range holding it, or hidden."""
    if shown == "1–5":
        return 1 <= counted <= 5
    if shown in ("..", "×"):
        return True
    return int(shown.replace("\xa0", "").replace(" ", "").replace("−", "-")) == counted


def test_the_county_page_equals_a_hand_count_of_the_demo(demo_app, login):
    today = clock.today()
    year = today.year
    with demo_app.app_context():
        municipalities = db.session.scalars(sa.select(Municipality).where(Municipality.county_code == "06")).all()
        counted = {}
        for municipality in municipalities:
            with bound(db.session, municipality.schema_name):
                counted[municipality.name] = hand_count(year, today)
    county = Counter()
    for counts in counted.values():
        county.update(counts)
    counted["Jönköpings län"] = county
    for counts in counted.values():
        # Each row's own quota less its own persons received; received beyond the quota leaves 0 to receive.
        counts[m.STILL_TO_RECEIVE] = max(0, counts[m.QUOTA_PERSONS] - counts[m.RECEIVED_PERSONS])
    assert sorted(counted) == sorted([*JONKOPINGS_LAN, "Jönköpings län"])

    page = login("county_06").get(f"/county/06/?year={year}&lang=en").get_data(as_text=True)
    hidden = small = 0
    for table, measures in TABLES.items():
        for name, counts in counted.items():
            cells = row_cells(page, table, name)
            assert len(cells) == len(measures)
            for shown, measure in zip(cells, measures, strict=True):
                assert agrees(shown, counts[measure]), (table, name, measure, shown, counts[measure])
                small += shown == "1–5"
                hidden += shown == ".."
    # The demo is made to show suppression at work, and every status.
    assert small and hidden
    for label in ("On track", "Behind", "Far behind"):
        assert f">{label}</span>" in page, label


def test_the_demo_has_a_second_county_with_one_municipality(demo_app, login):
    page = login("platform_admin").get("/county/07/?lang=en").get_data(as_text=True)
    assert "Ljungby" in page
    for name in JONKOPINGS_LAN:
        assert name not in page
