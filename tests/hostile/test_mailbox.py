"""The hostile mailbox as a whole: the worker survived, and case 14 (nothing to extract, never fetched twice)."""
from __future__ import annotations

import pytest

from tests.hostile import messages

pytestmark = pytest.mark.servers


def test_worker_survived_every_hostile_run(hostile):
    for run in hostile.runs:
        assert run.returncode == 0, run.stderr[-3000:]
        assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert len(hostile.records) == len(hostile.uids)            # every message registered, once
    failures = [record for record in hostile.records if record["status"] != "processed"]
    assert failures == [], [hostile.row(record["id"])["error_text"] for record in failures]


def test_case_14_mail_with_nothing_to_extract_is_processed_and_never_downloaded_twice(hostile, case):
    for tag in ("case14-empty", "case14-binary"):
        record, row = case(tag)
        assert row["status"] == "processed" and record["kind"] == "contribution"
        hostile.assert_acknowledged_once(messages.mid(tag), record)
    first, second = hostile.runs
    phase_one = {uid for tag, uid in hostile.uids.items() if uid in first.fetched_uids()}
    assert hostile.uids["case14-empty"] in phase_one and hostile.uids["case14-binary"] in phase_one
    assert second.fetched_uids(), "the second run fetched nothing: the phase-two mail is missing"
    assert not second.fetched_uids() & phase_one                # nothing from the first run came again
