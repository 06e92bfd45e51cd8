# SPDX-License-Identifier: Apache-2.0
"""The federation's HTML report in a real headless Chromium, opened from file://."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from licensecheck.cli import main

#: every cell of the matrices, expanded to (platform or outsider, product, commons, use, verdict), read from the DOM
EXPAND = """
const out = [];
document.querySelectorAll("section[data-lc-use]").forEach(function (section) {
  const use = section.getAttribute("data-lc-use");
  const table = section.querySelector("table");
  const commonsOf = {};
  table.querySelectorAll("th[data-col]").forEach(function (th) {
    commonsOf[th.getAttribute("data-col")] = th.getAttribute("data-lc-commons").split(" ");
  });
  table.querySelectorAll("tr[data-row]").forEach(function (tr) {
    const parties = (tr.getAttribute("data-lc-platform") || tr.getAttribute("data-lc-outsider")).split(" ");
    const products = (tr.getAttribute("data-lc-product") || "").split(" ").filter(Boolean);
    tr.querySelectorAll("td[data-a]").forEach(function (td) {
      commonsOf[td.getAttribute("data-col")].forEach(function (commons) {
        parties.forEach(function (party) {
          out.push([party, products, commons, use, td.getAttribute("data-v"), td.textContent]);
        });
      });
    });
  });
});
return out;
"""


@pytest.fixture(name="report")
def _report(example: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """The example's HTML report and its JSON document."""
    output = tmp_path / "report.html"
    CliRunner().invoke(main, ["federation", str(example), "--format", "html", "--recommend", "-o", str(output)])
    document = json.loads(CliRunner().invoke(main, ["federation", str(example), "--format", "json"]).stdout)
    return output, document


