"""HTTP-level tests of `mailbot web`: logins and roles, CSRF, escaping of hostile mail, downloads,
and the pages' numbers against `mailbot status` and `mailbot export`."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest
from markupsafe import escape
from sqlmodel import select

from mailbot.export_sql import iter_json_records
from mailbot.status import collect_status
from mailbot.store.account_tables import AuditEntry
from mailbot.store.models import Attachment, Message
from tests.hostile.messages import mid
from tests.web.conftest import csrf_of, log_in
from tests.web.register import XSS_BODY, XSS_FILENAME, XSS_NAME, XSS_SUBJECT

READ_PAGES = ["/", "/register", "/register?kind=contribution&q=contribution", "/register.csv", "/register.json",
              "/message/2", "/message/2/raw.eml", "/message/2/attachment/0", "/message/2/explain", "/review"]
ADMIN_PAGES = ["/rules", "/rules/reattribute", "/users"]


def message_pk(runtime, case: str) -> int:
    with runtime.session() as session:
        return session.exec(select(Message.id).where(Message.message_id == mid(case))).one()


def export_records(runtime) -> list[dict]:
    with runtime.session() as session:
        return [json.loads(text) for text in iter_json_records(session)]


# --- logins and roles --------------------------------------------------------------------------

@pytest.mark.parametrize("path", READ_PAGES + ADMIN_PAGES)
def test_every_page_sends_a_stranger_to_the_login_page(anonymous, path):
    response = anonymous.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")
    assert "mailbot_session" not in response.headers.get("set-cookie", "")


def test_a_stranger_cannot_post_a_decision(anonymous, runtime):
    response = anonymous.post("/review/2", data={"states": "KEN"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    with runtime.session() as session:
        assert session.get(Message, 2).manual_states is None


@pytest.mark.parametrize("role", ["viewer", "reviewer", "admin"])
def test_each_role_reads_every_page_and_only_admins_see_rules_and_users(client_as, role):
    client = client_as(role)
    for path in READ_PAGES:
        assert client.get(path).status_code == 200, path
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == (200 if role == "admin" else 403), path
    nav = client.get("/").text
    assert ('href="/rules"' in nav) == (role == "admin")


def test_a_viewers_decision_is_refused_with_403(client_as, runtime):
    client = client_as("viewer")
    token = csrf_of(client.get("/review").text)
    response = client.post("/review/2", data={"states": "KEN", "csrf_token": token})
    assert response.status_code == 403
    with runtime.session() as session:
        assert session.get(Message, 2).manual_states is None
    assert 'action="/review/2"' not in client.get("/review").text      # no form is offered either


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_a_post_without_the_right_csrf_token_is_refused(client_as, runtime, token):
    client = client_as("reviewer")
    data = {"states": "KEN", "note": "forged"} | ({"csrf_token": token} if token is not None else {})
    assert client.post("/review/2", data=data).status_code == 403
    assert client.post("/logout", data={} if token is None else {"csrf_token": token}).status_code == 403
    with runtime.session() as session:
        assert session.get(Message, 2).manual_states is None
    assert client.get("/review").status_code == 200          # still logged in


def test_the_login_form_needs_its_own_csrf_token(anonymous):
    response = anonymous.post("/login", data={"name": "admin", "password": "correct horse battery"},
                              follow_redirects=False)
    assert response.status_code == 403
    assert "mailbot_session" not in response.headers.get("set-cookie", "")


def test_wrong_password_and_unknown_user_look_the_same(anonymous):
    wrong = log_in(anonymous, "admin", "not the password")
    unknown = log_in(anonymous, "nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong name or password" in wrong.text and "Wrong name or password" in unknown.text


def test_session_cookie_is_httponly_lax_and_secure_over_tls(app):
    from fastapi.testclient import TestClient

    plain = log_in(TestClient(app), "viewer").headers["set-cookie"]
    assert "HttpOnly" in plain and "SameSite=lax" in plain and "Secure" not in plain
    tls = log_in(TestClient(app, base_url="https://testserver"), "viewer")
    cookie = [part for part in tls.headers.get_list("set-cookie") if part.startswith("mailbot_session=")][0]
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_after_login_the_person_lands_where_they_asked_but_never_off_site(anonymous):
    assert log_in(anonymous, "viewer", next_="/message/2").headers["location"] == "/message/2"
    for hostile in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        assert log_in(anonymous, "viewer", next_=hostile).headers["location"] == "/"


def test_logout_ends_the_session(client_as):
    client = client_as("viewer")
    token = csrf_of(client.get("/").text)
    cookie = client.cookies.get("mailbot_session")
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    client.cookies.set("mailbot_session", cookie)          # the old cookie is no good any more
    assert client.get("/", follow_redirects=False).status_code == 303


def test_pages_carry_a_content_security_policy_without_inline_scripts(client_as):
    headers = client_as("viewer").get("/register").headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_logins_and_failures_are_in_the_audit_log(client_as, anonymous, runtime):
    log_in(anonymous, "auditee-unknown", "whatever password")
    client_as("viewer")
    with runtime.session() as session:
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert any(e.action == "login_failed" and e.actor == "auditee-unknown" and e.address for e in entries)
    assert any(e.action == "login" and e.actor == "viewer" for e in entries)


# --- escaping ------------------------------------------------------------------------------------

class _Markup(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]


def assert_inert(html: str) -> None:
    """No script, no image, no event handler: whatever the mail said stayed text."""
    markup = _Markup()
    markup.feed(html)
    assert "script" not in markup.tags and "img" not in markup.tags
    assert markup.handlers == []


HOSTILE_SHOWN = [("web-subject", XSS_SUBJECT), ("web-filename", XSS_FILENAME), ("web-body", XSS_BODY),
                 ("web-name", XSS_NAME)]


@pytest.mark.parametrize("case,text", HOSTILE_SHOWN)
def test_hostile_subjects_filenames_bodies_and_names_show_as_text(client_as, runtime, case, text):
    client = client_as("admin")
    pk = message_pk(runtime, case)
    page = client.get(f"/message/{pk}").text
    assert_inert(page)
    assert str(escape(text)) in page
    if case != "web-body":       # the register lists subjects, senders and file names
        listing = client.get("/register?sort=id&order=asc").text
        assert_inert(listing)
        assert str(escape(text)) in listing


def test_every_page_stays_inert_over_the_whole_hostile_register(client_as, runtime):
    client = client_as("admin")
    with runtime.session() as session:
        pks = session.exec(select(Message.id)).all()
    for path in ["/", "/register", "/review", "/users"] + [f"/message/{pk}" for pk in pks]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.text)


def test_a_header_injection_in_a_subject_stays_on_one_line_of_text(client_as, runtime):
    page = client_as("viewer").get(f"/message/{message_pk(runtime, 'case20-subject')}").text
    assert "X-Injected" in page and "\nBcc: victim" not in page.replace("\r", "")


# --- downloads -------------------------------------------------------------------------------------

def test_raw_message_downloads_as_an_attachment_byte_for_byte(client_as, runtime):
    pk = message_pk(runtime, "web-subject")
    response = client_as("viewer").get(f"/message/{pk}/raw.eml")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"] == "application/octet-stream"
    with runtime.session() as session:
        assert hashlib.sha256(response.content).hexdigest() == session.get(Message, pk).raw_sha256


@pytest.mark.parametrize("case", ["web-filename", "case20-filename", "case23-dotdot", "case23-backslash",
                                  "case23-absolute", "case23-nul", "case23-long"])
def test_documents_download_as_sent_under_a_harmless_name(client_as, runtime, case):
    pk = message_pk(runtime, case)
    with runtime.session() as session:
        att = session.exec(select(Attachment).where(Attachment.message_pk == pk, Attachment.is_inline == False)  # noqa: E712
                           ).first()
    response = client_as("viewer").get(f"/message/{pk}/attachment/{att.position}")
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == att.sha256
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=\"")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"] == "application/octet-stream"
    ascii_name = re.match(r'attachment; filename="([^"]*)"; filename\*=UTF-8\'\'(\S+)$', disposition)
    assert ascii_name, disposition
    assert "/" not in ascii_name.group(1) and "\\" not in ascii_name.group(1) and ".." not in ascii_name.group(1)


def test_an_unreadable_stored_message_is_a_readable_page_not_a_500(client_as, runtime):
    """The parsers' own error (parsers/errors.py) reaches the desk as its page: what went wrong, no traceback."""
    pk = message_pk(runtime, "web-filename")
    with runtime.session() as session:
        message = session.get(Message, pk)
        att = session.exec(select(Attachment).where(Attachment.message_pk == pk, Attachment.is_inline == False)  # noqa: E712
                           ).first()
    stored = runtime.raw_store.path_for(message.raw_sha256)
    original = stored.read_bytes()
    try:
        stored.write_bytes(b"")      # the raw store's copy damaged: the parser cannot read an empty message
        response = client_as("viewer").get(f"/message/{pk}/attachment/{att.position}")
    finally:
        stored.write_bytes(original)
    assert response.status_code == 422
    assert "could not be read: the message is empty" in response.text
    assert "Traceback" not in response.text and "<h1>Could not be read</h1>" in response.text


