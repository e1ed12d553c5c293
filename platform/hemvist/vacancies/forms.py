"""A home offered: the fields shared by the sign-up, the landlord's own page and the coordinator."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from hemvist.core.forms import StrictDateField, StrictIntegerField, strip
from hemvist.vacancies.operations import VacancyData

# A date further ahead than this is a typo (2206 for 2026), not a plan.
LATEST_START = timedelta(days=2 * 365)


class HomeForm(Form):
    street_address = StringField(
        _l("Street address of the home"),
        filters=[strip],
        validators=[Length(max=200, message=_l("At most 200 characters."))],
    )
    area = SelectField(_l("Part of the municipality"), validate_choice=False)
    rooms = StrictIntegerField(
        _l("Rooms, counting the living room"),
        validators=[
            InputRequired(_l("Enter the number of rooms.")),
            NumberRange(min=1, max=20, message=_l("Enter a number from 1 to 20.")),
        ],
    )
    living_area = StrictIntegerField(
        _l("Living area (m²)"),
        validators=[Optional(), NumberRange(min=1, max=1000, message=_l("Enter a number from 1 to 1 000."))],
    )
    rent = StrictIntegerField(
        _l("Rent a month (SEK)"),
        validators=[Optional(), NumberRange(min=0, max=100_000, message=_l("Enter a number from 0 to 100 000."))],
    )
    available_from = StrictDateField(_l("Free from"), validators=[Optional()])

    def set_area_choices(self, areas) -> None:
        self.area.choices = [SelectChoice("", _l("Don't know"))] + [
            SelectChoice(str(area.id), area.name) for area in areas
        ]

    def validate_area(self, field):
        offered = {choice.value for choice in field.choices or []}
        if (field.data or "") not in offered:
            raise ValidationError(_l("Choose a part of the municipality from the list."))

    def validate_available_from(self, field):
        if field.data is not None and not (date(2000, 1, 1) <= field.data <= date.today() + LATEST_START):
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
