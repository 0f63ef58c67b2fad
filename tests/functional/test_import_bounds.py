"""An upload cannot keep a worker busy: a small zip that unpacks to hundreds of megabytes is
refused from its directory before openpyxl reads a byte, and reading a sheet stops past a
cell count or a time budget, each with a message the coordinator can act on."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from eventplan.services import plan_io
from eventplan.services.plan_io import reader
from tests.functional.plan_io_helpers import xlsx

HEADER = ["№", "Наименование мероприятия", "Ответственные исполнители", "Срок исполнения"]


def bomb(unpacked_mb: int) -> bytes:
    """A real workbook plus one member of zeros: about 1 KB per MB packed."""
    out = io.BytesIO(xlsx([HEADER, [1, "Концерт", "Акимат Павлодарской области", "март"]]))
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/media/padding.bin", "w", force_zip64=True) as member:
        for _ in range(unpacked_mb):
            member.write(chunk)
    return out.getvalue()


def refused(world, content: bytes) -> str:
    with pytest.raises(plan_io.BadFile) as info:
        plan_io.preview_import(world.plans["pavlodar"], world.users["coordinator"], content,
                               "plan.xlsx")
    return info.value.message


def test_a_small_zip_that_unpacks_to_hundreds_of_megabytes_is_refused_at_once(world):
    content = bomb(390)
    assert len(content) < 1024 * 1024
    started = time.monotonic()
    message = refused(world, content)
    assert time.monotonic() - started < 1.0
    assert "too large when unpacked" in message and "40 MB" in message


def test_the_web_form_shows_the_message_in_russian(client, auth, world):
    auth.login("coordinator")
    client.post("/lang/ru")
    plan = world.plans["pavlodar"]
    response = client.post(f"/plans/{plan.id}/import",
                           data={"file": (io.BytesIO(bomb(60)), "план.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "40 МБ" in response.get_data(as_text=True) or "40 MB" in response.get_data(
        as_text=True)


def test_a_sheet_past_the_cell_budget_stops_with_a_message(world, monkeypatch):
    monkeypatch.setattr(reader, "MAX_CELLS", 500)
    rows = [HEADER] + [[n, f"Мероприятие {n}", "Акимат", "март"] for n in range(1, 200)]
    assert "too long to read" in refused(world, xlsx(rows))


def test_a_slow_sheet_stops_at_the_time_budget(world, monkeypatch):
    monkeypatch.setattr(reader, "MAX_SECONDS", -1.0)
    rows = [HEADER] + [[n, f"Мероприятие {n}", "Акимат", "март"] for n in range(1, 300)]
    assert "too long to read" in refused(world, xlsx(rows))


def test_cells_far_to_the_right_are_not_read(world):
    row = [1, "Концерт", "Акимат Павлодарской области", "март 2021"] + [None] * 300 + ["x"]
    preview = plan_io.preview_import(world.plans["pavlodar"], world.users["coordinator"],
                                     xlsx([HEADER, row]), "plan.xlsx")
    assert len(preview.actions) == 1