def test_an_unknown_attachment_or_message_is_404(client_as):
    client = client_as("viewer")
    assert client.get("/message/2/attachment/99").status_code == 404
    assert client.get("/message/9999").status_code == 404
    assert client.get("/message/9999/raw.eml").status_code == 404


# --- the numbers: status, export, search ------------------------------------------------------------

def figure(html: str, name: str) -> int:
    return int(re.search(rf'id="fig-{name}">(\d+)<', html).group(1))


def match_count(html: str) -> int:
    return int(re.search(r'id="match-count">(\d+)<', html).group(1))


def test_today_shows_the_figures_of_mailbot_status(client_as, runtime):
    page = client_as("viewer").get("/").text
    status = collect_status(runtime)
    assert figure(page, "messages") == status["messages"]
    assert figure(page, "contributions") == status["contributions"]
    assert figure(page, "review") == status["needs_review"]
    assert figure(page, "failures") == status["processing_failures"]
    assert figure(page, "outbox-failed") == status["outbox_failed"]


@pytest.mark.parametrize("query,keep", [
    ("", lambda r: True),
    ("kind=contribution", lambda r: r["kind"] == "contribution"),
    ("kind=other", lambda r: r["kind"] == "other"),
    ("review=yes", lambda r: r["needs_review"]),
    ("review=no", lambda r: not r["needs_review"]),
    ("state=KEN", lambda r: "KEN" in r["states"]),
    ("late=yes", lambda r: r["late"]),
    ("since=2020-01-10&until=2020-01-10", lambda r: r["received_at"].startswith("2020-01-10")),
    ("since=2020-01-11", lambda r: False),
])
def test_register_counts_and_downloads_are_the_export_rows(client_as, runtime, query, keep):
    client = client_as("viewer")
    expected = [record for record in export_records(runtime) if keep(record)]
    assert match_count(client.get(f"/register?{query}").text) == len(expected)
    assert client.get(f"/register.json?{query}").json() == expected
    rows = list(csv.reader(io.StringIO(client.get(f"/register.csv?{query}").text)))
    assert [int(row[0]) for row in rows[1:]] == [record["id"] for record in expected]


