"""Reply-To: a focal point or government address there is weak evidence (anyone can set it)."""
from __future__ import annotations

from mailbot.attribution.collectors.sender import address_evidence


def collect_reply_to(view, ctx) -> list:
    found = []
    sender = view.sender.address.lower() if view.sender else None
    for address in view.reply_to:
        if address.address.lower() != sender:
            found += [item for item in address_evidence("reply_to", address.address, ctx, kind_override="reply_to")
                      if item.kind == "reply_to"]
    return found
