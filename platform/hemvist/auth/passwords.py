"""Password hashing with Argon2id.

The parameters come from one of argon2-cffi's named profiles (``PASSWORD_HASH_PROFILE``): RFC 9106's
low-memory recommendation in production, ``CHEAPEST`` only where speed matters more than strength (the
test suite). A hash records its own parameters, so any profile verifies any hash; a hash made with other
parameters than the configured ones is upgraded at the next successful login.
"""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

PROFILES = ("RFC_9106_LOW_MEMORY", "RFC_9106_HIGH_MEMORY", "CHEAPEST")

_hasher = PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)
_dummy_hash = _hasher.hash("hemvist-timing-equaliser")


def configure(profile: str) -> None:
    global _hasher, _dummy_hash
    if profile not in PROFILES:
        raise ValueError(f"PASSWORD_HASH_PROFILE must be one of {PROFILES}")
    _hasher = PasswordHasher.from_parameters(getattr(profiles, profile))
    # Verified when the e-mail is unknown, so that a wrong address takes as long as a wrong password.
    _dummy_hash = _hasher.hash("hemvist-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
