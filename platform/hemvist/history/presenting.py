"""History entries as people read them: who did what, and each changed field from what to what.

Shared by every page with a history (a landlord's, a vacancy's, a household's); each feature says what
its fields are called and how their stored values read, through a ``Reading``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _

from hemvist.auth.models import User
from hemvist.history.models import Action, HistoryEntry


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None  # None: not shown (long texts), or nothing before
    after: str | None


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    action: str
    changes: list[Change]


@dataclass(frozen=True)
class Reading:
    """How one feature's history reads."""

    actions: Mapping[Action, object]
    fields: Mapping[str, object]
    # ``value(field, stored, users)``: a stored value as text, or None for nothing.
    value: Callable[[str, object, dict[int, User]], str | None]
    # Fields said to have changed without repeating their values (long texts, ids that mean nothing).
    unquoted: Callable[[str, object], bool] = lambda field, before: False
    # Fields holding user ids (named contacts, coordinators), so that their names can be looked up.
    user_fields: Iterable[str] = field(default=())


def user_ids_in(entries: list[HistoryEntry], reading: Reading) -> set[int]:
    """Everyone a history names: who acted, and the users in its user fields before and after a change."""
    ids = {entry.user_id for entry in entries if entry.user_id is not None}
    for entry in entries:
        for name in reading.user_fields:
            ids.update(value for value in (entry.changes or {}).get(name, []) if isinstance(value, int))
    return ids


def history_lines(entries: list[HistoryEntry], users: dict[int, User], reading: Reading) -> list[HistoryLine]:
    lines = []
    for entry in entries:
        if entry.user_id is None:
            # Only the landlord's own page writes history without a user.
            who = _("The landlord, on their own page")
        else:
            who = users[entry.user_id].name if entry.user_id in users else _("Someone no longer in Hemvist")
        changes = []
        if entry.action is Action.UPDATED:
            for name, values in (entry.changes or {}).items():
                before, after = (list(values) + [None, None])[:2] if isinstance(values, list) else (None, values)
                label = str(reading.fields.get(name, name))
                if reading.unquoted(name, before):
                    changes.append(Change(label, None, None))
                else:
                    changes.append(Change(label, reading.value(name, before, users), reading.value(name, after, users)))
        action = str(reading.actions.get(entry.action, entry.action.value))
        lines.append(HistoryLine(entry.at, who, action, changes))
    return lines
