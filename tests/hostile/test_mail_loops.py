"""Guide cases 1-8: mail loops and backscatter, through the whole pipeline against Dovecot."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.e2e.mailbox import mailbot_env, run_mailbot
from tests.hostile import messages
from tests.hostile.conftest import DSN_ANSWERS, LOOP_RETURNS, OUR_DOMAIN

pytestmark = pytest.mark.servers


def test_case_01_auto_submitted_any_value_but_no_is_automated_never_acknowledged(hostile, case):
    for tag in messages.AUTO_SUBMITTED:
        record, row = case(tag)
        assert record["kind"] == "auto_reply", tag
        assert "Auto-Submitted" in row["kind_reason"]
        hostile.assert_not_acknowledged(messages.mid(tag), record)
    control, _ = case(messages.AUTO_SUBMITTED_NO)          # "no" is a person writing
    assert control["kind"] == "contribution"
    hostile.assert_acknowledged_once(messages.mid(messages.AUTO_SUBMITTED_NO), control)


def test_case_02_precedence_bulk_junk_list_and_list_headers_get_no_acknowledgement(hostile, case):
    for tag in messages.LIST_HEADERS:
        record, row = case(tag)
        assert record["kind"] == "other", tag
        assert "list" in row["kind_reason"].lower() or "bulk" in row["kind_reason"].lower()
        hostile.assert_not_acknowledged(messages.mid(tag), record)


def test_case_03_empty_return_path_and_robot_senders_get_no_acknowledgement(hostile, case):
    for tag in [*messages.ROBOT_SENDERS, messages.EMPTY_RETURN_PATH]:
        record, row = case(tag)
        assert record["kind"] in ("other", "bounce"), tag
        hostile.assert_not_acknowledged(messages.mid(tag), record)
    _, row = case(messages.EMPTY_RETURN_PATH)
    assert "return path" in row["kind_reason"]


def test_case_04_delivery_report_is_a_bounce_matched_to_our_outbox_row(hostile, case):
    record, row = case("case04-dsn")
    assert record["kind"] == "bounce"
    hostile.assert_not_acknowledged(messages.mid("case04-dsn"), record)
    bounced = hostile.record(messages.mid(DSN_ANSWERS))
    assert bounced["ack"]["status"] == "failed"                   # the outbox row it answers
    assert "5.1.1" in bounced["ack"]["reason"]
    address = bounced["from_address"]
    events = hostile.query("SELECT detail FROM event WHERE kind = 'bounce'")
    assert [detail for (detail,) in events if detail.startswith(address)]   # that address marked failing
    assert "bounce" in hostile.runs[-1].stdout or any(address in detail for (detail,) in events)


def test_case_04_staff_are_told_of_the_bounce_in_the_next_digest(imap_account, smtp, tmp_path):
    """Inside the consultation's calendar (--now): the acknowledgement bounces, the digest says so."""
    imap_account.append("INBOX", bytes(messages.mail("case04-digest")),
                        internaldate=datetime(2020, 1, 9, 10, 0, tzinfo=timezone.utc))
    env = mailbot_env(tmp_path / "state", imap_account, smtp)
    run_mailbot(env, "run", "--once", "--now", "2020-01-09T10:05:00+00:00")
    (ack,) = [mail for mail in smtp.messages if mail.message()["In-Reply-To"] == messages.mid("case04-digest")]
    imap_account.append("INBOX", messages.dsn_for("case04-digest-dsn", ack.rcpt_tos[0], ack.message()["Message-ID"]),
                        internaldate=datetime(2020, 1, 9, 11, 0, tzinfo=timezone.utc))
    run_mailbot(env, "run", "--once", "--now", "2020-01-10T08:30:00+01:00")
    digests = [mail for mail in smtp.messages if "gca-secretariat@itu.int" in mail.rcpt_tos
               and mail.message()["Date"] and "10 Jan 2020" in mail.message()["Date"]]
    assert len(digests) == 1
    body = digests[0].message().get_body(("plain",)).get_content()
    problems = body.split("Delivery problems", 1)[1].split("==", 2)[1]
    assert ack.rcpt_tos[0] in problems and "5.1.1" in problems


def test_case_05_our_own_mail_coming_back_is_dropped_as_a_loop(hostile, case):
    for tag in ("case05-our-ack", "case05-our-domain", "case05-our-address"):
        record, row = case(tag)
        assert record["kind"] == "loop", tag
        assert record["reference"] is None
        assert hostile.replies_to(record["message_id"]) == []
        assert record["ack"]["status"] == "suppressed"
    returned, _ = case("case05-our-ack")
    original = hostile.replies_to(messages.mid(LOOP_RETURNS))[0].message()
    assert returned["message_id"] == original["Message-ID"]
    assert returned["message_id"].endswith(f"@{OUR_DOMAIN}>")
    loops = hostile.query("SELECT detail FROM event WHERE kind = 'loop'")
    assert len(loops) >= 3                                          # each logged for staff


@pytest.mark.parametrize("tags", [list(messages.OUT_OF_OFFICE)], ids=["built"])
def test_case_06_out_of_office_replies_are_auto_replies_never_acknowledged(hostile, case, tags):
    corpus = [tag for tag in hostile.uids if tag.startswith("case06-corpus")]
    for tag in tags + corpus:
        record, row = case(tag)
        assert record["kind"] == "auto_reply", f"{tag}: {row['kind_reason']}"
        hostile.assert_not_acknowledged(record["message_id"], record)


def test_case_07_sixty_mails_from_one_sender_all_registered_acks_capped_staff_told_once(hostile, case):
    records = [case(f"case07-{number:02d}")[0] for number in range(messages.FLOOD_COUNT)]
    assert all(record["kind"] == "contribution" for record in records)
    assert len({record["reference"] for record in records}) == messages.FLOOD_COUNT   # all registered
    sent = [mail for mail in hostile.sent if messages.FLOOD_SENDER in mail.rcpt_tos]
    capped = [record for record in records if record["ack"]["status"] == "suppressed"]
    assert 0 < len(sent) < messages.FLOOD_COUNT
    assert len(sent) + len(capped) == messages.FLOOD_COUNT
    assert all("cap" in record["ack"]["reason"] for record in capped)
    told = hostile.query("SELECT detail FROM event WHERE kind = 'ack_cap'")
    assert len([detail for (detail,) in told if messages.FLOOD_SENDER in detail]) == 1


def test_case_08_everything_we_send_carries_loop_protection_and_threading(hostile):
    assert hostile.sent, "the hostile run sent nothing"
    rows = {message_id: (purpose, answered) for message_id, purpose, answered in hostile.query(
        "SELECT outbox.message_id, purpose, message.message_id FROM outbox "
        "LEFT JOIN message ON message.id = outbox.message_pk")}
    for mail in hostile.sent:
        message = mail.message()
        purpose, answered = rows[message["Message-ID"]]       # stable: the id fixed in the outbox row
        expected = "auto-replied" if purpose in ("ack", "late_ack") else "auto-generated"
        assert message["Auto-Submitted"] == expected
        assert message["X-Auto-Response-Suppress"] == "All"
        assert message["X-Mailbot-Loop"]
        assert message["Message-ID"].endswith(f"@{OUR_DOMAIN}>")
        if answered:                                          # it answers a message that has an id
            assert message["In-Reply-To"] == answered
            assert answered in message["References"]
