"""The generator's own, hand-written country table: how people write these names in six languages.

Written independently of data/member_states*.{toml,json}: the labels of the corpus come from here
(the generator's intent), never from the attributor.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    en: str          # as in "Contribution from {en}"
    fr: str          # bare, as in "Source : {fr}"
    fr_de: str       # as in "Contribution {fr_de}"
    es: str
    es_de: str
    ru: str          # nominative
    ru_gen: str      # genitive, as in "Вклад {ru_gen}"
    ar: str
    zh: str
    domain: str      # a government or regulator domain it writes from


def _c(code, en, fr, fr_de, es, es_de, ru, ru_gen, ar, zh, domain) -> Country:
    return Country(code, en, fr, fr_de, es, es_de, ru, ru_gen, ar, zh, domain)


COUNTRIES = {c.code: c for c in (
    _c("KEN", "Kenya", "Kenya", "du Kenya", "Kenya", "de Kenya", "Кения", "Кении", "كينيا", "肯尼亚", "ca.go.ke"),
    _c("UGA", "Uganda", "Ouganda", "de l'Ouganda", "Uganda", "de Uganda", "Уганда", "Уганды", "أوغندا", "乌干达", "ucc.co.ug"),
    _c("TZA", "the United Republic of Tanzania", "République-Unie de Tanzanie", "de la République-Unie de Tanzanie",
       "República Unida de Tanzanía", "de la República Unida de Tanzanía", "Объединенная Республика Танзания",
       "Объединенной Республики Танзания", "جمهورية تنزانيا المتحدة", "坦桑尼亚联合共和国", "tcra.go.tz"),
    _c("SEN", "Senegal", "Sénégal", "du Sénégal", "Senegal", "del Senegal", "Сенегал", "Сенегала", "السنغال", "塞内加尔", "artp.sn"),
    _c("CIV", "Côte d'Ivoire", "Côte d'Ivoire", "de la Côte d'Ivoire", "Côte d'Ivoire", "de Côte d'Ivoire",
       "Кот-д'Ивуар", "Кот-д'Ивуара", "كوت ديفوار", "科特迪瓦", "artci.ci"),
    _c("NER", "the Niger", "Niger", "du Niger", "Níger", "del Níger", "Нигер", "Нигера", "النيجر", "尼日尔", "arcep.ne"),
    _c("NGA", "Nigeria", "Nigéria", "du Nigéria", "Nigeria", "de Nigeria", "Нигерия", "Нигерии", "نيجيريا", "尼日利亚", "ncc.gov.ng"),
    _c("GIN", "Guinea", "Guinée", "de la Guinée", "Guinea", "de Guinea", "Гвинея", "Гвинеи", "غينيا", "几内亚", "arpt.gov.gn"),
    _c("GNB", "Guinea-Bissau", "Guinée-Bissau", "de la Guinée-Bissau", "Guinea-Bissau", "de Guinea-Bissau",
       "Гвинея-Бисау", "Гвинеи-Бисау", "غينيا بيساو", "几内亚比绍", "arn.gw"),
    _c("GNQ", "Equatorial Guinea", "Guinée équatoriale", "de la Guinée équatoriale", "Guinea Ecuatorial",
       "de Guinea Ecuatorial", "Экваториальная Гвинея", "Экваториальной Гвинеи", "غينيا الاستوائية", "赤道几内亚", "gob.gq"),
    _c("PNG", "Papua New Guinea", "Papouasie-Nouvelle-Guinée", "de la Papouasie-Nouvelle-Guinée", "Papua Nueva Guinea",
       "de Papua Nueva Guinea", "Папуа — Новая Гвинея", "Папуа — Новой Гвинеи", "بابوا غينيا الجديدة", "巴布亚新几内亚",
       "nicta.gov.pg"),
    _c("DMA", "Dominica", "Dominique", "de la Dominique", "Dominica", "de Dominica", "Доминика", "Доминики", "دومينيكا",
       "多米尼克", "gov.dm"),
    _c("DOM", "the Dominican Republic", "République dominicaine", "de la République dominicaine", "República Dominicana",
       "de la República Dominicana", "Доминиканская Республика", "Доминиканской Республики", "الجمهورية الدومينيكية",
       "多米尼加共和国", "indotel.gob.do"),
    _c("COG", "the Congo", "Congo", "du Congo", "Congo", "del Congo", "Конго", "Конго", "الكونغو", "刚果", "arpce.cg"),
    _c("COD", "the Democratic Republic of the Congo", "République démocratique du Congo",
       "de la République démocratique du Congo", "República Democrática del Congo", "de la República Democrática del Congo",
       "Демократическая Республика Конго", "Демократической Республики Конго", "جمهورية الكونغو الديمقراطية",
       "刚果民主共和国", "arptc.cd"),
    _c("SDN", "the Sudan", "Soudan", "du Soudan", "Sudán", "del Sudán", "Судан", "Судана", "السودان", "苏丹", "tpra.gov.sd"),
    _c("SSD", "South Sudan", "Soudan du Sud", "du Soudan du Sud", "Sudán del Sur", "de Sudán del Sur", "Южный Судан",
       "Южного Судана", "جنوب السودان", "南苏丹", "moict.gov.ss"),
    _c("KOR", "the Republic of Korea", "République de Corée", "de la République de Corée", "República de Corea",
       "de la República de Corea", "Республика Корея", "Республики Корея", "جمهورية كوريا", "大韩民国", "msit.go.kr"),
    _c("PRK", "the Democratic People's Republic of Korea", "République populaire démocratique de Corée",
       "de la République populaire démocratique de Corée", "República Popular Democrática de Corea",
       "de la República Popular Democrática de Corea", "Корейская Народно-Демократическая Республика",
       "Корейской Народно-Демократической Республики", "جمهورية كوريا الشعبية الديمقراطية", "朝鲜民主主义人民共和国",
       "mfa.gov.kp"),
    _c("BRA", "Brazil", "Brésil", "du Brésil", "Brasil", "del Brasil", "Бразилия", "Бразилии", "البرازيل", "巴西", "anatel.gov.br"),
    _c("MEX", "Mexico", "Mexique", "du Mexique", "México", "de México", "Мексика", "Мексики", "المكسيك", "墨西哥", "ift.org.mx"),
    _c("ARG", "Argentina", "Argentine", "de l'Argentine", "Argentina", "de la Argentina", "Аргентина", "Аргентины", "الأرجنتين",
       "阿根廷", "enacom.gob.ar"),
    _c("COL", "Colombia", "Colombie", "de la Colombie", "Colombia", "de Colombia", "Колумбия", "Колумбии", "كولومبيا", "哥伦比亚",
       "mintic.gov.co"),
    _c("ESP", "Spain", "Espagne", "de l'Espagne", "España", "de España", "Испания", "Испании", "إسبانيا", "西班牙", "digital.gob.es"),
    _c("FRA", "France", "France", "de la France", "Francia", "de Francia", "Франция", "Франции", "فرنسا", "法国", "anfr.fr"),
    _c("CHE", "Switzerland", "Suisse", "de la Suisse", "Suiza", "de Suiza", "Швейцария", "Швейцарии", "سويسرا", "瑞士",
       "bakom.admin.ch"),
    _c("RUS", "the Russian Federation", "Fédération de Russie", "de la Fédération de Russie", "Federación de Rusia",
       "de la Federación de Rusia", "Российская Федерация", "Российской Федерации", "الاتحاد الروسي", "俄罗斯联邦",
       "digital.gov.ru"),
    _c("KAZ", "Kazakhstan", "Kazakhstan", "du Kazakhstan", "Kazajstán", "de Kazajstán", "Казахстан", "Казахстана", "كازاخستان",
       "哈萨克斯坦", "mdai.gov.kz"),
    _c("BLR", "Belarus", "Bélarus", "du Bélarus", "Belarús", "de Belarús", "Беларусь", "Беларуси", "بيلاروس", "白俄罗斯",
       "mpt.gov.by"),
    _c("UZB", "Uzbekistan", "Ouzbékistan", "de l'Ouzbékistan", "Uzbekistán", "de Uzbekistán", "Узбекистан", "Узбекистана",
       "أوزبكستان", "乌兹别克斯坦", "mitc.uz"),
    _c("SAU", "Saudi Arabia", "Arabie saoudite", "de l'Arabie saoudite", "Arabia Saudita", "de Arabia Saudita",
       "Саудовская Аравия", "Саудовской Аравии", "المملكة العربية السعودية", "沙特阿拉伯", "cst.gov.sa"),
    _c("EGY", "Egypt", "Égypte", "de l'Égypte", "Egipto", "de Egipto", "Египет", "Египта", "مصر", "埃及", "tra.gov.eg"),
    _c("ARE", "the United Arab Emirates", "Émirats arabes unis", "des Émirats arabes unis", "Emiratos Árabes Unidos",
       "de los Emiratos Árabes Unidos", "Объединенные Арабские Эмираты", "Объединенных Арабских Эмиратов",
       "الإمارات العربية المتحدة", "阿拉伯联合酋长国", "tdra.gov.ae"),
    _c("MAR", "Morocco", "Maroc", "du Maroc", "Marruecos", "de Marruecos", "Марокко", "Марокко", "المغرب", "摩洛哥", "anrt.ma"),
    _c("TUN", "Tunisia", "Tunisie", "de la Tunisie", "Túnez", "de Túnez", "Тунис", "Туниса", "تونس", "突尼斯", "mtc.gov.tn"),
    _c("CHN", "China", "Chine", "de la Chine", "China", "de China", "Китай", "Китая", "الصين", "中国", "miit.gov.cn"),
    _c("IND", "India", "Inde", "de l'Inde", "India", "de la India", "Индия", "Индии", "الهند", "印度", "dot.gov.in"),
    _c("JPN", "Japan", "Japon", "du Japon", "Japón", "del Japón", "Япония", "Японии", "اليابان", "日本", "soumu.go.jp"),
    _c("GBR", "the United Kingdom", "Royaume-Uni", "du Royaume-Uni", "Reino Unido", "del Reino Unido",
       "Соединенное Королевство", "Соединенного Королевства", "المملكة المتحدة", "英国", "dsit.gov.uk"),
    _c("USA", "the United States of America", "États-Unis d'Amérique", "des États-Unis d'Amérique",
       "Estados Unidos de América", "de los Estados Unidos de América", "Соединенные Штаты Америки",
       "Соединенных Штатов Америки", "الولايات المتحدة الأمريكية", "美国", "state.gov"),
    _c("EST", "Estonia", "Estonie", "de l'Estonie", "Estonia", "de Estonia", "Эстония", "Эстонии", "إستونيا", "爱沙尼亚", "mkm.ee"),
    _c("TUR", "Türkiye", "Türkiye", "de la Türkiye", "Türkiye", "de Türkiye", "Турция", "Турции", "تركيا", "土耳其", "btk.gov.tr"),
    _c("VNM", "Viet Nam", "Viet Nam", "du Viet Nam", "Viet Nam", "de Viet Nam", "Вьетнам", "Вьетнама", "فييت نام", "越南",
       "mic.gov.vn"),
    _c("IRN", "the Islamic Republic of Iran", "République islamique d'Iran", "de la République islamique d'Iran",
       "República Islámica del Irán", "de la República Islámica del Irán", "Исламская Республика Иран",
       "Исламской Республики Иран", "جمهورية إيران الإسلامية", "伊朗伊斯兰共和国", "ict.gov.ir"),
    _c("NLD", "the Netherlands", "Pays-Bas", "des Pays-Bas", "Países Bajos", "de los Países Bajos", "Нидерланды",
       "Нидерландов", "هولندا", "荷兰", "rdi.nl"),
    _c("CZE", "Czechia", "Tchéquie", "de la Tchéquie", "Chequia", "de Chequia", "Чехия", "Чехии", "تشيكيا", "捷克", "ctu.cz"),
    _c("JOR", "Jordan", "Jordanie", "de la Jordanie", "Jordania", "de Jordania", "Иордания", "Иордании", "الأردن", "约旦",
       "trc.gov.jo"),
)}

# The confusable families the attributor must keep apart.
CONFUSABLE_PAIRS = (("NER", "NGA"), ("NGA", "NER"), ("GIN", "GNB"), ("GNB", "GIN"), ("GNQ", "GIN"), ("PNG", "GIN"),
                    ("DMA", "DOM"), ("DOM", "DMA"), ("COG", "COD"), ("COD", "COG"), ("SDN", "SSD"), ("SSD", "SDN"),
                    ("KOR", "PRK"), ("PRK", "KOR"), ("GIN", "GNQ"), ("NER", "NGA"), ("COD", "COG"), ("SSD", "SDN"))
