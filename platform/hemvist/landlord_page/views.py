"""A landlord's own page: ask for a link, open the page with it, offer and withdraw homes, update details.

Every view is public (landlords have no account); the page's own views need the access a used link gave
(``access.landlord_required``). Nothing here ever tells whether an e-mail address is known.
"""

from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from hemvist.auth.queries import is_member, users_by_id
from hemvist.core import mail
from hemvist.core.access import public
from hemvist.landlord_page import operations
from hemvist.landlord_page.access import close_page, current_access, landlord_required, open_page
from hemvist.landlord_page.forms import ConfirmForm, ContactDetailsForm, LinkRequestForm, OfferHomeForm
from hemvist.landlords import validation
from hemvist.landlords.display import phone_text
from hemvist.landlords.queries import list_areas
from hemvist.landlords.validation import display_phone
from hemvist.tenancy.web import current_tenant
from hemvist.vacancies.queries import get_vacancy_of_landlord_or_404, vacancies_of


def template_helpers() -> dict:
    return {"phone_text": phone_text}


@public
def page():
    access = current_access(current_tenant)
    if access is None:
        return _ask_for_link(LinkRequestForm())
    owner = users_by_id([access.landlord.owner_id]).get(access.landlord.owner_id)
    if owner is not None and not is_member(owner, current_tenant):
        owner = None  # someone who has left the municipality is nobody's contact any more
    return render_template(
        "landlord_page/page.html",
        access=access,
        owner=owner,
        vacancies=vacancies_of(current_tenant, access.landlord.id),
        confirm=ConfirmForm(),
    )


def _ask_for_link(form, status=200):
    return render_template("landlord_page/ask.html", form=form), status


@public
def ask_for_link():
    form = LinkRequestForm()
    if not form.validate_on_submit():
        return _ask_for_link(form, 400 if form.errors else 200)
    mails = operations.sign_in_mails(current_tenant, validation.email(form.email.data), str(get_locale()))
    mail.send_in_background(mails)
    # The same answer whether the address is known or not: the page must not reveal who is a landlord.
    return render_template("landlord_page/link_sent.html", email=form.email.data)


@public
def enter(token: str):
    """The link from the e-mail. Opening it shows a button: mail scanners that follow links do not spend it."""
    form = ConfirmForm()
    try:
        if form.validate_on_submit():
            link = operations.use_link(current_tenant, token)
            open_page(current_tenant, link)
            return redirect(url_for("landlord_page.page"))
        operations.check_link(current_tenant, token)
    except operations.LinkError as error:
        # 404: there is nothing (any more) at this address; the page says why and offers a new link.
        return render_template(
            "landlord_page/ask.html", form=LinkRequestForm(formdata=None), link_error=str(error)
        ), 404
    return render_template("landlord_page/enter.html", form=form, token=token)


@public
@landlord_required
def offer_home():
    form = OfferHomeForm()
    form.set_area_choices(list_areas(current_tenant))
    if form.validate_on_submit():
        operations.offer_home(current_tenant, g.landlord_access, form.to_data())
        flash(_("Thank you: the home is offered to the municipality. Your contact has been told."), "success")
        return redirect(url_for("landlord_page.page"))
    return render_template("landlord_page/offer.html", form=form), 400 if form.errors else 200


@public
@landlord_required
def withdraw_home(vacancy_id: int):
    vacancy = get_vacancy_of_landlord_or_404(current_tenant, g.landlord_access.landlord.id, vacancy_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        if operations.withdraw_home(current_tenant, g.landlord_access, vacancy):
            flash(_("The home is withdrawn. Your contact has been told."), "success")
        else:
            flash(_("This home is no longer on offer."), "info")
        return redirect(url_for("landlord_page.page"))
    return render_template("landlord_page/withdraw.html", form=form, vacancy=vacancy)


@public
@landlord_required
def contact_details():
    contact = g.landlord_access.contact
    form = ContactDetailsForm(
        data={"name": contact.name, "phone": display_phone(contact.phone), "email": contact.email}
    )
    if form.validate_on_submit():
        changed = operations.update_contact(
            current_tenant,
            g.landlord_access,
            form.name.data,
            validation.phone(form.phone.data),
            validation.email(form.email.data),
        )
        flash(_("Your details are saved.") if changed else _("Nothing was changed."), "success")
        return redirect(url_for("landlord_page.page"))
    return render_template("landlord_page/contact.html", form=form), 400 if form.errors else 200


@public
def close():
    form = ConfirmForm()
    if form.validate_on_submit():
        close_page(current_tenant)
        flash(_("You are logged out of your page."), "success")
    return redirect(url_for("landlord_page.page"))


def limit_request_size(endpoint, values) -> None:
    """The landlord's forms are small and public: larger bodies are refused before they are read."""
    request.max_content_length = current_app.config["SIGNUP_MAX_CONTENT_LENGTH"]
