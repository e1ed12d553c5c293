"""Small-number suppression for the statistics tables the county administrative board sees.

The county view never shows a household or a person. The Migration Agency publishes no count of persons or
households under 6, and neither do we: a count from 1 to ``threshold - 1`` is published as ``Mark.SMALL``
("1–5") in pages, charts and exports. A difference of published figures (still to receive) is no count of
anyone and is shown as it is, unless it would give a small count back. Zero is published: it tells no one
anything about a person.

Hiding the small cell is not enough when the table also publishes totals: the row total minus the visible
cells gives it back. So after this primary suppression more cells are hidden (``Mark.HIDDEN``, shown as
"..") until no suppressed cell can be worked out exactly by a reader who knows

- every visible value and every published identity (a ``Line``: total = sum of parts);
- that a SMALL cell lies in 1 … threshold - 1;
- that a HIDDEN count lies in threshold … ∞. This is the guarantee: **a zero is never hidden**, and a small
  count is always SMALL, never HIDDEN;
- that a HIDDEN signed difference (quota minus received) may be any integer.

That reader is taken to be exact. A suppressed cell counts as exposed unless a second integer solution of
the lines, within those ranges, gives it another value. The usual second solution is the truth with one
added and taken away around a cycle of cells, and a quick search for such a shift settles most cells; one
found settles every cell it moves, and stays a second solution however much more is hidden later. For the
cells left, exact Gaussian elimination finds those that the lines alone determine (a row and a column
combined, say), and bounded search with interval propagation looks for the second solution. A search that
runs out of budget counts as an exposure: one cell too many hidden is the cheaper mistake.

An exposed cell is covered by hiding, in a line through it with the fewest suppressed cells, the smallest
visible non-zero count part, else a signed cell, else the line's total. PUBLIC cells (the quota the county
board sets) are published elsewhere and are never hidden. Hiding one cell can expose another, so this
repeats until nothing is exposed.

When a line holds nothing left to hide, only suppressed cells, PUBLIC facts and zeros, its total is
withheld (``Mark.WITHHELD``, shown as "×"): five municipalities with one move each add up to a county
total of five, and "1–5" five times over a total of "1–5" tells that every one of them is exactly 1. A
withheld cell promises nothing about its value (it may be any count, 0 included), so the reader learns
nothing from it. What even that cannot cover is left as it is: a SMALL cell under a threshold of 2 (its
mark says it is 1), and a line whose total is PUBLIC.
"""

from __future__ import annotations

import enum
import math
from collections import Counter, deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
INF = math.inf  # the only float in a bound: the ranges of hidden cells are open above (and below if signed)
SEARCH_BUDGET = 2000  # nodes per cell; enough for real tables, and giving up only ever hides more
SHIFT_BUDGET = 200  # nodes per cell for the quick search of a shift along a cycle of lines

Bound = int | float
Equation = tuple[dict[Hashable, int], int]  # sum(coefficient * cell) == right-hand side


class Kind(enum.Enum):
    COUNT = "count"  # people, households …: primary-suppressed when 1 … threshold - 1
    PUBLIC = "public"  # a published fact: never suppressed
    SIGNED = "signed"  # a derived difference, may be negative: never small, may be hidden


class Mark(enum.Enum):
    SMALL = "small"  # shown as "1–5" (1 … threshold - 1)
    HIDDEN = "hidden"  # shown as "..": hidden so that no small count can be worked out
    WITHHELD = "withheld"  # shown as "×": not published, any count; the last resort (see the module's text)


