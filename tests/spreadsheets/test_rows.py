"""Guessing columns from headings, and checking rows as the registry's forms check what is typed.

Plain functions with the registry handed in: no application, no database.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hemvist.landlords.models import LandlordKind, Source
from hemvist.spreadsheets.fields import FIELDS, guess_mapping
from hemvist.spreadsheets.reading import Row
from hemvist.spreadsheets.rows import Registry, check_row, check_rows
from tests.spreadsheets.conftest import orgnr

REGISTRY = Registry(
    municipality="Värnamo",
    numbers={"556036-0793": "Volvo Fastigheter AB"},
    names={"ekens bostäder ab": "Ekens  Bostäder AB"},
    areas={"värnamo": (1, "Värnamo"), "bor": (2, "Bor"), "forsheda": (3, "Forsheda")},
)


def test_swedish_headings_are_recognised_however_written():
    header = [
        "NAMN", "Org.nr", "Personnummer", "Typ", "Gatuadress", "Postnr", "Postort", "Antal lägenheter",
        "Äldre bestånd", "Kontaktperson", "Roll", "Telefon", "E-post", "Områden", "Källa", "Anteckningar",
    ]  # fmt: skip
    assert guess_mapping(header) == dict(enumerate(
        ["name", "organisation_number", "personal_identity_number", "kind", "street_address", "postal_code", "city",
         "flats", "older_stock", "contact_name", "contact_role", "contact_phone", "contact_email", "areas", "source",
         "notes"]
    ))  # fmt: skip


def test_english_headings_are_recognised():
    header = ["Name", "Organisation number", "Kind", "Address", "Postal code", "City", "Flats", "Older stock",
              "Contact", "Phone", "Email", "Area", "Source", "Notes"]  # fmt: skip
    assert list(guess_mapping(header).values()) == [
        "name", "organisation_number", "kind", "street_address", "postal_code", "city", "flats", "older_stock",
        "contact_name", "contact_phone", "contact_email", "areas", "source", "notes",
    ]  # fmt: skip


def test_headings_without_accents_or_with_more_words_are_recognised_too():
    header = ["Aldre bestand", "Namn på kontaktperson", "Telefon kontaktperson", "Hyresvärdens namn", "E-postadress"]
    assert guess_mapping(header) == {
        0: "older_stock",
        1: "contact_name",
        2: "contact_phone",
        3: "name",
        4: "contact_email",
    }


def test_each_field_is_guessed_for_one_column_only_and_unknown_headings_for_none():
    assert guess_mapping(["Namn", "Name", "Skostorlek", ""]) == {0: "name"}


def test_every_fields_own_label_is_recognised():
    assert guess_mapping([str(field.label) for field in FIELDS]) == {i: f.name for i, f in enumerate(FIELDS)}


def test_a_valid_row_is_normalised_as_the_forms_normalise():
    values = {
        "name": "  Åkerlunds   Fastigheter AB ",
        "organisation_number": "5560360794".replace("4", "3"),
        "street_address": "Storgatan 1",
        "postal_code": "33130",
        "city": "Värnamo",
        "flats": "1 200",
        "older_stock": "Ja",
        "contact_name": "Karin Ek",
        "contact_role": "VD",
        "contact_phone": "070-123 45 67",
        "contact_email": "Karin@Example.COM",
        "areas": "värnamo; BOR,  bor",
        "source": "Rekommendation",
        "notes": "Första raden.\nAndra raden.",
    }
    data, errors = check_row(values, Registry("Värnamo", areas=REGISTRY.areas))
    assert errors == []
    assert data.kind is LandlordKind.COMPANY
    assert data.name == "Åkerlunds Fastigheter AB"
    assert data.identity_number == "556036-0793"
    assert (data.postal_code, data.flats, data.older_stock) == ("331 30", 1200, True)
    assert data.area_ids == [1, 2]
    assert data.source is Source.RECOMMENDATION
    assert data.notes == "Första raden.\nAndra raden."
    (contact,) = data.contacts
    assert (contact.name, contact.role, contact.phone, contact.email) == (
        "Karin Ek",
        "VD",
        "+46701234567",
        "Karin@example.com",
    )


def test_the_source_is_other_and_the_kind_a_company_unless_the_row_says_otherwise():
    data, _ = check_row({"name": "Ek AB"}, REGISTRY)
    assert (data.source, data.kind, data.contacts, data.older_stock) == (Source.OTHER, LandlordKind.COMPANY, [], False)


def test_a_personal_identity_number_makes_a_private_person():
    data, errors = check_row({"name": "Tolvan Tolvansson", "personal_identity_number": "19121212-1212"}, REGISTRY)
    assert errors == [] and data.kind is LandlordKind.PRIVATE_PERSON and data.identity_number == "121212-1212"
    data, _ = check_row({"name": "Tolvan", "kind": "privatperson"}, REGISTRY)
    assert data.kind is LandlordKind.PRIVATE_PERSON


def test_a_phone_without_a_contact_person_makes_the_landlord_the_contact():
    data, _ = check_row({"name": "Ek AB", "contact_phone": "0370-12345"}, REGISTRY)
    assert [(c.name, c.phone) for c in data.contacts] == [("Ek AB", "+4637012345")]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": ""}, "name", "The landlord's name is missing."),
        ({"organisation_number": "123"}, "organisation_number", "This is not a valid organisation number"),
        ({"personal_identity_number": "19121212-1213"}, "personal_identity_number", "valid personal identity number"),
        (
            {"organisation_number": "556036-0793", "personal_identity_number": "121212-1212"},
            "personal_identity_number",
            "not both",
        ),
        ({"kind": "kanske"}, "kind", "Write “company” or “private person”."),
        ({"postal_code": "3313"}, "postal_code", "A postal code has five digits"),
        ({"contact_phone": "12ab"}, "contact_phone", "This is not a valid phone number"),
        ({"contact_email": "karin@"}, "contact_email", "This is not a valid e-mail address."),
        ({"flats": "många"}, "flats", "Write the number of flats as a whole number, like 12."),
        ({"flats": "-3"}, "flats", "whole number"),
        ({"older_stock": "kanske"}, "older_stock", "Write “yes” or “no”."),
        ({"source": "tidningen"}, "source", "Write one of “Our outreach”, “Recommendation”"),
        ({"areas": "Bor, Mars"}, "areas", "Värnamo has no area called “Mars”."),
        ({"city": "x" * 101}, "city", "At most 100 characters."),
    ],
)
def test_each_problem_is_tied_to_its_field(values, field, message):
    data, errors = check_row({"name": "Ek AB", **values}, REGISTRY)
    assert data is None
    assert [error.field for error in errors] == [field]
    assert message in str(errors[0].message)


def test_all_problems_of_a_row_are_reported_at_once():
    _, errors = check_row({"name": "", "contact_phone": "1", "postal_code": "x"}, REGISTRY)
    assert [error.field for error in errors] == ["name", "postal_code", "contact_phone"]


def _rows(*rows: list[str]) -> list[Row]:
    return [Row(number, cells) for number, cells in enumerate(rows, start=2)]


def test_duplicates_are_found_in_the_registry_and_earlier_in_the_file():
    mapping = {0: "name", 1: "organisation_number"}
    rows = _rows(
        ["Nya Hus AB", orgnr(1)],
        ["Volvo Hus", "5560360793"],  # the registry's number, another name
        ["EKENS bostäder  ab", ""],  # the registry's name, other case and spacing
        ["Andra Hus AB", orgnr(1)],  # the number of row 2
        ["nya  hus ab", ""],  # the name of row 2
        ["Trasig AB", "123"],  # an error, not a duplicate
        ["Trasig AB", ""],  # the same name as a rejected row: not a duplicate of it
    )
    checked = list(check_rows(rows, mapping, REGISTRY))
    assert [(row.number, row.data is not None, row.duplicate) for row in checked] == [
        (2, True, False),
        (3, False, True),
        (4, False, True),
        (5, False, True),
        (6, False, True),
        (7, False, False),
        (8, True, False),
    ]
    messages = [str(row.errors[0].message) for row in checked[1:5]]
    assert messages == [
        "Volvo Fastigheter AB is already in the registry with this number.",
        "Ekens  Bostäder AB is already in the registry under this name.",
        "The same landlord as on row 2 of this file.",
        "The same landlord as on row 2 of this file.",
    ]
    assert all(error.field is None for row in checked[1:5] for error in row.errors)


@settings(max_examples=300, deadline=None)
@given(values=st.dictionaries(st.sampled_from([field.name for field in FIELDS]), st.text(max_size=300)))
def test_any_text_gives_a_landlord_that_fits_the_registry_or_reasons(values):
    data, errors = check_row(values, REGISTRY)
    assert (data is None) == bool(errors)
    assert all(error.field in {field.name for field in FIELDS} for error in errors)
    assert all(str(error.message) for error in errors)
    if data is not None:
        assert data.name and len(data.name) <= 200 and len(data.city) <= 100 and len(data.street_address) <= 200
        assert all(len(contact.name) <= 200 and len(contact.role) <= 100 for contact in data.contacts)
