"""Checking the rows of a spreadsheet as the registry's forms check what is typed, and finding duplicates.

Plain functions: what they need from the database (the registry's numbers and names, the areas) comes in
as a ``Registry``. Values are normalised by ``landlords.validation``, the same functions the forms use,
so an imported landlord is written exactly as a typed one would be, and found again by the same number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from hemvist.landlords import validation
from hemvist.landlords.models import LandlordKind, Source
from hemvist.landlords.operations import ContactData, LandlordData
from hemvist.spreadsheets.fields import words
from hemvist.spreadsheets.reading import Row

# What people write for the kind and the source, in Swedish and English (compared as ``words``).
KINDS = {
    LandlordKind.COMPANY: ("företag", "company", "bolag", "ab", "aktiebolag", "organisation", "organization",
                           "juridisk person", "firma", "business"),
    LandlordKind.PRIVATE_PERSON: ("privatperson", "privat", "private person", "private", "person", "fysisk person",
                                  "individual", "private_person"),
}  # fmt: skip
SOURCES = {
    Source.OUTREACH: ("outreach", "our outreach", "uppsökande", "vår uppsökande verksamhet", "uppsökt", "kontaktad"),
    Source.RECOMMENDATION: ("recommendation", "rekommendation", "tips", "rekommenderad"),
    Source.SELF_REGISTERED: ("self registered", "self_registered", "registered themselves", "anmälde sig själv",
                             "egen anmälan", "självanmäld", "anmält sig själv"),
    Source.OTHER: ("other", "annat", "annan", "övrigt"),
}  # fmt: skip
YES = {"ja", "j", "yes", "y", "x", "true", "sant", "1"}
NO = {"nej", "n", "no", "false", "falskt", "0", ""}
AREA_SEPARATORS = re.compile(r"[,;]")

# Column widths of the registry's tables: longer text would fail the whole import on PostgreSQL.
LENGTHS = {"name": 200, "street_address": 200, "city": 100, "contact_name": 200, "contact_role": 100, "notes": 10_000}


@dataclass(frozen=True)
class Registry:
    """What a row is compared with: the municipality's landlords and areas, keyed as ``key`` keys them."""

    municipality: str
    numbers: dict[str, str] = field(default_factory=dict)  # identity number → the landlord's name
    names: dict[str, str] = field(default_factory=dict)  # name key → the landlord's name
    areas: dict[str, tuple[int, str]] = field(default_factory=dict)  # name key → (id, name)


@dataclass
class RowError:
    field: str | None  # the field whose column is wrong; None for the row as a whole (a duplicate)
    message: object  # lazily translated


@dataclass
class CheckedRow:
    number: int
    data: LandlordData | None
    errors: list[RowError]
    duplicate: bool = False


def key(name: str) -> str:
    """A name as duplicates are found by it: whatever its case and spacing."""
    return " ".join(name.split()).casefold()


def _lookup(table: dict, text: str):
    """The member ``text`` names: by one of its spellings, or by its label in the language being used."""
    wanted = words(text)
    for member, spellings in table.items():
        if any(words(spelling) == wanted for spelling in (*spellings, str(member.label))):
            return member
    return None


