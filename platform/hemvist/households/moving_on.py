"""Moving on (bostadskarriär): a housed household the unit helps to a bigger home or another area.

A candidate has ``moving_on`` set, a wish, and the barriers met on the way (no car, poor public transport…).
Each operation is one history entry and one commit. The history is where moves and give-ups are kept, so
that the report needs no columns of its own:

- marked: ``{"moving_on": [false, true], "moving_on_wish": [old, wish]}``
- moved:  ``{"status": ["housed", "moved_on"], "moving_on": [true, false], "moved_on": [null, "2026-03-04"],
  "barriers_at_move": [null, [...]]}`` — the barriers stay on the household as well;
- gave up: ``{"moving_on": [true, false], ...}`` without ``moved_on``, its barriers in ``barriers`` [old, []].

Sensitive personal data: log lines name ids only, never the wish.
"""

from __future__ import annotations

import logging
from datetime import date

from hemvist.auth.models import User
from hemvist.core import clock
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import diff, record
from hemvist.households.models import Barrier, Household, HouseholdStatus
from hemvist.households.operations import HouseholdError
from hemvist.tenancy.models import Tenant

log = logging.getLogger("hemvist.households")

WISH_MAX = 200


def barriers_of(household: Household) -> list[Barrier]:
    """The household's barriers in the enum's order; values no longer known are left out."""
    return ordered_barriers(household.barriers or [])


def ordered_barriers(values) -> list[Barrier]:
    chosen = set(values or [])
    return [barrier for barrier in Barrier if barrier.value in chosen]


def _check_wish(wish: str) -> str:
    from flask_babel import gettext as _

    wish = (wish or "").strip()
    if len(wish) > WISH_MAX:
        raise HouseholdError(_("At most %(max)s characters.", max=WISH_MAX))
    return wish


def mark_moving_on(tenant: Tenant, user: User, household: Household, wish: str) -> Household:
    """Make a housed household a candidate to move on, with what it wishes for."""
    from flask_babel import gettext as _

    wish = _check_wish(wish)
    if household.moving_on:
        raise HouseholdError(_("The household is already marked as moving on."))
    if household.status is not HouseholdStatus.HOUSED:
        raise HouseholdError(_("Only a housed household can be marked as moving on."))
    # A new candidacy starts without the barriers of an earlier one (the history keeps those).
    before = {
        "moving_on": False,
        "moving_on_wish": household.moving_on_wish,
        "barriers": list(household.barriers or []),
    }
    changes = diff(before, {"moving_on": True, "moving_on_wish": wish, "barriers": []})
    record(tenant, user, Action.UPDATED, household, changes)
    household.moving_on, household.moving_on_wish, household.barriers = True, wish, []
    db.session.commit()
    log.info("household %s marked moving on by user %s", household.id, user.id)
    return household


def update_moving_on(tenant: Tenant, user: User, household: Household, wish: str, barriers: list[Barrier]) -> Household:
    """A candidate's wish and the barriers met so far; nothing is written when nothing changed."""
    from flask_babel import gettext as _

    wish = _check_wish(wish)
    if not household.moving_on:
        raise HouseholdError(_("The household is not marked as moving on."))
    values = [barrier.value for barrier in ordered_barriers(barrier.value for barrier in barriers)]
    before = {"moving_on_wish": household.moving_on_wish, "barriers": [b.value for b in barriers_of(household)]}
    changes = diff(before, {"moving_on_wish": wish, "barriers": values})
    if changes:
        record(tenant, user, Action.UPDATED, household, changes)
        household.moving_on_wish, household.barriers = wish, values
        db.session.commit()
        log.info("household %s moving on changed by user %s", household.id, user.id)
    return household


def mark_moved(tenant: Tenant, user: User, household: Household, moved_on: date) -> Household:
    """The move is achieved on ``moved_on``: the household has moved on, its barriers stay as they were."""
    from flask_babel import gettext as _

    if not household.moving_on:
        raise HouseholdError(_("The household is not marked as moving on."))
    if moved_on > clock.today():
        raise HouseholdError(_("The date of the move cannot be in the future."))
    if household.received_on is not None and moved_on < household.received_on:
        raise HouseholdError(_("The household cannot move on before it was received."))
    changes = {
        "status": [household.status.value, HouseholdStatus.MOVED_ON.value],
        "moving_on": [True, False],
        "moved_on": [None, moved_on.isoformat()],
        "barriers_at_move": [None, [barrier.value for barrier in barriers_of(household)]],
    }
    record(tenant, user, Action.UPDATED, household, changes)
    household.status, household.moving_on = HouseholdStatus.MOVED_ON, False
    db.session.commit()
    log.info("household %s moved on, recorded by user %s", household.id, user.id)
    return household


def stop_moving_on(tenant: Tenant, user: User, household: Household) -> Household:
    """No longer moving on: the wish and barriers leave the household, its history keeps them."""
    from flask_babel import gettext as _

    if not household.moving_on:
        raise HouseholdError(_("The household is not marked as moving on."))
    before = {"moving_on": True, "moving_on_wish": household.moving_on_wish, "barriers": list(household.barriers or [])}
    record(
        tenant,
        user,
        Action.UPDATED,
        household,
        diff(before, {"moving_on": False, "moving_on_wish": "", "barriers": []}),
    )
    household.moving_on, household.moving_on_wish, household.barriers = False, "", []
    db.session.commit()
    log.info("household %s no longer moving on, by user %s", household.id, user.id)
    return household
