"""The one place tests build what they feed mailbot: a register, messages and documents."""
from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

from mailbot.store.db import open_engine, upgrade


def register(path: Path | None = None) -> Engine:
    """A register made the one way mailbot makes it, through the migrations: in memory (one shared
    connection) when no state folder is given, else the state folder's file."""
    if path is not None:
        return open_engine(path)
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    upgrade(engine)
    return engine


DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def docx_bytes(*paragraphs: str, heading: str | None = None, build: Callable | None = None) -> bytes:
    """A real Word document (python-docx): an optional heading, one paragraph per argument, then what
    `build(document)` adds (tables, runs, sections) for a test that needs more."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if build is not None:
        build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def message(*, sender: str, subject: str, body: str, to: str = "contributions@itu.int",
            message_id: str | None = None, date: str | None = None, headers: dict | None = None,
            documents: Iterable[tuple[str, bytes]] = ()) -> bytes:
    """One mail as a sender's client writes it (email.message.EmailMessage): From, To, Subject,
    Message-ID and Date when given, extra headers, a text body, then each (file name, .docx bytes)."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    if message_id:
        mail["Message-ID"] = message_id
    if date:
        mail["Date"] = date
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(body)
    maintype, subtype = DOCX_TYPE
    for filename, data in documents:
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(mail)

