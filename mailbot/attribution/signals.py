"""Features of a message that say it is not a contribution, and the signals they add up to.

A feature is a named fact with a detail for `explain` ("link text www.itu.int goes to
itu-login.example"). A signal (reply to our acknowledgement, phishing, spam, inquiry, other
consultation) is the sum of its features' weights, from rules/signals.toml, against its
threshold. A rule there (`when.signal = "phishing"`) decides what a fired signal does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from mailbot.attribution import signal_phrases as words
from mailbot.attribution.memo import remembered
from mailbot.attribution.spoofing import organizational_domain
from mailbot.attribution.text import fold

_URL_RE = re.compile(r"https?://([^/\s\"'<>]+)", re.I)
_DOMAIN_TEXT_RE = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/:?#].*)?$", re.I)
_GOV_LABELS = frozenset({"gov", "go", "gouv", "gob", "govt", "gv", "mfa", "mofa", "mofaic", "ministry",
                         "ministere", "ministerio", "mission", "embassy", "government", "gobierno"})
_GENERIC_TLDS = frozenset({"com", "net", "org", "info", "biz", "xyz", "online", "site", "top", "click",
                           "link", "live", "app", "io", "co", "cc", "me", "email", "support", "services"})
_WORD_CHARS = r"\w"


@dataclass(frozen=True)
class Ours:
    """Who we are, for features that compare a message with our own mail and consultation."""

    domains: tuple[str, ...] = ()           # our Message-ID domain and mail domains
    staff_domains: tuple[str, ...] = ()     # the Secretariat's addresses
    receipt_prefix: str = ""
    reference: str = ""                     # our circular, "CL-19/47"
    topic_words: tuple[str, ...] = ()       # folded words of our title ("cybersecurity", "gca")


@dataclass(frozen=True)
class Feature:
    name: str
    detail: str


@dataclass
class Message:
    """What the features read, gathered once."""

    subject: str
    new_text: str                 # the author's own text (quotes cut)
    quoted: str
    html: str
    documents: tuple[str, ...]    # first pages
    sender_domain: str
    message_ids: tuple[str, ...]  # In-Reply-To and References
    has_document: bool
    authenticated: bool
    gov_domains: dict = field(default_factory=dict)
    cctlds: dict = field(default_factory=dict)
    names_state: bool = False     # a state's name or demonym appears somewhere (name index)
    official_sender: bool = False  # from a government domain or a known focal point
    known_domains: dict = field(default_factory=dict)   # domains of known organisations (reference data)


def features_of(msg: Message, ours: Ours) -> list[Feature]:
    """Every feature present in the message, each with what showed it."""
    found: list[Feature] = []
    for extractor in EXTRACTORS:
        feature = extractor(msg, ours)
        if feature is not None:
            found.append(feature)
    return found


# -- phrase matching ----------------------------------------------------------------------------

def _folded(text: str) -> str:
    """`text` folded, its spaces collapsed; once per message for each text (the features read the
    subject and the new text a dozen times)."""
    return remembered("signals folded", text, lambda: " ".join(fold(text).split()))


_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}
_LITERALS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    pattern = _PATTERNS.get(phrases)
    if pattern is None:
        alternatives = sorted({_folded(phrase) for phrase in phrases if phrase.strip()}, key=len, reverse=True)
        _LITERALS[phrases] = tuple(alternatives)
        bounded = "|".join(re.escape(phrase) for phrase in alternatives if not _cjk(phrase))
        # Han, kana and hangul are written without spaces: their phrases match anywhere.
        anywhere = "|".join(re.escape(phrase) for phrase in alternatives if _cjk(phrase))
        parts = [rf"(?<![{_WORD_CHARS}])(?:{bounded})(?![{_WORD_CHARS}])"] if bounded else []
        pattern = re.compile("|".join(parts + ([f"(?:{anywhere})"] if anywhere else [])) or "(?!)")
        _PATTERNS[phrases] = pattern
    return pattern


def _cjk(text: str) -> bool:
    return any("\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" for char in text)


def _find(phrases: tuple[str, ...], *texts: str) -> str | None:
    pattern = _phrase_pattern(phrases)
    literals = _LITERALS[phrases]
    for text in texts:
        if text:
            folded = _folded(text[:20000])
            # The pattern only matches one of its phrases as written: where none of them is in the
            # text at all (most texts, for most lists), a few substring tests say so 3-4 times faster
            # than the search with its word-boundary checks. Where one is, the search decides.
            if not any(map(folded.__contains__, literals)):
                continue
            match = pattern.search(folded)
            if match:
                return match.group(0)
    return None


# -- reply to our acknowledgement ----------------------------------------------------------------

def _under(domain: str, ours: tuple[str, ...]) -> bool:
    domain = domain.lower().strip(". >")
    return any(domain == mine or domain.endswith("." + mine) for mine in ours if mine)


def references_us(msg: Message, ours: Ours) -> Feature | None:
    for message_id in msg.message_ids:
        right = message_id.strip().strip("<>").rpartition("@")[2]
        if _under(right, ours.domains):
            return Feature("references_us", f"refers to our message {message_id[:120]}")
    return None


def our_receipt_number(msg: Message, ours: Ours) -> Feature | None:
    if not ours.receipt_prefix:
        return None
    pattern = re.compile(re.escape(ours.receipt_prefix) + r"\s?\d{1,6}", re.I)
    for where, text in (("subject", msg.subject), ("text", msg.new_text), ("quoted text", msg.quoted)):
        match = pattern.search(text or "")
        if match:
            return Feature("our_receipt_number", f"our receipt number {match.group(0)} in the {where}")
    return None


_PREFIX_RE = re.compile(r"^\s*(?:\[[^\]]{0,40}\]\s*)?((?:[^\W\d_]{1,8}|\w{1,3})\s*(?:\[\d+\])?\s*[:：])", re.U)


def reply_prefix(subject: str) -> str | None:
    """'RE:', 'AW:', 'Ответ:', '回复：' at the start of a subject (any of the known prefixes)."""
    match = _PREFIX_RE.match(subject or "")
    if not match:
        return None
    word = _folded(re.sub(r"[\[\]\d:：\s]", "", match.group(1)))
    return match.group(1).strip() if word in _REPLY_WORDS else None


_REPLY_WORDS = frozenset(_folded(prefix) for prefix in words.REPLY_PREFIXES)


def reply_subject(msg: Message, ours: Ours) -> Feature | None:
    prefix = reply_prefix(msg.subject)
    if prefix is None:
        return None
    word = _find(words.ACK_SUBJECT_WORDS, msg.subject)
    if word is None:
        return None
    return Feature("reply_subject", f"subject answers an acknowledgement ({prefix} ... {word!r})")


def quoted_acknowledgement(msg: Message, ours: Ours) -> Feature | None:
    phrase = _find(words.ACK_QUOTED, msg.quoted)
    return Feature("quoted_acknowledgement", f"quotes our acknowledgement ({phrase!r})") if phrase else None


def brings_document(msg: Message, ours: Ours) -> Feature | None:
    return Feature("brings_document", "an attached document") if msg.has_document else None


# -- phishing ----------------------------------------------------------------------------------

class _Links(HTMLParser):
    """(visible text, href) of each link, and whether the page has a form or a password field."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.form = False
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a":
            self._href, self._text = values.get("href") or "", []
        elif tag == "form" or (tag == "input" and (values.get("type") or "").lower() == "password"):
            self.form = True

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append(("".join(self._text).strip(), self._href))
            self._href = None


