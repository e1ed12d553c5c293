"""Leases: written from an accepted offer, a sublease's transfer to the household, the headline figures."""

from hemvist.leases import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("leases", __name__, url_prefix="/leases", template_folder="templates")
bp.context_processor(views.template_helpers)
# The household's page includes "leases/household_section.html", which asks for its data through this.
bp.app_template_global("lease_section_of")(views.household_section)

bp.add_url_rule("/", "list", views.list_view)
bp.add_url_rule("/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/transfers", "transfers", views.transfers_view)
bp.add_url_rule("/figures", "figures", views.figures_view)
bp.add_url_rule("/<id:lease_id>/", "detail", views.detail)
# GET on the addresses the page's forms post to leads back to the page (a reload after an error).
bp.add_url_rule("/<id:lease_id>/transfer", "transfer", views.transfer, methods=["GET", "POST"])
bp.add_url_rule("/<id:lease_id>/planned", "planned", views.planned, methods=["GET", "POST"])
bp.add_url_rule("/<id:lease_id>/tenure", "tenure", views.tenure, methods=["GET", "POST"])
