"""Can the From address be believed? Our receiving server's Authentication-Results, or dkimpy.

DMARC (RFC 7489, 3.1) decides what counts: a DKIM pass whose `header.d`, or an SPF pass whose
`smtp.mailfrom` domain, has the same organizational domain (Public Suffix List) as the From
domain is an aligned pass. `dmarc=pass` counts; `dmarc=none` (no published policy) with an
aligned pass counts too; `dmarc=fail` always fails.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import authres
from publicsuffixlist import PublicSuffixList

from parsers.types import ParsedMessage

_METHOD_RE = re.compile(r"\b(dkim|spf|dmarc)\s*=\s*([a-z]+)((?:\s+[a-z.\-]+\s*=\s*[^\s;]+)*)", re.I)
_PROP_RE = re.compile(r"([a-z]+\.[a-z\-]+)\s*=\s*([^\s;]+)", re.I)
_COMMENT_RE = re.compile(r"\([^()]*\)")
# The property naming the identity each method checked, in order of preference.
_IDENTITY = {"dkim": ("header.d", "header.i"), "spf": ("smtp.mailfrom", "smtp.helo"),
             "dmarc": ("header.from",)}


@dataclass(frozen=True)
class SenderCheck:
    """`pass`, `fail`, `none` (nothing we trust says either way), `off` (check disabled), `invalid`."""

    status: str
    detail: str

    @property
    def trusted(self) -> bool:
        return self.status in ("pass", "off")


@functools.lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


@functools.lru_cache(maxsize=4096)
def organizational_domain(domain: str) -> str:
    """'bounces.mic.gov.bd' -> 'mic.gov.bd' (the registrable domain under the Public Suffix List)."""
    domain = domain.lower().strip(". <>\"").rpartition("@")[2]
    return _psl().privatesuffix(domain) or domain


def _aligned(domain: str, other: str) -> bool:
    """Relaxed DMARC alignment: both domains have the same organizational domain."""
    other = other.lower().strip(". <>\"").rpartition("@")[2]
    return bool(other) and "." in other and organizational_domain(domain) == organizational_domain(other)


def parse_results(value: str) -> tuple[str, list[tuple[str, str, dict[str, str]]]]:
    """The authserv-id and the (method, result, properties) of one Authentication-Results value.

    authres (RFC 8601) reads it, comments and folding included; a value it refuses is read
    leniently with a regular expression rather than thrown away.
    """
    value = " ".join(value.split())
    try:
        header = authres.AuthenticationResultsHeader.parse("Authentication-Results: " + value)
    except Exception:   # authres raises its own SyntaxError and others on hostile input
        return _parse_leniently(value)
    results = [(str(result.method).lower(), str(result.result).lower(),
                {f"{prop.type}.{prop.name}".lower(): str(prop.value) for prop in result.properties})
               for result in header.results]
    return str(header.authserv_id or "").lower(), results


def _parse_leniently(value: str) -> tuple[str, list[tuple[str, str, dict[str, str]]]]:
    authserv_id, _, rest = _COMMENT_RE.sub(" ", value).partition(";")
    results = []
    for match in _METHOD_RE.finditer(rest):
        props = {key.lower(): val.strip('"') for key, val in _PROP_RE.findall(match.group(3) or "")}
        results.append((match.group(1).lower(), match.group(2).lower(), props))
    return authserv_id.strip().split()[0].lower() if authserv_id.strip() else "", results


def check_sender(parsed: ParsedMessage, raw: bytes | None, *, trusted_authserv_id: str | None,
                 require_authentication: bool, verify_dkim: bool = False, dns_func=None) -> SenderCheck:
    sender = parsed.sender
    if sender is None or "@" not in sender.address:
        return SenderCheck("invalid", f"no single valid From address ({parsed.from_header!r})")
    if not require_authentication:
        return SenderCheck("off", "sender authentication check switched off by the administrator")
    domain = sender.domain
    verdict = _from_headers(parsed, domain, trusted_authserv_id)
    if verdict.status == "none" and verify_dkim and raw:
        verdict = _from_dkimpy(raw, domain, dns_func) or verdict
    return verdict


def _from_headers(parsed: ParsedMessage, domain: str, trusted_id: str | None) -> SenderCheck:
    if not trusted_id:
        return SenderCheck("none", "no trusted authserv-id configured: Authentication-Results not used")
    results = [result for value in parsed.header_values("Authentication-Results")
               for authserv_id, found in [parse_results(value)] if authserv_id == trusted_id.lower()
               for result in found]
    if not results:
        return SenderCheck("none", f"no Authentication-Results from {trusted_id}")
    return judge(results, domain, trusted_id)


def judge(results: list[tuple[str, str, dict[str, str]]], domain: str, trusted_id: str) -> SenderCheck:
    """The DMARC reading of our server's results for a From domain, naming the result that counted."""
    aligned: list[str] = []
    failed: list[str] = []
    dmarc = None
    for method, result, props in results:
        identity = next((props[key] for key in _IDENTITY.get(method, ()) if props.get(key)), "")
        shown = f"{method}={result}" + (f" ({identity})" if identity else "")
        if method == "dmarc":
            dmarc = dmarc if dmarc == "fail" else result
            if result in ("fail", "pass"):
                (failed if result == "fail" else aligned).append(shown)
        elif method in ("dkim", "spf") and result == "pass":
            if _aligned(domain, identity):
                aligned.append(f"{shown}, aligned with {domain}")
        elif method in ("dkim", "spf") and result in ("fail", "permerror"):
            failed.append(shown)
    policy = f"dmarc={dmarc}" if dmarc else "no dmarc result"
    if dmarc == "fail":
        return SenderCheck("fail", f"{trusted_id}: " + ", ".join(failed))
    if aligned:
        return SenderCheck("pass", f"{trusted_id}: " + "; ".join(aligned) + f" ({policy})")
    if failed:
        return SenderCheck("fail", f"{trusted_id}: " + ", ".join(failed))
    return SenderCheck("none", f"{trusted_id}: no aligned pass for {domain} ({policy})")


def _from_dkimpy(raw: bytes, domain: str, dns_func) -> SenderCheck | None:
    import dkim   # optional check: imported only when switched on

    try:
        verifier = dkim.DKIM(raw)
        kwargs = {"dnsfunc": dns_func} if dns_func is not None else {}
        valid = verifier.verify(**kwargs)
    except Exception as err:   # dkimpy raises many kinds on hostile input: a non-pass, not a crash
        return SenderCheck("none", f"dkimpy: {type(err).__name__}")
    signer = (verifier.domain or b"").decode("ascii", "replace")
    if valid and _aligned(domain, signer):
        return SenderCheck("pass", f"dkimpy: valid signature by {signer}")
    return None
