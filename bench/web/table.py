"""The web benchmark's report for people: the table of pages, then what the pages do in the database."""

from __future__ import annotations

from bench.environment import describe
from bench.report import RESULT_TEXT, closing_lines


def _ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def rows(report: dict) -> list[tuple[str, ...]]:
    """(page, path, req/s, p50, p95, ratio, target, result) for every measured page."""
    figures = {figure["key"]: figure for figure in report["figures"]}
    out = []
    for key, figure in figures.items():
        if key.endswith(".ratio"):
            continue
        ratio = figures.get(f"{key}.ratio")
        details = figure["details"]
        out.append(
            (
                figure["label"],
                details["path"],
                f"{figure['value']:.0f}",
                _ms(details["p50_ms"]),
                _ms(details["p95_ms"]),
                f"{ratio['value']:.2f}" if ratio else "1 (baseline)",
                ratio["target"]["text"].replace(" ×", "") if ratio and ratio["target"] else "-",
                RESULT_TEXT[ratio["passed"]] if ratio else "-",
            )
        )
    return out


def _aligned(header: tuple[str, ...], body: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in body]
    return lines


HEADER = ("page", "path", "req/s", "p50", "p95", "ratio to minimal", "target", "result")


def markdown(report: dict) -> str:
    """The same table in Markdown, for docs/performance.md."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows(report):
        cells = list(row)
        cells[1] = f"`{cells[1]}`"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def table(report: dict) -> str:
    options = report["options"]
    data = report.get("data", {})
    machine = report["machine"]
    load_end = f", at the end {machine['load_average_end'][0]:.2f}" if "load_average_end" in machine else ""
    lines = [
        "Hemvist web benchmark: gunicorn on PostgreSQL, wrk on loopback" + (" (quick)" if options["quick"] else ""),
        f"machine: {describe(machine)}{load_end}; {machine.get('wrk', 'wrk not run')}",
    ]
    if data:
        counts = data["counts"]
        lines.append(
            f"data: {data['municipalities']} municipalities; {data['municipality']} has {counts['landlords']} "
            f"landlords, {counts['contact_persons']} contacts, {counts['interactions']} interactions, "
            f"{counts['follow_ups']} follow-ups, {counts['stage_changes']} stage changes, "
            f"{counts.get('vacancies', 0)} vacancies, {counts.get('households', 0)} households (written in "
            f"{data['seconds']} s)"
        )
        vacancies, households = data.get("vacancies"), data.get("households")
        if vacancies and households:
            lines.append(
                f"      vacancies: {vacancies['open']} on offer or reserved, {vacancies['stale']} of them stale; "
                f"households: {households['waiting']} waiting, {households['past_deadline']} past the deadline, "
                f"{households['self_settled']} self-settled; this year's quota {households['quota_this_year']} persons"
            )
    if "server" in report:
        lines.append(
            f"load: {report['server']['workers']} gunicorn sync workers; wrk {options['threads']} threads, "
            f"{options['connections']} connections; each page {options['warmup_seconds']:g} s warm-up, then "
            f"{options['rounds']} round(s) of {options['seconds']:g} s; medians over the rounds"
        )
    lines.append("")
    if report["figures"]:
        lines += _aligned(HEADER, rows(report))
    for key, page in report.get("probe", {}).items():
        if key == "_":
            continue
        lines.append("")
        lines.append(
            f"{key}: {page['queries']} queries ({page['distinct_statements']} distinct), {page['db_ms']:.1f} ms in "
            f"the database; in-process {page['in_process_ms_median']:.1f} ms per request, of which rendering "
            f"{page['render_ms_median']:.1f} ms"
        )
        for repeated in page["repeated"]:
            lines.append(f"  repeated {repeated['count']}×: {repeated['sql'][:110]}")
        for explained in page["explained"]:
            plan = explained["plan"]
            scans = ", ".join(sorted(set(plan["seq_scans"]))) or "none"
            lines.append(
                f"  {explained['ms_total']:.1f} ms, executes in {plan['execution_ms']:.1f} ms, seq scans: {scans}: "
                f"{explained['sql'][:90]}…"
            )
    search = report.get("experiments", {}).get("search")
    if search:
        lines.append("")
        lines.append("search in the database, ms per request (count + page), scratch experiment (--try-indexes):")
        variants = list(search["median_ms"])
        lines += _aligned(
            ("query", *variants),
            [(text, *(f"{row[v]:.1f}" for v in variants)) for text, row in search["queries"].items()],
        )
    lines += closing_lines(report)
    return "\n".join(lines)
