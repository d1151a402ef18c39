"""`mailbot web` in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium):
log in, filter the register, open messages, decide a review item and see the register change, at a
desktop and a phone width, with no sideways scrolling. Screenshots go to the folder the run prints."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.request import urlopen

import pytest
from sqlmodel import select

from mailbot.store.models import Message
from tests.hostile.messages import mid
from tests.web.register import PASSWORD, build

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
WIDTHS = (1280, 390)
pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
                                reason="needs Debian's chromium and chromium-driver (scripts/test.sh installs them)")


@pytest.fixture(scope="module")
def screenshots():
    """var/screenshots/web-<UTC time>, or the folder MAILBOT_SCREENSHOTS names."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(os.environ.get("MAILBOT_SCREENSHOTS") or Path("var") / "screenshots" / f"web-{stamp}").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nweb screenshots: {folder}")
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real command, `mailbot web`, over a register built by the pipeline."""
    state_root = tmp_path_factory.mktemp("webui")
    runtime = build(state_root)
    state = runtime.state_dir
    with runtime.session() as session:
        hostile = [session.exec(select(Message.id).where(Message.message_id == mid(case))).one()
                   for case in ("web-subject", "web-filename", "web-body", "web-name", "case23-long")]
    runtime.close()
    port = _free_port()
    env = {**os.environ, "MAILBOT_STATE_DIR": str(state)}
    process = subprocess.Popen([sys.executable, "-m", "mailbot", "web", "--port", str(port),
                                "--now", "2020-01-10T11:00:00+01:00"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urlopen(base + "/login", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"mailbot web did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
    yield base, hostile
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _viewport(driver, width: int) -> None:
    driver.set_window_size(width, 900)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def _no_sideways_scrolling(driver, what: str) -> None:
    widths = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{what}: page is {widths[0]} px wide in a {widths[1]} px window"


def _no_alert(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text


def _shot(driver, folder: Path, name: str, width: int) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": min(max(height, 600), 4000), "deviceScaleFactor": 1,
                            "mobile": width < 600})
    driver.save_screenshot(str(folder / f"{name}-{width}.png"))
    _viewport(driver, width)


def _click_and_wait(driver, element, url_part: str) -> None:
    """Click, then wait for the next page (a phone-width click may return before it loads)."""
    from selenium.webdriver.support.ui import WebDriverWait

    element.click()
    WebDriverWait(driver, 15).until(lambda d: url_part in d.current_url
                                    and d.execute_script("return document.readyState") == "complete")


def _match_count(driver) -> int:
    from selenium.webdriver.common.by import By

    return int(driver.find_element(By.ID, "match-count").text)


def _visit(driver, base, path, folder, name, width):
    driver.get(base + path)
    _no_alert(driver)
    _no_sideways_scrolling(driver, f"{path} at {width}px")
    _shot(driver, folder, name, width)


@pytest.mark.parametrize("width,decide_pk", [(1280, 2), (390, 4)])
def test_a_reviewer_works_through_the_desk(server, browser, screenshots, width, decide_pk):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, hostile = server
    driver = browser
    driver.delete_all_cookies()
    _viewport(driver, width)
    driver.get(base + "/register")
    assert "/login" in driver.current_url
    _no_sideways_scrolling(driver, f"login at {width}px")
    _shot(driver, screenshots, "login", width)
    driver.find_element(By.NAME, "name").send_keys("admin")
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    _click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"), "/register")

    total = _match_count(driver)
    Select(driver.find_element(By.NAME, "kind")).select_by_value("other")
    _click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "#filters button[type=submit]"), "kind=other")
    others = _match_count(driver)
    assert 0 < others < total
    assert all(cell.text.startswith("other") for cell in driver.find_elements(By.CSS_SELECTOR, 'td[data-label="Kind"]'))
    _no_sideways_scrolling(driver, f"filtered register at {width}px")
    _shot(driver, screenshots, "register-filtered", width)

    _visit(driver, base, "/register", screenshots, "register", width)
    _click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, 'td[data-label="Subject"] a'), "/message/")
    _no_sideways_scrolling(driver, f"message at {width}px")
    _shot(driver, screenshots, "message", width)
    for case_pk in hostile:      # markup in subject, file name, body, name; a 300-character file name
        driver.get(f"{base}/message/{case_pk}")
        _no_alert(driver)
        _no_sideways_scrolling(driver, f"message {case_pk} at {width}px")
    assert driver.execute_script("return document.querySelectorAll('script, img').length") == 0

    _visit(driver, base, "/review", screenshots, "review", width)
    waiting = int(re.search(r"(\d+) waiting", driver.find_element(By.TAG_NAME, "h1").text).group(1))
    form = driver.find_element(By.CSS_SELECTOR, f'form[action="/review/{decide_pk}"]')
    states = form.find_element(By.NAME, "states")
    states.clear()
    states.send_keys("SEN")
    Select(form.find_element(By.NAME, "kind")).select_by_value("reply")
    form.find_element(By.NAME, "note").send_keys(f"decided in the browser at {width}px")
    _click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), f"decided={decide_pk}")
    assert driver.find_element(By.ID, "decided").text.startswith(f"Decision recorded for message {decide_pk}")
    assert int(re.search(r"(\d+) waiting", driver.find_element(By.TAG_NAME, "h1").text).group(1)) == waiting - 1
    _shot(driver, screenshots, "review-decided", width)

    driver.get(base + "/register?state=SEN&kind=reply")
    assert str(decide_pk) in [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, 'td[data-label="Id"]')]
    driver.get(f"{base}/message/{decide_pk}")
    assert "decided in the browser" in driver.page_source and "admin" in driver.page_source

    _visit(driver, base, "/", screenshots, "today", width)
    _visit(driver, base, "/rules", screenshots, "rules", width)
    _visit(driver, base, "/users", screenshots, "users", width)
    _click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.logout button"), "/login")
    driver.get(base + "/review")
    assert "/login" in driver.current_url


def test_screenshots_were_written(screenshots):
    """Runs after the walk-throughs: every page at both widths is there for a person to look at."""
    names = {path.name for path in screenshots.glob("*.png")}
    for page in ("login", "register", "register-filtered", "message", "review", "review-decided", "today", "rules"):
        for width in WIDTHS:
            assert f"{page}-{width}.png" in names
