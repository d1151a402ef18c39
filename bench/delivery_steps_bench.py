"""The register's part of a delivery on its own (issue 18): CPU a receipt of the poll's step, the next
due row, its claim and its outcome (`claim_next` + `record_outcome`, no SMTP), with the suppression
list empty and with one address on it.

    python bench/delivery_steps_bench.py [--rows 2000]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.kinds import OutboxStatus  # noqa: E402
from mailbot.outbox.deliver import DeliveryReport, claim_next, record_outcome  # noqa: E402
from mailbot.outbox.steps import OutboxSteps  # noqa: E402
from mailbot.store.db import open_engine  # noqa: E402
from mailbot.store.models import Outbox, Suppression  # noqa: E402

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=timezone.utc)


def _register(folder: Path, rows: int, suppressed: bool):
    engine = open_engine(folder)
    with engine.begin() as connection:
        connection.execute(Outbox.__table__.insert(), [  # type: ignore[attr-defined]
            {"key": f"ack:{number}", "purpose": "ack", "recipients": [f"fp{number}@gov.example"],
             "envelope_from": "contributions@itu.int", "message_id": f"<ack{number}@itu.int>",
             "raw": b"x" * 3000, "status": OutboxStatus.PENDING, "attempts": 0, "next_attempt_at": NOW,
             "created_at": NOW} for number in range(rows)])
        if suppressed:
            connection.execute(Suppression.__table__.insert(), {  # type: ignore[attr-defined]
                "address": "gone@gov.example", "bounced_at": NOW, "status": "5.1.1", "diagnostic": "no such user"})
    return engine


def _cpu_a_receipt(engine, rows: int) -> float:
    report, after = DeliveryReport(), 0
    with engine.connect() as connection:
        steps = OutboxSteps(connection)
        started = time.process_time()
        while True:
            claimed, after = claim_next(steps, NOW, after, report)
            if claimed is None:
                break
            record_outcome(steps, claimed, {"status": OutboxStatus.SENT, "sent_at": NOW})
        cpu = time.process_time() - started
        steps.end()
        assert connection.exec_driver_sql("SELECT count(*) FROM outbox WHERE status = 'sent'").scalar() == rows
    return cpu / rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    rows = parser.parse_args().rows
    for suppressed in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            engine = _register(Path(folder) / "state", rows, suppressed)
            cpu = _cpu_a_receipt(engine, rows)
            engine.dispose()
        print(f"delivery steps, suppression list {'with one address' if suppressed else 'empty'}: "
              f"{cpu * 1000:.3f} ms CPU a receipt ({rows} rows)")


if __name__ == "__main__":
    main()
