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


def seed_signups() -> list[str]:
    """A new sign-up in B's inbox, with a home offered and a message."""
    from datetime import UTC, datetime

    from hemvist.signup.models import LeaseHolding, Signup

    db.session.add(
        Signup(
            locale="sv",
            kind=LandlordKind.COMPANY,
            name="Xqjv Anmälningsmarkör AB",
            identity_number="559016-4520",
            contact_name="Zqwv Anmälarsson",
            contact_phone="+46701740697",
            contact_email="zqwv@anmalan.example",
            flats=4471,
            lease_holding=LeaseHolding.MAYBE,
            message="QZX-anmalan-meddelande-5521",
            home_rooms=3,
            home_rent=97311,
            home_street_address="Qvxgränd Anmälan 9",
            consent_at=datetime.now(UTC),
        )
    )
    return ["Xqjv", "Anmälningsmarkör", "5590164520", "559016-4520", "Zqwv", "zqwv@anmalan", "174 06 97",
            "+46701740697", "QZX-anmalan", "Qvxgränd Anmälan", "97311", "97 311", "97\u00a0311"]  # fmt: skip


def _landlord_of_b(name: str, contact_name: str) -> tuple[Landlord, ContactPerson]:
    owner = db.session.scalar(sa.select(User.id).where(User.email == "johan@gislaved.test"))
    landlord = Landlord(kind=LandlordKind.COMPANY, name=name, stage=Stage.MET, owner_id=owner)
    person = ContactPerson(name=contact_name, email=f"{contact_name.split()[0].lower()}@markor.example")
    landlord.contacts.append(person)
    db.session.add(landlord)
    db.session.flush()
    return landlord, person


def seed_vacancies() -> list[str]:
    """A home on offer from a landlord of B's."""
    from hemvist.vacancies.models import OfferedVia, Vacancy

    landlord, _person = _landlord_of_b("Vakansmarkörens Hus AB", "Wqzv Vakansson")
    db.session.add(
        Vacancy(
            landlord_id=landlord.id,
            street_address="Vkxgränd Vakans 4471",
            rooms=5,
            rent=94373,
            living_area=133,
            notes="QZX-vakans-anteckning-8813",
            offered_via=OfferedVia.STAFF,
        )
    )
    return ["Vakansmarkör", "Wqzv", "Vkxgränd", "94373", "94 373", "94\u00a0373", "QZX-vakans"]


def seed_landlord_changes() -> list[str]:
    """A home a landlord of B's offered on their page, not yet seen by B's coordinator, and a sign-in link."""
    from datetime import UTC, datetime, timedelta

    from hemvist.landlord_page.models import ChangeKind, LandlordChange, SignInLink
    from hemvist.vacancies.models import OfferedVia, Vacancy

    landlord, person = _landlord_of_b("Ändringsmarkörens Fastigheter AB", "Vkzq Ändringsperson")
    vacancy = Vacancy(landlord_id=landlord.id, street_address="Jqxväg Ändring 12", rooms=2,
                      offered_via=OfferedVia.LANDLORD_PAGE)  # fmt: skip
    db.session.add(vacancy)
    db.session.flush()
    db.session.add(
        LandlordChange(
            landlord_id=landlord.id, contact_person_id=person.id, kind=ChangeKind.HOME_OFFERED, vacancy_id=vacancy.id
        )
    )
    now = datetime.now(UTC)
    db.session.add(
        SignInLink(
            landlord_id=landlord.id,
            contact_person_id=person.id,
            secret_hash="0" * 64,
            created_at=now,
            expires_at=now + timedelta(hours=24),
        )  # fmt: skip
    )
    return ["Ändringsmarkör", "Vkzq", "Jqxväg"]


def seed_households() -> list[str]:
    """A household of B's, waiting with its deadline near, with needs and notes."""
    from datetime import timedelta

    from hemvist.households.models import ArrivalRoute, Household

    coordinator = db.session.scalar(sa.select(User.id).where(User.email == "johan@gislaved.test"))
    db.session.add(
        Household(
            reference="QZX-hushall-ref-6621",
            arrival_route=ArrivalRoute.RESETTLED,
            assigned_on=date.today() - timedelta(days=50),
            receive_by=date.today() + timedelta(days=10),
            adults=2,
            children_ages=[4, 9],
            languages="Qvxspråk-6621",
            accessibility_needs="Zqv-tillgänglighet-6621",
            affordable_rent=93217,
            coordinator_id=coordinator,
            notes="QZX-hushall-anteckning-6621",
        )
    )
    return ["QZX-hushall", "Qvxspråk", "Zqv-tillgänglighet", "93217", "93 217", "93\u00a0217"]


def seed_matching() -> list[str]:
    """A home of B's on offer and a household of B's that it suits: each is suggested for the other."""
    from hemvist.households.models import ArrivalRoute, Household
    from hemvist.vacancies.models import OfferedVia, Vacancy

    landlord, _person = _landlord_of_b("Matchningsmarkörens Bostäder AB", "Qzvm Matchsson")
    db.session.add(Vacancy(landlord_id=landlord.id, street_address="Mqxgränd Matchning 5", rooms=3, rent=6100,
                           offered_via=OfferedVia.STAFF))  # fmt: skip
    db.session.add(Household(reference="QZX-matchning-ref-4417", arrival_route=ArrivalRoute.RESETTLED, adults=2,
                             children_ages=[5], affordable_rent=7000))  # fmt: skip
    return ["Matchningsmarkör", "Qzvm", "Mqxgränd", "QZX-matchning"]


