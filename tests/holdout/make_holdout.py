"""Write the blind held-out set: tests/holdout/messages/*.eml and tests/holdout/labels.jsonl.

    .venv/bin/python tests/holdout/make_holdout.py

Written from general knowledge of the world by someone who did not read the attribution engine,
its rules, its data or the development set's messages. Every name, domain and sentence here is this
file's own; the labels are what a Secretariat officer would expect, not what any table says.
Running it again rewrites every file (deterministic: a fixed seed, fixed document bytes).
"""
from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "messages"
TRUSTED = "mx1.itu.int"
TO = "contributions@itu.int"
POLICY = policy.default.clone(linesep="\n", max_line_length=78)
rng = random.Random(20200115)


# ---------------------------------------------------------------- documents

_docx_cache: dict[str, bytes] = {}


def docx_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A small Word document; the same text gives the same bytes (resends reuse them)."""
    key = title + "\x00" + "\x00".join(paragraphs)
    if key in _docx_cache:
        return _docx_cache[key]
    import docx
    d = docx.Document()
    d.core_properties.author = ""
    d.core_properties.created = datetime(2019, 12, 1, tzinfo=timezone.utc)
    d.core_properties.modified = datetime(2019, 12, 1, tzinfo=timezone.utc)
    d.add_heading(title, level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    _docx_cache[key] = buf.getvalue()
    return _docx_cache[key]


def pdf_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A small one-page PDF with Latin text (reportlab's standard fonts)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 800
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, y, title)
    c.setFont("Helvetica", 10)
    for p in paragraphs:
        words, line = p.split(), ""
        for w in words:
            if len(line) + len(w) > 90:
                y -= 14
                c.drawString(50, y, line)
                line = ""
            line += w + " "
        y -= 14
        c.drawString(50, y, line)
        y -= 8
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------- authentication headers

def auth(dom: str, mode: str = "full", mailfrom: str | None = None, dkim_d: str | None = None) -> list[str]:
    """Authentication-Results header lines (raw, folded) as the trusted server would add them."""
    mf = mailfrom or dom
    dd = dkim_d or dom
    if mode == "full":
        return [f"Authentication-Results: {TRUSTED};\n\tspf=pass smtp.mailfrom={mf};\n"
                f"\tdkim=pass header.d={dd} header.s=s{rng.randint(1, 9)};\n\tdmarc=pass (p=quarantine) header.from={dom}"]
    if mode == "spf_only":
        return [f"Authentication-Results: {TRUSTED}; spf=pass smtp.mailfrom={mf}; dkim=none; dmarc=none header.from={dom}"]
    if mode == "dkim_sub":
        return [f"Authentication-Results: {TRUSTED};\n\tdkim=pass (2048-bit key) header.d={dd} header.i=@{dd};\n"
                f"\tspf=neutral (ip not listed) smtp.mailfrom={mf};\n\tdmarc=none (no policy published) header.from={dom}"]
    if mode == "folded":
        return [f"Authentication-Results: {TRUSTED} (amavis/ITU relay);\n  spf=pass\n   (sender SPF authorized)\n"
                f"   smtp.mailfrom={mf}\n   smtp.helo=mail.{dom};\n  dkim=none (message not signed);\n"
                f"  dmarc=none (p=none dis=none)\n   header.from={dom};\n  arc=none"]
    if mode == "fail":
        return [f"Authentication-Results: {TRUSTED}; spf=fail (domain does not designate sender) "
                f"smtp.mailfrom={mf}; dkim=none; dmarc=fail (p=reject) header.from={dom}"]
    if mode == "forged":
        return [f"Authentication-Results: {TRUSTED}; spf=softfail smtp.mailfrom={mf}; dkim=fail (bad signature) "
                f"header.d={dom}; dmarc=fail header.from={dom}",
                f"Authentication-Results: mail.{dom}; spf=pass smtp.mailfrom={dom}; dkim=pass header.d={dom}; "
                f"dmarc=pass header.from={dom}"]
    if mode == "none":
        return []
    raise ValueError(mode)


# ---------------------------------------------------------------- messages and labels

@dataclass
class Mail:
    """One message of the set and its label."""

    file: str
    cls: str
    kind: object
    states: list[str]
    must_review: bool | None
    receipt: bool
    at: datetime
    sender: str
    name: str
    subject: str
    body: str = ""
    html: str | None = None
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    auth_mode: str = "full"
    mailfrom: str | None = None
    dkim_d: str | None = None
    late: bool | None = None
    note: str = ""
    charset: str = "utf-8"
    cte: str | None = None
    in_reply_to: str | None = None
    references: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)
    attached_msg: EmailMessage | None = None
    dup_of: str | None = None
    resend_answer: bool = False
    tz: int = 0
    mid: str = ""


DEADLINE_END = datetime(2020, 1, 16, 0, 0, tzinfo=timezone.utc)
MAILS: list[Mail] = []
_used_seconds: set[datetime] = set()
_counter = [0]


def when(day: str, hm: str = "") -> datetime:
    """A receipt time on that day (random working hour unless given), unique to the second."""
    if not hm:
        hm = f"{rng.randint(6, 17):02d}:{rng.randint(0, 59):02d}"
    at = datetime.fromisoformat(f"{day}T{hm}:{rng.randint(0, 59):02d}+00:00")
    while at in _used_seconds:
        at += timedelta(seconds=1)
    _used_seconds.add(at)
    return at


def add(m: Mail) -> Mail:
    """Register a message; its number prefixes the file name."""
    _counter[0] += 1
    m.file = f"{_counter[0]:03d}-{m.file}.eml"
    dom = m.sender.split("@", 1)[1]
    m.mid = m.mid or f"<ho{_counter[0]:04d}.{rng.randint(10**8, 10**9)}@{dom}>"
    if m.late is None and m.kind == "contribution":
        m.late = m.at >= DEADLINE_END
    MAILS.append(m)
    return m


def contribution(file, cls, states, at, sender, name, subject, body, *, review=False, receipt=True, **kw) -> Mail:
    """A contribution."""
    return add(Mail(file, cls, "contribution", states, review, receipt, at, sender, name, subject, body, **kw))


def other(file, cls, at, sender, name, subject, body, *, kind="other", review=None, **kw) -> Mail:
    """A message that is not a contribution: no state, no receipt."""
    return add(Mail(file, cls, kind, [], review, False, at, sender, name, subject, body, **kw))


def build(m: Mail) -> bytes:
    """The message's bytes, with the trusted server's trace headers on top."""
    msg = EmailMessage(policy=POLICY)
    msg["From"] = f"{m.name} <{m.sender}>" if m.name else m.sender
    msg["To"] = TO
    msg["Subject"] = m.subject
    tz = timezone(timedelta(hours=m.tz))
    sent = (m.at - timedelta(seconds=rng.randint(20, 400))).astimezone(tz)
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = m.mid
    if m.in_reply_to:
        msg["In-Reply-To"] = m.in_reply_to
    if m.references:
        msg["References"] = m.references
    msg["MIME-Version"] = "1.0"
    for k, v in m.extra:
        msg[k] = v
    if m.html is not None and not m.body:
        msg.set_content(m.html, subtype="html", charset=m.charset, cte=m.cte)
    else:
        msg.set_content(m.body, charset=m.charset, cte=m.cte)
        if m.html is not None:
            msg.add_alternative(m.html, subtype="html")
    for fname, data in m.attachments:
        if fname.endswith(".pdf"):
            msg.add_attachment(data, maintype="application", subtype="pdf", filename=fname)
        else:
            msg.add_attachment(data, maintype="application",
                               subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename=fname)
    if m.attached_msg is not None:
        msg.add_attachment(m.attached_msg)
    dom = m.sender.split("@", 1)[1]
    trace = [f"Return-Path: <{m.sender if not m.mailfrom else 'bounce@' + m.mailfrom}>",
             f"Received: from mail.{dom} (mail.{dom} [192.0.2.{rng.randint(2, 250)}])\n\tby {TRUSTED} "
             f"(Postfix) with ESMTPS id {rng.randint(10**9, 10**10):X}\n\tfor <{TO}>; {format_datetime(m.at)}"]
    trace += auth(dom, m.auth_mode, m.mailfrom, m.dkim_d)
    return ("\n".join(trace) + "\n").encode() + msg.as_bytes()


def label(m: Mail) -> dict:
    """The label record, in tests/devset/labels.jsonl's format."""
    return {"file": m.file, "kind": m.kind, "states": sorted(m.states), "must_review": m.must_review,
            "receipt_expected": m.receipt, "late": m.late, "received_at": m.at.isoformat(),
            "message_id": m.mid, "duplicate_of": m.dup_of, "resend_answer_expected": m.resend_answer,
            "note": m.note, "class": m.cls}


# ---------------------------------------------------------------- texts

DOC_EN = ["1. Legal measures: the national cybercrime act was revised in 2019 and we propose the guidelines "
          "refer to model legislation rather than prescribe it.",
          "2. Technical and procedural measures: a national CIRT should be named in each country, with "
          "clear points of contact.",
          "3. Capacity building: we ask that the guidelines give special weight to small administrations "
          "with limited staff.",
          "4. International cooperation: information sharing between CIRTs should be voluntary and trusted."]
DOC_FR = ["1. Mesures juridiques : la loi nationale sur la cybercriminalité a été révisée ; les lignes "
          "directrices devraient renvoyer à des modèles plutôt que les imposer.",
          "2. Mesures techniques : chaque pays devrait disposer d'une équipe CIRT nationale joignable.",
          "3. Renforcement des capacités : une attention particulière aux administrations de petite taille.",
          "4. Coopération internationale : le partage d'informations doit reposer sur la confiance."]
DOC_ES = ["1. Medidas jurídicas: la ley nacional sobre delitos informáticos fue actualizada; las directrices "
          "deberían remitir a leyes modelo.",
          "2. Medidas técnicas: cada país debería contar con un CSIRT nacional con puntos de contacto claros.",
          "3. Creación de capacidades: atención especial a las administraciones con pocos recursos.",
          "4. Cooperación internacional: el intercambio de información debe ser voluntario."]
DOC_AR = ["١. التدابير القانونية: تم تحديث قانون مكافحة الجرائم الإلكترونية، ونقترح أن تشير المبادئ التوجيهية إلى تشريعات نموذجية.",
          "٢. التدابير التقنية: ينبغي أن يكون لكل بلد فريق وطني للاستجابة للحوادث الحاسوبية.",
          "٣. بناء القدرات: إيلاء اهتمام خاص للإدارات ذات الموارد المحدودة.",
          "٤. التعاون الدولي: تبادل المعلومات بين الفرق الوطنية على أساس الثقة."]
DOC_RU = ["1. Правовые меры: национальный закон о киберпреступности обновлён; руководящие принципы должны "
          "ссылаться на типовое законодательство.",
          "2. Технические меры: в каждой стране должна быть национальная группа CIRT.",
          "3. Создание потенциала: особое внимание администрациям с ограниченными ресурсами.",
          "4. Международное сотрудничество: обмен информацией на добровольной основе."]
DOC_ZH = ["一、法律措施：建议准则参考示范立法，而不是强制规定。",
          "二、技术和程序措施：各国应设立国家计算机应急响应组（CIRT）。",
          "三、能力建设：应特别关注资源有限的主管部门。",
          "四、国际合作：信息共享应以信任为基础。"]
DOCS = {"en": DOC_EN, "fr": DOC_FR, "es": DOC_ES, "ar": DOC_AR, "ru": DOC_RU, "zh": DOC_ZH}
TITLE = {"en": "Contribution of {s} to the consultation on the GCA guidelines (CL-19/47)",
         "fr": "Contribution {s} à la consultation sur les lignes directrices du GCA (CL-19/47)",
         "es": "Contribución de {s} a la consulta sobre las directrices de la GCA (CL-19/47)",
         "ar": "مساهمة {s} في المشاورة بشأن المبادئ التوجيهية للبرنامج العالمي للأمن السيبراني (CL-19/47)",
         "ru": "Вклад {s} в консультацию по руководящим принципам ГПК (CL-19/47)",
         "zh": "{s}对全球网络安全议程准则磋商（CL-19/47）的意见"}

