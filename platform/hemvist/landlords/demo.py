"""Made-up landlords for the demo: companies and a few private persons in each demo municipality.

Everything is invented. Company names are made up; organisation numbers are valid (the check digit is
computed) but chosen at random; people's names end in "(demo)"; phone numbers lie in the series the
Swedish Post and Telecom Authority keeps for fiction (070-174 06 05 to 070-174 06 99); e-mail addresses
use the reserved ``.example`` domain. Loaded by ``hemvist.demo.operations`` with the session bound to the
municipality; the caller commits.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from stdnum import luhn

from hemvist.areas.models import Area
from hemvist.auth.models import User
from hemvist.extensions import db
from hemvist.history.models import Action, HistoryEntry
from hemvist.landlords.models import Landlord, LandlordKind, Source, Stage, StageChange
from hemvist.landlords.operations import ContactData, LandlordData, create_landlord
from hemvist.tenancy.models import Tenant

# Who owns the demo landlords of each municipality: (e-mail, share of the landlords).
OWNERS = {
    "varnamo": (("samordnare@varnamo.example", 0.8), ("enhetschef@varnamo.example", 0.2)),
    "gislaved": (("samordnare@gislaved.example", 1.0),),
    "gnosjo": (("samordnare@gnosjoregionen.example", 1.0),),
    "vaggeryd": (("samordnare@gnosjoregionen.example", 1.0),),
}
COUNTS = {"varnamo": 30}
DEFAULT_COUNT = 8
POSTAL_PREFIXES = {"varnamo": "331", "gislaved": "332", "gnosjo": "335", "vaggeryd": "568"}

COMPANY_STEMS = [
    "Ljungbackens", "Lagastrands", "Tallmons", "Kvarnfallets", "Björkelunds", "Ekeskogs", "Granhöjdens",
    "Sjövikens", "Rönnåsens", "Hagalids", "Ängsbo", "Näckrosens", "Silverlinds", "Stenkulla", "Furuhems",
    "Lönnebo", "Kronhjorts", "Myrstigens", "Klövervallens", "Tranbärs", "Ugglebo", "Vitsippans", "Åkerlunds",
    "Blåklints", "Hjortrons", "Gullvivans", "Kattfots", "Järnbrukets", "Sågverkets", "Mossebergs",
]  # fmt: skip
COMPANY_KINDS = ["Fastigheter AB", "Bostäder AB", "Hyresgårdar AB", "Förvaltnings AB", "Fastighets AB"]
FIRST_NAMES = [
    "Anders", "Birgitta", "Camilla", "Dragan", "Elin", "Fredrik", "Gunilla", "Hassan", "Ingrid", "Jonas",
    "Karin", "Lars", "Maria", "Nils", "Olga", "Per", "Rasmus", "Sofia", "Tomas", "Ulla", "Viktor", "Yasmin",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Bergström", "Claesson", "Dahl", "Ek", "Fransson", "Gustavsson", "Holm", "Isaksson",
    "Johansson", "Karlsson", "Lund", "Magnusson", "Nyberg", "Olsson", "Persson", "Sandberg", "Wikström",
]  # fmt: skip
ROLES = ["Förvaltare", "VD", "Uthyrning", "Fastighetsskötare", "Ekonomi"]
STREETS = ["Storgatan", "Järnvägsgatan", "Kyrkogatan", "Skolgatan", "Parkvägen", "Ringvägen", "Torggatan"]
NOTES = [
    "Vill träffas på plats innan något avtal skrivs.",
    "Positiv till att kommunen står på kontraktet första året.",
    "Frågar om hyresgaranti och referenser.",
    "Har lägenheter som behöver renoveras innan uthyrning.",
    "Rekommenderad av en annan hyresvärd i kommunen.",
    "",
]
PAUSE_REASONS = [
    "Renoverar huset fram till i vår; hör av oss igen i april.",
    "Ägaren är utomlands till hösten.",
]
DECLINE_REASONS = [
    "Vill bara hyra ut till hyresgäster med svenska referenser.",
    "Har sålt fastigheten.",
]
# How the stages are spread, in the order landlords usually move; paused and declined come after "met".
STAGE_PLAN = [
    Stage.NEW, Stage.CONTACTED, Stage.MET, Stage.INTERESTED, Stage.PARTNER, Stage.CONTACTED, Stage.MET,
    Stage.PAUSED, Stage.NEW, Stage.CONTACTED, Stage.INTERESTED, Stage.DECLINED, Stage.PARTNER, Stage.MET,
]  # fmt: skip
PATH = [Stage.NEW, Stage.CONTACTED, Stage.MET, Stage.INTERESTED, Stage.PARTNER]
FICTION_PHONES = [f"+467017406{number:02d}" for number in range(5, 100)]


def organisation_number(rng: random.Random) -> str:
    """A valid organisation number of an aktiebolag (559…), made up: random digits, computed check digit."""
    digits = "559" + "".join(rng.choice("0123456789") for _ in range(6))
    digits += luhn.calc_check_digit(digits)
    return f"{digits[:6]}-{digits[6:]}"


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    owners = [(users[email], share) for email, share in OWNERS.get(tenant.slug, ()) if email in users]
    if not owners or db.session.scalar(sa.select(sa.func.count()).select_from(Landlord)):
        return  # nobody works here in the demo, or the landlords are already loaded
    rng = random.Random(f"hemvist-demo-landlords-{tenant.code}")
    areas = list(db.session.scalars(sa.select(Area).order_by(Area.kind, Area.name)))
    phones = iter(FICTION_PHONES)
    names = rng.sample(COMPANY_STEMS, len(COMPANY_STEMS))
    count = COUNTS.get(tenant.slug, DEFAULT_COUNT)
    registered = []
    for index in range(count):
        owner = rng.choices([user for user, _ in owners], weights=[share for _, share in owners])[0]
        private = index % 7 == 6  # a few private persons, with a house or two in the older stock
        area_choice = _areas_for(rng, areas, index)
        data = _landlord(rng, tenant, index, names[index % len(names)], private, area_choice, phones)
        landlord = create_landlord(tenant, owner, data, owner_id=owner.id, commit=False)
        _walk_stages(rng, landlord, STAGE_PLAN[index % len(STAGE_PLAN)], owner, days_ago=20 + (count - index) * 9)
        registered.append(landlord)
    _date_registrations(registered)


def _date_registrations(landlords: list[Landlord]) -> None:
    """The history says a demo landlord was registered when its made-up dialogue began, not at load time."""
    db.session.flush()
    by_id = {landlord.id: landlord for landlord in landlords}
    entries = db.session.scalars(
        sa.select(HistoryEntry).where(
            HistoryEntry.subject_type == Landlord.__tablename__,
            HistoryEntry.action == Action.CREATED,
            HistoryEntry.subject_id.in_(by_id),
        )
    )
    for entry in entries:
        entry.at = by_id[entry.subject_id].created_at


def _areas_for(rng: random.Random, areas: list[Area], index: int) -> list[Area]:
    if not areas:
        return []
    # Most homes in the central town (listed first), the rest in the villages around it.
    first = areas[0] if index % 3 != 2 else rng.choice(areas)
    extra = [rng.choice(areas)] if index % 4 == 0 else []
    return list(dict.fromkeys([first, *extra]))


def _landlord(rng, tenant, index, stem, private, areas, phones) -> LandlordData:
    city = areas[0].name if areas else tenant.name
    postal_code = f"{POSTAL_PREFIXES.get(tenant.slug, '330')} {rng.randint(10, 99)}"
    street = f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
    if private:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (demo)"
        contacts = [ContactData(name=name, role="Ägare", phone=next(phones, ""))]
        return LandlordData(
            kind=LandlordKind.PRIVATE_PERSON,
            name=name,
            street_address=street,
            postal_code=postal_code,
            city=city,
            flats=rng.randint(2, 6),
            older_stock=True,
            source=rng.choice([Source.RECOMMENDATION, Source.SELF_REGISTERED]),
            notes="Äldre hus med några lägenheter; sköter allt själv.",
            area_ids=[area.id for area in areas],
            contacts=contacts,
        )
    name = f"{stem} {rng.choice(COMPANY_KINDS)}"
    domain = stem.lower().translate(str.maketrans("åäöé", "aaoe")).rstrip("s") + ".example"
    contacts = []
    for _ in range(rng.choice([1, 1, 2])):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first}.{last}".lower().translate(str.maketrans("åäöé", "aaoe")) + f"@{domain}"
        contacts.append(
            ContactData(name=f"{first} {last} (demo)", role=rng.choice(ROLES), phone=next(phones, ""), email=email)
        )
    return LandlordData(
        kind=LandlordKind.COMPANY,
        name=name,
        identity_number=organisation_number(rng),
        street_address=street,
        postal_code=postal_code,
        city=city,
        flats=rng.choice([8, 12, 16, 24, 36, 48, 60, 120]),
        older_stock=index % 4 == 1,
        source=rng.choice([Source.OUTREACH, Source.OUTREACH, Source.RECOMMENDATION, Source.OTHER]),
        notes=rng.choice(NOTES),
        area_ids=[area.id for area in areas],
        contacts=contacts,
    )


def _walk_stages(rng, landlord: Landlord, target: Stage, owner: User, days_ago: int) -> None:
    """Move the landlord along the usual path to ``target``, a few weeks between steps, ending recently."""
    steps = PATH[: PATH.index(target) + 1] if target in PATH else [*PATH[:3], target]
    day = date.today() - timedelta(days=days_ago)
    landlord.created_at = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9)
    landlord.stage_changes[0].changed_on = day
    for previous, stage in zip(steps, steps[1:], strict=False):
        day += timedelta(days=max(1, days_ago // len(steps)))
        reason = ""
        if stage is Stage.PAUSED:
            reason = rng.choice(PAUSE_REASONS)
        elif stage is Stage.DECLINED:
            reason = rng.choice(DECLINE_REASONS)
        landlord.stage_changes.append(
            StageChange(from_stage=previous, to_stage=stage, reason=reason, changed_on=day, changed_by_id=owner.id)
        )
        landlord.stage, landlord.stage_reason = stage, reason
