"""A municipality's workspace: its front page (dashboard)."""

from hemvist.tenancy.web import TenantBlueprint
from hemvist.workspace import views

bp = TenantBlueprint("workspace", __name__, template_folder="templates")
bp.add_url_rule("/", "home", views.home)
bp.add_url_rule("/landlord-changes/seen", "mark_changes_seen", views.mark_changes_seen, methods=["GET", "POST"])
