"""Data that only one municipality has, to prove no page of another municipality ever shows it.

Every feature that stores tenant data adds a seeder here: it writes rows with unmistakable values into
the municipality the session is bound to, and returns the strings that must never appear on another
municipality's pages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind, InteractionTopic, Topic
from hemvist.extensions import db
from hemvist.landlords.models import ContactPerson, Landlord, LandlordKind, Stage
from hemvist.quotas.models import Quota

Seeder = Callable[[], list[str]]


def seed_quotas() -> list[str]:
    db.session.add(Quota(year=2099, persons=98765))
    return ["98765", "98\u00a0765", "98 765", "98,765", "2099"]


def seed_dialogue() -> list[str]:
    """A landlord of B's with a meeting and a follow-up due today, by one of B's coordinators."""
    author = db.session.scalar(sa.select(User.id).where(User.email == "johan@gislaved.test"))
    landlord = Landlord(kind=LandlordKind.COMPANY, name="Dialogmarkörens Fastigheter AB", stage=Stage.MET)
    db.session.add(landlord)
    db.session.flush()
    interaction = Interaction(
        landlord_id=landlord.id,
        kind=InteractionKind.MEETING,
        occurred_on=date.today(),
        duration_minutes=61,
        user_id=author,
        summary="QZX-dialog-sammanfattning-7731",
        outcome="QZX-dialog-utfall-7731",
        topic_rows=[InteractionTopic(topic=Topic.RENT_LEVEL)],
    )
    db.session.add(interaction)
    db.session.flush()
    db.session.add(
        FollowUp(
            landlord_id=landlord.id,
            due_on=date.today(),
            assigned_to_id=author,
            note="QZX-uppfoljning-7731",
            planned_in_id=interaction.id,
        )
    )
    return ["Dialogmarkörens", "QZX-dialog-sammanfattning-7731", "QZX-dialog-utfall-7731", "QZX-uppfoljning-7731"]


def seed_landlords() -> list[str]:
    """A landlord of B's with a contact person, notes and a reason for its stage."""
    landlord = Landlord(
        kind=LandlordKind.COMPANY,
        name="Zyxvågs Markörfastigheter AB",
        identity_number="559987-6546",
        street_address="Qwertygränd 77",
        city="Xylofonby",
        stage=Stage.PAUSED,
        stage_reason="Markörorsak jq-4410",
        notes="Markörnotering zq-7731",
    )
    landlord.contacts.append(
        ContactPerson(name="Kvzx Markörsson", role="Vkx-roll", email="kvzx@markor.example", phone="+46701740698")
    )
    db.session.add(landlord)
    return ["Zyxvåg", "559987-6546", "5599876546", "Qwertygränd", "Xylofonby", "jq-4410", "zq-7731", "Kvzx",
            "Vkx-roll", "kvzx@markor", "174 06 98", "+46701740698"]  # fmt: skip


def seed_spreadsheet_uploads() -> list[str]:
    """A checked upload of B's coordinator: the file, its headings and a rejected row's reason."""
    from hemvist.spreadsheets.models import FileFormat, SpreadsheetUpload, UploadStatus

    author = db.session.scalar(sa.select(User.id).where(User.email == "johan@gislaved.test"))
    content = "Namn;Telefon\r\nJxq Markörbostäder AB;070-123 45 67\r\nVvz Radmarkör AB;12\r\n".encode()
    reason = {"sv": "Qpx-felmarkör-3391", "en": "Qpx-felmarkör-3391"}
    db.session.add(
        SpreadsheetUpload(
            created_by_id=author,
            filename="Wqz-markörlista-3391.csv",
            file_format=FileFormat.CSV,
            content=content,
            mapping={"0": "name", "1": "contact_phone"},
            status=UploadStatus.VALIDATED,
            rows_total=2,
            rows_done=2,
            result={
                "header": ["Namn", "Telefon"],
                "valid": 1,
                "duplicates": 0,
                "rejected": [{"row": 3, "duplicate": False, "errors": [{"field": "contact_phone", "text": reason}]}],
            },
        )
    )
    return ["Wqz-markörlista", "Jxq Markör", "Vvz Radmarkör", "Qpx-felmarkör"]


SEEDERS: list[Seeder] = [seed_quotas, seed_dialogue, seed_landlords, seed_spreadsheet_uploads]
