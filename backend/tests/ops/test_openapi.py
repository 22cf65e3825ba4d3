"""The OpenAPI document describes what the server answers: problem+json errors, real rules."""

from __future__ import annotations

import httpx

from daira.core.openapi import ERROR_STATUSES

PROBLEM = "application/problem+json"


async def _schema(client: httpx.AsyncClient) -> dict:  # type: ignore[type-arg]
    response = await client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


async def test_every_operation_documents_its_errors_as_problem_json(
    client: httpx.AsyncClient,
) -> None:
    schema = await _schema(client)

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ERROR_STATUSES:
                content = operation["responses"][str(status)]["content"]
                assert list(content) == [PROBLEM], (method, path, status)
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert schema["paths"]["/api/v1/auth/login"]["post"]["responses"]["429"]["headers"]


async def test_username_and_password_rules_are_schema_constraints(
    client: httpx.AsyncClient,
) -> None:
    schemas = (await _schema(client))["components"]["schemas"]

    username = schemas["SignupIn"]["properties"]["username"]
    assert username["maxLength"] == 30
    assert "{3,30}" in username["pattern"]
    for model, field in [
        ("SignupIn", "password"),
        ("ResetPasswordIn", "new_password"),
        ("ChangePasswordIn", "new_password"),
    ]:
        rule = schemas[model]["properties"][field]
        assert (rule["minLength"], rule["maxLength"]) == (8, 128), model


async def test_a_405_names_every_method_served_at_the_path(client: httpx.AsyncClient) -> None:
    response = await client.put("/api/v1/posts/1")

    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["allow"] == "DELETE, GET"


async def test_malformed_json_gets_one_status_whatever_the_bytes(
    client: httpx.AsyncClient,
) -> None:
    answers = [
        await client.post(
            "/api/v1/auth/login", content=body, headers={"content-type": "application/json"}
        )
        for body in (b"{", b'{"email": "\xff"}', b"\xff\xfe", b"[1,")
    ]

    assert {r.status_code for r in answers} == {422}
    assert {r.json()["code"] for r in answers} == {"validation_error"}


async def test_a_word_where_a_rule_id_belongs_is_not_a_rule(
    client: httpx.AsyncClient,
) -> None:
    response = await client.patch("/api/v1/admin/moderation-rules/test", json={"text": "x"})

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
