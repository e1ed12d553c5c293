"""Made-up homes offered by the demo landlords: a few on offer, one let, one withdrawn, per municipality.

Loaded after the landlords, with the session bound to the municipality; the caller commits.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, Stage
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus
from hemvist.vacancies.operations import VacancyData, offer_vacancy

STATUSES = [VacancyStatus.OFFERED, VacancyStatus.OFFERED, VacancyStatus.RESERVED, VacancyStatus.LET,
            VacancyStatus.OFFERED, VacancyStatus.WITHDRAWN]  # fmt: skip
STREETS = ["Nygatan", "Bruksgatan", "Villagatan", "Lärkvägen", "Stationsgatan", "Backgatan"]


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    if db.session.scalar(sa.select(sa.func.count()).select_from(Vacancy)):
        return
    # Partners and interested landlords offer homes; the others have none free right now.
    landlords = list(
        db.session.scalars(
            sa.select(Landlord).where(Landlord.stage.in_([Stage.PARTNER, Stage.INTERESTED])).order_by(Landlord.id)
        )
    )
    rng = random.Random(f"hemvist-demo-vacancies-{tenant.code}")
    for index, landlord in enumerate(landlords):
        owner = users.get(next((email for email, user in users.items() if user.id == landlord.owner_id), ""))
        rooms = rng.choice([1, 2, 2, 3, 3, 4, 5])
        area = landlord.areas[0] if landlord.areas else None
        vacancy = offer_vacancy(
            tenant,
            owner,
            landlord,
            VacancyData(
                rooms=rooms,
                street_address=f"{rng.choice(STREETS)} {rng.randint(1, 40)}",
                area_id=area.id if area else None,
                living_area=22 + rooms * rng.randint(16, 22),
                rent=2600 + rooms * rng.randint(1500, 2100),
                available_from=date.today() + timedelta(days=rng.randint(-10, 75)),
            ),
            OfferedVia.STAFF if index % 3 else OfferedVia.LANDLORD_PAGE,
            commit=False,
        )
        vacancy.status = STATUSES[index % len(STATUSES)]
