"""An uploaded spreadsheet, kept in the municipality's own schema between the steps of an import.

The file itself is stored here rather than on disk or in a cache, so that it is as isolated as the rest
of the municipality's data (another municipality's session cannot even name the table) and goes away
with it. Uploads are removed a day after they were made (``operations.purge_old_uploads``).
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from hemvist.core.models import TenantModel, enum_column_type
from hemvist.tenancy.models import utcnow


class FileFormat(enum.Enum):
    CSV = "csv"
    XLSX = "xlsx"


class UploadStatus(enum.Enum):
    """Where an upload stands; ``validating`` and ``importing`` mean a job is working on it."""

    UPLOADED = "uploaded"  # read, waiting for the columns to be chosen
    VALIDATING = "validating"
    VALIDATED = "validated"  # checked, waiting for the person to import or not
    IMPORTING = "importing"
    IMPORTED = "imported"
    FAILED = "failed"

    @property
    def running(self) -> bool:
        return self in (UploadStatus.VALIDATING, UploadStatus.IMPORTING)

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {
    UploadStatus.UPLOADED: _l("Waiting for you to choose the columns"),
    UploadStatus.VALIDATING: _l("Rows being checked"),
    UploadStatus.VALIDATED: _l("Checked: waiting for your choice"),
    UploadStatus.IMPORTING: _l("Being imported"),
    UploadStatus.IMPORTED: _l("Imported"),
    UploadStatus.FAILED: _l("Stopped"),
}


class SpreadsheetUpload(TenantModel):
    __tablename__ = "spreadsheet_uploads"
    __table_args__ = (sa.CheckConstraint("rows_done >= 0 AND rows_done <= rows_total", name="rows_done_in_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Plain id of the shared users table; only this user sees the upload.
    created_by_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    # Touched by every step and every chunk a job finishes: a running job that stops touching it has died.
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    filename: Mapped[str] = mapped_column(sa.String(255))
    file_format: Mapped[FileFormat] = mapped_column(enum_column_type(FileFormat, "file_format"))
    # Deferred: the status page polls the row and must not drag the file (up to 2 MiB) along each time.
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    # {"<column index>": "<field name>"}, as chosen on the columns page.
    mapping: Mapped[dict | None] = mapped_column(sa.JSON)
    status: Mapped[UploadStatus] = mapped_column(
        enum_column_type(UploadStatus, "status"), default=UploadStatus.UPLOADED
    )
    rows_total: Mapped[int] = mapped_column(default=0)
    rows_done: Mapped[int] = mapped_column(default=0)
    # The check's or the import's outcome: counts, the rejected rows with their reasons in every language,
    # or why the job failed (see ``jobs``); deferred because it can hold thousands of rows.
    result: Mapped[dict | None] = mapped_column(sa.JSON, deferred=True)
