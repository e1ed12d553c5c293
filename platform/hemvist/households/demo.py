"""Made-up households for every demo municipality: 2016, 2017 and the current year.

Deterministic (a random generator seeded per municipality). No names: the reference says DEMO. The persons
received in a year come close to the municipality's quota for it (tenants/*.toml for 2016 and 2017, the demo
quotas for the current year), since the quota figures are computed from these households. This year's also
has households still waiting, some with their deadline near, a few past it, and a couple self-settled; in
Värnamo, where the demo shows brokering, a few more waiting households described by hand.
Every received household says how it is housed (lease form, landlord type), as the county board counts them:
mostly first-hand leases, some subleases held by the municipality, one transitional home, one lodger, and one
or two not stated; drawn by a generator of its own, so that the households themselves stay as they were.
A few settled households are moving on (bostadskarriär), most of them to a village and stopped by having no
car where public transport is poor, one by the rent; one or two moves were achieved this year and last year,
and one family gave up. A database loaded before moving on existed gets these too, once.

Loaded with the session bound to the municipality; the caller commits.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from hemvist.areas.models import Area, AreaKind
from hemvist.auth.models import User
from hemvist.auth.queries import members_of
from hemvist.extensions import db
from hemvist.history.models import Action
from hemvist.history.operations import record
from hemvist.households.models import ArrivalRoute, Barrier, Destination, Household, HouseholdStatus
from hemvist.households.moving_on_report import moving_on_entries
from hemvist.households.operations import HouseholdData, create_household
from hemvist.landlords.models import LandlordType
from hemvist.leases.models import LeaseForm
from hemvist.quotas.models import Quota
from hemvist.tenancy.models import Tenant

# Värnamo's quotas (tenants/varnamo.toml); a municipality without its own is scaled from them by this year's.
REFERENCE_QUOTAS = {2016: 101, 2017: 120}
REFERENCE_CURRENT = 31
LANGUAGES = ["arabiska", "tigrinja", "dari", "somaliska", "kurdiska", "persiska", "arabiska, engelska",
             "tigrinja, arabiska", "ukrainska", "ukrainska, ryska", "pashto"]  # fmt: skip
# This year's pace differs between the demo municipalities, so that the county page shows every status:
# the share of the year's quota received by now, and the households waiting past their deadline.
THIS_YEAR = {
    "varnamo": (0.75, 2), "gislaved": (0.8, 1), "jonkoping": (0.93, 0), "vaggeryd": (0.95, 0),
    "gnosjo": (0.4, 2), "ljungby": (0.45, 1),
}  # fmt: skip
ACCESSIBILITY = ["Rullstol, behöver hiss eller markplan.", "Svårt att gå i trappor.", "Allergi: inga husdjur."]
# How received households are housed, with weights: mostly first-hand open-ended leases from private companies
# and the municipal housing company, some subleases where the municipality holds the lease and lets it on.
HOUSING = {
    (LeaseForm.FIRST_HAND_OPEN_ENDED, LandlordType.PRIVATE_COMPANY): 40,
    (LeaseForm.FIRST_HAND_OPEN_ENDED, LandlordType.MUNICIPAL_HOUSING_COMPANY): 30,
    (LeaseForm.SUBLEASE, LandlordType.MUNICIPALITY): 18,
    (LeaseForm.FIRST_HAND_TIME_LIMITED, LandlordType.PRIVATE_COMPANY): 6,
    (LeaseForm.FIRST_HAND_OPEN_ENDED, LandlordType.PRIVATE_PERSON): 6,
}
# Households waiting for a home, described by hand where the demo shows brokering (matching and offers), so
# that the suggestions pair several households with several homes: (adults, children's ages, languages,
# driving licence, car, affordable rent, days since the assignment, accessibility needs). Assigned in the last
# two months, their deadlines spread over the weeks ahead (the generated ones include two past it); the
# homes they fit are described by hand too (``vacancies.demo.HOMES_BY_HAND``).
WAITING_BY_HAND = {
    "varnamo": [
        (1, [], "tigrinja", False, False, 5800, 50, ""),
        (2, [6, 3], "arabiska", True, True, 8200, 40, ""),
        (1, [9, 4], "somaliska", False, False, 6500, 20, ""),
        (2, [], "dari", False, False, 6800, 10, ACCESSIBILITY[0]),
        (2, [4, 1], "ukrainska, ryska", True, False, None, 28, ""),
    ],
}
# Each once among the latest households received, so that every kind shows on the pages and in the figures.
ONCE = [
    (LeaseForm.TRANSITIONAL_HOME, LandlordType.MUNICIPALITY),
    (LeaseForm.LODGER, LandlordType.PRIVATE_PERSON),
    (None, None),  # not stated
]


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    if db.session.scalar(sa.select(sa.func.count()).select_from(Household)):
        _moving_on(tenant, users)
        return
    rng = random.Random(f"hemvist-demo-households-{tenant.code}")
    # The demo's own members (named "(demo)") where there are any: the generator draws among them, so a
    # database with other users too (the tests') gets the very households `make run` shows.
    members = members_of(tenant)
    coordinators = [member for member in members if member.name.endswith("(demo)")] or members
    # A municipality without demo members (Jönköping) gets households too, registered by someone of the demo.
    someone = coordinators[0] if coordinators else next(iter(users.values()), None)
    today = date.today()
    quotas = dict(db.session.execute(sa.select(Quota.year, Quota.persons)).all())
    current = quotas.get(today.year, REFERENCE_CURRENT)
    serial = iter(range(1, 100_000))

    def add(year: int, route: ArrivalRoute, assigned_on: date | None, **fields) -> Household:
        adults = rng.choices([1, 2], weights=[35, 65])[0]
        children = rng.choices([0, 1, 2, 3, 4, 5], weights=[30, 18, 20, 16, 10, 6])[0]
        data = HouseholdData(
            reference=f"DEMO-{year}-{next(serial):04d}",
            arrival_route=route,
            assigned_on=assigned_on,
            adults=adults,
            children_ages=sorted((rng.randint(0, 17) for _ in range(children)), reverse=True),
            languages=rng.choice(LANGUAGES),
            accessibility_needs=rng.choice(ACCESSIBILITY) if rng.random() < 0.08 else "",
            driving_licence=rng.random() < 0.3,
            affordable_rent=rng.randrange(5500, 9500, 100) if rng.random() < 0.7 else None,
            destinations=_destinations(rng, adults, children),
            coordinator_id=rng.choice(coordinators).id if coordinators else None,
        )
        data.step_free_needed = data.accessibility_needs.startswith("Rullstol")
        data.has_car = data.driving_licence and rng.random() < 0.4
        actor = next((member for member in coordinators if member.id == data.coordinator_id), someone)
        household = create_household(tenant, actor, data, commit=False)
        for name, value in fields.items():
            setattr(household, name, value)
        return household

    for year in (2016, 2017):
        target = quotas.get(year) or round(REFERENCE_QUOTAS[year] * current / REFERENCE_CURRENT)
        # Most of a year's quota was received within it; what was not came after the year or not at all.
        _received(add, rng, year, round(target * rng.uniform(0.9, 0.98)), last=date(year, 12, 31), moved_on=0.3)

    # This year: part of the quota received by now, the rest assigned and waiting, some past the deadline.
    share, overdue_count = THIS_YEAR.get(tenant.slug, (0.7, 1))
    _received(add, rng, today.year, round(current * share), last=today - timedelta(days=3), moved_on=0.0)
    waiting = max(2, round(current * (1 - share) / 3.3), overdue_count + 1)
    for index in range(waiting):
        overdue = index < overdue_count
        days_ago = rng.randint(64, 85) if overdue else rng.randint(12, 58)
        add(
            today.year,
            rng.choice([ArrivalRoute.FROM_ACCOMMODATION, ArrivalRoute.RESETTLED, ArrivalRoute.TEMPORARY_PROTECTION]),
            today - timedelta(days=days_ago),
            status=HouseholdStatus.OFFERED if index % 3 == 2 else HouseholdStatus.WAITING,
        )
    for _ in range(2):
        add(
            today.year,
            ArrivalRoute.SELF_SETTLED,
            None,
            received_on=today - timedelta(days=rng.randint(20, 200)),
            status=HouseholdStatus.HOUSED,
        )
    _waiting_by_hand(tenant, coordinators, someone, today, serial)
    _housing(random.Random(f"hemvist-demo-housing-{tenant.code}"))
    _moving_on(tenant, users)


def _waiting_by_hand(tenant: Tenant, coordinators: list[User], someone: User | None, today: date, serial) -> None:
    """The municipality's households of ``WAITING_BY_HAND``, after the generated ones (whose data stays as it was)."""
    for adults, children, languages, licence, car, rent, days_ago, needs in WAITING_BY_HAND.get(tenant.slug, ()):
        data = HouseholdData(
            reference=f"DEMO-{today.year}-{next(serial):04d}",
            arrival_route=ArrivalRoute.FROM_ACCOMMODATION,
            assigned_on=today - timedelta(days=days_ago),
            adults=adults,
            children_ages=children,
            languages=languages,
            accessibility_needs=needs,
            step_free_needed=needs.startswith("Rullstol"),
            driving_licence=licence,
            has_car=car,
            affordable_rent=rent,
            destinations=[
                destination
                for destination, needed in (
                    (Destination.SCHOOL, any(age >= 6 for age in children)),
                    (Destination.PRESCHOOL, any(1 <= age < 6 for age in children)),
                    (Destination.LANGUAGE_SCHOOL, True),
                )
                if needed
            ],
            coordinator_id=coordinators[0].id if coordinators else None,
        )
        create_household(tenant, coordinators[0] if coordinators else someone, data, commit=False)


