"""Households assigned to the municipality: the list, a household's page, its forms."""

from hemvist.households import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("households", __name__, url_prefix="/households", template_folder="templates")
bp.add_url_rule("/", "list", views.list_view)
