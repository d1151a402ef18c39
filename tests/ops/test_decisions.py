"""Item 5 and 6 (review list --all): a person's decision is visible in show, explain, export and review."""
from __future__ import annotations

import json

from tests.ops.cli import mailbot


def _decide(state):
    result = mailbot("review", "set", "GCA-2020-0007", "--states", "EST", "--note", "only Estonia signed",
                     state=state, env={"USER": "ana"})
    assert result.code == 0, result.err
    assert "EST, LVA -> EST" in result.out
    return result


def test_the_decision_is_in_the_export_with_who_when_note_and_states_before(demo_copy):
    _decide(demo_copy)
    records = {record["id"]: record for record in json.loads(mailbot("export", state=demo_copy).out)}
    decided = records[10]
    assert decided["decision"]["note"] == "only Estonia signed"
    assert decided["decision"]["states_before"] == ["EST", "LVA"] and decided["states"] == ["EST"]
    assert decided["decision"]["by"] and decided["decision"]["at"].endswith("+00:00")
    assert decided["needs_review"] is False and decided["review_reasons"][0].startswith("decided by ")
    assert records[1]["decision"] is None


def test_both_export_paths_agree_on_a_decided_register(demo_copy):
    from mailbot.config import load_settings
    from mailbot.export import iter_records
    from mailbot.export_sql import iter_json_records
    from mailbot.runtime import Runtime

    _decide(demo_copy)
    runtime = Runtime(load_settings(environ={"MAILBOT_STATE_DIR": str(demo_copy)}))
    with runtime.session() as session:
        assert [json.loads(text) for text in iter_json_records(session)] == list(iter_records(session))
    runtime.close()


def test_show_and_explain_put_the_decision_first_and_reprocessing_keeps_it(demo_copy):
    _decide(demo_copy)
    shown = mailbot("show", "10", state=demo_copy).out.splitlines()
    assert shown[0].startswith("message 10 GCA-2020-0007: received 2020-01-09 14:15 CET")
    assert shown[1].startswith("decision: EST by ") and "(before: EST, LVA): only Estonia signed" in shown[1]
    explained = mailbot("explain", "GCA-2020-0007", state=demo_copy).out.splitlines()
    assert explained[0].startswith("decision: EST by ")
    assert mailbot("reprocess", "10", state=demo_copy).code == 0
    (record,) = [r for r in json.loads(mailbot("export", state=demo_copy).out) if r["id"] == 10]
    assert record["states"] == ["EST"] and record["needs_review"] is False
    assert record["review_reasons"][0].startswith("decided by ") and record["decision"]["states_before"]


def test_review_list_all_shows_what_needed_review_decided_or_not(demo_copy):
    # Before any decision only the mission writing from a Swiss provider waits: its state rests on
    # the content alone (issue 11: a person confirms webmail senders).
    waiting = mailbot("review", "list", state=demo_copy).out
    assert "mission.civ.geneve@bluewin.ch" in waiting and "public mail provider" in waiting
    assert len([line for line in waiting.splitlines() if not line.startswith(" " * 8)]) == 1
    _decide(demo_copy)
    listed = mailbot("review", "list", "--all", state=demo_copy).out
    assert "decided EST by" in listed and "2020-01-09 14:15 CET" in listed
    assert "newsletter" not in listed.lower() and "    12  " not in listed   # never needed review


def test_a_decided_kind_is_recorded_exported_and_survives_reprocessing_and_reattribution(demo_copy):
    result = mailbot("review", "set", "10", "--states", "EST", "--kind", "reply", "--note", "a follow-up",
                     state=demo_copy, env={"USER": "ana"})
    assert result.code == 0, result.err
    assert "kind contribution -> reply (by ana)" in result.out
    for command in (("reprocess", "10"), ("reattribute",)):
        assert mailbot(*command, state=demo_copy).code == 0
    (record,) = [r for r in json.loads(mailbot("export", state=demo_copy).out) if r["id"] == 10]
    assert record["kind"] == "reply" and record["states"] == ["EST"]
    assert record["decision"]["kind"] == "reply" and record["decision"]["kind_before"] == "contribution"
    assert record["review_reasons"][0] == "decided by ana: EST, kind reply"
    assert "kind reply (was contribution) by ana" in mailbot("show", "10", state=demo_copy).out
    # A later decision without a kind gives the machine its kind back.
    assert mailbot("review", "set", "10", "--states", "EST", state=demo_copy).code == 0
    (record,) = [r for r in json.loads(mailbot("export", state=demo_copy).out) if r["id"] == 10]
    assert record["kind"] == "contribution" and record["decision"]["kind"] is None


def test_an_unknown_kind_is_refused_in_one_line_and_nothing_changes(demo_copy):
    result = mailbot("review", "set", "10", "--states", "EST", "--kind", "spam", state=demo_copy)
    assert result.code == 2 and "--kind" in result.err and "spam" in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
    (record,) = [r for r in json.loads(mailbot("export", state=demo_copy).out) if r["id"] == 10]
    assert record["decision"] is None


def test_a_message_decided_a_contribution_gets_the_next_receipt_and_a_held_acknowledgement(demo_copy):
    result = mailbot("review", "set", "12", "--states", "SEN", "--kind", "contribution", "--note", "an input after all",
                     state=demo_copy, env={"USER": "ana"})
    assert result.code == 0, result.err
    assert "receipt number GCA-2020-0011 given" in result.out and "mailbot ack release GCA-2020-0011" in result.out
    record = {r["id"]: r for r in json.loads(mailbot("export", state=demo_copy).out)}[12]
    assert (record["kind"], record["reference"], record["ack"]["status"]) == ("contribution", "GCA-2020-0011", "held")
    released = mailbot("ack", "release", "GCA-2020-0011", state=demo_copy)
    assert released.code == 0 and "released ack GCA-2020-0011 to news@cyberpolicyweekly.org" in released.out
    again = mailbot("review", "set", "12", "--kind", "contribution", state=demo_copy, env={"USER": "ana"})
    assert again.code == 0 and "receipt number" not in again.out          # one number, one acknowledgement