def _received(add, rng: random.Random, year: int, persons: int, *, last: date, moved_on: float) -> None:
    """Households received in ``year`` until they make ``persons`` persons, most in time, some late."""
    first = date(year, 1, 1)
    span = (last - first).days
    routes = [ArrivalRoute.FROM_ACCOMMODATION] * 6 + [ArrivalRoute.RESETTLED] * 2
    if year >= 2022:
        routes += [ArrivalRoute.TEMPORARY_PROTECTION] * 2
    total = 0
    while total < persons:
        received_on = first + timedelta(days=rng.randint(0, span))
        late = rng.random() < 0.12
        assigned_on = received_on - timedelta(days=rng.randint(63, 100) if late else rng.randint(14, 58))
        status = HouseholdStatus.MOVED_ON if rng.random() < moved_on else HouseholdStatus.HOUSED
        household = add(year, rng.choice(routes), assigned_on, received_on=received_on, status=status)
        total += household.persons


def _housing(rng: random.Random) -> None:
    """Lease form and landlord type of every household received: weighted, and the rarer kinds once each."""
    received = list(
        db.session.scalars(sa.select(Household).where(Household.received_on.is_not(None)).order_by(Household.id))
    )
    for household in received:
        household.lease_form, household.landlord_type = rng.choices(list(HOUSING), weights=list(HOUSING.values()))[0]
    # Among the latest counted against the quota: the ones the county board's current figures show.
    latest = sorted((h for h in received if h.counts_against_quota), key=lambda h: (h.received_on, h.id))[-12:]
    once = ONCE + ([(None, None)] if rng.random() < 0.5 else [])
    for household, housing in zip(rng.sample(latest, min(len(once), len(latest))), once, strict=False):
        household.lease_form, household.landlord_type = housing


