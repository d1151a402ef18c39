"""RegisterHistory against an in-memory register."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlmodel import Session

from mailbot.attribution.history import find_duplicate
from mailbot.attribution.register_history import RegisterHistory
from mailbot.store.models import Attachment, Message
from tests.builders import register

NOW = datetime(2020, 1, 12, tzinfo=timezone.utc)


def add(session, pk, mid, states, shas, days, *, manual=None, kind="contribution"):
    when = NOW - timedelta(days=days)
    session.add(Message(id=pk, raw_sha256=f"raw{pk}", message_id=mid, subject="s", received_at=when, kind=kind,
                        states=states, manual_states=manual, processed_at=when, updated_at=when))
    for position, sha in enumerate(shas):
        session.add(Attachment(message_pk=pk, position=position, safe_name=f"a{position}", sha256=sha))


def test_prior_contributions_by_state_or_document():
    engine = register()
    with Session(engine) as session:
        add(session, 1, "<a>", ["KEN"], ["doc1"], 5)
        add(session, 2, "<b>", ["UGA"], ["doc2"], 4)
        add(session, 3, "<c>", [], ["doc1"], 3, manual=["KEN"])
        add(session, 4, "<d>", ["KEN"], ["doc3"], -1)             # later than the message: not prior
        add(session, 5, "<e>", ["KEN"], ["doc1"], 2, kind="auto_reply")
        add(session, 6, "<self>", ["KEN"], ["doc1"], 1)
        session.commit()
        history = RegisterHistory(lambda: Session(engine))
        priors = history.prior_contributions(("KEN",), ("doc1",), before=NOW, exclude_message_id="<self>")
        assert sorted(p.message_id for p in priors) == ["<a>", "<c>"]
        assert {p.message_id: p.states for p in priors}["<c>"] == ("KEN",)
        first, recent = find_duplicate(("KEN",), ("doc1",), priors, NOW, 30)
        assert first.message_id == "<a>" and recent
        assert [p.message_id for p in history.prior_contributions(("SEN",), ("doc2",), before=NOW,
                                                                   exclude_message_id=None)] == ["<b>"]
