"""The subject line: "Contribution from Kenya" is strong; "KENYA - comments" is fair."""
from __future__ import annotations

from mailbot.attribution.collectors.common import to_evidence

_MAX_CHARS = 500     # a subject longer than this is hostile, not informative
_KINDS = {"explicit": "subject_author", "label": "subject_author", "institution": "subject_title",
          "title_line": "subject_title"}


def collect_subject(view, ctx) -> list:
    if not view.subject.strip():
        return []
    subject = view.subject[:_MAX_CHARS]
    findings = ctx.analyser.analyse(subject, title_block=False)
    findings += _leading_name(subject, ctx)
    return to_evidence("subject", findings, _KINDS, "subject")


def _leading_name(subject: str, ctx) -> list:
    """'Kenya: comments on the draft' — a subject that starts with a country name."""
    head = subject.split(":", 1)[0].split(" - ", 1)[0].split(" – ", 1)[0]
    if head == subject:
        return []
    return [finding for finding in ctx.analyser.analyse(head, title_block=True)
            if finding.how == "title_line"]
