"""The landlord registry: list, search, board by stage, a landlord's page, and its forms."""

from hemvist.tenancy.web import TenantBlueprint

bp = TenantBlueprint("landlords", __name__, url_prefix="/landlords", template_folder="templates")
