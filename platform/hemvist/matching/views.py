"""The matching pages: read-only, for every member of the municipality (read-only members too)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from hemvist.core import clock
from hemvist.core.paging import Page, page_number
from hemvist.households.queries import deadline_of, get_household_or_404
from hemvist.matching import queries
from hemvist.matching.rules import explain
from hemvist.tenancy.web import current_tenant
from hemvist.vacancies.queries import get_vacancy_or_404

# The best suggestions shown; the rest are counted. Homes or households not suggested: by pages of this size.
SHOWN = 50
PER_PAGE = 50
REFERENCE_LENGTH = 40


def _page_of(matches: list, number: int) -> Page:
    pages = max(1, -(-len(matches) // PER_PAGE))
    number = min(max(1, number), pages)
    start = (number - 1) * PER_PAGE
    return Page(items=matches[start : start + PER_PAGE], total=len(matches), page=number, per_page=PER_PAGE)


def for_vacancy(vacancy_id: int):
    vacancy = get_vacancy_or_404(current_tenant, vacancy_id)
    reference = request.args.get("reference", "").strip()[:REFERENCE_LENGTH]
    not_found = False
    if reference:
        found = queries.household_row(current_tenant, reference)
        if found is not None:
            return redirect(url_for("matching.pair", household_id=found.id, vacancy_id=vacancy.id))
        not_found = True
    today = clock.today()
    pool = queries.household_pool(current_tenant)
    suggested, rest = queries.rank_households(current_tenant, vacancy, pool, today)
    households = {row.id: row for row in pool}
    return render_template(
        "matching/vacancy.html",
        vacancy=vacancy,
        suggested=suggested[:SHOWN],
        suggested_total=len(suggested),
        why_not=_page_of(rest, page_number(request.args.get("page"))),
        households=households,
        reference=reference,
        not_found=not_found,
    )


def for_household(household_id: int):
    household = get_household_or_404(current_tenant, household_id)
    today = clock.today()
    pool = queries.vacancy_pool(current_tenant)
    suggested, rest = queries.rank_vacancies(current_tenant, household, pool, today)
    return render_template(
        "matching/household.html",
        household=household,
        deadline=deadline_of(household, today),
        suggested=suggested[:SHOWN],
        suggested_total=len(suggested),
        why_not=_page_of(rest, page_number(request.args.get("page"))),
        vacancies={row.id: row for row in pool},
    )


def pair(household_id: int, vacancy_id: int):
    household = get_household_or_404(current_tenant, household_id)
    vacancy = get_vacancy_or_404(current_tenant, vacancy_id)
    today = clock.today()
    match = explain(household, vacancy, today=today, persons_per_bedroom=current_tenant.persons_per_bedroom)
    return render_template(
        "matching/pair.html",
        household=household,
        vacancy=vacancy,
        deadline=deadline_of(household, today),
        match=match,
    )
