"""Sweden's 290 municipalities and 21 counties, from the official list shipped with the package."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class ReferenceMunicipality:
    code: str
    name: str
    county_code: str
    county_name: str
    slug: str

    @property
    def schema_name(self) -> str:
        return schema_name_for(self.code)


def schema_name_for(code: str) -> str:
    return f"kommun_{code}"


@cache
def municipalities() -> dict[str, ReferenceMunicipality]:
    """Every municipality by its four-digit code."""
    text = resources.files("hemvist.tenancy").joinpath("data/municipalities.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    # Håbo and Habo both come out as "habo": names that meet like that both carry their code, so that
    # neither takes the plain name from the other by being provisioned first.
    plain = Counter(slugify(row["municipality"]) for row in rows)
    municipalities = {}
    for row in rows:
        slug = slugify(row["municipality"])
        if plain[slug] > 1:
            slug = f"{slug}-{row['municipality_code']}"
        municipalities[row["municipality_code"]] = ReferenceMunicipality(
            code=row["municipality_code"],
            name=row["municipality"],
            county_code=row["county_code"],
            county_name=row["county"],
            slug=slug,
        )
    return municipalities


def counties() -> dict[str, str]:
    """County names by their two-digit code."""
    return {m.county_code: m.county_name for m in municipalities().values()}


def slugify(name: str) -> str:
    """``Upplands Väsby`` → ``upplands-vasby``: the URL name of a municipality."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
