"""Demo programme data from the source documents (FACTS.md): pure values, no logic.

The republican plan's events are in ``demo_events``.
"""

from __future__ import annotations

from datetime import date

PROGRAMME = {
    "slug": "independence-30",
    "name_kk": "Қазақстан Республикасы Тәуелсіздігінің 30 жылдығы",
    "name_ru": "30-летие Независимости Республики Казахстан",
    "name_en": "30th anniversary of the Independence of the Republic of Kazakhstan",
    "starts_on": date(2021, 1, 1),
    "ends_on": date(2021, 12, 31),
    "timezone": "Asia/Almaty",
    "is_public": True,
    "report_deadline_days": 5,
}

REPUBLICAN_ACT = "Government Resolution No. 101 of 2 February 2021"
REPUBLICAN_ACT_DATE = date(2021, 2, 2)

# key, kk, ru, en — positions 1 and 2, before the monthly blocks.
GENERAL_SECTIONS: list[tuple[str, str, str, str]] = [
    ("org", "Ұйымдастыру-дайындық іс-шаралары", "Организационно-подготовительные мероприятия",
     "Organisational and preparatory measures"),
    ("info", "Ақпараттық-имидждік жұмыс", "Информационно-имиджевая работа",
     "Information and image work"),
]  # fmt: skip

# month, kk (exactly as in the seed), ru, en — FACTS §1.
THEMES: list[tuple[int, str, str, str]] = [
    (1, "Қазақстанның жаһандық бастамалары. Халықаралық қауіпсіздікке қосқан үлесі",
     "Глобальные инициативы Казахстана. Вклад в международную безопасность",
     "Kazakhstan's global initiatives. Contribution to international security"),
    (2, "Қазақстан - спорттық ұлт", "Казахстан – спортивная нация",
     "Kazakhstan – a sporting nation"),
    (3, "Қазақстанның ұлттық дәстүрлері мен мәдениеті",
     "Национальные традиции и культура Казахстана",
     "National traditions and culture of Kazakhstan"),
    (4, "Ғылым және технологиялар", "Наука и технологии", "Science and technology"),
    (5, "Ұлттық бірлік, бейбітшілік және тұрақтылық", "Национальное единство, мир и стабильность",
     "National unity, peace and stability"),
    (6, "Патриотизм", "Патриотизм", "Patriotism"),
    (7, "Астана күні. Нұр-Сұлтан - табыс пен өркендеудің символы",
     "День Астаны. Нур-Султан – символ успеха и процветания",
     "Astana Day. Nur-Sultan – a symbol of success and prosperity"),
    (8, "Тәуелсіздіктің құқықтық негіздері. Құқық үстемдігі және азаматтық қоғам",
     "Правовые основы Независимости. Верховенство права и гражданское общество",
     "Legal foundations of Independence. Rule of law and civil society"),
    (9, "Білім", "Образование", "Education"),
    (10, "Ауылды қайта түлету", "Возрождение села", "Rural revival"),
    (11, "Индустриялық-инновациялық даму. Цифрлық экономика",
     "Индустриально-инновационное развитие. Цифровая экономика",
     "Industrial-innovative development. Digital economy"),
    (12, "Тәуелсіздік - орындалған арман. Қазақстан жолы",
     "Независимость – воплощённая мечта. Путь Казахстана",
     "Independence – a dream fulfilled. The Kazakhstan Way"),
]  # fmt: skip

# anniversary, origin_year, origin_date, kk, ru, en, note — FACTS §5.
COMMEMORATIONS: list[tuple[int, int, date | None, str, str, str, str]] = [
    (175, 1846, date(1846, 2, 28), "Жамбыл Жабаев", "Жамбыл Жабаев", "Zhambyl Zhabayev",
     "folk poet"),
    (150, 1871, date(1871, 4, 7), "Қажымұқан Мұңайтпасұлы", "Кажымукан Мунайтпасов",
     "Kazhymukan Munaitpasov", "wrestler"),
    (155, 1866, date(1866, 3, 5), "Әлихан Бөкейханұлы", "Алихан Букейханов",
     "Alikhan Bokeikhanov", "leader of the Alash movement"),
    (180, 1841, date(1841, 11, 2), "Ыбырай Алтынсарин", "Ибрай Алтынсарин", "Ybyrai Altynsarin",
     "educator"),
    (90, 1931, date(1931, 2, 9), "Мұқағали Мақатаев", "Мукагали Макатаев", "Mukagali Makatayev",
     "poet"),
    (310, 1711, None, "Абылай хан", "Абылай хан", "Abylai Khan", "khan of the Kazakh Khanate"),
    (75, 1946, date(1946, 6, 1), "Қазақстан Республикасының Ұлттық ғылым академиясы",
     "Национальная академия наук Республики Казахстан",
     "National Academy of Sciences of the Republic of Kazakhstan", "organisation"),
]  # fmt: skip

