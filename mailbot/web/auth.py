"""Who is asking: the login cookie (or the trusted proxy's Remote-User), CSRF and role checks."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from fastapi import HTTPException, Request

from mailbot.store import accounts
from mailbot.store.account_tables import AuditAction, Role

SESSION_COOKIE = "mailbot_session"
LOGIN_CSRF_COOKIE = "mailbot_login_csrf"


class LoginRequired(Exception):
    """No valid login: the app answers with a redirect to the login page."""


@dataclass(frozen=True)
class Caller:
    """The request's origin as mailbot believes it (proxy headers only from the trusted proxy)."""

    address: str
    https: bool
    remote_user: str | None


@dataclass(frozen=True)
class Viewer:
    """The logged-in person of this request."""

    name: str
    role: Role
    csrf_token: str

    def may(self, needed: Role) -> bool:
        return self.role.allows(needed)


def caller_of(request: Request) -> Caller:
    settings = request.app.state.runtime.settings.web
    peer = request.client.host if request.client else ""
    https = request.url.scheme == "https"
    if settings.trusted_proxy and peer == settings.trusted_proxy:
        forwarded = request.headers.get("x-forwarded-for", "").split(",")[-1].strip()
        https = https or request.headers.get("x-forwarded-proto", "").strip().lower() == "https"
        remote = request.headers.get(settings.remote_user_header) if settings.remote_user_header else None
        return Caller(forwarded or peer, https, (remote or "").strip() or None)
    return Caller(peer, https, None)


def now_utc() -> datetime:
    """Logins and decisions are stamped with the real time, as `mailbot review set` stamps them."""
    return datetime.now(timezone.utc)


def current_viewer(request: Request) -> Viewer:
    """The logged-in person, or LoginRequired (a Remote-User from the trusted proxy logs in by itself)."""
    cached = getattr(request.state, "viewer", None)
    if cached is not None:
        return cached
    runtime = request.app.state.runtime
    caller = caller_of(request)
    token = request.cookies.get(SESSION_COOKIE)
    with runtime.session() as session:
        found = accounts.session_of(session, token, now_utc())
        if caller.remote_user and (found is None or found[0].name != caller.remote_user):
            found = _remote_login(session, request, caller)
    if found is None:
        raise LoginRequired()
    user, login = found
    request.state.viewer = Viewer(user.name, Role(user.role), login.csrf_token)
    return request.state.viewer


def _remote_login(session, request: Request, caller: Caller):
    """Single sign-on: the proxy vouches for the name; the user must still exist here."""
    user = accounts.find_user(session, caller.remote_user)
    if user is None:
        return None
    now = now_utc()
    token = accounts.start_session(session, user, now, request.app.state.runtime.settings.web.session_hours)
    accounts.audit(session, now, user.name, AuditAction.LOGIN, address=caller.address, detail="remote user")
    session.commit()
    request.state.new_session_token = token
    return accounts.session_of(session, token, now)


def require(request: Request, needed: Role) -> Viewer:
    viewer = current_viewer(request)
    if not viewer.may(needed):
        raise HTTPException(403, f"this needs the {needed.value} role; you are {viewer.role.value}")
    return viewer


def check_csrf(viewer: Viewer, sent: str | None) -> None:
    if not sent or not secrets.compare_digest(sent, viewer.csrf_token):
        raise HTTPException(403, "the form's security token is missing or out of date; reload the page")


def rate_limited(session, settings, name: str, address: str, now: datetime) -> bool:
    """Whether this name or this address has failed too often within the window."""
    since = now - timedelta(minutes=settings.failed_login_window_minutes)
    return (accounts.recent_failures(session, since, actor=name) >= settings.failed_logins_per_user
            or accounts.recent_failures(session, since, address=address) >= settings.failed_logins_per_address)


def set_session_cookie(response, token: str, https: bool, hours: float) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=int(hours * 3600), httponly=True, samesite="lax",
                        secure=https, path="/")
