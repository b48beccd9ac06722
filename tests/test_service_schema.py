"""Schemathesis against the running service's own OpenAPI schema: no input may cause a server error."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def running_service(example_library_path, tmp_path_factory):
    import shutil

    from tests.conftest import Service

    folder = tmp_path_factory.mktemp("schema")
    library = folder / "library"
    shutil.copytree(example_library_path, library)
    service = Service(library, "--rate-limit", "100000", log=folder / "service.log").start()
    yield service
    service.stop(kill=True)
    assert "Traceback" not in service.log.read_text(), "the service logged an internal error"


def test_no_request_makes_the_service_fail(running_service):
    # Schemathesis's pytest plugin does not run under this pytest, so each operation gets its own
    # Hypothesis test, built here.
    api = schemathesis.openapi.from_url(f"{running_service.url}/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def call(case):
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance], timeout=60)

        call()


def test_the_service_still_answers_after_the_fuzzing(running_service):
    assert httpx.get(f"{running_service.url}/v1/health").json()["status"] == "ok"
