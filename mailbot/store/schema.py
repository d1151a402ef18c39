"""Imports every table module so SQLModel.metadata knows the whole schema."""
from mailbot.store import account_tables, models  # noqa: F401
