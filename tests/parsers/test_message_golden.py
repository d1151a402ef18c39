"""Golden messages: each tests/messages/<name>.eml parsed and classified as its <name>.json says."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mailbot.pipeline.classify import bounce_details, classify
from parsers.message import parse_message

MESSAGES = Path(__file__).resolve().parent.parent / "messages"
NAMES = sorted(path.stem for path in MESSAGES.glob("*.eml"))
OUR_DOMAIN = "consult.example.int"
SAFE_NAME = re.compile(r"att-\d{2,}-[0-9a-f]{8}\.[a-z0-9]{1,5}")


def test_golden_corpus_is_present():
    assert len(NAMES) >= 25
    assert all((MESSAGES / f"{name}.json").is_file() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_golden_message(name):
    expected = json.loads((MESSAGES / f"{name}.json").read_text(encoding="utf-8"))
    parsed = parse_message((MESSAGES / f"{name}.eml").read_bytes())
    kind, reason, trail = classify(parsed, our_domain=OUR_DOMAIN, loop_header="X-Mailbot-Loop",
                                   our_addresses=(f"consultation@{OUR_DOMAIN}",))

    assert (parsed.sender.address if parsed.sender else None) == expected["from"]
    assert parsed.subject == expected["subject"]
    assert kind == expected["kind"], reason
    assert reason and trail
    summary = [{"filename": a.filename, "sniffed_type": a.sniffed_type, "inline_image": a.is_inline_image}
               for a in parsed.attachments]
    assert summary == expected["attachments"]
    for attachment in parsed.attachments:
        assert SAFE_NAME.fullmatch(attachment.safe_name), attachment.safe_name
    assert len({a.safe_name for a in parsed.attachments}) == len(parsed.attachments)
    for wanted in expected["defects_contain"]:
        assert any(wanted in defect for defect in parsed.defects), (wanted, parsed.defects)
    assert len(parsed.forwarded) == expected["forwarded"]
    if expected.get("body_contains"):
        assert expected["body_contains"] in parsed.body_text
    if expected.get("body_excludes"):
        assert expected["body_excludes"] not in parsed.body_text
    if "forwarded_from" in expected:
        assert [f.sender.address for f in parsed.forwarded] == expected["forwarded_from"]
        assert [[a.filename for a in f.attachments] for f in parsed.forwarded] == expected["forwarded_attachments"]
    if "bounce" in expected:
        assert [list(detail) for detail in bounce_details(parsed)] == expected["bounce"]
    for value in (parsed.subject, parsed.from_header, *(a.name for a in parsed.to)):
        assert "\r" not in value and "\n" not in value
