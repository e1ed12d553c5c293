"""What every template can use."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import Flask, g, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from hemvist.tenancy.models import TenantStatus

STATUS_LABELS = {TenantStatus.ACTIVE: _l("Active"), TenantStatus.SUSPENDED: _l("Suspended")}


def language_url(locale: str) -> str:
    """This page in another language; the choice is remembered from then on."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    args.append(("lang", locale))
    return quote(request.script_root + request.path) + "?" + urlencode(args)


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.context_processor
    def layout_context():
        return {
            "tenant": g.get("tenant"),
            "membership": g.get("membership"),
            "demo_mode": app.config["DEMO"],
            "language_url": language_url,
            "status_label": STATUS_LABELS.get,
            "current_locale": str(get_locale() or "sv"),
        }
