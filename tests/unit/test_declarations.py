"""The two declarations (completion figures, event fields) agree with the models and with
the lists derived from them, so a line added there cannot silently miss a place."""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import BigInteger, Numeric

from eventplan.labels import FIELD_LABELS
from eventplan.models import MEDIA_CHANNELS, CompletionReport, Event
from eventplan.models.completion import FIGURES, MONEY, TOTALLED_FIGURES, TYPED_FIGURES
from eventplan.models.event import EVENT_FIELDS, RELATION_FIELDS, TEXT_FIELDS, TITLE_FIELDS
from eventplan.services.completion.filing import SCALAR_FIELDS
from eventplan.services.events import AUDITED_FIELDS, EventData
from eventplan.services.plan_io.headers import COLUMNS
from eventplan.services.plan_io.importer import FIELD_COLUMNS
from eventplan.services.plans import SNAPSHOT_FIELDS
from eventplan.services.reports import FIGURES as DASHBOARD_FIGURES


def test_each_typed_figure_is_a_nullable_column_of_its_kind():
    columns = CompletionReport.__table__.c
    for figure in TYPED_FIGURES:
        column = columns[figure.name]
        assert column.nullable
        expected = Numeric if figure.kind == MONEY else BigInteger
        assert isinstance(column.type, expected), figure.name
        assert figure.name in SCALAR_FIELDS  # audited


def test_the_figure_lists_follow_the_declaration_in_order():
    assert DASHBOARD_FIGURES == ("reports", "participants", "media_tv", "media_radio",
                                 "media_print", "media_internet", "media_social", "media",
                                 "charity_amount", "beneficiaries")
    assert tuple(f.name for f in TOTALLED_FIGURES) == DASHBOARD_FIGURES
    assert MEDIA_CHANNELS == ("tv", "radio", "print", "internet", "social")
    assert len({f.name for f in FIGURES}) == len(FIGURES)


def test_each_event_field_is_an_event_attribute_with_a_label():
    for field in EVENT_FIELDS:
        assert field.name in RELATION_FIELDS or field.name in Event.__table__.c, field.name
        assert FIELD_LABELS[field.name] is field.label
    assert [f.name for f in EVENT_FIELDS] == AUDITED_FIELDS
    assert TITLE_FIELDS == ("title_kk", "title_ru", "title_en")
    assert set(TITLE_FIELDS) <= set(TEXT_FIELDS)


def test_the_event_lists_derived_from_the_declaration():
    assert "description" not in SNAPSHOT_FIELDS and "status_reason" not in SNAPSHOT_FIELDS
    assert "coexecutor_ids" not in SNAPSHOT_FIELDS  # read from the relationship apart
    assert set(FIELD_COLUMNS.values()) <= set(COLUMNS)  # real plan table columns
    assert FIELD_COLUMNS["lead_agency_id"] == FIELD_COLUMNS["coexecutor_ids"] == "executors"
    data_fields = {f.name for f in fields(EventData)}
    assert set(TEXT_FIELDS) <= data_fields and set(FIELD_COLUMNS) <= data_fields
