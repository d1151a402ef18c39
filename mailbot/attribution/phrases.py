"""Language data for finding who wrote a text: author phrases, fillers, separators, signatures.

Every entry is written as people write it; the index folds it (no accents, lower case, Arabic
letter variants unified) exactly as it folds the text it searches.
"""
from __future__ import annotations

# "Contribution from <countries>": the phrase comes before the author (all six languages).
AUTHOR_BEFORE = (
    # English
    "contribution from", "contribution by", "contribution of", "contributions from", "contributions of",
    "joint contribution from", "joint contribution by", "joint contribution of", "joint submission by",
    "joint submission from", "joint proposal by", "joint proposal from", "submission from", "submission by",
    "submission of", "comments from", "comments by", "comments of", "input from", "input by", "inputs from",
    "input of", "proposal from", "proposal by", "proposals from", "proposals by", "response from",
    "response of", "reply from", "views of", "position of", "submitted by", "presented by",
    "sent on behalf of", "on behalf of", "contributed by", "jointly submitted by", "submitted jointly by",
    "common proposal of", "common proposal from", "joint document of", "joint document from",
    "joint submission", "joint contribution", "joint proposal", "joint comments", "joint input",
    "presentee conjointement par", "presente conjointement par", "soumise conjointement par",
    "soumis conjointement par", "document conjoint", "document commun",
    "presentada conjuntamente por", "presentado conjuntamente por", "documento conjunto",
    "on behalf of the following", "on behalf of the following member states", "the following member states",
    "au nom des etats membres suivants", "au nom des pays suivants", "les etats membres suivants",
    "en nombre de los siguientes estados miembros", "los siguientes estados miembros",
    "от имени следующих государств членов", "следующих государств членов",
    "باسم الدول الاعضاء التاليه", "نيابه عن الدول الاعضاء التاليه", "代表以下成员国", "以下成员国",
    "em nome dos seguintes estados membros",
    # French
    "contribution", "contributions", "contribution conjointe", "soumission", "commentaires",
    "observations", "proposition", "propositions", "reponse", "presentee par", "presente par",
    "soumise par", "soumis par", "au nom", "de la part", "avis",
    # Spanish
    "contribucion", "contribuciones", "contribucion conjunta", "aporte", "aportes", "comentarios",
    "observaciones", "propuesta", "propuestas", "respuesta", "presentada por", "presentado por",
    "en nombre", "de parte",
    # Russian
    "вклад", "совместный вклад", "предложение", "предложения", "комментарии", "замечания", "позиция",
    "ответ", "представлено", "от имени", "вклад от",
    # Arabic
    "مساهمة", "مساهمة مشتركة", "مساهمة مشتركة من", "مقترح", "مقترحات", "تعليقات", "ملاحظات", "رد",
    "مقدمة من", "مقدم من", "باسم", "نيابة عن",
    # The joint forms ("joint proposal", "joint comments"); the definite forms are derived.
    "مقترح مشترك", "مقترح مشترك من", "تعليقات مشتركة", "ملاحظات مشتركة", "رد مشترك", "وثيقة مشتركة",
    # Chinese
    "来自", "代表",
    # Beyond the six: Portuguese, German, Italian, Turkish, Persian, Indonesian/Malay, Japanese, Korean
    "contribuicao", "contribuicao conjunta", "comentarios", "proposta", "propostas", "em nome",
    "beitrag", "gemeinsamer beitrag", "stellungnahme", "kommentare", "vorschlag", "im namen", "namens",
    "contributo", "contributo congiunto", "commenti", "osservazioni", "proposta", "a nome",
    "katki", "gorusler", "oneri", "adina",
    "نظرات", "پیشنهاد", "مشارکت", "از طرف", "به نمایندگی از",
    "kontribusi", "masukan", "tanggapan", "usulan", "atas nama", "sumbangan", "bagi pihak",
)

# "Kenya's contribution", "中华人民共和国提交的文稿": the phrase comes after the author.
AUTHOR_AFTER = (
    "contribution", "joint contribution", "submission", "proposal", "proposals", "comments", "input", "inputs",
    "views", "position", "response",
    "jointly submit", "jointly present", "presentent conjointement", "soumettent conjointement",
    "presentan conjuntamente", "someten conjuntamente",
    "关于",   # "中国关于……的意见": China's comments on ...
    "提交", "提交的文稿", "的文稿", "文稿", "的贡献", "贡献", "的意见", "意见", "的提案", "提案", "的建议",
    "的评论", "联合文稿", "的联合文稿",
    "katkisi", "gorusleri", "onerisi", "の意見", "意見", "の提案", "提案", "の寄書", "寄書", "의 의견", "의견",
    "제안", "기고",
)