BODIES = {
    "en": [
        "Dear Sir/Madam,\n\nWith reference to ITU Circular Letter CL-19/47, please find attached the contribution "
        "of {s} to the consultation on the Global Cybersecurity Agenda guidelines.\n\nBest regards,\n\n{n}\n{o}\n{s}",
        "Dear colleagues,\n\nOn behalf of the {o}, I am pleased to submit the comments of {s} on the draft GCA "
        "guidelines. The document is attached.\n\nKind regards\n{n}\n{o} | {c}, {s}",
        "Good afternoon,\n\nAttached are the inputs of the Government of {s} in response to the call for written "
        "inputs (CL-19/47). We would appreciate an acknowledgement of receipt.\n\nSincerely,\n{n}\n{o}, {s}",
        "Hello,\n\nKindly receive {s}'s submission to the GCA guidelines consultation.\n\nThanks and regards,\n"
        "{n}\nDirector, Cybersecurity\n{o}\nTel: +{p}",
    ],
    "fr": [
        "Madame, Monsieur,\n\nSuite à la lettre circulaire CL-19/47, j'ai l'honneur de vous transmettre ci-joint la "
        "contribution {s} à la consultation sur les lignes directrices du Programme mondial cybersécurité.\n\n"
        "Veuillez agréer l'expression de ma haute considération.\n\n{n}\n{o}\n{c}, {s}",
        "Bonjour,\n\nVeuillez trouver en pièce jointe les commentaires {s} sur le projet de lignes directrices "
        "du GCA.\n\nCordialement,\n{n}\n{o}",
    ],
    "es": [
        "Estimados señores:\n\nEn respuesta a la Carta Circular CL-19/47, adjunto la contribución de {s} a la "
        "consulta sobre las directrices de la Agenda sobre Ciberseguridad Global.\n\nAtentamente,\n\n{n}\n{o}\n{s}",
        "Buenos días,\n\nPor encargo de {o}, remito los comentarios de {s} sobre el proyecto de directrices.\n\n"
        "Saludos cordiales,\n{n}\n{o} – {c}, {s}",
    ],
    "ar": [
        "السادة المحترمون،\n\nبالإشارة إلى الرسالة المعممة CL-19/47، يسرنا أن نرفق طيه مساهمة {s} في المشاورة "
        "بشأن المبادئ التوجيهية للبرنامج العالمي للأمن السيبراني.\n\nوتفضلوا بقبول فائق الاحترام،\n{n}\n{o}\n{s}",
        "تحية طيبة وبعد،\n\nنرسل إليكم مرفقاً تعليقات {s} على مشروع المبادئ التوجيهية.\n\nمع خالص التحيات\n{n}\n{o}",
    ],
    "ru": [
        "Уважаемые коллеги!\n\nВ ответ на циркулярное письмо CL-19/47 направляем вклад {s} в консультацию по "
        "руководящим принципам Глобальной программы кибербезопасности.\n\nС уважением,\n{n}\n{o}\n{s}",
        "Добрый день!\n\nПрошу принять во вложении замечания {s} к проекту руководящих принципов.\n\n"
        "С уважением,\n{n}\n{o}, г. {c}",
    ],
    "zh": [
        "尊敬的秘书处：\n\n根据国际电联第CL-19/47号通函，现随函附上{s}对全球网络安全议程准则磋商的意见，请查收。\n\n此致\n敬礼\n\n{n}\n{o}",
    ],
}
SUBJECTS = {
    "en": ["Contribution of {s} – CL-19/47", "CL-19/47: {s} input to the GCA guidelines",
           "Submission from {s} on the Global Cybersecurity Agenda guidelines", "GCA guidelines consultation – {s}"],
    "fr": ["Contribution {s} – CL-19/47", "Lettre circulaire CL-19/47 : commentaires {s}"],
    "es": ["Contribución de {s} – CL-19/47", "CL-19/47 – comentarios de {s}"],
    "ar": ["مساهمة {s} – CL-19/47", "CL-19/47 تعليقات {s}"],
    "ru": ["Вклад {s} – CL-19/47", "CL-19/47: замечания {s}"],
    "zh": ["{s}意见 – CL-19/47"],
}


def write_std(file, cls, iso, lang, s_name, s_of, sender, name, org, city, day, *, attach="docx", auth_mode="full",
              review=False, receipt=True, note="", variant=None, **kw) -> Mail:
    """A plain contribution in one of the six languages: s_name stands alone, s_of follows 'of'/'de'."""
    v = variant if variant is not None else rng.randrange(len(BODIES[lang]))
    body = BODIES[lang][v % len(BODIES[lang])].format(s=s_of, n=name, o=org, c=city, p=rng.randint(10**9, 10**10))
    subj = SUBJECTS[lang][rng.randrange(len(SUBJECTS[lang]))].format(s=s_of if lang in ("fr", "es", "ar", "ru") else s_name)
    title = TITLE[lang].format(s=s_of)
    atts = []
    doc = rng.sample(DOCS[lang], k=rng.randint(2, 4))    # states do not all send the same text
    if attach == "docx":
        atts = [(f"{iso}_CL-19-47_contribution.docx", docx_bytes(title, doc + [f"{org}, {s_name}"]))]
    elif attach == "pdf":
        atts = [(f"Contribution_{iso}_GCA.pdf", pdf_bytes(title, doc + [f"{org}, {s_name}"]))]
    elif attach == "body":
        body = body.split("\n\n", 1)[0] + "\n\n" + title + "\n\n" + "\n".join(doc) + "\n\n" + body.split("\n\n", 1)[1]
    return contribution(file, cls, [iso], when(day), sender, name, subj, body, review=review, receipt=receipt,
                        attachments=atts, auth_mode=auth_mode, note=note or f"{s_name}, {lang}, {auth_mode}, {attach}", **kw)


# ---------------------------------------------------------------- 1. ordinary contributions, six languages

ORD = [
    # iso, lang, standalone name, after 'of', sender, name, org, city, day, attach
    ("TUV", "en", "Tuvalu", "Tuvalu", "it.officer@gov.tv", "Semi Malaki", "Ministry of Transport, Energy, Communications and Innovation", "Funafuti", "2019-12-03", "docx"),
    ("KIR", "en", "Kiribati", "Kiribati", "secretary@mict.gov.ki", "Teewa Tebano", "Ministry of Information, Communications and Transport", "Tarawa", "2019-12-17", "pdf"),
    ("PLW", "en", "Palau", "the Republic of Palau", "ict@palaugov.pw", "Ngiraibuuch Tellei", "Bureau of Communications", "Koror", "2020-01-06", "docx"),
    ("FJI", "en", "Fiji", "Fiji", "digital@govnet.gov.fj", "Mereani Vakaloloma", "Ministry of Communications", "Suva", "2019-12-09", "body"),
    ("SLB", "en", "Solomon Islands", "Solomon Islands", "regulator@tcsi.gov.sb", "Peter Waleanisia", "Telecommunications Commission of Solomon Islands", "Honiara", "2020-01-13", "docx"),
    ("MDV", "en", "Maldives", "Maldives", "cybersec@cam.gov.mv", "Aishath Nazeera", "Communications Authority of Maldives", "Malé", "2019-12-21", "pdf"),
    ("BRB", "en", "Barbados", "Barbados", "telecoms@barbados.gov.bb", "Desmond Gittens", "Telecommunications Unit", "Bridgetown", "2020-01-08", "docx"),
    ("GUY", "en", "Guyana", "the Co-operative Republic of Guyana", "nfmu@nfmu.gov.gy", "Shondell Persaud", "National Frequency Management Unit", "Georgetown", "2019-12-12", "docx"),
    ("LSO", "en", "Lesotho", "the Kingdom of Lesotho", "cyber@lca.org.ls", "Mpho Lethole", "Lesotho Communications Authority", "Maseru", "2020-01-10", "pdf"),
    ("MWI", "en", "Malawi", "Malawi", "dg@macra.org.mw", "Chimwemwe Banda", "Malawi Communications Regulatory Authority", "Blantyre", "2019-12-05", "docx"),
    ("BTN", "en", "Bhutan", "Bhutan", "dit@moic.gov.bt", "Karma Wangchuk", "Department of Information Technology and Telecom, Ministry of Information and Communications", "Thimphu", "2019-12-27", "docx"),
    ("NPL", "en", "Nepal", "Nepal", "info@mocit.gov.np", "Sarita Shrestha", "Ministry of Communication and Information Technology", "Kathmandu", "2020-01-14", "pdf"),
    ("ETH", "en", "Ethiopia", "the Federal Democratic Republic of Ethiopia", "policy@mint.gov.et", "Hiwot Bekele", "Ministry of Innovation and Technology", "Addis Ababa", "2019-12-19", "docx"),
    ("ZWE", "en", "Zimbabwe", "Zimbabwe", "cyber@potraz.gov.zw", "Tendai Moyo", "Postal and Telecommunications Regulatory Authority of Zimbabwe", "Harare", "2020-01-03", "docx"),
    ("PNG", "en", "Papua New Guinea", "Papua New Guinea", "cybersecurity@nicta.gov.pg", "Kila Gere", "National Information and Communications Technology Authority", "Port Moresby", "2019-12-11", "pdf"),
    ("SSD", "en", "South Sudan", "the Republic of South Sudan", "dg@nca.gov.ss", "Deng Majok", "National Communication Authority", "Juba", "2020-01-09", "docx"),
    ("SWZ", "en", "Eswatini", "the Kingdom of Eswatini", "cyber@esccom.org.sz", "Nomsa Dlamini", "Eswatini Communications Commission", "Mbabane", "2019-12-16", "docx"),
    ("TLS", "en", "Timor-Leste", "the Democratic Republic of Timor-Leste", "info@anc.gov.tl", "Jacinto Ximenes", "Autoridade Nacional de Comunicações", "Dili", "2020-01-07", "pdf"),
    ("COM", "fr", "les Comores", "de l'Union des Comores", "contact@anrtic.km", "Ahmed Said Mohamed", "Autorité Nationale de Régulation des TIC", "Moroni", "2019-12-18", "docx"),
    ("BDI", "fr", "le Burundi", "du Burundi", "dg@arct.gov.bi", "Jean-Bosco Ndayishimiye", "Agence de Régulation et de Contrôle des Télécommunications", "Bujumbura", "2020-01-02", "docx"),
    ("TCD", "fr", "le Tchad", "de la République du Tchad", "sg@arcep.td", "Mahamat Abakar", "Autorité de Régulation des Communications Électroniques et des Postes", "N'Djamena", "2019-12-10", "pdf"),
    ("CAF", "fr", "la République centrafricaine", "de la République centrafricaine", "cabinet@arcep.cf", "Sylvie Yakité", "ARCEP Centrafrique", "Bangui", "2020-01-11", "docx"),
    ("LUX", "fr", "le Luxembourg", "du Grand-Duché de Luxembourg", "cybersecurite@me.etat.lu", "Marc Weber", "Ministère de l'Économie, Service des médias et des communications", "Luxembourg", "2019-12-20", "docx"),
    ("COG", "fr", "la République du Congo", "de la République du Congo", "dg@arpce.cg", "Clarisse Mabiala", "Agence de Régulation des Postes et des Communications Électroniques", "Brazzaville", "2019-12-23", "pdf"),
    ("NER", "fr", "le Niger", "de la République du Niger", "sg@arcep.ne", "Moussa Issoufou", "Autorité de Régulation des Communications Électroniques et de la Poste", "Niamey", "2020-01-06", "docx"),
    ("CIV", "fr", "la Côte d'Ivoire", "de la Côte d'Ivoire", "cybersecurite@artci.ci", "Aya Konan", "Autorité de Régulation des Télécommunications/TIC de Côte d'Ivoire", "Abidjan", "2019-12-13", "docx"),
    ("DJI", "fr", "Djibouti", "de la République de Djibouti", "mcpt@mcpt.gouv.dj", "Fathia Hassan Omar", "Ministère de la Communication, chargé des Postes et des Télécommunications", "Djibouti", "2020-01-14", "pdf"),
    ("BOL", "es", "Bolivia", "el Estado Plurinacional de Bolivia", "ciberseguridad@att.gob.bo", "Marcelo Quispe", "Autoridad de Regulación y Fiscalización de Telecomunicaciones y Transportes", "La Paz", "2019-12-04", "docx"),
    ("URY", "es", "Uruguay", "la República Oriental del Uruguay", "cert@agesic.gub.uy", "Lucía Fernández", "Agesic", "Montevideo", "2020-01-10", "pdf"),
    ("HND", "es", "Honduras", "la República de Honduras", "asuntosinternacionales@conatel.gob.hn", "Óscar Mejía", "Comisión Nacional de Telecomunicaciones", "Tegucigalpa", "2019-12-26", "docx"),
    ("PAN", "es", "Panamá", "la República de Panamá", "csirt@innovacion.gob.pa", "Itzel Castillo", "Autoridad Nacional para la Innovación Gubernamental", "Ciudad de Panamá", "2020-01-13", "docx"),
    ("CRI", "es", "Costa Rica", "Costa Rica", "despacho@micitt.go.cr", "Andrés Solano", "Ministerio de Ciencia, Tecnología y Telecomunicaciones", "San José", "2019-12-30", "docx"),
    ("MRT", "ar", "موريتانيا", "الجمهورية الإسلامية الموريتانية", "contact@are.mr", "محمد ولد أحمد", "سلطة التنظيم", "نواكشوط", "2019-12-15", "docx"),
    ("YEM", "ar", "اليمن", "الجمهورية اليمنية", "info@mtit.gov.ye", "عبد الله الحميري", "وزارة الاتصالات وتقنية المعلومات", "صنعاء", "2020-01-05", "docx"),
    ("JOR", "ar", "الأردن", "المملكة الأردنية الهاشمية", "cyber@modee.gov.jo", "رنا الخطيب", "وزارة الاقتصاد الرقمي والريادة", "عمّان", "2019-12-08", "docx"),
    ("QAT", "ar", "قطر", "دولة قطر", "ncsa@mcit.gov.qa", "خالد المري", "وزارة المواصلات والاتصالات", "الدوحة", "2020-01-12", "docx"),
    ("LBY", "ar", "ليبيا", "دولة ليبيا", "gicm@cim.gov.ly", "سالم الورفلي", "الهيئة العامة للاتصالات والمعلوماتية", "طرابلس", "2019-12-22", "docx"),
    ("KGZ", "ru", "Кыргызстан", "Кыргызской Республики", "info@gkits.gov.kg", "Айбек Турдубаев", "Государственный комитет информационных технологий и связи", "Бишкек", "2019-12-06", "docx"),
    ("TJK", "ru", "Таджикистан", "Республики Таджикистан", "khs@khs.tj", "Фарход Рахимов", "Служба связи при Правительстве Республики Таджикистан", "Душанбе", "2020-01-04", "docx"),
    ("ARM", "ru", "Армения", "Республики Армения", "international@mtcit.am", "Армен Саркисян", "Министерство высокотехнологической промышленности", "Ереван", "2019-12-24", "docx"),
    ("KAZ", "ru", "Казахстан", "Республики Казахстан", "kanc@mdai.gov.kz", "Айгерим Нурланова", "Министерство цифрового развития, инноваций и аэрокосмической промышленности", "Нур-Султан", "2020-01-09", "docx"),
    ("CHN", "zh", "中华人民共和国", "中华人民共和国", "gjhzs@miit.gov.cn", "王丽", "工业和信息化部国际合作司", "北京", "2020-01-08", "docx"),
]
for i, (iso, lang, sn, so, snd, nm, org, city, day, att) in enumerate(ORD):
    mode = ["full", "full", "spf_only", "dkim_sub"][i % 4]
    kw = {}
    if mode == "spf_only":
        kw["mailfrom"] = "bounces." + snd.split("@")[1]
    if mode == "dkim_sub":
        kw["dkim_d"] = "mail." + snd.split("@")[1]
    write_std(f"ordinary-{lang}-{iso.lower()}", "ordinary", iso, lang, sn, so, snd, nm, org, city, day, attach=att,
              auth_mode=mode, variant=i, **kw)


