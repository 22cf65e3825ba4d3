"""The search benchmark's report, and that its queries find posts of the seed's vocabulary."""

from __future__ import annotations

from daira.bench.search import QUERIES, render_markdown, summarize
from daira.bench.seed import POST_COLUMNS, SeedPlan, generate
from daira.moderation.normalize import normalize


def test_every_post_query_matches_some_seeded_post() -> None:
    data = generate(SeedPlan(users=20, posts=2000, likes=0, comments=0, seed=3), "hash")
    texts = [row[POST_COLUMNS.index("search_text")] for row in data.posts]
    assert texts[0] == normalize(data.posts[0][POST_COLUMNS.index("content")])
    for kind, q in QUERIES:
        if kind == "posts":
            words = normalize(q).split()
            assert any(
                all(any(w.startswith(word) for w in text.split()) for word in words)
                for text in texts
            ), q


def test_the_report_says_whether_the_p95_goal_is_met() -> None:
    summary = summarize([0.010] * 95 + [0.080] * 5, errors=0, seconds=1.0)
    assert (summary["requests"], summary["p50_ms"]) == (100, 10.0)
    report = {
        "posts": 200_000,
        "concurrency": 8,
        "seconds_per_query": 5,
        "goal_p95_ms": 50.0,
        "worst_p95_ms": summary["p95_ms"],
        "meets_goal": summary["p95_ms"] < 50,
        "queries": [{"type": "posts", "q": "مصر", "first_page_items": 3, **summary}],
    }
    text = render_markdown(report)
    assert "| posts | مصر |" in text
    assert "(met)" in text
