"""A municipality's figures are published to the shared schema in the same commit as the change."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from hemvist.dialogue.models import Interaction, InteractionKind
from hemvist.extensions import db
from hemvist.households.models import ArrivalRoute, Household
from hemvist.landlords.models import Stage, StageChange
from hemvist.landlords.operations import create_landlord
from hemvist.leases.models import Lease, LeaseForm
from hemvist.quotas.models import Quota
from hemvist.statistics import measures as m
from hemvist.statistics.models import FiguresRun, MunicipalFigure
from tests.county.conftest import received
from tests.households.conftest import add_household, household
from tests.landlords.conftest import company, user, working_in


def published(app, tenant) -> dict[tuple[str, str], int]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(MunicipalFigure.measure, MunicipalFigure.period, MunicipalFigure.value).where(
                MunicipalFigure.municipality_id == tenant.id
            )
        )
        return {(measure, period): value for measure, period, value in rows}


def test_a_change_publishes_the_figures_in_its_own_commit(app, tenant_a, tenant_b):
    received(app, tenant_a, "MIG-1", 3, date(2026, 3, 10))
    add_household(app, tenant_a, household("MIG-2", adults=1, children_ages=[4], assigned_on=date(2026, 9, 1)))
    figures = published(app, tenant_a)
    assert figures[(m.RECEIVED_PERSONS, "2026-03")] == 3
    assert figures[(m.RECEIVED_HOUSEHOLDS, "2026-03")] == 1
    assert figures[(m.LEASE_PREFIX + m.NOT_STATED, "2026-03")] == 1
    assert figures[(m.ASSIGNED_PERSONS, "2026-02")] == 3
    assert figures[(m.ASSIGNED_PERSONS, "2026-09")] == 2
    assert figures[(m.WAITING_HOUSEHOLDS, m.NOW)] == 1
    assert published(app, tenant_b) == {}
    with app.app_context():
        assert db.session.get(FiguresRun, tenant_a.id) is not None
        assert db.session.get(FiguresRun, tenant_b.id) is None


def test_a_rolled_back_change_publishes_nothing(app, tenant_a):
    with working_in(app, tenant_a):
        db.session.add(Quota(year=2026, persons=40))
        db.session.flush()
        db.session.rollback()
        db.session.add(Quota(year=2027, persons=12))
        db.session.commit()
    assert published(app, tenant_a) == {(m.QUOTA_PERSONS, "2027"): 12}


def test_bulk_statements_and_deletions_publish_too(app, tenant_a):
    received(app, tenant_a, "MIG-1", 4, date(2026, 5, 2))
    with working_in(app, tenant_a):
        db.session.execute(sa.update(Household).values(adults=7))
        db.session.commit()
    assert published(app, tenant_a)[(m.RECEIVED_PERSONS, "2026-05")] == 7
    with working_in(app, tenant_a):
        db.session.delete(db.session.scalar(sa.select(Household)))
        db.session.commit()
    assert published(app, tenant_a) == {}


def test_self_settled_households_are_not_counted(app, tenant_a):
    add_household(
        app,
        tenant_a,
        household("EGET-1", arrival_route=ArrivalRoute.SELF_SETTLED, assigned_on=None),
        received_on=date(2026, 4, 1),
    )
    assert published(app, tenant_a) == {}


def test_the_daily_job_publishes_what_moves_with_the_date(app, tenant_a, monkeypatch):
    add_household(app, tenant_a, household("MIG-1", assigned_on=date(2026, 10, 1), receive_by=date(2026, 12, 1)))
    # The machine's date is 2026-12-01 or later in the suite's clock; move it past the deadline.
    monkeypatch.setattr("hemvist.core.clock.today", lambda: date(2026, 12, 20))
    result = app.test_cli_runner().invoke(args=["statistics", "publish", "varnamo"], catch_exceptions=False)
    assert "varnamo: published" in result.output
    after = published(app, tenant_a)
    assert after[(m.WAITING_OVERDUE, m.NOW)] == 1
    assert after[(m.OVERDUE_PERSONS, m.NOW)] == 4


def test_the_job_names_an_unknown_municipality(app):
    result = app.test_cli_runner().invoke(args=["statistics", "publish", "atlantis"])
    assert result.exit_code != 0
    assert "atlantis" in result.output


def test_landlords_contacted_met_and_partners_are_counted_per_year(app, tenant_a):
    with working_in(app, tenant_a):
        first = create_landlord(tenant_a, user("coordinator_a"), company("A AB", 1))
        second = create_landlord(tenant_a, user("coordinator_a"), company("B AB", 2))
        for landlord, day, kind in (
            (first, date(2025, 3, 1), InteractionKind.PHONE),
            (first, date(2025, 6, 1), InteractionKind.MEETING),
            (second, date(2025, 6, 2), InteractionKind.PHONE),
            (second, date(2026, 1, 5), InteractionKind.PHONE),
        ):
            db.session.add(
                Interaction(landlord_id=landlord.id, kind=kind, occurred_on=day, user_id=user("coordinator_a").id)
            )
        first.stage = Stage.PARTNER
        db.session.add(StageChange(landlord_id=first.id, to_stage=Stage.PARTNER, changed_on=date(2025, 9, 1)))
        db.session.commit()
    figures = published(app, tenant_a)
    assert figures[(m.LANDLORDS_CONTACTED, "2025")] == 2
    assert figures[(m.LANDLORDS_MET, "2025")] == 1
    assert figures[(m.NEW_PARTNERS, "2025")] == 1
    assert figures[(m.LANDLORDS_CONTACTED, "2026")] == 1
    assert figures[(m.LANDLORDS, m.NOW)] == 2
    assert figures[(m.PARTNERS, m.NOW)] == 1


def test_transfers_done_and_overdue_are_counted(app, tenant_a, monkeypatch):
    monkeypatch.setattr("hemvist.core.clock.today", lambda: date(2026, 12, 1))
    household_id = received(app, tenant_a, "MIG-1", 2, date(2026, 1, 10))
    with working_in(app, tenant_a):
        landlord = create_landlord(tenant_a, user("coordinator_a"), company("A AB", 1))
        common = {"household_id": household_id, "landlord_id": landlord.id, "form": LeaseForm.SUBLEASE}
        db.session.add_all(
            [
                Lease(
                    **common,
                    starts_on=date(2026, 1, 10),
                    planned_transfer_on=date(2026, 7, 1),
                    transferred_on=date(2026, 7, 3),
                ),
                Lease(**common, starts_on=date(2026, 2, 1), planned_transfer_on=date(2026, 11, 1)),
                Lease(**common, starts_on=date(2026, 3, 1), planned_transfer_on=date(2027, 1, 1)),
                Lease(
                    household_id=household_id,
                    landlord_id=landlord.id,
                    form=LeaseForm.FIRST_HAND_OPEN_ENDED,
                    starts_on=date(2026, 7, 3),
                ),
            ]
        )
        db.session.commit()
    figures = published(app, tenant_a)
    assert figures[(m.TRANSFERS_DONE, "2026-07")] == 1
    assert figures[(m.TRANSFERS_OVERDUE, m.NOW)] == 1
