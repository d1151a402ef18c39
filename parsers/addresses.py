"""Strict address-list parsing (CVE-2023-27043): ambiguous mailboxes are dropped and reported, never guessed."""
from __future__ import annotations

import re
from email.errors import HeaderParseError

from mailparser.utils import get_addresses

from parsers.headers import decode_header_value
from parsers.types import Address

# One addr-spec: a dot-atom or quoted local part, exactly one "@", a dot-atom or literal domain.
# RFC 6532 allows UTF-8 in both halves; control, space and format characters never.
UTF8 = ("\u00a1-\u167f\u1681-\u1fff\u2010-\u2027\u2030-\u205e\u2070-\u2fff\u3001-\ufefe"
        "\uff00-\ufffd\U00010000-\U0010ffff")
ATEXT = rf"[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~{UTF8}-]"
LOCAL_PART = rf'(?:{ATEXT}+(?:\.{ATEXT}+)*|"[^"\\\r\n]*")'
LABEL = rf"[A-Za-z0-9{UTF8}](?:[A-Za-z0-9{UTF8}-]{{0,61}}[A-Za-z0-9{UTF8}])?"
DOMAIN = rf"(?:{LABEL}(?:\.{LABEL})*|\[[^\]\s\\]*\])"
ADDR_SPEC = re.compile(rf"{LOCAL_PART}@{DOMAIN}")
DEFAULT_LIMIT = 1000


def parse_addresses(value: str, header: str, *, limit: int = DEFAULT_LIMIT) -> tuple[tuple[Address, ...], list[str]]:
    """Every mailbox of an address header that parses unambiguously, and a sentence per problem."""
    defects: list[str] = []
    if not value.strip():
        return (), defects
    value, cut = _first_items(value, limit)
    if cut:
        defects.append(f"more than {limit} addresses in {header}: the rest were not read")
    diagnostics: list[dict] = []
    try:
        # Names are decoded below by our own decoder, after the structure is known (never before).
        pairs = get_addresses(value, defects=diagnostics, decode_names=False)
    except (HeaderParseError, ValueError, LookupError, UnicodeError) as err:
        defects.append(f"the {header} header could not be parsed ({err}): no address read")
        return (), defects
    for diagnostic in diagnostics:
        defects.append(_diagnostic_sentence(diagnostic, header))
    if diagnostics and header.lower() in ("from", "sender", "reply-to"):
        # A sender header with any ambiguity is not trusted at all.
        return (), defects
    addresses = []
    for name, address in pairs:
        if not address:
            continue
        checked = _strict_address(address)
        if checked is None:
            defects.append(f"the {header} header has an invalid address {address!r}: ignored")
            continue
        name, problems = decode_header_value(name, f"display name in {header}")
        defects.extend(problems)
        addresses.append(Address(name=name, address=checked))
    return tuple(addresses), defects


def _strict_address(address: str) -> str | None:
    """The address with its domain lower-cased, or None when it is not exactly one addr-spec."""
    local, _, domain = address.rpartition("@")
    # RFC 5321 size limits: 64 characters before the "@", 254 in all.
    if len(local) > 64 or len(address) > 254 or not ADDR_SPEC.fullmatch(address):
        return None
    return f"{local}@{domain.lower()}"


def _diagnostic_sentence(diagnostic: dict, header: str) -> str:
    reason = str(diagnostic.get("reason", "unreadable")).replace("-", " ")
    raw = str(diagnostic.get("raw", ""))[:200]
    recovered = "a guess was possible but not trusted" if diagnostic.get("recovered") else "no address read"
    return f"ambiguous address in {header} ({reason}): {raw!r}; {recovered}"


def _first_items(value: str, limit: int) -> tuple[str, bool]:
    """The text up to the limit-th top-level comma (outside quotes, comments and angle brackets)."""
    if value.count(",") < limit:
        return value, False
    commas = 0
    depth_comment = 0
    in_quote = in_angle = escaped = False
    for position, char in enumerate(value):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_quote:
            in_quote = char != '"'
        elif char == '"':
            in_quote = True
        elif char == "(":
            depth_comment += 1
        elif char == ")" and depth_comment:
            depth_comment -= 1
        elif depth_comment:
            continue
        elif char == "<":
            in_angle = True
        elif char == ">":
            in_angle = False
        elif char == "," and not in_angle:
            commas += 1
            if commas == limit:
                return value[:position], True
    return value, False
