"""Progress for long work: a bar on a terminal, plain log lines otherwise."""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager

log = logging.getLogger("mailbot.progress")


@contextmanager
def message_progress(every: int = 100):
    """Yields a tick(item) callable; shows a live count on a terminal, logs every N otherwise."""
    count = 0
    if sys.stderr.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      transient=True) as progress:
            task = progress.add_task("registering messages", total=None)

            def tick(_item) -> None:
                nonlocal count
                count += 1
                progress.update(task, description=f"registered {count} message(s)")

            yield tick
        return

    def tick_plain(_item) -> None:
        nonlocal count
        count += 1
        if count % every == 0:
            log.info("registered %d messages so far", count)

    yield tick_plain
