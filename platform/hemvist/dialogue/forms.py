"""The forms of the dialogue log: an interaction, its follow-up, a new date, a period for the figures."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from hemvist.core import clock
from hemvist.core.forms import StrictIntegerField
from hemvist.dialogue.models import Interaction, InteractionKind, Topic
from hemvist.dialogue.operations import (
    DURATION_MAX,
    NOTE_MAX,
    OUTCOME_MAX,
    SUMMARY_MAX,
    FollowUpPlan,
    InteractionData,
)

# What the radio buttons of the next follow-up send: none, a number of months from today, or a date.
NO_FOLLOW_UP = "none"
ON_A_DATE = "date"
CHOICE_MESSAGE = _l("Choose one of the options listed.")
# A select that always has an option chosen is not marked required: HTML then wants an empty first option.
ALWAYS_CHOSEN = {"required": False}


class StrictDateField(DateField):
    """A date typed as YYYY-MM-DD (what a date input sends), with our own translated message.

    Empty is no date and no error, so that ``InputRequired`` or ``Optional`` decide about it.
    """

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].strip()
        self.data = None
        if not text:
            return
        try:
            self.data = datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError:
            raise ValueError(_l("Enter a date as year-month-day, like 2025-03-14.")) from None

    def pre_validate(self, form):
        # A text that is not a date gets one message, not a "required" or "in the past" one as well.
        if self.process_errors:
            raise StopValidation()


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (the template puts them in a fieldset with a legend)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def optional_int(value) -> int | None:
    """A select's value: empty is "none chosen"."""
    if value in ("", None):
        return None
    return int(value)


def not_in_the_future(form, field):
    if field.data is not None and field.data > clock.today():
        raise ValidationError(_("The date of the contact cannot be in the future."))


def not_in_the_past(form, field):
    if field.data is not None and field.data < clock.today():
        raise ValidationError(_("Choose today or a later date."))


