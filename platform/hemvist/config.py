"""Configuration: documented defaults, then ``HEMVIST_*`` environment variables, then a test's overrides.

Every setting below can be set from the environment with the ``HEMVIST_`` prefix, e.g.
``HEMVIST_DATABASE_URL=postgresql+psycopg://hemvist@db/hemvist``. Values are parsed as JSON when they
look like JSON (``true``, ``5``), as Flask's ``from_prefixed_env`` does.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

DEFAULTS: dict[str, object] = {
    # HEMVIST_INSTANCE_PATH (read before the rest): the instance folder, by default instance/ in the checkout.
    # ``development`` relaxes the Secure cookie flag and allows the built-in secret key; anything else is
    # treated as production.
    "ENV": "production",
    # SQLAlchemy URL of the shared database. Empty means the embedded SQLite default: ``hemvist.db`` in the
    # instance folder, with one SQLite file per municipality beside it in ``tenants/``.
    "DATABASE_URL": "",
    # Where the SQLite backend keeps one file per municipality; empty means ``tenants/`` in the instance folder.
    "TENANT_FILES_DIR": "",
    # Signs session cookies and links. Required outside development.
    "SECRET_KEY": "",
    # Redis for rate-limit counters shared by all workers; empty keeps them in this process's memory.
    "REDIS_URL": "",
    # Outgoing mail.
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USERNAME": "",
    "MAIL_PASSWORD": "",
    "MAIL_SENDER": "Hemvist <no-reply@hemvist.example>",
    # Where people reach the service, for links in e-mails sent outside a request (the follow-up digest):
    # scheme, host and any path prefix, e.g. "https://hemvist.example.se".
    "BASE_URL": "http://127.0.0.1:5000",
    # Demo mode: shows a banner on every page and allows ``flask demo load``.
    "DEMO": False,
    # Where the tenant configuration files live (``tenants/*.toml``).
    "TENANTS_DIR": str(REPO_ROOT / "tenants"),
    # The compiled catalogues (translations/<locale>/LC_MESSAGES/messages.mo).
    "TRANSLATIONS_DIR": str(REPO_ROOT / "translations"),
    # Alembic's two trees (shared and tenant).
    "MIGRATIONS_DIR": str(REPO_ROOT / "migrations"),
    # Argon2 parameters, one of argon2-cffi's profiles: RFC_9106_LOW_MEMORY, RFC_9106_HIGH_MEMORY, CHEAPEST
    # (CHEAPEST is for the test suite only).
    "PASSWORD_HASH_PROFILE": "RFC_9106_LOW_MEMORY",
    # Failed logins allowed per client address.
    "LOGIN_RATE_LIMIT": "10 per minute",
    # Proxies in front of the application that add themselves to X-Forwarded-For (1 behind nginx). The
    # login rate limit counts per client address, so behind a proxy this must be right; 0 trusts no header.
    "PROXY_HOPS": 0,
    # PostgreSQL only: false turns psycopg's server-side prepared statements off, as a transaction-pooling
    # PgBouncer needs.
    "DATABASE_PREPARED_STATEMENTS": True,
    # The public landlord sign-up: sign-ups sent per client address, the least time in seconds a person
    # takes to fill the form in (quicker posts are bots'), and its largest request body in bytes.
    "SIGNUP_RATE_LIMIT": "10 per hour",
    "SIGNUP_MIN_FILL_SECONDS": 3,
    "SIGNUP_MAX_CONTENT_LENGTH": 64 * 1024,
    # A landlord's sign-in link to their own page: hours it stays valid (it works once), minutes the page
    # stays open after it, and links asked for per client address.
    "LANDLORD_LINK_HOURS": 24,
    "LANDLORD_SESSION_MINUTES": 60,
    "LANDLORD_LINK_RATE_LIMIT": "5 per hour",
    # Days an invitation's link (sent from the administration to a new user) stays valid; it works until a
    # password has been chosen with it.
    "INVITATION_DAYS": 7,
    # Seconds a worker keeps an active municipality's row (slug → schema) instead of reading it on every
    # request. A suspension or a new slug made in the same process takes effect at once; one made elsewhere
    # (``flask tenants sync``, another worker) within this many seconds. 0 reads it on every request.
    "TENANT_CACHE_SECONDS": 5,
    # Days after which an offered or reserved vacancy nobody has confirmed as still free counts as stale:
    # marked in the register and counted on the overview, so that the list of homes does not quietly lie.
    "VACANCY_STALE_DAYS": 30,
    # County boards' figures. A count from 1 to SUPPRESS_BELOW - 1 is shown as a range ("1–5"), never as
    # itself: the Migration Agency publishes no value under 6. 1 turns suppression off.
    "SUPPRESS_BELOW": 6,
    # A municipality's status on the county page: on track while it has received at least ON_TRACK_PACE per
    # cent of the persons its quota calls for by today (the quota spread evenly over the year) and nobody
    # assigned is past the two months; far behind under FAR_BEHIND_PACE per cent, or with FAR_BEHIND_OVERDUE
    # or more persons assigned more than two months ago and not received; behind in between.
    "ON_TRACK_PACE": 90,
    "FAR_BEHIND_PACE": 60,
    "FAR_BEHIND_OVERDUE": 10,
    # Largest request body accepted, in bytes.
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    # Log level of the ``hemvist`` loggers.
    "LOG_LEVEL": "INFO",
}


def instance_path(overrides: dict | None = None) -> str:
    """The instance folder (SQLite files): ``HEMVIST_INSTANCE_PATH``, by default ``instance/`` in the checkout."""
    if overrides and overrides.get("INSTANCE_PATH"):
        return str(overrides["INSTANCE_PATH"])
    return os.environ.get("HEMVIST_INSTANCE_PATH") or str(REPO_ROOT / "instance")


DEVELOPMENT_SECRET_KEY = "hemvist-development-key-not-secret"


def load(app, overrides: dict | None = None) -> None:
    """Fill ``app.config`` from the defaults, the environment and the overrides, then derive the rest."""
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("HEMVIST")
    if overrides:
        app.config.update(overrides)

    config = app.config
    development = config["ENV"] == "development"
    if not config["SECRET_KEY"]:
        if not (development or config.get("TESTING")):
            raise RuntimeError("HEMVIST_SECRET_KEY must be set outside development")
        config["SECRET_KEY"] = DEVELOPMENT_SECRET_KEY
    if not (development or config.get("TESTING")) and config["BASE_URL"] == DEFAULTS["BASE_URL"]:
        # Links mailed to landlords and staff start with it: the default would send them to localhost.
        raise RuntimeError("HEMVIST_BASE_URL must be set outside development (e.g. https://hemvist.example.se)")

    instance = Path(app.instance_path)
    database_url = config["DATABASE_URL"] or f"sqlite:///{instance / 'hemvist.db'}"
    config["DATABASE_URL"] = database_url
    config["SQLALCHEMY_DATABASE_URI"] = database_url
    if database_url.startswith("postgresql") and not config["DATABASE_PREPARED_STATEMENTS"]:
        engine_options = config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        engine_options.setdefault("connect_args", {})["prepare_threshold"] = None
    config["TENANT_FILES_DIR"] = config["TENANT_FILES_DIR"] or str(instance / "tenants")
    if database_url.startswith("sqlite"):
        Path(config["TENANT_FILES_DIR"]).mkdir(parents=True, exist_ok=True)
        instance.mkdir(parents=True, exist_ok=True)

    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["SESSION_COOKIE_SECURE"] = not development and not config.get("TESTING")
    config["REMEMBER_COOKIE_HTTPONLY"] = True
    config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]

    config["RATELIMIT_STORAGE_URI"] = config["REDIS_URL"] or "memory://"
    config["RATELIMIT_HEADERS_ENABLED"] = True
    config["BABEL_DEFAULT_LOCALE"] = "sv"
    config["BABEL_DEFAULT_TIMEZONE"] = "Europe/Stockholm"
    config["BABEL_TRANSLATION_DIRECTORIES"] = config["TRANSLATIONS_DIR"]
    config.setdefault("WTF_CSRF_TIME_LIMIT", 8 * 3600)
