"""The rules that match a household and a home, each with its reason in the reader's language.

``explain(household, vacancy, …)`` is pure: it reads attributes only, so it works on ORM objects, on the
light rows ``queries`` loads, or on anything else with the same attribute names.

Hard rules (a suggestion never breaks one), in this order:

- ``room_norm`` — the overcrowding norm. ``rooms`` counts the living room, as Swedish listings do ("3 rok").
  The reading of "at most N persons per bedroom plus a living room": a home of two rooms or more has
  ``rooms - 1`` bedrooms and one living room; each bedroom sleeps N persons (the municipality's
  ``persons_per_bedroom``, 2 by default) and the living room one more (a bed in the living room). A one-room
  home is its own bedroom and has no living room to add: it holds N. So with N = 2: 1 room holds 2 persons,
  2 rooms 3, 3 rooms 5 ("3 rooms for 5 persons: within the norm"), 4 rooms 7.
- ``rent`` — the rent at most what the household can pay. Not checked (and so not broken) when either
  amount is not stated: the reason is then *not known* (``Reason.known``), shown as a thing to check, never as
  met.
- ``step_free`` — a household that needs a home without steps gets a step-free one.
- ``car`` — a home that needs a car only for a household with both a driving licence and a car.
- ``free_in_time`` — the home free (``available_from``; none means free now) on or before the reception
  deadline, where one applies: a household not yet received with a ``receive_by`` date, not moving on. A
  deadline already past asks for a home free today; the reason then says the deadline has passed (it keeps
  the real deadline, and counts a home's lateness from today).
- ``looking``, ``paused``, ``on_offer`` — only listed when they fail: the household is not looking for a home
  (not waiting, offered or moving on), is paused from offers until a later day, or the home is not on offer.

Soft ranking (only among suggestions): days left to the deadline (fewer first), public transport (counts
more for a household without a car), time waiting since the assignment, size fit (fewest places to spare).
A household moving on (``moving_on``: housed already, looking for a better home) has no deadline and no
waiting time counted, and ranks after every household still looking for its first home in the municipality
(``MOVING_ON_OFFSET``): the Settlement Act's duty to receive comes before moving on, however long ago a
household moving on was assigned.

Rule functions take plain values and are memoised: a ranking of one household against thousands of homes
builds each distinct reason once.

``screening`` says the hard rules again in SQL, so that the pages' rankings read only the rows they show:
a change to a hard rule here is made there too (``tests/matching/test_screening.py`` holds them together).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from hemvist.core.i18n import format_date, sek

ROOM_NORM = "room_norm"
RENT = "rent"
STEP_FREE = "step_free"
CAR = "car"
FREE_IN_TIME = "free_in_time"
LOOKING = "looking"
PAUSED = "paused"
ON_OFFER = "on_offer"
DEADLINE = "deadline"
TRANSPORT = "transport"
WAITING = "waiting"
SIZE_FIT = "size_fit"
ACCESSIBILITY_NOTES = "accessibility_notes"

# Household and vacancy statuses by value, so that rows of any origin (enum members or strings) compare.
LOOKING_STATUSES = frozenset({"waiting", "offered"})
HOUSED = "housed"
ON_OFFER_STATUS = "offered"

# A stop this near is "at the door"; beyond FAR_STOP metres it counts for nothing.
NEAR_STOP = 400
FAR_STOP = 2000


@dataclass(frozen=True, slots=True)
class Reason:
    key: str
    params: dict
    passed: bool
    hard: bool

    def text(self) -> str:
        """The sentence in the current locale; a neutral one for a key (or params) this version does not know."""
        render = _TEXTS.get(self.key)
        if render is not None:
            try:
                return render(self.params, self.passed)
            except (KeyError, TypeError, ValueError):
                pass  # a snapshot from another version: its params no longer fit the sentence
        return _("A rule no longer in use: met") if self.passed else _("A rule no longer in use: not met")

    @property
    def known(self) -> bool:
        """False for a hard rule that could not be checked (an amount not stated): it rules nothing out, so the
        pair may be suggested, but it is not *met* either and is shown as a thing to check."""
        unknown = _UNKNOWN.get(self.key)
        return unknown is None or not unknown(self.params)

    @property
    def state(self) -> str:
        """``met``, ``unknown`` (passed without being checked) or ``failed``: what a page marks it as."""
        if not self.passed:
            return "failed"
        return "met" if self.known else "unknown"

    def as_json(self) -> dict:
        return {"key": self.key, "params": dict(self.params), "passed": self.passed, "hard": self.hard}

    @classmethod
    def from_json(cls, data: dict) -> Reason:
        params = data.get("params")
        return cls(
            key=str(data.get("key", "")),
            params=dict(params) if isinstance(params, dict) else {},
            passed=bool(data.get("passed", False)),
            hard=bool(data.get("hard", False)),
        )


@dataclass(frozen=True, slots=True)
class Match:
    household_id: int
    vacancy_id: int
    reasons: tuple[Reason, ...]  # hard rules first, then soft
    score: float  # higher is better; only meaningful among suggested matches

    @property
    def suggested(self) -> bool:
        return all(reason.passed for reason in self.reasons if reason.hard)

    @property
    def failures(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.hard and not reason.passed)

    @property
    def unchecked(self) -> tuple[Reason, ...]:
        """The hard rules passed only because they could not be checked (see ``Reason.known``)."""
        return tuple(reason for reason in self.reasons if reason.hard and reason.passed and not reason.known)


# --- the rules, on plain values -------------------------------------------------------------------------


def bedrooms(rooms: int) -> int:
    return max(1, rooms - 1)


def norm_capacity(rooms: int, persons_per_bedroom: int) -> int:
    """How many persons the home holds within the norm (see the module's docstring)."""
    return bedrooms(rooms) * persons_per_bedroom + (1 if rooms >= 2 else 0)


@lru_cache(maxsize=4096)
def room_norm(rooms: int, persons: int, persons_per_bedroom: int) -> Reason:
    capacity = norm_capacity(rooms, persons_per_bedroom)
    params = {"rooms": rooms, "persons": persons, "capacity": capacity, "norm": persons_per_bedroom}
    return Reason(ROOM_NORM, params, persons <= capacity, True)


@lru_cache(maxsize=4096)
def rent(rent_amount: int | None, affordable: int | None) -> Reason:
    if rent_amount is None or affordable is None:
        return Reason(RENT, {"rent": rent_amount, "affordable": affordable}, True, True)
    params = {"rent": rent_amount, "affordable": affordable, "over": max(0, rent_amount - affordable)}
    return Reason(RENT, params, rent_amount <= affordable, True)


@lru_cache(maxsize=16)
def step_free(needed: bool, home_step_free: bool) -> Reason:
    return Reason(STEP_FREE, {"needed": needed, "step_free": home_step_free}, home_step_free or not needed, True)


@lru_cache(maxsize=16)
def car(needs_car: bool, licence: bool, has_car: bool) -> Reason:
    params = {"needs_car": needs_car, "licence": licence, "has_car": has_car}
    return Reason(CAR, params, not needs_car or (licence and has_car), True)


@lru_cache(maxsize=4096)
def free_in_time(available_from: date | None, deadline: date | None, today: date) -> Reason:
    """``deadline`` None: no deadline applies. A past deadline asks for a home free today.

    ``params["deadline"]`` is the household's own deadline, never today; ``passed_deadline`` says it is past,
    and then ``late`` counts the days from today (not from the deadline) to the day the home is free.
    """
    free = available_from.isoformat() if available_from else None
    if deadline is None:
        return Reason(FREE_IN_TIME, {"available_from": free, "deadline": None}, True, True)
    overdue = deadline < today
    latest = today if overdue else deadline
    passed = available_from is None or available_from <= latest
    late = 0 if passed else (available_from - latest).days
    params = {"available_from": free, "deadline": deadline.isoformat(), "late": late, "passed_deadline": overdue}
    return Reason(FREE_IN_TIME, params, passed, True)


@lru_cache(maxsize=16)
def looking(status: str) -> Reason:
    return Reason(LOOKING, {"status": status}, False, True)


@lru_cache(maxsize=1024)
def paused(until: date) -> Reason:
    return Reason(PAUSED, {"until": until.isoformat()}, False, True)


@lru_cache(maxsize=16)
def on_offer(status: str) -> Reason:
    return Reason(ON_OFFER, {"status": status}, False, True)


@lru_cache(maxsize=4096)
def deadline(days_left: int | None) -> Reason:
    return Reason(DEADLINE, {"days": days_left}, True, False)


@lru_cache(maxsize=4096)
def transport(stop_distance: int | None, departures: int | None, has_car: bool) -> Reason:
    params = {"distance": stop_distance, "departures": departures, "has_car": has_car}
    return Reason(TRANSPORT, params, True, False)


@lru_cache(maxsize=4096)
def waiting(days: int | None) -> Reason:
    return Reason(WAITING, {"days": days}, True, False)


# A household moving on waits for nothing the Settlement Act asks: its reason says why it ranks last.
MOVING_ON_WAITING = Reason(WAITING, {"days": None, "moving_on": True}, True, False)


@lru_cache(maxsize=1024)
def size_fit(spare: int) -> Reason:
    return Reason(SIZE_FIT, {"spare": spare}, True, False)


ACCESSIBILITY_NOTE = Reason(ACCESSIBILITY_NOTES, {}, True, False)


# --- scores -----------------------------------------------------------------------------------------------

WEIGHT_DEADLINE = 0.35
WEIGHT_TRANSPORT = 0.25
WEIGHT_WAITING = 0.2
WEIGHT_SIZE = 0.2
# Taken from the score of a household moving on: more than the four weights above together, so that every
# household still looking for its first home ranks before it, whatever its deadline, transport or size.
MOVING_ON_OFFSET = 1.0


def urgency(days_left: int | None) -> float:
    """1 for a deadline today or past, falling off over the weeks; 0 without a deadline."""
    if days_left is None:
        return 0.0
    return 1.0 / (1.0 + max(days_left, 0) / 30.0)


@lru_cache(maxsize=65536)
def transport_quality(stop_distance: int | None, departures: int | None) -> float:
    if stop_distance is None or departures is None:
        return 0.3  # not known: neither rewarded nor ruled out
    if stop_distance <= NEAR_STOP:
        nearness = 1.0
    elif stop_distance >= FAR_STOP:
        nearness = 0.0
    else:
        nearness = (FAR_STOP - stop_distance) / (FAR_STOP - NEAR_STOP)
    return nearness * departures / (departures + 20.0)


# --- one pair ---------------------------------------------------------------------------------------------


def _value(member) -> str:
    return getattr(member, "value", member)


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    """What the rules read of a household, worked out once for many homes."""

    id: int
    persons: int
    affordable: int | None
    step_free_needed: bool
    licence: bool
    has_car: bool
    deadline: date | None  # the reception deadline, where one applies
    unavailable: tuple[Reason, ...]  # ``looking`` and ``paused``, when they fail
    soft: tuple[Reason, ...]  # the reasons that depend on the household only: deadline, waiting
    notes: tuple[Reason, ...]  # the accessibility note, if any
    base_score: float  # the household's part of the score: deadline and waiting
    transport_weight: float


def household_facts(household, today: date) -> HouseholdFacts:
    status = _value(household.status)
    moving_on = bool(household.moving_on)
    is_looking = status in LOOKING_STATUSES or (status == HOUSED and moving_on)
    applies = household.receive_by is not None and household.received_on is None and not moving_on
    receive_by = household.receive_by if applies else None
    days_left = (receive_by - today).days if receive_by is not None else None
    waiting_days = waiting_days_of(household.assigned_on, moving_on, today)
    paused_until = household.paused_until
    unavailable = ()
    if not is_looking:
        unavailable += (looking(status),)
    if paused_until is not None and paused_until > today:
        unavailable += (paused(paused_until),)
    has_car = bool(household.has_car)
    return HouseholdFacts(
        id=household.id,
        persons=household.adults + len(household.children_ages or ()),
        affordable=household.affordable_rent,
        step_free_needed=bool(household.step_free_needed),
        licence=bool(household.driving_licence),
        has_car=has_car,
        deadline=receive_by,
        unavailable=unavailable,
        soft=(deadline(days_left), MOVING_ON_WAITING if moving_on else waiting(waiting_days)),
        notes=(ACCESSIBILITY_NOTE,) if household.accessibility_needs else (),
        base_score=base_score(days_left, waiting_days, moving_on),
        transport_weight=transport_weight(has_car),
    )


def waiting_days_of(assigned_on: date | None, moving_on: bool, today: date) -> int | None:
    """Days since the assignment; None without one, and for a household moving on (it was received long ago:
    its assignment's age gives it no priority)."""
    if moving_on or assigned_on is None:
        return None
    return max(0, (today - assigned_on).days)


def base_score(days_left: int | None, waiting_days: int | None, moving_on: bool = False) -> float:
    """The household's part of the soft ranking, whatever the home: how near its deadline, how long it waited;
    a household moving on ranks after those looking for a first home (``MOVING_ON_OFFSET``)."""
    result = WEIGHT_DEADLINE * urgency(days_left) + WEIGHT_WAITING * min(waiting_days or 0, 365) / 365.0
    return result - MOVING_ON_OFFSET if moving_on else result


def transport_weight(has_car: bool) -> float:
    """How much public transport counts for the household: less with a car of its own."""
    return WEIGHT_TRANSPORT * (0.4 if has_car else 1.0)


_OFFERED_STATUSES = {}  # status object → whether it is "on offer", whatever its type


def is_on_offer(status) -> bool:
    known = _OFFERED_STATUSES.get(status)
    if known is None:
        known = _OFFERED_STATUSES[status] = _value(status) == ON_OFFER_STATUS
    return known


def _evaluate(facts: HouseholdFacts, vacancy, today: date, persons_per_bedroom: int) -> tuple[Match, int]:
    """The match and how many hard rules it fails. The hot loop of the rankings: kept flat on purpose."""
    rooms = vacancy.rooms
    persons = facts.persons
    status = vacancy.status
    stop_distance = vacancy.stop_distance
    departures = vacancy.weekday_departures
    norm = room_norm(rooms, persons, persons_per_bedroom)
    rent_reason = rent(vacancy.rent, facts.affordable)
    step = step_free(facts.step_free_needed, bool(vacancy.step_free))
    car_reason = car(bool(vacancy.needs_car), facts.licence, facts.has_car)
    free = free_in_time(vacancy.available_from, facts.deadline, today)
    hard = (norm, rent_reason, step, car_reason, free)
    failed = len(facts.unavailable) + (
        (not norm.passed) + (not rent_reason.passed) + (not step.passed) + (not car_reason.passed) + (not free.passed)
    )
    if facts.unavailable:
        hard = facts.unavailable + hard
    if not is_on_offer(status):
        hard = (on_offer(_value(status)),) + hard
        failed += 1
    spare = norm.params["capacity"] - persons
    if spare < 0:
        spare = 0
    soft = facts.soft
    reasons = (
        hard + (soft[0], transport(stop_distance, departures, facts.has_car), soft[1], size_fit(spare)) + facts.notes
    )
    return Match(facts.id, vacancy.id, reasons, score(facts, spare, stop_distance, departures)), failed


def spare_places(facts: HouseholdFacts, rooms: int, persons_per_bedroom: int) -> int:
    """How many more persons the home would hold within the norm (none when it is too small)."""
    return max(0, norm_capacity(rooms, persons_per_bedroom) - facts.persons)


def score(facts: HouseholdFacts, spare: int, stop_distance: int | None, departures: int | None) -> float:
    """The soft ranking of a pair, higher is better."""
    return pair_score(facts.base_score, facts.transport_weight, spare, stop_distance, departures)


def pair_score(base: float, weight: float, spare: int, stop_distance: int | None, departures: int | None) -> float:
    """The one place the soft ranking is computed: the rankings in SQL (``queries``) order their suggestions
    by it too, from a few columns of each row, and the same float must come out either way."""
    result = base + weight * transport_quality(stop_distance, departures)
    result += WEIGHT_SIZE / (1.0 + spare)
    return result


def evaluate(facts: HouseholdFacts, vacancy, today: date, persons_per_bedroom: int) -> Match:
    """The match of a household (its facts) and a home."""
    return _evaluate(facts, vacancy, today, persons_per_bedroom)[0]


def explain(household, vacancy, *, today: date, persons_per_bedroom: int) -> Match:
    """Every rule for one household and one home, passed or failed; no database access."""
    return evaluate(household_facts(household, today), vacancy, today, persons_per_bedroom)


def _ranked(evaluated) -> tuple[list[Match], list[Match]]:
    suggested, rest = [], []
    for match, failed in evaluated:
        if failed:
            rest.append((failed, match.household_id, match.vacancy_id, match))
        else:
            suggested.append((-match.score, match.household_id, match.vacancy_id, match))
    suggested.sort(key=_without_match)
    rest.sort(key=_without_match)
    return [entry[3] for entry in suggested], [entry[3] for entry in rest]


def _without_match(entry: tuple) -> tuple:
    return entry[:3]


def rank(matches) -> tuple[list[Match], list[Match]]:
    """(suggested, best first; not suggested, fewest failures first), ties broken by the ids."""
    return _ranked((match, len(match.failures)) for match in matches)


def rank_homes_for(household, vacancies, today: date, persons_per_bedroom: int) -> tuple[list[Match], list[Match]]:
    facts = household_facts(household, today)
    return _ranked(_evaluate(facts, vacancy, today, persons_per_bedroom) for vacancy in vacancies)


def rank_households_for(vacancy, households, today: date, persons_per_bedroom: int) -> tuple[list[Match], list[Match]]:
    return _ranked(
        _evaluate(household_facts(household, today), vacancy, today, persons_per_bedroom) for household in households
    )


# --- the sentences ----------------------------------------------------------------------------------------


def _n(value) -> str:
    return format_decimal(value)


def _day(value: str) -> str:
    return format_date(date.fromisoformat(value))


def _room_norm_text(p: dict, passed: bool) -> str:
    rooms = ngettext("%(count)s room", "%(count)s rooms", p["rooms"], count=_n(p["rooms"]))
    persons = ngettext("%(count)s person", "%(count)s persons", p["persons"], count=_n(p["persons"]))
    if passed:
        return _("%(rooms)s for %(persons)s: within the norm", rooms=rooms, persons=persons)
    return _(
        "%(rooms)s for %(persons)s: the norm allows at most %(capacity)s",
        rooms=rooms,
        persons=persons,
        capacity=_n(p["capacity"]),
    )


def _rent_text(p: dict, passed: bool) -> str:
    if p.get("rent") is None:
        return _("Rent not given: check it against what the household can pay")
    if p.get("affordable") is None:
        return _("Rent %(rent)s; what the household can pay is not stated", rent=sek(p["rent"]))
    if passed:
        return _("Rent %(rent)s, within the %(affordable)s the household can pay", rent=sek(p["rent"]),
                 affordable=sek(p["affordable"]))  # fmt: skip
    return _("Rent %(over)s above what the household can pay", over=sek(p["over"]))


def _step_free_text(p: dict, passed: bool) -> str:
    if not p["needed"]:
        return _("No need of a step-free home")
    return _("Step-free, as the household needs") if passed else _("Not step-free, and the household needs that")


def _car_text(p: dict, passed: bool) -> str:
    if not p["needs_car"]:
        return _("No car needed to live there")
    if passed:
        return _("A car is needed there: the household has a driving licence and a car")
    if not p["licence"] and not p["has_car"]:
        return _("A car is needed there: the household has neither a driving licence nor a car")
    if not p["licence"]:
        return _("A car is needed there: the household has no driving licence")
    return _("A car is needed there: the household has no car")


def _free_in_time_text(p: dict, passed: bool) -> str:
    free = p.get("available_from")
    if p.get("deadline") is None:
        return _("No reception deadline applies")
    if p.get("passed_deadline"):
        # The deadline is behind us: the home must be free now, and lateness counts from today.
        if passed:
            return _("The deadline %(deadline)s has passed; the home is free now", deadline=_day(p["deadline"]))
        return ngettext(
            "The deadline %(deadline)s has passed; the home is free only from %(free)s, %(count)s day from today",
            "The deadline %(deadline)s has passed; the home is free only from %(free)s, %(count)s days from today",
            p["late"],
            count=_n(p["late"]),
            free=_day(free),
            deadline=_day(p["deadline"]),
        )
    if passed:
        if free is None:
            return _("Free now, before the deadline %(deadline)s", deadline=_day(p["deadline"]))
        return _("Free from %(free)s, by the deadline %(deadline)s", free=_day(free), deadline=_day(p["deadline"]))
    return ngettext(
        "Free from %(free)s: %(count)s day after the deadline %(deadline)s",
        "Free from %(free)s: %(count)s days after the deadline %(deadline)s",
        p["late"],
        count=_n(p["late"]),
        free=_day(free),
        deadline=_day(p["deadline"]),
    )


def _looking_text(p: dict, passed: bool) -> str:
    return _("The household is not looking for a home now")


def _paused_text(p: dict, passed: bool) -> str:
    return _("The household may be offered homes again from %(date)s", date=_day(p["until"]))


def _on_offer_text(p: dict, passed: bool) -> str:
    return _("The home is not on offer now")


def _deadline_text(p: dict, passed: bool) -> str:
    days = p.get("days")
    if days is None:
        return _("No deadline")
    if days == 0:
        return _("The deadline is today")
    if days < 0:
        return ngettext("%(count)s day past the deadline", "%(count)s days past the deadline", -days, count=_n(-days))
    return ngettext("%(count)s day left to the deadline", "%(count)s days left to the deadline", days, count=_n(days))


def _transport_text(p: dict, passed: bool) -> str:
    if p.get("distance") is None or p.get("departures") is None:
        return _("Public transport not known") if p["has_car"] else _("No car, and public transport not known")
    departures = p["departures"]
    if p["has_car"]:
        return ngettext(
            "%(count)s departure a weekday within %(metres)s m",
            "%(count)s departures a weekday within %(metres)s m",
            departures,
            count=_n(departures),
            metres=_n(p["distance"]),
        )
    return ngettext(
        "No car: %(count)s departure a weekday within %(metres)s m",
        "No car: %(count)s departures a weekday within %(metres)s m",
        departures,
        count=_n(departures),
        metres=_n(p["distance"]),
    )


def _waiting_text(p: dict, passed: bool) -> str:
    if p.get("moving_on"):
        return _(
            "Moving on from the home it has: no waiting time counted; households looking for their first home come "
            "first"
        )
    days = p.get("days")
    if days is None:
        return _("No assignment date: waiting time not known")
    return ngettext("Waiting %(count)s day since the assignment", "Waiting %(count)s days since the assignment", days,
                    count=_n(days))  # fmt: skip


def _size_fit_text(p: dict, passed: bool) -> str:
    spare = p["spare"]
    if spare == 0:
        return _("Size: the household fills the home within the norm")
    return ngettext(
        "Size: room for %(count)s more person", "Size: room for %(count)s more persons", spare, count=_n(spare)
    )


def _accessibility_notes_text(p: dict, passed: bool) -> str:
    return _("The household has other accessibility needs: read them on its page")


# The hard rules that cannot always be checked, and when they cannot (see ``Reason.known``).
_UNKNOWN = {
    RENT: lambda p: p.get("rent") is None or p.get("affordable") is None,
}

_TEXTS = {
    ROOM_NORM: _room_norm_text,
    RENT: _rent_text,
    STEP_FREE: _step_free_text,
    CAR: _car_text,
    FREE_IN_TIME: _free_in_time_text,
    LOOKING: _looking_text,
    PAUSED: _paused_text,
    ON_OFFER: _on_offer_text,
    DEADLINE: _deadline_text,
    TRANSPORT: _transport_text,
    WAITING: _waiting_text,
    SIZE_FIT: _size_fit_text,
    ACCESSIBILITY_NOTES: _accessibility_notes_text,
}
