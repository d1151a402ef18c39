"""IMAP source: incremental by UID above a cursor, batched BODY.PEEK[] fetches, MOVE or COPY+flag."""
from __future__ import annotations

import ast
import imaplib
import logging
import ssl
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterator

from mailbot.auth.login import login_with_token
from mailbot.auth.sasl import Mechanism, choose_mechanism
from mailbot.config import Settings
from mailbot.errors import (AuthError, ConfigError, SourceError, SourceUnavailable,
                            TokenEndpointUnavailable)
from mailbot.workitem import Fetched
from mailbot.sources import SeenKeys

log = logging.getLogger("mailbot.sources.imap")

SOURCE_NAME = "imap"
PROCESSED_KEYWORD = "$MailbotProcessed"
FETCH_BYTES_BUDGET = 32 * 1024 * 1024   # bodies held in memory at once, whatever batch_size says
IDLE_MAX_SECONDS = 25 * 60               # RFC 2177: re-issue IDLE at least every 29 minutes
NEWS_RESPONSES = (b"EXISTS", b"RECENT")
REGISTER_LOOKUP_CHUNK = 500              # UIDs per "which of these are registered?" query


@dataclass
class _Poll:
    """What one fetch_new saw: the cursor it started from, the UIDs searched, those done."""

    mailbox: str
    uidvalidity: int
    start: int
    searched: list[int] = field(default_factory=list)
    done: set[int] = field(default_factory=set)

    def safe_cursor(self) -> int:
        """Highest UID such that every searched UID up to it is done (UIDs not searched are gone)."""
        cursor = self.start
        for uid in self.searched:
            if uid not in self.done:
                break
            cursor = uid
        return cursor

    def highest_known(self) -> int:
        return max(self.searched[-1] if self.searched else 0, self.start)


def _connection_errors() -> tuple[type[BaseException], ...]:
    from imapclient.exceptions import IMAPClientAbortError

    return (OSError, imaplib.IMAP4.abort, IMAPClientAbortError, EOFError)


