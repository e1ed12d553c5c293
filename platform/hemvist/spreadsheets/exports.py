"""The registry and the dialogue log as tables, headed in the reader's language, for CSV and XLSX files.

The landlord table's headings are the ones the import recognises, so an exported list, changed in Excel,
can come back in (its landlords then show up as duplicates, which is the point of the duplicate check).
Deleted landlords, and the interactions with them, are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from sqlalchemy.orm import joinedload, selectinload

from hemvist.auth.queries import users_by_id
from hemvist.dialogue.models import Interaction, Topic
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, LandlordKind
from hemvist.landlords.validation import display_phone
from hemvist.tenancy.models import Tenant

BATCH = 500  # rows loaded at a time: 100 000 interactions must not all sit in memory at once
# The topics' rows come back in no particular order; they are listed in the form's order.
TOPIC_ORDER = list(Topic)


@dataclass
class Export:
    name: str  # the file name's middle part: <municipality>-<name>-<date>
    title: str  # the sheet's name
    header: list[str]
    rows: Iterator[list]


def _local(moment):
    return to_user_timezone(moment) if moment is not None else None


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _contact(contact) -> str:
    parts = [contact.name + (f" ({contact.role})" if contact.role else "")]
    parts += [part for part in (display_phone(contact.phone), contact.email) if part]
    return ", ".join(parts)


def landlords(tenant: Tenant) -> Export:
    owners = users_by_id(
        db.session.scalars(sa.select(Landlord.owner_id.distinct()).where(Landlord.deleted_at.is_(None)))
    )
    header = [
        _("Name"), _("Company or private person"), _("Organisation number"), _("Personal identity number"),
        _("Category in the statistics"), _("Address"), _("Postal code"), _("City"), _("Number of flats"),
        _("Older housing stock"), _("How we found them"), _("Areas"), _("Stage"), _("Reason for the stage"),
        _("Named contact"),
        _("Contact person"), _("Contact person's role"), _("Phone"), _("E-mail"), _("Other contact persons"),
        _("Notes"), _("Registered"), _("Last changed"),
    ]  # fmt: skip
    query = (
        sa.select(Landlord)
        .where(Landlord.deleted_at.is_(None))
        .options(selectinload(Landlord.contacts), selectinload(Landlord.areas))
        .order_by(Landlord.name, Landlord.id)
        .execution_options(yield_per=BATCH)
    )

    def rows():
        for landlord in db.session.scalars(query):
            company = landlord.kind is LandlordKind.COMPANY
            first = landlord.contacts[0] if landlord.contacts else None
            owner = owners.get(landlord.owner_id)
            yield [
                landlord.name,
                str(landlord.kind.label),
                landlord.identity_number if company else None,
                None if company else landlord.identity_number,
                str(landlord.landlord_type.label),
                landlord.street_address,
                landlord.postal_code,
                landlord.city,
                landlord.flats,
                _yes_no(landlord.older_stock),
                str(landlord.source.label),
                ", ".join(area.name for area in landlord.areas),
                str(landlord.stage.label),
                landlord.stage_reason,
                owner.name if owner else "",
                first.name if first else "",
                first.role if first else "",
                display_phone(first.phone) if first else "",
                first.email if first else "",
                "; ".join(_contact(contact) for contact in landlord.contacts[1:]),
                landlord.notes,
                _local(landlord.created_at).date(),
                _local(landlord.updated_at).date(),
            ]

    return Export("landlords", _("Landlords"), header, rows())


def dialogue(tenant: Tenant) -> Export:
    live = Interaction.landlord_id.in_(sa.select(Landlord.id).where(Landlord.deleted_at.is_(None)))
    who = users_by_id(db.session.scalars(sa.select(Interaction.user_id.distinct()).where(live)))
    header = [
        _("Date"), _("Landlord"), _("Kind of contact"), _("Duration (minutes)"), _("Who"), _("Contact person"),
        _("Topics"), _("Summary"), _("Outcome"),
    ]  # fmt: skip
    query = (
        sa.select(Interaction)
        .where(live)
        .options(
            joinedload(Interaction.landlord),
            joinedload(Interaction.contact_person),
            selectinload(Interaction.topic_rows),
        )
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .execution_options(yield_per=BATCH)
    )

    def rows():
        for interaction in db.session.scalars(query):
            user = who.get(interaction.user_id)
            yield [
                interaction.occurred_on,
                interaction.landlord.name,
                str(interaction.kind.label),
                interaction.duration_minutes,
                user.name if user else "",
                interaction.contact_person.name if interaction.contact_person else "",
                ", ".join(str(topic.label) for topic in sorted(interaction.topics, key=TOPIC_ORDER.index)),
                interaction.summary,
                interaction.outcome,
            ]

    return Export("dialogue", _("Dialogue log"), header, rows())