def _links(html: str) -> _Links:
    parser = _Links()
    try:
        parser.feed(html[:200000])
        parser.close()
    except Exception:   # html.parser on hostile markup: keep what was read
        pass
    return parser


def _host(url: str) -> str:
    match = _URL_RE.match(url.strip())
    return match.group(1).rpartition("@")[2].split(":")[0].lower() if match else ""


def link_text_mismatch(msg: Message, ours: Ours) -> Feature | None:
    for text, href in _links(msg.html).links if msg.html else ():
        shown = _DOMAIN_TEXT_RE.match(text.strip())
        target = _host(href)
        if shown and target and organizational_domain(shown.group(1)) != organizational_domain(target):
            return Feature("link_text_mismatch", f"link text {text[:60]!r} goes to {target[:80]}")
    return None


def credential_request(msg: Message, ours: Ours) -> Feature | None:
    if msg.html and _links(msg.html).form:
        return Feature("credential_request", "the message contains a form")
    phrase = _find(words.CREDENTIALS, msg.subject, msg.new_text)
    return Feature("credential_request", f"asks for credentials ({phrase!r})") if phrase else None


def urgency(msg: Message, ours: Ours) -> Feature | None:
    phrase = _find(words.URGENCY, msg.subject, msg.new_text)
    return Feature("urgency", f"urgency wording ({phrase!r})") if phrase else None


