"""Swedish by default, English on request; dates, numbers and kronor in the reader's locale."""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale, dates
from flask import Flask, g, request, session
from flask_babel import format_currency, format_decimal, get_locale, get_timezone, to_user_timezone
from flask_login import current_user

LOCALES = ("sv", "en")
DEFAULT_LOCALE = "sv"
SESSION_KEY = "lang"
# Set when a language is picked before logging in (on the login page), so the login saves it to the account.
CHOSEN_BEFORE_LOGIN_KEY = "lang_chosen"


def select_locale() -> str:
    """``?lang=`` (remembered), then the user's saved choice, then the browser's, then the municipality's."""
    chosen = request.args.get("lang")
    if chosen in LOCALES:
        return chosen
    if session.get(SESSION_KEY) in LOCALES:
        return session[SESSION_KEY]
    if current_user.is_authenticated and current_user.locale in LOCALES:
        return current_user.locale
    browser = request.accept_languages.best_match(LOCALES)
    if browser:
        return browser
    tenant = g.get("tenant")
    return tenant.default_locale if tenant is not None else DEFAULT_LOCALE


def remember_requested_locale():
    chosen = request.args.get("lang")
    if chosen not in LOCALES:
        return
    if session.get(SESSION_KEY) != chosen:
        session[SESSION_KEY] = chosen
    if not current_user.is_authenticated:
        session[CHOSEN_BEFORE_LOGIN_KEY] = True
    elif current_user.locale != chosen:
        from hemvist.auth.operations import save_locale

        save_locale(current_user, chosen)


def locale_chosen_before_login() -> str | None:
    """The language picked on the way to logging in, if one was; what the login should save to the account.

    Only a pick since the last login or logout counts: one left in the browser's session by the previous
    person at a shared computer is not theirs to save on the next account.
    """
    if session.get(CHOSEN_BEFORE_LOGIN_KEY) and session.get(SESSION_KEY) in LOCALES:
        return session[SESSION_KEY]
    return None


# English here is read in Sweden: dates day first as in British English ("7 Dec 2026", "07/12/2026, 15:16"),
# never the American "12/7/26", which a Swedish reader takes for 12 July. Only the formats change; the
# language stays "en" everywhere else (catalogues, the page's lang, saved choices).
FORMAT_LOCALES = {"en": Locale("en", "GB"), "sv": Locale("sv")}


def formatting_locale() -> Locale:
    locale = get_locale()
    return FORMAT_LOCALES.get(str(locale), locale)


def format_date(value: date | datetime | None = None, format: str = "medium") -> str:
    """A date in the reader's locale (a moment is first moved to Swedish time)."""
    if isinstance(value, datetime):
        value = to_user_timezone(value)
    return dates.format_date(value, format, locale=formatting_locale())


def format_datetime(value: datetime | None = None, format: str = "medium") -> str:
    """A moment in Swedish time, in the reader's locale; a naive one is taken as UTC."""
    return dates.format_datetime(value, format, tzinfo=get_timezone(), locale=formatting_locale())


# Whole kronor. The space between the amount and the currency is a no-break space, as in CLDR's own
# patterns, so that "kr" never ends up alone on a line; Babel does not apply CLDR's currency spacing,
# so English needs it written out or it would give "SEK7,900".
SEK_FORMAT_SWEDISH = "#,##0\u00a0¤"
SEK_FORMAT_ENGLISH = "¤\u00a0#,##0"


def sek(amount) -> str:
    """An amount in Swedish kronor, whole kronor: ``7 900 kr`` in Swedish, ``SEK 7,900`` in English."""
    if amount is None:
        return ""
    pattern = SEK_FORMAT_SWEDISH if _is_swedish() else SEK_FORMAT_ENGLISH
    return format_currency(amount, "SEK", format=pattern, currency_digits=False)


def _is_swedish() -> bool:
    return str(get_locale()).startswith("sv")


def init_app(app: Flask) -> None:
    app.before_request(remember_requested_locale)
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        number=format_decimal,
        sek=sek,
    )
