from __future__ import annotations

import io
import logging
import tempfile
from datetime import UTC, datetime

from flask import abort, current_app, flash, g, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import format_decimal, to_user_timezone
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.models import Role
from hemvist.core.access import role_required
from hemvist.landlords.queries import list_areas
from hemvist.spreadsheets import examples, exports, operations, results
from hemvist.spreadsheets.fields import FIELDS, guess_mapping
from hemvist.spreadsheets.forms import ConfirmForm, UploadForm, columns_form
from hemvist.spreadsheets.models import FileFormat, SpreadsheetUpload, UploadStatus
from hemvist.spreadsheets.queries import get_upload_or_404, is_stale, recent_uploads
from hemvist.spreadsheets.reading import MAX_COLUMNS, MAX_ROWS, UnreadableFile
from hemvist.spreadsheets.writing import csv_chunks, write_xlsx
from hemvist.tenancy.web import current_tenant

log = logging.getLogger("hemvist.spreadsheets")

IMPORTERS = (Role.COORDINATOR, Role.UNIT_ADMIN)
# Flask adds "; charset=utf-8" to a text/* media type itself: naming it here too would send it twice.
MEDIA_TYPES = {
    FileFormat.CSV: "text/csv",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def index():
    can_import = g.membership.role in IMPORTERS
    uploads = recent_uploads(current_tenant, current_user) if can_import else []
    return render_template("spreadsheets/index.html", can_import=can_import, uploads=uploads, is_stale=is_stale)


@role_required(*IMPORTERS)
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        storage = form.file.data
        try:
            upload = operations.create_upload(current_tenant, current_user, storage.filename or "", storage.read())
        except UnreadableFile as error:
            form.file.errors.append(str(error))
        else:
            return redirect(url_for("spreadsheets.columns", upload_id=upload.id))
    return render_template(
        "spreadsheets/upload.html",
        form=form,
        fields=FIELDS,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_megabytes=max(1, current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)),
    )


@role_required(*IMPORTERS)
def columns(upload_id: int):
    upload = get_upload_or_404(current_tenant, current_user, upload_id)
    if (upload.status.running and not is_stale(upload)) or upload.status is UploadStatus.IMPORTED:
        return redirect(url_for("spreadsheets.show", upload_id=upload.id))
    table = results.preview(upload)
    if upload.mapping:
        mapping = {int(index): name for index, name in upload.mapping.items()}
    else:
        mapping = guess_mapping(table.header)
    form = columns_form(table.header, [row.cells for row in table.rows], mapping)
    if form.validate_on_submit():
        try:
            operations.start_check(current_tenant, current_user, upload, form.mapping())
        except operations.SpreadsheetError as error:
            flash(str(error), "error")
        return redirect(url_for("spreadsheets.show", upload_id=upload.id))
    return render_template(
        "spreadsheets/columns.html", upload=upload, table=table, form=form, column_name=results.column_name
    )


def _progress(upload: SpreadsheetUpload) -> dict:
    running = upload.status.running and not is_stale(upload)
    if upload.status is UploadStatus.VALIDATING:
        done, total = format_decimal(upload.rows_done), format_decimal(upload.rows_total)
        text = _("%(done)s of %(total)s rows checked.", done=done, total=total)
    elif upload.status is UploadStatus.IMPORTING:
        text = _("Importing the valid rows. Nothing is saved until all of them are.")
    else:
        text = _("Done.")
    return {
        "status": upload.status.value,
        "running": running,
        # The import is one transaction, so its progress cannot be seen from outside until it is done.
        "determinate": upload.status is not UploadStatus.IMPORTING,
        "rows_done": upload.rows_done,
        "rows_total": upload.rows_total,
        "text": text,
    }


@role_required(*IMPORTERS)
def show(upload_id: int):
    """The upload's page: its progress while a job runs, then the check's or the import's outcome."""
    upload = get_upload_or_404(current_tenant, current_user, upload_id)
    if upload.status is UploadStatus.UPLOADED:
        return redirect(url_for("spreadsheets.columns", upload_id=upload.id))
    progress = _progress(upload)
    context = {"upload": upload, "progress": progress, "stale": is_stale(upload)}
    if not progress["running"]:
        result = upload.result or {}
        context.update(
            result=result,
            rejected=results.rejected_rows(upload, results.SHOWN_ON_PAGE),
            error=results.in_reader_language(result["error"]) if "error" in result else None,
            reason=results.in_reader_language(result["reason"]) if "reason" in result else None,
        )
    return render_template("spreadsheets/show.html", **context)


