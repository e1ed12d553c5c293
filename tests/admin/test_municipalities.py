"""Municipalities on the service: the list with published counts, enabling one from the official list,
suspending and resuming. Enabling creates and migrates the municipality's own schema; a refused form
changes nothing and says why, in the reader's language."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from hemvist.core.collation import swedish_order
from hemvist.extensions import db
from hemvist.statistics import measures
from hemvist.statistics.models import FiguresRun, MunicipalFigure
from hemvist.tenancy import migrate
from hemvist.tenancy.models import Municipality
from tests.admin.conftest import log_rows, municipality
from tests.conftest import USERS

ENABLE = "/admin/municipalities/new"
# Vetlanda, of Jönköpings län like Värnamo, not on the service in the test setup.
VETLANDA = "0685"


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def enable(admin, lang: str = "en", **fields):
    data = {"code": VETLANDA, "slug": "", "default_locale": "sv", "population": "", "unit_email": ""}
    data.update(fields)
    return admin.submit(f"{ENABLE}?lang={lang}", {k: v for k, v in data.items() if v is not None})


def municipality_codes(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(sa.select(Municipality.code)))


def test_the_list_shows_the_published_counts_and_never_a_schema(app, admin, tenant_a, tenant_b):
    with app.app_context():
        db.session.add_all(
            [
                MunicipalFigure(municipality_id=tenant_a.id, measure=measures.LANDLORDS, period="now", value=17),
                MunicipalFigure(
                    municipality_id=tenant_a.id, measure=measures.WAITING_HOUSEHOLDS, period="now", value=4
                ),
                MunicipalFigure(
                    municipality_id=tenant_a.id, measure=measures.VACANCIES_ON_OFFER, period="now", value=9
                ),
                # Not a current count: not shown in the list.
                MunicipalFigure(municipality_id=tenant_a.id, measure=measures.LANDLORDS, period="2025", value=99),
                FiguresRun(municipality_id=tenant_a.id, as_of=datetime(2026, 3, 2, 7, 30, tzinfo=UTC)),
            ]
        )
        db.session.commit()
    page = text(admin.get("/admin/?lang=sv"))
    row = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"/admin/municipalities/0683/\">Värnamo</a>.*?</tr>", page, re.S)
    assert row, page
    cells = re.findall(r'<td class="number">([^<]*)</td>', row.group(0))
    assert cells == ["17", "4", "9"]
    assert "2026-03-02 08:30" in row.group(0)  # Swedish time (CET in March)
    assert "/varnamo/" in row.group(0) and "0683" in row.group(0) and "Jönköpings län" in row.group(0)
    # Gislaved has published nothing yet: zeros, and no time.
    gislaved = re.search(r"<a href=\"/admin/municipalities/0662/\">Gislaved</a>.*?</tr>", page, re.S).group(0)
    assert re.findall(r'<td class="number">([^<]*)</td>', gislaved) == ["0", "0", "0"]


def test_enabling_offers_the_official_list_by_county_without_those_on_the_service(admin):
    page = text(admin.get(f"{ENABLE}?lang=en"))
    assert '<optgroup label="Jönköpings län">' in page
    assert f'<option value="{VETLANDA}">Vetlanda</option>' in page
    for code in ("0683", "0662", "0380"):  # on the service already
        assert f'<option value="{code}"' not in page
    assert page.count("<option value=") == 290 - 3 + 2  # the rest, the empty choice, and two languages


def test_an_admin_enables_a_municipality_and_its_first_member_works_there(app, admin, login, backend):
    response = enable(admin, slug="vetlanda-kommun", population="27 500", unit_email=" Integration@Vetlanda.example ")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/municipalities/{VETLANDA}/"

    enabled = municipality(app, VETLANDA)
    assert (enabled.slug, enabled.name, enabled.county_code, enabled.population) == (
        "vetlanda-kommun", "Vetlanda", "06", 27500)  # fmt: skip
    assert enabled.unit_email == "Integration@vetlanda.example"
    with app.app_context():
        assert migrate.tenant_versions(db.engine, [enabled.schema_name]) == {enabled.schema_name: migrate.tenant_head()}

    page = text(admin.get(response.headers["Location"] + "?lang=en"))
    assert "Vetlanda is on the service at /vetlanda-kommun/." in page
    snippet = re.search(r'<textarea id="tenant-file"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert 'code = "0685"\nslug = "vetlanda-kommun"\ndefault_locale = "sv"\npopulation = 27500\n' in snippet
    assert 'unit_email = "Integration@vetlanda.example"' in snippet
    assert "tenants/vetlanda-kommun.toml" in page
    import tomllib

    assert tomllib.loads(snippet)["code"] == VETLANDA
    assert "Vetlanda" in text(admin.get("/admin/"))

    # Its first member, given access from the administration, opens the new workspace.
    anna = login("coordinator_a")
    assert anna.get("/vetlanda-kommun/").status_code == 403
    anna_id = _user_id(app, USERS["coordinator_a"].email)
    with app.app_context():
        municipality_id = db.session.scalar(sa.select(Municipality.id).where(Municipality.code == VETLANDA))
    assert admin.submit(f"/admin/users/{anna_id}/memberships", {"municipality": str(municipality_id),
                        "role": "coordinator"}, form_url=f"/admin/users/{anna_id}/").status_code == 302  # fmt: skip
    overview = anna.get("/vetlanda-kommun/")
    assert overview.status_code == 200
    assert "Vetlanda" in text(overview)

    [entry] = [row for row in log_rows(app) if row[0] == "municipality_enabled"]
    assert entry[1] == VETLANDA
    assert entry[2]["slug"] == "vetlanda-kommun" and entry[2]["population"] == 27500


def test_the_default_address_is_the_official_one(app, admin):
    assert enable(admin).status_code == 302
    assert municipality(app, VETLANDA).slug == "vetlanda"


def _user_id(app, email: str) -> int:
    from tests.admin.conftest import account

    return account(app, email).id


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"code": "0683"}, "code", "Värnamo is on the service already."),
        ({"slug": "gislaved"}, "slug", "The address /gislaved/ belongs to another municipality. Choose another."),
        ({"slug": "Vetlanda!"}, "slug", "Use lowercase letters a–z, digits and dashes"),
        ({"slug": "admin"}, "slug", "Use lowercase letters a–z, digits and dashes"),
        ({"slug": "invitation"}, "slug", "Use lowercase letters a–z, digits and dashes"),
        ({"slug": "-vetlanda"}, "slug", "Use lowercase letters a–z, digits and dashes"),
        ({"slug": "x" * 41}, "slug", "At most 40 characters."),
        ({"code": "9999"}, "code", "Choose one of Sweden's municipalities from the list."),
        ({"code": ""}, "code", "Choose a municipality."),
        ({"code": None}, "code", "Choose a municipality."),
        ({"population": "many"}, "population", "Enter a whole number, in digits only."),
        ({"population": "0"}, "population", "Enter a number from 1 to 2 000 000."),
        ({"unit_email": "not an address"}, "unit_email", "This is not a valid e-mail address."),
        ({"default_locale": "fi"}, "default_locale", "Choose Swedish or English."),
    ],
)
def test_a_refused_form_keeps_what_was_typed_says_why_and_changes_nothing(app, admin, fields, field_id, message):
    before, log_before = municipality_codes(app), log_rows(app)
    response = enable(admin, **fields)
    page = text(response)
    assert response.status_code == 400
    assert message in page
    assert re.search(rf'id="{field_id}-error"', page), page
    typed = fields.get(field_id)
    if typed and field_id not in ("code", "default_locale"):
        assert f'value="{typed}"' in page
    assert municipality_codes(app) == before
    assert log_rows(app) == log_before


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"code": ["0685", "0686"], "slug": ["Not an address", "b"]},
        {"code": "\x00", "slug": "\x00", "population": "\x00", "unit_email": "\x00"},
        {"code": "0685", "population": "9" * 30},
        {"code": "0685", "slug": "ä" * 300, "unit_email": "@" * 300},
        {"code": "<script>", "default_locale": "<script>"},
    ],
)
def test_malformed_posts_get_a_page_never_a_500(app, admin, data):
    before = municipality_codes(app)
    response = admin.submit(ENABLE, data)
    assert response.status_code == 400
    assert municipality_codes(app) == before


def test_a_post_without_the_csrf_token_is_refused(app, admin):
    response = admin.http.post(ENABLE, data={"code": VETLANDA})
    assert response.status_code == 400
    assert VETLANDA not in municipality_codes(app)


def test_suspending_closes_the_workspace_and_resuming_opens_it(app, admin, login):
    anna = login("coordinator_a")
    assert anna.get("/varnamo/").status_code == 200
    confirm = admin.get("/admin/municipalities/0683/suspend?lang=en")
    assert confirm.status_code == 200 and "Suspend Värnamo?" in text(confirm)
    assert anna.get("/varnamo/").status_code == 200  # opening the confirmation changes nothing

    response = admin.submit("/admin/municipalities/0683/suspend", {})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/municipalities/0683/"
    assert anna.get("/varnamo/").status_code == 404
    assert anna.get("/varnamo/landlord-signup").status_code == 404
    assert 'status = "suspended"' in text(admin.get("/admin/municipalities/0683/"))
    listing = text(admin.get("/admin/?lang=en"))
    assert re.search(r"Värnamo</a>.*?Suspended.*?/admin/municipalities/0683/resume", listing, re.S)

    # A second click (another tab) changes nothing and says so.
    again = admin.submit("/admin/municipalities/0683/suspend?lang=en", {}, follow_redirects=True)
    assert "Nothing changed" in text(again)

    assert admin.submit("/admin/municipalities/0683/resume", {}).status_code == 302
    assert anna.get("/varnamo/").status_code == 200
    assert [(action, subject) for action, subject, _ in log_rows(app)] == [
        ("municipality_suspended", "0683"),
        ("municipality_resumed", "0683"),
    ]


def test_an_unknown_municipality_is_not_found(admin):
    for url in ("/admin/municipalities/0685/", "/admin/municipalities/x/suspend", "/admin/municipalities/9/resume",
                "/admin/municipalities/%00/", "/admin/municipalities/0683%00/"):  # fmt: skip
        assert admin.get(url).status_code == 404
    assert admin.submit("/admin/municipalities/0685/suspend", {}, form_url="/admin/").status_code == 404


def test_a_taken_address_is_refused_together_with_the_other_errors(app, admin):
    before = municipality_codes(app)
    response = enable(admin, slug="varnamo", population="0", unit_email="not an address")
    page = text(response)
    assert response.status_code == 400
    assert "The address /varnamo/ belongs to another municipality. Choose another." in page
    assert "Enter a number from 1 to 2 000 000." in page and "This is not a valid e-mail address." in page
    for field_id in ("slug", "population", "unit_email"):
        assert f'id="{field_id}-error"' in page
    assert 'value="varnamo"' in page and 'value="not an address"' in page
    assert municipality_codes(app) == before


def optgroups(page: str, select_id: str) -> list[tuple[str, list[str]]]:
    """The select's groups, in order, with their options' labels in order."""
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S).group(0)
    return [
        (label, re.findall(r"<option[^>]*>([^<]*)</option>", options))
        for label, options in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    ]


def test_the_municipalities_to_enable_are_in_swedish_order_under_their_county(admin):
    groups = optgroups(text(admin.get(f"{ENABLE}?lang=en")), "code")
    assert [label for label, _ in groups] == [
        "Blekinge län", "Dalarnas län", "Gotlands län", "Gävleborgs län", "Hallands län", "Jämtlands län",
        "Jönköpings län", "Kalmar län", "Kronobergs län", "Norrbottens län", "Skåne län", "Stockholms län",
        "Södermanlands län", "Uppsala län", "Värmlands län", "Västerbottens län", "Västernorrlands län",
        "Västmanlands län", "Västra Götalands län", "Örebro län", "Östergötlands län",
    ]  # fmt: skip
    by_county = dict(groups)
    # Å, Ä, Ö last and in that order (Python's own order puts Ä before Å).
    assert by_county["Skåne län"][-4:] == ["Åstorp", "Ängelholm", "Örkelljunga", "Östra Göinge"]
    # A dash reads as a space: "Upplands-Bro" by "Bro", before "Upplands Väsby".
    stockholm = by_county["Stockholms län"]
    assert stockholm.index("Upplands-Bro") + 1 == stockholm.index("Upplands Väsby")
    assert stockholm[-2:] == ["Värmdö", "Österåker"]
    assert by_county["Uppsala län"] == sorted(by_county["Uppsala län"], key=swedish_order)