# Demo regional plans: region code, status, number of events, date of the approving act.
# The act's wording is derived from the region ("Утверждён заместителем акима …").
REGIONAL_PLANS: list[tuple[str, str, int, date | None]] = [
    ("PAVLODAR", "approved", 137, date(2021, 2, 15)),
    ("AKMOLA", "approved", 60, date(2021, 2, 12)),
    ("MANGYSTAU", "approved", 48, date(2021, 2, 18)),
    ("KARAGANDA", "draft", 6, None),
]

FUNDING_SOURCES = ("республиканский бюджет", "местный бюджет", "спонсорские средства",
                   "не требуется")  # fmt: skip

REGIONAL_COMPLETION_FORMS = (
    "Облыс әкімдігіне ақпарат",
    "информация в акимат области",
    "информация в Республиканский штаб",
    "фотоотчёт и публикации в СМИ",
)

# Places for generated regional events: kk, ru, en. Pavlodar has its districts (the plan of
# 137 events); other regions use their centre.
PAVLODAR_PLACES: list[tuple[str, str, str]] = [
    ("Павлодар қ.", "г. Павлодар", "Pavlodar"),
    ("Екібастұз қ.", "г. Экибастуз", "Ekibastuz"),
    ("Ақсу қ.", "г. Аксу", "Aksu"),
    ("Баянауыл ауданы", "Баянаульский район", "Bayanaul District"),
    ("Ертіс ауданы", "Иртышский район", "Irtysh District"),
    ("Май ауданы", "Майский район", "May District"),
    ("Шарбақты ауданы", "Щербактинский район", "Sharbakty District"),
    ("Успен ауданы", "Успенский район", "Uspen District"),
    ("Железин ауданы", "Железинский район", "Zhelezin District"),
    ("Тереңкөл ауданы", "Теренкольский район", "Terenkol District"),
    ("Аққулы ауданы", "Аккулинский район", "Akkuly District"),
    ("Павлодар ауданы", "Павлодарский район", "Pavlodar District"),
]

REGION_CENTRES: dict[str, tuple[str, str, str]] = {
    "AKMOLA": ("Көкшетау қ.", "г. Кокшетау", "Kokshetau"),
    "AKTOBE": ("Ақтөбе қ.", "г. Актобе", "Aktobe"),
    "ALMATY_REGION": ("Талдықорған қ.", "г. Талдыкорган", "Taldykorgan"),
    "ATYRAU": ("Атырау қ.", "г. Атырау", "Atyrau"),
    "EAST_KAZAKHSTAN": ("Өскемен қ.", "г. Усть-Каменогорск", "Oskemen"),
    "ZHAMBYL": ("Тараз қ.", "г. Тараз", "Taraz"),
    "WEST_KAZAKHSTAN": ("Орал қ.", "г. Уральск", "Oral"),
    "KARAGANDA": ("Қарағанды қ.", "г. Караганда", "Karaganda"),
    "KOSTANAY": ("Қостанай қ.", "г. Костанай", "Kostanay"),
    "KYZYLORDA": ("Қызылорда қ.", "г. Кызылорда", "Kyzylorda"),
    "MANGYSTAU": ("Ақтау қ.", "г. Актау", "Aktau"),
    "PAVLODAR": ("Павлодар қ.", "г. Павлодар", "Pavlodar"),
    "NORTH_KAZAKHSTAN": ("Петропавл қ.", "г. Петропавловск", "Petropavl"),
    "TURKISTAN": ("Түркістан қ.", "г. Туркестан", "Turkistan"),
    "ABAI": ("Семей қ.", "г. Семей", "Semey"),
    "JETISU": ("Талдықорған қ.", "г. Талдыкорган", "Taldykorgan"),
    "ULYTAU": ("Жезқазған қ.", "г. Жезказган", "Zhezkazgan"),
    "NUR_SULTAN": ("Нұр-Сұлтан қ.", "г. Нур-Султан", "Nur-Sultan"),
    "ASTANA": ("Астана қ.", "г. Астана", "Astana"),
    "ALMATY_CITY": ("Алматы қ.", "г. Алматы", "Almaty"),
    "SHYMKENT": ("Шымкент қ.", "г. Шымкент", "Shymkent"),
}

