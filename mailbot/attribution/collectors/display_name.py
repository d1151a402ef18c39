"""The display name: "Permanent Mission of Kenya" <x@gmail.com> is weak evidence on its own."""
from __future__ import annotations

from mailbot.attribution.collectors.common import to_evidence

_KINDS = {"explicit": "display_name", "label": "display_name", "institution": "display_name",
          "title_line": "display_name"}


def collect_display_name(view, ctx) -> list:
    if view.sender is None or not view.sender.name.strip():
        return []
    findings = ctx.analyser.analyse(view.sender.name[:200], title_block=True)
    return to_evidence("display_name", findings, _KINDS, f"display name {view.sender.name!r}")
