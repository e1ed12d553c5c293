"""Marking a household received, and how it is housed: the lease form and the landlord type the county counts."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from hemvist.extensions import db
from hemvist.history.models import HistoryEntry
from hemvist.households.demo import load_demo
from hemvist.households.models import Household, HouseholdStatus
from hemvist.households.operations import mark_received
from hemvist.landlords.models import LandlordType
from hemvist.leases.models import LeaseForm
from hemvist.quotas.models import Quota
from hemvist.tenancy import migrate
from hemvist.tenancy.binding import tenant_engine
from tests.households.conftest import add_household, household, stored_households
from tests.landlords.conftest import user, working_in

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def waiting(app, tenant_a) -> int:
    """A household assigned 20 days ago, not yet received."""
    return add_household(app, tenant_a, household("MIG-2026-0007", assigned_on=TODAY - timedelta(days=20)))


def page_of(household_id: int) -> str:
    return f"/varnamo/households/{household_id}/"


def receive(client, household_id: int, lang: str = "en", **fields):
    data = {"received_on": YESTERDAY.isoformat(), **fields}
    url = page_of(household_id)
    return client.submit(f"{url}received?lang={lang}", data, form_url=url)


def stored(app, tenant, household_id: int) -> Household:
    return next(h for h in stored_households(app, tenant) if h.id == household_id)


def history_changes(app, tenant, household_id: int) -> list[dict]:
    """The changes of every history entry of the household after its registration, oldest first."""
    with working_in(app, tenant):
        entries = db.session.scalars(
            sa.select(HistoryEntry)
            .where(HistoryEntry.subject_type == "households", HistoryEntry.subject_id == household_id)
            .order_by(HistoryEntry.id)
        )
        return [entry.changes for entry in entries][1:]


def errors(page: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r'<p class="field__error" id="[^"]+">([^<]*)</p>', page)]


def selected(page: str, name: str) -> str | None:
    """The value of the option chosen in the select ``name``."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, name
    chosen = re.search(r'<option selected value="([^"]*)"', select.group(1))
    return chosen.group(1) if chosen else None


def test_the_form_offers_both_with_not_stated_first(login, waiting):
    page = login("coordinator_a").get(page_of(waiting) + "?lang=en").get_data(as_text=True)
    assert '<option selected value="">Not stated</option><option value="first_hand_open_ended">' in page
    assert '<option selected value="">Not stated</option><option value="municipal_housing_company">' in page
    assert "Transitional home" in page and "The municipality itself" in page
    # Nothing about the housing is shown until the household is received.
    assert "<dt>Lease form</dt>" not in page


def test_marking_received_stores_the_housing_and_records_it(app, login, tenant_a, waiting):
    anna = login("coordinator_a")
    response = receive(anna, waiting, lease_form="sublease", landlord_type="municipality")
    assert response.status_code == 302 and response.headers["Location"].endswith(page_of(waiting) + "#reception")
    household = stored(app, tenant_a, waiting)
    assert household.received_on == YESTERDAY
    assert household.lease_form is LeaseForm.SUBLEASE and household.landlord_type is LandlordType.MUNICIPALITY
    assert household.status is HouseholdStatus.WAITING
    assert history_changes(app, tenant_a, waiting) == [
        {
            "received_on": [None, YESTERDAY.isoformat()],
            "lease_form": [None, "sublease"],
            "landlord_type": [None, "municipality"],
        }
    ]
    page = anna.get(page_of(waiting) + "?lang=en").get_data(as_text=True)
    assert "The household is marked as received." in page
    assert "<dt>Lease form</dt>\n    <dd>Sublease: the municipality holds the lease</dd>" in page
    assert "<dt>Landlord</dt>\n    <dd>The municipality itself</dd>" in page
    assert "Lease form from Not stated to Sublease: the municipality holds the lease" in page
    assert "Landlord from Not stated to The municipality itself" in page
    assert selected(page, "lease_form") == "sublease" and selected(page, "landlord_type") == "municipality"
    assert "Change the reception" in page


