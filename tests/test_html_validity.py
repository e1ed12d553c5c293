"""Every kind of page Hemvist renders is valid HTML, in Swedish and in English.

The pages are rendered through the Flask test client (no browser), written to a folder and checked by the
Nu HTML checker (vnu.jar from npm) in a single Java run, since Java starts slowly. Errors fail the test;
warnings are allowed but reported. The markup does not depend on the database backend, so this runs on
SQLite only: the test parametrizes the shared template with ``"sqlite"`` alone.
"""

from __future__ import annotations

import json
import re
import subprocess
import warnings
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from hemvist.auth.models import Department, User
from hemvist.dialogue.models import FollowUp, InteractionKind, Topic
from hemvist.dialogue.operations import InteractionData, log_interaction
from hemvist.extensions import db
from hemvist.landlords.models import LandlordKind
from hemvist.landlords.operations import ContactData, LandlordData, create_landlord
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality
from tests.conftest import USERS, Client
from tests.households.moving_on_pages import moving_on_pages
from tests.leases.pages import lease_pages
from tests.offers.pages import offer_pages
from tests.system_deps import VNU, node_module_file, program

LANGUAGES = ("sv", "en")

# A page with a known error, checked with the others: proves the checker ran and its report was read.
CANARY = "_canary.html"
CANARY_HTML = (
    '<!doctype html><html lang="en"><head><title>canary</title></head><body><div foo="bar"></div></body></html>'
)


class HtmlCheckerWarning(UserWarning):
    """A warning of the Nu HTML checker about one of Hemvist's pages."""


@dataclass(frozen=True)
class Message:
    file: str
    line: int | None
    kind: str
    text: str
    extract: str


def client(app, lang: str, user: str | None = None) -> Client:
    """A client whose session has chosen ``lang`` (kept across login), logged in as ``user`` if given."""
    browser = Client(app.test_client())
    browser.get(f"/?lang={lang}")
    if user:
        response = browser.login(USERS[user].email)
        assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def seed_quotas(app) -> int:
    """Two years of quotas in Värnamo; the id of this year's, for its edit page."""
    unit_admin = client(app, "sv", "unit_admin_a")
    for year, persons in ((date.today().year, 120), (date.today().year - 1, 95)):
        response = unit_admin.submit("/varnamo/quotas/new", {"year": str(year), "persons": str(persons)})
        assert response.status_code == 302, response.get_data(as_text=True)
    listing = unit_admin.get("/varnamo/quotas/").get_data(as_text=True)
    return int(re.search(r"/varnamo/quotas/(\d+)/edit", listing).group(1))


@dataclass(frozen=True)
class DialogueIds:
    landlord: int
    interaction: int
    follow_up: int


def seed_dialogue(app) -> DialogueIds:
    """A landlord of the unit admin's whom the coordinator has follow-ups with, and a colleague called lately."""
    with app.test_request_context("/"):
        tenant = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()
        people = {u.email: u for u in db.session.scalars(sa.select(User))}
        omar, anna = people[USERS["unit_admin_a"].email], people[USERS["coordinator_a"].email]
        omar.department = Department.SOCIAL_SERVICES
        db.session.commit()
        omar_id, anna_id = omar.id, anna.id
        db.session.close()
        with bound(db.session, tenant.schema):
            omar, anna = db.session.get(User, omar_id), db.session.get(User, anna_id)
            data = LandlordData(
                kind=LandlordKind.COMPANY, name="Ekeskogs Hyresgårdar AB", contacts=[ContactData(name="Karin Ek")]
            )
            landlord = create_landlord(tenant, omar, data)
            today = date.today()
            log_interaction(
                tenant,
                anna,
                landlord,
                InteractionData(InteractionKind.PHONE, today - timedelta(days=40), anna.id, 10, summary="Första"),
            )
            interaction = log_interaction(
                tenant,
                omar,
                landlord,
                InteractionData(
                    InteractionKind.MEETING,
                    today - timedelta(days=3),
                    omar.id,
                    60,
                    landlord.contacts[0].id,
                    [Topic.REFERENCES_AND_GUARANTEES, Topic.MUNICIPALITY_HOLDS_LEASE],
                    "Träffades på kontoret.\nPositiv.",
                    "Vill pröva med en lägenhet.",
                ),
            )
            follow_ups = [
                FollowUp(
                    landlord_id=landlord.id, due_on=today + timedelta(days=days), assigned_to_id=anna.id, note=note
                )
                for days, note in ((-5, "Ring om garantin"), (0, ""), (12, "Skicka avtalet"))
            ]
            db.session.add_all(follow_ups)
            db.session.commit()
            return DialogueIds(landlord.id, interaction.id, follow_ups[0].id)


