"""A landlord's own page, without a password: a signed one-time link by e-mail opens it for a while."""
