from __future__ import annotations

from datetime import date

from flask import render_template
from flask_login import current_user

from hemvist.dialogue import clock
from hemvist.dialogue.queries import follow_up_counts
from hemvist.quotas.queries import list_quotas
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
    )