def dialogue_pages(app, lang: str, ids: DialogueIds) -> dict[str, tuple[int, object]]:
    coordinator = client(app, lang, "coordinator_a")
    unit_admin = client(app, lang, "unit_admin_a")
    log_url = f"/varnamo/landlords/{ids.landlord}/interactions/new"
    edit_url = f"/varnamo/landlords/{ids.landlord}/interactions/{ids.interaction}/edit"
    reschedule_url = f"/varnamo/followups/{ids.follow_up}/reschedule"
    bad_log = {
        "kind": "meeting",
        "occurred_on": "i går",
        "duration_minutes": "-4",
        "topics": ["rent_level"],
        "follow_up": "date",
        "follow_up_on": "",
        "summary": "Kvar",
    }
    return {
        "dialogue-landlord-page": (200, coordinator.get(f"/varnamo/landlords/{ids.landlord}/")),
        "dialogue-log": (200, coordinator.get(log_url)),
        "dialogue-log-errors": (200, coordinator.submit(log_url, bad_log)),
        "dialogue-edit": (200, unit_admin.get(edit_url)),
        "dialogue-edit-errors": (200, unit_admin.submit(edit_url, {"kind": "x", "occurred_on": "2999-01-01"})),
        "dialogue-delete": (200, unit_admin.get(edit_url.replace("/edit", "/delete"))),
        "follow-ups-mine": (200, coordinator.get("/varnamo/followups/")),
        "follow-ups-everyone": (200, unit_admin.get("/varnamo/followups/?who=all")),
        "follow-ups-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/followups/")),
        "follow-up-reschedule": (200, coordinator.get(reschedule_url)),
        "follow-up-reschedule-errors": (200, coordinator.submit(reschedule_url, {"due_on": "snart"})),
        "figures": (200, coordinator.get("/varnamo/figures/")),
        "figures-errors": (200, coordinator.get("/varnamo/figures/?from=2025-05-01&to=igår")),
    }


@dataclass(frozen=True)
class LandlordIds:
    landlord: int  # with contact persons and areas, its stage changed and its named contact reassigned
    deleted: int


def seed_landlords(app) -> LandlordIds:
    """Värnamo's areas, 27 landlords (more than a page), one of them deleted; the landlord form's pages."""
    import sqlalchemy as sa
    from stdnum import luhn

    from hemvist.areas.models import Area, AreaKind
    from hemvist.auth.models import User
    from hemvist.extensions import db
    from hemvist.landlords.models import LandlordKind, Stage
    from hemvist.landlords.operations import (
        ContactData,
        LandlordData,
        change_stage,
        create_landlord,
        delete_landlord,
        reassign_owner,
    )
    from hemvist.tenancy.binding import bound
    from hemvist.tenancy.models import Municipality

    with app.test_request_context("/"):
        tenant = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()
        db.session.close()
        with bound(db.session, tenant.schema):
            anna = db.session.scalar(sa.select(User).where(User.email == USERS["coordinator_a"].email))
            omar = db.session.scalar(sa.select(User).where(User.email == USERS["unit_admin_a"].email))
            areas = [Area(name=name, kind=AreaKind.VILLAGE) for name in ("Bor", "Horda", "Lanna")]
            db.session.add_all([Area(name="Värnamo", kind=AreaKind.CENTRAL_TOWN), *areas])
            db.session.flush()
            landlords = []
            for serial in range(1, 28):
                digits = f"559100{serial:03d}"
                data = LandlordData(
                    kind=LandlordKind.COMPANY,
                    name=f"Hyresvärd {serial:02d} AB",
                    identity_number=f"{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}",
                    street_address="Storgatan 1",
                    postal_code="331 30",
                    city="Värnamo",
                    flats=serial,
                    area_ids=[areas[serial % 3].id],
                    notes="Första raden.\nAndra raden.",
                    contacts=[ContactData(name="Karin Ek", role="VD", phone="+46701740605", email="karin@ek.example")],
                )
                landlords.append(create_landlord(tenant, anna, data))
            change_stage(tenant, anna, landlords[0], Stage.PAUSED, "Renoverar.")
            reassign_owner(tenant, anna, landlords[0], omar)
            delete_landlord(tenant, anna, landlords[-1])
            return LandlordIds(landlords[0].id, landlords[-1].id)


def landlord_pages(app, lang: str, ids: LandlordIds) -> dict[str, tuple[int, object]]:
    coordinator = client(app, lang, "coordinator_a")
    reader = client(app, lang, "read_only_a")
    page_url = f"/varnamo/landlords/{ids.landlord}/"
    bad_landlord = {
        "kind": "company",
        "name": "",
        "identity_number": "123",
        "postal_code": "1",
        "flats": "många",
        "areas": ["x"],
        "contacts-0-name": "",
        "contacts-0-phone": "12ab",
        "contacts-0-email": "karin@",
    }
    duplicate = {"kind": "company", "name": "Dubblett AB", "identity_number": "559100-0012"}
    return {
        "landlords-list": (200, coordinator.get("/varnamo/landlords/")),
        "landlords-list-page-2": (200, coordinator.get("/varnamo/landlords/?page=2&sort=-name")),
        "landlords-list-filtered": (200, coordinator.get("/varnamo/landlords/?stage=paused&due=y&area=1")),
        "landlords-list-no-match": (200, coordinator.get("/varnamo/landlords/?q=ingen")),
        "landlords-list-read-only": (200, reader.get("/varnamo/landlords/")),
        "landlords-list-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/landlords/")),
        "landlords-board": (200, coordinator.get("/varnamo/landlords/board")),
        "landlords-deleted": (200, coordinator.get("/varnamo/landlords/deleted")),
        "landlords-deleted-none": (200, client(app, lang, "coordinator_b").get("/gislaved/landlords/deleted")),
        "landlord-new": (200, coordinator.get("/varnamo/landlords/new")),
        "landlord-new-errors": (200, coordinator.submit("/varnamo/landlords/new", bad_landlord)),
        "landlord-new-duplicate": (200, coordinator.submit("/varnamo/landlords/new", duplicate)),
        "landlord-edit": (200, coordinator.get(f"{page_url}edit")),
        "landlord-page": (200, coordinator.get(page_url)),
        "landlord-page-read-only": (200, reader.get(page_url)),
        "landlord-stage-errors": (200, coordinator.submit(f"{page_url}stage", {"stage": "declined", "reason": ""})),
        "landlord-owner-errors": (200, coordinator.submit(f"{page_url}owner", {"owner_id": "999999"})),
        "landlord-delete": (200, coordinator.get(f"{page_url}delete")),
    }


