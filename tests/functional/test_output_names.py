"""Other outputs that differ only by case or language count as one, with suggestions."""

import re

from eventplan.extensions import db
from eventplan.services import output_names
from tests.functional.reports_fixture import add_reports, report
from tests.functional.test_reports import PERIOD, page_cells


def test_spellings_of_one_output_add_up_on_the_dashboard_and_its_drill_down(client, auth,
                                                                             world):
    add_reports(world)  # banners 5 (summit) + 10 (nauryz), clips 2
    report(world.events["forum"], world.agencies["HQ"],
           outputs=[("Баннеры ", 500), ("BANNERS", 2)])
    db.session.commit()
    auth.login("hq")
    html = client.get(f"/reports/jubilee/?{PERIOD}").get_data(as_text=True)
    cells = page_cells(html)
    assert cells["output:Баннеры"] == "517"  # named by its most used spelling
    assert "output:banners" not in cells and "output:BANNERS" not in cells
    link = re.search(r'href="([^"]+)" data-cell="output:Баннеры"', html).group(1)
    listed = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    for title in ("Turkic summit in Turkestan", "Nauryz celebrations", "Young scientists forum"):
        assert title in listed


def test_known_outputs_are_offered_in_the_readers_language(client, auth, world):
    world.users["other_coordinator"].locale = "kk"
    db.session.commit()
    auth.login("other_coordinator")
    form = client.get(f"/events/{world.events['summit'].id}/report").get_data(as_text=True)
    assert '<datalist id="known-outputs">' in form and '<option value="баннерлер">' in form
    assert 'list="known-outputs"' in form


def test_keys_ignore_case_spacing_and_language():
    assert output_names.key_of(" Баннерлер ") == output_names.key_of("banners") == "banners"
    assert output_names.key_of("Видеоролики") == output_names.key_of("video  clips")
    assert output_names.key_of("Флаги!") == "флаги"
    assert output_names.merge([("баннеры", 517), ("Banners", 4), ("флаги", 3)]) == [
        ("баннеры", 521), ("флаги", 3)]