# A field label at the start of a line: "Source: Kenya", "Pays : Sénégal", "Источник: Казахстан".
AUTHOR_LABELS = (
    "source", "country", "member state", "member states", "administration", "submitted by", "origin",
    "pays", "etat membre", "origine", "pais", "estado miembro", "origen", "fuente",
    "источник", "страна", "государство член", "المصدر", "البلد", "الدولة العضو", "来源", "国家", "成员国",
)

# Words that make a short line institutional: "Permanent Mission of Kenya", "Ministère ..., Sénégal".
INSTITUTIONS = (
    "government", "administration", "ministry", "mission", "permanent mission", "delegation", "embassy",
    "authority", "regulator", "regulatory", "commission", "department",
    "gouvernement", "ministere", "mission permanente", "delegation", "ambassade", "autorite",
    "gobierno", "administracion", "ministerio", "mision", "mision permanente", "delegacion",
    "embajada", "autoridad",
    "правительство", "правительства", "администрация", "администрации", "министерство", "министерства",
    "миссия", "представительство", "постоянное представительство", "делегация", "посольство",
    "حكومة", "إدارة", "وزارة", "البعثة", "بعثة", "وفد", "سفارة", "هيئة",
    "政府", "主管部门", "部", "代表团", "常驻代表团", "大使馆", "使馆", "委员会",
    "governo", "ministerio", "missao permanente", "regierung", "bundesministerium", "ministerium",
    "standige vertretung", "botschaft", "ministero", "missione permanente", "ambasciata", "hukumeti",
    "bakanligi", "daimi temsilciligi", "دولت", "وزارت", "نمایندگی دائم", "pemerintah", "kementerian",
    "perutusan tetap", "kerajaan", "kementerian", "代表部", "省", "정부", "대표부",
)

# Words that may sit between an author phrase and the author, or between two co-authors.
FILLERS = (
    "the", "of", "from", "by", "joint", "government", "administration", "republic", "kingdom", "state",
    "de", "du", "des", "d", "la", "le", "l", "les", "gouvernement", "republique", "royaume", "etat",
    "el", "los", "las", "del", "gobierno", "republica", "reino", "estado",
    "правительства", "администрации", "республики", "королевства", "государства",
    "من", "حكومة", "إدارة", "دولة",
    "s", "的", "政府",
    "do", "da", "dos", "das", "governo", "der", "die", "des", "von", "bundesrepublik", "republik",
    "della", "dello", "dell", "di", "repubblica", "dari", "republik", "pemerintah", "の", "의", "جمهوری",
    "federativa", "federal", "federale", "اسلامی", "共和国", "nin", "nun",   # Turkish genitive: Kenya'nın
    # "Jointly", "common", and plural institutions, between a joint phrase and its co-authors:
    # "Contribution commune des gouvernements du Bénin et du Niger", "越南和老挝联合提交的文稿".
    "jointly", "common", "governments", "republics", "conjoint", "conjointe", "conjointement",
    "commun", "commune", "gouvernements", "republiques", "conjunto", "conjunta", "conjuntamente",
    "comun", "gobiernos", "republicas", "совместно", "совместный", "правительств", "مشتركة",
    "بشكل مشترك", "联合", "共同", "各国政府", "伊斯兰共和国",
)
# "Fiji, on behalf of Samoa and Tonga": the state just before such a phrase writes with the others.
ON_BEHALF = (
    "on behalf of", "also on behalf of", "au nom de", "au nom du", "au nom des", "en nombre de", "en nombre del",
    "от имени", "باسم", "نيابة عن", "代表", "em nome de", "em nome do", "im namen von", "a nome di",
)
SEPARATORS = ("and", "et", "y", "e", "и", "و", "和", "及", "与", "as well as", "ainsi que", "asi como")

