from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from hemvist.extensions import db
from hemvist.quotas.models import Quota
from hemvist.tenancy.models import Tenant


def list_quotas(tenant: Tenant) -> list[Quota]:
    """The municipality's quotas, newest year first. ``tenant`` is the one the session is bound to."""
    return list(db.session.scalars(sa.select(Quota).order_by(Quota.year.desc())))


def get_quota_or_404(tenant: Tenant, quota_id: int) -> Quota:
    quota = db.session.get(Quota, quota_id)
    if quota is None:
        abort(404)
    return quota


def year_taken(tenant: Tenant, year: int, except_id: int | None = None) -> bool:
    query = sa.select(Quota.id).where(Quota.year == year)
    if except_id is not None:
        query = query.where(Quota.id != except_id)
    return db.session.scalar(query) is not None
