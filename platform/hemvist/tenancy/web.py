"""How a request finds its municipality: ``/<slug>/…`` is resolved before any view runs.

Feature blueprints that belong to a workspace are made with ``TenantBlueprint``; their views never see
the slug, a schema or a file, only ``g.tenant`` (a ``Tenant``) and a database session already bound to it.
"""

from __future__ import annotations

import threading
import time
import weakref

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, g, request
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from werkzeug.local import LocalProxy
from werkzeug.routing import BaseConverter, IntegerConverter

from hemvist.core.access import is_public_endpoint, login_required_response
from hemvist.extensions import db
from hemvist.tenancy.binding import bind_session
from hemvist.tenancy.models import Municipality, Tenant, TenantStatus

SLUG_PATTERN = r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?"
URL_ARGUMENT = "municipality"
# Top-level paths of the platform itself; no municipality may be called by one of these names.
RESERVED_SLUGS = frozenset(
    {"admin", "county", "login", "logout", "home", "static", "healthz", "account", "api", "landlords", "invitation"}
)

current_tenant: Tenant = LocalProxy(lambda: g.tenant)  # type: ignore[assignment]


class IdConverter(IntegerConverter):
    """A database id: a positive 32-bit integer. Larger numbers are 404s, never an overflow in the driver."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2**31 - 1)


class SlugConverter(BaseConverter):
    # Reserved names never match, so /logout stays the platform's and is not redirected to /logout/.
    regex = "(?!(?:" + "|".join(sorted(RESERVED_SLUGS)) + ")(?![a-z0-9-]))" + SLUG_PATTERN


def find_tenant(slug: str) -> Tenant | None:
    """The active municipality with this slug.

    Read on a connection of its own, outside the request's session, so that the session's first
    transaction already runs bound to the municipality; kept for a few seconds (``_ActiveTenants``).
    """
    engine = db.engine
    seconds = current_app.config["TENANT_CACHE_SECONDS"]
    tenant = _active_tenants.get(engine, slug, seconds)
    if tenant is not None:
        return tenant
    columns = Municipality.__table__.c
    with engine.connect() as connection:
        row = connection.execute(sa.select(Municipality.__table__).where(columns.slug == slug)).first()
    if row is None or row.status is not TenantStatus.ACTIVE:
        return None
    tenant = Tenant.of(row)
    if seconds > 0:
        _active_tenants.put(engine, slug, tenant)
    return tenant


class _ActiveTenants:
    """Active municipalities by slug, per database (engine), for ``TENANT_CACHE_SECONDS``.

    Every workspace request resolves its municipality before anything else; reading the row each time
    cost a connection checkout, a query and a rollback. Only active municipalities are kept (unknown
    slugs are not, so a scan of made-up addresses cannot grow it), as immutable ``Tenant`` values under
    their own slug: a lookup can only ever answer the municipality the URL names, as before.

    A change to any municipality made in this process (suspension, a new slug) empties it at once
    (``forget_tenants``, on every flush of a ``Municipality`` and again after its commit); one made by
    another process (``flask tenants sync``, another worker) is seen within ``TENANT_CACHE_SECONDS``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: weakref.WeakKeyDictionary[Engine, dict[str, tuple[float, Tenant]]] = weakref.WeakKeyDictionary()

    def get(self, engine: Engine, slug: str, seconds: float) -> Tenant | None:
        entry = self._entries.get(engine, {}).get(slug)
        if entry is None or time.monotonic() - entry[0] >= seconds:
            return None
        return entry[1]

    def put(self, engine: Engine, slug: str, tenant: Tenant) -> None:
        with self._lock:
            self._entries.setdefault(engine, {})[slug] = (time.monotonic(), tenant)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_active_tenants = _ActiveTenants()


def forget_tenants(*_args) -> None:
    """Drop every cached municipality: one of them has just changed."""
    _active_tenants.clear()


for _event in ("after_insert", "after_update", "after_delete"):
    event.listen(Municipality, _event, forget_tenants)


def _forget_after_commit(session) -> None:
    # Between the flush and the commit another thread may still read the old row and put it back: once
    # more after the commit, when the change is what everyone reads.
    if session.info.pop("hemvist_municipality_changed", False):
        _active_tenants.clear()


def _note_municipality_change(session, flush_context, instances) -> None:
    if any(isinstance(obj, Municipality) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info["hemvist_municipality_changed"] = True


event.listen(Session, "before_flush", _note_municipality_change)
event.listen(Session, "after_commit", _forget_after_commit)


class TenantBlueprint(Blueprint):
    """A blueprint whose every route lives under ``/<municipality>/`` and is reachable by its members only.

    Unknown or suspended municipality: 404. Anonymous: the login page. Logged in but not a member: 403.
    Views marked ``@public`` (the landlord sign-up form) skip the membership check, not the resolution.
    """

    def __init__(self, name: str, import_name: str, url_prefix: str = "", **kwargs):
        super().__init__(name, import_name, url_prefix=f"/<slug:{URL_ARGUMENT}>{url_prefix}", **kwargs)
        self.url_value_preprocessor(_enter_tenant)
        self.url_defaults(_add_tenant_to_url)
        self.before_request(_require_membership)


def _enter_tenant(endpoint, values) -> None:
    slug = values.pop(URL_ARGUMENT, None) if values else None
    tenant = find_tenant(slug) if slug else None
    if tenant is None:
        abort(404)
    g.tenant = tenant
    bind_session(db.session, tenant.schema)


def _add_tenant_to_url(endpoint, values) -> None:
    if URL_ARGUMENT not in values and "tenant" in g:
        values[URL_ARGUMENT] = g.tenant.slug


def _require_membership():
    if is_public_endpoint(request.endpoint):
        return None
    if not current_user.is_authenticated:
        return login_required_response()
    membership = current_user.membership_of(g.tenant.id)
    if membership is None:
        abort(403)
    g.membership = membership
    return None
