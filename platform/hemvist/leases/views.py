"""The leases: writing one from an accepted offer, the list, a lease's page with its transfer, the
transfers to watch and the headline figures.

Sensitive personal data: only the municipality's members reach these views (the tenant blueprint).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.queries import users_by_id
from hemvist.core import clock
from hemvist.core.access import can_write, writer_required
from hemvist.extensions import db
from hemvist.history.presenting import history_lines, user_ids_in
from hemvist.history.queries import history_of
from hemvist.households.models import Household
from hemvist.landlords.models import Landlord
from hemvist.leases import operations, queries
from hemvist.leases.display import READING, waiver_sentence, waiver_text
from hemvist.leases.forms import (
    PlannedTransferForm,
    TransferForm,
    WaiverForm,
    WriteLeaseForm,
    YearForm,
    initial_lease_data,
    waiver_key,
)
from hemvist.leases.models import Lease, LeaseForm
from hemvist.leases.operations import LeaseError
from hemvist.offers.models import Offer, OfferStatus
from hemvist.tenancy.web import current_tenant
from hemvist.vacancies.models import Vacancy


def template_helpers() -> dict:
    return {
        "can_write": can_write(),
        "waiver_text": waiver_text,
        "waiver_sentence": waiver_sentence,
        "tenure_date": queries.tenure_date,
    }


def household_section(household: Household) -> dict:
    """For the household's page: its leases, and accepted offers still waiting for one."""
    return {
        "leases": queries.leases_of_household(current_tenant, household.id),
        "offers": queries.accepted_offers_without_lease(current_tenant, household.id),
        "can_write": can_write(),
    }


def list_view():
    today = clock.today()
    return render_template("leases/list.html", leases=queries.list_leases(current_tenant, today), today=today)


def _offer_from_args() -> Offer:
    text = request.args.get("offer", "")
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        abort(404)
    offer = db.session.get(Offer, int(text))
    if offer is None:
        abort(404)
    return offer


@writer_required
def create():
    offer = _offer_from_args()
    existing = queries.lease_of_offer(current_tenant, offer.id)
    if existing is not None:
        flash(_("A lease has already been written from this offer."), "info")
        return redirect(url_for("leases.detail", lease_id=existing.id))
    vacancy = db.session.get(Vacancy, offer.vacancy_id)
    household = db.session.get(Household, offer.household_id)
    landlord = db.session.get(Landlord, vacancy.landlord_id)
    form = WriteLeaseForm(data=initial_lease_data(vacancy) if request.method == "GET" else None)
    refusal = None
    if offer.status is not OfferStatus.ACCEPTED:
        refusal = _("A lease can only be written from an accepted offer.")
    elif form.validate_on_submit():
        try:
            lease = operations.create_lease(current_tenant, current_user, offer, form.to_data())
        except LeaseError as error:
            refusal = str(error)
        else:
            flash(_("The lease is saved: the home is let and the household housed."), "success")
            return redirect(url_for("leases.detail", lease_id=lease.id))
    if request.method == "GET":
        status = 409 if refusal else 200
    else:
        status = 400  # a form sent and not saved: its errors, or why it was refused
    return render_template(
        "leases/form.html",
        form=form,
        offer=offer,
        vacancy=vacancy,
        household=household,
        landlord=landlord,
        refusal=refusal,
        sublease=LeaseForm.SUBLEASE.value,
    ), status


def detail(lease_id: int):
    return _page(queries.get_lease_or_404(current_tenant, lease_id))


