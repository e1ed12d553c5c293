"""A made-up dialogue history for the demo landlords: a year of calls, meetings and follow-ups.

Proportionate to Värnamo's real figures (74 landlords contacted, 16 met in person in a year) for the
few landlords the demo has: most are contacted, about a fifth met in person for an hour, the rest of
those the registry has at "met" or beyond were met at a landlords' breakfast. Follow-ups: some overdue,
some due today, most in a few months. Each contact falls on the day the registry's demo moved the
landlord's stage, so the timeline and the stage history tell one story.

Loaded after the landlords (``hemvist.landlords.demo``) with the session bound to the municipality; the
caller commits. Dates are relative to today, so the demo always looks current.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from hemvist.auth.models import User
from hemvist.core import clock
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind, InteractionTopic, Topic
from hemvist.extensions import db
from hemvist.landlords.models import Landlord, Stage
from hemvist.tenancy.models import Tenant

# A colleague from social services who called some of the coordinator's landlords last week: what the
# "latest contacts" and the "a colleague was in touch recently" notice are there to show.
COLLEAGUE = {"varnamo": "enhetschef@varnamo.example"}
IN_PERSON_SHARE = 0.2

CALLS = [
    (
        "Första samtalet. Hyr ut ett 40-tal lägenheter i centrala Värnamo. Undrar hur det fungerar när "
        "hyresgästen saknar svenska referenser och fast inkomst.",
        "Skickar information om hur kommunen arbetar.",
        [Topic.REFERENCES_AND_GUARANTEES],
    ),
    (
        "Positiv i grunden men vill ha en hyresgaranti från kommunen det första året. Frågade om "
        "försörjningsstöd räknas som inkomst.",
        "Återkommer när en lägenhet blir ledig.",
        [Topic.REFERENCES_AND_GUARANTEES, Topic.RENT_LEVEL],
    ),
    (
        "Har ingen ledig lägenhet just nu; omflyttning väntas till sommaren. Vill att kommunen står på "
        "kontraktet de första tolv månaderna och sedan överlåter det.",
        "Ringer igen om tre månader.",
        [Topic.MUNICIPALITY_HOLDS_LEASE, Topic.LEASE_FORM],
    ),
    (
        "Kort samtal om hyresnivån i det äldre beståndet. Hyrorna ligger under riksnormen för "
        "försörjningsstöd, så det borde fungera.",
        "Intresserad av ett möte.",
        [Topic.RENT_LEVEL],
    ),
]
LETTERS = [
    (
        "Informationsbrev om kommunens arbete med bostäder för nyanlända, med kontaktuppgifter.",
        "Inget svar än.",
        [],
    ),
]
MEETINGS = [
    (
        "Träffades på hyresvärdens kontor i en timme. Gick igenom hur andrahandskontrakt med kommunen "
        "fungerar och vilket stöd hushållet får under etableringen. Orolig för störningar; vi lovade en "
        "namngiven kontaktperson.",
        "Kan tänka sig att pröva med en lägenhet där kommunen står på kontraktet.",
        [Topic.MUNICIPALITY_HOLDS_LEASE, Topic.REFERENCES_AND_GUARANTEES, Topic.LEASE_FORM],
    ),
    (
        "Möte på plats i huset, en timme. Visade två lägenheter som ska renoveras. Diskuterade "
        "referenser: kommunen kan intyga att hushållet skött tidigare boende.",
        "Hör av sig när renoveringen är klar.",
        [Topic.REFERENCES_AND_GUARANTEES, Topic.RENT_LEVEL],
    ),
]
EVENTS = [
    (
        "Träffades på kommunens hyresvärdsfrukost. Pratade om hur kommunen kan stå på kontraktet och om hyresgaranti.",
        "Vill ha ett uppföljande samtal.",
        [Topic.MUNICIPALITY_HOLDS_LEASE, Topic.REFERENCES_AND_GUARANTEES],
    ),
]
LATER = {
    Stage.INTERESTED: ("Vill hyra ut en trea till hösten. Bad om underlag om hushållets storlek.", "Intresserad."),
    Stage.PARTNER: ("Kontrakt skrivet för en lägenhet; kommunen står på kontraktet första året.", "Samarbete."),
    Stage.PAUSED: ("Pausar samarbetet en tid.", "Pausad."),
    Stage.DECLINED: ("Tackar nej för närvarande.", "Avböjt."),
}
NOTES = ["Fråga om lediga lägenheter till sommaren.", "Skicka underlag om hyresgaranti.", "Stämma av efter mötet.", ""]


def load_demo(tenant: Tenant, users: dict[str, User]) -> None:
    if db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)):
        return  # already loaded
    landlords = list(
        db.session.scalars(
            sa.select(Landlord)
            .where(Landlord.deleted_at.is_(None))
            .order_by(Landlord.id)
            .options(selectinload(Landlord.stage_changes), selectinload(Landlord.contacts))
        )
    )
    if not landlords:
        return
    today = clock.today()
    rng = random.Random(f"hemvist-demo-dialogue-{tenant.code}")
    reached = [landlord for landlord in landlords if landlord.stage is not Stage.NEW]
    met = [landlord for landlord in reached if any(c.to_stage is Stage.MET for c in landlord.stage_changes)]
    in_person = set(rng.sample(met, min(len(met), max(1, round(len(landlords) * IN_PERSON_SHARE)))))

    open_ones = [landlord for landlord in reached if landlord.stage is not Stage.DECLINED]
    # Due dates spread over the states a coordinator's list is in on an ordinary morning.
    due_offsets = [-30, -12, -4, 0, 0, 9, 21] + [rng.randint(80, 100) for _ in open_ones]
    for landlord in reached:
        author = landlord.owner_id or landlord.created_by_id
        if author is None:
            continue
        last = _history(rng, landlord, author, landlord in in_person, today)
        if landlord in open_ones:
            due = today + timedelta(days=due_offsets[open_ones.index(landlord) % len(due_offsets)])
            db.session.add(
                FollowUp(
                    landlord_id=landlord.id,
                    due_on=due,
                    assigned_to_id=author,
                    note=rng.choice(NOTES),
                    planned_in_id=last.id if last is not None else None,
                )
            )
    colleague = users.get(COLLEAGUE.get(tenant.slug, ""))
    if colleague is not None:
        for landlord in [landlord for landlord in reached if landlord.owner_id != colleague.id][:2]:
            _add(
                landlord,
                colleague.id,
                InteractionKind.PHONE,
                today - timedelta(days=3),
                10,
                (
                    "Ringde om en familj som behöver flytta från ett tillfälligt boende. Visste inte att "
                    "integrationsenheten redan har kontakt med hyresvärden.",
                    "Hänvisade till den namngivna kontaktpersonen.",
                    [Topic.LEASE_FORM],
                ),
            )


def _history(rng, landlord: Landlord, author: int, in_person: bool, today: date) -> Interaction | None:
    """One contact for each step the landlord took, on the day it took it; the last one returned."""
    last = None
    for change in landlord.stage_changes:
        day = min(change.changed_on, today)
        if change.to_stage is Stage.CONTACTED:
            kind = rng.choice([InteractionKind.PHONE, InteractionKind.PHONE, InteractionKind.LETTER])
            text = rng.choice(CALLS if kind is InteractionKind.PHONE else LETTERS)
            last = _add(landlord, author, kind, day, 15 if kind is InteractionKind.PHONE else None, text)
        elif change.to_stage is Stage.MET:
            if in_person:
                last = _add(landlord, author, InteractionKind.MEETING, day, 60, rng.choice(MEETINGS))
            else:
                last = _add(landlord, author, InteractionKind.EVENT, day, 90, rng.choice(EVENTS))
        elif change.to_stage in LATER:
            summary, outcome = LATER[change.to_stage]
            last = _add(landlord, author, InteractionKind.PHONE, day, 20, (summary, outcome, [Topic.LEASE_FORM]))
    if last is not None and last.occurred_on < today - timedelta(days=100):
        # Most landlords have nothing to let right now: she called again a few months later.
        again = last.occurred_on + timedelta(days=rng.randint(85, 95))
        last = _add(landlord, author, InteractionKind.PHONE, again, 10, rng.choice(CALLS[2:]))
    return last


def _add(landlord: Landlord, user_id: int, kind: InteractionKind, day: date, minutes, text) -> Interaction:
    summary, outcome, topics = text
    interaction = Interaction(
        landlord_id=landlord.id,
        kind=kind,
        occurred_on=day,
        duration_minutes=minutes,
        user_id=user_id,
        contact_person_id=landlord.contacts[0].id if landlord.contacts else None,
        summary=summary,
        outcome=outcome,
        topic_rows=[InteractionTopic(topic=topic) for topic in topics],
    )
    db.session.add(interaction)
    db.session.flush()
    return interaction
