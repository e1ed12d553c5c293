"""Writes to the offers. Each takes the municipality and the acting user explicitly and commits once.

Households are sensitive personal data: log lines name ids only.

One home, one household. Accepting an offer reserves the home and frees everyone else it tied up: the
household's other open offers and the home's other offers are withdrawn in the same transaction. Two
acceptances of one home, even at the same instant, cannot both be stored: ``accept`` first locks the home's
row (PostgreSQL) or takes the database's write lock (SQLite), so the second waits and then finds the home
taken; the partial unique index ``uq_offers_accepted_vacancy`` is the last guard if anything slips past.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import sqlalchemy as sa

from hemvist.auth.models import User
from hemvist.core import clock
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import record
from hemvist.households.models import Household, HouseholdStatus
from hemvist.offers.models import OPEN_STATUSES, Offer, OfferStatus, RefusalReason, WithdrawalReason
from hemvist.tenancy.models import Tenant
from hemvist.vacancies.models import Vacancy, VacancyStatus

log = logging.getLogger("hemvist.offers")

# Households in these states may be offered a home (a housed one only when it is moving on).
OFFERABLE = (HouseholdStatus.WAITING, HouseholdStatus.OFFERED)
NOTE_LENGTH = 500


class OfferError(ValueError):
    """A change refused; ``str(error)`` is translated for the person who asked."""


class OfferTaken(OfferError):
    """The home was accepted for another household (perhaps a moment ago): the page answers 409."""


@dataclass
class Acceptance:
    """What an acceptance changed: the offer, and the offers it withdrew (the household's, the home's)."""

    offer: Offer
    withdrawn: list[Offer] = field(default_factory=list)


def _(text: str, **values) -> str:
    from flask_babel import gettext

    return gettext(text, **values)


def format_date(day: date, style: str = "medium") -> str:
    from hemvist.core.i18n import format_date as day_first

    return day_first(day, style)


def paused(household: Household, today: date) -> bool:
    return household.paused_until is not None and household.paused_until > today


def may_receive_offers(household: Household, today: date) -> bool:
    """Waiting or already offered (or a housed household moving on), and not resting after a refusal."""
    return (household.status in OFFERABLE or household.moving_on) and not paused(household, today)


def _open_offer_of(vacancy_id: int, household_id: int) -> Offer | None:
    return db.session.scalar(
        sa.select(Offer).where(
            Offer.vacancy_id == vacancy_id, Offer.household_id == household_id, Offer.status.in_(OPEN_STATUSES)
        )
    )


def _accepted_offer_of_vacancy(vacancy_id: int) -> Offer | None:
    return db.session.scalar(
        sa.select(Offer).where(Offer.vacancy_id == vacancy_id, Offer.status == OfferStatus.ACCEPTED)
    )


def _check_note(note: str) -> str:
    note = (note or "").replace("\x00", "").strip()
    if len(note) > NOTE_LENGTH:
        raise OfferError(_("At most %(max)s characters.", max=NOTE_LENGTH))
    return note


def make_offer(tenant: Tenant, user: User, vacancy: Vacancy, household: Household) -> Offer:
    """Offer the home to the household, keeping the matching's reasons as they stand today."""
    from hemvist.matching.rules import explain

    today = clock.today()
    if vacancy.status is not VacancyStatus.OFFERED:
        raise OfferError(_("Only a home on offer can be offered; this one is %(status)s.", status=vacancy.status.label))
    if paused(household, today):
        raise OfferError(
            _(
                "The household may be offered homes again from %(date)s.",
                date=format_date(household.paused_until, "long"),
            )
        )
    if not may_receive_offers(household, today):
        raise OfferError(_("A household that is %(status)s cannot be offered a home.", status=household.status.label))
    if _open_offer_of(vacancy.id, household.id) is not None:
        raise OfferError(_("The home is already offered to this household."))
    match = explain(household, vacancy, today=today, persons_per_bedroom=tenant.persons_per_bedroom)
    if not match.suggested:
        failures = "; ".join(str(reason.text()) for reason in match.failures)
        raise OfferError(_("The home does not suit the household: %(failures)s", failures=failures))
    offer = Offer(
        vacancy_id=vacancy.id,
        household_id=household.id,
        status=OfferStatus.OPEN,
        reasons=[reason.as_json() for reason in match.reasons],
        offered_on=today,
        offered_by_id=user.id,
        note="",
    )
    db.session.add(offer)
    try:
        # Now, so that a colleague offering the same home to the same household at this moment is told.
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise OfferError(_("The home is already offered to this household.")) from None
    record(
        tenant,
        user,
        Action.CREATED,
        offer,
        {"vacancy_id": [None, str(vacancy.id)], "household_id": [None, str(household.id)]},
    )
    if household.status is HouseholdStatus.WAITING:
        record(
            tenant, user, Action.UPDATED, household, {"status": [household.status.value, HouseholdStatus.OFFERED.value]}
        )
        household.status = HouseholdStatus.OFFERED
    db.session.commit()
    log.info("offer %s: vacancy %s to household %s by user %s", offer.id, vacancy.id, household.id, user.id)
    return offer


