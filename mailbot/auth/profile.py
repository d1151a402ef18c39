"""One resolved OAuth2 profile from [oauth2]: the provider's known URLs and scopes filled in."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from mailbot.errors import ConfigError


class Grant(StrEnum):
    CLIENT_CREDENTIALS = "client_credentials"   # an application permission (Microsoft IMAP.AccessAsApp)
    REFRESH_TOKEN = "refresh_token"             # a person's consent, kept as a refresh token


MICROSOFT_LOGIN = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0"
PROVIDERS = {
    "microsoft": {
        "token_url": MICROSOFT_LOGIN + "/token",
        "device_url": MICROSOFT_LOGIN + "/devicecode",
        Grant.CLIENT_CREDENTIALS: "https://outlook.office365.com/.default",
        Grant.REFRESH_TOKEN: ("https://outlook.office.com/IMAP.AccessAsUser.All "
                              "https://outlook.office.com/SMTP.Send offline_access"),
    },
    "google": {
        "token_url": "https://oauth2.googleapis.com/token",
        # Google's device flow does not allow the Gmail scope: no device_url (README: how instead).
        Grant.REFRESH_TOKEN: "https://mail.google.com/",
    },
}


@dataclass(frozen=True)
class OAuth2Profile:
    """What the token endpoint is asked, and with which credentials (secrets kept out of the repr)."""

    provider: str
    token_url: str
    device_url: str | None
    client_id: str
    grant: Grant
    scope: str
    client_secret: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)   # as configured (may be None)
    timeout: float = 30.0
    refresh_margin: float = 300.0
    mechanism: str = "auto"


def resolve_profile(settings, grant: Grant | None = None) -> OAuth2Profile:
    """Fill in the provider's URLs and scope; ConfigError naming the missing key. `grant` overrides
    the configured one (device login always ends in a refresh token)."""
    cfg = settings.oauth2
    known = PROVIDERS.get(cfg.provider, {})
    if cfg.provider == "microsoft" and not cfg.tenant and not cfg.token_url:
        raise ConfigError("provider microsoft needs the tenant (directory id or domain)", key="oauth2.tenant")
    tenant = cfg.tenant or ""
    token_url = cfg.token_url or known.get("token_url", "").format(tenant=tenant)
    if not token_url:
        raise ConfigError("provider generic needs token_url", key="oauth2.token_url")
    _check_https(token_url, "oauth2.token_url")
    device_url = cfg.device_url or (
        known["device_url"].format(tenant=tenant) if "device_url" in known else None)
    if device_url:
        _check_https(device_url, "oauth2.device_url")
    if not cfg.client_id:
        raise ConfigError("OAuth2 needs the application's client_id", key="oauth2.client_id")
    refresh_token = settings.oauth2_refresh_token()
    if grant is None:
        grant = _configured_grant(cfg.grant, cfg.provider, refresh_token)
    secret = settings.oauth2_client_secret()
    if grant is Grant.CLIENT_CREDENTIALS and not secret:
        raise ConfigError("the client-credentials grant needs client_secret or client_secret_file "
                          "(or MAILBOT_OAUTH2_CLIENT_SECRET)", key="oauth2.client_secret")
    scope = cfg.scope or known.get(grant)
    if not scope:
        raise ConfigError(f"provider {cfg.provider} needs scope", key="oauth2.scope")
    return OAuth2Profile(provider=cfg.provider, token_url=token_url, device_url=device_url,
                         client_id=cfg.client_id, grant=grant, scope=scope, client_secret=secret,
                         refresh_token=refresh_token, timeout=cfg.timeout,
                         refresh_margin=float(cfg.refresh_margin_seconds), mechanism=cfg.mechanism)


def _check_https(url: str, key: str) -> None:
    """The client secret and tokens travel in the request: https only (plain http on loopback, for tests)."""
    parts = urlsplit(url)
    loopback = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")
    if not (parts.scheme == "https" and parts.hostname) and not loopback:
        raise ConfigError(f"must be an https:// address (got {url!r})", key=key)


def _configured_grant(setting: str, provider: str, refresh_token: str | None) -> Grant:
    """`auto`: the refresh-token grant where a refresh token is configured (and always for Google,
    whose Gmail scope has no application permission), else client credentials."""
    if setting != "auto":
        return Grant(setting)
    return Grant.REFRESH_TOKEN if refresh_token or provider == "google" else Grant.CLIENT_CREDENTIALS
