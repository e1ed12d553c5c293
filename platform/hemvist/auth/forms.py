from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from hemvist.auth.models import Department, ReminderFrequency
from hemvist.auth.operations import MIN_PASSWORD_LENGTH
from hemvist.core import validation
from hemvist.core.validation import InvalidValue


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254, message=_l("That is too long."))],
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=1024, message=_l("That is too long."))],
    )


class ValidatedBy:
    """A WTForms validator from a ``core.validation`` function: its translated error becomes the field's."""

    def __init__(self, check):
        self.check = check

    def __call__(self, form, field):
        try:
            field.data = self.check(field.data)
        except InvalidValue as error:
            raise ValidationError(str(error)) from None


class AccountForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Enter your name.")), Length(max=200, message=_l("That is too long."))],
    )
    phone = StringField(
        _l("Phone"),
        validators=[Length(max=40, message=_l("That is too long.")), ValidatedBy(validation.phone)],
    )
    department = SelectField(
        _l("Department"),
        choices=[SelectChoice("", _l("Not stated"))] + [SelectChoice(d.value, d.label) for d in Department],
        validate_choice=True,
    )
    locale = SelectField(_l("Language"), choices=[SelectChoice("sv", "Svenska"), SelectChoice("en", "English")])
    reminders = SelectField(
        _l("E-mail reminders"),
        choices=[SelectChoice(frequency.value, frequency.label) for frequency in ReminderFrequency],
        validate_choice=True,
    )


class SetPasswordForm(FlaskForm):
    """Choosing a password from an invitation: the length the login's accounts need, typed twice."""

    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=1024,
                message=_l("A password has %(min)s to %(max)s characters.", min=MIN_PASSWORD_LENGTH, max=1024),
            ),
        ],
    )
    confirm = PasswordField(
        _l("The same password again"),
        validators=[
            DataRequired(_l("Type the password again.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )
