"""The digest's facts about bounces come from the suppression list: the address and the reason, once."""
from __future__ import annotations

from mailbot.correspondence.digest_facts import delivery_problems
from mailbot.correspondence.register_view import bounced_addresses, new_bounces
from tests.correspondence.conftest import utc


def test_new_bounces_name_the_address_and_the_reason(session, register, consultation):
    register.bounce("d.ndiaye@ict.gouv.sn", utc(2019, 12, 12, 10, 33))
    register.bounce("old@example.org", utc(2019, 12, 1, 8, 0))
    assert bounced_addresses(session) == {"d.ndiaye@ict.gouv.sn", "old@example.org"}
    [fact] = new_bounces(session, since=utc(2019, 12, 11, 9, 0))
    assert (fact.address, fact.status) == ("d.ndiaye@ict.gouv.sn", "5.1.1") and "User unknown" in fact.diagnostic
    problems = [p for p in delivery_problems(session, consultation, since=utc(2019, 12, 11, 9, 0))
                if p["purpose"] == "bounce"]
    assert problems == [{"purpose": "bounce", "recipients": ["d.ndiaye@ict.gouv.sn"], "reference": "",
                         "error": "bounced (5.1.1 550 5.1.1 <d.ndiaye@ict.gouv.sn>: Recipient address rejected: "
                                  "User unknown); no more mail goes to this address"}]