# ---------------------------------------------------------------- 2. authentication variants

AUTHS = [
    ("NRU", "Nauru", "ict@naurugov.nr", "Joy Adeang", "Department of ICT", "spf_only", "bounce.naurugov.nr", None),
    ("TON", "the Kingdom of Tonga", "ceo@mic.gov.to", "Sione Fifita", "Ministry of Meteorology, Energy, Information, Disaster Management, Environment, Climate Change and Communications", "spf_only", "smtp-out.mic.gov.to", None),
    ("VUT", "the Republic of Vanuatu", "cyber@trr.vu", "Marie-Louise Kalsakau", "Telecommunications, Radiocommunications and Broadcasting Regulator", "spf_only", "relay.trr.vu", None),
    ("SYC", "Seychelles", "dict@ict.gov.sc", "Bernard Hoareau", "Department of Information Communications Technology", "dkim_sub", None, "mx.ict.gov.sc"),
    ("MUS", "the Republic of Mauritius", "cert@icta.mu", "Priya Ramgoolam", "Information and Communication Technologies Authority", "dkim_sub", None, "mailer.icta.mu"),
    ("BHS", "The Bahamas", "urca@urcabahamas.bs", "Kendrick Rolle", "Utilities Regulation and Competition Authority", "dkim_sub", None, "notify.urcabahamas.bs"),
    ("JAM", "Jamaica", "regulation@our.org.jm", "Tamika Brown", "Office of Utilities Regulation", "folded", "our.org.jm", None),
    ("TTO", "Trinidad and Tobago", "cybersec@tatt.org.tt", "Rajesh Maharaj", "Telecommunications Authority of Trinidad and Tobago", "folded", "mail.tatt.org.tt", None),
    ("BLZ", "Belize", "puc@puc.bz", "Shanelle Young", "Public Utilities Commission", "folded", "puc.bz", None),
    ("SUR", "the Republic of Suriname", "info@tas.sr", "Ravi Ramdin", "Telecommunicatie Autoriteit Suriname", "folded", "out.tas.sr", None),
]
for iso, so, snd, nm, org, mode, mf, dd in AUTHS:
    write_std(f"auth-{mode}-{iso.lower()}", "auth", iso, "en", so.replace("the ", "").replace("Republic of ", ""), so, snd,
              nm, org, "", rng.choice(["2019-12-02", "2019-12-14", "2019-12-29", "2020-01-07", "2020-01-11"]),
              attach=rng.choice(["docx", "pdf"]), auth_mode=mode, mailfrom=mf, dkim_d=dd,
              note=f"{mode}: aligned pass on a subdomain / dmarc=none; should authenticate")
# a failed check with a forged pass from an untrusted authserv-id: provisional, no receipt
write_std("auth-forged-kna", "auth", "KNA", "en", "Saint Kitts and Nevis", "Saint Kitts and Nevis", "ict@gov.kn",
          "Delroy Liburd", "Department of Technology", "Basseterre", "2019-12-19", auth_mode="forged",
          review=True, receipt=False, note="trusted server says spf softfail/dkim fail/dmarc fail; an untrusted header forges a pass")
write_std("auth-fail-atg", "auth", "ATG", "en", "Antigua and Barbuda", "Antigua and Barbuda", "telecoms@ab.gov.ag",
          "Kerry-Ann Joseph", "Telecommunications Division", "St. John's", "2020-01-02", auth_mode="fail", attach="pdf",
          review=True, receipt=False, note="dmarc=fail (p=reject); document consistently names the state: provisional")


# ---------------------------------------------------------------- 3. body-only contributions (some HTML-only)

contribution("body_only-mng", "body_only", ["MNG"], when("2019-12-12"), "foreign@crc.gov.mn", "Batbayar Ganbold",
             "Mongolia - comments on GCA guidelines (CL-19/47)",
             "Dear ITU Secretariat,\n\nMongolia would like to share the following short comments on the draft guidelines:\n\n"
             "- The guidelines should recognise national cybersecurity strategies adopted by parliament.\n"
             "- A regional CIRT network for Central and North-East Asia would help landlocked countries.\n"
             "- Training material should be available in more languages.\n\nRespectfully,\nBatbayar Ganbold\n"
             "Communications Regulatory Commission of Mongolia\nUlaanbaatar", note="body-only, en, no attachment")
contribution("body_only-lao", "body_only", ["LAO"], when("2020-01-06"), "laocert@mtc.gov.la", "Khamphone Sisavath",
             "Comments of Lao PDR on the GCA guidelines",
             "Dear Sir/Madam,\n\nThe Ministry of Technology and Communications of the Lao People's Democratic Republic "
             "supports the draft guidelines and proposes that Section 3 include guidance on protecting critical "
             "infrastructure in developing countries.\n\nBest regards,\nKhamphone Sisavath\nLaoCERT, Vientiane",
             note="body-only, Lao People's Democratic Republic (long name)")
contribution("body_only-html-tkm", "body_only", ["TKM"], when("2019-12-20"), "mfa@online.tm", "Мерген Атаев",
             "Замечания Туркменистана (CL-19/47)", "",
             html="<html><body><p>Уважаемые коллеги,</p><p><b>Туркменистан</b> поддерживает проект руководящих "
             "принципов и предлагает уделить больше внимания защите критической информационной инфраструктуры.</p>"
             "<p>С уважением,<br>Мерген Атаев<br>Министерство иностранных дел Туркменистана, Ашхабад</p></body></html>",
             auth_mode="dkim_sub", dkim_d="mx.online.tm", note="HTML-only, ru, body-only")
contribution("body_only-html-aze", "body_only", ["AZE"], when("2020-01-13"), "office@mincom.gov.az", "Rashad Aliyev",
             "Azerbaijan: input to CL-19/47", "",
             html="<html><head><style>p{font-family:Calibri}</style></head><body><p>Dear colleagues,</p>"
             "<p>Please find below the position of the <strong>Republic of Azerbaijan</strong> on the GCA guidelines:</p>"
             "<ol><li>Legal measures should be aligned with existing international instruments.</li>"
             "<li>Child online protection deserves its own chapter.</li></ol>"
             "<p>Best regards,<br>Rashad Aliyev<br>Ministry of Transport, Communications and High Technologies<br>Baku, Azerbaijan</p>"
             "</body></html>", note="HTML-only, en")
contribution("body_only-qp-and", "body_only", ["AND"], when("2019-12-17"), "telecomunicacions@govern.ad", "Jordi Puig",
             "Contribution de la Principauté d'Andorre – CL-19/47",
             "Madame, Monsieur,\n\nLe Gouvernement d'Andorre souhaite formuler les observations suivantes :\n"
             "1. Les petits États ont besoin de modèles de législation simplifiés.\n"
             "2. La coopération avec les pays voisins (France, Espagne) est essentielle pour la réponse aux incidents.\n\n"
             "Salutations distinguées,\nJordi Puig\nMinistère de la Présidence, de l'Économie et de l'Entreprise\n"
             "Andorra la Vella, Principauté d'Andorre", charset="iso-8859-1", cte="quoted-printable",
             note="body-only, fr, latin-1 quoted-printable; names France and Spain as neighbours")
contribution("body_only-vct", "body_only", ["VCT"], when("2020-01-14"), "ntrc@ntrc.vc", "Kelvin Browne",
             "SVG comments - GCA guidelines",
             "Hi,\n\nSt Vincent and the Grenadines has a few comments:\n\n(a) please keep the guidelines short;\n"
             "(b) include a template for a national cyber incident response plan;\n"
             "(c) the Caribbean region needs dedicated capacity building.\n\nRegards\nKelvin Browne\n"
             "National Telecommunications Regulatory Commission\nKingstown, St. Vincent and the Grenadines",
             auth_mode="spf_only", mailfrom="ntrc.vc", note="body-only, abbreviations SVG / St Vincent")
contribution("body_only-srb", "body_only", ["SRB"], when("2019-12-09"), "kabinet@mtt.gov.rs", "Milica Jovanović",
             "Contribution of the Republic of Serbia", "Dear Madam/Sir,\n\nThe Ministry of Trade, Tourism and "
             "Telecommunications of the Republic of Serbia welcomes the draft. We propose that the guidelines refer to "
             "the Budapest Convention and to the NIS Directive as examples only.\n\nYours sincerely,\nMilica Jovanović\n"
             "Belgrade", note="body-only, mentions Budapest (a city) and NIS Directive")
contribution("body_only-html-hun", "body_only", ["HUN"], when("2020-01-03"), "nemzetkozi@nmhh.hu", "Katalin Szabó",
             "Hungary's comments on the GCA guidelines", "",
             html="<div dir=ltr><div>Dear ITU,</div><div><br></div><div>Hungary's National Media and Infocommunications "
             "Authority submits the following comment: the guidelines should distinguish between the roles of the "
             "regulator and the national CSIRT.</div><div><br></div><div>Kind regards,</div><div>Katalin Szabó<br>"
             "NMHH, Budapest, Hungary</div></div>", auth_mode="spf_only", mailfrom="nmhh.hu",
             note="HTML-only gmail-like markup, SPF-only")


# ---------------------------------------------------------------- 4. languages beyond the six

NONUN = [
    ("CPV", "pt", "gabinete@arme.cv", "Maria do Céu Tavares", "2019-12-11",
     "Contribuição de Cabo Verde – CL-19/47",
     "Exmos. Senhores,\n\nEm resposta à Carta Circular CL-19/47, junto enviamos a contribuição da República de Cabo "
     "Verde para a consulta sobre as diretrizes da Agenda Global de Cibersegurança.\n\nCom os melhores cumprimentos,\n"
     "Maria do Céu Tavares\nAgência Reguladora Multissetorial da Economia\nPraia, Cabo Verde"),
    ("STP", "pt", "ager@ager.st", "Adilson da Costa", "2020-01-08",
     "Comentários de São Tomé e Príncipe sobre as diretrizes",
     "Caros colegas,\n\nA Autoridade Geral de Regulação de São Tomé e Príncipe envia em anexo os seus comentários.\n\n"
     "Atenciosamente,\nAdilson da Costa\nSão Tomé"),
    ("MOZ", "pt", "cyber@incm.gov.mz", "Celso Macuácua", "2019-12-18",
     "Moçambique – contribuição CL-19/47",
     "Prezados Senhores,\n\nO Instituto Nacional das Comunicações de Moçambique tem a honra de submeter a sua "
     "contribuição.\n\nCumprimentos,\nCelso Macuácua\nMaputo, Moçambique"),
    ("AGO", "pt", "gabinete@inacom.gov.ao", "Luzia Bento", "2020-01-10",
     "Contribuição da República de Angola",
     "Exmos. Senhores,\n\nSegue em anexo a contribuição de Angola relativa às diretrizes sobre cibersegurança.\n\n"
     "Melhores cumprimentos,\nLuzia Bento\nInstituto Angolano das Comunicações, Luanda"),
    ("LIE", "de", "info@llv.li", "Andreas Frick", "2019-12-16",
     "Stellungnahme des Fürstentums Liechtenstein zu CL-19/47",
     "Sehr geehrte Damen und Herren,\n\nim Anhang erhalten Sie die Stellungnahme des Fürstentums Liechtenstein zu den "
     "Leitlinien der Globalen Cybersicherheitsagenda. Wir verweisen auf die enge Zusammenarbeit mit der Schweiz und "
     "Österreich.\n\nMit freundlichen Grüssen\nAndreas Frick\nAmt für Kommunikation, Vaduz"),
    ("AUT", "de", "international@rtr.at", "Sabine Gruber", "2020-01-07",
     "Österreich: Kommentare zu den GCA-Leitlinien",
     "Sehr geehrte Kolleginnen und Kollegen,\n\nÖsterreich übermittelt hiermit seine Kommentare zum Entwurf der "
     "Leitlinien.\n\nMit freundlichen Grüßen\nSabine Gruber\nRundfunk und Telekom Regulierungs-GmbH, Wien"),
    ("SMR", "it", "segreteria.esteri@gov.sm", "Giulia Gasperoni", "2019-12-20",
     "Contributo della Repubblica di San Marino – CL-19/47",
     "Gentili Signori,\n\nin riferimento alla Lettera Circolare CL-19/47, si trasmette in allegato il contributo della "
     "Repubblica di San Marino alla consultazione sulle linee guida dell'Agenda globale per la cibersicurezza.\n\n"
     "Distinti saluti,\nGiulia Gasperoni\nSegreteria di Stato per gli Affari Esteri"),
    ("TUR", "tr", "uluslararasi@btk.gov.tr", "Ayşe Yılmaz", "2020-01-09",
     "Türkiye'nin CL-19/47 katkısı",
     "Sayın Yetkili,\n\nCL-19/47 sayılı sirküler mektuba istinaden, Türkiye Cumhuriyeti'nin Küresel Siber Güvenlik "
     "Gündemi kılavuzlarına ilişkin katkısını ekte sunarız.\n\nSaygılarımızla,\nAyşe Yılmaz\n"
     "Bilgi Teknolojileri ve İletişim Kurumu, Ankara"),
    ("IRN", "fa", "intl@ict.gov.ir", "مریم احمدی", "2019-12-24",
     "نظرات جمهوری اسلامی ایران درباره رهنمودها – CL-19/47",
     "با سلام و احترام،\n\nبه پیوست نظرات جمهوری اسلامی ایران درباره پیش‌نویس رهنمودهای دستور کار جهانی امنیت سایبری "
     "ارسال می‌گردد.\n\nبا تشکر،\nمریم احمدی\nوزارت ارتباطات و فناوری اطلاعات، تهران"),
    ("IDN", "id", "humas@kominfo.go.id", "Dewi Lestari", "2020-01-06",
     "Kontribusi Indonesia untuk konsultasi CL-19/47",
     "Yth. Sekretariat ITU,\n\nBersama ini kami sampaikan kontribusi Republik Indonesia terhadap rancangan pedoman "
     "Agenda Keamanan Siber Global.\n\nHormat kami,\nDewi Lestari\nKementerian Komunikasi dan Informatika, Jakarta"),
    ("JPN", "ja", "kokusai@soumu.go.jp", "佐藤 美咲", "2019-12-25",
     "CL-19/47に対する日本の意見",
     "ITU事務局御中\n\nCL-19/47に基づき、グローバル・サイバーセキュリティ・アジェンダ指針案に対する日本の意見を添付にて提出いたします。\n\n"
     "よろしくお願いいたします。\n\n総務省 国際戦略局\n佐藤 美咲"),
    ("KOR", "ko", "intl@msit.go.kr", "김민지", "2020-01-03",
     "대한민국 의견서 제출 (CL-19/47)",
     "ITU 사무국 귀중\n\nCL-19/47 회람에 따라 글로벌 사이버보안 의제 지침 초안에 대한 대한민국의 의견서를 첨부하여 제출합니다.\n\n"
     "감사합니다.\n김민지\n과학기술정보통신부, 세종"),
    ("TZA", "sw", "dg@tcra.go.tz", "Neema Mwakyusa", "2019-12-13",
     "Mchango wa Tanzania kuhusu miongozo ya CL-19/47",
     "Ndugu Sekretarieti,\n\nTunawasilisha mchango wa Jamhuri ya Muungano wa Tanzania kuhusu rasimu ya miongozo ya "
     "Ajenda ya Usalama wa Mtandao Duniani. Tafadhali pata kiambatisho.\n\nWako,\nNeema Mwakyusa\n"
     "Mamlaka ya Mawasiliano Tanzania, Dar es Salaam"),
    ("MDA", "ro", "office@anrceti.md", "Ion Ciobanu", "2019-12-27",
     "Contribuția Republicii Moldova la consultarea CL-19/47",
     "Stimați colegi,\n\nVă transmitem în anexă contribuția Republicii Moldova privind proiectul de ghiduri.\n\n"
     "Cu stimă,\nIon Ciobanu\nANRCETI, Chișinău"),
    ("POL", "pl", "sekretariat@mc.gov.pl", "Agnieszka Kowalska", "2020-01-13",
     "Stanowisko Rzeczypospolitej Polskiej – CL-19/47",
     "Szanowni Państwo,\n\nw załączeniu przekazuję stanowisko Polski w sprawie projektu wytycznych Globalnej Agendy "
     "Cyberbezpieczeństwa.\n\nZ poważaniem,\nAgnieszka Kowalska\nKancelaria Prezesa Rady Ministrów, Warszawa"),
    ("CYP", "el", "info@ocecpr.org.cy", "Ελένη Γεωργίου", "2019-12-09",
     "Συνεισφορά της Κυπριακής Δημοκρατίας – CL-19/47",
     "Αγαπητοί κύριοι,\n\nΣας αποστέλλουμε συνημμένα τη συνεισφορά της Κύπρου στη διαβούλευση.\n\nΜε εκτίμηση,\n"
     "Ελένη Γεωργίου\nΓραφείο Επιτρόπου Ρυθμίσεως Ηλεκτρονικών Επικοινωνιών, Λευκωσία"),
]
for iso, lang, snd, nm, day, subj, body in NONUN:
    atts = [(f"{iso}-CL1947.docx", docx_bytes(subj, [body.split("\n\n")[1]] + DOC_EN[:2]))] if iso not in ("IDN", "KOR") else []
    contribution(f"non_un_language-{lang}-{iso.lower()}", "non_un_language", [iso], when(day), snd, nm, subj, body,
                 attachments=atts, note=f"written in {lang}" + ("" if atts else ", body only"),
                 auth_mode=rng.choice(["full", "full", "spf_only"]), mailfrom=None)


# ---------------------------------------------------------------- 5. country words and confusable names

