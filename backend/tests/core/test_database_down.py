"""With PostgreSQL down or restarting, requests answer 503 database_unavailable, not 500."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy.engine import make_url

from daira.main import create_app
from tests.conftest import DATABASE_URL, STRONG_PASSWORD, MakeUser, make_settings, postgres_only
from tests.support.mailbox import SmtpCapture
from tests.support.servers import TcpProxy

pytestmark = postgres_only


@pytest.fixture
async def proxy_and_client(
    make_user: MakeUser, smtp: SmtpCapture
) -> AsyncIterator[tuple[TcpProxy, httpx.AsyncClient]]:
    await make_user("survivor", login=False)
    url = make_url(DATABASE_URL)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    app = create_app(make_settings(smtp.port, database_url=proxied, rate_limit_enabled=False))
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app, client=("192.0.2.5", 1))
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
            yield proxy, c
    await proxy.stop()


async def _login(client: httpx.AsyncClient) -> httpx.Response:
    return await client.post(
        "/api/v1/auth/login",
        json={"email": "survivor@example.com", "password": STRONG_PASSWORD},
    )


async def test_requests_answer_503_with_retry_after_while_the_database_is_down(
    proxy_and_client: tuple[TcpProxy, httpx.AsyncClient],
) -> None:
    proxy, client = proxy_and_client
    login = await _login(client)
    assert login.status_code == 200
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    await proxy.stop()

    answers = [await _login(client), await client.get("/api/v1/posts", headers=headers)]

    for response in answers:
        assert response.status_code == 503, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "database_unavailable"
        assert int(response.headers["retry-after"]) > 0


async def test_service_resumes_when_the_database_comes_back(
    proxy_and_client: tuple[TcpProxy, httpx.AsyncClient],
) -> None:
    proxy, client = proxy_and_client
    assert (await _login(client)).status_code == 200
    await proxy.stop()  # a restart: every pooled connection is cut
    await proxy.start()

    first = await _login(client)

    # The pooled connections the restart cut are replaced at checkout: no failed request.
    assert first.status_code == 200, first.text
