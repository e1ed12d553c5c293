"""Vacancies: the homes landlords offer, from a landlord's sign-up, their own page or the coordinator."""