def test_unfiltered_downloads_equal_mailbot_export_byte_for_byte(client_as, runtime):
    from mailbot.export_sql import iter_csv_rows, write_csv_rows, write_json_texts

    client = client_as("viewer")
    for fmt, writer, rows in (("json", write_json_texts, iter_json_records), ("csv", write_csv_rows, iter_csv_rows)):
        out = io.StringIO(newline="")
        with runtime.session() as session:
            writer(rows(session), out)
        assert client.get(f"/register.{fmt}").content == out.getvalue().encode()


def test_search_finds_what_mailbot_search_finds(client_as, runtime):
    from mailbot.extraction.search import search

    with runtime.session() as session:
        expected = {pk for pk, _ in search(session, "capacity building", limit=1000)}
    assert expected
    page = client_as("viewer").get("/register?q=capacity+building").text
    assert match_count(page) == len(expected)
    assert {int(pk) for pk in re.findall(r'data-label="Id"[^>]*><a href="/message/(\d+)"', page)} == expected
    assert match_count(client_as("viewer").get('/register?q="nothing+like+this+anywhere"').text) == 0


def test_sorting_and_paging(client_as, monkeypatch):
    from mailbot.web import register_query

    monkeypatch.setattr(register_query, "PAGE_SIZE", 10)
    client = client_as("viewer")
    ids = lambda html: [int(pk) for pk in re.findall(r'data-label="Id"[^>]*><a href="/message/(\d+)"', html)]  # noqa: E731
    assert ids(client.get("/register?sort=id&order=asc&page=2").text) == list(range(11, 21))
    first = ids(client.get("/register?sort=id&order=desc").text)
    assert first == sorted(first, reverse=True) and len(first) == 10
    assert ids(client.get("/register?sort=id&order=asc&page=999").text)[-1] == 25     # past the end: last page
    assert client.get("/register?sort=DROP+TABLE&order=sideways&page=-3").status_code == 200


