"""No municipality's pages, ids or forms reach another municipality's data.

The routes are enumerated from the URL map, so a new workspace route is covered the moment it exists.
Tenant A is Värnamo, tenant B Gislaved; B holds marker data (``isolation_data``) that must never show up
in a response to A's users, whatever they ask for.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile

import pytest
import sqlalchemy as sa
from werkzeug.routing import Rule

from hemvist import create_app
from hemvist.core.access import PUBLIC_ATTRIBUTE
from hemvist.extensions import db
from hemvist.tenancy.binding import bound
from hemvist.tenancy.web import URL_ARGUMENT
from tests.conftest import BASE_CONFIG
from tests.isolation_data import SEEDERS


def tenant_rules() -> tuple[list[Rule], set[str]]:
    """The workspace routes and which of them are public, read from a throwaway application's URL map."""
    with tempfile.TemporaryDirectory(prefix="hemvist-routes-") as folder:
        app = create_app({**BASE_CONFIG, "INSTANCE_PATH": folder, "DATABASE_URL": f"sqlite:///{folder}/routes.db"})
    rules = [rule for rule in app.url_map.iter_rules() if URL_ARGUMENT in rule.arguments]
    public = {rule.endpoint for rule in rules if getattr(app.view_functions[rule.endpoint], PUBLIC_ATTRIBUTE, False)}
    return sorted(rules, key=lambda rule: rule.rule), public


RULES, PUBLIC_ENDPOINTS = tenant_rules()


def test_the_workspace_has_routes_to_check():
    assert {"workspace.home", "quotas.list", "quotas.edit"} <= {rule.endpoint for rule in RULES}


@pytest.fixture
def markers(app, tenant_b):
    """Seed tenant B and return its markers and the ids of its rows in every tenant table."""
    with app.app_context():
        with bound(db.session, tenant_b.schema):
            strings = [marker for seed in SEEDERS for marker in seed()]
            db.session.commit()
            ids = set()
            for table in db.metadata.sorted_tables:
                if table.schema == "tenant" and "id" in table.c:
                    ids.update(db.session.scalars(sa.select(table.c.id)))
    return strings, sorted(ids)


def build_urls(rule: Rule, slug: str, ids: list[int]) -> list[str]:
    """Every URL of ``rule`` for municipality ``slug`` with B's ids in its id arguments."""
    others = [name for name in rule.arguments if name != URL_ARGUMENT]
    if not others:
        return [rule.rule.replace(f"<slug:{URL_ARGUMENT}>", slug)]
    urls = []
    for object_id in ids:
        url = rule.rule.replace(f"<slug:{URL_ARGUMENT}>", slug)
        for name in others:
            url = re.sub(rf"<(?:[a-z]+:)?{name}>", str(object_id), url)
        urls.append(url)
    return urls


def response_text(response) -> str:
    """The response as text; an XLSX download (a zip) unpacked, so that its cells are searched too."""
    data = response.get_data()
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return data.decode("utf-8", "replace")


def assert_no_markers(response, strings, url):
    body = response_text(response)
    leaked = [marker for marker in strings if marker in body]
    assert not leaked, f"{url} showed another municipality's data: {leaked}"


@pytest.mark.parametrize("rule", RULES, ids=[rule.endpoint for rule in RULES])
@pytest.mark.parametrize("user", ["coordinator_a", "unit_admin_a"])
def test_a_user_of_a_cannot_open_b(rule, user, login, markers):
    strings, ids = markers
    client = login(user)
    for url in build_urls(rule, "gislaved", ids):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method == "GET":
                response = client.get(url)
            else:
                response = client.submit(url, {}, form_url="/varnamo/")
            if rule.endpoint in PUBLIC_ENDPOINTS:
                assert response.status_code < 500, url
            else:
                assert response.status_code in (403, 404), f"{method} {url}: {response.status_code}"
            assert_no_markers(response, strings, url)


@pytest.mark.parametrize("rule", RULES, ids=[rule.endpoint for rule in RULES])
def test_b_ids_through_a_urls_show_nothing_of_b(rule, login, markers):
    strings, ids = markers
    client = login("unit_admin_a")
    for url in build_urls(rule, "varnamo", ids):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), f"{url}: {response.status_code}"
        assert_no_markers(response, strings, url)


@pytest.mark.parametrize("rule", RULES, ids=[rule.endpoint for rule in RULES])
def test_anonymous_visitors_see_nothing_of_b(rule, client, markers):
    strings, ids = markers
    for url in build_urls(rule, "gislaved", ids):
        response = client.get(url)
        if rule.endpoint not in PUBLIC_ENDPOINTS:
            assert response.status_code == 302 and "/login" in response.headers["Location"], url
        assert_no_markers(response, strings, url)


def test_a_write_through_b_urls_changes_nothing_in_b(login, markers, app, tenant_b):
    """The quota form of B, posted by a unit admin of A, is refused and B's quota stays."""
    client = login("unit_admin_a")
    _, ids = markers
    for quota_id in ids:
        response = client.submit(f"/gislaved/quotas/{quota_id}/edit", {"persons": "1"}, form_url="/varnamo/")
        assert response.status_code in (403, 404)
    with app.app_context(), bound(db.session, tenant_b.schema):
        from hemvist.quotas.models import Quota

        assert db.session.scalar(sa.select(Quota.persons).where(Quota.year == 2099)) == 98765


def test_unknown_and_suspended_municipalities_answer_404(login, app, tenant_b):
    client = login("coordinator_b")
    assert client.get("/no-such-town/").status_code == 404
    with app.app_context():
        from hemvist.tenancy.models import Municipality, TenantStatus
        from hemvist.tenancy.operations import set_status

        set_status(db.session.get(Municipality, tenant_b.id), TenantStatus.SUSPENDED)
    assert client.get("/gislaved/").status_code == 404
    assert client.get("/gislaved/quotas/").status_code == 404
