"""The development set's own knowledge of the world: senders, names and wording, written by hand.

Written from general knowledge, independently of mailbot's reference data and rules (nothing here is
imported from mailbot/, rules/ or data/). Labels in labels.jsonl are facts about the messages built
from this file, not outputs of the engine.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class State:
    """A Member State as a sender: its code, language, its name in that language and a mail domain."""

    iso3: str
    lang: str
    name: str            # the state's name as it writes it, in `lang`
    name_en: str
    domain: str          # a government mail domain
    org: str             # the sending ministry / regulator / mission, in `lang`


def _states(table: str) -> list[State]:
    rows = []
    for line in table.strip().splitlines():
        iso3, lang, name, name_en, domain, org = (part.strip() for part in line.split("|"))
        rows.append(State(iso3, lang, name, name_en, domain, org))
    return rows


STATES = _states("""
KEN|en|Republic of Kenya|Kenya|ict.go.ke|Ministry of Information, Communications and Technology
GHA|en|Republic of Ghana|Ghana|moc.gov.gh|Ministry of Communications
NGA|en|Federal Republic of Nigeria|Nigeria|ncc.gov.ng|Nigerian Communications Commission
ZAF|en|Republic of South Africa|South Africa|dtps.gov.za|Department of Telecommunications and Postal Services
UGA|en|Republic of Uganda|Uganda|ict.go.ug|Ministry of ICT and National Guidance
ZMB|en|Republic of Zambia|Zambia|zicta.zm|Zambia Information and Communications Technology Authority
BWA|en|Republic of Botswana|Botswana|bocra.org.bw|Botswana Communications Regulatory Authority
IND|en|Republic of India|India|dot.gov.in|Department of Telecommunications
PAK|en|Islamic Republic of Pakistan|Pakistan|moitt.gov.pk|Ministry of Information Technology and Telecommunication
BGD|en|People's Republic of Bangladesh|Bangladesh|btrc.gov.bd|Bangladesh Telecommunication Regulatory Commission
LKA|en|Democratic Socialist Republic of Sri Lanka|Sri Lanka|trc.gov.lk|Telecommunications Regulatory Commission of Sri Lanka
MYS|en|Malaysia|Malaysia|mcmc.gov.my|Malaysian Communications and Multimedia Commission
SGP|en|Republic of Singapore|Singapore|csa.gov.sg|Cyber Security Agency of Singapore
PHL|en|Republic of the Philippines|Philippines|dict.gov.ph|Department of Information and Communications Technology
AUS|en|Commonwealth of Australia|Australia|dfat.gov.au|Department of Foreign Affairs and Trade
NZL|en|New Zealand|New Zealand|mbie.govt.nz|Ministry of Business, Innovation and Employment
GBR|en|United Kingdom of Great Britain and Northern Ireland|United Kingdom|dcms.gov.uk|Department for Digital, Culture, Media and Sport
USA|en|United States of America|United States|state.gov|Department of State
CAN|en|Canada|Canada|ised-isde.gc.ca|Innovation, Science and Economic Development Canada
IRL|en|Ireland|Ireland|dccae.gov.ie|Department of Communications, Climate Action and Environment
JAM|en|Jamaica|Jamaica|mset.gov.jm|Ministry of Science, Energy and Technology
TTO|en|Republic of Trinidad and Tobago|Trinidad and Tobago|tatt.org.tt|Telecommunications Authority of Trinidad and Tobago
FJI|en|Republic of Fiji|Fiji|itc.gov.fj|Ministry of Communications
SWZ|en|Kingdom of Eswatini|Eswatini|gov.sz|Ministry of ICT
FRA|fr|République française|France|diplomatie.gouv.fr|Ministère de l'Europe et des Affaires étrangères
SEN|fr|République du Sénégal|Senegal|artp.sn|Autorité de Régulation des Télécommunications et des Postes
CIV|fr|République de Côte d'Ivoire|Côte d'Ivoire|telecom.gouv.ci|Ministère de l'Économie numérique et de la Poste
CMR|fr|République du Cameroun|Cameroon|minpostel.gov.cm|Ministère des Postes et Télécommunications
BFA|fr|Burkina Faso|Burkina Faso|arcep.bf|Autorité de Régulation des Communications Électroniques et des Postes
BEN|fr|République du Bénin|Benin|numerique.gouv.bj|Ministère du Numérique et de la Digitalisation
TCD|fr|République du Tchad|Chad|adetic.td|Agence de Développement des TIC
HTI|fr|République d'Haïti|Haiti|conatel.gouv.ht|Conseil National des Télécommunications
BEL|fr|Royaume de Belgique|Belgium|bipt.be|Institut belge des services postaux et des télécommunications
CHE|fr|Confédération suisse|Switzerland|bakom.admin.ch|Office fédéral de la communication
MDG|fr|République de Madagascar|Madagascar|artec.mg|Autorité de Régulation des Technologies de Communication
RWA|fr|République du Rwanda|Rwanda|minict.gov.rw|Ministère des TIC et de l'Innovation
ESP|es|Reino de España|Spain|mineco.es|Ministerio de Asuntos Económicos y Transformación Digital
MEX|es|Estados Unidos Mexicanos|Mexico|sct.gob.mx|Secretaría de Comunicaciones y Transportes
ARG|es|República Argentina|Argentina|enacom.gob.ar|Ente Nacional de Comunicaciones
COL|es|República de Colombia|Colombia|mintic.gov.co|Ministerio de Tecnologías de la Información y las Comunicaciones
CHL|es|República de Chile|Chile|subtel.gob.cl|Subsecretaría de Telecomunicaciones
PER|es|República del Perú|Peru|mtc.gob.pe|Ministerio de Transportes y Comunicaciones
PRY|es|República del Paraguay|Paraguay|mitic.gov.py|Ministerio de Tecnologías de la Información y Comunicación
URY|es|República Oriental del Uruguay|Uruguay|ursec.gub.uy|Unidad Reguladora de Servicios de Comunicaciones
CRI|es|República de Costa Rica|Costa Rica|micitt.go.cr|Ministerio de Ciencia, Tecnología y Telecomunicaciones
GTM|es|República de Guatemala|Guatemala|sit.gob.gt|Superintendencia de Telecomunicaciones
CUB|es|República de Cuba|Cuba|mincom.gob.cu|Ministerio de Comunicaciones
ECU|es|República del Ecuador|Ecuador|telecomunicaciones.gob.ec|Ministerio de Telecomunicaciones y de la Sociedad de la Información
RUS|ru|Российская Федерация|Russian Federation|digital.gov.ru|Министерство цифрового развития, связи и массовых коммуникаций
BLR|ru|Республика Беларусь|Belarus|mpt.gov.by|Министерство связи и информатизации
KAZ|ru|Республика Казахстан|Kazakhstan|mdai.gov.kz|Министерство цифрового развития, инноваций и аэрокосмической промышленности
KGZ|ru|Кыргызская Республика|Kyrgyzstan|gkitb.gov.kg|Государственный комитет информационных технологий и связи
UZB|ru|Республика Узбекистан|Uzbekistan|mitc.uz|Министерство по развитию информационных технологий и коммуникаций
TJK|ru|Республика Таджикистан|Tajikistan|khadamot.tj|Служба связи при Правительстве
ARM|ru|Республика Армения|Armenia|mtad.am|Министерство транспорта, связи и информационных технологий
EGY|ar|جمهورية مصر العربية|Egypt|mcit.gov.eg|وزارة الاتصالات وتكنولوجيا المعلومات
SAU|ar|المملكة العربية السعودية|Saudi Arabia|citc.gov.sa|هيئة الاتصالات وتقنية المعلومات
ARE|ar|الإمارات العربية المتحدة|United Arab Emirates|tra.gov.ae|هيئة تنظيم الاتصالات
JOR|ar|المملكة الأردنية الهاشمية|Jordan|modee.gov.jo|وزارة الاقتصاد الرقمي والريادة
MAR|ar|المملكة المغربية|Morocco|anrt.ma|الوكالة الوطنية لتقنين المواصلات
TUN|ar|الجمهورية التونسية|Tunisia|mtc.gov.tn|وزارة تكنولوجيات الاتصال
DZA|ar|الجمهورية الجزائرية الديمقراطية الشعبية|Algeria|mpttn.gov.dz|وزارة البريد والمواصلات السلكية واللاسلكية
QAT|ar|دولة قطر|Qatar|motc.gov.qa|وزارة المواصلات والاتصالات
OMN|ar|سلطنة عمان|Oman|tra.gov.om|هيئة تنظيم الاتصالات
KWT|ar|دولة الكويت|Kuwait|citra.gov.kw|هيئة الاتصالات وتقنية المعلومات
CHN|zh|中华人民共和国|China|miit.gov.cn|工业和信息化部
BRA|pt|República Federativa do Brasil|Brazil|anatel.gov.br|Agência Nacional de Telecomunicações
PRT|pt|República Portuguesa|Portugal|anacom.pt|Autoridade Nacional de Comunicações
AGO|pt|República de Angola|Angola|minttics.gov.ao|Ministério das Telecomunicações, Tecnologias de Informação e Comunicação Social
MOZ|pt|República de Moçambique|Mozambique|incm.gov.mz|Instituto Nacional das Comunicações de Moçambique
CPV|pt|República de Cabo Verde|Cabo Verde|arme.cv|Agência Reguladora Multissectorial da Economia
DEU|de|Bundesrepublik Deutschland|Germany|bmwi.bund.de|Bundesministerium für Wirtschaft und Energie
AUT|de|Republik Österreich|Austria|bmdw.gv.at|Bundesministerium für Digitalisierung und Wirtschaftsstandort
ITA|it|Repubblica Italiana|Italy|mise.gov.it|Ministero dello Sviluppo Economico
TUR|tr|Türkiye Cumhuriyeti|Turkey|btk.gov.tr|Bilgi Teknolojileri ve İletişim Kurumu
IRN|fa|جمهوری اسلامی ایران|Iran (Islamic Republic of)|ict.gov.ir|وزارت ارتباطات و فناوری اطلاعات
IDN|id|Republik Indonesia|Indonesia|kominfo.go.id|Kementerian Komunikasi dan Informatika
JPN|ja|日本国|Japan|soumu.go.jp|総務省
KOR|ko|대한민국|Republic of Korea|msit.go.kr|과학기술정보통신부
TZA|sw|Jamhuri ya Muungano wa Tanzania|United Republic of Tanzania|tcra.go.tz|Mamlaka ya Mawasiliano Tanzania
NLD|nl|Koninkrijk der Nederlanden|Netherlands|minezk.nl|Ministerie van Economische Zaken en Klimaat
POL|pl|Rzeczpospolita Polska|Poland|mc.gov.pl|Ministerstwo Cyfryzacji
THA|th|ราชอาณาจักรไทย|Thailand|mdes.go.th|กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม
VNM|vi|Cộng hòa Xã hội Chủ nghĩa Việt Nam|Viet Nam|mic.gov.vn|Bộ Thông tin và Truyền thông
UKR|uk|Україна|Ukraine|nkrzi.gov.ua|Національна комісія з регулювання зв'язку та інформатизації
GRC|el|Ελληνική Δημοκρατία|Greece|eett.gr|Εθνική Επιτροπή Τηλεπικοινωνιών και Ταχυδρομείων
HUN|hu|Magyarország|Hungary|nmhh.hu|Nemzeti Média- és Hírközlési Hatóság
SWE|sv|Konungariket Sverige|Sweden|pts.se|Post- och telestyrelsen
CZE|cs|Česká republika|Czech Republic|ctu.cz|Český telekomunikační úřad
ROU|ro|România|Romania|ancom.ro|Autoritatea Națională pentru Administrare și Reglementare în Comunicații
""")

BY_ISO = {s.iso3: s for s in STATES}

# Names of a few states in the six UN languages, for joint letters and forwards (my own spelling).
NAMES = {
    "fr": {"SEN": "Sénégal", "MLI": "Mali", "NER": "Niger", "CIV": "Côte d'Ivoire", "BFA": "Burkina Faso",
           "TGO": "Togo", "GIN": "Guinée", "BEN": "Bénin", "CMR": "Cameroun", "GAB": "Gabon",
           "COG": "République du Congo", "COD": "République démocratique du Congo", "TCD": "Tchad"},
    "es": {"MEX": "México", "GTM": "Guatemala", "HND": "Honduras", "SLV": "El Salvador", "CRI": "Costa Rica",
           "PAN": "Panamá", "COL": "Colombia", "PER": "Perú", "CHL": "Chile", "BOL": "Bolivia",
           "ARG": "Argentina", "URY": "Uruguay", "PRY": "Paraguay", "ECU": "Ecuador"},
    "ar": {"EGY": "مصر", "JOR": "الأردن", "TUN": "تونس", "MAR": "المغرب", "ARE": "الإمارات العربية المتحدة",
           "BHR": "البحرين", "KWT": "الكويت", "OMN": "عُمان", "SAU": "المملكة العربية السعودية", "LBN": "لبنان"},
    "ru": {"RUS": "Российская Федерация", "BLR": "Республика Беларусь", "KAZ": "Республика Казахстан",
           "ARM": "Республика Армения", "KGZ": "Кыргызская Республика", "UZB": "Республика Узбекистан",
           "TJK": "Республика Таджикистан", "AZE": "Азербайджанская Республика"},
    "zh": {"CHN": "中国", "LAO": "老挝", "KHM": "柬埔寨", "PAK": "巴基斯坦", "MNG": "蒙古"},
    "pt": {"BRA": "Brasil", "PRT": "Portugal", "AGO": "Angola", "MOZ": "Moçambique", "CPV": "Cabo Verde",
           "GNB": "Guiné-Bissau", "STP": "São Tomé e Príncipe", "TLS": "Timor-Leste"},
    "en": {"KEN": "Kenya", "UGA": "Uganda", "RWA": "Rwanda", "TZA": "United Republic of Tanzania",
           "GHA": "Ghana", "NGA": "Nigeria", "GMB": "Gambia", "SLE": "Sierra Leone", "LBR": "Liberia",
           "AUS": "Australia", "NZL": "New Zealand", "FJI": "Fiji", "PNG": "Papua New Guinea",
           "WSM": "Samoa", "TON": "Tonga", "JAM": "Jamaica", "BRB": "Barbados", "BHS": "Bahamas",
           "GUY": "Guyana", "DMA": "Dominica", "GRD": "Grenada", "LCA": "Saint Lucia",
           "KOR": "Republic of Korea", "JPN": "Japan", "IND": "India", "SGP": "Singapore",
           "MYS": "Malaysia", "EST": "Estonia", "LTU": "Lithuania", "LVA": "Latvia", "FIN": "Finland"},
}

PEOPLE = {
    "en": ["James Mwangi", "Akosua Mensah", "Rajesh Kumar", "Sarah O'Connor", "Michael Thompson", "Nomvula Dlamini"],
    "fr": ["Aminata Diallo", "Jean-Pierre Kouassi", "Marie Dubois", "Ousmane Traoré", "Claire Lefèvre"],
    "es": ["María Fernanda López", "Carlos Gutiérrez", "Ana Sofía Ramírez", "Jorge Castillo"],
    "ru": ["Иван Петров", "Анна Смирнова", "Сергей Козлов", "Айгуль Нурланова"],
    "ar": ["محمد العلي", "فاطمة الزهراء", "أحمد بن سالم", "خالد المنصوري"],
    "zh": ["王伟", "李娜", "张磊"],
    "pt": ["João Silva", "Ana Beatriz Costa", "Pedro Santos"],
    "de": ["Dr. Klaus Becker", "Sabine Hofmann"],
    "it": ["Giulia Rossi", "Marco Bianchi"],
    "tr": ["Ayşe Yılmaz", "Mehmet Demir"],
    "fa": ["علی رضایی", "مریم احمدی"],
    "id": ["Budi Santoso", "Siti Rahmawati"],
    "ja": ["佐藤 健", "鈴木 花子"],
    "ko": ["김민수", "이지은"],
    "sw": ["Juma Mwakilema", "Neema Mushi"],
    "nl": ["Pieter de Vries"], "pl": ["Katarzyna Nowak"], "th": ["สมชาย ใจดี"], "vi": ["Nguyễn Văn An"],
    "uk": ["Олена Коваленко"], "el": ["Γιώργος Παπαδόπουλος"], "hu": ["Nagy Péter"], "sv": ["Erik Lindqvist"],
    "cs": ["Jan Novák"], "ro": ["Andrei Popescu"],
}

# How each language writes a submission. {state} is the state's name in that language; {ref} the circular.
LANG = {
    "en": dict(
        subj=["Contribution of {state} to {ref} - GCA guidelines", "{ref}: inputs from {state}",
              "Submission of {state}: Guidelines for utilization of the GCA", "GCA guidelines - comments of {state}"],
        body=["Dear Sir/Madam,\n\nWith reference to Circular Letter {ref}, please find attached the inputs of "
              "{state} for the development of the draft guidelines for utilization of the Global "
              "Cybersecurity Agenda.\n\nBest regards,",
              "Dear colleagues,\n\nOn behalf of the Government of {state}, I am pleased to transmit our "
              "contribution in response to {ref}.\n\nKind regards,"],
        inline="{state} welcomes the opportunity to contribute to the guidelines for utilization of the "
               "GCA. We propose that ITU focus on capacity building, national CIRTs and child online "
               "protection, within its mandate and in cooperation with Member States.",
        doc_title="Contribution of {state}", doc_sub="Guidelines for utilization of the Global Cybersecurity Agenda",
        doc=["The Government of {state} thanks the Secretary-General for the invitation in {ref}.",
             "{state} considers that the five pillars of the GCA remain a sound framework: legal measures, "
             "technical and procedural measures, organizational structures, capacity building and "
             "international cooperation.", "We recommend that ITU strengthen its assistance to national "
             "computer incident response teams and publish the guidelines in all six languages."],
        attached="Please find attached", ministry_word="Ministry"),
    "fr": dict(
        subj=["Contribution de {state} – {ref} (GCA)", "{ref} : contribution de {state}",
              "Lignes directrices GCA – observations de {state}"],
        body=["Madame, Monsieur,\n\nSuite à la lettre circulaire {ref}, veuillez trouver ci-joint la contribution "
              "de {state} relative aux lignes directrices pour l'utilisation du Programme mondial "
              "cybersécurité.\n\nVeuillez agréer l'expression de notre haute considération.",
              "Bonjour,\n\nJe vous prie de trouver en pièce jointe les commentaires de {state} en réponse à "
              "la lettre circulaire {ref}.\n\nCordialement,"],
        inline="{state} salue l'initiative du Secrétaire général. Nous proposons que les lignes directrices "
               "mettent l'accent sur le renforcement des capacités, la création de CIRT nationaux et la "
               "coopération régionale.",
        doc_title="Contribution de {state}", doc_sub="Lignes directrices pour l'utilisation du GCA",
        doc=["Le Gouvernement de {state} remercie le Secrétaire général pour son invitation ({ref}).",
             "{state} estime que les cinq piliers du GCA demeurent pertinents.",
             "Nous recommandons que l'UIT renforce son assistance aux équipes nationales d'intervention en "
             "cas d'incident informatique."],
        attached="Veuillez trouver ci-joint", ministry_word="Ministère"),
    "es": dict(
        subj=["Contribución de {state} a la {ref}", "{ref} - Aportes de {state} sobre la GCA",
              "Directrices GCA: comentarios de {state}"],
        body=["Estimados señores:\n\nEn atención a la Carta Circular {ref}, adjunto remitimos la contribución "
              "de {state} para la elaboración de las directrices sobre la utilización de la Agenda sobre "
              "Ciberseguridad Global.\n\nAtentamente,",
              "Buenos días:\n\nPor instrucciones de las autoridades de {state}, les hacemos llegar nuestros "
              "aportes a la consulta {ref}.\n\nSaludos cordiales,"],
        inline="{state} agradece la invitación y propone que las directrices prioricen la creación de "
               "capacidades, los equipos nacionales de respuesta a incidentes y la cooperación regional.",
        doc_title="Contribución de {state}", doc_sub="Directrices para la utilización de la GCA por la UIT",
        doc=["El Gobierno de {state} agradece al Secretario General la invitación contenida en la {ref}.",
             "{state} considera que los cinco pilares de la GCA siguen siendo un marco válido.",
             "Recomendamos que la UIT fortalezca su apoyo a los CSIRT nacionales."],
        attached="Adjunto encontrarán", ministry_word="Ministerio"),
    "ru": dict(
        subj=["Вклад: {state} – {ref}", "{ref}: предложения {state} по ГПК",
              "Руководящие указания ГПК – вклад ({state})"],
        body=["Уважаемые коллеги!\n\nВ ответ на циркулярное письмо {ref} направляем вклад ({state}) по "
              "разработке руководящих указаний по использованию Глобальной программы кибербезопасности.\n\n"
              "С уважением,",
              "Добрый день!\n\nПо поручению руководства направляем предложения ({state}) к консультации "
              "{ref}.\n\nС уважением,"],
        inline="Сторона ({state}) предлагает уделить особое внимание наращиванию потенциала, национальным "
               "группам реагирования на компьютерные инциденты и международному сотрудничеству.",
        doc_title="Вклад: {state}", doc_sub="Руководящие указания по использованию ГПК",
        doc=["Правительство ({state}) благодарит Генерального секретаря за приглашение ({ref}).",
             "Мы считаем, что пять основных направлений ГПК сохраняют актуальность.",
             "Предлагаем МСЭ расширить помощь национальным CIRT."],
        attached="Прилагаем", ministry_word="Министерство"),
    "ar": dict(
        subj=["مساهمة {state} - {ref}", "{ref}: مساهمة {state} بشأن البرنامج العالمي للأمن السيبراني"],
        body=["السادة المحترمون،\n\nإشارة إلى الرسالة المعممة {ref}، يسرنا أن نرسل إليكم طيه مساهمة {state} "
              "بشأن المبادئ التوجيهية لاستخدام البرنامج العالمي للأمن السيبراني.\n\nوتفضلوا بقبول فائق الاحترام،",
              "تحية طيبة وبعد،\n\nنرفق لكم مساهمة {state} ردا على الرسالة المعممة {ref}.\n\nمع خالص التحية،"],
        inline="ترحب {state} بهذه المبادرة وتقترح أن تركز المبادئ التوجيهية على بناء القدرات وإنشاء فرق "
               "وطنية للاستجابة للحوادث الحاسوبية والتعاون الدولي.",
        doc_title="مساهمة {state}", doc_sub="المبادئ التوجيهية لاستخدام البرنامج العالمي للأمن السيبراني",
        doc=["تشكر حكومة {state} الأمين العام على دعوته الواردة في الرسالة المعممة {ref}.",
             "ترى {state} أن الركائز الخمس للبرنامج العالمي للأمن السيبراني ما زالت إطارا سليما.",
             "نوصي بأن يعزز الاتحاد مساعدته لفرق الاستجابة الوطنية."],
        attached="مرفق طيه", ministry_word="وزارة"),
    "zh": dict(
        subj=["{state}对{ref}的意见", "关于全球网络安全议程指导原则的意见（{state}）"],
        body=["尊敬的秘书处：\n\n根据通函{ref}，现随函附上{state}关于国际电联使用全球网络安全议程指导原则的意见，"
              "请查收。\n\n此致\n敬礼", "您好！\n\n附件为{state}对{ref}的书面意见。\n\n谢谢！"],
        inline="{state}欢迎秘书长的倡议，建议指导原则重点关注能力建设、国家计算机应急响应组织和国际合作。",
        doc_title="{state}的意见", doc_sub="国际电联使用全球网络安全议程（GCA）的指导原则",
        doc=["{state}政府感谢秘书长通过{ref}发出的邀请。", "{state}认为全球网络安全议程的五大支柱仍然有效。",
             "建议国际电联加强对各国计算机应急响应组织的支持。"],
        attached="随函附上", ministry_word="部"),
    "pt": dict(
        subj=["Contribuição do(a) {state} – {ref}", "{ref}: contribuição de {state} sobre a GCA"],
        body=["Prezados Senhores,\n\nEm resposta à Carta Circular {ref}, encaminhamos em anexo a contribuição "
              "de {state} para as diretrizes de utilização da Agenda Global de Cibersegurança.\n\n"
              "Atenciosamente,", "Caros colegas,\n\nSegue em anexo o documento de {state} relativo à "
              "consulta {ref}.\n\nCom os melhores cumprimentos,"],
        inline="{state} saúda a iniciativa do Secretário-Geral e propõe que as diretrizes deem prioridade ao "
               "desenvolvimento de capacidades e às equipas nacionais de resposta a incidentes.",
        doc_title="Contribuição de {state}", doc_sub="Diretrizes para a utilização da Agenda Global de Cibersegurança",
        doc=["O Governo de {state} agradece ao Secretário-Geral o convite feito na {ref}.",
             "{state} considera que os cinco pilares da GCA continuam a ser um quadro adequado.",
             "Recomendamos que a UIT reforce o apoio às equipas nacionais de resposta a incidentes."],
        attached="Segue em anexo", ministry_word="Ministério"),
    "de": dict(
        subj=["Beitrag {state} zum Rundschreiben {ref}", "{ref} – Stellungnahme {state} zur GCA"],
        body=["Sehr geehrte Damen und Herren,\n\nunter Bezugnahme auf das Rundschreiben {ref} übermitteln wir "
              "Ihnen anbei die Stellungnahme der {state} zu den Leitlinien für die Nutzung der Global "
              "Cybersecurity Agenda.\n\nMit freundlichen Grüßen"],
        inline="Die {state} begrüßt die Initiative und schlägt vor, Kapazitätsaufbau und nationale CERTs in "
               "den Mittelpunkt der Leitlinien zu stellen.",
        doc_title="Beitrag der {state}", doc_sub="Leitlinien für die Nutzung der Global Cybersecurity Agenda",
        doc=["Die Regierung der {state} dankt dem Generalsekretär für die Einladung ({ref}).",
             "Die fünf Säulen der GCA bleiben aus unserer Sicht ein tragfähiger Rahmen.",
             "Wir empfehlen, die Unterstützung nationaler CERTs auszubauen."],
        attached="Anbei erhalten Sie", ministry_word="Bundesministerium"),
    "it": dict(
        subj=["Contributo della {state} – {ref}"],
        body=["Gentili Signore e Signori,\n\nin riferimento alla lettera circolare {ref}, si trasmette in "
              "allegato il contributo della {state} sulle linee guida per l'utilizzo della Global "
              "Cybersecurity Agenda.\n\nCordiali saluti,"],
        inline="La {state} accoglie con favore l'iniziativa e propone di dare priorità allo sviluppo delle "
               "capacità e ai CSIRT nazionali.",
        doc_title="Contributo della {state}", doc_sub="Linee guida per l'utilizzo della GCA da parte dell'UIT",
        doc=["Il Governo della {state} ringrazia il Segretario generale per l'invito ({ref}).",
             "I cinque pilastri della GCA restano un quadro valido.", "Raccomandiamo un maggiore sostegno ai CSIRT."],
        attached="In allegato", ministry_word="Ministero"),
    "tr": dict(
        subj=["{state} katkısı – {ref}"],
        body=["Sayın Yetkili,\n\n{ref} sayılı genelge mektubuna istinaden, Küresel Siber Güvenlik Gündemi'nin "
              "kullanımına ilişkin kılavuz ilkeler hakkında {state} görüşleri ekte sunulmaktadır.\n\n"
              "Saygılarımızla,"],
        inline="{state}, kapasite geliştirme ve ulusal siber olaylara müdahale ekiplerinin güçlendirilmesini "
               "önermektedir.",
        doc_title="{state} Katkısı", doc_sub="Küresel Siber Güvenlik Gündemi Kılavuz İlkeleri",
        doc=["{state} Hükümeti, {ref} ile yapılan davet için Genel Sekretere teşekkür eder.",
             "GCA'nın beş temel unsuru geçerliliğini korumaktadır.", "Ulusal SOME'lere destek artırılmalıdır."],
        attached="Ekte", ministry_word="Bakanlığı"),
    "fa": dict(
        subj=["نظرات {state} درباره {ref}"],
        body=["با سلام و احترام،\n\nدر پاسخ به نامه بخشنامه {ref}، نظرات {state} درباره رهنمودهای استفاده از "
              "دستور کار جهانی امنیت سایبری به پیوست ارسال می‌شود.\n\nبا تشکر،"],
        inline="{state} پیشنهاد می‌کند که رهنمودها بر ظرفیت‌سازی و تیم‌های ملی پاسخ به رخدادهای رایانه‌ای تمرکز کنند.",
        doc_title="نظرات {state}", doc_sub="رهنمودهای استفاده از دستور کار جهانی امنیت سایبری",
        doc=["دولت {state} از دعوت دبیرکل ({ref}) سپاسگزاری می‌کند.", "پنج رکن این دستور کار همچنان معتبر است."],
        attached="به پیوست", ministry_word="وزارت"),
    "id": dict(
        subj=["Kontribusi {state} untuk {ref}"],
        body=["Yth. Sekretariat ITU,\n\nMerujuk Surat Edaran {ref}, bersama ini kami sampaikan kontribusi "
              "{state} mengenai pedoman pemanfaatan Agenda Keamanan Siber Global.\n\nHormat kami,"],
        inline="{state} mengusulkan agar pedoman menitikberatkan pada peningkatan kapasitas dan tim tanggap "
               "insiden siber nasional.",
        doc_title="Kontribusi {state}", doc_sub="Pedoman Pemanfaatan Agenda Keamanan Siber Global",
        doc=["Pemerintah {state} berterima kasih atas undangan Sekretaris Jenderal ({ref}).",
             "Lima pilar GCA tetap relevan."],
        attached="Terlampir", ministry_word="Kementerian"),
    "ja": dict(
        subj=["{ref}に対する{state}の意見"],
        body=["ITU事務局 御中\n\n回章{ref}に関し、グローバル・サイバーセキュリティ・アジェンダの活用に関する"
              "ガイドラインについての{state}の意見を添付にてお送りします。\n\nよろしくお願いいたします。"],
        inline="{state}は、能力構築及び各国のインシデント対応チームの強化を重視することを提案します。",
        doc_title="{state}の意見", doc_sub="グローバル・サイバーセキュリティ・アジェンダ活用ガイドライン",
        doc=["{state}政府は、{ref}による事務総局長の招請に感謝する。", "GCAの五つの柱は引き続き有効である。"],
        attached="添付", ministry_word="省"),
    "ko": dict(
        subj=["{ref}에 대한 {state} 의견 제출"],
        body=["ITU 사무국 귀하\n\n회람 {ref}과 관련하여, 글로벌 사이버보안 어젠다 활용 지침에 대한 {state}의 "
              "의견을 첨부와 같이 제출합니다.\n\n감사합니다."],
        inline="{state}는 역량 강화와 국가 침해사고 대응팀 지원을 지침의 중점으로 삼을 것을 제안합니다.",
        doc_title="{state} 의견서", doc_sub="글로벌 사이버보안 어젠다 활용 지침",
        doc=["{state} 정부는 {ref}을 통한 사무총장의 초청에 감사드립니다.", "GCA의 다섯 가지 축은 여전히 유효합니다."],
        attached="첨부", ministry_word="부"),
    "sw": dict(
        subj=["Mchango wa {state} kuhusu {ref}"],
        body=["Ndugu Sekretarieti,\n\nKwa kurejea barua ya mzunguko {ref}, tunawasilisha mchango wa {state} "
              "kuhusu miongozo ya matumizi ya Ajenda ya Kimataifa ya Usalama wa Mtandao.\n\nWako kwa dhati,"],
        inline="{state} inapendekeza miongozo izingatie kujenga uwezo na timu za kitaifa za kukabiliana na "
               "matukio ya mtandao.",
        doc_title="Mchango wa {state}", doc_sub="Miongozo ya Matumizi ya GCA",
        doc=["Serikali ya {state} inamshukuru Katibu Mkuu kwa mwaliko ({ref}).",
             "Nguzo tano za GCA bado ni mfumo unaofaa."],
        attached="Tumeambatisha", ministry_word="Wizara"),
    "nl": dict(subj=["Bijdrage {state} – {ref}"],
               body=["Geachte heer, mevrouw,\n\nIn antwoord op circulaire {ref} zenden wij u hierbij de bijdrage "
                     "van het {state} over de richtsnoeren voor de Global Cybersecurity Agenda.\n\nMet vriendelijke groet,"],
               inline="Het {state} stelt voor capaciteitsopbouw en nationale CERT's centraal te stellen.",
               doc_title="Bijdrage van het {state}", doc_sub="Richtsnoeren voor het gebruik van de GCA",
               doc=["De regering van het {state} dankt de secretaris-generaal voor de uitnodiging ({ref})."],
               attached="Bijgaand", ministry_word="Ministerie"),
    "pl": dict(subj=["Wkład: {state} – {ref}"],
               body=["Szanowni Państwo,\n\nw odpowiedzi na list okólny {ref} przesyłamy w załączeniu stanowisko "
                     "{state} w sprawie wytycznych dotyczących Globalnej Agendy Cyberbezpieczeństwa.\n\nZ poważaniem,"],
               inline="{state} proponuje, aby wytyczne skupiały się na budowaniu potencjału i krajowych zespołach CSIRT.",
               doc_title="Stanowisko: {state}", doc_sub="Wytyczne dotyczące wykorzystania GCA",
               doc=["Rząd ({state}) dziękuje Sekretarzowi Generalnemu za zaproszenie ({ref})."],
               attached="W załączeniu", ministry_word="Ministerstwo"),
    "th": dict(subj=["ข้อคิดเห็นของ{state} ต่อหนังสือเวียน {ref}"],
               body=["เรียน สำนักเลขาธิการ ITU\n\nตามหนังสือเวียน {ref} {state}ขอส่งข้อคิดเห็นเกี่ยวกับแนวทางการใช้วาระความมั่นคงปลอดภัยไซเบอร์ระดับโลกตามเอกสารแนบ\n\nขอแสดงความนับถือ"],
               inline="{state}เสนอให้แนวทางเน้นการเสริมสร้างขีดความสามารถและทีมรับมือเหตุการณ์ไซเบอร์แห่งชาติ",
               doc_title="ข้อคิดเห็นของ{state}", doc_sub="แนวทางการใช้ GCA",
               doc=["รัฐบาล{state}ขอขอบคุณเลขาธิการสำหรับคำเชิญ ({ref})"],
               attached="แนบ", ministry_word="กระทรวง"),
    "vi": dict(subj=["Đóng góp của {state} cho {ref}"],
               body=["Kính gửi Ban Thư ký ITU,\n\nTheo Thư thông báo {ref}, {state} xin gửi kèm theo ý kiến đóng góp về "
                     "hướng dẫn sử dụng Chương trình An ninh mạng toàn cầu.\n\nTrân trọng,"],
               inline="{state} đề xuất hướng dẫn tập trung vào nâng cao năng lực và các đội ứng cứu sự cố quốc gia.",
               doc_title="Đóng góp của {state}", doc_sub="Hướng dẫn sử dụng GCA",
               doc=["Chính phủ {state} cảm ơn lời mời của Tổng Thư ký ({ref})."],
               attached="Gửi kèm", ministry_word="Bộ"),
    "uk": dict(subj=["Внесок: {state} – {ref}"],
               body=["Шановні колеги!\n\nУ відповідь на циркулярний лист {ref} надсилаємо внесок ({state}) щодо "
                     "настанов із використання Глобальної програми кібербезпеки.\n\nЗ повагою,"],
               inline="Сторона ({state}) пропонує зосередитися на розбудові спроможностей і національних CERT.",
               doc_title="Внесок: {state}", doc_sub="Настанови з використання ГПК",
               doc=["Уряд ({state}) дякує Генеральному секретарю за запрошення ({ref})."],
               attached="Додаємо", ministry_word="Міністерство"),
    "el": dict(subj=["Συνεισφορά: {state} – {ref}"],
               body=["Αξιότιμοι κύριοι,\n\nΣε απάντηση της εγκυκλίου {ref}, σας διαβιβάζουμε συνημμένα τη συνεισφορά "
                     "({state}) για τις κατευθυντήριες γραμμές της GCA.\n\nΜε εκτίμηση,"],
               inline="Η ({state}) προτείνει έμφαση στην ανάπτυξη ικανοτήτων.",
               doc_title="Συνεισφορά: {state}", doc_sub="Κατευθυντήριες γραμμές GCA",
               doc=["Η Κυβέρνηση ({state}) ευχαριστεί τον Γενικό Γραμματέα ({ref})."],
               attached="Συνημμένα", ministry_word="Υπουργείο"),
    "hu": dict(subj=["{state} hozzájárulása – {ref}"],
               body=["Tisztelt Titkárság!\n\nA {ref} körlevélre válaszul mellékelten megküldjük {state} "
                     "észrevételeit a GCA iránymutatásaihoz.\n\nTisztelettel,"],
               inline="{state} javasolja a kapacitásépítés előtérbe helyezését.",
               doc_title="{state} hozzájárulása", doc_sub="A GCA felhasználására vonatkozó iránymutatások",
               doc=["{state} Kormánya köszöni a főtitkár meghívását ({ref})."],
               attached="Mellékelten", ministry_word="Minisztérium"),
    "sv": dict(subj=["Bidrag från {state} – {ref}"],
               body=["Hej,\n\nMed anledning av cirkulärskrivelse {ref} översänds härmed {state}s synpunkter på "
                     "riktlinjerna för Global Cybersecurity Agenda.\n\nMed vänliga hälsningar,"],
               inline="{state} föreslår fokus på kapacitetsuppbyggnad och nationella CERT.",
               doc_title="Bidrag från {state}", doc_sub="Riktlinjer för användning av GCA",
               doc=["Regeringen i {state} tackar generalsekreteraren för inbjudan ({ref})."],
               attached="Bifogat", ministry_word="Departement"),
    "cs": dict(subj=["Příspěvek: {state} – {ref}"],
               body=["Vážení,\n\nv reakci na oběžník {ref} zasíláme v příloze příspěvek ({state}) k zásadám "
                     "využívání Globální agendy kybernetické bezpečnosti.\n\nS pozdravem,"],
               inline="Strana ({state}) navrhuje zaměřit se na budování kapacit.",
               doc_title="Příspěvek: {state}", doc_sub="Zásady využívání GCA",
               doc=["Vláda ({state}) děkuje generálnímu tajemníkovi za pozvání ({ref})."],
               attached="V příloze", ministry_word="Ministerstvo"),
    "ro": dict(subj=["Contribuția {state} – {ref}"],
               body=["Stimată doamnă, stimate domn,\n\nCa răspuns la scrisoarea circulară {ref}, vă transmitem "
                     "alăturat contribuția {state} privind ghidurile GCA.\n\nCu stimă,"],
               inline="{state} propune accentul pe consolidarea capacităților și echipele CSIRT naționale.",
               doc_title="Contribuția {state}", doc_sub="Ghiduri pentru utilizarea GCA",
               doc=["Guvernul {state} mulțumește Secretarului General pentru invitație ({ref})."],
               attached="Alăturat", ministry_word="Ministerul"),
}

WEBMAIL = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.fr", "yahoo.fr", "mail.ru", "yandex.ru",
           "163.com", "gmx.de", "bluewin.ch", "orange.fr", "uol.com.br"]