CW = [
    ("NGA", "info@nitda.gov.ng", "Chinedu Okafor", "2019-12-10", "Nigeria: comments on CL-19/47",
     "Dear Sir,\n\nThe National Information Technology Development Agency of the Federal Republic of Nigeria submits "
     "its comments. Our experience in the Niger Delta region shows that critical infrastructure protection needs "
     "community engagement.\n\nYours faithfully,\nChinedu Okafor\nNITDA, Abuja, Nigeria", "Nigeria vs Niger Delta"),
    ("NER", "cabinet@mpnt.gouv.ne", "Aïchatou Boubacar", "2019-12-21", "Contribution du Niger – CL-19/47",
     "Monsieur le Directeur,\n\nLe Ministère des Postes et des Nouvelles Technologies de la République du Niger vous "
     "transmet sa contribution. Le Niger coopère étroitement avec le Nigeria voisin et l'Autorité du Bassin du Niger.\n\n"
     "Haute considération,\nAïchatou Boubacar\nNiamey", "Niger; mentions Nigeria as neighbour and the Niger Basin Authority"),
    ("GIN", "sg@mptea.gov.gn", "Mamadou Diallo", "2020-01-07", "Contribution de la République de Guinée",
     "Madame, Monsieur,\n\nLa République de Guinée transmet ci-joint sa contribution. La sécurité des câbles sous-marins "
     "du golfe de Guinée mérite une attention particulière.\n\nCordialement,\nMamadou Diallo\nConakry, Guinée",
     "Guinea; Gulf of Guinea is a place"),
    ("GNB", "geral@arn.gw", "Fatumata Baldé", "2019-12-30", "Contribuição da Guiné-Bissau – CL-19/47",
     "Exmos. Senhores,\n\nA Autoridade Reguladora Nacional da Guiné-Bissau envia a sua contribuição em anexo.\n\n"
     "Cordiais saudações,\nFatumata Baldé\nBissau", "Guinea-Bissau in pt"),
    ("GNQ", "ortel@ortel.gob.gq", "Teodora Nsue", "2019-12-17", "Contribución de la República de Guinea Ecuatorial",
     "Estimados señores:\n\nAdjuntamos la contribución de Guinea Ecuatorial a la consulta CL-19/47.\n\nAtentamente,\n"
     "Teodora Nsue\nÓrgano Regulador de las Telecomunicaciones, Malabo", "Equatorial Guinea in es"),
    ("COD", "cabinet@arptc.gouv.cd", "Patrick Kabila Mutombo", "2020-01-10",
     "Contribution de la République démocratique du Congo – CL-19/47",
     "Madame, Monsieur,\n\nL'Autorité de Régulation de la Poste et des Télécommunications du Congo (ARPTC) de la "
     "République démocratique du Congo vous adresse ses commentaires.\n\nCordialement,\nPatrick Kabila Mutombo\nKinshasa, RDC",
     "DR Congo; 'du Congo' in the regulator's name"),
    ("COG", "minpt@postes.gouv.cg", "Arsène Ngouabi", "2019-12-05", "Commentaires du Congo-Brazzaville",
     "Bonjour,\n\nVeuillez trouver les commentaires de la République du Congo. Nous proposons une coopération régionale "
     "au sein du bassin du Congo avec nos voisins.\n\nSalutations,\nArsène Ngouabi\nMinistère des Postes, Brazzaville",
     "Congo (Brazzaville); Congo basin"),
    ("DMA", "ictunit@dominica.gov.dm", "Gregory Charles", "2019-12-19", "Commonwealth of Dominica – GCA input",
     "Dear Secretariat,\n\nAttached please find the contribution of the Commonwealth of Dominica. As a small island "
     "developing state we ask for model laws.\n\nRegards,\nGregory Charles\nMinistry of Information, Science and "
     "Telecommunications, Roseau, Dominica", "Dominica, not the Dominican Republic"),
    ("DOM", "relacionesinternacionales@indotel.gob.do", "Yokasta Peña", "2020-01-08",
     "Contribución de la República Dominicana",
     "Estimados:\n\nEl Instituto Dominicano de las Telecomunicaciones remite la contribución de la República "
     "Dominicana.\n\nSaludos,\nYokasta Peña\nSanto Domingo", "Dominican Republic in es"),
    ("SDN", "info@tpra.gov.sd", "عمر الأمين", "2019-12-28", "مساهمة جمهورية السودان",
     "السادة الأفاضل،\n\nنرفق طيه مساهمة جمهورية السودان. ونؤكد على أهمية التعاون مع جمهورية جنوب السودان في مجال "
     "أمن الشبكات العابرة للحدود.\n\nمع التحية،\nعمر الأمين\nالهيئة القومية للاتصالات والبريد، الخرطوم",
     "Sudan; mentions South Sudan as a partner"),
    ("KOR", "cyber@kisa.or.kr", "Park Ji-hoon", "2019-12-12", "Republic of Korea - comments on CL-19/47",
     "Dear colleagues,\n\nThe Korea Internet & Security Agency submits the comments of the Republic of Korea.\n\n"
     "Best regards,\nPark Ji-hoon\nKISA, Naju, Republic of Korea", "Republic of Korea; 'Korea' in the agency name"),
    ("PRK", "mpt@star-co.net.kp", "Kim Song Il", "2020-01-04",
     "Contribution of the Democratic People's Republic of Korea",
     "To the ITU Secretariat,\n\nThe Ministry of Posts and Telecommunications of the Democratic People's Republic of "
     "Korea presents its views on the draft guidelines, attached.\n\nKim Song Il\nPyongyang, DPR Korea",
     "DPRK; must not become the Republic of Korea"),
    ("WSM", "ceo@mcit.gov.ws", "Tuala Fa'amausili", "2019-12-06", "Samoa contribution CL-19/47",
     "Talofa lava,\n\nSamoa submits its contribution. We cooperate with neighbouring American Samoa on the "
     "Tui-Samoa submarine cable.\n\nFa'afetai,\nTuala Fa'amausili\nMinistry of Communications and Information "
     "Technology, Apia, Samoa", "Samoa; American Samoa is a territory, not a state"),
    ("MKD", "contact@aek.mk", "Elena Stojanovska", "2020-01-11", "North Macedonia: input to the GCA guidelines",
     "Dear Sir/Madam,\n\nThe Agency for Electronic Communications of North Macedonia submits its contribution. Our "
     "operators (Makedonski Telekom and others) were consulted.\n\nKind regards,\nElena Stojanovska\nSkopje",
     "North Macedonia; 'Makedonski' in an operator name"),
    ("CZE", "podatelna@ctu.cz", "Tomáš Novák", "2019-12-03", "Czechia – contribution to CL-19/47",
     "Dear Madam/Sir,\n\nThe Czech Telecommunication Office submits the comments of the Czech Republic. They were "
     "coordinated with our Slovak colleagues.\n\nRegards,\nTomáš Novák\nPrague, Czechia",
     "Czechia / Czech Republic; Slovak colleagues mentioned"),
    ("HND", "regulacion@conatel.gob.hn", "Karla Zelaya", "2020-01-12", "Honduras – aportes a CL-19/47",
     "Estimados:\n\nHonduras remite sus aportes. Consideramos útil la experiencia de la Comisión Interamericana de "
     "Telecomunicaciones (CITEL) y del Banco Interamericano de Desarrollo.\n\nAtentamente,\nKarla Zelaya\nCONATEL, Tegucigalpa",
     "Honduras; Inter-American bodies are no states"),
    ("OMN", "ocert@ita.gov.om", "Salim Al-Busaidi", "2019-12-23", "Sultanate of Oman - contribution to CL-19/47",
     "Dear ITU,\n\nThe Sultanate of Oman, which hosts the ITU Arab Regional Cybersecurity Centre, submits the "
     "attached contribution.\n\nBest regards,\nSalim Al-Busaidi\nOman National CERT, Muscat",
     "Oman; 'Arab Regional' centre"),
    ("MLT", "info@mca.org.mt", "Claire Borg", "2020-01-09", "Malta: comments on the draft GCA guidelines",
     "Dear colleagues,\n\nMalta's Communications Authority submits its comments, drawing on the work of the European "
     "Union Agency for Cybersecurity and the European Commission.\n\nRegards,\nClaire Borg\nValletta, Malta",
     "Malta; European bodies"),
    ("BFA", "dg@arcep.bf", "Issouf Ouédraogo", "2019-12-16", "Contribution du Burkina Faso",
     "Mesdames, Messieurs,\n\nLe Burkina Faso soutient l'approche de la Commission de l'Union africaine et de la "
     "Communauté économique des États de l'Afrique de l'Ouest. Notre contribution est jointe.\n\nCordialement,\n"
     "Issouf Ouédraogo\nARCEP, Ouagadougou", "Burkina Faso; African Union Commission, ECOWAS"),
    ("LCA", "ntrc@ntrc.org.lc", "Marcia Joseph", "2020-01-06", "Saint Lucia - submission on GCA guidelines",
     "Good day,\n\nSaint Lucia submits the attached. We support the Caribbean Telecommunications Union's call for a "
     "Caribbean cyber resilience framework.\n\nRegards,\nMarcia Joseph\nNTRC, Castries, Saint Lucia",
     "Saint Lucia; Caribbean Telecommunications Union named"),
]
for iso, snd, nm, day, subj, body, note in CW:
    contribution(f"country_words-{iso.lower()}", "country_words", [iso], when(day), snd, nm, subj, body,
                 attachments=[(f"{iso.lower()}_contribution.docx", docx_bytes(subj, body.split("\n\n")[1:2] + DOC_EN[2:]))]
                 if rng.random() < 0.6 else [], note=note)
contribution("country_words-au-commission", "country_words", [], when("2020-01-10"), "infosoc@africa-union.org",
             "Dr. Amina Mohammed", "African Union Commission - comments on the GCA guidelines",
             "Dear Secretariat,\n\nThe African Union Commission, Department of Infrastructure and Energy, submits the "
             "attached comments on behalf of the Commission, drawing on the Malabo Convention.\n\nBest regards,\n"
             "Amina Mohammed\nAfrican Union Commission, Addis Ababa, Ethiopia", review=True,
             attachments=[("AUC_comments_GCA.pdf", pdf_bytes("African Union Commission comments", DOC_EN))],
             note="an organisation of states with no list of co-signers; Addis Ababa, Ethiopia is only its seat")


# ---------------------------------------------------------------- 6. webmail senders (provisional, review)

WEB = [
    ("GMB", "lamin.jallow.moici@gmail.com", "Lamin Jallow", "2019-12-11", "The Gambia contribution CL-19/47",
     "Dear ITU,\n\nPlease find attached the contribution of The Gambia. Our government mail server is down, so I am "
     "sending from my personal address.\n\nLamin Jallow\nMinistry of Information and Communication Infrastructure\n"
     "Banjul, The Gambia"),
    ("SLE", "natcom.sl@yahoo.co.uk", "NATCOM Sierra Leone", "2020-01-06", "Sierra Leone input - GCA",
     "Dear Sir/Madam,\n\nAttached is the input of Sierra Leone.\n\nThanks\nFatmata Kamara\nNational Telecommunications "
     "Commission, Freetown, Sierra Leone"),
    ("LBR", "liberia.cyber.desk@gmail.com", "Cyber Desk", "2019-12-20", "Liberia comments",
     "Hello,\n\nThe Liberia Telecommunications Authority sends the attached comments of the Republic of Liberia.\n\n"
     "Regards,\nJosephine Tarr\nMonrovia"),
    ("HTI", "conatel.haiti@hotmail.fr", "Jean-Robert Pierre", "2020-01-09", "Contribution d'Haïti",
     "Bonjour,\n\nCi-joint la contribution de la République d'Haïti (CONATEL).\n\nCordialement,\nJean-Robert Pierre\n"
     "Conseil National des Télécommunications, Port-au-Prince, Haïti"),
    ("NIC", "telcor.nicaragua@gmail.com", "Ernesto Rivas", "2019-12-14", "Aportes de Nicaragua",
     "Estimados,\n\nEnvío adjunto los aportes de Nicaragua.\n\nSaludos\nErnesto Rivas\nTELCOR, Managua, Nicaragua"),
    ("KHM", "sokha.trc@outlook.com", "Sokha Chan", "2020-01-02", "Cambodia comments to the GCA guidelines",
     "Dear Secretariat,\n\nI attach the comments of the Kingdom of Cambodia.\n\nBest,\nSokha Chan\n"
     "Telecommunication Regulator of Cambodia, Phnom Penh"),
    ("TGO", "arcep.togo@yahoo.fr", "Kossi Agbeko", "2019-12-26", "Contribution du Togo",
     "Madame, Monsieur,\n\nJe vous prie de trouver ci-joint la contribution de la République togolaise.\n\n"
     "Kossi Agbeko\nARCEP Togo, Lomé"),
    ("SOM", "mopt.somalia@gmail.com", "وزارة البريد والاتصالات", "2020-01-12", "مساهمة الصومال",
     "السلام عليكم،\n\nنرفق مساهمة جمهورية الصومال الفيدرالية.\n\nأحمد علي\nوزارة البريد والاتصالات والتكنولوجيا، مقديشو"),
]
for iso, snd, nm, day, subj, body in WEB:
    contribution(f"webmail-{iso.lower()}", "webmail", [iso], when(day), snd, nm, subj, body, review=True,
                 attachments=[(f"{iso}_contribution.docx", docx_bytes(subj, [body.split("\n\n")[1]] + DOC_EN[:3]))],
                 note="webmail sender; signature and document name the state: provisional, review")


# ---------------------------------------------------------------- 7. joint contributions

JOINT = [
    (["BWA", "NAM"], "policy@bocra.org.bw", "Tebogo Mosweu", "2019-12-18", "Joint contribution of Botswana and Namibia",
     "Dear Sir/Madam,\n\nPlease find attached the joint contribution of Botswana and Namibia to CL-19/47.\n\nRegards,\n"
     "Tebogo Mosweu\nBotswana Communications Regulatory Authority, Gaborone", None, "en, 2 states"),
    (["FJI", "TON", "WSM"], "digital@govnet.gov.fj", "Mereani Vakaloloma", "2020-01-10",
     "Joint submission: Fiji, Samoa and Tonga",
     "Dear colleagues,\n\nFiji, on behalf of Samoa and Tonga as well, submits the attached joint Pacific submission.\n\n"
     "Vinaka,\nMereani Vakaloloma\nMinistry of Communications, Suva", None, "en, one state on behalf of two more"),
    (["SEN", "MLI"], "dg@artp.sn", "Fatou Ndiaye", "2019-12-20", "Contribution conjointe du Sénégal et du Mali",
     "Madame, Monsieur,\n\nNous avons l'honneur de transmettre la contribution conjointe de la République du Sénégal et "
     "de la République du Mali.\n\nCordialement,\nFatou Ndiaye\nARTP, Dakar", None, "fr, 2 states"),
    (["ARG", "PRY", "URY"], "internacionales@enacom.gob.ar", "Martín Gómez", "2020-01-13",
     "Contribución conjunta de Argentina, Paraguay y Uruguay",
     "Estimados:\n\nSe adjunta la contribución conjunta de la República Argentina, la República del Paraguay y la "
     "República Oriental del Uruguay.\n\nAtte.,\nMartín Gómez\nENACOM, Buenos Aires", None, "es, 3 states"),
    (["ARE", "BHR"], "intl@tdra.gov.ae", "فاطمة الشامسي", "2019-12-22", "مساهمة مشتركة من الإمارات والبحرين",
     "السادة المحترمون،\n\nنرفق المساهمة المشتركة من دولة الإمارات العربية المتحدة ومملكة البحرين.\n\nمع التحية،\n"
     "فاطمة الشامسي\nهيئة تنظيم الاتصالات والحكومة الرقمية، أبوظبي", None, "ar, 2 states"),
    (["ARM", "GEO"], "international@mtcit.am", "Ануш Петросян", "2020-01-08", "Совместный вклад Армении и Грузии",
     "Уважаемые коллеги!\n\nНаправляем совместный вклад Республики Армения и Грузии.\n\nС уважением,\nАнуш Петросян\nЕреван",
     None, "ru, 2 states"),
    (["AGO", "MOZ"], "gabinete@inacom.gov.ao", "Paulo Chipenda", "2020-01-11", "Contribuição conjunta de Angola e Moçambique",
     "Exmos. Senhores,\n\nEnviamos a contribuição conjunta da República de Angola e da República de Moçambique.\n\n"
     "Cumprimentos,\nPaulo Chipenda\nLuanda", None, "pt, 2 states"),
    (["EST", "FIN", "LTU", "LVA", "SWE"], "cyber@mkm.ee", "Kadri Tamm", "2019-12-16",
     "Joint contribution of Estonia, Finland, Latvia, Lithuania and Sweden",
     "Dear Secretariat,\n\nPlease find attached a joint contribution by Estonia, Finland, Latvia, Lithuania and Sweden "
     "on the GCA guidelines.\n\nBest regards,\nKadri Tamm\nMinistry of Economic Affairs and Communications, Tallinn",
     True, "en, 5 states: review"),
    (["BEN", "BFA", "NER", "TGO"], "dg@arcep.bj", "Rachidatou Adam", "2020-01-07",
     "Contribution commune du Bénin, du Burkina Faso, du Niger et du Togo",
     "Madame, Monsieur,\n\nVeuillez trouver ci-joint la contribution commune des administrations du Bénin, du Burkina "
     "Faso, du Niger et du Togo.\n\nCordialement,\nRachidatou Adam\nARCEP Bénin, Cotonou", True, "fr, 4 states: review"),
    (["GTM", "HND", "NIC", "SLV"], "sit@sit.gob.gt", "Ana Lucía Morales", "2019-12-27",
     "Aporte conjunto de Guatemala, El Salvador, Honduras y Nicaragua",
     "Estimados señores:\n\nAdjuntamos el aporte conjunto de Guatemala, El Salvador, Honduras y Nicaragua.\n\n"
     "Saludos cordiales,\nAna Lucía Morales\nSuperintendencia de Telecomunicaciones, Ciudad de Guatemala", True,
     "es, 4 states: review"),
]
for states, snd, nm, day, subj, body, rev, note in JOINT:
    contribution(f"joint-{len(states)}-{'-'.join(s.lower() for s in states[:2])}", "joint", states, when(day), snd, nm,
                 subj, body, review=rev, attachments=[("joint_contribution.docx", docx_bytes(subj, [body.split("\n\n")[1]] + DOC_EN))],
                 note=note)