def check_row(values: dict[str, str], registry: Registry) -> tuple[LandlordData | None, list[RowError]]:
    """The landlord a row describes, normalised, or the reasons it cannot be imported, one per field."""
    errors: list[RowError] = []

    def value(name: str) -> str:
        return " ".join(values.get(name, "").split()) if name not in ("notes",) else values.get(name, "").strip()

    for name, limit in LENGTHS.items():
        if len(value(name)) > limit:
            errors.append(RowError(name, _l("At most %(limit)s characters.", limit=limit)))

    name = value("name")
    if not name:
        errors.append(RowError("name", _l("The landlord's name is missing.")))

    org_number, person_number = value("organisation_number"), value("personal_identity_number")
    kind_text = value("kind")
    kind = _lookup(KINDS, kind_text) if kind_text else None
    if kind_text and kind is None:
        errors.append(RowError("kind", _l("Write “company” or “private person”.")))
    number_field = "personal_identity_number" if person_number and not org_number else "organisation_number"
    if org_number and person_number:
        errors.append(
            RowError(
                "personal_identity_number", _l("Give an organisation number or a personal identity number, not both.")
            )
        )
    number_text = org_number or person_number
    if kind is None:
        kind = LandlordKind.PRIVATE_PERSON if person_number and not org_number else LandlordKind.COMPANY
    identity_number = None
    try:
        identity_number = validation.identity_number(kind, number_text)
    except validation.InvalidValue as error:
        errors.append(RowError(number_field, error.args[0]))

    normalised = {}
    for name_of_field, check in (
        ("postal_code", validation.postal_code),
        ("contact_phone", validation.phone),
        ("contact_email", validation.email),
    ):
        try:
            normalised[name_of_field] = check(value(name_of_field))
        except validation.InvalidValue as error:
            errors.append(RowError(name_of_field, error.args[0]))

    flats = None
    flats_text = value("flats").replace(" ", "").replace("\u00a0", "")
    if flats_text:
        if flats_text.isascii() and flats_text.isdigit() and len(flats_text) <= 6:
            flats = int(flats_text)
        else:
            errors.append(RowError("flats", _l("Write the number of flats as a whole number, like 12.")))

    older_text = value("older_stock").casefold()
    if older_text not in YES | NO:
        errors.append(RowError("older_stock", _l("Write “yes” or “no”.")))

    source_text = value("source")
    source = _lookup(SOURCES, source_text) if source_text else Source.OTHER
    if source is None:
        # Lazy, so that the labels are given in the language the message is shown in.
        choices = LazyString(lambda: ", ".join(f"“{source.label}”" for source in Source))
        errors.append(RowError("source", _l("Write one of %(choices)s.", choices=choices)))

    area_ids = []
    for area_name in filter(None, (part.strip() for part in AREA_SEPARATORS.split(value("areas")))):
        area = registry.areas.get(key(area_name))
        if area is None:
            errors.append(
                RowError(
                    "areas",
                    _l(
                        "%(municipality)s has no area called “%(area)s”.",
                        municipality=registry.municipality,
                        area=area_name,
                    ),
                )
            )
        elif area[0] not in area_ids:
            area_ids.append(area[0])

    if errors:
        return None, errors
    contacts = []
    contact_name = value("contact_name")
    if contact_name or normalised["contact_phone"] or normalised["contact_email"]:
        # A list often has the landlord's own phone and no contact person: the landlord is then the contact.
        contacts.append(
            ContactData(
                name=contact_name or name,
                role=value("contact_role"),
                phone=normalised["contact_phone"],
                email=normalised["contact_email"],
            )
        )
    data = LandlordData(
        kind=kind,
        name=name,
        identity_number=identity_number,
        street_address=value("street_address"),
        postal_code=normalised["postal_code"],
        city=value("city"),
        flats=flats,
        older_stock=older_text in YES,
        source=source,
        notes=value("notes"),
        area_ids=area_ids,
        contacts=contacts,
    )
    return data, []


def check_rows(rows: Iterable[Row], mapping: dict[int, str], registry: Registry) -> Iterator[CheckedRow]:
    """Every row checked, in order; a landlord already in the registry, or on an earlier row that will be
    imported, is a duplicate."""
    seen_numbers: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for row in rows:
        values = {name: row.cells[index] for index, name in mapping.items() if index < len(row.cells)}
        data, errors = check_row(values, registry)
        checked = CheckedRow(row.number, data, errors)
        if data is not None:
            checked.errors = _duplicates(data, registry, seen_numbers, seen_names)
            checked.duplicate = bool(checked.errors)
            if checked.duplicate:
                checked.data = None
            else:
                if data.identity_number:
                    seen_numbers[data.identity_number] = row.number
                seen_names[key(data.name)] = row.number
        yield checked


def _duplicates(data: LandlordData, registry: Registry, seen_numbers: dict, seen_names: dict) -> list[RowError]:
    number, name = data.identity_number, key(data.name)
    if number and number in registry.numbers:
        message = _l("%(name)s is already in the registry with this number.", name=registry.numbers[number])
        return [RowError(None, message)]
    if name in registry.names:
        return [RowError(None, _l("%(name)s is already in the registry under this name.", name=registry.names[name]))]
    earlier = seen_numbers.get(number) if number else None
    if earlier is None:
        earlier = seen_names.get(name)
    if earlier is not None:
        return [RowError(None, _l("The same landlord as on row %(row)s of this file.", row=earlier))]
    return []
