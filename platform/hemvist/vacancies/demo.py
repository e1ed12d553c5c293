"""Made-up homes offered by the demo landlords, and each demo municipality's own housing company.

Per municipality: a made-up municipal housing company (a partner) with a few homes, and homes from the
partners and interested landlords, the lease forms mixed; some on offer, reserved, let or withdrawn; a
village home that needs a car (two departures a weekday); and a few nobody has confirmed for 40 to 60
days, so that the register has stale ones to show. Everything is drawn from a generator seeded with the
municipality's code, so a load gives the same homes every time; the landlords' own demo is left as it is.
Where the demo shows brokering (Värnamo), a few more homes on offer are described by hand, after those.

Loaded after the landlords and the dialogue, with the session bound to the municipality; the caller commits.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from hemvist.areas.models import Area, AreaKind
from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, LandlordKind, LandlordType, Source, Stage, StageChange
from hemvist.landlords.operations import ContactData, LandlordData, create_landlord
from hemvist.leases.models import LeaseForm
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from hemvist.vacancies.operations import VacancyData, offer_vacancy

STATUSES = [VacancyStatus.OFFERED, VacancyStatus.OFFERED, VacancyStatus.RESERVED, VacancyStatus.LET,
            VacancyStatus.OFFERED, VacancyStatus.WITHDRAWN]  # fmt: skip
STREETS = ["Nygatan", "Bruksgatan", "Villagatan", "Lärkvägen", "Stationsgatan", "Backgatan"]
LEASE_FORMS = [LeaseForm.FIRST_HAND_OPEN_ENDED, LeaseForm.SUBLEASE, LeaseForm.FIRST_HAND_TIME_LIMITED,
               LeaseForm.SUBLEASE, LeaseForm.FIRST_HAND_OPEN_ENDED, LeaseForm.TRANSITIONAL_HOME]  # fmt: skip
# Made-up names in the style of the municipal housing companies; no real company is meant.
HOUSING_COMPANIES = {
    "varnamo": "Lagadalens Kommunhem AB",
    "gislaved": "Nissastrandens Bostads AB",
    "gnosjo": "Hillerstorpshem Kommunala AB",
    "vaggeryd": "Skillingaryds Allmännyttan AB",
}
# Every so many homes one is left unconfirmed for 40 to 60 days.
STALE_EVERY = 4
# Homes on offer described by hand where the demo shows brokering, to suit the households described by hand
# there (``households.demo.WAITING_BY_HAND``): one room for a single person, a house in a village only for a
# household with a car, a step-free flat, one free now for a household past its deadline, a big one for a big
# family. (street address, area, rooms, m², rent, free in days, floor, step-free, lease form, stop in metres,
# departures a weekday, needs a car, notes); the municipal housing company lets the subleases.
HOMES_BY_HAND = {
    "varnamo": [
        ("Storgatan 21", "Värnamo", 1, 31, 4650, 7, 3, False, LeaseForm.FIRST_HAND_OPEN_ENDED, 200, 40, False, ""),
        ("Åsvägen 4", "Rydaholm", 4, 96, 7150, -10, 0, False, LeaseForm.FIRST_HAND_OPEN_ENDED, 1600, 4, True,
         "Parhus med egen tomt. Bussen går fyra gånger om dagen på vardagar; bil behövs i praktiken."),
        ("Skolgatan 12", "Värnamo", 3, 74, 6600, 12, 0, True, LeaseForm.SUBLEASE, 150, 32, False,
         "Markplan utan trappsteg, nära skola och vårdcentral."),
        ("Kyrkogatan 5", "Värnamo", 2, 52, 5900, -20, 1, False, LeaseForm.FIRST_HAND_OPEN_ENDED, 300, 24, False, ""),
        ("Bruksvägen 2", "Forsheda", 5, 112, 8900, 20, 1, False, LeaseForm.FIRST_HAND_OPEN_ENDED, 350, 14, False,
         "Stor lägenhet i två plan."),
    ],
}  # fmt: skip


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    if db.session.scalar(sa.select(sa.func.count()).select_from(Vacancy)):
        return
    rng = random.Random(f"hemvist-demo-vacancies-{tenant.code}")
    # Partners and interested landlords offer homes; the others have none free right now.
    landlords = list(
        db.session.scalars(
            sa.select(Landlord).where(Landlord.stage.in_([Stage.PARTNER, Stage.INTERESTED])).order_by(Landlord.id)
        )
    )
    if not landlords:
        return  # no demo landlords here (no demo user works in the municipality)
    by_id = {user.id: user for user in users.values()}
    villages = list(db.session.scalars(sa.select(Area).where(Area.kind == AreaKind.VILLAGE).order_by(Area.name)))
    owner = by_id.get(landlords[0].owner_id)
    homes = [(_housing_company(tenant, owner), OfferedVia.STAFF)] * 3 if owner else []
    homes += [(landlord, OfferedVia.STAFF if index % 3 else OfferedVia.LANDLORD_PAGE) for index, landlord in
              enumerate(landlords)]  # fmt: skip
    now = datetime.now(UTC)
    for index, (landlord, via) in enumerate(homes):
        rooms = rng.choice([1, 2, 2, 3, 3, 4, 5])
        area = landlord.areas[0] if landlord.areas else None
        lease_form = LEASE_FORMS[index % len(LEASE_FORMS)]
        data = VacancyData(
            rooms=rooms,
            street_address=f"{rng.choice(STREETS)} {rng.randint(1, 40)}",
            area_id=area.id if area else None,
            living_area=22 + rooms * rng.randint(16, 22),
            rent=2600 + rooms * rng.randint(1500, 2100),
            available_from=date.today() + timedelta(days=rng.randint(-10, 75)),
            floor=rng.choice([0, 1, 1, 2, 3, 4]),
            lift=rng.random() < 0.4,
            step_free=rng.random() < 0.25,
            lease_form=lease_form,
            takeover_possible=lease_form is LeaseForm.SUBLEASE and rng.random() < 0.6,
            stop_distance=rng.choice([150, 250, 400, 600, 900]),
            weekday_departures=rng.choice([18, 24, 32, 40]),
        )
        if index == 4 and villages:
            # The villages' lesson: a fine home with two buses a weekday is only for a household with a car.
            data.area_id = villages[index % len(villages)].id
            data.stop_distance, data.weekday_departures, data.needs_car = 1800, 2, True
            data.notes = "Villa i byn. Bussen går två gånger om dagen på vardagar; bil behövs i praktiken."
        owner = by_id.get(landlord.owner_id)
        vacancy = offer_vacancy(tenant, owner, landlord, data, via, commit=False)
        vacancy.status = STATUSES[index % len(STATUSES)]
        if vacancy.status.is_open and index % STALE_EVERY == 1:
            vacancy.confirmed_at = now - timedelta(days=rng.randint(40, 60))
        else:
            vacancy.confirmed_at = now - timedelta(days=rng.randint(0, 20))
    _homes_by_hand(tenant, by_id, landlords, now)


def _homes_by_hand(tenant: Tenant, by_id: dict[int, User], landlords: list[Landlord], now: datetime) -> None:
    """The municipality's homes of ``HOMES_BY_HAND``, after the generated ones (whose data stays as it was)."""
    homes = HOMES_BY_HAND.get(tenant.slug, ())
    partners = [landlord for landlord in landlords if landlord.stage is Stage.PARTNER] or landlords
    housing_company = db.session.scalar(
        sa.select(Landlord).where(Landlord.landlord_type == LandlordType.MUNICIPAL_HOUSING_COMPANY).limit(1)
    )
    areas = {area.name: area for area in db.session.scalars(sa.select(Area))}
    villages = sorted((area for area in areas.values() if area.kind is AreaKind.VILLAGE), key=lambda area: area.name)
    for index, (street, area_name, rooms, living_area, rent, free_in, floor, step_free, lease_form, stop,
                departures, needs_car, notes) in enumerate(homes):  # fmt: skip
        area = areas.get(area_name) or (villages[0] if needs_car and villages else None)
        data = VacancyData(
            rooms=rooms,
            street_address=street,
            area_id=area.id if area else None,
            living_area=living_area,
            rent=rent,
            available_from=date.today() + timedelta(days=free_in),
            floor=floor,
            lift=floor > 1,
            step_free=step_free,
            lease_form=lease_form,
            takeover_possible=lease_form is LeaseForm.SUBLEASE,
            stop_distance=stop,
            weekday_departures=departures,
            needs_car=needs_car,
            notes=notes,
        )
        sublease = lease_form is LeaseForm.SUBLEASE and housing_company is not None
        # A partner letting in the home's area, where there is one.
        local = [landlord for landlord in partners if area is not None and area in landlord.areas]
        landlord = housing_company if sublease else (local or partners)[index % len(local or partners)]
        vacancy = offer_vacancy(tenant, by_id.get(landlord.owner_id), landlord, data, OfferedVia.STAFF, commit=False)
        vacancy.confirmed_at = now - timedelta(days=1 + index)


