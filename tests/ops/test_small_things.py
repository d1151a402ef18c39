"""Item 9: --version, help for every option, flags shown as flags, status as a table, show unwrapped."""
from __future__ import annotations

import re

from mailbot.cli import build_command
from tests.ops.cli import mailbot


def test_version(tmp_path):
    result = mailbot("--version", state=tmp_path / "state")
    assert result.code == 0 and re.fullmatch(r"mailbot \S+\n", result.out)


def _commands(command, path=("mailbot",)):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_every_option_and_argument_of_every_command_has_help():
    missing = [f"{' '.join(path)} {param.name}" for path, command in _commands(build_command())
               for param in command.params if not getattr(param, "help", None)]
    assert missing == []


def test_flags_are_shown_as_flags_in_help(tmp_path):
    for args in (("run", "--help"), ("review", "set", "--help"), ("status", "--help")):
        result = mailbot(*args, state=tmp_path / "state")
        assert result.code == 0 and "<bool>" not in result.out, result.out
        assert "Usage: mailbot " in result.out


def test_status_counts_are_rows_of_a_table(demo_state):
    out = mailbot("status", state=demo_state).out
    assert re.search(r"│ messages\s+│ 14\s+│", out)
    assert re.search(r"│\s+contribution\s+│ 10\s+│", out)
    assert "{" not in out                         # no JSON dict in the human view
    assert "2020-01-16 10:00 CET" in out          # the last poll, in the consultation's zone


def test_show_does_not_wrap_when_piped(demo_state):
    out = mailbot("show", "9", state=demo_state).out    # COLUMNS=80 in the helper's environment
    assert max(len(line) for line in out.splitlines()) > 80
    assert any('"subject": "' in line and line.rstrip().endswith('",') for line in out.splitlines())


def test_a_file_size_in_bytes_is_words_of_the_language():
    from mailbot.correspondence.render import _filesize

    said = {lang: _filesize({"lang": lang}, 893).replace("\xa0", " ")
            for lang in ("en", "fr", "es", "ru", "ar", "zh")}
    assert said["en"] == "893 bytes" and said["fr"] == "893 octets" and said["ru"] == "893 байта"
    assert "字节" in said["zh"] and "بايت" in said["ar"]
