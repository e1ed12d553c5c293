"""Moving on: marking a housed household, its wish and barriers, the move or the give-up, and the report.

Each form posts to its own address and comes back to the household's page; a refused one is shown there
again with what was typed (400).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.core.access import writer_required
from hemvist.households import moving_on, views
from hemvist.households.models import Household
from hemvist.households.moving_on_forms import MovedForm, StartForm, StopForm, UpdateForm
from hemvist.households.moving_on_report import moving_on_report
from hemvist.households.operations import HouseholdError
from hemvist.households.queries import get_household_or_404
from hemvist.tenancy.web import current_tenant

ANCHOR = "moving-on"


def report():
    return render_template("households/moving_on_report.html", report=moving_on_report(current_tenant))


def _back(household: Household):
    return redirect(url_for("households.detail", household_id=household.id, _anchor=ANCHOR))


def _handle(household_id: int, name: str, form_class, act, done: str):
    """Load, check, call ``act(household, form)``, then back to the page; a refusal shows the page again."""
    household = get_household_or_404(current_tenant, household_id)
    form = form_class()
    if not form.is_submitted():
        return _back(household)  # a reload of the address an error was shown at
    if form.validate():
        try:
            act(household, form)
        except HouseholdError as error:
            return views.page_with_moving_on(household, {name: form, "error": str(error)})
        flash(done, "success")
        return _back(household)
    return views.page_with_moving_on(household, {name: form})


@writer_required
def start(household_id: int):
    return _handle(
        household_id,
        "start",
        StartForm,
        lambda household, form: moving_on.mark_moving_on(
            current_tenant, current_user, household, form.moving_on_wish.data
        ),
        _("The household is marked as moving on."),
    )


@writer_required
def update(household_id: int):
    return _handle(
        household_id,
        "update",
        UpdateForm,
        lambda household, form: moving_on.update_moving_on(
            current_tenant, current_user, household, form.moving_on_wish.data, form.chosen_barriers()
        ),
        _("Your changes are saved."),
    )


@writer_required
def moved(household_id: int):
    return _handle(
        household_id,
        "moved",
        MovedForm,
        lambda household, form: moving_on.mark_moved(current_tenant, current_user, household, form.moved_on.data),
        _("The move is recorded."),
    )


@writer_required
def stop(household_id: int):
    return _handle(
        household_id,
        "stop",
        StopForm,
        lambda household, form: moving_on.stop_moving_on(current_tenant, current_user, household),
        _("The household is no longer moving on."),
    )
