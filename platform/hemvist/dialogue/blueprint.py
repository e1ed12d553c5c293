"""The dialogue with landlords: interactions, follow-ups, headline figures."""

from hemvist.dialogue import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("dialogue", __name__, template_folder="templates")
interactions = "/landlords/<id:landlord_id>/interactions"
bp.add_url_rule(f"{interactions}/new", "log", views.log, methods=["GET", "POST"])
bp.add_url_rule(f"{interactions}/<id:interaction_id>/edit", "edit", views.edit, methods=["GET", "POST"])
bp.add_url_rule(f"{interactions}/<id:interaction_id>/delete", "delete", views.delete, methods=["GET", "POST"])
bp.add_url_rule("/followups/", "follow_ups", views.follow_ups)
# GET on an address a form posts to leads back to the list (a reload, a bookmarked button).
bp.add_url_rule("/followups/<id:follow_up_id>/done", "complete", views.complete, methods=["GET", "POST"])
bp.add_url_rule("/followups/<id:follow_up_id>/reschedule", "reschedule", views.reschedule, methods=["GET", "POST"])
bp.add_url_rule("/figures/", "figures", views.figures)
