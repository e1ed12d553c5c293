"""Helpers for the registry's tests: made-up numbers, a landlord's data, working inside one municipality."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from stdnum import luhn

from hemvist.areas.models import Area, AreaKind
from hemvist.auth.operations import find_user
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, LandlordKind, Source
from hemvist.landlords.operations import ContactData, LandlordData
from hemvist.tenancy.binding import bound
from tests.conftest import USERS


def org_number(serial: int) -> str:
    """A valid, made-up organisation number (559…, check digit computed), in the canonical form."""
    digits = f"559{serial:06d}"
    digits += luhn.calc_check_digit(digits)
    return f"{digits[:6]}-{digits[6:]}"


def user(key: str):
    return find_user(USERS[key].email)


def company(name: str = "Ekeskogs Hyresgårdar AB", serial: int | None = 1, **fields) -> LandlordData:
    values = {
        "kind": LandlordKind.COMPANY,
        "name": name,
        "identity_number": org_number(serial) if serial is not None else None,
        "city": "Värnamo",
        "source": Source.OUTREACH,
    }
    values.update(fields)
    return LandlordData(**values)


def contact(name: str, phone: str = "", email: str = "", role: str = "") -> ContactData:
    return ContactData(name=name, role=role, phone=phone, email=email)


def area_ids(*names: str) -> list[int]:
    return list(db.session.scalars(sa.select(Area.id).where(Area.name.in_(names)).order_by(Area.name)))


@contextmanager
def working_in(app, tenant, lang: str = "en") -> Iterator[None]:
    """As inside one of the municipality's requests: translated messages, the session bound to it."""
    with app.test_request_context(f"/?lang={lang}"), bound(db.session, tenant.schema):
        yield


# Värnamo's areas as tenants/varnamo.toml has them (the test municipalities are made without the files).
AREAS = {"Värnamo": AreaKind.CENTRAL_TOWN, "Bor": AreaKind.VILLAGE, "Forsheda": AreaKind.VILLAGE,
         "Horda": AreaKind.VILLAGE, "Lanna": AreaKind.VILLAGE, "Rydaholm": AreaKind.VILLAGE}  # fmt: skip


@pytest.fixture
def areas_a(app, tenant_a) -> dict[str, int]:
    """Värnamo's areas: name → id."""
    with working_in(app, tenant_a):
        db.session.add_all(Area(name=name, kind=kind) for name, kind in AREAS.items())
        db.session.commit()
        return dict(db.session.execute(sa.select(Area.name, Area.id)).all())


@pytest.fixture
def in_a(app, tenant_a, areas_a):
    with working_in(app, tenant_a):
        yield tenant_a


def stored_landlords(app, tenant, **where) -> list[Landlord]:
    """The municipality's landlords as the database has them (deleted ones too), with contacts and areas."""
    with working_in(app, tenant):
        query = sa.select(Landlord).order_by(Landlord.id)
        for name, value in where.items():
            query = query.where(getattr(Landlord, name) == value)
        landlords = list(db.session.scalars(query))
        for landlord in landlords:
            _ = landlord.contacts, landlord.areas  # loaded before the session closes
        db.session.expunge_all()
        return landlords


def add_landlord(app, tenant, data: LandlordData | None = None, who: str = "coordinator_a", **kwargs) -> int:
    """Register a landlord through the operation (not the form); its id."""
    from hemvist.landlords.operations import create_landlord

    with working_in(app, tenant):
        return create_landlord(tenant, user(who), data or company(), **kwargs).id


def form_data(**fields) -> dict:
    """What the landlord form posts: a company with one contact person and an empty row, changed by ``fields``."""
    data = {
        "kind": "company",
        "name": "Ekeskogs Hyresgårdar AB",
        "identity_number": "",
        "street_address": "Storgatan 12",
        "postal_code": "33130",
        "city": "Värnamo",
        "flats": "24",
        "older_stock": "y",
        "source": "recommendation",
        "notes": "Ringer helst på förmiddagen.",
        "contacts-0-contact_id": "",
        "contacts-0-name": "Karin Ek",
        "contacts-0-role": "Förvaltare",
        "contacts-0-phone": "070-174 06 05",
        "contacts-0-email": "Karin.Ek@Ekeskog.example",
        "contacts-1-contact_id": "",
        "contacts-1-name": "",
        "contacts-1-role": "",
        "contacts-1-phone": "",
        "contacts-1-email": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}
