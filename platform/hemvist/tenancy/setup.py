"""Wiring tenancy into the application."""

from __future__ import annotations

from flask import Flask

from hemvist.extensions import db
from hemvist.tenancy import sqlite as sqlite_backend
from hemvist.tenancy.web import IdConverter, SlugConverter


def init_app(app: Flask) -> None:
    app.url_map.converters["slug"] = SlugConverter
    app.url_map.converters["id"] = IdConverter
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            sqlite_backend.install(engine, app.config["TENANT_FILES_DIR"])
