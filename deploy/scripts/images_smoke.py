"""Starts the built images with host networking and drives them as a user would.

The API, the worker and the web server run as containers against a real PostgreSQL and
Redis; emails go to a real SMTP catcher here. Through the web image: sign up, verify with the
emailed link, sign in, post, read the feed. Then each container is stopped with its stop
signal and must exit on its own, well before podman's kill timeout.

Run by deploy/scripts/images.sh with the backend's venv (httpx, asyncpg, redis, aiosmtpd).
"""

# It runs podman by design (S603/S607); /tmp here is a path inside the containers (S108).

from __future__ import annotations

import argparse
import asyncio
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import asyncpg
import httpx
import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "backend"))
from tests.support.mailbox import SmtpCapture

STOP_TIMEOUT = 30


def podman(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["podman", *args], capture_output=True, text=True, check=check
    )


async def fresh_database(url: str) -> None:
    dsn = url.replace("postgresql+asyncpg://", "postgresql://")
    name = urlsplit(dsn).path.lstrip("/")
    admin = await asyncpg.connect(dsn.rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


def wait_healthy(name: str, timeout: float = 90) -> float:
    started = time.monotonic()
    while podman("healthcheck", "run", name, check=False).returncode != 0:
        state = podman(
            "inspect", "-f", "{{.State.Status}}", name, check=False
        ).stdout.strip()
        if state != "running" or time.monotonic() - started > timeout:
            print(podman("logs", name, check=False).stdout[-3000:], file=sys.stderr)
            raise SystemExit(
                f"FAIL: {name} is {state}, not healthy after {timeout:.0f}s"
            )
        time.sleep(1)
    return time.monotonic() - started


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"FAIL: {what}")
    print(f"  ok  {what}")


def web_checks(web: httpx.Client) -> None:
    index = web.get("/")
    check(
        index.status_code == 200 and '<div id="root"' in index.text,
        "web serves index.html",
    )
    check(index.headers.get("cache-control") == "no-cache", "index.html is not cached")
    for header in (
        "content-security-policy",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "strict-transport-security",
    ):
        check(header in index.headers, f"web sends {header}")
    deep = web.get("/settings/sessions")
    check(
        deep.status_code == 200 and deep.text == index.text,
        "SPA fallback for a deep link",
    )
    asset = re.search(r'src="(/assets/[^"]+\.js)"', index.text)
    check(asset is not None, "index.html names a hashed script")
    assert asset is not None
    br = web.get(asset.group(1), headers={"Accept-Encoding": "br"})
    check(
        br.headers.get("content-encoding") == "br",
        "hashed script sent precompressed (br)",
    )
    check(
        "immutable" in br.headers.get("cache-control", ""),
        "hashed script cached as immutable",
    )
    gz = web.get(asset.group(1), headers={"Accept-Encoding": "gzip"})
    check(
        gz.headers.get("content-encoding") == "gzip",
        "hashed script sent precompressed (gzip)",
    )
    check(
        web.get("/assets/missing-0000.js").status_code == 404, "missing asset is a 404"
    )
    check(
        web.get("/metrics").status_code != 200
        or "http_requests_total" not in web.get("/metrics").text,
        "web does not expose the API's metrics",
    )


def user_journey(web: httpx.Client, mail: SmtpCapture) -> None:
    tag = secrets.token_hex(4)
    email, username, password = (
        f"smoke-{tag}@example.com",
        f"smoke_{tag}",
        "correct horse battery staple 9",
    )
    signup = web.post(
        "/api/v1/auth/signup",
        json={
            "email": email,
            "username": username,
            "password": password,
            "accept_terms": True,
        },
    )
    check(
        signup.status_code == 202,
        f"sign up through the web image ({signup.status_code})",
    )
    deadline = time.monotonic() + 60
    while not mail.to(email):
        if time.monotonic() > deadline:
            raise SystemExit(
                "FAIL: no verification email within 60 s (is the worker running?)"
            )
        time.sleep(0.5)
    link = next(link for link in mail.to(email)[0].links() if "verify-email" in link)
    token = parse_qs(urlsplit(link).query)["token"][0]
    check(True, "verification email sent by the worker container, captured over SMTP")
    verified = web.post("/api/v1/auth/verify-email", json={"token": token})
    check(verified.status_code == 200, f"verify the email ({verified.status_code})")
    login = web.post("/api/v1/auth/login", json={"email": email, "password": password})
    check(login.status_code == 200, f"sign in ({login.status_code})")
    auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
    post = web.post(
        "/api/v1/posts",
        json={"content": f"hello from the images smoke {tag}"},
        headers=auth,
    )
    check(post.status_code == 201, f"post ({post.status_code})")
    feed = web.get("/api/v1/feed", headers=auth)
    ids = [item["id"] for item in feed.json()["items"]]
    check(
        feed.status_code == 200 and post.json()["id"] in ids, "the post is in the feed"
    )


