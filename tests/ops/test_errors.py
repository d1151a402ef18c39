"""Item 1: every mistake ends in one line on stderr and a documented exit code, never a traceback."""
from __future__ import annotations

import os

import pytest

from tests.ops.cli import assert_one_line, mailbot


@pytest.mark.parametrize("now", ["yesterday", "2020-13-01", "2020-01-16T25:00"])
@pytest.mark.parametrize("command", [("run", "--once"), ("status",), ("preview", "digest")])
def test_a_bad_now_is_refused_in_one_line(tmp_path, command, now):
    result = mailbot(*command, "--now", now, state=tmp_path / "state")
    assert_one_line(result, 2, "--now", repr(now), "ISO 8601")
    assert result.out == ""


def test_a_state_folder_that_cannot_be_created(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    result = mailbot("run", "--once", state=tmp_path / "a-file" / "state")
    assert_one_line(result, 2, "cannot create the state folder", "a-file", "MAILBOT_STATE_DIR")


def _unwritable_folder(tmp_path):
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o500)
        return folder
    for candidate in ("/sys", "/proc/1"):   # root writes anywhere else
        if os.path.isdir(candidate) and not _writable(candidate):
            return candidate
    pytest.skip("as root, no existing folder here refuses writes")


def _writable(folder) -> bool:
    try:
        with open(os.path.join(folder, ".mailbot-probe"), "w"):
            pass
        os.unlink(os.path.join(folder, ".mailbot-probe"))
        return True
    except OSError:
        return False


@pytest.mark.parametrize("command", [("run", "--once"), ("status",), ("list",)])
def test_a_state_folder_that_exists_but_is_not_writable(tmp_path, command):
    folder = _unwritable_folder(tmp_path)
    result = mailbot(*command, state=folder)
    assert_one_line(result, 2, "exists but is not writable", str(folder))


@pytest.mark.parametrize("command", [
    ("show", "99999"), ("explain", "99999"), ("review", "set", "99999", "--states", "KEN"),
    ("preview", "ack", "99999"), ("reprocess", "99999"), ("show", "GCA-2020-9999")])
def test_an_unknown_id_is_refused_alike_by_every_command(demo_state, command):
    result = mailbot(*command, state=demo_state)
    assert_one_line(result, 2, f"no message {command[-1] if command[0] != 'review' else '99999'!r}",
                    "receipt number")
    assert result.out == ""


@pytest.mark.parametrize("command", [("show",), ("explain",), ("preview", "ack")])
def test_a_receipt_number_is_accepted_wherever_an_id_is(demo_state, command):
    by_reference = mailbot(*command, "gca-2020-0006", state=demo_state)
    assert by_reference.code == 0, by_reference.err
    assert "Traceback" not in by_reference.err


def test_review_set_and_reprocess_take_a_receipt_number(demo_copy):
    decided = mailbot("review", "set", "GCA-2020-0006", "--states", "KEN", "--note", "checked", state=demo_copy)
    assert decided.code == 0, decided.err
    assert "KEN" in decided.out
    replayed = mailbot("reprocess", "GCA-2020-0006", state=demo_copy)
    assert replayed.code == 0 and "reprocessed 1 message" in replayed.out


def test_an_unknown_option_is_one_line_with_exit_2(tmp_path):
    result = mailbot("list", "--bogus", state=tmp_path / "state")
    assert_one_line(result, 2, "--bogus")
