"""Staff are told once, in the digest, when acknowledgements stop at the daily cap or a loop is dropped."""
from __future__ import annotations

from mailbot.correspondence.digest import plan_digest
from mailbot.worker import poll_once
from tests.backbone.fakes import ListSource, contribution, make_runtime


def _digest_text(runtime) -> str:
    with runtime.session() as session:
        (row,) = plan_digest(session, runtime.consultation, runtime.clock.now(), settings=runtime.settings)
    return row.text


def test_daily_cap_and_loop_appear_once_in_the_digest(tmp_path):
    runtime = make_runtime(tmp_path, MAILBOT_ACK_DAILY_CAP_PER_RECIPIENT=1)
    ours = contribution(99, with_docx=False, extra_headers={"X-Mailbot-Loop": "mailbot.itu.int"})
    poll_once(runtime, ListSource([contribution(n, with_docx=False) for n in range(3)] + [ours]))
    text = _digest_text(runtime)
    assert text.count("acknowledgements stopped (daily cap)") == 1
    assert "acknowledgements to focal@mfa.gov.ke stopped at the daily cap" in text
    assert text.count("our own mail came back (loop dropped)") == 1
