"""The public sign-up form and its receipt; the workspace's triage inbox."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.queries import members_of, users_by_id
from hemvist.core.access import can_write, public, writer_required
from hemvist.landlords.operations import LandlordError
from hemvist.landlords.queries import list_areas
from hemvist.signup import notices, operations
from hemvist.signup.forms import AcceptForm, SignupForm, started_token_for
from hemvist.signup.models import SignupStatus
from hemvist.signup.queries import get_signup_or_404, inbox, known_on_arrival, status_counts
from hemvist.tenancy.web import current_tenant

# The session remembers the last sign-up sent from this browser per municipality, for its receipt page.
RECEIPT_KEY = "signup_receipts"


@public
def signup_form():
    form = SignupForm()
    areas = list_areas(current_tenant)
    form.set_area_choices(areas)
    if form.validate_on_submit():
        signup = operations.receive_signup(current_tenant, form.to_data(str(get_locale())))
        report = notices.send_for(current_tenant, signup)
        receipts = session.get(RECEIPT_KEY, {})
        receipts[str(current_tenant.id)] = [signup.id, signup.contact_email in report.sent]
        session[RECEIPT_KEY] = receipts
        return redirect(url_for("signup.receipt"))
    # The clock starts when the person first sees the form: shown again with errors, it keeps running.
    form.started.data = started_token_for(form.started.data if form.is_submitted() else None)
    status = 400 if form.errors else 200
    return render_template("signup/form.html", form=form, areas=areas), status


@public
def receipt():
    remembered = session.get(RECEIPT_KEY, {}).get(str(current_tenant.id))
    if not (isinstance(remembered, list) and len(remembered) == 2):
        return redirect(url_for("signup.signup_form"))
    signup_id, mailed = remembered
    signup = get_signup_or_404(current_tenant, signup_id)
    areas = {area.id: area.name for area in list_areas(current_tenant)}
    return render_template("signup/receipt.html", signup=signup, areas=areas, mailed=mailed)


def inbox_view():
    wanted = request.args.get("status", SignupStatus.NEW.value)
    status = next((s for s in SignupStatus if s.value == wanted), None)
    if status is None:
        abort(404)
    signups = inbox(current_tenant, status)
    return render_template(
        "signup/inbox.html",
        signups=signups,
        status=status,
        counts=status_counts(current_tenant),
        known=known_on_arrival(current_tenant, signups),
        handlers=users_by_id(signup.handled_by_id for signup in signups),
    )


def show(signup_id: int):
    return _show(get_signup_or_404(current_tenant, signup_id), AcceptForm(owner=str(current_user.id)))


def _show(signup, accept_form, status=200):
    members = members_of(current_tenant)
    accept_form.set_owner_choices(members)
    areas = {area.id: area.name for area in list_areas(current_tenant)}
    known = None
    if signup.landlord_id:
        from hemvist.extensions import db
        from hemvist.landlords.models import Landlord

        known = db.session.get(Landlord, signup.landlord_id)
    return (
        render_template(
            "signup/show.html",
            signup=signup,
            accept_form=accept_form,
            areas=areas,
            known=known,
            sender_is_contact=known is not None
            and signup.contact_email.lower() in {contact.email.lower() for contact in known.contacts},
            handler=users_by_id([signup.handled_by_id]).get(signup.handled_by_id),
            can_triage=can_write(),
        ),
        status,
    )


@writer_required
def accept(signup_id: int):
    signup = get_signup_or_404(current_tenant, signup_id)
    if request.method == "GET":
        return redirect(url_for("signup.show", signup_id=signup.id))
    form = AcceptForm()
    form.set_owner_choices(members_of(current_tenant))
    if not form.validate_on_submit():
        return _show(signup, form, 400)
    owner = users_by_id([int(form.owner.data)])[int(form.owner.data)]
    try:
        landlord = operations.accept_signup(
            current_tenant, current_user, signup, owner, add_contact=bool(form.add_contact.data)
        )
    except (operations.SignupError, LandlordError) as error:
        flash(str(error), "error")
        return redirect(url_for("signup.show", signup_id=signup_id))
    flash(_("%(name)s is in the registry.", name=landlord.name), "success")
    return redirect(url_for("landlords.detail", landlord_id=landlord.id))


@writer_required
def mark_spam(signup_id: int):
    return _dismiss(signup_id, SignupStatus.SPAM, _("The sign-up is marked as spam."))


@writer_required
def reject(signup_id: int):
    return _dismiss(signup_id, SignupStatus.REJECTED, _("The sign-up is not taken further."))


def _dismiss(signup_id: int, status: SignupStatus, message: str):
    signup = get_signup_or_404(current_tenant, signup_id)
    if request.method == "POST":
        try:
            operations.dismiss_signup(current_tenant, current_user, signup, status)
        except operations.SignupError as error:
            flash(str(error), "error")
            return redirect(url_for("signup.show", signup_id=signup_id))
        flash(message, "success")
        return redirect(url_for("signup.inbox_view"))
    return redirect(url_for("signup.show", signup_id=signup.id))


def limit_request_size(endpoint, values) -> None:
    """The public form's bodies are small: anything larger is refused before it is read."""
    if endpoint == "signup.signup_form":
        request.max_content_length = current_app.config["SIGNUP_MAX_CONTENT_LENGTH"]