@dataclass(frozen=True)
class LandlordSideIds:
    landlord: int  # Anna's, with a contact person who has an e-mail address: for the landlord's own page
    new_signup: int  # a new landlord offering a home
    known_signup: int  # from a landlord the registry already has
    accepted_signup: int
    email: str


def seed_landlord_side(app) -> LandlordSideIds:
    """Sign-ups in every state, a home on offer, and a landlord whose contact person can open their page."""
    from hemvist.landlords import validation
    from hemvist.signup.models import LeaseHolding, SignupStatus
    from hemvist.signup.operations import SignupData, accept_signup, dismiss_signup, receive_signup
    from hemvist.vacancies.operations import VacancyData

    # Each language sends sign-ups and asks for links: more posts than a visitor is allowed in an hour.
    app.config.update(SIGNUP_MIN_FILL_SECONDS=0, SIGNUP_RATE_LIMIT="1000 per hour")
    app.config.update(LANDLORD_LINK_RATE_LIMIT="1000 per hour")
    email = "karin@kvarnfallet.example"

    def signup(kind: LandlordKind, name: str, number: str, **extra) -> SignupData:
        return SignupData(
            locale="sv",
            kind=kind,
            name=name,
            identity_number=validation.identity_number(kind, number),
            contact_name="Karin Ek",
            contact_email="karin@ek.example",
            contact_phone="+46701740605",
            lease_holding=LeaseHolding.MAYBE,
            flats=12,
            message="Ring efter lunch.\nHelst tisdagar.",
            **extra,
        )

    with app.test_request_context("/"):
        tenant = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()
        db.session.close()
        with bound(db.session, tenant.schema):
            anna = db.session.scalar(sa.select(User).where(User.email == USERS["coordinator_a"].email))
            anna.phone = "+46702345678"
            landlord = create_landlord(
                tenant,
                anna,
                LandlordData(
                    kind=LandlordKind.COMPANY,
                    name="Kvarnfallets Fastigheter AB",
                    contacts=[ContactData(name="Karin Förvaltare", phone="+46701740605", email=email)],
                ),
            )
            home = VacancyData(
                rooms=3,
                street_address="Storgatan 12",
                living_area=74,
                rent=8450,
                available_from=date.today() + timedelta(days=30),
            )
            company = LandlordKind.COMPANY
            new = receive_signup(tenant, signup(company, "Nya Hem AB", "556036-0793", home=home))
            known = receive_signup(tenant, signup(company, "Hyresvärd 01 AB", "559100-0012"))
            accepted = receive_signup(tenant, signup(company, "Ekeskogs Hyresgårdar AB", "559000-0013", home=home))
            accept_signup(tenant, anna, accepted, anna)
            rejected = receive_signup(tenant, signup(LandlordKind.PRIVATE_PERSON, "Per Person", "811218-9876"))
            dismiss_signup(tenant, anna, rejected, SignupStatus.REJECTED)
            return LandlordSideIds(landlord.id, new.id, known.id, accepted.id, email)


def sign_in_token(app, ids: LandlordSideIds) -> str:
    from hemvist.landlord_page.operations import create_link
    from hemvist.landlords.models import ContactPerson

    with app.test_request_context("/"):
        tenant = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()
        db.session.close()
        with bound(db.session, tenant.schema):
            contact = db.session.scalar(sa.select(ContactPerson).where(ContactPerson.landlord_id == ids.landlord))
            token = create_link(tenant, contact)
            db.session.commit()
            return token


