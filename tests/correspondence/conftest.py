"""Fixtures: the real consultation file, an in-memory register, small focal points, message factories."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import pytest
from sqlmodel import Session

from mailbot.config import PROJECT_ROOT, Settings
from mailbot.consultation import load_consultation
from mailbot.reference import reference_data
from mailbot.store import models
from mailbot.store.suppression import suppress
from tests.builders import register as make_register

CONSULTATION_FILE = PROJECT_ROOT / "data" / "consultations" / "gca-2020.toml"

FOCAL_POINTS = """
[[focal_point]]
state = "KEN"
address = "ict.focal@mfa.go.ke"
language = "en"

[[focal_point]]
state = "KEN"
address = "consultations@ca.go.ke"
language = "en"

[[focal_point]]
state = "FRA"
address = "numerique@diplomatie.gouv.fr"
language = "fr"

[[focal_point]]
state = "ARG"
address = "consultas@cancilleria.gob.ar"
language = "es"

[[focal_point]]
state = "RUS"
address = "itu@minsvyaz.ru"
language = "ru"

[[focal_point]]
state = "EGY"
address = "itu.focal@tra.gov.eg"
language = "ar"

[[focal_point]]
state = "EGY"
address = "bounced@tra.gov.eg"
language = "ar"

[[focal_point]]
state = "CHN"
address = "itu@miit.gov.cn"
language = "zh"
"""


@pytest.fixture
def consultation():
    return load_consultation(CONSULTATION_FILE)


@pytest.fixture
def settings(tmp_path):
    return Settings.model_validate({"state": {"dir": str(tmp_path / "var")}})


@pytest.fixture
def focal_points(tmp_path):
    path = tmp_path / "focal_points.toml"
    path.write_text(FOCAL_POINTS, encoding="utf-8")
    return reference_data(path)


@pytest.fixture
def engine():
    return make_register()


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


class Register:
    """Writes register rows the way the backbone will (moment UTC datetimes)."""

    def __init__(self, session: Session):
        self.session = session
        self.count = 0

    def contribution(
        self,
        received_at: datetime,
        *,
        states=("KEN",),
        sender="ict.focal@mfa.go.ke",
        name="Ministry of ICT",
        subject="Contribution",
        language="en",
        files=(("contribution.docx", 48_213, "ok", "en"),),
        kind="contribution",
        needs_review=False,
        reasons=(),
        late=None,
        reference=None,
    ) -> models.Message:
        self.count += 1
        moment = received_at.astimezone(timezone.utc)
        message = models.Message(
            raw_sha256=hashlib.sha256(str(self.count).encode()).hexdigest(),
            message_id=f"<m{self.count}@x>",
            from_address=sender,
            from_name=name,
            subject=subject,
            received_at=moment,
            language=language,
            kind=kind,
            states=list(states),
            needs_review=needs_review,
            review_reasons=list(reasons),
            late=bool(late),
            reference=reference or (f"GCA-2020-{self.count:04d}" if kind == "contribution" else None),
            processed_at=moment,
            updated_at=moment,
        )
        self.session.add(message)
        self.session.flush()
        for position, (filename, size, status, lang) in enumerate(files):
            self.session.add(
                models.Attachment(
                    message_pk=message.id,
                    position=position,
                    filename=filename,
                    safe_name=f"{position}.bin",
                    size=size,
                    sha256=hashlib.sha256(filename.encode()).hexdigest(),
                    status=status,
                    reason="" if status == "ok" else "could not be read",
                    language=lang,
                )
            )
        self.session.commit()
        return message

    def bounce(self, address: str, at: datetime) -> None:
        """As production records a permanent bounce: a sentence in the event log, the address on the
        suppression list (which is what the jobs must read)."""
        diagnostic = "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        self.session.add(models.Event(at=at, kind="bounce", detail=f"{address} bounced 5.1.1 {diagnostic}"))
        suppress(self.session, address, bounced_at=at, status="5.1.1", diagnostic=diagnostic, message_pk=None)
        self.session.commit()


@pytest.fixture
def register(session):
    return Register(session)
