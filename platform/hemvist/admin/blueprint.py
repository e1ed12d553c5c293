"""Platform administration: the municipalities on the service."""

from flask import Blueprint

from hemvist.admin import views

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")
bp.add_url_rule("/", "index", views.index)
