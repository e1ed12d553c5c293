"""Moving landlord lists in and out: CSV and XLSX import with a preview, and exports."""

from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("spreadsheets", __name__, url_prefix="/spreadsheets", template_folder="templates")
