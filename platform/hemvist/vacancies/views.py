"""The register of vacancies, one vacancy's page, and registering or changing one for a landlord."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.queries import users_by_id
from hemvist.core import clock
from hemvist.core.access import can_write, writer_required
from hemvist.core.paging import page_number, page_numbers
from hemvist.history.presenting import history_lines, user_ids_in
from hemvist.history.queries import history_of
from hemvist.landlords.queries import get_landlord_or_404, list_areas
from hemvist.tenancy.web import current_tenant
from hemvist.vacancies import operations
from hemvist.vacancies.display import READING
from hemvist.vacancies.forms import ConfirmForm, SearchForm, StatusForm, VacancyForm, initial_data
from hemvist.vacancies.models import OfferedVia, Vacancy
from hemvist.vacancies.operations import VacancyError
from hemvist.vacancies.queries import get_vacancy_or_404, is_stale, search_vacancies, stale_cutoff, stale_period


def template_helpers() -> dict:
    return {"can_write": can_write()}


def list_view():
    form = SearchForm(request.args)
    form.set_choices(list_areas(current_tenant))
    page = search_vacancies(
        current_tenant,
        form.criteria(),
        clock.today(),
        sort=form.sort_key(),
        page=page_number(request.args.get("page")),
    )
    return render_template(
        "vacancies/list.html",
        form=form,
        page=page,
        query_args=form.query_args(),
        page_numbers=page_numbers(page.page, page.pages),
        stale_days=stale_period().days,
    )


def detail(vacancy_id: int):
    return _page(get_vacancy_or_404(current_tenant, vacancy_id))


def _page(vacancy: Vacancy, *, status_form: StatusForm | None = None, status: int = 200):
    landlord = get_landlord_or_404(current_tenant, vacancy.landlord_id)
    entries = history_of(current_tenant, Vacancy.__tablename__, vacancy.id)
    users = users_by_id(user_ids_in(entries, READING))
    if can_write() and status_form is None:
        status_form = StatusForm(formdata=None)
        status_form.set_choices(vacancy.status)
    return render_template(
        "vacancies/detail.html",
        vacancy=vacancy,
        landlord=landlord,
        stale=is_stale(vacancy, stale_cutoff(clock.today())),
        stale_days=stale_period().days,
        history=history_lines(entries, users, READING),
        status_form=status_form if can_write() else None,
        confirm_form=ConfirmForm(formdata=None) if can_write() else None,
    ), status


@writer_required
def create():
    text = request.args.get("landlord", "")
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        abort(404)
    landlord = get_landlord_or_404(current_tenant, int(text))
    form = VacancyForm()
    form.set_area_choices(list_areas(current_tenant))
    if form.validate_on_submit():
        vacancy = operations.offer_vacancy(current_tenant, current_user, landlord, form.to_data(), OfferedVia.STAFF)
        flash(_("The home is registered as offered by %(name)s.", name=landlord.name), "success")
        return redirect(url_for("vacancies.detail", vacancy_id=vacancy.id))
    return _form_page(form, landlord, None)


@writer_required
def edit(vacancy_id: int):
    vacancy = get_vacancy_or_404(current_tenant, vacancy_id)
    landlord = get_landlord_or_404(current_tenant, vacancy.landlord_id)
    form = VacancyForm(data=initial_data(vacancy) if request.method == "GET" else None)
    form.set_area_choices(list_areas(current_tenant))
    if form.validate_on_submit():
        operations.update_vacancy(current_tenant, current_user, vacancy, form.to_data())
        flash(_("Your changes to the home are saved."), "success")
        return redirect(url_for("vacancies.detail", vacancy_id=vacancy.id))
    return _form_page(form, landlord, vacancy)


def _form_page(form: VacancyForm, landlord, vacancy: Vacancy | None):
    page = render_template("vacancies/form.html", form=form, landlord=landlord, vacancy=vacancy)
    return page, 400 if form.errors else 200


@writer_required
def change_status(vacancy_id: int):
    vacancy = get_vacancy_or_404(current_tenant, vacancy_id)
    form = StatusForm()
    if not form.is_submitted():
        return redirect(url_for("vacancies.detail", vacancy_id=vacancy.id))  # a reload after an error was shown
    form.set_choices(vacancy.status)
    if form.validate():
        try:
            operations.change_status(current_tenant, current_user, vacancy, form.chosen_status())
        except VacancyError as error:
            form.status.errors.append(str(error))
        else:
            flash(_("The home is now: %(status)s.", status=vacancy.status.label), "success")
            return redirect(url_for("vacancies.detail", vacancy_id=vacancy.id))
    return _page(vacancy, status_form=form, status=400)


@writer_required
def confirm(vacancy_id: int):
    vacancy = get_vacancy_or_404(current_tenant, vacancy_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            operations.confirm_vacancy(current_tenant, current_user, vacancy)
        except VacancyError as error:
            flash(str(error), "error")
        else:
            flash(_("Confirmed: the home is still free."), "success")
    return redirect(url_for("vacancies.detail", vacancy_id=vacancy.id))