def landlord_side_pages(app, lang: str, ids: LandlordSideIds) -> dict[str, tuple[int, object]]:
    """The public sign-up and its receipt, the inbox, the homes on offer, and a landlord's own page."""
    landlord = client(app, lang)
    coordinator = client(app, lang, "coordinator_a")
    reader = client(app, lang, "read_only_a")
    form_url = "/varnamo/landlord-signup"

    def started() -> str:
        page = landlord.get(form_url).get_data(as_text=True)
        return re.search(r'name="started" type="hidden" value="([^"]+)"', page)[1]

    bad_signup = {
        "kind": "company",
        "name": "",
        "identity_number": "123",
        "email": "karin@",
        "flats": "många",
        "offers_home": "y",
        "home-rooms": "",
        "home-rent": "x",
        "home-available_from": "1 sept",
        "website": "https://spam.example",
    }
    signup = {
        "kind": "company",
        "name": "Lagans Bostäder AB",
        "identity_number": "559000-0013",
        "contact_name": "Karin Ek",
        "phone": "070-174 06 05",
        "email": "karin@lagan.example",
        "flats": "8",
        "offers_home": "y",
        "home-rooms": "2",
        "home-rent": "6900",
        "home-living_area": "55",
        "home-available_from": date.today().isoformat(),
        "home-street_address": "Lagavägen 4",
        "home-area": "",
        "lease_holding": "yes",
        "message": "Hör av er.",
        "consent": "y",
    }
    pages = {
        "signup-form": (200, landlord.get(form_url)),
        "signup-form-errors": (400, landlord.submit(form_url, {**bad_signup, "started": started()})),
        "signup-form-expired": (400, landlord.submit(form_url, {**signup, "started": "x"})),
        "signup-receipt": (
            200,
            landlord.submit(form_url, {**signup, "started": started()}, follow_redirects=True),
        ),
    }
    signups = "/varnamo/signups"
    show_new = f"{signups}/{ids.new_signup}/"
    pages |= {
        "signups-inbox": (200, coordinator.get(f"{signups}/")),
        "signups-inbox-accepted": (200, coordinator.get(f"{signups}/?status=accepted")),
        "signups-inbox-rejected": (200, coordinator.get(f"{signups}/?status=rejected")),
        "signups-inbox-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/signups/")),
        "signup-show": (200, coordinator.get(show_new)),
        "signup-show-read-only": (200, reader.get(show_new)),
        "signup-show-known": (200, coordinator.get(f"{signups}/{ids.known_signup}/")),
        "signup-show-accepted": (200, coordinator.get(f"{signups}/{ids.accepted_signup}/")),
        "signup-accept-errors": (400, coordinator.submit(f"{show_new}accept", {"owner": "999999"}, form_url=show_new)),
        "vacancies-list": (200, coordinator.get("/varnamo/vacancies/")),
        "vacancies-list-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/vacancies/")),
    }
    page_url = "/varnamo/landlord/"
    token = sign_in_token(app, ids)
    pages |= {
        "landlord-own-ask": (200, landlord.get(page_url)),
        "landlord-own-ask-errors": (
            400,
            landlord.submit(f"{page_url}link", {"email": "karin@"}, form_url=page_url),
        ),
        "landlord-own-link-sent": (
            200,
            landlord.submit(f"{page_url}link", {"email": ids.email}, form_url=page_url),
        ),
        "landlord-own-enter": (200, landlord.get(f"{page_url}enter/{token}")),
        "landlord-own-enter-invalid": (404, landlord.get(f"{page_url}enter/not-a-token")),
    }
    entered = landlord.submit(f"{page_url}enter/{token}", {}, form_url=f"{page_url}enter/{token}")
    assert entered.status_code == 302, entered.get_data(as_text=True)
    offered = landlord.submit(
        f"{page_url}homes/new",
        {"rooms": "2", "rent": "6900", "street_address": "Lagavägen 4", "area": ""},
        follow_redirects=True,
    )
    page = offered.get_data(as_text=True)
    withdraw_url = re.search(r'href="(/varnamo/landlord/homes/\d+/withdraw)"', page)[1]
    assert offered.request.path == page_url and "/withdraw" in page, page
    pages |= {
        "landlord-own-page": (200, offered),
        "landlord-own-offer": (200, landlord.get(f"{page_url}homes/new")),
        "landlord-own-offer-errors": (
            400,
            landlord.submit(f"{page_url}homes/new", {"rooms": "", "rent": "x", "available_from": "i morgon"}),
        ),
        "landlord-own-withdraw": (200, landlord.get(withdraw_url)),
        "landlord-own-contact": (200, landlord.get(f"{page_url}details")),
        "landlord-own-contact-errors": (
            400,
            landlord.submit(f"{page_url}details", {"name": "", "phone": "12ab", "email": "karin@"}),
        ),
        "landlord-own-withdrawn": (200, landlord.submit(withdraw_url, {}, follow_redirects=True)),
        "workspace-overview-landlord-changes": (200, coordinator.get("/varnamo/")),
    }
    # The pages are what their names say: a receipt, the dashboard with the landlord's changes on it.
    assert pages["signup-receipt"][1].request.path == f"{form_url}/receipt"
    assert 'id="changes-heading"' in pages["workspace-overview-landlord-changes"][1].get_data(as_text=True)
    assert 'id="signup-form"' in pages["signup-form-errors"][1].get_data(as_text=True)
    return pages


def spreadsheet_pages(app, lang: str) -> dict[str, tuple[int, object]]:
    """The import's steps in every state (uploads of the coordinator's own, made here), and its index."""
    from datetime import UTC, datetime

    import sqlalchemy as sa

    from hemvist.extensions import db
    from hemvist.spreadsheets.models import SpreadsheetUpload, UploadStatus
    from hemvist.tenancy.binding import bound
    from hemvist.tenancy.models import Municipality
    from tests.spreadsheets.conftest import HEADER, check, csv_bytes, import_valid, landlord_row, upload, upload_id

    seeder = client(app, lang, "coordinator_a")  # the helpers read pages in English: a client of its own
    rows = [HEADER, landlord_row(101, Område=""), landlord_row(102, Område="", Telefon="12ab", Postnummer="1")]
    checked, imported, running, failed, fresh = (
        upload_id(upload(seeder, f"lista-{n}.csv", csv_bytes(rows))) for n in range(5)
    )
    check(seeder, checked)
    check(seeder, imported)
    import_valid(seeder, imported)
    with app.app_context():
        schema = db.session.scalar(sa.select(Municipality.schema_name).where(Municipality.slug == "varnamo"))
        db.session.close()
        with bound(db.session, schema):
            table = SpreadsheetUpload
            now = datetime.now(UTC)
            db.session.execute(
                sa.update(table)
                .where(table.id == running)
                .values(status=UploadStatus.VALIDATING, rows_done=1, updated_at=now)
            )
            db.session.execute(
                sa.update(table)
                .where(table.id == failed)
                .values(
                    status=UploadStatus.FAILED,
                    result={"error": {"sv": "Stoppad.", "en": "Stopped."}, "reason": {"sv": "Fel.", "en": "Error."}},
                )
            )
            db.session.commit()
    base = "/varnamo/spreadsheets"
    coordinator = client(app, lang, "coordinator_a")
    return {
        "spreadsheets-index": (200, coordinator.get(f"{base}/")),
        "spreadsheets-index-read-only": (200, client(app, lang, "read_only_a").get(f"{base}/")),
        "spreadsheets-upload": (200, coordinator.get(f"{base}/import")),
        "spreadsheets-upload-error": (200, upload(coordinator, "lista.csv", bytes(range(256)) * 4)),
        "spreadsheets-columns": (200, coordinator.get(f"{base}/import/{fresh}/columns")),
        "spreadsheets-columns-errors": (
            200,
            coordinator.submit(
                f"{base}/import/{fresh}/columns", {"column_0": "", "column_1": "city", "column_2": "city"}
            ),
        ),
        "spreadsheets-checking": (200, coordinator.get(f"{base}/import/{running}")),
        "spreadsheets-checked": (200, coordinator.get(f"{base}/import/{checked}")),
        "spreadsheets-imported": (200, coordinator.get(f"{base}/import/{imported}")),
        "spreadsheets-failed": (200, coordinator.get(f"{base}/import/{failed}")),
    }


