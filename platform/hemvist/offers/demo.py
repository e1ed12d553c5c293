"""Made-up offers in every state between demo households and homes that suit them (by the matching's rules).

Per municipality with demo homes and households still looking, as far as pairs that pass the hard rules go:
one accepted (its home reserved, the lease still to be written), one accepted whose lease is written (the
home let, the household housed, moving in next week), one with a viewing booked, an open one, one refused by
the landlord, one withdrawn by the municipality and one refused by the household, which then rests from
offers. Each on a pair of its own, and on a household and a home of their own while there are enough of
them; the best matches first, each suiting on the day it was made (and today, while it is open or accepted).
A household is "offered a home" exactly when one of its offers is open or accepted.

Loaded after the homes, the households and the leases, with the session bound; the caller commits.
Idempotent: a municipality that has offers is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.areas.models import AreaKind
from hemvist.auth.models import User
from hemvist.auth.queries import members_of
from hemvist.core.clock import add_months
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import record
from hemvist.households.models import Household, HouseholdStatus
from hemvist.landlords.models import Landlord, LandlordType
from hemvist.leases.models import Lease, LeaseForm
from hemvist.offers.models import Offer, OfferStatus, RefusalReason, WithdrawalReason
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus

# The states in the order they are made, each with how many days ago its offer was made. The accepted ones
# first: they take their home and their household out of the pool. The household that refused last.
PLAN = [
    ("accepted", 9),
    ("leased", 14),
    ("viewing", 5),
    ("open", 2),
    ("refused_landlord", 12),
    ("withdrawn", 7),
    ("refused_household", 8),
]
# Offers that still stand: their pair must suit today too, not only on the day the offer was made.
STANDING = ("accepted", "leased", "viewing", "open")
OPEN_STATES = ("viewing", "open")
# The household of an accepted offer moves in this many days from today.
MOVES_IN = 5


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    from hemvist.matching.rules import explain

    if db.session.scalar(sa.select(sa.func.count()).select_from(Offer)):
        return
    members = members_of(tenant)
    if not members:
        return
    today = date.today()
    norm = tenant.persons_per_bedroom
    homes = list(
        db.session.scalars(sa.select(Vacancy).where(Vacancy.status == VacancyStatus.OFFERED).order_by(Vacancy.id))
    )
    households = list(
        db.session.scalars(
            sa.select(Household)
            .where(Household.status.in_((HouseholdStatus.WAITING, HouseholdStatus.OFFERED)))
            .order_by(Household.id)
        )
    )
    made: set[tuple[int, int]] = set()  # (vacancy id, household id): a pair has one offer in the demo
    households_used: set[int] = set()
    homes_used: set[int] = set()
    settled: set[int] = set()  # households that accepted a home: no other offer
    taken: set[int] = set()  # homes reserved or let
    with_open: set[int] = set()  # households with an open offer: none of them rests
    for state, days_ago in PLAN:
        offered_on = today - timedelta(days=days_ago)
        candidates = (
            (household, vacancy)
            for household in households
            if household.id not in settled
            for vacancy in homes
            if vacancy.id not in taken and (vacancy.id, household.id) not in made
        )
        best = None
        for household, vacancy in candidates:
            match = explain(household, vacancy, today=offered_on, persons_per_bedroom=norm)
            if not match.suggested:
                continue
            if state in STANDING and not explain(household, vacancy, today=today, persons_per_bedroom=norm).suggested:
                continue
            # A household and a home not yet in an offer first, then the better match.
            key = (household.id in households_used, vacancy.id in homes_used, -match.score, household.id, vacancy.id)
            if best is None or key < best[0]:
                best = (key, vacancy, household, match)
        if best is None:
            continue
        _key, vacancy, household, match = best
        # The household that refused rests from offers, unless another of its offers is open.
        pause = state == "refused_household" and household.id not in with_open
        offer = _add(tenant, members[0], vacancy, household, match, state, offered_on, today, pause=pause)
        made.add((vacancy.id, household.id))
        households_used.add(household.id)
        homes_used.add(vacancy.id)
        if state in ("accepted", "leased"):
            settled.add(household.id)
            taken.add(vacancy.id)
        elif state in OPEN_STATES:
            with_open.add(household.id)
        if state == "leased":
            _lease(tenant, members[0], offer, vacancy, household, today + timedelta(days=MOVES_IN))
    for household in households:
        if household.status is HouseholdStatus.HOUSED:
            continue  # its lease is written
        offered = household.id in with_open or household.id in settled
        household.status = HouseholdStatus.OFFERED if offered else HouseholdStatus.WAITING
    db.session.flush()


def _add(
    tenant: Tenant,
    actor: User,
    vacancy: Vacancy,
    household: Household,
    match,
    state: str,
    offered_on: date,
    today: date,
    *,
    pause: bool,
) -> Offer:
    offer = Offer(
        vacancy_id=vacancy.id,
        household_id=household.id,
        status=OfferStatus.OPEN,
        reasons=[reason.as_json() for reason in match.reasons],
        offered_on=offered_on,
        offered_by_id=household.coordinator_id or actor.id,
        note="",
    )
    # The final state before the row is written.
    if state == "viewing":
        offer.status, offer.viewing_on = OfferStatus.VIEWING, today + timedelta(days=2)
    elif state in ("accepted", "leased"):
        offer.status, offer.viewing_on = OfferStatus.ACCEPTED, offered_on + timedelta(days=3)
        offer.answered_on = offered_on + timedelta(days=5)
        vacancy.status = VacancyStatus.RESERVED
    elif state == "refused_household":
        offer.status, offer.answered_on = OfferStatus.REFUSED, offered_on + timedelta(days=4)
        if vacancy.area is not None and vacancy.area.kind is AreaKind.VILLAGE:
            offer.refusal_reason, offer.note = RefusalReason.TOO_FAR, "Långt till skolan (demo)."
        else:
            offer.refusal_reason, offer.note = RefusalReason.HOUSEHOLD_OTHER, "Vill bo närmare släkt (demo)."
        if pause:
            household.paused_until = today + timedelta(days=10)
    elif state == "refused_landlord":
        offer.status, offer.answered_on = OfferStatus.REFUSED, offered_on + timedelta(days=5)
        offer.refusal_reason = RefusalReason.LANDLORD_WANTS_REFERENCES
    elif state == "withdrawn":
        offer.status, offer.withdrawal_reason = OfferStatus.WITHDRAWN, WithdrawalReason.BY_MUNICIPALITY
        offer.note = "Hemmet passade inte ändå (demo)."
    db.session.add(offer)
    db.session.flush()
    record(
        tenant,
        actor,
        Action.CREATED,
        offer,
        {"vacancy_id": [None, str(vacancy.id)], "household_id": [None, str(household.id)]},
    )
    return offer


def _lease(tenant: Tenant, actor: User, offer: Offer, vacancy: Vacancy, household: Household, starts_on: date) -> None:
    """The lease written from the accepted offer, as ``leases.operations.create_lease`` writes it."""
    form = vacancy.lease_form or LeaseForm.FIRST_HAND_OPEN_ENDED
    sublease = form is LeaseForm.SUBLEASE
    landlord = db.session.get(Landlord, vacancy.landlord_id)
    lease = Lease(
        household_id=household.id,
        vacancy_id=vacancy.id,
        landlord_id=landlord.id,
        offer_id=offer.id,
        form=form,
        starts_on=starts_on,
        rent=vacancy.rent,
        # The municipality holds the lease for a year, then the household takes it over.
        planned_transfer_on=add_months(starts_on, 12) if sublease else None,
        created_by_id=actor.id,
    )
    db.session.add(lease)
    db.session.flush()
    record(tenant, actor, Action.CREATED, lease, {"form": [None, form.value], "offer_id": [None, offer.id]})
    vacancy.status = VacancyStatus.LET
    household.status = HouseholdStatus.HOUSED
    household.lease_form = form
    household.landlord_type = LandlordType.MUNICIPALITY if sublease else landlord.landlord_type
