"""The OpenAPI document: served, valid OpenAPI 3.1, and honest about auth and errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

OPERATIONS = {
    ("get", "/api/v1/token"),
    ("get", "/api/v1/editions"),
    ("get", "/api/v1/editions/{slug}"),
    ("get", "/api/v1/editions/{slug}/results"),
    ("get", "/api/v1/editions/{a}/compare/{b}"),
    ("get", "/api/v1/editions/{slug}/report.{fmt}"),
    ("get", "/api/v1/editions/{slug}/answers.csv"),
    ("post", "/api/v1/editions/{slug}/answers"),
    ("post", "/api/v1/editions/{slug}/transitions/{action}"),
    ("get", "/api/v1/published"),
    ("get", "/api/v1/published/{slug}"),
}
PUBLIC = {"/api/v1/published", "/api/v1/published/{slug}"}


@pytest.fixture
def document(db: None) -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    return body


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): op
        for path, item in document["paths"].items()
        for method, op in item.items()
    }


def test_it_serves_a_valid_openapi_31_document(document: dict[str, Any]) -> None:
    from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

    assert document["openapi"].startswith("3.1")
    OPENAPI_31_VALIDATOR.validate(document)  # the OpenAPI 3.1 meta-schema, raises if invalid
    assert document["info"]["version"] == "1"


def test_it_documents_every_operation(document: dict[str, Any]) -> None:
    assert set(operations(document)) == OPERATIONS


def test_it_marks_which_operations_need_a_token(document: dict[str, Any]) -> None:
    assert document["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }
    for (_method, path), op in operations(document).items():
        if path in PUBLIC:
            assert "security" not in op, path
        else:
            assert op["security"] == [{"TokenAuth": []}], path
            assert {"401", "403", "404", "429"} <= set(op["responses"]), path


def test_it_documents_json_errors_and_the_field_errors_of_422(document: dict[str, Any]) -> None:
    submit = operations(document)["post", "/api/v1/editions/{slug}/answers"]
    schemas = document["components"]["schemas"]
    assert set(submit["responses"]) == {"200", "400", "401", "403", "404", "409", "422", "429"}
    assert schemas["Detail"]["required"] == ["detail"]
    assert "loc" in schemas["FieldError"]["properties"]
    body = schemas["SubmissionIn"]
    assert body["additionalProperties"] is False
    scores = schemas["GoalAnswerIn"]["properties"]["scores"]
    assert (scores["minItems"], scores["maxItems"]) == (10, 10)
    assert scores["items"]["anyOf"][0] == {"maximum": 5, "minimum": -5, "type": "integer"}


def test_it_needs_no_token_for_the_document(db: None) -> None:
    assert Client().get("/api/v1/openapi.json").status_code == 200
