"""Every model of the application, imported in one place so that the metadata is complete."""

from hemvist.areas.models import Area
from hemvist.auth.models import CountyMembership, Department, Membership, Role, User
from hemvist.core.models import Base
from hemvist.dialogue.models import FollowUp, Interaction, InteractionTopic
from hemvist.history.models import HistoryEntry
from hemvist.landlords.models import ContactPerson, Landlord, StageChange, landlord_areas
from hemvist.quotas.models import Quota
from hemvist.spreadsheets.models import SpreadsheetUpload
from hemvist.tenancy.models import County, Municipality

metadata = Base.metadata

__all__ = [
    "Area",
    "ContactPerson",
    "County",
    "CountyMembership",
    "Department",
    "FollowUp",
    "HistoryEntry",
    "Interaction",
    "InteractionTopic",
    "Landlord",
    "Membership",
    "Municipality",
    "Quota",
    "Role",
    "SpreadsheetUpload",
    "StageChange",
    "User",
    "landlord_areas",
    "metadata",
]
