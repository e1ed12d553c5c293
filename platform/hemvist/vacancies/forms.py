"""A home offered: the fields shared by the sign-up, the landlord's own page and the coordinator; the staff's
fuller form of a vacancy, its status, and the register's search."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from hemvist.core import clock
from hemvist.core.forms import StrictDateField, StrictIntegerField, strip
from hemvist.leases.models import LeaseForm
from hemvist.vacancies.models import Vacancy, VacancyStatus
from hemvist.vacancies.operations import TRANSITIONS, VacancyData
from hemvist.vacancies.queries import DEFAULT_SORT, SORTS, VacancyFilter

# A date further ahead than this is a typo (2206 for 2026), not a plan.
LATEST_START = timedelta(days=2 * 365)


class HomeForm(Form):
    """The home as the landlords' pages ask for it (the sign-up, the landlord's own page): the fields in the
    order those pages show them, so that their error summaries follow the page."""

    rooms = StrictIntegerField(
        _l("Rooms, counting the living room"),
        validators=[
            InputRequired(_l("Enter the number of rooms.")),
            NumberRange(min=1, max=20, message=_l("Enter a number from 1 to 20.")),
        ],
    )
    rent = StrictIntegerField(
        _l("Rent a month (SEK)"),
        validators=[Optional(), NumberRange(min=1, max=100_000, message=_l("Enter a number from 1 to 100 000."))],
    )
    living_area = StrictIntegerField(
        _l("Living area (m²)"),
        validators=[Optional(), NumberRange(min=1, max=1000, message=_l("Enter a number from 1 to 1 000."))],
    )
    available_from = StrictDateField(_l("Free from"), validators=[Optional()])
    street_address = StringField(
        _l("Street address of the home"),
        filters=[strip],
        validators=[Length(max=200, message=_l("At most 200 characters."))],
    )
    area = SelectField(_l("Part of the municipality"), validate_choice=False)

    def set_area_choices(self, areas) -> None:
        self.area.choices = [SelectChoice("", _l("Don't know"))] + [
            SelectChoice(str(area.id), area.name) for area in areas
        ]

    def validate_area(self, field):
        offered = {choice.value for choice in field.choices or []}
        if (field.data or "") not in offered:
            raise ValidationError(_l("Choose a part of the municipality from the list."))

    def validate_available_from(self, field):
        if field.data is not None and not (date(2000, 1, 1) <= field.data <= clock.today() + LATEST_START):
            raise ValidationError(_l("Enter a date within the next two years."))

    def to_data(self) -> VacancyData:
        area = self.area.data or ""
        return VacancyData(
            street_address=self.street_address.data or "",
            area_id=int(area) if area else None,
            rooms=self.rooms.data,
            living_area=self.living_area.data,
            rent=self.rent.data,
            available_from=self.available_from.data,
        )


class VacancyForm(FlaskForm, HomeForm):
    """A vacancy as the municipality registers it: the home, and what matching a household to it needs."""

    floor = StrictIntegerField(
        _l("Floor"),
        validators=[Optional(), NumberRange(min=-3, max=99, message=_l("Enter a number from -3 to 99."))],
    )
    lift = BooleanField(_l("There is a lift"))
    step_free = BooleanField(_l("Step-free from the street to and inside the home"))
    lease_form = SelectField(_l("Lease form"), validate_choice=False)
    takeover_possible = BooleanField(_l("The household may take the lease over later"))
    stop_distance = StrictIntegerField(
        _l("Distance to the nearest public transport stop (m)"),
        validators=[Optional(), NumberRange(min=0, max=100_000, message=_l("Enter a number from 0 to 100 000."))],
    )
    weekday_departures = StrictIntegerField(
        _l("Departures from that stop on a weekday"),
        validators=[Optional(), NumberRange(min=0, max=1000, message=_l("Enter a number from 0 to 1 000."))],
    )
    needs_car = BooleanField(_l("A car is needed to live there"))
    notes = TextAreaField(
        _l("Notes"), filters=[strip], validators=[Length(max=5000, message=_l("At most 5 000 characters."))]
    )

    # The staff's page shows the home's fields in its own order, the address first (vacancies/form.html); the
    # error summary follows ``_fields``, so they are put in that order here. The other fields keep theirs.
    PAGE_ORDER = ("street_address", "area", "rooms", "living_area", "rent", "available_from")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from flask_babel import gettext as _

        first = {name: self._fields[name] for name in self.PAGE_ORDER}
        self._fields = first | {name: field for name, field in self._fields.items() if name not in first}
        self.lease_form.choices = [SelectChoice("", _("Choose a lease form"))] + [
            SelectChoice(form.value, form.label) for form in LeaseForm
        ]

    def chosen_lease_form(self) -> LeaseForm | None:
        return next((form for form in LeaseForm if form.value == self.lease_form.data), None)

    def validate_lease_form(self, field):
        if not field.data:
            raise ValidationError(_l("Choose the lease form."))
        if self.chosen_lease_form() is None:
            raise ValidationError(_l("Choose a lease form from the list."))

    def validate_takeover_possible(self, field):
        if field.data and self.chosen_lease_form() is not LeaseForm.SUBLEASE:
            raise ValidationError(_l("Only a sublease can be taken over. Choose sublease, or leave this unticked."))

    def to_data(self) -> VacancyData:
        data = super().to_data()
        data.floor = self.floor.data
        data.lift = bool(self.lift.data)
        data.step_free = bool(self.step_free.data)
        data.lease_form = self.chosen_lease_form()
        data.takeover_possible = bool(self.takeover_possible.data)
        data.stop_distance = self.stop_distance.data
        data.weekday_departures = self.weekday_departures.data
        data.needs_car = bool(self.needs_car.data)
        data.notes = self.notes.data or ""
        return data


def initial_data(vacancy: Vacancy) -> dict:
    """What the form shows of a stored vacancy."""
    data = {name: getattr(vacancy, name) for name in VacancyData.FIELDS}
    data["area"] = str(vacancy.area_id) if vacancy.area_id else ""
    data["lease_form"] = vacancy.lease_form.value if vacancy.lease_form else ""
    del data["area_id"]
    return data


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), validate_choice=False)

    def set_choices(self, current: VacancyStatus) -> None:
        self.status.choices = [SelectChoice(status.value, status.label) for status in TRANSITIONS[current]]

    def chosen_status(self) -> VacancyStatus | None:
        return next((status for status in VacancyStatus if status.value == self.status.data), None)

    def validate_status(self, field):
        if field.data not in {choice.value for choice in field.choices or []}:
            raise ValidationError(_l("Choose a status from the list."))


class ConfirmForm(FlaskForm):
    """A button that changes something: the CSRF token only."""


SORT_LABELS = {
    "available": _l("Free soonest first"),
    "-available": _l("Free latest first"),
    "rent": _l("Lowest rent first"),
    "-rent": _l("Highest rent first"),
    "rooms": _l("Fewest rooms first"),
    "-rooms": _l("Most rooms first"),
}


class SearchForm(Form):
    """The register's filters, read from the query string. Values it does not know are ignored, never an error."""

    status = SelectField(_l("Status"), validate_choice=False)
    area = SelectField(_l("Part of the municipality"), validate_choice=False)
    rooms = SelectField(_l("Rooms, at least"), validate_choice=False)
    lease = SelectField(_l("Lease form"), validate_choice=False)
    stale = BooleanField(_l("Only homes not confirmed lately"))
    sort = SelectField(
        _l("Sort by"),
        choices=[SelectChoice(key, label) for key, label in SORT_LABELS.items()],
        default=DEFAULT_SORT,
        validate_choice=False,
    )

    def set_choices(self, areas) -> None:
        from flask_babel import gettext as _

        self.status.choices = [SelectChoice("", _("Any status"))] + [
            SelectChoice(status.value, status.label) for status in VacancyStatus
        ]
        self.area.choices = [SelectChoice("", _("Any part"))] + [
            SelectChoice(str(area.id), area.name) for area in areas
        ]
        self.rooms.choices = [SelectChoice("", _("Any number"))] + [
            SelectChoice(str(number), str(number)) for number in range(1, 7)
        ]
        self.lease.choices = [SelectChoice("", _("Any lease form"))] + [
            SelectChoice(form.value, form.label) for form in LeaseForm
        ]

    @staticmethod
    def _known(field) -> str:
        values = {choice.value for choice in field.choices}
        return field.data if field.data in values else ""

    def criteria(self) -> VacancyFilter:
        status, area = self._known(self.status), self._known(self.area)
        rooms, lease = self._known(self.rooms), self._known(self.lease)
        return VacancyFilter(
            status=VacancyStatus(status) if status else None,
            area_id=int(area) if area else None,
            min_rooms=int(rooms) if rooms else None,
            lease_form=LeaseForm(lease) if lease else None,
            stale_only=bool(self.stale.data),
        )

    def sort_key(self) -> str:
        return self.sort.data if self.sort.data in SORTS else DEFAULT_SORT

    def query_args(self) -> dict:
        """The search as query-string arguments, unknown values left out: for page and sort links."""
        args = {
            "status": self._known(self.status),
            "area": self._known(self.area),
            "rooms": self._known(self.rooms),
            "lease": self._known(self.lease),
            "stale": "y" if self.stale.data else "",
            "sort": self.sort_key() if self.sort_key() != DEFAULT_SORT else "",
        }
        return {key: value for key, value in args.items() if value}