# --- decisions -------------------------------------------------------------------------------------------

def test_a_reviewers_decision_is_recorded_as_review_set_records_it(client_as, runtime):
    from mailbot.reprocess import reprocess_messages

    client = client_as("reviewer")
    token = csrf_of(client.get("/review").text)
    before = datetime.now(timezone.utc)
    response = client.post("/review/3", data={"states": "uga, KEN", "note": "joint <b>letter</b>",
                                               "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/review?decided=3"
    with runtime.session() as session:
        message = session.get(Message, 3)
        assert message.manual_states == ["UGA", "KEN"] and message.states == ["UGA", "KEN"]
        assert message.manual_by == "reviewer" and message.manual_note == "joint <b>letter</b>"
        manual_at = message.manual_at if message.manual_at.tzinfo else message.manual_at.replace(tzinfo=timezone.utc)
        assert before - timedelta(seconds=1) <= manual_at <= datetime.now(timezone.utc)
        assert not message.needs_review
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "review_decision",
                                                      AuditEntry.message_pk == 3)).one()
        assert audit.actor == "reviewer"
    assert "3" in [pk for pk in re.findall(r'/message/(\d+)', client.get("/register?state=UGA").text)]
    reprocess_messages(runtime, [3])
    with runtime.session() as session:
        assert session.get(Message, 3).states == ["UGA", "KEN"]


def test_a_decided_kind_is_recorded_as_review_set_records_it_and_survives_reprocessing(client_as, runtime):
    from mailbot.export_sql import records_by_id
    from mailbot.reprocess import reprocess_messages

    client = client_as("reviewer")
    page = client.get("/review").text
    assert '<option value="">keep: contribution</option>' in page and '<option value="auto_reply">' in page
    response = client.post("/review/3", data={"states": "", "kind": "auto_reply", "note": "an out-of-office",
                                               "csrf_token": csrf_of(page)}, follow_redirects=False)
    assert response.status_code == 303
    reprocess_messages(runtime, [3])
    with runtime.session() as session:
        message = session.get(Message, 3)
        assert (message.kind, message.manual_kind, message.manual_kind_before) == ("auto_reply", "auto_reply",
                                                                                   "contribution")
        assert message.review_reasons[0] == "decided by reviewer: no Member State, kind auto_reply"
        decision = json.loads(records_by_id(session, [3])[3])["decision"]
        assert (decision["kind"], decision["kind_before"], decision["by"]) == ("auto_reply", "contribution", "reviewer")
    assert "3" in re.findall(r'/message/(\d+)', client.get("/register?kind=auto_reply").text)


def test_an_unknown_kind_is_refused_and_nothing_changes(client_as, runtime):
    client = client_as("reviewer")
    token = csrf_of(client.get("/review").text)
    response = client.post("/review/4", data={"states": "KEN", "kind": "<script>", "csrf_token": token})
    assert response.status_code == 400 and "&lt;script&gt;" in response.text and "<script>" not in response.text
    with runtime.session() as session:
        assert session.get(Message, 4).manual_states is None


