"""The application factory: the only place a Hemvist application is built."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from hemvist import config
from hemvist.extensions import babel, csrf, db, limiter, login_manager


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask("hemvist", instance_path=config.instance_path(overrides))
    config.load(app, overrides)

    from hemvist.auth import passwords
    from hemvist.core import errors, i18n, templating
    from hemvist.core import logging as request_logging
    from hemvist.core.access import require_login
    from hemvist.tenancy import setup as tenancy_setup

    passwords.configure(app.config["PASSWORD_HASH_PROFILE"])
    request_logging.init_app(app)
    db.init_app(app)
    tenancy_setup.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    login_manager.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    app.before_request(require_login)

    if app.config["PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_HOPS"])
    register_blueprints(app)
    connect_receivers()
    register_commands(app)
    return app


def register_blueprints(app: Flask) -> None:
    # Listed explicitly: a blueprint is on the service because it is named here.
    from hemvist.admin.blueprint import bp as admin
    from hemvist.auth.blueprint import bp as auth
    from hemvist.core.blueprint import bp as core
    from hemvist.county.blueprint import bp as county
    from hemvist.dialogue.blueprint import bp as dialogue
    from hemvist.households.blueprint import bp as households
    from hemvist.landlord_page.blueprint import bp as landlord_page
    from hemvist.landlords.blueprint import bp as landlords
    from hemvist.leases.blueprint import bp as leases
    from hemvist.matching.blueprint import bp as matching
    from hemvist.offers.blueprint import bp as offers
    from hemvist.quotas.blueprint import bp as quotas
    from hemvist.signup.blueprint import bp as signup
    from hemvist.spreadsheets.blueprint import bp as spreadsheets
    from hemvist.vacancies.blueprint import bp as vacancies
    from hemvist.workspace.blueprint import bp as workspace

    blueprints = (
        core, auth, admin, county, workspace, quotas, landlords, dialogue, spreadsheets, vacancies, households,
        signup, landlord_page, matching, leases, offers,
    )  # fmt: skip
    for blueprint in blueprints:
        app.register_blueprint(blueprint)


def connect_receivers() -> None:
    from hemvist.areas import receivers as area_receivers
    from hemvist.dialogue import receivers as dialogue_receivers
    from hemvist.quotas import receivers as quota_receivers
    from hemvist.statistics import receivers as statistics_receivers
    from hemvist.vacancies import receivers as vacancy_receivers

    quota_receivers.connect()
    area_receivers.connect()
    dialogue_receivers.connect()
    vacancy_receivers.connect()
    statistics_receivers.connect()


def register_commands(app: Flask) -> None:
    from hemvist.auth.cli import users_cli
    from hemvist.demo.cli import demo_cli
    from hemvist.dialogue.cli import followups_cli
    from hemvist.landlords.cli import landlords_cli
    from hemvist.signup.cli import signups_cli
    from hemvist.spreadsheets.cli import spreadsheets_cli
    from hemvist.statistics.cli import statistics_cli
    from hemvist.tenancy.cli import db_cli, tenants_cli

    groups = (
        db_cli, tenants_cli, users_cli, demo_cli, landlords_cli, followups_cli, spreadsheets_cli, signups_cli,
        statistics_cli,
    )  # fmt: skip
    for group in groups:
        app.cli.add_command(group)
