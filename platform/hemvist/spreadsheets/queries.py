"""Reads for the import: a person's uploads, and what rows are compared with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import abort

from hemvist.areas.models import Area
from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.landlords.models import Landlord
from hemvist.spreadsheets.models import SpreadsheetUpload, UploadStatus
from hemvist.spreadsheets.rows import Registry, key
from hemvist.tenancy.models import Tenant

# Uploads are kept this long, then removed (they hold personal identity numbers and phone numbers).
KEEP_UPLOADS = timedelta(days=1)
# A job that has not touched its upload for this long has died with its process (a restart, a crash).
# Far above the slowest import measured (20 000 rows in about a minute), so a slow job is never cut short.
JOB_STALE_AFTER = timedelta(minutes=15)


def aware(moment: datetime) -> datetime:
    # SQLite hands timezone-aware columns back naive; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def get_upload_or_404(tenant: Tenant, user: User, upload_id: int) -> SpreadsheetUpload:
    """The user's own upload: someone else's, even a colleague's, answers 404 like a missing one."""
    upload = db.session.get(SpreadsheetUpload, upload_id)
    if upload is None or upload.created_by_id != user.id:
        abort(404)
    return upload


def recent_uploads(tenant: Tenant, user: User) -> list[SpreadsheetUpload]:
    return list(
        db.session.scalars(
            sa.select(SpreadsheetUpload)
            .where(SpreadsheetUpload.created_by_id == user.id)
            .order_by(SpreadsheetUpload.created_at.desc(), SpreadsheetUpload.id.desc())
            .limit(10)
        )
    )


def is_stale(upload: SpreadsheetUpload, now: datetime | None = None) -> bool:
    """A job is said to run on it, but nothing has been heard from the job for too long."""
    return upload.status.running and aware(upload.updated_at) + JOB_STALE_AFTER < (now or datetime.now(UTC))


def other_import_running(tenant: Tenant, upload_id: int) -> bool:
    """Another upload of the municipality is being imported (one at a time: their rows could collide)."""
    cutoff = datetime.now(UTC) - JOB_STALE_AFTER
    return (
        db.session.scalar(
            sa.select(SpreadsheetUpload.id).where(
                SpreadsheetUpload.status == UploadStatus.IMPORTING,
                SpreadsheetUpload.id != upload_id,
                SpreadsheetUpload.updated_at >= cutoff,
            )
        )
        is not None
    )


def registry_for(tenant: Tenant) -> Registry:
    """The registry's numbers, names and areas, in one query each rather than ``find_by_identity_number``
    and ``find_by_name`` twice per row (40 000 queries for a file of 20 000 rows).

    A deleted landlord keeps its number (unique until it is purged, so importing it again would fail)
    but not its name, as ``find_by_name`` leaves deleted landlords out. Names are keyed by ``rows.key``.
    """
    numbers, names = {}, {}
    for number, name, deleted_at in db.session.execute(
        sa.select(Landlord.identity_number, Landlord.name, Landlord.deleted_at)
    ):
        if number:
            numbers[number] = name
        if deleted_at is None:
            names.setdefault(key(name), name)
    areas = {key(area.name): (area.id, area.name) for area in db.session.scalars(sa.select(Area))}
    return Registry(municipality=tenant.name, numbers=numbers, names=names, areas=areas)
