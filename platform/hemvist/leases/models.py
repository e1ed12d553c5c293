"""The forms of lease, in the categories Swedish municipalities report to the county boards and Boverket."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class LeaseForm(enum.Enum):
    FIRST_HAND_OPEN_ENDED = "first_hand_open_ended"
    FIRST_HAND_TIME_LIMITED = "first_hand_time_limited"
    # The municipality holds the lease and sublets the home to the household (andrahandskontrakt).
    SUBLEASE = "sublease"
    TRANSITIONAL_HOME = "transitional_home"
    LODGER = "lodger"
    OTHER = "other"

    @property
    def label(self):
        return LEASE_FORM_LABELS[self]

    @property
    def is_first_hand(self) -> bool:
        return self in (LeaseForm.FIRST_HAND_OPEN_ENDED, LeaseForm.FIRST_HAND_TIME_LIMITED)


LEASE_FORM_LABELS = {
    LeaseForm.FIRST_HAND_OPEN_ENDED: _l("First-hand lease, open-ended"),
    LeaseForm.FIRST_HAND_TIME_LIMITED: _l("First-hand lease, time-limited"),
    LeaseForm.SUBLEASE: _l("Sublease: the municipality holds the lease"),
    LeaseForm.TRANSITIONAL_HOME: _l("Transitional home"),
    LeaseForm.LODGER: _l("Lodger"),
    LeaseForm.OTHER: _l("Other lease form"),
}
