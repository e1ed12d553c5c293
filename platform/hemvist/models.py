"""Every model of the application, imported in one place so that the metadata is complete."""

from hemvist.auth.models import CountyMembership, Membership, Role, User
from hemvist.core.models import Base
from hemvist.quotas.models import Quota
from hemvist.tenancy.models import County, Municipality

metadata = Base.metadata

__all__ = ["County", "CountyMembership", "Membership", "Municipality", "Quota", "Role", "User", "metadata"]
