"""Writes of the import: store an upload, check it, import it, or throw it away; each step's job.

Each function takes the municipality and the acting user explicitly. The check and the import run as
jobs (``jobs``); the functions named ``*_job`` are their bodies, run in a thread bound to the municipality.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import PurePath

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from hemvist.auth.models import User
from hemvist.core.i18n import LOCALES
from hemvist.extensions import db
from hemvist.landlords.operations import LandlordError, create_landlord
from hemvist.spreadsheets import jobs
from hemvist.spreadsheets.models import SpreadsheetUpload, UploadStatus
from hemvist.spreadsheets.queries import JOB_STALE_AFTER, KEEP_UPLOADS, other_import_running, registry_for
from hemvist.spreadsheets.reading import UnreadableFile, read_table
from hemvist.spreadsheets.rows import CheckedRow, check_rows
from hemvist.tenancy.models import Tenant

log = logging.getLogger("hemvist.spreadsheets")

# Rows checked between two progress updates: often enough for a moving bar, rarely enough to cost nothing.
CHUNK = 500
MAX_FILENAME = 200
RUNNING = (UploadStatus.VALIDATING, UploadStatus.IMPORTING)


class SpreadsheetError(ValueError):
    """A step the import refuses right now; ``str(error)`` is translated for the person who asked."""


def in_every_language(message) -> dict[str, str]:
    """A lazily translated message as text in each language, for a reader who may switch language later."""
    texts = {}
    for locale in LOCALES:
        with force_locale(locale):
            texts[locale] = str(message)
    return texts


def display_filename(filename: str) -> str:
    """The name the file had on the person's computer, without folders, control characters or excess length."""
    name = PurePath((filename or "").replace("\\", "/")).name
    name = "".join(c for c in name if c.isprintable()).strip()
    suffix = PurePath(name).suffix
    if len(name) > MAX_FILENAME:
        name = name[: MAX_FILENAME - len(suffix)] + suffix
    return name or "upload"


def create_upload(tenant: Tenant, user: User, filename: str, content: bytes) -> SpreadsheetUpload:
    """Read the file through once (raising ``UnreadableFile`` if it cannot be), then keep it for the next steps."""
    filename = display_filename(filename)
    table = read_table(filename, content)
    purged = purge_old_uploads(tenant, commit=False)
    upload = SpreadsheetUpload(
        created_by_id=user.id,
        filename=filename,
        file_format=table.file_format,
        content=content,
        rows_total=len(table.rows),
    )
    db.session.add(upload)
    db.session.commit()
    log.info("upload %s of %s rows by user %s (%s old uploads removed)", upload.id, len(table.rows), user.id, purged)
    return upload


