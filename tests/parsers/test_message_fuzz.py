"""Property tests: any bytes, and mutated real messages, give a ParsedMessage or a ParseError, never a crash."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.errors import ParseError
from mailbot.kinds import KINDS
from mailbot.pipeline.classify import ack_allowed, bounce_details, classify
from parsers.message import parse_message
from parsers.types import ParsedMessage
from tests.corpus import require_corpus

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOKENS = [b"\r\n", b"\n\n", b"--", b"=?utf-8?B?", b"?=", b"=?x-bogus?Q?=FF?=", b'; boundary="b"', b"\r\n--b\r\n",
          b"Content-Type: multipart/mixed; boundary=b\r\n", b"Content-Type: message/rfc822\r\n\r\n",
          b"Content-Transfer-Encoding: base64\r\n", b"Content-Transfer-Encoding: x-uuencode\r\n",
          b"filename*0*=utf-8''%D0%90;", b"From: a@b(<c@d>\r\n", b"\x00", b"\xff\xfe", b"\xd0\xcf\x11\xe0",
          b"Auto-Submitted: auto-replied\r\n", b"report-type=delivery-status", b"begin 644 x\r\n"]
MAX_DEPTH = 6


def _depth(parsed: ParsedMessage) -> int:
    return 1 + max((_depth(inner) for inner in parsed.forwarded), default=0)


def _check(raw: bytes) -> None:
    try:
        parsed = parse_message(raw, max_depth=MAX_DEPTH, max_parts=200)
    except ParseError as err:
        assert "unexpectedly" not in str(err), str(err)
        return
    assert _depth(parsed) <= MAX_DEPTH
    assert all("\n" not in value and "\r" not in value for value in (parsed.subject, parsed.from_header))
    kind, reason, _ = classify(parsed, our_domain="consult.example.int", loop_header="X-Mailbot-Loop",
                               our_addresses=("consultation@consult.example.int",))
    assert kind in KINDS and reason
    ack_allowed(parsed, kind)
    bounce_details(parsed)


@FUZZ
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash(raw):
    _check(raw)


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=40)), max_size=60))
def test_mime_shaped_noise_never_crashes(pieces):
    _check(b"From: x@y.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" + b"".join(pieces))


@pytest.fixture(scope="module")
def corpus_messages() -> list[bytes]:
    folder = require_corpus("mime")
    return [path.read_bytes() for path in sorted(folder.glob("*.eml")) if path.stat().st_size < 300_000]


@pytest.mark.corpus
@FUZZ
@given(data=st.data())
def test_mutated_corpus_messages_never_crash(corpus_messages, data):
    raw = bytearray(data.draw(st.sampled_from(corpus_messages)))
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if action == "flip" and position < len(raw):
            raw[position] = data.draw(st.integers(0, 255))
        elif action == "insert":
            raw[position:position] = data.draw(st.sampled_from(TOKENS))
        elif action == "delete":
            del raw[position:position + data.draw(st.integers(1, 200))]
        elif action == "truncate":
            del raw[position:]
        else:
            raw[position:position] = raw[position:position + 300] * data.draw(st.integers(1, 5))
    _check(bytes(raw))
