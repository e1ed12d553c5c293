"""The public sign-up form, with its protections against bots, and the inbox's acceptance form."""

from __future__ import annotations

import time

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, URLSafeTimedSerializer
from wtforms import BooleanField, FormField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from hemvist.core.forms import StrictIntegerField, single_spaces, strip
from hemvist.landlords import validation
from hemvist.landlords.forms import MultiCheckboxField, checked_by
from hemvist.landlords.models import LandlordKind
from hemvist.signup.models import LeaseHolding
from hemvist.signup.operations import SignupData
from hemvist.vacancies.forms import HomeForm

TIMING_SALT = "hemvist-signup-started"


def _timing_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=TIMING_SALT)


def started_token() -> str:
    """A signed note of when the form was shown; bots that post at once, or without it, are turned away."""
    return _timing_serializer().dumps(int(time.time()))


def _shown_at(token: str | None) -> float:
    """When the form carrying ``token`` was first shown (a Unix time); BadSignature if the token is missing,
    forged or expired."""
    _value, shown_at = _timing_serializer().loads(
        token or "", max_age=current_app.config["WTF_CSRF_TIME_LIMIT"], return_timestamp=True
    )
    return shown_at.timestamp()


def started_token_for(submitted: str | None) -> str:
    """The timing token to show the form with: the submitted one while it is valid, so that the clock keeps
    running from when the person first saw the form however often it is shown again with errors; a fresh
    one when none came, or one that is forged or has expired."""
    try:
        _shown_at(submitted)
    except BadSignature:
        return started_token()
    return submitted


class SignupForm(FlaskForm):
    # The fields in the order the page shows them: the error summary lists them in this order.
    kind = RadioField(
        _l("I let homes as"),
        choices=[
            SelectChoice(LandlordKind.COMPANY.value, _l("A company")),
            SelectChoice(LandlordKind.PRIVATE_PERSON.value, _l("A private person")),
        ],
        validators=[InputRequired(_l("Choose company or private person."))],
    )
    name = StringField(
        _l("Name of the company, or your name"),
        filters=[strip, single_spaces],
        validators=[DataRequired(_l("Enter the name.")), Length(max=200, message=_l("At most 200 characters."))],
    )
    identity_number = StringField(
        _l("Organisation number or personal identity number"),
        filters=[strip],
        validators=[DataRequired(_l("Enter the organisation number or the personal identity number."))],
    )
    flats = StrictIntegerField(
        _l("How many homes do you let in the municipality?"),
        validators=[Optional(), NumberRange(min=0, max=100_000, message=_l("Enter a number from 0 to 100 000."))],
    )
    areas = MultiCheckboxField(_l("Where are the homes?"), coerce=str, validate_choice=False)
    contact_name = StringField(
        _l("Contact person"),
        filters=[strip, single_spaces],
        validators=[
            DataRequired(_l("Enter the name of the person we may contact.")),
            Length(max=200, message=_l("At most 200 characters.")),
        ],
    )
    phone = StringField(_l("Phone"), filters=[strip], validators=[checked_by(validation.phone)])
    email = StringField(
        _l("E-mail"),
        filters=[strip],
        validators=[DataRequired(_l("Enter an e-mail address for the receipt.")), checked_by(validation.email)],
    )
    offers_home = BooleanField(_l("I have a home free now, or soon"))
    home = FormField(HomeForm, separator="-")
    lease_holding = RadioField(
        _l("May the municipality hold the lease at first and transfer it to the tenant later?"),
        choices=[SelectChoice(option.value, option.label) for option in LeaseHolding],
        validators=[InputRequired(_l("Choose one of the answers."))],
    )
    message = TextAreaField(
        _l("Anything else we should know"),
        filters=[strip],
        validators=[Length(max=2000, message=_l("At most 2 000 characters."))],
    )
    consent = BooleanField(
        _l("I agree that the municipality keeps these details to contact me about letting homes."),
        validators=[DataRequired(_l("The municipality can only keep your details with your agreement."))],
    )
    # Left empty by people (it is hidden from them); bots fill in every field they find.
    website = StringField(_l("Leave this field empty"), render_kw={"tabindex": "-1", "autocomplete": "new-password"})
    started = HiddenField()

    def set_area_choices(self, areas) -> None:
        self.areas.choices = [SelectChoice(str(area.id), area.name) for area in areas]
        self.home.form.set_area_choices(areas)

    def chosen_kind(self) -> LandlordKind | None:
        return next((kind for kind in LandlordKind if kind.value == self.kind.data), None)

    def validate(self, extra_validators=None):
        # The home's fields count only when a home is offered: a bare FormField would demand its rooms.
        fields = self._fields
        home = fields["home"]
        self._fields = {name: field for name, field in fields.items() if name != "home"}
        try:
            valid = super().validate(extra_validators)
        finally:
            self._fields = fields  # in page order still: the error summary follows it
        if self.offers_home.data and not home.validate(self):
            valid = False
        return valid

    def validate_identity_number(self, field):
        kind = self.chosen_kind()
        if kind is not None:
            checked_by(lambda text: validation.identity_number(kind, text))(self, field)

    def validate_areas(self, field):
        offered = {choice.value for choice in field.choices or []}
        if any(value not in offered for value in field.data or []):
            raise ValidationError(_l("Choose areas from the list."))

    def validate_website(self, field):
        if field.data:
            raise ValidationError(_l("Leave this field empty."))

    def validate_started(self, field):
        try:
            shown_at = _shown_at(field.data)
        except BadSignature:
            raise ValidationError(_l("The form had expired. Check your answers and send it again.")) from None
        if time.time() - shown_at < current_app.config["SIGNUP_MIN_FILL_SECONDS"]:
            raise ValidationError(
                _l("That was quicker than a person fills in the form. Check your answers and send it again.")
            )

    def to_data(self, locale: str) -> SignupData:
        kind = self.chosen_kind()
        home = self.home.form.to_data() if self.offers_home.data else None
        return SignupData(
            locale=locale,
            kind=kind,
            name=self.name.data,
            identity_number=validation.identity_number(kind, self.identity_number.data),
            contact_name=self.contact_name.data,
            contact_phone=validation.phone(self.phone.data),
            contact_email=validation.email(self.email.data),
            flats=self.flats.data,
            area_ids=[int(value) for value in self.areas.data or []],
            lease_holding=LeaseHolding(self.lease_holding.data),
            message=self.message.data or "",
            home=home,
        )

    def error_list(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for every error, in page order; the timing error has no field to show."""
        items = []
        for field in self:
            if field.name == "csrf_token":
                continue
            subfields = list(field.form) if field is self.home else [field]
            for subfield in subfields:
                hidden = subfield is self.started or subfield is self.website
                for message in subfield.errors:
                    # Errors of fields a person cannot see point at the form as a whole.
                    target = "signup-form" if hidden else subfield.id
                    label = "" if hidden else str(subfield.label.text)
                    items.append((target, label, str(message)))
        return items


class AcceptForm(FlaskForm):
    owner = SelectField(_l("Named contact for the landlord"), coerce=str, validate_choice=False)
    # Off unless ticked: whoever adds their address to a known landlord can open that landlord's page.
    add_contact = BooleanField(_l("Add the sender as a contact person of the landlord"))

    def set_owner_choices(self, members) -> None:
        self.owner.choices = [SelectChoice(str(member.id), member.name) for member in members]

    def validate_owner(self, field):
        if field.data not in {choice.value for choice in field.choices or []}:
            raise ValidationError(_l("Choose the named contact from the list."))
