"""The language of message bodies, guessed in a helper process while the worker commits other messages.

langdetect costs ~1.5 ms of pure Python a body; in the worker's own process that time is taken from
the register commits (one interpreter lock), while the second core waits. A group of bodies goes to
one helper process in one round trip; a small group, or any failure of the helper, is guessed here,
so the answer never depends on where it was computed (the same function runs in both places).

The helper is a plain process on a pipe, as the extraction workers are: when the worker ends, even by
SIGKILL or os._exit, the helper reads end-of-file and ends too (a process pool's worker would not).
"""
from __future__ import annotations

import logging
import signal

from parsers.language import SAMPLE_CHARS, detect_language, detect_languages, worth_detecting

log = logging.getLogger("mailbot.extraction")

MIN_GROUP = 4                  # fewer bodies than this: the round trip is not worth it
HELPER_TIMEOUT_SECONDS = 60.0  # a helper that does not answer by then: the group is guessed here
# Its start returns once the fork server has forked it (after the server's own start, the long part):
# its first word follows at once, so the group that started it waits for it rather than loading
# langdetect's profiles here (~0.15 s of this process's time).
READY_WAIT_SECONDS = 5.0
_READY = "ready"


def serve(connection) -> None:
    """The helper's loop: a list of texts in, their languages out, until the worker closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # a terminal's Ctrl-C is the worker's to handle
    connection.send(_READY)
    while True:
        try:
            texts = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(detect_languages(texts))


class LanguageGuesser:
    """`guess(texts)`: one language (or None) per text, in order; the helper starts on the first
    worthwhile group and is used once it has said it is ready (for that group already, unless it is
    slow to say so)."""

    def __init__(self, helper: bool = True, preload: list[str] | None = None):
        self.helper = helper
        self.preload = preload or []    # the fork server's list (the extraction workers' own)
        self._process = None
        self._connection = None
        self._ready = False
        self.helped = 0                 # texts the helper process guessed (tests, bench)

    def guess(self, texts: list[str]) -> list[str | None]:
        worth = [index for index, text in enumerate(texts) if worth_detecting(text)]
        results: list[str | None] = [None] * len(texts)
        if not worth:
            return results
        helped = self._in_helper([texts[index][:SAMPLE_CHARS] for index in worth]) if len(worth) >= MIN_GROUP else None
        for index, language in zip(worth, helped or (detect_language(texts[index]) for index in worth)):
            results[index] = language
        return results

    def close(self) -> None:
        """Close the pipe (the helper ends on it) and reap the helper."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join(timeout=2)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(timeout=2)
            self._process = None
        self._ready = False

    def _in_helper(self, texts: list[str]) -> list[str | None] | None:
        """The helper's answers; None while it is starting (or cannot), so the caller guesses here."""
        if not self._started_and_ready():
            return None
        assert self._connection is not None
        try:
            self._connection.send(texts)
            if not self._connection.poll(HELPER_TIMEOUT_SECONDS):
                raise TimeoutError(f"no answer in {HELPER_TIMEOUT_SECONDS:.0f} s")
            answers = self._connection.recv()
        except Exception as err:  # noqa: BLE001 - a broken helper must not lose a guess: guess here
            self._give_up(f"language helper failed ({err or type(err).__name__}); guessing in the worker from now on")
            return None
        self.helped += len(texts)
        return answers

    def _started_and_ready(self) -> bool:
        if not self.helper:
            return False
        wait = 0.0
        if self._process is None:
            self._start()
            wait = READY_WAIT_SECONDS
        if not self._ready:
            try:
                self._ready = self._connection is not None and self._connection.poll(wait) \
                    and self._connection.recv() == _READY
            except (EOFError, OSError) as err:
                self._give_up(f"language helper ended at its start ({err}); guessing in the worker")
        return self._ready

    def _start(self) -> None:
        try:
            # lazy: start-up time (multiprocessing, and the fork server, only when a group needs it)
            from mailbot.extraction.pool import fork_context

            context = fork_context(self.preload)
            self._connection, child_end = context.Pipe()
            self._process = context.Process(target=serve, args=(child_end,), name="languages", daemon=True)
            self._process.start()
            child_end.close()
        except Exception as err:  # noqa: BLE001 - no helper process here: guess in the worker
            self._give_up(f"language helper cannot start ({err}); guessing in the worker")

    def _give_up(self, reason: str) -> None:
        log.warning("%s", reason)
        self.helper = False
        if self._process is not None:
            self._process.kill()
        self.close()
