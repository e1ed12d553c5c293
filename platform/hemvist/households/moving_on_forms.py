"""The moving-on forms on a household's page, and what its moving-on section shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from hemvist.core import clock
from hemvist.core.forms import StrictDateField, single_spaces, strip
from hemvist.history.models import HistoryEntry
from hemvist.households.forms import MultiCheckboxField
from hemvist.households.models import Barrier, Household, HouseholdStatus
from hemvist.households.moving_on import WISH_MAX, barriers_of
from hemvist.households.moving_on_report import since_for

# The matching feature's page of homes suggested for one household, linked when that feature is there.
SUGGESTED_HOMES_ENDPOINT = "matching.household"


def _wish_field():
    return StringField(
        _l("What they wish for"),
        filters=[strip, single_spaces],
        validators=[
            DataRequired(_l("Say what the household wishes for, like a bigger home or closer to work.")),
            Length(max=WISH_MAX, message=_l("At most 200 characters.")),
        ],
    )


class StartForm(FlaskForm):
    moving_on_wish = _wish_field()


class UpdateForm(FlaskForm):
    moving_on_wish = _wish_field()
    barriers = MultiCheckboxField(
        _l("Barriers met"),
        choices=[SelectChoice(barrier.value, barrier.label) for barrier in Barrier],
        validate_choice=False,
    )

    def validate_barriers(self, field):
        known = {barrier.value for barrier in Barrier}
        if any(value not in known for value in field.data or []):
            raise ValidationError(_l("Choose barriers from the list."))

    def chosen_barriers(self) -> list[Barrier]:
        chosen = set(self.barriers.data or [])
        return [barrier for barrier in Barrier if barrier.value in chosen]


class MovedForm(FlaskForm):
    moved_on = StrictDateField(_l("Date of the move"), validators=[InputRequired(_l("Enter the date of the move."))])

    def validate_moved_on(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_l("The date of the move cannot be in the future."))


class StopForm(FlaskForm):
    """No fields: the button says it all."""


@dataclass
class Section:
    """What ``households/moving_on_section.html`` shows; the forms only for members who may write."""

    barriers: list[Barrier]
    since: object = None
    suggested_homes_url: str | None = None
    error: str | None = None  # a refusal that belongs to no field
    forms: dict = field(default_factory=dict)


def section(household: Household, entries: list[HistoryEntry], *, writer: bool, failed: dict | None = None) -> Section:
    """The section of ``household``'s page; ``failed`` holds a form that was refused (by name) and ``error``."""
    failed = dict(failed or {})
    shown = Section(barriers=barriers_of(household), error=failed.pop("error", None))
    if household.moving_on:
        shown.since = since_for(entries)
        if SUGGESTED_HOMES_ENDPOINT in current_app.view_functions:
            try:
                shown.suggested_homes_url = url_for(SUGGESTED_HOMES_ENDPOINT, household_id=household.id)
            except Exception:  # noqa: BLE001 - another feature's URL must never break this page
                shown.suggested_homes_url = None
    if not writer:
        return shown
    if household.moving_on:
        shown.forms = {
            "update": failed.get("update")
            or UpdateForm(
                formdata=None,
                data={"moving_on_wish": household.moving_on_wish, "barriers": [b.value for b in shown.barriers]},
            ),
            "moved": failed.get("moved") or MovedForm(formdata=None, data={"moved_on": clock.today()}),
            "stop": failed.get("stop") or StopForm(formdata=None),
        }
    elif household.status is HouseholdStatus.HOUSED:
        shown.forms = {"start": failed.get("start") or StartForm(formdata=None)}
    return shown
