"""``flask tenants …``, ``flask users …`` and ``flask db …`` as an operator uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from hemvist.extensions import db
from hemvist.quotas.models import Quota
from hemvist.tenancy.binding import bound
from hemvist.tenancy.models import Municipality, TenantStatus


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args, **kwargs):
        return runner.invoke(args=list(args), **kwargs)

    return invoke


def municipality(app, code) -> Municipality | None:
    with app.app_context():
        found = db.session.scalar(sa.select(Municipality).where(Municipality.code == code))
        if found is not None:
            db.session.expunge(found)
        return found


def test_create_puts_a_municipality_on_the_service(app, cli):
    result = cli("tenants", "create", "0617")
    assert result.exit_code == 0, result.output
    assert "/gnosjo/" in result.output
    gnosjo = municipality(app, "0617")
    assert (gnosjo.name, gnosjo.county_code, gnosjo.schema_name) == ("Gnosjö", "06", "kommun_0617")
    with app.app_context(), bound(db.session, "kommun_0617"):
        assert db.session.scalars(sa.select(Quota)).all() == []


def test_create_again_changes_nothing(app, cli):
    assert cli("tenants", "create", "0617").exit_code == 0
    assert cli("tenants", "create", "0617").exit_code == 0
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(Municipality.code == "0617")) == 1


@pytest.mark.parametrize("code", ["9999", "abc", "06170", "'; DROP TABLE users; --"])
def test_create_refuses_codes_that_are_not_official(app, cli, code):
    result = cli("tenants", "create", code)
    assert result.exit_code != 0
    assert "290 municipality codes" in result.output


@pytest.mark.parametrize("slug", ["admin", "Gnosjö", "-x", "a/b"])
def test_create_refuses_reserved_or_malformed_slugs(cli, slug):
    result = cli("tenants", "create", "0617", "--slug", slug)
    assert result.exit_code != 0
    assert "not allowed" in result.output


def test_sync_applies_the_files_and_is_idempotent(app, cli, tmp_path):
    (tmp_path / "gnosjo.toml").write_text('code = "0617"\npopulation = 9800\n[quotas]\n2024 = 12\n2025 = 10\n')
    (tmp_path / "varnamo.toml").write_text('code = "0683"\nslug = "varnamo"\nstatus = "suspended"\n')
    app.config["TENANTS_DIR"] = str(tmp_path)

    first = cli("tenants", "sync")
    assert first.exit_code == 0, first.output
    assert "created: gnosjo" in first.output
    assert "updated: varnamo" in first.output
    assert "quota seeded: gnosjo 2024: 12" in first.output
    assert "on the service but in no file: gislaved" in first.output
    assert municipality(app, "0683").status is TenantStatus.SUSPENDED
    assert municipality(app, "0617").population == 9800

    second = cli("tenants", "sync")
    assert second.exit_code == 0
    assert "created" not in second.output and "quota seeded" not in second.output
    with app.app_context(), bound(db.session, "kommun_0617"):
        assert sorted(db.session.execute(sa.select(Quota.year, Quota.persons)).all()) == [(2024, 12), (2025, 10)]


def test_sync_keeps_a_quota_a_unit_admin_changed_and_says_so(app, cli, tmp_path):
    (tmp_path / "varnamo.toml").write_text('code = "0683"\nslug = "varnamo"\n[quotas]\n2017 = 120\n')
    app.config["TENANTS_DIR"] = str(tmp_path)
    cli("tenants", "sync")
    with app.app_context(), bound(db.session, "kommun_0683"):
        db.session.scalar(sa.select(Quota).where(Quota.year == 2017)).persons = 118
        db.session.commit()
    result = cli("tenants", "sync")
    assert "quota kept: varnamo 2017: 118 kept (file says 120)" in result.output
    with app.app_context(), bound(db.session, "kommun_0683"):
        assert db.session.scalar(sa.select(Quota.persons).where(Quota.year == 2017)) == 118


def test_sync_with_a_broken_file_changes_nothing(app, cli, tmp_path):
    (tmp_path / "a.toml").write_text('code = "0617"\n')
    (tmp_path / "b.toml").write_text('code = "0617"\nslug = "gnosjo-2"\n')
    app.config["TENANTS_DIR"] = str(tmp_path)
    result = cli("tenants", "sync")
    assert result.exit_code != 0
    assert "share the code 0617" in result.output
    assert municipality(app, "0617") is None


def test_list_shows_every_municipality_with_its_schema_version(app, cli):
    from hemvist.tenancy.migrate import tenant_head

    with app.app_context():
        head = tenant_head()
    result = cli("tenants", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 3
    assert any("varnamo" in line and "kommun_0683" in line and head in line for line in lines)


def test_upgrade_reports_nothing_to_do_when_every_schema_is_current(cli):
    result = cli("tenants", "upgrade")
    assert result.exit_code == 0
    assert "every schema is up to date" in result.output


def test_users_create_and_grant(app, cli):
    result = cli("users", "create", "ny@varnamo.test", "--name", "Ny Samordnare", "--password", "a-long-password")
    assert result.exit_code == 0, result.output
    assert cli("users", "grant", "ny@varnamo.test", "--municipality", "varnamo", "--role", "unit_admin").exit_code == 0
    assert cli("users", "grant", "ny@varnamo.test", "--county", "06").exit_code == 0
    listing = cli("users", "list").output
    assert "ny@varnamo.test  varnamo:unit_admin, county:06" in listing


def test_users_refuse_what_cannot_be(cli):
    assert (
        "exists already"
        in cli("users", "create", "anna@varnamo.test", "--name", "X", "--password", "a-long-password").output
    )
    assert "at least 10" in cli("users", "create", "kort@varnamo.test", "--name", "X", "--password", "short").output
    assert "no user" in cli("users", "grant", "nobody@x.test", "--county", "06").output
    assert "no municipality" in cli("users", "grant", "anna@varnamo.test", "--municipality", "atlantis").output
    assert cli("users", "grant", "anna@varnamo.test").exit_code != 0


def test_the_repository_tenant_files_are_valid():
    from hemvist.config import REPO_ROOT
    from hemvist.tenancy.config_files import load_all

    files = {f.slug: f for f in load_all(Path(REPO_ROOT) / "tenants")}
    assert {"varnamo", "gislaved", "gnosjo", "vaggeryd", "jonkoping"} <= files.keys()
    assert files["varnamo"].code == "0683"
    assert files["varnamo"].quotas == {2016: 101, 2017: 120}
    assert files["varnamo"].population == 33906
    # Jönköpings län, and Kronobergs län with Ljungby alone: the demo's county boundary.
    assert {f.reference.county_code for f in files.values()} == {"06", "07"}
    assert [f.slug for f in files.values() if f.reference.county_code == "07"] == ["ljungby"]


def test_municipalities_whose_names_meet_get_distinct_slugs(app, cli):
    assert cli("tenants", "create", "0305").exit_code == 0  # Håbo
    assert cli("tenants", "create", "0643").exit_code == 0  # Habo
    assert (municipality(app, "0305").slug, municipality(app, "0643").slug) == ("habo-0305", "habo-0643")


def test_a_slug_taken_by_another_municipality_is_refused_before_anything_is_created(app, cli):
    result = cli("tenants", "create", "0617", "--slug", "varnamo")
    assert result.exit_code != 0
    assert "belongs to municipality 0683" in result.output
    assert municipality(app, "0617") is None
