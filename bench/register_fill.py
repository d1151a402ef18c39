"""A register of N messages written in bulk through the models' tables (not N pipeline runs)."""
from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert, text

from bench.mailgen import SENTENCES
from mailbot.extraction.search import TEXTS_PER_MESSAGE

STATES = ("KEN", "FRA", "MEX", "JPN", "EGY", "CHE", "BRA", "IND", "CHN", "RUS", "USA", "DEU", "NGA", "ARG")
START = datetime(2019, 10, 15, 8, 0, tzinfo=timezone.utc)
END = datetime(2020, 1, 20, 8, 0, tzinfo=timezone.utc)
CHUNK = 5000


def open_register(state: Path):
    """The state folder's engine, created and migrated the way mailbot does it."""
    from mailbot.store.db import open_engine

    return open_engine(state)


def _sha(*parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def fill_sources_only(engine, count: int, mailbox: str, uidvalidity: int, now: datetime) -> None:
    """Minimal rows for an IMAP register: message + message_source per UID 1..count, and the cursor."""
    from mailbot.store.models import Cursor, Message, MessageSource

    with engine.begin() as connection:
        for first in range(1, count + 1, CHUNK):
            uids = range(first, min(first + CHUNK, count + 1))
            connection.execute(insert(Message), [dict(
                id=uid, raw_sha256=_sha("src", uid), received_at=now, processed_at=now, updated_at=now,
                reply_to=[], to_addrs=[], cc_addrs=[], defects=[], states=[], review_reasons=[], trail=[],
                body_text="", kind="other") for uid in uids])
            connection.execute(insert(MessageSource), [dict(
                source_key=f"imap:{mailbox}:{uidvalidity}:{uid}", message_pk=uid, source="imap",
                mailbox=mailbox, uidvalidity=uidvalidity, uid=str(uid)) for uid in uids])
        connection.execute(insert(Cursor), [dict(source="imap", mailbox=mailbox, uidvalidity=uidvalidity,
                                                 last_uid=count, updated_at=now)])


def fill_rich(engine, count: int, seed: int = 100) -> dict[str, int]:
    """A register like a busy consultation's: 70% contributions with a document and an ack sent,
    the rest auto-replies, bounces and other mail; extracted text cached and indexed if search exists."""
    from mailbot.store.models import Attachment, Counter, Event, Extraction, Message, MessageSource, Outbox

    rng = random.Random(seed)
    fts = _fts_writer(engine)
    step = (END - START) / count
    figures = {"contributions": 0, "attachments": 0, "acks": 0}
    with engine.begin() as connection:
        for first in range(1, count + 1, CHUNK):
            messages, sources, attachments, extractions, outbox, indexed = [], [], [], [], [], []
            for pk in range(first, min(first + CHUNK, count + 1)):
                moment = START + step * pk
                kind = _kind(pk)
                state = STATES[pk % len(STATES)]
                address = f"focal{pk % 5000}@mfa{pk % 193}.gov.example"
                body = " ".join(rng.choice(SENTENCES) for _ in range(4))
                contribution = kind == "contribution"
                messages.append(dict(
                    id=pk, raw_sha256=_sha("raw", pk), raw_size=4000 + pk % 50_000, message_id=f"<m{pk}@{state}.example>",
                    from_address=address, from_name=f"Focal Point {pk}", from_header=f"Focal Point {pk} <{address}>",
                    reply_to=[], to_addrs=["contributions@itu.int"], cc_addrs=[], subject=f"Contribution {pk} from {state}",
                    received_at=moment, body_text=body, language="en", kind=kind, kind_reason="rule",
                    status="processed", defects=[], states=[state] if contribution else [],
                    category="member_state" if contribution else None, confidence=0.9 if contribution else 0.0,
                    needs_review=pk % 53 == 0, review_reasons=["sender not known"] if pk % 53 == 0 else [],
                    late=moment > datetime(2020, 1, 15, 23, tzinfo=timezone.utc),
                    reference=f"GCA-2020-{pk:06d}" if contribution else None,
                    trail=[{"stage": "classify", "rule": "default", "detail": "a person wrote it", "weight": 0.0,
                            "states": []},
                           {"stage": "attribute", "rule": "domain", "detail": f"{address} is {state}",
                            "weight": 0.9, "states": [state]}],
                    processed_at=moment, updated_at=moment))
                sources.append(dict(source_key=f"imap:INBOX:1:{pk}", message_pk=pk, source="imap",
                                    mailbox="INBOX", uidvalidity=1, uid=str(pk)))
                if not contribution:
                    continue
                figures["contributions"] += 1
                doc_sha = _sha("doc", pk)
                doc_text = " ".join(rng.choice(SENTENCES) for _ in range(30))
                attachments.append(dict(
                    message_pk=pk, position=0, filename=f"contribution-{pk}.docx", safe_name=f"{pk}.docx",
                    declared_type="application/octet-stream", content_type="application/vnd.openxmlformats-"
                    "officedocument.wordprocessingml.document", size=30_000 + pk % 900_000, sha256=doc_sha,
                    is_inline=False, status="ok", reason="", text_chars=len(doc_text), language="en",
                    from_forwarded=False))
                extractions.append(dict(sha256=doc_sha, extractor_version="bench", status="ok", reason="",
                                        text=doc_text, first_page_text=doc_text[:600], pages=1 + pk % 60,
                                        language="en", ocr=False, meta={}, created_at=moment))
                outbox.append(dict(
                    key=f"ack:{_sha('raw', pk)}", purpose="ack", message_pk=pk, recipients=[address],
                    envelope_from="contributions@itu.int", message_id=f"<ack{pk}@itu.int>",
                    subject=f"Receipt GCA-2020-{pk:06d}", language="en", raw=_ack_raw(pk, address),
                    status="sent", attempts=1, created_at=moment, sent_at=moment + timedelta(seconds=3)))
                indexed.append({"rowid": pk * TEXTS_PER_MESSAGE, "pk": pk, "body": body})
                indexed.append({"rowid": pk * TEXTS_PER_MESSAGE + 1, "pk": pk, "body": doc_text})
            connection.execute(insert(Message), messages)
            connection.execute(insert(MessageSource), sources)
            if attachments:
                connection.execute(insert(Attachment), attachments)
                connection.execute(insert(Extraction), extractions)
                connection.execute(insert(Outbox), outbox)
                if fts:
                    connection.execute(text(fts), indexed)
            figures["attachments"] += len(attachments)
            figures["acks"] += len(outbox)
        connection.execute(insert(Counter), [dict(name="receipt", value=count)])
        connection.execute(insert(Event), [dict(at=END, kind="bounce", message_pk=pk, detail=f"x{pk}@bounce.example 5.1.1")
                                           for pk in range(1, count, 997)])
    return figures


def _kind(pk: int) -> str:
    slot = pk % 10
    return {3: "auto_reply", 7: "other", 9: "bounce" if pk % 20 == 9 else "reply"}.get(slot, "contribution")


def _ack_raw(pk: int, address: str) -> bytes:
    return (f"From: ITU <contributions@itu.int>\r\nTo: {address}\r\nSubject: Receipt GCA-2020-{pk:06d}\r\n"
            f"Message-ID: <ack{pk}@itu.int>\r\nAuto-Submitted: auto-replied\r\n\r\n"
            + "The General Secretariat acknowledges receipt of your contribution.\r\n" * 12).encode()


def _fts_writer(engine) -> str | None:
    """The INSERT for the full-text index, when the search module exists on this branch."""
    try:
        from mailbot.extraction.search import FTS_TABLE   # the table itself is made by the migrations
    except ImportError:
        return None
    return f"INSERT INTO {FTS_TABLE} (rowid, message_pk, body) VALUES (:rowid, :pk, :body)"
