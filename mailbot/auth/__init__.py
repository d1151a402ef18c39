"""OAuth2 access tokens for IMAP and SMTP logins, behind one narrow door (`TokenSource`).

    profile.py    [oauth2] settings + provider -> one resolved OAuth2Profile (token URL, grant, scope)
    endpoint.py   the token endpoint door: Authlib over HTTP, or in memory for tests
    tokens.py     CachedTokenSource: memory + state-folder cache, refresh before expiry, rotation;
                  make_token_source, the configured one
    sasl.py       XOAUTH2 and OAUTHBEARER (RFC 7628) initial responses, mechanism choice
    device.py     the RFC 8628 device-authorization flow behind `mailbot auth login --device`
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class AccessToken:
    """A bearer token and when it stops working (epoch seconds); the value never shows in a repr."""

    value: str = field(repr=False)
    expires_at: float
    scope: str = ""
    lifetime: float = 0.0      # as issued (expires_in), seconds; 0 = not known

    def expires_in(self, now: float) -> float:
        return self.expires_at - now

    def minutes_left(self, now: float) -> str:
        return f"{max(int((self.expires_at - now) // 60), 0)} min"


class TokenSource(Protocol):
    """The narrow door IMAP and SMTP logins use.

    `token()` returns a token good for a while yet (fetched, refreshed or cached);
    `invalidate(token)` is called once a server refused it, so the next `token()` fetches afresh.
    Raises TokenRefused (do not retry) or TokenEndpointUnavailable (retry later)."""

    def token(self) -> AccessToken: ...

    def invalidate(self, token: AccessToken) -> None: ...
