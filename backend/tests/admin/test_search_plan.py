"""On PostgreSQL the admin user search runs on indexes, never a scan and sort of every user.

A selective prefix is two range scans of the text_pattern_ops indexes (email, username key);
a broad one walks the newest-first index and stops after a page.
"""

from __future__ import annotations

import httpx
from sqlalchemy import text

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
        dialect=harness.app.state.engine.dialect, compile_kwargs={"literal_binds": True}
    )
    async with harness.session() as session:
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        rows = await session.execute(text(f"EXPLAIN {statement}"))
        return "\n".join(row[0] for row in rows)


@postgres_only
async def test_user_search_plans_use_the_indexes(
    harness: AppHarness, client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    assert IS_POSTGRES
    async with harness.session() as session:
        await session.execute(text(SEED))
        await session.commit()
        await session.execute(text("ANALYZE users"))
        await session.commit()
    selective = await _plan(harness, "Person19999")
    assert "ix_users_email_prefix" in selective, selective
    assert "ix_users_username_key_prefix" in selective, selective
    broad = await _plan(harness, "person")
    assert "ix_users_created" in broad, broad
    for plan in (selective, broad):
        assert "Seq Scan" not in plan, plan
    assert "Sort" not in broad, broad

    moderator = await staff(make_user, Role.moderator, "mod")
    found = await client.get(
        f"{ADMIN_API}/users", params={"search": "PERSON19999"}, headers=moderator.headers
    )
    assert [u["username"] for u in found.json()["items"]] == ["person19999"]
