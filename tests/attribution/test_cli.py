"""The attribution commands against an in-memory register and a fake runtime."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest
import typer
from sqlmodel import Session
from typer.testing import CliRunner

from mailbot.cli.attribution import register
from mailbot.store.models import Message
from tests.attribution.builders import document, message, work_item
from tests.attribution.conftest import make_settings
from tests.builders import register as make_register

NOW = datetime(2020, 1, 12, tzinfo=timezone.utc)


@dataclass
class FakeRuntime:
    settings: object
    engine: object
    items: dict = field(default_factory=dict)      # message pk -> (parsed, extracts)
    actor: str = "tester"

    def session_factory(self):
        return Session(self.engine)

    def rebuild_item(self, row):
        parsed, extracts = self.items[row.id]
        return work_item(parsed, extracts)


@pytest.fixture
def runtime(tmp_path):
    settings = make_settings(focal_points=tmp_path / "focal.toml")
    (tmp_path / "focal.toml").write_text('[[focal_point]]\nstate = "KEN"\naddress = "consultations@ca.go.ke"\n')
    engine = make_register()
    fake = FakeRuntime(settings, engine)
    rows = [
        (message(sender="intl@anatel.gov.br", subject="Contribution",
                 documents=[document("br.docx", "Contribution from Brazil\nText")]), ["BRA"], False),
        (message(sender="someone@gmail.com", subject="Views", body="Some views."), [], True),
        (message(sender="someone.else@gmail.com", subject="Views", body="Other views."), ["FRA"], False),
    ]
    with Session(engine) as session:
        for number, ((parsed, extracts), states, review) in enumerate(rows, start=1):
            row = Message(raw_sha256=f"sha{number}", message_id=parsed.message_id,
                          from_address=parsed.sender.address, from_name="Someone", subject=parsed.subject,
                          received_at=NOW, kind="contribution", states=states, needs_review=review,
                          processed_at=NOW, updated_at=NOW)
            session.add(row)
            session.commit()
            fake.items[row.id] = (parsed, extracts)
    return fake


def run(runtime, *args):
    app = typer.Typer()

    @app.callback()
    def main():
        """test app"""

    register(app, lambda: runtime)
    return CliRunner().invoke(app, list(args))


def test_rules_check_ok_and_bad(runtime, tmp_path):
    ok = run(runtime, "rules", "check")
    assert ok.exit_code == 0, ok.output
    assert "OK" in ok.output
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad.toml").write_text(
        '[[rule]]\nname = "x"\n[rule.when]\nsubject = "(unclosed"\n[rule.then]\nstates = ["XYZ"]\n')
    bad = run(runtime, "rules", "check", "--dir", str(tmp_path / "rules"))
    assert bad.exit_code == 1
    assert "bad.toml:4: rule 'x': bad regex" in bad.output
    assert "bad.toml:6: rule 'x': unknown country code 'XYZ'" in bad.output


def test_explain_id_changes_nothing(runtime):
    result = run(runtime, "explain", "1")
    assert result.exit_code == 0, result.output
    assert "BRA" in result.output and "document:doc_author" in result.output
    with runtime.session_factory() as session:
        assert session.get(Message, 1).trail == []


def test_reattribute_dry_run_then_apply_keeps_manual(runtime):
    assert run(runtime, "review", "set", "3", "--states", "FRA", "--note", "confirmed by phone").exit_code == 0
    dry = run(runtime, "reattribute", "--dry-run")
    assert "would change" in dry.output
    with runtime.session_factory() as session:
        assert session.get(Message, 1).rules_version is None        # nothing written
    applied = run(runtime, "reattribute")
    assert applied.exit_code == 0, applied.output
    assert "1 manual decisions kept" in applied.output
    with runtime.session_factory() as session:
        first, manual = session.get(Message, 1), session.get(Message, 3)
        assert first.states == ["BRA"] and first.rules_version and first.trail
        assert manual.states == ["FRA"] and manual.manual_by == "tester" and not manual.needs_review


def test_review_list_and_set_with_learn_sender(runtime):
    listed = run(runtime, "review", "list")
    assert "someone@gmail.com" in listed.output and "Views" in listed.output
    result = run(runtime, "review", "set", "2", "--states", "KEN", "--note", "mission confirmed", "--learn-sender")
    assert result.exit_code == 0, result.output
    assert "added to the focal points of KEN" in result.output
    focal = runtime.settings.attribution.focal_points.read_text()
    assert 'address = "someone@gmail.com"' in focal
    assert "nothing needs review" in run(runtime, "review", "list").output
    assert run(runtime, "review", "set", "2", "--states", "XXX").exit_code == 2


def test_review_set_with_a_kind_alone_keeps_the_states_and_with_neither_is_refused(runtime):
    with runtime.session_factory() as session:
        states = list(session.get(Message, 1).states)
    assert states
    result = run(runtime, "review", "set", "1", "--kind", "reply", "--note", "a follow-up, not an input")
    assert result.exit_code == 0, result.output
    assert f"{', '.join(states)} -> {', '.join(states)}, kind contribution -> reply" in result.output
    with runtime.session_factory() as session:
        message = session.get(Message, 1)
        assert (message.kind, message.manual_states) == ("reply", states)
    refused = run(runtime, "review", "set", "1")
    assert refused.exit_code == 2 and "give --states, --kind or both" in refused.output
    assert "Traceback" not in refused.output
