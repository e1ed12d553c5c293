"""Households assigned to the municipality under the Settlement Act, and the homes they need.

Sensitive personal data: the minimum needed to find a home (no names, no identity numbers), shown only to
members of the municipality, never logged, never in county figures except as counts.
"""