@role_required(*IMPORTERS)
def progress(upload_id: int):
    """The progress as JSON, for the page's script to move the bar without reloading."""
    response = jsonify(_progress(get_upload_or_404(current_tenant, current_user, upload_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@role_required(*IMPORTERS)
def rejected(upload_id: int):
    upload = get_upload_or_404(current_tenant, current_user, upload_id)
    checked = upload.status in (UploadStatus.VALIDATED, UploadStatus.IMPORTED)
    if not checked or not (upload.result or {}).get("rejected"):
        abort(404)
    content, media_type, name = results.rejected_file(upload)
    return _download(io.BytesIO(content), media_type, name)


@role_required(*IMPORTERS)
def start_import(upload_id: int):
    upload = get_upload_or_404(current_tenant, current_user, upload_id)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        try:
            operations.start_import(current_tenant, current_user, upload)
        except operations.SpreadsheetError as error:
            flash(str(error), "error")
    return redirect(url_for("spreadsheets.show", upload_id=upload.id))


@role_required(*IMPORTERS)
def discard(upload_id: int):
    upload = get_upload_or_404(current_tenant, current_user, upload_id)
    if request.method == "GET":
        return redirect(url_for("spreadsheets.show", upload_id=upload.id))
    if ConfirmForm().validate_on_submit():
        imported = upload.status is UploadStatus.IMPORTED
        try:
            operations.discard_upload(current_tenant, current_user, upload)
        except operations.SpreadsheetError as error:
            flash(str(error), "error")
            return redirect(url_for("spreadsheets.show", upload_id=upload_id))
        if imported:
            flash(_("The file is removed from Hemvist."), "success")
        else:
            flash(_("Nothing was imported. The file is removed from Hemvist."), "success")
    return redirect(url_for("spreadsheets.index"))


def _today():
    return to_user_timezone(datetime.now(UTC)).date()


def _download(file, media_type: str, name: str):
    response = send_file(file, mimetype=media_type, as_attachment=True, download_name=name, max_age=0)
    # Registry data is personal data: no copy in a shared cache or the browser's.
    response.headers["Cache-Control"] = "no-store"
    return response


def _send_table(table: exports.Export, file_format: FileFormat, name: str):
    # Spooled: a small export stays in memory, 100 000 interactions go to a temporary file.
    # send_file closes it once the response is sent, so no context manager here.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    if file_format is FileFormat.CSV:
        for chunk in csv_chunks(table.header, table.rows):
            spool.write(chunk)
    else:
        write_xlsx(spool, table.title, table.header, table.rows)
    spool.seek(0)
    return _download(spool, MEDIA_TYPES[file_format], f"{name}.{file_format.value}")


def in_format(view, file_format: FileFormat):
    """``view`` for one file format, as a named function (Flask-WTF and the URL map look views up by name)."""

    def view_in_format():
        return view(file_format)

    view_in_format.__name__ = f"{view.__name__}_{file_format.value}"
    view_in_format.__qualname__ = view_in_format.__name__
    return view_in_format


def export_landlords(file_format: FileFormat):
    log.info("landlords exported as %s by user %s", file_format.value, current_user.id)
    table = exports.landlords(current_tenant)
    return _send_table(table, file_format, f"{current_tenant.slug}-{table.name}-{_today().isoformat()}")


def export_dialogue(file_format: FileFormat):
    log.info("dialogue log exported as %s by user %s", file_format.value, current_user.id)
    table = exports.dialogue(current_tenant)
    return _send_table(table, file_format, f"{current_tenant.slug}-{table.name}-{_today().isoformat()}")


def example(file_format: FileFormat):
    rows = []
    if current_app.config["DEMO"]:
        rows = examples.demo_rows(current_tenant.name, [area.name for area in list_areas(current_tenant)])
    table = exports.Export("example", _("Landlords"), examples.header(), iter(rows))
    return _send_table(table, file_format, f"{current_tenant.slug}-{_('example')}")