class InteractionForm(FlaskForm):
    kind = SelectField(
        _l("Kind of contact"),
        choices=[SelectChoice(kind.value, kind.label) for kind in InteractionKind],
        validators=[InputRequired(_l("Choose the kind of contact."))],
        invalid_choice_message=CHOICE_MESSAGE,
        render_kw=ALWAYS_CHOSEN,
    )
    occurred_on = StrictDateField(
        _l("Date"), validators=[InputRequired(_l("Enter the date of the contact.")), not_in_the_future]
    )
    duration_minutes = StrictIntegerField(
        _l("Duration in minutes"),
        validators=[
            Optional(),
            NumberRange(min=0, max=DURATION_MAX, message=_l("Enter a duration from 0 to 1 440 minutes.")),
        ],
    )
    user_id = SelectField(
        _l("Who made the contact"),
        coerce=optional_int,
        validators=[InputRequired(_l("Choose who made the contact."))],
        invalid_value_message=CHOICE_MESSAGE,
        invalid_choice_message=CHOICE_MESSAGE,
        render_kw=ALWAYS_CHOSEN,
    )
    contact_person_id = SelectField(
        _l("Contact person at the landlord"),
        coerce=optional_int,
        validators=[Optional()],
        invalid_value_message=CHOICE_MESSAGE,
        invalid_choice_message=CHOICE_MESSAGE,
    )
    topics = MultiCheckboxField(
        _l("Topics discussed"),
        choices=[SelectChoice(topic.value, topic.label) for topic in Topic],
        validators=[Optional()],
        invalid_choice_message=lambda count: _("Choose from the topics listed."),
    )
    summary = TextAreaField(
        _l("Summary"),
        validators=[Length(max=SUMMARY_MAX, message=_l("Write at most %(max)d characters."))],
    )
    outcome = StringField(
        _l("Outcome"),
        validators=[Length(max=OUTCOME_MAX, message=_l("Write at most %(max)d characters."))],
    )

    def __init__(self, *args, members=(), contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user_id.choices = [SelectChoice(member.id, member.name) for member in members]
        self.contact_person_id.choices = [SelectChoice("", _("Nobody in particular"))] + [
            SelectChoice(contact.id, f"{contact.name}, {contact.role}" if contact.role else contact.name)
            for contact in contacts
        ]

    def fill(self, interaction: Interaction) -> None:
        """Show a stored interaction (on GET; a POST keeps what was typed)."""
        self.kind.data = interaction.kind.value
        self.occurred_on.data = interaction.occurred_on
        self.duration_minutes.data = interaction.duration_minutes
        self.user_id.data = interaction.user_id
        self.contact_person_id.data = interaction.contact_person_id
        self.topics.data = [topic.value for topic in interaction.topics]
        self.summary.data = interaction.summary
        self.outcome.data = interaction.outcome

    def interaction_data(self) -> InteractionData:
        return InteractionData(
            kind=InteractionKind(self.kind.data),
            occurred_on=self.occurred_on.data,
            user_id=self.user_id.data,
            duration_minutes=self.duration_minutes.data,
            contact_person_id=self.contact_person_id.data,
            topics=[Topic(value) for value in self.topics.data or []],
            summary=self.summary.data or "",
            outcome=self.outcome.data or "",
        )


class LogInteractionForm(InteractionForm):
    """A new interaction, and the next contact to plan."""

    follow_up = RadioField(
        _l("Next follow-up"),
        choices=[
            SelectChoice(NO_FOLLOW_UP, _l("None")),
            SelectChoice("1", _l("In 1 month")),
            SelectChoice("3", _l("In 3 months")),
            SelectChoice("6", _l("In 6 months")),
            SelectChoice(ON_A_DATE, _l("On a date")),
        ],
        default=NO_FOLLOW_UP,
        validators=[InputRequired(_l("Choose when to follow up, or none."))],
        invalid_choice_message=CHOICE_MESSAGE,
    )
    # No Optional() on these two: it would stop the chain before the checks below, which depend on
    # whether a follow-up was asked for.
    follow_up_on = StrictDateField(_l("Follow-up date"), validators=[not_in_the_past])
    assigned_to_id = SelectField(
        _l("Follow-up by"),
        coerce=optional_int,
        validate_choice=False,
        invalid_value_message=CHOICE_MESSAGE,
    )
    follow_up_note = StringField(
        _l("What to follow up"),
        validators=[Length(max=NOTE_MAX, message=_l("Write at most %(max)d characters."))],
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, members=members, **kwargs)
        self.assigned_to_id.choices = [SelectChoice(member.id, member.name) for member in members]

    def follow_up_plan(self) -> FollowUpPlan | None:
        choice = self.follow_up.data
        if choice == NO_FOLLOW_UP:
            return None
        due_on = self.follow_up_on.data if choice == ON_A_DATE else clock.add_months(clock.today(), int(choice))
        return FollowUpPlan(due_on=due_on, assigned_to_id=self.assigned_to_id.data, note=self.follow_up_note.data or "")

    def validate_follow_up_on(self, field):
        if self.follow_up.data == ON_A_DATE and field.data is None and not field.errors:
            raise ValidationError(_("Enter the date of the follow-up."))

    def validate_assigned_to_id(self, field):
        if field.data is not None and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(CHOICE_MESSAGE)
        if self.follow_up.data not in (None, NO_FOLLOW_UP) and field.data is None:
            raise ValidationError(_("Choose who is to follow up."))


class RescheduleForm(FlaskForm):
    due_on = StrictDateField(
        _l("New date"), validators=[InputRequired(_l("Enter the new date of the follow-up.")), not_in_the_past]
    )


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


class PeriodForm(FlaskForm):
    """The period of the headline figures, read from the query string (?from=…&to=…)."""

    class Meta:
        csrf = False

    start = StrictDateField(_l("From"), name="from", validators=[Optional()])
    end = StrictDateField(_l("To"), name="to", validators=[Optional()])

    def validate_end(self, field):
        if field.data is not None and self.start.data is not None and field.data < self.start.data:
            raise ValidationError(_("The end of the period must not come before its start."))
