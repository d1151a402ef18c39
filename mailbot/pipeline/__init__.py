"""The pipeline: stages wired as data, run in order on one WorkItem.

    store -> parse -> extract -> classify -> attribute -> acknowledge -> record

Each stage is a module with one verb, `run(item, runtime)`. A stage that fails records its
traceback on the item; the later stages are skipped except `record`, which always runs, so the
message is kept and shown for review. Only the raw store and the register itself may stop a poll.

`process_batch` runs several messages together: the stages before a batch stage (`extract`) run
message by message, the batch stage runs once over all of them (documents go to the worker pool
side by side), then each message goes through the remaining stages to its commit before the next
one starts, so duplicates within a batch are still seen in order.
"""
from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Callable, TYPE_CHECKING

from mailbot.errors import StoreError
from mailbot.pipeline import acknowledge, attribute, classify, extract, parse, record, store_raw
from mailbot.workitem import WorkItem

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime

log = logging.getLogger("mailbot.pipeline")


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable
    always: bool = False               # runs even after an earlier stage failed
    run_batch: Callable | None = None  # run_batch(items, runtime): one call for several messages
    run_stream: Callable | None = None  # run_stream(next_items, on_ready, runtime, stopped): fed as it goes


BUILTIN: tuple[Stage, ...] = (
    Stage("store", store_raw.run),
    Stage("parse", parse.run),
    Stage("extract", extract.run, run_batch=extract.run_batch, run_stream=extract.run_stream),
    Stage("classify", classify.run),
    Stage("attribute", attribute.run),
    Stage("acknowledge", acknowledge.run),
    Stage("record", record.run, always=True),
)

REPLAY: tuple[Stage, ...] = BUILTIN[1:]   # reprocess: the raw bytes are already stored


def process(item: WorkItem, runtime: Runtime, stages: tuple[Stage, ...] = BUILTIN) -> WorkItem:
    """Run the stages on one message; returns the item with its trail and any failures."""
    for stage in stages:
        _run_stage(stage, item, runtime)
    return item


def process_batch(items: list[WorkItem], runtime: Runtime, stages: tuple[Stage, ...] = BUILTIN,
                  on_done: Callable[[WorkItem], None] | None = None) -> list[WorkItem]:
    """Run several messages; `on_done(item)` is called right after each message's record stage."""
    batch = BatchRun(stages)
    batch.head(items, runtime)
    batch.middle(items, runtime)
    batch.tail(items, runtime, on_done)
    return items


class BatchRun:
    """The stage tuple cut around its batch stage, so a worker can overlap one batch's extraction
    with the previous batch's later stages (the three parts must run in order for each batch)."""

    def __init__(self, stages: tuple[Stage, ...] = BUILTIN):
        self.after: tuple[Stage, ...]
        split = next((index for index, stage in enumerate(stages) if stage.run_batch), None)
        if split is None:
            self.before, self.batch_stage, self.after = stages, None, ()
        else:
            self.before, self.batch_stage, self.after = stages[:split], stages[split], stages[split + 1:]

    def head(self, items: list[WorkItem], runtime: Runtime) -> None:
        for item in items:
            for stage in self.before:
                _run_stage(stage, item, runtime)

    def middle(self, items: list[WorkItem], runtime: Runtime) -> None:
        if self.batch_stage is not None:
            _run_batch_stage(self.batch_stage, items, runtime)

    def stream(self, next_items, on_ready, runtime: Runtime, stopped) -> None:
        """The batch stage fed as messages come (`next_items(block)`: a list, [] for none yet, None
        when no more will come); `on_ready(item)` as soon as a message is through it."""
        stage = self.batch_stage

        def usable(block: bool):
            items = next_items(block)
            if items is None:
                return None
            for item in items:
                if item.failures and not (stage and stage.always):
                    on_ready(item)
            return [item for item in items if not item.failures or (stage and stage.always)]

        if stage is not None and stage.run_stream is not None:
            stage.run_stream(usable, on_ready, runtime, stopped)
            return
        while not stopped() and (items := usable(True)) is not None:
            self.middle(items, runtime)
            for item in items:
                on_ready(item)

    def tail(self, items: list[WorkItem], runtime: Runtime, on_done: Callable[[WorkItem], None] | None = None) -> None:
        for item in items:
            for stage in self.after:
                _run_stage(stage, item, runtime)
            if on_done:
                on_done(item)


def _run_stage(stage: Stage, item: WorkItem, runtime: Runtime) -> None:
    if item.failures and not stage.always:
        return
    try:
        runtime.faults.hit(f"before_{stage.name}")
        stage.run(item, runtime)
    except StoreError:
        raise
    except Exception as err:  # the stage boundary: keep the message, record why
        log.warning("stage %s failed for %s: %s", stage.name, item.fetched.source_key, err)
        item.failures.append((stage.name, traceback.format_exc()))


def _run_batch_stage(stage: Stage, items: list[WorkItem], runtime: Runtime) -> None:
    ready = [item for item in items if not item.failures or stage.always]
    if not ready:
        return
    try:
        runtime.faults.hit(f"before_{stage.name}")
        assert stage.run_batch is not None   # only batch stages come here
        stage.run_batch(ready, runtime)
    except StoreError:
        raise
    except Exception as err:  # one bad message must not fail the batch: retry one by one
        log.warning("batch stage %s failed (%s); running it message by message", stage.name, err)
        for item in ready:
            _run_stage(stage, item, runtime)
