"""The registry's fields a spreadsheet column can be imported into, and guessing them from the headings.

Coordinators' lists are written in Swedish or English, with or without accents, with "Org.nr" or
"Organisationsnummer"; the guess only fills in the selects on the columns page, the person decides.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Field:
    name: str
    label: object  # a lazily translated string
    headings: tuple[str, ...]  # headings that name this field, Swedish and English


FIELDS = (
    Field(
        "name",
        _l("Name"),
        ("namn", "name", "hyresvärd", "hyresvärdens namn", "fastighetsägare", "företagsnamn", "företag", "bolag",
         "landlord", "landlord name", "property owner", "company", "company name"),
    ),
    Field(
        "kind",
        _l("Company or private person"),
        ("typ", "kind", "type", "typ av hyresvärd", "hyresvärdstyp", "landlord type", "företag eller privatperson",
         "company or private person"),
    ),
    Field(
        "organisation_number",
        _l("Organisation number"),
        ("organisationsnummer", "org.nr", "orgnr", "org nr", "orgnummer", "organisation number",
         "organization number", "org number", "company number", "corporate identity number"),
    ),
    Field(
        "personal_identity_number",
        _l("Personal identity number"),
        ("personnummer", "pnr", "personnr", "personal identity number", "personal number", "person number"),
    ),
    Field(
        "street_address",
        _l("Address"),
        ("adress", "gatuadress", "postadress", "besöksadress", "address", "street address", "street"),
    ),
    Field(
        "postal_code",
        _l("Postal code"),
        ("postnummer", "postnr", "post nr", "postal code", "postcode", "zip", "zip code"),
    ),
    Field("city", _l("City"), ("ort", "postort", "stad", "city", "town", "post town")),
    Field(
        "flats",
        _l("Number of flats"),
        ("lägenheter", "antal lägenheter", "lgh", "antal lgh", "flats", "number of flats", "apartments",
         "number of apartments", "homes"),
    ),
    Field(
        "older_stock",
        _l("Older housing stock"),
        ("äldre bestånd", "äldre bostadsbestånd", "older stock", "older housing stock", "old stock"),
    ),
    Field(
        "contact_name",
        _l("Contact person"),
        ("kontaktperson", "kontakt", "kontaktpersonens namn", "contact", "contact person", "contact name"),
    ),
    Field("contact_role", _l("Contact person's role"), ("roll", "befattning", "titel", "role", "title", "position")),
    Field(
        "contact_phone",
        _l("Phone"),
        ("telefon", "telefonnummer", "tel", "tfn", "mobil", "mobilnummer", "phone", "phone number", "telephone",
         "mobile"),
    ),
    Field(
        "contact_email",
        _l("E-mail"),
        ("e-post", "epost", "e-postadress", "mejl", "mail", "email", "e-mail", "email address", "e-mail address"),
    ),
    Field("areas", _l("Areas"), ("område", "områden", "kommundel", "area", "areas", "district")),
    Field("source", _l("How we found them"), ("källa", "source", "hur vi hittade dem", "how we found them")),
    Field(
        "notes",
        _l("Notes"),
        ("anteckningar", "anteckning", "noteringar", "kommentar", "kommentarer", "övrigt", "notes", "note",
         "comments", "comment", "remarks"),
    ),
)  # fmt: skip
FIELDS_BY_NAME = {field.name: field for field in FIELDS}

# When a heading only contains a known one ("Namn på kontaktperson", "Telefon kontaktperson"), the more
# specific fields are tried first, so that the contact's phone is not taken for the contact.
CONTAINMENT_ORDER = (
    "contact_phone", "contact_email", "contact_role", "contact_name", "organisation_number",
    "personal_identity_number", "postal_code", "flats", "older_stock", "areas", "source", "notes", "kind", "city",
    "street_address", "name",
)  # fmt: skip


def words(text: str) -> tuple[str, ...]:
    """A heading as lower-case words without accents: "Äldre bestånd" → ("aldre", "bestand")."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return tuple(re.findall(r"[a-z0-9]+", stripped))


_EXACT = {"".join(words(heading)): field.name for field in FIELDS for heading in field.headings}
_PHRASES = {field.name: [words(heading) for heading in field.headings] for field in FIELDS}


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def guess_mapping(header: list[str]) -> dict[int, str]:
    """Column index → field name for the headings that name a field; each field for one column at most.

    First the headings that are exactly a known one (however written: "Org.nr", "ORGNR", "org nr"), or a
    field's label in the reader's language (as the export writes them), then those that contain a known
    one as whole words.
    """
    exact = {**_EXACT, **{"".join(words(str(field.label))): field.name for field in FIELDS}}
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, heading in enumerate(header):
        name = exact.get("".join(words(heading)))
        if name and name not in taken:
            mapping[index] = name
            taken.add(name)
    for index, heading in enumerate(header):
        if index in mapping:
            continue
        heading_words = words(heading)
        for name in CONTAINMENT_ORDER:
            if name not in taken and any(_contains(heading_words, phrase) for phrase in _PHRASES[name]):
                mapping[index] = name
                taken.add(name)
                break
    return mapping
