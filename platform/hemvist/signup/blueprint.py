"""Landlords' sign-up: the public form, its receipt, and the triage inbox in the workspace."""

from flask import current_app

from hemvist.extensions import limiter
from hemvist.landlords.display import phone_text
from hemvist.signup import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("signup", __name__, template_folder="templates")
# Before the tenant is resolved and before CSRFProtect reads the form: the size limit must come first.
bp.url_value_preprocessor(views.limit_request_size)
bp.context_processor(lambda: {"phone_text": phone_text})

signup_form = limiter.limit(lambda: current_app.config["SIGNUP_RATE_LIMIT"], methods=["POST"], scope="signup")(
    views.signup_form
)
bp.add_url_rule("/landlord-signup", "signup_form", signup_form, methods=["GET", "POST"])
bp.add_url_rule("/landlord-signup/receipt", "receipt", views.receipt)
bp.add_url_rule("/signups/", "inbox_view", views.inbox_view)
bp.add_url_rule("/signups/<id:signup_id>/", "show", views.show)
bp.add_url_rule("/signups/<id:signup_id>/accept", "accept", views.accept, methods=["GET", "POST"])
bp.add_url_rule("/signups/<id:signup_id>/spam", "mark_spam", views.mark_spam, methods=["GET", "POST"])
bp.add_url_rule("/signups/<id:signup_id>/reject", "reject", views.reject, methods=["GET", "POST"])
