"""The exception tree: one root, one subclass per kind of failure.

    MailbotError
    ├── ConfigError          bad config file, key or value (file, line, key, what is wrong)
    ├── RuleError            bad rule file (file, line, rule name, what is wrong)
    ├── SourceError          the mailbox could not be read
    │   └── SourceUnavailable    connection refused, dropped or timed out: retry later
    ├── StoreError           the register or the raw store could not be written
    ├── TransientDeliveryError   outgoing mail not handed over (4xx, connection dropped): retry with backoff
    │   ├── DeliveryUnavailable      server unreachable or our login refused: the whole queue waits
    │   └── DeliveryOutcomeUnknown   dropped after the message was handed over: resent at most once
    ├── PermanentDeliveryError   outgoing mail refused (5xx, refused recipient): record the server's words
    ├── TemplateError        a template could not be rendered
    ├── LockedError          another worker holds the state folder
    ├── AuthError            no OAuth2 access token could be had (mailbot.auth)
    │   ├── TokenRefused             the endpoint refused the client, grant or scope: not retried
    │   └── TokenEndpointUnavailable the endpoint could not be reached: retry later
    └── UsageError           a command-line argument or option is wrong (exit 2)
        ├── BadInstant           `--now` is not an ISO 8601 date-time (also a ValueError)
        └── UnknownMessage       no register id or receipt number matches

A message that cannot be parsed, or a document that cannot be read, raises the parsing library's own
errors (parsers.errors: ParseError, ExtractionError); the command line maps them like a MailbotError.

The command line turns each into one line on stderr and an exit code (mailbot.cli.failures).

Errors are raised with `raise ... from err` and caught only at the stage boundary,
where the message is kept and the failure recorded.
"""
from __future__ import annotations


class MailbotError(Exception):
    """Root of every error mailbot raises on purpose."""


class ConfigError(MailbotError):
    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 key: str | None = None):
        self.file, self.line, self.key = file, line, key
        where = ":".join(str(part) for part in (file, line) if part is not None)
        prefix = f"{where}: " if where else ""
        keypart = f"{key}: " if key else ""
        super().__init__(f"{prefix}{keypart}{message}")


class RuleError(MailbotError):
    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 rule: str | None = None):
        self.file, self.line, self.rule = file, line, rule
        where = ":".join(str(part) for part in (file, line) if part is not None)
        prefix = f"{where}: " if where else ""
        rulepart = f"rule {rule!r}: " if rule else ""
        super().__init__(f"{prefix}{rulepart}{message}")


class SourceError(MailbotError):
    pass


class SourceUnavailable(SourceError):
    pass


class StoreError(MailbotError):
    pass


class TransientDeliveryError(MailbotError):
    pass


class DeliveryUnavailable(TransientDeliveryError):
    """Nothing was handed over and no message is to blame: the queue waits, attempts are not spent."""


class DeliveryOutcomeUnknown(TransientDeliveryError):
    """The server may have the message: one resend (same Message-ID), never more."""


class PermanentDeliveryError(MailbotError):
    pass


class TemplateError(MailbotError):
    pass


class LockedError(MailbotError):
    pass


class AuthError(MailbotError):
    pass


TOKEN_ERROR_HINTS = {   # RFC 6749 5.2 and RFC 8628 3.5 codes, in words for the person reading `status`
    "invalid_client": "the token endpoint does not accept this client_id and client_secret",
    "unauthorized_client": "the token endpoint refused the client for this grant: permission withdrawn, "
                           "or never granted by the administrator",
    "invalid_grant": "the token endpoint refused the refresh token: expired or revoked, sign in again "
                     "with `mailbot auth login --device`",
    "invalid_scope": "the token endpoint did not grant the scope",
    "access_denied": "the person declined the sign-in",
    "expired_token": "the sign-in code expired before it was used",
}


class TokenRefused(AuthError):
    """The endpoint's `error` code (RFC 6749 5.2) and its words; never a secret."""

    def __init__(self, error: str, description: str = ""):
        # The server's words are shown in `status` and logs: one line, bounded, no control characters.
        error, description = _one_line(error, 60), _one_line(description, 300)
        self.error, self.description = error, description
        said = f"{error}: {description}" if description else error
        hint = TOKEN_ERROR_HINTS.get(error, "the token endpoint refused")
        super().__init__(f"{hint} (it said: {said})")


class TokenEndpointUnavailable(AuthError):
    pass


def _one_line(text: str, limit: int) -> str:
    flat = "".join(char if char.isprintable() else " " for char in str(text)).strip()
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


class UsageError(MailbotError):
    """What the person typed names nothing, or is malformed: exit 2."""


class BadInstant(UsageError, ValueError):
    """`--now` that is not a date-time; a ValueError too, for callers that catch that."""


class UnknownMessage(UsageError):
    def __init__(self, wanted: str):
        self.wanted = wanted
        super().__init__(f"no message {wanted!r} in the register (give its id or receipt number)")
