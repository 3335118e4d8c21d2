"""The HTML report as a person sees it, in headless Chromium driven by chromedriver.

What is asserted is what is on the screen: the highlighted figures per verdict against
the report's summary, the evidence that a click or a key reveals, the filters, and that
the page asks the network for nothing but itself. The hostile draft runs no script,
with the page's Content-Security-Policy and, to test the escaping on its own, without.

Chromium missing is a failure with what to install, not a silent skip (see
``tests/browser.py``); ``FACTCHECK_SKIP_BROWSER=1`` skips on purpose.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement

from tests import browser
from tests.html_fixtures import report

VERDICTS = ("discrepancy", "outdated", "conflicting", "unverified", "consistent")


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    if os.environ.get("FACTCHECK_SKIP_BROWSER") == "1":
        pytest.skip("FACTCHECK_SKIP_BROWSER=1: the browser tests are skipped on purpose")
    problem = browser.missing()
    if problem:
        pytest.fail(problem, pytrace=False)
    with browser.chromium() as chrome:
        yield chrome


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report of the ordinary inputs, its JSON twin, and the hostile report."""
    plain = tmp_path_factory.mktemp("plain")
    report(plain, "html")
    report(plain, "json")
    hostile = tmp_path_factory.mktemp("hostile")
    report(hostile, "html", hostile=True)
    return {
        "html": plain / "report.html",
        "json": plain / "report.json",
        "hostile": hostile / "report.html",
    }


@pytest.fixture
def page(driver: WebDriver, pages: dict[str, Path]) -> WebDriver:
    """The ordinary report, freshly loaded, its network and console logs emptied."""
    driver.get(pages["html"].as_uri())
    browser.requests(driver)
    browser.console(driver)
    return driver


def highlighted(driver: WebDriver, verdict: str) -> list[WebElement]:
    """The figures of ``verdict`` shown highlighted: a coloured background and an icon."""
    found = []
    for mark in driver.find_elements(By.CSS_SELECTOR, f"mark.fig.v-{verdict}"):
        background = mark.value_of_css_property("background-color")
        icon = mark.find_element(By.CSS_SELECTOR, "svg.ic")
        if mark.is_displayed() and background != "rgba(0, 0, 0, 0)" and icon.is_displayed():
            found.append(mark)
    return found


def chip_count(driver: WebDriver, verdict: str) -> int:
    chip = driver.find_element(By.CSS_SELECTOR, f'.chip[data-filter="{verdict}"]')
    return int(chip.find_element(By.CSS_SELECTOR, ".n").text)


def shown_detail(driver: WebDriver) -> WebElement:
    shown = [d for d in driver.find_elements(By.CSS_SELECTOR, ".detail") if d.is_displayed()]
    assert len(shown) == 1, [d.get_attribute("id") for d in shown]
    return shown[0]


def active_id(driver: WebDriver) -> str:
    return str(driver.execute_script("return document.activeElement.id"))


def test_every_figure_is_highlighted_and_the_counts_match_the_summary(
    page: WebDriver, pages: dict[str, Path]
) -> None:
    summary = json.loads(pages["json"].read_text(encoding="utf-8"))["summary"]
    assert all(summary[v] for v in VERDICTS)  # the fixture meets every verdict
    for verdict in VERDICTS:
        assert len(highlighted(page, verdict)) == summary[verdict] == chip_count(page, verdict)
    marks = page.find_elements(By.CSS_SELECTOR, "mark.fig")
    # Colour is not the only signal: every mark has its verdict's icon and a label.
    for mark in marks:
        kind = mark.get_attribute("data-verdict") or ""
        use = mark.find_element(By.CSS_SELECTOR, "svg.ic use")
        assert use.get_attribute("href") == f"#i-{kind}"
        label = mark.find_element(By.CSS_SELECTOR, ".vh").get_attribute("textContent")
        assert kind in (label or "").lower()
    sections = page.find_elements(By.CSS_SELECTOR, "section.draft")
    assert [s.find_element(By.TAG_NAME, "h2").text for s in sections] == [
        "news/porto.md", "news/porto-de.md"
    ]  # fmt: skip
    assert len(marks) == sum(summary.values())


