"""Making offers and recording their answers, through the operations: what is stored, what is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.history.models import HistoryEntry
from hemvist.households.models import Household, HouseholdStatus
from hemvist.matching.rules import Reason
from hemvist.offers import operations
from hemvist.offers.models import Offer, OfferStatus, Party, RefusalReason, WithdrawalReason
from hemvist.offers.operations import OfferError, OfferTaken
from hemvist.tenancy import migrate
from hemvist.tenancy.binding import tenant_engine
from hemvist.vacancies.models import Vacancy, VacancyStatus
from tests.landlords.conftest import user, working_in
from tests.offers.conftest import count_offers, family, home, offer, stored, stored_offer

TODAY = date.today()


def test_an_offer_keeps_the_reasons_and_the_household_is_offered(app, tenant_a, landlord_a):
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    offer_id = offer(app, tenant_a, vacancy, household)
    made = stored_offer(app, tenant_a, offer_id)
    assert made.status is OfferStatus.OPEN
    assert made.offered_on == TODAY
    assert made.offered_by_id is not None
    keys = [Reason.from_json(item).key for item in made.reasons]
    assert "room_norm" in keys and "rent" in keys
    assert all(Reason.from_json(item).passed for item in made.reasons if item["hard"])
    assert stored(app, tenant_a, Household, household).status is HouseholdStatus.OFFERED
    with working_in(app, tenant_a):
        subjects = set(db.session.scalars(sa.select(HistoryEntry.subject_type)))
    assert {"offers", "households"} <= subjects


def test_the_snapshot_stays_when_the_home_changes(app, tenant_a, landlord_a):
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    offer_id = offer(app, tenant_a, vacancy, household)
    with working_in(app, tenant_a):
        db.session.get(Vacancy, vacancy).rent = 9999
        db.session.commit()
    rent = next(item for item in stored_offer(app, tenant_a, offer_id).reasons if item["key"] == "rent")
    assert rent["params"]["rent"] == 6000


def test_a_home_that_breaks_a_hard_rule_is_refused_with_the_failures(app, tenant_a, landlord_a):
    vacancy = home(app, tenant_a, landlord_a, rooms=1, rent=12000)
    household = family(app, tenant_a)
    with pytest.raises(OfferError, match="norm allows at most 2.*Rent"):
        offer(app, tenant_a, vacancy, household)
    assert count_offers(app, tenant_a) == 0
    assert stored(app, tenant_a, Household, household).status is HouseholdStatus.WAITING


def test_the_same_pair_cannot_have_two_open_offers(app, tenant_a, landlord_a):
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    offer(app, tenant_a, vacancy, household)
    with pytest.raises(OfferError, match="already offered to this household"):
        offer(app, tenant_a, vacancy, household)
    assert count_offers(app, tenant_a) == 1


def test_the_unique_index_guards_the_pair_when_the_check_is_passed(app, tenant_a, landlord_a, monkeypatch):
    """Two colleagues at the same moment: the check sees nothing, the database refuses the second."""
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    offer(app, tenant_a, vacancy, household)
    monkeypatch.setattr(operations, "_open_offer_of", lambda *_args: None)
    with pytest.raises(OfferError, match="already offered to this household"):
        offer(app, tenant_a, vacancy, household)
    assert count_offers(app, tenant_a) == 1


@pytest.mark.parametrize("status", [VacancyStatus.RESERVED, VacancyStatus.LET, VacancyStatus.WITHDRAWN])
def test_only_a_home_on_offer_can_be_offered(app, tenant_a, landlord_a, status):
    vacancy, household = home(app, tenant_a, landlord_a, status=status), family(app, tenant_a)
    with pytest.raises(OfferError, match="Only a home on offer"):
        offer(app, tenant_a, vacancy, household)


def test_a_housed_household_only_when_moving_on(app, tenant_a, landlord_a):
    vacancy = home(app, tenant_a, landlord_a)
    housed = family(app, tenant_a, "MIG-2026-0002", status=HouseholdStatus.HOUSED)
    with pytest.raises(OfferError, match="cannot be offered a home"):
        offer(app, tenant_a, vacancy, housed)
    moving = family(app, tenant_a, "MIG-2026-0003", status=HouseholdStatus.HOUSED, moving_on=True)
    offer_id = offer(app, tenant_a, vacancy, moving)
    assert stored_offer(app, tenant_a, offer_id).status is OfferStatus.OPEN
    assert stored(app, tenant_a, Household, moving).status is HouseholdStatus.HOUSED  # still housed while moving on


def test_a_viewing_is_booked(app, tenant_a, landlord_a):
    offer_id = offer(app, tenant_a, home(app, tenant_a, landlord_a), family(app, tenant_a))
    with working_in(app, tenant_a):
        made = db.session.get(Offer, offer_id)
        with pytest.raises(OfferError, match="before the offer"):
            operations.book_viewing(tenant_a, user("coordinator_a"), made, TODAY - timedelta(days=1))
        operations.book_viewing(tenant_a, user("coordinator_a"), made, TODAY + timedelta(days=3))
    booked = stored_offer(app, tenant_a, offer_id)
    assert booked.status is OfferStatus.VIEWING and booked.viewing_on == TODAY + timedelta(days=3)


def accept(app, tenant, offer_id: int, who: str = "coordinator_a", on: date = TODAY):
    with working_in(app, tenant):
        acceptance = operations.accept(tenant, user(who), db.session.get(Offer, offer_id), on)
        return {withdrawn.id for withdrawn in acceptance.withdrawn}


def test_accepting_reserves_the_home_and_withdraws_the_other_offers(app, tenant_a, landlord_a):
    first, second = home(app, tenant_a, landlord_a), home(app, tenant_a, landlord_a, "Bruksgatan 2")
    ours, theirs = family(app, tenant_a), family(app, tenant_a, "MIG-2026-0002", who="unit_admin_a")
    accepted = offer(app, tenant_a, first, ours)
    our_other = offer(app, tenant_a, second, ours)
    their_offer = offer(app, tenant_a, first, theirs, who="unit_admin_a")
    assert accept(app, tenant_a, accepted) == {our_other, their_offer}
    assert stored_offer(app, tenant_a, accepted).status is OfferStatus.ACCEPTED
    assert stored_offer(app, tenant_a, accepted).answered_on == TODAY
    assert stored(app, tenant_a, Vacancy, first).status is VacancyStatus.RESERVED
    assert stored(app, tenant_a, Vacancy, second).status is VacancyStatus.OFFERED
    assert stored_offer(app, tenant_a, our_other).status is OfferStatus.WITHDRAWN
    # Reasons, not sentences in the language of whoever accepted: each reader sees them in their own.
    assert stored_offer(app, tenant_a, our_other).withdrawal_reason is WithdrawalReason.ACCEPTED_ANOTHER
    assert stored_offer(app, tenant_a, their_offer).withdrawal_reason is WithdrawalReason.HOME_TAKEN
    assert stored_offer(app, tenant_a, our_other).note == stored_offer(app, tenant_a, their_offer).note == ""
    assert stored(app, tenant_a, Household, ours).status is HouseholdStatus.OFFERED
    assert stored(app, tenant_a, Household, theirs).status is HouseholdStatus.WAITING  # free again


def test_a_second_acceptance_of_the_home_is_refused_and_changes_nothing(app, tenant_a, landlord_a):
    vacancy = home(app, tenant_a, landlord_a)
    first = offer(app, tenant_a, vacancy, family(app, tenant_a))
    second = offer(app, tenant_a, vacancy, family(app, tenant_a, "MIG-2026-0002"))
    accept(app, tenant_a, first)
    with pytest.raises(OfferTaken, match="accepted for another household"):
        accept(app, tenant_a, second)
    assert stored_offer(app, tenant_a, second).status is OfferStatus.WITHDRAWN
    assert stored_offer(app, tenant_a, first).status is OfferStatus.ACCEPTED


def test_the_unique_index_refuses_a_second_acceptance_that_slipped_past(app, tenant_a, landlord_a, monkeypatch):
    """The home offered again by hand and a new offer accepted while the first stands: the index says no,
    and nothing of the second acceptance is written."""
    vacancy = home(app, tenant_a, landlord_a)
    first = offer(app, tenant_a, vacancy, family(app, tenant_a))
    accept(app, tenant_a, first)
    with working_in(app, tenant_a):
        db.session.get(Vacancy, vacancy).status = VacancyStatus.OFFERED
        db.session.commit()
    other = family(app, tenant_a, "MIG-2026-0002")
    second = offer(app, tenant_a, vacancy, other)
    third = offer(app, tenant_a, home(app, tenant_a, landlord_a, "Backgatan 3"), other)
    monkeypatch.setattr(operations, "_accepted_offer_of_vacancy", lambda _vacancy_id: None)
    with pytest.raises(OfferTaken, match="a moment ago"):
        accept(app, tenant_a, second)
    assert stored_offer(app, tenant_a, second).status is OfferStatus.OPEN
    assert stored_offer(app, tenant_a, third).status is OfferStatus.OPEN  # not withdrawn: rolled back
    assert stored(app, tenant_a, Vacancy, vacancy).status is VacancyStatus.OFFERED


def test_an_answer_in_the_future_or_before_the_offer_is_refused(app, tenant_a, landlord_a):
    offer_id = offer(app, tenant_a, home(app, tenant_a, landlord_a), family(app, tenant_a))
    with pytest.raises(OfferError, match="future"):
        accept(app, tenant_a, offer_id, on=TODAY + timedelta(days=1))
    with pytest.raises(OfferError, match="before the offer"):
        accept(app, tenant_a, offer_id, on=TODAY - timedelta(days=1))
    assert stored_offer(app, tenant_a, offer_id).status is OfferStatus.OPEN


def refuse(app, tenant, offer_id, reason, after="wait", paused_until=None, note=""):
    with working_in(app, tenant):
        return operations.refuse(
            tenant, user("coordinator_a"), db.session.get(Offer, offer_id), reason, after, paused_until, note
        )


def test_refused_by_the_household_it_waits_again(app, tenant_a, landlord_a):
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    offer_id = offer(app, tenant_a, vacancy, household)
    refuse(app, tenant_a, offer_id, RefusalReason.TOO_FAR, note="  Långt till skolan.  ")
    refused = stored_offer(app, tenant_a, offer_id)
    assert refused.status is OfferStatus.REFUSED
    assert refused.refusal_reason.party is Party.HOUSEHOLD
    assert refused.note == "Långt till skolan." and refused.answered_on == TODAY
    assert stored(app, tenant_a, Household, household).status is HouseholdStatus.WAITING
    assert stored(app, tenant_a, Household, household).paused_until is None
    assert stored(app, tenant_a, Vacancy, vacancy).status is VacancyStatus.OFFERED  # still on the offer list
    offer(app, tenant_a, vacancy, household)  # may be offered again at once


def test_paused_until_a_day_the_household_cannot_be_offered_before_it(app, tenant_a, landlord_a):
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    offer_id = offer(app, tenant_a, vacancy, household)
    until = TODAY + timedelta(days=30)
    refuse(app, tenant_a, offer_id, RefusalReason.HOUSEHOLD_OTHER, "pause", until)
    assert stored(app, tenant_a, Household, household).paused_until == until
    with pytest.raises(OfferError, match="may be offered homes again from"):
        offer(app, tenant_a, vacancy, household)
    with working_in(app, tenant_a):
        db.session.get(Household, household).paused_until = TODAY  # the day has come
        db.session.commit()
    offer(app, tenant_a, vacancy, household)


def test_a_pause_must_end_in_the_future(app, tenant_a, landlord_a):
    offer_id = offer(app, tenant_a, home(app, tenant_a, landlord_a), family(app, tenant_a))
    with pytest.raises(OfferError, match="after today"):
        refuse(app, tenant_a, offer_id, RefusalReason.TOO_SMALL, "pause", TODAY)
    with pytest.raises(OfferError, match="Enter the day"):
        refuse(app, tenant_a, offer_id, RefusalReason.TOO_SMALL, "pause", None)
    with pytest.raises(OfferError, match="At most 500"):
        refuse(app, tenant_a, offer_id, RefusalReason.TOO_SMALL, note="x" * 501)
    assert stored_offer(app, tenant_a, offer_id).status is OfferStatus.OPEN


def test_refused_by_the_landlord_after_acceptance_the_home_returns_to_the_list(app, tenant_a, landlord_a):
    vacancy, household = home(app, tenant_a, landlord_a), family(app, tenant_a)
    offer_id = offer(app, tenant_a, vacancy, household)
    accept(app, tenant_a, offer_id)
    refuse(app, tenant_a, offer_id, RefusalReason.LANDLORD_WANTS_REFERENCES)
    refused = stored_offer(app, tenant_a, offer_id)
    assert refused.refusal_reason.party is Party.LANDLORD
    assert stored(app, tenant_a, Vacancy, vacancy).status is VacancyStatus.OFFERED
    assert stored(app, tenant_a, Household, household).status is HouseholdStatus.WAITING


def test_a_household_with_another_open_offer_stays_offered(app, tenant_a, landlord_a):
    household = family(app, tenant_a)
    first = offer(app, tenant_a, home(app, tenant_a, landlord_a), household)
    offer(app, tenant_a, home(app, tenant_a, landlord_a, "Bruksgatan 2"), household)
    refuse(app, tenant_a, first, RefusalReason.TOO_EXPENSIVE)
    assert stored(app, tenant_a, Household, household).status is HouseholdStatus.OFFERED


def test_withdrawing_frees_the_household(app, tenant_a, landlord_a):
    household = family(app, tenant_a)
    offer_id = offer(app, tenant_a, home(app, tenant_a, landlord_a), household)
    with working_in(app, tenant_a):
        operations.withdraw(tenant_a, user("coordinator_a"), db.session.get(Offer, offer_id), "Fel hushåll.")
    withdrawn = stored_offer(app, tenant_a, offer_id)
    assert withdrawn.status is OfferStatus.WITHDRAWN and withdrawn.note == "Fel hushåll."
    assert withdrawn.withdrawal_reason is WithdrawalReason.BY_MUNICIPALITY
    assert stored(app, tenant_a, Household, household).status is HouseholdStatus.WAITING
    with working_in(app, tenant_a), pytest.raises(OfferError, match="no longer change"):
        operations.withdraw(tenant_a, user("coordinator_a"), db.session.get(Offer, offer_id), "")


def test_withdrawal_notes_written_before_reasons_existed_become_reasons(app, tenant_a, landlord_a):
    """t0010: the sentences an acceptance used to write, in either language, become reasons; a coordinator's
    own note stays a note, and the offer counts as withdrawn by the municipality."""
    vacancy = home(app, tenant_a, landlord_a)
    notes = {
        "tackade ja till en annan bostad": WithdrawalReason.ACCEPTED_ANOTHER,
        "the home is taken": WithdrawalReason.HOME_TAKEN,
        "Fel hushåll.": WithdrawalReason.BY_MUNICIPALITY,
    }
    offers = {
        note: offer(app, tenant_a, vacancy, family(app, tenant_a, f"MIG-2016-{n:04d}")) for n, note in enumerate(notes)
    }
    with app.app_context():
        db.session.remove()
        migrate.downgrade_tenant(db.engine, tenant_a.schema, "t0009")
        table = sa.table("offers", sa.column("id"), sa.column("status"), sa.column("note"), schema=tenant_a.schema)
        with tenant_engine(db.engine, tenant_a.schema).begin() as connection:
            for note, offer_id in offers.items():
                connection.execute(table.update().where(table.c.id == offer_id).values(status="withdrawn", note=note))
        migrate.upgrade_tenant(db.engine, tenant_a.schema)
    for note, offer_id in offers.items():
        migrated = stored_offer(app, tenant_a, offer_id)
        assert migrated.withdrawal_reason is notes[note]
        assert migrated.note == ("Fel hushåll." if notes[note] is WithdrawalReason.BY_MUNICIPALITY else "")
