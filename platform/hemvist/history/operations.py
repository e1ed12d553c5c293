"""Recording changes. Called by the operations of other features, inside their transaction."""

from __future__ import annotations

from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.history.models import Action, HistoryEntry
from hemvist.tenancy.models import Tenant


def record(tenant: Tenant, user: User | None, action: Action, subject, changes: dict | None = None) -> HistoryEntry:
    """Add a history entry for ``subject`` (a tenant model instance with an id); the caller commits."""
    if subject.id is None:
        db.session.flush()
    entry = HistoryEntry(
        user_id=user.id if user is not None else None,
        action=action,
        subject_type=subject.__tablename__,
        subject_id=subject.id,
        changes=changes or {},
    )
    db.session.add(entry)
    return entry


def diff(before: dict, after: dict) -> dict:
    """The fields whose value changed, as ``{field: [old, new]}`` with values as text."""

    def text(value):
        if value is None:
            return None
        return getattr(value, "value", value) if not isinstance(value, (list, tuple)) else [text(v) for v in value]

    return {key: [text(before.get(key)), text(value)] for key, value in after.items() if before.get(key) != value}
