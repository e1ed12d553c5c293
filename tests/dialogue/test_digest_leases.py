"""The digest's lease reminders and each member's setting: every day, on Mondays, never; nothing due, no mail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hemvist.auth.models import ReminderFrequency
from hemvist.extensions import db
from hemvist.leases import operations
from hemvist.leases.models import LeaseForm
from hemvist.leases.operations import LeaseData
from hemvist.offers.models import Offer
from tests.conftest import USERS
from tests.dialogue.conftest import TODAY, user
from tests.dialogue.test_digest import BASE_URL, body, follow_up, mailbox  # noqa: F401 (a fixture)
from tests.leases.conftest import accepted_offer, working_in

MONDAY = date(2025, 6, 16)
assert TODAY.weekday() == 2 and MONDAY.weekday() == 0


def sublease(app, tenant, reference, *, planned, coordinator="coordinator_a", starts_on=None, waived=None, **extra):
    ids = accepted_offer(app, tenant, reference=reference, landlord_name=f"Värd {reference}", coordinator=coordinator)
    with working_in(app, tenant):
        data = LeaseData(LeaseForm.SUBLEASE, starts_on or TODAY - timedelta(days=100), 6000, planned, waived)
        return operations.create_lease(tenant, user("unit_admin_a"), db.session.get(Offer, ids.offer), data).id


def set_reminders(app, key: str, frequency: ReminderFrequency) -> None:
    with app.app_context():
        person = user(key)
        person.reminders = frequency
        db.session.commit()


def send(app, day=TODAY):
    return app.test_cli_runner().invoke(args=["followups", "send-digest", "--date", day.isoformat()])


@pytest.fixture
def due_leases(app, tenant_a, tenant_b):
    ids = {
        "SOON": sublease(app, tenant_a, "SOON", planned=TODAY + timedelta(days=14)),
        "LATE": sublease(app, tenant_a, "LATE", planned=TODAY - timedelta(days=3)),
        "FAR": sublease(app, tenant_a, "FAR", planned=TODAY + timedelta(days=15)),  # not yet: no reminder
        # Two years on 2025-08-01: within 60 days of TODAY, no waiver recorded.
        "TWO-YEARS": sublease(
            app, tenant_a, "TWO-YEARS", planned=TODAY + timedelta(days=200), starts_on=date(2023, 8, 1)
        ),
        "WAIVED": sublease(
            app, tenant_a, "WAIVED", planned=TODAY + timedelta(days=200), starts_on=date(2023, 8, 1), waived=True
        ),
        "NOBODY": sublease(app, tenant_a, "NOBODY", planned=TODAY + timedelta(days=2), coordinator=None),
        "GISLAVED": sublease(app, tenant_b, "GISLAVED", planned=TODAY, coordinator="coordinator_b"),
    }
    return ids


def test_each_coordinator_is_reminded_of_their_households_leases(app, mailbox, due_leases):  # noqa: F811
    result = send(app)
    assert result.exit_code == 0, result.output
    [anna] = mailbox.to("coordinator_a")
    text, html = body(anna)
    for part in (text, html):
        assert "SOON" in part and "LATE" in part and "TWO-YEARS" in part
        assert "FAR" not in part and "WAIVED" not in part and "NOBODY" not in part and "GISLAVED" not in part
    assert f"{BASE_URL}/varnamo/leases/{due_leases['LATE']}/" in text
    assert f"{BASE_URL}/varnamo/leases/transfers" in text
    # A household without a coordinator: the unit's administrators are reminded.
    [omar] = mailbox.to("unit_admin_a")
    assert "NOBODY" in body(omar)[0] and "SOON" not in body(omar)[0]
    [johan] = mailbox.to("coordinator_b")
    assert "GISLAVED" in body(johan)[0] and "Värnamo" not in body(johan)[0]
    assert mailbox.to("read_only_a") == [] and mailbox.to("unit_admin_b") == []


def test_weekly_on_mondays_only_and_never_means_never(app, mailbox, due_leases):  # noqa: F811
    set_reminders(app, "coordinator_a", ReminderFrequency.WEEKLY)
    set_reminders(app, "unit_admin_a", ReminderFrequency.NEVER)
    send(app)  # a Wednesday
    assert mailbox.to("coordinator_a") == [] and mailbox.to("unit_admin_a") == []
    assert len(mailbox.to("coordinator_b")) == 1  # daily, the default
    send(app, MONDAY)
    assert len(mailbox.to("coordinator_a")) == 1
    assert mailbox.to("unit_admin_a") == []
    assert "Mondays" in body(mailbox.to("coordinator_a")[0])[0] or "måndag" in body(mailbox.to("coordinator_a")[0])[0]


def test_never_also_silences_the_follow_ups(app, mailbox, tenant_a):  # noqa: F811
    from tests.dialogue.conftest import new_landlord

    follow_up(app, tenant_a, new_landlord(app, tenant_a), "coordinator_a", 0)
    set_reminders(app, "coordinator_a", ReminderFrequency.NEVER)
    send(app)
    assert mailbox.messages == []


def test_nothing_due_sends_nothing(app, mailbox, tenant_a):  # noqa: F811
    sublease(app, tenant_a, "FAR", planned=TODAY + timedelta(days=40))
    result = send(app)
    assert result.exit_code == 0 and "0 e-mails sent" in result.output
    assert mailbox.messages == []


def test_follow_ups_and_leases_come_in_one_mail(app, mailbox, tenant_a):  # noqa: F811
    from tests.dialogue.conftest import new_landlord

    follow_up(app, tenant_a, new_landlord(app, tenant_a, name="Tallmons Fastigheter AB"), "coordinator_a", 0)
    sublease(app, tenant_a, "SOON", planned=TODAY + timedelta(days=5))
    send(app)
    [anna] = mailbox.to("coordinator_a")
    assert "Tallmons Fastigheter AB" in body(anna)[0] and "SOON" in body(anna)[0]
    assert USERS["coordinator_a"].email in anna["To"]
