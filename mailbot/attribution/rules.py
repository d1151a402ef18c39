"""Admin rules (rules/*.toml): load, validate with file and line, match, and check their examples."""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from mailbot.attribution.signals import FEATURES   # the features code computes
from mailbot.errors import RuleError
from mailbot.kinds import Kind

# The kinds a rule may match or set: not the robots' reports other than bounce, nor our own loops.
RULE_KINDS = (Kind.CONTRIBUTION, Kind.AUTO_REPLY, Kind.BOUNCE, Kind.REPLY, Kind.OTHER)
RULE_KEYS = {"name", "note", "enabled", "stop", "when", "then", "examples"}
WHEN_KEYS = {"sender", "sender_domain", "sender_regex", "header", "subject", "body", "document",
             "attachment_name", "language", "kind", "signal", "not_signal"}
SIGNAL_KEYS = {"name", "note", "threshold", "weights"}
THEN_KEYS = {"states", "category", "kind", "needs_review", "review_reason", "suppress_ack",
             "suppress_reason", "route_folder", "forward_to"}
EXAMPLE_KEYS = {"from", "name", "subject", "body", "document", "attachment", "headers", "language",
                "kind", "expect"}
EXPECT_KEYS = {"matched", "states", "category", "kind", "needs_review", "suppress_ack", "route_folder",
               "forward_to"}
REGEX_CONDITIONS = ("sender_regex", "subject", "body", "document")
SENDER_CONDITIONS = ("sender", "sender_domain", "sender_regex")


@dataclass(frozen=True)
class RuleProblem:
    file: str
    line: int | None
    rule: str | None
    reason: str

    def __str__(self) -> str:
        return str(RuleError(self.reason, file=self.file, line=self.line, rule=self.rule))


@dataclass(frozen=True)
class Facts:
    """What a rule can look at in one message."""

    sender: str = ""                 # address, lower case
    headers: tuple[tuple[str, str], ...] = ()
    subject: str = ""
    body: str = ""
    documents: tuple[str, ...] = ()
    attachment_names: tuple[str, ...] = ()
    language: str | None = None
    kind: str | None = None
    signals: frozenset[str] = frozenset()   # the signals that fired (mailbot/attribution/signals.py)

    @property
    def sender_domain(self) -> str:
        return self.sender.rpartition("@")[2]


@dataclass(frozen=True)
class Rule:
    name: str
    file: str
    line: int
    note: str
    stop: bool
    when: dict                       # condition -> tuple of compiled patterns / globs / values
    then: dict
    examples: tuple[dict, ...] = ()
    example_lines: tuple[int, ...] = ()

    @property
    def uses_sender(self) -> bool:
        return any(key in self.when for key in SENDER_CONDITIONS)

    def matches(self, facts: Facts) -> bool:
        return all(_condition(key, patterns, facts) for key, patterns in self.when.items())


@dataclass(frozen=True)
class Signal:
    """A named sum of feature weights that fires at its threshold (rules/signals.toml)."""

    name: str
    threshold: float
    weights: dict            # feature name -> weight (negative weights speak against it)
    note: str = ""
    file: str = ""
    line: int = 0

    def score(self, present: set[str]) -> float:
        return round(sum(weight for feature, weight in self.weights.items() if feature in present), 4)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    version: str
    files: tuple[str, ...] = field(default=())
    signals: tuple[Signal, ...] = ()


def _as_tuple(value) -> tuple:
    return tuple(value) if isinstance(value, list) else (value,)


