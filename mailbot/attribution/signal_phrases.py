"""Phrases the non-contribution features look for, in the languages Member States write in.

Folded as the text is (no accents, lower case); a phrase matches at word boundaries. Admins tune
the weight of each feature and each signal's threshold in rules/signals.toml, not these lists.
"""
from __future__ import annotations

# Reply prefixes of mail clients: "RE:", "AW:", "SV:", "Ответ:", "回复:", "رد:" ...
REPLY_PREFIXES = (
    "re", "aw", "sv", "vs", "antw", "antwort", "r", "rif", "ris", "res", "resp", "rv", "ref", "odp", "yn",
    "ynt", "atb", "vá", "ответ", "отв", "回复", "回覆", "答复", "答覆", "رد", "الرد", "ως", "απ", "σχετ",
    "답장", "회신", "返信", "tr", "fw", "fwd", "wg", "doorst", "enc", "i", "pd",
)

# Words of our acknowledgement's subject, in many languages.
ACK_SUBJECT_WORDS = (
    "acknowledgement", "acknowledgment", "acknowledgement of receipt", "receipt", "receipt number",
    "accuse de reception", "accuse", "reception", "acuse de recibo", "acuse", "recibo",
    "подтверждение", "подтверждение получения", "получение", "اشعار", "اشعار باستلام", "استلام",
    "确认", "收到", "回执", "确认收到", "empfangsbestatigung", "eingangsbestatigung", "bestatigung",
    "ricevuta", "conferma di ricezione", "confirmacao de recebimento", "aviso de recebimento",
    "ontvangstbevestiging", "alindi", "tanda terima", "受領", "접수",
    "has been registered", "was registered", "registered", "has been received", "enregistree", "enregistre",
    "registrada", "registrado", "зарегистрирован", "зарегистрирована", "تم تسجيل", "已登记", "已收到",
    "registriert", "registrata", "registrado com sucesso",
)

# Sentences our acknowledgement says, which a reply quotes.
ACK_QUOTED = (
    "we acknowledge receipt", "acknowledge receipt of your contribution", "has been registered",
    "was registered", "your receipt number", "receipt number", "registered under",
    "nous accusons reception", "accusons reception", "a ete enregistree", "numero de reception",
    "acusamos recibo", "ha sido registrada", "numero de recibo",
    "подтверждаем получение", "зарегистрирован", "номер регистрации",
    "نؤكد استلام", "تم تسجيل", "رقم الاستلام", "确认收到", "已登记", "登记号",
)

# Asking for a password or a login: credential harvesting.
CREDENTIALS = (
    "verify your account", "verify your email", "verify your mailbox", "confirm your account",
    "confirm your identity", "confirm your credentials", "validate your account", "update your account",
    "your password", "password expires", "password will expire", "reset your password", "sign in to",
    "log in to", "login to", "mailbox quota", "mailbox is full", "storage is full", "account will be",
    "account has been", "re-activate", "reactivate", "unusual activity", "unusual sign-in",
    "verifier votre compte", "mot de passe", "confirmer votre identite", "votre compte sera",
    "verificar su cuenta", "contrasena", "su cuenta sera", "подтвердите учетную запись", "пароль",
    "ваша учетная запись", "كلمة المرور", "تحقق من حسابك", "سيتم تعليق", "密码", "验证您的帐户",
    "验证您的账户", "您的帐户", "passwort", "konto bestatigen", "senha", "verifique sua conta",
    "la tua password", "verifica il tuo account",
)

# Pressure to act now.
URGENCY = (
    "urgent", "urgently", "immediately", "immediate action", "action required", "within 24 hours",
    "within 48 hours", "expires today", "final notice", "last warning", "will be suspended",
    "will be closed", "will be deleted", "suspended", "act now", "as soon as possible today",
    "urgente", "immediatement", "sans delai", "inmediatamente", "de inmediato", "срочно", "немедленно",
    "عاجل", "فورا", "紧急", "立即", "dringend", "sofort", "imediatamente", "subito",
)

