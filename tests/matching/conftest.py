"""Helpers for matching's tests: households and homes as plain objects (the rules read attributes only),
an application for translated sentences that needs no database, stored households and homes for the pages."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from types import SimpleNamespace

import pytest

from hemvist import create_app
from hemvist.households.models import HouseholdStatus
from hemvist.vacancies.models import VacancyStatus
from tests.conftest import BASE_CONFIG

TODAY = date(2026, 3, 2)


def home(id: int = 1, **fields) -> SimpleNamespace:
    """A home on offer with the model's attribute names: 3 rooms, 7 000 kr, free now, near a busy stop."""
    values = {
        "id": id,
        "status": VacancyStatus.OFFERED,
        "street_address": f"Storgatan {id}",
        "rooms": 3,
        "rent": 7000,
        "available_from": None,
        "step_free": False,
        "needs_car": False,
        "stop_distance": 300,
        "weekday_departures": 30,
    }
    values.update(fields)
    return SimpleNamespace(**values)


def family(id: int = 1, **fields) -> SimpleNamespace:
    """A waiting household with the model's attribute names: two adults and two children, 8 000 kr."""
    values = {
        "id": id,
        "reference": f"MIG-{id:04d}",
        "status": HouseholdStatus.WAITING,
        "moving_on": False,
        "adults": 2,
        "children_ages": [3, 7],
        "affordable_rent": 8000,
        "step_free_needed": False,
        "accessibility_needs": "",
        "driving_licence": False,
        "has_car": False,
        "assigned_on": date(2026, 2, 1),
        "receive_by": date(2026, 4, 3),
        "received_on": None,
        "paused_until": None,
    }
    values.update(fields)
    return SimpleNamespace(**values)


@pytest.fixture(scope="module")
def babel_app():
    """An application for gettext and number formats; no test here touches its database."""
    with tempfile.TemporaryDirectory(prefix="hemvist-matching-") as folder:
        yield create_app({**BASE_CONFIG, "INSTANCE_PATH": folder, "DATABASE_URL": f"sqlite:///{folder}/unused.db"})


@pytest.fixture
def in_language(babel_app):
    @contextmanager
    def speaking(lang: str) -> Iterator[None]:
        with babel_app.test_request_context(f"/?lang={lang}"):
            yield

    return speaking