# Title templates for generated regional events, by category: kk, ru, en with {place}.
REGIONAL_TEMPLATES: dict[str, list[tuple[str, str, str]]] = {
    "information": [
        ("«Тәуелсіздік жылдары» айдары бойынша материалдар топтамасы ({place})",
         "Серия материалов под рубрикой «Годы Независимости» ({place})",
         "Series of articles under the rubric 'Years of Independence' ({place})"),
        ("#Qazaqstan30 әлеуметтік желілердегі челлендж ({place})",
         "Челлендж в социальных сетях #Qazaqstan30 ({place})",
         "#Qazaqstan30 social media challenge ({place})"),
        ("Мерейтойлық баннерлер мен билбордтар орнату ({place})",
         "Размещение юбилейных баннеров и билбордов ({place})",
         "Jubilee banners and billboards ({place})"),
    ],
    "international": [
        ("Шетелдік әріптес қалалармен онлайн-көпір ({place})",
         "Онлайн-мост с городами-побратимами ({place})",
         "Online bridge with twin cities ({place})"),
        ("Шетелдегі отандастармен кездесу ({place})",
         "Встреча с соотечественниками из-за рубежа ({place})",
         "Meeting with compatriots from abroad ({place})"),
    ],
    "sports": [
        ("«Тәуелсіздікке 30 жыл» спартакиадасы ({place})",
         "Спартакиада «Независимости – 30 лет» ({place})",
         "'30 years of Independence' spartakiad ({place})"),
        ("Қазақ күресінен турнир ({place})", "Турнир по казах курес ({place})",
         "Kazakh kuresi tournament ({place})"),
        ("Жаппай жүгіру «Денсаулық жолы» ({place})", "Массовый забег «Путь здоровья» ({place})",
         "'Road to health' mass run ({place})"),
    ],
    "cultural": [
        ("«Тәуелсіздік әуендері» концерті ({place})", "Концерт «Мелодии Независимости» ({place})",
         "'Melodies of Independence' concert ({place})"),
        ("«Тәуелсіздік шежіресі» көрмесі ({place})", "Выставка «Летопись Независимости» ({place})",
         "'Chronicle of Independence' exhibition ({place})"),
        ("Ақындар айтысы ({place})", "Айтыс акынов ({place})", "Aitys of poets ({place})"),
    ],
    "charity": [
        ("«30 қайырымды іс» акциясы ({place})", "Акция «30 добрых дел» ({place})",
         "'30 good deeds' campaign ({place})"),
        ("Ардагерлер мен көпбалалы отбасыларға көмек ({place})",
         "Помощь ветеранам и многодетным семьям ({place})",
         "Aid to veterans and large families ({place})"),
    ],
    "environmental": [
        ("«Таза Қазақстан» сенбілігі ({place})", "Субботник «Таза Қазақстан» ({place})",
         "'Taza Qazaqstan' clean-up ({place})"),
        ("«Тәуелсіздікке 30 жыл – 30 мың көшет» акциясы ({place})",
         "Акция «30 лет Независимости – 30 тысяч саженцев» ({place})",
         "'30 years – 30,000 saplings' tree planting ({place})"),
    ],
    "socio_political": [
        ("«Тәуелсіздік ұрпақтары» жастар форумы ({place})",
         "Молодёжный форум «Поколения Независимости» ({place})",
         "'Generations of Independence' youth forum ({place})"),
        ("Облыстық этномәдени бірлестіктердің дөңгелек үстелі ({place})",
         "Круглый стол этнокультурных объединений ({place})",
         "Round table of ethnocultural associations ({place})"),
        ("Қоғамдық келісім кеңесінің отырысы ({place})",
         "Заседание совета общественного согласия ({place})",
         "Meeting of the public accord council ({place})"),
    ],
    "organisational": [
        ("Өңірлік штабтың отырысы ({place})", "Заседание регионального штаба ({place})",
         "Meeting of the regional headquarters ({place})"),
    ],
}  # fmt: skip

# Co-executors that a regional event may have besides its akimat.
REGIONAL_COEXECUTORS = ("APK", "MISD", "MCS", "MES", "MH", "MLSPP", "MEGNR")

# Demo users: role, e-mail, full name, agency code; the password is demo2021-<role>.
USERS: list[tuple[str, str, str, str | None]] = [
    ("admin", "admin@eventplan.local", "Демо әкімші (администратор)", None),
    ("hq", "hq@eventplan.local", "Республиканский штаб (демо)", "HQ"),
    ("viewer", "viewer@eventplan.local", "Наблюдатель (демо)", None),
    ("coordinator", "pavlodar@eventplan.local", "Координатор, акимат Павлодарской области",
     "AKIMAT_PAVLODAR"),
    ("coordinator", "akmola@eventplan.local", "Координатор, акимат Акмолинской области",
     "AKIMAT_AKMOLA"),
    ("coordinator", "mangystau@eventplan.local", "Координатор, акимат Мангистауской области",
     "AKIMAT_MANGYSTAU"),
    ("coordinator", "karaganda@eventplan.local", "Координатор, акимат Карагандинской области",
     "AKIMAT_KARAGANDA"),
    ("coordinator", "misd@eventplan.local", "Координатор, МИОР", "MISD"),
]  # fmt: skip

# The appendix cites "changes made by Resolution No. 101 of 26.02.2021" (FACTS §1).
REPUBLICAN_AMENDMENT_ACT = "Government Resolution No. 101 of 26 February 2021 (amendments)"
REPUBLICAN_AMENDMENT_DATE = date(2021, 2, 26)
