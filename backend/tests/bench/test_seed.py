"""The seed generator on a small plan: shapes and invariants the benchmarks rely on."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from daira.bench.seed import POST_COLUMNS, USER_COLUMNS, SeedPlan, bench_email, generate

PLAN = SeedPlan(users=30, posts=500, follows_per_user=10, likes=200, comments=50, seed=7)


def test_every_user_is_a_verified_bench_account_sharing_one_hash() -> None:
    data = generate(PLAN, "hash")
    assert len(data.users) == 30
    columns = dict(zip(USER_COLUMNS, data.users[4], strict=True))
    assert columns["email"] == bench_email(5)
    assert columns["email_verified_at"] is not None
    assert {row[USER_COLUMNS.index("password_hash")] for row in data.users} == {"hash"}


def test_follows_are_unique_never_of_oneself_and_about_the_planned_count() -> None:
    data = generate(PLAN, "hash")
    pairs = [(row[1], row[2]) for row in data.follows]
    assert len(pairs) == len(set(pairs))
    assert all(follower != followee for follower, followee in pairs)
    per_user = Counter(follower for follower, _ in pairs)
    assert all(0 < count <= 29 for count in per_user.values())


def test_post_ids_follow_time_and_like_counts_match_the_likes() -> None:
    data = generate(PLAN, "hash")
    created = [row[POST_COLUMNS.index("created_at")] for row in data.posts]
    assert created == sorted(created)
    likes = Counter(post_id for _, post_id, _ in data.likes)
    assert len(data.likes) == len({(u, p) for u, p, _ in data.likes}) == 200
    for row in data.posts:
        assert row[POST_COLUMNS.index("like_count")] == likes[row[0]]


def test_the_same_plan_and_clock_give_the_same_rows() -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    assert generate(PLAN, "h", now).posts == generate(PLAN, "h", now).posts
