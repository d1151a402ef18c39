"""The signature block under the closing: "Permanent Mission of Kenya to the United Nations"."""
from __future__ import annotations

from mailbot.attribution.collectors.common import to_evidence

_KINDS = {"explicit": "signature", "label": "signature", "institution": "signature",
          "title_line": "signature"}


def collect_signature(view, ctx) -> list:
    if not view.signature.strip():
        return []
    findings = ctx.analyser.analyse(view.signature[:2000], title_block=True)
    return to_evidence("signature", findings, _KINDS, "signature")
