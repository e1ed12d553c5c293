"""A reader with the county page's exports tries to work out every suppressed cell, and cannot.

The reader knows what any reader knows: every published number, what the marks mean ("1–5" is 1 to 5; ".."
is a count of 6 or more, or any whole number for what is still to receive; "×" may be any count), and
every sum the tables
publish: a county row adds up its municipalities, the quota is the persons received plus those still to
receive, households received add up by lease form and by landlord type, waiting households by deadline,
and the county's months add up to quarters and the quarters to the year in the figures file. An
exhaustive search (the one that attacks the suppression's own tests) looks for a second value of each
suppressed cell consistent with all of it.
"""

from __future__ import annotations

import io

import openpyxl

from hemvist.core import clock
from hemvist.statistics import measures as m
from hemvist.statistics.disclosure import Kind, Line, Mark
from tests.county.conftest import row_cells
from tests.statistics.test_disclosure import Reader

THRESHOLD = 6
TABLE_MEASURES = {
    "reception": (m.QUOTA_PERSONS, m.ASSIGNED_PERSONS, m.RECEIVED_PERSONS, m.STILL_TO_RECEIVE, m.OVERDUE_PERSONS),
    "waiting": (m.WAITING_HOUSEHOLDS, *m.WAITING_BUCKETS),
    "lease-forms": (m.RECEIVED_HOUSEHOLDS, *m.LEASE_MEASURES),
    "landlord-types": (m.RECEIVED_HOUSEHOLDS, *m.LANDLORD_MEASURES),
    "outreach": (m.LANDLORDS_CONTACTED, m.LANDLORDS_MET, m.NEW_PARTNERS, m.PARTNERS, m.VACANCIES_ON_OFFER),
    "transfers": (m.TRANSFERS_DONE, m.TRANSFERS_OVERDUE),
    "moves": (m.MOVES, *m.MOVE_BARRIERS),
    "moving-on": (m.MOVING_ON, *m.MOVING_ON_BARRIERS),
}


def read(value):
    if value == "1–5":
        return Mark.SMALL
    if value == "..":
        return Mark.HIDDEN
    if value == "×":
        return Mark.WITHHELD
    return int(value)


def sheet_rows(content: bytes) -> list[list]:
    return [list(row) for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def labels_to_measures() -> dict[str, str]:
    return {str(label): measure for measure, label in m.LABELS.items()}


def published_cells(karin, year: int) -> tuple[dict, list, list, list, list]:
    """Every cell of the two exports, by (place, measure) and, for the trends, (county, measure, period);
    the rows' places (the county last), the measures of each file and the quarters."""
    figures = sheet_rows(karin.get(f"/county/06/figures.xlsx?year={year}&lang=en").data)
    trends = sheet_rows(karin.get(f"/county/06/trends.xlsx?year={year}&lang=en").data)

    by_label = labels_to_measures()
    header, rows = figures[0], figures[1:]
    columns = {
        by_label[heading.rsplit(" (", 1)[0]]: index
        for index, heading in enumerate(header)
        if heading.rsplit(" (", 1)[0] in by_label
    }
    places = [row[0] for row in rows]
    county = places[-1]
    published = {(row[0], measure): read(row[index]) for row in rows for measure, index in columns.items()}
    trend_measures = [by_label[heading] for heading in trends[0][1:]]
    for row in trends[1:]:
        for measure, value in zip(trend_measures, row[1:], strict=True):
            published[(county, measure, row[0])] = read(value)

    return published, places, list(columns), trend_measures, [row[0] for row in trends[1:] if "-Q" in row[0]]


def test_no_suppressed_cell_of_the_exports_can_be_worked_out(demo_app, login):
    year = clock.today().year
    karin = login("county_06")
    demo_app.config["SUPPRESS_BELOW"] = 1
    truth, *_ = published_cells(karin, year)
    demo_app.config["SUPPRESS_BELOW"] = THRESHOLD
    published, places, columns, trend_measures, quarters = published_cells(karin, year)
    county, municipalities = places[-1], places[:-1]

    lines = [Line((county, measure), tuple((place, measure) for place in municipalities)) for measure in columns]
    for place in places:
        lines.append(Line((place, m.QUOTA_PERSONS), ((place, m.RECEIVED_PERSONS), (place, m.STILL_TO_RECEIVE))))
        lines.append(Line((place, m.WAITING_HOUSEHOLDS), tuple((place, bucket) for bucket in m.WAITING_BUCKETS)))
        for breakdown in (m.LEASE_MEASURES, m.LANDLORD_MEASURES):
            lines.append(Line((place, m.RECEIVED_HOUSEHOLDS), tuple((place, part) for part in breakdown)))
    for measure in trend_measures:
        lines.append(Line((county, measure), tuple((county, measure, quarter) for quarter in quarters)))
        for number, quarter in enumerate(quarters):
            months = [f"{year:04d}-{month:02d}" for month in range(3 * number + 1, 3 * number + 4)]
            lines.append(Line((county, measure, quarter), tuple((county, measure, month) for month in months)))
    kinds = {key: Kind.SIGNED for key in published if key[1] == m.STILL_TO_RECEIVE}
    kinds.update({key: Kind.PUBLIC for key in published if key[1] == m.QUOTA_PERSONS})
    # Still to receive is shown as 0 once the quota is reached: a 0 says only that the quota less the persons
    # received is 0 or less. The reader takes it for an unknown in that range, whose truth is the difference.
    in_file = dict(published)
    reached = [key for key in kinds if key[1] == m.STILL_TO_RECEIVE and published[key] == 0]
    for place, _measure in reached:
        truth[(place, m.STILL_TO_RECEIVE)] = truth[(place, m.QUOTA_PERSONS)] - truth[(place, m.RECEIVED_PERSONS)]
        published[(place, m.STILL_TO_RECEIVE)] = Mark.HIDDEN

    suppressed = [key for key, value in published.items() if isinstance(value, Mark)]
    assert len(suppressed) >= 2, "the demo is meant to show suppression at work"
    cap = sum(abs(value) for value in published.values() if isinstance(value, int)) + 2 * THRESHOLD
    reader = Reader(published, lines, kinds, THRESHOLD, cap)
    for key in reached:
        reader.ranges[key] = (-cap, 0)
    assert reader.satisfied_by({key: truth[key] for key in suppressed}), "the reader's model rejects the truth"
    suppressed = [key for key in suppressed if key not in reached]  # shown, as 0: not to be worked out
    for key in suppressed:
        # Some value other than the true one fits everything published just as well.
        assert reader.another_value(key, truth[key], truth), f"{key} = {truth[key]} can be worked out"

    # The page shows the very same cells as the file.
    page = karin.get(f"/county/06/?year={year}&lang=en").get_data(as_text=True)
    for table, measures in TABLE_MEASURES.items():
        for place in places:
            shown = row_cells(page, table, place)
            for text, measure in zip(shown, measures, strict=True):
                assert (
                    read(text.replace("\xa0", "").replace(",", "").replace("\u2212", "-")) == in_file[(place, measure)]
                )
