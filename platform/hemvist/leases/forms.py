"""The leases' forms: writing a lease, the transfer, moving the planned date, the waiver, the figures' year."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from hemvist.core import clock
from hemvist.core.clock import add_months
from hemvist.core.forms import StrictDateField, StrictIntegerField, strip
from hemvist.leases.models import LeaseForm
from hemvist.leases.operations import NOTE_LENGTH, LeaseData

# The default time the municipality holds a lease before the household takes it over.
DEFAULT_HOLDING_MONTHS = 6
WAIVER_CHOICES = {"yes": True, "no": False, "unknown": None}
WAIVER_LABELS = {
    "yes": _l("Yes: the subtenant waived security of tenure"),
    "no": _l("No: not waived"),
    "unknown": _l("Not known"),
}
FIRST_HAND = (LeaseForm.FIRST_HAND_OPEN_ENDED, LeaseForm.FIRST_HAND_TIME_LIMITED)
RENT_MAX = 1_000_000


def _rent_field():
    return StrictIntegerField(
        _l("Rent (SEK a month)"),
        validators=[Optional(), NumberRange(min=0, max=RENT_MAX, message=_l("Enter an amount of 0 kronor or more."))],
    )


def _waiver_field():
    return RadioField(
        _l("Has the subtenant waived security of tenure?"),
        choices=[SelectChoice(key, label) for key, label in WAIVER_LABELS.items()],
        default="unknown",
        validate_choice=False,
    )


def _chosen(values, text):
    return next((value for value in values if value.value == text), None)


class WriteLeaseForm(FlaskForm):
    form = SelectField(
        _l("Lease form"), choices=[SelectChoice(form.value, form.label) for form in LeaseForm], validate_choice=False
    )
    starts_on = StrictDateField(_l("Starts on"), validators=[InputRequired(_l("Enter the day the lease starts."))])
    rent = _rent_field()
    planned_transfer_on = StrictDateField(_l("Planned transfer"))
    tenure_waived = _waiver_field()

    def chosen_form(self) -> LeaseForm | None:
        return _chosen(LeaseForm, self.form.data)

    def validate_form(self, field):
        if self.chosen_form() is None:
            raise ValidationError(_l("Choose a lease form from the list."))

    def validate_planned_transfer_on(self, field):
        if field.process_errors or self.chosen_form() is not LeaseForm.SUBLEASE:
            return
        if field.data is None:
            raise ValidationError(_l("Enter the date the household is to take the lease over."))
        if self.starts_on.data and field.data <= self.starts_on.data:
            raise ValidationError(_l("The transfer must be planned after the start of the lease."))

    def validate_tenure_waived(self, field):
        if field.data not in WAIVER_CHOICES:
            raise ValidationError(_l("Choose one of the answers."))

    def to_data(self) -> LeaseData:
        form = self.chosen_form()
        sublease = form is LeaseForm.SUBLEASE
        return LeaseData(
            form=form,
            starts_on=self.starts_on.data,
            rent=self.rent.data,
            planned_transfer_on=self.planned_transfer_on.data if sublease else None,
            tenure_waived=WAIVER_CHOICES.get(self.tenure_waived.data) if sublease else None,
        )


def initial_lease_data(vacancy) -> dict:
    """The vacancy's lease form and rent; the start when it is free (or today); a transfer six months on."""
    starts_on = max(vacancy.available_from or clock.today(), clock.today())
    return {
        "form": (vacancy.lease_form or LeaseForm.FIRST_HAND_OPEN_ENDED).value,
        "starts_on": starts_on,
        "rent": vacancy.rent,
        "planned_transfer_on": add_months(starts_on, DEFAULT_HOLDING_MONTHS),
        "tenure_waived": "unknown",
    }


class TransferForm(FlaskForm):
    transferred_on = StrictDateField(
        _l("Transferred on"), validators=[InputRequired(_l("Enter the day the household took the lease over."))]
    )
    form = RadioField(
        _l("The household's own lease"),
        choices=[SelectChoice(form.value, form.label) for form in FIRST_HAND],
        default=LeaseForm.FIRST_HAND_OPEN_ENDED.value,
        validate_choice=False,
    )
    rent = _rent_field()

    def chosen_form(self) -> LeaseForm | None:
        return _chosen(FIRST_HAND, self.form.data)

    def validate_form(self, field):
        if self.chosen_form() is None:
            raise ValidationError(_l("Choose open-ended or time-limited."))

    def validate_transferred_on(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_l("The date of the transfer cannot be in the future."))


class PlannedTransferForm(FlaskForm):
    planned_transfer_on = StrictDateField(
        _l("New planned transfer"), validators=[InputRequired(_l("Enter the new date of the transfer."))]
    )
    reason = TextAreaField(
        _l("Why it is moved"),
        filters=[strip],
        validators=[
            DataRequired(_l("Say why the transfer is moved.")),
            Length(max=NOTE_LENGTH, message=_l("At most 500 characters.")),
        ],
    )


class WaiverForm(FlaskForm):
    tenure_waived = _waiver_field()

    def validate_tenure_waived(self, field):
        if field.data not in WAIVER_CHOICES:
            raise ValidationError(_l("Choose one of the answers."))

    def chosen(self) -> bool | None:
        return WAIVER_CHOICES.get(self.tenure_waived.data)


def waiver_key(value: bool | None) -> str:
    return next(key for key, choice in WAIVER_CHOICES.items() if choice is value)


class YearForm(Form):
    """The figures' year, read from the query string; anything else is this year."""

    year = StringField(_l("Year"), filters=[strip])

    def chosen_year(self) -> int:
        text = self.year.data or ""
        if text.isascii() and text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100:
            return int(text)
        return clock.today().year