def _condition(key: str, patterns, facts: Facts) -> bool:
    if key == "sender":
        return any(fnmatch(facts.sender, glob) for glob in patterns)
    if key == "sender_domain":
        return any(fnmatch(facts.sender_domain, glob) for glob in patterns)
    if key == "sender_regex":
        return any(regex.search(facts.sender) for regex in patterns)
    if key == "subject":
        return any(regex.search(facts.subject) for regex in patterns)
    if key == "body":
        return any(regex.search(facts.body) for regex in patterns)
    if key == "document":
        return any(regex.search(text) for regex in patterns for text in facts.documents)
    if key == "attachment_name":
        return any(fnmatch(name.lower(), glob) for glob in patterns for name in facts.attachment_names)
    if key == "language":
        return facts.language in patterns
    if key == "kind":
        return facts.kind in patterns
    if key == "signal":
        return any(name in facts.signals for name in patterns)
    if key == "not_signal":
        return not any(name in facts.signals for name in patterns)
    if key == "header":
        return all(any(regex.search(value) for name, value in facts.headers if name.lower() == wanted)
                   for wanted, regex in patterns)
    return False


class _Lines:
    """Best-effort line numbers inside one rule file (tomllib keeps none)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.rule_starts = [number for number, line in enumerate(self.lines, start=1)
                            if re.match(r"^\s*\[\[\s*rule\s*\]\]", line)]
        self.example_starts = [number for number, line in enumerate(self.lines, start=1)
                               if re.match(r"^\s*\[\[\s*rule\.examples\s*\]\]", line)]
        self.signal_starts = [number for number, line in enumerate(self.lines, start=1)
                              if re.match(r"^\s*\[\[\s*signal\s*\]\]", line)]

    def rule(self, index: int) -> int | None:
        return self.rule_starts[index] if index < len(self.rule_starts) else None

    def find(self, start: int | None, needle: str) -> int | None:
        """First line at or after `start`, before the next rule, that contains `needle`."""
        if start is None:
            return None
        following = [line for line in self.rule_starts if line > start]
        end = following[0] if following else len(self.lines) + 1
        for number in range(start, end):
            if needle in self.lines[number - 1]:
                return number
        return start

    def examples_of(self, start: int | None) -> list[int]:
        if start is None:
            return []
        following = [line for line in self.rule_starts if line > start]
        end = following[0] if following else len(self.lines) + 1
        return [line for line in self.example_starts if start < line < end]


def rule_files(directory: Path) -> list[Path]:
    return sorted(Path(directory).glob("*.toml"))


def load_rules(directory: Path, known_states, extra_files: tuple[Path, ...] = ()) -> tuple[RuleSet, list[RuleProblem]]:
    """All rules of the directory in file then line order, and every problem found."""
    problems: list[RuleProblem] = []
    rules: list[Rule] = []
    signals: list[Signal] = []
    seen: dict[str, str] = {}
    digest = hashlib.sha256()
    files = rule_files(directory)
    for path in files:
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
        rules += _load_file(path, raw.decode("utf-8", "replace"), known_states, seen, problems, signals)
    for path in extra_files:
        if Path(path).exists():
            digest.update(Path(path).name.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    _check_signal_names(rules, signals, problems)
    return RuleSet(tuple(rules), digest.hexdigest()[:12], tuple(str(path) for path in files),
                   tuple(signals)), problems


def _check_signal_names(rules: list[Rule], signals: list[Signal], problems: list) -> None:
    names = {signal.name for signal in signals}
    for rule in rules:
        for name in rule.when.get("signal", ()) + rule.when.get("not_signal", ()):
            if name not in names:
                problems.append(RuleProblem(rule.file, rule.line, rule.name,
                                            f"unknown signal {name!r} (defined: {', '.join(sorted(names)) or 'none'})"))


def _load_signals(file: str, lines: "_Lines", entries, problems: list) -> list[Signal]:
    if not isinstance(entries, list):
        problems.append(RuleProblem(file, 1, None, "'signal' must be written as [[signal]] tables"))
        return []
    signals = []
    for index, entry in enumerate(entries):
        line = lines.signal_starts[index] if index < len(lines.signal_starts) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        before = len(problems)

        def problem(reason: str, needle: str | None = None) -> None:
            where = lines.find(line, needle) if needle else line
            problems.append(RuleProblem(file, where, f"signal {name}" if name else None, reason))

        if not isinstance(entry, dict):
            problem("each signal must be a table")
            continue
        for key in entry:
            if key not in SIGNAL_KEYS:
                problem(f"unknown key {key!r} (allowed: {', '.join(sorted(SIGNAL_KEYS))})", key)
        if not isinstance(name, str) or not name.strip():
            problem("every signal needs a non-empty 'name'")
        threshold = entry.get("threshold")
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool):
            problem("'threshold' must be a number", "threshold")
        weights = entry.get("weights")
        if not isinstance(weights, dict) or not weights:
            problem("'weights' must be a table of feature = weight", "weights")
            weights = {}
        for feature, weight in weights.items():
            if feature not in FEATURES:
                problem(f"unknown feature {feature!r} (known: {', '.join(FEATURES)})", feature)
            elif not isinstance(weight, (int, float)) or isinstance(weight, bool):
                problem(f"weight of {feature!r} must be a number", feature)
        if len(problems) == before:
            signals.append(Signal(name, float(threshold), {k: float(v) for k, v in weights.items()},
                                  str(entry.get("note", "")), file, line or 0))
    return signals


def _load_file(path: Path, text: str, known_states, seen: dict, problems: list,
               signals: list | None = None) -> list[Rule]:
    file = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        if line is None:
            found = re.search(r"line (\d+)", str(err))
            line = int(found.group(1)) if found else None
        problems.append(RuleProblem(file, line, None, f"not valid TOML: {err}"))
        return []
    lines = _Lines(text)
    for key in data:
        if key not in ("rule", "signal"):
            problems.append(RuleProblem(file, _top_line(lines, key), None,
                                        f"unknown key {key!r} (rules are [[rule]] tables, signals [[signal]])"))
    if "signal" in data and signals is not None:
        signals += _load_signals(file, lines, data["signal"], problems)
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        problems.append(RuleProblem(file, 1, None, "'rule' must be written as [[rule]] tables"))
        return []
    rules = []
    for index, entry in enumerate(entries):
        rule = _build_rule(file, lines, index, entry, known_states, seen, problems)
        if rule is not None:
            rules.append(rule)
    return rules


def _top_line(lines: _Lines, key: str) -> int | None:
    for number, line in enumerate(lines.lines, start=1):
        if re.match(rf"^\s*\[?\[?\s*{re.escape(key)}\b", line):
            return number
    return None


def _build_rule(file, lines: _Lines, index, entry, known_states, seen, problems) -> Rule | None:
    start = lines.rule(index)
    name = entry.get("name")
    before = len(problems)

    def problem(reason: str, needle: str | None = None) -> None:
        line = lines.find(start, needle) if needle else start
        problems.append(RuleProblem(file, line, name if isinstance(name, str) else None, reason))

    if not isinstance(name, str) or not name.strip():
        problem("every rule needs a non-empty 'name'")
        name = None
    elif name in seen:
        problem(f"duplicate rule name (first defined in {seen[name]})", "name")
    else:
        seen[name] = f"{Path(file).name}:{start}"
    for key in entry:
        if key not in RULE_KEYS:
            problem(f"unknown key {key!r} (allowed: {', '.join(sorted(RULE_KEYS))})", key)
    when = _build_when(entry.get("when"), problem)
    then = _build_then(entry.get("then"), known_states, problem)
    examples = entry.get("examples", [])
    if not isinstance(examples, list):
        problem("'examples' must be [[rule.examples]] tables", "examples")
        examples = []
    example_lines = lines.examples_of(start)
    for number, example in enumerate(examples):
        _check_example(example, known_states, problem, example_lines[number] if number < len(example_lines) else start)
    if len(problems) > before or name is None:
        return None
    return Rule(name=name, file=file, line=start or 0, note=str(entry.get("note", "")),
                stop=bool(entry.get("stop", False)), when=when, then=then, examples=tuple(examples),
                example_lines=tuple(example_lines))


def _build_when(when, problem) -> dict:
    if not isinstance(when, dict) or not when:
        problem("every rule needs a non-empty [rule.when] table of conditions", "when")
        return {}
    built = {}
    for key, value in when.items():
        if key not in WHEN_KEYS:
            problem(f"unknown condition {key!r} (allowed: {', '.join(sorted(WHEN_KEYS))})", key)
            continue
        if key == "header":
            if not isinstance(value, dict):
                problem("'header' must be a table of header name = regex", key)
                continue
            built[key] = tuple((name.lower(), _compile(pattern, problem, key)) for name, pattern in value.items())
            continue
        values = _as_tuple(value)
        if not all(isinstance(item, str) for item in values):
            problem(f"condition {key!r} must be a string or a list of strings", key)
            continue
        if key in REGEX_CONDITIONS:
            built[key] = tuple(_compile(pattern, problem, key) for pattern in values)
        elif key in ("sender", "sender_domain", "attachment_name"):
            built[key] = tuple(item.lower() for item in values)
        elif key == "kind" and any(item not in RULE_KINDS for item in values):
            problem(f"unknown kind in {values!r} (allowed: {', '.join(RULE_KINDS)})", key)
        else:
            built[key] = values
    return built


def _compile(pattern, problem, key):
    try:
        return re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    except (re.error, TypeError) as err:
        problem(f"bad regex in {key!r}: {pattern!r}: {err}", key)
        return re.compile(r"(?!)")


def _build_then(then, known_states, problem) -> dict:
    if not isinstance(then, dict) or not then:
        problem("every rule needs a non-empty [rule.then] table (the outcome)", "then")
        return {}
    for key, value in then.items():
        if key not in THEN_KEYS:
            problem(f"unknown outcome {key!r} (allowed: {', '.join(sorted(THEN_KEYS))})", key)
        elif key in ("needs_review", "suppress_ack") and not isinstance(value, bool):
            problem(f"{key!r} must be true or false", key)
        elif key in ("category", "review_reason", "suppress_reason", "route_folder") and not isinstance(value, str):
            problem(f"{key!r} must be a string", key)
    states = then.get("states")
    if states is not None:
        if not isinstance(states, list):
            problem("'states' must be a list of ISO alpha-3 codes", "states")
        for code in states if isinstance(states, list) else ():
            if code not in known_states:
                problem(f"unknown country code {code!r} (ISO 3166-1 alpha-3 of a Member State)", str(code))
    if "kind" in then and then["kind"] not in RULE_KINDS:
        problem(f"unknown kind {then['kind']!r} (allowed: {', '.join(RULE_KINDS)})", "kind")
    forward = then.get("forward_to")
    if forward is not None:
        for address in _as_tuple(forward):
            if not isinstance(address, str) or "@" not in address:
                problem(f"'forward_to' needs mail addresses, got {address!r}", "forward_to")
    built = dict(then)
    if forward is not None:
        built["forward_to"] = tuple(_as_tuple(forward))
    return built


def _check_example(example, known_states, problem, line) -> None:
    if not isinstance(example, dict):
        problem("each example must be a table")
        return
    for key in example:
        if key not in EXAMPLE_KEYS:
            problem(f"example: unknown key {key!r} (allowed: {', '.join(sorted(EXAMPLE_KEYS))})", key)
    expect = example.get("expect", {})
    if not isinstance(expect, dict):
        problem("example: 'expect' must be a table", "expect")
        return
    for key in expect:
        if key not in EXPECT_KEYS:
            problem(f"example: unknown expectation {key!r} (allowed: {', '.join(sorted(EXPECT_KEYS))})", key)
    for code in expect.get("states", []):
        if code not in known_states:
            problem(f"example: unknown country code {code!r}", str(code))


def load_rules_or_raise(directory: Path, known_states, extra_files=()) -> RuleSet:
    ruleset, problems = load_rules(directory, known_states, extra_files)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems: run `mailbot rules check`)" if len(problems) > 1 else ""
        raise RuleError(first.reason + more, file=first.file, line=first.line, rule=first.rule)
    return ruleset
