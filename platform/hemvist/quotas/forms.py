from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired, NumberRange

from hemvist.core.forms import StrictIntegerField

# The Settlement Act began in 2016; the table's check constraint allows years up to 2100.
FIRST_YEAR, LAST_YEAR = 2016, 2100


class QuotaForm(FlaskForm):
    persons = StrictIntegerField(
        _l("Persons"),
        validators=[
            InputRequired(_l("Enter the number of persons.")),
            NumberRange(min=0, max=100_000, message=_l("Enter a number from 0 to 100 000.")),
        ],
    )


class NewQuotaForm(QuotaForm):
    year = StrictIntegerField(
        _l("Year"),
        validators=[
            InputRequired(_l("Enter the year.")),
            NumberRange(
                min=FIRST_YEAR,
                max=LAST_YEAR,
                message=_l("Enter a year from 2016, when the Settlement Act began, to 2100."),
            ),
        ],
    )
