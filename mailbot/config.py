"""Settings from one TOML file and MAILBOT_<SECTION>_<KEY> environment variables, validated."""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from mailbot.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_MAILDIR = PROJECT_ROOT / "data" / "demo" / "inbox"
DEFAULT_CONSULTATION = PROJECT_ROOT / "data" / "consultations" / "gca-2020.toml"
DEFAULT_RULES_DIR = PROJECT_ROOT / "rules"
DEFAULT_TEMPLATES_DIR = PROJECT_ROOT / "outbox_templates"
DEFAULT_FOCAL_POINTS = PROJECT_ROOT / "data" / "focal_points.toml"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class StateSettings(Section):
    dir: Path = Path("var")


class ImapSettings(Section):
    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    user: str | None = None
    password: SecretStr | None = None      # prefer the environment or password_file
    password_file: Path | None = None
    auth: Literal["password", "oauth2"] = "password"   # oauth2: SASL XOAUTH2/OAUTHBEARER, see [oauth2]
    security: Literal["tls", "starttls", "plain"] = "tls"
    folder: str = "INBOX"
    processed_folder: str | None = None   # move processed mail here (MOVE, else COPY + flag)
    batch_size: int = Field(default=100, ge=1, le=5000)
    timeout: float = Field(default=60.0, gt=0)
    idle: bool = True                      # use IMAP IDLE in `mailbot run` where offered
    reconnect_attempts: int = Field(default=4, ge=1, le=20)          # polls tried when the server fails
    reconnect_delay_seconds: float = Field(default=2.0, ge=0, le=600)  # first wait, doubled each time


class MaildirSettings(Section):
    path: Path = DEMO_MAILDIR


class SmtpSettings(Section):
    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    user: str | None = None
    password: SecretStr | None = None      # prefer the environment or password_file
    password_file: Path | None = None
    auth: Literal["password", "oauth2"] = "password"   # oauth2: AUTH XOAUTH2/OAUTHBEARER, see [oauth2]
    security: Literal["tls", "starttls", "plain"] = "starttls"
    timeout: float = Field(default=60.0, gt=0)


class OAuth2Settings(Section):
    """Where IMAP and SMTP get their OAuth2 access token (mailbot.auth); one token serves both."""

    provider: Literal["microsoft", "google", "generic"] = "generic"   # fills in token_url and scope
    tenant: str | None = None                  # Microsoft: the directory (tenant) id or domain
    token_url: str | None = None               # generic: required; others: derived
    device_url: str | None = None              # RFC 8628 device authorization endpoint (auth login)
    client_id: str | None = None
    client_secret: SecretStr | None = None     # prefer the environment or client_secret_file
    client_secret_file: Path | None = None
    grant: Literal["auto", "client_credentials", "refresh_token"] = "auto"   # auto: refresh_token if set
    scope: str | None = None                   # default: the provider's for the grant
    refresh_token: SecretStr | None = None     # prefer refresh_token_file or `mailbot auth login --device`
    refresh_token_file: Path | None = None
    mechanism: Literal["auto", "xoauth2", "oauthbearer"] = "auto"   # auto: OAUTHBEARER where offered
    refresh_margin_seconds: int = Field(default=300, ge=0, le=3600)  # renew this long before expiry
    timeout: float = Field(default=30.0, gt=0)


class MailSettings(Section):
    from_address: str = "contributions@itu.int"
    from_name: str = "ITU General Secretariat"
    domain: str = "mailbot.itu.int"        # Message-IDs and the loop header use this
    loop_header: str = "X-Mailbot-Loop"
    # The Secretariat's own domains: mail they forward is attributed to the original sender.
    # Empty means the domain of from_address. A string (environment) is split at commas.
    staff_domains: list[str] = Field(default_factory=list)

    @field_validator("staff_domains", mode="before")
    @classmethod
    def _domain_list(cls, value):
        if isinstance(value, str):
            value = [part for part in value.replace(";", ",").split(",")]
        return [str(part).strip().lower().lstrip("@") for part in value if str(part).strip()]

    @property
    def our_staff_domains(self) -> tuple[str, ...]:
        return tuple(self.staff_domains) or (self.from_address.rpartition("@")[2].lower(),)


class AckSettings(Section):
    enabled: bool = True
    daily_cap_per_recipient: int = Field(default=10, ge=1)
    backlog_hours: float = Field(default=24.0, ge=0)   # first contact: older mail already there is held
    max_per_run: int = Field(default=100, ge=1)        # burst guard: a run over it holds its acks


class OutboxSettings(Section):
    max_attempts: int = Field(default=8, ge=1)
    backoff_seconds: float = Field(default=60.0, ge=0)


