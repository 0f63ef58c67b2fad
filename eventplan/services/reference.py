"""Reference data: regions (dated), ministries, the headquarters, the APK and every akimat.

``load_reference_data`` is idempotent: rows are matched by ``code`` and only missing ones
are created, so an administrator's later edits to names survive a re-run.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from eventplan.extensions import db
from eventplan.models import Agency, Region

# The 2022 reform: Abai, Jetisu and Ulytau regions created on 8 June 2022; the capital
# was Nur-Sultan from 23 March 2019 and Astana again from 17 September 2022.
REFORM_2022 = date(2022, 6, 8)

# code, kind, kk, ru, en, ru genitive (for "Акимат …"), valid_from, valid_to
REGIONS: list[tuple[str, str, str, str, str, str, date | None, date | None]] = [
    ("AKMOLA", "region", "Ақмола облысы", "Акмолинская область", "Akmola Region",
     "Акмолинской области", None, None),
    ("AKTOBE", "region", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region",
     "Актюбинской области", None, None),
    ("ALMATY_REGION", "region", "Алматы облысы", "Алматинская область", "Almaty Region",
     "Алматинской области", None, None),
    ("ATYRAU", "region", "Атырау облысы", "Атырауская область", "Atyrau Region",
     "Атырауской области", None, None),
    ("EAST_KAZAKHSTAN", "region", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область",
     "East Kazakhstan Region", "Восточно-Казахстанской области", None, None),
    ("ZHAMBYL", "region", "Жамбыл облысы", "Жамбылская область", "Jambyl Region",
     "Жамбылской области", None, None),
    ("WEST_KAZAKHSTAN", "region", "Батыс Қазақстан облысы", "Западно-Казахстанская область",
     "West Kazakhstan Region", "Западно-Казахстанской области", None, None),
    ("KARAGANDA", "region", "Қарағанды облысы", "Карагандинская область", "Karaganda Region",
     "Карагандинской области", None, None),
    ("KOSTANAY", "region", "Қостанай облысы", "Костанайская область", "Kostanay Region",
     "Костанайской области", None, None),
    ("KYZYLORDA", "region", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region",
     "Кызылординской области", None, None),
    ("MANGYSTAU", "region", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region",
     "Мангистауской области", None, None),
    ("PAVLODAR", "region", "Павлодар облысы", "Павлодарская область", "Pavlodar Region",
     "Павлодарской области", None, None),
    ("NORTH_KAZAKHSTAN", "region", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область",
     "North Kazakhstan Region", "Северо-Казахстанской области", None, None),
    ("TURKISTAN", "region", "Түркістан облысы", "Туркестанская область", "Turkistan Region",
     "Туркестанской области", None, None),
    ("ABAI", "region", "Абай облысы", "Область Абай", "Abai Region",
     "области Абай", REFORM_2022, None),
    ("JETISU", "region", "Жетісу облысы", "Область Жетісу", "Jetisu Region",
     "области Жетісу", REFORM_2022, None),
    ("ULYTAU", "region", "Ұлытау облысы", "Область Ұлытау", "Ulytau Region",
     "области Ұлытау", REFORM_2022, None),
    ("NUR_SULTAN", "city", "Нұр-Сұлтан қаласы", "город Нур-Султан", "Nur-Sultan city",
     "города Нур-Султан", date(2019, 3, 23), date(2022, 9, 16)),
    ("ASTANA", "city", "Астана қаласы", "город Астана", "Astana city",
     "города Астаны", date(2022, 9, 17), None),
    ("ALMATY_CITY", "city", "Алматы қаласы", "город Алматы", "Almaty city",
     "города Алматы", None, None),
    ("SHYMKENT", "city", "Шымкент қаласы", "город Шымкент", "Shymkent city",
     "города Шымкент", None, None),
]  # fmt: skip

# code, abbreviation (ru, as in plan tables), kk, ru, en — the 13 ministries of FACTS §3.
MINISTRIES: list[tuple[str, str, str, str, str]] = [
    ("MISD", "МИОР", "Ақпарат және қоғамдық даму министрлігі",
     "Министерство информации и общественного развития",
     "Ministry of Information and Social Development"),
    ("MCS", "МКС", "Мәдениет және спорт министрлігі", "Министерство культуры и спорта",
     "Ministry of Culture and Sports"),
    ("MNE", "МНЭ", "Ұлттық экономика министрлігі", "Министерство национальной экономики",
     "Ministry of National Economy"),
    ("MDDIAI", "МЦРИАП", "Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі",
     "Министерство цифрового развития, инноваций и аэрокосмической промышленности",
     "Ministry of Digital Development, Innovations and Aerospace Industry"),
    ("MJ", "МЮ", "Әділет министрлігі", "Министерство юстиции", "Ministry of Justice"),
    ("MES", "МОН", "Білім және ғылым министрлігі", "Министерство образования и науки",
     "Ministry of Education and Science"),
    ("ME", "МЭ", "Энергетика министрлігі", "Министерство энергетики", "Ministry of Energy"),
    ("MLSPP", "МТСЗН", "Еңбек және халықты әлеуметтік қорғау министрлігі",
     "Министерство труда и социальной защиты населения",
     "Ministry of Labour and Social Protection of the Population"),
    ("MEGNR", "МЭГПР", "Экология, геология және табиғи ресурстар министрлігі",
     "Министерство экологии, геологии и природных ресурсов",
     "Ministry of Ecology, Geology and Natural Resources"),
    ("MA", "МСХ", "Ауыл шаруашылығы министрлігі", "Министерство сельского хозяйства",
     "Ministry of Agriculture"),
    ("MIID", "МИИР", "Индустрия және инфрақұрылымдық даму министрлігі",
     "Министерство индустрии и инфраструктурного развития",
     "Ministry of Industry and Infrastructural Development"),
    ("MH", "МЗ", "Денсаулық сақтау министрлігі", "Министерство здравоохранения",
     "Ministry of Healthcare"),
    ("MFA", "МИД", "Сыртқы істер министрлігі", "Министерство иностранных дел",
     "Ministry of Foreign Affairs"),
]  # fmt: skip

OTHER_AGENCIES: list[tuple[str, str, str, str, str]] = [
    ("HQ", "Республиканский штаб", "Республикалық штаб",
     "Республиканский штаб по подготовке и проведению празднования 30-летия Независимости",
     "Republican Headquarters for the 30th anniversary of Independence"),
    ("APK", "АНК", "Қазақстан халқы Ассамблеясы", "Ассамблея народа Казахстана",
     "Assembly of People of Kazakhstan"),
]  # fmt: skip


def akimat_code(region_code: str) -> str:
    return f"AKIMAT_{region_code}"


def akimat_names(name_kk: str, ru_genitive: str, name_en: str) -> tuple[str, str, str]:
    """ "Павлодар облысы" → "Павлодар облысының әкімдігі"; likewise "… қаласының әкімдігі"."""
    return (f"{name_kk}ның әкімдігі", f"Акимат {ru_genitive}", f"Akimat of {name_en}")


def load_reference_data() -> None:
    """Create every missing region and agency; flush, never commit."""
    regions = {r.code: r for r in db.session.scalars(select(Region))}
    agencies = {a.code: a for a in db.session.scalars(select(Agency))}

    for code, kind, kk, ru, en, _gen, valid_from, valid_to in REGIONS:
        if code not in regions:
            region = Region(code=code, kind=kind, name_kk=kk, name_ru=ru, name_en=en,
                            valid_from=valid_from, valid_to=valid_to)  # fmt: skip
            db.session.add(region)
            regions[code] = region

    def ensure(code: str, **fields) -> None:
        if code not in agencies:
            agency = Agency(code=code, **fields)
            db.session.add(agency)
            agencies[code] = agency

    for code, abbr, kk, ru, en in MINISTRIES:
        ensure(code, kind="ministry", abbreviation=abbr, name_kk=kk, name_ru=ru, name_en=en)
    for code, abbr, kk, ru, en in OTHER_AGENCIES:
        ensure(code, kind="other", abbreviation=abbr, name_kk=kk, name_ru=ru, name_en=en)
    db.session.flush()  # region ids for the akimats

    for row in db.session.scalars(select(Region).order_by(Region.id)):
        known = next((r for r in REGIONS if r[0] == row.code), None)
        genitive = known[5] if known else (row.name_ru or row.code)
        kk, ru, en = akimat_names(row.name_kk or row.code, genitive, row.name_en or row.code)
        ensure(akimat_code(row.code), kind="akimat", region_id=row.id,
               name_kk=kk, name_ru=ru, name_en=en)  # fmt: skip
    db.session.flush()
