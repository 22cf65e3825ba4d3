"""Daira's load profile (SPEC section 5): each simulated user signs in once, then every 1-3 s
reads the home feed (50%), writes a post (30%) or likes a post (20%).

Accounts are the seeded bench users (`daira.bench.seed`): user n signs in as bench_email(n),
each simulated user with its own account. Run through `make loadtest` (scripts/loadtest.sh),
which seeds the database, starts the server with raised write limits and writes the reports.
"""

from __future__ import annotations

import itertools
import os
import random
from collections import deque

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

from daira.bench.seed import BENCH_PASSWORD, bench_email

ACCOUNTS = int(os.environ.get("LOADTEST_ACCOUNTS", "2000"))
_next_account = itertools.count(1)
# Posts recently seen in anyone's feed: likes target real, visible posts.
_seen_posts: deque[int] = deque(maxlen=5000)
_TEXT = (
    "النهارده الجو حلو في القاهرة مين نازل وسط البلد بالليل كشري وشاي على القهوة "
    "traffic on the ring road again match tonight who is coming weekend in alexandria"
)
_WORDS = _TEXT.split()


class DairaUser(FastHttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.account = (next(_next_account) - 1) % ACCOUNTS + 1
        self.headers: dict[str, str] = {}
        self.feed_ids: list[int] = []
        self.sign_in()

    def sign_in(self) -> bool:
        """Sign in; a user whose sign-in failed tries again at their next action, as a person
        would, instead of sending requests without a token (each would be a 401)."""
        response = self.client.post(
            "/api/v1/auth/login",
            json={"email": bench_email(self.account), "password": BENCH_PASSWORD},
            name="POST /api/v1/auth/login",
        )
        if response.status_code != 200:
            return False
        self.headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
        return True

    def signed_in(self) -> bool:
        return bool(self.headers) or self.sign_in()

    @task(50)
    def read_feed(self) -> None:
        if not self.signed_in():
            return
        with self.client.get(
            "/api/v1/feed", headers=self.headers, name="GET /api/v1/feed", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
                return
            self.feed_ids = [item["id"] for item in response.json()["items"]]
            _seen_posts.extend(self.feed_ids[:5])

    @task(30)
    def create_post(self) -> None:
        if not self.signed_in():
            return
        content = " ".join(random.choices(_WORDS, k=random.randint(4, 25)))
        self.client.post(
            "/api/v1/posts",
            json={"content": content},
            headers=self.headers,
            name="POST /api/v1/posts",
        )

    @task(20)
    def like(self) -> None:
        if not self.signed_in():
            return
        candidates = self.feed_ids or list(_seen_posts)
        if not candidates:
            self.read_feed()
            return
        self.client.post(
            f"/api/v1/posts/{random.choice(candidates)}/like",
            headers=self.headers,
            name="POST /api/v1/posts/{id}/like",
        )
