"""Every model of the application, imported in one place so that the metadata is complete."""

from hemvist.admin.models import AdminAction
from hemvist.areas.models import Area
from hemvist.auth.models import CountyMembership, Department, Membership, Role, User
from hemvist.core.models import Base
from hemvist.dialogue.models import FollowUp, Interaction, InteractionTopic
from hemvist.history.models import HistoryEntry
from hemvist.households.models import Household
from hemvist.landlord_page.models import LandlordChange, SignInLink
from hemvist.landlords.models import ContactPerson, Landlord, StageChange, landlord_areas
from hemvist.leases.models import Lease
from hemvist.offers.models import Offer
from hemvist.quotas.models import Quota
from hemvist.signup.models import Signup
from hemvist.spreadsheets.models import SpreadsheetUpload
from hemvist.statistics.models import FiguresRun, MunicipalFigure
from hemvist.tenancy.models import County, Municipality
from hemvist.vacancies.models import Vacancy

metadata = Base.metadata

__all__ = [
    "AdminAction",
    "Area",
    "ContactPerson",
    "County",
    "CountyMembership",
    "Department",
    "FiguresRun",
    "FollowUp",
    "HistoryEntry",
    "Household",
    "Interaction",
    "InteractionTopic",
    "Landlord",
    "LandlordChange",
    "Lease",
    "Membership",
    "Municipality",
    "MunicipalFigure",
    "Offer",
    "Quota",
    "Role",
    "SignInLink",
    "Signup",
    "SpreadsheetUpload",
    "StageChange",
    "User",
    "Vacancy",
    "landlord_areas",
    "metadata",
]