class ScheduleSettings(Section):
    poll_minutes: float = Field(default=5.0, gt=0)
    outbox_minutes: float = Field(default=1.0, gt=0)
    shutdown_seconds: float = Field(default=20.0, gt=0, le=3600)   # SIGTERM: stop within this


class ConsultationSettings(Section):
    file: Path = DEFAULT_CONSULTATION


class RulesSettings(Section):
    dir: Path = DEFAULT_RULES_DIR


class ExtractSettings(Section):
    workers: int = Field(default=0, ge=0)            # 0: one per core
    timeout_seconds: float = Field(default=60.0, gt=0)
    memory_mb: int = Field(default=512, ge=64)
    max_document_mb: int = Field(default=50, ge=1)
    ocr: bool = True
    ocr_languages: str = "eng+fra+spa+rus+ara+chi_sim"
    ocr_max_pages: int = Field(default=10, ge=1)
    pdf_engine: Literal["poppler", "pdfminer"] = "poppler"   # poppler: pdftotext where installed


class AttributionSettings(Section):
    min_confidence: float = Field(default=0.8, ge=0, le=1)
    trusted_authserv_id: str | None = "mx1.itu.int"   # our receiving server (demo mail carries it)
    require_authentication: bool = True
    verify_dkim: bool = False
    duplicate_window_days: int = Field(default=30, ge=0)
    # A public mail provider's sender whose states rest on the content alone is flagged for a person
    # (anyone can open such an address); `review set --learn-sender` makes a confirmed one a focal point.
    review_provider_senders: bool = True
    focal_points: Path = DEFAULT_FOCAL_POINTS   # admin-maintained known addresses per state


