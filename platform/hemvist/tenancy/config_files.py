"""Tenant configuration as code: one ``tenants/<slug>.toml`` per municipality on the service.

The keys are documented in ``tenants/README.md``. Files are read and checked whole before anything is
written, so a typo in one file changes nothing anywhere.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from hemvist.tenancy import reference
from hemvist.tenancy.web import RESERVED_SLUGS, SLUG_PATTERN

LOCALES = ("sv", "en")
KEYS = {
    "code", "slug", "status", "default_locale", "population", "unit_email", "persons_per_bedroom", "quotas", "areas",
}  # fmt: skip
AREA_KINDS = ("central_town", "village")


class TenantFileError(ValueError):
    pass


@dataclass(frozen=True)
class TenantFile:
    path: Path
    code: str
    slug: str
    active: bool = True
    default_locale: str = "sv"
    population: int | None = None
    unit_email: str = ""
    persons_per_bedroom: int = 2
    quotas: dict[int, int] = field(default_factory=dict)
    # (name, kind) pairs: the central town and the surrounding villages, in the file's order.
    areas: tuple[tuple[str, str], ...] = ()

    @property
    def reference(self) -> reference.ReferenceMunicipality:
        return reference.municipalities()[self.code]


def _is_email(text: str) -> bool:
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def validate_slug(slug: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, slug) or slug in RESERVED_SLUGS:
        raise TenantFileError(f"slug {slug!r} is not allowed (lowercase letters, digits, dashes; not reserved)")
    return slug


def parse(path: Path) -> TenantFile:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TenantFileError(f"{path.name}: {error}") from None

    def fail(message: str):
        raise TenantFileError(f"{path.name}: {message}")

    unknown = set(data) - KEYS
    if unknown:
        fail(f"unknown keys {sorted(unknown)}")
    code = data.get("code")
    if not isinstance(code, str) or code not in reference.municipalities():
        fail(f"code {code!r} is not an official municipality code")
    official = reference.municipalities()[code]
    slug = data.get("slug", official.slug)
    try:
        validate_slug(slug)
    except TenantFileError as error:
        fail(str(error))
    status = data.get("status", "active")
    if status not in ("active", "suspended"):
        fail("status must be 'active' or 'suspended'")
    locale = data.get("default_locale", "sv")
    if locale not in LOCALES:
        fail(f"default_locale must be one of {LOCALES}")
    population = data.get("population")
    if population is not None and (not isinstance(population, int) or population <= 0):
        fail("population must be a positive whole number")
    unit_email = data.get("unit_email", "")
    if not isinstance(unit_email, str) or (unit_email and not _is_email(unit_email)):
        fail("unit_email must be an e-mail address")
    persons_per_bedroom = data.get("persons_per_bedroom", 2)
    if (
        not isinstance(persons_per_bedroom, int)
        or isinstance(persons_per_bedroom, bool)
        or not 1 <= persons_per_bedroom <= 4
    ):
        fail("persons_per_bedroom must be a whole number from 1 to 4")
    quotas: dict[int, int] = {}
    for year, persons in data.get("quotas", {}).items():
        if not (year.isdigit() and 2016 <= int(year) <= 2100):
            fail(f"quota year {year!r} must be a year from 2016 (the Settlement Act) on")
        if not isinstance(persons, int) or persons < 0:
            fail(f"quota for {year} must be a whole number of persons")
        quotas[int(year)] = persons
    areas = []
    for area in data.get("areas", []):
        if not isinstance(area, dict) or set(area) != {"name", "kind"}:
            fail("each [[areas]] entry has exactly a name and a kind")
        name, kind = area["name"], area["kind"]
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            fail("an area's name is a text of at most 100 characters")
        if kind not in AREA_KINDS:
            fail(f"an area's kind is one of {AREA_KINDS}")
        areas.append((name.strip(), kind))
    if len({name for name, _ in areas}) != len(areas):
        fail("two areas have the same name")
    return TenantFile(
        path=path,
        code=code,
        slug=slug,
        active=status == "active",
        default_locale=locale,
        population=population,
        unit_email=unit_email,
        persons_per_bedroom=persons_per_bedroom,
        quotas=quotas,
        areas=tuple(areas),
    )


def load_all(directory: str | Path) -> list[TenantFile]:
    files = [parse(path) for path in sorted(Path(directory).glob("*.toml"))]
    for attribute in ("code", "slug"):
        seen: dict[str, Path] = {}
        for tenant_file in files:
            value = getattr(tenant_file, attribute)
            if value in seen:
                raise TenantFileError(f"{tenant_file.path.name} and {seen[value].name} share the {attribute} {value}")
            seen[value] = tenant_file.path
    return files
