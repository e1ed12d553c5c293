"""Made-up homes offered by the demo landlords, and each demo municipality's own housing company.

Per municipality: a made-up municipal housing company (a partner) with a few homes, and homes from the
partners and interested landlords, the lease forms mixed; some on offer, reserved, let or withdrawn; a
village home that needs a car (two departures a weekday); and a few nobody has confirmed for 40 to 60
days, so that the register has stale ones to show. Everything is drawn from a generator seeded with the
municipality's code, so a load gives the same homes every time; the landlords' own demo is left as it is.

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
