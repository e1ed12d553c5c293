"""The households' forms: a household, its reception, its status, and the list's filters (GET, no CSRF)."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from hemvist.core import clock
from hemvist.core.forms import StrictDateField, StrictIntegerField, single_spaces, strip
from hemvist.households.models import ArrivalRoute, Destination, Household, HouseholdStatus
from hemvist.households.operations import HouseholdData, normalised_reference
from hemvist.households.queries import DeadlineFilter, HouseholdFilter
from hemvist.landlords.models import LandlordType
from hemvist.leases.models import LeaseForm

MAX_CHILDREN = 20
AGE_SEPARATORS = re.compile(r"[,;\s]+")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def parse_ages(text: str) -> list[int]:
    """Children's ages as typed ("3, 7, 12", "3 7 12", "3;7") → [3, 7, 12]; ``ValueError`` with a translated text."""
    from flask_babel import gettext as _

    parts = [part for part in AGE_SEPARATORS.split(text or "") if part]
    ages = []
    for part in parts:
        if not (part.isascii() and part.isdigit()) or len(part) > 3:
            raise ValueError(_("Write each child's age in whole years, separated by commas, like 3, 7, 12."))
        age = int(part)
        if age > 17:
            raise ValueError(_("A child is 0 to 17 years old; %(age)s is not a child's age.", age=age))
        ages.append(age)
    if len(ages) > MAX_CHILDREN:
        raise ValueError(_("At most %(max)s children.", max=MAX_CHILDREN))
    return ages


