"""Stage `store`: keep the exact bytes, content-addressed, before anything else happens."""
from __future__ import annotations


def run(item, runtime) -> None:
    item.raw_sha256 = runtime.raw_store.put_soon(item.fetched.raw)   # durable before its commit: record settles it
    runtime.faults.hit("after_raw_stored")
