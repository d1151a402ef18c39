"""The resend notice (issue #11, class 9) renders in the six UN languages with the first copy's facts."""
from __future__ import annotations

import pytest

from mailbot.consultation import LANGUAGES
from mailbot.correspondence.resend import render_resend_notice
from tests.correspondence.conftest import utc
from tests.correspondence.htmlcheck import check_html

HOSTILE = '<script>alert("x")</script> & "quotes"'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resend_notice_in_every_language(consultation, lang):
    rendered = render_resend_notice(consultation, lang, receipt="GCA-2020-0017",
                                    registered_at=utc(2019, 12, 2, 8, 14), received_at=utc(2019, 12, 9, 10, 0),
                                    sender_name=HOSTILE, subject=HOSTILE)
    for part in (rendered.subject, rendered.text, rendered.html):
        assert "GCA-2020-0017" in part
    assert "2019" in rendered.text and ("09:14" in rendered.text or "9:14" in rendered.text)  # Geneva time
    assert "<script>" not in rendered.html            # the sender's values are escaped where shown
    check_html(rendered.html)
    if lang == "ar":
        assert 'dir="rtl"' in rendered.html