# ---------------------------------------------------------------- 8. regional organisations

REG = [
    ("apt", "aptcyber@apt.int", "APT Secretariat", ["BGD", "LKA", "NPL"],
     "APT common input to CL-19/47",
     "Dear ITU,\n\nThe Asia-Pacific Telecommunity submits the attached common input, supported by Bangladesh, "
     "Sri Lanka and Nepal.\n\nRegards,\nAPT Secretariat, Bangkok", "2019-12-19"),
    ("citel", "citel@oas.org", "Secretaría de CITEL", [], "Contribución de la CITEL",
     "Estimados:\n\nLa Comisión Interamericana de Telecomunicaciones (CITEL) presenta su contribución a la consulta "
     "CL-19/47.\n\nSaludos,\nSecretaría de CITEL, Washington D.C.", "2020-01-09"),
    ("cept", "eco@cept.org", "European Communications Office", ["DNK", "ISL", "NOR", "PRT"],
     "CEPT contribution on the GCA guidelines",
     "Dear Sir/Madam,\n\nCEPT submits the attached contribution. Co-signing administrations: Denmark, Iceland, Norway "
     "and Portugal.\n\nBest regards,\nECO, Copenhagen", "2020-01-12"),
    ("atu", "sg@atuuat.africa", "African Telecommunications Union", [], "ATU submission - CL-19/47",
     "Dear Secretariat,\n\nThe African Telecommunications Union submits the attached common African position.\n\n"
     "Regards,\nATU Secretariat, Nairobi, Kenya", "2019-12-23"),
    ("asmg", "asmg@las.int", "فريق العمل العربي لإدارة الطيف", ["EGY", "SAU", "TUN"], "مساهمة فريق العمل العربي",
     "السادة المحترمون،\n\nيقدم الفريق العربي لإدارة الطيف الترددي (ASMG) المساهمة المرفقة، وقد أيدتها كل من "
     "جمهورية مصر العربية والمملكة العربية السعودية والجمهورية التونسية.\n\nالأمانة الفنية، القاهرة", "2020-01-05"),
    ("rcc", "ecrcc@rcc.org.ru", "Исполком РСС", ["BLR", "KGZ", "RUS"], "Общий вклад администраций связи РСС",
     "Уважаемые коллеги!\n\nИсполнительный комитет Регионального содружества в области связи направляет общий вклад "
     "администраций связи Беларуси, Кыргызстана и Российской Федерации.\n\nИсполком РСС, Москва", "2019-12-26"),
    ("ctu", "secretariat@ctu.int", "Caribbean Telecommunications Union", [], "CTU contribution on the GCA guidelines",
     "Dear ITU,\n\nThe Caribbean Telecommunications Union submits the attached views of the Caribbean region.\n\n"
     "Regards,\nCTU Secretariat, Port of Spain", "2020-01-08"),
    ("atu-list", "sg@atuuat.africa", "African Telecommunications Union", ["GHA", "KEN", "RWA", "UGA"],
     "ATU common proposal with co-signers",
     "Dear Secretariat,\n\nAttached is an ATU common proposal co-signed by Ghana, Kenya, Rwanda and Uganda.\n\n"
     "Regards,\nATU Secretariat, Nairobi", "2020-01-14"),
]
for tag, snd, nm, states, subj, body, day in REG:
    contribution(f"regional_org-{tag}", "regional_org", states, when(day), snd, nm, subj, body, review=True,
                 attachments=[(f"{tag.upper()}_contribution.pdf" if tag not in ("asmg", "rcc") else f"{tag}.docx",
                               pdf_bytes(subj if tag not in ("asmg", "rcc") else "x", DOC_EN)
                               if tag not in ("asmg", "rcc") else docx_bytes(subj, [body.split("\n\n")[1]]))],
                 note=f"regional organisation {tag}, co-signers {states or 'not listed'}")


# ---------------------------------------------------------------- 9. replies to our acknowledgements

ACK_QUOTE = ("\n\n> Your contribution to the consultation CL-19/47 has been received and registered under "
             "{r}.\n> This is an automatic acknowledgement.")
REPLIES = [
    ("en", "kabinet@mtt.gov.rs", "Milica Jovanović", "RE: Acknowledgement of receipt GCA-2020-0031",
     "Thank you very much for the confirmation.\n\nMilica" + ACK_QUOTE.format(r="GCA-2020-0031"), True),
    ("de", "international@rtr.at", "Sabine Gruber", "AW: Ihr Beitrag wurde registriert (GCA-2020-0044)",
     "Vielen Dank für die Bestätigung!\n\nBeste Grüße\nSabine Gruber", False),
    ("fr", "dg@arct.gov.bi", "Jean-Bosco Ndayishimiye", "TR: Accusé de réception – GCA-2020-0027",
     "Pour information.\n\n-------- Message d'origine --------\nObjet : Accusé de réception – GCA-2020-0027\n"
     "Votre contribution a bien été reçue et enregistrée sous le numéro GCA-2020-0027.", True),
    ("es", "ciberseguridad@att.gob.bo", "Marcelo Quispe", "RV: Acuse de recibo GCA-2020-0009",
     "Reenvío para conocimiento del equipo.\n\nSaludos\n\n> Su contribución ha sido recibida con el número GCA-2020-0009.", False),
    ("ru", "info@gkits.gov.kg", "Айбек Турдубаев", "Ответ: Подтверждение получения GCA-2020-0015",
     "Спасибо, получили.\n\n> Ваш вклад зарегистрирован под номером GCA-2020-0015.", True),
    ("zh", "gjhzs@miit.gov.cn", "王丽", "回复: 收到确认 GCA-2020-0052", "谢谢！\n\n> 您的意见已登记，编号 GCA-2020-0052。", False),
    ("ar", "cyber@modee.gov.jo", "رنا الخطيب", "رد: إشعار استلام GCA-2020-0019",
     "شكراً جزيلاً على التأكيد.\n\n> تم استلام مساهمتكم وتسجيلها تحت الرقم GCA-2020-0019.", True),
    ("pt", "cyber@incm.gov.mz", "Celso Macuácua", "RES: Aviso de receção GCA-2020-0038",
     "Muito obrigado pela confirmação.\n\nCelso" + ACK_QUOTE.format(r="GCA-2020-0038"), False),
    ("en", "cert@icta.mu", "Priya Ramgoolam", "Re: Your contribution has been received",
     "Dear Secretariat, many thanks. Could you confirm the receipt number is GCA-2020-0061? Regards, Priya"
     + ACK_QUOTE.format(r="GCA-2020-0061"), True),
    ("tr", "uluslararasi@btk.gov.tr", "Ayşe Yılmaz", "YNT: Alındı bildirimi GCA-2020-0071",
     "Teşekkür ederiz.\n\nAyşe Yılmaz", True),
]
for i, (lang, snd, nm, subj, body, irt) in enumerate(REPLIES):
    ref = f"<ack.gca-2020-{40 + i:04d}.{rng.randint(10**6, 10**7)}@itu.int>"
    other(f"reply_to_ack-{lang}-{i}", "reply_to_ack", when(rng.choice(["2019-12-20", "2020-01-04", "2020-01-11", "2020-01-21"])),
          snd, nm, subj, body, kind="reply", in_reply_to=ref if irt else None, references=ref if irt else None,
          note="reply to our acknowledgement" + (", In-Reply-To an itu.int id not in our outbox" if irt else ", no In-Reply-To"))


# ---------------------------------------------------------------- 10. phishing

PHISH = [
    ("itu-int.org", "ITU Mail Administrator", "Action required: your mailbox will be suspended in 24 hours", None,
     "<p>Dear user,</p><p>Your ITU mailbox has exceeded its quota. To avoid <b>immediate suspension</b> verify your "
     "account now:</p><p><a href='http://itu-int.org.verify-mailbox.ru/login.php'>https://mail.itu.int/owa/verify</a></p>"
     "<p>ITU IT Service Desk</p>", "look-alike domain, link text/target mismatch, urgency"),
    ("gov-ng.info", "Federal Ministry of Communications", "URGENT: Contribution payment confirmation CL-19/47",
     "Dear Sir,\n\nThe Federal Ministry of Communications of Nigeria requires immediate confirmation of your bank "
     "details for the processing fee of the consultation. Reply within 12 hours with your account number and password "
     "to avoid penalties.\n\nDr. Musa Bello\nPermanent Secretary", None,
     "impersonates a ministry from a look-alike domain; credential/bank request"),
    ("itu.lnt", "ITU Secretariat", "Shared document: GCA guidelines final draft", None,
     "<p>A document has been shared with you via DocuShare.</p><p><a href='https://docs-share-login.top/itu/auth'>"
     "View GCA_guidelines_final.pdf</a></p><p>You will be asked to sign in with your email password.</p>",
     "itu.lnt look-alike, credential page"),
    ("mincom-gov-az.secure-docs.net", "Ministry of Transport and Communications", "Re: Contribution - please sign in to download",
     None, "<p>Dear colleague,</p><p>Our contribution is too large for email. Download it here: "
     "<a href='http://secure-docs.net/download?id=88231'>www.mincom.gov.az/contribution.pdf</a></p>"
     "<p>Enter your Office 365 credentials to access.</p>", "ministry look-alike, link mismatch"),
    ("ituint-support.com", "Служба поддержки МСЭ", "Срочно: подтвердите учетную запись",
     "Уважаемый пользователь!\n\nВаша учетная запись будет заблокирована сегодня. Перейдите по ссылке "
     "http://ituint-support.com/ru/verify и введите логин и пароль.\n\nСлужба поддержки", None, "ru phishing"),
    ("itu-secretariat.fr", "Secrétariat de l'UIT", "Votre boîte sera désactivée aujourd'hui",
     None, "<p>Madame, Monsieur,</p><p>Suite à une mise à jour de sécurité, votre messagerie sera désactivée. "
     "<a href='http://itu-secretariat.fr/webmail/connexion'>Cliquez ici pour conserver votre accès : https://www.itu.int</a></p>",
     "fr phishing, link mismatch"),
    ("conatel-gob-hn.com", "CONATEL Honduras", "Verifique su cuenta inmediatamente",
     "Estimado usuario:\n\nDetectamos un acceso no autorizado. Verifique su contraseña en las próximas 2 horas en "
     "http://conatel-gob-hn.com/verificar para evitar el cierre de su correo.\n\nSoporte Técnico", None,
     "es phishing, look-alike of a regulator"),
    ("microsoft-itu.online", "Microsoft 365 for ITU", "3 messages held in quarantine - release now",
     None, "<table><tr><td>3 incoming messages are held. <a href='https://microsoft-itu.online/release?u=contributions'>"
     "Release messages</a> before they are deleted in 48 hours.</td></tr></table>", "quarantine-notice phishing"),
]
for i, (dom, nm, subj, body, html, note) in enumerate(PHISH):
    other(f"phishing-{i}-{dom.split('.')[0]}", "phishing", when(rng.choice(["2019-12-07", "2019-12-28", "2020-01-14", "2020-01-17"])),
          f"noreply@{dom}", nm, subj, body or "", html=html, auth_mode=rng.choice(["spf_only", "none", "full"]),
          mailfrom=dom, note="phishing: " + note)


