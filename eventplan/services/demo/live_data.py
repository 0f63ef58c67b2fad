"""Values of the live demo (see ``live``): its name and the figures it commemorates."""

from __future__ import annotations

SLUG = "demo-live"
NAMES = {
    "kk": "ДЕМО: Тәуелсіздіктің 35 жылдығы (бүгінгі күн төңірегінде)",
    "ru": "ДЕМО: 35-летие Независимости (вокруг сегодняшнего дня)",
    "en": "DEMO: 35th anniversary of Independence (around today)",
}

# month, day, year of birth, kk, ru, en, note: figures whose birthdays give the live demo
# commemorations in the current month.
FIGURES: list[tuple[int, int, int, str, str, str, str]] = [
    (1, 12, 1912, "Дінмұхамед Қонаев", "Динмухамед Кунаев", "Dinmukhamed Kunayev", "statesman"),
    (2, 15, 1914, "Шәкен Айманов", "Шакен Айманов", "Shaken Aimanov", "film director"),
    (3, 22, 1902, "Ғабит Мүсірепов", "Габит Мусрепов", "Gabit Musirepov", "writer"),
    (4, 12, 1899, "Қаныш Сәтбаев", "Каныш Сатпаев", "Kanysh Satpayev", "geologist"),
    (4, 26, 1900, "Сәбит Мұқанов", "Сабит Муканов", "Sabit Mukanov", "writer"),
    (5, 2, 1912, "Күләш Байсейітова", "Куляш Байсеитова", "Kulyash Baiseitova", "opera singer"),
    (5, 7, 1925, "Нұрғиса Тілендиев", "Нургиса Тлендиев", "Nurgisa Tlendiyev", "composer"),
    (6, 25, 1893, "Мағжан Жұмабаев", "Магжан Жумабаев", "Magzhan Zhumabayev", "poet"),
    (8, 10, 1845, "Абай Құнанбайұлы", "Абай Кунанбаев", "Abai Kunanbayev", "poet, thinker"),
    (8, 15, 1930, "Шәмші Қалдаяқов", "Шамши Калдаяков", "Shamshi Kaldayakov", "composer"),
    (9, 28, 1897, "Мұхтар Әуезов", "Мухтар Ауэзов", "Mukhtar Auezov", "writer"),
    (10, 15, 1894, "Сәкен Сейфуллин", "Сакен Сейфуллин", "Saken Seifullin", "poet"),
    (10, 23, 1922, "Мәншүк Мәметова", "Маншук Маметова", "Manshuk Mametova",
     "Hero of the Soviet Union"),
    (11, 15, 1894, "Бейімбет Майлин", "Беимбет Майлин", "Beimbet Mailin", "writer"),
    (12, 24, 1910, "Бауыржан Момышұлы", "Бауыржан Момышулы", "Baurzhan Momyshuly",
     "Hero of the Soviet Union, writer"),
]
