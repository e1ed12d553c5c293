"""Every kind of page Hemvist renders is valid HTML, in Swedish and in English.

The pages are rendered through the Flask test client (no browser), written to a folder and checked by the
Nu HTML checker (vnu.jar from npm) in a single Java run, since Java starts slowly. Errors fail the test;
warnings are allowed but reported. The markup does not depend on the database backend, so this runs on
SQLite only: the test parametrizes the shared template with ``"sqlite"`` alone.
"""

from __future__ import annotations

import json
import re
import subprocess
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import USERS, Client
from tests.system_deps import VNU, node_module_file, program

LANGUAGES = ("sv", "en")

# A page with a known error, checked with the others: proves the checker ran and its report was read.
CANARY = "_canary.html"
CANARY_HTML = (
    '<!doctype html><html lang="en"><head><title>canary</title></head><body><div foo="bar"></div></body></html>'
)


class HtmlCheckerWarning(UserWarning):
    """A warning of the Nu HTML checker about one of Hemvist's pages."""


@dataclass(frozen=True)
class Message:
    file: str
    line: int | None
    kind: str
    text: str
    extract: str


def client(app, lang: str, user: str | None = None) -> Client:
    """A client whose session has chosen ``lang`` (kept across login), logged in as ``user`` if given."""
    browser = Client(app.test_client())
    browser.get(f"/?lang={lang}")
    if user:
        response = browser.login(USERS[user].email)
        assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def seed_quotas(app) -> int:
    """Two years of quotas in Värnamo; the id of this year's, for its edit page."""
    unit_admin = client(app, "sv", "unit_admin_a")
    for year, persons in ((date.today().year, 120), (date.today().year - 1, 95)):
        response = unit_admin.submit("/varnamo/quotas/new", {"year": str(year), "persons": str(persons)})
        assert response.status_code == 302, response.get_data(as_text=True)
    listing = unit_admin.get("/varnamo/quotas/").get_data(as_text=True)
    return int(re.search(r"/varnamo/quotas/(\d+)/edit", listing).group(1))


def render_pages(app, lang: str, quota_id: int) -> dict[str, str]:
    """Each kind of page in ``lang``: name → its HTML, once its status and its language are as expected."""
    anonymous = client(app, lang)
    coordinator = client(app, lang, "coordinator_a")
    unit_admin = client(app, lang, "unit_admin_a")
    edit_url = f"/varnamo/quotas/{quota_id}/edit"

    # Logging out forgets the language chosen (the session is cleared): ask for it again.
    logged_out = client(app, lang, "read_only_a")
    logged_out.logout()

    pages = {
        "landing": (200, anonymous.get("/")),
        "login": (200, anonymous.get("/login")),
        "login-empty-fields": (200, anonymous.submit("/login", {"email": "", "password": ""})),
        "login-wrong-password": (
            200,
            anonymous.submit("/login", {"email": USERS["coordinator_a"].email, "password": "wrong"}),
        ),
        "login-after-logout": (200, logged_out.get(f"/login?lang={lang}")),
        "picker": (200, client(app, lang, "two_workspaces").get("/home")),
        "no-access": (200, client(app, lang, "no_access").get("/home")),
        "workspace-overview": (200, coordinator.get("/varnamo/")),
        "quotas-coordinator": (200, coordinator.get("/varnamo/quotas/")),
        "quotas-empty": (200, client(app, lang, "coordinator_b").get("/gislaved/quotas/")),
        "quotas-unit-admin": (200, unit_admin.get("/varnamo/quotas/")),
        "quota-new": (200, unit_admin.get("/varnamo/quotas/new")),
        "quota-new-errors": (200, unit_admin.submit("/varnamo/quotas/new", {"year": "abc", "persons": ""})),
        "quota-new-year-taken": (
            200,
            unit_admin.submit("/varnamo/quotas/new", {"year": str(date.today().year), "persons": "5"}),
        ),
        "quota-edit": (200, unit_admin.get(edit_url)),
        "quota-edit-errors": (200, unit_admin.submit(edit_url, {"persons": "abc"})),
        "quota-saved": (200, unit_admin.submit(edit_url, {"persons": "120"}, follow_redirects=True)),
        "county": (200, client(app, lang, "county_06").get("/county/06/")),
        "admin": (200, client(app, lang, "platform_admin").get("/admin/")),
        "error-400-csrf": (400, anonymous.http.post("/login", data={"email": "a@b.se", "password": "x"})),
        "error-403": (403, coordinator.get("/gislaved/")),
        "error-404": (404, anonymous.get("/no/such/page")),
        "error-405": (405, anonymous.get("/logout")),
    }
    rendered = {}
    for name, (status, response) in pages.items():
        html = response.get_data(as_text=True)
        assert response.status_code == status, f"{lang}/{name}: {response.status_code}\n{html}"
        assert f'<html lang="{lang}">' in html, f"{lang}/{name} is not rendered in {lang}"
        rendered[name] = html
    return rendered


