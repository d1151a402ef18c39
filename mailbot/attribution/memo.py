"""Work done once per message: a text tokenised, scanned for names or folded once, however many readers ask.

The screen, the collectors and the signals read the same subject, body and signature several times
(the name scan of a signature ran three times a message). Inside `per_message()` each pure function
of a text remembers its answer for that text; outside it nothing is remembered, so a caller that
never opens one (a unit test, `listed_states` on its own) computes as before. The memo lives for
one message only: nothing carries over from one message to the next, and memory stays bounded by
what one message holds.

A context variable, not an attribute of the shared AttributionContext: each thread (and each task)
has its own memo.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Hashable, Iterator, TypeVar

T = TypeVar("T")
_CURRENT: ContextVar[dict | None] = ContextVar("attribution_memo", default=None)


@contextmanager
def per_message() -> Iterator[None]:
    """Remember computed values until the block ends (one message's attribution)."""
    token = _CURRENT.set({})
    try:
        yield
    finally:
        _CURRENT.reset(token)


def remembered(what: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or its answer from earlier in this message for the same (what, key).

    `compute` must depend on nothing but `key` (and fixed tables), and its answer must not be
    changed by any caller: callers share it.
    """
    memo = _CURRENT.get()
    if memo is None:
        return compute()
    slot = (what, key)
    try:
        return memo[slot]
    except KeyError:
        value = memo[slot] = compute()
        return value
