"""The accessibility check run on every page the browser tests visit: axe-core against WCAG 2.1 A and AA."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.system_deps import AXE, node_module_file

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Only what a readable report needs travels back from the page.
RUN_AXE = """options => axe.run(document, options).then(results => ({
  passes: results.passes.length,
  violations: results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
  })),
}))"""


def axe_results(page: Page) -> dict:
    """``{"passes": <number of rules passed>, "violations": [...]}`` for the page's current document."""
    page.add_script_tag(path=node_module_file(AXE))
    return page.evaluate(RUN_AXE, {"runOnly": {"type": "tag", "values": WCAG_TAGS}})


def describe(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violations (axe-core, WCAG 2.1 AA) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    results = axe_results(page)
    if results["violations"]:
        raise AssertionError(describe(page.url, results["violations"]))
    assert results["passes"] > 0, f"axe-core checked nothing on {page.url}"