def test_clicking_a_figure_shows_its_evidence_beside_it(page: WebDriver) -> None:
    assert not [d for d in page.find_elements(By.CSS_SELECTOR, ".detail") if d.is_displayed()]
    mark = highlighted(page, "discrepancy")[0]
    assert mark.text.startswith("1,400")
    mark.click()
    detail = shown_detail(page)
    assert detail.get_attribute("id") == f"{mark.get_attribute('id')}-detail"
    assert "Discrepancy" in detail.find_element(By.CSS_SELECTOR, ".badge").text
    assert detail.find_element(By.CSS_SELECTOR, ".fix").text == "4,100"
    quote = detail.find_element(By.CSS_SELECTOR, "blockquote")
    assert "expects to employ 4,100 people there" in quote.text
    assert quote.find_element(By.CSS_SELECTOR, "mark.src").text == "4,100"
    cite = detail.find_element(By.CSS_SELECTOR, ".cite").text
    assert "plant.md" in cite
    assert "2025-11-18" in cite
    assert "Digit slip" in detail.find_element(By.CSS_SELECTOR, ".diagnosis").text
    # Beside the text, not below it: the panel starts right of the draft.
    prose = page.find_element(By.CSS_SELECTOR, "#d1 .prose")
    assert detail.location["x"] >= prose.location["x"] + prose.size["width"]
    # The ledger's evidence links to where the record was verified.
    page.find_element(By.CSS_SELECTOR, "mark.fig.v-outdated").click()
    detail = shown_detail(page)
    links = [a.get_attribute("href") for a in detail.find_elements(By.CSS_SELECTOR, "a")]
    assert "https://example.org/ardent-2025" in links
    assert detail.find_element(By.CSS_SELECTOR, ".fix").text == "$20 billion"


def test_keys_step_through_the_flagged_figures(page: WebDriver) -> None:
    body = page.find_element(By.TAG_NAME, "body")
    flagged = [
        m.get_attribute("id")
        for m in page.find_elements(By.CSS_SELECTOR, "mark.fig")
        if m.get_attribute("data-verdict") != "consistent"
    ]
    # the English draft's outdated, discrepant, unverified and conflicting figures; the
    # German draft's figures agree with the plant's source
    assert len(flagged) == 4
    body.send_keys("n")
    assert active_id(page) == flagged[0]
    assert shown_detail(page).get_attribute("id") == f"{flagged[0]}-detail"
    page.switch_to.active_element.send_keys("j")
    page.switch_to.active_element.send_keys("n")
    assert active_id(page) == flagged[2]
    assert shown_detail(page).get_attribute("id") == f"{flagged[2]}-detail"
    page.switch_to.active_element.send_keys("p")
    page.switch_to.active_element.send_keys("k")
    assert active_id(page) == flagged[0]
    page.switch_to.active_element.send_keys("k")  # wraps around to the last
    assert active_id(page) == flagged[-1]
    page.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not [d for d in page.find_elements(By.CSS_SELECTOR, ".detail") if d.is_displayed()]
    assert active_id(page) == flagged[-1]  # the focus stays where the reader was


def test_tab_and_enter_work_on_the_highlighted_figures(page: WebDriver) -> None:
    chips = len(page.find_elements(By.CSS_SELECTOR, ".chip:not([disabled])"))
    body = page.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(chips + 40):
        if page.switch_to.active_element.tag_name == "mark":
            break
        page.switch_to.active_element.send_keys(Keys.TAB)
    first = page.find_elements(By.CSS_SELECTOR, "mark.fig")[0]
    assert active_id(page) == first.get_attribute("id")
    page.switch_to.active_element.send_keys(Keys.ENTER)
    assert shown_detail(page).get_attribute("id") == f"{first.get_attribute('id')}-detail"
    page.switch_to.active_element.send_keys(Keys.TAB)
    second = page.find_elements(By.CSS_SELECTOR, "mark.fig")[1]
    assert active_id(page) == second.get_attribute("id")
    page.switch_to.active_element.send_keys(" ")
    assert shown_detail(page).get_attribute("id") == f"{second.get_attribute('id')}-detail"


