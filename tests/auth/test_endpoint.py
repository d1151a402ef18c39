"""The real token door (Authlib over HTTP) against the tests' OAuth2 server on loopback."""
from __future__ import annotations

import pytest

from mailbot.auth.endpoint import DEVICE_GRANT, AuthlibTokenEndpoint
from mailbot.auth.profile import Grant, OAuth2Profile
from mailbot.errors import TokenEndpointUnavailable, TokenRefused
from tests.servers.common import free_port


def _profile(oauth, client, grant=Grant.CLIENT_CREDENTIALS, secret=None, scope="mail", token_url=None):
    return OAuth2Profile(provider="generic", token_url=token_url or oauth.token_url, device_url=oauth.device_url,
                         client_id=client.client_id, grant=grant, scope=scope,
                         client_secret=client.secret if secret is None else secret, timeout=5)


def test_client_credentials(oauth_server):
    client = oauth_server.add_client("box")
    answer = AuthlibTokenEndpoint(_profile(oauth_server, client)).request(Grant.CLIENT_CREDENTIALS, scope="mail")
    assert oauth_server.check(answer["access_token"], "box") and answer["expires_in"] == 3600


@pytest.mark.parametrize("change, error", [
    ({"secret": "wrong"}, "invalid_client"),
    ({"scope": "mail calendars"}, "invalid_scope"),
])
def test_refusals_carry_the_endpoint_code(oauth_server, change, error):
    client = oauth_server.add_client("box")
    profile = _profile(oauth_server, client, **change)
    with pytest.raises(TokenRefused) as caught:
        AuthlibTokenEndpoint(profile).request(Grant.CLIENT_CREDENTIALS, scope=profile.scope)
    assert caught.value.error == error
    assert client.secret not in str(caught.value)


def test_revoked_client(oauth_server):
    client = oauth_server.add_client("box")
    oauth_server.revoke_client(client)
    with pytest.raises(TokenRefused, match="permission withdrawn"):
        AuthlibTokenEndpoint(_profile(oauth_server, client)).request(Grant.CLIENT_CREDENTIALS, scope="mail")


def test_refresh_token_grant_rotates(oauth_server):
    client = oauth_server.add_client("box")
    first = oauth_server.issue_refresh_token(client)
    endpoint = AuthlibTokenEndpoint(_profile(oauth_server, client, grant=Grant.REFRESH_TOKEN))
    answer = endpoint.request(Grant.REFRESH_TOKEN, refresh_token=first)
    assert answer["refresh_token"] != first
    with pytest.raises(TokenRefused) as caught:
        endpoint.request(Grant.REFRESH_TOKEN, refresh_token=first)     # spent by the rotation
    assert caught.value.error == "invalid_grant" and "auth login --device" in str(caught.value)


def test_unreachable_endpoint_is_unavailable_not_refused(oauth_server):
    client = oauth_server.add_client("box")
    profile = _profile(oauth_server, client, token_url=f"http://127.0.0.1:{free_port()}/token")
    with pytest.raises(TokenEndpointUnavailable, match="cannot reach the token endpoint"):
        AuthlibTokenEndpoint(profile).request(Grant.CLIENT_CREDENTIALS, scope="mail")


def test_device_authorization_then_the_device_grant(oauth_server):
    client = oauth_server.add_client("box")
    endpoint = AuthlibTokenEndpoint(_profile(oauth_server, client, grant=Grant.REFRESH_TOKEN))
    start = endpoint.start_device_login()
    with pytest.raises(TokenRefused) as caught:
        endpoint.request(DEVICE_GRANT, device_code=start["device_code"])
    assert caught.value.error == "authorization_pending"
    oauth_server.approve_device(start["user_code"], "box")
    answer = endpoint.request(DEVICE_GRANT, device_code=start["device_code"])
    assert answer["refresh_token"] and oauth_server.check(answer["access_token"], "box")
