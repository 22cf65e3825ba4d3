"""Every error is problem+json with a stable code; bad input never produces a 500."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import APIRouter

from daira.observability.metrics import ERRORS
from tests.conftest import AppHarness, MakeUser

API = "/api/v1/auth"
PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"/problems/{code}"
    assert "Traceback" not in response.text
    return body


async def test_validation_errors_name_every_field_at_fault(client: httpx.AsyncClient) -> None:
    response = await client.post(
        f"{API}/signup", json={"email": "nope", "password": 5, "accept_terms": "perhaps"}
    )

    body = assert_problem(response, 422, "validation_error")
    fields = {e["field"] for e in body["errors"]}
    assert fields == {"email", "username", "password", "accept_terms"}
    for error in body["errors"]:
        assert error["loc"][0] == "body"
        assert error["msg"]
    assert "email" in body["detail"]


async def test_unknown_fields_are_refused_by_name(client: httpx.AsyncClient) -> None:
    response = await client.post(
        f"{API}/login", json={"email": "a@example.com", "password": "x", "role": "admin"}
    )

    body = assert_problem(response, 422, "validation_error")
    assert [e["field"] for e in body["errors"]] == ["role"]


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
async def test_unknown_api_paths_are_404(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/api/v1/no-such-thing")

    assert_problem(response, 404, "not_found")


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/login"), ("DELETE", "/signup"), ("PUT", "/sessions")]
)
async def test_a_known_path_with_the_wrong_method_is_405(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    response = await client.request(method, f"{API}{path}")

    assert_problem(response, 405, "method_not_allowed")
    assert response.headers["allow"]


async def test_unknown_ops_paths_are_404_not_the_web_app(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/health/extra"), 404, "not_found")
    assert_problem(await client.get("/media/missing.webp"), 404, "not_found")


async def test_client_side_routes_get_the_web_app(client: httpx.AsyncClient) -> None:
    response = await client.get("/settings/security")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


JSON = {"content-type": "application/json"}
BAD_BODIES: list[tuple[str, dict[str, Any]]] = [
    ("malformed json", {"content": b'{"email": "a@example.com",', "headers": JSON}),
    ("a list", {"content": b"[1, 2]", "headers": JSON}),
    ("null", {"content": b"null", "headers": JSON}),
    ("a number", {"content": b"42", "headers": JSON}),
    ("empty", {"content": b"", "headers": JSON}),
    ("not utf-8", {"content": b'{"email": "\xff\xfe"}', "headers": JSON}),
    (
        "text/plain",
        {"content": b'{"email": "a@example.com"}', "headers": {"content-type": "text/plain"}},
    ),
    ("a form", {"data": {"email": "a@example.com", "password": "x"}}),
    (
        "wrong types",
        {
            "json": {
                "email": ["a"],
                "password": {"x": 1},
                "token": 7,
                "code": 123456,
                "username": True,
                "new_password": None,
                "accept_terms": "yes",
            }
        },
    ),
    (
        "oversized strings",
        {
            "json": {
                "email": "a" * 5000 + "@example.com",
                "password": "p" * 5000,
                "token": "t" * 5000,
                "code": "1" * 5000,
                "username": "u" * 5000,
                "new_password": "n" * 5000,
                "current_password": "c" * 5000,
                "display_name": "d" * 5000,
            }
        },
    ),
    (
        "nul bytes",
        {
            "json": {
                "email": "a\x00@example.com",
                "password": "pass\x00word-long",
                "token": "\x00",
                "code": "12\x0034",
                "username": "ab\x00cd",
                "new_password": "x\x00" * 10,
                "accept_terms": True,
            }
        },
    ),
    (
        "lone surrogates",
        {
            "content": b'{"email": "a@example.com", "password": "\\ud800abcdefgh",'
            b' "token": "\\udfff", "code": "\\ud800\\ud800\\ud800",'
            b' "username": "ab\\ud800c", "display_name": "\\ud800",'
            b' "new_password": "\\ud800horse-battery-staple",'
            b' "current_password": "\\ud800", "accept_terms": true}',
            "headers": JSON,
        },
    ),
    (
        "deep nesting",
        {"content": b'{"email": ' + b"[" * 5000 + b"]" * 5000 + b"}", "headers": JSON},
    ),
]
POST_ENDPOINTS = [
    "/signup",
    "/verify-email",
    "/resend-verification",
    "/login",
    "/refresh",
    "/change-password",
    "/request-password-reset",
    "/reset-password",
    "/2fa/setup",
    "/2fa/enable",
    "/2fa/disable",
]


@pytest.mark.parametrize("path", POST_ENDPOINTS)
@pytest.mark.parametrize(
    "settings_overrides", [{"rate_limit_credential_check_user": "1000/minute"}]
)
async def test_bad_bodies_never_produce_a_500(
    client: httpx.AsyncClient, make_user: MakeUser, path: str, settings_overrides: dict[str, Any]
) -> None:
    account = await make_user("fuzzed")
    for name, request in BAD_BODIES:
        headers = {**request.get("headers", {}), **account.headers}
        response = await client.post(
            f"{API}{path}", **{k: v for k, v in request.items() if k != "headers"}, headers=headers
        )
        assert response.status_code < 500, (name, response.text)
        if response.status_code >= 400:
            assert response.headers["content-type"] == "application/problem+json", name


async def test_a_body_over_the_size_limit_is_413(client: httpx.AsyncClient) -> None:
    response = await client.post(
        f"{API}/login", content=b'{"email": "' + b"a" * (7 * 1024 * 1024) + b'"}', headers=JSON
    )

    assert_problem(response, 413, "payload_too_large")


@pytest.mark.parametrize("session_id", ["0", "-1", "9" * 30, "abc", "1.5"])
async def test_out_of_range_ids_are_4xx(
    client: httpx.AsyncClient, make_user: MakeUser, session_id: str
) -> None:
    account = await make_user("ids")

    response = await client.delete(f"{API}/sessions/{session_id}", headers=account.headers)

    assert response.status_code in {404, 422}, response.text


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    mine = await client.get("/health", headers={"X-Request-ID": "trace-me.42"})
    minted = await client.get("/api/v1/nowhere")
    hostile = await client.get("/health", headers={"X-Request-ID": "bad id\r\nx" + "y" * 100})

    assert mine.headers["x-request-id"] == "trace-me.42"
    assert len(minted.headers["x-request-id"]) == 32
    assert hostile.headers["x-request-id"] != "bad id"


async def test_an_unexpected_crash_is_a_problem_500_without_a_trace(
    client: httpx.AsyncClient, harness: AppHarness
) -> None:
    router = APIRouter()

    @router.get("/test-crash")
    async def crash() -> None:
        raise RuntimeError("secret internals")

    harness.app.include_router(router)
    harness.app.router.routes.insert(0, harness.app.router.routes.pop())
    before = ERRORS.labels("unhandled")._value.get()

    response = await client.get("/test-crash")

    body = assert_problem(response, 500, "internal_error")
    assert "secret internals" not in response.text
    assert body["detail"] == "Something went wrong on our side. Please try again."
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-request-id"]
    assert ERRORS.labels("unhandled")._value.get() == before + 1
