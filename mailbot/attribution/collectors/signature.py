"""The signature block under the closing: "Permanent Mission of Kenya to the United Nations"."""
from __future__ import annotations

from mailbot.attribution.collectors.common import to_evidence

_KINDS = {"explicit": "signature", "label": "signature", "institution": "signature",
          "title_line": "signature"}


def collect_signature(view, ctx) -> list:
    if not view.signature.strip():
        return []
    findings = ctx.analyser.analyse(view.signature[:2000], title_block=True)
    if not any(finding.how in _KINDS and finding.states and not finding.negated for finding in findings):
        address = ctx.analyser.address_line(view.signature[:2000])   # "Ministry ... / Nairobi, Kenya"
        if address is not None:
            findings = [finding for finding in findings if set(finding.states) != set(address.states)
                        or finding.how in _KINDS] + [address]
    return to_evidence("signature", findings, _KINDS, "signature")
