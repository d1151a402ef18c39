"""CachedTokenSource: one access token at a time, from memory, the state folder, or the endpoint."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable

from mailbot.auth import AccessToken
from mailbot.auth.endpoint import DEVICE_GRANT, AuthlibTokenEndpoint, TokenEndpoint
from mailbot.auth.profile import Grant, OAuth2Profile, resolve_profile
from mailbot.errors import ConfigError, TokenRefused

log = logging.getLogger("mailbot.auth")

CACHE_FILE = "oauth2-token.json"
DEFAULT_LIFETIME = 3600          # RFC 6749 makes expires_in optional; providers send it
REFUSAL_HOLD_SECONDS = 600       # a refused client is not asked again for this long: no retry storm


class TokenCache:
    """One JSON record in the state folder, mode 0600, replaced atomically (a crash keeps the old one)."""

    def __init__(self, state_dir: Path | str):
        self.path = Path(state_dir) / CACHE_FILE

    def load(self) -> dict:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return record if isinstance(record, dict) else {}

    def save(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = self.path.with_name(f".{CACHE_FILE}.{os.getpid()}.tmp")
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
            json.dump(record, handle)
            handle.flush()
            os.fsync(handle.fileno())   # a rotated refresh token is the only copy: it must reach the disk
        os.replace(temp, self.path)


def _fingerprint(*parts: str | None) -> str:
    return hashlib.sha256("\x00".join(part or "" for part in parts).encode()).hexdigest()[:16]


class CachedTokenSource:
    """The TokenSource the IMAP and SMTP logins share.

    A token is reused until `refresh_margin` seconds before it expires; `invalidate` (a server
    refused it) forces the next `token()` to the endpoint. A refresh token the provider rotates is
    saved at once. The stored refresh token is used unless the configured one changed since.
    """

    def __init__(self, profile: OAuth2Profile, endpoint: TokenEndpoint, cache: TokenCache,
                 now: Callable[[], float] = time.time):
        self.profile, self.endpoint, self.cache, self.now = profile, endpoint, cache, now
        self._current: AccessToken | None = None
        self._refused: tuple[TokenRefused, float] | None = None
        self.key = _fingerprint(profile.token_url, profile.client_id, str(profile.grant), profile.scope)
        self._origin = _fingerprint(profile.refresh_token) if profile.refresh_token else "none"
        # `mailbot run` polls and watches IDLE in two threads: one token fetch and one file write at a time.
        self._lock = threading.RLock()

    # ---- the door
    def token(self) -> AccessToken:
        with self._lock:
            return self._token()

    def _token(self) -> AccessToken:
        if self._refused and self.now() < self._refused[1]:
            raise self._refused[0]
        current = self._current or self._cached()
        if current is not None and current.expires_in(self.now()) > self._margin(current):
            self._current = current
            return current
        return self._fetch()

    def refresh(self) -> AccessToken:
        """A new token from the endpoint now, whatever the cache holds (`mailbot auth check`)."""
        with self._lock:
            self._refused = None
            return self._fetch()

    def invalidate(self, token: AccessToken) -> None:
        with self._lock:
            self._invalidate(token)

    def _invalidate(self, token: AccessToken) -> None:
        if self._current is not None and self._current.value != token.value:
            return       # already replaced by a fresher one
        self._current = None
        record = self.cache.load()
        if record.get("access_token") == token.value:
            record.pop("access_token", None)
            self.cache.save(record)

    # ---- the refresh-token grant's one-time setup
    def store_refresh_token(self, refresh_token: str) -> None:
        """Keep a refresh token from `auth login --device`: it wins over the configured one."""
        record = self._record()
        record.update(refresh_token=refresh_token, refresh_origin=self._origin)
        record.pop("access_token", None)
        self.cache.save(record)

    def has_refresh_token(self) -> bool:
        return self._refresh_token() is not None

    # ---- inside
    def _record(self) -> dict:
        record = self.cache.load()
        return record if record.get("key") == self.key else {"key": self.key}

    def _margin(self, token: AccessToken) -> float:
        """Renew this long before expiry; at most half a short-lived token's life, so a provider
        handing out 5-minute tokens does not make every login fetch a new one."""
        margin = self.profile.refresh_margin
        return min(margin, token.lifetime / 2) if token.lifetime > 0 else margin

    def _cached(self) -> AccessToken | None:
        record = self._record()
        value, expires = record.get("access_token"), record.get("expires_at")
        if not isinstance(value, str) or not isinstance(expires, (int, float)):
            return None
        lifetime = record.get("lifetime")
        return AccessToken(value, float(expires), str(record.get("scope") or ""),
                           float(lifetime) if isinstance(lifetime, (int, float)) else 0.0)

    def _refresh_token(self) -> str | None:
        record = self._record()
        stored = record.get("refresh_token")
        if isinstance(stored, str) and record.get("refresh_origin") == self._origin:
            return stored           # the newest (rotated) descendant of what is configured
        return self.profile.refresh_token

    def _fetch(self) -> AccessToken:
        params: dict[str, str] = {}
        if self.profile.grant is Grant.REFRESH_TOKEN:
            refresh_token = self._refresh_token()
            if not refresh_token:
                raise ConfigError("the refresh-token grant needs refresh_token or refresh_token_file, or a "
                                  "stored one from `mailbot auth login --device`", key="oauth2.refresh_token")
            params["refresh_token"] = refresh_token
        else:
            params["scope"] = self.profile.scope
        try:
            answer = self.endpoint.request(self.profile.grant, **params)
        except TokenRefused as err:
            self._refused = (err, self.now() + REFUSAL_HOLD_SECONDS)
            raise
        return self._keep(answer)

    def _keep(self, answer: dict) -> AccessToken:
        value = answer.get("access_token")
        if not isinstance(value, str) or not value:
            raise TokenRefused("invalid_response", "the token endpoint's answer has no access_token")
        try:
            lifetime = float(answer.get("expires_in") or DEFAULT_LIFETIME)
        except (TypeError, ValueError):
            lifetime = DEFAULT_LIFETIME
        token = AccessToken(value, self.now() + lifetime, str(answer.get("scope") or self.profile.scope),
                            lifetime)
        record = self._record()
        record.update(access_token=token.value, expires_at=token.expires_at, scope=token.scope,
                      lifetime=lifetime)
        rotated = answer.get("refresh_token")
        if isinstance(rotated, str) and rotated:
            record.update(refresh_token=rotated, refresh_origin=self._origin)
        self.cache.save(record)
        self._current, self._refused = token, None
        log.info("OAuth2 access token obtained from %s (%s grant), valid %d min",
                 self.profile.token_url, self.profile.grant, lifetime // 60)
        return token

    def device_token(self, device_code: str) -> AccessToken:
        """One poll of the device grant (RFC 8628 3.4); TokenRefused('authorization_pending') meanwhile."""
        answer = self.endpoint.request(DEVICE_GRANT, device_code=device_code)
        token = self._keep(answer)
        if not answer.get("refresh_token"):
            raise TokenRefused("no_refresh_token",
                               "the provider gave no refresh token; ask for offline access")
        return token


def make_token_source(settings, state_dir, grant=None) -> CachedTokenSource:
    """The configured CachedTokenSource over the real (Authlib) endpoint; ConfigError if incomplete."""
    profile = resolve_profile(settings, grant)
    return CachedTokenSource(profile, AuthlibTokenEndpoint(profile), TokenCache(state_dir))
