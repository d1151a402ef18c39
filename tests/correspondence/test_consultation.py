"""The consultation file: loading, validation errors with file/line/key, the deadline edge."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from mailbot.consultation import is_late, load_consultation
from mailbot.errors import ConfigError
from tests.correspondence.conftest import CONSULTATION_FILE

GENEVA = ZoneInfo("Europe/Zurich")


def test_the_shipped_file_holds_the_call(consultation):
    assert consultation.reference == "CL-19/47"
    assert consultation.deadline == date(2020, 1, 15)
    assert consultation.reminders.offsets_days == [30, 14, 3]
    assert [m.name for m in consultation.milestones] == [
        "draft_posted",
        "wsis_forum",
        "final_draft",
        "council",
    ]
    council = consultation.milestone("council")
    assert (council.date, council.end_date) == (date(2020, 6, 9), date(2020, 6, 19))
    assert consultation.milestone("wsis_forum").date is None
    assert consultation.reminder_dates() == {
        30: date(2019, 12, 16),
        14: date(2020, 1, 1),
        3: date(2020, 1, 12),
    }


@pytest.mark.parametrize(
    "local, late",
    [
        (datetime(2020, 1, 15, 23, 30, tzinfo=GENEVA), False),
        (datetime(2020, 1, 15, 23, 59, 59, 999999, tzinfo=GENEVA), False),
        (datetime(2020, 1, 16, 0, 0, tzinfo=GENEVA), True),
        (datetime(2020, 1, 16, 0, 10, tzinfo=GENEVA), True),
        (datetime(2020, 1, 10, 9, 0, tzinfo=GENEVA), False),
    ],
)
def test_deadline_is_end_of_day_in_geneva(consultation, local, late):
    assert is_late(local, consultation) is late
    assert is_late(local.astimezone(timezone.utc), consultation) is late
    # naive values (as older rows may hold) are UTC
    assert is_late(local.astimezone(timezone.utc).replace(tzinfo=None), consultation) is late


def test_exact_deadline_time(tmp_path):
    text = CONSULTATION_FILE.read_text(encoding="utf-8").replace(
        "deadline = 2020-01-15\n", "deadline = 2020-01-15T18:00:00\n"
    )
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    consultation = load_consultation(path)
    assert not is_late(datetime(2020, 1, 15, 18, 0, tzinfo=GENEVA), consultation)
    assert is_late(datetime(2020, 1, 15, 18, 0, 1, tzinfo=GENEVA), consultation)


def _broken(tmp_path, old: str, new: str):
    text = CONSULTATION_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_consultation(path)
    return info.value, text.replace(old, new, 1).splitlines()


@pytest.mark.parametrize(
    "old, new, key, needle",
    [
        ('timezone = "Europe/Zurich"', 'timezone = "Europe/Geneva_Typo"', "timezone", "timezone ="),
        ("offsets_days = [30, 14, 3]", "offsets_days = [30, -1]", "reminders.offsets_days", "offsets_days"),
        ('inbox = "contributions@itu.int"', 'inbox = "not an address"', "inbox", "inbox ="),
        (
            'recipients = ["gca-secretariat@itu.int"]',
            'recipients = ["x@y.org", "bad\\r\\nBcc: z@w"]',
            "digest.recipients",
            "recipients =",
        ),
        ("date = 2020-04-20", "date = 2020-04-20\nwhen = 2020-04-21", "milestones.2.when", "when ="),
        ('zh = "在线发布指导原则最终草案"\n', "", "milestones.2.label", "[milestones.label]"),
        ('next_milestone = "draft_posted"', 'next_milestone = "nothing"', "next_milestone", "next_milestone"),
    ],
)
def test_errors_name_file_line_and_key(tmp_path, old, new, key, needle):
    error, lines = _broken(tmp_path, old, new)
    assert error.file and error.file.endswith("broken.toml")
    if key:
        assert error.key == key
    assert error.line is not None
    assert needle in lines[error.line - 1]


def test_local_deadline_must_not_carry_an_offset(tmp_path):
    error, _ = _broken(tmp_path, "deadline = 2020-01-15\n", "deadline = 2020-01-15T23:59:00+01:00\n")
    assert error.key == "deadline" and "local" in str(error)


def test_not_toml(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("id = \n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_consultation(path)
    assert info.value.line == 1


def test_the_old_focal_points_key_is_refused_naming_the_one_key(tmp_path):
    """One key names the focal points file: attribution.focal_points; the consultation file's old key
    is refused in one line (exit 2), not silently ignored."""
    import subprocess
    import sys

    from mailbot.config import PROJECT_ROOT

    error, lines = _broken(tmp_path, 'deadline = 2020-01-15\n',
                           'deadline = 2020-01-15\nfocal_points = "../focal_points.toml"\n')
    assert error.key == "focal_points" and "focal_points" in lines[error.line - 1]
    assert "[attribution]" in str(error)
    env = {"PATH": "/usr/bin:/bin", "MAILBOT_STATE_DIR": str(tmp_path / "state"),
           "MAILBOT_CONSULTATION_FILE": str(tmp_path / "broken.toml")}
    done = subprocess.run([sys.executable, "-m", "mailbot", "notices", "plan", "--now", "2019-12-16T09:00+01:00"],
                          env=env, capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "attribution" in done.stderr