@dataclass(frozen=True)
class HomeIds:
    landlord: int  # the landlord the homes are registered for
    household: int  # waiting, its deadline ahead, every detail filled in, changed since: a history
    received: int  # received after its deadline, then housed
    self_settled: int  # no assignment, no deadline
    vacancy: int  # on offer and confirmed today: on the overview as a home without a household
    stale: int  # reserved, not confirmed for longer than the stale period
    let: int  # let: no status left to move to


def seed_households_and_homes(app, landlords: LandlordIds) -> HomeIds:
    """Värnamo's households on either side of their deadline, one received late; a landlord's homes on offer,
    reserved long ago (stale) and let. For the households' and vacancies' pages and the overview's lists."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from hemvist.areas.models import Area
    from hemvist.households import operations as households
    from hemvist.households.models import ArrivalRoute, Destination, HouseholdStatus
    from hemvist.households.operations import HouseholdData
    from hemvist.landlords.models import Landlord
    from hemvist.leases.models import LeaseForm
    from hemvist.vacancies import operations as vacancies
    from hemvist.vacancies.models import OfferedVia, VacancyStatus
    from hemvist.vacancies.operations import VacancyData

    today = date.today()
    with app.test_request_context("/"):
        tenant = db.session.scalar(sa.select(Municipality).where(Municipality.slug == "varnamo")).as_tenant()
        db.session.close()
        with bound(db.session, tenant.schema):
            anna = db.session.scalar(sa.select(User).where(User.email == USERS["coordinator_a"].email))

            def register(reference: str, route: ArrivalRoute, assigned_days_ago: int | None, **fields):
                assigned_on = today - timedelta(days=assigned_days_ago) if assigned_days_ago is not None else None
                data = HouseholdData(reference=reference, arrival_route=route, assigned_on=assigned_on, **fields)
                return households.create_household(tenant, anna, data)

            full = HouseholdData(
                reference="MIG-2026-0101",
                arrival_route=ArrivalRoute.FROM_ACCOMMODATION,
                assigned_on=today - timedelta(days=20),
                adults=2,
                children_ages=[3, 7],
                languages="arabiska",
                accessibility_needs="Rullstol.",
                step_free_needed=True,
                driving_licence=True,
                affordable_rent=7500,
                destinations=[Destination.SCHOOL, Destination.LANGUAGE_SCHOOL],
                coordinator_id=anna.id,
                notes="Första raden.\nAndra raden.",
            )
            waiting = households.create_household(tenant, anna, full)
            households.update_household(tenant, anna, waiting, replace(full, languages="arabiska, tigrinja"))
            households.change_status(tenant, anna, waiting, HouseholdStatus.OFFERED)
            register("MIG-2026-0102", ArrivalRoute.RESETTLED, 30, adults=1, receive_by=today)
            register(
                "MIG-2026-0103", ArrivalRoute.TEMPORARY_PROTECTION, 100, adults=3, receive_by=today - timedelta(days=40)
            )
            received = register("MIG-2026-0104", ArrivalRoute.RESETTLED, 90, adults=2, children_ages=[1])
            households.mark_received(tenant, anna, received, today - timedelta(days=3))
            households.change_status(tenant, anna, received, HouseholdStatus.HOUSED)
            self_settled = register("EGET-2026-0105", ArrivalRoute.SELF_SETTLED, None, adults=1)

            landlord = db.session.get(Landlord, landlords.landlord)
            area = db.session.scalar(sa.select(Area).where(Area.name == "Bor"))
            home = VacancyData(
                rooms=2,
                street_address="Nygatan 1",
                area_id=area.id,
                living_area=55,
                rent=6200,
                available_from=today + timedelta(days=20),
                notes="Nyrenoverat kök.\nBalkong.",
                floor=2,
                lift=True,
                lease_form=LeaseForm.SUBLEASE,
                takeover_possible=True,
                stop_distance=250,
                weekday_departures=32,
            )
            staff = OfferedVia.STAFF
            offered = vacancies.offer_vacancy(tenant, anna, landlord, home, staff)
            vacancies.update_vacancy(tenant, anna, offered, VacancyData(**{**vars(home), "rent": 6400}))
            stale = vacancies.offer_vacancy(tenant, anna, landlord, VacancyData(rooms=3, rent=8000), staff)
            vacancies.change_status(tenant, anna, stale, VacancyStatus.RESERVED)
            stale.confirmed_at = datetime.now(UTC) - timedelta(days=45)
            let = vacancies.offer_vacancy(
                tenant, anna, landlord, VacancyData(rooms=1, street_address="Torget 2"), staff
            )
            vacancies.change_status(tenant, anna, let, VacancyStatus.LET)
            db.session.commit()
            return HomeIds(landlord.id, waiting.id, received.id, self_settled.id, offered.id, stale.id, let.id)


def household_pages(app, lang: str, ids: HomeIds) -> dict[str, tuple[int, object]]:
    """The list with its filters, the form empty and refused, a household's page and its forms refused."""
    coordinator = client(app, lang, "coordinator_a")
    reader = client(app, lang, "read_only_a")
    base = "/varnamo/households"
    page_url = f"{base}/{ids.household}/"
    bad_household = {
        "reference": "",
        "arrival_route": "x",
        "assigned_on": "1 okt",
        "receive_by": "2020-01-01",
        "adults": "två",
        "children_ages": "3, x",
        "affordable_rent": "-5",
        "destinations": ["x"],
        "coordinator_id": "999999",
    }
    taken = {"reference": "MIG-2026-0101", "arrival_route": "resettled", "assigned_on": "2026-01-10", "adults": "1"}
    pages = {
        "households-list": (200, coordinator.get(f"{base}/")),
        "households-list-filtered": (200, coordinator.get(f"{base}/?status=waiting&deadline=past")),
        "households-list-deadline-soon": (200, coordinator.get(f"{base}/?deadline=soon")),
        "households-list-no-match": (200, coordinator.get(f"{base}/?status=moved_on")),
        "households-list-read-only": (200, reader.get(f"{base}/")),
        "households-list-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/households/")),
        "household-new": (200, coordinator.get(f"{base}/new")),
        "household-new-errors": (400, coordinator.submit(f"{base}/new", bad_household)),
        "household-new-reference-taken": (400, coordinator.submit(f"{base}/new", taken)),
        "household-edit": (200, coordinator.get(f"{page_url}edit")),
        "household-page": (200, coordinator.get(page_url)),
        "household-page-read-only": (200, reader.get(page_url)),
        "household-page-received": (200, coordinator.get(f"{base}/{ids.received}/")),
        "household-page-self-settled": (200, coordinator.get(f"{base}/{ids.self_settled}/")),
        "household-received-errors": (
            400,
            coordinator.submit(f"{page_url}received", {"received_on": "igår"}, form_url=page_url),
        ),
        "household-received-before-assigned": (
            400,
            coordinator.submit(f"{page_url}received", {"received_on": "2000-01-01"}, form_url=page_url),
        ),
        "household-status-errors": (400, coordinator.submit(f"{page_url}status", {"status": "x"}, form_url=page_url)),
    }
    # The pages are what their names say: a filtered list, the form's errors, the reception's error.
    assert "MIG-2026-0103" in pages["households-list-filtered"][1].get_data(as_text=True)
    assert "MIG-2026-0101" not in pages["households-list-filtered"][1].get_data(as_text=True)
    assert 'aria-invalid="true"' in pages["household-new-errors"][1].get_data(as_text=True)
    assert 'id="received_on-error"' in pages["household-received-errors"][1].get_data(as_text=True)
    return pages


