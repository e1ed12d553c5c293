from __future__ import annotations

from datetime import date

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.models import Role
from hemvist.core import clock
from hemvist.core.access import role_required
from hemvist.quotas import operations
from hemvist.quotas.chart import chart_of
from hemvist.quotas.forms import FIRST_YEAR, LAST_YEAR, NewQuotaForm, QuotaForm
from hemvist.quotas.queries import get_quota_for_year, get_quota_or_404, list_quotas, quota_figures, year_taken
from hemvist.tenancy.web import current_tenant


def list_view():
    can_edit = g.membership.role is Role.UNIT_ADMIN
    return render_template(
        "quotas/list.html", quotas=list_quotas(current_tenant), can_edit=can_edit, this_year=clock.today().year
    )


def figures(year: int):
    """The official figures of one year: quota, assigned, received, still to receive, overdue, pace."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    today = clock.today()
    quota = get_quota_for_year(current_tenant, year)
    year_figures = quota_figures(current_tenant, year, today, quota)
    months = [(date(year, month, 1), households, persons) for month, households, persons in year_figures.months]
    return render_template(
        "quotas/figures.html",
        figures=year_figures,
        quota=quota,
        months=months,
        chart=chart_of(year_figures),
        can_edit=g.membership.role is Role.UNIT_ADMIN,
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
    )


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
