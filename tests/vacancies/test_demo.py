"""The demo's vacancies: every municipality with homes worth showing, its own housing company, loaded once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.landlords.demo import load_demo as load_landlords
from hemvist.landlords.models import Landlord, LandlordType
from hemvist.tenancy.binding import bound
from hemvist.vacancies import queries
from hemvist.vacancies.demo import load_demo
from hemvist.vacancies.models import Vacancy
from tests.landlords.conftest import user, working_in


def load(app, tenant) -> None:
    """The landlords' demo, then the vacancies', as ``flask demo load`` runs them."""
    with app.app_context():
        users = {
            "samordnare@varnamo.example": user("coordinator_a"),
            "enhetschef@varnamo.example": user("unit_admin_a"),
        }
        with bound(db.session, tenant.schema):
            load_landlords(tenant, users)
            db.session.commit()
        with bound(db.session, tenant.schema):
            load_demo(tenant, users)
            db.session.commit()


def test_the_demo_has_realistic_vacancies_and_a_municipal_housing_company(app, tenant_a, areas_a):
    load(app, tenant_a)
    now = datetime.now(UTC)
    with working_in(app, tenant_a):
        vacancies = list(db.session.scalars(sa.select(Vacancy)))
        assert len(vacancies) >= 8
        assert len({vacancy.lease_form for vacancy in vacancies}) >= 3
        assert any(v.needs_car and v.weekday_departures == 2 and v.area.kind.value == "village" for v in vacancies)
        stale = queries.stale_vacancies(tenant_a, now)
        assert stale
        ages = [now - vacancy.confirmed_at.replace(tzinfo=UTC) for vacancy, _name in stale]
        assert all(timedelta(days=40) <= age <= timedelta(days=61) for age in ages)
        [housing] = db.session.scalars(
            sa.select(Landlord).where(Landlord.landlord_type == LandlordType.MUNICIPAL_HOUSING_COMPANY)
        )
        assert any(vacancy.landlord_id == housing.id for vacancy in vacancies)
        count = len(vacancies)
    load(app, tenant_a)  # again: nothing more
    with working_in(app, tenant_a):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Vacancy)) == count


def test_no_demo_vacancies_where_no_demo_user_works(app, tenant_b):
    with working_in(app, tenant_b):
        load_landlords(tenant_b, {})
        load_demo(tenant_b, {})
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Vacancy)) == 0