def vacancy_pages(app, lang: str, ids: HomeIds) -> dict[str, tuple[int, object]]:
    """The register with its filters and stale marker, the form for a landlord, a vacancy's page."""
    coordinator = client(app, lang, "coordinator_a")
    reader = client(app, lang, "read_only_a")
    base = "/varnamo/vacancies"
    new_url = f"{base}/new?landlord={ids.landlord}"
    stale_url = f"{base}/{ids.stale}/"
    bad_home = {
        "street_address": "Storgatan 12",
        "area": "999999",
        "rooms": "",
        "living_area": "stor",
        "rent": "x",
        "available_from": "1 sept",
        "floor": "-x",
        "lease_form": "x",
        "takeover_possible": "y",
        "stop_distance": "nära",
    }
    pages = {
        "vacancies-register-filtered": (
            200,
            coordinator.get(f"{base}/?status=reserved&rooms=2&stale=y&sort=-rent"),
        ),
        "vacancies-register-no-match": (200, coordinator.get(f"{base}/?rooms=6&lease=sublease")),
        "vacancies-register-read-only": (200, reader.get(f"{base}/")),
        "vacancy-new": (200, coordinator.get(new_url)),
        "vacancy-new-errors": (400, coordinator.submit(new_url, bad_home)),
        "vacancy-edit": (200, coordinator.get(f"{base}/{ids.vacancy}/edit")),
        "vacancy-page": (200, coordinator.get(f"{base}/{ids.vacancy}/")),
        "vacancy-page-stale": (200, coordinator.get(stale_url)),
        "vacancy-page-let": (200, coordinator.get(f"{base}/{ids.let}/")),
        "vacancy-page-read-only": (200, reader.get(stale_url)),
        "vacancy-status-errors": (400, coordinator.submit(f"{stale_url}status", {"status": "x"}, form_url=stale_url)),
    }
    # The pages are what their names say: stale homes marked, the form's errors shown.
    assert 'class="stale-marker"' in pages["vacancies-register-filtered"][1].get_data(as_text=True)
    assert 'class="stale-marker"' in pages["vacancy-page-stale"][1].get_data(as_text=True)
    assert 'aria-invalid="true"' in pages["vacancy-new-errors"][1].get_data(as_text=True)
    return pages


def matching_pages(app, lang: str, ids: HomeIds) -> dict[str, tuple[int, object]]:
    """The households for a home, the homes for a household, one pair in full, a reference not found."""
    coordinator = client(app, lang, "coordinator_a")
    base = "/varnamo/matching"
    pages = {
        "matching-vacancy": (200, coordinator.get(f"{base}/vacancies/{ids.vacancy}/")),
        "matching-vacancy-reference-unknown": (200, coordinator.get(f"{base}/vacancies/{ids.vacancy}/?reference=X")),
        "matching-vacancy-let": (200, coordinator.get(f"{base}/vacancies/{ids.let}/")),
        "matching-household": (200, coordinator.get(f"{base}/households/{ids.household}/")),
        "matching-household-read-only": (
            200,
            client(app, lang, "read_only_a").get(f"{base}/households/{ids.self_settled}/"),
        ),
        "matching-pair": (200, coordinator.get(f"{base}/households/{ids.household}/vacancies/{ids.vacancy}/")),
        "matching-pair-suggested": (
            200,
            coordinator.get(f"{base}/households/{ids.self_settled}/vacancies/{ids.vacancy}/"),
        ),
    }
    assert 'aria-invalid="true"' in pages["matching-vacancy-reference-unknown"][1].get_data(as_text=True)
    return pages


