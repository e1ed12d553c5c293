"""Moving on: marking a housed household, its wish and barriers, the move or the give-up, and the report."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.history.models import HistoryEntry
from hemvist.households import moving_on
from hemvist.households.demo import load_demo
from hemvist.households.models import Barrier, Household, HouseholdStatus
from hemvist.households.moving_on_report import moving_on_report
from hemvist.households.operations import HouseholdError
from tests.households.conftest import add_household, household
from tests.landlords.conftest import user, working_in

TODAY = date.today()
LAST_YEAR = TODAY.year - 1


def housed(app, tenant, reference: str, **fields) -> int:
    data = household(reference, assigned_on=TODAY - timedelta(days=400))
    values = {"status": HouseholdStatus.HOUSED, "received_on": TODAY - timedelta(days=350), **fields}
    return add_household(app, tenant, data, **values)


def entries_of(app, tenant, household_id: int) -> list[dict]:
    with working_in(app, tenant):
        return list(
            db.session.scalars(
                sa.select(HistoryEntry.changes)
                .where(HistoryEntry.subject_type == "households", HistoryEntry.subject_id == household_id)
                .order_by(HistoryEntry.id)
            )
        )


def stored(app, tenant, household_id: int) -> Household:
    with working_in(app, tenant):
        found = db.session.get(Household, household_id)
        db.session.expunge(found)
        return found


@pytest.fixture
def family(app, tenant_a) -> int:
    return housed(app, tenant_a, "HOUSED-1")


# Operations


def test_the_operations_record_each_step_in_the_history(app, tenant_a, family):
    with working_in(app, tenant_a):
        anna, found = user("coordinator_a"), db.session.get(Household, family)
        moving_on.mark_moving_on(tenant_a, anna, found, "a bigger home")
        moving_on.update_moving_on(tenant_a, anna, found, "a bigger home", [Barrier.TRANSPORT, Barrier.CAR])
        moving_on.update_moving_on(tenant_a, anna, found, "a bigger home", [Barrier.CAR, Barrier.TRANSPORT])
        moving_on.mark_moved(tenant_a, anna, found, TODAY - timedelta(days=2))
    after = stored(app, tenant_a, family)
    assert after.status is HouseholdStatus.MOVED_ON and not after.moving_on
    assert after.barriers == ["car", "transport"]  # kept, in the list's order
    history = entries_of(app, tenant_a, family)[1:]  # after the registration
    assert history == [
        {"moving_on": [False, True], "moving_on_wish": ["", "a bigger home"]},
        {"barriers": [[], ["car", "transport"]]},  # the same barriers again: nothing recorded
        {
            "status": ["housed", "moved_on"],
            "moving_on": [True, False],
            "moved_on": [None, (TODAY - timedelta(days=2)).isoformat()],
            "barriers_at_move": [None, ["car", "transport"]],
        },
    ]


def test_giving_up_clears_the_candidacy_and_the_history_keeps_the_barriers(app, tenant_a, family):
    with working_in(app, tenant_a):
        anna, found = user("coordinator_a"), db.session.get(Household, family)
        moving_on.mark_moving_on(tenant_a, anna, found, "closer to work in Gislaved")
        moving_on.update_moving_on(tenant_a, anna, found, "closer to work in Gislaved", [Barrier.RENT])
        moving_on.stop_moving_on(tenant_a, anna, found)
    after = stored(app, tenant_a, family)
    assert after.status is HouseholdStatus.HOUSED
    assert (after.moving_on, after.moving_on_wish, after.barriers) == (False, "", [])
    assert entries_of(app, tenant_a, family)[-1] == {
        "moving_on": [True, False],
        "moving_on_wish": ["closer to work in Gislaved", ""],
        "barriers": [["rent"], []],
    }


@pytest.mark.parametrize(
    ("status", "candidate", "step", "message"),
    [
        (HouseholdStatus.WAITING, False, "mark", "Only a housed household can be marked as moving on."),
        (HouseholdStatus.MOVED_ON, False, "mark", "Only a housed household can be marked as moving on."),
        (HouseholdStatus.HOUSED, True, "mark", "The household is already marked as moving on."),
        (HouseholdStatus.HOUSED, False, "update", "The household is not marked as moving on."),
        (HouseholdStatus.HOUSED, False, "moved", "The household is not marked as moving on."),
        (HouseholdStatus.HOUSED, False, "stop", "The household is not marked as moving on."),
        (HouseholdStatus.HOUSED, True, "future", "The date of the move cannot be in the future."),
        (HouseholdStatus.HOUSED, True, "early", "The household cannot move on before it was received."),
        (HouseholdStatus.HOUSED, False, "long", "At most 200 characters."),
    ],
)
def test_the_operations_refuse_what_makes_no_sense(app, tenant_a, status, candidate, step, message):
    household_id = housed(app, tenant_a, "ODD", status=status, moving_on=candidate)
    with working_in(app, tenant_a):
        anna, found = user("coordinator_a"), db.session.get(Household, household_id)
        steps = {
            "mark": lambda: moving_on.mark_moving_on(tenant_a, anna, found, "bigger"),
            "update": lambda: moving_on.update_moving_on(tenant_a, anna, found, "bigger", []),
            "moved": lambda: moving_on.mark_moved(tenant_a, anna, found, TODAY),
            "stop": lambda: moving_on.stop_moving_on(tenant_a, anna, found),
            "future": lambda: moving_on.mark_moved(tenant_a, anna, found, TODAY + timedelta(days=1)),
            "early": lambda: moving_on.mark_moved(tenant_a, anna, found, TODAY - timedelta(days=360)),
            "long": lambda: moving_on.mark_moving_on(tenant_a, anna, found, "x" * 201),
        }
        with pytest.raises(HouseholdError, match=message):
            steps[step]()
        db.session.rollback()
    assert len(entries_of(app, tenant_a, household_id)) == 1  # only the registration


# Forms and pages


def test_a_coordinator_marks_records_barriers_and_the_move_through_the_forms(app, login, tenant_a, family):
    anna = login("coordinator_a")
    url = f"/varnamo/households/{family}/"
    page = anna.get(url + "?lang=en").get_data(as_text=True)
    assert "Mark as moving on" in page
    response = anna.submit(url + "moving-on", {"moving_on_wish": "  a  bigger home "}, form_url=url)
    assert response.status_code == 302 and response.headers["Location"].endswith(url + "#moving-on")
    response = anna.submit(
        url + "moving-on/update",
        {"moving_on_wish": "a bigger home in Bor", "barriers": ["car", "transport"]},
        form_url=url,
    )
    assert response.status_code == 302
    page = anna.get(url + "?lang=en").get_data(as_text=True)
    assert f"Marked as moving on since {TODAY.day} {TODAY.strftime('%B')} {TODAY.year}." in page
    assert "No car, Poor public transport" in page and "a bigger home in Bor" in page
    response = anna.submit(url + "moving-on/moved", {"moved_on": TODAY.isoformat()}, form_url=url)
    assert response.status_code == 302
    after = stored(app, tenant_a, family)
    assert after.status is HouseholdStatus.MOVED_ON and after.moving_on_wish == "a bigger home in Bor"
    page = anna.get(url + "?lang=en").get_data(as_text=True)
    assert "Barriers met before the move: No car, Poor public transport." in page
    assert "Mark as moving on" not in page


@pytest.mark.parametrize(
    ("address", "data", "message"),
    [
        ("moving-on", {"moving_on_wish": ""}, "Say what the household wishes for"),
        ("moving-on", {"moving_on_wish": "ä" * 201}, "At most 200 characters."),
        (
            "moving-on/update",
            {"moving_on_wish": "bigger", "barriers": ["car", "boat"]},
            "Choose barriers from the list.",
        ),
        ("moving-on/moved", {"moved_on": "igår"}, "Enter a date as year-month-day"),
        ("moving-on/moved", {"moved_on": ""}, "Enter the date of the move."),
        ("moving-on/moved", {"moved_on": (TODAY + timedelta(days=3)).isoformat()}, "cannot be in the future"),
        ("moving-on/moved", {"moved_on": (TODAY - timedelta(days=360)).isoformat()}, "before it was received"),
    ],
)
def test_bad_input_is_refused_with_the_typed_values_kept(app, login, tenant_a, address, data, message):
    candidate = not address.endswith("moving-on")
    household_id = housed(app, tenant_a, "ODD", moving_on=candidate, moving_on_wish="bigger" if candidate else "")
    url = f"/varnamo/households/{household_id}/"
    response = login("coordinator_a").submit(f"{url}{address}?lang=en", data, form_url=url)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    for value in data.values():
        if isinstance(value, str) and value:
            assert f'value="{value}"' in page
    assert stored(app, tenant_a, household_id).moving_on is candidate
    assert len(entries_of(app, tenant_a, household_id)) == 1


def test_a_refusal_of_the_operation_is_shown_on_the_page(app, login, tenant_a, family):
    url = f"/varnamo/households/{family}/"
    anna = login("coordinator_a")
    response = anna.submit(url + "moving-on/stop?lang=en", {}, form_url=url)
    assert response.status_code == 400
    assert "The household is not marked as moving on." in response.get_data(as_text=True)


def test_a_read_only_member_sees_the_candidacy_but_cannot_change_it(app, login, tenant_a):
    household_id = housed(app, tenant_a, "READ", moving_on=True, moving_on_wish="bigger", barriers=["rent"])
    url = f"/varnamo/households/{household_id}/"
    lisa = login("read_only_a")
    page = lisa.get(url + "?lang=en").get_data(as_text=True)
    assert "Rent too high" in page and "bigger" in page
    assert "moving-on/moved" not in page and "moving-on/update" not in page
    for address, data in [
        ("moving-on", {"moving_on_wish": "x"}),
        ("moving-on/update", {"moving_on_wish": "x", "barriers": ["car"]}),
        ("moving-on/moved", {"moved_on": TODAY.isoformat()}),
        ("moving-on/stop", {}),
    ]:
        assert lisa.submit(url + address, data, form_url=url).status_code == 403
    assert lisa.get("/varnamo/households/moving-on/").status_code == 200
    assert stored(app, tenant_a, household_id).moving_on is True


def test_a_get_on_the_action_addresses_leads_back_to_the_page(login, family):
    anna = login("coordinator_a")
    for suffix in ("moving-on", "moving-on/update", "moving-on/moved", "moving-on/stop"):
        response = anna.get(f"/varnamo/households/{family}/{suffix}")
        assert response.status_code == 302 and response.headers["Location"].endswith("#moving-on")


def test_another_municipality_gets_404_for_the_household(login, family):
    johan = login("coordinator_b")
    for suffix in ("moving-on", "moving-on/update", "moving-on/moved", "moving-on/stop"):
        response = johan.submit(
            f"/gislaved/households/{family}/{suffix}", {"moving_on_wish": "x"}, form_url="/gislaved/"
        )
        assert response.status_code == 404
    assert johan.get("/varnamo/households/moving-on/").status_code == 403


def test_the_page_never_fails_without_the_matching_feature(app, login, tenant_a):
    household_id = housed(app, tenant_a, "LINK", moving_on=True, moving_on_wish="bigger")
    page = login("coordinator_a").get(f"/varnamo/households/{household_id}/?lang=en")
    assert page.status_code == 200
    linked = "matching.household" in app.view_functions
    assert ("Homes suggested for this household" in page.get_data(as_text=True)) is linked


# The report


@pytest.fixture
def history(app, tenant_a):
    """Four candidacies through the operations: two moves (this year, last year), a give-up, one still on."""
    ids = {name: housed(app, tenant_a, name) for name in ("MOVED-NOW", "MOVED-BEFORE", "GAVE-UP", "STILL", "PLAIN")}
    steps = {
        "MOVED-NOW": ([Barrier.CAR, Barrier.TRANSPORT], TODAY),
        "MOVED-BEFORE": ([Barrier.RENT], date(LAST_YEAR, 6, 1)),
        "GAVE-UP": ([Barrier.CAR, Barrier.TRANSPORT, Barrier.DISTANCE], None),
        "STILL": ([Barrier.CAR, Barrier.LICENCE], "still"),
    }
    with working_in(app, tenant_a):
        anna = user("coordinator_a")
        for name, (barriers, outcome) in steps.items():
            found = db.session.get(Household, ids[name])
            if name == "MOVED-BEFORE":
                found.received_on = date(LAST_YEAR - 1, 1, 1)
            moving_on.mark_moving_on(tenant_a, anna, found, f"wish of {name}")
            moving_on.update_moving_on(tenant_a, anna, found, f"wish of {name}", barriers)
            if outcome is None:
                moving_on.stop_moving_on(tenant_a, anna, found)
            elif outcome != "still":
                moving_on.mark_moved(tenant_a, anna, found, outcome)
        # The give-up household tries again and is a candidate now, with one barrier.
        again = db.session.get(Household, ids["GAVE-UP"])
        moving_on.mark_moving_on(tenant_a, anna, again, "second try")
        moving_on.update_moving_on(tenant_a, anna, again, "second try", [Barrier.TRANSPORT])
    return ids


def test_the_report_counts_as_a_hand_count_does(app, tenant_a, history):
    with working_in(app, tenant_a):
        report = moving_on_report(tenant_a)
        assert [c.household.reference for c in report.candidates] == ["GAVE-UP", "STILL"]
        assert all(c.since == TODAY for c in report.candidates)
        assert [(y.year, y.moves) for y in report.years] == [(TODAY.year, 1), (LAST_YEAR, 1)]
        now, before = report.years
        assert {b: n for b, n in now.barriers.items() if n} == {Barrier.CAR: 1, Barrier.TRANSPORT: 1}
        assert {b: n for b, n in before.barriers.items() if n} == {Barrier.RENT: 1}
        assert {c.barrier: (c.candidates, c.gave_up) for c in report.blocking} == {
            Barrier.CAR: (1, 1),  # STILL; GAVE-UP's first try
            Barrier.LICENCE: (1, 0),
            Barrier.TRANSPORT: (1, 1),  # GAVE-UP's second try; its first
            Barrier.RENT: (0, 0),
            Barrier.DISTANCE: (0, 1),
        }
        assert report.gave_up == 1


def test_the_report_page_shows_every_figure_in_a_table(login, history):
    page = login("read_only_a").get("/varnamo/households/moving-on/?lang=en").get_data(as_text=True)
    assert page.count("<table") == 3
    assert "wish of STILL" in page and "No car, No driving licence" in page
    candidates = page[page.index("moving-on-candidates") : page.index("</table>")]
    assert "MOVED-NOW" not in candidates and "PLAIN" not in candidates
    moves = page[page.index("moving-on-moves") :]
    moves = moves[: moves.index("</table>")]
    assert f'<th scope="row">{TODAY.year}</th>' in moves and f'<th scope="row">{LAST_YEAR}</th>' in moves
    listing = login("read_only_a").get("/varnamo/households/?lang=en").get_data(as_text=True)
    assert 'href="/varnamo/households/moving-on/"' in listing


def test_an_empty_report_says_so(login):
    page = login("coordinator_a").get("/varnamo/households/moving-on/?lang=en").get_data(as_text=True)
    assert "No household is marked as moving on." in page and "No move has been recorded yet." in page


# The demo


def test_the_demo_has_candidates_and_moves_this_year_and_last_and_loads_once(app, tenant_a):
    with working_in(app, tenant_a):
        load_demo(tenant_a, {})
        db.session.commit()
        first = moving_on_report(tenant_a)
        load_demo(tenant_a, {})
        db.session.commit()
        again = moving_on_report(tenant_a)
        assert len(first.candidates) >= 3
        assert [c.household.reference for c in first.candidates] == [c.household.reference for c in again.candidates]
        assert {y.year for y in first.years} >= {TODAY.year, LAST_YEAR}
        blocking = {c.barrier: c.candidates for c in first.blocking}
        assert blocking[Barrier.CAR] >= 2 and blocking[Barrier.TRANSPORT] >= 2 and blocking[Barrier.RENT] >= 1
        assert all(c.household.status is HouseholdStatus.HOUSED for c in first.candidates)


def test_a_household_no_longer_housed_is_no_longer_moving_on(app, tenant_a, family):
    from hemvist.households.operations import change_status

    with working_in(app, tenant_a):
        moving_on.mark_moving_on(tenant_a, user("coordinator_a"), db.session.get(Household, family), "a bigger home")
    with working_in(app, tenant_a):
        change_status(tenant_a, user("coordinator_a"), db.session.get(Household, family), HouseholdStatus.WAITING)
    assert stored(app, tenant_a, family).moving_on is False
    assert entries_of(app, tenant_a, family)[-1] == {"status": ["housed", "waiting"], "moving_on": [True, False]}
