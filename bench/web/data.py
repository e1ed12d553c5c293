"""Generated, made-up data for the web benchmark: one busy municipality's landlord registry.

Deterministic: the same seed and the same ``today`` give the same rows. Rows are written with SQLAlchemy
Core ``insert`` in batches (executemany) through a session bound to the municipality, so the same code
fills a PostgreSQL schema or, in the smoke test, a SQLite file. Ids are given explicitly so that the
rows can refer to each other without reading anything back; on PostgreSQL ``finish_postgresql`` then
moves the sequences past them and collects the planner's statistics, as a database in use would have.

The shape follows the issue and the article behind it: most landlords are companies with a few contact
persons, the dialogue is mostly calls and e-mails, a few landlords get most of the attention, a third have
an open follow-up, and stages thin out from "new" towards "partner".

Supply and demand ("every list stays fast with 5 000 vacancies and 2 000 households in a tenant"): the
homes the landlords offered over the years, mostly let or withdrawn by now, about an eighth on offer or
reserved and a share of those not confirmed for over 30 days; and the households assigned since 2016 with
their two-month deadline, most received, some still waiting with their deadline near or past, a few
self-settled without dates. This year gets a quota, so that the overview shows its progress.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session
from stdnum import luhn

from hemvist.areas.models import Area, AreaKind
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind, InteractionTopic, Topic
from hemvist.history.models import Action, HistoryEntry
from hemvist.households.models import ArrivalRoute, Destination, Household, HouseholdStatus
from hemvist.landlords.models import ContactPerson, Landlord, LandlordKind, Source, Stage, StageChange, landlord_areas
from hemvist.leases.models import LeaseForm
from hemvist.quotas.models import Quota
from hemvist.tenancy.binding import validate_schema
from hemvist.vacancies.models import OfferedVia, Vacancy, VacancyStatus

SEED = 20261125
BATCH = 5_000

# Värnamo's central town and villages (tenants/varnamo.toml), and a few more of the municipality's.
AREAS = [("Värnamo", AreaKind.CENTRAL_TOWN)] + [
    (name, AreaKind.VILLAGE)
    for name in (
        "Bredaryd", "Forsheda", "Rydaholm", "Bor", "Horda", "Kärda", "Lanna", "Hånger", "Tånnö", "Åminne",
        "Gällaryd", "Kulltorp",
    )
]  # fmt: skip
SURNAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson",
    "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg",
    "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg",
    "Sjöberg", "Wallin", "Ali", "Engström", "Mohamed", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk",
    "Bergman", "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström",
    "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström", "Mårtensson",
)  # fmt: skip
FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Marie", "Malin", "Jenny",
    "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Thomas", "Jan", "Daniel", "Fredrik",
    "Ahmed", "Fatima", "Amina", "Omar", "Leila", "Yusuf", "Nadia", "Hassan",
)  # fmt: skip
COMPANY_WORDS = (
    "Bostäder", "Fastigheter", "Förvaltning", "Hyresfastigheter", "Bygg & Fastighet", "Hem", "Fastighets",
    "Lägenheter", "Bostadsbolag",
)  # fmt: skip
PLACE_WORDS = ("Kärnan", "Torget", "Ån", "Lagan", "Park", "Centrum", "Ekbacken", "Solgläntan", "Norra", "Södra")
STREETS = (
    "Storgatan", "Jönköpingsvägen", "Lasarettsgatan", "Malmstensgatan", "Bultvägen", "Västra Vägen", "Kyrkogatan",
    "Flanaden", "Apladalsvägen", "Ringvägen", "Skogsvägen", "Tallvägen",
)  # fmt: skip
ROLES = ("VD", "Förvaltare", "Uthyrningsansvarig", "Fastighetsskötare", "Ekonomiansvarig", "Ägare")
SUMMARIES = (
    "Ringde om lediga lägenheter under hösten. Inget ledigt just nu, hör av oss igen efter årsskiftet.",
    "Möte på kontoret om kommunens stöd vid uthyrning till nyanlända utan referenser.",
    "Hyresvärden undrade över borgen och vem som står på kontraktet under första året.",
    "Skickade information om blockhyresavtal och andrahandsuthyrning via kommunen.",
    "Diskuterade hyresnivå för en nyrenoverad trea; hyresvärden återkommer.",
    "Visning av en tvåa i centrum tillsammans med familjens handläggare.",
    "Träffades på fastighetsägarnas frukostmöte, intresserad av att veta mer.",
    "Kort samtal: förvaltaren på semester, ring igen om två veckor.",
    "Hyresvärden har en etta ledig från nästa månad och vill träffa hushållet.",
    "Uppföljning efter inflyttning: allt fungerar, hyran betalas i tid.",
)  # fmt: skip
OUTCOMES = ("", "", "Återkommer", "Inget ledigt", "Intresserad", "Vill ha skriftlig information", "Bokat möte")
DECLINE_REASONS = ("Säljer fastigheten", "Vill inte hyra ut via kommunen", "Har egen kö", "Renoverar hela beståndet")

STAGE_WEIGHTS = {
    Stage.NEW: 28,
    Stage.CONTACTED: 30,
    Stage.MET: 14,
    Stage.INTERESTED: 10,
    Stage.PARTNER: 6,
    Stage.PAUSED: 7,
    Stage.DECLINED: 5,
}
# The path a landlord took to reach a stage; paused and declined come after some dialogue.
PATHS = {
    Stage.NEW: [Stage.NEW],
    Stage.CONTACTED: [Stage.NEW, Stage.CONTACTED],
    Stage.MET: [Stage.NEW, Stage.CONTACTED, Stage.MET],
    Stage.INTERESTED: [Stage.NEW, Stage.CONTACTED, Stage.MET, Stage.INTERESTED],
    Stage.PARTNER: [Stage.NEW, Stage.CONTACTED, Stage.MET, Stage.INTERESTED, Stage.PARTNER],
    Stage.PAUSED: [Stage.NEW, Stage.CONTACTED, Stage.MET, Stage.PAUSED],
    Stage.DECLINED: [Stage.NEW, Stage.CONTACTED, Stage.DECLINED],
}
KIND_WEIGHTS = {
    InteractionKind.PHONE: 45,
    InteractionKind.EMAIL: 30,
    InteractionKind.MEETING: 12,
    InteractionKind.LETTER: 5,
    InteractionKind.EVENT: 8,
}
# The search the benchmark types: a surname fragment that many names, contacts and e-mails contain.
SEARCH_TEXT = "berg"


@dataclass(frozen=True)
class Sizes:
    landlords: int = 10_000
    interactions: int = 100_000
    # The one landlord with the most dialogue (a big housing company): its page is the one measured.
    busiest_landlord_interactions: int = 300
    # Supply and demand: "every list stays fast with 5 000 vacancies and 2 000 households in a tenant".
    vacancies: int = 5_000
    households: int = 2_000

    def __post_init__(self) -> None:
        if self.landlords < 2 or self.interactions < self.busiest_landlord_interactions:
            raise ValueError("at least two landlords, and more interactions than the busiest landlord has")
        if self.vacancies < 1 or self.households < 20:
            raise ValueError("at least one vacancy and 20 households")


@dataclass
class Generated:
    """What was written, and the ids the benchmark requests."""

    counts: dict[str, int]
    busiest_landlord_id: int
    busiest_landlord_interactions: int
    search_text: str
    search_matches_by_name: int
    # What the supply-and-demand pages must show, so that a 200 is the page meant (see ``supply_and_demand``).
    first_vacancy_address: str = ""
    first_household_reference: str = ""
    most_overdue_reference: str = ""
    vacancy_figures: dict[str, int] = field(default_factory=dict)
    household_figures: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "counts": self.counts,
            "busiest_landlord_id": self.busiest_landlord_id,
            "busiest_landlord_interactions": self.busiest_landlord_interactions,
            "search_text": self.search_text,
            "search_matches_by_name": self.search_matches_by_name,
            "first_vacancy_address": self.first_vacancy_address,
            "first_household_reference": self.first_household_reference,
            "most_overdue_reference": self.most_overdue_reference,
            "vacancies": self.vacancy_figures,
            "households": self.household_figures,
            "seconds": round(self.seconds, 2),
        }


def org_number(serial: int) -> str:
    """A valid, made-up organisation number (aktiebolag: 556…), unique per serial."""
    digits = f"556{serial % 1_000_000:06d}"
    return f"{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"


def personal_number(serial: int) -> str:
    """A valid, made-up personal identity number YYMMDD-NNNC, unique for serials below 18 000."""
    # 7919 is prime to 18 000, so every serial below it gets a birth date of its own (1945-1994).
    born = date(1945, 1, 1) + timedelta(days=serial * 7919 % 18_000)
    digits = f"{born:%y%m%d}{serial % 900 + 100:03d}"
    return f"{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"


def _ascii(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": ".", "&": "och"})
    return text.lower().translate(table)


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randrange(7, 18), rng.randrange(0, 60)), tzinfo=UTC)


def _between(start: date, end: date, rng: random.Random) -> date:
    return start + timedelta(days=rng.randrange(0, max(1, (end - start).days + 1)))


# Table name -> table, in an order that satisfies the foreign keys.
TABLES = {
    "areas": Area.__table__,
    "landlords": Landlord.__table__,
    "landlord_areas": landlord_areas,
    "contact_persons": ContactPerson.__table__,
    "stage_changes": StageChange.__table__,
    "history": HistoryEntry.__table__,
    "interactions": Interaction.__table__,
    "interaction_topics": InteractionTopic.__table__,
    "follow_ups": FollowUp.__table__,
    "vacancies": Vacancy.__table__,
    "households": Household.__table__,
    # Without ids: this year's quota, next to the ones provisioning seeded from the municipality's file.
    "quotas": Quota.__table__,
}


def generate(session: Session, user_ids: list[int], sizes: Sizes = Sizes(), *, seed: int = SEED, today=None):
    """Write the registry into the (empty) municipality ``session`` is bound to; the caller commits.

    ``user_ids``: the municipality's staff (plain ids of the shared users table); the first is the
    coordinator who owns the most landlords. Returns a ``Generated``.
    """
    start = datetime.now(UTC)
    rows, generated = build(user_ids, sizes, seed=seed, today=today)
    # A quota the municipality already has (seeded from its file) is kept, as the product would.
    seeded = set(session.scalars(sa.select(Quota.year)))
    rows["quotas"] = [row for row in rows["quotas"] if row["year"] not in seeded]
    generated.counts["quotas"] = len(rows["quotas"])
    for name, table in TABLES.items():
        for offset in range(0, len(rows[name]), BATCH):
            session.execute(sa.insert(table), rows[name][offset : offset + BATCH])
    session.flush()
    generated.seconds = (datetime.now(UTC) - start).total_seconds()
    return generated


def build(user_ids: list[int], sizes: Sizes = Sizes(), *, seed: int = SEED, today=None):
    """The rows of every table (``{table name: [row dict, …]}``) and a ``Generated``; writes nothing."""
    if not user_ids:
        raise ValueError("at least one user")
    rng = random.Random(seed)
    today = today or date.today()
    rows: dict[str, list[dict]] = {}

    rows["areas"] = [{"id": i, "name": name, "kind": kind} for i, (name, kind) in enumerate(AREAS, start=1)]
    area_ids = [row["id"] for row in rows["areas"]]
    area_weights = [6] + [1] * (len(area_ids) - 1)
    owner_weights = [4] + [1] * (len(user_ids) - 1)

    landlords, links, contacts, stage_changes, history = [], [], [], [], []
    contacts_of: dict[int, list[int]] = {}
    created_on: dict[int, date] = {}
    stages: dict[int, Stage] = {}
    owners: dict[int, int] = {}
    stage_list, stage_weights = list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values())
    busiest = None
    for landlord_id in range(1, sizes.landlords + 1):
        company = rng.random() < 0.7
        surname = rng.choice(SURNAMES)
        if company:
            name = rng.choice(
                (
                    f"{surname}s {rng.choice(COMPANY_WORDS)} AB",
                    f"Fastighets AB {rng.choice(PLACE_WORDS)} {landlord_id}",
                    f"{rng.choice(PLACE_WORDS)} {rng.choice(COMPANY_WORDS)} i Värnamo AB",
                    f"HB {surname} & {rng.choice(SURNAMES)}",
                )
            )
            number = org_number(landlord_id) if rng.random() < 0.95 else None
            flats = max(2, int(rng.lognormvariate(3.0, 1.0)))
        else:
            name = f"{rng.choice(FIRST_NAMES)} {surname}"
            number = personal_number(landlord_id) if rng.random() < 0.8 else None
            flats = rng.randint(1, 4)
        stage = rng.choices(stage_list, stage_weights)[0]
        deleted = rng.random() < 0.01
        if busiest is None and company:
            # The landlord whose page is measured: a partner company with a long dialogue.
            busiest, stage, deleted = landlord_id, Stage.PARTNER, False
        owner = rng.choices(user_ids, owner_weights)[0]
        created = today - timedelta(days=rng.randrange(30, 6 * 365))
        created_on[landlord_id], stages[landlord_id], owners[landlord_id] = created, stage, owner
        area_choice = {rng.choices(area_ids, area_weights)[0] for _ in range(rng.choice((1, 1, 1, 2, 3)))}
        city = AREAS[min(area_choice) - 1][0]
        landlords.append(
            {
                "id": landlord_id,
                "kind": LandlordKind.COMPANY if company else LandlordKind.PRIVATE_PERSON,
                "name": name,
                "identity_number": number,
                "street_address": f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
                "postal_code": f"331 {rng.randint(30, 99)}",
                "city": city,
                "flats": flats,
                "older_stock": rng.random() < 0.4,
                "source": rng.choices(list(Source), (60, 20, 10, 10))[0],
                "stage": stage,
                "stage_reason": rng.choice(DECLINE_REASONS) if stage.needs_reason else "",
                "owner_id": owner,
                "notes": rng.choice(("", "", "Föredrar e-post.", "Har äldre bestånd i Bor.", "Ring efter kl 10.")),
                "created_at": _moment(created, rng),
                "created_by_id": owner,
                "updated_at": _moment(_between(created, today, rng), rng),
                # A few deleted in the grace period: the list and search must leave them out.
                "deleted_at": _moment(today - timedelta(days=rng.randrange(1, 20)), rng) if deleted else None,
            }
        )
        links.extend({"landlord_id": landlord_id, "area_id": area_id} for area_id in sorted(area_choice))
        people = rng.choice((1, 1, 2, 2, 3)) if company else rng.choice((0, 1))
        contacts_of[landlord_id] = []
        for _ in range(people):
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            contact_id = len(contacts) + 1
            contacts_of[landlord_id].append(contact_id)
            contacts.append(
                {
                    "id": contact_id,
                    "landlord_id": landlord_id,
                    "name": f"{first} {last}",
                    "role": rng.choice(ROLES) if company else "",
                    "phone": f"+4670{rng.randrange(0, 10_000_000):07d}",
                    "email": f"{_ascii(first)}.{_ascii(last)}@{_ascii(surname)}-fastigheter.example",
                }
            )
        path = PATHS[stage]
        day = created
        for previous, current in zip([None, *path], path, strict=False):
            stage_changes.append(
                {
                    "landlord_id": landlord_id,
                    "from_stage": previous,
                    "to_stage": current,
                    "reason": rng.choice(DECLINE_REASONS) if current.needs_reason else "",
                    "changed_on": day,
                    "changed_at": _moment(day, rng),
                    "changed_by_id": owner,
                }
            )
            day = _between(day, today, rng)
        history.append(
            {
                "at": landlords[-1]["created_at"],
                "user_id": owner,
                "action": Action.CREATED,
                "subject_type": Landlord.__tablename__,
                "subject_id": landlord_id,
                "changes": {"name": [None, name]},
            }
        )
        for previous, current in zip(path, path[1:], strict=False):
            history.append(
                {
                    "at": _moment(_between(created, today, rng), rng),
                    "user_id": owner,
                    "action": Action.UPDATED,
                    "subject_type": Landlord.__tablename__,
                    "subject_id": landlord_id,
                    "changes": {"stage": [previous.value, current.value]},
                }
            )
    rows["landlords"], rows["landlord_areas"], rows["contact_persons"] = landlords, links, contacts
    rows["stage_changes"], rows["history"] = stage_changes, history

    # The dialogue: one busy landlord (a partner company), the rest skewed: a few get much attention.
    if busiest is None:
        raise ValueError("no company among the generated landlords: generate more")
    others = [row["id"] for row in landlords if row["id"] != busiest and stages[row["id"]] is not Stage.NEW]
    # Capped, so that no other landlord comes near the busiest one.
    weights = [min(15.0, rng.paretovariate(1.6)) for _ in others]
    remaining = sizes.interactions - sizes.busiest_landlord_interactions
    targets = [busiest] * sizes.busiest_landlord_interactions + rng.choices(others, weights, k=remaining)
    interactions, topics = [], []
    kind_list, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    latest: dict[int, tuple[date, int]] = {}
    for interaction_id, landlord_id in enumerate(targets, start=1):
        kind = rng.choices(kind_list, kind_weights)[0]
        day = _between(created_on[landlord_id], today, rng)
        duration = {InteractionKind.PHONE: rng.randint(3, 30), InteractionKind.MEETING: rng.choice((30, 45, 60, 90))}
        people = contacts_of[landlord_id]
        interactions.append(
            {
                "id": interaction_id,
                "landlord_id": landlord_id,
                "kind": kind,
                "occurred_on": day,
                "duration_minutes": duration.get(kind),
                # The owner makes most of the contacts; colleagues from other departments the rest.
                "user_id": owners[landlord_id] if rng.random() < 0.7 else rng.choice(user_ids),
                "contact_person_id": rng.choice(people) if people and rng.random() < 0.8 else None,
                "summary": rng.choice(SUMMARIES),
                "outcome": rng.choice(OUTCOMES),
                "created_at": _moment(day, rng),
            }
        )
        for topic in rng.sample(list(Topic), rng.choice((0, 1, 1, 1, 2, 2, 3))):
            topics.append({"interaction_id": interaction_id, "topic": topic})
        if landlord_id not in latest or latest[landlord_id][0] <= day:
            latest[landlord_id] = (day, interaction_id)
    rows["interactions"], rows["interaction_topics"] = interactions, topics

    follow_ups = []
    for row in interactions:
        # Some past calls planned a next contact that has since been made.
        if rng.random() < 0.1 and row["occurred_on"] < today - timedelta(days=30):
            due = row["occurred_on"] + timedelta(days=rng.choice((14, 30, 90)))
            follow_ups.append(_follow_up(row["landlord_id"], due, owners[row["landlord_id"]], row["id"], due, rng))
    for landlord_id, (_day, interaction_id) in latest.items():
        # A third of the landlords in dialogue have an open follow-up: some overdue, most ahead.
        if stages[landlord_id] is not Stage.DECLINED and (rng.random() < 0.35 or landlord_id == busiest):
            due = today + timedelta(days=rng.randrange(-60, 120))
            follow_ups.append(_follow_up(landlord_id, due, owners[landlord_id], interaction_id, None, rng))
    rows["follow_ups"] = [{"id": i, **row} for i, row in enumerate(follow_ups, start=1)]

    supply = supply_and_demand(rng, sizes, user_ids, landlords, links, today)
    rows.update(supply.rows)

    matches = sum(1 for row in landlords if SEARCH_TEXT in row["name"].lower() and row["deleted_at"] is None)
    return rows, Generated(
        counts={name: len(rows[name]) for name in TABLES},
        busiest_landlord_id=busiest,
        busiest_landlord_interactions=Counter(targets)[busiest],
        search_text=SEARCH_TEXT,
        search_matches_by_name=matches,
        first_vacancy_address=supply.first_vacancy_address,
        first_household_reference=supply.first_household_reference,
        most_overdue_reference=supply.most_overdue_reference,
        vacancy_figures=supply.vacancy_figures,
        household_figures=supply.household_figures,
    )


def _follow_up(landlord_id, due, assignee, planned_in, done, rng) -> dict:
    return {
        "landlord_id": landlord_id,
        "due_on": due,
        "assigned_to_id": assignee,
        "note": rng.choice(("", "Fråga om lediga lägenheter", "Skicka avtalsförslag", "Boka möte")),
        "planned_in_id": planned_in,
        "done_on": done,
        "created_at": _moment(due - timedelta(days=14), rng),
    }


# Tables with explicit ids, whose sequences must continue after them.
SEQUENCED = (
    "areas", "landlords", "contact_persons", "interactions", "follow_ups", "stage_changes", "history", "vacancies",
    "households",
)  # fmt: skip


def finish_postgresql(engine: sa.Engine, schema: str) -> None:
    """Sequences past the generated ids, then what autovacuum would do before long.

    ``VACUUM ANALYZE``, not only ``ANALYZE``: the development server runs without autovacuum, and without
    the visibility map a count of the live landlords reads the whole table where a database in use would
    answer it from ``ix_landlords_deleted_at`` alone (4 ms against 1.5 ms here).
    """
    validate_schema(schema)
    with engine.begin() as connection:
        for table in SEQUENCED:
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{schema}.{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {schema}.{table}))"
            )
    tables = ", ".join(f"{schema}.{table}" for table in (*SEQUENCED, "landlord_areas", "interaction_topics", "quotas"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"VACUUM (ANALYZE) {tables}")


# Supply and demand --------------------------------------------------------------------------------------------

# Of all homes ever offered, most were let or withdrawn long ago; about an eighth are open now (~600 of 5 000).
VACANCY_STATUS_WEIGHTS = {
    VacancyStatus.LET: 66,
    VacancyStatus.WITHDRAWN: 22,
    VacancyStatus.OFFERED: 8,
    VacancyStatus.RESERVED: 4,
}
# Landlords further along offer more homes; a new one has rarely offered any yet.
OFFERING_WEIGHTS = {
    Stage.NEW: 0.3,
    Stage.CONTACTED: 1,
    Stage.MET: 2,
    Stage.INTERESTED: 4,
    Stage.PARTNER: 10,
    Stage.PAUSED: 1,
    Stage.DECLINED: 0.5,
}
LEASE_FORM_WEIGHTS = {
    LeaseForm.FIRST_HAND_OPEN_ENDED: 30,
    LeaseForm.SUBLEASE: 35,
    LeaseForm.FIRST_HAND_TIME_LIMITED: 12,
    LeaseForm.TRANSITIONAL_HOME: 10,
    LeaseForm.LODGER: 3,
    LeaseForm.OTHER: 2,
    None: 8,
}
ROUTE_WEIGHTS = {
    ArrivalRoute.FROM_ACCOMMODATION: 55,
    ArrivalRoute.RESETTLED: 27,
    ArrivalRoute.TEMPORARY_PROTECTION: 14,
    ArrivalRoute.SELF_SETTLED: 4,
}
# A share of the households still waiting (~150 of 2 000): assigned within the last hundred days or so, so
# that their deadlines lie between about six weeks ago and two months ahead.
WAITING_SHARE = 0.075
# A home on offer or reserved that nobody confirmed for longer than this is stale (VACANCY_STALE_DAYS).
STALE_DAYS = 30
STALE_SHARE = 0.25
VACANCY_NOTES = ("", "", "", "", "Nyckel hos fastighetsskötaren.", "Husdjur ej tillåtna.", "Renoverat kök 2024.")
LANGUAGES = ("arabiska", "tigrinja", "dari", "somaliska", "kurdiska", "persiska", "arabiska, engelska",
             "tigrinja, arabiska", "ukrainska", "ukrainska, ryska", "pashto")  # fmt: skip
ACCESSIBILITY = ("Rullstol, behöver hiss eller markplan.", "Svårt att gå i trappor.", "Allergi: inga husdjur.")
REFERENCE_PREFIX = {ArrivalRoute.SELF_SETTLED: "EGEN"}


@dataclass
class SupplyAndDemand:
    rows: dict[str, list[dict]]
    first_vacancy_address: str
    first_household_reference: str
    most_overdue_reference: str
    vacancy_figures: dict[str, int]
    household_figures: dict[str, int]


def two_months_after(day: date) -> date:
    """The deadline of an assignment: two months after it, on the last day of the month if need be."""
    month = day.month + 2
    year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def supply_and_demand(
    rng: random.Random, sizes: Sizes, user_ids: list[int], landlords: list[dict], links: list[dict], today: date
) -> SupplyAndDemand:
    """The vacancies, the households and this year's quota; drawn after everything else, so that the rest of
    the data stays the same as before they were added."""
    vacancies = _vacancies(rng, sizes.vacancies, landlords, links, today)
    households = _households(rng, sizes.households, user_ids, today)

    live = {row["id"] for row in landlords if row["deleted_at"] is None}
    register = sorted(
        (row for row in vacancies if row["landlord_id"] in live),
        key=lambda row: (row["available_from"] is None, row["available_from"] or today, row["id"]),
    )
    pending = [row for row in households if row["received_on"] is None]
    # The households list: the pending ones, the most pressing deadline first (households.queries).
    first = min(pending, key=lambda row: (row["receive_by"] is None, row["receive_by"] or today, -row["id"]))
    overdue = sorted(
        (row for row in pending if row["receive_by"] is not None and row["receive_by"] < today),
        key=lambda row: (row["receive_by"], row["id"]),
    )
    cutoff = datetime.combine(today, time.min, UTC) - timedelta(days=STALE_DAYS)
    open_rows = [row for row in vacancies if row["status"] in (VacancyStatus.OFFERED, VacancyStatus.RESERVED)]
    persons_this_year = sum(
        row["adults"] + len(row["children_ages"])
        for row in households
        if row["assigned_on"] and row["assigned_on"].year == today.year
    )
    # This year's quota: a little more than was assigned so far, so that the overview shows what is left.
    quotas = [{"year": today.year, "persons": max(10, round(persons_this_year * 1.15)), "updated_by_id": user_ids[0]}]
    return SupplyAndDemand(
        rows={"vacancies": vacancies, "households": households, "quotas": quotas},
        first_vacancy_address=register[0]["street_address"] if register else "",
        first_household_reference=first["reference"],
        most_overdue_reference=overdue[0]["reference"] if overdue else "",
        vacancy_figures={
            "open": len(open_rows),
            "offered": sum(1 for row in open_rows if row["status"] is VacancyStatus.OFFERED),
            "stale": sum(1 for row in open_rows if row["confirmed_at"] < cutoff),
            "of_deleted_landlords": len(vacancies) - sum(1 for row in vacancies if row["landlord_id"] in live),
        },
        household_figures={
            "waiting": len(pending),
            "past_deadline": len(overdue),
            "self_settled": sum(1 for row in households if row["arrival_route"] is ArrivalRoute.SELF_SETTLED),
            "quota_this_year": quotas[0]["persons"],
        },
    )


def _vacancies(rng: random.Random, count: int, landlords: list[dict], links: list[dict], today: date) -> list[dict]:
    areas_of: dict[int, list[int]] = {}
    for link in links:
        areas_of.setdefault(link["landlord_id"], []).append(link["area_id"])
    weights = [OFFERING_WEIGHTS[row["stage"]] * min(row["flats"], 60) ** 0.5 for row in landlords]
    offering = rng.choices(landlords, weights, k=count)
    status_list, status_weights = list(VACANCY_STATUS_WEIGHTS), list(VACANCY_STATUS_WEIGHTS.values())
    lease_list, lease_weights = list(LEASE_FORM_WEIGHTS), list(LEASE_FORM_WEIGHTS.values())
    now = datetime.combine(today, time(12), UTC)
    rows = []
    for vacancy_id, landlord in enumerate(offering, start=1):
        status = rng.choices(status_list, status_weights)[0]
        area_id = rng.choice(areas_of.get(landlord["id"]) or [1])
        village = area_id != 1
        rooms = rng.choices((1, 2, 3, 4, 5, 6), (18, 32, 28, 14, 6, 2))[0]
        floor = (
            rng.choices((0, 1, 2, 3, 4, 5, 6), (22, 26, 22, 14, 8, 5, 3))[0] if not village else rng.choice((0, 0, 1))
        )
        lift = floor >= 3 and rng.random() < 0.8 or rng.random() < 0.1
        lease_form = rng.choices(lease_list, lease_weights)[0]
        if village:
            stop, departures = rng.randrange(300, 2500, 50), rng.choice((2, 4, 6, 10, 14, 20))
        else:
            stop, departures = rng.randrange(80, 900, 10), rng.choice((24, 32, 40, 56, 70))
        created_day = max(
            landlord["created_at"].date(),
            today - timedelta(days=rng.randrange(0, 6 * 365 if not status.is_open else 120)),
        )
        if status.is_open:
            available = today + timedelta(days=rng.randrange(-14, 100)) if rng.random() < 0.9 else None
            # A share not confirmed for over STALE_DAYS days: the register marks them, the overview lists them.
            days = rng.randrange(STALE_DAYS + 1, 150) if rng.random() < STALE_SHARE else rng.randrange(0, STALE_DAYS)
            confirmed = now - timedelta(days=days, minutes=rng.randrange(0, 600))
        else:
            available = created_day + timedelta(days=rng.randrange(7, 90)) if rng.random() < 0.95 else None
            confirmed = _moment(_between(created_day, min(today, created_day + timedelta(days=60)), rng), rng)
        created = min(_moment(created_day, rng), confirmed)
        rows.append(
            {
                "id": vacancy_id,
                "landlord_id": landlord["id"],
                "street_address": f"{rng.choice(STREETS)} {rng.randint(1, 80)}" if rng.random() < 0.97 else "",
                "area_id": area_id,
                "rooms": rooms,
                "living_area": 14 + rooms * rng.randint(14, 24) if rng.random() < 0.95 else None,
                "rent": 2400 + rooms * rng.randrange(1300, 2300, 10) if rng.random() < 0.93 else None,
                "available_from": available,
                "floor": floor if rng.random() < 0.95 else None,
                "lift": lift,
                "step_free": (floor == 0 or lift) and rng.random() < 0.5,
                "lease_form": lease_form,
                "takeover_possible": lease_form is LeaseForm.SUBLEASE and rng.random() < 0.5,
                "stop_distance": stop if rng.random() < 0.9 else None,
                "weekday_departures": departures if rng.random() < 0.9 else None,
                # The villages' lesson: with a few buses a weekday, a car is needed in practice.
                "needs_car": village and departures <= 4,
                "confirmed_at": confirmed,
                "status": status,
                "offered_via": rng.choices(list(OfferedVia), (70, 15, 15))[0],
                "notes": rng.choice(VACANCY_NOTES),
                "created_at": created,
                "updated_at": max(created, confirmed),
            }
        )
    return rows


def _households(rng: random.Random, count: int, user_ids: list[int], today: date) -> list[dict]:
    route_list, route_weights = list(ROUTE_WEIGHTS), list(ROUTE_WEIGHTS.values())
    destinations = list(Destination)
    first_day = date(2016, 1, 1)
    waiting = max(1, round(count * WAITING_SHARE))
    drafts = []
    for index in range(count):
        route = (
            rng.choices(route_list, route_weights)[0]
            if index >= waiting
            else rng.choices(route_list[:3], (55, 27, 14))[0]
        )
        if route is ArrivalRoute.SELF_SETTLED:
            # No assignment and no deadline: registered when they came, already in a home.
            assigned = receive_by = None
            received = _between(first_day, today, rng)
        elif index < waiting:
            # Still to be received: deadlines from about six weeks ago to two months ahead.
            assigned = today - timedelta(days=rng.randrange(0, 105))
            receive_by, received = two_months_after(assigned), None
        else:
            assigned = _between(first_day, today - timedelta(days=5), rng)
            receive_by = two_months_after(assigned)
            # Most on time, some late; never in the future.
            received = min(today, assigned + timedelta(days=rng.choice((rng.randrange(3, 62), rng.randrange(20, 120)))))
        adults = rng.choices((1, 2), (35, 65))[0]
        children = rng.choices((0, 1, 2, 3, 4, 5), (30, 18, 20, 16, 10, 6))[0]
        licence = rng.random() < 0.3
        needs = rng.choice(ACCESSIBILITY) if rng.random() < 0.08 else ""
        drafts.append(
            {
                "route": route,
                "assigned_on": assigned,
                "receive_by": receive_by,
                "received_on": received,
                "adults": adults,
                "children_ages": sorted((rng.randint(0, 17) for _ in range(children)), reverse=True),
                "languages": rng.choice(LANGUAGES),
                "accessibility_needs": needs,
                "step_free_needed": needs.startswith("Rullstol"),
                "driving_licence": licence,
                "has_car": licence and rng.random() < 0.4,
                "affordable_rent": rng.randrange(5500, 9500, 100) if rng.random() < 0.7 else None,
                "destinations": sorted(d.value for d in rng.sample(destinations, rng.choice((1, 2, 2, 3)))),
                "waiting": index < waiting,
                "coordinator_id": rng.choice(user_ids) if rng.random() < 0.95 else None,
            }
        )
    # Ids in the order the households were registered, as they would be in use.
    drafts.sort(key=lambda row: row["assigned_on"] or row["received_on"])
    rows = []
    for household_id, draft in enumerate(drafts, start=1):
        route, registered = draft.pop("route"), draft["assigned_on"] or draft["received_on"]
        waiting_now = draft.pop("waiting")
        if waiting_now:
            status = HouseholdStatus.OFFERED if rng.random() < 0.2 else HouseholdStatus.WAITING
        else:
            status = (
                HouseholdStatus.MOVED_ON
                if registered < today - timedelta(days=3 * 365) and rng.random() < 0.3
                else HouseholdStatus.HOUSED
            )
        prefix = REFERENCE_PREFIX.get(route, "MV")
        rows.append(
            {
                "id": household_id,
                "reference": f"{prefix}-{registered.year}-{household_id:05d}",
                "arrival_route": route,
                **draft,
                "status": status,
                "notes": "",
                "created_at": (created := _moment(registered, rng)),
                "updated_at": max(created, _moment(draft["received_on"] or registered, rng)),
            }
        )
    return rows
