"""The development set's scorer, on handmade label records and export rows (no CLI run, no timing)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("attribution_devset", ROOT / "bench" / "attribution_devset.py")
scorer = importlib.util.module_from_spec(_spec)
sys.modules["attribution_devset"] = scorer     # dataclasses look their module up there
_spec.loader.exec_module(scorer)


def label(file, cls, kind, states, review, receipt, at, mid, dup=None, resend=False):
    return {"file": file, "class": cls, "kind": kind, "states": states, "must_review": review,
            "receipt_expected": receipt, "late": None, "received_at": at, "message_id": mid,
            "duplicate_of": dup, "resend_answer_expected": resend, "note": ""}


LABELS = [
    label("a.eml", "joint", "contribution", ["KEN", "UGA"], None, True, "2019-11-01T10:00:00+00:00", "<a@x>"),
    label("b.eml", "phishing", "other", [], None, False, "2019-11-02T10:00:00+00:00", "<b@x>"),
    label("c.eml", "resend", "contribution", ["KEN", "UGA"], None, False, "2019-11-05T10:00:00+00:00", "<c@x>",
          dup="a.eml", resend=True),
    label("d.eml", "robot", ["bounce", "delay"], [], None, False, "2019-11-06T10:00:00+00:00", "<d@x>"),
]


def row(mid, at, kind, states, review=False, ack="suppressed", dup=None, ref=None):
    return {"message_id": mid, "received_at": at, "kind": kind, "states": states, "needs_review": review,
            "review_reasons": [], "reference": ref, "ack": {"status": ack}, "duplicate_of": dup, "late": False}


def test_labels_load_one_record_a_line_and_corpus_records_can_be_left_out(tmp_path):
    path = tmp_path / "labels.jsonl"
    corpus = dict(LABELS[1], file="corpus:mime/x.eml")
    path.write_text("\n".join(json.dumps(r) for r in LABELS + [corpus]) + "\n", encoding="utf-8")
    assert len(scorer.load_labels(path)) == 5
    assert [r["file"] for r in scorer.load_labels(path, with_corpus=False)] == ["a.eml", "b.eml", "c.eml", "d.eml"]


def test_rows_match_by_receipt_time_even_when_written_in_another_offset():
    rows = [row("<other>", "2019-11-01T11:00:00+01:00", "contribution", [])]
    assert scorer.match_rows(LABELS[:1], rows) == {"a.eml": rows[0]}


def test_a_half_found_joint_a_phishing_receipt_and_an_unanswered_resend_are_all_counted():
    rows = [row("<a@x>", "2019-11-01T10:00:00+00:00", "contribution", ["KEN"], ack="sent", ref="GCA-2020-0001"),
            row("<b@x>", "2019-11-02T10:00:00+00:00", "contribution", ["GHA"], ack="sent", ref="GCA-2020-0002"),
            row("<c@x>", "2019-11-05T10:00:00+00:00", "contribution", ["KEN", "UGA"], dup="<a@x>",
                ref="GCA-2020-0003"),
            row("<d@x>", "2019-11-06T10:00:00+00:00", "bounce", [])]
    report = scorer.score(LABELS, scorer.match_rows(LABELS, rows), answers={})
    t = report.overall
    assert (t.tp, t.fp, t.fn) == (3, 1, 1)
    assert t.kind_right == 3                     # the phishing mail was taken for a contribution
    assert t.unwanted_receipts == 1              # ...and got a receipt; the recognised resend did not
    assert (t.resends, t.resends_answered) == (1, 0)
    assert report.per_class["joint"].recall() == 0.5
    missed = {(f, e.split("=")[0]) for f, e, _ in report.misses}
    assert {("a.eml", "states"), ("b.eml", "states"), ("b.eml", "kind"), ("b.eml", "receipt"),
            ("c.eml", "resend answer")} == missed
    assert any("recall" in s for s in scorer.shortfalls(report))


def test_a_resend_answered_by_mail_counts_and_the_table_prints_every_class():
    rows = [row("<a@x>", "2019-11-01T10:00:00+00:00", "contribution", ["KEN", "UGA"], ack="sent"),
            row("<b@x>", "2019-11-02T10:00:00+00:00", "other", []),
            row("<c@x>", "2019-11-05T10:00:00+00:00", "contribution", ["KEN", "UGA"], ack="sent", dup="<a@x>"),
            row("<d@x>", "2019-11-06T10:00:00+00:00", "delay", [])]
    answers = scorer.replies_by_message_id([b"Subject: Already registered\r\nIn-Reply-To: <c@x>\r\n\r\nx\r\n"])
    report = scorer.score(LABELS, scorer.match_rows(LABELS, rows), answers)
    assert report.misses == []
    assert report.overall.resends_answered == 1 and report.overall.unwanted_receipts == 0
    assert scorer.shortfalls(report) == []
    table = scorer.format_report(report, show_misses=True)
    for name in ("joint", "phishing", "resend", "robot", "ALL", "misses (0)"):
        assert name in table


def test_mail_is_delivered_a_week_at_a_time_in_receipt_order_and_each_run_follows_its_last_message():
    batches = scorer.weekly_batches(list(reversed(LABELS)) + [dict(LABELS[0], file="e.eml",
                                                                      received_at="2019-11-09T10:00:00+00:00")])
    assert [[lab["file"] for lab in b] for _, b in batches] == [["a.eml", "b.eml", "c.eml", "d.eml"], ["e.eml"]]
    assert [now for now, _ in batches] == ["2019-11-06T11:00+00:00", "2019-11-09T11:00+00:00"]
