"""The author's own body text (quoted and forwarded parts cut off, signature handled apart)."""
from __future__ import annotations

from mailbot.attribution.collectors.common import to_evidence

_KINDS = {"explicit": "body_author", "label": "body_author", "institution": "body_institution"}
_MAX_CHARS = 20000


def collect_body(view, ctx) -> list:
    if not view.body.strip():
        return []
    findings = ctx.analyser.analyse(view.body[:_MAX_CHARS], title_block=False)
    return to_evidence("body", findings, _KINDS, "body")