def test_marking_received_again_changes_the_housing_and_records_only_what_changed(app, login, tenant_a, waiting):
    anna = login("coordinator_a")
    assert receive(anna, waiting, lease_form="sublease", landlord_type="municipality").status_code == 302
    response = receive(anna, waiting, lease_form="first_hand_open_ended", landlord_type="municipality")
    assert response.status_code == 302
    household = stored(app, tenant_a, waiting)
    assert household.lease_form is LeaseForm.FIRST_HAND_OPEN_ENDED and household.received_on == YESTERDAY
    assert history_changes(app, tenant_a, waiting)[1:] == [{"lease_form": ["sublease", "first_hand_open_ended"]}]
    page = anna.get(page_of(waiting) + "?lang=en").get_data(as_text=True)
    assert "Your changes are saved." in page
    assert "Lease form from Sublease: the municipality holds the lease to First-hand lease, open-ended" in page
    # The same again changes nothing and records nothing.
    assert receive(anna, waiting, lease_form="first_hand_open_ended", landlord_type="municipality").status_code == 302
    assert len(history_changes(app, tenant_a, waiting)) == 2
    # Back to not stated: stored empty, and said so in the history.
    assert receive(anna, waiting, lease_form="", landlord_type="municipality").status_code == 302
    assert stored(app, tenant_a, waiting).lease_form is None
    page = anna.get(page_of(waiting) + "?lang=en").get_data(as_text=True)
    assert "Lease form from First-hand lease, open-ended to Not stated" in page


@pytest.mark.parametrize("fields", [{"lease_form": "", "landlord_type": ""}, {}])
def test_not_stated_stays_empty(app, login, tenant_a, waiting, fields):
    anna = login("coordinator_a")
    assert receive(anna, waiting, **fields).status_code == 302
    household = stored(app, tenant_a, waiting)
    assert household.received_on == YESTERDAY
    assert household.lease_form is None and household.landlord_type is None
    assert history_changes(app, tenant_a, waiting) == [{"received_on": [None, YESTERDAY.isoformat()]}]
    page = anna.get(page_of(waiting) + "?lang=en").get_data(as_text=True)
    assert "<dt>Lease form</dt>\n    <dd>Not stated</dd>" in page
    assert "<dt>Landlord</dt>\n    <dd>Not stated</dd>" in page
    assert "Lease form from" not in page


def test_a_read_only_member_sees_the_housing_but_no_form(app, login, tenant_a):
    household_id = add_household(
        app,
        tenant_a,
        household("MIG-2026-0008", assigned_on=TODAY - timedelta(days=30)),
        received_on=YESTERDAY,
        lease_form=LeaseForm.LODGER,
        landlord_type=LandlordType.PRIVATE_PERSON,
    )
    page = login("read_only_a").get(page_of(household_id) + "?lang=en").get_data(as_text=True)
    assert "<dd>Lodger</dd>" in page and "<dd>Private person</dd>" in page
    assert 'name="lease_form"' not in page


def translated(app, lang: str, message: str) -> str:
    with app.test_request_context("/"), force_locale(lang):
        return _(message)


BAD = {
    "lease_form": ("castle", "Choose a lease form from the list."),
    "lease_form-case": ("SUBLEASE", "Choose a lease form from the list."),
    "landlord_type": ("the king", "Choose a kind of landlord from the list."),
    "landlord_type-label": ("Private person", "Choose a kind of landlord from the list."),
}


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("case", sorted(BAD))
def test_an_unknown_value_is_refused_nothing_is_saved_and_what_was_typed_is_kept(
    app, login, tenant_a, waiting, case, lang
):
    name = case.split("-")[0]
    value, message = BAD[case]
    other = "landlord_type" if name == "lease_form" else "lease_form"
    other_value = "private_company" if other == "landlord_type" else "lodger"
    typed = (TODAY - timedelta(days=5)).isoformat()
    anna = login("coordinator_a")
    response = receive(anna, waiting, lang, received_on=typed, **{name: value, other: other_value})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert errors(page) == [translated(app, lang, message)]
    assert f'value="{typed}"' in page and selected(page, other) == other_value
    household = stored(app, tenant_a, waiting)
    assert household.received_on is None and household.lease_form is None and household.landlord_type is None
    assert history_changes(app, tenant_a, waiting) == []


