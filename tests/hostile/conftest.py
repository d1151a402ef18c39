"""The hostile mailbox: every guide case in one Dovecot INBOX, run twice through `mailbot run --once`.

Phase one holds the cases that need nothing from us. Phase two is built from what mailbot sent in
phase one: a delivery report answering one of our acknowledgements, and our own mail coming back.
The second run also proves that nothing from phase one is downloaded, registered or answered again.
"""
from __future__ import annotations

import pytest

from tests.corpus import corpus_dir
from tests.hostile import messages
from tests.hostile.harness import MailboxRun, run_once, start_run
from tests.servers import FaultProxy

OUR_DOMAIN = "mailbot.itu.int"
DSN_ANSWERS = "case04-original"                 # the contribution whose acknowledgement bounces
LOOP_RETURNS = "case05-original"                # the contribution whose acknowledgement comes back
CORPUS_CASES = {                                # corpus file -> case tag (used when the corpus is there)
    "sisimai_autoreply_outlook_cp1252.eml": "case06-corpus-outlook",
    "sisimai_autoreply_away.eml": "case06-corpus-away",
    "flanker_missing_final_boundary.eml": "case22-corpus-final-boundary",
    "mmp_invalid_charset.eml": "case22-corpus-charset",
    "mikel_utf8_raw_headers_rfc6532.eml": "case22-corpus-raw-utf8",
}


def _corpus_messages() -> dict[str, bytes]:
    folder = corpus_dir() / "mime"
    if not folder.is_dir():
        return {}
    found = {case: (folder / name).read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
             for name, case in CORPUS_CASES.items() if (folder / name).is_file()}
    return found | messages.corpus_documents(corpus_dir() / "docs")


@pytest.fixture(scope="package")
def hostile(dovecot, smtp_sink, tmp_path_factory) -> MailboxRun:
    """The whole hostile mailbox, processed in two runs; read back for every case's test."""
    smtp_sink.clear()
    account = dovecot.new_user("hostile")
    proxy = FaultProxy(dovecot.host, dovecot.port)     # no fault: it records what mailbot asks for
    try:
        run = start_run(tmp_path_factory.mktemp("hostile") / "state", account, smtp_sink, proxy,
                        MAILBOT_ATTRIBUTION_TRUSTED_AUTHSERV_ID=messages.TRUSTED_AUTHSERV,
                        MAILBOT_EXTRACT_TIMEOUT_SECONDS="30", MAILBOT_EXTRACT_MEMORY_MB="256",
                        MAILBOT_MAIL_DOMAIN=OUR_DOMAIN)
        first = {**messages.phase_one(), **_corpus_messages(),
                 DSN_ANSWERS: bytes(messages.mail(DSN_ANSWERS)), LOOP_RETURNS: bytes(messages.mail(LOOP_RETURNS))}
        run.uids.update(zip(first, account.append_many("INBOX", list(first.values()))))
        run_once(run, smtp_sink, proxy)
        second = _phase_two(run)
        run.uids.update(zip(second, account.append_many("INBOX", list(second.values()))))
        run_once(run, smtp_sink, proxy)
        run.refresh()
    finally:
        proxy.close()
        smtp_sink.clear()
    return run


def _phase_two(run: MailboxRun) -> dict[str, bytes]:
    """Mail that answers what we sent: a DSN for one acknowledgement, and an acknowledgement itself."""
    found = {}
    bounced = run.replies_to(messages.mid(DSN_ANSWERS))
    if bounced:
        ack = bounced[0].message()
        found["case04-dsn"] = messages.dsn_for("case04-dsn", bounced[0].rcpt_tos[0], ack["Message-ID"])
    returned = run.replies_to(messages.mid(LOOP_RETURNS))
    if returned:
        found["case05-our-ack"] = returned[0].raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    found["case05-our-domain"] = messages.under_our_domain("case05-our-domain", OUR_DOMAIN)
    found["case05-our-address"] = bytes(messages.mail("case05-our-address",
                                                      sender="ITU <contributions@itu.int>"))
    return found


@pytest.fixture
def case(hostile):
    """case(tag) -> (record, row): the register entry of that case, checked kept and explained."""
    def lookup(tag: str):
        record = hostile.record_of(tag)
        row = hostile.assert_kept(hostile.uids[tag], record)
        return record, row
    return lookup