def run_checker(folder: Path) -> list[Message]:
    java = program("java")
    vnu = node_module_file(VNU)
    completed = subprocess.run(
        [
            java,
            "-jar",
            str(vnu),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            "--also-check-css",
            str(folder),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    messages = []
    for message in report["messages"]:
        kind = message["type"] if message["type"] != "info" else message.get("subType", "info")
        messages.append(
            Message(
                file=message.get("url", "").rsplit("/", 1)[-1],
                line=message.get("lastLine"),
                kind=kind,
                text=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return messages


@pytest.mark.parametrize("database_template", ["sqlite"], indirect=True)
def test_every_kind_of_page_is_valid_html(app, tmp_path):
    quota_id = seed_quotas(app)
    folder = tmp_path / "pages"
    folder.mkdir()
    written = []
    for lang in LANGUAGES:
        for name, html in render_pages(app, lang, quota_id).items():
            (folder / f"{lang}-{name}.html").write_text(html, encoding="utf-8")
            written.append(f"{lang}-{name}.html")
    (folder / CANARY).write_text(CANARY_HTML, encoding="utf-8")
    (folder / "hemvist.css").write_text(
        (Path(app.static_folder) / "hemvist.css").read_text(encoding="utf-8"), encoding="utf-8"
    )

    messages = run_checker(folder)

    canary = [m for m in messages if m.file == CANARY]
    assert any(m.kind == "error" and "foo" in m.text for m in canary), (
        f"the HTML checker did not report the canary's error; its report was:\n{messages}"
    )
    messages = [m for m in messages if m.file != CANARY]
    problems = [m for m in messages if m.kind in ("error", "non-document-error", "fatal")]
    notes = [m for m in messages if m not in problems and m.kind != "info"]
    if notes:
        warnings.warn(HtmlCheckerWarning(f"{len(notes)} warnings on Hemvist's pages:\n{readable(notes)}"), stacklevel=1)
    print(f"checked {len(written)} pages and hemvist.css: {len(problems)} errors, {len(notes)} warnings")
    print(readable(notes))
    assert not problems, f"{len(problems)} HTML errors:\n{readable(problems)}"


def readable(messages: list[Message]) -> str:
    """One paragraph per distinct message: where it occurs, then the first place's markup."""
    grouped: dict[tuple[str, str], list[Message]] = {}
    for message in sorted(messages, key=lambda m: (m.file, m.line or 0)):
        grouped.setdefault((message.kind, message.text), []).append(message)
    paragraphs = []
    for (kind, text), occurrences in grouped.items():
        places = ", ".join(f"{m.file}:{m.line}" for m in occurrences)
        extract = " ".join(occurrences[0].extract.split())
        paragraphs.append(f"{kind}: {text}\n  in {places}\n  {extract}")
    return "\n".join(paragraphs)
