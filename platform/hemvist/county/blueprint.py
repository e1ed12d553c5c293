"""The county administrative board's page: its municipalities' figures, never a person."""

from flask import Blueprint

from hemvist.county import views

bp = Blueprint("county", __name__, url_prefix="/county", template_folder="templates")
bp.add_url_rule("/<county_code>/", "overview", views.overview)
bp.add_url_rule("/<county_code>/<table>.<file_format>", "export", views.export)