def quota_figure_pages(app, lang: str) -> dict[str, tuple[int, object]]:
    """A year's figures with its quota (this year, and last year's, which is over) and without one."""
    year = date.today().year
    unit_admin = client(app, lang, "unit_admin_a")
    coordinator = client(app, lang, "coordinator_a")
    pages = {
        "quota-figures": (200, unit_admin.get(f"/varnamo/quotas/{year}/")),
        "quota-figures-past-year": (200, coordinator.get(f"/varnamo/quotas/{year - 1}/")),
        "quota-figures-no-quota": (200, unit_admin.get(f"/varnamo/quotas/{year - 2}/")),
        "quota-figures-empty": (200, client(app, lang, "coordinator_b").get(f"/gislaved/quotas/{year}/")),
    }
    assert "/varnamo/quotas/new" in pages["quota-figures-no-quota"][1].get_data(as_text=True)
    return pages


def admin_pages(app, lang: str) -> dict[str, tuple[int, object]]:
    """The administration, and the invitation's pages a new user opens. Safe to call once per language."""
    from hemvist.auth import invitations
    from hemvist.auth.operations import create_user, find_user

    admin = client(app, lang, "platform_admin")
    with app.app_context():
        invited = find_user("maja.berg@vetlanda.example") or create_user(
            "maja.berg@vetlanda.example", "Maja Berg", locale=lang
        )
        token = invitations.make_token(invited)
        ids = {key: find_user(USERS[key].email).id for key in ("two_workspaces", "county_06")}
        ids["invited"] = invited.id
    sara, karin = f"/admin/users/{ids['two_workspaces']}/", f"/admin/users/{ids['county_06']}/"
    # A change of each kind, so that the log and the user's page have lines to show.
    for url, data in (("/admin/municipalities/0380/suspend", {}), ("/admin/municipalities/0380/resume", {}),
                      (f"{sara}counties", {"county": "06"})):  # fmt: skip
        assert admin.submit(url, data, form_url="/admin/").status_code == 302
    newcomer = client(app, lang)
    invitation = f"/invitation/{token}"
    bad_municipality = {"code": "0683", "slug": "Nej!", "population": "x", "unit_email": "@"}
    pages = {
        "admin-enable": (200, admin.get("/admin/municipalities/new")),
        "admin-enable-errors": (400, admin.submit("/admin/municipalities/new", bad_municipality)),
        "admin-municipality": (200, admin.get("/admin/municipalities/0683/")),
        "admin-resume": (200, admin.get("/admin/municipalities/0380/resume")),
        "admin-suspend": (200, admin.get("/admin/municipalities/0683/suspend")),
        "admin-users": (200, admin.get("/admin/users/")),
        "admin-users-no-match": (200, admin.get("/admin/users/?q=nobody-at-all")),
        "admin-user": (200, admin.get(sara)),
        "admin-user-county-board": (200, admin.get(karin)),
        "admin-user-invited": (200, admin.get(f"/admin/users/{ids['invited']}/")),
        "admin-user-errors": (400, admin.submit(f"{sara}memberships", {"municipality": ""}, form_url=sara)),
        "admin-deactivate": (200, admin.get(f"{sara}deactivate")),
        "admin-invite": (200, admin.get("/admin/users/invite")),
        "admin-invite-errors": (400, admin.submit("/admin/users/invite", {"email": "no", "name": "", "county": "x"})),
        "admin-log": (200, admin.get("/admin/log")),
        "invitation": (200, newcomer.get(invitation)),
        "invitation-errors": (400, newcomer.submit(invitation, {"password": "short", "confirm": "other"})),
        "invitation-refused": (404, newcomer.get("/invitation/not-a-valid-token")),
    }
    assert 'aria-invalid="true"' in pages["admin-enable-errors"][1].get_data(as_text=True)
    return pages