class LogSettings(Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["text", "json"] = "text"


class WebSettings(Section):
    host: str = "127.0.0.1"
    port: int = Field(default=8025, ge=1, le=65535)
    session_hours: float = Field(default=12.0, gt=0, le=720)
    # The reverse proxy's address: only from it are Remote-User and X-Forwarded-For/-Proto believed.
    trusted_proxy: str | None = None
    remote_user_header: str | None = None      # e.g. "Remote-User" for single sign-on at the proxy
    failed_logins_per_user: int = Field(default=5, ge=1)
    failed_logins_per_address: int = Field(default=20, ge=1)
    failed_login_window_minutes: float = Field(default=15.0, gt=0)


class Settings(Section):
    state: StateSettings = StateSettings()
    imap: ImapSettings = ImapSettings()
    maildir: MaildirSettings = MaildirSettings()
    smtp: SmtpSettings = SmtpSettings()
    oauth2: OAuth2Settings = OAuth2Settings()
    mail: MailSettings = MailSettings()
    ack: AckSettings = AckSettings()
    outbox: OutboxSettings = OutboxSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    consultation: ConsultationSettings = ConsultationSettings()
    rules: RulesSettings = RulesSettings()
    extract: ExtractSettings = ExtractSettings()
    attribution: AttributionSettings = AttributionSettings()
    log: LogSettings = LogSettings()
    web: WebSettings = WebSettings()

    @property
    def uses_imap(self) -> bool:
        return bool(self.imap.host)

    @property
    def uses_smtp(self) -> bool:
        return bool(self.smtp.host)

    @property
    def state_dir(self) -> Path:
        return self.state.dir

    def imap_password(self) -> str | None:
        return _secret(self.imap.password, self.imap.password_file)

    def smtp_password(self) -> str | None:
        return _secret(self.smtp.password, self.smtp.password_file)

    def oauth2_client_secret(self) -> str | None:
        return _secret(self.oauth2.client_secret, self.oauth2.client_secret_file)

    def oauth2_refresh_token(self) -> str | None:
        return _secret(self.oauth2.refresh_token, self.oauth2.refresh_token_file)

    @property
    def uses_oauth2(self) -> bool:
        return ((self.uses_imap and self.imap.auth == "oauth2")
                or (self.uses_smtp and self.smtp.auth == "oauth2"))

    def login_password(self, section: str) -> str | None:
        """The [imap] or [smtp] password for a login; ConfigError saying where to set it when none is."""
        server = getattr(self, section)
        if getattr(server, "auth", "password") != "password":   # another login method (e.g. OAuth2)
            return None
        value = _secret(server.password, server.password_file)
        if value is None and server.user:
            raise ConfigError(f"no {section.upper()} password set (MAILBOT_{section.upper()}_PASSWORD or "
                              "password_file)", key=f"{section}.password")
        return value

    def redacted(self) -> dict[str, Any]:
        """The settings as a dict with every secret replaced, for `status` and logs."""
        return self.model_dump(mode="json")   # SecretStr dumps as "**********"


def _secret(value: SecretStr | None, file: Path | None) -> str | None:
    if value is not None and value.get_secret_value():
        return value.get_secret_value()
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").strip()
        except OSError as err:
            raise ConfigError(f"cannot read secret file: {err.strerror}", file=str(file)) from err
    return None


SECTIONS = tuple(Settings.model_fields)


def load_settings(path: Path | str | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read the TOML file (if any), overlay MAILBOT_* variables, validate; raise ConfigError."""
    environ = dict(os.environ if environ is None else environ)
    if path is None and environ.get("MAILBOT_CONFIG"):
        path = environ["MAILBOT_CONFIG"]
    data: dict[str, Any] = {}
    text = ""
    source = "<environment>"
    if path is not None:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except FileNotFoundError as err:
            raise ConfigError("config file not found", file=source) from err
        except tomllib.TOMLDecodeError as err:
            line = getattr(err, "lineno", None) or _line_from_message(str(err))
            raise ConfigError(f"not valid TOML: {err}", file=source, line=line) from err
        for section, value in data.items():
            if section not in SECTIONS:
                raise ConfigError(f"unknown section [{section}] (known: {', '.join(SECTIONS)})",
                                  file=source, line=_find_line(text, section, None), key=section)
            if not isinstance(value, dict):
                raise ConfigError("must be a table", file=source, line=_find_line(text, section, None),
                                  key=section)
    file_keys = {(section, key) for section, table in data.items() for key in table}
    for env_name, env_value in environ.items():
        parsed = _parse_env_name(env_name)
        if parsed is None:
            continue
        section, key = parsed
        data.setdefault(section, {})[key] = env_value
    try:
        settings = Settings.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = [str(part) for part in first["loc"]]
        key = ".".join(loc)
        from_env = len(loc) >= 2 and (loc[0], loc[1]) not in file_keys
        if from_env:
            env_name = f"MAILBOT_{loc[0]}_{loc[1]}".upper()
            raise ConfigError(f"{_describe(first)} (from environment variable {env_name})", key=key) from err
        line = _find_line(text, loc[0], loc[1] if len(loc) > 1 else None)
        raise ConfigError(_describe(first), file=source, line=line, key=key) from err
    if path is not None:
        base = Path(path).resolve().parent
        _resolve_relative_paths(settings, base, data)
    return settings


def _describe(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if any(word in str(part) for part in error.get("loc", ()) for word in SECRET_WORDS):
        return f"{error['msg']} (value not shown: it is a secret)"
    return f"{error['msg']} (got {error.get('input')!r})"


SECRET_WORDS = ("password", "client_secret", "refresh_token")   # keys whose values are never echoed


# MAILBOT_* variables that are not settings: the config path, and the test suite's and tools' own.
NOT_SETTINGS = frozenset({"MAILBOT_CONFIG", "MAILBOT_CORPUS", "MAILBOT_FAULT", "MAILBOT_FUZZ_EXAMPLES"})


def env_names() -> dict[str, tuple[str, str]]:
    """Every MAILBOT_<SECTION>_<KEY> the schema knows (new sections are covered as they are added)."""
    return {f"MAILBOT_{section}_{key}".upper(): (section, key)
            for section in SECTIONS for key in Settings.model_fields[section].annotation.model_fields}


def _parse_env_name(name: str) -> tuple[str, str] | None:
    """(section, key) of a setting's variable; ConfigError for a misspelt one, None for others' variables."""
    if not name.startswith("MAILBOT_") or name in NOT_SETTINGS:
        return None
    known = env_names()
    if name in known:
        return known[name]
    rest = name[len("MAILBOT_"):].lower()
    in_a_section = any(rest.startswith(section + "_") for section in SECTIONS)
    nearest = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    if in_a_section or nearest:
        hint = f"; did you mean {nearest[0]}?" if nearest else ""
        raise ConfigError(f"unknown environment variable{hint}", key=name)
    return None   # MAILBOT_SOMETHING_ELSE: not like any setting, so not ours to refuse


def _resolve_relative_paths(settings: Settings, base: Path, data: dict) -> None:
    """Paths written in the file are relative to the file, not to the working directory."""
    for section, table in data.items():
        model = getattr(settings, section)
        for key, value in table.items():
            current = getattr(model, key, None)
            if isinstance(current, Path) and not current.is_absolute() and isinstance(value, str):
                setattr(model, key, base / current)


_LINE_RE = re.compile(r"line (\d+)")


def _line_from_message(message: str) -> int | None:
    match = _LINE_RE.search(message)
    return int(match.group(1)) if match else None


def _find_line(text: str, section: str, key: str | None) -> int | None:
    """Best-effort line number of `[section]` or of `key = ...` inside it (tomllib has none)."""
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([A-Za-z0-9_.-]+)\s*\]", stripped)
        if header:
            current = header.group(1)
            if key is None and current == section:
                return number
            continue
        if key is not None and current == section and re.match(rf"^{re.escape(key)}\s*=", stripped):
            return number
    return None
