from __future__ import annotations

from datetime import date

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from hemvist.dialogue import clock
from hemvist.dialogue.queries import follow_up_counts
from hemvist.landlord_page.forms import ConfirmForm
from hemvist.landlord_page.operations import mark_seen
from hemvist.landlord_page.queries import unseen_changes
from hemvist.quotas.queries import list_quotas
from hemvist.signup.queries import new_signup_count
from hemvist.tenancy.web import current_tenant


def home():
    quotas = list_quotas(current_tenant)
    this_year = next((q for q in quotas if q.year == date.today().year), None)
    overdue, due_today = follow_up_counts(current_tenant, clock.today(), current_user.id)
    return render_template(
        "workspace/home.html",
        quotas=quotas[:3],
        this_year=this_year,
        year=date.today().year,
        overdue=overdue,
        due_today=due_today,
        new_signups=new_signup_count(current_tenant),
        landlord_changes=unseen_changes(current_tenant, current_user.id),
        seen_form=ConfirmForm(),
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
