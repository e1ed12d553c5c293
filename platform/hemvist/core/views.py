from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import jsonify, redirect, render_template, url_for
from flask_login import current_user

from hemvist.core.access import public
from hemvist.extensions import db
from hemvist.tenancy.models import Municipality, TenantStatus

log = logging.getLogger("hemvist.core")


@public
def landing():
    if current_user.is_authenticated:
        return redirect(url_for("auth.home"))
    municipalities = db.session.scalars(
        sa.select(Municipality).where(Municipality.status == TenantStatus.ACTIVE).order_by(Municipality.name)
    ).all()
    return render_template("core/landing.html", municipalities=municipalities)


@public
def healthz():
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        log.exception("health check: database unreachable")
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
