"""A measured figure, the target it is held to, and where that target comes from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from bench.options import ALL_MUNICIPALITIES

# Where the targets come from, quoted in the report so that nobody has to guess.
ISSUE = "the issue"
DESIGN = "/work/shared/design/tenancy.md"
BENCH = "this benchmark (see bench/README.md)"


@dataclass(frozen=True)
class Target:
    limit: float
    higher_is_better: bool = False
    source: str = ISSUE

    def passes(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value < self.limit

    def describe(self, unit: str) -> str:
        return f"{'>=' if self.higher_is_better else '<'} {_number(self.limit)} {unit}"


@dataclass
class Figure:
    backend: str
    key: str
    label: str
    value: float
    unit: str
    target: Target | None = None
    # The design note's "figure to beat" for this measurement, when it has one; shown, never judged.
    reference: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def passed(self) -> bool | None:
        return None if self.target is None else self.target.passes(self.value)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["passed"] = self.passed
        if self.target is not None:
            data["target"]["text"] = self.target.describe(self.unit)
        return data


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def format_value(value: float, unit: str) -> str:
    return f"{_number(value)} {unit}"


# The targets are stated for all 290 municipalities.
def provision_per_tenant() -> Target:
    # "Under 100 ms per tenant on PostgreSQL", from the issue; held to SQLite too, since an operator
    # provisioning municipalities should not wait longer on the embedded backend.
    return Target(100.0)


def noop_upgrade() -> Target:
    # An upgrade with nothing to do reads every version at once, so it should not grow with the number of
    # municipalities the way a migration does: one second whatever the count.
    return Target(1.0)


def one_migration_upgrade(tenants: int) -> Target:
    # 10 s for 290 municipalities; with fewer (--tenants, --quick) the same time per municipality.
    return Target(10.0 * tenants / ALL_MUNICIPALITIES)


def tenancy_share_of_request(backend: str) -> Target | None:
    # No figure in the issue: the bench's own. What tenancy adds to every request (resolving the slug,
    # binding the connection to the municipality) may cost at most a fifth of a comparable shared-schema
    # request on PostgreSQL, the production backend. On the embedded SQLite backend attaching and
    # detaching the municipality's file per transaction costs 0.3-0.6 ms by design (it keeps within
    # SQLite's limit of ten attached files); it is reported there, not held to a target.
    # Judged on the parts timed on their own rather than on the two pages' throughputs, because the pages
    # also differ in content (see bench/overhead.py), and a feature added to one page must not pass for
    # tenancy overhead.
    return Target(20.0, source=BENCH) if backend == "postgresql" else None


def county_page_ratio() -> Target:
    # "The county page's p95 with 13 and with 290 municipalities enabled, target ratio under 1.2": the page
    # reads only the shared schema's published figures, so the municipalities of other counties on the
    # service must not slow it down.
    return Target(1.2)


def county_export_ratio() -> Target:
    # The page's CSV export computes the same figures: held to the page's target.
    return Target(1.2, source=f"{ISSUE} (the county page's target, held to its export)")


def county_figures_afresh() -> Target:
    """The first county page after a municipality publishes computes its protection; the largest county too."""
    return Target(1000.0, source=BENCH)