def _housing_company(tenant: Tenant, owner: User) -> Landlord:
    """The municipality's own housing company, a partner since long. Without an organisation number, so that
    the sign-up demo's landlord "already in the registry" stays a private one."""
    name = HOUSING_COMPANIES.get(tenant.slug, f"{tenant.name} Kommunhem AB")
    data = LandlordData(
        kind=LandlordKind.COMPANY,
        landlord_type=LandlordType.MUNICIPAL_HOUSING_COMPANY,
        name=name,
        city=tenant.name,
        flats=1400,
        source=Source.OTHER,
        notes="Kommunens bostadsbolag. Lämnar några lägenheter om året till kommunen för andrahandsuthyrning.",
        area_ids=list(db.session.scalars(sa.select(Area.id).order_by(Area.kind, Area.name).limit(2))),
        contacts=[
            ContactData(name="Lena Uthyrning (demo)", role="Uthyrningschef", email="uthyrning@kommunhem.example")
        ],
    )
    landlord = create_landlord(tenant, owner, data, commit=False)
    landlord.stage = Stage.PARTNER
    landlord.stage_changes.append(
        StageChange(
            from_stage=Stage.NEW,
            to_stage=Stage.PARTNER,
            changed_on=date.today() - timedelta(days=400),
            changed_by_id=owner.id,
        )  # fmt: skip
    )
    db.session.flush()
    return landlord
