"""SASL initial responses for bearer tokens, and which mechanism to use with a server."""
from __future__ import annotations

from enum import StrEnum

from mailbot.errors import AuthError


class Mechanism(StrEnum):
    XOAUTH2 = "XOAUTH2"              # Google's and Microsoft's; the one Exchange Online accepts
    OAUTHBEARER = "OAUTHBEARER"      # RFC 7628, the standard; Google and Dovecot offer it


def choose_mechanism(setting: str, offered: set[str]) -> Mechanism:
    """`auto`: OAUTHBEARER where the server offers it, else XOAUTH2; a named one must be offered."""
    offered = {name.upper() for name in offered}
    if setting != "auto":
        wanted = Mechanism(setting.upper())
        if wanted not in offered:
            raise AuthError(f"the server does not offer AUTH={wanted} (it offers "
                            f"{', '.join(sorted(offered)) or 'no SASL mechanism'}); set oauth2.mechanism")
        return wanted
    if Mechanism.OAUTHBEARER in offered:
        return Mechanism.OAUTHBEARER
    if Mechanism.XOAUTH2 in offered:
        return Mechanism.XOAUTH2
    raise AuthError(f"the server offers neither XOAUTH2 nor OAUTHBEARER (it offers "
                    f"{', '.join(sorted(offered)) or 'no SASL mechanism'})")


def xoauth2(user: str, token: str) -> str:
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def oauthbearer(user: str, token: str) -> str:
    """RFC 7628 3.1, with the authorization identity (Gmail requires it); ',' and '=' escaped (RFC 5801)."""
    identity = user.replace("=", "=3D").replace(",", "=2C")
    return f"n,a={identity},\x01auth=Bearer {token}\x01\x01"


def initial_response(mechanism: Mechanism, user: str, token: str) -> str:
    return xoauth2(user, token) if mechanism is Mechanism.XOAUTH2 else oauthbearer(user, token)
