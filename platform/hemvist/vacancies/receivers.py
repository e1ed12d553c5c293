"""The vacancies' section of a landlord's page, added through ``core.signals.landlord_page``."""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from hemvist.core.access import can_write
from hemvist.core.signals import landlord_page
from hemvist.vacancies.queries import vacancies_of


def landlord_section(landlord, tenant, **_extra) -> Markup | None:
    vacancies = vacancies_of(tenant, landlord.id)
    return Markup(
        render_template(
            "vacancies/landlord_section.html", vacancies=vacancies, landlord=landlord, can_register=can_write()
        )
    )


def connect() -> None:
    landlord_page.connect(landlord_section)
