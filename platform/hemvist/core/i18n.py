"""Swedish by default, English on request; dates, numbers and kronor in the reader's locale."""

from __future__ import annotations

from flask import Flask, g, request, session
from flask_babel import format_currency, format_date, format_datetime, format_decimal
from flask_login import current_user

LOCALES = ("sv", "en")
DEFAULT_LOCALE = "sv"
SESSION_KEY = "lang"


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
    if chosen in LOCALES and session.get(SESSION_KEY) != chosen:
        session[SESSION_KEY] = chosen
        if current_user.is_authenticated and current_user.locale != chosen:
            from hemvist.auth.operations import save_locale

            save_locale(current_user, chosen)


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
    from flask_babel import get_locale

    return str(get_locale()).startswith("sv")


def init_app(app: Flask) -> None:
    app.before_request(remember_requested_locale)
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        number=format_decimal,
        sek=sek,
    )
