from __future__ import annotations

import logging

from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.quotas.models import Quota
from hemvist.tenancy.models import Tenant

log = logging.getLogger("hemvist.quotas")


def create_quota(tenant: Tenant, user: User, year: int, persons: int) -> Quota:
    quota = Quota(year=year, persons=persons, updated_by_id=user.id)
    db.session.add(quota)
    db.session.commit()
    log.info("quota %s set to %s persons by user %s", year, persons, user.id)
    return quota


def update_quota(tenant: Tenant, user: User, quota: Quota, persons: int) -> Quota:
    quota.persons = persons
    quota.updated_by_id = user.id
    db.session.commit()
    log.info("quota %s changed to %s persons by user %s", quota.year, persons, user.id)
    return quota
