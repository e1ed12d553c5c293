"""A file to start from: the headings the import recognises, and in demo mode a few made-up rows to try.

Generated rather than committed, so it always matches the import. The demo rows show every outcome:
valid rows, a row with a wrong phone number and a row that repeats an earlier one.
"""

from __future__ import annotations

from flask_babel import gettext as _
from stdnum import luhn

HEADINGS = (
    "name", "kind", "organisation_number", "street_address", "postal_code", "city", "flats", "older_stock",
    "contact_name", "contact_phone", "contact_email", "areas", "notes",
)  # fmt: skip


def example_orgnr(serial: int) -> str:
    """A made-up organisation number that passes the check digit (a demo must not name a real company)."""
    digits = f"55999{serial:04d}"
    digits += luhn.calc_check_digit(digits)
    return f"{digits[:6]}-{digits[6:]}"


def header() -> list[str]:
    from hemvist.spreadsheets.fields import FIELDS_BY_NAME

    return [str(FIELDS_BY_NAME[name].label) for name in HEADINGS]


def demo_rows(municipality: str, areas: list[str]) -> list[list[str]]:
    first = areas[0] if areas else ""
    second = areas[1] if len(areas) > 1 else first
    company, private = _("Company"), _("Private person")
    yes, no = _("Yes"), _("No")
    return [
        ["Exempelbostäder AB (demo)", company, example_orgnr(1), "Storgatan 1", "331 30", municipality, "12", yes,
         "Karin Exempel (demo)", "070-123 45 67", "karin@exempelbostader.example", first, ""],
        ["Lindgrens Fastigheter (demo)", company, "", "Kyrkogatan 4", "331 31", municipality, "4", no,
         "", "0370-123 45", "", f"{first}, {second}", _("Met at the landlords' breakfast")],
        ["Tolvan Tolvansson (demo)", private, "", "Ekvägen 7", "331 32", municipality, "1", no,
         "", "", "tolvan@example.com", second, ""],
        ["Fel Nummer AB (demo)", company, example_orgnr(2), "", "", municipality, "", no,
         "Bo Fel (demo)", "12345", "", "", ""],
        ["exempelbostäder ab (demo)", company, "", "", "", municipality, "", no, "", "", "", "", ""],
    ]  # fmt: skip
