"""Leases: the forms of lease Swedish municipalities report, used by vacancies, contracts and statistics."""
