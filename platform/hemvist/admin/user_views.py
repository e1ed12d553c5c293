"""The administration's users: the list, a user's page with what they may reach, and invitations.

A change posted from a user's page comes back to that page; a GET on an address a form posts to leads
there too (a reload, an old bookmark). Refusals are flashed there in words, never an error page.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.admin import operations, queries
from hemvist.admin.forms import ConfirmForm, CountyForm, InviteForm, MembershipForm, RoleForm, UserSearchForm
from hemvist.admin.operations import AdminError, InvitationData
from hemvist.auth.models import Role
from hemvist.core.paging import page_number, page_numbers


def users():
    form = UserSearchForm(request.args)
    text = (form.q.data or "")[:200]
    page = queries.search_users(text, page_number(request.args.get("page")))
    return render_template(
        "admin/users.html",
        form=form,
        page=page,
        query_args={"q": text} if text else {},
        page_numbers=page_numbers(page.page, page.pages),
    )


def user(user_id: int):
    return _user_page(queries.get_user_or_404(user_id))


def _user_page(found, membership_form=None, county_form=None, status=200):
    membership_form = membership_form or MembershipForm(formdata=None)
    _fill_membership_form(membership_form, found)
    county_form = county_form or CountyForm(formdata=None)
    _fill_county_form(county_form, found)
    history = queries.actions_about(found.email)
    return render_template(
        "admin/user.html",
        user=found,
        membership_form=membership_form,
        county_form=county_form,
        confirm=ConfirmForm(),
        roles=list(Role),
        history=history,
        actors=queries.actors_of(history),
    ), status


def _fill_membership_form(form: MembershipForm, found) -> None:
    others = [m for m in queries.list_municipalities() if found.membership_of(m.id) is None]
    form.set_municipalities(others, optional=False)


def _fill_county_form(form: CountyForm, found) -> None:
    held = {c.county_code for c in found.county_memberships}
    form.set_counties([(code, name) for code, name in queries.counties() if code not in held])


def _back(found):
    return redirect(url_for("admin.user", user_id=found.id))


def add_membership(user_id: int):
    found = queries.get_user_or_404(user_id)
    if request.method == "GET":
        return _back(found)
    form = MembershipForm()
    _fill_membership_form(form, found)
    if not form.validate_on_submit():
        return _user_page(found, membership_form=form, status=400)
    municipality = form.chosen()
    operations.add_membership(current_user, found, municipality, Role(form.role.data))
    flash(_("%(name)s has access to %(municipality)s.", name=found.name, municipality=municipality.name), "success")
    return _back(found)


def change_role(user_id: int, membership_id: int):
    found = queries.get_user_or_404(user_id)
    membership = queries.get_membership_or_404(found, membership_id)
    form = RoleForm()
    if request.method == "POST":
        if form.validate_on_submit():
            operations.change_role(current_user, membership, Role(form.role.data))
            flash(_("The role is saved."), "success")
        else:
            flash(_("Choose a role from the list."), "error")
    return _back(found)


def remove_membership(user_id: int, membership_id: int):
    found = queries.get_user_or_404(user_id)
    membership = queries.get_membership_or_404(found, membership_id)
    if ConfirmForm().validate_on_submit():
        name = membership.municipality.name
        operations.remove_membership(current_user, membership)
        flash(_("%(name)s no longer has access to %(municipality)s.", name=found.name, municipality=name), "success")
    return _back(found)


def grant_county(user_id: int):
    found = queries.get_user_or_404(user_id)
    if request.method == "GET":
        return _back(found)
    form = CountyForm()
    _fill_county_form(form, found)
    if form.validate_on_submit():
        try:
            operations.grant_county(current_user, found, form.county.data)
        except AdminError as error:
            form.county.errors.append(str(error))
        else:
            flash(_("%(name)s can read the county page.", name=found.name), "success")
            return _back(found)
    return _user_page(found, county_form=form, status=400)


def remove_county(user_id: int, county_code: str):
    found = queries.get_user_or_404(user_id)
    held = next((c for c in found.county_memberships if c.county_code == county_code), None)
    if held is not None and ConfirmForm().validate_on_submit():
        operations.remove_county(current_user, held)
        flash(_("%(name)s can no longer read that county page.", name=found.name), "success")
    return _back(found)


def deactivate(user_id: int):
    found = queries.get_user_or_404(user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        return _set_active(found, False)
    return render_template("admin/deactivate.html", user=found, form=form)


def reactivate(user_id: int):
    found = queries.get_user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        return _set_active(found, True)
    return _back(found)


def _set_active(found, active: bool):
    try:
        operations.set_active(current_user, found, active)
    except AdminError as error:
        flash(str(error), "error")
    else:
        if active:
            flash(_("%(name)s is active again.", name=found.name), "success")
        else:
            flash(_("%(name)s is deactivated.", name=found.name), "success")
    return _back(found)


def grant_admin(user_id: int):
    return _set_platform_admin(user_id, True)


def remove_admin(user_id: int):
    return _set_platform_admin(user_id, False)


def _set_platform_admin(user_id: int, value: bool):
    found = queries.get_user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            operations.set_platform_admin(current_user, found, value)
        except AdminError as error:
            flash(str(error), "error")
        else:
            message = (
                _("%(name)s is a platform administrator.", name=found.name)
                if value
                else _("%(name)s is no longer a platform administrator.", name=found.name)
            )
            flash(message, "success")
    return _back(found)


def invite():
    form = InviteForm(municipality=request.args.get("municipality", ""))
    form.set_municipalities(queries.list_municipalities(), optional=True)
    form.set_counties(queries.counties())
    if form.validate_on_submit():
        data = InvitationData(
            email=form.email.data,
            name=form.name.data,
            locale=form.locale.data,
            municipality=form.chosen(),
            role=Role(form.role.data),
            county_code=form.county.data or "",
        )
        try:
            invited, mailed = operations.invite_user(current_user, data)
        except AdminError as error:
            form[error.field or "email"].errors.append(str(error))
        else:
            _flash_invitation(invited, mailed)
            return redirect(url_for("admin.user", user_id=invited.id))
    return render_template("admin/invite.html", form=form), 400 if form.is_submitted() else 200


def invite_again(user_id: int):
    found = queries.get_user_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            mailed = operations.send_invitation_again(current_user, found)
        except AdminError as error:
            flash(str(error), "error")
        else:
            _flash_invitation(found, mailed)
    return _back(found)


def _flash_invitation(invited, mailed: bool) -> None:
    if mailed:
        flash(_("The invitation is sent to %(email)s.", email=invited.email), "success")
    else:
        message = _(
            "The invitation to %(email)s could not be sent: the mail server did not take it. Send it again later.",
            email=invited.email,
        )
        flash(message, "error")
        if current_app.config["DEMO"]:
            # The demo has no mail server: the command prints what the mail would carry.
            hint = _("In the demo, print the link instead: flask demo invitation-link %(email)s", email=invited.email)
            flash(hint, "info")
