"""The matching pages: read-only, for every member of the municipality (read-only members too)."""

from __future__ import annotations

from collections.abc import Sequence

from flask import redirect, render_template, request, url_for

from hemvist.core import clock
from hemvist.core.paging import Page, page_number
from hemvist.households.queries import deadline_of, get_household_or_404
from hemvist.matching import queries
from hemvist.matching.rules import explain
from hemvist.tenancy.web import current_tenant
from hemvist.vacancies.queries import get_vacancy_or_404

# The best suggestions shown; the rest are counted. Homes or households not suggested: by pages of this size
# (the ranking reads them from the database a window of this size at a time).
SHOWN = 50
PER_PAGE = queries.WINDOW
REFERENCE_LENGTH = 40


def _page_of(matches: Sequence, number: int) -> Page:
    pages = max(1, -(-len(matches) // PER_PAGE))
    number = min(max(1, number), pages)
    start = (number - 1) * PER_PAGE
    items = matches[start : start + PER_PAGE]  # only these are built, with their reasons
    return Page(items=items, total=len(matches), page=number, per_page=PER_PAGE)


def _rows_of(*rankings: queries.Ranking) -> dict:
    """What the page shows of each household or home it lists (read with the matches), by id."""
    rows = {}
    for ranking in rankings:
        rows.update(ranking.rows)
    return rows


def for_vacancy(vacancy_id: int):
    vacancy = get_vacancy_or_404(current_tenant, vacancy_id)
    reference = request.args.get("reference", "").strip()[:REFERENCE_LENGTH]
    not_found = False
    if reference:
        found = queries.household_row(current_tenant, reference)
        if found is not None:
            return redirect(url_for("matching.pair", household_id=found.id, vacancy_id=vacancy.id))
        not_found = True
    suggested, rest = queries.households_for(current_tenant, vacancy, clock.today())
    shown, why_not = suggested[:SHOWN], _page_of(rest, page_number(request.args.get("page")))
    return render_template(
        "matching/vacancy.html",
        vacancy=vacancy,
        suggested=shown,
        suggested_total=len(suggested),
        why_not=why_not,
        households=_rows_of(suggested, rest),
        reference=reference,
        not_found=not_found,
    )


def for_household(household_id: int):
    household = get_household_or_404(current_tenant, household_id)
    today = clock.today()
    suggested, rest = queries.vacancies_for(current_tenant, household, today)
    shown, why_not = suggested[:SHOWN], _page_of(rest, page_number(request.args.get("page")))
    return render_template(
        "matching/household.html",
        household=household,
        deadline=deadline_of(household, today),
        suggested=shown,
        suggested_total=len(suggested),
        why_not=why_not,
        vacancies=_rows_of(suggested, rest),
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
