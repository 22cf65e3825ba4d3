"""The alerting drill: a real Daira, Prometheus and Alertmanager on loopback; break the
database and prove the right alert reaches a webhook, then resolves.

1. Start a throwaway PostgreSQL and Redis, an SMTP sink, `daira serve` and `daira worker`,
   a webhook receiver, Alertmanager (the committed routing and inhibition, receivers replaced
   by the webhook, timers shortened) and Prometheus (the committed rules, 1 s intervals).
2. Drive real traffic (sign-ups, sign-ins, posts, feed reads, moderation, a rate limit).
3. Run every dashboard panel's query on that Prometheus (checks/dashboards.py), and check
   that a sign-up's trace reached a small OTLP receiver as one trace across the API and the
   worker (request -> SQL -> Redis -> job -> SMTP), printing its span tree.
4. Check inhibition on the live Alertmanager: a down target silences its latency alert.
5. Stop PostgreSQL: DairaNotReady{dependency="database"} must reach the webhook within
   2 minutes; start it again: the alert must resolve. Print both delays.

Usage (from the repository root, with the backend's virtualenv):
  backend/.venv/bin/python deploy/monitoring/checks/drill.py
Ports: OBS_PORT_BASE (default 19102) and the eight after it, all on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import yaml

HERE = Path(__file__).resolve().parent
MONITORING = HERE.parent
REPO = HERE.parents[2]
DAIRA = REPO / "backend" / ".venv" / "bin" / "daira"
sys.path.insert(0, str(HERE))
import dashboards  # noqa: E402 - beside this script

BASE = int(os.environ.get("OBS_PORT_BASE", "19102"))
PORTS = {
    name: BASE + i
    for i, name in enumerate(
        [
            "prometheus",
            "alertmanager",
            "webhook",
            "api",
            "worker",
            "postgres",
            "redis",
            "smtp",
            "otlp",
        ]
    )
}
NOTIFY_BUDGET_SECONDS = 120
PASSWORD = "correct-horse-battery-staple-42"  # noqa: S105 - throwaway accounts


def log(message: str) -> None:
    print(f"[drill {time.strftime('%H:%M:%S')}] {message}", flush=True)


def wait_for(what: str, check: Callable[[], bool], timeout: float, every: float = 0.25) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with contextlib.suppress(Exception):
            if check():
                return time.monotonic() - started
        time.sleep(every)
    raise TimeoutError(f"{what}: not within {timeout:g} s")


def wait_for_value(what: str, produce: Callable[[], Any], timeout: float) -> Any:
    """Call `produce` until it returns instead of raising."""
    started = time.monotonic()
    while True:
        try:
            return produce()
        except Exception as exc:
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"{what}: not within {timeout:g} s") from exc
            time.sleep(0.25)


class Webhook:
    """Alertmanager's webhook receiver: keeps every notification with its arrival time."""

    def __init__(self, port: int) -> None:
        self.received: list[tuple[float, dict[str, Any]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((time.monotonic(), json.loads(body)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def find(self, alertname: str, status: str, since: float) -> tuple[float, dict[str, Any]]:
        for at, payload in self.received:
            for alert in payload["alerts"]:
                if (
                    at >= since
                    and alert["labels"].get("alertname") == alertname
                    and alert["status"] == status
                ):
                    return at, alert
        raise LookupError(alertname)


class OtlpReceiver:
    """A minimal OTLP/HTTP trace receiver: keeps every span the API and worker export."""

    def __init__(self, port: int) -> None:
        from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
            ExportTraceServiceRequest,
            ExportTraceServiceResponse,
        )

        self.spans: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                request = ExportTraceServiceRequest()
                request.ParseFromString(self.rfile.read(int(self.headers["Content-Length"])))
                for resource_spans in request.resource_spans:
                    service = next(
                        a.value.string_value
                        for a in resource_spans.resource.attributes
                        if a.key == "service.name"
                    )
                    for scope in resource_spans.scope_spans:
                        for span in scope.spans:
                            outer.spans.append(
                                {
                                    "service": service,
                                    "name": span.name,
                                    "trace_id": span.trace_id.hex(),
                                    "span_id": span.span_id.hex(),
                                    "parent": span.parent_span_id.hex() or None,
                                    "start": span.start_time_unix_nano,
                                    "ms": (span.end_time_unix_nano - span.start_time_unix_nano)
                                    / 1e6,
                                }
                            )
                body = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def signup_trace(self) -> list[dict[str, Any]]:
        """The spans of a sign-up whose email job ran in `daira worker`, checked for links."""
        job = next(
            s
            for s in self.spans
            if s["service"] == "daira-worker" and s["name"] == "job send_verification_link"
        )
        spans = [s for s in self.spans if s["trace_id"] == job["trace_id"]]
        by_id = {s["span_id"]: s for s in spans}
        request = by_id[job["parent"]]
        smtp = next(s for s in spans if s["name"] == "smtp send")
        assert request["service"] == "daira-api", request
        assert request["name"] == "POST /api/v1/auth/signup", request
        assert request["parent"] is None, request
        assert smtp["parent"] == job["span_id"], smtp
        assert any(
            s["name"].startswith("INSERT") and s["parent"] == request["span_id"] for s in spans
        )
        return spans


def span_tree(spans: list[dict[str, Any]]) -> str:
    children: dict[str | None, list[dict[str, Any]]] = {}
    for span in sorted(spans, key=lambda s: s["start"]):
        children.setdefault(span["parent"], []).append(span)
    lines: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for span in children.get(parent, []):
            lines.append(f"{'  ' * depth}{span['name']}  [{span['service']}] {span['ms']:.1f} ms")
            walk(span["span_id"], depth + 1)

    walk(None, 0)
    return "\n".join(lines)


class Stack:
    def __init__(self, workdir: Path) -> None:
        self.dir = workdir
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []
        pg_bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not pg_bins:
            raise SystemExit("PostgreSQL server binaries are missing (apt-get install postgresql)")
        self.pg_bin = Path(pg_bins[-1])
        self.pg_data = workdir / "pgdata"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        out = open(self.dir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(  # noqa: S603 - fixed programs
            argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=self.dir
        )
        self.procs.append((name, proc))

    def stop_all(self) -> None:
        for _name, proc in reversed(self.procs):
            proc.terminate()
        for _name, proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.postgres("stop", "-m", "immediate", check=False)

    def postgres(self, *args: str, check: bool = True) -> None:
        subprocess.run(  # noqa: S603 - PostgreSQL's own pg_ctl
            [*self.as_postgres, str(self.pg_bin / "pg_ctl"), "-D", str(self.pg_data), *args],
            check=check,
            capture_output=True,
        )

    def start_postgres(self) -> None:
        self.postgres(
            "-w",
            "-l",
            str(self.dir / "postgres.log"),
            "-o",
            f"-p {PORTS['postgres']} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off",
            "start",
        )

    def init_postgres(self) -> None:
        os.chmod(self.dir, 0o777)  # noqa: S103 - a private temporary directory
        subprocess.run(  # noqa: S603 - PostgreSQL's own initdb
            [
                *self.as_postgres,
                str(self.pg_bin / "initdb"),
                "-D",
                str(self.pg_data),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        self.start_postgres()

    def tail(self, name: str) -> str:
        path = self.dir / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def alertmanager_config(webhook_url: str) -> dict[str, Any]:
    """The committed routing tree and inhibitions, every receiver replaced by the webhook."""
    config: dict[str, Any] = yaml.safe_load(
        (MONITORING / "alertmanager" / "alertmanager.yml").read_text()
    )
    names = {receiver["name"] for receiver in config["receivers"]}
    config["global"] = {"resolve_timeout": "5m"}
    config.pop("templates", None)
    config["receivers"] = [
        {"name": name, "webhook_configs": [{"url": webhook_url, "send_resolved": True}]}
        for name in names
    ]

    def shorten(route: dict[str, Any]) -> None:
        for key, value in (("group_wait", "1s"), ("group_interval", "1s")):
            if key in route or route is config["route"]:
                route[key] = value
        for child in route.get("routes", []):
            shorten(child)

    shorten(config["route"])
    return config


def prometheus_config() -> dict[str, Any]:
    return {
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s", "scrape_timeout": "1s"},
        "rule_files": [str(p) for p in sorted((MONITORING / "rules").glob("*.yaml"))],
        "alerting": {
            "alertmanagers": [
                {"static_configs": [{"targets": [f"127.0.0.1:{PORTS['alertmanager']}"]}]}
            ]
        },
        "scrape_configs": [
            {
                "job_name": "daira-api",
                "static_configs": [{"targets": [f"127.0.0.1:{PORTS['api']}"]}],
            },
            {
                "job_name": "daira-worker",
                "static_configs": [{"targets": [f"127.0.0.1:{PORTS['worker']}"]}],
            },
        ],
    }


def daira_env(workdir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "PROMETHEUS_MULTIPROC"))
    }
    env.update(
        ENVIRONMENT="test",
        SECRET_KEY="drill-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",  # noqa: S106
        DATABASE_URL=f"postgresql+asyncpg://postgres@127.0.0.1:{PORTS['postgres']}/postgres",
        REDIS_URL=f"redis://127.0.0.1:{PORTS['redis']}/0",
        EMAIL_BACKEND="smtp",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(PORTS["smtp"]),
        REQUIRE_EMAIL_VERIFICATION="false",
        REQUIRE_STAFF_2FA="false",
        WORKER_METRICS_PORT=str(PORTS["worker"]),
        # Traces of both processes go to the drill's own OTLP receiver, exported quickly.
        OTEL_EXPORTER_OTLP_ENDPOINT=f"http://127.0.0.1:{PORTS['otlp']}",
        OTEL_BSP_SCHEDULE_DELAY="200",
        MEDIA_ROOT=str(workdir / "media"),
        DAIRA_ADMIN_PASSWORD=PASSWORD,
        DAIRA_GIT_SHA=subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        ).stdout.strip()
        or "unknown",
    )
    return env


def drive_traffic(api: httpx.Client) -> None:
    """Enough real use that every dashboard panel has series (except event-only ones)."""

    def login(email: str, password: str = PASSWORD) -> dict[str, str]:
        answer = api.post("/api/v1/auth/login", json={"email": email, "password": password})
        return {"Authorization": f"Bearer {answer.json().get('access_token', '')}"}

    users = []
    for n in range(4):  # the fourth sign-up from one address is over the limit (3 / hour)
        answer = api.post(
            "/api/v1/auth/signup",
            json={
                "email": f"drill{n}@example.com",
                "username": f"drill{n}",
                "password": PASSWORD,
                "accept_terms": True,
            },
        )
        if answer.status_code == 202:
            users.append(login(f"drill{n}@example.com"))
        else:
            assert answer.status_code == 429, answer.text
    login("drill0@example.com", "wrong-password")
    admin = login("admin@example.com")
    for pattern, action in (("drillspam", "flag"), ("drillbanned", "block")):
        answer = api.post(
            "/api/v1/admin/moderation-rules",
            json={"pattern": pattern, "match": "word", "severity": "medium", "action": action},
            headers=admin,
        )
        assert answer.status_code == 201, answer.text
    for i, headers in enumerate(users):
        for other in range(len(users)):
            if other != i:
                api.post(f"/api/v1/users/drill{other}/follow", headers=headers)
        api.post("/api/v1/posts", json={"content": f"hello from drill {i}"}, headers=headers)
    api.post("/api/v1/posts", json={"content": "buy drillspam now"}, headers=users[0])
    api.post("/api/v1/posts", json={"content": "a drillbanned word"}, headers=users[0])
    queue = api.get("/api/v1/admin/moderation-queue", headers=admin).json()["items"]
    for entry in queue:
        api.post(
            f"/api/v1/admin/moderation-queue/{entry['id']}/approve",
            json={"reason": "drill"},
            headers=admin,
        )
    for _ in range(10):
        for headers in users:
            assert api.get("/api/v1/feed", headers=headers).status_code == 200
    api.get("/api/v1/no/such/route")
    api.get("/ready")


def check_inhibition(alertmanager: httpx.Client) -> None:
    """A down target silences its latency alert (the committed inhibit rule, live)."""
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    # A service of its own, so that these made-up alerts inhibit nothing of the real drill.
    labels = {"service": "daira-inhibition-drill", "severity": "page"}
    alertmanager.post(
        "/api/v2/alerts",
        json=[{"labels": {**labels, "alertname": "DairaTargetDown"}, "startsAt": now}],
    ).raise_for_status()
    time.sleep(1)
    alertmanager.post(
        "/api/v2/alerts",
        json=[{"labels": {**labels, "alertname": "DairaHighLatencyP95"}, "startsAt": now}],
    ).raise_for_status()

    def latency_inhibited() -> bool:
        alerts = alertmanager.get(
            "/api/v2/alerts", params={"filter": 'alertname="DairaHighLatencyP95"'}
        ).json()
        return bool(alerts) and bool(alerts[0]["status"]["inhibitedBy"])

    wait_for("DairaHighLatencyP95 inhibited by DairaTargetDown", latency_inhibited, 15)
    log("inhibition: DairaHighLatencyP95 is inhibited while DairaTargetDown fires")


@contextlib.contextmanager
def smtp_sink(port: int) -> Iterator[None]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield
    finally:
        controller.stop()


def run(workdir: Path) -> int:
    stack = Stack(workdir)
    started = time.monotonic()
    try:
        with smtp_sink(PORTS["smtp"]):
            stack.init_postgres()
            stack.start(
                "redis",
                [
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(PORTS["redis"]),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
            )
            env = daira_env(workdir)
            subprocess.run([str(DAIRA), "migrate"], env=env, check=True, capture_output=True)  # noqa: S603
            subprocess.run(  # noqa: S603 - our CLI
                [
                    str(DAIRA),
                    "create-admin",
                    "--email",
                    "admin@example.com",
                    "--username",
                    "drilladmin",
                ],
                env=env,
                check=True,
                capture_output=True,
            )
            stack.start("api", [str(DAIRA), "serve", "--port", str(PORTS["api"])], env)
            stack.start("worker", [str(DAIRA), "worker"], env)
            webhook = Webhook(PORTS["webhook"])
            otlp = OtlpReceiver(PORTS["otlp"])
            (workdir / "alertmanager.yml").write_text(
                yaml.safe_dump(alertmanager_config(f"http://127.0.0.1:{PORTS['webhook']}/"))
            )
            (workdir / "prometheus.yml").write_text(yaml.safe_dump(prometheus_config()))
            stack.start(
                "alertmanager",
                [
                    shutil.which("prometheus-alertmanager") or "alertmanager",
                    f"--config.file={workdir / 'alertmanager.yml'}",
                    f"--storage.path={workdir / 'alertmanager-data'}",
                    f"--web.listen-address=127.0.0.1:{PORTS['alertmanager']}",
                    "--cluster.listen-address=",
                ],
            )
            stack.start(
                "prometheus",
                [
                    "prometheus",
                    f"--config.file={workdir / 'prometheus.yml'}",
                    f"--storage.tsdb.path={workdir / 'prometheus-data'}",
                    f"--web.listen-address=127.0.0.1:{PORTS['prometheus']}",
                ],
            )
            api = httpx.Client(base_url=f"http://127.0.0.1:{PORTS['api']}", timeout=10)
            prometheus = httpx.Client(
                base_url=f"http://127.0.0.1:{PORTS['prometheus']}", timeout=10
            )
            alertmanager = httpx.Client(
                base_url=f"http://127.0.0.1:{PORTS['alertmanager']}", timeout=10
            )
            wait_for("Daira ready", lambda: api.get("/ready").status_code == 200, 60)
            wait_for("Alertmanager up", lambda: alertmanager.get("/-/ready").status_code == 200, 30)
            wait_for("Prometheus up", lambda: prometheus.get("/-/ready").status_code == 200, 30)

            def targets_up() -> bool:
                result = prometheus.get("/api/v1/query", params={"query": "up"}).json()
                values = [r["value"][1] for r in result["data"]["result"]]
                return len(values) == 2 and set(values) == {"1"}

            wait_for("both Daira targets scraped", targets_up, 30)
            log(f"stack up in {time.monotonic() - started:.0f} s (ports {BASE}-{BASE + 8})")

            drive_traffic(api)
            wait_for(
                "emails sent by the worker",
                lambda: prometheus.get(
                    "/api/v1/query", params={"query": "sum(daira_emails_sent_total) >= 3"}
                ).json()["data"]["result"],
                60,
            )
            time.sleep(3)  # a few more scrapes and rule evaluations over the traffic
            count, problems = dashboards.run_queries(
                sorted((MONITORING / "dashboards").glob("*.json")),
                f"http://127.0.0.1:{PORTS['prometheus']}",
            )
            for problem in problems:
                log(f"FAIL {problem}")
            if problems:
                return 1
            log(f"dashboards: all {count} panel queries answered with series (or event-only)")

            spans = wait_for_value("a sign-up's trace across API and worker", otlp.signup_trace, 30)
            log("trace: one sign-up, from the API through `daira worker` to SMTP:")
            for line in span_tree(spans).splitlines():
                log(f"    {line}")

            check_inhibition(alertmanager)

            log("fault: stopping the drill's PostgreSQL")
            stack.postgres("stop", "-m", "immediate")
            fault_at = time.monotonic()
            wait_for(
                "DairaNotReady notification",
                lambda: webhook.find("DairaNotReady", "firing", fault_at) is not None,
                NOTIFY_BUDGET_SECONDS,
            )
            notified_at, alert = webhook.find("DairaNotReady", "firing", fault_at)
            assert alert["labels"]["dependency"] == "database", alert
            assert alert["labels"]["severity"] == "page", alert
            fired = notified_at - fault_at
            log(
                f'ALERT {alert["labels"]["alertname"]}{{dependency="database", severity="page"}} '
                f"reached the webhook {fired:.1f} s after the fault "
                f"(budget {NOTIFY_BUDGET_SECONDS} s)"
            )
            log(f"  summary: {alert['annotations']['summary']}")

            log("repair: starting PostgreSQL again")
            stack.start_postgres()
            repaired_at = time.monotonic()
            wait_for(
                "DairaNotReady resolved",
                lambda: webhook.find("DairaNotReady", "resolved", repaired_at) is not None,
                NOTIFY_BUDGET_SECONDS,
            )
            resolved_at, _ = webhook.find("DairaNotReady", "resolved", repaired_at)
            log(f"RESOLVED DairaNotReady {resolved_at - repaired_at:.1f} s after the repair")
            others = sorted(
                {
                    a["labels"]["alertname"]
                    for at, payload in webhook.received
                    if at >= fault_at
                    for a in payload["alerts"]
                }
            )
            log(f"notifications seen during the fault: {', '.join(others)}")
            log(f"drill passed in {time.monotonic() - started:.0f} s")
            return 0
    except Exception:
        for name in ("api", "worker", "prometheus", "alertmanager", "postgres"):
            print(f"--- {name}.log (tail)\n{stack.tail(name)}", file=sys.stderr)
        raise
    finally:
        stack.stop_all()


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="daira-drill-"))
    try:
        return run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
