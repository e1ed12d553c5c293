"""The homes landlords offer: the list of those still on offer (each landlord's page shows its own)."""

from hemvist.tenancy.web import TenantBlueprint
from hemvist.vacancies import views

bp = TenantBlueprint("vacancies", __name__, url_prefix="/vacancies", template_folder="templates")
bp.add_url_rule("/", "list", views.list_view)
