"""Tenancy: every municipality's data in a schema of its own. The only package that knows about schemas.

What the rest of the application uses:

- ``TenantBlueprint`` for a workspace's routes (``/<municipality>/…``); ``current_tenant`` inside them;
- ``Tenant``, the immutable value handed to operations and queries;
- ``bound`` to work for one municipality outside a request.
"""
