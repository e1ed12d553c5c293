"""The municipal quota (kommuntal) per year."""

from hemvist.quotas import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("quotas", __name__, url_prefix="/quotas", template_folder="templates")
bp.add_url_rule("/", "list", views.list_view)
bp.add_url_rule("/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/<id:quota_id>/edit", "edit", views.edit, methods=["GET", "POST"])