# ---------------------------------------------------------------- 11. spam and newsletters

UNSUB = [("List-Unsubscribe", "<mailto:unsubscribe@{d}>, <https://{d}/u>"), ("Precedence", "bulk")]
SPAM = [
    ("cybersec-events.com", "Cyber Summit Team", "Early bird: Global Cyber Resilience Summit 2020, Dubai",
     "Register now and save 30%! Keynotes from CISOs of Fortune 500 companies. Limited seats. Unsubscribe here.", True),
    ("newsletter.telecompaper.com", "Telecompaper", "Telecompaper Africa weekly - 5 January 2020",
     "This week: Nigeria auctions 5G spectrum, Kenya's Safaricom expands M-Pesa, Ghana licenses new ISP.\n"
     "You receive this newsletter because you subscribed. Unsubscribe.", True),
    ("promo-seo-boost.biz", "SEO Expert", "Rank #1 on Google for your ministry website",
     "Hello, we can put your website on the first page of Google in 7 days. Reply with YES for a free audit.", False),
    ("info.govtechnews.fr", "GovTech Actu", "La lettre GovTech – décembre 2019",
     "Au sommaire : la cybersécurité des collectivités, le cloud souverain, les marchés publics numériques.\n"
     "Se désabonner.", True),
    ("boletin.ciberseguridad-latam.com", "Boletín Ciberseguridad LATAM", "Boletín semanal: ransomware en la región",
     "Las noticias de la semana sobre ciberseguridad en América Latina. Para darse de baja haga clic aquí.", True),
    ("mail.cn-supplier.com", "深圳光纤供应商", "光纤光缆 工厂直销 价格优惠", "尊敬的客户：我司专业生产光纤光缆，欢迎询价。退订请回复TD。", False),
    ("digest.itnews-ru.ru", "IT-Новости", "Дайджест недели: кибербезопасность",
     "Главное за неделю: новые угрозы, обзор рынка. Отписаться от рассылки.", True),
    ("lottery-intl-award.com", "International Award Board", "Congratulations! Your email won USD 1,500,000",
     "Your email address was selected in the UN/ITU e-mail lottery. Send your name, address and a copy of your "
     "passport to claim.", False),
]
for i, (dom, nm, subj, body, bulk) in enumerate(SPAM):
    other(f"spam_newsletter-{i}-{dom.split('.')[0]}", "spam_newsletter", when(rng.choice(["2019-12-02", "2019-12-15", "2020-01-05", "2020-01-20"])),
          f"news@{dom}", nm, subj, body, auth_mode=rng.choice(["full", "spf_only", "none"]),
          extra=[(k, v.format(d=dom)) for k, v in UNSUB] if bulk else [], note="spam or newsletter")


# ---------------------------------------------------------------- 12. inquiries

INQ = [
    ("en", "secretary@mict.gov.ki", "Teewa Tebano", "Question on CL-19/47 deadline",
     "Dear Secretariat,\n\nCould you please tell us whether the deadline of 15 January 2020 can be extended by two "
     "weeks for small island states? Our ministry is still consulting stakeholders.\n\nKind regards,\nTeewa Tebano\n"
     "Kiribati"),
    ("fr", "sg@arcep.td", "Mahamat Abakar", "Question sur le format des contributions",
     "Bonjour,\n\nLes contributions doivent-elles être envoyées en Word ou un PDF signé suffit-il ? Un simple courriel "
     "est-il accepté ?\n\nMerci d'avance,\nMahamat Abakar"),
    ("es", "csirt@innovacion.gob.pa", "Itzel Castillo", "Consulta sobre la consulta CL-19/47",
     "Buenas tardes:\n\n¿Es suficiente enviar nuestros comentarios en el cuerpo del correo electrónico, o se requiere "
     "una nota oficial firmada por el Ministro?\n\nGracias,\nItzel Castillo"),
    ("ar", "info@mtit.gov.ye", "عبد الله الحميري", "استفسار بشأن المشاورة",
     "السادة الأفاضل،\n\nهل يمكن إرسال المساهمة باللغة العربية فقط؟ وما هو آخر موعد لاستلام المساهمات؟\n\nمع الشكر"),
    ("ru", "khs@khs.tj", "Фарход Рахимов", "Вопрос по срокам консультации",
     "Добрый день!\n\nПодскажите, пожалуйста, до какой даты можно направить вклад и нужно ли официальное письмо?\n\n"
     "С уважением,\nФарход Рахимов"),
    ("zh", "gjhzs@miit.gov.cn", "王丽", "关于CL-19/47磋商的询问", "您好！\n\n请问提交意见是否需要使用特定模板？截止日期是否可以延长？\n\n谢谢！"),
    ("pt", "ager@ager.st", "Adilson da Costa", "Dúvida sobre a consulta CL-19/47",
     "Bom dia,\n\nGostaríamos de saber se podemos enviar a contribuição em português ou se é necessária uma tradução "
     "para inglês ou francês.\n\nObrigado,\nAdilson"),
    ("de", "info@llv.li", "Andreas Frick", "Frage zur Konsultation",
     "Guten Tag,\n\nkönnen auch Regulierungsbehörden, die keine Ministerien sind, Beiträge einreichen? Und gibt es "
     "eine Seitenbegrenzung?\n\nFreundliche Grüsse\nAndreas Frick"),
]
for lang, snd, nm, subj, body in INQ:
    other(f"inquiry-{lang}-{snd.split('@')[1].split('.')[0]}", "inquiry", when(rng.choice(["2019-12-04", "2019-12-18", "2020-01-03", "2020-01-08"])),
          snd, nm, subj, body, review=True, note="question to the Secretariat about the process")


# ---------------------------------------------------------------- 13. mail meant for another consultation or event

OTHERC = [
    ("dg@macra.org.mw", "Chimwemwe Banda", "Malawi contribution to the CWG-Internet open consultation",
     "Dear Sir/Madam,\n\nPlease find attached Malawi's response to the Council Working Group on International "
     "Internet-related Public Policy Issues open consultation on the digital divide.\n\nRegards,\nChimwemwe Banda", "CWG-Internet"),
    ("cabinet@arcep.cf", "Sylvie Yakité", "Contribution à la Commission d'études 17 de l'UIT-T – Question 4/17",
     "Madame, Monsieur,\n\nVeuillez trouver ci-joint notre contribution pour la prochaine réunion de la Commission "
     "d'études 17 (Genève, mars 2020).\n\nCordialement", "ITU-T SG17 meeting"),
    ("despacho@micitt.go.cr", "Andrés Solano", "Inscripción al Foro de la CMSI 2020",
     "Estimados:\n\nAdjunto el formulario de inscripción de la delegación de Costa Rica al Foro de la CMSI 2020.\n\nSaludos", "WSIS Forum registration"),
    ("policy@mint.gov.et", "Hiwot Bekele", "Response to CL-19/52 on the child online protection guidelines",
     "Dear colleagues,\n\nEthiopia's response to Circular Letter CL-19/52 on the revised Child Online Protection "
     "guidelines is attached.\n\nBest regards,\nHiwot Bekele", "another circular CL-19/52"),
    ("ocert@ita.gov.om", "Salim Al-Busaidi", "Nomination for the Regional Cyber Drill 2020",
     "Dear ITU Arab Regional Office,\n\nWe nominate two participants for the ITU Regional Cyber Drill for the Arab "
     "region (Muscat, March 2020).\n\nRegards", "regional cyber drill nominations"),
    ("info@gkits.gov.kg", "Айбек Турдубаев", "Вклад в ИК-2 МСЭ-D, Вопрос 3/2",
     "Уважаемые коллеги!\n\nНаправляем вклад для собрания 2-й Исследовательской комиссии МСЭ-D по Вопросу 3/2.\n\nС уважением", "ITU-D SG2"),
    ("cyber@lca.org.ls", "Mpho Lethole", "RPM-AFR preparatory meeting for WTDC-21: contribution",
     "Dear BDT,\n\nAttached is Lesotho's input for the Regional Preparatory Meeting for Africa ahead of WTDC-21.\n\n"
     "Regards,\nMpho Lethole", "WTDC-21 preparation"),
    ("humas@kominfo.go.id", "Dewi Lestari", "Comments on the Global Cybersecurity Index (GCI) 2020 questionnaire",
     "Dear GCI team,\n\nPlease find attached Indonesia's answers to the GCI 2020 questionnaire.\n\nRegards,\nDewi Lestari",
     "GCI questionnaire (same area, another exercise)"),
]
for snd, nm, subj, body, note in OTHERC:
    other(f"other_consultation-{snd.split('@')[1].split('.')[0]}", "other_consultation",
          when(rng.choice(["2019-12-06", "2019-12-17", "2020-01-06", "2020-01-13"])), snd, nm, subj, body, review=True,
          attachments=[("attachment.docx", docx_bytes(subj, [body]))], note="meant for another exercise: " + note)


# ---------------------------------------------------------------- 14. forwards by Secretariat staff

def original(sender, name, subject, body, at, atts=()) -> EmailMessage:
    """The state's original message, for attaching as message/rfc822."""
    m = EmailMessage(policy=POLICY)
    m["From"] = f"{name} <{sender}>"
    m["To"] = "cybersecurity@itu.int"
    m["Subject"] = subject
    m["Date"] = format_datetime(at)
    m["Message-ID"] = f"<orig{rng.randint(10**6, 10**7)}@{sender.split('@')[1]}>"
    m.set_content(body)
    for fname, data in atts:
        m.add_attachment(data, maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename=fname)
    return m


FWD = [
    # iso, orig sender, orig name, orig date, fwd day, style, language, orig subject, orig body
    ("GHA", "dg@nca.org.gh", "Kwame Mensah", "2020-01-13T10:12", "2020-01-14", "gmail", "en",
     "Ghana contribution to CL-19/47", "Dear Ms Dupont,\n\nPlease find attached Ghana's contribution.\n\nKwame Mensah\n"
     "National Communications Authority, Accra, Ghana"),
    ("SEN", "dg@artp.sn", "Fatou Ndiaye", "2020-01-14T17:40", "2020-01-17", "fr", "fr",
     "Contribution du Sénégal", "Chère Madame,\n\nVeuillez trouver ci-joint la contribution de la République du Sénégal."
     "\n\nFatou Ndiaye\nARTP, Dakar, Sénégal"),
    ("ECU", "ciberseguridad@arcotel.gob.ec", "Diego Andrade", "2020-01-20T09:05", "2020-01-21", "es", "es",
     "Contribución de Ecuador", "Estimada señora:\n\nAdjunto la contribución de la República del Ecuador.\n\n"
     "Diego Andrade\nARCOTEL, Quito, Ecuador"),
    ("BLR", "mpt@mpt.gov.by", "Ольга Иванова", "2020-01-10T08:30", "2020-01-16", "outlook", "ru",
     "Вклад Республики Беларусь", "Уважаемая госпожа Дюпон!\n\nНаправляем вклад Республики Беларусь.\n\n"
     "Ольга Иванова\nМинистерство связи и информатизации, Минск, Беларусь"),
    ("MMR", "ptd@mptc.gov.mm", "Aung Kyaw", "2020-01-15T07:20", "2020-01-15", "rfc822", "en",
     "Myanmar contribution - GCA guidelines", "Dear Madam,\n\nAttached is the contribution of the Republic of the Union "
     "of Myanmar.\n\nAung Kyaw\nPosts and Telecommunications Department, Nay Pyi Taw, Myanmar"),
    ("LKA", "dg@trc.gov.lk", "Nimal Perera", "2020-01-22T11:00", "2020-01-23", "rfc822", "en",
     "Sri Lanka comments", "Dear Sir,\n\nSri Lanka's comments on the GCA guidelines are attached.\n\nNimal Perera\n"
     "Telecommunications Regulatory Commission of Sri Lanka, Colombo"),
    ("GEO", "info@comcom.ge", "Nino Beridze", "2020-01-08T14:00", "2020-01-09", "rfc822", "en",
     "Georgia - contribution CL-19/47", "Dear colleagues,\n\nGeorgia submits the attached contribution.\n\nNino Beridze\n"
     "Georgian National Communications Commission, Tbilisi, Georgia"),
    ("BRN", "info@aiti.gov.bn", "Hjh Norhayati", "2020-01-15T02:10", "2020-01-20", "outlook", "en",
     "Brunei Darussalam input", "Dear Madam,\n\nAttached is the input of Brunei Darussalam.\n\nHjh Norhayati\n"
     "Authority for Info-communications Technology Industry, Bandar Seri Begawan, Brunei Darussalam"),
]
HEAD = {
    "gmail": "---------- Forwarded message ---------\nFrom: {n} <{s}>\nDate: {d}\nSubject: {j}\nTo: <cybersecurity@itu.int>\n\n",
    "outlook": "From: {n} <{s}>\nSent: {d}\nTo: Cybersecurity <cybersecurity@itu.int>\nSubject: {j}\n\n",
    "fr": "-------- Message transféré --------\nDe : {n} <{s}>\nDate : {d}\nObjet : {j}\nÀ : cybersecurity@itu.int\n\n",
    "es": "---------- Mensaje reenviado ---------\nDe: {n} <{s}>\nFecha: {d}\nAsunto: {j}\nPara: cybersecurity@itu.int\n\n",
}
STAFF = [("marie.dupont@itu.int", "Marie Dupont"), ("carlos.ruiz@itu.int", "Carlos Ruiz"),
         ("anna.petrova@itu.int", "Anna Petrova")]
