"""A labelled corpus of generated messages: the label is what the generator meant, never a guess.

Each family of cases follows how contributions really arrive: a ministry or regulator with a Word or
PDF document, a Permanent Mission writing from a Swiss provider or webmail, body-only submissions,
joint contributions, an ITU colleague forwarding a state's mail, non-member organisations, spoofed
government senders, and messages nobody could attribute without asking.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from tests.attribution.builders import document, message
from tests.attribution.corpus_states import CONFUSABLE_PAIRS, COUNTRIES, Country

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
TOPICS = {
    "en": ["public policy issues related to the Internet", "bridging the digital divide", "child online protection",
           "cybersecurity capacity building", "affordable broadband access"],
    "fr": ["les questions de politiques publiques relatives à l'Internet", "la réduction de la fracture numérique",
           "la protection des enfants en ligne", "la cybersécurité"],
    "es": ["las cuestiones de política pública relacionadas con Internet", "la reducción de la brecha digital",
           "la protección de la infancia en línea", "la ciberseguridad"],
    "ru": ["вопросам государственной политики, касающимся интернета", "преодолению цифрового разрыва",
           "защите ребенка в онлайновой среде", "кибербезопасности"],
    "ar": ["قضايا السياسات العامة المتعلقة بالإنترنت", "سد الفجوة الرقمية", "حماية الأطفال على الخط", "الأمن السيبراني"],
    "zh": ["与互联网有关的公共政策问题", "弥合数字鸿沟", "儿童在线保护", "网络安全"],
}


@dataclass
class Case:
    id: str
    family: str
    language: str
    parsed: object
    extracts: dict
    states: tuple[str, ...]        # the truth: who wrote it (empty: not a Member State / unknowable)
    must_review: bool              # a human has to look at it
    spoof: bool = False
    forwarded: bool = False
    kind: str = "contribution"     # what classification said before attribution


def _name(country: Country, language: str, form: str = "") -> str:
    return getattr(country, f"{language}{form}") if language != "en" else country.en


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _en_bare(country: Country) -> str:
    return country.en[4:] if country.en.startswith("the ") else country.en


def title_line(rng: random.Random, language: str, countries: list[Country]) -> str:
    """The title of a contribution naming its author(s), in one of several phrasings."""
    if language == "en":
        names = _join_en([c.en for c in countries])
        joint = "Joint contribution" if len(countries) > 1 else "Contribution"
        return rng.choice([f"{joint} from {names}", f"{joint.upper()} BY {names.upper()}",
                           f"Submission of {names} to the open consultation", f"Source: {_join_en([_en_bare(c) for c in countries])}",
                           f"Comments from the Administration of {names}",
                           f"{joint} of the Government of {names}"])
    if language == "fr":
        names = _join(", ", " et ", [c.fr_de for c in countries])
        return rng.choice([f"Contribution {names}", f"Contribution conjointe {names}" if len(countries) > 1 else
                           f"Commentaires {names}", f"Observations {names} sur le projet d'avis",
                           f"Source : {_join(', ', ' et ', [c.fr for c in countries])}"])
    if language == "es":
        names = _join(", ", " y ", [c.es_de for c in countries])
        return rng.choice([f"Contribución {names}", f"Comentarios {names}", f"Aporte {names} a la consulta abierta",
                           f"Fuente: {_join(', ', ' y ', [c.es for c in countries])}"])
    if language == "ru":
        names = _join(", ", " и ", [c.ru_gen for c in countries])
        return rng.choice([f"Вклад {names}", f"Предложения {names}", f"Комментарии {names} к проекту мнения",
                           f"Источник: {_join(', ', ' и ', [c.ru for c in countries])}"])
    if language == "ar":
        names = _join("، ", " و", [c.ar for c in countries])
        return rng.choice([f"مساهمة {names}", f"مساهمة من {names}", f"تعليقات {names} على مشروع الرأي",
                           f"المصدر: {names}"])
    names = "、".join(c.zh for c in countries[:-1]) + ("和" if len(countries) > 1 else "") + countries[-1].zh
    return rng.choice([f"{names}提交的文稿", f"{names}的意见", f"{names}的贡献", f"来源：{names}"])


def _join(sep: str, last: str, names: list[str]) -> str:
    return names[0] if len(names) == 1 else sep.join(names[:-1]) + last + names[-1]


def _join_en(names: list[str]) -> str:
    return _join(", ", " and ", names)


def mention_sentence(rng: random.Random, language: str, other: Country) -> str:
    """A sentence that names another state without it being an author."""
    choices = {
        "en": [f"As {_en_bare(other)} has shown, multi-stakeholder approaches work.",
               f"We thank {other.en} for hosting the last regional meeting.",
               f"We support the contribution from {other.en} on this matter.",
               f"The experience of {other.en} in this field is instructive."],
        "fr": [f"Comme l'a montré l'expérience {other.fr_de}, l'approche multipartite fonctionne.",
               f"Nous remercions le Gouvernement {other.fr_de} pour l'organisation de la réunion régionale.",
               f"Nous soutenons la contribution {other.fr_de} sur ce point."],
        "es": [f"Como ha demostrado la experiencia {other.es_de}, el enfoque de múltiples partes interesadas funciona.",
               f"Agradecemos al Gobierno {other.es_de} la organización de la reunión regional.",
               f"Apoyamos la contribución {other.es_de} sobre este tema."],
        "ru": [f"Как показал опыт {other.ru_gen}, многосторонний подход эффективен.",
               f"Благодарим Правительство {other.ru_gen} за проведение регионального собрания.",
               f"Мы поддерживаем вклад {other.ru_gen} по данному вопросу."],
        "ar": [f"كما أظهرت تجربة {other.ar}، فإن نهج أصحاب المصلحة المتعددين ناجح.",
               f"نشكر حكومة {other.ar} على استضافة الاجتماع الإقليمي.",
               f"نؤيد مساهمة {other.ar} في هذا الشأن."],
        "zh": [f"正如{other.zh}的经验所示，多利益攸关方方式行之有效。", f"我们感谢{other.zh}政府主办了区域会议。",
               f"我们支持{other.zh}就此问题提交的文稿。"],
    }
    return rng.choice(choices[language])


def document_text(rng: random.Random, language: str, authors: list[Country], others: list[Country]) -> tuple[str, str]:
    """(first page, full text) of a contribution: header, title naming the authors, substance."""
    topic = rng.choice(TOPICS[language])
    header = {"en": "Council Working Group on International Internet-related Public Policy Issues",
              "fr": "Groupe de travail du Conseil sur les questions de politiques publiques internationales relatives à l'Internet",
              "es": "Grupo de Trabajo del Consejo sobre cuestiones de política pública internacional relacionadas con Internet",
              "ru": "Рабочая группа Совета по вопросам международной государственной политики, касающимся интернета",
              "ar": "فريق العمل التابع للمجلس المعني بقضايا السياسات العامة الدولية المتصلة بالإنترنت",
              "zh": "理事会国际互联网相关公共政策问题工作组"}[language]
    lines = [header, rng.choice(["Open consultation", "CWG-Internet", "15 January 2020", "Document 2020/3"]),
             title_line(rng, language, authors), topic]
    substance = [mention_sentence(rng, language, other) for other in others]
    filler = {"en": "Affordable access remains the main challenge for developing countries.",
              "fr": "L'accès abordable reste le principal défi pour les pays en développement.",
              "es": "El acceso asequible sigue siendo el principal desafío para los países en desarrollo.",
              "ru": "Доступность по цене остается главной проблемой для развивающихся стран.",
              "ar": "لا يزال النفاذ الميسور التكلفة التحدي الرئيسي للبلدان النامية.",
              "zh": "可负担的接入仍然是发展中国家面临的主要挑战。"}[language]
    first_page = "\n".join(lines + substance[:1] + [filler])
    return first_page, first_page + "\n" + "\n".join(substance[1:] + [filler] * 3)


def _doc(rng, language, authors, others, name_hint):
    first, full = document_text(rng, language, authors, others)
    extension = rng.choice([".docx", ".pdf", ".docx"])
    return document(f"{name_hint}{extension}", full, first)


def mission_name(language: str, country: Country) -> str:
    if language == "en":
        return f"Permanent Mission of {country.en} to the United Nations Office at Geneva"
    if language == "fr":
        return f"Mission permanente {country.fr_de} auprès de l'Office des Nations Unies à Genève"
    if language == "es":
        return f"Misión Permanente {country.es_de} ante la Oficina de las Naciones Unidas en Ginebra"
    if language == "ru":
        return f"Постоянное представительство {country.ru_gen} при Отделении ООН в Женеве"
    if language == "ar":
        prefix = "لل" + country.ar[2:] if country.ar.startswith("ال") else "لـ" + country.ar
        return f"البعثة الدائمة {prefix} لدى مكتب الأمم المتحدة في جنيف"
    return f"{country.zh}常驻联合国日内瓦办事处代表团"


COVER = {
    "en": ["Dear Sir or Madam,\n\nPlease find attached our contribution to the open consultation.",
           "Dear colleagues,\n\nAttached is our input to the consultation. We remain at your disposal."],
    "fr": ["Madame, Monsieur,\n\nVeuillez trouver ci-joint notre contribution à la consultation ouverte.",
           "Chers collègues,\n\nNous vous prions de trouver ci-joint nos observations."],
    "es": ["Estimados señores:\n\nAdjuntamos nuestra contribución a la consulta abierta.",
           "Estimados colegas:\n\nSírvanse encontrar adjunto nuestro aporte."],
    "ru": ["Уважаемые коллеги!\n\nНаправляем Вам наш вклад в открытую консультацию.",
           "Уважаемые господа!\n\nПрилагаем наши предложения."],
    "ar": ["السادة المحترمون،\n\nتجدون مرفقا مساهمتنا في المشاورة المفتوحة.", "الزملاء الأعزاء،\n\nنرفق طيه تعليقاتنا."],
    "zh": ["尊敬的先生/女士：\n\n随函附上我们对公开磋商的意见。", "各位同事：\n\n附件是我们提交的文稿。"],
}
CLOSING = {"en": "Best regards", "fr": "Cordialement", "es": "Atentamente", "ru": "С уважением", "ar": "مع التحية",
           "zh": "此致"}
PEOPLE = ["Amina Njoroge", "Jean-Pierre Diallo", "María Fernández", "Ivan Petrov", "Fatima Al-Harbi", "Li Wei",
          "Chad Morgan", "Maurice Dupont", "Jordan Blake", "Dominique Martin"]
MINISTRY = {"en": "Ministry of Information and Communications Technology", "fr": "Ministère de l'Économie numérique",
            "es": "Ministerio de Tecnologías de la Información", "ru": "Министерство цифрового развития",
            "ar": "وزارة الاتصالات وتقنية المعلومات", "zh": "工业和信息化部"}


def signature(rng, language: str, country: Country, kind: str) -> str:
    person = rng.choice(PEOPLE)
    if kind == "mission":
        return f"{CLOSING[language]}\n{person}\n{mission_name(language, country)}"
    name = {"en": _en_bare(country), "fr": country.fr, "es": country.es, "ru": country.ru, "ar": country.ar,
            "zh": country.zh}[language]
    return f"{CLOSING[language]}\n{person}\n{MINISTRY[language]}\n{name}"


def body_contribution(rng, language: str, author: Country, others: list[Country]) -> str:
    """A body-only contribution: the author says who it is, and mentions others."""
    opening = {"en": f"On behalf of the Government of {_en_bare(author)}, we submit the following comments.",
               "fr": f"Au nom du Gouvernement {author.fr_de}, nous soumettons les observations suivantes.",
               "es": f"En nombre del Gobierno {author.es_de}, presentamos los siguientes comentarios.",
               "ru": f"От имени Правительства {author.ru_gen} направляем следующие комментарии.",
               "ar": f"نيابة عن حكومة {author.ar}، نقدم التعليقات التالية.",
               "zh": f"代表{author.zh}政府，我们提交以下意见。"}[language]
    return opening + "\n" + " ".join(mention_sentence(rng, language, other) for other in others)


def _others(rng, exclude: set[str], count: int) -> list[Country]:
    pool = [c for code, c in sorted(COUNTRIES.items()) if code not in exclude]
    return rng.sample(pool, count)


def generate(seed: int = 20200115) -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    codes = sorted(COUNTRIES)

    def add(family, language, parsed_extracts, states, must_review=False, **flags):
        parsed, extracts = parsed_extracts
        cases.append(Case(f"{family}-{len(cases):03d}", family, language, parsed, extracts, tuple(states),
                          must_review, **flags))

    # A. Ministry or regulator, document attached (docx/pdf), other states mentioned in the text.
    for index in range(54):
        language = LANGUAGES[index % 6]
        author = COUNTRIES[rng.choice(codes)]
        others = _others(rng, {author.code}, rng.randint(0, 2))
        cover = rng.choice(COVER[language])
        add("gov-document", language, message(
            sender=f"{rng.choice(['intl', 'dg', 'cooperation', 'itu.focal'])}@{author.domain}",
            subject=rng.choice(["Contribution to the open consultation", "Open consultation: our input",
                                "CWG-Internet consultation", "Consultation"]),
            body=f"{cover}\n\n{signature(rng, language, author, 'ministry')}",
            documents=[_doc(rng, language, [author], others, "contribution")]), [author.code])

    # B. Body-only contributions from a government address.
    for index in range(18):
        language = LANGUAGES[index % 6]
        author = COUNTRIES[rng.choice(codes)]
        others = _others(rng, {author.code}, rng.randint(1, 2))
        add("gov-body", language, message(
            sender=f"consultation@{author.domain}", subject=rng.choice(["Comments", "Open consultation", "Input"]),
            body=f"{body_contribution(rng, language, author, others)}\n\n{signature(rng, language, author, 'ministry')}"),
            [author.code])

    # C. A Permanent Mission writing from a Swiss provider or webmail (not Switzerland!).
    providers = ["bluewin.ch", "gmail.com", "hispeed.ch", "yahoo.fr", "sunrise.ch", "outlook.com"]
    for index in range(18):
        language = LANGUAGES[index % 6]
        author = COUNTRIES[rng.choice([code for code in codes if code != "CHE"])]
        others = [COUNTRIES["CHE"]] + _others(rng, {author.code, "CHE"}, 1)
        display = rng.choice([mission_name(language, author).split(" to the ")[0], rng.choice(PEOPLE)])
        with_document = index % 3 != 2
        body = f"{rng.choice(COVER[language])}\n\n{signature(rng, language, author, 'mission')}"
        if not with_document:
            body = f"{body_contribution(rng, language, author, others)}\n\n{signature(rng, language, author, 'mission')}"
        add("mission-provider", language, message(
            sender=f'"{display}" <mission.{author.code.lower()}.{index}@{rng.choice(providers)}>',
            subject="Open consultation", body=body,
            documents=[_doc(rng, language, [author], others, "mission")] if with_document else []), [author.code])

    # D. Joint contributions: every co-author; more than three co-authors go to review (issue 11,
    # class 5): one such case, so that must-review mail stays under the 20% cap of this corpus.
    for index in range(12):
        language = LANGUAGES[index % 6]
        size = 4 if index == 0 else rng.randint(2, 3)
        authors = [COUNTRIES[code] for code in rng.sample(codes, size)]
        others = _others(rng, {a.code for a in authors}, 1)
        add("joint", language, message(
            sender=f"intl@{authors[0].domain}", subject="Joint contribution",
            body=f"{rng.choice(COVER[language])}\n\n{signature(rng, language, authors[0], 'ministry')}",
            documents=[_doc(rng, language, authors, others, "joint")]), [a.code for a in authors],
            must_review=len(authors) > 3)

    # E. An ITU colleague forwards a state's contribution: attributed to the state, and a person
    # confirms the original sender and date (issue 11, class 8). Six cases: with twelve, this
    # corpus's own must-review share would pass the 20% cap on flagged mail.
    for index in range(6):
        language = LANGUAGES[index % 6]
        author = COUNTRIES[rng.choice(codes)]
        inner_doc = _doc(rng, language, [author], _others(rng, {author.code}, 1), "forwarded")
        inner = message(sender=f"focal@{author.domain}", subject="Contribution",
                        body=f"{rng.choice(COVER[language])}\n\n{signature(rng, language, author, 'ministry')}",
                        documents=[inner_doc], auth=None)
        if index % 2 == 0:
            add("forwarded", language, message(sender="a.colleague@itu.int", subject="Fwd: Contribution",
                                               body="FYI, received by the TSB mailbox.", forwarded=[inner]),
                [author.code], must_review=True, forwarded=True)
        else:
            quoted = (f"---------- Forwarded message ---------\nFrom: Focal point <focal@{author.domain}>\n"
                      f"Subject: Contribution\n\n{body_contribution(rng, language, author, [])}\n\n"
                      f"{signature(rng, language, author, 'ministry')}")
            add("forwarded", language, message(sender="b.colleague@itu.int", subject="Fwd: Contribution",
                                               body=f"Please register.\n\n{quoted}", documents=[inner_doc]),
                [author.code], must_review=True, forwarded=True)

    # F. Confusable names: the author and its look-alike both appear.
    for index, (code, sibling) in enumerate(CONFUSABLE_PAIRS):
        language = LANGUAGES[index % 6]
        author, other = COUNTRIES[code], COUNTRIES[sibling]
        sender = f"intl@{author.domain}" if index % 3 else f"mission.{code.lower()}@gmail.com"
        add("confusable", language, message(
            sender=sender, subject="Contribution",
            body=f"{rng.choice(COVER[language])}\n\n{signature(rng, language, author, 'mission' if index % 3 == 0 else 'ministry')}",
            documents=[_doc(rng, language, [author], [other], "contribution")]), [code])

    # G. Known focal points whose document does not name the state.
    focal = [("consultations@ca.go.ke", "KEN", "en"), ("dcm@artp.sn", "SEN", "fr"),
             ("asuntos.internacionales@ift.org.mx", "MEX", "es"), ("itu@digital.gov.ru", "RUS", "ru"),
             ("itu.focal@cst.gov.sa", "SAU", "ar"), ("itu@miit.gov.cn", "CHN", "zh")]
    for address, code, language in focal:
        generic = {"en": "Comments on the draft Opinion", "fr": "Observations sur le projet d'avis",
                   "es": "Comentarios sobre el proyecto de opinión", "ru": "Комментарии к проекту мнения",
                   "ar": "تعليقات على مشروع الرأي", "zh": "对意见草案的评论"}[language]
        add("focal-point", language, message(sender=address, subject=generic, body=rng.choice(COVER[language]),
                                             documents=[document("comments.docx", generic + "\n" + rng.choice(TOPICS[language]))]),
            [code])

    # H. Non-member senders: states [], flagged.
    non_members = [("sg@atu-uat.org", "en", "Contribution from the African Telecommunications Union"),
                   ("sg@apt.int", "en", "Contribution of the Asia-Pacific Telecommunity"),
                   ("eco@eco.cept.org", "en", "CEPT contribution to the consultation"),
                   ("citel@citel.oas.org", "es", "Contribución de la Comisión Interamericana de Telecomunicaciones"),
                   ("info@asmg.ae", "ar", "مساهمة الفريق العربي لإدارة الطيف الترددي"),
                   ("secretariat@rcc.org.ru", "ru", "Вклад Регионального содружества в области связи"),
                   ("policy@gsma.com", "en", "GSMA contribution"), ("researcher@ox.ac.uk", "en", "Academic input"),
                   ("unit@unesco.org", "fr", "Contribution de l'UNESCO"), ("staff@itu.int", "en", "My own comments")]
    for address, language, title in non_members:
        mention = mention_sentence(rng, language, COUNTRIES[rng.choice(codes)])
        add("non-member", language, message(sender=address, subject=title, body=f"{title}.\n{mention}",
                                            documents=[document("input.pdf", f"{title}\n{mention}")]),
            [], must_review=True)

    # I. Spoofed government senders: authentication failed.
    for index in range(8):
        language = LANGUAGES[index % 6]
        author = COUNTRIES[rng.choice(codes)]
        add("spoof", language, message(
            sender=f"minister@{author.domain}", subject="Urgent: contribution",
            body=f"{rng.choice(COVER[language])}\n\n{signature(rng, language, author, 'ministry')}",
            documents=[_doc(rng, language, [author], [], "urgent")], auth="fail"),
            [author.code], must_review=True, spoof=True)     # provisional: no receipt (issue 11, class 10)

    # J. Nobody could tell without asking: webmail, no country anywhere; a bare "Korea".
    for index in range(4):
        language = LANGUAGES[index % 6]
        add("no-evidence", language, message(
            sender=f"{rng.choice(PEOPLE).split()[0].lower()}{index}@gmail.com", subject="My views",
            body=f"{rng.choice(COVER[language])}\n{rng.choice(TOPICS[language])}",
            documents=[document("views.docx", rng.choice(TOPICS[language]))]), [], must_review=True)
    add("ambiguous", "en", message(sender="delegate@gmail.com", subject="Contribution from Korea",
                                   body="Please find attached the contribution from Korea."), [], must_review=True)

    # K. Conflicting evidence: one state's ministry sends a document saying another state wrote it.
    for index in range(2):
        first, second = (COUNTRIES[code] for code in rng.sample(codes, 2))
        add("conflict", "en", message(
            sender=f"intl@{first.domain}", subject=f"Contribution from {second.en}",
            body="Please find attached.", documents=[_doc(rng, "en", [second], [], "contribution")]),
            [], must_review=True)
    _hard_cases(rng, add)
    return cases


def _hard_cases(rng: random.Random, add) -> None:
    """Phrasings and situations that trip naive matching."""
    tanzania, senegal = COUNTRIES["TZA"], COUNTRIES["SEN"]
    # A title wrapped over two lines by the PDF layout.
    for language, title in (("en", "Joint contribution from the United Republic of\nTanzania and Kenya"),
                            ("fr", "Contribution conjointe de la République-Unie de\nTanzanie et du Kenya")):
        add("hard-wrapped", language, message(
            sender=f"intl@{tanzania.domain}", subject="Consultation", body=rng.choice(COVER[language]),
            documents=[document("joint.pdf", f"CWG-Internet\n{title}\nText.", None)]), ["TZA", "KEN"])
    # Adjectives instead of names.
    for language, title, code in (("en", "Contribution of the Kenyan Administration", "KEN"),
                                  ("fr", "Commentaires de l'Administration sénégalaise", "SEN"),
                                  ("es", "Contribución del Gobierno mexicano", "MEX"),
                                  ("en", "Comments by the Brazilian Administration", "BRA")):
        add("hard-adjective", language, message(
            sender=f"pm.{code.lower()}@gmail.com", subject="Consultation",
            body=f"{rng.choice(COVER[language])}\n\n{signature(rng, language, COUNTRIES[code], 'mission')}",
            documents=[document("c.docx", f"Open consultation\n{title}\nText.")]), [code])
    # Capitals without accents, Arabic with vowel signs.
    for language, title, code in (("fr", "CONTRIBUTION DU SENEGAL", "SEN"),
                                  ("es", "CONTRIBUCION DE LA REPUBLICA DOMINICANA", "DOM"),
                                  ("ar", "مُسَاهَمَة المَمْلَكَة العَرَبِيَّة السُّعُودِيَّة", "SAU"),
                                  ("ru", "ВКЛАД РЕСПУБЛИКИ КАЗАХСТАН", "KAZ")):
        add("hard-spelling", language, message(
            sender=f"intl@{COUNTRIES[code].domain}", subject="Consultation", body=rng.choice(COVER[language]),
            documents=[document("c.pdf", f"{title}\nText.")]), [code])
    # An out-of-office reply from a ministry: not a contribution, nothing to attribute or review.
    add("hard-auto-reply", "fr", message(
        sender=f"intl@{senegal.domain}", subject="Réponse automatique : Consultation",
        body="Je suis absent du bureau. Contribution du Sénégal : voir mon collègue."), [], kind="auto_reply")
    # A reply quoting our acknowledgement, which names another state: a reply (issue 11, class 7),
    # so no state and no receipt; it brings no document.
    add("hard-reply", "en", message(
        sender=f"intl@{COUNTRIES['UGA'].domain}", subject="Re: Acknowledgement GCA-2020-0012",
        body="Thank you. Please also find our updated annex.\n\nOn 10 Jan 2020, ITU wrote:\n"
             "> Your contribution from Kenya has been registered."), [])
    # A mission on a Swiss provider: display name, title line and signature, no author phrase.
    for language, code in (("en", "GIN"), ("fr", "NER"), ("es", "COL")):
        country = COUNTRIES[code]
        heading = {"en": f"REPUBLIC OF {country.en.upper()}", "fr": f"RÉPUBLIQUE {country.fr_de.upper()}",
                   "es": f"REPÚBLICA {country.es_de.upper()}"}[language]
        add("hard-title-line", language, message(
            sender=f'"{mission_name(language, country).split(" to the ")[0]}" <pm.{code.lower()}@bluewin.ch>',
            subject="Consultation",
            body=f"{rng.choice(COVER[language])}\n\n{signature(rng, language, country, 'mission')}",
            documents=[document("c.docx", f"{heading}\nComments on the draft Opinion\nText.")]), [code])
    # Claims only, from an unknown address: a human must confirm.
    # The claim is consistent, so the state is filled in provisionally (issue 11, class 10).
    for language, subject, code in (("en", "Contribution from Kenya", "KEN"), ("fr", "Contribution du Sénégal", "SEN")):
        add("claim-only", language, message(sender=f"delegate.{language}@gmail.com", subject=subject,
                                            body=rng.choice(COVER[language]),
                                            documents=[document("c.docx", "Comments on the draft Opinion")]),
            [code], must_review=True)
