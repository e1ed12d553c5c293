"""The public front page and the health check."""

from flask import Blueprint

from hemvist.core import views

bp = Blueprint("core", __name__, template_folder="templates")
bp.add_url_rule("/", "landing", views.landing)
bp.add_url_rule("/healthz", "healthz", views.healthz)
