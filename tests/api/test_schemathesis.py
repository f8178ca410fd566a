"""Property-based checks of the whole API against its own OpenAPI document (schemathesis).

Schemathesis reads /api/v1/openapi.json from the Django WSGI application and
generates requests for every operation, sent with a coordinator's token. Each
response must not be a server error and must match the schema the document
gives for its status code. Every operation runs twice: once with path
parameters pointing at real editions (so the 200 answers are checked, not only
the 404s) and once with generated ones. A second run sends negative data
(values the document forbids) and checks only that nothing is a server error.
Bounded so both run in well under a minute; the number of cases is printed and
recorded as a test property.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from scorecard.web.reports.convert import snapshot
from scorecard.web.reports.models import PublishedReport
from scorecard.web.wsgi import application
from tests.api.conftest import World

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
]  # ignored_auth: this harness sends the real token on every call, so it cannot tell; the
# anonymous run below checks that every protected operation refuses a missing token.
EXAMPLES = 40
SLOW = {"/api/v1/editions/{slug}/report.{fmt}": 4}  # a PDF or PPTX render takes ~1 s
REAL = {"slug": "kz", "a": "kz-2023", "b": "kz"}


@pytest.fixture
def wsgi_requests_keep_the_test_connection() -> Iterator[None]:
    """As Django's test Client does: the end of a WSGI request would close the test's
    database connection, and with it the transaction the test runs in."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def run(strategy: Any, examples: int, send: Callable[[Any], None]) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def each(case: Any) -> None:
        send(case)

    each()


def exercise(
    world: World,
    mode: GenerationMode,
    checks: list[Any],
    examples: int,
    token: str | None = "alice",
) -> tuple[Counter[str], Counter[int]]:
    """Every operation, with real and with generated path parameters; counts per operation."""
    PublishedReport.objects.create(edition=world.edition, version=1, **snapshot(world.edition))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    headers = {"Authorization": f"Bearer {world.tokens[token]}"} if token else {}
    cases: Counter[str] = Counter()
    statuses: Counter[int] = Counter()

    def send(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=checks)
        cases[f"{case.method} {case.path}"] += 1
        statuses[response.status_code] += 1

    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        count = SLOW.get(operation.path, examples)
        real = {name: REAL[name] for name in names if name in REAL}
        run(operation.as_strategy(mode, path_parameters=real), count, send)
        if names:
            run(operation.as_strategy(mode), count, send)
    return cases, statuses


def report(label: str, cases: Counter[str], statuses: Counter[int]) -> int:
    total = sum(cases.values())
    summary = ", ".join(f"{op}: {n}" for op, n in sorted(cases.items()))
    print(f"\nschemathesis {label}: {total} cases, {len(cases)} operations, {dict(statuses)}")
    print(f"schemathesis {label}: {summary}")
    return total


def test_it_conforms_to_its_openapi_document(
    world: World,
    wsgi_requests_keep_the_test_connection: None,
    record_property: Callable[[str, object], None],
) -> None:
    cases, statuses = exercise(world, GenerationMode.POSITIVE, CHECKS, EXAMPLES)
    record_property("schemathesis_cases", report("positive", cases, statuses))
    assert len(cases) == 11
    assert statuses[200] > 0
    assert statuses[404] > 0


def test_it_conforms_without_a_token_too(
    world: World,
    wsgi_requests_keep_the_test_connection: None,
    record_property: Callable[[str, object], None],
) -> None:
    """Anonymous: public operations answer, every other one says 401 in JSON, as documented."""
    cases, statuses = exercise(world, GenerationMode.POSITIVE, CHECKS, 15, token=None)
    record_property("schemathesis_anonymous_cases", report("anonymous", cases, statuses))
    assert statuses[401] > 0
    assert statuses[200] > 0


def test_it_never_fails_with_a_server_error_on_forbidden_input(
    world: World,
    wsgi_requests_keep_the_test_connection: None,
    record_property: Callable[[str, object], None],
) -> None:
    cases, statuses = exercise(world, GenerationMode.NEGATIVE, [not_a_server_error], 30)
    record_property("schemathesis_negative_cases", report("negative", cases, statuses))
    assert statuses[422] > 0
