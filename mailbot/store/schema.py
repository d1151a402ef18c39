"""Imports every table module so SQLModel.metadata knows the whole schema."""
from mailbot.store import models  # noqa: F401
