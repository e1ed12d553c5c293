"""Helpers for the dialogue's tests: landlords to talk to, people by key, a clock that can be moved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from hemvist.auth.models import Department, User
from hemvist.auth.operations import find_user
from hemvist.core import clock
from hemvist.dialogue.models import FollowUp, Interaction
from hemvist.extensions import db
from hemvist.history.models import HistoryEntry
from hemvist.landlords.models import Landlord, LandlordKind, Stage
from hemvist.landlords.operations import ContactData, LandlordData, change_stage, create_landlord
from hemvist.tenancy.binding import bound
from tests.conftest import USERS

# A fixed "today" for the tests that count days: a Wednesday, in the middle of a year.
TODAY = date(2025, 6, 18)


def user(key: str) -> User:
    return find_user(USERS[key].email)


def user_id(app, key: str) -> int:
    with app.app_context():
        return user(key).id


@contextmanager
def working_in(app, tenant, lang: str = "en") -> Iterator[None]:
    """As inside one of the municipality's requests: translated messages, the session bound to it."""
    with app.test_request_context(f"/?lang={lang}"), bound(db.session, tenant.schema):
        yield


def new_landlord(
    app, tenant, owner: str = "coordinator_a", name: str = "Ekeskogs Hyresgårdar AB", stage: Stage | None = None
) -> int:
    """A landlord owned by ``owner``, with one contact person, at ``stage``; its id."""
    with working_in(app, tenant):
        person = user(owner)
        data = LandlordData(
            kind=LandlordKind.COMPANY,
            name=name,
            contacts=[ContactData(name="Karin Förvaltare", role="Förvaltare")],
        )
        landlord = create_landlord(tenant, person, data)
        if stage is not None and stage is not Stage.NEW:
            change_stage(tenant, person, landlord, stage, reason="Testskäl" if stage.needs_reason else "")
        return landlord.id


def set_department(app, key: str, department: Department) -> None:
    with app.app_context():
        person = user(key)
        person.department = department
        db.session.commit()


def set_locale(app, key: str, locale: str | None) -> None:
    with app.app_context():
        person = user(key)
        person.locale = locale
        db.session.commit()


def rows(app, tenant, model, *options) -> list:
    """Every row of a tenant table, detached (read after the session is closed)."""
    with app.app_context(), bound(db.session, tenant.schema):
        found = list(db.session.scalars(sa.select(model).order_by(model.id).options(*options)))
        db.session.expunge_all()
        return found


def interactions(app, tenant) -> list[Interaction]:
    return rows(app, tenant, Interaction, selectinload(Interaction.topic_rows))


def follow_ups(app, tenant) -> list[FollowUp]:
    return rows(app, tenant, FollowUp)


def history(app, tenant, subject_type: str) -> list[HistoryEntry]:
    with app.app_context(), bound(db.session, tenant.schema):
        found = list(
            db.session.scalars(
                sa.select(HistoryEntry).where(HistoryEntry.subject_type == subject_type).order_by(HistoryEntry.id)
            )
        )
        db.session.expunge_all()
        return found


def stage_of(app, tenant, landlord_id: int) -> Stage:
    with app.app_context(), bound(db.session, tenant.schema):
        return db.session.get(Landlord, landlord_id).stage


@pytest.fixture
def today(monkeypatch):
    """Freeze the dialogue's clock at ``TODAY``; call ``today.move(day)`` to move it."""

    class Clock:
        value = TODAY

        def move(self, day: date) -> None:
            self.value = day

    frozen = Clock()
    monkeypatch.setattr(clock, "today", lambda: frozen.value)
    return frozen
