"""The suppression list end to end, through the real command: a bounce arrives, the next reminder run
skips the address, `mailbot suppressions remove` brings it back (Maildir in, file outbox out)."""
from __future__ import annotations

import email
import json
import subprocess
import sys
from email.policy import default
from pathlib import Path

from mailbot.config import DEFAULT_CONSULTATION, PROJECT_ROOT

CORPUS = Path(__file__).parent / "corpus"
EGYPT, KENYA = "itu.focal@tra.gov.eg", "ict.focal@mfa.go.ke"


def _setup(tmp_path: Path) -> dict[str, str]:
    focal = tmp_path / "focal_points.toml"
    focal.write_text(f'[[focal_point]]\nstate = "EGY"\naddress = "{EGYPT}"\nlanguage = "ar"\n\n'
                     f'[[focal_point]]\nstate = "KEN"\naddress = "{KENYA}"\nlanguage = "en"\n', encoding="utf-8")
    consultation = DEFAULT_CONSULTATION     # the focal points file is the settings' attribution.focal_points
    inbox = tmp_path / "inbox"
    for folder in ("new", "cur", "tmp"):
        (inbox / folder).mkdir(parents=True)
    return {"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin", "MAILBOT_STATE_DIR": str(tmp_path / "state"),
            "MAILBOT_MAILDIR_PATH": str(inbox), "MAILBOT_CONSULTATION_FILE": str(consultation),
            "MAILBOT_ATTRIBUTION_FOCAL_POINTS": str(focal)}


def _deliver_bounce(tmp_path: Path, name: str, original_id: str) -> None:
    """A real Postfix report (tests/robots/corpus) about Egypt's focal point and `original_id`."""
    bounce = (CORPUS / "postfix" / "refusing_host.eml").read_bytes().replace(
        b"unknown.person@refusing.example", EGYPT.encode()).replace(b"<corpus-3@consult.example.int>",
                                                                     original_id.encode())
    (tmp_path / "inbox" / "new" / name).write_bytes(bounce)


def _mailbot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailbot", *args], env=env, capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)


def _reminders(tmp_path: Path) -> dict[str, list[str]]:
    """Recipients of each reminder the file outbox holds, by Message-ID."""
    found = {}
    for path in sorted((tmp_path / "state" / "outbox").glob("*.eml")):
        mail = email.message_from_bytes(path.read_bytes(), policy=default)
        if "digest" not in str(mail["Subject"]).lower():
            found[str(mail["Message-ID"])] = [str(address) for address in mail["To"].addresses]
    return found


def test_a_bounce_suppresses_the_next_reminder_and_remove_brings_it_back(tmp_path):
    env = _setup(tmp_path)
    # 30 days before the deadline: both focal points are reminded.
    assert _mailbot(env, "run", "--once", "--now", "2019-12-16T10:00:00+01:00").returncode == 0
    [egypt_reminder] = [mid for mid, to in _reminders(tmp_path).items() if to == [EGYPT]]

    # A forged report, about a message we never sent, must not silence Egypt: kept for a person instead.
    _deliver_bounce(tmp_path, "1576490400.M1P1.robots", "<forged.1@consult.example.int>")
    assert _mailbot(env, "run", "--once", "--now", "2019-12-16T11:00:00+01:00").returncode == 0
    assert json.loads(_mailbot(env, "suppressions", "list", "--json").stdout) == []
    [forged] = [r for r in json.loads(_mailbot(env, "export", "--format", "json").stdout) if r["kind"] == "bounce"]
    assert forged["needs_review"] and any("we did not send" in reason and EGYPT in reason
                                          for reason in forged["review_reasons"])

    # The real report, about our reminder to Egypt.
    _deliver_bounce(tmp_path, "1576576800.M2P1.robots", egypt_reminder)
    first = _mailbot(env, "run", "--once", "--now", "2019-12-17T10:00:00+01:00")
    assert first.returncode == 0, first.stderr
    listed = _mailbot(env, "suppressions", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    [entry] = json.loads(listed.stdout)
    assert entry["address"] == EGYPT and entry["status"] == "5.1.1" and "User unknown" in entry["diagnostic"]

    # The bounce: recorded as such, with its bounce object, and Egypt's focal point flagged.
    records = [r for r in json.loads(_mailbot(env, "export", "--format", "json").stdout) if r["kind"] == "bounce"]
    record = records[-1]
    assert record["bounce"] == {"recipients": [
        {"address": EGYPT, "status": "5.1.1", "action": "failed", "permanent": True}]}
    assert record["ack"]["status"] == "suppressed" and record["needs_review"]
    assert any("focal point address" in reason and "EGY" in reason for reason in record["review_reasons"])

    # 14 days before the deadline: Kenya is reminded, Egypt's bounced address is not.
    before = set(_reminders(tmp_path))
    assert _mailbot(env, "run", "--once", "--now", "2020-01-01T10:00:00+01:00").returncode == 0
    new = [to for mid, to in _reminders(tmp_path).items() if mid not in before]
    assert [KENYA] in new and not any(EGYPT in to for to in new)

    removed = _mailbot(env, "suppressions", "remove", EGYPT, "--note", "new address confirmed by phone")
    assert removed.returncode == 0 and "removed" in removed.stdout
    assert json.loads(_mailbot(env, "suppressions", "list", "--json").stdout) == []
    again = _mailbot(env, "suppressions", "remove", EGYPT)
    assert again.returncode == 1 and "not on the suppression list" in again.stderr and "Traceback" not in again.stderr

    # 3 days before: Egypt is written to again; replaying the old bounce does not suppress it again.
    assert _mailbot(env, "reprocess", "--all").returncode == 0
    assert json.loads(_mailbot(env, "suppressions", "list", "--json").stdout) == []
    before = set(_reminders(tmp_path))
    assert _mailbot(env, "run", "--once", "--now", "2020-01-12T10:00:00+01:00").returncode == 0
    assert any(to == [EGYPT] for mid, to in _reminders(tmp_path).items() if mid not in before)

    # A person who checked a report mailbot could not tie to our mail suppresses the address by hand.
    added = _mailbot(env, "suppressions", "add", KENYA.upper(), "--note", "bounce checked with the mission")
    assert added.returncode == 0 and f"{KENYA} added" in added.stdout, added.stderr
    [entry] = json.loads(_mailbot(env, "suppressions", "list", "--json").stdout)
    assert entry["address"] == KENYA and "bounce checked with the mission" in entry["diagnostic"]
    refused = _mailbot(env, "suppressions", "add", "not an address")
    assert refused.returncode == 2 and "not an email address" in refused.stderr and "Traceback" not in refused.stderr