def _destinations(rng: random.Random, adults: int, children: int) -> list[Destination]:
    chosen = [Destination.LANGUAGE_SCHOOL]
    if children:
        chosen += [Destination.SCHOOL] if rng.random() < 0.8 else []
        chosen += [Destination.PRESCHOOL] if rng.random() < 0.5 else []
    if rng.random() < 0.3:
        chosen.append(Destination.WORK)
    if rng.random() < 0.1:
        chosen.append(Destination.HEALTHCARE)
    return [destination for destination in Destination if destination in chosen]


# Moving on: (wish, barriers, outcome); the outcome is None while moving on, "gave_up", or the move's year
# (0: this year, -1: last year). "{village}" is one of the municipality's surrounding villages.
MOVING_ON = [
    ("Större lägenhet i {village}", [Barrier.CAR, Barrier.TRANSPORT], None),
    ("Större lägenhet i {village}, nära skolan", [Barrier.CAR, Barrier.LICENCE, Barrier.TRANSPORT], None),
    ("Villa eller radhus i {village}", [Barrier.CAR, Barrier.TRANSPORT], None),
    ("Fyra rum i centralorten", [Barrier.RENT], None),
    ("Närmare arbetet i {village}", [Barrier.CAR, Barrier.TRANSPORT, Barrier.DISTANCE], "gave_up"),
    ("Större lägenhet i centralorten", [], 0),
    ("Närmare arbetet i {village}", [Barrier.TRANSPORT], -1),
    ("Större lägenhet", [Barrier.RENT], -1),
]


