"""Configuration: defaults run the demo; the file and the environment are validated with file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.config import DEMO_MAILDIR, load_settings
from mailbot.errors import ConfigError


def test_no_configuration_means_the_bundled_demo():
    settings = load_settings(None, {})
    assert not settings.uses_imap and not settings.uses_smtp
    assert settings.maildir.path == DEMO_MAILDIR
    assert settings.state.dir == Path("var")


def test_environment_wins_over_the_file_and_selects_imap_and_smtp(tmp_path):
    config = tmp_path / "mailbot.toml"
    config.write_text('[imap]\nhost = "imap.example.org"\nport = 993\n[state]\ndir = "state"\n')
    settings = load_settings(config, {"MAILBOT_IMAP_PORT": "1143", "MAILBOT_IMAP_SECURITY": "plain",
                                      "MAILBOT_SMTP_HOST": "smtp.example.org"})
    assert settings.uses_imap and settings.imap.port == 1143 and settings.imap.security == "plain"
    assert settings.uses_smtp and settings.smtp.host == "smtp.example.org"
    assert settings.state.dir == tmp_path / "state"     # relative to the config file


def test_unknown_key_is_refused_with_file_line_and_key(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('[imap]\nhost = "x"\n\nhots = "typo"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(config, {})
    message = str(caught.value)
    assert f"{config}:4" in message and "imap.hots" in message and "unknown key" in message


def test_unknown_section_and_bad_value_and_bad_toml(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('[imapp]\nhost = "x"\n')
    with pytest.raises(ConfigError, match=r"bad.toml:1: imapp: unknown section"):
        load_settings(config, {})
    config.write_text('[imap]\nsecurity = "ssl3"\n')
    with pytest.raises(ConfigError, match=r"bad.toml:2: imap.security"):
        load_settings(config, {})
    config.write_text('[imap\nhost = "x"\n')
    with pytest.raises(ConfigError, match=r"bad.toml:1: not valid TOML"):
        load_settings(config, {})


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ConfigError, match="MAILBOT_IMAP_PORT"):
        load_settings(None, {"MAILBOT_IMAP_PORT": "not-a-port"})


def test_password_from_a_file_and_never_shown(tmp_path):
    secret = tmp_path / "imap.pw"
    secret.write_text("s3cret-value\n")
    settings = load_settings(None, {"MAILBOT_IMAP_HOST": "h", "MAILBOT_IMAP_PASSWORD_FILE": str(secret),
                                    "MAILBOT_SMTP_PASSWORD": "other-secret"})
    assert settings.imap_password() == "s3cret-value"
    shown = str(settings.redacted())
    assert "other-secret" not in shown and "s3cret-value" not in shown


def test_password_never_in_repr():
    settings = load_settings(None, {"MAILBOT_IMAP_HOST": "h", "MAILBOT_IMAP_PASSWORD": "hunter2-secret"})
    assert "hunter2-secret" not in repr(settings) and "hunter2-secret" not in str(settings.imap)
    assert settings.imap_password() == "hunter2-secret"


def test_cli_refuses_a_bad_rule_file_with_file_line_and_reason(tmp_path):
    import shutil
    import subprocess
    import sys

    from mailbot.config import DEFAULT_RULES_DIR, PROJECT_ROOT

    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    with open(rules / "routing.toml", "a", encoding="utf-8") as handle:
        handle.write('\n[[rule]]\nname = "broken"\n[rule.when]\nsubject = "(unclosed"\n[rule.then]\nneeds_review = true\n')
    env = {"PYTHONPATH": str(PROJECT_ROOT), "MAILBOT_RULES_DIR": str(rules), "MAILBOT_STATE_DIR": str(tmp_path / "s"),
           "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "mailbot", "run", "--once"], env=env, capture_output=True, text=True)
    assert run.returncode == 2 and "routing.toml:" in run.stderr and "bad regex" in run.stderr
    check = subprocess.run([sys.executable, "-m", "mailbot", "rules", "check"], env=env, capture_output=True,
                           text=True)
    assert check.returncode == 1 and "rule 'broken'" in check.stderr
