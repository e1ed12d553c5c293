"""The administrative actions the log keeps: their stable keys, and how the log page says them.

A key is stored in ``admin_actions.action``; renaming one would orphan the rows that carry it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from hemvist.auth.models import Role

MUNICIPALITY_ENABLED = "municipality_enabled"
MUNICIPALITY_SUSPENDED = "municipality_suspended"
MUNICIPALITY_RESUMED = "municipality_resumed"
USER_INVITED = "user_invited"
INVITATION_SENT_AGAIN = "invitation_sent_again"
MEMBERSHIP_GRANTED = "membership_granted"
ROLE_CHANGED = "role_changed"
MEMBERSHIP_REMOVED = "membership_removed"
COUNTY_GRANTED = "county_access_granted"
COUNTY_REMOVED = "county_access_removed"
USER_DEACTIVATED = "user_deactivated"
USER_REACTIVATED = "user_reactivated"
PLATFORM_ADMIN_GRANTED = "platform_admin_granted"
PLATFORM_ADMIN_REMOVED = "platform_admin_removed"

LABELS = {
    MUNICIPALITY_ENABLED: _l("Enabled a municipality"),
    MUNICIPALITY_SUSPENDED: _l("Suspended a municipality"),
    MUNICIPALITY_RESUMED: _l("Resumed a municipality"),
    USER_INVITED: _l("Invited a user"),
    INVITATION_SENT_AGAIN: _l("Sent an invitation again"),
    MEMBERSHIP_GRANTED: _l("Gave access to a municipality"),
    ROLE_CHANGED: _l("Changed a role"),
    MEMBERSHIP_REMOVED: _l("Took away access to a municipality"),
    COUNTY_GRANTED: _l("Gave access to a county page"),
    COUNTY_REMOVED: _l("Took away access to a county page"),
    USER_DEACTIVATED: _l("Deactivated a user"),
    USER_REACTIVATED: _l("Reactivated a user"),
    PLATFORM_ADMIN_GRANTED: _l("Made a user platform administrator"),
    PLATFORM_ADMIN_REMOVED: _l("Took away platform administration"),
}

DETAIL_LABELS = {
    "name": _l("Name"),
    "slug": _l("Address"),
    "municipality": _l("Municipality"),
    "county": _l("County"),
    "role": _l("Role"),
    "from_role": _l("Role before"),
    "default_locale": _l("Language"),
    "locale": _l("Language"),
    "population": _l("Population"),
    "unit_email": _l("The unit's e-mail address"),
    "mailed": _l("E-mail sent"),
}

LANGUAGES = {"sv": "Svenska", "en": "English"}


def label_of(action: str):
    """The action in the reader's language; a key this version does not know is shown as it is stored."""
    return LABELS.get(action, action)


def details_of(details: dict | None) -> list[tuple[str, str]]:
    """The details of a log row as (label, value) pairs in the reader's language, empty values left out."""
    from flask_babel import gettext as _

    lines = []
    for key, value in (details or {}).items():
        if value in (None, ""):
            continue
        if key in ("role", "from_role") and value in {role.value for role in Role}:
            value = Role(value).label
        elif key in ("default_locale", "locale"):
            value = LANGUAGES.get(value, value)
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        lines.append((str(DETAIL_LABELS.get(key, key)), str(value)))
    return lines
