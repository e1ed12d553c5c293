"""Matching both ways: the households for a home, the homes for a household, and why one pair is (not) suggested."""

from hemvist.matching import views
from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("matching", __name__, url_prefix="/matching", template_folder="templates")

bp.add_url_rule("/vacancies/<id:vacancy_id>/", "vacancy", views.for_vacancy)
bp.add_url_rule("/households/<id:household_id>/", "household", views.for_household)
bp.add_url_rule("/households/<id:household_id>/vacancies/<id:vacancy_id>/", "pair", views.pair)