def test_an_unknown_state_code_is_refused_and_nothing_changes(client_as, runtime):
    client = client_as("reviewer")
    token = csrf_of(client.get("/review").text)
    response = client.post("/review/4", data={"states": "KEN,XXX", "csrf_token": token})
    assert response.status_code == 400 and "XXX" in response.text
    with runtime.session() as session:
        assert session.get(Message, 4).manual_states is None


def test_a_message_not_in_the_queue_is_corrected_from_its_own_page(client_as, runtime):
    with runtime.session() as session:
        pk = session.exec(select(Message.id).where(Message.needs_review == False)  # noqa: E712
                          .order_by(Message.id)).first()
    assert client_as("viewer").get(f"/message/{pk}").text.count('action="/review/') == 0   # viewers read only
    client = client_as("reviewer")
    page = client.get(f"/message/{pk}").text
    assert f'action="/review/{pk}"' in page and 'name="back" value="message"' in page
    response = client.post(f"/review/{pk}", data={"states": "SEN", "kind": "other", "note": "a newsletter",
                                                  "back": "message", "csrf_token": csrf_of(page)},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/message/{pk}?decided=1#decided"
    shown = client.get(response.headers["location"]).text
    assert 'id="decided"' in shown and "SEN, kind other" in shown
    with runtime.session() as session:
        message = session.get(Message, pk)
        assert (message.manual_states, message.manual_kind, message.manual_by) == (["SEN"], "other", "reviewer")


def test_a_refused_correction_answers_on_the_messages_page(client_as, runtime):
    client = client_as("reviewer")
    page = client.get("/message/4").text
    response = client.post("/review/4", data={"states": "XXX", "back": "message", "csrf_token": csrf_of(page)})
    assert response.status_code == 400 and 'role="alert"' in response.text and "XXX" in response.text
    assert "Correct the decision" in response.text
    with runtime.session() as session:
        assert session.get(Message, 4).manual_states is None


def test_rules_page_shows_files_and_check_result(client_as):
    page = client_as("admin").get("/rules").text
    assert "routing.toml" in page and 'id="rules-summary"' in page
    assert "would change" in client_as("admin").get("/rules/reattribute").text


def test_today_counts_what_the_digest_counts(runtime):
    """The Today page counts in SQL what the digest counts in Python: the same chart, the same states."""
    from mailbot.correspondence.digest_facts import chart
    from mailbot.correspondence.register_view import contribution_facts
    from mailbot.web.today import today_facts

    facts = today_facts(runtime)
    with runtime.session() as session:
        received = contribution_facts(session, runtime.clock.now())
    assert facts["chart"] == chart(received, runtime.consultation, runtime.clock.now())
    assert sum(row["count"] for row in facts["chart"]) == len(received)
    contributed = {code for item in received for code in item.codes}
    shown = {code for names in facts["contributed"].values() for code, _ in names}
    assert shown == contributed and facts["contributed_count"] == len(contributed)


def test_a_search_sees_mail_indexed_after_it_was_first_asked(tmp_path):
    """Search results are kept between requests only while the index is unchanged."""
    from mailbot.store import accounts
    from mailbot.store.account_tables import Role
    from mailbot.web.app import create_app
    from mailbot.worker import poll_once
    from tests.backbone.fakes import ListSource, contribution, make_runtime
    from tests.web.register import NOW, PASSWORD
    from fastapi.testclient import TestClient

    runtime = make_runtime(tmp_path)
    with runtime.session() as session:
        accounts.add_user(session, "viewer", Role.VIEWER, PASSWORD, NOW)
        session.commit()
    client = TestClient(create_app(runtime))
    log_in(client, "viewer")
    poll_once(runtime, ListSource([contribution(1)]))
    assert match_count(client.get("/register?q=zanzibarian").text) == 0
    poll_once(runtime, ListSource([contribution(1), contribution(2, subject="The zanzibarian proposal")]))
    assert match_count(client.get("/register?q=zanzibarian").text) == 1
    assert len(client.get("/register.json?q=zanzibarian").json()) == 1
