from __future__ import annotations

from datetime import date

from flask import render_template

from hemvist.quotas.queries import list_quotas
from hemvist.tenancy.web import current_tenant


def home():
    quotas = list_quotas(current_tenant)
    this_year = next((q for q in quotas if q.year == date.today().year), None)
    return render_template("workspace/home.html", quotas=quotas[:3], this_year=this_year, year=date.today().year)
