"""Data that only one municipality has, to prove no page of another municipality ever shows it.

Every feature that stores tenant data adds a seeder here: it writes rows with unmistakable values into
the municipality the session is bound to, and returns the strings that must never appear on another
municipality's pages.
"""

from __future__ import annotations

from collections.abc import Callable

from hemvist.extensions import db
from hemvist.quotas.models import Quota

Seeder = Callable[[], list[str]]


def seed_quotas() -> list[str]:
    db.session.add(Quota(year=2099, persons=98765))
    return ["98765", "98\u00a0765", "98 765", "98,765", "2099"]


SEEDERS: list[Seeder] = [seed_quotas]
