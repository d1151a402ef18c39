"""Time the digest (facts, HTML and text, CSV, MIME) on a register of N messages; prints figures only.

python bench/digest_at_scale.py [N]     (default 100000)
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402
from sqlmodel import Session, SQLModel, create_engine  # noqa: E402

from mailbot.config import DEFAULT_CONSULTATION, Settings  # noqa: E402
from mailbot.consultation import load_consultation  # noqa: E402
from mailbot.correspondence.digest import plan_digest  # noqa: E402
from mailbot.outbox.mail import compose  # noqa: E402
from mailbot.correspondence.states import member_state_codes  # noqa: E402
from mailbot.store.models import Attachment, Message  # noqa: E402


def fill(engine, count: int) -> None:
    codes = member_state_codes()
    start = datetime(2019, 10, 15, 8, 0, tzinfo=timezone.utc)
    step = (datetime(2020, 1, 20, tzinfo=timezone.utc) - start) / count
    messages, attachments = [], []
    for number in range(1, count + 1):
        moment = start + step * number
        kind = "contribution" if number % 5 else "auto_reply"
        messages.append(
            dict(
                id=number,
                raw_sha256=hashlib.sha256(str(number).encode()).hexdigest(),
                from_address=f"s{number}@x.example",
                subject=f"Contribution {number}",
                received_at=moment,
                kind=kind,
                states=[codes[number % len(codes)]],
                reply_to=[],
                to_addrs=[],
                cc_addrs=[],
                defects=[],
                review_reasons=[],
                trail=[],
                body_text="text " * 200,
                needs_review=number % 97 == 0,
                reference=f"GCA-2020-{number:06d}" if kind == "contribution" else None,
                processed_at=moment,
                updated_at=moment,
                language="en",
            )
        )
        attachments.append(
            dict(
                message_pk=number,
                position=0,
                filename=f"doc{number}.docx",
                safe_name="0.docx",
                size=1000,
                sha256="0" * 64,
                status="ok",
            )
        )
    with engine.begin() as connection:
        connection.execute(insert(Message), messages)
        connection.execute(insert(Attachment), attachments)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    consultation = load_consultation(DEFAULT_CONSULTATION)
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/bench.sqlite3")
        SQLModel.metadata.create_all(engine)
        began = time.perf_counter()
        fill(engine, count)
        print(f"register of {count:,} messages written in {time.perf_counter() - began:.1f} s")
        with Session(engine) as session:
            began = time.perf_counter()
            moment = datetime(2020, 1, 21, 7, 0, tzinfo=timezone.utc)
            mails = plan_digest(session, consultation, moment, settings=Settings())
            raw = compose(mails[0], Settings(), moment)
            elapsed = time.perf_counter() - began
        print(f"digest planned and composed in {elapsed:.2f} s; message {len(raw) / 1e6:.1f} MB with the CSV")


if __name__ == "__main__":
    main()