def _page(lease: Lease, *, transfer_form=None, planned_form=None, waiver_form=None, status: int = 200):
    household = db.session.get(Household, lease.household_id)
    landlord = db.session.get(Landlord, lease.landlord_id)
    entries = history_of(current_tenant, Lease.__tablename__, lease.id)
    users = users_by_id({household.coordinator_id, *user_ids_in(entries, READING)})
    today = clock.today()
    pending = queries.is_pending_transfer(lease)
    if can_write() and pending:
        transfer_form = transfer_form or TransferForm(formdata=None, data={"transferred_on": today, "rent": lease.rent})
        planned_form = planned_form or PlannedTransferForm(
            formdata=None, data={"planned_transfer_on": lease.planned_transfer_on}
        )
    if can_write() and lease.form is LeaseForm.SUBLEASE and lease.transferred_on is None:
        waiver_form = waiver_form or WaiverForm(formdata=None, data={"tenure_waived": waiver_key(lease.tenure_waived)})
    return render_template(
        "leases/detail.html",
        lease=lease,
        household=household,
        landlord=landlord,
        vacancy=db.session.get(Vacancy, lease.vacancy_id) if lease.vacancy_id else None,
        coordinator=users.get(household.coordinator_id),
        replaces=db.session.get(Lease, lease.replaces_id) if lease.replaces_id else None,
        replacement=queries.replacement_of(current_tenant, lease),
        pending=pending,
        tenure_warning=queries.needs_tenure_warning(lease, today),
        today=today,
        history=history_lines(entries, users, READING),
        transfer_form=transfer_form if can_write() else None,
        planned_form=planned_form if can_write() else None,
        waiver_form=waiver_form if can_write() else None,
    ), status


def _back_to(lease: Lease, anchor: str = "transfer"):
    return redirect(url_for("leases.detail", lease_id=lease.id, _anchor=anchor))


@writer_required
def transfer(lease_id: int):
    lease = queries.get_lease_or_404(current_tenant, lease_id)
    form = TransferForm()
    if not form.is_submitted():
        return _back_to(lease)  # a reload of the address an error was shown at
    if form.validate():
        try:
            own = operations.mark_transferred(
                current_tenant, current_user, lease, form.transferred_on.data, form.chosen_form(), form.rent.data
            )
        except LeaseError as error:
            form.transferred_on.errors.append(str(error))
        else:
            flash(_("The lease is transferred: the household now has its own first-hand lease."), "success")
            return redirect(url_for("leases.detail", lease_id=own.id))
    return _page(lease, transfer_form=form, status=400)


@writer_required
def planned(lease_id: int):
    lease = queries.get_lease_or_404(current_tenant, lease_id)
    form = PlannedTransferForm()
    if not form.is_submitted():
        return _back_to(lease)
    if form.validate():
        try:
            operations.change_planned_transfer(
                current_tenant, current_user, lease, form.planned_transfer_on.data, form.reason.data
            )
        except LeaseError as error:
            form.planned_transfer_on.errors.append(str(error))
        else:
            flash(_("The planned transfer is moved."), "success")
            return _back_to(lease)
    return _page(lease, planned_form=form, status=400)


@writer_required
def tenure(lease_id: int):
    lease = queries.get_lease_or_404(current_tenant, lease_id)
    form = WaiverForm()
    if not form.is_submitted():
        return _back_to(lease, "tenure")
    if form.validate():
        try:
            operations.record_tenure_waiver(current_tenant, current_user, lease, form.chosen())
        except LeaseError as error:
            form.tenure_waived.errors.append(str(error))
        else:
            flash(_("Your changes are saved."), "success")
            return _back_to(lease, "tenure")
    return _page(lease, waiver_form=form, status=400)


def transfers_view():
    today = clock.today()
    found = queries.transfers(current_tenant, today)
    users = users_by_id(
        row.household.coordinator_id for row in (*found.overdue, *found.due_soon, *found.later, *found.tenure)
    )
    return render_template("leases/transfers.html", transfers=found, today=today, users=users)


def figures_view():
    form = YearForm(request.args)
    year = form.chosen_year()
    form.year.data = str(year)
    today = clock.today()
    return render_template(
        "leases/figures.html",
        form=form,
        figures=queries.figures(current_tenant, year, today),
        today=today,
    )