def seed_leases() -> list[str]:
    """A household of B's with a sublease (from an accepted offer) whose transfer is overdue."""
    from datetime import timedelta

    from hemvist.households.models import ArrivalRoute, Household, HouseholdStatus
    from hemvist.leases.models import Lease, LeaseForm
    from hemvist.offers.models import Offer, OfferStatus
    from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus

    landlord, _person = _landlord_of_b("Kontraktsmarkörens Hus AB", "Wqkz Kontraktsson")
    household = Household(
        reference="QZX-kontrakt-ref-4417",
        arrival_route=ArrivalRoute.RESETTLED,
        assigned_on=date.today() - timedelta(days=300),
        adults=1,
        status=HouseholdStatus.HOUSED,
    )
    vacancy = Vacancy(landlord_id=landlord.id, street_address="Kqxgränd Kontrakt 3", rooms=2,
                      status=VacancyStatus.LET, offered_via=OfferedVia.STAFF)  # fmt: skip
    db.session.add_all([household, vacancy])
    db.session.flush()
    offer = Offer(vacancy_id=vacancy.id, household_id=household.id, status=OfferStatus.ACCEPTED,
                  offered_on=date.today() - timedelta(days=250), reasons=[])  # fmt: skip
    db.session.add(offer)
    db.session.flush()
    db.session.add(
        Lease(
            household_id=household.id,
            vacancy_id=vacancy.id,
            landlord_id=landlord.id,
            offer_id=offer.id,
            form=LeaseForm.SUBLEASE,
            starts_on=date.today() - timedelta(days=240),
            rent=92741,
            planned_transfer_on=date.today() - timedelta(days=5),
            note="QZX-kontrakt-not-4417",
        )  # fmt: skip
    )
    return ["Kontraktsmarkör", "Wqkz", "QZX-kontrakt", "Kqxgränd", "92741", "92 741", "92\u00a0741"]


def seed_offers() -> list[str]:
    """An offer of a home of B's to a household of B's, refused by the landlord, with a note."""
    from hemvist.households.models import ArrivalRoute, Household
    from hemvist.offers.models import Offer, OfferStatus, RefusalReason
    from hemvist.vacancies.models import OfferedVia, Vacancy

    landlord, _person = _landlord_of_b("Erbjudandemarkörens Hus AB", "Qvzk Erbjudandesson")
    vacancy = Vacancy(landlord_id=landlord.id, street_address="Zqxgränd Erbjudande 3", rooms=3,
                      offered_via=OfferedVia.STAFF)  # fmt: skip
    household = Household(reference="QZX-erbjudande-hushall-4417", arrival_route=ArrivalRoute.RESETTLED, adults=1)
    db.session.add_all([vacancy, household])
    db.session.flush()
    db.session.add(
        Offer(
            vacancy_id=vacancy.id,
            household_id=household.id,
            status=OfferStatus.REFUSED,
            refusal_reason=RefusalReason.LANDLORD_OTHER,
            reasons=[],
            offered_on=date.today(),
            answered_on=date.today(),
            note="QZX-erbjudande-anteckning-4417",
        )
    )
    return ["Erbjudandemarkör", "Qvzk", "Zqxgränd", "QZX-erbjudande"]


def seed_moving_on() -> list[str]:
    """A household of B's moving on with its wish and barriers, and one that moved on last year."""
    from hemvist.history.models import Action, HistoryEntry
    from hemvist.households.models import ArrivalRoute, Household, HouseholdStatus

    common = {"arrival_route": ArrivalRoute.RESETTLED, "adults": 1, "received_on": date(2020, 5, 4)}
    candidate = Household(
        reference="QZX-flytt-ref-5512",
        status=HouseholdStatus.HOUSED,
        moving_on=True,
        moving_on_wish="QZX-flytt-önskan-5512",
        barriers=["car", "transport"],
        **common,
    )
    moved = Household(reference="QZX-flyttad-ref-5513", status=HouseholdStatus.MOVED_ON, barriers=["rent"], **common)
    db.session.add_all([candidate, moved])
    db.session.flush()
    db.session.add_all(
        [
            HistoryEntry(
                action=Action.UPDATED,
                subject_type="households",
                subject_id=candidate.id,
                changes={"moving_on": [False, True], "moving_on_wish": ["", "QZX-flytt-önskan-5512"]},
            ),
            HistoryEntry(
                action=Action.UPDATED,
                subject_type="households",
                subject_id=moved.id,
                changes={
                    "moving_on": [True, False],
                    "moved_on": [None, "2087-03-04"],
                    "barriers_at_move": [None, ["rent"]],
                },
            ),
        ]
    )
    return ["QZX-flytt", "QZX-flyttad"]


SEEDERS: list[Seeder] = [
    seed_quotas,
    seed_dialogue,
    seed_landlords,
    seed_spreadsheet_uploads,
    seed_signups,
    seed_vacancies,
    seed_landlord_changes,
    seed_households,
    seed_moving_on,
    seed_matching,
    seed_leases,
    seed_offers,
]
