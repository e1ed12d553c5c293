"""The offers' forms: making one, the answers to it, and the list's filter (GET, no CSRF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from hemvist.core import clock
from hemvist.core.forms import StrictDateField, strip
from hemvist.offers.models import RefusalReason
from hemvist.offers.operations import NOTE_LENGTH
from hemvist.offers.queries import OfferFilter, StatusFilter

AFTER_CHOICES = [
    SelectChoice("wait", _l("The household waits for another offer")),
    SelectChoice("pause", _l("The household is offered no homes for a while")),
]


def _id(text) -> int | None:
    """A database id as typed, or None."""
    text = (text or "").strip() if isinstance(text, str) else ""
    if text.isascii() and text.isdigit() and len(text) <= 9 and int(text) > 0:
        return int(text)
    return None


class NewOfferForm(FlaskForm):
    """The "Offer this home" button: which home to which household, as hidden fields."""

    vacancy = HiddenField()
    household = HiddenField()

    def vacancy_id(self) -> int | None:
        return _id(self.vacancy.data)

    def household_id(self) -> int | None:
        return _id(self.household.data)


def _note_field(field_id: str):
    return TextAreaField(
        _l("Note"),
        id=field_id,  # both forms are on one page
        filters=[strip],
        validators=[Length(max=NOTE_LENGTH, message=_l("At most %(max)d characters.", max=NOTE_LENGTH))],
    )


class ViewingForm(FlaskForm):
    viewing_on = StrictDateField(_l("Viewing on"), validators=[InputRequired(_l("Enter the day of the viewing."))])


class AcceptForm(FlaskForm):
    answered_on = StrictDateField(
        _l("Accepted on"), validators=[InputRequired(_l("Enter the day the household accepted."))]
    )

    def validate_answered_on(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_l("The answer cannot be in the future."))


class RefuseForm(FlaskForm):
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("Choose a reason"))]
        + [SelectChoice(reason.value, reason.label) for reason in RefusalReason],
        validate_choice=False,
    )
    after = RadioField(_l("What follows for the household"), choices=AFTER_CHOICES, validate_choice=False)
    paused_until = StrictDateField(_l("May be offered homes again from"))
    note = _note_field("refusal_note")

    def chosen_reason(self) -> RefusalReason | None:
        return next((reason for reason in RefusalReason if reason.value == self.reason.data), None)

    def validate_reason(self, field):
        if self.chosen_reason() is None:
            raise ValidationError(_l("Choose a reason from the list."))

    def validate_after(self, field):
        if field.data not in ("wait", "pause"):
            raise ValidationError(_l("Choose what follows for the household."))

    def validate_paused_until(self, field):
        if field.process_errors or self.after.data != "pause":
            return
        if field.data is None:
            raise ValidationError(_l("Enter the day the household may be offered homes again."))
        if field.data <= clock.today():
            raise ValidationError(_l("The pause must end after today."))


class WithdrawForm(FlaskForm):
    note = _note_field("withdrawal_note")


class FilterForm(Form):
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice(StatusFilter.ALL.value, _l("All offers")),
            SelectChoice(StatusFilter.OPEN.value, _l("Open (made or viewing booked)")),
            SelectChoice(StatusFilter.VIEWING.value, _l("Viewing booked")),
            SelectChoice(StatusFilter.ACCEPTED.value, _l("Offer accepted")),
            SelectChoice(StatusFilter.REFUSED.value, _l("Offer refused")),
            SelectChoice(StatusFilter.WITHDRAWN.value, _l("Offer withdrawn")),
        ],
        validate_choice=False,
    )

    def criteria(self) -> OfferFilter:
        chosen = next((status for status in StatusFilter if status.value == self.status.data), StatusFilter.ALL)
        return OfferFilter(status=chosen)

    def query_args(self) -> dict:
        status = self.criteria().status
        return {"status": status.value} if status is not StatusFilter.ALL else {}
