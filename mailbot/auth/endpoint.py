"""The token endpoint door: one `request(grant, **params)` returning the endpoint's JSON answer.

AuthlibTokenEndpoint speaks to the provider over HTTPS with Authlib's requests client;
MemoryTokenEndpoint answers from memory for unit tests. Both raise TokenRefused (the endpoint said
no: the client, grant or scope is wrong, not worth retrying) or TokenEndpointUnavailable.
"""
from __future__ import annotations

import secrets
from typing import Protocol

from mailbot.auth.profile import Grant, OAuth2Profile
from mailbot.errors import ConfigError, TokenEndpointUnavailable, TokenRefused

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"   # RFC 8628 3.4


class TokenEndpoint(Protocol):
    def request(self, grant: str, **params: str) -> dict:
        """POST one grant to the token endpoint; the answer (access_token, expires_in, ...)."""

    def start_device_login(self) -> dict:
        """RFC 8628 3.1: device_code, user_code, verification_uri, interval, expires_in."""


class AuthlibTokenEndpoint:
    """Authlib's OAuth2Session (requests) against the profile's token and device endpoints."""

    def __init__(self, profile: OAuth2Profile):
        self.profile = profile

    def _session(self):
        from authlib.integrations.requests_client import OAuth2Session

        profile = self.profile
        # A public client (no secret: Microsoft's device login for a desktop app) authenticates with none.
        method = "client_secret_post" if profile.client_secret else "none"
        return OAuth2Session(profile.client_id, profile.client_secret, scope=profile.scope,
                             token_endpoint=profile.token_url, token_endpoint_auth_method=method)

    def request(self, grant: str, **params: str) -> dict:
        url, timeout = self.profile.token_url, self.profile.timeout
        with self._session() as session:
            with _mapped_errors(url):
                if grant == Grant.REFRESH_TOKEN:
                    answer = session.refresh_token(url, refresh_token=params["refresh_token"],
                                                   timeout=timeout)
                else:
                    answer = session.fetch_token(url, grant_type=str(grant), timeout=timeout, **params)
        return dict(answer)

    def start_device_login(self) -> dict:
        profile = self.profile
        if not profile.device_url:
            raise ConfigError(f"provider {profile.provider} offers no device sign-in for this scope "
                              "(Google: not for the Gmail scope; README says how to get a refresh token); "
                              "set device_url if your provider has one", key="oauth2.device_url")
        with self._session() as session, _mapped_errors(profile.device_url):
            response = session.post(profile.device_url, timeout=profile.timeout, withhold_token=True,
                                    data={"client_id": profile.client_id, "scope": profile.scope})
            answer = _json(response)
            if "error" in answer or response.status_code >= 400:
                raise TokenRefused(str(answer.get("error") or f"HTTP {response.status_code}"),
                                   str(answer.get("error_description") or ""))
        return answer


class _mapped_errors:
    """Authlib's and requests' exceptions as ours; none of their texts carries a secret (form bodies
    are never quoted), and the URL is the configured one."""

    def __init__(self, url: str):
        self.url = url

    def __enter__(self):
        return self

    def __exit__(self, kind, err, _tb):
        if err is None or isinstance(err, (TokenRefused, TokenEndpointUnavailable)):
            return False
        import requests
        from authlib.common.errors import AuthlibBaseError

        if isinstance(err, AuthlibBaseError):
            raise TokenRefused(str(err.error), str(err.description or "")) from None
        if isinstance(err, requests.HTTPError) and err.response is not None:
            status = err.response.status_code
            if status >= 500 or status == 429:
                raise TokenEndpointUnavailable(f"token endpoint {self.url} answered HTTP {status}") from None
            raise TokenRefused(f"HTTP {status}", f"from {self.url}") from None
        if isinstance(err, requests.RequestException):
            raise TokenEndpointUnavailable(
                f"cannot reach the token endpoint {self.url}: {type(err).__name__}") from None
        return False


def _json(response) -> dict:
    try:
        answer = response.json()
    except ValueError:
        answer = None
    return answer if isinstance(answer, dict) else {}


class MemoryTokenEndpoint:
    """Hands out tokens from memory; a test sets `refusal` or `unavailable` and reads `calls`."""

    def __init__(self, lifetime: int = 3600, rotate: bool = True, refresh_token: str | None = None):
        self.lifetime, self.rotate = lifetime, rotate
        self.calls: list[str] = []
        self.refusal: TokenRefused | None = None
        self.unavailable = False
        self.valid_refresh: set[str] = {refresh_token} if refresh_token else set()
        self.issued: list[str] = []
        self.approved = False

    def request(self, grant: str, **params: str) -> dict:
        self.calls.append(str(grant))
        if self.unavailable:
            raise TokenEndpointUnavailable("cannot reach the token endpoint memory: ConnectionError")
        if self.refusal is not None:
            raise self.refusal
        answer = {"access_token": f"mem-at-{secrets.token_hex(8)}", "expires_in": self.lifetime,
                  "token_type": "Bearer"}
        if grant == Grant.REFRESH_TOKEN:
            if params.get("refresh_token") not in self.valid_refresh:
                raise TokenRefused("invalid_grant", "refresh token not valid")
            if self.rotate:
                self.valid_refresh.discard(params["refresh_token"])
                answer["refresh_token"] = self._new_refresh()
        elif grant == DEVICE_GRANT:
            if not self.approved:
                raise TokenRefused("authorization_pending")
            answer["refresh_token"] = self._new_refresh()
        self.issued.append(answer["access_token"])
        return answer

    def _new_refresh(self) -> str:
        token = f"mem-rt-{secrets.token_hex(8)}"
        self.valid_refresh.add(token)
        return token

    def start_device_login(self) -> dict:
        self.calls.append("device")
        return {"device_code": "mem-dc", "user_code": "ABC-123",
                "verification_uri": "https://example.test/device", "interval": 0, "expires_in": 900}
