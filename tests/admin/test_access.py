"""Only platform administrators reach the administration: every route, enumerated from the URL map, so a
route added later is covered the moment it exists. Others get what they got before there was more than a
list: anonymous visitors the login page, everyone else 403."""

from __future__ import annotations

import tempfile

import pytest
from werkzeug.routing import Rule

from hemvist import create_app
from tests.conftest import BASE_CONFIG

# A value for each argument an administration route can have. The first user made (coordinator_a) has id 1
# and membership 1, so every address exists for the administrator as well.
SAMPLE_VALUES = {"code": "0683", "user_id": 1, "membership_id": 1, "county_code": "06"}


def admin_rules() -> list[Rule]:
    with tempfile.TemporaryDirectory(prefix="hemvist-routes-") as folder:
        app = create_app({**BASE_CONFIG, "INSTANCE_PATH": folder, "DATABASE_URL": f"sqlite:///{folder}/routes.db"})
    return sorted((rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("admin.")),
                  key=lambda rule: rule.rule)  # fmt: skip


RULES = admin_rules()


def build(rule: Rule) -> str:
    return rule.build({name: SAMPLE_VALUES[name] for name in rule.arguments})[1]


def test_the_administration_has_routes_to_check():
    endpoints = {rule.endpoint for rule in RULES}
    assert {"admin.index", "admin.enable", "admin.suspend", "admin.resume", "admin.users", "admin.user",
            "admin.invite", "admin.log"} <= endpoints  # fmt: skip
    assert all(set(rule.arguments) <= SAMPLE_VALUES.keys() for rule in RULES)


CASES = [(rule, method) for rule in RULES for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]


def _id(case) -> str:
    rule, method = case
    return f"{method} {rule.rule}"


@pytest.mark.parametrize("case", CASES, ids=[_id(case) for case in CASES])
def test_nobody_but_platform_admins_gets_in(app, client, login, case):
    rule, method = case
    url = build(rule)
    # Posts carry a valid CSRF token: the refusal must come from the access check, not from CSRF.
    for who in ("coordinator_a", "county_06", "unit_admin_b"):
        browser = login(who)
        response = browser.get(url) if method == "GET" else browser.submit(url, {}, form_url="/account")
        assert response.status_code == 403, (who, method, url)
    anonymous = client.get(url) if method == "GET" else client.submit(url, {}, form_url="/login")
    assert anonymous.status_code == 302, (method, url)
    assert anonymous.headers["Location"].startswith("/login?next=")


def test_a_platform_admin_opens_every_page(admin):
    for rule in RULES:
        response = admin.get(build(rule))
        assert response.status_code in (200, 302), (rule.rule, response.status_code)
