"""Helpers for the language tests: pages' language and heading, a request in a given locale, saved choices."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from flask_babel import get_locale

from hemvist.auth.operations import find_user
from hemvist.extensions import db
from tests.conftest import USERS

HTML_LANG = re.compile(r'<html lang="([^"]*)">')
HEADING = re.compile(r"<h1>(.*?)</h1>", re.DOTALL)


def page_language(response) -> str:
    match = HTML_LANG.search(response.get_data(as_text=True))
    assert match, "the page has no <html lang=…>"
    return match.group(1)


def heading(response) -> str:
    match = HEADING.search(response.get_data(as_text=True))
    assert match, "the page has no <h1>"
    return match.group(1).strip()


@pytest.fixture
def request_in(app):
    """``with request_in("en"):`` a request context of the app whose locale is ``en`` (``None``: no choice)."""

    @contextmanager
    def enter(locale: str | None):
        with app.test_request_context("/" if locale is None else f"/?lang={locale}"):
            yield str(get_locale())

    return enter


@pytest.fixture
def saved_locale(app):
    """The language saved on a test user's account: ``saved_locale.get("coordinator_a")`` and ``.set(…)``."""

    class SavedLocale:
        @staticmethod
        def get(user_key: str) -> str | None:
            with app.app_context():
                return find_user(USERS[user_key].email).locale

        @staticmethod
        def set(user_key: str, locale: str | None) -> None:
            with app.app_context():
                find_user(USERS[user_key].email).locale = locale
                db.session.commit()

    return SavedLocale()
