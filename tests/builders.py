"""The one place tests build what they feed mailbot: a register, messages and documents."""
from __future__ import annotations

import io
from pathlib import Path

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


def docx_bytes(*paragraphs: str, heading: str | None = None) -> bytes:
    """A real Word document (python-docx): an optional heading, then one paragraph per argument."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
