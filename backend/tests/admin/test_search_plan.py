"""On PostgreSQL the admin user search is index range scans, not a scan of every user."""

from __future__ import annotations

import httpx
from sqlalchemy import text
from sqlalchemy.dialects import postgresql

from daira.admin.repository import search_users_query
from daira.models import Role
from tests.conftest import IS_POSTGRES, AppHarness, MakeUser, postgres_only
from tests.support.moderation import ADMIN_API, staff

SEED = """
INSERT INTO users (email, username, username_key, display_name, bio, locale, password_hash,
                   role, created_at)
SELECT 'person' || n || '@example.com', 'person' || n, 'person' || n, 'Person ' || n, '', 'en',
       'x', 'user', now() - n * interval '1 minute'
FROM generate_series(1, 20000) AS n
"""


async def _plan(harness: AppHarness, search: str) -> str:
    statement = search_users_query(search, None, 20).compile(
        dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
    )
    async with harness.session() as session:
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        rows = await session.execute(text(f"EXPLAIN {statement}"))
        return "\n".join(row[0] for row in rows)


@postgres_only
async def test_prefix_search_uses_the_email_and_username_indexes(
    harness: AppHarness, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    assert IS_POSTGRES
    async with harness.session() as session:
        await session.execute(text(SEED))
        await session.commit()
        await session.execute(text("ANALYZE users"))
        await session.commit()
    plan = await _plan(harness, "Person123")
    assert "ix_users_email_prefix" in plan, plan
    assert "ix_users_username_key_prefix" in plan, plan
    assert "Seq Scan" not in plan, plan

    moderator = await staff(make_user, Role.moderator, "mod")
    found = await client.get(
        f"{ADMIN_API}/users", params={"search": "PERSON19999"}, headers=moderator.headers
    )
    assert [u["username"] for u in found.json()["items"]] == ["person19999"]
