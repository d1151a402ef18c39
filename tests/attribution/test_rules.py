"""Rule files: validation with file and line, application order, routing, examples, version."""
from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.attribution import attribute, load_context
from mailbot.attribution.examples import check_examples
from mailbot.attribution.rules import load_rules
from mailbot.config import PROJECT_ROOT
from mailbot.errors import RuleError
from tests.attribution.builders import message, work_item
from tests.attribution.conftest import make_settings


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(ctx, folder):
    _, problems = load_rules(folder, ctx.reference.states)
    return [(Path(p.file).name, p.line, p.rule, p.reason) for p in problems]


def test_shipped_rules_and_their_examples_pass(ctx):
    ruleset, problems = load_rules(PROJECT_ROOT / "rules", ctx.reference.states)
    assert problems == []
    assert sum(len(rule.examples) for rule in ruleset.rules) >= 4
    assert check_examples(ruleset, ctx) == []


def test_each_kind_of_problem_has_file_and_line(ctx, tmp_path):
    write(tmp_path, "a.toml", '[[rule]]\nname = "one"\ncolour = "red"\n[rule.when]\nsubject = "x"\n'
                              '[rule.then]\nstates = ["KEN"]\n\n'
                              '[[rule]]\nname = "two"\n[rule.when]\nbody = "([a-z"\n[rule.then]\nstates = ["KEN", "ZZZ"]\n')
    write(tmp_path, "b.toml", '[[rule]]\nname = "one"\n[rule.when]\nsubject = "y"\n[rule.then]\nroute_folder = "X"\n')
    found = problems_of(ctx, tmp_path)
    assert ("a.toml", 3, "one", "unknown key 'colour' (allowed: enabled, examples, name, note, stop, then, when)") in found
    assert any(p[:3] == ("a.toml", 12, "two") and "bad regex" in p[3] for p in found)
    assert any(p[:3] == ("a.toml", 14, "two") and "unknown country code 'ZZZ'" in p[3] for p in found)
    assert any(p[:3] == ("b.toml", 2, "one") and "duplicate rule name" in p[3] for p in found)


def test_toml_syntax_error_has_a_line(ctx, tmp_path):
    write(tmp_path, "broken.toml", '[[rule]]\nname = "x"\n[rule.when\n')
    (problem,) = problems_of(ctx, tmp_path)
    assert problem[0] == "broken.toml" and problem[1] == 3 and "not valid TOML" in problem[3]


def test_load_context_refuses_bad_rules(tmp_path):
    write(tmp_path, "bad.toml", '[[rule]]\nname = "x"\n[rule.when]\nsubject = "("\n[rule.then]\nstates = ["KEN"]\n')
    settings = make_settings()
    settings.rules.dir = tmp_path
    with pytest.raises(RuleError) as caught:
        load_context(settings)
    assert caught.value.file.endswith("bad.toml") and caught.value.line == 4


def context_with(tmp_path, text, **attribution):
    write(tmp_path, "r.toml", text)
    settings = make_settings(**attribution)
    settings.rules.dir = tmp_path
    return load_context(settings)


def test_rules_come_before_evidence_and_are_recorded(tmp_path):
    ctx = context_with(tmp_path, '[[rule]]\nname = "consultant"\nnote = "n"\n[rule.when]\nsender_domain = "*.consult.example"\n'
                                 '[rule.then]\nstates = ["UGA"]\nroute_folder = "Uganda"\n'
                                 '[[rule]]\nname = "copy"\n[rule.when]\nsubject = "(?i)contribution"\n'
                                 '[rule.then]\nforward_to = ["a@itu.int"]\nroute_folder = "Later"\n')
    parsed, extracts = message(sender="x@mail.consult.example", subject="Contribution from Kenya")
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    result = item.attribution
    assert result.states == ("UGA",) and not result.needs_review and result.confidence == 1.0
    assert result.route_folder == "Uganda" and result.forward_to == ("a@itu.int",)
    assert result.rules_version == ctx.rules.version
    assert [hit.rule for hit in item.trail if hit.rule.startswith("rule:")] == ["rule:consultant", "rule:copy"]


def test_sender_rule_does_not_trust_an_unauthenticated_sender(tmp_path):
    ctx = context_with(tmp_path, '[[rule]]\nname = "kenya-sender"\n[rule.when]\nsender = "*@ca.go.ke"\n'
                                 '[rule.then]\nstates = ["KEN"]\n')
    parsed, extracts = message(sender="x@ca.go.ke", subject="Hello", auth="fail")
    item = work_item(parsed, extracts)
    attribute(item, ctx)
    assert item.attribution.states == () and item.attribution.needs_review
    assert any("kenya-sender" in reason for reason in item.attribution.review_reasons)


def test_rules_version_follows_the_files(tmp_path):
    first = context_with(tmp_path, '[[rule]]\nname = "a"\n[rule.when]\nsubject = "x"\n[rule.then]\nroute_folder = "A"\n')
    second = context_with(tmp_path, '[[rule]]\nname = "a"\n[rule.when]\nsubject = "x"\n[rule.then]\nroute_folder = "B"\n')
    assert first.rules.version != second.rules.version


def test_failing_example_is_reported(ctx, tmp_path):
    write(tmp_path, "r.toml", '[[rule]]\nname = "a"\n[rule.when]\nsubject = "newsletter"\n[rule.then]\nroute_folder = "N"\n'
                              '[[rule.examples]]\nsubject = "Newsletter"\nexpect = { route_folder = "Other" }\n')
    ruleset, problems = load_rules(tmp_path, ctx.reference.states)
    assert problems == []
    (problem,) = check_examples(ruleset, ctx)
    assert problem.line == 7 and "expected route_folder = 'Other', got 'N'" in problem.reason
