from __future__ import annotations

from flask import render_template

from hemvist.tenancy.web import current_tenant
from hemvist.vacancies.queries import open_vacancies


def list_view():
    return render_template("vacancies/list.html", rows=open_vacancies(current_tenant))