@dataclass(frozen=True)
class Line:
    """A published identity: values[total] == sum(values[p] for p in parts)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def protect(
    values: Mapping[K, int], lines: Sequence[Line], *, threshold: int = 6, kinds: Mapping[K, Kind] | None = None
) -> dict[K, int | Mark]:
    """What may be published for each cell: its value, or a Mark.

    Cells missing from ``kinds`` are counts. A threshold of 1 or less suppresses nothing. Raises ValueError
    for a negative count or a line that does not add up: the guarantee is only as good as the identities.
    """
    kind = {key: (kinds or {}).get(key, Kind.COUNT) for key in values}
    if any(kind[key] is Kind.COUNT and value < 0 for key, value in values.items()):
        raise ValueError("a count cannot be negative")
    for line in lines:
        if values[line.total] != sum(values[part] for part in line.parts):
            raise ValueError(f"{line!r} does not add up")
    published: dict[K, int | Mark] = dict(values)
    if threshold <= 1:
        return published
    small = {key for key, value in values.items() if kind[key] is Kind.COUNT and 0 < value < threshold}
    # Sorted by repr, so that the result does not depend on the order the caller built its lines in.
    unique = {repr(line): line for line in lines}
    table = _Table(values, kind, [unique[text] for text in sorted(unique)], threshold, small)
    for key in small:
        published[key] = Mark.SMALL
    hidden, withheld = table.secondary()
    for key in hidden:
        published[key] = Mark.HIDDEN
    for key in withheld:
        published[key] = Mark.WITHHELD
    return published


class _Table:
    def __init__(self, values, kind, lines: list[Line], threshold: int, small: set) -> None:
        self.values, self.kind, self.lines, self.threshold, self.small = values, kind, lines, threshold, small
        self.members = [tuple(dict.fromkeys((line.total, *line.parts))) for line in lines]
        self.lines_of: dict[Hashable, list[int]] = {key: [] for key in values}
        for index, members in enumerate(self.members):
            for cell in members:
                self.lines_of[cell].append(index)
        self.cache: dict[tuple[frozenset, frozenset], set] = {}
        self.withheld: set = set()
        # Cells with a known second solution. Hiding more only adds unknowns whose true value stays possible
        # and withholding only widens a range, so a second solution found once stays one: no cell leaves this.
        self.safe: set = set()

    def secondary(self) -> tuple[set, set]:
        """The cells to hide, and the totals to withhold where hiding cannot help."""
        suppressed, hidden, uncoverable = set(self.small), set(), set()
        while True:
            exposed = [
                (cell, component)
                for component in self.components(suppressed)
                for cell in self.exposed(component, suppressed) - uncoverable
            ]
            if not exposed:
                return hidden - self.withheld, self.withheld
            # Where a line has one suppressed cell left the leak is plain, and covering it there is the cheapest.
            cell, component = min(
                exposed,
                key=lambda pair: (
                    min((self.crowd(index, suppressed) for index in self.lines_of[pair[0]]), default=0),
                    pair[0] not in self.small,
                    repr(pair[0]),
                ),
            )
            extra = self.cover(cell, component, suppressed)
            if extra is None:
                total = self.total_to_withhold(cell)
                if total is None:
                    uncoverable.add(cell)
                else:
                    self.withheld.add(total)
                    suppressed.add(total)
            else:
                hidden.add(extra)
                suppressed.add(extra)

    def total_to_withhold(self, cell):
        """The total of a line through ``cell`` that is not yet withheld and may be (not a PUBLIC fact)."""
        totals = sorted(
            {self.lines[index].total for index in self.lines_of[cell]} - self.withheld,
            key=lambda total: (self.values[total], repr(total)),
        )
        return next((total for total in totals if self.kind[total] is not Kind.PUBLIC), None)

    def crowd(self, index: int, suppressed: set) -> int:
        return sum(member in suppressed for member in self.members[index])

    def domain(self, cell) -> tuple[Bound, Bound]:
        if cell in self.withheld:
            return (-INF, INF) if self.kind[cell] is Kind.SIGNED else (0, INF)
        if cell in self.small:
            return 1, self.threshold - 1
        return (-INF, INF) if self.kind[cell] is Kind.SIGNED else (self.threshold, INF)

    def components(self, suppressed: set) -> list[frozenset]:
        """Suppressed cells linked by lines: what one component hides says nothing about another."""
        seen: set = set()
        walked = [False] * len(self.lines)
        found = []
        for start in sorted(suppressed, key=repr):
            if start in seen:
                continue
            seen.add(start)
            todo, component = [start], []
            while todo:
                cell = todo.pop()
                component.append(cell)
                for index in self.lines_of[cell]:
                    if walked[index]:
                        continue
                    walked[index] = True
                    for other in self.members[index]:
                        if other in suppressed and other not in seen:
                            seen.add(other)
                            todo.append(other)
            found.append(frozenset(component))
        return found

    def exposed(self, component: frozenset, suppressed: set) -> set:
        # Every other cell of a line through the component is visible, so the component alone decides.
        key = (component, frozenset(component & self.withheld))
        if key not in self.cache:
            self.cache[key] = self._exposed(component, suppressed)
        return self.cache[key]

    def _exposed(self, component: frozenset, suppressed: set) -> set:
        order = sorted(component, key=repr)
        if all(cell in self.safe for cell in order):
            return set()
        equations = []
        for index in sorted({index for cell in order for index in self.lines_of[cell]}):
            coefficients: Counter = Counter()
            rhs = 0
            line = self.lines[index]
            for cell, sign in ((line.total, -1), *((part, 1) for part in line.parts)):
                if cell in suppressed:
                    coefficients[cell] += sign
                else:
                    rhs -= sign * self.values[cell]
            if coefficients := {cell: a for cell, a in coefficients.items() if a}:
                equations.append((coefficients, rhs))
        truth = {cell: self.values[cell] for cell in order}
        domains = {cell: self.domain(cell) for cell in order}
        lines_of = _watch(equations, order)
        members = [
            sorted(coefficients.items(), key=lambda item: (len(lines_of[item[0]]), repr(item[0])))
            for coefficients, _ in equations
        ]
        for cell in order:
            if cell not in self.safe and (solution := _shift(cell, domains, equations, members, lines_of, truth)):
                self.safe.update(other for other in order if solution[other] != truth[other])
        if all(cell in self.safe for cell in order):
            return set()
        # What the quick search left is settled exactly. Cells that the lines alone determine (a row and a
        # column combined) show in the reduced rows; the rest need the full search.
        reduced = _reduce(equations, order)
        exposed = {next(iter(row)) for row, _ in reduced if len(row) == 1}
        # The reduced rows are implied by the lines, and they let propagation see what only a combination shows.
        equations += [(row, rhs) for row, rhs in reduced if len(row) > 1]
        watch = _watch(equations, order)
        _propagate(domains, equations, watch)  # cannot run empty: the true values are a solution
        for cell in order:
            if cell in exposed or cell in self.safe:
                continue
            solution = _second_solution(cell, domains, equations, watch, truth)
            if solution is None:
                exposed.add(cell)
            else:
                self.safe.update(other for other in order if solution[other] != truth[other])
        # A mark that says it all (a threshold of 2) cannot be helped by hiding more.
        return {cell for cell in exposed if self.domain(cell)[0] != self.domain(cell)[1]}

    def cover(self, cell, component: frozenset, suppressed: set):
        """The visible cell to hide next; the exposed cell's own lines first, then the rest of its component."""
        for scope in ([cell], sorted(component, key=repr)):
            candidates = []
            for index in sorted({index for member in scope for index in self.lines_of[member]}):
                line, crowd = self.lines[index], self.crowd(index, suppressed)
                for member in self.members[index]:
                    kind, value = self.kind[member], self.values[member]
                    if member in suppressed or kind is Kind.PUBLIC or (kind is Kind.COUNT and not value):
                        continue  # a hidden zero would tell the reader it is not zero
                    rank = 1 if kind is Kind.SIGNED else 2 if member == line.total else 0
                    # A cell whose other lines hide nothing yet leaks through them in turn: prefer closing a cycle.
                    opened = sum(not self.crowd(other, suppressed) for other in self.lines_of[member] if other != index)
                    candidates.append(((crowd, rank, opened, abs(value), repr(member)), member))
            if candidates:
                return min(candidates, key=lambda candidate: candidate[0])[1]
        return None


