"""Workers keep active municipalities for a few seconds; the cache never answers another municipality."""

from __future__ import annotations

import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.tenancy import web
from hemvist.tenancy.models import Municipality, TenantStatus
from hemvist.tenancy.operations import set_status


def suspend_elsewhere(app, tenant) -> None:
    """What another process (``flask tenants sync``, another worker) does: no ORM event reaches this one."""
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(
            sa.update(Municipality.__table__)
            .where(Municipality.__table__.c.id == tenant.id)
            .values(status=TenantStatus.SUSPENDED.value)
        )


class Clock:
    """The cache's clock, moved by the test (no test here waits for real time to pass)."""

    def __init__(self, monkeypatch):
        self.now = 1000.0
        monkeypatch.setattr(web.time, "monotonic", lambda: self.now)


def test_each_slug_resolves_to_its_own_municipality_while_cached(app, login, tenant_a, tenant_b):
    sara = login("two_workspaces")
    for _ in range(2):  # the second round comes from the cache
        assert "Värnamo" in sara.get("/varnamo/").get_data(as_text=True)
        assert "Gislaved" in sara.get("/gislaved/").get_data(as_text=True)
    with app.test_request_context("/"):
        assert web.find_tenant("varnamo") == tenant_a
        assert web.find_tenant("gislaved") == tenant_b
    # Membership is checked on every request, whatever the cache holds.
    anna = login("coordinator_a")
    assert anna.get("/varnamo/").status_code == 200
    assert anna.get("/gislaved/").status_code == 403


def test_a_suspension_in_this_process_takes_effect_at_once(app, login, tenant_b):
    johan = login("coordinator_b")
    assert johan.get("/gislaved/").status_code == 200
    with app.app_context():
        set_status(db.session.get(Municipality, tenant_b.id), TenantStatus.SUSPENDED)
    assert johan.get("/gislaved/").status_code == 404


def test_a_suspension_elsewhere_is_seen_within_the_cache_time(app, login, monkeypatch, tenant_b):
    assert app.config["TENANT_CACHE_SECONDS"] == 5
    clock = Clock(monkeypatch)
    johan = login("coordinator_b")
    assert johan.get("/gislaved/").status_code == 200
    suspend_elsewhere(app, tenant_b)
    clock.now += 4.9
    assert johan.get("/gislaved/").status_code == 200  # the worker has not looked again yet
    clock.now += 0.1
    assert johan.get("/gislaved/").status_code == 404


def test_no_cache_when_the_time_is_zero(app, login, tenant_b):
    app.config["TENANT_CACHE_SECONDS"] = 0
    johan = login("coordinator_b")
    assert johan.get("/gislaved/").status_code == 200
    suspend_elsewhere(app, tenant_b)
    assert johan.get("/gislaved/").status_code == 404


def test_the_cache_is_kept_per_database(tenant_a):
    cache = web._ActiveTenants()
    one, other = sa.create_engine("sqlite://"), sa.create_engine("sqlite://")
    cache.put(one, tenant_a.slug, tenant_a)
    assert cache.get(one, tenant_a.slug, 5) == tenant_a
    assert cache.get(other, tenant_a.slug, 5) is None
    assert cache.get(one, "gislaved", 5) is None
