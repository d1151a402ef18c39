"""A small OAuth2 authorization server on loopback: /token, /devicecode (RFC 8628), /introspect (RFC 7662).

It plays Microsoft's or Google's part for the tests: Dovecot's oauth2 passdb and the XOAUTH2 SMTP sink
ask its /introspect whether a token is good, and mailbot asks its /token for one. The test steers it:
revoke a client, expire every access token (as the provider would, before mailbot expects it), or
approve a device login.
"""
from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote

from tests.servers.common import free_port

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


@dataclass
class Client:
    """A registered application; `user` is the mailbox an application permission acts for."""

    client_id: str
    secret: str
    user: str
    scopes: frozenset[str]
    revoked: bool = False


@dataclass
class Issued:
    client_id: str
    user: str
    scope: str
    expires_at: float
    active: bool = True


@dataclass
class DeviceLogin:
    client_id: str
    user_code: str
    scope: str
    user: str | None = None     # set when the person approves


@dataclass
class OAuth2Server:
    """Thread-safe; every answer is decided from the tables below."""

    host: str = "127.0.0.1"
    lifetime: int = 3600
    rotate_refresh_tokens: bool = True
    auto_approve_user: str | None = None    # device logins: "pending" once, then approved as this user
    clients: dict[str, Client] = field(default_factory=dict)
    access_tokens: dict[str, Issued] = field(default_factory=dict)
    refresh_tokens: dict[str, Issued] = field(default_factory=dict)
    devices: dict[str, DeviceLogin] = field(default_factory=dict)
    requests: list[tuple[str, str, str]] = field(default_factory=list)   # (path, grant_type or "", client)

    def __post_init__(self):
        self.port = free_port(self.host)
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    @property
    def device_url(self) -> str:
        return f"{self.url}/devicecode"

    @property
    def introspection_url(self) -> str:
        return f"{self.url}/introspect"

    # -- the test's levers
    def add_client(self, user: str, scopes: tuple[str, ...] = ("mail",), public: bool = False) -> Client:
        """A registered app; a public one (a desktop sign-in) has no secret."""
        secret = "" if public else f"cs-{secrets.token_hex(12)}"
        client = Client(f"app-{secrets.token_hex(4)}", secret, user, frozenset(scopes))
        with self._lock:
            self.clients[client.client_id] = client
        return client

    def issue_refresh_token(self, client: Client, user: str | None = None, scope: str = "mail") -> str:
        """A refresh token as a person's consent would give (the delegated grant)."""
        token = f"rt-{secrets.token_hex(16)}"
        with self._lock:
            self.refresh_tokens[token] = Issued(client.client_id, user or client.user, scope, float("inf"))
        return token

    def revoke_client(self, client: Client) -> None:
        with self._lock:
            self.clients[client.client_id].revoked = True
            for issued in self.access_tokens.values():
                if issued.client_id == client.client_id:
                    issued.active = False

    def expire_access_tokens(self) -> None:
        """Every access token handed out so far stops working (the provider's clock, not ours)."""
        with self._lock:
            for issued in self.access_tokens.values():
                issued.active = False

    def approve_device(self, user_code: str, user: str) -> None:
        with self._lock:
            for login in self.devices.values():
                if login.user_code == user_code:
                    login.user = user

    def count(self, client: Client, path: str, grant: str | None = None) -> int:
        """How often `client` asked `path` (with this grant), since the server started."""
        with self._lock:
            return sum(1 for seen, kind, who in self.requests
                       if seen == path and who == client.client_id and (grant is None or kind == grant))

    def all_secrets(self) -> list[str]:
        """Every client secret, access token and refresh token ever handed out (for leak checks)."""
        with self._lock:
            return ([client.secret for client in self.clients.values() if client.secret] + list(self.access_tokens)
                    + list(self.refresh_tokens))

    # -- life cycle
    def start(self) -> None:
        handler = type("Handler", (_Handler,), {"oauth": self})
        self._server = ThreadingHTTPServer((self.host, self.port), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="oauth2-server", daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- endpoints
    def token(self, form: dict[str, str], basic: tuple[str, str] | None) -> tuple[int, dict]:
        client_id, secret = basic or (form.get("client_id", ""), form.get("client_secret", ""))
        grant = form.get("grant_type", "")
        with self._lock:
            self.requests.append(("/token", grant, client_id))
            client = self.clients.get(client_id)
            if client is None or client.secret != secret:
                return 401, {"error": "invalid_client", "error_description": "client authentication failed"}
            if client.revoked:
                return 400, {"error": "unauthorized_client",
                             "error_description": "the application's permission was withdrawn"}
            if grant == "client_credentials":
                return self._grant(client, client.user, form.get("scope", ""), refresh=False)
            if grant == "refresh_token":
                issued = self.refresh_tokens.get(form.get("refresh_token", ""))
                if issued is None or issued.client_id != client_id or not issued.active:
                    return 400, {"error": "invalid_grant", "error_description": "refresh token not valid"}
                if self.rotate_refresh_tokens:
                    issued.active = False
                return self._grant(client, issued.user, form.get("scope") or issued.scope, refresh=True)
            if grant == DEVICE_GRANT:
                login = self.devices.get(form.get("device_code", ""))
                if login is None or login.client_id != client_id:
                    return 400, {"error": "expired_token"}
                if login.user is None:
                    login.user = self.auto_approve_user    # the person approves while we wait
                    return 400, {"error": "authorization_pending"}
                del self.devices[form["device_code"]]
                return self._grant(client, login.user, login.scope, refresh=True)
            return 400, {"error": "unsupported_grant_type"}

    def _grant(self, client: Client, user: str, scope: str, refresh: bool) -> tuple[int, dict]:
        asked = set(scope.split()) - {"offline_access"}
        if not asked <= client.scopes:
            return 400, {"error": "invalid_scope",
                         "error_description": f"scope not granted: {' '.join(sorted(asked - client.scopes))}"}
        access = f"at-{secrets.token_hex(16)}"
        self.access_tokens[access] = Issued(client.client_id, user, scope, time.time() + self.lifetime)
        answer = {"access_token": access, "token_type": "Bearer", "expires_in": self.lifetime, "scope": scope}
        if refresh:
            token = f"rt-{secrets.token_hex(16)}"
            self.refresh_tokens[token] = Issued(client.client_id, user, scope, float("inf"))
            answer["refresh_token"] = token
        return 200, answer

    def device_code(self, form: dict[str, str]) -> tuple[int, dict]:
        with self._lock:
            self.requests.append(("/devicecode", "", form.get("client_id", "")))
            if form.get("client_id") not in self.clients:
                return 400, {"error": "invalid_client"}
            code = f"dc-{secrets.token_hex(8)}"
            user_code = secrets.token_hex(3).upper()
            self.devices[code] = DeviceLogin(form["client_id"], user_code, form.get("scope", ""))
        return 200, {"device_code": code, "user_code": user_code, "verification_uri": f"{self.url}/device",
                     "expires_in": 900, "interval": 0}

    def introspect(self, form: dict[str, str]) -> tuple[int, dict]:
        with self._lock:
            issued = self.access_tokens.get(form.get("token", ""))
            self.requests.append(("/introspect", "", issued.client_id if issued else ""))
            if issued is None or not issued.active or issued.expires_at < time.time():
                return 200, {"active": False}
            return 200, {"active": True, "username": issued.user, "client_id": issued.client_id,
                         "scope": issued.scope, "exp": int(issued.expires_at)}

    def check(self, token: str, user: str) -> bool:
        """Whether `token` is active for `user` (what the SMTP sink asks, as Dovecot does over HTTP)."""
        status, answer = self.introspect({"token": token})
        return answer.get("active") is True and answer.get("username") == user


class _Handler(BaseHTTPRequestHandler):
    oauth: OAuth2Server

    def do_POST(self):  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        form = {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}
        routes = {"/token": lambda: self.oauth.token(form, _basic(self.headers.get("Authorization"))),
                  "/devicecode": lambda: self.oauth.device_code(form),
                  "/introspect": lambda: self.oauth.introspect(form)}
        route = routes.get(self.path.split("?")[0])
        status, answer = route() if route else (404, {"error": "not_found"})
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):  # noqa: A002 - quiet: tests read their own output
        pass


def _basic(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    return unquote(user), unquote(password)