def stop_gracefully(name: str, expect_log: str | None) -> None:
    started = time.monotonic()
    podman("stop", "-t", str(STOP_TIMEOUT), name)
    elapsed = time.monotonic() - started
    code = podman("inspect", "-f", "{{.State.ExitCode}}", name).stdout.strip()
    logs = podman("logs", name, check=False)
    # 137 is SIGKILL: podman's timeout ran out and it killed the process.
    check(
        elapsed < STOP_TIMEOUT - 5 and code != "137",
        f"{name} stopped on its signal in {elapsed:.1f}s (exit {code})",
    )
    if expect_log:
        check(expect_log in logs.stdout + logs.stderr, f"{name} logged {expect_log!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--api-image", required=True)
    parser.add_argument("--web-image", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--api-port", type=int, required=True)
    parser.add_argument("--web-port", type=int, required=True)
    parser.add_argument("--name", default="daira-smoke")
    args = parser.parse_args()

    asyncio.run(fresh_database(args.database_url))
    redis.Redis.from_url(args.redis_url).flushdb()
    mail = SmtpCapture()
    mail.start()
    api, worker, web = f"{args.name}-api", f"{args.name}-worker", f"{args.name}-web"
    env = {
        "ENVIRONMENT": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "EMAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(mail.port),
        "PUBLIC_URL": f"http://127.0.0.1:{args.web_port}",
        "TRUSTED_PROXIES": "127.0.0.1/32",
        "DAIRA_HOST": "127.0.0.1",
        "DAIRA_PORT": str(args.api_port),
        "WORKER_SHUTDOWN_GRACE_SECONDS": "10",
    }
    env_args = [item for key, value in env.items() for item in ("-e", f"{key}={value}")]
    # As Kubernetes runs them: read-only root, writable /tmp and media only, no capabilities.
    hardened = [
        "--read-only",
        "--tmpfs",
        "/tmp",
        "--tmpfs",
        "/var/lib/daira/media:mode=1777",
        "--cap-drop",
        "ALL",
        "--security-opt",
        "no-new-privileges",
    ]
    for name in (api, worker, web):
        podman("rm", "-f", name, check=False)
    try:
        migrate = podman(
            "run",
            "--rm",
            *hardened,
            *env_args,
            args.api_image,
            "daira",
            "migrate",
            check=False,
        )
        if migrate.returncode != 0:
            print(migrate.stdout + migrate.stderr, file=sys.stderr)
        check(
            migrate.returncode == 0,
            "`daira migrate` from the api image (read-only root)",
        )
        podman("run", "-d", "--name", api, *hardened, *env_args, args.api_image)
        podman(
            "run",
            "-d",
            "--name",
            worker,
            "--no-healthcheck",
            *hardened,
            *env_args,
            args.api_image,
            "daira",
            "worker",
        )
        podman(
            "run",
            "-d",
            "--name",
            web,
            "--read-only",
            "--tmpfs",
            "/tmp",
            "--cap-drop",
            "ALL",
            "-e",
            f"WEB_PORT={args.web_port}",
            "-e",
            f"API_UPSTREAM=127.0.0.1:{args.api_port}",
            args.web_image,
        )
        check(True, f"api healthy after {wait_healthy(api):.1f}s (its HEALTHCHECK)")
        check(True, f"web healthy after {wait_healthy(web):.1f}s (its HEALTHCHECK)")
        with httpx.Client(
            base_url=f"http://127.0.0.1:{args.web_port}", timeout=10
        ) as client:
            web_checks(client)
            user_journey(client, mail)
        stop_gracefully(web, None)
        stop_gracefully(worker, "shutdown on SIGTERM")
        stop_gracefully(api, "Application shutdown complete")
    finally:
        podman("rm", "-f", api, worker, web, check=False)
        mail.stop()
    print("images smoke: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
