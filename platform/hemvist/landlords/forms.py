"""The registry's forms: search (GET, no CSRF), a landlord with its contact persons, stage, named contact."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from hemvist.core.forms import StrictIntegerField, single_spaces, strip
from hemvist.landlords import validation
from hemvist.landlords.models import LandlordKind, LandlordType, Source, Stage
from hemvist.landlords.operations import KIND_TYPES, ContactData, LandlordData
from hemvist.landlords.queries import DEFAULT_SORT, SORTS, LandlordFilter

# The form offers rows up to this many contact persons; a landlord that already has more (an import)
# keeps them all, up to the hard cap, so that saving the form never drops anyone silently.
MAX_CONTACTS = 10
HARD_CAP_CONTACTS = 50
EMPTY_CONTACT_ROWS = 2


def checked_by(check):
    """A WTForms validator from one of ``landlords.validation``'s functions (which raise ``InvalidValue``)."""

    def validator(form, field):
        try:
            check(field.data)
        except validation.InvalidValue as error:
            raise ValidationError(str(error)) from None

    return validator


class ContactForm(Form):
    """One contact person row; a row left wholly empty is no contact person and is not validated."""

    contact_id = HiddenField()
    name = StringField(
        _l("Name"), filters=[strip, single_spaces], validators=[Length(max=200, message=_l("At most 200 characters."))]
    )
    role = StringField(_l("Role"), filters=[strip], validators=[Length(max=100, message=_l("At most 100 characters."))])
    phone = StringField(_l("Phone"), filters=[strip], validators=[checked_by(validation.phone)])
    email = StringField(_l("E-mail"), filters=[strip], validators=[checked_by(validation.email)])

    def is_blank(self) -> bool:
        return not any((field.data or "") for field in (self.name, self.role, self.phone, self.email))

    def validate(self, extra_validators=None):
        if self.is_blank():
            return True
        return super().validate(extra_validators)

    def validate_name(self, field):
        if not field.data:
            raise ValidationError(_l("Enter the contact person's name, or empty the whole row."))

    def to_data(self) -> ContactData:
        text = self.contact_id.data or ""
        return ContactData(
            id=int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None,
            name=self.name.data,
            role=self.role.data or "",
            phone=validation.phone(self.phone.data),
            email=validation.email(self.email.data),
        )


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LandlordForm(FlaskForm):
    kind = RadioField(
        _l("Kind of landlord"),
        choices=[SelectChoice(kind.value, kind.label) for kind in LandlordKind],
        validators=[InputRequired(_l("Choose company or private person."))],
    )
    landlord_type = SelectField(
        _l("Category in the statistics"),
        choices=[SelectChoice("", _l("Same as above: private company or private person"))]
        + [SelectChoice(kind.value, kind.label) for kind in LandlordType],
        validate_choice=False,
    )
    name = StringField(
        _l("Name"),
        filters=[strip, single_spaces],
        validators=[
            DataRequired(_l("Enter the landlord's name.")),
            Length(max=200, message=_l("At most 200 characters.")),
        ],
    )
    identity_number = StringField(_l("Organisation number or personal identity number"), filters=[strip])
    street_address = StringField(
        _l("Street address"), filters=[strip], validators=[Length(max=200, message=_l("At most 200 characters."))]
    )
    postal_code = StringField(_l("Postal code"), filters=[strip], validators=[checked_by(validation.postal_code)])
    city = StringField(_l("City"), filters=[strip], validators=[Length(max=100, message=_l("At most 100 characters."))])
    areas = MultiCheckboxField(_l("Areas where they own homes"), coerce=str, validate_choice=False)
    flats = StrictIntegerField(
        _l("Number of flats"),
        validators=[Optional(), NumberRange(min=0, max=100_000, message=_l("Enter a number from 0 to 100 000."))],
    )
    older_stock = BooleanField(_l("Older housing stock"))
    source = SelectField(
        _l("How we found them"), choices=[SelectChoice(source.value, source.label) for source in Source]
    )
    notes = TextAreaField(
        _l("Notes"), filters=[strip], validators=[Length(max=5000, message=_l("At most 5 000 characters."))]
    )
    contacts = FieldList(FormField(ContactForm), label=_l("Contact persons"), max_entries=HARD_CAP_CONTACTS)

    def set_area_choices(self, areas) -> None:
        self.areas.choices = [SelectChoice(str(area.id), area.name) for area in areas]

    def chosen_kind(self) -> LandlordKind | None:
        return next((kind for kind in LandlordKind if kind.value == self.kind.data), None)

    def chosen_type(self) -> LandlordType | None:
        return next((kind for kind in LandlordType if kind.value == self.landlord_type.data), None)

    def validate_landlord_type(self, field):
        if field.data and self.chosen_type() is None:
            raise ValidationError(_l("Choose a category from the list."))
        kind, chosen = self.chosen_kind(), self.chosen_type()
        if kind is None or chosen is None:
            return
        if (kind is LandlordKind.PRIVATE_PERSON) != (chosen is LandlordType.PRIVATE_PERSON):
            raise ValidationError(_l("A private person must have the category Private person; a company cannot."))

    def validate_identity_number(self, field):
        kind = self.chosen_kind()
        if kind is not None:
            checked_by(lambda text: validation.identity_number(kind, text))(self, field)

    def validate_areas(self, field):
        offered = {choice.value for choice in field.choices or []}
        if any(value not in offered for value in field.data or []):
            raise ValidationError(_l("Choose areas from the list."))

    def to_data(self) -> LandlordData:
        """The landlord as typed, normalised; call only after ``validate`` succeeded."""
        kind = self.chosen_kind()
        return LandlordData(
            kind=kind,
            # "As the kind says" is a choice too: it replaces a type chosen before.
            landlord_type=self.chosen_type() or LandlordType.default_for(kind),
            name=self.name.data,
            identity_number=validation.identity_number(kind, self.identity_number.data),
            street_address=self.street_address.data or "",
            postal_code=validation.postal_code(self.postal_code.data),
            city=self.city.data or "",
            flats=self.flats.data,
            older_stock=bool(self.older_stock.data),
            source=Source(self.source.data),
            notes=self.notes.data or "",
            area_ids=[int(value) for value in self.areas.data or []],
            contacts=[entry.form.to_data() for entry in self.contacts if not entry.form.is_blank()],
        )

    def error_list(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for every error, in page order; contact rows say which row."""
        from flask_babel import gettext as _

        items = []
        for field in self:
            if field.name == "csrf_token":
                continue
            if field is self.contacts:
                for number, entry in enumerate(self.contacts, start=1):
                    for subfield in entry.form:
                        for message in subfield.errors:
                            label = _("Contact person %(number)s, %(field)s", number=number, field=subfield.label.text)
                            items.append((subfield.id, label, str(message)))
                continue
            for message in field.errors:
                items.append((field.id, str(field.label.text), str(message)))
        return items


def initial_data(landlord=None) -> dict:
    """What the form shows before anything is typed: the landlord as stored, plus empty contact rows."""
    if landlord is None:
        contacts = []
        data = {"kind": LandlordKind.COMPANY.value, "landlord_type": "", "source": Source.OUTREACH.value}
    else:
        contacts = [
            {
                "contact_id": str(contact.id),
                "name": contact.name,
                "role": contact.role,
                "phone": validation.display_phone(contact.phone),
                "email": contact.email,
            }
            for contact in landlord.contacts
        ]
        data = {
            "kind": landlord.kind.value,
            # A type the kind implies shows as following the kind, so that changing the kind changes it too.
            "landlord_type": "" if landlord.landlord_type in KIND_TYPES else landlord.landlord_type.value,
            "name": landlord.name,
            "identity_number": landlord.identity_number or "",
            "street_address": landlord.street_address,
            "postal_code": landlord.postal_code,
            "city": landlord.city,
            "areas": [str(area.id) for area in landlord.areas],
            "flats": landlord.flats,
            "older_stock": landlord.older_stock,
            "source": landlord.source.value,
            "notes": landlord.notes,
        }
    empty_rows = max(0, min(EMPTY_CONTACT_ROWS, MAX_CONTACTS - len(contacts)))
    data["contacts"] = contacts + [{} for _ in range(empty_rows)]
    return data


class StageForm(FlaskForm):
    stage = SelectField(
        _l("Stage"),
        choices=[SelectChoice(stage.value, stage.label) for stage in Stage],
        validate_choice=False,
    )
    reason = TextAreaField(
        _l("Reason"), filters=[strip], validators=[Length(max=500, message=_l("At most 500 characters."))]
    )

    def validate_stage(self, field):
        if self.chosen_stage() is None:
            raise ValidationError(_l("Choose a stage from the list."))

    def chosen_stage(self) -> Stage | None:
        return next((stage for stage in Stage if stage.value == self.stage.data), None)


class OwnerForm(FlaskForm):
    owner_id = SelectField(_l("Change the named contact to"), validate_choice=False)

    def set_members(self, members) -> None:
        self.owner_id.choices = [SelectChoice(str(user.id), user.name) for user in members]

    def validate_owner_id(self, field):
        if field.data not in {choice.value for choice in field.choices or []}:
            raise ValidationError(_l("Choose a colleague from the list."))


class ConfirmForm(FlaskForm):
    """A button that changes something (delete, restore): nothing to fill in but the CSRF token."""


SORT_LABELS = {
    "name": _l("Name, A to Z"),
    "-name": _l("Name, Z to A"),
    "-updated": _l("Recently changed first"),
    "updated": _l("Longest unchanged first"),
    "stage": _l("Stage"),
}


class SearchForm(Form):
    """The registry's search, read from the query string. Values it does not know are ignored, never an error."""

    q = StringField(_l("Search"), filters=[strip])
    stage = SelectField(_l("Stage"), validate_choice=False)
    owner = SelectField(_l("Named contact"), validate_choice=False)
    area = SelectField(_l("Area"), validate_choice=False)
    due = BooleanField(_l("Only landlords with a follow-up due"))
    sort = SelectField(
        _l("Sort by"),
        choices=[SelectChoice(key, label) for key, label in SORT_LABELS.items()],
        default=DEFAULT_SORT,
        validate_choice=False,
    )

    def set_choices(self, members, areas) -> None:
        from flask_babel import gettext as _

        self.stage.choices = [SelectChoice("", _("Any stage"))] + [
            SelectChoice(stage.value, stage.label) for stage in Stage
        ]
        self.owner.choices = [SelectChoice("", _("Anyone"))] + [
            SelectChoice(str(user.id), user.name) for user in members
        ]
        self.area.choices = [SelectChoice("", _("Any area"))] + [
            SelectChoice(str(area.id), area.name) for area in areas
        ]

    @staticmethod
    def _known(field) -> str:
        values = {choice.value for choice in field.choices}
        return field.data if field.data in values else ""

    def criteria(self) -> LandlordFilter:
        stage, owner, area = self._known(self.stage), self._known(self.owner), self._known(self.area)
        return LandlordFilter(
            text=(self.q.data or "")[:200],
            stage=Stage(stage) if stage else None,
            owner_id=int(owner) if owner else None,
            area_id=int(area) if area else None,
            follow_up_due=bool(self.due.data),
        )

    def sort_key(self) -> str:
        return self.sort.data if self.sort.data in SORTS else DEFAULT_SORT

    def query_args(self) -> dict:
        """The search as query-string arguments, unknown values left out: for page and board links."""
        args = {
            "q": (self.q.data or "")[:200],
            "stage": self._known(self.stage),
            "owner": self._known(self.owner),
            "area": self._known(self.area),
            "due": "y" if self.due.data else "",
            "sort": self.sort_key() if self.sort_key() != DEFAULT_SORT else "",
        }
        return {key: value for key, value in args.items() if value}
