"""Executor phrases and the notes block, read without a database (issue 17)."""

from datetime import date

import pytest

from eventplan.services.plan_io.executors import akimat_keys, capital_code, find_collectives
from eventplan.services.plan_io.legend import read_legend, split_notes


@pytest.mark.parametrize(("text", "kind"), [
    ("акиматы областей, городов Нур-Султана, Алматы и Шымкента", "all_akimats"),
    ("Акиматы областей, гг. Нур-Султан, Алматы, Шымкент", "all_akimats"),
    ("акиматы областей и городов республиканского значения и столицы", "all_akimats"),
    ("облыстардың, Нұр-Сұлтан, Алматы және Шымкент қалаларының әкімдіктері", "all_akimats"),
    ("облыстардың, республикалық маңызы бар қалалардың және астананың әкімдіктері",
     "all_akimats"),
    ("МИО", "all_akimats"),
    ("ЖАО", "all_akimats"),
    ("акиматы областей", "region_akimats"),
    ("облыстардың әкімдіктері", "region_akimats"),
    ("акиматы городов Нур-Султана, Алматы и Шымкента", "city_akimats"),
    ("Нұр-Сұлтан, Алматы және Шымкент қалаларының әкімдіктері", "city_akimats"),
    ("центральные государственные органы", "central_bodies"),
    ("орталық мемлекеттік органдар", "central_bodies"),
    ("заинтересованные государственные органы", "interested_bodies"),
    ("мүдделі мемлекеттік органдар", "interested_bodies"),
    ("акиматы районов и городов областного значения", "district_akimats"),
])
def test_collective_phrases_are_found_whole_and_kept_as_written(text, kind):
    found, rest = find_collectives(f"МИОР, {text} (по согласованию)")
    assert [(k, written) for _position, k, written in found] == [(kind, text)]
    assert rest.startswith("МИОР, ") and "(по согласованию)" in rest
    assert len(rest) == len(f"МИОР, {text} (по согласованию)")  # positions kept


def test_names_that_merely_contain_a_short_phrase_are_not_collective():
    assert find_collectives("МИОР, МИОРК; Министерство информации")[0] == []


@pytest.mark.parametrize(("text", "keys"), [
    ("акимат Павлодарской области", ("павлодарск", "region")),
    ("Павлодарская область", ("павлодарск", "region")),
    ("Павлодар облысының әкімдігі", ("павлодар", "region")),
    ("Павлодар облысы әкімдігі", ("павлодар", "region")),
    ("акимат города Нур-Султана", ("нур султан", "city")),
    ("Нұр-Сұлтан қаласының әкімдігі", ("нұр сұлтан", "city")),
    ("акимат г. Алматы", ("алмат", "city")),
    ("Алматы", ("алмат", "")),
    ("Астана қаласының әкімдігі", ("астан", "city")),
    ("Министерство культуры и спорта Республики Казахстан", None),
])
def test_one_akimat_in_any_case_form_has_one_key(text, keys):
    assert akimat_keys(text) == keys


def test_the_capital_under_its_name_of_the_year():
    assert capital_code(date(2021, 1, 1)) == "NUR_SULTAN"
    assert capital_code(date(2019, 3, 22)) == capital_code(date(2022, 9, 17)) == "ASTANA"
    assert capital_code(date(2026, 12, 16)) == "ASTANA"


def test_the_notes_block_ends_the_rows_and_gives_the_abbreviations():
    body = [(5, [1, "Форум", "МЦР"]), (6, ["Примечание: расшифровка аббревиатур:"]),
            (7, ["МЦР – Министерство цифрового развития РК;\nМКС - Министерство культуры"]),
            (8, ["ҚХА", "Қазақстан халқы Ассамблеясы"]),
            (9, ["1) МИОР — Министерство информации и общественного развития."])]
    rows, notes = split_notes(body)
    assert rows == body[:1] and notes == body[1:]
    assert read_legend(notes) == {
        "МЦР": "Министерство цифрового развития РК", "МКС": "Министерство культуры",
        "ҚХА": "Қазақстан халқы Ассамблеясы",
        "МИОР": "Министерство информации и общественного развития"}
    one_cell = [(9, ["Ескертпе: АҚДМ – Ақпарат және қоғамдық даму министрлігі; "
                     "ЦДМ – Цифрлық даму министрлігі."])]
    assert read_legend(one_cell) == {"АҚДМ": "Ақпарат және қоғамдық даму министрлігі",
                                     "ЦДМ": "Цифрлық даму министрлігі"}


def test_dashed_headings_are_not_a_legend():
    body = [(2, ["ҚАҢТАР – «Жаһандық бастамалар»"]), (3, [1, "Форум", "МКС"]),
            (4, ["II – Ақпараттық-имиджілік жұмыс"]), (5, [2, "Брифинг", "МКС"])]
    assert split_notes(body) == (body, [])
