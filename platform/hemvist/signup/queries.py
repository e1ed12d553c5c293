"""Reads of the triage inbox."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from hemvist.signup.models import Signup, SignupStatus
from hemvist.tenancy.models import Tenant


def inbox(tenant: Tenant, status: SignupStatus) -> list[Signup]:
    """Sign-ups with ``status``: new ones oldest first (the longest waiting on top), handled ones newest first."""
    order = Signup.received_at.asc() if status is SignupStatus.NEW else Signup.handled_at.desc()
    return list(db.session.scalars(sa.select(Signup).where(Signup.status == status).order_by(order, Signup.id)))


def known_on_arrival(tenant: Tenant, signups: list[Signup]) -> set[int]:
    """The ids of those of ``signups`` whose landlord was in the registry when the sign-up arrived.

    ``landlord_id`` alone does not tell: accepting a sign-up sets it to the landlord the acceptance created.
    """
    ids = [signup.id for signup in signups if signup.landlord_id is not None]
    if not ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(Signup.id)
            .join(Landlord, Landlord.id == Signup.landlord_id)
            .where(Signup.id.in_(ids), Landlord.created_at <= Signup.received_at)
        )
    )


def status_counts(tenant: Tenant) -> dict[SignupStatus, int]:
    rows = db.session.execute(sa.select(Signup.status, sa.func.count()).group_by(Signup.status))
    counts = dict.fromkeys(SignupStatus, 0)
    counts.update(dict(rows.all()))
    return counts


def new_signup_count(tenant: Tenant) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Signup).where(Signup.status == SignupStatus.NEW))


def get_signup_or_404(tenant: Tenant, signup_id: int) -> Signup:
    signup = db.session.get(Signup, signup_id)
    if signup is None:
        abort(404)
    return signup
