"""Fixtures: an application on each backend, three municipalities, their users, logged-in clients.

The suite always runs on SQLite and also on PostgreSQL when ``HEMVIST_TEST_POSTGRES_URL`` names a server
(any database on it; the tests create and drop their own). Each backend's database is built and migrated
once per test session as a template; every test gets a fresh copy of it (a copied folder on SQLite, a
``CREATE DATABASE … TEMPLATE`` on PostgreSQL), so tests never see each other's data.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from hemvist import create_app
from hemvist.auth import operations as auth
from hemvist.auth.models import Role
from hemvist.extensions import db
from hemvist.tenancy import migrate
from hemvist.tenancy import operations as tenancy
from hemvist.tenancy.models import Municipality, Tenant

POSTGRES_URL = os.environ.get("HEMVIST_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])
PASSWORD = "correct horse battery staple"
BASE_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "LOGIN_RATE_LIMIT": "1000 per minute",
    "PASSWORD_HASH_PROFILE": "CHEAPEST",
}

# Three municipalities in every setup (two in one county, one elsewhere), as the house style asks.
MUNICIPALITIES = {"varnamo": "0683", "gislaved": "0662", "uppsala": "0380"}


@dataclass(frozen=True)
class TestUser:
    email: str
    name: str
    memberships: tuple[tuple[str, Role], ...] = ()
    counties: tuple[str, ...] = ()
    platform_admin: bool = False


USERS = {
    "coordinator_a": TestUser("anna@varnamo.test", "Anna Samordnare", (("varnamo", Role.COORDINATOR),)),
    "unit_admin_a": TestUser("omar@varnamo.test", "Omar Enhetschef", (("varnamo", Role.UNIT_ADMIN),)),
    "read_only_a": TestUser("lisa@varnamo.test", "Lisa Läsare", (("varnamo", Role.READ_ONLY),)),
    "coordinator_b": TestUser("johan@gislaved.test", "Johan Gislaved", (("gislaved", Role.COORDINATOR),)),
    "unit_admin_b": TestUser("eva@gislaved.test", "Eva Gislaved", (("gislaved", Role.UNIT_ADMIN),)),
    "two_workspaces": TestUser(
        "sara@region.test", "Sara Region", (("varnamo", Role.COORDINATOR), ("gislaved", Role.COORDINATOR))
    ),
    "county_06": TestUser("karin@lansstyrelsen.test", "Karin Länsstyrelsen", counties=("06",)),
    "county_03": TestUser("per@lansstyrelsen.test", "Per Uppsala län", counties=("03",)),
    "platform_admin": TestUser("admin@hemvist.test", "Alva Admin", platform_admin=True),
    "no_access": TestUser("nils@nowhere.test", "Nils Utan Åtkomst"),
}


def _populate() -> None:
    for slug, code in MUNICIPALITIES.items():
        tenancy.create_tenant(code, slug=slug)
    municipalities = {m.slug: m for m in db.session.scalars(sa.select(Municipality))}
    for test_user in USERS.values():
        user = auth.create_user(test_user.email, test_user.name, PASSWORD, platform_admin=test_user.platform_admin)
        for slug, role in test_user.memberships:
            auth.grant_membership(user, municipalities[slug], role)
        for code in test_user.counties:
            auth.grant_county(user, tenancy.ensure_county(code))


class SQLiteTemplate:
    backend = "sqlite"

    def __init__(self, root: Path):
        self.template = root / "template"

    def build(self) -> None:
        app = create_app(self.overrides(self.template))
        with app.app_context():
            migrate.upgrade_shared(db.engine)
            _populate()
            db.session.remove()
            db.engine.dispose()

    @staticmethod
    def overrides(folder: Path) -> dict:
        return {**BASE_CONFIG, "INSTANCE_PATH": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'hemvist.db'}"}

    def clone(self, destination: Path) -> dict:
        shutil.copytree(self.template, destination)
        return self.overrides(destination)

    def drop_clone(self, overrides: dict) -> None:
        shutil.rmtree(overrides["INSTANCE_PATH"], ignore_errors=True)

    def destroy(self) -> None:
        pass


class PostgresTemplate:
    backend = "postgresql"

    def __init__(self, root: Path):
        self.root = root
        self.server = make_url(POSTGRES_URL)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.template_name = f"hemvist_test_{worker}_{uuid.uuid4().hex[:8]}"
        self.admin = sa.create_engine(self.server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)

    def url(self, name: str) -> str:
        return self.server.set(database=name).render_as_string(hide_password=False)

    def build(self) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{self.template_name}"')
        app = create_app(
            {**BASE_CONFIG, "INSTANCE_PATH": str(self.root / "template"), "DATABASE_URL": self.url(self.template_name)}
        )
        with app.app_context():
            migrate.upgrade_shared(db.engine)
            _populate()
            db.session.remove()
            db.engine.dispose()

    def clone(self, destination: Path) -> dict:
        name = f"{self.template_name}_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{self.template_name}"')
        return {**BASE_CONFIG, "INSTANCE_PATH": str(destination), "DATABASE_URL": self.url(name)}

    def drop_clone(self, overrides: dict) -> None:
        name = make_url(overrides["DATABASE_URL"]).database
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def destroy(self) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.template_name}" WITH (FORCE)')
        self.admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_template(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    template = SQLiteTemplate(root) if request.param == "sqlite" else PostgresTemplate(root)
    template.build()
    yield template
    template.destroy()


@pytest.fixture
def backend(database_template) -> str:
    return database_template.backend


@pytest.fixture
def app_overrides(database_template, tmp_path) -> Iterator[dict]:
    """Configuration of an application on a fresh copy of the template database."""
    overrides = database_template.clone(tmp_path / "instance")
    yield overrides
    database_template.drop_clone(overrides)


@pytest.fixture(autouse=True)
def machine_date(monkeypatch):
    """The application's "today" is Sweden's date; the tests compute theirs with ``date.today()``. Near
    midnight the two differ by a day, so in tests the application uses the machine's date too (a test
    may still move it; ``tests/test_clock.py`` checks the real one)."""
    from datetime import date

    from hemvist.core import clock

    monkeypatch.setattr(clock, "today", date.today)


@pytest.fixture
def app(app_overrides):
    application = create_app(app_overrides)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


@pytest.fixture
def tenants(app) -> dict[str, Tenant]:
    with app.app_context():
        return {m.slug: m.as_tenant() for m in db.session.scalars(sa.select(Municipality))}


@pytest.fixture
def tenant_a(tenants) -> Tenant:
    return tenants["varnamo"]


@pytest.fixture
def tenant_b(tenants) -> Tenant:
    return tenants["gislaved"]


class Client:
    """A test client that drives the real forms, CSRF token included."""

    TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')

    def __init__(self, flask_client):
        self.http = flask_client

    def get(self, url, **kwargs):
        return self.http.get(url, **kwargs)

    def csrf_token(self, url: str) -> str:
        page = self.http.get(url, follow_redirects=True).get_data(as_text=True)
        match = self.TOKEN.search(page)
        assert match, f"no CSRF token on {url}"
        return match.group(1) or match.group(2)

    def submit(self, url: str, data: dict, *, form_url: str | None = None, **kwargs):
        """Post ``data`` to ``url`` as the form on ``form_url`` (default: the same page) would."""
        token = self.csrf_token(form_url or url)
        return self.http.post(url, data={"csrf_token": token, **data}, **kwargs)

    def login(self, email: str, password: str = PASSWORD):
        return self.submit("/login", {"email": email, "password": password})

    def logout(self):
        return self.submit("/logout", {}, form_url="/home")


@pytest.fixture
def client(app) -> Client:
    return Client(app.test_client())


@pytest.fixture
def login(app):
    """``login("coordinator_a")``: a fresh client logged in as one of ``USERS``."""

    def log_in(key: str) -> Client:
        logged_in = Client(app.test_client())
        response = logged_in.login(USERS[key].email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return logged_in

    return log_in
