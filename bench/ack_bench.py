"""Cost of one acknowledgement in the record stage, in ms, step by step. Figures only, never a test.
No servers: messages built in memory (six languages, 0-2 files, some long subjects), a temporary SQLite.

    python bench/ack_bench.py [--messages 600] [--rounds 3]

build    ack_mail: the message's documents read back, language, context, templates and catalogs
compose  mailbot.outbox.mail.compose of that OutgoingMail: headers, MIME parts, bytes, read-back check
enqueue  mailbot.outbox.queue.enqueue: compose and insert the row (what the record stage adds per ack)
total    build + enqueue, as the record stage runs them
"""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from dataclasses import replace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, SQLModel, create_engine, select  # noqa: E402

from bench.common import bench_args  # noqa: E402
from mailbot.config import PROJECT_ROOT, Settings  # noqa: E402
from mailbot.consultation import load_consultation  # noqa: E402
from mailbot.correspondence.ack_mail import ack_mail  # noqa: E402
from mailbot.reference import reference_data  # noqa: E402
from mailbot.outbox.mail import compose  # noqa: E402
from mailbot.outbox.queue import enqueue  # noqa: E402
from mailbot.store.models import Attachment, Message  # noqa: E402

SUBJECTS = {
    "en": "Contribution of Kenya to the consultation on the Global Connectivity Agenda",
    "fr": "Contribution de la France : « accès universel » et éducation numérique",
    "es": "Contribución de la República Argentina sobre conectividad rural",
    "ru": "Вклад Российской Федерации в консультацию по глобальной повестке подключения",
    "ar": "مساهمة جمهورية مصر العربية في المشاورة بشأن جدول أعمال التوصيل العالمي",
    "zh": "中华人民共和国对全球连通性议程磋商的贡献",
}
NAMES = {
    "en": 'Jane "JJ" Mwangi, Ministry of ICT',
    "fr": "Sébastien Lefèvre-Dubois",
    "es": "María José Núñez",
    "ru": "Иванов, Пётр Сергеевич",
    "ar": "أحمد عبد الرحمن",
    "zh": "王小明",
}
STATES = {"en": ["KEN"], "fr": ["FRA"], "es": ["ARG"], "ru": ["RUS"], "ar": ["EGY"], "zh": ["CHN"]}
RECEIVED = datetime(2020, 1, 10, 9, 0, tzinfo=timezone.utc)


def messages(count: int, rng: random.Random) -> list[tuple[Message, list]]:
    made = []
    for number in range(count):
        lang = list(SUBJECTS)[number % 6]
        subject = SUBJECTS[lang] + (" – " + "long " * 60 if number % 7 == 0 else "")
        message = Message(id=number + 1, raw_sha256=f"{number:064x}", message_id=f"<m{number}@mfa.gov.example>",
                          from_address=f"focal{number}@mfa.gov.example", from_name=NAMES[lang], subject=subject,
                          received_at=RECEIVED + timedelta(minutes=number), language=lang,
                          states=STATES[lang] if number % 5 else [], reference=f"GCA-{number + 1:04d}",
                          late=number % 11 == 0, processed_at=RECEIVED, updated_at=RECEIVED)
        files = [Attachment(message_pk=number + 1, position=k, filename=f"contribution-{number}-{k}.pdf",
                            safe_name=f"c{k}.pdf", sha256=f"{number}-{k}", size=rng.randint(500, 3_000_000),
                            status="ok" if k else "encrypted", reason="", language=lang) for k in range(number % 3)]
        made.append((message, files))
    return made


def per_item_ms(work, items) -> float:
    start = time.perf_counter()
    for item in items:
        work(item)
    return (time.perf_counter() - start) * 1000 / len(items)


def main() -> None:
    args = bench_args(__doc__, messages=(600, "acknowledgements per round"), rounds=(3, "rounds (the best is shown)"))
    consultation = load_consultation(PROJECT_ROOT / "data" / "consultations" / "gca-2020.toml")
    settings = Settings()
    usual = reference_data(settings.attribution.focal_points).usual_languages
    moment = datetime(2020, 1, 12, 8, 0, tzinfo=timezone.utc)
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/bench.db")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            for message, files in messages(args.messages, random.Random(7)):
                session.add(message)
                session.add_all(files)
            session.commit()
        figures: dict[str, list[float]] = {"build": [], "compose": [], "enqueue": [], "total": []}
        with Session(engine) as session:
            stored = list(session.exec(select(Message).order_by(Message.id)))
            for message in stored[:12]:          # warm templates and caches outside the timings
                ack_mail(session, message, consultation, usual_language=usual)
            for round_number in range(args.rounds):
                mails = []
                figures["build"].append(per_item_ms(lambda message: mails.append(
                    ack_mail(session, message, consultation, usual_language=usual)), stored))
                figures["compose"].append(per_item_ms(lambda mail: compose(mail, settings, moment), mails))
                keyed = [replace(mail, key=f"{mail.key}:{round_number}") for mail in mails]
                figures["enqueue"].append(per_item_ms(
                    lambda mail: enqueue(session, mail, settings=settings, now=moment), keyed))
                figures["total"].append(figures["build"][-1] + figures["enqueue"][-1])
                session.rollback()
            sizes = [len(compose(mail, settings, moment)) for mail in mails]
    print(f"one acknowledgement: {args.messages} messages (six languages, 0-2 files, some long subjects), "
          f"best of {args.rounds} rounds, ms each")
    for step, values in figures.items():
        print(f"  {step:8} {min(values):7.3f} ms   (median {statistics.median(values):.3f})")
    print(f"  message size: {statistics.mean(sizes):.0f} bytes on average")


if __name__ == "__main__":
    main()
