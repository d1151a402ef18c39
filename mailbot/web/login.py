"""Log in and out: rate-limited per user name and per address, every attempt in the audit log."""
from __future__ import annotations

import secrets

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from mailbot.store import accounts
from mailbot.store.account_tables import AuditAction
from mailbot.web.auth import (LOGIN_CSRF_COOKIE, SESSION_COOKIE, LoginRequired, caller_of, check_csrf,
                              current_viewer, now_utc, rate_limited, set_session_cookie)

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //host or a scheme): no open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _form(request: Request, next_: str, message: str = "", status: int = 200, name: str = ""):
    token = secrets.token_urlsafe(32)
    response = request.app.state.templates.TemplateResponse(
        request, "login.html", {"viewer": None, "next": _safe_next(next_), "message": message,
                                "csrf_token": token, "name": name}, status_code=status)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=caller_of(request).https, path="/login")
    return response


@router.get("/login")
def login_page(request: Request, next: str = "/"):  # noqa: A002 (the parameter's name in the URL)
    return _form(request, next)


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/"),  # noqa: A002
          csrf_token: str = Form("")):
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not csrf_token or not secrets.compare_digest(csrf_token, cookie):
        return _form(request, next, "The form had expired; please log in again.", 403, name)
    runtime, caller, now = request.app.state.runtime, caller_of(request), now_utc()
    name = name.strip()[:64]
    with runtime.session() as session:
        if rate_limited(session, runtime.settings.web, name, caller.address, now):
            accounts.audit(session, now, name, AuditAction.LOGIN_REFUSED, address=caller.address)
            session.commit()
            return _form(request, next, "Too many failed logins; wait a few minutes and try again.", 429, name)
        user = accounts.check_password(session, name, password)
        if user is None:
            accounts.audit(session, now, name, AuditAction.LOGIN_FAILED, address=caller.address)
            session.commit()
            return _form(request, next, "Wrong name or password.", 401, name)
        token = accounts.start_session(session, user, now, runtime.settings.web.session_hours)
        accounts.audit(session, now, user.name, AuditAction.LOGIN, address=caller.address)
        session.commit()
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_session_cookie(response, token, caller.https, runtime.settings.web.session_hours)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")):
    try:
        viewer = current_viewer(request)
    except LoginRequired:
        return RedirectResponse("/login", status_code=303)
    check_csrf(viewer, csrf_token)
    runtime = request.app.state.runtime
    with runtime.session() as session:
        accounts.end_session(session, request.cookies.get(SESSION_COOKIE))
        accounts.audit(session, now_utc(), viewer.name, AuditAction.LOGOUT, address=caller_of(request).address)
        session.commit()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
