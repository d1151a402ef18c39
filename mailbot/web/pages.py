"""The pages: Today, Register (with downloads), Message (with downloads and explain), Review, Rules, Users.
Each calls the functions the CLI calls; nothing here decides anything itself."""
from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from sqlalchemy import func
from sqlmodel import select

from mailbot.errors import MailbotError
from mailbot.export_sql import iter_csv_rows, iter_json_records, write_csv_rows, write_json_texts
from mailbot.kinds import KINDS
from mailbot.review import check_rules, explain_target, reattribute_all, set_review
from mailbot.store import accounts
from mailbot.store.account_tables import AuditAction, Role
from mailbot.store.models import Attachment, Message
from mailbot.web.auth import caller_of, check_csrf, now_utc, require
from mailbot.web.message_view import attachment_bytes, content_disposition, message_view
from mailbot.web.register_query import SORTS, RegisterFilter, register_page
from mailbot.web.today import today_facts

router = APIRouter()
REVIEW_SHOWN = 200
DOWNLOAD_HEADERS = {"X-Content-Type-Options": "nosniff"}


def _page(request: Request, template: str, viewer, status: int = 200, **context):
    return request.app.state.templates.TemplateResponse(
        request, template, {"viewer": viewer, "page": template.removesuffix(".html"), **context},
        status_code=status)


@router.get("/")
def today(request: Request):
    viewer = require(request, Role.VIEWER)
    return _page(request, "today.html", viewer, facts=today_facts(request.app.state.runtime))


@router.get("/register")
def register(request: Request):
    viewer = require(request, Role.VIEWER)
    runtime = request.app.state.runtime
    chosen = RegisterFilter.from_query(request.query_params)
    with runtime.session() as session:
        found = register_page(session, chosen, runtime.consultation.zone)
    return _page(request, "register.html", viewer, chosen=chosen, found=found, kinds=KINDS, sorts=SORTS)


@router.get("/register.{fmt}")
def register_download(request: Request, fmt: str):
    """The current filter's rows, exactly as `mailbot export` writes them, in register order."""
    require(request, Role.VIEWER)
    if fmt not in ("csv", "json"):
        raise HTTPException(404, "no such download (csv or json)")
    runtime = request.app.state.runtime
    chosen = RegisterFilter.from_query(request.query_params)
    writer, rows = (write_csv_rows, iter_csv_rows) if fmt == "csv" else (write_json_texts, iter_json_records)

    def body():
        # Written by the export's own writers, spooled to disk past a few MB, then sent in pieces.
        with tempfile.SpooledTemporaryFile(max_size=4 << 20, mode="w+", encoding="utf-8", newline="") as spool:
            with runtime.session() as session:
                where, params = chosen.condition(runtime.consultation.zone, session)
                writer(rows(session, where=where, params=params), spool)
            spool.seek(0)
            while piece := spool.read(1 << 16):
                yield piece

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    return StreamingResponse(body(), media_type=media, headers={
        **DOWNLOAD_HEADERS, "Content-Disposition": content_disposition(f"register.{fmt}", f"register.{fmt}")})


@router.get("/message/{pk}")
def message(request: Request, pk: int, decided: int | None = None):
    viewer = require(request, Role.VIEWER)
    return _message_page(request, viewer, pk, decided=decided)


def _message_page(request: Request, viewer, pk: int, status: int = 200, **context):
    with request.app.state.runtime.session() as session:
        view = message_view(session, pk)
    if view is None:
        raise HTTPException(404, f"no message with id {pk} in the register")
    return _page(request, "message.html", viewer, status, kinds=KINDS, **view, **context)


@router.get("/message/{pk}/explain")
def explain(request: Request, pk: int):
    """`mailbot explain ID`: the decision made again under today's rules, with its evidence."""
    viewer = require(request, Role.VIEWER)
    runtime = request.app.state.runtime
    try:
        text = explain_target(lambda: runtime, str(pk))
    except MailbotError as err:
        raise HTTPException(404, str(err)) from err
    return _page(request, "explain.html", viewer, pk=pk, text=text)


@router.get("/message/{pk}/raw.eml")
def raw_message(request: Request, pk: int):
    require(request, Role.VIEWER)
    runtime = request.app.state.runtime
    with runtime.session() as session:
        found = session.get(Message, pk)
    if found is None:
        raise HTTPException(404, f"no message with id {pk} in the register")
    return Response(runtime.raw_store.get(found.raw_sha256), media_type="application/octet-stream", headers={
        **DOWNLOAD_HEADERS, "Content-Disposition": content_disposition(f"message-{pk}.eml", f"message-{pk}.eml")})


