"""Landlords' sign-up: the public form at ``/<slug>/landlord-signup`` and the workspace's triage inbox."""
