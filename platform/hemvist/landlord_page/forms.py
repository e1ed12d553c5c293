"""The forms of a landlord's page: asking for a link, the contact person's details, a home to offer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from hemvist.core.forms import single_spaces, strip
from hemvist.landlords import validation
from hemvist.landlords.forms import checked_by
from hemvist.vacancies.forms import HomeForm


class LinkRequestForm(FlaskForm):
    email = StringField(
        _l("Your e-mail address"),
        filters=[strip],
        validators=[DataRequired(_l("Enter your e-mail address.")), checked_by(validation.email)],
    )


class ContactDetailsForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        filters=[strip, single_spaces],
        validators=[DataRequired(_l("Enter your name.")), Length(max=200, message=_l("At most 200 characters."))],
    )
    phone = StringField(_l("Phone"), filters=[strip], validators=[checked_by(validation.phone)])
    email = StringField(
        _l("E-mail"),
        filters=[strip],
        validators=[DataRequired(_l("Enter your e-mail address.")), checked_by(validation.email)],
    )


class OfferHomeForm(FlaskForm, HomeForm):
    pass


class ConfirmForm(FlaskForm):
    """A button that changes something: the CSRF token only."""