def _lookalike(domain: str, ours: Ours, msg: Message) -> str | None:
    """Why `domain` imitates ours or a government's, or None."""
    domain = domain.lower().strip(".")
    if not domain or "." not in domain:
        return None
    org = organizational_domain(domain)
    if _under_any(domain, msg.known_domains):
        return None          # a known organisation's own domain (ctu.int is not itu.int)
    if domain.startswith("xn--") or ".xn--" in domain:
        return f"{domain} is written in look-alike (punycode) letters"
    for mine in ours.domains + ours.staff_domains:
        my_org = organizational_domain(mine)
        if org == my_org:
            return None
        label, my_label = org.split(".")[0], my_org.split(".")[0]
        if my_label and (_near(label, my_label) or re.search(rf"(^|[.-]){re.escape(my_label)}([.-]|$)",
                                                             domain.replace("." + org.partition(".")[2], ""))):
            return f"{domain} imitates our domain {my_org}"
    if _under_any(domain, msg.gov_domains):
        return None
    gov = _gov_domain_inside(domain, msg.gov_domains)
    if gov is not None:
        return f"{domain} contains the government domain {gov} but is not under it"
    labels = re.split(r"[.-]", domain)
    tld = domain.rpartition(".")[2]
    if tld in _GENERIC_TLDS and _GOV_LABELS & set(labels[:-1]) and any(
            label in msg.cctlds for label in labels[:-1] if len(label) == 2 and label not in ("go", "co")):
        return f"{domain} looks like a government domain under a generic .{tld}"
    return None


_FEW_LABELS = 8


def _gov_domain_inside(domain: str, gov_domains: dict) -> str | None:
    """The first government domain (in the table's order) of two labels or more that `domain`
    contains as whole labels: "mfa.gov.ke.verify-login.com" contains "gov.ke"."""
    # Such a domain is a run of the labels: look those few runs up instead of trying every one of
    # the table's domains (hundreds) against this one.
    labels = domain.split(".")
    dotted = "." + domain + "."
    if len(labels) > _FEW_LABELS:     # a hostile host of many labels: runs grow as the square
        return next((gov for gov in gov_domains if gov.count(".") >= 1 and "." + gov + "." in dotted), None)
    inside = [run for run in (".".join(labels[start:end]) for start in range(len(labels))
                              for end in range(start + 2, len(labels) + 1)) if run in gov_domains]
    if len(inside) <= 1:
        return inside[0] if inside else None
    # several: the table's order decides which one is named
    return next(gov for gov in gov_domains if gov.count(".") >= 1 and "." + gov + "." in dotted)


def _under_any(domain: str, domains: dict) -> bool:
    parts = domain.split(".")
    return any(".".join(parts[index:]) in domains for index in range(len(parts)))


