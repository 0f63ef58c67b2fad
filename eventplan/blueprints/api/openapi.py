"""The OpenAPI 3 description of /api/v1 (hand-written; a test checks every route is here)."""

from __future__ import annotations

from typing import Any

from eventplan.models import CATEGORIES, PLAN_LEVELS
from eventplan.models.completion import FIGURE, MONEY
from eventplan.parsing import DATE_MAX, DATE_MIN, DB_INT_MAX
from eventplan.services.reports import BREAKDOWNS, FIGURES, MEASURES
from eventplan.services.reports.params import LIST_MEASURES


def _param(name: str, description: str, schema: dict[str, Any], where: str = "query"
           ) -> dict[str, Any]:
    return {"name": name, "in": where, "required": where == "path",
            "description": description, "schema": schema}


ID = {"type": "integer", "minimum": 0, "maximum": DB_INT_MAX}  # the database's INTEGER
DATE = {"type": "string", "format": "date",
        "description": f"From {DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}."}
SLUG = _param("slug", "Programme slug, e.g. independence-30.", {"type": "string"}, "path")
PERIOD = [
    _param("from", "First day of the period (events by their first planned day); default: "
           "the programme's start.", DATE),
    _param("to", "Last day of the period, inclusive; default: the programme's end.",
           DATE),
    _param("as_of", "Due and overdue are computed as of this day; default: today in the "
           "programme's time zone.", DATE),
]
FILTERS = [
    _param("measure", "Only events counted under this measure ('reported': with an accepted "
           "report).", {"type": "string", "enum": list(LIST_MEASURES)}),
    _param("block", "Section id.", ID),
    _param("month", "Month of the first planned day.", {"type": "integer", "minimum": 1,
                                                          "maximum": 12}),
    _param("region", "Region id, or 'none' for events without a region.", {"type": "string"}),
    _param("agency", "Lead agency id.", ID),
    _param("reporter", "Agency id with an accepted report for the event.", ID),
    _param("category", "Event category.", {"type": "string", "enum": list(CATEGORIES)}),
    _param("level", "Plan level.", {"type": "string", "enum": list(PLAN_LEVELS)}),
    _param("output", "Name of an other output listed in an accepted report of the event "
           "(exact, as on the summary's outputs).", {"type": "string", "maxLength": 200}),
    _param("page", "Page number, from 1.", {"type": "integer", "minimum": 1,
                                            "maximum": 10**6}),
    _param("per_page", "Events per page (at most 500).", {"type": "integer", "minimum": 1,
                                                          "maximum": 500}),
]
ERROR = {"description": "Error", "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/Error"}}}}
ERRORS = {"400": ERROR, "401": ERROR, "404": ERROR}


def _row_schema() -> dict[str, Any]:
    props: dict[str, Any] = {"key": {"description": "Row key (id, month, code); null: not set"},
                             "label": {"type": "string"},
                             "rate": {"type": ["number", "null"],
                                      "description": "held / (planned - cancelled)"}}
    for name in (*MEASURES, *FIGURES):
        figure = FIGURE.get(name)
        props[name] = {"type": "number" if figure and figure.kind == MONEY else "integer"}
    return {"type": "object", "properties": props}


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "eventplan reports API", "version": "1",
                 "description": "Read-only. Numbers are identical to the report dashboard "
                                "and its exports. Figures sum accepted reports only."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/openapi.json": {"get": {"summary": "This document", "security": [],
                                      "responses": {"200": {"description": "OpenAPI 3"}}}},
            "/programmes/{slug}/summary": {"get": {
                "summary": "Programme summary: totals, breakdowns, outputs, narrative",
                "parameters": [SLUG, *PERIOD],
                "responses": {"200": {"description": "Summary", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Summary"}}}},
                    **ERRORS}}},
            "/programmes/{slug}/events": {"get": {
                "summary": "Events behind the figures, paginated (follow `next`)",
                "parameters": [SLUG, *PERIOD, *FILTERS],
                "responses": {"200": {"description": "A page of events", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Events"}}}},
                    **ERRORS}}},
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "A personal token from /account/tokens"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "object",
                          "properties": {"status": {"type": "integer"},
                                         "message": {"type": "string"},
                                         "field": {"type": ["string", "null"]}}}}},
                "Row": _row_schema(),
                "Summary": {"type": "object", "properties": {
                    "programme": {"type": "object"}, "period": {"type": "object"},
                    "scope": {"type": "object"},
                    "totals": {"$ref": "#/components/schemas/Row"},
                    "programme_totals": {"oneOf": [{"$ref": "#/components/schemas/Row"},
                                                   {"type": "null"}]},
                    "breakdowns": {"type": "object", "properties": {
                        name: {"type": "array", "items": {"$ref": "#/components/schemas/Row"}}
                        for name in BREAKDOWNS}},
                    "outputs": {"type": "array", "items": {"type": "object"}},
                    "narrative": {"type": "string"}}},
                "Events": {"type": "object", "properties": {
                    "count": {"type": "integer"}, "page": {"type": "integer"},
                    "per_page": {"type": "integer"},
                    "next": {"type": ["string", "null"], "format": "uri"},
                    "items": {"type": "array", "items": {"type": "object"}}}},
            },
        },
    }