for i, (iso, osnd, onm, odate, fday, style, lang, osubj, obody) in enumerate(FWD):
    oat = datetime.fromisoformat(odate + ":00+00:00")
    doc = [(f"{iso}_contribution.docx", docx_bytes(osubj, [obody.split("\n\n")[1]] + DOC_EN[:2]))]
    snd, nm = STAFF[i % 3]
    intro = {"en": "Dear colleagues,\n\nPlease register the contribution below, which reached my own address.\n\nBest,\n"
                   f"{nm}\nITU/BDT\n\n",
             "fr": f"Bonjour,\n\nMerci d'enregistrer la contribution ci-dessous, reçue sur mon adresse.\n\n{nm}\n\n",
             "es": f"Hola:\n\nPor favor registren la contribución que sigue, llegó a mi dirección.\n\n{nm}\n\n",
             "ru": f"Коллеги, прошу зарегистрировать вклад ниже, он пришёл на мой адрес.\n\n{nm}\n\n"}[lang]
    at = when(fday, f"{rng.randint(12, 17):02d}:{rng.randint(0, 59):02d}") if fday != odate[:10] else when(fday, "16:30")
    if style == "rfc822":
        m = add(Mail(f"staff_forward-rfc822-{iso.lower()}", "staff_forward", "contribution", [iso], True, True, at, snd,
                     nm, f"FW: {osubj}", intro.strip(), attached_msg=original(osnd, onm, osubj, obody, oat, doc),
                     late=oat >= DEADLINE_END, note=f"staff forward as attached message/rfc822; original {oat.isoformat()}"))
    else:
        fhead = HEAD["outlook" if style == "outlook" else style].format(n=onm, s=osnd, d=format_datetime(oat), j=osubj)
        prefix = {"gmail": "Fwd: ", "outlook": "FW: ", "fr": "TR: ", "es": "RV: "}[style]
        add(Mail(f"staff_forward-{style}-{iso.lower()}", "staff_forward", "contribution", [iso], True, True, at, snd, nm,
                 prefix + osubj, intro + fhead + obody, attachments=doc, late=oat >= DEADLINE_END,
                 note=f"staff forward inline ({style}); original {oat.isoformat()}, forward {at.isoformat()}"))


# ---------------------------------------------------------------- 15. resends

RES = [
    ("EST", "cyber@mkm.ee", "Kadri Tamm", "Estonia's contribution to CL-19/47", "2019-12-09T10:15", 96, True),
    ("MLT", "info@mca.org.mt", "Claire Borg", "Malta – contribution GCA guidelines", "2019-12-30T09:00", 3, False),
    ("ISL", "pfs@pfs.is", "Guðrún Jónsdóttir", "Iceland: contribution to the GCA consultation", "2020-01-06T13:40", 30, True),
    ("BRN", "info@aiti.gov.bn", "Hjh Norhayati", "Brunei Darussalam contribution", "2019-12-12T04:00", 10, False),
]
for iso, snd, nm, subj, first, hours, answer in RES:
    at1 = when(first[:10], first[11:])
    who = subj.split(" ")[0].rstrip(":'s")
    body = f"Dear Secretariat,\n\nPlease find attached the contribution of {who}.\n\nBest regards,\n{nm}"
    doc = [(f"{iso}_CL19-47.docx", docx_bytes(f"Contribution {iso}", DOC_EN + [subj]))]
    m1 = contribution(f"resend-{iso.lower()}-first", "resend", [iso], at1, snd, nm, subj, body, attachments=doc,
                      note="first copy")
    at2 = at1 + timedelta(hours=hours)
    _used_seconds.add(at2)
    body2 = ("Dear Secretariat,\n\nWe have not received any confirmation, so I am sending our contribution again.\n\n"
             f"Best regards,\n{nm}") if answer else body
    contribution(f"resend-{iso.lower()}-again-{hours}h", "resend", [iso], at2, snd, nm,
                 ("Resending: " if answer else "") + subj, body2, attachments=doc, receipt=False, review=None,
                 dup_of=m1.file, resend_answer=answer,
                 note=f"same document {hours} h later: " + ("one 'already registered' answer" if answer else "no second mail"))


# ---------------------------------------------------------------- 16. late contributions

LATE = [
    ("BEN", "fr", "le Bénin", "de la République du Bénin", "dg@arcep.bj", "Rachidatou Adam", "ARCEP Bénin", "Cotonou", "2020-01-17"),
    ("ECU", "es", "Ecuador", "la República del Ecuador", "ciberseguridad@arcotel.gob.ec", "Diego Andrade", "ARCOTEL", "Quito", "2020-01-24"),
    ("KWT", "ar", "الكويت", "دولة الكويت", "info@citra.gov.kw", "نورة العنزي", "هيئة الاتصالات وتقنية المعلومات", "الكويت", "2020-01-16"),
    ("UZB", "ru", "Узбекистан", "Республики Узбекистан", "info@mitc.uz", "Шерзод Каримов", "Министерство по развитию информационных технологий и коммуникаций", "Ташкент", "2020-02-03"),
    ("SGP", "en", "Singapore", "Singapore", "intl@imda.gov.sg", "Tan Wei Ming", "Infocomm Media Development Authority", "Singapore", "2020-01-20"),
    ("NAM", "en", "Namibia", "the Republic of Namibia", "info@cran.na", "Hilma Shikongo", "Communications Regulatory Authority of Namibia", "Windhoek", "2020-02-10"),
    ("MAR", "fr", "le Maroc", "du Royaume du Maroc", "cooperation@anrt.ma", "Youssef Benali", "Agence Nationale de Réglementation des Télécommunications", "Rabat", "2020-01-28"),
    ("VNM", "en", "Viet Nam", "Viet Nam", "icd@mic.gov.vn", "Nguyen Thi Lan", "Ministry of Information and Communications", "Ha Noi", "2020-01-18"),
]
for iso, lang, sn, so, snd, nm, org, city, day in LATE:
    write_std(f"late-{lang}-{iso.lower()}", "late", iso, lang, sn, so, snd, nm, org, city, day,
              attach=rng.choice(["docx", "pdf", "body"]) if lang in ("en", "fr", "es") else "docx",
              note=f"late: received {day}, after the 15 January 2020 deadline")


# ---------------------------------------------------------------- 17. noise: charsets, HTML, long threads

contribution("noise-koi8r-blr", "noise", ["BLR"], when("2019-12-11"), "mpt@mpt.gov.by", "Ольга Иванова",
             "Вклад Республики Беларусь в консультацию CL-19/47",
             "Уважаемые коллеги!\n\nМинистерство связи и информатизации Республики Беларусь направляет свои замечания "
             "к проекту руководящих принципов:\n1. Учитывать национальное законодательство.\n2. Развивать сотрудничество "
             "CERT.\n\nС уважением,\nОльга Иванова\nМинск", charset="koi8-r", note="koi8-r body-only")
contribution("noise-gb2312-chn", "noise", ["CHN"], when("2020-01-13"), "cac_intl@cac.gov.cn", "李明",
             "中国国家互联网信息办公室关于准则的补充意见",
             "尊敬的国际电联秘书处：\n\n中华人民共和国国家互联网信息办公室现提交对全球网络安全议程准则的补充意见：建议加强发展中国家能力建设。\n\n此致\n李明",
             charset="gb2312", note="gb2312 body, second Chinese sender")
contribution("noise-iso2022jp-jpn", "noise", ["JPN"], when("2020-01-14"), "cyber@nisc.go.jp", "田中 健",
             "日本政府からの補足意見（CL-19/47）",
             "ITU事務局御中\n\n内閣サイバーセキュリティセンター（NISC）より、日本政府の補足意見を送付いたします。能力構築に関する章の充実を提案します。\n\n田中 健",
             charset="iso-2022-jp", note="iso-2022-jp body, second Japanese sender")
contribution("noise-cp1256-kwt", "noise", ["KWT"], when("2019-12-29"), "cert@citra.gov.kw", "سعد المطيري",
             "ملاحظات دولة الكويت على المبادئ التوجيهية",
             "السادة الأفاضل،\n\nتتقدم دولة الكويت بالملاحظات التالية على مشروع المبادئ التوجيهية: ضرورة حماية البنية "
             "التحتية الحرجة وتعزيز التعاون الإقليمي.\n\nسعد المطيري\nهيئة الاتصالات وتقنية المعلومات",
             charset="cp1256", note="windows-1256 Arabic, body-only")
contribution("noise-base64-html-ury", "noise", ["URY"], when("2019-12-19"), "cert@agesic.gub.uy", "Lucía Fernández",
             "Uruguay – comentarios adicionales", "",
             html="<html><body style='font-family:Arial'><p>Estimados,</p><p>Uruguay desea agregar un comentario: "
             "las directrices deberían mencionar la protección de datos personales.</p><p>Saludos,<br>Lucía "
             "Fernández<br>Agesic – Presidencia de la República Oriental del Uruguay</p></body></html>",
             cte="base64", note="HTML-only, base64; a second message from the same state")
THREAD = "\n".join(
    f"{'>' * k} On {d} Secretariat wrote:\n{'>' * k} Thank you for your question; the deadline is 15 January 2020.\n"
    f"{'>' * k}\n{'>' * k} On {d} Tonga wrote:\n{'>' * k} Is there a template?" for k, d in
    [(1, "8 Jan 2020"), (2, "2 Jan 2020"), (3, "20 Dec 2019"), (4, "12 Dec 2019")])
contribution("noise-long-thread-ton", "noise", ["TON"], when("2020-01-15", "06:10"), "ceo@mic.gov.to", "Sione Fifita",
             "Re: Re: Re: Re: CL-19/47 questions - now our contribution",
             "Dear Secretariat,\n\nFollowing our exchange, here is the contribution of the Kingdom of Tonga, attached.\n\n"
             "Malo,\nSione Fifita\nMinistry of MEIDECC, Nuku'alofa, Tonga\n\n" + THREAD,
             attachments=[("Tonga_contribution.docx", docx_bytes("Contribution of Tonga", DOC_EN))],
             note="contribution at the end of a long reply thread (quoted Secretariat answers), on deadline day")
contribution("noise-latin1-qp-per", "noise", ["PER"], when("2020-01-09"), "ciberseguridad@mtc.gob.pe", "José Ñique",
             "Contribución del Perú – CL-19/47",
             "Señores:\n\nEl Ministerio de Transportes y Comunicaciones de la República del Perú remite sus comentarios "
             "sobre el proyecto de directrices: énfasis en la formación técnica y en la cooperación andina.\n\n"
             "Atentamente,\nJosé Ñique\nLima, Perú", charset="iso-8859-1", cte="quoted-printable",
             note="latin-1 quoted-printable, body-only")
contribution("noise-html-table-sen", "noise", ["SEN"], when("2019-12-07"), "dg@artp.sn", "Fatou Ndiaye",
             "Commentaires du Sénégal", "Version texte : voir la version HTML.",
             html="<table border=1><tr><th>Section</th><th>Commentaire du Sénégal</th></tr><tr><td>2.1</td>"
             "<td>Préciser le rôle du CERT national</td></tr><tr><td>3.4</td><td>Ajouter un volet formation</td></tr>"
             "</table><p>Fatou Ndiaye, ARTP, Dakar, République du Sénégal</p>",
             note="multipart/alternative with the content only in an HTML table")


def main() -> None:
    """Write every message and the labels."""
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        old.unlink()
    with (HERE / "labels.jsonl").open("w", encoding="utf-8") as out:
        for m in MAILS:
            (OUT / m.file).write_bytes(build(m))
            out.write(json.dumps(label(m), ensure_ascii=False) + "\n")
    print(f"{len(MAILS)} messages written to {OUT}")


if __name__ == "__main__":
    main()
