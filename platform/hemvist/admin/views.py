"""The administration's municipalities and its log: list, enable, suspend and resume; who did what."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.admin import actions, operations, queries
from hemvist.admin.forms import ConfirmForm, EnableForm
from hemvist.admin.operations import AdminError, MunicipalityData
from hemvist.core.paging import page_number, page_numbers
from hemvist.statistics.measures import LABELS
from hemvist.tenancy.models import TenantStatus


def admin_only():
    """Every route of the blueprint, also those added later: platform administrators only, 403 for the rest.

    Anonymous visitors never get here: the app-wide login check has sent them to the login page already.
    """
    if not getattr(current_user, "is_platform_admin", False):
        abort(403)


def template_helpers() -> dict:
    return {
        "action_label": actions.label_of,
        "action_details": actions.details_of,
        "headline_measures": [(key, LABELS[key]) for key in queries.HEADLINE_MEASURES],
    }


def index():
    return render_template("admin/index.html", rows=queries.municipality_rows())


def enable():
    form = EnableForm()
    form.set_municipalities(queries.municipalities_to_enable())
    form.set_addresses(queries.addresses_in_use(), operations.platform_paths())
    if form.validate_on_submit():
        data = MunicipalityData(
            code=form.code.data,
            slug=form.slug.data,
            default_locale=form.default_locale.data,
            population=form.population.data,
            unit_email=form.unit_email.data,
        )
        try:
            municipality = operations.enable_municipality(current_user, data)
        except AdminError as error:
            form[error.field or "code"].errors.append(str(error))
        else:
            flash(
                _(
                    "%(name)s is on the service at /%(slug)s/. Give its first users access, and commit its "
                    "configuration file below.",
                    name=municipality.name,
                    slug=municipality.slug,
                ),
                "success",
            )
            return redirect(url_for("admin.municipality", code=municipality.code))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/enable.html", form=form), status


def municipality(code: str):
    found = queries.get_municipality_or_404(code)
    history = queries.actions_about(found.code)
    return render_template(
        "admin/municipality.html",
        row=queries.municipality_row(found),
        members=queries.members_of(found),
        tenant_file=queries.tenant_file(found),
        history=history,
        actors=queries.actors_of(history),
    )


def suspend(code: str):
    return _change_status(code, TenantStatus.SUSPENDED)


def resume(code: str):
    return _change_status(code, TenantStatus.ACTIVE)


def _change_status(code: str, status: TenantStatus):
    found = queries.get_municipality_or_404(code)
    form = ConfirmForm()
    if form.validate_on_submit():
        if operations.set_municipality_status(current_user, found, status):
            message = (
                _("%(name)s is suspended: its pages answer “page not found” until it is resumed.", name=found.name)
                if status is TenantStatus.SUSPENDED
                else _("%(name)s is active again.", name=found.name)
            )
            flash(message, "success")
        else:
            flash(_("Nothing changed: %(name)s had that status already.", name=found.name), "info")
        return redirect(url_for("admin.municipality", code=found.code))
    return render_template("admin/status.html", municipality=found, status=status, form=form)


def log_view():
    page = queries.log_page(page_number(request.args.get("page")))
    return render_template(
        "admin/log.html",
        page=page,
        actors=queries.actors_of(page.items),
        page_numbers=page_numbers(page.page, page.pages),
    )
