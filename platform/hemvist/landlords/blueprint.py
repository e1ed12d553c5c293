"""The landlord registry: list, search, board by stage, a landlord's page, and its forms."""

from hemvist.landlords import landlord_views, views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("landlords", __name__, url_prefix="/landlords", template_folder="templates")
bp.context_processor(views.template_helpers)

bp.add_url_rule("/", "list", views.list_view)
bp.add_url_rule("/board", "board", views.board)
bp.add_url_rule("/deleted", "deleted", views.deleted)
bp.add_url_rule("/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/<id:landlord_id>/", "detail", landlord_views.detail)
bp.add_url_rule("/<id:landlord_id>/edit", "edit", views.edit, methods=["GET", "POST"])
# GET on the addresses forms post to leads back to the page: a reload after an error was shown there.
bp.add_url_rule("/<id:landlord_id>/stage", "stage", landlord_views.change_stage, methods=["GET", "POST"])
bp.add_url_rule("/<id:landlord_id>/owner", "owner", landlord_views.reassign_owner, methods=["GET", "POST"])
bp.add_url_rule("/<id:landlord_id>/delete", "delete", landlord_views.delete, methods=["GET", "POST"])
bp.add_url_rule("/<id:landlord_id>/restore", "restore", landlord_views.restore, methods=["GET", "POST"])
