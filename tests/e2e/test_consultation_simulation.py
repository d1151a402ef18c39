"""The whole consultation, 15 October 2019 to 30 June 2020, day by day, through Dovecot and aiosmtpd.

Arrivals are APPENDed to the real IMAP server with their INTERNALDATE; every simulated step runs what
`mailbot run` runs (poll, calendar jobs, outbox flush) in process with a fixed clock; every assertion
counts what the real SMTP server received.
"""
from __future__ import annotations

import collections
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from mailbot.clock import FixedClock
from mailbot.config import DEFAULT_CONSULTATION, load_settings
from mailbot.correspondence.jobs import run_due
from mailbot.outbox.deliver import deliver_due
from mailbot.runtime import Runtime
from mailbot.store.models import Outbox
from mailbot.worker import poll_once
from tests.builders import message

pytestmark = pytest.mark.servers
GENEVA = ZoneInfo("Europe/Zurich")

FOCAL_POINTS = {  # state: (address, language)
    "KEN": ("ict.focal@mfa.go.ke", "en"),
    "FRA": ("numerique@diplomatie.gouv.fr", "fr"),
    "CHN": ("itu@miit.gov.cn", "zh"),
    "ARG": ("consultas@cancilleria.gob.ar", "es"),
    "RUS": ("itu@digital.gov.ru", "ru"),
    "EGY": ("itu.focal@tra.gov.eg", "ar"),
}

# (Geneva local time, state, subject, body)
ARRIVALS = [
    (datetime(2019, 11, 2, 10, 15), "KEN", "Contribution of Kenya to the GCA guidelines",
     "Dear Sir/Madam, please find below the contribution of the Republic of Kenya."),
    (datetime(2019, 12, 20, 16, 0), "FRA", "Contribution de la France",
     "Madame, Monsieur, veuillez trouver ci-dessous la contribution de la France aux lignes directrices."),
    (datetime(2020, 1, 2, 11, 0), "CHN", "中华人民共和国关于全球网络安全议程指导原则的意见",
     "尊敬的秘书处：现提交中华人民共和国关于全球网络安全议程使用指导原则的意见。"),
    (datetime(2020, 1, 15, 23, 30), "ARG", "Contribución de la República Argentina",
     "Estimados señores: adjuntamos la contribución de la República Argentina a las directrices."),
    (datetime(2020, 1, 16, 0, 10), "RUS", "Вклад Российской Федерации",
     "Уважаемые коллеги, направляем вклад Российской Федерации в руководящие указания."),
]


def _contribution(moment: datetime, state: str, subject: str, body: str) -> bytes:
    address, _language = FOCAL_POINTS[state]
    domain = address.split("@")[1]
    return message(sender=f"Focal point <{address}>", subject=subject, body=body,
                   message_id=f"<{state.lower()}-{moment:%Y%m%d%H%M}@{domain}>",
                   headers={"Authentication-Results": f"mx1.itu.int; dkim=pass header.d={domain}; "
                                                      f"spf=pass smtp.mailfrom={address}; dmarc=pass"})


def _out_of_office() -> bytes:
    return message(sender="Absent <absent@mfa.go.ke>", subject="Automatic reply: Contribution of Kenya",
                   headers={"Auto-Submitted": "auto-replied"}, body="Out of office.")


@pytest.fixture
def simulated(imap_account, smtp, tmp_path):
    focal = tmp_path / "focal_points.toml"
    focal.write_text("".join(f'[[focal_point]]\nstate = "{state}"\naddress = "{address}"\nlanguage = "{lang}"\n\n'
                             for state, (address, lang) in FOCAL_POINTS.items()), encoding="utf-8")
    consultation = DEFAULT_CONSULTATION     # the focal points file is the settings' attribution.focal_points
    env = {"MAILBOT_STATE_DIR": str(tmp_path / "state"), "MAILBOT_CONSULTATION_FILE": str(consultation),
           "MAILBOT_ATTRIBUTION_FOCAL_POINTS": str(focal),
           "MAILBOT_IMAP_HOST": imap_account.host, "MAILBOT_IMAP_PORT": str(imap_account.port),
           "MAILBOT_IMAP_USER": imap_account.user, "MAILBOT_IMAP_PASSWORD": imap_account.password,
           "MAILBOT_IMAP_SECURITY": "plain", "MAILBOT_SMTP_HOST": smtp.host, "MAILBOT_SMTP_PORT": str(smtp.port),
           "MAILBOT_SMTP_SECURITY": "plain", "MAILBOT_OUTBOX_BACKOFF_SECONDS": "0"}
    runtime = Runtime(load_settings(None, env), clock=FixedClock(datetime(2019, 10, 15, tzinfo=GENEVA)))
    yield runtime
    runtime.close()


