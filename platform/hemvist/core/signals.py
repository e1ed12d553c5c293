"""Signals through which features hear of each other's events without importing each other.

Each signal says who sends it and with which arguments; receivers are connected in ``app.py``.
"""

from blinker import Namespace

_signals = Namespace()

tenant_configured = _signals.signal(
    "tenant-configured",
    doc="""A municipality was created or updated from its ``tenants/*.toml`` file.

    Sent by ``hemvist.tenancy.operations.sync`` with the ``TenantFile`` as sender, while the database
    session is bound to that municipality; keyword arguments: ``tenant`` (a ``Tenant``) and ``report``
    (the ``SyncReport``, whose ``notes`` list a receiver may append lines to). The receiver writes in the
    session; ``sync`` commits.
    """,
)

landlord_page = _signals.signal(
    "landlord-page",
    doc="""A landlord's page is being rendered; receivers may add a section to it.

    Sent by ``hemvist.landlords.views`` with the ``Landlord`` as sender and the keyword argument ``tenant``
    (a ``Tenant``), while the session is bound to that municipality. A receiver returns rendered HTML
    (``Markup``, e.g. from ``render_template``) or ``None``; sections appear in the order returned.
    """,
)
