"""Helpers for the offers' tests: homes and households in Värnamo that suit each other, offers between them,
what is stored, and a real SMTP server for the notices."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from hemvist.extensions import db
from hemvist.households.models import Household
from hemvist.offers import operations
from hemvist.offers.models import Offer
from hemvist.vacancies.models import Vacancy
from tests.households.conftest import add_household, household
from tests.landlords.conftest import areas_a, user, working_in  # noqa: F401 (areas_a: a fixture)
from tests.signup.conftest import Mailbox, free_port
from tests.vacancies.conftest import add_vacancy, landlord_a  # noqa: F401 (fixture)

BASE_URL = "https://hemvist.example.se"


@pytest.fixture
def app_overrides(app_overrides):
    """Mail to a closed port unless ``mailbox`` is used; links under a known address."""
    return {**app_overrides, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": free_port(), "BASE_URL": BASE_URL}


@pytest.fixture
def mailbox(app):
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False)
    yield box
    controller.stop()


def home(app, tenant, landlord_id: int, street: str = "Nygatan 1", **fields) -> int:
    """A home of 3 rooms for 6 000 kronor, free now: suits a family of four."""
    values = {"rooms": 3, "rent": 6000, "street_address": street}
    values.update(fields)
    return add_vacancy(app, tenant, landlord_id, **values)


def family(app, tenant, reference: str = "MIG-2026-0001", who: str = "coordinator_a", **fields) -> int:
    """A family of four that can pay 8 000 kronor, its deadline a month ahead, coordinated by ``who``."""
    today = date.today()
    data = household(
        reference,
        assigned_on=today - timedelta(days=30),
        receive_by=today + timedelta(days=30),
        affordable_rent=8000,
    )
    with working_in(app, tenant):
        data.coordinator_id = user(who).id
    return add_household(app, tenant, data, who=who, **fields)


def offer(app, tenant, vacancy_id: int, household_id: int, who: str = "coordinator_a") -> int:
    """An offer made through the operation; its id."""
    with working_in(app, tenant):
        made = operations.make_offer(
            tenant, user(who), db.session.get(Vacancy, vacancy_id), db.session.get(Household, household_id)
        )
        return made.id


def stored_offer(app, tenant, offer_id: int) -> Offer:
    with working_in(app, tenant):
        row = db.session.get(Offer, offer_id)
        db.session.expunge_all()
        return row


def stored(app, tenant, model, row_id: int):
    with working_in(app, tenant):
        row = db.session.get(model, row_id)
        db.session.expunge_all()
        return row


def count_offers(app, tenant) -> int:
    with working_in(app, tenant):
        return db.session.scalar(sa.select(sa.func.count()).select_from(Offer))


def text(response) -> str:
    return response.get_data(as_text=True)