def render_pages(
    app,
    lang: str,
    quota_id: int,
    dialogue: DialogueIds,
    landlords: LandlordIds,
    landlord_side: LandlordSideIds,
    homes: HomeIds,
) -> dict[str, str]:
    """Each kind of page in ``lang``: name → its HTML, once its status and its language are as expected."""
    anonymous = client(app, lang)
    coordinator = client(app, lang, "coordinator_a")
    unit_admin = client(app, lang, "unit_admin_a")
    edit_url = f"/varnamo/quotas/{quota_id}/edit"

    # Logging out forgets the language chosen (the session is cleared): ask for it again.
    logged_out = client(app, lang, "read_only_a")
    logged_out.logout()

    pages = {
        "landing": (200, anonymous.get("/")),
        "login": (200, anonymous.get("/login")),
        "login-empty-fields": (200, anonymous.submit("/login", {"email": "", "password": ""})),
        "login-wrong-password": (
            200,
            anonymous.submit("/login", {"email": USERS["coordinator_a"].email, "password": "wrong"}),
        ),
        "login-after-logout": (200, logged_out.get(f"/login?lang={lang}")),
        "picker": (200, client(app, lang, "two_workspaces").get("/home")),
        "no-access": (200, client(app, lang, "no_access").get("/home")),
        "workspace-overview": (200, coordinator.get("/varnamo/")),
        "workspace-overview-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/")),
        "quotas-coordinator": (200, coordinator.get("/varnamo/quotas/")),
        "quotas-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/quotas/")),
        "quotas-unit-admin": (200, unit_admin.get("/varnamo/quotas/")),
        "quota-new": (200, unit_admin.get("/varnamo/quotas/new")),
        "quota-new-errors": (200, unit_admin.submit("/varnamo/quotas/new", {"year": "abc", "persons": ""})),
        "quota-new-year-taken": (
            200,
            unit_admin.submit("/varnamo/quotas/new", {"year": str(date.today().year), "persons": "5"}),
        ),
        "quota-edit": (200, unit_admin.get(edit_url)),
        "quota-edit-errors": (200, unit_admin.submit(edit_url, {"persons": "abc"})),
        "quota-saved": (200, unit_admin.submit(edit_url, {"persons": "120"}, follow_redirects=True)),
        "county": (200, client(app, lang, "county_06").get("/county/06/")),
        "admin": (200, client(app, lang, "platform_admin").get("/admin/")),
        "error-400-csrf": (400, anonymous.http.post("/login", data={"email": "a@b.se", "password": "x"})),
        "error-403": (403, coordinator.get("/gislaved/")),
        "error-404": (404, anonymous.get("/no/such/page")),
        "error-405": (405, anonymous.get("/logout")),
        **dialogue_pages(app, lang, dialogue),
        **landlord_pages(app, lang, landlords),
        **spreadsheet_pages(app, lang),
        **landlord_side_pages(app, lang, landlord_side),
        **household_pages(app, lang, homes),
        **moving_on_pages(app, lang, client),
        **vacancy_pages(app, lang, homes),
        **matching_pages(app, lang, homes),
        **lease_pages(app, lang, client),
        **offer_pages(app, lang, client),
        **quota_figure_pages(app, lang),
        **admin_pages(app, lang),
    }
    # The overview lists households past and near their deadline, homes without a household and stale ones.
    overview = pages["workspace-overview"][1].get_data(as_text=True)
    for section in ("past-deadline", "near-deadline", "unmatched-vacancies", "stale-vacancies"):
        assert re.search(rf'<div id="{section}">\s*<h3>[^<]*</h3>\s*(<p>.*</p>\s*)?<ul', overview), section
    rendered = {}
    for name, (status, response) in pages.items():
        html = response.get_data(as_text=True)
        assert response.status_code == status, f"{lang}/{name}: {response.status_code}\n{html}"
        assert f'<html lang="{lang}">' in html, f"{lang}/{name} is not rendered in {lang}"
        rendered[name] = html
    return rendered


def run_checker(folder: Path) -> list[Message]:
    java = program("java")
    vnu = node_module_file(VNU)
    completed = subprocess.run(
        [
            java,
            "-jar",
            str(vnu),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            "--also-check-css",
            str(folder),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    messages = []
    for message in report["messages"]:
        kind = message["type"] if message["type"] != "info" else message.get("subType", "info")
        messages.append(
            Message(
                file=message.get("url", "").rsplit("/", 1)[-1],
                line=message.get("lastLine"),
                kind=kind,
                text=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return messages


@pytest.mark.parametrize("database_template", ["sqlite"], indirect=True)
def test_every_kind_of_page_is_valid_html(app, tmp_path):
    quota_id = seed_quotas(app)
    dialogue = seed_dialogue(app)
    landlords = seed_landlords(app)
    landlord_side = seed_landlord_side(app)
    homes = seed_households_and_homes(app, landlords)
    folder = tmp_path / "pages"
    folder.mkdir()
    written = []
    for lang in LANGUAGES:
        for name, html in render_pages(app, lang, quota_id, dialogue, landlords, landlord_side, homes).items():
            (folder / f"{lang}-{name}.html").write_text(html, encoding="utf-8")
            written.append(f"{lang}-{name}.html")
    (folder / CANARY).write_text(CANARY_HTML, encoding="utf-8")
    (folder / "hemvist.css").write_text(
        (Path(app.static_folder) / "hemvist.css").read_text(encoding="utf-8"), encoding="utf-8"
    )

    messages = run_checker(folder)

    canary = [m for m in messages if m.file == CANARY]
    assert any(m.kind == "error" and "foo" in m.text for m in canary), (
        f"the HTML checker did not report the canary's error; its report was:\n{messages}"
    )
    messages = [m for m in messages if m.file != CANARY]
    problems = [m for m in messages if m.kind in ("error", "non-document-error", "fatal")]
    notes = [m for m in messages if m not in problems and m.kind != "info"]
    if notes:
        warnings.warn(HtmlCheckerWarning(f"{len(notes)} warnings on Hemvist's pages:\n{readable(notes)}"), stacklevel=1)
    print(f"checked {len(written)} pages and hemvist.css: {len(problems)} errors, {len(notes)} warnings")
    print(readable(notes))
    assert not problems, f"{len(problems)} HTML errors:\n{readable(problems)}"


def readable(messages: list[Message]) -> str:
    """One paragraph per distinct message: where it occurs, then the first place's markup."""
    grouped: dict[tuple[str, str], list[Message]] = {}
    for message in sorted(messages, key=lambda m: (m.file, m.line or 0)):
        grouped.setdefault((message.kind, message.text), []).append(message)
    paragraphs = []
    for (kind, text), occurrences in grouped.items():
        places = ", ".join(f"{m.file}:{m.line}" for m in occurrences)
        extract = " ".join(occurrences[0].extract.split())
        paragraphs.append(f"{kind}: {text}\n  in {places}\n  {extract}")
    return "\n".join(paragraphs)