# Newsletters and commercial mail.
UNSUBSCRIBE = (
    "unsubscribe", "opt out", "opt-out", "manage your preferences", "manage preferences",
    "email preferences", "view in browser", "view this email in your browser", "view online",
    "you are receiving this", "you received this email because", "stop receiving", "reply stop",
    "no longer wish to receive", "se desabonner", "se desinscrire",
    "darse de baja", "cancelar suscripcion", "отписаться", "отказаться от рассылки", "الغاء الاشتراك",
    "退订", "取消订阅", "abmelden", "newsletter abbestellen", "descadastrar", "annulla iscrizione",
)
MARKETING = (
    "special offer", "limited time", "discount", "% off", "buy now", "order now", "free trial",
    "register now", "book your seat", "early bird", "best price", "promo code", "save up to",
    "webinar", "newsletter", "click here", "call for papers", "submit your abstract", "sponsorship",
    "sponsor", "brochure", "exhibitors", "exhibition", "delegate pass", "tickets", "pricing", "offre speciale", "remise", "oferta especial", "descuento",
    "скидка", "специальное предложение", "عرض خاص", "خصم", "优惠", "折扣", "rabatt", "angebot",
)

# Asking the Secretariat something.
QUESTIONS = (
    "could you", "can you", "would you", "could we", "can we", "may we", "is it possible",
    "would it be possible", "please confirm", "please advise", "please let us know", "please clarify",
    "kindly confirm", "kindly advise", "kindly let us know", "we would like to know", "we would like to ask",
    "i would like to know", "we wish to know", "we would appreciate", "is there", "do we need",
    "should we", "what is the", "when is the", "how can", "how should", "how do", "where should",
    "pourriez-vous", "pourriez vous", "pouvez-vous", "pouvez vous", "est-il possible", "est il possible",
    "merci de nous indiquer", "merci de confirmer", "nous souhaiterions savoir", "serait-il possible",
    "podrian", "podria", "pueden", "puede usted", "es posible", "seria posible", "les agradeceriamos",
    "quisieramos saber", "favor de confirmar", "sirvanse", "не могли бы", "можно ли", "просим сообщить",
    "просим уточнить", "просим подтвердить", "хотели бы узнать", "هل يمكن", "هل", "يرجى افادتنا",
    "يرجى تأكيد", "نود ان نعرف", "请问", "是否", "能否", "可否", "请确认", "请告知",
    "konnen sie", "konnten sie", "ist es moglich", "bitte bestatigen", "potrebbe", "potreste",
    "e possibile", "poderiam", "podem", "e possivel", "gostariamos de saber", "bisakah", "apakah",
    "mohon konfirmasi", "bolehkah", "lutfen", "mumkun mu", "教えて", "ください", "까요",
)
# What the questions are about: the process, its dates, its format.
PROCESS_TOPICS = (
    "deadline", "extension", "extend", "due date", "format", "template", "page limit", "word limit",
    "length", "language", "submit", "submission", "send", "procedure", "process", "address",
    "date limite", "delai", "prorogation", "prolongation", "gabarit", "modele", "soumettre",
    "plazo", "fecha limite", "prorroga", "formato", "plantilla", "presentar", "enviar",
    "срок", "продление", "формат", "шаблон", "представить", "направить",
    "الموعد النهائي", "تمديد", "شكل", "نموذج", "تقديم", "截止", "延期", "格式", "模板", "提交",
    "frist", "verlangerung", "vorlage", "einreichen", "prazo", "scadenza", "proroga", "batas waktu",
    "son tarih", "締切", "마감",
)
# Saying that the message is itself a contribution.
CONTRIBUTION_STATEMENTS = (
    "please find attached", "please find enclosed", "attached please find", "attached is", "attached are",
    "herewith", "enclosed", "we submit", "we are pleased to submit", "pleased to submit", "we hereby submit",
    "is pleased to", "our contribution", "the contribution of", "our comments", "our input",
    "our views", "submits the following", "the following comments", "our proposals",
    "veuillez trouver ci-joint", "vous trouverez ci-joint", "ci-joint", "notre contribution",
    "a l'honneur de", "adjunto", "adjunta", "nuestra contribucion", "tiene el honor de",
    "прилагается", "в приложении", "наш вклад", "имеет честь", "مرفق", "مساهمتنا", "تتشرف",
    "附件", "随函", "谨提交", "anbei", "im anhang", "in allegato", "em anexo", "segue em anexo",
    "terlampir", "ekte", "添付",
)

