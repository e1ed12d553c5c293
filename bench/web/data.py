"""Generated, made-up data for the web benchmark: one busy municipality's landlord registry.

Deterministic: the same seed and the same ``today`` give the same rows. Rows are written with SQLAlchemy
Core ``insert`` in batches (executemany) through a session bound to the municipality, so the same code
fills a PostgreSQL schema or, in the smoke test, a SQLite file. Ids are given explicitly so that the
rows can refer to each other without reading anything back; on PostgreSQL ``finish_postgresql`` then
moves the sequences past them and collects the planner's statistics, as a database in use would have.

The shape follows the issue and the article behind it: most landlords are companies with a few contact
persons, the dialogue is mostly calls and e-mails, a few landlords get most of the attention, a third have
an open follow-up, and stages thin out from "new" towards "partner".
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session
from stdnum import luhn

from hemvist.areas.models import Area, AreaKind
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind, InteractionTopic, Topic
from hemvist.history.models import Action, HistoryEntry
from hemvist.landlords.models import ContactPerson, Landlord, LandlordKind, Source, Stage, StageChange, landlord_areas
from hemvist.tenancy.binding import validate_schema

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

    def __post_init__(self) -> None:
        if self.landlords < 2 or self.interactions < self.busiest_landlord_interactions:
            raise ValueError("at least two landlords, and more interactions than the busiest landlord has")


@dataclass
class Generated:
    """What was written, and the ids the benchmark requests."""

    counts: dict[str, int]
    busiest_landlord_id: int
    busiest_landlord_interactions: int
    search_text: str
    search_matches_by_name: int
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "counts": self.counts,
            "busiest_landlord_id": self.busiest_landlord_id,
            "busiest_landlord_interactions": self.busiest_landlord_interactions,
            "search_text": self.search_text,
            "search_matches_by_name": self.search_matches_by_name,
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
}


def generate(session: Session, user_ids: list[int], sizes: Sizes = Sizes(), *, seed: int = SEED, today=None):
    """Write the registry into the (empty) municipality ``session`` is bound to; the caller commits.

    ``user_ids``: the municipality's staff (plain ids of the shared users table); the first is the
    coordinator who owns the most landlords. Returns a ``Generated``.
    """
    start = datetime.now(UTC)
    rows, generated = build(user_ids, sizes, seed=seed, today=today)
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

    matches = sum(1 for row in landlords if SEARCH_TEXT in row["name"].lower() and row["deleted_at"] is None)
    return rows, Generated(
        counts={name: len(rows[name]) for name in TABLES},
        busiest_landlord_id=busiest,
        busiest_landlord_interactions=Counter(targets)[busiest],
        search_text=SEARCH_TEXT,
        search_matches_by_name=matches,
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
SEQUENCED = ("areas", "landlords", "contact_persons", "interactions", "follow_ups", "stage_changes", "history")


def finish_postgresql(connection: sa.Connection, schema: str) -> None:
    """Sequences past the generated ids, and fresh planner statistics (autovacuum would get there later)."""
    validate_schema(schema)
    for table in SEQUENCED:
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{schema}.{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {schema}.{table}))"
        )
    for table in (*SEQUENCED, "landlord_areas", "interaction_topics"):
        connection.exec_driver_sql(f"ANALYZE {schema}.{table}")
