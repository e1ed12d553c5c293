"""Households assigned to the municipality: the list, a household's page, its forms."""

from hemvist.households import moving_on_views, views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("households", __name__, url_prefix="/households", template_folder="templates")
bp.context_processor(views.template_helpers)

bp.add_url_rule("/", "list", views.list_view)
bp.add_url_rule("/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/<id:household_id>/", "detail", views.detail)
bp.add_url_rule("/<id:household_id>/edit", "edit", views.edit, methods=["GET", "POST"])
# GET on the addresses forms post to leads back to the page: a reload after an error was shown there.
bp.add_url_rule("/<id:household_id>/received", "received", views.mark_received, methods=["GET", "POST"])
bp.add_url_rule("/<id:household_id>/status", "status", views.change_status, methods=["GET", "POST"])
# Moving on (bostadskarriär): the report, and a housed household's candidacy.
bp.add_url_rule("/moving-on/", "moving_on", moving_on_views.report)
bp.add_url_rule("/<id:household_id>/moving-on", "moving_on_start", moving_on_views.start, methods=["GET", "POST"])
bp.add_url_rule(
    "/<id:household_id>/moving-on/update", "moving_on_update", moving_on_views.update, methods=["GET", "POST"]
)
bp.add_url_rule("/<id:household_id>/moving-on/moved", "moving_on_moved", moving_on_views.moved, methods=["GET", "POST"])
bp.add_url_rule("/<id:household_id>/moving-on/stop", "moving_on_stop", moving_on_views.stop, methods=["GET", "POST"])
