"""Login is required everywhere except on the few views marked public."""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

PUBLIC_ATTRIBUTE = "hemvist_public"


def public(view):
    """Mark a view as reachable without logging in."""
    setattr(view, PUBLIC_ATTRIBUTE, True)
    return view


def is_public_endpoint(endpoint: str | None) -> bool:
    if endpoint is None or endpoint == "static" or endpoint.endswith(".static"):
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, PUBLIC_ATTRIBUTE, False))


def login_required_response():
    flash(_("Log in to continue."), "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def require_login():
    """App-wide ``before_request``: every view not marked public needs a logged-in user."""
    if is_public_endpoint(request.endpoint) or current_user.is_authenticated:
        return None
    if request.endpoint is None:
        return None  # routing failed: let the 404/405 page answer
    return login_required_response()


def role_required(*roles):
    """A workspace view for members with one of ``roles`` only (403 for the others)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            membership = g.get("membership")
            if membership is None or membership.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def writers() -> tuple:
    """The roles that may change what a workspace holds; read-only members may only read."""
    from hemvist.auth.models import Role

    return (Role.COORDINATOR, Role.UNIT_ADMIN)


def writer_required(view):
    """A workspace view that changes something: coordinators and unit administrators only (403 otherwise)."""
    return role_required(*writers())(view)


def can_write() -> bool:
    """Whether the member reading the page may change things; false on pages rendered before the membership
    is known (a 403 page)."""
    membership = g.get("membership")
    return membership is not None and membership.role in writers()


def platform_admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_platform_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
