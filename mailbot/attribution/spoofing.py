"""Can the From address be believed? Our receiving server's Authentication-Results, or dkimpy."""
from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.types import ParsedMessage

_METHOD_RE = re.compile(r"\b(dkim|spf|dmarc)\s*=\s*([a-z]+)((?:\s+[a-z.\-]+\s*=\s*[^\s;]+)*)", re.I)
_PROP_RE = re.compile(r"([a-z]+\.[a-z\-]+)\s*=\s*([^\s;]+)", re.I)


@dataclass(frozen=True)
class SenderCheck:
    """`pass`, `fail`, `none` (nothing we trust says either way), `off` (check disabled), `invalid`."""

    status: str
    detail: str

    @property
    def trusted(self) -> bool:
        return self.status in ("pass", "off")


def _aligned(domain: str, other: str) -> bool:
    domain, other = domain.lower().strip(". "), other.lower().strip(". <>").rpartition("@")[2]
    return bool(other) and (domain == other or domain.endswith("." + other) or other.endswith("." + domain))


def parse_results(value: str) -> tuple[str, list[tuple[str, str, dict[str, str]]]]:
    """The authserv-id and the (method, result, properties) of one Authentication-Results value."""
    authserv_id, _, rest = value.partition(";")
    results = []
    for match in _METHOD_RE.finditer(rest):
        props = {key.lower(): val for key, val in _PROP_RE.findall(match.group(3) or "")}
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
    for value in parsed.header_values("Authentication-Results"):
        authserv_id, results = parse_results(value)
        if authserv_id != trusted_id.lower():
            continue
        passed, failed = [], []
        for method, result, props in results:
            identity = props.get("header.d") or props.get("header.i") or props.get("header.from") \
                or props.get("smtp.mailfrom") or ""
            if method == "dmarc" and result == "pass":
                passed.append("dmarc=pass")
            elif method == "dmarc" and result == "fail":
                failed.append("dmarc=fail")
            elif result == "pass" and _aligned(domain, identity):
                passed.append(f"{method}=pass ({identity})")
            elif result in ("fail", "permerror") and method in ("dkim", "spf"):
                failed.append(f"{method}={result}")
        if "dmarc=fail" in failed:
            return SenderCheck("fail", f"{trusted_id}: " + ", ".join(failed))
        if passed:
            return SenderCheck("pass", f"{trusted_id}: " + ", ".join(passed))
        if failed:
            return SenderCheck("fail", f"{trusted_id}: " + ", ".join(failed))
        return SenderCheck("none", f"{trusted_id}: no aligned pass for {domain}")
    return SenderCheck("none", f"no Authentication-Results from {trusted_id}")


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
