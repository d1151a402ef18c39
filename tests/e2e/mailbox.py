"""Driving `mailbot` as a user would: a subprocess against the test Dovecot and SMTP sink."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from tests.builders import docx_bytes, message

REPO_ROOT = Path(__file__).resolve().parents[2]


def mailbot_env(state_dir: Path, account=None, sink=None, **extra) -> dict[str, str]:
    """Environment for a mailbot subprocess: state folder, IMAP account and SMTP sink."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAILBOT_")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    env["MAILBOT_STATE_DIR"] = str(state_dir)
    if account is not None:
        env |= {"MAILBOT_IMAP_HOST": account.host, "MAILBOT_IMAP_PORT": str(account.port),
                "MAILBOT_IMAP_USER": account.user, "MAILBOT_IMAP_PASSWORD": account.password,
                "MAILBOT_IMAP_SECURITY": "plain", "MAILBOT_IMAP_TIMEOUT": "10"}
    if sink is not None:
        env |= {"MAILBOT_SMTP_HOST": sink.host, "MAILBOT_SMTP_PORT": str(sink.port),
                "MAILBOT_SMTP_SECURITY": "plain", "MAILBOT_SMTP_TIMEOUT": "10",
                "MAILBOT_OUTBOX_BACKOFF_SECONDS": "0"}
    env |= {key: str(value) for key, value in extra.items()}
    return env


def run_mailbot(env: dict[str, str], *args: str, check: bool = True, timeout: float = 300):
    result = subprocess.run([sys.executable, "-m", "mailbot", *args], env=env, cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"mailbot {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return result


def export(env: dict[str, str]) -> list[dict]:
    return json.loads(run_mailbot(env, "export", "--format", "json").stdout)


def contribution(number: int, *, domain: str = "mfa.gov.ke", attach: str | None = None) -> bytes:
    """The end-to-end tests' contribution: each number its own sender (as a real inbox's mail)."""
    documents = [(f"contribution-{number}.docx",
                  docx_bytes(f"Contribution {number}: national cybersecurity strategy and CIRT capacity."))]
    return message(sender=f"Focal Point {number} <focal{number}@{domain}>",
                   subject=f"Contribution {number} on the GCA guidelines", message_id=f"<c{number}.{domain}@mail.{domain}>",
                   date="Thu, 09 Jan 2020 10:00:00 +0100",
                   body=f"Dear colleagues,\n\nPlease find our contribution number {number} on the draft "
                   "guidelines for utilization of the Global Cybersecurity Agenda.\n\nBest regards",
                   documents=documents if attach == "docx" else ())


def auto_reply(number: int) -> bytes:
    return message(sender=f"Absent Person <absent{number}@mfa.gov.ke>", subject="Automatic reply: GCA guidelines",
                   message_id=f"<ooo{number}@mail.mfa.gov.ke>", headers={"Auto-Submitted": "auto-replied"},
                   body="I am out of the office until 20 January.")


def newsletter(number: int) -> bytes:
    return message(sender="Cyber Policy Weekly <news@cyberpolicy.example.org>", subject=f"Cyber Policy Weekly #{number}",
                   message_id=f"<news{number}@cyberpolicy.example.org>",
                   headers={"List-Id": "<weekly.cyberpolicy.example.org>", "Precedence": "bulk"},
                   body="This week in cyber policy.")


def mixed_mailbox(count: int, docx_every: int = 10) -> tuple[list[bytes], int]:
    """`count` messages: mostly contributions, some auto-replies and newsletters; returns (raws, contributions)."""
    raws, contributions = [], 0
    for number in range(count):
        if number % 10 == 3:
            raws.append(auto_reply(number))
        elif number % 10 == 7:
            raws.append(newsletter(number))
        else:
            raws.append(contribution(number, attach="docx" if number % docx_every == 0 else None))
            contributions += 1
    return raws, contributions
