"""The held-out set's labels parse, name files that exist, and can be read by the devset scorer (no CLI run)."""
from __future__ import annotations

import importlib.util
import re
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "tests" / "holdout"
_spec = importlib.util.spec_from_file_location("holdout_scorer", ROOT / "bench" / "attribution_devset.py")
scorer = importlib.util.module_from_spec(_spec)
sys.modules["holdout_scorer"] = scorer     # dataclasses look their module up there
_spec.loader.exec_module(scorer)

FIELDS = {"file", "class", "kind", "states", "must_review", "receipt_expected", "late", "received_at",
          "message_id", "duplicate_of", "resend_answer_expected", "note"}
LABELS = scorer.load_labels(HOLDOUT / "labels.jsonl")


def test_every_label_has_the_devset_fields_and_sane_values():
    assert len(LABELS) >= 160
    files = {lab["file"] for lab in LABELS}
    assert len(files) == len(LABELS)
    assert len({scorer.instant(lab["received_at"]) for lab in LABELS}) == len(LABELS)   # the scorer matches by time
    for lab in LABELS:
        assert set(lab) == FIELDS, lab["file"]
        assert all(re.fullmatch(r"[A-Z]{3}", s) for s in lab["states"]), lab["file"]
        assert lab["must_review"] in (True, False, None)
        assert not lab["duplicate_of"] or lab["duplicate_of"] in files
        assert scorer.expected_kinds(lab) <= {"contribution", "other", "reply"}


@pytest.mark.parametrize("lab", LABELS, ids=lambda lab: lab["file"])
def test_each_file_exists_and_carries_its_labelled_message_id(lab):
    raw = (HOLDOUT / "messages" / lab["file"]).read_bytes()
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["Message-ID"].strip() == lab["message_id"]


def test_every_class_of_the_brief_has_at_least_eight_messages():
    counts: dict[str, int] = {}
    for lab in LABELS:
        counts[lab["class"]] = counts.get(lab["class"], 0) + 1
    assert min(counts.values()) >= 8, counts


def test_the_scorer_takes_another_set_and_refuses_a_folder_without_one(tmp_path, capsys):
    assert scorer.source_file(LABELS[0], None, HOLDOUT / "messages").is_file()
    with pytest.raises(SystemExit) as stop:
        scorer.main(["--set", str(tmp_path)])
    assert stop.value.code == 2
    assert "labels.jsonl" in capsys.readouterr().err
