"""Stage `store`: keep the exact bytes, content-addressed, before anything else happens."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:   # annotation only: no import of the runtime at run time
    from mailbot.runtime import Runtime


def run(item, runtime: Runtime) -> None:
    # Written in the background; the record stage settles it before its commit names the file.
    item.raw_sha256 = runtime.raw_store.put_soon(item.fetched.raw)
    runtime.faults.hit("after_raw_stored")
