"""The administration's forms. Choices are filled in by the views from the database; a value that is not
among them gets a translated message of ours (``validate_choice`` is off: WTForms' own is not ours)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, Form, SearchField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from hemvist.auth.forms import ValidatedBy
from hemvist.auth.models import Role
from hemvist.core import validation
from hemvist.core.collation import swedish_order
from hemvist.core.forms import StrictIntegerField, single_spaces, strip
from hemvist.tenancy.config_files import TenantFileError, validate_slug
from hemvist.tenancy.models import Municipality
from hemvist.tenancy.reference import ReferenceMunicipality

LANGUAGE_CHOICES = [SelectChoice("sv", "Svenska"), SelectChoice("en", "English")]
ROLE_VALUES = [role.value for role in Role]


def _language_field(label):
    return SelectField(
        label,
        choices=LANGUAGE_CHOICES,
        default="sv",
        validate_choice=False,
        validators=[AnyOf(["sv", "en"], message=_l("Choose Swedish or English."))],
    )


def _role_field(label):
    return SelectField(
        label,
        choices=[SelectChoice(role.value, role.label) for role in Role],
        default=Role.COORDINATOR.value,
        validate_choice=False,
        validators=[AnyOf(ROLE_VALUES, message=_l("Choose a role from the list."))],
    )


class ConfirmForm(FlaskForm):
    """A button that changes something (suspend, remove, deactivate): nothing to fill in but the CSRF token."""


class EnableForm(FlaskForm):
    code = SelectField(
        _l("Municipality"), validate_choice=False, validators=[DataRequired(_l("Choose a municipality."))]
    )
    slug = StringField(
        _l("Address"), filters=[strip], validators=[Length(max=40, message=_l("At most 40 characters."))]
    )
    default_locale = _language_field(_l("Default language"))
    population = StrictIntegerField(
        _l("Population"),
        validators=[Optional(), NumberRange(min=1, max=2_000_000, message=_l("Enter a number from 1 to 2 000 000."))],
    )
    unit_email = StringField(
        _l("The unit's e-mail address"),
        filters=[strip],
        validators=[Length(max=254, message=_l("That is too long.")), ValidatedBy(validation.email)],
    )

    def set_municipalities(self, municipalities: list[ReferenceMunicipality]) -> None:
        """The municipalities to choose from, under their county (an optgroup each), so one is quick to find:
        the counties by name, and the municipalities by name within each, in Swedish order."""
        from flask_babel import gettext as _

        self._official_slugs = {m.code: m.slug for m in municipalities}
        grouped = sorted(municipalities, key=lambda m: (swedish_order(m.county_name), swedish_order(m.name)))
        self.code.choices = [SelectChoice("", _("Choose a municipality"))] + [
            SelectChoice(m.code, m.name, optgroup=m.county_name) for m in grouped
        ]

    def set_addresses(self, in_use: set[str], reserved: set[str]) -> None:
        """The addresses other municipalities have, and the platform's own first path segments."""
        self._in_use, self._reserved = in_use, reserved

    def validate_slug(self, field):
        """Checked with the other fields, so that every error shows at once; the operation checks again
        when it writes (another administrator may take the address in between)."""
        from flask_babel import gettext as _
        from wtforms.validators import ValidationError

        from hemvist.admin.operations import slug_rules

        if field.errors:
            return
        # Left empty, the address is the official one of the municipality chosen, which may be taken too.
        slug = field.data or self._official_slugs.get(self.code.data or "", "")
        if not slug:
            return
        try:
            validate_slug(slug)
        except TenantFileError:
            raise ValidationError(slug_rules()) from None
        if slug in self._reserved:
            raise ValidationError(slug_rules())
        if slug in self._in_use:
            raise ValidationError(
                _("The address /%(slug)s/ belongs to another municipality. Choose another.", slug=slug)
            )


class UserSearchForm(Form):
    """The users list's search, read from the query string (no CSRF: it changes nothing)."""

    q = SearchField(_l("Name or e-mail address"), filters=[strip])


class _MunicipalityChoice:
    """A select of the municipalities on the service, by id; ``chosen()`` is the one picked, or ``None``."""

    def set_municipalities(self, municipalities: list[Municipality], *, optional: bool) -> None:
        from flask_babel import gettext as _

        self._municipalities = {str(m.id): m for m in municipalities}
        first = _("None") if optional else _("Choose a municipality")
        # Under their county's name, the counties by name and the municipalities by name within each.
        grouped = sorted(municipalities, key=lambda m: (swedish_order(m.county.name), swedish_order(m.name)))
        self.municipality.choices = [SelectChoice("", first)] + [
            SelectChoice(str(m.id), m.name, optgroup=m.county.name) for m in grouped
        ]

    def chosen(self) -> Municipality | None:
        return self._municipalities.get(self.municipality.data or "")


def _municipality_is_listed(form, field):
    from wtforms.validators import ValidationError

    if field.data and field.data not in form._municipalities:
        raise ValidationError(_l("Choose a municipality from the list."))


class MembershipForm(FlaskForm, _MunicipalityChoice):
    municipality = SelectField(
        _l("Municipality"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose a municipality.")), _municipality_is_listed],
    )
    role = _role_field(_l("Role"))


class RoleForm(FlaskForm):
    role = _role_field(_l("Role"))


def _county_choices(counties: list[tuple[str, str]], first: str) -> list[SelectChoice]:
    return [SelectChoice("", first)] + [SelectChoice(code, name) for code, name in counties]


class CountyForm(FlaskForm):
    county = SelectField(_l("County"), validate_choice=False, validators=[DataRequired(_l("Choose a county."))])

    def set_counties(self, counties: list[tuple[str, str]]) -> None:
        from flask_babel import gettext as _

        self.county.choices = _county_choices(counties, _("Choose a county"))


class InviteForm(FlaskForm, _MunicipalityChoice):
    email = EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[
            DataRequired(_l("Enter the e-mail address.")),
            Length(max=254, message=_l("That is too long.")),
            ValidatedBy(validation.email),
        ],
    )
    name = StringField(
        _l("Name"),
        filters=[strip, single_spaces],
        validators=[DataRequired(_l("Enter the name.")), Length(max=200, message=_l("That is too long."))],
    )
    locale = _language_field(_l("Language of the invitation"))
    municipality = SelectField(_l("Municipality"), validate_choice=False, validators=[_municipality_is_listed])
    role = _role_field(_l("Role in the municipality"))
    county = SelectField(_l("County page"), validate_choice=False)

    def set_counties(self, counties: list[tuple[str, str]]) -> None:
        from flask_babel import gettext as _

        self.county.choices = _county_choices(counties, _("None"))
        self._county_codes = {code for code, _name in counties}

    def validate_county(self, field):
        from wtforms.validators import ValidationError

        if field.data and field.data not in self._county_codes:
            raise ValidationError(_l("Choose a county from the list."))
