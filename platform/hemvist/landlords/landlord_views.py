"""One landlord: its page, and the changes made from it (stage, named contact, delete, restore)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from wtforms.fields.choices import SelectChoice

from hemvist.auth.queries import members_of, users_by_id
from hemvist.core.access import can_write, writer_required
from hemvist.core.signals import landlord_page
from hemvist.history.presenting import history_lines, user_ids_in
from hemvist.history.queries import history_of
from hemvist.landlords import operations
from hemvist.landlords.display import READING
from hemvist.landlords.forms import ConfirmForm, OwnerForm, StageForm
from hemvist.landlords.models import Landlord
from hemvist.landlords.operations import DELETION_GRACE, LandlordError
from hemvist.landlords.queries import get_landlord_or_404
from hemvist.tenancy.web import current_tenant


def detail(landlord_id: int):
    return _page(get_landlord_or_404(current_tenant, landlord_id))


def _page(landlord: Landlord, *, stage_form: StageForm | None = None, owner_form: OwnerForm | None = None):
    """The landlord's page; a form that failed is shown again with its errors, the others as stored."""
    entries = history_of(current_tenant, Landlord.__tablename__, landlord.id)
    members = members_of(current_tenant) if can_write() else []
    # The people the page names are mostly members, loaded for the reassignment form; look up the others.
    users = {member.id: member for member in members}
    users.update(users_by_id({landlord.owner_id, *user_ids_in(entries, READING)} - users.keys()))
    if can_write():
        stage_form = stage_form or StageForm(
            formdata=None, data={"stage": landlord.stage.value, "reason": landlord.stage_reason}
        )
        owner_form = owner_form or OwnerForm(formdata=None, data={"owner_id": str(landlord.owner_id)})
        owner_form.set_members(members)
        if landlord.owner_id not in {member.id for member in members}:
            owner_form.owner_id.choices.insert(0, SelectChoice("", _("Choose a colleague")))
    # Other features (the dialogue log, follow-ups) add their sections through the signal, in this order.
    sections = [Markup(html) for _receiver, html in landlord_page.send(landlord, tenant=current_tenant) if html]
    return render_template(
        "landlords/detail.html",
        landlord=landlord,
        owner=users.get(landlord.owner_id),
        history=history_lines(entries, users, READING),
        sections=sections,
        stage_form=stage_form,
        owner_form=owner_form,
    )


def _back_to(landlord: Landlord, anchor: str | None = None):
    return redirect(url_for("landlords.detail", landlord_id=landlord.id, _anchor=anchor))


@writer_required
def change_stage(landlord_id: int):
    landlord = get_landlord_or_404(current_tenant, landlord_id)
    form = StageForm()
    if not form.is_submitted():
        return _back_to(landlord, "stage-section")  # a reload of the address an error was shown at
    if form.validate():
        try:
            operations.change_stage(current_tenant, current_user, landlord, form.chosen_stage(), form.reason.data or "")
        except LandlordError as error:
            form.reason.errors.append(str(error))
        else:
            flash(
                _("%(name)s is now at the stage %(stage)s.", name=landlord.name, stage=landlord.stage.label), "success"
            )
            return _back_to(landlord, "stage-section")
    return _page(landlord, stage_form=form)


@writer_required
def reassign_owner(landlord_id: int):
    landlord = get_landlord_or_404(current_tenant, landlord_id)
    form = OwnerForm()
    if not form.is_submitted():
        return _back_to(landlord, "owner")
    form.set_members(members_of(current_tenant))
    if form.validate():
        owner = users_by_id([int(form.owner_id.data)])[int(form.owner_id.data)]
        try:
            operations.reassign_owner(current_tenant, current_user, landlord, owner)
        except LandlordError as error:
            form.owner_id.errors.append(str(error))
        else:
            flash(
                _("%(person)s is now the named contact for %(name)s.", person=owner.name, name=landlord.name), "success"
            )
            return _back_to(landlord, "owner")
    return _page(landlord, owner_form=form)


@writer_required
def delete(landlord_id: int):
    landlord = get_landlord_or_404(current_tenant, landlord_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        operations.delete_landlord(current_tenant, current_user, landlord)
        flash(
            _(
                "%(name)s is deleted. It can be restored from Recently deleted for %(days)s days.",
                name=landlord.name,
                days=DELETION_GRACE.days,
            ),
            "success",
        )
        return redirect(url_for("landlords.list"))
    return render_template("landlords/delete.html", landlord=landlord, form=form, grace=DELETION_GRACE)


@writer_required
def restore(landlord_id: int):
    landlord = get_landlord_or_404(current_tenant, landlord_id, include_deleted=True)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return redirect(url_for("landlords.deleted"))
    try:
        operations.restore_landlord(current_tenant, current_user, landlord)
    except LandlordError as error:
        flash(str(error), "error")
        return redirect(url_for("landlords.deleted"))
    flash(_("%(name)s is restored.", name=landlord.name), "success")
    return _back_to(landlord)