# A mention, not an author: "we support the contribution from Estonia", "we thank Switzerland".
NOT_AUTHOR_BEFORE = (
    "support", "supports", "supported", "welcome", "welcomes", "thank", "thanks", "endorse", "endorses",
    "echo", "echoes", "refer", "referring", "reference", "like", "similar", "see", "noted", "note", "notes",
    "following", "previous", "earlier", "with", "cf", "unlike", "as", "after", "review", "reviewed",
    "soutient", "soutenons", "appuie", "appuyons", "remercie", "remercions", "comme", "voir", "suite",
    "similaire", "avec", "salue", "saluons", "apres",
    "apoya", "apoyamos", "agradece", "agradecemos", "como", "ver", "similar", "con", "acoge",
    "поддерживает", "поддерживаем", "благодарим", "благодарит", "как", "аналогично", "см",
    "يؤيد", "نؤيد", "نشكر", "يشكر", "مثل", "كما", "بعد",
    "支持", "感谢", "如", "参见", "赞同", "同意", "参考",
)

# Where a signature block starts.
CLOSINGS = (
    "best regards", "kind regards", "regards", "sincerely", "yours sincerely", "yours faithfully",
    "best wishes", "respectfully", "with best regards", "with kind regards",
    "cordialement", "bien cordialement", "salutations", "meilleures salutations",
    "veuillez agreer", "respectueusement",
    "atentamente", "saludos", "cordialmente", "saludos cordiales", "un saludo",
    "с уважением", "с наилучшими пожеланиями",
    "مع التحية", "مع خالص التحية", "وتفضلوا بقبول", "مع أطيب التحيات", "مع التقدير",
    "此致", "敬礼", "顺致", "谨致",
)

# Where a quoted earlier message or an inline forward starts: its text is someone else's.
QUOTE_MARKERS = (
    "-----original message-----", "----- original message -----", "-------- original message --------",
    "---------- forwarded message ---------", "-------- forwarded message --------",
    "begin forwarded message:", "-------- message transféré --------", "début du message réexpédié :",
    "-------- mensaje original --------", "---------- mensaje reenviado ---------",
    "-------- пересылаемое сообщение --------", "-------- исходное сообщение --------",
    "---------- رسالة معاد توجيهها ---------", "-------- 原始邮件 --------", "---------- 转发的邮件 ----------",
)
FORWARD_MARKERS = (
    "forwarded message", "begin forwarded message", "message transféré", "message réexpédié",
    "mensaje reenviado", "пересылаемое сообщение", "رسالة معاد توجيهها", "转发的邮件",
)
QUOTE_HEADERS = ("from:", "de :", "de:", "от:", "من:", "发件人:", "发件人：")

# "Revised", in the six languages: a new document saying so supersedes an earlier one.
REVISION_WORDS = (
    "revised", "revision", "rev", "corrigendum", "updated version", "replaces",
    "revise", "revisee", "version revisee", "remplace",
    "revisado", "revisada", "version revisada", "sustituye",
    "пересмотренный", "пересмотренная", "пересмотренное", "исправленный", "исправленная", "пересмотр",
    "منقح", "منقحة", "مراجعة", "المنقحة", "المنقح",
    "修订", "修订版", "修正",
)

# Single-token country names that are also people's first names: "Chad Smith", "Maurice Dupont".
PERSON_LIKE = ("chad", "jordan", "georgia", "israel", "maurice", "dominique", "salvador", "india")

# Words after a state's name or demonym that make it a group of states, a region or a place, not
# the state: "African Union", "Central African Economic Community", "Organization of American
# States", "Niger Basin Authority", "Lake Chad". (Names inside other names are found from the
# reference data itself: mailbot/attribution/names.py.)
GROUP_WORDS = (
    "union", "community", "communities", "league", "group", "states", "countries", "region", "regional",
    "telecommunity", "forum", "organization", "organisation", "cooperation", "economic", "bank",
    "basin", "river", "lake", "sea", "gulf", "delta", "valley", "peninsula", "coast",
    "union", "communaute", "ligue", "groupe", "etats", "pays", "region", "regionale", "organisation",
    "bassin", "fleuve", "lac", "union", "comunidad", "liga", "grupo", "estados", "paises", "region",
    "organizacion", "cuenca", "rio", "lago", "союз", "сообщество", "лига", "группа", "государств",
    "стран", "регион", "الاتحاد", "جامعة", "مجموعة", "الدول", "منطقة", "联盟", "共同体", "国家", "地区",
)