@router.get("/message/{pk}/attachment/{position}")
def attachment(request: Request, pk: int, position: int):
    """The document as it was sent, always as a download (never shown in the browser)."""
    require(request, Role.VIEWER)
    runtime = request.app.state.runtime
    with runtime.session() as session:
        found = session.get(Message, pk)
        att = session.exec(select(Attachment).where(Attachment.message_pk == pk,
                                                    Attachment.position == position)).first()
    data = attachment_bytes(runtime, found, att) if found is not None and att is not None else None
    if data is None:
        raise HTTPException(404, "no such attachment")
    return Response(data, media_type="application/octet-stream", headers={
        **DOWNLOAD_HEADERS, "Content-Disposition": content_disposition(att.filename, att.safe_name)})


@router.get("/review")
def review(request: Request, decided: int | None = None):
    viewer = require(request, Role.VIEWER)
    return _review_page(request, viewer, decided=decided)


def _review_page(request: Request, viewer, status: int = 200, **context):
    with request.app.state.runtime.session() as session:
        queue = list(session.exec(select(Message).where(Message.needs_review == True)  # noqa: E712
                                  .order_by(Message.received_at, Message.id).limit(REVIEW_SHOWN)))
        waiting = session.exec(select(func.count()).select_from(Message)
                               .where(Message.needs_review == True)).one()  # noqa: E712
        recent = list(session.exec(select(Message).where(Message.manual_at.is_not(None))
                                   .order_by(Message.manual_at.desc()).limit(20)))
    return _page(request, "review.html", viewer, status, queue=queue, waiting=waiting, recent=recent, kinds=KINDS,
                 **context)


@router.post("/review/{pk}")
def decide(request: Request, pk: int, states: str = Form(""), kind: str = Form(""), note: str = Form(""),
           learn_sender: str = Form(""), csrf_token: str = Form(""), back: str = Form("")):
    """`mailbot review set`: the same function, with the logged-in person as the one who decided.

    From a message's page (`back=message`) the answer is that page again; otherwise the queue."""
    viewer = require(request, Role.REVIEWER)
    check_csrf(viewer, csrf_token)
    runtime, now = request.app.state.runtime, now_utc()
    try:
        lines = set_review(runtime, pk, states, note[:2000], viewer.name, bool(learn_sender), now=now, kind=kind)
    except MailbotError as err:
        if back == "message":
            return _message_page(request, viewer, pk, 400, error=str(err))
        return _review_page(request, viewer, 400, error=f"message {pk}: {err}")
    with runtime.session() as session:
        accounts.audit(session, now, viewer.name, AuditAction.REVIEW_DECISION, address=caller_of(request).address,
                       message_pk=pk, detail="; ".join(lines) + (f"; note: {note}" if note else ""))
        session.commit()
    if back == "message":
        return RedirectResponse(f"/message/{pk}?decided=1#decided", status_code=303)
    return RedirectResponse(f"/review?decided={pk}", status_code=303)


@router.get("/rules")
def rules(request: Request):
    """The rule files as they are, and `mailbot rules check`."""
    viewer = require(request, Role.ADMIN)
    settings = request.app.state.runtime.settings
    folder = Path(settings.rules.dir)
    files = [(path.name, path.read_text(encoding="utf-8", errors="replace"))
             for path in sorted(folder.iterdir()) if path.is_file()] if folder.is_dir() else []
    try:
        problems, summary = check_rules(settings)
    except MailbotError as err:
        problems, summary = [err], "the rule files could not be read"
    return _page(request, "rules.html", viewer, files=files, problems=[str(p) for p in problems],
                 summary=summary, folder=str(folder))


@router.get("/rules/reattribute")
def reattribute_preview(request: Request):
    """`mailbot reattribute --dry-run`: what the current rules would change; writes nothing."""
    viewer = require(request, Role.ADMIN)
    lines = reattribute_all(request.app.state.runtime, dry_run=True)
    return _page(request, "reattribute.html", viewer, lines=lines)


@router.get("/users")
def users(request: Request):
    viewer = require(request, Role.ADMIN)
    with request.app.state.runtime.session() as session:
        people = accounts.list_users(session)
        log = accounts.audit_entries(session, 100)
    return _page(request, "users.html", viewer, people=people, log=log)
