"""A landlord's own page at ``/<slug>/landlord/``, opened by a one-time link sent by e-mail."""

from flask import current_app

from hemvist.extensions import limiter
from hemvist.landlord_page import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("landlord_page", __name__, url_prefix="/landlord", template_folder="templates")
bp.context_processor(views.template_helpers)
# Before CSRFProtect reads the form: the size limit must come first.
bp.url_value_preprocessor(views.limit_request_size)

ask_for_link = limiter.limit(
    lambda: current_app.config["LANDLORD_LINK_RATE_LIMIT"], methods=["POST"], scope="landlord-link"
)(views.ask_for_link)
bp.add_url_rule("/", "page", views.page)
bp.add_url_rule("/link", "ask_for_link", ask_for_link, methods=["GET", "POST"])
bp.add_url_rule("/enter/<token>", "enter", views.enter, methods=["GET", "POST"])
bp.add_url_rule("/homes/new", "offer_home", views.offer_home, methods=["GET", "POST"])
bp.add_url_rule("/homes/<id:vacancy_id>/withdraw", "withdraw_home", views.withdraw_home, methods=["GET", "POST"])
bp.add_url_rule("/details", "contact_details", views.contact_details, methods=["GET", "POST"])
bp.add_url_rule("/close", "close", views.close, methods=["GET", "POST"])
