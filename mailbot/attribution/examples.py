"""Check the `examples` of each rule: build a message from the description, compare the outcome."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timezone
from email.utils import getaddresses

from mailbot.attribution.collectors import view_of
from mailbot.attribution.context import AttributionContext
from mailbot.attribution.engine import attribute, rule_facts
from mailbot.attribution.rules import Rule, RuleProblem, RuleSet
from mailbot.attribution.screen import screen
from mailbot.attribution.spoofing import SenderCheck
from mailbot.workitem import Fetched, WorkItem
from parsers.types import Address, Attachment, ExtractResult, ParsedMessage

_EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)


def example_item(example: dict) -> WorkItem:
    """A WorkItem built from a rule example's description."""
    sender = example.get("from", "")
    name = example.get("name", "")
    pairs = [pair for pair in getaddresses([sender]) if "@" in pair[1]]
    from_addresses = tuple(Address(name or pair[0], pair[1].lower()) for pair in pairs)
    attachments, extracts = [], {}
    if example.get("document") or example.get("attachment"):
        text = example.get("document", "")
        data = text.encode("utf-8") or b"example"
        sha = hashlib.sha256(data).hexdigest()
        attachments.append(Attachment(filename=example.get("attachment", "document.docx"), safe_name="att-1",
                                      declared_type="application/octet-stream", sniffed_type="application/octet-stream",
                                      size=len(data), sha256=sha, disposition="attachment", content_id=None,
                                      is_inline_image=False, data=data))
        if text:
            extracts[sha] = ExtractResult(status="ok", reason="", text=text, first_page_text=text)
    headers = tuple((key, str(value)) for key, value in example.get("headers", {}).items())
    parsed = ParsedMessage(
        message_id="<example@rules>", from_addresses=from_addresses, from_header=sender, reply_to=(), to=(), cc=(),
        subject=example.get("subject", ""), date=None, in_reply_to=None, references=(),
        headers=(("From", sender), ("Subject", example.get("subject", ""))) + headers, content_type="text/plain",
        body_text=example.get("body", ""), body_html="", attachments=tuple(attachments), forwarded=(), defects=())
    fetched = Fetched(source="memory", mailbox="examples", uidvalidity=0, uid="1", received_at=_EPOCH, raw=b"")
    return WorkItem(fetched=fetched, parsed=parsed, extracts=extracts, kind=example.get("kind", "contribution"),
                    language=example.get("language"))


def check_examples(ruleset: RuleSet, ctx: AttributionContext) -> list[RuleProblem]:
    """Every example whose rule match or outcome differs from its `expect`, as a problem."""
    # Examples are checked as if the sender were authenticated: they describe the rule, not DKIM.
    settings = ctx.settings.model_copy(update={"require_authentication": False})
    trusting = replace(ctx, settings=settings, rules=ruleset)
    problems = []
    for rule in ruleset.rules:
        for number, example in enumerate(rule.examples):
            line = rule.example_lines[number] if number < len(rule.example_lines) else rule.line
            item = example_item(example)
            expect = example.get("expect", {})
            view = view_of(item.parsed, item.extracts)
            signals = screen(example_item(example), trusting, view, SenderCheck("off", "example"))
            matched = rule.matches(rule_facts(item, view, signals))
            if matched != expect.get("matched", True):
                problems.append(RuleProblem(rule.file, line, rule.name,
                                            f"example {number + 1}: expected matched={expect.get('matched', True)}, "
                                            f"got {matched}"))
                continue
            attribute(item, trusting)
            problems += _compare(rule, number, line, expect, item)
    return problems


def _compare(rule: Rule, number: int, line: int, expect: dict, item: WorkItem) -> list[RuleProblem]:
    result = item.attribution
    actual = {"states": sorted(result.states), "category": result.category, "kind": item.kind,
              "needs_review": result.needs_review, "suppress_ack": result.suppress_ack,
              "route_folder": result.route_folder, "forward_to": sorted(result.forward_to)}
    problems = []
    for key, wanted in expect.items():
        if key == "matched":
            continue
        wanted_value = sorted(wanted) if isinstance(wanted, list) else wanted
        if actual[key] != wanted_value:
            problems.append(RuleProblem(rule.file, line, rule.name,
                                        f"example {number + 1}: expected {key} = {wanted!r}, got {actual[key]!r}"))
    return problems
