"""The registry's operations and queries, called directly inside one municipality."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from werkzeug.exceptions import NotFound

from hemvist.dialogue.models import FollowUp
from hemvist.extensions import db
from hemvist.history.models import Action, HistoryEntry
from hemvist.history.queries import history_of
from hemvist.landlords import operations, validation
from hemvist.landlords.models import Landlord, LandlordKind, Stage, StageChange
from hemvist.landlords.operations import DELETION_GRACE, LandlordError
from hemvist.landlords.queries import (
    LandlordFilter,
    find_by_identity_number,
    find_by_name,
    get_landlord_or_404,
    landlords_by_stage,
    load_areas,
    recently_deleted,
    search_landlords,
    stage_counts,
)
from tests.landlords.conftest import area_ids, company, contact, org_number, stored_landlords, user, working_in


def register(tenant, data, who="coordinator_a", **kwargs) -> Landlord:
    return operations.create_landlord(tenant, user(who), data, **kwargs)


def names(page) -> list[str]:
    return [landlord.name for landlord in page.items]


def test_a_registered_landlord_is_new_owned_by_who_registered_it_and_has_a_history(in_a):
    anna = user("coordinator_a")
    landlord = register(in_a, company(contacts=[contact("Karin Ek", "+46701740605")], area_ids=area_ids("Bor")))
    assert (landlord.stage, landlord.owner_id, landlord.created_by_id) == (Stage.NEW, anna.id, anna.id)
    assert [(c.name, c.phone) for c in landlord.contacts] == [("Karin Ek", "+46701740605")]
    assert [area.name for area in landlord.areas] == ["Bor"]
    assert [(s.from_stage, s.to_stage, s.changed_by_id) for s in landlord.stage_changes] == [(None, Stage.NEW, anna.id)]
    [entry] = history_of(in_a, "landlords", landlord.id)
    assert (entry.action, entry.user_id, entry.changes) == (Action.CREATED, anna.id, {"name": [None, landlord.name]})


def test_another_named_contact_can_be_given_at_registration(in_a):
    landlord = register(in_a, company(), owner_id=user("unit_admin_a").id)
    assert landlord.owner_id == user("unit_admin_a").id


@pytest.mark.parametrize(
    "text",
    ["ekeskog", "EKESKOGS HYRES", "559000-001", org_number(1), "Karin", "karin.ek@ekeskog", "070-174 06 05",
     "0701740605", "Forsheda", "rydaholm", "Smålandsstenar"],
)  # fmt: skip
def test_the_search_finds_a_landlord_by_each_field(in_a, text):
    register(
        in_a,
        company(
            city="Smålandsstenar",
            contacts=[contact("Karin Ek", "+46701740605", "karin.ek@ekeskog.example")],
            area_ids=area_ids("Forsheda", "Rydaholm"),
        ),
    )
    register(in_a, company("Tallmons Bostäder AB", serial=2, city="Värnamo"))
    assert names(search_landlords(in_a, LandlordFilter(text=text))) == ["Ekeskogs Hyresgårdar AB"]


@pytest.mark.parametrize(
    "text",
    ["559000-0013", "5590000013", "559000 0013", "165590000013", "16559000-0013", "559000001", "559000-001",
     "0013"],
)  # fmt: skip
def test_an_organisation_number_is_found_with_or_without_its_dash(in_a, text):
    register(in_a, company("Ekeskogs Hyresgårdar AB", serial=1))  # 559000-0013
    register(in_a, company("Tallmons Bostäder AB", serial=2))  # 559000-0021
    assert names(search_landlords(in_a, LandlordFilter(text=text))) == ["Ekeskogs Hyresgårdar AB"]


@pytest.mark.parametrize(
    "text", ["811218-9876", "8112189876", "198112189876", "19811218-9876", "811218+9876", "19811218 9876"]
)
def test_a_personal_identity_number_is_found_with_or_without_dash_and_century(in_a, text):
    register(in_a, company("Ulla Ågren", serial=None, kind=LandlordKind.PRIVATE_PERSON, identity_number="811218-9876"))
    register(in_a, company("Tallmons Bostäder AB", serial=2))
    assert names(search_landlords(in_a, LandlordFilter(text=text))) == ["Ulla Ågren"]


@pytest.mark.parametrize(
    "typed, stored",
    [("5592577059", "559257-7059"), ("559257-7059", "559257-7059"), ("165592577059", "559257-7059"),
     ("198112189876", "811218-9876"), ("19811218-9876", "811218-9876"), ("811218+9876", "811218-9876"),
     ("559257 7059", "559257-7059"), ("5592577", "559257-7"), ("559257", None), ("55925770591", None),
     ("Ekeskog", None), ("559257-70-59", None), ("", None)],
)  # fmt: skip
def test_a_typed_number_is_searched_in_the_form_it_is_stored_in(typed, stored):
    assert validation.number_as_stored(typed) == stored


def test_a_number_search_compares_the_column_as_stored_so_its_index_serves_it(in_a):
    register(in_a, company("Ekeskogs Hyresgårdar AB", serial=1))
    executed = []
    engine = db.engine
    listener = lambda connection, cursor, statement, parameters, *args: executed.append((statement, parameters))  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        assert names(search_landlords(in_a, LandlordFilter(text="5590000013"))) == ["Ekeskogs Hyresgårdar AB"]
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    # The typed text is turned into the stored form; no function rewrites the column (replace(), translate()).
    [(statement, parameters)] = [(st, pa) for st, pa in executed if "identity_number" in st]
    values = parameters.values() if isinstance(parameters, dict) else parameters
    assert "%559000-0013%" in values
    assert not re.search(r"(replace|translate)\(", statement, re.IGNORECASE)
    if engine.dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            db.session.scalars(
                sa.text(f"EXPLAIN SELECT id FROM {in_a.schema}.landlords WHERE identity_number ILIKE :pattern"),
                {"pattern": "%559000-0013%"},
            )
        )
        assert "ix_landlords_search" in plan


def test_the_search_takes_percent_and_underscore_literally(in_a):
    register(in_a, company("Hundra_procent AB", serial=1))
    register(in_a, company("Tallmons Bostäder AB", serial=2))
    assert names(search_landlords(in_a, LandlordFilter(text="%"))) == []
    assert names(search_landlords(in_a, LandlordFilter(text="a_p"))) == ["Hundra_procent AB"]


def test_filters_by_stage_owner_area_and_follow_up_due(in_a):
    omar = user("unit_admin_a")
    first = register(in_a, company("A Fastigheter AB", serial=1, area_ids=area_ids("Bor")))
    second = register(in_a, company("B Fastigheter AB", serial=2), owner_id=omar.id)
    third = register(in_a, company("C Fastigheter AB", serial=3, area_ids=area_ids("Bor", "Lanna")))
    operations.change_stage(in_a, user("coordinator_a"), second, Stage.MET)
    today = date.today()
    db.session.add_all(
        [
            FollowUp(landlord_id=first.id, due_on=today, assigned_to_id=omar.id),
            FollowUp(landlord_id=second.id, due_on=today + timedelta(days=1), assigned_to_id=omar.id),
            FollowUp(landlord_id=third.id, due_on=today - timedelta(days=9), assigned_to_id=omar.id, done_on=today),
        ]
    )
    db.session.commit()

    assert names(search_landlords(in_a, LandlordFilter(stage=Stage.MET))) == ["B Fastigheter AB"]
    assert names(search_landlords(in_a, LandlordFilter(owner_id=omar.id))) == ["B Fastigheter AB"]
    bor = area_ids("Bor")[0]
    assert names(search_landlords(in_a, LandlordFilter(area_id=bor))) == ["A Fastigheter AB", "C Fastigheter AB"]
    assert names(search_landlords(in_a, LandlordFilter(follow_up_due=True))) == ["A Fastigheter AB"]
    assert names(search_landlords(in_a, LandlordFilter(area_id=bor, text="C Fast"))) == ["C Fastigheter AB"]


@pytest.mark.parametrize(
    "sort, expected",
    [("name", ["Alfa AB", "Beta AB", "Gamma AB"]), ("-name", ["Gamma AB", "Beta AB", "Alfa AB"]),
     ("updated", ["Beta AB", "Gamma AB", "Alfa AB"]), ("-updated", ["Alfa AB", "Gamma AB", "Beta AB"]),
     ("stage", ["Alfa AB", "Beta AB", "Gamma AB"]), ("no-such-sort", ["Alfa AB", "Beta AB", "Gamma AB"])],
)  # fmt: skip
def test_sorting(in_a, sort, expected):
    beta = register(in_a, company("Beta AB", serial=1))
    gamma = register(in_a, company("Gamma AB", serial=2))
    alfa = register(in_a, company("Alfa AB", serial=3))
    # Distinct, known change times; the stages in pipeline order new < contacted < met (not by stored code).
    for minutes, landlord in enumerate((beta, gamma, alfa)):
        landlord.updated_at = datetime(2025, 1, 1, 12, minutes, tzinfo=UTC)
    beta.stage, gamma.stage = Stage.CONTACTED, Stage.MET
    db.session.commit()
    assert names(search_landlords(in_a, LandlordFilter(), sort=sort)) == expected


def test_sorting_by_stage_follows_the_pipeline_as_on_the_board_then_the_name(in_a):
    # Registered in the reverse of the pipeline, and each stage's code sorts elsewhere alphabetically.
    pipeline = list(Stage)
    for stage in reversed(pipeline):
        for letter in "BA":
            landlord = register(in_a, company(f"{letter} {stage.value.title()} AB", serial=None))
            landlord.stage = stage
    twin = register(in_a, company("A New AB", serial=None))  # the same name: the older id first
    db.session.commit()
    expected = [name for stage in pipeline for name in (f"A {stage.value.title()} AB", f"B {stage.value.title()} AB")]
    expected.insert(1, "A New AB")
    found = search_landlords(in_a, LandlordFilter(), sort="stage", per_page=50)
    assert names(found) == expected
    assert found.items[1].id == twin.id
    assert [landlord.stage for landlord in found.items] == [Stage.NEW] + [stage for stage in pipeline for _ in "AB"]
    # The order holds across pages and with a text search (counted in the same statement).
    first, second = (
        search_landlords(in_a, LandlordFilter(text="AB"), sort="stage", page=n, per_page=8) for n in (1, 2)
    )
    assert names(first) + names(second) == expected


def test_pages_of_25_and_pages_out_of_range_are_corrected(in_a):
    for serial in range(1, 31):
        register(in_a, company(f"Hyresvärd {serial:02d} AB", serial=serial))
    first = search_landlords(in_a, LandlordFilter())
    assert (first.total, first.pages, first.page, len(first.items)) == (30, 2, 1, 25)
    last = search_landlords(in_a, LandlordFilter(), page=2)
    assert names(last) == [f"Hyresvärd {serial:02d} AB" for serial in range(26, 31)]
    assert search_landlords(in_a, LandlordFilter(), page=99).page == 2
    assert search_landlords(in_a, LandlordFilter(), page=0).page == 1
    assert search_landlords(in_a, LandlordFilter(), page=-5).page == 1
    empty = search_landlords(in_a, LandlordFilter(text="nobody"))
    assert (empty.total, empty.pages, empty.page, empty.items) == (0, 1, 1, [])


def test_a_searched_list_pages_and_corrects_pages_out_of_range_alike(in_a):
    """A text search counts in the same statement as its page of rows; the pages must not notice."""
    for serial in range(1, 31):
        register(in_a, company(f"Hyresvärd {serial:02d} AB", serial=serial))
    register(in_a, company("Annan Fastighet AB", serial=31))
    first = search_landlords(in_a, LandlordFilter(text="hyresvärd"))
    assert (first.total, first.pages, first.page, len(first.items)) == (30, 2, 1, 25)
    last = search_landlords(in_a, LandlordFilter(text="hyresvärd"), page=2)
    assert names(last) == [f"Hyresvärd {serial:02d} AB" for serial in range(26, 31)]
    assert (last.total, last.pages) == (30, 2)
    past = search_landlords(in_a, LandlordFilter(text="hyresvärd"), page=99)
    assert (past.page, past.total, names(past)) == (2, 30, names(last))
    assert search_landlords(in_a, LandlordFilter(text="hyresvärd"), page=-5).page == 1


def test_stage_counts_and_the_board_leave_deleted_landlords_out(in_a):
    anna = user("coordinator_a")
    for serial in range(1, 5):
        register(in_a, company(f"Hyresvärd {serial} AB", serial=serial))
    landlords = search_landlords(in_a, LandlordFilter()).items
    operations.change_stage(in_a, anna, landlords[0], Stage.PARTNER)
    operations.delete_landlord(in_a, anna, landlords[1])
    counts = stage_counts(in_a)
    assert list(counts) == list(Stage)
    assert (counts[Stage.NEW], counts[Stage.PARTNER], counts[Stage.DECLINED]) == (2, 1, 0)
    board = landlords_by_stage(in_a, limit_per_stage=1)
    assert list(board) == list(Stage)
    assert [landlord.name for landlord in board[Stage.NEW]] == ["Hyresvärd 3 AB"]
    assert board[Stage.MET] == []


def test_a_number_already_registered_is_refused_even_when_that_landlord_is_deleted(in_a):
    first = register(in_a, company("Ekeskogs Hyresgårdar AB", serial=7))
    with pytest.raises(LandlordError, match="Ekeskogs Hyresgårdar AB already has the number 559000-007"):
        register(in_a, company("Someone Else AB", serial=7))
    other = register(in_a, company("Someone Else AB", serial=8))
    with pytest.raises(LandlordError):
        operations.update_landlord(in_a, user("coordinator_a"), other, company("Someone Else AB", serial=7))
    operations.delete_landlord(in_a, user("coordinator_a"), first)
    with pytest.raises(LandlordError):
        register(in_a, company("Third AB", serial=7))
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Landlord)) == 2
    assert find_by_identity_number(in_a, org_number(8)).name == "Someone Else AB"
    # A landlord keeps its own number when it is saved again.
    operations.update_landlord(in_a, user("coordinator_a"), other, company("Someone Else AB", serial=8, city="Bor"))
    assert other.city == "Bor"


def test_swedish_letters_are_found_whatever_their_case(in_a):
    register(in_a, company("Åkerlunds Fastigheter AB", serial=1, city="Bor", contacts=[contact("Örjan Ek")]))
    register(in_a, company("Tallmons Bostäder AB", serial=2, area_ids=area_ids("Värnamo")))
    for text in ("åkerlund", "ÅKERLUND", "örjan", "ÖRJAN"):
        assert names(search_landlords(in_a, LandlordFilter(text=text))) == ["Åkerlunds Fastigheter AB"], text
    assert names(search_landlords(in_a, LandlordFilter(text="VÄRNAMO"))) == ["Tallmons Bostäder AB"]


def test_landlords_without_a_number_are_not_duplicates_but_a_name_is_a_candidate(in_a):
    register(in_a, company("Ulla Ågren", serial=None, kind=LandlordKind.PRIVATE_PERSON))
    register(in_a, company("ULLA ÅGREN", serial=None, kind=LandlordKind.PRIVATE_PERSON))
    assert len(find_by_name(in_a, " ulla   ågren ")) == 2


def test_an_update_records_what_changed_and_keeps_contacts_by_id(in_a):
    anna = user("coordinator_a")
    landlord = register(in_a, company(contacts=[contact("Karin Ek"), contact("Per Lund")]))
    karin = landlord.contacts[0]
    data = company(
        city="Bor",
        flats=12,
        area_ids=area_ids("Bor"),
        contacts=[operations.ContactData(id=karin.id, name="Karin Ek", role="VD"), contact("Ny Person")],
    )
    operations.update_landlord(in_a, anna, landlord, data)
    assert [(c.id == karin.id, c.name, c.role) for c in landlord.contacts] == [
        (True, "Karin Ek", "VD"),
        (False, "Ny Person", ""),
    ]
    latest = history_of(in_a, "landlords", landlord.id)[0]
    assert latest.action is Action.UPDATED
    assert latest.changes == {
        "city": ["Värnamo", "Bor"],
        "flats": [None, 12],
        "areas": [[], ["Bor"]],
        "contacts": [["Karin Ek", "Per Lund"], ["Karin Ek", "Ny Person"]],
    }
    operations.update_landlord(in_a, anna, landlord, data)
    assert len(history_of(in_a, "landlords", landlord.id)) == 2  # nothing changed, nothing recorded


@pytest.mark.parametrize("stage", [Stage.PAUSED, Stage.DECLINED])
def test_paused_and_declined_need_a_reason(in_a, stage):
    anna = user("coordinator_a")
    landlord = register(in_a, company())
    for reason in ("", "   "):
        with pytest.raises(LandlordError, match="Say why the landlord is paused or has declined."):
            operations.change_stage(in_a, anna, landlord, stage, reason)
    assert landlord.stage is Stage.NEW
    operations.change_stage(in_a, anna, landlord, stage, " Renoverar till våren. ")
    assert (landlord.stage, landlord.stage_reason) == (stage, "Renoverar till våren.")
    operations.change_stage(in_a, anna, landlord, Stage.CONTACTED, "Ringde igen")
    assert (landlord.stage, landlord.stage_reason) == (Stage.CONTACTED, "")
    changes = db.session.execute(
        sa.select(StageChange.from_stage, StageChange.to_stage, StageChange.reason)
        .where(StageChange.landlord_id == landlord.id)
        .order_by(StageChange.id)
    ).all()
    assert changes == [
        (None, Stage.NEW, ""),
        (Stage.NEW, stage, "Renoverar till våren."),
        (stage, Stage.CONTACTED, "Ringde igen"),
    ]
    stage_entries = [e.changes for e in history_of(in_a, "landlords", landlord.id) if "stage" in e.changes]
    assert stage_entries == [{"stage": [stage.value, "contacted"]}, {"stage": ["new", stage.value]}]


def test_the_named_contact_must_be_an_active_member_of_the_municipality(in_a):
    anna, omar = user("coordinator_a"), user("unit_admin_a")
    landlord = register(in_a, company())
    with pytest.raises(LandlordError, match="The named contact must work in Värnamo."):
        operations.reassign_owner(in_a, anna, landlord, user("coordinator_b"))
    operations.reassign_owner(in_a, anna, landlord, omar)
    assert landlord.owner_id == omar.id
    assert history_of(in_a, "landlords", landlord.id)[0].changes == {"owner_id": [anna.id, omar.id]}
    user("read_only_a").active = False  # users are deactivated, never deleted
    db.session.commit()
    with pytest.raises(LandlordError):
        operations.reassign_owner(in_a, anna, landlord, user("read_only_a"))
    assert landlord.owner_id == omar.id


def test_deleted_landlords_are_hidden_restorable_for_the_grace_period_then_purged(in_a):
    anna = user("coordinator_a")
    kept = register(in_a, company("Kvar AB", serial=1))
    recent = register(in_a, company("Nyss raderad AB", serial=2))
    old = register(in_a, company("Länge sedan AB", serial=3))
    for landlord in (recent, old):
        operations.delete_landlord(in_a, anna, landlord)
    old.deleted_at = datetime.now(UTC) - DELETION_GRACE - timedelta(hours=1)
    db.session.commit()

    assert names(search_landlords(in_a, LandlordFilter())) == ["Kvar AB"]
    assert names(search_landlords(in_a, LandlordFilter(deleted=True))) == ["Länge sedan AB", "Nyss raderad AB"]
    assert [landlord.name for landlord in recently_deleted(in_a)] == ["Nyss raderad AB"]
    with pytest.raises(NotFound):
        get_landlord_or_404(in_a, recent.id)
    assert get_landlord_or_404(in_a, recent.id, include_deleted=True) is recent

    with pytest.raises(LandlordError, match="deleted too long ago"):
        operations.restore_landlord(in_a, anna, old)
    operations.restore_landlord(in_a, anna, recent)
    assert recent.deleted_at is None
    actions = [entry.action for entry in history_of(in_a, "landlords", recent.id)]
    assert actions == [Action.RESTORED, Action.DELETED, Action.CREATED]

    assert operations.purge_deleted(in_a) == 1
    assert [landlord.name for landlord in db.session.scalars(sa.select(Landlord).order_by(Landlord.name))] == [
        "Kvar AB",
        "Nyss raderad AB",
    ]
    assert kept.deleted_at is None


def test_purging_removes_contacts_and_stage_changes_but_the_history_stays(app, tenant_a):
    with working_in(app, tenant_a):
        landlord = register(tenant_a, company(contacts=[contact("Karin Ek")]))
        landlord_id = landlord.id
        operations.delete_landlord(tenant_a, user("coordinator_a"), landlord)
        now = datetime.now(UTC) + DELETION_GRACE + timedelta(days=1)
        assert operations.purge_deleted(tenant_a, now=now) == 1
    assert stored_landlords(app, tenant_a) == []
    with working_in(app, tenant_a):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StageChange)) == 0
        entries = db.session.scalars(sa.select(HistoryEntry.action).where(HistoryEntry.subject_id == landlord_id))
        assert set(entries) == {Action.CREATED, Action.DELETED}


def test_areas_of_a_page_are_loaded_in_one_query(in_a):
    for serial in range(1, 6):
        register(in_a, company(f"Hyresvärd {serial} AB", serial=serial, area_ids=area_ids("Bor", "Horda")))
    db.session.expire_all()
    page = search_landlords(in_a, LandlordFilter())
    statements = []

    def count(connection, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        load_areas(in_a, page.items)
        assert [[area.name for area in landlord.areas] for landlord in page.items] == [["Bor", "Horda"]] * 5
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1
