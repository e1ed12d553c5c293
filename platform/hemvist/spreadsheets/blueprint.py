"""Moving landlord lists in and out: CSV and XLSX import with a preview, and exports."""

from hemvist.spreadsheets import views
from hemvist.spreadsheets.models import FileFormat
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("spreadsheets", __name__, url_prefix="/spreadsheets", template_folder="templates")
bp.add_url_rule("/", "index", views.index)
bp.add_url_rule("/import", "upload", views.upload, methods=["GET", "POST"])
bp.add_url_rule("/import/<id:upload_id>", "show", views.show)
bp.add_url_rule("/import/<id:upload_id>/columns", "columns", views.columns, methods=["GET", "POST"])
bp.add_url_rule("/import/<id:upload_id>/progress.json", "progress", views.progress)
bp.add_url_rule("/import/<id:upload_id>/rejected", "rejected", views.rejected)
# GET on the addresses the buttons post to leads back to the upload's page (a reload, a bookmark).
bp.add_url_rule("/import/<id:upload_id>/import", "start_import", views.start_import, methods=["GET", "POST"])
bp.add_url_rule("/import/<id:upload_id>/discard", "discard", views.discard, methods=["GET", "POST"])
for file_format in FileFormat:
    suffix = file_format.value
    bp.add_url_rule(f"/landlords.{suffix}", f"landlords_{suffix}", views.in_format(views.export_landlords, file_format))
    bp.add_url_rule(f"/dialogue.{suffix}", f"dialogue_{suffix}", views.in_format(views.export_dialogue, file_format))
    bp.add_url_rule(f"/example.{suffix}", f"example_{suffix}", views.in_format(views.example, file_format))
