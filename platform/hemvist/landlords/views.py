"""The registry as a whole: the searchable list, the board by stage, recently deleted, the landlord form."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.queries import members_of, users_by_id
from hemvist.core.access import can_write, writer_required
from hemvist.core.paging import page_number, page_numbers
from hemvist.landlords import operations
from hemvist.landlords.display import phone_text
from hemvist.landlords.forms import MAX_CONTACTS, LandlordForm, SearchForm, initial_data
from hemvist.landlords.operations import DELETION_GRACE, LandlordError
from hemvist.landlords.queries import (
    find_by_identity_number,
    get_landlord_or_404,
    landlords_by_stage,
    list_areas,
    load_areas,
    recently_deleted,
    search_landlords,
    stage_counts,
)
from hemvist.tenancy.web import current_tenant

# Enough to see who stands where at a glance; the rest are one link away in the filtered list.
BOARD_LIMIT = 25


def template_helpers() -> dict:
    return {"phone_text": phone_text, "can_write": can_write()}


def list_view():
    members = members_of(current_tenant)
    form = SearchForm(request.args)
    form.set_choices(members, list_areas(current_tenant))
    page = search_landlords(
        current_tenant, form.criteria(), sort=form.sort_key(), page=page_number(request.args.get("page"))
    )
    load_areas(current_tenant, page.items)
    # Owners are nearly always members, already loaded for the filter; look up only the others.
    owners = {member.id: member for member in members}
    owners.update(users_by_id(landlord.owner_id for landlord in page.items if landlord.owner_id not in owners))
    return render_template(
        "landlords/list.html",
        form=form,
        page=page,
        owners=owners,
        query_args=form.query_args(),
        page_numbers=page_numbers(page.page, page.pages),
    )


def board():
    return render_template(
        "landlords/board.html",
        columns=landlords_by_stage(current_tenant, limit_per_stage=BOARD_LIMIT),
        counts=stage_counts(current_tenant),
    )


def deleted():
    return render_template(
        "landlords/deleted.html",
        landlords=recently_deleted(current_tenant),
        grace=DELETION_GRACE,
    )


@writer_required
def create():
    return _landlord_form(None)


@writer_required
def edit(landlord_id: int):
    return _landlord_form(get_landlord_or_404(current_tenant, landlord_id))


def _landlord_form(landlord):
    form = LandlordForm(data=initial_data(landlord) if request.method == "GET" else None)
    form.set_area_choices(list_areas(current_tenant))
    duplicate = None
    if form.validate_on_submit():
        data = form.to_data()
        try:
            if landlord is None:
                landlord = operations.create_landlord(current_tenant, current_user, data)
                flash(_("%(name)s is registered.", name=landlord.name), "success")
            else:
                operations.update_landlord(current_tenant, current_user, landlord, data)
                flash(_("Your changes to %(name)s are saved.", name=landlord.name), "success")
        except LandlordError as error:
            # The only refusal of a valid form: the number belongs to a landlord already registered.
            form.identity_number.errors.append(str(error))
            duplicate = find_by_identity_number(current_tenant, data.identity_number)
        else:
            return redirect(url_for("landlords.detail", landlord_id=landlord.id))
    return render_template(
        "landlords/form.html", form=form, landlord=landlord, duplicate=duplicate, max_contacts=MAX_CONTACTS
    )
