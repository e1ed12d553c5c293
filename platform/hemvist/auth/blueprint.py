from flask import Blueprint

from hemvist.auth import views

bp = Blueprint("auth", __name__, template_folder="templates")
bp.add_url_rule("/login", "login", views.login, methods=["GET", "POST"])
bp.add_url_rule("/logout", "logout", views.logout, methods=["POST"])
bp.add_url_rule("/home", "home", views.home)
bp.add_url_rule("/account", "account", views.account, methods=["GET", "POST"])
bp.add_url_rule("/invitation/<token>", "invitation", views.invitation, methods=["GET", "POST"])
bp.app_context_processor(views.account_context)