class HouseholdForm(FlaskForm):
    reference = StringField(
        _l("Reference"),
        filters=[strip, single_spaces],
        validators=[
            DataRequired(_l("Enter the reference of the assignment.")),
            Length(max=40, message=_l("At most 40 characters.")),
        ],
    )
    arrival_route = RadioField(
        _l("How the household comes"),
        choices=[SelectChoice(route.value, route.label) for route in ArrivalRoute],
        validators=[InputRequired(_l("Choose how the household comes."))],
        validate_choice=False,
    )
    assigned_on = StrictDateField(_l("Assigned on"))
    receive_by = StrictDateField(_l("Receive by"))
    adults = StrictIntegerField(
        _l("Adults"),
        validators=[
            InputRequired(_l("Enter the number of adults.")),
            NumberRange(min=1, max=20, message=_l("Enter a number from 1 to 20.")),
        ],
    )
    children_ages = StringField(_l("Children's ages"), filters=[strip])
    languages = StringField(
        _l("Languages"), filters=[strip], validators=[Length(max=200, message=_l("At most 200 characters."))]
    )
    accessibility_needs = TextAreaField(
        _l("Accessibility needs"),
        filters=[strip],
        validators=[Length(max=500, message=_l("At most 500 characters."))],
    )
    step_free_needed = BooleanField(_l("Needs a home without steps (ground floor or a lift)"))
    driving_licence = BooleanField(_l("Someone in the household has a driving licence"))
    has_car = BooleanField(_l("The household has a car"))
    affordable_rent = StrictIntegerField(
        _l("Affordable rent (SEK a month)"),
        validators=[Optional(), NumberRange(min=1, max=1_000_000, message=_l("Enter an amount above 0 kronor."))],
    )
    destinations = MultiCheckboxField(
        _l("Places they need to reach"),
        choices=[SelectChoice(destination.value, destination.label) for destination in Destination],
        validate_choice=False,
    )
    coordinator_id = SelectField(_l("Coordinator"), validate_choice=False)
    notes = TextAreaField(
        _l("Notes"), filters=[strip], validators=[Length(max=5000, message=_l("At most 5 000 characters."))]
    )

    def set_members(self, members, current_id: int | None = None) -> None:
        """The coordinators to choose from: the municipality's members (and whoever is chosen now)."""
        from flask_babel import gettext as _

        self.coordinator_id.choices = [SelectChoice("", _("Nobody yet"))] + [
            SelectChoice(str(user.id), user.name) for user in members
        ]
        self._member_ids = {str(user.id) for user in members}
        if current_id is not None:
            self._member_ids.add(str(current_id))

    def chosen_route(self) -> ArrivalRoute | None:
        return next((route for route in ArrivalRoute if route.value == self.arrival_route.data), None)

    def validate_arrival_route(self, field):
        if self.chosen_route() is None:
            raise ValidationError(_l("Choose how the household comes."))

    def validate_assigned_on(self, field):
        if field.process_errors:
            return
        if field.data is None and self.chosen_route() not in (None, ArrivalRoute.SELF_SETTLED):
            raise ValidationError(_l("Enter the date of the assignment (not needed for a self-settled household)."))

    def validate_receive_by(self, field):
        if field.process_errors or self.chosen_route() is ArrivalRoute.SELF_SETTLED:
            return
        if field.data and self.assigned_on.data and field.data < self.assigned_on.data:
            raise ValidationError(_l("The deadline cannot be before the assignment."))

    def validate_children_ages(self, field):
        try:
            parse_ages(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def validate_destinations(self, field):
        offered = {destination.value for destination in Destination}
        if any(value not in offered for value in field.data or []):
            raise ValidationError(_l("Choose places from the list."))

    def validate_coordinator_id(self, field):
        if field.data and field.data not in getattr(self, "_member_ids", set()):
            raise ValidationError(_l("Choose a colleague from the list."))

    def to_data(self) -> HouseholdData:
        """The household as typed; call only after ``validate`` succeeded."""
        chosen = {value for value in self.destinations.data or []}
        return HouseholdData(
            # One case is one reference however it is typed: upper case, no spaces.
            reference=normalised_reference(self.reference.data),
            arrival_route=self.chosen_route(),
            assigned_on=self.assigned_on.data,
            receive_by=self.receive_by.data,
            adults=self.adults.data,
            children_ages=parse_ages(self.children_ages.data),
            languages=self.languages.data or "",
            accessibility_needs=self.accessibility_needs.data or "",
            step_free_needed=bool(self.step_free_needed.data),
            driving_licence=bool(self.driving_licence.data),
            has_car=bool(self.has_car.data),
            affordable_rent=self.affordable_rent.data,
            destinations=[destination for destination in Destination if destination.value in chosen],
            coordinator_id=int(self.coordinator_id.data) if self.coordinator_id.data else None,
            notes=self.notes.data or "",
        )

    def error_list(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for every error, in page order."""
        return [
            (field.id, str(field.label.text), str(message))
            for field in self
            if field.name != "csrf_token"
            for message in field.errors
        ]


def initial_data(household: Household | None, user_id: int) -> dict:
    """What the form shows before anything is typed: the household as stored, or a new one for the user."""
    if household is None:
        return {"arrival_route": ArrivalRoute.FROM_ACCOMMODATION.value, "adults": 1, "coordinator_id": str(user_id)}
    return {
        "reference": household.reference,
        "arrival_route": household.arrival_route.value,
        "assigned_on": household.assigned_on,
        "receive_by": household.receive_by,
        "adults": household.adults,
        "children_ages": ", ".join(str(age) for age in household.children_ages or []),
        "languages": household.languages,
        "accessibility_needs": household.accessibility_needs,
        "step_free_needed": household.step_free_needed,
        "driving_licence": household.driving_licence,
        "has_car": household.has_car,
        "affordable_rent": household.affordable_rent,
        "destinations": list(household.destinations or []),
        "coordinator_id": str(household.coordinator_id) if household.coordinator_id else "",
        "notes": household.notes,
    }


class ReceivedForm(FlaskForm):
    received_on = StrictDateField(
        _l("Received on"), validators=[InputRequired(_l("Enter the date the household moved in."))]
    )
    # How the household is housed, for the county board's statistics; "not stated" is allowed and stored empty.
    lease_form = SelectField(
        _l("Lease form"),
        choices=[SelectChoice("", _l("Not stated"))] + [SelectChoice(form.value, form.label) for form in LeaseForm],
        validate_choice=False,
    )
    landlord_type = SelectField(
        _l("Landlord"),
        choices=[SelectChoice("", _l("Not stated"))] + [SelectChoice(kind.value, kind.label) for kind in LandlordType],
        validate_choice=False,
    )

    def validate_received_on(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_l("The date of reception cannot be in the future."))

    def validate_lease_form(self, field):
        if field.data and self.chosen_lease_form() is None:
            raise ValidationError(_l("Choose a lease form from the list."))

    def validate_landlord_type(self, field):
        if field.data and self.chosen_landlord_type() is None:
            raise ValidationError(_l("Choose a kind of landlord from the list."))

    def chosen_lease_form(self) -> LeaseForm | None:
        return next((form for form in LeaseForm if form.value == self.lease_form.data), None)

    def chosen_landlord_type(self) -> LandlordType | None:
        return next((kind for kind in LandlordType if kind.value == self.landlord_type.data), None)


def received_data(household: Household) -> dict:
    """What the reception form shows before anything is typed: today, or the reception as stored."""
    return {
        "received_on": household.received_on or clock.today(),
        "lease_form": household.lease_form.value if household.lease_form else "",
        "landlord_type": household.landlord_type.value if household.landlord_type else "",
    }


class StatusForm(FlaskForm):
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(status.value, status.label) for status in HouseholdStatus],
        validate_choice=False,
    )

    def validate_status(self, field):
        if self.chosen_status() is None:
            raise ValidationError(_l("Choose a status from the list."))

    def chosen_status(self) -> HouseholdStatus | None:
        return next((status for status in HouseholdStatus if status.value == self.status.data), None)


DEADLINE_LABELS = {
    DeadlineFilter.ALL: _l("Any deadline"),
    DeadlineFilter.PAST: _l("Deadline past"),
    DeadlineFilter.SOON: _l("Deadline within 14 days"),
}


class FilterForm(Form):
    """The list's filters, read from the query string. Values it does not know are ignored, never an error."""

    status = SelectField(_l("Status"), validate_choice=False)
    deadline = SelectField(
        _l("Deadline"),
        choices=[SelectChoice(key.value, label) for key, label in DEADLINE_LABELS.items()],
        validate_choice=False,
    )

    def set_choices(self) -> None:
        from flask_babel import gettext as _

        self.status.choices = [SelectChoice("", _("Any status"))] + [
            SelectChoice(status.value, status.label) for status in HouseholdStatus
        ]

    def criteria(self) -> HouseholdFilter:
        status = next((s for s in HouseholdStatus if s.value == self.status.data), None)
        deadline = next((d for d in DeadlineFilter if d.value == self.deadline.data), DeadlineFilter.ALL)
        return HouseholdFilter(status=status, deadline=deadline)

    def query_args(self) -> dict:
        criteria = self.criteria()
        args = {
            "status": criteria.status.value if criteria.status else "",
            "deadline": criteria.deadline.value,
        }
        return {key: value for key, value in args.items() if value}
