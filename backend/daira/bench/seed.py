"""Fast seeding of a migrated PostgreSQL database with COPY: users, follows, posts, likes,
comments, shaped like a small social network (posts spread over months, ~100 follows each).

Every seeded account is verified and shares BENCH_PASSWORD, so load tools can sign in as
`bench_email(i)` for any i in 1..users.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from daira.models.user import name_key
from daira.moderation.normalize import normalize

BENCH_PASSWORD = "bench-password-not-secret-0042"  # noqa: S105 - seeded bench accounts only
_EN_TEXT = (
    "today the weather in cairo is lovely and the traffic on the ring road is terrible again "
    "who is watching the match tonight at the cafe with friends new koshary place downtown "
    "finally finished the project and going to alexandria for the weekend by the sea"
)
_AR_TEXT = (
    "النهارده الجو حلو أوي في القاهرة بس الزحمة على الدائري مش طبيعية مين هيتفرج على "
    "الماتش بالليل على القهوة مع الصحاب فيه محل كشري جديد في وسط البلد خلصت الشغل أخيراً "
    "ورايح إسكندرية آخر الأسبوع على البحر يا جماعة"
)
_EN, _AR = _EN_TEXT.split(), _AR_TEXT.split()
_NAMES = ("Ahmed", "Mona", "Omar", "Nour", "Youssef", "Salma", "أحمد", "منى", "عمر", "نور")


def bench_email(index: int) -> str:
    return f"bench{index:05d}@bench.example.com"


@dataclass(frozen=True)
class SeedPlan:
    users: int = 2_000
    posts: int = 200_000
    follows_per_user: int = 100
    likes: int = 300_000
    comments: int = 50_000
    days: int = 180
    seed: int = 42


@dataclass
class SeedData:
    users: list[tuple[Any, ...]] = field(default_factory=list)
    follows: list[tuple[Any, ...]] = field(default_factory=list)
    posts: list[tuple[Any, ...]] = field(default_factory=list)
    likes: list[tuple[Any, ...]] = field(default_factory=list)
    comments: list[tuple[Any, ...]] = field(default_factory=list)


USER_COLUMNS = (
    "id", "email", "username", "username_key", "display_name", "display_name_key", "bio",
    "locale", "password_hash", "role", "email_verified_at", "created_at",
)  # fmt: skip
FOLLOW_COLUMNS = ("id", "follower_id", "followee_id", "created_at")
POST_COLUMNS = (
    "id", "author_id", "content", "created_at", "deleted_at", "moderation_status", "like_count",
    "search_text",
)  # fmt: skip
LIKE_COLUMNS = ("user_id", "post_id", "created_at")
COMMENT_COLUMNS = (
    "id", "post_id", "author_id", "content", "created_at", "deleted_at", "moderation_status",
)  # fmt: skip


def _text(rng: random.Random, low: int, high: int) -> str:
    words = _AR if rng.random() < 0.6 else _EN
    return " ".join(rng.choices(words, k=rng.randint(low, high)))


def generate(plan: SeedPlan, password_hash: str, now: datetime | None = None) -> SeedData:
    """Rows for every table, deterministic for a given plan (ids start at 1)."""
    rng = random.Random(plan.seed)
    now = now or datetime.now(UTC)
    start = now - timedelta(days=plan.days)
    span = (now - start).total_seconds()
    data = SeedData()
    for i in range(1, plan.users + 1):
        username = f"bench_{i:05d}"
        display_name = f"{rng.choice(_NAMES)} {i}"
        data.users.append(
            (
                i, bench_email(i), username, username.casefold(), display_name,
                name_key(display_name), "", "ar" if i % 3 else "en",
                password_hash, "user", start, start,
            )
        )  # fmt: skip

    follow_count = min(plan.follows_per_user, max(plan.users - 1, 0))
    follow_id = 0
    for follower in range(1, plan.users + 1):
        k = min(plan.users - 1, max(0, follow_count + rng.randint(-20, 20)))
        followees = set[int]()
        while len(followees) < k:
            candidate = rng.randint(1, plan.users)
            if candidate != follower:
                followees.add(candidate)
        for followee in sorted(followees):
            follow_id += 1
            data.follows.append((follow_id, follower, followee, start))

    # Ids follow time, as real inserts do; a few authors write much more than others.
    moments = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(plan.posts))
    likes_per_post = [0] * (plan.posts + 1)
    like_pairs: set[tuple[int, int]] = set()
    if plan.posts:
        while len(like_pairs) < min(plan.likes, plan.users * plan.posts):
            like_pairs.add((rng.randint(1, plan.users), rng.randint(1, plan.posts)))
    for _, post_id in like_pairs:
        likes_per_post[post_id] += 1
    for post_id, moment in enumerate(moments, start=1):
        author = 1 + int(plan.users * rng.random() ** 1.6)
        roll = rng.random()
        status, deleted = "visible", None
        if roll < 0.005:
            status = "hidden"
        elif roll < 0.01:
            deleted = moment + timedelta(hours=1)
        content = _text(rng, 5, 40)
        data.posts.append(
            (
                post_id, author, content, moment, deleted, status, likes_per_post[post_id],
                normalize(content),
            )
        )  # fmt: skip
    data.likes = [
        (user_id, post_id, moments[post_id - 1] + timedelta(minutes=5))
        for user_id, post_id in sorted(like_pairs)
    ]
    if plan.posts:
        for comment_id in range(1, plan.comments + 1):
            post_id = rng.randint(1, plan.posts)
            data.comments.append(
                (
                    comment_id, post_id, rng.randint(1, plan.users), _text(rng, 2, 15),
                    moments[post_id - 1] + timedelta(minutes=10), None, "visible",
                )
            )  # fmt: skip
    return data


async def _copy(
    conn: asyncpg.Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if rows:
        await conn.copy_records_to_table(table, records=rows, columns=list(columns))


async def load(conn: asyncpg.Connection, data: SeedData) -> None:
    """COPY every table in one transaction, move the id sequences past the rows, then VACUUM
    ANALYZE: statistics for the planner, and a visibility map so index-only scans stay
    index-only and autovacuum does not wake up in the middle of a measurement."""
    async with conn.transaction():
        await _copy(conn, "users", USER_COLUMNS, data.users)
        await _copy(conn, "follows", FOLLOW_COLUMNS, data.follows)
        await _copy(conn, "posts", POST_COLUMNS, data.posts)
        await _copy(conn, "likes", LIKE_COLUMNS, data.likes)
        await _copy(conn, "comments", COMMENT_COLUMNS, data.comments)
        for table in ("users", "follows", "posts", "comments"):
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"GREATEST((SELECT max(id) FROM {table}), 1))"
            )
    await conn.execute("VACUUM (ANALYZE)")


def password_hash() -> str:
    from daira.core.security import hash_password

    return hash_password(BENCH_PASSWORD)


async def seed(dsn: str, plan: SeedPlan) -> dict[str, float]:
    """Generate and load the plan; returns row counts and the seconds each step took."""
    started = time.perf_counter()
    data = generate(plan, password_hash())
    generated = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        await load(conn, data)
    finally:
        await conn.close()
    loaded = time.perf_counter()
    return {
        "users": len(data.users),
        "follows": len(data.follows),
        "posts": len(data.posts),
        "likes": len(data.likes),
        "comments": len(data.comments),
        "generate_seconds": round(generated - started, 2),
        "copy_and_analyze_seconds": round(loaded - generated, 2),
    }


async def prepare(url: str, plan: SeedPlan) -> dict[str, float]:
    """Recreate, migrate and seed the database at `url` (PostgreSQL only)."""
    from daira.bench.database import asyncpg_dsn, migrate, recreate_database

    await recreate_database(url)
    await asyncio.to_thread(migrate, url)
    return await seed(asyncpg_dsn(url), plan)


def main() -> None:
    from daira.bench.database import DEFAULT_URL, BenchSetupError, database_url

    parser = argparse.ArgumentParser(description="Recreate, migrate and seed a bench database.")
    parser.add_argument("--env", default="BENCH_DATABASE_URL", help="variable naming the URL")
    parser.add_argument("--default-url", default=DEFAULT_URL)
    parser.add_argument("--users", type=int, default=SeedPlan.users)
    parser.add_argument("--posts", type=int, default=SeedPlan.posts)
    args = parser.parse_args()
    try:
        url = database_url(args.env, args.default_url)
        counts = asyncio.run(prepare(url, SeedPlan(users=args.users, posts=args.posts)))
    except BenchSetupError as exc:
        raise SystemExit(f"error: {exc}") from exc
    print(f"seeded {counts}")


if __name__ == "__main__":
    main()
