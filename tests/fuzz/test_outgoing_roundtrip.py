"""Round trip on outgoing mail: whatever subject, display name or file name a contribution carries
(line breaks, NUL, bidi controls, any script, encoded words inside encoded words), the acknowledgement
goes to exactly the sender, with exactly our headers, and reads back with the strict parser."""
from __future__ import annotations

import base64
import email
import itertools
import os
from email import policy
from email.headerregistry import Address
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot.outbox.deliver import deliver_due
from tests.backbone.fakes import ListSource, make_runtime
from mailbot.worker import poll_once

ROUND_TRIP = settings(max_examples=int(os.environ.get("MAILBOT_FUZZ_EXAMPLES", "80")), deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# Header names an acknowledgement may carry; anything else means a value escaped into a header.
OUR_HEADERS = {"from", "to", "subject", "date", "message-id", "in-reply-to", "references", "auto-submitted",
               "x-auto-response-suppress", "x-mailbot-loop", "mime-version", "content-type",
               "content-transfer-encoding", "content-language", "reply-to", "content-disposition"}
NASTY = st.sampled_from(["\r\n", "\n", "\r", "\x00", "\u2028", "\u202e", "\x85", "Bcc: x@evil.example",
                         "\r\nTo: x@evil.example", "=?utf-8?B?DQpCY2M6IHhAZXZpbC5leGFtcGxl?=", ",", ";", "<", ">",
                         "\"", "\\", "@", ":", "%", "{{ 7*7 }}", "{% raw %}"])
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=8).map("".join)
counter = itertools.count()


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    made = make_runtime(tmp_path_factory.mktemp("roundtrip"), MAILBOT_ACK_DAILY_CAP_PER_RECIPIENT="1000")
    yield made
    made.close()


def _encoded(text: str) -> bytes:
    return b"=?utf-8?B?" + base64.b64encode(text.encode("utf-8", "surrogatepass")) + b"?="


def _inbound(number: int, subject: str, name: str, filename: str) -> tuple[bytes, str]:
    sender = f"focal{number}@mfa.gov.ke"
    raw = (b"From: " + _encoded(name) + b" <" + sender.encode() + b">\r\nTo: contributions@itu.int\r\n"
           b"Subject: " + _encoded(subject) + b"\r\nMessage-ID: <rt" + str(number).encode() + b"@mfa.gov.ke>\r\n"
           b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="rt"\r\n\r\n--rt\r\n'
           b"Content-Type: text/plain; charset=utf-8\r\n\r\nOur contribution to the GCA guidelines.\r\n--rt\r\n"
           b"Content-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''"
           + quote(filename.encode("utf-8", "surrogatepass"), safe="").encode()
           + b"\r\n\r\n%PDF-1.4\r\n--rt--\r\n")
    return raw, sender


@ROUND_TRIP
@given(subject=TEXT, name=TEXT, filename=TEXT)
def test_acknowledgement_goes_to_exactly_the_sender_with_exactly_our_headers(runtime, subject, name, filename):
    number = next(counter)
    raw, sender = _inbound(number, subject, name, filename)
    before = len(runtime.transport.sent)
    report = poll_once(runtime, ListSource([raw], uidvalidity=number + 1))
    assert report.acks_queued == 1 and report.failed == 0
    deliver_due(runtime)
    (envelope_from, recipients, sent), = runtime.transport.sent[before:]
    assert recipients == [sender]
    message = email.message_from_bytes(sent, policy=policy.default)
    names = [key.lower() for key in message.keys()]
    assert set(names) <= OUR_HEADERS, set(names) - OUR_HEADERS
    assert all(names.count(single) == 1 for single in ("to", "subject", "from", "message-id"))
    (to,) = message["To"].addresses
    assert isinstance(to, Address) and to.addr_spec == sender
    assert message["In-Reply-To"] == f"<rt{number}@mfa.gov.ke>"
    head = sent.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    assert all(line[:1] in (b" ", b"\t") or b":" in line for line in head.split(b"\n"))   # no stray lines
    assert "\n" not in str(message["Subject"]) and "\r" not in str(message["Subject"])
    assert not message.defects and not any(part.defects for part in message.walk())
