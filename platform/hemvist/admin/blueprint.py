"""Platform administration: municipalities on the service, users and their access, the log."""

from flask import Blueprint

from hemvist.admin import user_views, views

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")
# For the whole blueprint rather than per view, so that a route added later cannot be left open.
bp.before_request(views.admin_only)
bp.context_processor(views.template_helpers)

bp.add_url_rule("/", "index", views.index)
bp.add_url_rule("/municipalities/new", "enable", views.enable, methods=["GET", "POST"])
bp.add_url_rule("/municipalities/<code>/", "municipality", views.municipality)
bp.add_url_rule("/municipalities/<code>/suspend", "suspend", views.suspend, methods=["GET", "POST"])
bp.add_url_rule("/municipalities/<code>/resume", "resume", views.resume, methods=["GET", "POST"])
bp.add_url_rule("/log", "log", views.log_view)

bp.add_url_rule("/users/", "users", user_views.users)
bp.add_url_rule("/users/invite", "invite", user_views.invite, methods=["GET", "POST"])
bp.add_url_rule("/users/<id:user_id>/", "user", user_views.user)
# GET on an address a form posts to leads back to the user's page.
user_rules = [
    ("memberships", "add_membership", user_views.add_membership),
    ("memberships/<id:membership_id>/role", "change_role", user_views.change_role),
    ("memberships/<id:membership_id>/remove", "remove_membership", user_views.remove_membership),
    ("counties", "grant_county", user_views.grant_county),
    ("counties/<county_code>/remove", "remove_county", user_views.remove_county),
    ("deactivate", "deactivate", user_views.deactivate),
    ("reactivate", "reactivate", user_views.reactivate),
    ("platform-admin/grant", "grant_admin", user_views.grant_admin),
    ("platform-admin/remove", "remove_admin", user_views.remove_admin),
    ("invite-again", "invite_again", user_views.invite_again),
]
for path, endpoint, view in user_rules:
    bp.add_url_rule(f"/users/<id:user_id>/{path}", endpoint, view, methods=["GET", "POST"])
