"""deploy/mailbot.service: systemd accepts it, and it keeps the promises README's service section makes."""
from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

from mailbot.config import ScheduleSettings

UNIT = Path(__file__).resolve().parents[2] / "deploy" / "mailbot.service"


def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNIT)
    return parser


def test_systemd_analyze_verify_accepts_the_unit(tmp_path):
    # The unit names /opt/mailbot's executable; verified here with this checkout's interpreter instead.
    assert shutil.which("systemd-analyze"), "systemd is in scripts/test.sh SYSTEM_PACKAGES"
    unit = tmp_path / "mailbot.service"
    unit.write_text(UNIT.read_text().replace("/opt/mailbot/.venv/bin/mailbot", f"{sys.executable} -m mailbot"))
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_the_unit_stops_after_mailbot_and_restarts_only_on_failure():
    service = _unit()["Service"]
    stop_seconds = float(service["TimeoutStopSec"])
    assert stop_seconds > ScheduleSettings().shutdown_seconds
    assert service["KillMode"] == "mixed" and service["Restart"] == "on-failure"
    assert float(service["RestartSec"]) > 0 and service["RestartPreventExitStatus"] == "2"
    assert service["User"] == "mailbot" and service["StateDirectory"] == "mailbot"
    assert service["ReadWritePaths"] == "/var/lib/mailbot" and service["ProtectSystem"] == "strict"
    assert service["NoNewPrivileges"] == "yes" and service["PrivateTmp"] == "yes"
