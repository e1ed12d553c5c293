"""The municipal quota (kommuntal) per year."""

from hemvist.quotas import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("quotas", __name__, url_prefix="/quotas", template_folder="templates")
bp.add_url_rule("/", "list", views.list_view)
bp.add_url_rule("/new", "create", views.create, methods=["GET", "POST"])
# The year goes through the id converter (a positive integer that never overflows); the view 404s
# a year outside the quotas' range.
bp.add_url_rule("/<id:year>/", "figures", views.figures)
bp.add_url_rule("/<id:quota_id>/edit", "edit", views.edit, methods=["GET", "POST"])