def test_in_swedish_the_lease_form_error_reads_as_the_catalogue_has_it(login, waiting):
    page = receive(login("coordinator_a"), waiting, "sv", lease_form="slott").get_data(as_text=True)
    assert errors(page) == ["Välj en kontraktsform i listan."]


def test_a_refused_date_saves_no_housing_either(app, login, tenant_a, waiting):
    anna = login("coordinator_a")
    before = (TODAY - timedelta(days=30)).isoformat()  # before the assignment
    response = receive(anna, waiting, received_on=before, lease_form="lodger", landlord_type="private_person")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "The household cannot be received before it was assigned." in errors(page)
    assert selected(page, "lease_form") == "lodger" and selected(page, "landlord_type") == "private_person"
    household = stored(app, tenant_a, waiting)
    assert household.received_on is None and household.lease_form is None
    assert history_changes(app, tenant_a, waiting) == []


def test_a_refused_reception_lands_at_the_reception_form_not_at_the_top(login, waiting):
    """The forms' actions carry their section's fragment, which a browser keeps for the page the POST
    answers with: the person lands at the error, not at the top of a long page."""
    anna = login("coordinator_a")
    url = page_of(waiting)
    page = anna.get(url).get_data(as_text=True)
    assert f'action="{url}received#reception"' in page and 'id="reception"' in page
    assert f'action="{url}status#status-section"' in page and 'id="status-section"' in page
    response = receive(anna, waiting, received_on=(TODAY + timedelta(days=3)).isoformat())
    assert response.status_code == 400
    answer = response.get_data(as_text=True)
    landing = answer.index('id="reception"')
    assert landing < answer.index('class="error-summary"', landing) < answer.index(f'action="{url}received#reception"')


@pytest.mark.parametrize(
    "data",
    [
        {"lease_form": ["sublease", "castle"], "landlord_type": ["x", "municipality"]},
        {"lease_form": "\x00", "landlord_type": "ä" * 300},
        {"received_on": "", "lease_form": "", "landlord_type": ""},
        {"lease_form": "sublease"},
    ],
)
def test_malformed_posts_get_a_page(app, login, tenant_a, waiting, data):
    url = page_of(waiting)
    response = login("coordinator_a").submit(url + "received", data, form_url=url)
    assert response.status_code in (302, 400)


def test_the_operation_commits_once_with_one_history_entry(app, tenant_a, waiting):
    commits = []

    def count(session):
        commits.append(session)

    sa.event.listen(sa.orm.Session, "after_commit", count)
    try:
        with working_in(app, tenant_a):
            stored_household = db.session.get(Household, waiting)
            mark_received(
                tenant_a,
                user("coordinator_a"),
                stored_household,
                YESTERDAY,
                lease_form=LeaseForm.TRANSITIONAL_HOME,
                landlord_type=LandlordType.MUNICIPAL_HOUSING_COMPANY,
            )
    finally:
        sa.event.remove(sa.orm.Session, "after_commit", count)
    assert len(commits) == 1
    assert history_changes(app, tenant_a, waiting) == [
        {
            "received_on": [None, YESTERDAY.isoformat()],
            "lease_form": [None, "transitional_home"],
            "landlord_type": [None, "municipal_housing_company"],
        }
    ]


def test_the_operation_stores_not_stated_by_default(app, tenant_a, waiting):
    with working_in(app, tenant_a):
        mark_received(tenant_a, user("coordinator_a"), db.session.get(Household, waiting), YESTERDAY)
    household = stored(app, tenant_a, waiting)
    assert household.received_on == YESTERDAY and household.lease_form is None and household.landlord_type is None


