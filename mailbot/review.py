"""The work behind review, explain, rules check and reattribute: one place, called by both front ends
(`mailbot review/explain/rules/reattribute` and the web desk)."""
from __future__ import annotations

import hashlib
from typing import Any, TYPE_CHECKING
from datetime import datetime
from pathlib import Path

from sqlalchemy import or_
from sqlmodel import select

from mailbot.attribution import InMemoryHistory, attribute, load_context
from mailbot.attribution.context import build_context, ours_of
from mailbot.attribution.examples import check_examples
from mailbot.attribution.explain import explain_item, trail_to_json
from mailbot.reference import NON_MEMBERS_FILE, reference_data
from mailbot.attribution.register_history import RegisterHistory
from mailbot.attribution.rules import load_rules
from mailbot.config import load_settings
from mailbot.decision import apply_decision, decision_line
from mailbot.errors import MailbotError, UsageError
from mailbot.kinds import KINDS, Kind
from mailbot.pipeline import BUILTIN, process
from mailbot.pipeline.record import receipt_for_decided
from mailbot.store.lookup import find_message
from mailbot.store.models import Message
from mailbot.timefmt import display_zone, local_minute
from mailbot.workitem import Fetched, WorkItem
from parsers.message import parse_message

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

ATTRIBUTED_KINDS = (Kind.CONTRIBUTION, Kind.REPLY)


def check_rules(settings, directory: Path | None = None):
    """(problems, summary line) for the rules folder, examples included."""
    directory = Path(directory or settings.rules.dir)
    focal = Path(settings.attribution.focal_points)
    reference = reference_data(focal)
    ruleset, problems = load_rules(directory, reference.states, extra_files=(focal, NON_MEMBERS_FILE))
    if not problems:
        ctx = build_context(settings.attribution, reference, ruleset, ours=ours_of(settings))
        problems = check_examples(ruleset, ctx)
    examples = sum(len(rule.examples) for rule in ruleset.rules)
    verdict = f"{len(problems)} problem(s)" if problems else "OK"
    summary = (f"{len(ruleset.rules)} rules, {examples} examples in {len(ruleset.files)} files under {directory}: "
               f"{verdict} (rules version {ruleset.version})")
    return problems, summary


def item_from_file(path: Path, runtime: Runtime | None = None) -> WorkItem:
    """A WorkItem for a .eml file, without a register row: parsed, and with a runtime extracted and classified."""
    raw = Path(path).read_bytes()
    fetched = Fetched(source="file", mailbox=str(Path(path).parent), uidvalidity=0, uid=Path(path).name,
                      received_at=datetime.fromtimestamp(Path(path).stat().st_mtime).astimezone(), raw=raw)
    item = WorkItem(fetched=fetched, raw_sha256=hashlib.sha256(raw).hexdigest(), kind=Kind.CONTRIBUTION)
    if runtime is not None and hasattr(runtime, "extractor"):
        process(item, runtime, tuple(stage for stage in BUILTIN if stage.name in ("parse", "extract", "classify")))
        if item.parsed is not None:
            return item
    item.parsed = parse_message(raw)
    return item


def explain_target(get_runtime, target: str) -> str:
    if Path(target).is_file():
        runtime = _maybe(get_runtime)
        settings = runtime.settings if runtime is not None else _default_settings()
        item = item_from_file(Path(target), runtime)
        attribute(item, load_context(settings, InMemoryHistory()))
        return f"{target}\n{explain_item(item)}"
    runtime = get_runtime()
    with runtime.session_factory() as session:
        message = find_message(session, target)
        decided = decision_line(message, display_zone(runtime))
        stored = (f"registered: states {', '.join(message.states) or '-'}, review {message.needs_review}, "
                  f"rules {message.rules_version}")
        stored += f"\nacknowledgement: {message.ack_decision or message.ack_suppressed_reason or '-'}"
        item = rebuild_item(runtime, message)
        attribute(item, load_context(runtime.settings, RegisterHistory(runtime.session_factory)))
    head = f"{decided} (the machine's view below does not change it)\n" if decided else ""
    return (f"{head}message {message.id}: {message.subject!r} from {message.from_address}\n{stored}\n"
            f"now:\n{explain_item(item)}")


def rebuild_item(runtime: Runtime, message) -> WorkItem:
    """The message as the pipeline saw it before attribution: replayed from the raw store."""
    if hasattr(runtime, "rebuild_item"):
        return runtime.rebuild_item(message)
    raw = runtime.raw_store.get(message.raw_sha256)
    fetched = Fetched(source="replay", mailbox="", uidvalidity=0, uid=message.raw_sha256,
                      received_at=message.received_at, raw=raw)
    item = WorkItem(fetched=fetched, raw_sha256=message.raw_sha256)
    return process(item, runtime, tuple(stage for stage in BUILTIN if stage.name in ("parse", "extract", "classify")))


def _maybe(get_runtime):
    try:
        return get_runtime()
    except MailbotError:
        return None


def _default_settings():
    return load_settings()


