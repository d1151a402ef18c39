"""Real servers on loopback for tests and benchmarks: Dovecot, an SMTP sink, a fault proxy."""
from tests.servers.common import INSTALL_HINT, ServerSetupError, free_port, wait_for_port
from tests.servers.dovecot import Dovecot, ImapAccount
from tests.servers.fault_proxy import Fault, FaultProxy
from tests.servers.oauth2_server import OAuth2Server
from tests.servers.smtp_sink import Behaviour, ReceivedMail, SmtpSink

__all__ = ["INSTALL_HINT", "ServerSetupError", "free_port", "wait_for_port", "Dovecot", "ImapAccount",
           "Fault", "FaultProxy", "OAuth2Server", "Behaviour", "ReceivedMail", "SmtpSink"]
