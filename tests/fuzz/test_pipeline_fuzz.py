"""Property tests over the stages that read untrusted bytes: parse, classify, attribute, acknowledge.

Arbitrary bytes and mutated real messages (../shared/corpus/mime): no exception escapes any stage
(the pipeline records a stage's exception as a failure: there must be none), every decision is one of
the known answers with a reason, and time is bounded (a generous per-example deadline that only a
pathological blow-up would hit). MAILBOT_FUZZ_EXAMPLES=5000 makes a long run; tests/fuzz/atheris_parse.py
runs the same check coverage-guided for hours.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot.pipeline import Stage, process
from mailbot.pipeline import acknowledge, attribute, classify, parse
from mailbot.kinds import KINDS
from mailbot.workitem import Fetched, WorkItem
from tests.backbone.fakes import make_runtime
from tests.corpus import corpus_dir

STAGES = tuple(Stage(name, module.run) for name, module in
               (("parse", parse), ("classify", classify), ("attribute", attribute), ("acknowledge", acknowledge)))
EXAMPLES = int(os.environ.get("MAILBOT_FUZZ_EXAMPLES", "120"))     # raise it for a long run
BOUNDED = settings(max_examples=EXAMPLES, deadline=10_000, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.function_scoped_fixture])
HOSTILE_PIECES = [
    b"\r\n", b"\r\n\r\n", b"\n", b"\r", b"--", b"\x00", b"\xff\xfe", b"=?utf-8?B?", b"=?utf-8?Q?=0D=0A?=", b"?=",
    b"Content-Type: multipart/mixed; boundary=\"b\"\r\n", b"\r\n--b\r\n", b"\r\n--b--\r\n",
    b"Content-Type: message/rfc822\r\n\r\n", b"Content-Transfer-Encoding: base64\r\n",
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n",
    b"Content-Disposition: attachment; filename*0*=utf-8''%2E%2E%2F; filename*1=x\r\n",
    b"From: a@mfa.gov.xx(<b@evil.example>\r\n", b"From: a@b@c\r\n", b"Auto-Submitted: auto-replied\r\n",
    b"Authentication-Results: mx1.itu.int; dmarc=fail\r\n", b"Return-Path: <>\r\n", b"List-Id: <x>\r\n",
    b"Message-ID: <x@mailbot.itu.int>\r\n", b"Subject: Automatic reply: x\r\n", b"%PDF-1.4\n", b"PK\x03\x04",
]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    made = make_runtime(tmp_path_factory.mktemp("fuzz"))
    yield made
    made.close()


def _check(runtime, raw: bytes) -> None:
    fetched = Fetched("memory", "INBOX", 1, "1", datetime(2020, 1, 10, 9, tzinfo=timezone.utc), raw)
    item = process(WorkItem(fetched=fetched, now=fetched.received_at), runtime, STAGES)
    failures = [(stage, text.splitlines()[-1]) for stage, text in item.failures]
    if failures and failures[0][0] == "parse" and "ParseError" in failures[0][1]:
        # bytes that are no message at all: kept, said so
        return
    assert failures == [], failures
    assert item.kind in KINDS and item.kind_reason
    assert not item.ack_due or (item.kind == "contribution" and item.parsed.sender is not None)
    if not item.ack_due:
        assert item.ack_reason
    parsed = item.parsed
    for value in (parsed.subject, parsed.from_header, *(address.name for address in parsed.from_addresses)):
        assert "\r" not in value and "\n" not in value


@BOUNDED
@given(raw=st.binary(max_size=6000))
def test_arbitrary_bytes_never_break_a_stage(runtime, raw):
    _check(runtime, raw)


@BOUNDED
@given(pieces=st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.binary(max_size=60)), max_size=80))
def test_hostile_header_and_mime_pieces_never_break_a_stage(runtime, pieces):
    _check(runtime, b"From: Focal <focal@mfa.gov.ke>\r\nSubject: x\r\n" + b"".join(pieces))


@pytest.fixture(scope="module")
def corpus_messages() -> list[bytes]:
    folder = corpus_dir() / "mime"
    if not folder.is_dir():
        pytest.skip(f"shared corpus not found at {folder} (set MAILBOT_CORPUS)")
    return [path.read_bytes() for path in sorted(folder.glob("*.eml")) if path.stat().st_size < 400_000]


def _mutate(raw: bytes, data) -> bytes:
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        if not raw:
            break
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        span = data.draw(st.integers(0, 400), label="span")
        action = data.draw(st.sampled_from(["delete", "duplicate", "insert", "flip", "truncate"]), label="action")
        if action == "delete":
            raw = raw[:at] + raw[at + span:]
        elif action == "duplicate":
            raw = raw[:at] + raw[at:at + span] * data.draw(st.integers(2, 50), label="times") + raw[at:]
        elif action == "insert":
            raw = raw[:at] + data.draw(st.sampled_from(HOSTILE_PIECES), label="piece") + raw[at:]
        elif action == "flip":
            raw = raw[:at] + bytes([raw[at] ^ data.draw(st.integers(1, 255), label="xor")]) + raw[at + 1:]
        else:
            raw = raw[:at]
    return raw


@pytest.mark.corpus
@BOUNDED
@given(data=st.data())
def test_mutated_real_messages_never_break_a_stage(runtime, corpus_messages, data):
    raw = data.draw(st.sampled_from(corpus_messages), label="message")
    _check(runtime, _mutate(raw, data))
