"""The report: a table for people on stdout, JSON for machines in bench/results/."""

from __future__ import annotations

import json
from pathlib import Path

from bench.environment import describe
from bench.figures import format_value

RESULT_TEXT = {True: "pass", False: "FAIL", None: "-"}


def _target_text(figure: dict) -> str:
    return figure["target"]["text"] if figure.get("target") else "-"


def table(report: dict) -> str:
    options = report["options"]
    lines = [
        f"Hemvist benchmark, {options['tenants']} municipalities"
        + (" (quick)" if options["quick"] else "")
        + (" (profiled: timings inflated by cProfile)" if options["profile"] else ""),
        f"machine: {describe(report['machine'])}",
        "",
    ]
    rows = [("backend", "figure", "value", "target", "result", "design note's figure to beat")]
    for figure in report["figures"]:
        rows.append(
            (
                figure["backend"],
                figure["label"],
                format_value(figure["value"], figure["unit"]),
                _target_text(figure),
                RESULT_TEXT[figure["passed"]],
                figure["reference"] or "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))

    for figure in report["figures"]:
        if figure["key"] == "requests.tenant":
            work = figure["details"]["work_per_request"]
            lines.append("")
            lines.append(
                f"{figure['backend']} requests: tenant pages {', '.join(figure['details']['tenant_urls'])} "
                f"({work['tenant']['queries']:.1f} queries, {work['tenant']['checkouts']:.1f} connection "
                f"checkouts each) against the baseline {figure['details']['baseline_url']} "
                f"({work['baseline']['queries']:.1f} queries, {work['baseline']['checkouts']:.1f} checkouts); "
                f"median of {figure['details']['rounds']} rounds of {figure['details']['requests_per_round']}."
            )

    for figure in report["figures"]:
        if figure["key"] == "county.overview.ratio":
            lines += county_lines(figure)

    for backend, sections in report.get("profiles", {}).items():
        for section, rows_ in sections.items():
            lines.append("")
            lines.append(f"{backend} {section}, profiled: calls and cumulative time per municipality")
            for row in rows_:
                calls = (
                    f"{row['calls_per_tenant']:>7.2f} calls"
                    if row["calls_per_tenant"] >= 1
                    else f"{row['calls']:>4} in all"
                )
                lines.append(f"  {row['what']:<45} {calls}  {row['ms_per_tenant']:>8.2f} ms")

    lines += closing_lines(report)
    return "\n".join(lines)


def county_lines(figure: dict) -> list[str]:
    """Each phase of the county page's measurement: p50 and p95, requests and queries of each page."""
    details = figure["details"]
    lines = [
        "",
        f"{figure['backend']} county page (county {details['county']}), two databases in alternating rounds: "
        f"p95 is the median of {details['rounds']} rounds' p95, each round up to "
        f"{details['requests_per_round']} requests or {details['round_seconds']:g} s per page and database.",
    ]
    for phase in details["phases"]:
        pages = "; ".join(
            f"{url} p50 {page['p50_ms']:.1f} ms, p95 {page['p95_ms']:.1f} ms, in SQL {page['sql_p50_ms']:.2f} ms "
            f"({page['requests']} requests, {page['queries']:.0f} queries each)"
            for url, page in phase["pages"].items()
        )
        lines.append(
            f"  {phase['municipalities_on_service']} on the service, {phase['figure_rows']} figure rows: {pages}"
        )
    return lines


def closing_lines(report: dict) -> list[str]:
    """The errors, the verdict and where the JSON went: how every benchmark's table ends."""
    lines = []
    for error in report["errors"]:
        where = f" {error['backend']}" if error.get("backend") else ""
        lines += ["", f"ERROR{where}: {error['error']}"]
    lines.append("")
    if report["passed"]:
        lines.append(f"every target met ({report['duration_s']} s)")
    else:
        lines.append(f"{len(report['failures'])} target(s) missed or errors: " + "; ".join(report["failures"]))
    if report.get("json_path"):
        lines.append(f"JSON: {report['json_path']}")
    return lines


def write_json(report: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
