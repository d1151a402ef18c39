"""The token door in memory: cache, refresh before expiry, rotation, refusals, profiles, SASL."""
from __future__ import annotations

import base64
import json
import os
import stat

import pytest

from mailbot.auth.device import device_login
from mailbot.auth.endpoint import DEVICE_GRANT, MemoryTokenEndpoint
from mailbot.auth.profile import Grant, OAuth2Profile, resolve_profile
from mailbot.auth.sasl import Mechanism, choose_mechanism, oauthbearer, xoauth2
from mailbot.auth.tokens import REFUSAL_HOLD_SECONDS, CachedTokenSource, TokenCache
from mailbot.config import Settings
from mailbot.errors import AuthError, ConfigError, TokenEndpointUnavailable, TokenRefused


class Clock:
    def __init__(self, start: float = 1_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


def profile(grant=Grant.CLIENT_CREDENTIALS, refresh_token=None, margin=300.0) -> OAuth2Profile:
    return OAuth2Profile(provider="generic", token_url="https://login.example/token", device_url=None,
                         client_id="app", grant=grant, scope="mail", client_secret="s3cret-value",
                         refresh_token=refresh_token, refresh_margin=margin)


def source(tmp_path, endpoint=None, clock=None, **kwargs):
    endpoint = endpoint or MemoryTokenEndpoint()
    return CachedTokenSource(profile(**kwargs), endpoint, TokenCache(tmp_path), now=clock or Clock()), endpoint


def test_one_token_is_reused_until_shortly_before_it_expires(tmp_path):
    clock = Clock()
    tokens, endpoint = source(tmp_path, clock=clock)
    first = tokens.token()
    clock.now += 3600 - 301
    assert tokens.token() == first and endpoint.calls == ["client_credentials"]
    clock.now += 2                      # inside the 300 s margin: renewed before the server says no
    assert tokens.token() != first and len(endpoint.calls) == 2


def test_a_short_lived_token_is_kept_for_half_its_life(tmp_path):
    clock = Clock()
    tokens, endpoint = source(tmp_path, endpoint=MemoryTokenEndpoint(lifetime=240), clock=clock)
    first = tokens.token()
    clock.now += 119
    assert tokens.token() == first
    clock.now += 2
    assert tokens.token() != first and len(endpoint.calls) == 2


def test_the_state_folder_cache_serves_a_new_process_and_is_private(tmp_path):
    tokens, endpoint = source(tmp_path)
    first = tokens.token()
    again, _ = source(tmp_path, endpoint=endpoint)
    assert again.token() == first and len(endpoint.calls) == 1
    assert stat.S_IMODE(os.stat(tmp_path / "oauth2-token.json").st_mode) == 0o600


def test_a_changed_client_ignores_the_cached_token(tmp_path):
    tokens, endpoint = source(tmp_path)
    tokens.token()
    other = CachedTokenSource(OAuth2Profile(**{**profile().__dict__, "client_id": "other"}), endpoint,
                              TokenCache(tmp_path), now=Clock())
    other.token()
    assert len(endpoint.calls) == 2


def test_invalidate_after_a_refusal_fetches_a_new_token(tmp_path):
    tokens, endpoint = source(tmp_path)
    first = tokens.token()
    tokens.invalidate(first)
    second = tokens.token()
    assert second != first and len(endpoint.calls) == 2
    tokens.invalidate(first)            # a stale refusal does not throw away the fresh token
    assert tokens.token() == second and len(endpoint.calls) == 2


def test_a_refused_client_is_not_asked_again_for_a_while(tmp_path):
    clock = Clock()
    tokens, endpoint = source(tmp_path, clock=clock)
    endpoint.refusal = TokenRefused("unauthorized_client", "permission withdrawn")
    for _ in range(5):
        with pytest.raises(TokenRefused, match="never granted by the administrator"):
            tokens.token()
    assert len(endpoint.calls) == 1
    endpoint.refusal = None
    clock.now += REFUSAL_HOLD_SECONDS + 1
    assert tokens.token() and len(endpoint.calls) == 2


def test_the_endpoints_words_are_one_bounded_line():
    refused = TokenRefused("invalid_client", "line one\r\nline two\x1b[31m" + "x" * 1000)
    assert "\n" not in str(refused) and "\x1b" not in str(refused) and len(str(refused)) < 500
    assert refused.error == "invalid_client"


def test_an_unreachable_endpoint_is_retryable_and_not_held(tmp_path):
    tokens, endpoint = source(tmp_path)
    endpoint.unavailable = True
    for _ in range(2):
        with pytest.raises(TokenEndpointUnavailable):
            tokens.token()
    assert len(endpoint.calls) == 2


def test_rotated_refresh_token_is_saved_and_used_next_time(tmp_path):
    endpoint = MemoryTokenEndpoint(refresh_token="configured-rt")
    tokens, _ = source(tmp_path, endpoint=endpoint, grant=Grant.REFRESH_TOKEN, refresh_token="configured-rt")
    first = tokens.token()
    record = json.loads((tmp_path / "oauth2-token.json").read_text())
    assert record["refresh_token"] != "configured-rt" and record["refresh_token"] in endpoint.valid_refresh
    tokens.invalidate(first)
    # A new process: the configured token was spent by the rotation; the stored one is used.
    again, _ = source(tmp_path, endpoint=endpoint, grant=Grant.REFRESH_TOKEN, refresh_token="configured-rt")
    assert again.token() != first
    assert endpoint.calls == ["refresh_token", "refresh_token"]


def test_a_newly_configured_refresh_token_wins_over_the_stored_one(tmp_path):
    endpoint = MemoryTokenEndpoint(refresh_token="old-rt")
    tokens, _ = source(tmp_path, endpoint=endpoint, grant=Grant.REFRESH_TOKEN, refresh_token="old-rt")
    tokens.invalidate(tokens.token())
    endpoint.valid_refresh = {"new-rt"}       # the admin signed in again and configured the new one
    again, _ = source(tmp_path, endpoint=endpoint, grant=Grant.REFRESH_TOKEN, refresh_token="new-rt")
    assert again.token()


def test_refresh_grant_without_any_refresh_token_is_a_config_error(tmp_path):
    tokens, _ = source(tmp_path, grant=Grant.REFRESH_TOKEN)
    assert not tokens.has_refresh_token()
    with pytest.raises(ConfigError, match="auth login --device"):
        tokens.token()


def test_device_login_waits_for_approval_and_stores_the_refresh_token(tmp_path):
    endpoint = MemoryTokenEndpoint()
    tokens, _ = source(tmp_path, endpoint=endpoint, grant=Grant.REFRESH_TOKEN)
    said, waits = [], []

    def sleep(seconds):
        waits.append(seconds)
        endpoint.approved = len(waits) >= 2     # the person approves after two polls

    device_login(tokens, say=said.append, sleep=sleep)
    assert "ABC-123" in said[0] and "https://example.test/device" in said[0]
    assert endpoint.calls.count(DEVICE_GRANT) == 3 and waits == [0, 0]
    assert tokens.has_refresh_token()
    again, _ = source(tmp_path, endpoint=endpoint, grant=Grant.REFRESH_TOKEN)
    assert again.has_refresh_token()


def test_secrets_never_in_a_repr(tmp_path):
    tokens, _ = source(tmp_path, grant=Grant.REFRESH_TOKEN, refresh_token="rt-value")
    text = repr(tokens.profile)
    assert "s3cret-value" not in text and "rt-value" not in text
    endpoint = MemoryTokenEndpoint(refresh_token="rt-value")
    tokens, _ = source(tmp_path, endpoint=endpoint, grant=Grant.REFRESH_TOKEN, refresh_token="rt-value")
    assert tokens.token().value not in repr(tokens.token())


def _settings(**oauth2) -> Settings:
    return Settings.model_validate({"oauth2": oauth2})


def test_microsoft_profile_fills_in_the_tenant_url_and_scope():
    resolved = resolve_profile(_settings(provider="microsoft", tenant="contoso.onmicrosoft.com",
                                         client_id="app", client_secret="x"))
    assert resolved.token_url == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
    assert resolved.grant is Grant.CLIENT_CREDENTIALS
    assert resolved.scope == "https://outlook.office365.com/.default"
    delegated = resolve_profile(_settings(provider="microsoft", tenant="t", client_id="app", refresh_token="r"))
    assert delegated.grant is Grant.REFRESH_TOKEN and "IMAP.AccessAsUser.All" in delegated.scope
    assert delegated.device_url.endswith("/t/oauth2/v2.0/devicecode")


def test_google_profile_uses_the_refresh_grant_and_the_gmail_scope():
    resolved = resolve_profile(_settings(provider="google", client_id="app", client_secret="x", refresh_token="r"))
    assert resolved.token_url == "https://oauth2.googleapis.com/token"
    assert resolved.grant is Grant.REFRESH_TOKEN and resolved.scope == "https://mail.google.com/"


@pytest.mark.parametrize("oauth2, key", [
    ({"provider": "microsoft", "client_id": "a", "client_secret": "x"}, "oauth2.tenant"),
    ({"provider": "generic", "client_id": "a", "client_secret": "x"}, "oauth2.token_url"),
    ({"provider": "generic", "token_url": "https://t", "client_secret": "x"}, "oauth2.client_id"),
    ({"provider": "generic", "token_url": "https://t", "client_id": "a"}, "oauth2.client_secret"),
    ({"provider": "generic", "token_url": "https://t", "client_id": "a", "client_secret": "x"}, "oauth2.scope"),
    ({"provider": "generic", "token_url": "http://login.example/token", "client_id": "a"}, "oauth2.token_url"),
    ({"provider": "generic", "token_url": "login.example/token", "client_id": "a"}, "oauth2.token_url"),
])
def test_incomplete_profiles_name_the_missing_key(oauth2, key):
    with pytest.raises(ConfigError) as caught:
        resolve_profile(_settings(**oauth2))
    assert caught.value.key == key


def test_every_oauth2_key_can_come_from_the_environment(tmp_path):
    from mailbot.config import load_settings

    secret_file = tmp_path / "secret"
    secret_file.write_text("from-file\n")
    settings = load_settings(environ={"MAILBOT_OAUTH2_PROVIDER": "microsoft", "MAILBOT_OAUTH2_TENANT": "t",
                                      "MAILBOT_OAUTH2_CLIENT_ID": "app",
                                      "MAILBOT_OAUTH2_CLIENT_SECRET_FILE": str(secret_file),
                                      "MAILBOT_IMAP_AUTH": "oauth2", "MAILBOT_SMTP_AUTH": "oauth2"})
    assert settings.oauth2_client_secret() == "from-file"
    assert settings.imap.auth == settings.smtp.auth == "oauth2"


def test_a_bad_secret_value_is_refused_without_showing_it(tmp_path):
    from mailbot.config import load_settings

    config = tmp_path / "mailbot.toml"
    config.write_text("[oauth2]\nclient_id = \"app\"\nclient_secret = 918273645\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    assert "oauth2.client_secret" in str(caught.value) and ":3:" in str(caught.value)
    assert "918273645" not in str(caught.value)


def test_sasl_initial_responses():
    assert xoauth2("a@b.org", "T") == "user=a@b.org\x01auth=Bearer T\x01\x01"
    assert oauthbearer("a,b=c@d", "T") == "n,a=a=2Cb=3Dc@d,\x01auth=Bearer T\x01\x01"
    # what a server decodes is exactly that (base64 on the wire)
    assert base64.b64decode(base64.b64encode(xoauth2("u", "T").encode())).startswith(b"user=u\x01")


def test_mechanism_choice():
    assert choose_mechanism("auto", {"PLAIN", "XOAUTH2", "OAUTHBEARER"}) is Mechanism.OAUTHBEARER
    assert choose_mechanism("auto", {"XOAUTH2", "LOGIN"}) is Mechanism.XOAUTH2
    assert choose_mechanism("xoauth2", {"XOAUTH2", "OAUTHBEARER"}) is Mechanism.XOAUTH2
    with pytest.raises(AuthError, match="does not offer AUTH=OAUTHBEARER"):
        choose_mechanism("oauthbearer", {"XOAUTH2"})
    with pytest.raises(AuthError, match="neither XOAUTH2 nor OAUTHBEARER"):
        choose_mechanism("auto", {"PLAIN"})
