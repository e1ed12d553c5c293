"""Error pages in the reader's language, for every status a person can meet."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger("hemvist.errors")

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (
        _l("Access denied"),
        _l("You do not have access to this page. Ask the person who gave you access to Hemvist if you need it."),
    ),
    404: (_l("Page not found"), _l("There is no page at this address. Check the address or start from the home page.")),
    405: (_l("Method not allowed"), _l("This page cannot be used in that way.")),
    413: (_l("Too much data"), _l("What you sent is larger than Hemvist accepts. Send less, or a smaller file.")),
    429: (_l("Too many attempts"), _l("You have tried too many times. Wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("An error occurred on our side. It has been logged; try again in a while.")),
}
CSRF_MESSAGE = _l("The form had expired or was sent from elsewhere. Reload the page and send it again.")


def render_error(status: int, message=None):
    title, default_message = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    return render_template("core/error.html", status=status, title=title, message=message or default_message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        response = render_error(error.code)
        if error.code == 405 and error.valid_methods:
            return (*response, {"Allow": ", ".join(error.valid_methods)})
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unhandled error")
        from hemvist.extensions import db

        db.session.rollback()
        return render_error(InternalServerError.code)
