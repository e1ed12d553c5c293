from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.models import Role
from hemvist.core.access import role_required
from hemvist.quotas import operations
from hemvist.quotas.forms import NewQuotaForm, QuotaForm
from hemvist.quotas.queries import get_quota_or_404, list_quotas, year_taken
from hemvist.tenancy.web import current_tenant


def list_view():
    can_edit = g.membership.role is Role.UNIT_ADMIN
    return render_template("quotas/list.html", quotas=list_quotas(current_tenant), can_edit=can_edit)


@role_required(Role.UNIT_ADMIN)
def create():
    form = NewQuotaForm()
    if form.validate_on_submit():
        if year_taken(current_tenant, form.year.data):
            form.year.errors.append(
                _("There is already a quota for %(year)s; change that one instead.", year=form.year.data)
            )
        else:
            operations.create_quota(current_tenant, current_user, form.year.data, form.persons.data)
            flash(_("The quota for %(year)s is saved.", year=form.year.data), "success")
            return redirect(url_for("quotas.list"))
    return render_template("quotas/form.html", form=form, quota=None)


@role_required(Role.UNIT_ADMIN)
def edit(quota_id: int):
    quota = get_quota_or_404(current_tenant, quota_id)
    form = QuotaForm(obj=quota)
    if form.validate_on_submit():
        operations.update_quota(current_tenant, current_user, quota, form.persons.data)
        flash(_("The quota for %(year)s is saved.", year=quota.year), "success")
        return redirect(url_for("quotas.list"))
    return render_template("quotas/form.html", form=form, quota=quota)
