"""text/enriched (RFC 1896) to plain text, as the RFC's own sample decoder reads it: formatting
commands dropped, "<<" is "<", a lone line break is a space and n line breaks make n-1."""
from __future__ import annotations

import re

TOKEN = re.compile(r"<<|<(/?)([A-Za-z0-9-]{1,60})>|\n+")
# Commands whose content is not text to read (parameters of other commands).
HIDDEN = frozenset({"param"})


def enriched_to_text(source: str) -> str:
    """The readable text of a text/enriched body."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    hidden = 0
    position = 0
    for match in TOKEN.finditer(text):
        if not hidden:
            out.append(text[position:match.start()])
        position = match.end()
        token = match.group(0)
        if token == "<<":
            if not hidden:
                out.append("<")
        elif token.startswith("\n"):
            if not hidden:
                out.append(" " if len(token) == 1 else "\n" * (len(token) - 1))
        elif match.group(2).lower() in HIDDEN:
            hidden = max(0, hidden + (-1 if match.group(1) else 1))
    if not hidden:
        out.append(text[position:])
    return "".join(out).strip()