def test_a_filter_shows_one_verdict_and_all_brings_the_rest_back(
    page: WebDriver, pages: dict[str, Path]
) -> None:
    summary = json.loads(pages["json"].read_text(encoding="utf-8"))["summary"]
    page.find_element(By.CSS_SELECTOR, "mark.fig.v-consistent").click()
    page.find_element(By.CSS_SELECTOR, '.chip[data-filter="discrepancy"]').click()
    assert not [d for d in page.find_elements(By.CSS_SELECTOR, ".detail") if d.is_displayed()]
    for verdict in VERDICTS:
        want = summary[verdict] if verdict == "discrepancy" else 0
        assert len(highlighted(page, verdict)) == want, verdict
    items = [li for li in page.find_elements(By.CSS_SELECTOR, ".flagged li") if li.is_displayed()]
    assert [li.get_attribute("data-verdict") for li in items] == ["discrepancy"]
    # The hidden verdicts' figures are still there to read, as plain text.
    assert "$12 billion" in page.find_element(By.CSS_SELECTOR, "#d1 .prose").text
    page.find_element(By.TAG_NAME, "body").send_keys("n")
    assert page.switch_to.active_element.get_attribute("data-verdict") == "discrepancy"
    page.find_element(By.CSS_SELECTOR, '.chip[data-filter="outdated"]').click()
    assert len(highlighted(page, "outdated")) == summary["outdated"]
    assert not highlighted(page, "discrepancy")
    page.find_element(By.CSS_SELECTOR, '.chip[data-filter=""]').click()
    for verdict in VERDICTS:
        assert len(highlighted(page, verdict)) == summary[verdict]


def test_the_page_requests_nothing_but_itself(page: WebDriver, pages: dict[str, Path]) -> None:
    page.get(pages["html"].as_uri())
    for mark in page.find_elements(By.CSS_SELECTOR, "mark.fig"):
        mark.click()
    page.find_element(By.CSS_SELECTOR, '.chip[data-filter="unverified"]').click()
    assert browser.requests(page) == [pages["html"].as_uri()]
    # The policy let the inlined stylesheet and script in: no violation was reported.
    assert not [m for m in browser.console(page) if "Content Security Policy" in m]
    policy = page.find_element(
        By.CSS_SELECTOR, 'meta[http-equiv="Content-Security-Policy"]'
    ).get_attribute("content")
    assert policy is not None
    assert policy.startswith("default-src 'none';")
    for anchor in page.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = anchor.get_attribute("href") or ""
        assert href.startswith(("https://", "http://", pages["html"].as_uri() + "#")), href


def _no_dialog(driver: WebDriver) -> bool:
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        return True
    alert.dismiss()
    return False


@pytest.mark.parametrize("with_policy", [True, False], ids=["with-csp", "escaping-alone"])
def test_a_hostile_draft_runs_no_script(
    driver: WebDriver, pages: dict[str, Path], tmp_path: Path, with_policy: bool
) -> None:
    source = pages["hostile"].read_text(encoding="utf-8")
    if not with_policy:  # without the policy, only the escaping stands between
        source = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source)
        assert "Content-Security-Policy" not in source
    target = tmp_path / "hostile.html"
    target.write_text(source, encoding="utf-8")
    driver.get(target.as_uri())
    browser.requests(driver)
    for mark in driver.find_elements(By.CSS_SELECTOR, "mark.fig"):
        mark.click()
    assert _no_dialog(driver)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    # Inert: the page's only script is its own, nothing has an event handler or a
    # javascript: link, no image was asked for.
    assert driver.execute_script("return document.scripts.length") == 1
    assert driver.execute_script("return document.images.length") == 0
    handlers = driver.execute_script(
        "return Array.from(document.querySelectorAll('*')).flatMap("
        "e => Array.from(e.attributes).map(a => a.name)).filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    hrefs = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
    assert not [h for h in hrefs if not h.startswith(("http", "file:"))]
    assert browser.requests(driver) == []
    # Shown literally, as the writer typed it.
    text = driver.find_element(By.TAG_NAME, "body").text
    assert '<script>window.__pwned = "script"; alert("script")</script>' in text
    assert "<img src=x onerror=\"window.__pwned = 'img'; alert('img')\">" in text
    assert "[the plan](javascript:window.__pwned='md')" in text
    assert "</mark><script>window.__pwned='mark'</script>" in text
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    driver.find_element(By.CSS_SELECTOR, "mark.fig.v-discrepancy").click()
    quote = shown_detail(driver).find_element(By.CSS_SELECTOR, "blockquote")
    assert "</mark><script>window.__pwned='source'</script>" in quote.text
    assert quote.find_element(By.CSS_SELECTOR, "mark.src").text == "4,100"
    driver.find_element(By.CSS_SELECTOR, "mark.fig.v-consistent").click()
    cite = shown_detail(driver).find_element(By.CSS_SELECTOR, ".cite").text
    assert "\"Desk\" <script>window.__pwned='title'</script> & <b>co</b>" in cite
    assert _no_dialog(driver)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
