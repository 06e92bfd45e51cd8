# SPDX-License-Identifier: Apache-2.0
"""The diff's HTML report in a real headless Chromium, opened from file://."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from licensecheck.cli import main

#: every verdict change row of the page: [change index, licensee cell, use cell, old verdict, new verdict, clause tokens]
ROWS = """
return Array.from(document.querySelectorAll("tr[data-c]")).map(function (tr) {
  const cells = tr.querySelectorAll("td");
  return [Number(tr.getAttribute("data-c")), cells[3].getAttribute("data-v"), cells[4].getAttribute("data-v"),
          tr.getAttribute("data-lc-clause"), tr.getAttribute("data-lc-direction")];
});
"""


@pytest.fixture(name="report", scope="module")
def _report(tmp_path_factory: pytest.TempPathFactory, drafts: Path) -> tuple[Path, dict[str, Any]]:
    """The example drafts' HTML diff and its JSON document."""
    folder = tmp_path_factory.mktemp("diff-html")
    output = folder / "diff.html"
    args = ["diff", str(drafts / "v1.terms"), str(drafts / "v2.terms")]
    assert 1 == CliRunner().invoke(main, [*args, "--format", "html", "-o", str(output)]).exit_code
    document = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).stdout)
    return output, document


def _open(browser: Any, page: Path) -> None:
    browser.get(page.as_uri())
    assert "yes" == browser.find_element("css selector", "body").get_attribute("data-lc-ready")


def test_every_reported_change_is_in_the_page(browser: Any, report: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """Every verdict change of the JSON is one row of the page, with its question, both verdicts and its clauses."""
    page, document = report
    _open(browser, page)
    rows = browser.execute_script(ROWS)
    data = browser.execute_script("return LC.data.changes.map(c => [c.q, c.b]);")
    shown = sorted((json.dumps(data[i][0], sort_keys=True), old, new, tuple(data[i][1]), clauses)
                   for i, old, new, clauses, _direction in rows)
    wanted = sorted((json.dumps(v["question"], sort_keys=True), v["old"]["verdict"], v["new"]["verdict"],
                     tuple(v["because"]), " ".join(v["because"])) for v in document["verdicts"])
    assert wanted == shown
    changed = browser.find_elements("css selector", "#clause-table tr[data-change]:not([data-change='same'])")
    assert {"commercial-coops", "keep-notices", "network-source", "contribution", "no-further-restrictions"} == {
        r.get_attribute("data-lc-clause").split()[-1] for r in changed}
    assert browser.find_elements("css selector", "tr.lc-change-changed mark.lc-word"), "changed words are marked"
    browser.save_screenshot(str(tmp_path / "diff.png"))


def test_a_change_opens_to_both_answers(browser: Any, report: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """A row opens the panel with the question and both answers side by side, each with its quoted reasons."""
    page, _document = report
    _open(browser, page)
    row = browser.find_element("css selector", "tr[data-c][data-lc-clause='network-source'][data-lc-direction='stricter']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.click()
    panel = browser.find_element("css selector", "#lc-panel:not([hidden])")
    assert "network-service" in panel.find_element("css selector", ".lc-panel-head h2").text
    old = panel.find_element("css selector", ".lc-side[data-side='old']")
    new = panel.find_element("css selector", ".lc-side[data-side='new']")
    assert "compatible" == old.find_element("css selector", ".lc-badge").get_attribute("data-v")
    assert "conditional" == new.find_element("css selector", ".lc-badge").get_attribute("data-v")
    locations = [e.text for e in new.find_elements("css selector", ".lc-reason .lc-loc")]
    assert any(loc.endswith("v2.terms:36:1") for loc in locations), locations
    assert "offer the corresponding source to users" in new.text
    assert "[network-source]" in panel.text
    assert any(e.text.startswith("cases:") for e in panel.find_elements("css selector", ".lc-command"))
    browser.save_screenshot(str(tmp_path / "panel.png"))
    panel.find_element("css selector", ".lc-panel-head button").click()
    assert not browser.find_element("css selector", "#lc-panel").is_displayed()


def test_filters(browser: Any, report: tuple[Path, dict[str, Any]]) -> None:
    """The direction and clause filters hide the rows (and groups) that do not match; `show all` resets."""
    from selenium.webdriver.support.ui import Select

    page, _document = report
    _open(browser, page)
    Select(browser.find_element("css selector", "select[data-lc-filter='direction']")).select_by_value("looser")
    rows = [r for r in browser.find_elements("css selector", "tr[data-c]") if r.is_displayed()]
    assert rows and all("looser" == r.get_attribute("data-lc-direction") for r in rows)
    Select(browser.find_element("css selector", "select[data-lc-filter='clause']")).select_by_value("contribution")
    rows = [r for r in browser.find_elements("css selector", "tr[data-c]") if r.is_displayed()]
    assert rows and all("contribution" in r.get_attribute("data-lc-clause").split() for r in rows)
    clauses = [r for r in browser.find_elements("css selector", "#clause-table tbody tr") if r.is_displayed()]
    assert ["contribution"] == [r.get_attribute("data-lc-clause") for r in clauses]
    browser.find_element("css selector", "[data-lc-reset]").click()
    assert len([r for r in browser.find_elements("css selector", "tr[data-c]") if r.is_displayed()]) > len(rows)


def test_unchanged_clauses_can_be_hidden(browser: Any, report: tuple[Path, dict[str, Any]]) -> None:
    """The button hides the unchanged clauses of the side-by-side table, and shows them again."""
    page, _document = report
    _open(browser, page)
    button = browser.find_element("css selector", "#lc-toggle-same")
    button.click()
    shown = [r for r in browser.find_elements("css selector", "#clause-table tbody tr") if r.is_displayed()]
    assert 5 == len(shown)
    button.click()
    assert len([r for r in browser.find_elements("css selector", "#clause-table tbody tr") if r.is_displayed()]) > 5


def test_no_request_leaves_the_page(browser: Any, report: tuple[Path, dict[str, Any]]) -> None:
    """Opening the report requests nothing but the file itself (works offline, from file://)."""
    page, _document = report
    _open(browser, page)
    assert [] == browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