def _near(one: str, other: str) -> bool:
    """One edit apart (a letter swapped, dropped, added or changed), for names of 3+ letters."""
    if one == other or min(len(one), len(other)) < 3 or abs(len(one) - len(other)) > 1:
        return False
    if len(one) == len(other):
        diff = [i for i in range(len(one)) if one[i] != other[i]]
        return len(diff) == 1 or (len(diff) == 2 and one[diff[0]] == other[diff[1]] and one[diff[1]] == other[diff[0]])
    short, long = sorted((one, other), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def lookalike_domain(msg: Message, ours: Ours) -> Feature | None:
    hosts = [msg.sender_domain] + [_host(href) for _, href in (_links(msg.html).links if msg.html else ())]
    hosts += [match.group(1) for match in _URL_RE.finditer(msg.new_text or "")]
    for host in dict.fromkeys(filter(None, hosts)):
        why = _lookalike(host, ours, msg)
        if why:
            return Feature("lookalike_domain", why)
    return None


def unauthenticated(msg: Message, ours: Ours) -> Feature | None:
    return None if msg.authenticated else Feature("unauthenticated", "the sender is not authenticated")


# -- spam, newsletters ---------------------------------------------------------------------------

def unsubscribe(msg: Message, ours: Ours) -> Feature | None:
    # The HTML only when there is no plain text: it holds the quoted messages too.
    phrase = _find(words.UNSUBSCRIBE, msg.new_text or _text_of_html(msg.html))
    return Feature("unsubscribe", f"newsletter wording ({phrase!r})") if phrase else None


def marketing(msg: Message, ours: Ours) -> Feature | None:
    phrase = _find(words.MARKETING, msg.subject, msg.new_text)
    return Feature("marketing", f"commercial wording ({phrase!r})") if phrase else None


def _text_of_html(html: str) -> str:
    return re.sub(r"<[^>]*>", " ", html[:200000]) if html else ""


# -- inquiry -----------------------------------------------------------------------------------

def question(msg: Message, ours: Ours) -> Feature | None:
    text = msg.new_text or ""
    if re.search(r"[?？؟]", text) or "¿" in text:
        sentence = re.search(r"[^.!?？؟\n]{0,80}[?？؟]", text)
        return Feature("question", f"asks {sentence.group(0).strip()[:80]!r}" if sentence else "asks a question")
    phrase = _find(words.QUESTIONS, msg.subject, text)
    return Feature("question", f"asks ({phrase!r})") if phrase else None


def process_topic(msg: Message, ours: Ours) -> Feature | None:
    phrase = _find(words.PROCESS_TOPICS, msg.subject, msg.new_text)
    return Feature("process_topic", f"about the process ({phrase!r})") if phrase else None


def contribution_statement(msg: Message, ours: Ours) -> Feature | None:
    phrase = _find(words.CONTRIBUTION_STATEMENTS, msg.new_text)
    return Feature("contribution_statement", f"says it brings a contribution ({phrase!r})") if phrase else None


def short_text(msg: Message, ours: Ours) -> Feature | None:
    count = len((msg.new_text or "").split())
    return Feature("short_text", f"{count} words and no document") if count < 90 and not msg.has_document else None


def long_text(msg: Message, ours: Ours) -> Feature | None:
    count = len((msg.new_text or "").split())
    return Feature("long_text", f"{count} words of its own") if count >= 180 else None


# -- another consultation ------------------------------------------------------------------------

_REFERENCE_RE = re.compile(words.REFERENCE_PATTERN, re.I)


def _references(text: str) -> frozenset[tuple[str, str]]:
    """The circular numbers in `text`; once per message for each text (four features ask)."""
    if "/" not in (text or ""):
        return frozenset()       # every reference has its "/" ("CL-19/47"): most texts have none
    return remembered("signals references", text, lambda: frozenset(
        (match.group(1).lstrip("0"), match.group(2).lstrip("0")) for match in _REFERENCE_RE.finditer(text)))


def other_reference(msg: Message, ours: Ours) -> Feature | None:
    mine = _references(ours.reference)
    for text in (msg.subject, msg.new_text) + msg.documents:
        found = _references(text[:5000]) - mine
        if found and not (_references(text[:5000]) & mine):
            number, year = sorted(found)[0]
            return Feature("other_reference", f"refers to another circular or document ({number}/{year})")
    return None


def our_reference(msg: Message, ours: Ours) -> Feature | None:
    mine = _references(ours.reference)
    for text in (msg.subject, msg.new_text, msg.quoted) + msg.documents:
        if mine and _references(text[:5000]) & mine:
            return Feature("our_reference", f"names our circular {ours.reference}")
    return None


def event_words(msg: Message, ours: Ours) -> Feature | None:
    if msg.authenticated and _regional_group(msg):
        return None          # "Group", "Forum", "Conference" is the sender's own name (ASMG, CEPT, APT)
    phrase = _find(words.EVENT_WORDS, msg.subject)
    return Feature("event_words", f"subject names a call, event or group ({phrase!r})") if phrase else None


def _regional_group(msg: Message) -> bool:
    """From the domain of a known regional organisation of states (reference data)."""
    parts = (msg.sender_domain or "").lower().split(".")
    found = (msg.known_domains.get(".".join(parts[index:])) for index in range(len(parts)))
    return any(entry is not None and entry[1] == "regional_org" for entry in found)


def other_exercise(msg: Message, ours: Ours) -> Feature | None:
    """What the mail says it is about (subject, opening lines) is another exercise: a questionnaire,
    survey, index, study group or Question, in any of the UN languages and more."""
    if our_reference(msg, ours) is not None:
        return None
    phrase = _find(words.EXERCISE_WORDS, msg.subject, (msg.new_text or "")[:400])
    return Feature("other_exercise", f"is about another exercise ({phrase!r})") if phrase else None


_EVENT_CODE_RE = re.compile(words.EVENT_CODE_PATTERN)


def event_code(msg: Message, ours: Ours) -> Feature | None:
    mine = {code.casefold() for code in re.findall(r"[A-Za-z]{2,6}", ours.reference)}
    for match in _EVENT_CODE_RE.finditer(msg.subject or ""):
        if match.group(0).split("-")[0].casefold() not in mine:
            return Feature("event_code", f"subject names an event or group ({match.group(0)!r})")
    return None


def not_our_topic(msg: Message, ours: Ours) -> Feature | None:
    if our_topic(msg, ours) is None and our_reference(msg, ours) is None:
        return Feature("not_our_topic", "names neither our subject nor our circular")
    return None


def off_topic(msg: Message, ours: Ours) -> Feature | None:
    """Nothing of a consultation at all: no state, no consultation word, nothing of ours, no official sender."""
    if msg.names_state or msg.official_sender or not_our_topic(msg, ours) is None:
        return None
    texts = (msg.subject, msg.new_text[:3000]) + tuple(doc[:3000] for doc in msg.documents)
    if _find(words.CONSULTATION_WORDS, *texts) or _find(words.PROCESS_TOPICS, *texts):
        return None
    return Feature("off_topic", "no state named, no consultation wording, nothing of our call")


def our_topic(msg: Message, ours: Ours) -> Feature | None:
    if not ours.topic_words:
        return None
    folded = _folded(" ".join((msg.subject, msg.new_text[:3000]) + tuple(doc[:3000] for doc in msg.documents)))
    for word in ours.topic_words:
        if word in folded:
            return Feature("our_topic", f"names our subject ({word!r})")
    return None


EXTRACTORS = (
    references_us, our_receipt_number, reply_subject, quoted_acknowledgement, brings_document,
    link_text_mismatch, credential_request, urgency, lookalike_domain, unauthenticated,
    unsubscribe, marketing,
    question, process_topic, contribution_statement, short_text, long_text,
    other_reference, our_reference, event_words, other_exercise, event_code, our_topic, not_our_topic, off_topic,
)
FEATURES = tuple(extractor.__name__ for extractor in EXTRACTORS)