class ImapSource:
    """One IMAP folder as a Source. Not thread-safe: one worker owns one instance."""

    name = SOURCE_NAME

    def __init__(self, settings: Settings, password: str | None, tokens=None):
        imap = settings.imap
        if not imap.host:
            raise ConfigError("an IMAP source needs a host", key="imap.host")
        if not imap.user:
            raise ConfigError("an IMAP source needs a user", key="imap.user")
        self._imap = imap
        self._password = password or ""
        self._tokens = tokens                  # a TokenSource where imap.auth = "oauth2"
        self._mechanism = settings.oauth2.mechanism
        self.login_note = ""                   # how the last login went, for `mailbot auth check`
        if imap.auth == "oauth2" and tokens is None:
            raise ConfigError("imap.auth = oauth2 needs the [oauth2] section", key="imap.auth")
        self.folder = imap.folder
        self._client = None
        self._uidvalidity: int | None = None
        self._uidnext = 0                 # UIDNEXT as the last SELECT announced it
        self._first_read = None           # FirstRead of this folder, when the register has one
        self._poll: _Poll | None = None
        self._folders_ready: set[str] = set()

    # ---- connection
    def connect(self) -> None:
        """Open, log in and select the folder; SourceUnavailable if the server cannot be reached."""
        if self._client is not None:
            return
        from imapclient import IMAPClient
        from imapclient.exceptions import LoginError

        imap = self._imap
        port = imap.port or (993 if imap.security == "tls" else 143)
        try:
            client = IMAPClient(imap.host, port=port, ssl=imap.security == "tls",
                                ssl_context=ssl.create_default_context(), timeout=imap.timeout)
        except _connection_errors() as err:
            raise SourceUnavailable(f"cannot connect to {imap.host}:{port}: {reply_text(err)}") from err
        except imaplib.IMAP4.error as err:     # the server's greeting or CAPABILITY reply was refused
            raise SourceError(f"the IMAP server {imap.host}:{port} answered: {reply_text(err)}") from err
        client.normalise_times = False   # keep INTERNALDATE's own offset: tz-aware datetimes
        try:
            if imap.security == "starttls":
                _starttls(client, imap.host)
            self._login(client)
            selected = client.select_folder(self.folder, readonly=imap.processed_folder is None)
        except LoginError as err:
            _close_quietly(client)
            how = f" with an OAuth2 token ({self.login_note})" if imap.auth == "oauth2" else ""
            raise SourceError(f"IMAP login refused for {imap.user}@{imap.host}{how}: {reply_text(err)}") from err
        except TokenEndpointUnavailable as err:
            _close_quietly(client)
            raise SourceUnavailable(f"IMAP login for {imap.user}@{imap.host}: {err}") from err
        except AuthError as err:
            _close_quietly(client)
            raise SourceError(f"IMAP login for {imap.user}@{imap.host}: OAuth2: {err}") from err
        except SourceError:
            _close_quietly(client)
            raise
        except _connection_errors() as err:
            _close_quietly(client)
            raise SourceUnavailable(f"IMAP connection to {imap.host}:{port} lost: {reply_text(err)}") from err
        except imaplib.IMAP4.error as err:
            _close_quietly(client)
            raise SourceError(f"IMAP server refused to open {self.folder!r}: {reply_text(err)}") from err
        self._client = client
        self._uidvalidity = int(selected[b"UIDVALIDITY"])
        self._uidnext = int(selected.get(b"UIDNEXT") or 0)
        self._folders_ready = set()

    def _login(self, client) -> None:
        """Password LOGIN, or SASL XOAUTH2/OAUTHBEARER with a token (one retry with a fresh token)."""
        imap = self._imap
        if imap.auth != "oauth2":
            client.login(imap.user, self._password)
            return
        from imapclient.exceptions import LoginError

        offered = {cap.decode()[5:] for cap in client.capabilities() if cap.upper().startswith(b"AUTH=")}
        mechanism = choose_mechanism(self._mechanism, offered)
        self.login_note = str(mechanism)

        def login(token) -> None:
            if mechanism is Mechanism.OAUTHBEARER:
                client.oauthbearer_login(imap.user, token.value)
            else:
                client.oauth2_login(imap.user, token.value, mech=str(mechanism))

        token = login_with_token(self._tokens, login, lambda err: isinstance(err, LoginError),
                                 f"IMAP server {imap.host}")
        self.login_note = f"{mechanism}, token expires in {token.minutes_left(time.time())}"

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.logout()
            except Exception:  # noqa: BLE001 - closing a dead connection must not raise
                _close_quietly(client)

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            _close_quietly(client)

    def _call(self, what: str, action: Callable):
        """Run one IMAP exchange; a dead connection becomes SourceUnavailable, a refusal SourceError."""
        try:
            return action(self._client)
        except _connection_errors() as err:
            self._drop()
            raise SourceUnavailable(f"IMAP connection lost during {what}: {err}") from err
        except imaplib.IMAP4.error as err:
            raise SourceError(f"IMAP server refused {what}: {err}") from err

    # ---- reading
    def fetch_new(self, already_seen: SeenKeys) -> Iterator[Fetched]:
        """Messages above the cursor, oldest UID first, whole or not at all."""
        self._sync()
        uidvalidity = self._uidvalidity
        start = self._start_cursor(already_seen, uidvalidity)
        found = self._call("UID SEARCH", lambda client: client.search(["UID", f"{start + 1}:*"]))
        uids = sorted(uid for uid in found if uid > start)   # `n:*` always includes the highest UID
        poll = _Poll(self.folder, uidvalidity, start, uids)
        self._poll = poll
        registered = self._registered_among(already_seen, uidvalidity, uids)
        wanted = [uid for uid in uids if uid not in registered]
        self.new_count = len(wanted)           # the worker's burst guard decides from it up front
        self._settle_registered(sorted(registered), poll)
        self._first_read = self._note_first_read(already_seen, uidvalidity, uids)
        for batch in _chunks(wanted, self._imap.batch_size):
            for group in self._size_groups(batch):
                yield from self._fetch_group(group, uidvalidity)

    def _note_first_read(self, seen: SeenKeys, uidvalidity: int, uids: list[int]):
        """The folder's first read (recorded by the register now if this is it): UIDs below UIDNEXT
        at that read were already there. A search result above a stale SELECT's UIDNEXT raises it."""
        first_read = getattr(seen, "first_read", None)
        if first_read is None:
            return None
        uidnext = max(self._uidnext, uids[-1] + 1 if uids else 1)
        return first_read(SOURCE_NAME, self.folder, uidvalidity, uidnext)

    def _registered_among(self, seen: SeenKeys, uidvalidity: int, uids: list[int]) -> set[int]:
        """Which UIDs the register has: one query per chunk where the register offers `seen_uids`."""
        batch_lookup = getattr(seen, "seen_uids", None)
        if batch_lookup is None:
            return {uid for uid in uids if seen.is_seen(self._key(uidvalidity, uid))}
        found: set[int] = set()
        for chunk in _chunks(uids, REGISTER_LOOKUP_CHUNK):
            answer = batch_lookup(SOURCE_NAME, self.folder, uidvalidity, [str(uid) for uid in chunk])
            found.update(int(uid) for uid in answer)
        return found

    def _settle_registered(self, uids: list[int], poll: _Poll) -> None:
        """Registered UIDs still here: done, but file away those a failed processed() left behind."""
        target = self._imap.processed_folder
        if not target:
            poll.done.update(uids)
            return
        for batch in _chunks(uids, self._imap.batch_size):
            flags = self._call("FETCH FLAGS", lambda client: client.fetch(batch, ["FLAGS"]))
            for uid in batch:
                if uid not in flags:
                    continue
                if PROCESSED_KEYWORD.encode() not in flags[uid].get(b"FLAGS", ()):
                    self._file_away(uid, target)
                poll.done.add(uid)

    def _sync(self) -> None:
        """Connect, or on a kept connection let the server announce what changed (servers such as
        Dovecot add new mail to the session's view only at such a sync, not inside a SEARCH)."""
        if self._client is None:
            self.connect()
            return
        _text, responses = self._call("NOOP", lambda client: client.noop())
        if _complaints(responses):
            # E.g. the folder was deleted and recreated: Dovecot then answers "* NO" and keeps
            # showing the old view (even to STATUS), so only a fresh session sees the new folder.
            log.info("IMAP server complained about %s (%s): reconnecting", self.folder, responses)
            self._drop()
            self.connect()

    def _start_cursor(self, seen: SeenKeys, uidvalidity: int) -> int:
        known = seen.known_uidvalidities(SOURCE_NAME, self.folder)
        if known and uidvalidity not in known:
            detail = (f"UIDVALIDITY of {self.folder} changed from {','.join(str(v) for v in sorted(known))} "
                      f"to {uidvalidity}: reading the folder again from the start; the register matches "
                      "messages by content, nothing is acknowledged twice")
            log.warning(detail)
            note_event = getattr(seen, "note_event", None)      # the register tells staff (digest)
            if note_event:
                note_event("uidvalidity", f"{self.folder}:{uidvalidity}", detail)
            return 0
        return seen.cursor(SOURCE_NAME, self.folder, uidvalidity)

    def _size_groups(self, batch: list[int]) -> Iterator[list[int]]:
        """Split a batch so bodies held at once stay under FETCH_BYTES_BUDGET."""
        sizes = self._call("FETCH RFC822.SIZE", lambda client: client.fetch(batch, ["RFC822.SIZE"]))
        group: list[int] = []
        held = 0
        for uid in batch:
            if uid not in sizes:
                continue   # gone already: not processed, and SEARCH will not find it again
            size = int(sizes[uid].get(b"RFC822.SIZE", 0))
            if group and held + size > FETCH_BYTES_BUDGET:
                yield group
                group, held = [], 0
            group.append(uid)
            held += size
        if group:
            yield group

    def _fetch_group(self, group: list[int], uidvalidity: int) -> Iterator[Fetched]:
        answer = self._call("FETCH BODY.PEEK[]",
                            lambda client: client.fetch(group, ["BODY.PEEK[]", "INTERNALDATE", "FLAGS"]))
        for uid in group:
            item = answer.get(uid) or {}
            raw = item.get(b"BODY[]")
            if raw is None:
                log.info("UID %s in %s came back without a body (expunged meanwhile?): retried next poll",
                         uid, self.folder)
                continue
            first = self._first_read
            yield Fetched(source=SOURCE_NAME, mailbox=self.folder, uidvalidity=uidvalidity,
                          uid=str(uid), received_at=_aware(item.get(b"INTERNALDATE")), raw=bytes(raw),
                          flags=_flag_names(item.get(b"FLAGS", ())),
                          first_read_at=first.read_at if first and first.already_there(uidvalidity, str(uid))
                          else None)

    def _key(self, uidvalidity: int, uid: int) -> str:
        return f"{SOURCE_NAME}:{self.folder}:{uidvalidity}:{uid}"

    # ---- after the register committed
    def processed(self, fetched: Fetched, folder: str | None = None) -> None:
        """Count the message as done; move it to `folder` (a routing rule's) or the processed folder."""
        uid = int(fetched.uid)
        target = folder or self._imap.processed_folder
        if target:
            self.connect()
            if fetched.uidvalidity != self._uidvalidity:
                return   # the folder was recreated: this UID no longer names that message
            # Filed away first, counted done after: if this fails, the next poll files it again.
            self._file_away(uid, target)
        if self._poll is not None and fetched.uidvalidity == self._poll.uidvalidity:
            self._poll.done.add(uid)

    def _file_away(self, uid: int, target: str) -> None:
        if target not in self._folders_ready:
            def ensure(client):
                if not client.folder_exists(target):
                    client.create_folder(target)
            self._call(f"CREATE {target}", ensure)
            self._folders_ready.add(target)
        if self._call("CAPABILITY", lambda client: client.has_capability("MOVE")):
            self._call(f"UID MOVE to {target}", lambda client: client.move([uid], target))
            return
        # No MOVE: copy, then flag the original. Never EXPUNGE: it would purge other clients' deletions.
        self._call(f"UID COPY to {target}", lambda client: client.copy([uid], target))
        self._call("UID STORE +FLAGS",
                   lambda client: client.add_flags([uid], [b"\\Seen", PROCESSED_KEYWORD.encode()]))

    def cursor_updates(self) -> list[tuple[str, int, int]]:
        poll = self._poll
        if poll is None:
            return []
        cursor = poll.safe_cursor()
        return [(poll.mailbox, poll.uidvalidity, cursor)] if cursor > poll.start else []

    # ---- waiting
    @property
    def supports_idle(self) -> bool:
        """IDLE is switched on and the server offers it (connects to ask)."""
        if not self._imap.idle:
            return False
        self.connect()
        return bool(self._call("CAPABILITY", lambda client: client.has_capability("IDLE")))

    def wait_for_news(self, timeout: float) -> bool:
        """IMAP IDLE until EXISTS/RECENT or timeout; False at once where IDLE is off or not offered."""
        if not self.supports_idle:
            return False
        if self._news_since_last_poll():
            return True
        return self._idle(min(max(timeout, 0.0), IDLE_MAX_SECONDS))

    def _news_since_last_poll(self) -> bool:
        """Mail that arrived while we were busy: one UID SEARCH above what we saw (constant size)."""
        if self._poll is None or self._poll.uidvalidity != self._uidvalidity:
            return False
        _text, responses = self._call("NOOP", lambda client: client.noop())
        if _has_news(responses):
            return True
        above = self._poll.highest_known()
        found = self._call("UID SEARCH", lambda client: client.search(["UID", f"{above + 1}:*"]))
        return any(uid > above for uid in found)

    def _idle(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        self._call("IDLE", lambda client: client.idle())
        news = False
        try:
            # Responses already buffered: DONE below reads and parses them.
            while not _already_buffered(self._client):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                responses = self._call("IDLE", lambda client: client.idle_check(timeout=remaining))
                news = _has_news(responses)
                if news:
                    break
        finally:
            if self._client is not None:
                _text, responses = self._call("DONE", lambda client: client.idle_done())
                news = news or _has_news(responses)
        return news


def connect_with_backoff(settings: Settings, password: str | None, attempts: int = 5,
                         sleep: Callable[[float], None] = time.sleep, base_delay: float = 1.0,
                         max_delay: float = 60.0) -> ImapSource:
    """A connected ImapSource, retrying SourceUnavailable with doubling delays; re-raises the last."""
    delays = backoff_delays(attempts, base_delay, max_delay)
    for attempt in range(attempts):
        source = ImapSource(settings, password)
        try:
            source.connect()
            return source
        except SourceUnavailable as err:
            if attempt == attempts - 1:
                raise
            log.warning("IMAP unavailable (attempt %d of %d): %s; retrying in %.1f s",
                        attempt + 1, attempts, err, delays[attempt])
            sleep(delays[attempt])
    raise SourceUnavailable("no connection attempt was made (attempts < 1)")


def backoff_delays(attempts: int, base_delay: float = 1.0, max_delay: float = 60.0) -> list[float]:
    """Waits between attempts: base, 2*base, 4*base ... capped at max_delay."""
    return [min(base_delay * (2 ** step), max_delay) for step in range(max(attempts - 1, 0))]


def _complaints(responses) -> bool:
    """Untagged NO/BAD/BYE (bar alerts for humans), or a UIDVALIDITY announcement."""
    for item in responses or ():
        text = item[1] if len(item) >= 2 and isinstance(item[1], bytes) else b""
        if len(item) >= 2 and item[0] in (b"NO", b"BAD", b"BYE") and not text.startswith(b"[ALERT]"):
            return True
        if b"UIDVALIDITY" in text:
            return True
    return False


def _already_buffered(client) -> bool:
    """Whether the server's lines already sit in imaplib's read buffer. Mail that arrives as IDLE
    starts comes in the same packet as "+ idling"; idle_check polls the socket, which is then empty,
    and would wait for its whole timeout (seen: an acknowledgement 26 s late instead of 1 s)."""
    reader = getattr(getattr(client, "_imap", None), "file", None)
    if reader is None or not hasattr(reader, "peek"):
        return False
    sock = client.socket()
    timeout = sock.gettimeout()
    sock.settimeout(0)                 # peek must not wait for the network, only look at the buffer
    try:
        return bool(reader.peek(0))
    except OSError:
        return False
    finally:
        sock.settimeout(timeout)


def _has_news(responses) -> bool:
    return any(len(item) >= 2 and item[1] in NEWS_RESPONSES for item in responses or ())


def _aware(value) -> datetime:
    """INTERNALDATE as a tz-aware datetime (servers always send an offset; be safe anyway)."""
    if not isinstance(value, datetime):
        return datetime.now(timezone.utc)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _flag_names(flags) -> tuple[str, ...]:
    return tuple(flag.decode("ascii", "replace") if isinstance(flag, bytes) else str(flag) for flag in flags)


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _starttls(client, host: str) -> None:
    """Upgrade to TLS; a server that does not offer or refuses STARTTLS is named as such (no plain login)."""
    try:
        client.starttls(ssl.create_default_context())
    except ssl.SSLError as err:
        raise SourceError(f"STARTTLS with {host} failed: {reply_text(err)} (imap.security = starttls)") from err
    except imaplib.IMAP4.error as err:
        raise SourceError(f"the IMAP server {host} refused STARTTLS: {reply_text(err)} "
                          "(imap.security = starttls; use tls or plain if that is intended)") from err


def reply_text(err: BaseException) -> str:
    """A server's reply as text: imaplib and imapclient carry it as bytes, shown as b'...' by str()."""
    text = str(err)
    if len(err.args) == 1 and isinstance(err.args[0], bytes):
        text = err.args[0].decode("utf-8", "replace")
    elif len(text) >= 3 and text[:2] in ("b'", 'b"') and text[-1] == text[1]:
        try:
            text = ast.literal_eval(text).decode("utf-8", "replace")
        except (ValueError, SyntaxError, UnicodeDecodeError):
            pass
    return " ".join(text.split())


def _close_quietly(client) -> None:
    try:
        client.shutdown()
    except Exception:  # noqa: BLE001 - the socket may already be gone
        pass
