"""Imported by the extraction fork server before it forks a worker (see AnalyseRead.preload): the name
tables of the packaged reference data, built once there and shared by every worker, instead of once
in each worker on its first document (~0.25 s each, one after the other on a busy machine)."""
from __future__ import annotations

from mailbot.attribution.document_findings import prepare
from mailbot.reference import load_reference

try:
    prepare(load_reference())
except Exception:  # noqa: BLE001 - the fork server must start whatever the files say: a worker builds its own
    pass