def test_another_municipality_cannot_mark_it(app, login, tenant_a, waiting):
    johan = login("coordinator_b")
    response = johan.submit(
        f"/gislaved/households/{waiting}/received",
        {"received_on": YESTERDAY.isoformat(), "lease_form": "sublease"},
        form_url="/gislaved/",
    )
    assert response.status_code == 404
    assert stored(app, tenant_a, waiting).lease_form is None


def test_the_demo_houses_its_received_households_plausibly(app, tenant_a):
    with working_in(app, tenant_a):
        db.session.add_all([Quota(year=2016, persons=101), Quota(year=2017, persons=120)])
        db.session.add(Quota(year=TODAY.year, persons=31))
        db.session.commit()
        load_demo(tenant_a, {})
        db.session.commit()
        households = list(db.session.scalars(sa.select(Household)))
        received = [h for h in households if h.received_on]
        housing = [(h.lease_form, h.landlord_type) for h in received]
        assert all(h.lease_form is None and h.landlord_type is None for h in households if not h.received_on)
        assert housing.count((LeaseForm.LODGER, LandlordType.PRIVATE_PERSON)) == 1
        assert sum(form is LeaseForm.LODGER for form, _kind in housing) == 1
        assert sum(form is LeaseForm.TRANSITIONAL_HOME for form, _kind in housing) == 1
        assert 1 <= housing.count((None, None)) <= 2
        assert all((form is None) == (kind is None) for form, kind in housing)
        first_hand = [kind for form, kind in housing if form is LeaseForm.FIRST_HAND_OPEN_ENDED]
        assert len(first_hand) > len(received) / 2
        assert {LandlordType.PRIVATE_COMPANY, LandlordType.MUNICIPAL_HOUSING_COMPANY} <= set(first_hand)
        assert (LeaseForm.SUBLEASE, LandlordType.MUNICIPALITY) in housing
        # The rarer kinds are among this year's and last receptions, where the current figures show them.
        rare = [h for h in received if h.lease_form in (LeaseForm.LODGER, LeaseForm.TRANSITIONAL_HOME, None)]
        assert all(h.counts_against_quota for h in rare)
        snapshot = sorted((h.reference, h.lease_form, h.landlord_type) for h in households)
        db.session.execute(sa.delete(Household))
        db.session.commit()
        load_demo(tenant_a, {})
        db.session.commit()
        again = sorted((h.reference, h.lease_form, h.landlord_type) for h in db.session.scalars(sa.select(Household)))
        assert again == snapshot


def test_households_migrated_from_before_keep_their_data_and_have_no_housing_stated(app, tenant_a):
    household_id = add_household(
        app,
        tenant_a,
        household("MIG-2016-0001", assigned_on=date(2016, 3, 1)),
        received_on=date(2016, 4, 1),
        lease_form=LeaseForm.SUBLEASE,
        landlord_type=LandlordType.MUNICIPALITY,
    )
    with app.app_context():
        db.session.remove()
        migrate.downgrade_tenant(db.engine, tenant_a.schema, "t0007")
        with tenant_engine(db.engine, tenant_a.schema).connect() as connection:
            inspector = sa.inspect(connection)
            columns = {column["name"] for column in inspector.get_columns("households", schema=tenant_a.schema)}
        assert "lease_form" not in columns and "landlord_type" not in columns
        migrate.upgrade_tenant(db.engine, tenant_a.schema)
    migrated = stored(app, tenant_a, household_id)
    assert migrated.received_on == date(2016, 4, 1) and migrated.reference == "MIG-2016-0001"
    assert migrated.lease_form is None and migrated.landlord_type is None
    # The CHECK constraints are back: a value outside the lists is refused by the database itself.
    with working_in(app, tenant_a), pytest.raises(sa.exc.IntegrityError):
        table = Household.__table__
        # A literal, past the model's own check of the value.
        db.session.execute(
            sa.update(table)
            .where(table.c.id == household_id)
            .values({table.c.lease_form: sa.literal_column("'castle'")})
        )
