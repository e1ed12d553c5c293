"""Helpers for the administration's tests: the administrator's client, the log, the stored users.

Mail goes to a closed port unless a test asks for the ``mailbox`` (a real SMTP server on 127.0.0.1).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from hemvist.admin.models import AdminAction
from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.tenancy.models import Municipality
from tests.signup.conftest import BASE_URL, app_overrides, body, mailbox  # noqa: F401 (fixtures)


@pytest.fixture
def admin(login):
    return login("platform_admin")


def log_rows(app) -> list[tuple[str, str, dict]]:
    """The log as (action, subject, details), oldest first."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(AdminAction.action, AdminAction.subject, AdminAction.details).order_by(AdminAction.id)
        )
        return [(action, subject, dict(details)) for action, subject, details in rows]


@dataclass(frozen=True)
class Account:
    """What the database holds about a user, read in one go: who they are and what they may reach."""

    id: int
    name: str
    locale: str | None
    active: bool
    has_password: bool
    platform_admin: bool
    memberships: dict[str, str]  # slug → role
    counties: list[str]


def account(app, email: str) -> Account | None:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        if user is None:
            return None
        return Account(
            id=user.id,
            name=user.name,
            locale=user.locale,
            active=user.active,
            has_password=user.password_hash is not None,
            platform_admin=user.is_platform_admin,
            memberships={m.municipality.slug: m.role.value for m in user.memberships},
            counties=sorted(c.county_code for c in user.county_memberships),
        )


def municipality(app, code: str) -> Municipality | None:
    with app.app_context():
        found = db.session.scalar(sa.select(Municipality).where(Municipality.code == code))
        if found is not None:
            db.session.expunge(found)
        return found


__all__ = ["BASE_URL", "body"]
