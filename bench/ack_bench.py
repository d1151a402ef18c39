"""Cost of one acknowledgement in the record stage, in ms, step by step. Figures only, never a test.
No servers: messages built in memory (six languages, 0-2 files, some long subjects), a temporary SQLite.

    python bench/ack_bench.py [--messages 600] [--rounds 3]

render   render_ack: Jinja2 text and HTML templates, Babel formatting
compose  compose_mail without its read-back check: headers, MIME parts, bytes
verify   the read-back check alone, on the composed bytes
total    compose_ack end to end (language, focal points, context, render, compose, verify)
enqueue  mailbot.outbox.queue.enqueue of the composed row into the outbox table
"""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, SQLModel, create_engine  # noqa: E402

from bench.common import bench_args  # noqa: E402
from mailbot.config import PROJECT_ROOT, Settings  # noqa: E402
from mailbot.consultation import load_consultation  # noqa: E402
from mailbot.correspondence import ack_row  # noqa: E402
from mailbot.outbox import compose as compose_module  # noqa: E402
from mailbot.outbox.queue import enqueue  # noqa: E402
from mailbot.store.models import Message  # noqa: E402

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
        files = [SimpleNamespace(filename=f"contribution-{number}-{k}.pdf", safe_name=f"c{k}.pdf",
                                 size=rng.randint(500, 3_000_000), status="ok" if k else "encrypted", reason="",
                                 language=lang) for k in range(number % 3)]
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
    moment = datetime(2020, 1, 12, 8, 0, tzinfo=timezone.utc)
    runtime = SimpleNamespace(consultation=consultation, settings=settings, clock=SimpleNamespace(now=lambda: moment))
    items = [(message, files, f"<ack{message.id}@{settings.mail.domain}>")
             for message, files in messages(args.messages, random.Random(7))]

    def ack(item):
        return ack_row.compose_ack(runtime, item[0], item[1], None, item[2])

    for item in items[:12]:        # warm templates and caches outside the timings
        ack(item)

    # What compose_ack hands to each step, captured through compose_ack itself.
    renders, composes, verifies = [], [], []
    real_render, real_compose, real_verify = ack_row.render_ack, compose_module.compose_mail, compose_module._verify
    ack_row.render_ack = lambda *a, **k: renders.append((a, k)) or real_render(*a, **k)
    ack_row.compose_mail = lambda **k: composes.append(k) or real_compose(**k)
    compose_module._verify = lambda *a, **k: verifies.append((a, k)) or real_verify(*a, **k)
    try:
        rows = [(item, ack(item)) for item in items]
    finally:
        ack_row.render_ack, ack_row.compose_mail, compose_module._verify = real_render, real_compose, real_verify

    def compose_only(kwargs):
        compose_module._verify = lambda *a, **k: None
        try:
            real_compose(**kwargs)
        finally:
            compose_module._verify = real_verify

    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/bench.db")
        SQLModel.metadata.create_all(engine)
        figures: dict[str, list[float]] = {"render": [], "compose": [], "verify": [], "total": [], "enqueue": []}
        for round_number in range(args.rounds):
            figures["render"].append(per_item_ms(lambda call: real_render(*call[0], **call[1]), renders))
            figures["compose"].append(per_item_ms(compose_only, composes))
            figures["verify"].append(per_item_ms(lambda call: real_verify(*call[0], **call[1]), verifies))
            figures["total"].append(per_item_ms(ack, items))
            with Session(engine) as session:
                figures["enqueue"].append(per_item_ms(lambda row: enqueue(
                    session, key=f"ack:{round_number}:{row[0][0].id}", purpose="ack",
                    recipients=[row[0][0].from_address], envelope_from=settings.mail.from_address,
                    message_id=row[0][2], subject=row[1][0], raw=row[1][1], now=moment, message_pk=None,
                    language=row[1][2]), rows))
                session.commit()
    print(f"one acknowledgement: {args.messages} messages (six languages, 0-2 files, some long subjects), "
          f"best of {args.rounds} rounds, ms each")
    for step, values in figures.items():
        print(f"  {step:8} {min(values):7.3f} ms   (median {statistics.median(values):.3f})")
    sizes = [len(raw) for _, (_, raw, _) in rows]
    print(f"  message size: {statistics.mean(sizes):.0f} bytes on average")


if __name__ == "__main__":
    main()
