"""The web desk's tables: its users, their sessions, and the audit log of logins and decisions."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Optional

from sqlmodel import Field, SQLModel


class Role(StrEnum):
    """What a web user may do: viewers read, reviewers also decide, admins also see rules and users."""

    VIEWER = "viewer"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    def allows(self, needed: "Role") -> bool:
        order = (Role.VIEWER, Role.REVIEWER, Role.ADMIN)
        return order.index(self) >= order.index(needed)


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_REFUSED = "login_refused"       # rate limit reached: the password was not even checked
    LOGOUT = "logout"
    REVIEW_DECISION = "review_decision"
    USER_ADDED = "user_added"
    USER_REMOVED = "user_removed"


class WebUser(SQLModel, table=True):
    """A person who may log in to `mailbot web`; the password is kept only as an argon2 hash."""

    __tablename__ = "web_user"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    role: str = Role.VIEWER.value
    password_hash: str
    created_at: datetime


class WebSession(SQLModel, table=True):
    """A login: the cookie carries a random token, the register only its sha256."""

    __tablename__ = "web_session"
    token_sha256: str = Field(primary_key=True)
    user_name: str = Field(index=True)
    csrf_token: str
    created_at: datetime
    expires_at: datetime


class AuditEntry(SQLModel, table=True):
    """Who did what, when, from where: every login (failed ones too) and every review decision."""

    __tablename__ = "audit_log"
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(index=True)
    action: str = Field(index=True)
    address: Optional[str] = Field(default=None, index=True)
    message_pk: Optional[int] = None
    detail: str = ""
