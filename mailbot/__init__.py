"""mailbot: mailbox automation for public consultations."""

__version__ = "0.1.0"