# Naming a questionnaire, event or group (not "consultation" or "call": ours is one too).
EVENT_WORDS = (
    "questionnaire", "survey", "working group", "study group", "forum",
    "workshop", "seminar", "symposium", "conference", "meeting", "summit", "registration", "webinar",
    "expert group", "council working group", "assembly", "session", "prize", "prizes", "award", "awards",
    "nominations", "strategic plan", "preparatory meeting", "resolution", "plenipotentiary", "study group",
    "focus group", "world summit",
    "cuestionario", "encuesta", "grupo de trabajo", "taller", "seminario", "reunion",
    "questionnaire", "enquete", "groupe de travail", "atelier", "reunion", "conference",
    "вопросник", "опрос", "рабочая группа", "семинар", "собрание", "конференция",
    "استبيان", "فريق العمل", "ورشة", "اجتماع", "مؤتمر", "问卷", "调查", "工作组", "研讨会",
    "会议", "论坛",
    # The same kinds of event in the singular and in more of the UN languages: a registration, a
    # nomination, a forum, an exercise (drill), a study group.
    "nomination", "registration form", "cyber drill", "drill",
    "foro", "inscripcion", "candidatura", "nominacion", "simulacro", "comision de estudio",
    "inscription", "candidature", "exercice", "commission d'etudes",
    "форум", "регистрация", "учения", "исследовательская комиссия", "исследовательской комиссии",
    "منتدى", "تسجيل", "ترشيح", "لجنة الدراسات", "报名", "提名", "演练", "研究组",
    # Questionnaires and surveys as Russian and Arabic write them in a sentence (case, article).
    "вопросника", "вопроснику", "анкета", "анкету", "анкеты", "опроса", "опросу", "الاستبيان",
)
# Other ITU exercises a mail may be about instead of our call: questionnaires, surveys, indices,
# study groups and their Questions (subject or the opening of the text).
EXERCISE_WORDS = (
    "questionnaire", "survey", "index", "study group", "rapporteur group", "focus group", "study question",
    "enquete", "indice", "commission d'etudes", "groupe du rapporteur",
    "cuestionario", "encuesta", "indice", "comision de estudio", "grupo de relator",
    "вопросник", "вопросника", "вопроснику", "анкета", "анкету", "анкеты", "опрос", "опроса", "опросу",
    "индекс", "индекса", "исследовательская комиссия", "исследовательской комиссии",
    "исследовательскую комиссию", "группа докладчика",
    "استبيان", "الاستبيان", "مؤشر", "المؤشر", "لجنة الدراسات", "فريق المقرر",
    "问卷", "调查", "指数", "研究组", "报告人组",
    "fragebogen", "umfrage", "questionario", "indagine", "kuesioner", "survei", "indeks", "anket",
    "questionario", "pesquisa", "inquerito", "アンケート", "調査", "설문",
)
# Shapes of document and circular references: "CL-19/47", "Circular 23/2019", "DM-20/1005".
REFERENCE_PATTERN = (
    r"\b(?:cl|ca|cr|dm|tsb|br|bdt|circ|circular|circulaire|carta circular|circular letter|"
    r"lettre circulaire|циркулярное письмо|циркуляр)\s*(?:no\.?|n[°o]\.?|№|nr\.?)?\s*[-–]?\s*"
    # No line break inside the number: a PDF line that ends "CL-19/" is not "CL-19/1" with the next line's "1."
    r"(\d{1,4})[ \t]*/[ \t]*(\d{1,4})\b"
)

# Words of any consultation's mail: a message with none of them, no state named and nothing of
# our call is probably unrelated mail that reached the inbox.
CONSULTATION_WORDS = (
    "contribution", "contributions", "comments", "comment", "input", "inputs", "proposal", "proposals",
    "submission", "consultation", "guidelines", "draft", "views", "position", "response", "circular",
    "member state", "member states", "administration", "government", "ministry",
    "commentaires", "observations", "proposition", "consultation", "lignes directrices", "projet",
    "contribucion", "comentarios", "propuesta", "consulta", "directrices", "proyecto",
    "вклад", "комментарии", "предложение", "консультация", "руководящие", "проект",
    "مساهمة", "تعليقات", "مقترح", "مشاورة", "مبادئ توجيهية", "مشروع",
    "文稿", "意见", "建议", "磋商", "指导原则", "草案", "贡献",
    "contribuicao", "beitrag", "stellungnahme", "contributo", "katki", "kontribusi", "masukan", "意見", "의견",
)
# ITU-style event and group codes: "WTSA-20", "PP-22", "WTDC-21", "SG17", "CWG-Internet", "Q4/17".
EVENT_CODE_PATTERN = (
    r"\b(?:[A-Z]{2,6}-(?:\d{2,4}|[A-Z][a-z]{2,})|(?:SG|WP|FG|TG|RG|JCA)\s?\d{1,2}|Q\d{1,2}/\d{1,2}|"
    r"(?:Study Group|Question|Working Party|Commission d'études|Comisión de Estudio|Cuestión|Исследовательская комиссия|"
    r"Вопрос|Вопросу|ИК|РГ|المسألة|لجنة الدراسات|课题|研究组)[\s-]*\d{1,2}(?:/\d{1,2})?)(?!\w)"
)
