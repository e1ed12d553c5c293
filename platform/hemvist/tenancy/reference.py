"""Sweden's 290 municipalities and 21 counties, from the official list shipped with the package."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class ReferenceMunicipality:
    code: str
    name: str
    county_code: str
    county_name: str

    @property
    def schema_name(self) -> str:
        return schema_name_for(self.code)

    @property
    def slug(self) -> str:
        return slugify(self.name)


def schema_name_for(code: str) -> str:
    return f"kommun_{code}"


@cache
def municipalities() -> dict[str, ReferenceMunicipality]:
    """Every municipality by its four-digit code."""
    text = resources.files("hemvist.tenancy").joinpath("data/municipalities.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return {
        row["municipality_code"]: ReferenceMunicipality(
            code=row["municipality_code"],
            name=row["municipality"],
            county_code=row["county_code"],
            county_name=row["county"],
        )
        for row in rows
    }


def counties() -> dict[str, str]:
    """County names by their two-digit code."""
    return {m.county_code: m.county_name for m in municipalities().values()}


def slugify(name: str) -> str:
    """``Upplands Väsby`` → ``upplands-vasby``: the URL name of a municipality."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