def reattribute_all(runtime: Runtime, *, dry_run: bool) -> list[str]:
    """Attribute registered contributions again; report and (unless dry run) write the changes."""
    lines, changed, kept = [], 0, 0
    with runtime.session_factory() as session:
        ctx = load_context(runtime.settings, RegisterHistory(runtime.session_factory))
        messages = session.exec(select(Message).where(Message.kind.in_(ATTRIBUTED_KINDS))
                                .order_by(Message.received_at)).all()
        for message in messages:
            if message.manual_states is not None:
                kept += 1
                continue
            item = rebuild_item(runtime, message)
            attribute(item, ctx)
            result = item.attribution
            before = (sorted(message.states), message.needs_review, message.category)
            after = (sorted(result.states), result.needs_review, result.category)
            if before != after:
                changed += 1
                lines.append(f"{message.id}: {'/'.join(before[0]) or '-'} review={before[1]} -> "
                             f"{'/'.join(after[0]) or '-'} review={after[1]} ({message.subject[:60]!r})")
            if not dry_run:
                _store(message, item, runtime)
                session.add(message)
        if not dry_run:
            session.commit()
    action = "would change" if dry_run else "changed"
    lines.append(f"{len(messages)} contributions: {changed} {action}, {kept} manual decisions kept "
                 f"(rules version {ctx.rules.version})")
    return lines


def _store(message, item: WorkItem, runtime: Runtime) -> None:
    result = item.attribution
    message.states = list(result.states)
    message.category = result.category
    message.confidence = result.confidence
    message.needs_review = result.needs_review
    message.review_reasons = list(result.review_reasons)
    message.forwarded = result.forwarded
    message.duplicate_of = result.duplicate_of
    message.revision_of = result.revision_of
    message.rules_version = result.rules_version
    message.trail = [hit for hit in (message.trail or []) if hit.get("stage") != "attribute"] + \
        [hit for hit in trail_to_json(item.trail) if hit["stage"] == "attribute"]
    message.updated_at = datetime.now().astimezone()


def review_rows(runtime: Runtime, *, show_all: bool) -> list[str]:
    """What needs review; with show_all, also what needed it and was decided by a person."""
    zone = display_zone(runtime)
    with runtime.session_factory() as session:
        wanted: Any = Message.needs_review == True  # noqa: E712 (SQL expression)
        if show_all:
            wanted = or_(wanted, Message.manual_at.is_not(None))
        query = select(Message).where(wanted).order_by(Message.received_at)
        rows = []
        for message in session.exec(query).all():
            decided = f" decided {','.join(message.manual_states) or 'none'} by {message.manual_by}" \
                if message.manual_states is not None else ""
            rows.append(f"{message.id:>6}  {local_minute(message.received_at, zone)}  {message.from_address or '-'}  "
                        f"{message.subject[:50]!r}  states={','.join(message.states) or '-'}{decided}\n"
                        f"        {'; '.join(message.review_reasons) or '-'}")
    return rows


def set_review(runtime: Runtime, message_id: int | str, states_text: str | None, note: str, actor: str,
               learn_sender: bool, *, now: datetime, kind: str = "") -> list[str]:
    """Record a person's decision (states, and a kind when given) on one message; optionally learn the sender.

    `states_text` None keeps the states the message has now (a decision on its kind alone)."""
    settings = runtime.settings
    focal_file = Path(settings.attribution.focal_points)
    reference = reference_data(focal_file)     # the run's one ReferenceData (Runtime.reference)
    codes = [code.strip().upper() for code in (states_text or "").split(",") if code.strip()]
    unknown = [code for code in codes if code not in reference.states]
    if unknown:
        raise UsageError(f"--states: unknown country code(s): {', '.join(unknown)} (use ISO alpha-3, e.g. KEN)")
    chosen_kind = decided_kind(kind)
    if states_text is None and chosen_kind is None:
        raise UsageError("give --states, --kind or both: nothing to decide")
    lines = []
    with runtime.session_factory() as session:
        message = find_message(session, message_id)
        register_id = message.id
        if states_text is None:
            codes = list(message.states or [])
        before = ", ".join(message.states or []) or "no Member State"
        kind_before = message.kind
        apply_decision(message, codes, note, actor, now, kind=chosen_kind)
        message.updated_at = now
        session.add(message)
        # A person who turns other mail into a contribution gives it what contributions get.
        receipt = (receipt_for_decided(session, message, runtime, now, actor)
                   if kind_before != message.kind else None)
        session.commit()
        kinds = f", kind {kind_before} -> {message.kind}" if message.kind != kind_before else ""
        lines.append(f"message {register_id}: {before} -> {', '.join(codes) or 'no Member State'}{kinds} (by {actor})")
        if receipt:
            lines.append(f"receipt number {receipt} given; its acknowledgement is held: "
                         f"mailbot ack release {receipt} sends it")
        if learn_sender:
            lines.append(learn(focal_file, reference, codes, message.from_address, message.from_name))
    return lines


def decided_kind(text: str | None) -> str | None:
    """The kind a person chose, checked against the register's kinds; None (empty) leaves the machine's kind."""
    kind = (text or "").strip().lower()
    if not kind:
        return None
    if kind not in KINDS:
        raise UsageError(f"--kind: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    return kind


def learn(focal_file: Path, reference, codes: list[str], address: str | None, name: str | None) -> str:
    """Append the sender to the focal points file, once."""
    if len(codes) != 1 or not address:
        return "sender not learned: --learn-sender needs exactly one state and a sender address"
    if reference.focal_point(address) is not None:
        return f"{address} is already a focal point of {reference.focal_point(address).state}"
    entry = (f'\n[[focal_point]]\nstate = "{codes[0]}"\naddress = "{_toml_text(address.lower())}"\n'
             f'name = "{_toml_text(name or "")}"\nrole = "learned from review"\n')
    with open(focal_file, "a", encoding="utf-8") as handle:
        handle.write(entry)
    return f"{address} added to the focal points of {codes[0]} in {focal_file}"


def _toml_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")
