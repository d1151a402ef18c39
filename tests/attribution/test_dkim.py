"""Optional DKIM verification with dkimpy, against a fake DNS."""
from __future__ import annotations

import shutil
import subprocess

import dkim
import pytest

from mailbot.attribution.spoofing import check_sender
from tests.attribution.builders import message

RAW = (b"From: Intl <intl@ca.go.ke>\r\nTo: contributions@itu.int\r\nSubject: Contribution\r\n"
       b"Message-ID: <d@ca.go.ke>\r\n\r\nOn behalf of the Government of Kenya.\r\n")


@pytest.fixture(scope="module")
def key_pair(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make a throwaway DKIM key")
    folder = tmp_path_factory.mktemp("dkim")
    private = folder / "key.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(private), "1024"], check=True, capture_output=True)
    public = subprocess.run(["openssl", "rsa", "-in", str(private), "-pubout", "-outform", "DER"],
                            check=True, capture_output=True).stdout
    import base64
    return private.read_bytes(), base64.b64encode(public)


def test_dkimpy_pass_and_tampered(key_pair):
    private, public = key_pair
    signature = dkim.sign(RAW, b"s1", b"ca.go.ke", private, include_headers=[b"from", b"subject"])
    signed = signature + RAW

    def dns(name, timeout=5):
        return b"v=DKIM1; k=rsa; p=" + public if name == b"s1._domainkey.ca.go.ke." else None

    parsed, _ = message(sender="Intl <intl@ca.go.ke>", auth=None)
    options = {"trusted_authserv_id": None, "require_authentication": True, "verify_dkim": True, "dns_func": dns}
    assert check_sender(parsed, signed, **options).status == "pass"
    tampered = signed.replace(b"Subject: Contribution", b"Subject: Contribution!")
    assert check_sender(parsed, tampered, **options).status == "none"
