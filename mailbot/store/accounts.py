"""Web users, their logins and the audit log: the functions `mailbot user` and `mailbot web` share."""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func
from sqlmodel import Session, select

from mailbot.clock import as_utc
from mailbot.errors import MailbotError
from mailbot.store.account_tables import AuditAction, AuditEntry, Role, WebSession, WebUser

_HASHER = PasswordHasher()
# Verified when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password anyone has")
USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MIN_PASSWORD = 10


class AccountError(MailbotError):
    """A user could not be added or removed (the message says why)."""


def add_user(session: Session, name: str, role: Role, password: str, now: datetime) -> WebUser:
    """A new user with an argon2 hash of the password; the caller commits."""
    if not USER_NAME.match(name):
        raise AccountError(f"user name {name!r} refused: letters, digits and . _ @ - only, at most 64")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password refused: at least {MIN_PASSWORD} characters")
    if find_user(session, name) is not None:
        raise AccountError(f"user {name} exists already (remove it first to change it)")
    user = WebUser(name=name, role=Role(role).value, password_hash=_HASHER.hash(password), created_at=now)
    session.add(user)
    audit(session, now, "cli", AuditAction.USER_ADDED, detail=f"{name} as {Role(role).value}")
    return user


def find_user(session: Session, name: str) -> WebUser | None:
    return session.exec(select(WebUser).where(WebUser.name == name)).first()


def list_users(session: Session) -> list[WebUser]:
    return list(session.exec(select(WebUser).order_by(WebUser.name)))


def remove_user(session: Session, name: str, now: datetime) -> None:
    """Delete the user and end their sessions at once; the caller commits."""
    user = find_user(session, name)
    if user is None:
        raise AccountError(f"no user {name}")
    session.delete(user)
    session.execute(delete(WebSession).where(WebSession.user_name == name))
    audit(session, now, "cli", AuditAction.USER_REMOVED, detail=name)


def check_password(session: Session, name: str, password: str) -> WebUser | None:
    """The user when the password matches, else None (same cost whether or not the name exists)."""
    user = find_user(session, name)
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def audit(session: Session, now: datetime, actor: str, action: AuditAction, *, address: str | None = None,
          message_pk: int | None = None, detail: str = "") -> None:
    """One line of the audit log; the caller commits."""
    session.add(AuditEntry(at=now, actor=actor, action=action.value, address=address,
                           message_pk=message_pk, detail=detail[:2000]))


def recent_failures(session: Session, since: datetime, *, actor: str | None = None,
                    address: str | None = None) -> int:
    """Failed or refused logins since `since`, for this name or from this address (the rate limit)."""
    query = select(func.count()).select_from(AuditEntry).where(
        AuditEntry.at >= since,
        AuditEntry.action.in_((AuditAction.LOGIN_FAILED.value, AuditAction.LOGIN_REFUSED.value)))
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    if address is not None:
        query = query.where(AuditEntry.address == address)
    return session.exec(query).one()


def audit_entries(session: Session, limit: int = 50) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: WebUser, now: datetime, hours: float) -> str:
    """A new login for this user; returns the cookie token (only its hash is stored); caller commits."""
    token = secrets.token_urlsafe(32)
    session.add(WebSession(token_sha256=_digest(token), user_name=user.name, csrf_token=secrets.token_urlsafe(32),
                           created_at=now, expires_at=now + timedelta(hours=hours)))
    return token


def session_of(session: Session, token: str | None, now: datetime) -> tuple[WebUser, WebSession] | None:
    """The user and login behind a cookie token, if it is valid and not expired."""
    if not token:
        return None
    login = session.get(WebSession, _digest(token))
    if login is None or as_utc(login.expires_at) <= now:
        return None
    user = find_user(session, login.user_name)
    return (user, login) if user is not None else None


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(WebSession).where(WebSession.token_sha256 == _digest(token)))
