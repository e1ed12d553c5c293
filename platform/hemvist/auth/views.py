from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from hemvist.auth import invitations, operations
from hemvist.auth.forms import AccountForm, LoginForm, SetPasswordForm
from hemvist.auth.models import Department, ReminderFrequency
from hemvist.auth.queries import has_several_places, places_for, user_with_memberships
from hemvist.core.access import public
from hemvist.core.i18n import SESSION_KEY as LOCALE_SESSION_KEY
from hemvist.core.i18n import locale_chosen_before_login
from hemvist.core.validation import display_phone
from hemvist.extensions import limiter, login_manager


@login_manager.user_loader
def load_user(user_id: str):
    user = user_with_memberships(int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: an open redirect would help phishing."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def _fresh_session() -> None:
    locale = session.get(LOCALE_SESSION_KEY)
    session.clear()
    if locale:
        session[LOCALE_SESSION_KEY] = locale


def _login_failed(response) -> bool:
    return g.get("login_failed", False)


@public
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], deduct_when=_login_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("auth.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = operations.authenticate(form.email.data, form.password.data)
        if user is None:
            g.login_failed = True
            form.password.errors.append(_("The e-mail address or the password is wrong."))
        else:
            chosen = locale_chosen_before_login()
            _fresh_session()  # nothing from before the login carries over, except the language
            login_user(user)
            if chosen is not None and user.locale != chosen:
                operations.save_locale(user, chosen)
            return redirect(_safe_next(request.args.get("next")) or url_for("auth.home"))
    return render_template("auth/login.html", form=form)


def logout():
    logout_user()
    _fresh_session()
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login"))


def account_context():
    """Whether the header offers a way back to the picker."""
    # Templates are also rendered outside requests (e-mails from CLI jobs), where there is no user.
    if current_user is None or not current_user.is_authenticated:
        return {"has_several_places": False}
    return {"has_several_places": has_several_places(current_user)}


def home():
    """Where a user belongs: straight there when it is one place, a choice when several."""
    places = places_for(current_user)
    if len(places) == 1:
        return redirect(places[0].url)
    return render_template("auth/home.html", places=places)


def account():
    """What colleagues and landlords see of the user (name, phone, department), and the language."""
    form = AccountForm(
        name=current_user.name,
        department=current_user.department.value if current_user.department else "",
        locale=current_user.locale or str(get_locale()),
        phone=display_phone(current_user.phone),
        reminders=current_user.reminders.value,
    )
    if form.validate_on_submit():
        operations.update_profile(
            current_user,
            name=form.name.data,
            phone=form.phone.data,
            department=Department(form.department.data) if form.department.data else None,
            locale=form.locale.data,
            reminders=ReminderFrequency(form.reminders.data),
        )
        session[LOCALE_SESSION_KEY] = form.locale.data
        with force_locale(form.locale.data):
            flash(_("Your details are saved."), "success")
        return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form, places=places_for(current_user))


@public
def invitation(token: str):
    """The link in an invitation: choose a password, and be logged in with it.

    Opening the link changes nothing (mail scanners follow links); only sending the form spends it.
    """
    try:
        user = invitations.invited_user(token)
    except invitations.InvitationError as error:
        return _invitation_refused(error)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = invitations.accept(token, form.password.data)
        except invitations.InvitationError as error:
            return _invitation_refused(error)
        _fresh_session()  # nothing from before carries over, except the language
        login_user(user)
        flash(_("Your password is saved. Welcome to Hemvist."), "success")
        return redirect(url_for("auth.home"))
    status = 400 if form.errors else 200
    return render_template(
        "auth/invitation.html", form=form, user=user, token=token, min_length=operations.MIN_PASSWORD_LENGTH
    ), status


def _invitation_refused(error: invitations.InvitationError):
    # 404, as for a landlord's spent link: there is nothing (any more) at this address; the page says why.
    return render_template("auth/invitation_refused.html", reason=error.reason), 404
