"""The households: the list by deadline, a household's page, its form, reception and status.

Sensitive personal data: only the municipality's members reach these views (the tenant blueprint), and
nothing here logs a value about a household.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.queries import members_of, users_by_id
from hemvist.core import clock
from hemvist.core.access import can_write, writer_required
from hemvist.core.paging import page_number, page_numbers
from hemvist.history.presenting import history_lines, user_ids_in
from hemvist.history.queries import history_of
from hemvist.households import operations
from hemvist.households.display import READING, destinations_of
from hemvist.households.forms import (
    FilterForm,
    HouseholdForm,
    ReceivedForm,
    StatusForm,
    initial_data,
    received_data,
)
from hemvist.households.models import Household
from hemvist.households.moving_on_forms import section as moving_on_section
from hemvist.households.operations import DEADLINE_MONTHS, HouseholdError
from hemvist.households.queries import deadline_of, get_household_or_404, search_households
from hemvist.tenancy.web import current_tenant


def template_helpers() -> dict:
    return {"can_write": can_write(), "deadline_of": deadline_of, "destinations": destinations_of}


def list_view():
    form = FilterForm(request.args)
    form.set_choices()
    page = search_households(current_tenant, form.criteria(), page=page_number(request.args.get("page")))
    coordinators = users_by_id(household.coordinator_id for household in page.items)
    return render_template(
        "households/list.html",
        form=form,
        page=page,
        coordinators=coordinators,
        query_args=form.query_args(),
        page_numbers=page_numbers(page.page, page.pages),
        today=clock.today(),
    )


@writer_required
def create():
    return _household_form(None)


@writer_required
def edit(household_id: int):
    return _household_form(get_household_or_404(current_tenant, household_id))


def _household_form(household: Household | None):
    form = HouseholdForm(data=initial_data(household, current_user.id) if request.method == "GET" else None)
    form.set_members(members_of(current_tenant), household.coordinator_id if household else None)
    if form.validate_on_submit():
        try:
            if household is None:
                household = operations.create_household(current_tenant, current_user, form.to_data())
                flash(_("The household is registered."), "success")
            else:
                operations.update_household(current_tenant, current_user, household, form.to_data())
                flash(_("Your changes are saved."), "success")
        except HouseholdError as error:
            # A valid form refused: the reference is taken (the dates are checked by the form already).
            form.reference.errors.append(str(error))
        else:
            return redirect(url_for("households.detail", household_id=household.id))
    status = 400 if form.is_submitted() else 200
    return render_template("households/form.html", form=form, household=household, months=DEADLINE_MONTHS), status


def detail(household_id: int):
    return _page(get_household_or_404(current_tenant, household_id))


def page_with_moving_on(household: Household, failed: dict):
    """The page again after a moving-on form was refused (``failed``: the form by name, and ``error``)."""
    return _page(household, moving_on_failed=failed, status=400)


def _page(household: Household, *, received_form=None, status_form=None, moving_on_failed=None, status: int = 200):
    """The household's page; a form that failed is shown again with its errors, the other as stored."""
    entries = history_of(current_tenant, Household.__tablename__, household.id)
    users = users_by_id({household.coordinator_id, *user_ids_in(entries, READING)})
    if can_write():
        received_form = received_form or ReceivedForm(formdata=None, data=received_data(household))
        status_form = status_form or StatusForm(formdata=None, data={"status": household.status.value})
    return (
        render_template(
            "households/detail.html",
            household=household,
            deadline=deadline_of(household),
            coordinator=users.get(household.coordinator_id),
            history=history_lines(entries, users, READING),
            received_form=received_form,
            status_form=status_form,
            moving_on=moving_on_section(household, entries, writer=can_write(), failed=moving_on_failed),
        ),
        status,
    )


def _back_to(household: Household, anchor: str | None = None):
    return redirect(url_for("households.detail", household_id=household.id, _anchor=anchor))


@writer_required
def mark_received(household_id: int):
    household = get_household_or_404(current_tenant, household_id)
    form = ReceivedForm()
    if not form.is_submitted():
        return _back_to(household, "reception")  # a reload of the address an error was shown at
    if form.validate():
        already_received = household.received_on is not None
        try:
            operations.mark_received(
                current_tenant,
                current_user,
                household,
                form.received_on.data,
                lease_form=form.chosen_lease_form(),
                landlord_type=form.chosen_landlord_type(),
            )
        except HouseholdError as error:
            form.received_on.errors.append(str(error))
        else:
            if already_received:
                flash(_("Your changes are saved."), "success")
            else:
                flash(_("The household is marked as received."), "success")
            return _back_to(household, "reception")
    return _page(household, received_form=form, status=400)


@writer_required
def change_status(household_id: int):
    household = get_household_or_404(current_tenant, household_id)
    form = StatusForm()
    if not form.is_submitted():
        return _back_to(household, "status-section")
    if form.validate():
        operations.change_status(current_tenant, current_user, household, form.chosen_status())
        flash(_("New status: %(status)s.", status=household.status.label), "success")
        return _back_to(household, "status-section")
    return _page(household, status_form=form, status=400)
