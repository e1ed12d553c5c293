"""Made-up changes landlords made on their own pages, waiting on their named contact's dashboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.landlord_page.models import ChangeKind, LandlordChange
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import OfferedVia, Vacancy


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    if db.session.scalar(sa.select(sa.func.count()).select_from(LandlordChange)):
        return
    # The homes the demo says landlords offered on their own pages get the change that announced them.
    offered = db.session.scalars(
        sa.select(Vacancy).where(Vacancy.offered_via == OfferedVia.LANDLORD_PAGE).order_by(Vacancy.id).limit(3)
    )
    now = datetime.now(UTC)
    for hours, vacancy in enumerate(offered, start=1):
        db.session.add(
            LandlordChange(
                landlord_id=vacancy.landlord_id,
                kind=ChangeKind.HOME_OFFERED,
                vacancy_id=vacancy.id,
                made_at=now - timedelta(hours=hours * 7),
            )
        )
