"""Moved to mailbot.outbox.sanitize (the outbox layer composes every message); kept as an alias."""
from mailbot.outbox.sanitize import filename_text, header_text, is_addr_spec, message_id  # noqa: F401
