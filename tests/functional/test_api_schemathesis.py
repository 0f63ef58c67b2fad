"""Schemathesis against /api/v1/openapi.json, in process (WSGI): generated valid and
invalid requests, bounded examples, no 500 and every answer as the schema describes it."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from eventplan.extensions import db
from eventplan.services import api_tokens

EXAMPLES = 25  # per operation and mode: enough to meet the edges, bounded in time


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_its_schema_under_generated_requests(app, world, mode):
    _token, plain = api_tokens.create_token(world.users["hq"], "schemathesis")
    db.session.commit()
    headers = {"Authorization": f"Bearer {plain}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations
    checks = [not_a_server_error, response_schema_conformance]
    if mode == GenerationMode.POSITIVE:
        checks.append(status_code_conformance)
    seen: list[int] = []
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def probe(case):
            if mode == GenerationMode.POSITIVE or len(seen) % 2:
                case.path_parameters = {**(case.path_parameters or {}), "slug": "jubilee"}
            response = case.call_and_validate(headers=headers, checks=checks)
            seen.append(response.status_code)

        probe()
    # The walk reached the data, not only the 404 of a random slug.
    if mode == GenerationMode.POSITIVE:
        assert seen.count(200) >= EXAMPLES, seen
