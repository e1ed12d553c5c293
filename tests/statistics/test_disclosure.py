"""Small-number suppression: hand-made tables, then random ones against a reader who tries every value.

The reader (``Reader`` below) is written here, apart from the production code: it knows what the module's
docstring promises (a SMALL cell is 1 … threshold - 1, a HIDDEN count is threshold or more, a HIDDEN signed
cell any integer), every visible value and every line, and searches exhaustively for a second consistent
value of each suppressed cell. Plain functions, no application.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hemvist.statistics.disclosure import Kind, Line, Mark, protect


@dataclass
class Table:
    values: dict[Hashable, int]
    lines: list[Line]
    kinds: dict[Hashable, Kind] = field(default_factory=dict)


def grid_table(grid: Sequence[Sequence[int]], *, quarters: int = 0, quotas: Sequence[int] = ()) -> Table:
    """Municipalities by months with row, column and grand totals.

    ``quarters``: the first that many columns make a quarter Q1, the rest Q2, and the row total is Q1 + Q2.
    ``quotas``: each row's quota (PUBLIC) = its total (received) + what is still to receive (SIGNED).
    """
    rows, cols = range(len(grid)), range(len(grid[0]))
    values = {("cell", i, j): grid[i][j] for i in rows for j in cols}
    lines = []

    def add(total, parts):
        values[total] = sum(values[part] for part in parts)
        lines.append(Line(total, tuple(parts)))

    for j in cols:
        add(("col", j), [("cell", i, j) for i in rows])
    if quarters:
        groups = {"Q1": list(cols)[:quarters], "Q2": list(cols)[quarters:]}
        for q, months in groups.items():
            for i in rows:
                add(("quarter", i, q), [("cell", i, j) for j in months])
            add(("quarter", q), [("quarter", i, q) for i in rows])
            lines.append(Line(("quarter", q), tuple(("col", j) for j in months)))
        for i in rows:
            add(("row", i), [("quarter", i, q) for q in groups])
        lines.append(Line(("all",), (("quarter", "Q1"), ("quarter", "Q2"))))
    else:
        for i in rows:
            add(("row", i), [("cell", i, j) for j in cols])
    add(("all",), [("row", i) for i in rows])
    lines.append(Line(("all",), tuple(("col", j) for j in cols)))
    kinds: dict[Hashable, Kind] = {}
    if quotas:
        for i in rows:
            values[("quota", i)], kinds[("quota", i)] = quotas[i], Kind.PUBLIC
            values[("still", i)], kinds[("still", i)] = quotas[i] - values[("row", i)], Kind.SIGNED
            lines.append(Line(("quota", i), (("row", i), ("still", i))))
        add(("quota",), [("quota", i) for i in rows])
        add(("still",), [("still", i) for i in rows])
        kinds[("quota",)], kinds[("still",)] = Kind.PUBLIC, Kind.SIGNED
        lines.append(Line(("quota",), (("all",), ("still",))))
    return Table(values, lines, kinds)


class Reader:
    """Everything a reader can work out from a published table, by exhaustive search over bounded ranges."""

    def __init__(self, published: Mapping, lines: Sequence[Line], kinds: Mapping, threshold: int, cap: int):
        self.unknown = [key for key, value in published.items() if isinstance(value, Mark)]
        self.ranges = {}
        for key in self.unknown:
            if published[key] is Mark.SMALL:
                self.ranges[key] = (1, threshold - 1)
            elif published[key] is Mark.WITHHELD:
                # Promises nothing: any count, zero included.
                self.ranges[key] = (-cap, cap) if kinds.get(key, Kind.COUNT) is Kind.SIGNED else (0, cap)
            elif kinds.get(key, Kind.COUNT) is Kind.SIGNED:
                self.ranges[key] = (-cap, cap)
            else:
                self.ranges[key] = (threshold, cap)  # the promise: a hidden count is never zero
        # Each line as: sum(sign * unknown) + constant == 0.
        self.equations = []
        for line in lines:
            terms, constant = [], 0
            for cell, sign in [(line.total, -1), *((part, 1) for part in line.parts)]:
                if isinstance(published[cell], Mark):
                    terms.append((sign, cell))
                else:
                    constant += sign * published[cell]
            self.equations.append((terms, constant))

    def satisfied_by(self, values: Mapping) -> bool:
        in_range = all(lo <= values[key] <= hi for key, (lo, hi) in self.ranges.items())
        return in_range and all(sum(s * values[c] for s, c in terms) + k == 0 for terms, k in self.equations)

    def another_value(self, cell, value: int, near: Mapping) -> bool:
        """Whether some consistent assignment gives ``cell`` a value other than ``value``."""
        lo, hi = self.ranges[cell]
        sides = [(lo, value - 1), (value + 1, hi)]
        return any(self._solve({**self.ranges, cell: side}, near) for side in sides if side[0] <= side[1])

    def _narrow(self, ranges: dict) -> dict | None:
        ranges = dict(ranges)
        changed = True
        while changed:
            changed = False
            for terms, constant in self.equations:
                if not terms and constant:
                    return None
                for at, (sign, cell) in enumerate(terms):
                    others = terms[:at] + terms[at + 1 :]
                    least = sum(min(s * ranges[c][0], s * ranges[c][1]) for s, c in others)
                    most = sum(max(s * ranges[c][0], s * ranges[c][1]) for s, c in others)
                    # sign * cell == -constant - others
                    lo, hi = -constant - most, -constant - least
                    if sign < 0:
                        lo, hi = -hi, -lo
                    old = ranges[cell]
                    new = (max(old[0], lo), min(old[1], hi))
                    if new[0] > new[1]:
                        return None
                    if new != old:
                        ranges[cell], changed = new, True
        return ranges

    def _solve(self, ranges: dict, near: Mapping) -> bool:
        ranges = self._narrow(ranges)
        if ranges is None:
            return False
        open_ = [key for key in self.unknown if ranges[key][0] < ranges[key][1]]
        if not open_:
            return self.satisfied_by({key: lo for key, (lo, _) in ranges.items()})
        key = min(open_, key=lambda key: ranges[key][1] - ranges[key][0])
        lo, hi = ranges[key]
        # Trying the true value first only makes the search quicker: every value is tried before saying no.
        for value in sorted(range(lo, hi + 1), key=lambda value: abs(value - near[key])):
            if self._solve({**ranges, key: (value, value)}, near):
                return True
        return False


def assert_safe(table: Table, published: Mapping, threshold: int) -> None:
    truth, kinds = table.values, table.kinds
    assert published.keys() == truth.keys()
    for key, value in published.items():
        kind = kinds.get(key, Kind.COUNT)
        if kind is Kind.COUNT and 0 < truth[key] < threshold:
            assert value in (Mark.SMALL, Mark.WITHHELD), key
        elif kind is Kind.PUBLIC:
            assert value == truth[key], key
        elif value is Mark.HIDDEN and kind is Kind.COUNT:
            assert truth[key] >= threshold, key
        else:
            # WITHHELD is the last resort for a total, and promises nothing about its value (the reader below
            # takes it to be any count, zero included).
            assert value in (Mark.HIDDEN, Mark.WITHHELD) or value == truth[key], key
    cap = sum(abs(value) for value in truth.values()) + 2 * threshold
    reader = Reader(published, table.lines, kinds, threshold, cap)
    assert reader.satisfied_by(truth), "the reader's model rejects the true table"
    # A cell given away even with everything else hidden (zeros and PUBLIC facts stay) cannot be helped; hiding
    # more only ever tells the reader less, so that is the one excuse.
    hideable = {key for key, value in truth.items() if kinds.get(key, Kind.COUNT) is Kind.SIGNED or value >= threshold}
    all_hidden = {
        key: Mark.HIDDEN if key in hideable and kinds.get(key) is not Kind.PUBLIC else value
        for key, value in published.items()
    }
    best_effort = Reader(all_hidden, table.lines, kinds, threshold, cap)
    for key in reader.unknown:
        if not reader.another_value(key, truth[key], truth):
            assert not best_effort.another_value(key, truth[key], truth), f"{key} = {truth[key]} can be worked out"


def suppressed(published: Mapping) -> dict:
    return {key: value for key, value in published.items() if isinstance(value, Mark)}


# Hand-made tables


def test_a_small_part_hides_the_smallest_other_part_and_zero_stays():
    values = {"total": 20, "a": 3, "b": 7, "c": 10, "zero": 0}
    published = protect(values, [Line("total", ("a", "b", "c", "zero"))])
    assert published == {"total": 20, "a": Mark.SMALL, "b": Mark.HIDDEN, "c": 10, "zero": 0}


def test_a_zero_is_never_hidden_even_when_it_is_the_smallest_part():
    values = {"total": 12, "a": 2, "zero": 0, "b": 10}
    published = protect(values, [Line("total", ("a", "zero", "b"))])
    assert published == {"total": 12, "a": Mark.SMALL, "zero": 0, "b": Mark.HIDDEN}


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (6, {"total": 12, "a": Mark.SMALL, "b": Mark.SMALL, "c": 6}),  # 1–5 + 1–5 = 6 leaves both open
        (3, {"total": 12, "a": Mark.SMALL, "b": Mark.HIDDEN, "c": 6}),
        (2, {"total": 12, "a": 2, "b": 4, "c": 6}),
        (1, {"total": 12, "a": 2, "b": 4, "c": 6}),
        (0, {"total": 12, "a": 2, "b": 4, "c": 6}),
    ],
)
def test_the_threshold_is_configurable(threshold, expected):
    values = {"total": 12, "a": 2, "b": 4, "c": 6}
    assert protect(values, [Line("total", ("a", "b", "c"))], threshold=threshold) == expected


def test_under_a_threshold_of_two_a_one_is_marked_and_nothing_more_is_hidden():
    # "1–1" says it all: hiding more cannot help, so nothing is.
    values = {"total": 11, "a": 1, "b": 10}
    assert protect(values, [Line("total", ("a", "b"))], threshold=2) == {"total": 11, "a": Mark.SMALL, "b": 10}


def test_public_cells_are_never_suppressed():
    values = {"quota": 4, "received": 4}
    published = protect(values, [Line("quota", ("received",))], kinds={"quota": Kind.PUBLIC})
    # The quota is published by the county board; the count it pins down cannot be helped.
    assert published == {"quota": 4, "received": Mark.SMALL}


def test_quota_received_small_hides_what_is_still_to_receive():
    values = {"quota": 10, "received": 3, "still": 7}
    kinds = {"quota": Kind.PUBLIC, "still": Kind.SIGNED}
    published = protect(values, [Line("quota", ("received", "still"))], kinds=kinds)
    assert published == {"quota": 10, "received": Mark.SMALL, "still": Mark.HIDDEN}


def test_a_negative_remainder_is_not_small_and_is_hidden_when_needed():
    values = {"quota": 2, "received": 4, "still": -2}
    kinds = {"quota": Kind.PUBLIC, "still": Kind.SIGNED}
    published = protect(values, [Line("quota", ("received", "still"))], kinds=kinds)
    assert published == {"quota": 2, "received": Mark.SMALL, "still": Mark.HIDDEN}
    assert protect({"quota": 2, "received": 0, "still": 2}, [Line("quota", ("received", "still"))], kinds=kinds) == {
        "quota": 2,
        "received": 0,
        "still": 2,
    }


def test_two_small_parts_that_can_only_be_five_and_five_hide_their_total():
    values = {"total": 10, "a": 5, "b": 5}
    published = protect(values, [Line("total", ("a", "b"))])
    assert published == {"total": Mark.HIDDEN, "a": Mark.SMALL, "b": Mark.SMALL}


def test_a_hidden_six_beside_a_small_cell_in_a_seven_gives_it_away():
    # 7 = (1–5) + (6 or more) can only be 1 + 6: hiding the 6 alone is not enough.
    table = Table({"total": 7, "a": 1, "b": 6}, [Line("total", ("a", "b"))])
    published = protect(table.values, table.lines)
    assert published == {"total": Mark.HIDDEN, "a": Mark.SMALL, "b": Mark.HIDDEN}
    assert_safe(table, published, 6)


def test_lines_that_combined_give_a_cell_away_are_broken_up():
    # Every line has two small cells, but (15 − 10) − (16 − 10) + (17 − 10) = 2a: a = 3, b = 2, c = 4.
    values = {"a": 3, "b": 2, "c": 4, "x": 10, "y": 10, "z": 10, "ab": 15, "bc": 16, "ac": 17}
    lines = [Line("ab", ("a", "b", "x")), Line("bc", ("b", "c", "y")), Line("ac", ("a", "c", "z"))]
    published = protect(values, lines)
    assert {published[key] for key in "abc"} == {Mark.SMALL}
    assert Mark.HIDDEN in {published[key] for key in ("x", "y", "z", "ab", "bc", "ac")}
    assert_safe(Table(values, lines), published, 6)


def test_bounds_that_only_a_search_sees_through():
    # Under a threshold of 3 the totals and the small cells bound each other so tightly that no single line,
    # nor any combination of lines, shows the 1s; trying the values does.
    table = grid_table([[1, 1, 1], [0, 2, 0], [3, 0, 4]])
    assert_safe(table, protect(table.values, table.lines, threshold=3), 3)


def test_one_small_cell_in_a_table_with_totals_hides_a_rectangle():
    table = grid_table([[3, 10, 12], [8, 9, 20], [14, 7, 30]])
    published = protect(table.values, table.lines)
    assert suppressed(published) == {
        ("cell", 0, 0): Mark.SMALL,
        ("cell", 0, 1): Mark.HIDDEN,
        ("cell", 1, 0): Mark.HIDDEN,
        ("cell", 1, 1): Mark.HIDDEN,
    }
    assert_safe(table, published, 6)


def test_months_quarters_and_a_year():
    months = [20, 2, 30, 8, 9, 10, 11, 12, 13, 14, 15, 16]
    values = {("month", m): v for m, v in enumerate(months, 1)}
    lines = []
    for q in range(4):
        values[("quarter", q + 1)] = sum(months[3 * q : 3 * q + 3])
        lines.append(Line(("quarter", q + 1), tuple(("month", m) for m in range(3 * q + 1, 3 * q + 4))))
    values["year"] = sum(months)
    lines.append(Line("year", tuple(("quarter", q) for q in range(1, 5))))
    published = protect(values, lines)
    # The smallest other month of the same quarter; the quarter and the year stay.
    assert suppressed(published) == {("month", 2): Mark.SMALL, ("month", 1): Mark.HIDDEN}
    assert_safe(Table(values, lines), published, 6)


def test_a_small_quarter_hides_another_quarter_and_one_of_its_months():
    months = [1, 1, 1, 8, 9, 10, 11, 12, 13, 14, 15, 16]
    values = {("month", m): v for m, v in enumerate(months, 1)}
    lines = []
    for q in range(4):
        values[("quarter", q + 1)] = sum(months[3 * q : 3 * q + 3])
        lines.append(Line(("quarter", q + 1), tuple(("month", m) for m in range(3 * q + 1, 3 * q + 4))))
    values["year"] = sum(months)
    lines.append(Line("year", tuple(("quarter", q) for q in range(1, 5))))
    published = protect(values, lines)
    assert published["year"] == values["year"]
    assert {key for key, mark in suppressed(published).items() if mark is Mark.HIDDEN} == {
        ("quarter", 2),
        ("month", 4),
    }
    assert_safe(Table(values, lines), published, 6)


def test_the_same_table_in_any_order_gives_the_same_result():
    table = grid_table([[3, 10, 0, 12], [8, 9, 2, 20], [14, 7, 30, 6]], quotas=[40, 30, 70])
    expected = protect(table.values, table.lines, kinds=table.kinds)
    shuffle = random.Random(1)
    for _ in range(5):
        lines, items = list(table.lines), list(table.values.items())
        shuffle.shuffle(lines)
        shuffle.shuffle(items)
        assert protect(dict(items), lines, kinds=table.kinds) == expected


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="negative"):
        protect({"total": 3, "a": -2, "b": 5}, [Line("total", ("a", "b"))])


def test_a_line_that_does_not_add_up_is_refused():
    # The reader would be reasoning from identities that are not true: better no table than a false promise.
    with pytest.raises(ValueError, match="does not add up"):
        protect({"total": 9, "a": 3, "b": 5}, [Line("total", ("a", "b"))])


# Random tables against the reader


@st.composite
def tables(draw) -> tuple[Table, int]:
    threshold = draw(st.sampled_from([3, 4, 6]))
    rows, cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    grid = [[draw(st.integers(0, 15)) for _ in range(cols)] for _ in range(rows)]
    quarters = draw(st.integers(1, cols - 1)) if cols > 1 and draw(st.booleans()) else 0
    quotas = [sum(row) + draw(st.integers(-8, 12)) for row in grid] if draw(st.booleans()) else []
    return grid_table(grid, quarters=quarters, quotas=[max(quota, 0) for quota in quotas]), threshold


@settings(max_examples=200, deadline=None)
@given(tables(), st.randoms(use_true_random=False))
def test_no_suppressed_cell_can_be_worked_out(example, shuffle):
    table, threshold = example
    published = protect(table.values, table.lines, threshold=threshold, kinds=table.kinds)
    assert_safe(table, published, threshold)
    lines = list(table.lines)
    shuffle.shuffle(lines)
    assert protect(table.values, lines, threshold=threshold, kinds=table.kinds) == published


def test_a_line_of_small_cells_that_gives_them_all_away_has_its_total_withheld():
    # Five municipalities with one move each: "1–5" five times over a "1–5" total can only be 1, 1, 1, 1, 1.
    table = grid_table([[1], [1], [1], [1], [1]])
    published = protect(table.values, table.lines, threshold=6, kinds=table.kinds)
    assert published[("all",)] is Mark.WITHHELD
    assert all(published[("cell", i, 0)] is Mark.SMALL for i in range(5))
    assert_safe(table, published, 6)


def test_nothing_is_withheld_where_hiding_is_enough():
    table = grid_table([[1, 7], [8, 9]])
    published = protect(table.values, table.lines, threshold=6, kinds=table.kinds)
    assert Mark.WITHHELD not in published.values()
