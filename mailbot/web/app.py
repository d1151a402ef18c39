"""The web application: one Runtime, Jinja2 templates, security headers, login redirects."""
from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from mailbot.clock import as_utc
from mailbot.web import login, pages
from mailbot.web.auth import LoginRequired, caller_of, set_session_cookie
from parsers.errors import ParserError

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

HERE = Path(__file__).resolve().parent
# No inline script or style anywhere: every asset comes from /static, served by mailbot itself.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def create_app(runtime: Runtime) -> FastAPI:
    """The app for this runtime's register (the caller opens it first)."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.runtime = runtime
    app.state.templates = _templates(runtime)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(login.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        token = getattr(request.state, "new_session_token", None)
        if token:       # a login through the proxy's Remote-User: the browser keeps it as a cookie
            set_session_cookie(response, token, caller_of(request).https, runtime.settings.web.session_hours)
        return response

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _exc: LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(HTTPException)
    async def error_page(request: Request, exc: HTTPException):
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "detail": exc.detail, "viewer": None},
            status_code=exc.status_code)

    @app.exception_handler(ParserError)
    async def unreadable(request: Request, exc: ParserError):
        """A stored message or document the parsers cannot read: said on the page, never a 500."""
        return await error_page(request, HTTPException(422, f"The stored message or document could not be read: {exc}"))

    return app


def _templates(runtime: Runtime) -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")   # autoescape is on for .html
    consultation = runtime.consultation
    label = consultation.time_label.get("en", consultation.timezone)

    def local(value, with_label: bool = True) -> str:
        """A UTC time (datetime or ISO text) in the consultation's zone, labelled."""
        if not value:
            return "-"
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        text = consultation.local(as_utc(moment)).strftime("%Y-%m-%d %H:%M")
        return f"{text} ({label})" if with_label else text

    templates.env.filters["local"] = local
    templates.env.globals["consultation"] = consultation
    templates.env.globals["time_label"] = label
    return templates
