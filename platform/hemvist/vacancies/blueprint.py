"""The homes landlords offer: the register, one vacancy's page, registering and changing one."""

from hemvist.tenancy.web import TenantBlueprint
from hemvist.vacancies import views

bp = TenantBlueprint("vacancies", __name__, url_prefix="/vacancies", template_folder="templates")
bp.context_processor(views.template_helpers)

bp.add_url_rule("/", "list", views.list_view)
bp.add_url_rule("/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/<id:vacancy_id>/", "detail", views.detail)
bp.add_url_rule("/<id:vacancy_id>/edit", "edit", views.edit, methods=["GET", "POST"])
# GET on the addresses the page's forms post to leads back to the page (a reload after an error).
bp.add_url_rule("/<id:vacancy_id>/status", "status", views.change_status, methods=["GET", "POST"])
bp.add_url_rule("/<id:vacancy_id>/confirm", "confirm", views.confirm, methods=["GET", "POST"])