def _claim(
    upload: SpreadsheetUpload,
    allowed: tuple[UploadStatus, ...],
    status: UploadStatus,
    revive: tuple[UploadStatus, ...] = RUNNING,
    **values,
) -> bool:
    """Move the upload to ``status`` if it is in one of ``allowed``, or in one of ``revive`` with its job dead.

    One conditional UPDATE, so that a double click or two tabs cannot start the same job twice.
    """
    now = datetime.now(UTC)
    table = SpreadsheetUpload
    movable = sa.or_(
        table.status.in_(allowed), sa.and_(table.status.in_(revive), table.updated_at < now - JOB_STALE_AFTER)
    )
    result = db.session.execute(
        sa.update(table)
        .where(table.id == upload.id, movable)
        .values(status=status, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _start(tenant: Tenant, upload: SpreadsheetUpload, work) -> None:
    jobs.start(current_app._get_current_object(), tenant, upload.id, work, record_failure, str(get_locale() or "sv"))


def start_check(tenant: Tenant, user: User, upload: SpreadsheetUpload, mapping: dict[int, str]) -> None:
    """Check every row against the columns chosen, in a job."""
    stored = {str(index): name for index, name in sorted(mapping.items())}
    allowed = (UploadStatus.UPLOADED, UploadStatus.VALIDATED, UploadStatus.FAILED)
    if not _claim(upload, allowed, UploadStatus.VALIDATING, mapping=stored, rows_done=0, result=None):
        raise SpreadsheetError(_l("This file is already being checked or imported."))
    log.info("check of upload %s started by user %s", upload.id, user.id)
    _start(tenant, upload, check_job)


def start_import(tenant: Tenant, user: User, upload: SpreadsheetUpload) -> None:
    """Import the rows the check found valid, in a job."""
    if other_import_running(tenant, upload.id):
        raise SpreadsheetError(
            _l("Another file is being imported in %(municipality)s. Wait until it is done.", municipality=tenant.name)
        )
    revive = (UploadStatus.IMPORTING,)  # a dead import rolled back and may run again; a dead check may not
    if not _claim(upload, (UploadStatus.VALIDATED,), UploadStatus.IMPORTING, revive, rows_done=0):
        raise SpreadsheetError(_l("This file is already being checked or imported."))
    log.info("import of upload %s started by user %s", upload.id, user.id)
    _start(tenant, upload, import_job)


def discard_upload(tenant: Tenant, user: User, upload: SpreadsheetUpload) -> None:
    """Import nothing (or nothing more): the file is removed at once."""
    table, upload_id = SpreadsheetUpload, upload.id
    cutoff = datetime.now(UTC) - JOB_STALE_AFTER
    result = db.session.execute(
        sa.delete(table)
        .where(table.id == upload_id, sa.or_(table.status.not_in(RUNNING), table.updated_at < cutoff))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if result.rowcount != 1:
        raise SpreadsheetError(_l("Wait until the work on the file is done."))
    log.info("upload %s removed by user %s", upload_id, user.id)


def purge_old_uploads(tenant: Tenant, now: datetime | None = None, *, commit: bool = True) -> int:
    """Remove the uploads older than ``KEEP_UPLOADS``, except those a live job is working on; how many."""
    now = now or datetime.now(UTC)
    table = SpreadsheetUpload
    result = db.session.execute(
        sa.delete(table)
        .where(
            table.created_at < now - KEEP_UPLOADS,
            sa.or_(table.status.not_in(RUNNING), table.updated_at < now - JOB_STALE_AFTER),
        )
        .execution_options(synchronize_session=False)
    )
    if commit:
        db.session.commit()
    return result.rowcount


def _rejected(checked: CheckedRow) -> dict:
    texts = [in_every_language(error.message) for error in checked.errors]
    return {
        "row": checked.number,
        "duplicate": checked.duplicate,
        "errors": [{"field": error.field, "text": text} for error, text in zip(checked.errors, texts, strict=True)],
    }


def _check_all(tenant: Tenant, upload: SpreadsheetUpload, *, report_progress: bool):
    table = read_table(upload.filename, upload.content)
    mapping = {int(index): name for index, name in (upload.mapping or {}).items()}
    valid, rejected = [], []
    for done, checked in enumerate(check_rows(table.rows, mapping, registry_for(tenant)), start=1):
        if checked.data is not None:
            valid.append(checked.data)
        else:
            rejected.append(_rejected(checked))
        if report_progress and done % CHUNK == 0:
            upload.rows_done = done
            db.session.commit()
    return table.header, valid, rejected


def _summary(header: list[str], valid: int, rejected: list[dict]) -> dict:
    duplicates = sum(1 for row in rejected if row["duplicate"])
    return {"header": header, "valid": valid, "duplicates": duplicates, "rejected": rejected}


def check_job(tenant: Tenant, upload_id: int) -> None:
    upload = db.session.get(SpreadsheetUpload, upload_id)
    if upload is None or upload.status is not UploadStatus.VALIDATING:
        return
    header, valid, rejected = _check_all(tenant, upload, report_progress=True)
    upload.result = _summary(header, len(valid), rejected)
    upload.rows_done = upload.rows_total
    upload.status = UploadStatus.VALIDATED
    db.session.commit()
    log.info("upload %s of %s checked: %s valid, %s rejected", upload_id, tenant.slug, len(valid), len(rejected))


def import_job(tenant: Tenant, upload_id: int) -> None:
    """Create a landlord per valid row, and mark the upload imported, in one transaction: all or nothing.

    The rows are checked again first: the registry may have gained one of them since the check.
    """
    upload = db.session.get(SpreadsheetUpload, upload_id)
    if upload is None or upload.status is not UploadStatus.IMPORTING:
        return
    user = db.session.get(User, upload.created_by_id)
    checked_before = (upload.result or {}).get("valid", 0)
    header, valid, rejected = _check_all(tenant, upload, report_progress=False)
    # create_landlord flushes each landlord to get its id (for the history), so the registry's unique
    # number check always sees the earlier rows; autoflush would only add a flush per row.
    with db.session.no_autoflush:
        for data in valid:
            create_landlord(tenant, user, data, commit=False)
    upload.result = {**_summary(header, len(valid), rejected), "imported": len(valid), "checked_before": checked_before}
    upload.rows_done = upload.rows_total
    upload.status = UploadStatus.IMPORTED
    db.session.commit()
    log.info(
        "upload %s of %s imported: %s landlords by user %s", upload_id, tenant.slug, len(valid), upload.created_by_id
    )


def record_failure(tenant: Tenant, upload_id: int, error: BaseException) -> None:
    """Mark the upload failed, saying why in every language; whatever the job wrote is already rolled back."""
    upload = db.session.get(SpreadsheetUpload, upload_id)
    if upload is None:
        return
    importing = upload.status is UploadStatus.IMPORTING
    if isinstance(error, (LandlordError, UnreadableFile)):
        reason = in_every_language(error.args[0] if error.args else "")
    else:
        reason = in_every_language(_l("An error occurred on our side; it has been logged."))
    summary = _l("The import stopped and nothing was imported.") if importing else _l("The check of the rows stopped.")
    upload.result = {"error": in_every_language(summary), "reason": reason, "during": upload.status.value}
    upload.status = UploadStatus.FAILED
    db.session.commit()
