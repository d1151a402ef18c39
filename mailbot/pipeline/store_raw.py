"""Stage `store`: keep the exact bytes, content-addressed, before anything else happens."""
from __future__ import annotations


def run(item, runtime) -> None:
    item.raw_sha256 = runtime.raw_store.put(item.fetched.raw)
    runtime.faults.hit("after_raw_stored")
