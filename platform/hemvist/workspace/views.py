from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from hemvist.core import clock
from hemvist.dialogue.queries import follow_up_counts
from hemvist.landlord_page.forms import ConfirmForm
from hemvist.landlord_page.operations import mark_seen
from hemvist.landlord_page.queries import unseen_changes
from hemvist.leases.queries import transfer_counts
from hemvist.quotas.figures import official_figures
from hemvist.quotas.queries import figure_rows, households_before_deadline, households_past_deadline, list_quotas
from hemvist.signup.queries import new_signup_count
from hemvist.tenancy.web import current_tenant
from hemvist.vacancies.queries import stale_vacancies, unmatched_vacancies

# How many lines each list on the overview shows; the full lists are a link away.
LIST_LENGTH = 5


def home():
    today = clock.today()
    quotas = {quota.year: quota for quota in list_quotas(current_tenant)}
    this_year = quotas.get(today.year)
    overdue, due_today = follow_up_counts(current_tenant, today, current_user.id)
    return render_template(
        "workspace/home.html",
        # Beside this year's progress: next year's quota once it is set, and last year's; never older years.
        other_quotas=[quotas[year] for year in (today.year + 1, today.year - 1) if year in quotas],
        this_year=this_year,
        year=today.year,
        today=today,
        figures=official_figures(
            today.year, today, this_year.persons if this_year else None, figure_rows(current_tenant, today.year, today)
        ),
        near_deadline=households_before_deadline(current_tenant, today, LIST_LENGTH),
        past_deadline=households_past_deadline(current_tenant, today, LIST_LENGTH),
        unmatched=unmatched_vacancies(current_tenant, LIST_LENGTH),
        stale=stale_vacancies(current_tenant, today, LIST_LENGTH),
        overdue=overdue,
        due_today=due_today,
        new_signups=new_signup_count(current_tenant),
        landlord_changes=unseen_changes(current_tenant, current_user.id),
        seen_form=ConfirmForm(),
        transfers=transfer_counts(current_tenant, today),
    )


def mark_changes_seen():
    """The named contact has read the changes their landlords made (the ids shown on the dashboard)."""
    form = ConfirmForm()
    if form.validate_on_submit():
        ids = [
            int(text) for text in request.form.getlist("change") if text.isascii() and text.isdigit() and len(text) < 10
        ]
        if ids:
            mark_seen(current_tenant, current_user, ids)
    return redirect(url_for("workspace.home"))