def _moving_on(tenant: Tenant, users: dict[str, User]) -> None:
    """Settled households moving on, moved on and given up, with their history; once per municipality."""
    if moving_on_entries(tenant) or db.session.scalar(sa.select(Household.id).where(Household.moving_on.is_(True))):
        return
    today = date.today()
    # Settled: received before this year and still in their first home.
    settled = list(
        db.session.scalars(
            sa.select(Household)
            .where(Household.status == HouseholdStatus.HOUSED, Household.received_on < date(today.year - 1, 1, 1))
            .order_by(Household.id)
        )
    )
    if len(settled) < len(MOVING_ON):
        return
    rng = random.Random(f"hemvist-demo-moving-on-{tenant.code}")
    villages = list(
        db.session.scalars(sa.select(Area.name).where(Area.kind == AreaKind.VILLAGE).order_by(Area.name))
    ) or ["kransorten"]
    coordinators = members_of(tenant)
    actor = coordinators[0] if coordinators else next(iter(users.values()), None)
    for household, (wish, barriers, outcome) in zip(rng.sample(settled, len(MOVING_ON)), MOVING_ON, strict=True):
        wish = wish.format(village=rng.choice(villages))
        values = [barrier.value for barrier in barriers]
        marked = today - timedelta(days=rng.randint(40, 200)) if outcome is None or outcome == "gave_up" else None
        if isinstance(outcome, int):
            year = today.year + outcome
            last = today - timedelta(days=1) if outcome == 0 else date(year, 12, 31)
            moved_on = max(date(year, 1, 1), last - timedelta(days=rng.randint(0, 150)))
            marked = moved_on - timedelta(days=rng.randint(60, 240))
        _entry(tenant, actor, household, marked, {"moving_on": [False, True], "moving_on_wish": ["", wish]})
        if values:
            _entry(tenant, actor, household, marked + timedelta(days=14), {"barriers": [[], values]})
        household.moving_on_wish, household.barriers = wish, values
        if outcome is None:
            household.moving_on = True
        elif outcome == "gave_up":
            changes = {"moving_on": [True, False], "moving_on_wish": [wish, ""], "barriers": [values, []]}
            _entry(tenant, actor, household, today - timedelta(days=rng.randint(5, 30)), changes)
            household.moving_on_wish, household.barriers = "", []
        else:
            changes = {
                "status": [HouseholdStatus.HOUSED.value, HouseholdStatus.MOVED_ON.value],
                "moving_on": [True, False],
                "moved_on": [None, moved_on.isoformat()],
                "barriers_at_move": [None, values],
            }
            _entry(tenant, actor, household, moved_on, changes)
            household.status = HouseholdStatus.MOVED_ON


def _entry(tenant: Tenant, actor: User | None, household: Household, day: date, changes: dict) -> None:
    """A history entry as if written at noon on ``day``."""
    entry = record(tenant, actor, Action.UPDATED, household, changes)
    entry.at = datetime.combine(min(day, date.today()), time(12), tzinfo=UTC)
