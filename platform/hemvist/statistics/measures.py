"""The measures a municipality publishes to its county board: their keys, their periods and their labels.

The categories follow what the Migration Agency, the county boards and Boverket report: the quota and
reception in persons, households received by lease form and by landlord type, the households still
waiting by how close their deadline is, and the outreach to landlords.

Keys are stored in ``municipal_figures.measure``; renaming one is a data migration.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from hemvist.households.models import Barrier
from hemvist.landlords.models import LandlordType
from hemvist.leases.models import LeaseForm

NOW = "now"
NOT_STATED = "not_stated"

# Counted per month ("2017-03"); a quarter or a year is the sum of its months.
ASSIGNED_PERSONS = "assigned_persons"
RECEIVED_PERSONS = "received_persons"
RECEIVED_HOUSEHOLDS = "received_households"
LEASE_PREFIX = "received_households.lease."
LANDLORD_PREFIX = "received_households.landlord."
TRANSFERS_DONE = "transfers_done"
MOVES = "moves"
MOVE_BARRIER_PREFIX = "moves.barrier."  # movers who had met the barrier on the way

# Counted per year ("2017"): a landlord contacted in March and in May is one landlord contacted in the year.
QUOTA_PERSONS = "quota_persons"
LANDLORDS_CONTACTED = "landlords_contacted"
LANDLORDS_MET = "landlords_met"
NEW_PARTNERS = "new_partners"

# Counted as of today ("now").
WAITING_HOUSEHOLDS = "waiting_households"
WAITING_OVERDUE = "waiting.overdue"
WAITING_WITHIN_14 = "waiting.within_14_days"
WAITING_WITHIN_30 = "waiting.within_30_days"
WAITING_LATER = "waiting.later"
OVERDUE_PERSONS = "overdue_persons"
PARTNERS = "partners"
LANDLORDS = "landlords"
VACANCIES_ON_OFFER = "vacancies_on_offer"
TRANSFERS_OVERDUE = "transfers_overdue"
MOVING_ON = "moving_on"
MOVING_ON_BARRIER_PREFIX = "moving_on.barrier."  # candidates held back by the barrier today

WAITING_BUCKETS = (WAITING_OVERDUE, WAITING_WITHIN_14, WAITING_WITHIN_30, WAITING_LATER)
LEASE_MEASURES = tuple(LEASE_PREFIX + form.value for form in LeaseForm) + (LEASE_PREFIX + NOT_STATED,)
LANDLORD_MEASURES = tuple(LANDLORD_PREFIX + kind.value for kind in LandlordType) + (LANDLORD_PREFIX + NOT_STATED,)
MOVE_BARRIERS = tuple(MOVE_BARRIER_PREFIX + barrier.value for barrier in Barrier)
MOVING_ON_BARRIERS = tuple(MOVING_ON_BARRIER_PREFIX + barrier.value for barrier in Barrier)
MONTHLY = (
    ASSIGNED_PERSONS, RECEIVED_PERSONS, RECEIVED_HOUSEHOLDS, *LEASE_MEASURES, *LANDLORD_MEASURES, TRANSFERS_DONE,
    MOVES, *MOVE_BARRIERS,
)  # fmt: skip
YEARLY = (QUOTA_PERSONS, LANDLORDS_CONTACTED, LANDLORDS_MET, NEW_PARTNERS)
CURRENT = (
    WAITING_HOUSEHOLDS, *WAITING_BUCKETS, OVERDUE_PERSONS, PARTNERS, LANDLORDS, VACANCIES_ON_OFFER, TRANSFERS_OVERDUE,
    MOVING_ON, *MOVING_ON_BARRIERS,
)  # fmt: skip

# Not counted from the municipality's rows: derived on the county page (quota minus received persons).
STILL_TO_RECEIVE = "still_to_receive"

LABELS = {
    QUOTA_PERSONS: _l("Quota (persons)"),
    ASSIGNED_PERSONS: _l("Assigned (persons)"),
    RECEIVED_PERSONS: _l("Received (persons)"),
    STILL_TO_RECEIVE: _l("Still to receive (persons)"),
    OVERDUE_PERSONS: _l("Assigned more than two months ago, not yet received (persons)"),
    RECEIVED_HOUSEHOLDS: _l("Received households"),
    WAITING_HOUSEHOLDS: _l("Households waiting"),
    WAITING_OVERDUE: _l("Deadline passed"),
    WAITING_WITHIN_14: _l("Deadline within 14 days"),
    WAITING_WITHIN_30: _l("Deadline in 15–30 days"),
    WAITING_LATER: _l("Deadline later"),
    LANDLORDS_CONTACTED: _l("Landlords contacted"),
    LANDLORDS_MET: _l("Landlords met in person"),
    NEW_PARTNERS: _l("New partners"),
    PARTNERS: _l("Partners today"),
    LANDLORDS: _l("Landlords in the registry"),
    VACANCIES_ON_OFFER: _l("Homes on offer today"),
    TRANSFERS_DONE: _l("Leases transferred to the household"),
    TRANSFERS_OVERDUE: _l("Transfers overdue today"),
    MOVES: _l("Moves achieved"),
    MOVING_ON: _l("Moving on today"),
    **{MOVE_BARRIER_PREFIX + b.value: _l("Moved despite: %(barrier)s", barrier=b.label) for b in Barrier},
    **{MOVING_ON_BARRIER_PREFIX + b.value: _l("Held back by: %(barrier)s", barrier=b.label) for b in Barrier},
    **{LEASE_PREFIX + form.value: form.label for form in LeaseForm},
    LEASE_PREFIX + NOT_STATED: _l("Lease form not stated"),
    **{LANDLORD_PREFIX + kind.value: kind.label for kind in LandlordType},
    LANDLORD_PREFIX + NOT_STATED: _l("Landlord type not stated"),
}