def test_every_cell_has_the_verdict_of_the_json(browser: Any, report: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """Every member and outsider cell of the JSON is in the page, under its platform, commons and use, with its verdict."""
    page, document = report
    browser.get(page.as_uri())
    assert "yes" == browser.find_element("css selector", "body").get_attribute("data-lc-ready")
    shown: dict[tuple[str, str | None, str, str], str] = {}
    symbols = set()
    for party, products, commons, use, verdict, symbol in browser.execute_script(EXPAND):
        symbols.add((verdict, symbol))
        if products:
            for product in products:
                shown[(party, product, commons, use)] = verdict
        else:
            shown[(party, None, commons, use)] = verdict
    verdicts = {a["id"]: a["result"]["verdict"] for a in document["answers"]}
    cells = [(c["platform"], c["product"], c["commons"], c["use"], c["answer"]) for c in document["cells"]]
    cells += [(c["outsider"], c["product"], c["commons"], c["use"], c["answer"]) for c in document["outsider_cells"]]
    missing = [cell for cell in cells if shown.get(cell[:4]) != verdicts[cell[4]]]
    assert [] == missing
    assert len(cells) > 400
    assert 4 == len(symbols), "one symbol per verdict"
    browser.save_screenshot(str(tmp_path / "matrix.png"))


def test_a_cell_opens_its_reasons(browser: Any, report: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """Clicking a cell opens the panel with its verdict, conditions and the quoted clauses with file:line."""
    page, _document = report
    browser.get(page.as_uri())
    row = browser.find_element("css selector", "#m-network-service tr[data-row][data-lc-platform~='coopcircuits']")
    column = browser.find_element("css selector", "#m-network-service th[data-lc-commons~='coopcycle-web']")
    cell = row.find_element("css selector", f"td[data-col='{column.get_attribute('data-col')}']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    cell.click()
    panel = browser.find_element("css selector", "#lc-panel:not([hidden])")
    text = panel.text
    assert "network-service: LicenseRef-CoopCycle" in text
    assert "the licensee employs its workers as salaried employees" in text
    location = panel.find_element("css selector", ".lc-reason .lc-loc").text
    assert location.startswith("licenses/LicenseRef-CoopCycle.terms:")
    assert panel.find_element("css selector", ".lc-quote").text
    assert "licensecheck check LicenseRef-CoopCycle --use network-service" in text
    browser.save_screenshot(str(tmp_path / "panel.png"))
    panel.find_element("css selector", ".lc-panel-head button").click()
    assert not browser.find_element("css selector", "#lc-panel").is_displayed()


def test_filters_hide_rows_columns_and_uses(browser: Any, report: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """The platform, commons, use and verdict filters hide or dim what does not match, and `show all` resets."""
    from selenium.webdriver.support.ui import Select

    page, _document = report
    browser.get(page.as_uri())
    Select(browser.find_element("css selector", "select[data-lc-filter='platform']")).select_by_value("coopaname")
    rows = [r for r in browser.find_elements("css selector", "#m-modify tr[data-row][data-lc-platform]") if r.is_displayed()]
    assert rows and all("coopaname" in r.get_attribute("data-lc-platform").split() for r in rows)
    Select(browser.find_element("css selector", "select[data-lc-filter='commons']")).select_by_value("ofn")
    headers = [h for h in browser.find_elements("css selector", "#m-modify th[data-col]") if h.is_displayed()]
    assert ["AGPL-3.0-only"] == [h.text.splitlines()[0] for h in headers]
    cells = [c for c in browser.find_elements("css selector", "#m-modify td") if c.is_displayed()]
    assert cells and all(c.get_attribute("data-col") == headers[0].get_attribute("data-col") for c in cells)
    Select(browser.find_element("css selector", "select[data-lc-filter='use']")).select_by_value("modify")
    assert not browser.find_element("css selector", "#use-internal-use").is_displayed()
    assert browser.find_element("css selector", "#use-modify").is_displayed()
    Select(browser.find_element("css selector", "select[data-lc-filter='verdict']")).select_by_value("conditional")
    dimmed = browser.execute_script(
        "return Array.from(document.querySelectorAll('#m-network-service td[data-v]')).map("
        "c => [c.getAttribute('data-v'), getComputedStyle(c).opacity])")
    assert all((v == "conditional") == (float(o) == 1.0) for v, o in dimmed)
    browser.save_screenshot(str(tmp_path / "filtered.png"))
    browser.find_element("css selector", "[data-lc-reset]").click()
    assert browser.find_element("css selector", "#use-internal-use").is_displayed()


def test_recommendation_rows_open_their_cells(browser: Any, report: tuple[Path, dict[str, Any]]) -> None:
    """Opening a candidate of the recommendation lists the cells behind its counts."""
    page, _document = report
    browser.get(page.as_uri())
    box = browser.find_element("css selector", "details[data-rec='0']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.find_element("css selector", "summary").click()
    assert "members" in box.text
    assert box.find_elements("css selector", "li .lc-badge")


def test_no_request_leaves_the_page(browser: Any, report: tuple[Path, dict[str, Any]]) -> None:
    """Opening the report requests nothing but the file itself (works offline, from file://)."""
    page, _document = report
    browser.get(page.as_uri())
    names = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [] == names


def test_generated_report_in_the_browser(browser: Any, write: Callable[[str], Path], tmp_path: Path) -> None:
    """A generated registry's report has every JSON cell, with its verdict, in the page."""
    from tests.federation.generate import registry, registry_text

    path = write(registry_text(registry(16, 60, profile_count=8, licence_count=41, seed=3)))
    output = tmp_path / "generated.html"
    CliRunner().invoke(main, ["federation", str(path), "--format", "html", "-o", str(output)])
    document = json.loads(CliRunner().invoke(main, ["federation", str(path), "--format", "json"]).stdout)
    browser.get(output.as_uri())
    shown = {}
    for party, products, commons, use, verdict, _symbol in browser.execute_script(EXPAND):
        for product in products or [None]:
            shown[(party, product, commons, use)] = verdict
    verdicts = {a["id"]: a["result"]["verdict"] for a in document["answers"]}
    missing = [c for c in document["cells"]
               if shown.get((c["platform"], c["product"], c["commons"], c["use"])) != verdicts[c["answer"]]]
    assert [] == missing
