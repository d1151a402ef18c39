"""The pipeline: stages wired as data, run in order on one WorkItem.

    store -> parse -> extract -> classify -> attribute -> acknowledge -> record

Each stage is a module with one verb, `run(item, runtime)`. A stage that fails records its
traceback on the item; the later stages are skipped except `record`, which always runs, so the
message is kept and shown for review. Only the raw store and the register itself may stop a poll.
"""
from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Callable

from mailbot.errors import StoreError
from mailbot.pipeline import acknowledge, attribute, classify, extract, parse, record, store_raw
from mailbot.pipeline.workitem import WorkItem

log = logging.getLogger("mailbot.pipeline")


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable
    always: bool = False    # runs even after an earlier stage failed


BUILTIN: tuple[Stage, ...] = (
    Stage("store", store_raw.run),
    Stage("parse", parse.run),
    Stage("extract", extract.run),
    Stage("classify", classify.run),
    Stage("attribute", attribute.run),
    Stage("acknowledge", acknowledge.run),
    Stage("record", record.run, always=True),
)

REPLAY: tuple[Stage, ...] = BUILTIN[1:]   # reprocess: the raw bytes are already stored


def process(item: WorkItem, runtime, stages: tuple[Stage, ...] = BUILTIN) -> WorkItem:
    """Run the stages on one message; returns the item with its trail and any failures."""
    for stage in stages:
        if item.failures and not stage.always:
            continue
        try:
            runtime.faults.hit(f"before_{stage.name}")
            stage.run(item, runtime)
        except StoreError:
            raise
        except Exception as err:  # the stage boundary: keep the message, record why
            log.warning("stage %s failed for %s: %s", stage.name, item.fetched.source_key, err)
            item.failures.append((stage.name, traceback.format_exc()))
    return item
