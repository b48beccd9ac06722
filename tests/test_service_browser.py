"""The web UI in a real headless browser (Debian chromium through its chromedriver) against the real service.

`make test` installs chromium and chromium-driver when they are missing. Screenshots are saved in
`test-artifacts/` at the repository root.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = ROOT / "test-artifacts"

if not (CHROMIUM and CHROMEDRIVER):
    message = "chromium and chromedriver are needed (apt-get install chromium chromium-driver; `make test` does it)"
    if os.environ.get("CORROBORATE_REQUIRE_BROWSER"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service as DriverService  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages, CSP violations among them
    driver = webdriver.Chrome(service=DriverService(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _wait(driver, seconds: float = 300) -> WebDriverWait:
    return WebDriverWait(driver, seconds, poll_frequency=0.2)


def test_a_user_checks_the_example_article_in_the_browser(example_library_copy, start_service, browser):
    service = start_service(example_library_copy)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.get(service.url + "/")
    assert browser.title == "corroborate"

    browser.find_element(By.ID, "article-file").send_keys(str(EXAMPLES / "article.md"))
    browser.find_element(By.ID, "check-button").click()
    _wait(browser).until(EC.visibility_of_element_located((By.ID, "result")))
    assert "#check/" in browser.current_url
    assert browser.find_element(By.ID, "result-title").text == "Vellmar counts the cost as the Ostra retreats"

    # The changed figure: the article says 2,400 evacuated, the authority's statement 4,200.
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-view .claim-mark")
    assert len(marks) >= 10
    refuted = next(m for m in marks if "2,400" in m.text)
    assert "refuted" in refuted.get_attribute("class")
    refuted.click()
    panel = browser.find_element(By.ID, "evidence-panel")
    _wait(browser, 10).until(lambda d: panel.find_elements(By.CSS_SELECTOR, ".evidence"))
    assert panel.find_element(By.ID, "panel-verdict").text == "REFUTED"
    first = panel.find_elements(By.CSS_SELECTOR, ".evidence")[0]
    assert first.find_element(By.CSS_SELECTOR, ".source").text == "OSTRA RIVER AUTHORITY AND TOWN OF VELLMAR"
    assert "ostra-river-authority-statement.txt" in first.find_element(By.CSS_SELECTOR, ".origin").text
    assert "4,200" in first.find_element(By.CSS_SELECTOR, "mark").text
    assert "claim says 2,400, source says 4,200" in first.find_element(By.CSS_SELECTOR, ".checks").text
    browser.save_screenshot(str(ARTIFACTS / "ui-check.png"))

    # A claim nothing decides still shows the closest sentences the library holds (issue 15).
    undecided = next(m for m in marks if "postponed its football match" in m.text)
    undecided.click()
    _wait(browser, 10).until(lambda d: panel.find_element(By.ID, "panel-verdict").text == "NOT ENOUGH EVIDENCE")
    assert "the closest ones" in panel.find_element(By.CSS_SELECTOR, "p.hint").text
    closest = panel.find_elements(By.CSS_SELECTOR, ".evidence")
    assert closest and "not weighed" in closest[0].text

    # A quoted claim says who made it.
    quote = next(m for m in marks if "never seen the water rise" in m.text)
    quote.click()
    assert "Maria Keller" in browser.find_element(By.ID, "panel-speaker").text

    # Filtering by verdict hides the other claims from the list.
    # what the article leaves unclear is listed apart, never checked
    aside = browser.find_elements(By.CSS_SELECTOR, "#needs-context-list li")
    assert browser.find_element(By.ID, "needs-context").is_displayed()
    assert any("he was right" in li.text and "“he”: unclear without the article" in li.text for li in aside)
    # and what leans on it as a whole (the context model: "I carried my mother up the stairs in the dark")
    assert any("carried my mother" in li.text and "context model" in li.text for li in aside)
    browser.find_element(By.CSS_SELECTOR, '#summary button[data-filter="REFUTED"]').click()
    shown = [li for li in browser.find_elements(By.CSS_SELECTOR, "#claim-list li") if li.is_displayed()]
    assert shown and all(li.get_attribute("data-verdict") == "REFUTED" for li in shown)

    # The report downloads from the finished check.
    href = browser.find_element(By.ID, "dl-html").get_attribute("href")
    assert href.endswith("/report.html")

    # The library page lists the sources.
    browser.find_element(By.ID, "nav-library").click()
    _wait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#sources tbody tr")) == 7)
    titles = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#sources tbody tr td:first-child")]
    assert "Great Ostra Flood of 1927" in titles

    # On a phone-sized screen the evidence panel stacks under the article, nothing wider than the screen.
    browser.set_window_size(390, 844)
    browser.get(f"{href.rsplit('/v1/', 1)[0]}/#check/{href.split('/checks/')[1].split('/')[0]}")
    _wait(browser, 60).until(EC.visibility_of_element_located((By.ID, "result")))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth") + 1
    browser.save_screenshot(str(ARTIFACTS / "ui-phone.png"))

    # The whole session ran under the service's Content-Security-Policy without tripping it.
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]


def test_off_loopback_the_page_asks_for_the_token_and_every_page_keeps_to_its_policy(
    example_library_copy, start_service, browser
):
    token = "browser-test-token-0c1d2e"
    service = start_service(example_library_copy, "--host", "0.0.0.0", "--token", token)
    browser.get(service.url + "/")
    box = browser.find_element(By.ID, "token-box")
    _wait(browser, 30).until(lambda d: box.is_displayed())  # the first API call answered 401

    browser.find_element(By.ID, "token-input").send_keys("a guess")
    browser.find_element(By.CSS_SELECTOR, "#token-form button").click()
    error = browser.find_element(By.ID, "token-error")
    _wait(browser, 30).until(lambda d: error.is_displayed())
    assert "not this service's token" in error.text

    browser.find_element(By.ID, "token-input").clear()
    browser.find_element(By.ID, "token-input").send_keys(token)
    browser.find_element(By.CSS_SELECTOR, "#token-form button").click()
    _wait(browser, 30).until(lambda d: not box.is_displayed())
    cookie = browser.get_cookie("corroborate_token")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    browser.find_element(By.ID, "nav-library").click()
    _wait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#sources tbody tr")) == 7)

    # The API docs run under their own policy (their inline script by its hash).
    browser.get(service.url + "/docs")
    _wait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"))
    violations = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert violations == []