def _require_open(offer: Offer) -> None:
    if not offer.status.is_open:
        raise OfferError(_("The offer is %(status)s: it can no longer change.", status=offer.status.label))


def book_viewing(tenant: Tenant, user: User, offer: Offer, viewing_on: date) -> Offer:
    """A viewing is booked (or moved) for ``viewing_on``."""
    _require_open(offer)
    if viewing_on < offer.offered_on:
        raise OfferError(_("The viewing cannot be before the offer was made."))
    record(
        tenant,
        user,
        Action.UPDATED,
        offer,
        {
            "status": [offer.status.value, OfferStatus.VIEWING.value],
            "viewing_on": [_iso(offer.viewing_on), viewing_on.isoformat()],
        },
    )
    offer.status = OfferStatus.VIEWING
    offer.viewing_on = viewing_on
    db.session.commit()
    log.info("offer %s: viewing booked by user %s", offer.id, user.id)
    return offer


def _lock(offer: Offer) -> None:
    """Queue behind any other acceptance of this home or by this household, then read the offer afresh.

    A no-op update of the home's and the household's rows: on PostgreSQL it takes their row locks (a
    second acceptance waits here, not half-way, so the two cannot deadlock over each other's offers); on
    SQLite, as the transaction's first statement, it takes the database's write lock, waiting its turn
    (a transaction that had read first could not be upgraded once another had written).
    """
    vacancy_id, household_id = offer.vacancy_id, offer.household_id
    db.session.rollback()  # a fresh transaction that starts with the write; nothing is pending here
    for model, row_id in ((Vacancy, vacancy_id), (Household, household_id)):
        db.session.execute(
            sa.update(model).where(model.id == row_id).values(updated_at=model.updated_at),
            execution_options={"synchronize_session": False},
        )
    db.session.refresh(offer)
    db.session.refresh(offer.vacancy)
    db.session.refresh(offer.household)


def accept(tenant: Tenant, user: User, offer: Offer, answered_on: date) -> Acceptance:
    """The household accepts: the offer accepted, the home reserved, every other offer it tied up withdrawn.

    All or nothing, in one transaction. ``OfferTaken`` when the home was accepted for another household.
    """
    if answered_on < offer.offered_on:
        raise OfferError(_("The answer cannot be before the offer was made."))
    if answered_on > clock.today():
        raise OfferError(_("The answer cannot be in the future."))
    offer_id = offer.id
    _lock(offer)
    vacancy, household = offer.vacancy, offer.household
    try:
        taken = _accepted_offer_of_vacancy(vacancy.id)
        if taken is not None and taken.id != offer.id:
            raise OfferTaken(_("This home was accepted for another household a moment ago."))
        _require_open(offer)
        if vacancy.status is not VacancyStatus.OFFERED:
            raise OfferError(_("The home is %(status)s: it can no longer be accepted.", status=vacancy.status.label))
    except OfferError:
        db.session.rollback()  # let the locks go
        raise
    record(tenant, user, Action.UPDATED, offer, {"status": [offer.status.value, OfferStatus.ACCEPTED.value]})
    offer.status = OfferStatus.ACCEPTED
    offer.answered_on = answered_on
    try:
        db.session.flush()  # the unique index speaks here, before anything else is written
    except sa.exc.IntegrityError:
        db.session.rollback()
        log.info("offer %s: the home was accepted for another household first", offer_id)
        raise OfferTaken(_("This home was accepted for another household a moment ago.")) from None
    record(tenant, user, Action.UPDATED, vacancy, {"status": [vacancy.status.value, VacancyStatus.RESERVED.value]})
    vacancy.status = VacancyStatus.RESERVED
    others = db.session.scalars(
        sa.select(Offer)
        .where(
            sa.or_(Offer.household_id == household.id, Offer.vacancy_id == vacancy.id),
            Offer.id != offer.id,
            Offer.status.in_(OPEN_STATUSES),
        )
        .order_by(Offer.id)
    ).all()
    withdrawn = []
    for other in others:
        if other.household_id == household.id:
            _withdraw(tenant, user, other, WithdrawalReason.ACCEPTED_ANOTHER)
        else:
            _withdraw(tenant, user, other, WithdrawalReason.HOME_TAKEN)
        withdrawn.append(other)
    db.session.flush()
    for other in withdrawn:
        if other.household_id != household.id:
            _release(tenant, user, other.household)
    db.session.commit()
    log.info("offer %s accepted (user %s); %s other offers withdrawn", offer.id, user.id, len(withdrawn))
    return Acceptance(offer, withdrawn)


