from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from hemvist.spreadsheets.fields import FIELDS, FIELDS_BY_NAME
from hemvist.spreadsheets.results import column_name

ACCEPT = ".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(FlaskForm):
    file = FileField(
        _l("Your list of landlords"),
        validators=[FileRequired(_l("Choose the file to import."))],
        render_kw={"accept": ACCEPT},
    )


class ConfirmForm(FlaskForm):
    """A button and its CSRF token: import, or import nothing."""


def field_name(index: int) -> str:
    return f"column_{index}"


def columns_form(header: list[str], examples: list[list[str]], mapping: dict[int, str]):
    """One select per column of the file: which of the registry's fields it holds, or none.

    ``mapping`` fills the selects in (the guess from the headings, or the person's earlier choice).
    """
    choices = [SelectChoice("", _l("Do not import"))] + [SelectChoice(field.name, field.label) for field in FIELDS]

    class ColumnsForm(FlaskForm):
        def validate(self, extra_validators=None):
            if not super().validate(extra_validators):
                return False
            chosen: dict[str, SelectField] = {}
            for select in self.column_selects:
                if not select.data:
                    continue
                if select.data in chosen:
                    label = FIELDS_BY_NAME[select.data].label
                    select.errors.append(_("“%(field)s” is chosen for another column too.", field=label))
                chosen.setdefault(select.data, select)
            if "name" not in chosen:
                self.form_errors.append(_("Choose the column that holds the landlords' names."))
            return not self.form_errors and not any(select.errors for select in self.column_selects)

        @property
        def column_selects(self) -> list[SelectField]:
            return [self[field_name(index)] for index in range(len(header))]

        def mapping(self) -> dict[int, str]:
            return {index: select.data for index, select in enumerate(self.column_selects) if select.data}

    for index in range(len(header)):
        shown = [row[index] for row in examples if index < len(row) and row[index]][:3]
        select = SelectField(
            # Translated now, into a plain string: the heading comes from the file, and a lazy string would
            # reach the page unescaped (it declares itself safe HTML).
            _("Column %(column)s", column=column_name(index, header)),
            choices=choices,
            default=mapping.get(index, ""),
            description=", ".join(shown),
            validate_choice=True,
        )
        setattr(ColumnsForm, field_name(index), select)
    return ColumnsForm()
