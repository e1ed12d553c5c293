"""Made-up administration for the demo: a user invited but not in yet, and a few lines in the log.

Shared data (no municipality's schema), loaded once by ``flask demo load``; loading again adds nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from hemvist.admin import actions
from hemvist.admin.models import AdminAction
from hemvist.auth import operations as auth
from hemvist.auth.models import Role, User
from hemvist.extensions import db
from hemvist.tenancy.models import Municipality

ADMIN = "admin@hemvist.example"
INVITED = ("ny.samordnare@varnamo.example", "Lina Nyström (demo)")


def load_demo(users: dict[str, User]) -> None:
    """The caller commits."""
    admin = users.get(ADMIN)
    varnamo = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo"))
    if admin is None or varnamo is None or auth.find_user(INVITED[0]) is not None:
        return
    # No password: the user page offers "Send the invitation again", and the demo's mail goes nowhere.
    invited = auth.create_user(*INVITED, locale="sv", commit=False)
    auth.grant_membership(invited, varnamo, Role.COORDINATOR, commit=False)
    now = datetime.now(UTC)
    lines = [
        (now - timedelta(days=30), actions.MUNICIPALITY_ENABLED, varnamo.code, {"name": varnamo.name,
                                                                                 "slug": varnamo.slug}),
        (now - timedelta(days=2, hours=3), actions.MUNICIPALITY_SUSPENDED, varnamo.code, {"name": varnamo.name}),
        (now - timedelta(days=2), actions.MUNICIPALITY_RESUMED, varnamo.code, {"name": varnamo.name}),
        (now - timedelta(hours=5), actions.USER_INVITED, invited.email, {"name": invited.name,
                                                                         "municipality": varnamo.name,
                                                                         "role": Role.COORDINATOR.value,
                                                                         "mailed": False}),
    ]  # fmt: skip
    db.session.add_all(
        AdminAction(at=at, actor_id=admin.id, action=action, subject=subject, details=details)
        for at, action, subject, details in lines
    )