def _withdraw(tenant: Tenant, user: User | None, offer: Offer, reason: WithdrawalReason, note: str = "") -> None:
    record(tenant, user, Action.UPDATED, offer, {"status": [offer.status.value, OfferStatus.WITHDRAWN.value]})
    offer.status = OfferStatus.WITHDRAWN
    offer.withdrawal_reason = reason
    offer.note = note


def _release(tenant: Tenant, user: User | None, household: Household, paused_until: date | None = None) -> None:
    """The household waits again once none of its offers is open (or accepted), resting until a day if given."""
    if paused_until is not None:
        record(
            tenant,
            user,
            Action.UPDATED,
            household,
            {"paused_until": [_iso(household.paused_until), paused_until.isoformat()]},
        )
        household.paused_until = paused_until
    if household.status is not HouseholdStatus.OFFERED:
        return  # a housed household moving on stays housed
    still_tied = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Offer)
        .where(Offer.household_id == household.id, Offer.status.in_((*OPEN_STATUSES, OfferStatus.ACCEPTED)))
    )
    if not still_tied:
        record(
            tenant, user, Action.UPDATED, household, {"status": [household.status.value, HouseholdStatus.WAITING.value]}
        )
        household.status = HouseholdStatus.WAITING


def _reopen_vacancy(tenant: Tenant, user: User, offer: Offer, was: OfferStatus) -> None:
    """Only an accepted offer reserves its home: ending one puts the home back on the offer list."""
    vacancy = offer.vacancy
    if was is OfferStatus.ACCEPTED and vacancy.status is VacancyStatus.RESERVED:
        record(tenant, user, Action.UPDATED, vacancy, {"status": [vacancy.status.value, VacancyStatus.OFFERED.value]})
        vacancy.status = VacancyStatus.OFFERED


def refuse(
    tenant: Tenant,
    user: User,
    offer: Offer,
    reason: RefusalReason,
    after: Literal["wait", "pause"],
    paused_until: date | None = None,
    note: str = "",
    answered_on: date | None = None,
) -> Offer:
    """The household or the landlord (``reason.party``) says no. The household waits again, or rests from
    offers until ``paused_until`` (a day after today); an accepted home goes back on the offer list."""
    today = clock.today()
    if offer.status not in (*OPEN_STATUSES, OfferStatus.ACCEPTED):
        raise OfferError(_("The offer is %(status)s: it can no longer change.", status=offer.status.label))
    if not isinstance(reason, RefusalReason):
        raise OfferError(_("Choose a reason from the list."))
    if after not in ("wait", "pause"):
        raise OfferError(_("Choose what follows for the household."))
    if after == "pause":
        if paused_until is None:
            raise OfferError(_("Enter the day the household may be offered homes again."))
        if paused_until <= today:
            raise OfferError(_("The pause must end after today."))
    note = _check_note(note)
    was = offer.status
    record(
        tenant,
        user,
        Action.UPDATED,
        offer,
        {"status": [was.value, OfferStatus.REFUSED.value], "refusal_reason": [None, reason.value]},
    )
    offer.status = OfferStatus.REFUSED
    offer.refusal_reason = reason
    offer.answered_on = answered_on or today
    offer.note = note
    db.session.flush()
    _reopen_vacancy(tenant, user, offer, was)
    _release(tenant, user, offer.household, paused_until if after == "pause" else None)
    db.session.commit()
    log.info("offer %s refused (%s) by user %s", offer.id, reason.party.value, user.id)
    return offer


def withdraw(tenant: Tenant, user: User, offer: Offer, note: str = "") -> Offer:
    """The municipality takes an open offer back; the household waits again if nothing else is open."""
    _require_open(offer)
    note = _check_note(note)
    _withdraw(tenant, user, offer, WithdrawalReason.BY_MUNICIPALITY, note)
    db.session.flush()
    _release(tenant, user, offer.household)
    db.session.commit()
    log.info("offer %s withdrawn by user %s", offer.id, user.id)
    return offer


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
