"""A small real register for the web tests: ordinary contributions and the hostile-inputs guide's
cases (plus markup aimed at a browser), registered by the real pipeline (poll_once)."""
from __future__ import annotations

from datetime import datetime, timezone

from mailbot.review import set_review
from mailbot.store import accounts
from mailbot.store.account_tables import Role
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime
from tests.hostile import messages as hostile

PASSWORD = "correct horse battery"
XSS_SUBJECT = '<script>alert("subject")</script>'
XSS_FILENAME = '"><img src=x onerror=alert(1)>.docx'
XSS_BODY = '</pre><script>alert("body")</script><img src=x onerror=alert(3)>'
XSS_NAME = "<b onmouseover=alert(4)>Minister</b>"
NOW = datetime(2020, 1, 10, 10, 0, tzinfo=timezone.utc)


def browser_cases() -> dict[str, bytes]:
    """Markup in every place a page shows mail: subject, file name, body, display name."""
    return {
        "web-subject": bytes(hostile.mail("web-subject", subject=XSS_SUBJECT)),
        "web-filename": hostile._attachment_named("web-filename", XSS_FILENAME, sender="focalweb@mfa.gov.ke"),
        "web-body": bytes(hostile.mail("web-body", body=XSS_BODY)),
        "web-name": bytes(hostile.mail("web-name", sender=f'"{XSS_NAME}" <name@mfa.gov.ke>')),
    }


def hostile_cases() -> dict[str, bytes]:
    return {**browser_cases(), **hostile.strict_from(), **hostile.header_injection(),
            **hostile.hostile_filenames(), **hostile.broken_structure()}


def build(tmp_path, *, users: bool = True, **env):
    """A runtime over a register of 4 contributions and the hostile cases, with one user per role."""
    runtime = make_runtime(tmp_path, now=NOW, **env)
    raws = [contribution(n) for n in range(1, 5)] + list(hostile_cases().values())
    poll_once(runtime, ListSource(raws))
    # One decision already taken, through the path `mailbot review set` takes.
    set_review(runtime, 1, "KEN", "known focal point", "fixture", False, now=NOW)
    if users:
        with runtime.session() as session:
            for role in Role:
                accounts.add_user(session, role.value, role, PASSWORD, NOW)
            session.commit()
    return runtime
