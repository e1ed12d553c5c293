"""The demo's dialogue history: proportionate, consistent with the registry's stages, and idempotent."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from hemvist.dialogue.demo import load_demo
from hemvist.dialogue.models import FollowUp, Interaction, InteractionKind
from hemvist.extensions import db
from hemvist.landlords.demo import load_demo as load_landlords
from hemvist.landlords.models import Landlord, Stage
from hemvist.tenancy.binding import bound
from tests.dialogue.conftest import user


def load(app, tenant) -> None:
    with app.app_context():
        users = {
            "samordnare@varnamo.example": user("coordinator_a"),
            "enhetschef@varnamo.example": user("unit_admin_a"),
        }
        with bound(db.session, tenant.schema):
            load_landlords(tenant, users)
            db.session.commit()
        with bound(db.session, tenant.schema):
            load_demo(tenant, users)
            db.session.commit()


def test_a_year_of_dialogue_in_proportion(app, tenant_a):
    load(app, tenant_a)
    today = date.today()
    with app.app_context():
        with bound(db.session, tenant_a.schema):
            landlords = list(db.session.scalars(sa.select(Landlord)))
            contacts = list(db.session.scalars(sa.select(Interaction)))
            follow_ups = list(db.session.scalars(sa.select(FollowUp)))
            contacted = {i.landlord_id for i in contacts}
            met = {i.landlord_id for i in contacts if i.kind is InteractionKind.MEETING}
            assert len(contacted) >= 0.8 * len(landlords)
            assert 0.15 * len(landlords) <= len(met) <= 0.3 * len(landlords)
            assert all(i.duration_minutes == 60 for i in contacts if i.kind is InteractionKind.MEETING)
            assert all(today - timedelta(days=366) <= i.occurred_on <= today for i in contacts)
            assert any("kontraktet" in i.summary for i in contacts)
            by_id = {landlord.id: landlord for landlord in landlords}
            assert all(by_id[landlord_id].stage is not Stage.NEW for landlord_id in contacted)
            assert all(by_id[landlord_id].stage not in (Stage.NEW, Stage.CONTACTED) for landlord_id in met)
            open_ones = [f for f in follow_ups if f.done_on is None]
            assert any(f.due_on < today for f in open_ones)
            assert any(f.due_on == today for f in open_ones)
            assert any(today + timedelta(days=80) <= f.due_on <= today + timedelta(days=100) for f in open_ones)
            # Someone from another department called one of the coordinator's landlords last week.
            anna, omar = user("coordinator_a").id, user("unit_admin_a").id
            assert any(
                i.user_id == omar and by_id[i.landlord_id].owner_id == anna and i.occurred_on >= today - timedelta(14)
                for i in contacts
            )
            counts = (len(contacts), len(follow_ups))
    load(app, tenant_a)  # again: nothing more
    with app.app_context():
        with bound(db.session, tenant_a.schema):
            again = (
                db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)),
                db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)),
            )
    assert again == counts
