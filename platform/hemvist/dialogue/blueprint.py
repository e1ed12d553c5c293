"""The dialogue with landlords: interactions, follow-ups, headline figures."""

from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("dialogue", __name__, template_folder="templates")