def _watch(equations: list[Equation], cells: list) -> dict[Hashable, list[int]]:
    """The equations each cell is in, by their index."""
    found: dict[Hashable, list[int]] = {cell: [] for cell in cells}
    for index, (coefficients, _) in enumerate(equations):
        for cell in coefficients:
            found[cell].append(index)
    return found


def _reduce(equations: list[Equation], order: list) -> list[Equation]:
    """Reduced row echelon form, in integers: e_cell is in the row space iff some row is that cell alone.

    Each pivot's cell appears in no other row. Rows are scaled rather than divided (the lines' coefficients
    are ±1 almost always) and kept small by their greatest common divisor: exact, without fractions.
    """
    rows = [(dict(row), rhs) for row, rhs in equations]
    reduced: list[Equation] = []
    for var in order:
        at = next((i for i, (row, _) in enumerate(rows) if row.get(var)), None)
        if at is None:
            continue
        pivot = rows.pop(at)

        def eliminate(target: Equation, var=var, pivot=pivot) -> Equation:
            factor = target[0].get(var)
            if not factor:
                return target
            a = pivot[0][var]
            row = {cell: a * value for cell, value in target[0].items()}
            for cell, value in pivot[0].items():
                row[cell] = row.get(cell, 0) - factor * value
                if not row[cell]:
                    del row[cell]
            rhs = a * target[1] - factor * pivot[1]
            divisor = math.gcd(rhs, *row.values()) or 1
            return {cell: value // divisor for cell, value in row.items()}, rhs // divisor

        rows = [eliminate(target) for target in rows]
        reduced = [eliminate(target) for target in reduced] + [pivot]
    return reduced


def _propagate(domains: dict, equations: list[Equation], watch: dict) -> bool:
    """Narrow each range to what every equation allows, in place; False if some range runs empty."""
    queue, queued = deque(range(len(equations))), [True] * len(equations)
    # Narrowing only ever removes impossible values, so stopping early is safe; it bounds slow convergence.
    for _ in range(100 * len(equations)):
        if not queue:
            break
        index = queue.popleft()
        queued[index] = False
        coefficients, rhs = equations[index]
        terms = {}
        for cell, a in coefficients.items():
            lo, hi = domains[cell]
            terms[cell] = (a * lo, a * hi) if a > 0 else (a * hi, a * lo)
        low_finite = sum(low for low, _ in terms.values() if low != -INF)
        low_infinite = sum(low == -INF for low, _ in terms.values())
        high_finite = sum(high for _, high in terms.values() if high != INF)
        high_infinite = sum(high == INF for _, high in terms.values())
        for cell, a in coefficients.items():
            low, high = terms[cell]
            rest_low = -INF if low_infinite - (low == -INF) else low_finite - (0 if low == -INF else low)
            rest_high = INF if high_infinite - (high == INF) else high_finite - (0 if high == INF else high)
            least, most = rhs - rest_high, rhs - rest_low  # the range of a * cell
            new_lo, new_hi = (_ceil(least, a), _floor(most, a)) if a > 0 else (_ceil(most, a), _floor(least, a))
            lo, hi = domains[cell]
            if new_lo > lo or new_hi < hi:
                lo, hi = max(lo, new_lo), min(hi, new_hi)
                if lo > hi:
                    return False
                domains[cell] = (lo, hi)
                for other in watch[cell]:
                    if not queued[other]:
                        queued[other] = True
                        queue.append(other)
    return True


def _ceil(n: Bound, a: int) -> Bound:
    return n / a if isinstance(n, float) else -(-n // a)


def _floor(n: Bound, a: int) -> Bound:
    return n / a if isinstance(n, float) else n // a


def _shift(cell, domains: dict, lines: list[Equation], members: list[list], lines_of: dict, truth: dict) -> dict | None:
    """A second solution that moves ``cell`` by one and makes up for it along the lines, if a quick search finds one.

    In a table with totals the usual second solution is the truth with one added and taken away around a
    cycle of cells (a rectangle of a grid): each step puts right a line that the steps so far unbalanced.
    Far cheaper than the full search, which only runs for the cells this does not settle. ``members`` holds
    each line's (cell, coefficient) pairs, the cells in fewest lines first: they unbalance the fewest others.
    """

    def fits(var, step: int) -> bool:
        lo, hi = domains[var]
        return lo <= truth[var] + step <= hi

    def moved(shift: dict, imbalance: dict, var, step: int) -> tuple[dict, dict]:
        imbalance = dict(imbalance)
        for index in lines_of[var]:
            if off := imbalance.get(index, 0) + lines[index][0][var] * step:
                imbalance[index] = off
            else:
                imbalance.pop(index, None)
        return {**shift, var: step}, imbalance

    stack = [moved({}, {}, cell, step) for step in (-1, 1) if fits(cell, step)]
    for _ in range(SHIFT_BUDGET):
        if not stack:
            return None
        shift, imbalance = stack.pop()
        if not imbalance:
            return {var: truth[var] + shift.get(var, 0) for var in domains}
        # The line with the fewest ways to put it right: a dead end shows at once.
        fewest = None
        for index, off in sorted(imbalance.items()):
            ways = [
                (var, -off // a)
                for var, a in members[index]
                if var not in shift and off % a == 0 and fits(var, -off // a)
            ]
            if fewest is None or len(ways) < len(fewest):
                fewest = ways
                if not ways:
                    break
        stack += [moved(shift, imbalance, var, step) for var, step in reversed(fewest)]
    return None


def _second_solution(cell, domains: dict, equations: list[Equation], watch: dict, truth: dict) -> dict | None:
    """A solution in which ``cell`` is not its true value, by depth-first search; None if none was found."""
    budget = SEARCH_BUDGET
    (lo, hi), t = domains[cell], truth[cell]
    stack = [{**domains, cell: side} for side in ((t + 1, hi), (lo, t - 1)) if side[0] <= side[1]]
    rank = {var: i for i, var in enumerate(domains)}
    while stack and budget:
        budget -= 1
        node = stack.pop()
        if not _propagate(node, equations, watch):
            continue
        open_ = [var for var, (lo, hi) in node.items() if lo < hi]
        if not open_:
            solution = {var: lo for var, (lo, _) in node.items()}
            # Propagation may have stopped early, so a leaf is only a solution once checked.
            if all(sum(a * solution[var] for var, a in row.items()) == rhs for row, rhs in equations):
                return solution
            continue
        var = min(open_, key=lambda var: (node[var][1] - node[var][0], rank[var]))
        # The true values first: a second solution is most often the truth shifted by one around a cycle.
        stack += [{**node, var: side} for side in reversed(_split(node[var], truth[var]))]
    return None


def _split(bounds: tuple[Bound, Bound], t: int) -> list[tuple[Bound, Bound]]:
    lo, hi = bounds
    if lo <= t <= hi:
        return [side for side in ((t, t), (lo, t - 1), (t + 1, hi)) if side[0] <= side[1]]
    if t < lo:
        mid = lo if hi == INF else (lo + hi) // 2
        return [(lo, mid), (mid + 1, hi)]
    mid = hi if lo == -INF else (lo + hi + 1) // 2
    return [(mid, hi), (lo, mid - 1)]
