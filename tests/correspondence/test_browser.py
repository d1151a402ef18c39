"""Every message in every language, opened in a real headless Chromium at phone (360 px) and desktop
(1024 px) width: nothing scrolls sideways, the receipt number and the consultation's title are on the
screen, Arabic is right to left. Screenshots go to $MAILBOT_SCREENSHOTS, or a temporary folder that
the run prints."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from mailbot.consultation import LANGUAGES
from mailbot.correspondence.ack import consultation_values, render_ack
from mailbot.correspondence.digest import render_digest
from mailbot.correspondence.render import render
from mailbot.correspondence.resend import render_resend_notice
from tests.correspondence.conftest import utc
from tests.correspondence.test_templates import _ack

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTHS = (360, 1024)
LONG_NAME = "Contribution_de_la_République_du_Kenya_aux_lignes_directrices_GCA_version_finale_révisée.docx"

pytestmark = pytest.mark.skipif(
    not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)), reason="needs Debian's chromium and chromium-driver"
)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = os.environ.get("MAILBOT_SCREENSHOTS")
    path = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="mailbot-screenshots-"))
    path.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {path}")
    return path


def _messages(consultation, session, register, lang):
    """(name, html, facts that must be visible) for each message in `lang`."""
    values = consultation_values(consultation, lang)
    title = values["title"]
    long_file = _ack(consultation, lang)
    long_file = type(long_file)(**{**long_file.__dict__, "files": (*long_file.files, (LONG_NAME, 893, True, "", "ok"))})
    yield "ack", render_ack(long_file, lang).html, ("GCA-2020-0042", title)
    yield "late_ack", render_ack(_ack(consultation, lang, late=True), lang).html, ("GCA-2020-0042", title)
    reminder = render("states", "reminder", lang, {**values, "state_name": "Kenya", "days_left": 14, "offset": 14})
    yield "reminder", reminder.html, (title,)
    milestone = consultation.milestone("draft_posted")
    notice = render("states", "milestone", lang, {**values, "milestone": {
        "name": milestone.name, "label": milestone.label[lang], "date": milestone.date,
        "end_date": milestone.end_date, "link": milestone.link_in(lang)}})
    yield "milestone", notice.html, (title,)
    resend = render_resend_notice(consultation, lang, receipt="GCA-2020-0017", registered_at=utc(2019, 12, 2, 8, 14),
                                  received_at=utc(2019, 12, 9, 10, 0), sender_name="Dr. Amina Wanjiru",
                                  subject="Contribution")
    yield "resend_notice", resend.html, ("GCA-2020-0017", title)
    digest_consultation = consultation.model_copy(
        update={"digest": consultation.digest.model_copy(update={"language": lang})})
    digest = render_digest(session, digest_consultation, utc(2020, 1, 16, 7, 0))
    yield "digest", digest.html, ("GCA-2020-0001", title)


@pytest.fixture
def filled(register):
    register.contribution(utc(2020, 1, 14, 9, 0), subject="Kenya input " + "very-long-word" * 8,
                          files=((LONG_NAME, 10_000, "ok", "en"),))
    register.contribution(utc(2020, 1, 15, 23, 10), states=(), needs_review=True, reasons=["sender unknown"],
                          subject="Late input", sender="someone.with.a.long.address@webmail.example.org")
    register.contribution(utc(2020, 1, 15, 9, 0), kind="auto_reply", states=(), sender="away@example.org",
                          subject="Out of office")
    return register


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_fits_a_phone_and_a_desktop(browser, shots, tmp_path, consultation, session, filled, lang):
    problems = []
    for name, html, facts in _messages(consultation, session, filled, lang):
        page = tmp_path / f"{name}.{lang}.html"
        page.write_text(html, encoding="utf-8")
        for width in WIDTHS:
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
            browser.get(page.as_uri())
            figures = browser.execute_script(
                "const root = document.documentElement;"
                "return {scroll: root.scrollWidth, client: root.clientWidth, dir: root.getAttribute('dir'),"
                " text: document.body.innerText};")
            where = f"{name} [{lang}] at {width} px"
            if figures["scroll"] > figures["client"]:
                problems.append(f"{where}: scrolls sideways ({figures['scroll']} > {figures['client']} px)")
            text = " ".join(figures["text"].split()).replace("\u2011", "-")
            problems += [f"{where}: {fact!r} not on screen" for fact in facts if " ".join(fact.split()) not in text]
            if figures["dir"] != ("rtl" if lang == "ar" else "ltr"):
                problems.append(f"{where}: dir={figures['dir']}")
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": _height(browser), "deviceScaleFactor": 1, "mobile": width < 600})
            browser.save_screenshot(str(shots / f"{name}.{lang}.{width}.png"))
    assert not problems, "\n".join(problems)


def _height(browser) -> int:
    """The page's full height, so the screenshot shows all of it."""
    return min(int(browser.execute_script("return document.documentElement.scrollHeight")), 6000)
