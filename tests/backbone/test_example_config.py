"""The commented example config documents every key, and is itself valid."""
from __future__ import annotations

import re

from mailbot.config import PROJECT_ROOT, Settings, load_settings

EXAMPLE = PROJECT_ROOT / "mailbot.example.toml"


def test_example_config_loads():
    settings = load_settings(EXAMPLE, {})
    assert settings.imap.folder == "INBOX"


def test_every_key_is_documented_in_the_example():
    text = EXAMPLE.read_text()
    sections = re.split(r"^\[(\w+)\]\s*$", text, flags=re.M)
    documented = {sections[i]: sections[i + 1] for i in range(1, len(sections), 2)}
    for section, field in Settings.model_fields.items():
        assert section in documented, f"[{section}] missing from mailbot.example.toml"
        for key in field.annotation.model_fields:
            assert re.search(rf"^#?\s*{key}\s*=", documented[section], flags=re.M), \
                f"{section}.{key} missing from mailbot.example.toml"
