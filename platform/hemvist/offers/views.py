"""The offers: the list, an offer's page with its answers, making one, and the sections other pages include.

Every action is a form posted to its own address; a GET there leads back to the offer's page (a reload
after an error). A refused form shows the page again with the typed values and a 400; an acceptance that
came second answers 409.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BuildError

from hemvist.auth.queries import users_by_id
from hemvist.core import clock
from hemvist.core.access import can_write, writer_required
from hemvist.core.paging import page_number, page_numbers
from hemvist.households.queries import get_household_or_404
from hemvist.offers import notices, operations, queries
from hemvist.offers.forms import AcceptForm, FilterForm, NewOfferForm, RefuseForm, ViewingForm, WithdrawForm
from hemvist.offers.models import Offer, OfferStatus
from hemvist.offers.operations import OfferError, OfferTaken
from hemvist.tenancy.web import current_tenant
from hemvist.vacancies.queries import get_vacancy_or_404


def template_helpers() -> dict:
    return {"can_write": can_write()}


# --- links to the neighbouring features, which may not be on the service yet ------------------------------


def feature_url(endpoints: tuple[str, ...], fallback: str | None = None, **values) -> str | None:
    """The URL of the first of ``endpoints`` the application has, else ``fallback`` (a path in the workspace)."""
    for endpoint in endpoints:
        if endpoint in current_app.view_functions:
            try:
                return url_for(endpoint, **values)
            except BuildError:
                continue
    return fallback


def suggested_households_url(vacancy_id: int) -> str | None:
    return feature_url(("matching.vacancy", "matching.for_vacancy"), vacancy_id=vacancy_id)


def suggested_homes_url(household_id: int) -> str | None:
    return feature_url(("matching.household", "matching.for_household"), household_id=household_id)


def lease_url(offer: Offer) -> str:
    return feature_url(("leases.new", "leases.create"), f"/{current_tenant.slug}/leases/new?offer={offer.id}",
                       offer=offer.id)  # fmt: skip


# --- template globals for the households', the vacancies' and the matching's pages ------------------------


def offers_of_household(household_id: int) -> list[Offer]:
    return queries.offers_of_household(current_tenant, household_id)


def offers_of_vacancy(vacancy_id: int) -> list[Offer]:
    return queries.offers_of_vacancy(current_tenant, vacancy_id)


def offer_form() -> NewOfferForm:
    return NewOfferForm(formdata=None)


def offers_can_write() -> bool:
    return can_write()


def offers_paused(household) -> bool:
    """Whether the household rests from offers today (after a refusal)."""
    return operations.paused(household, clock.today())


# --- pages --------------------------------------------------------------------------------------------------


def list_view():
    form = FilterForm(request.args)
    page = queries.search_offers(current_tenant, form.criteria(), page=page_number(request.args.get("page")))
    return render_template(
        "offers/list.html",
        form=form,
        page=page,
        query_args=form.query_args(),
        page_numbers=page_numbers(page.page, page.pages),
    )


def detail(offer_id: int):
    return _page(queries.get_offer_or_404(current_tenant, offer_id))


def _page(offer: Offer, *, status: int = 200, error: str | None = None, **forms):
    from hemvist.matching.rules import Reason

    writer = can_write()
    if writer and offer.status.is_open:
        forms.setdefault("viewing_form", ViewingForm(formdata=None, data={"viewing_on": offer.viewing_on}))
        forms.setdefault("accept_form", AcceptForm(formdata=None, data={"answered_on": clock.today()}))
        forms.setdefault("withdraw_form", WithdrawForm(formdata=None))
    if writer and offer.status in (*operations.OPEN_STATUSES, OfferStatus.ACCEPTED):
        forms.setdefault("refuse_form", RefuseForm(formdata=None, data={"after": "wait"}))
    if not writer:
        forms = {}
    people = users_by_id({offer.offered_by_id, offer.household.coordinator_id})
    reasons = [Reason.from_json(item) for item in offer.reasons or [] if isinstance(item, dict)]
    return (
        render_template(
            "offers/detail.html",
            offer=offer,
            vacancy=offer.vacancy,
            household=offer.household,
            reasons=reasons,
            offered_by=people.get(offer.offered_by_id),
            coordinator=people.get(offer.household.coordinator_id),
            lease_url=lease_url(offer) if offer.status is OfferStatus.ACCEPTED else None,
            error=error,
            **forms,
        ),
        status,
    )


@writer_required
def create():
    form = NewOfferForm(request.form if request.method == "POST" else request.args)
    vacancy_id, household_id = form.vacancy_id(), form.household_id()
    if request.method == "GET" and (vacancy_id is None or household_id is None):
        return redirect(url_for("offers.list"))
    if vacancy_id is None or household_id is None:
        abort(404)
    vacancy = get_vacancy_or_404(current_tenant, vacancy_id)
    household = get_household_or_404(current_tenant, household_id)
    error = None
    if request.method == "POST":
        if form.validate():
            try:
                offer = operations.make_offer(current_tenant, current_user, vacancy, household)
            except OfferError as refused:
                error = str(refused)
                vacancy = get_vacancy_or_404(current_tenant, vacancy_id)  # the refusal may have rolled back
                household = get_household_or_404(current_tenant, household_id)
            else:
                flash(_("The home is offered to household %(reference)s.", reference=household.reference), "success")
                return redirect(url_for("offers.detail", offer_id=offer.id))
        else:
            error = _("The form had expired. Please try again.")
    return _new_page(form, vacancy, household, error)


def _new_page(form: NewOfferForm, vacancy, household, error: str | None):
    from hemvist.matching.rules import explain

    match = explain(household, vacancy, today=clock.today(), persons_per_bedroom=current_tenant.persons_per_bedroom)
    form.vacancy.data, form.household.data = str(vacancy.id), str(household.id)
    page = render_template("offers/new.html", form=form, vacancy=vacancy, household=household, match=match, error=error)
    return page, 400 if error else 200


def _offer_for_action(offer_id: int):
    offer = queries.get_offer_or_404(current_tenant, offer_id)
    return offer


def _back(offer: Offer, anchor: str | None = None):
    return redirect(url_for("offers.detail", offer_id=offer.id, _anchor=anchor))


@writer_required
def book_viewing(offer_id: int):
    offer = _offer_for_action(offer_id)
    form = ViewingForm()
    if not form.is_submitted():
        return _back(offer, "viewing")
    if form.validate():
        try:
            operations.book_viewing(current_tenant, current_user, offer, form.viewing_on.data)
        except OfferError as error:
            form.viewing_on.errors.append(str(error))
        else:
            flash(_("The viewing is booked."), "success")
            return _back(offer)
    return _page(offer, viewing_form=form, status=400)


@writer_required
def accept(offer_id: int):
    offer = _offer_for_action(offer_id)
    form = AcceptForm()
    if not form.is_submitted():
        return _back(offer, "answer")
    if form.validate():
        try:
            acceptance = operations.accept(current_tenant, current_user, offer, form.answered_on.data)
        except OfferTaken as error:
            offer = _offer_for_action(offer_id)
            return _page(offer, error=str(error), status=409)
        except OfferError as error:
            offer = _offer_for_action(offer_id)
            form.answered_on.errors.append(str(error))
        else:
            notices.send_withdrawal_notices(current_tenant, current_user.id, acceptance)
            withdrawn = len(acceptance.withdrawn)
            message = _("The offer is accepted and the home is reserved.")
            if withdrawn:
                message += " " + _("Other offers withdrawn: %(num)s.", num=withdrawn)
            flash(message, "success")
            return _back(offer)
    return _page(offer, accept_form=form, status=400)


@writer_required
def refuse(offer_id: int):
    offer = _offer_for_action(offer_id)
    form = RefuseForm()
    if not form.is_submitted():
        return _back(offer, "answer")
    if form.validate():
        try:
            operations.refuse(
                current_tenant,
                current_user,
                offer,
                form.chosen_reason(),
                form.after.data,
                form.paused_until.data if form.after.data == "pause" else None,
                form.note.data or "",
            )
        except OfferError as error:
            form.reason.errors.append(str(error))
        else:
            flash(_("The refusal is recorded."), "success")
            return _back(offer)
    return _page(offer, refuse_form=form, status=400)


@writer_required
def withdraw(offer_id: int):
    offer = _offer_for_action(offer_id)
    form = WithdrawForm()
    if not form.is_submitted():
        return _back(offer, "withdraw")
    if form.validate():
        try:
            operations.withdraw(current_tenant, current_user, offer, form.note.data or "")
        except OfferError as error:
            form.note.errors.append(str(error))
        else:
            flash(_("The offer is withdrawn."), "success")
            return _back(offer)
    return _page(offer, withdraw_form=form, status=400)
