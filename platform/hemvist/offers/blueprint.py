"""Offers of homes to households: the list, an offer's page and its answers, and the sections of other pages."""

from hemvist.offers import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("offers", __name__, url_prefix="/offers", template_folder="templates")
bp.context_processor(views.template_helpers)
# For the households', the vacancies' and the matching's pages, which include this feature's sections.
bp.add_app_template_global(views.offers_of_household, "offers_of_household")
bp.add_app_template_global(views.offers_of_vacancy, "offers_of_vacancy")
bp.add_app_template_global(views.offer_form, "offer_form")
bp.add_app_template_global(views.offers_can_write, "offers_can_write")
bp.add_app_template_global(views.offers_paused, "offers_paused")
bp.add_app_template_global(views.suggested_households_url, "suggested_households_url")
bp.add_app_template_global(views.suggested_homes_url, "suggested_homes_url")

bp.add_url_rule("/", "list", views.list_view)
# GET shows what would be offered (and the matching's reasons); the suggestions' buttons post here.
bp.add_url_rule("/new", "create", views.create, methods=["GET", "POST"])
bp.add_url_rule("/<id:offer_id>/", "detail", views.detail)
# GET on the addresses the page's forms post to leads back to the page (a reload after an error).
bp.add_url_rule("/<id:offer_id>/viewing", "viewing", views.book_viewing, methods=["GET", "POST"])
bp.add_url_rule("/<id:offer_id>/accept", "accept", views.accept, methods=["GET", "POST"])
bp.add_url_rule("/<id:offer_id>/refuse", "refuse", views.refuse, methods=["GET", "POST"])
bp.add_url_rule("/<id:offer_id>/withdraw", "withdraw", views.withdraw, methods=["GET", "POST"])
