"""Made-up offers in every state between demo households and homes that suit them (by the matching's rules).

Per municipality with demo homes and households still looking: an open offer, one with a viewing booked,
one accepted (its home reserved), one refused by the household, one refused by the landlord and one
withdrawn, as far as pairs that pass the hard rules go. Loaded after the homes and the households, with the
session bound; the caller commits. Idempotent: a municipality that has offers is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.auth.queries import members_of
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import record
from hemvist.households.models import Household, HouseholdStatus
from hemvist.offers.models import Offer, OfferStatus, RefusalReason, WithdrawalReason
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus

# Accepted first (it reserves its home), the household refused last (it then rests from offers).
STATES = ["accepted", "open", "viewing", "refused_landlord", "withdrawn", "refused_household"]
OPEN_STATES = ("open", "viewing")


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    from hemvist.matching.rules import explain

    if db.session.scalar(sa.select(sa.func.count()).select_from(Offer)):
        return
    members = members_of(tenant)
    if not members:
        return
    today = date.today()
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
    pairs = []
    for household in households:
        for vacancy in homes:
            match = explain(household, vacancy, today=today, persons_per_bedroom=tenant.persons_per_bedroom)
            if match.suggested:
                pairs.append((vacancy, household, match))
    every_pair = list(pairs)
    reserved: set[int] = set()
    accepted: set[int] = set()  # households that accepted a home: no other open offer
    with_open: set[int] = set()  # households with an open offer: none of them is paused
    for state in STATES:
        candidates = pairs if state in OPEN_STATES or state == "accepted" else every_pair
        for index, (vacancy, household, match) in enumerate(candidates):
            if vacancy.id in reserved or household.id in accepted:
                continue
            # The household that refused rests from offers, unless another of its offers is open.
            pause = state == "refused_household" and household.id not in with_open
            _add(tenant, members[0], vacancy, household, match, state, today, pause=pause)
            if candidates is pairs:
                pairs.pop(index)  # a pair has one open offer at a time; refused and withdrawn ones may repeat
            if state == "accepted":
                reserved.add(vacancy.id)
                accepted.add(household.id)
            elif state in OPEN_STATES:
                with_open.add(household.id)
            break
    for household in households:
        if household.id in with_open or household.id in accepted:
            household.status = HouseholdStatus.OFFERED
    db.session.flush()


def _add(
    tenant: Tenant, actor: User, vacancy: Vacancy, household: Household, match, state: str, today: date, *, pause: bool
) -> None:
    offered_on = today - timedelta(days=10)
    offer = Offer(
        vacancy_id=vacancy.id,
        household_id=household.id,
        status=OfferStatus.OPEN,
        reasons=[reason.as_json() for reason in match.reasons],
        offered_on=offered_on,
        offered_by_id=household.coordinator_id or actor.id,
        note="",
    )
    # The final state before the row is written: a refused or withdrawn offer may repeat an open pair.
    if state == "viewing":
        offer.status, offer.viewing_on = OfferStatus.VIEWING, today + timedelta(days=3)
    elif state == "accepted":
        offer.status, offer.viewing_on, offer.answered_on = OfferStatus.ACCEPTED, offered_on + timedelta(days=3), today
        vacancy.status = VacancyStatus.RESERVED
    elif state == "refused_household":
        offer.status, offer.answered_on = OfferStatus.REFUSED, offered_on + timedelta(days=4)
        offer.refusal_reason, offer.note = RefusalReason.TOO_FAR, "Långt till skolan (demo)."
        if pause:
            household.paused_until = today + timedelta(days=14)
    elif state == "refused_landlord":
        offer.status, offer.answered_on = OfferStatus.REFUSED, offered_on + timedelta(days=5)
        offer.refusal_reason = RefusalReason.LANDLORD_WANTS_REFERENCES
    elif state == "withdrawn":
        offer.status, offer.withdrawal_reason = OfferStatus.WITHDRAWN, WithdrawalReason.BY_MUNICIPALITY
        offer.note = "Hemmet passade inte ändå (demo)."
    db.session.add(offer)
    db.session.flush()
    record(tenant, actor, Action.CREATED, offer, {"vacancy_id": [None, str(vacancy.id)]})