def _step(runtime, moment: datetime) -> None:
    """What the scheduled worker does at this instant: poll, due calendar jobs, deliver."""
    runtime.clock.advance_to(moment)
    poll_once(runtime)
    run_due(runtime)
    deliver_due(runtime)


def _purposes(runtime) -> dict[str, Outbox]:
    with runtime.session() as session:
        return {row.message_id: row for row in session.exec(select(Outbox)).all()}


def test_the_whole_consultation_through_real_servers(simulated, imap_account, smtp):
    runtime = simulated
    day = date(2019, 10, 15)
    arrivals = {moment.date(): [] for moment, *_ in ARRIVALS}
    for arrival in ARRIVALS:
        arrivals[arrival[0].date()].append(arrival)
    while day <= date(2020, 6, 30):
        for moment, state, subject, body in arrivals.get(day, []):
            local = moment.replace(tzinfo=GENEVA)
            imap_account.append("INBOX", _contribution(local, state, subject, body), internaldate=local)
            if state == "KEN":
                imap_account.append("INBOX", _out_of_office(), internaldate=local + timedelta(minutes=1))
            _step(runtime, local + timedelta(minutes=2))
        _step(runtime, datetime.combine(day, time(10, 0), tzinfo=GENEVA))
        day += timedelta(days=1)

    rows = _purposes(runtime)
    received = [(rows[mail.message()["Message-ID"]], mail) for mail in smtp.messages]
    assert len(received) == len(rows), "every outbox row was delivered exactly once"
    by_purpose = collections.defaultdict(list)
    for row, mail in received:
        by_purpose[row.purpose].append((row, mail))

    # One acknowledgement per contribution, none to the auto-reply; the midnight edge decides lateness.
    acks = {tuple(mail.rcpt_tos): row.purpose for row, mail in by_purpose["ack"] + by_purpose["late_ack"]}
    assert acks == {(FOCAL_POINTS[state][0],): ("late_ack" if state == "RUS" else "ack")
                    for _m, state, *_ in ARRIVALS}
    languages = {row.recipients[0]: row.language for row, _mail in by_purpose["ack"] + by_purpose["late_ack"]}
    assert languages == {address: lang for state, (address, lang) in FOCAL_POINTS.items() if state != "EGY"}

    # Reminders 30, 14 and 3 days before the deadline, once each, never after the state contributed.
    reminders = collections.Counter(row.key for row, _mail in by_purpose["reminder"])
    assert set(reminders.values()) == {1}
    assert set(reminders) == {"reminder:FRA:30", "reminder:CHN:30", "reminder:CHN:14",
                              "reminder:ARG:30", "reminder:ARG:14", "reminder:ARG:3",
                              "reminder:RUS:30", "reminder:RUS:14", "reminder:RUS:3",
                              "reminder:EGY:30", "reminder:EGY:14", "reminder:EGY:3"}

    # One digest a day, every day of the call.
    digests = [row.key for row, _mail in by_purpose["digest"]]
    assert len(digests) == len(set(digests)) == (date(2020, 6, 30) - date(2019, 10, 15)).days + 1

    # Milestone notices with a date go to every contributor once each.
    notices = collections.Counter((row.key.split(":")[1], row.recipients[0]) for row, _m in by_purpose["milestone"])
    contributors = {FOCAL_POINTS[state][0] for _m, state, *_ in ARRIVALS}
    assert set(notices.values()) == {1}
    assert set(notices) == {(name, address) for name in ("draft_posted", "final_draft", "council")
                            for address in contributors}

    # Running the last day again sends nothing new.
    before = len(smtp.messages)
    _step(runtime, datetime(2020, 6, 30, 18, 0, tzinfo=GENEVA))
    assert len(smtp.messages) == before
