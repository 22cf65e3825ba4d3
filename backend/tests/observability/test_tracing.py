"""One trace per request: FastAPI -> SQL -> Redis -> the job it queued -> SMTP, parent-child
links intact, the trace id in logs and in a 500's problem body; sampling follows the parent;
tracing off instruments nothing."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_ON, ParentBased, TraceIdRatioBased
from opentelemetry.trace import SpanKind
from redis.asyncio import Redis

from daira.core.jobs import _PENDING_KEY, enqueue
from daira.observability import tracing
from tests.conftest import REDIS_URL, AppHarness, make_settings

SIGNUP = {
    "email": "traced@example.com",
    "username": "traced",
    "password": "correct-horse-battery-staple-42",
    "accept_terms": True,
}


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    memory = InMemorySpanExporter()
    yield memory
    memory.clear()


@pytest.fixture
def sampler() -> object:
    return ParentBased(ALWAYS_ON)


@pytest.fixture
def tracer_provider(exporter: InMemorySpanExporter, sampler: object) -> TracerProvider:
    provider = TracerProvider(sampler=sampler)  # type: ignore[arg-type]
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


def _by_id(spans: tuple[ReadableSpan, ...]) -> dict[int, ReadableSpan]:
    return {span.context.span_id: span for span in spans}


def _ancestors(span: ReadableSpan, index: dict[int, ReadableSpan]) -> list[str]:
    names = []
    while span.parent is not None and span.parent.span_id in index:
        span = index[span.parent.span_id]
        names.append(span.name)
    return names


def render_tree(spans: tuple[ReadableSpan, ...]) -> str:
    """The span tree as indented text (printed by the test for the report)."""
    index = _by_id(spans)
    children: dict[int | None, list[ReadableSpan]] = {}
    for span in sorted(spans, key=lambda s: s.start_time or 0):
        parent = span.parent.span_id if span.parent and span.parent.span_id in index else None
        children.setdefault(parent, []).append(span)
    lines: list[str] = []

    def walk(parent: int | None, depth: int) -> None:
        for span in children.get(parent, []):
            took = ((span.end_time or 0) - (span.start_time or 0)) / 1e6
            lines.append(f"{'  ' * depth}{span.name} [{span.kind.name}] {took:.1f} ms")
            walk(span.context.span_id, depth + 1)

    walk(None, 0)
    return "\n".join(lines)


async def test_a_signup_and_its_verification_email_are_one_trace(
    client: httpx.AsyncClient, harness: AppHarness, exporter: InMemorySpanExporter
) -> None:
    response = await client.post("/api/v1/auth/signup", json=SIGNUP)
    [mail] = await harness.mails_to("traced@example.com")

    assert response.status_code == 202
    assert mail.message["To"] == "traced@example.com"
    spans = exporter.get_finished_spans()
    print("\n" + render_tree(spans))
    index = _by_id(spans)
    [request] = [s for s in spans if s.name == "POST /api/v1/auth/signup"]
    # The token is issued inside the job (never carried in the queue), which then sends it.
    [job] = [s for s in spans if s.name == "job send_verification_link"]
    [smtp] = [s for s in spans if s.name == "smtp send"]
    trace_id = request.context.trace_id
    # The fixture's own table wipe is SQL outside any request: its spans are roots.
    sql = [
        s
        for s in spans
        if s.attributes and "db.statement" in s.attributes and s.context.trace_id == trace_id
    ]
    assert {s.context.trace_id for s in (job, smtp)} == {trace_id}
    assert request.parent is None
    assert job.parent is not None
    assert job.parent.span_id == request.context.span_id
    assert smtp.parent is not None
    assert smtp.parent.span_id == job.context.span_id
    inserts = [s for s in sql if str(s.attributes["db.statement"]).startswith("INSERT")]
    assert inserts
    assert all(_ancestors(s, index)[-1] == request.name for s in inserts)
    if REDIS_URL:
        # The rate-limit check and arq's enqueue happen inside the request; the worker's
        # own polling belongs to no request and starts traces of its own, if any.
        redis = [
            s
            for s in spans
            if s.attributes and s.attributes.get("db.system") == "redis"
            if s.context.trace_id == trace_id
        ]
        assert redis
        assert all(s.parent is not None for s in redis)
        assert all(request.name in _ancestors(s, index) for s in redis)


async def test_spans_are_named_by_route_template(
    client: httpx.AsyncClient, exporter: InMemorySpanExporter
) -> None:
    await client.delete("/api/v1/auth/sessions/424242")
    await client.get("/api/v1/no/such/path")
    await client.get("/api/v1/users/health")
    await client.get("/health")
    await client.get("/ready")

    names = {s.name for s in exporter.get_finished_spans() if s.parent is None}
    assert "DELETE /api/v1/auth/sessions/{session_id}" in names
    assert "GET /api/v1/users/{username}" in names
    assert not [name for name in names if name.endswith(("/health", "/ready"))]
    assert not [name for name in names if "424242" in name or "no/such" in name]


async def test_a_500_names_its_trace_in_the_body_and_in_every_log_line(
    app: FastAPI,
    client: httpx.AsyncClient,
    exporter: InMemorySpanExporter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken() -> None:
        logging.getLogger("daira.test").warning("about to fail")
        raise RuntimeError("boom")

    app.add_api_route("/api/v1/test-broken", broken)

    with caplog.at_level(logging.INFO):
        response = await client.get("/api/v1/test-broken")

    body = response.json()
    assert response.status_code == 500
    assert body["code"] == "internal_error"
    [request] = [s for s in exporter.get_finished_spans() if s.name.endswith("/test-broken")]
    assert body["trace_id"] == format(request.context.trace_id, "032x")
    assert body["request_id"] == response.headers["x-request-id"]
    assert "boom" not in response.text
    ours = [r for r in caplog.records if r.name.startswith("daira")]
    assert {r.name for r in ours} >= {"daira.test", "daira.access"}
    assert {getattr(r, "trace_id", None) for r in ours} == {body["trace_id"]}


@pytest.mark.parametrize("sampler", [ParentBased(TraceIdRatioBased(0.0))])
async def test_sampling_follows_the_callers_decision(
    client: httpx.AsyncClient, exporter: InMemorySpanExporter, sampler: object
) -> None:
    await client.get("/api/v1/auth/sessions")
    unsampled = len(exporter.get_finished_spans())
    caller = "0af7651916cd43dd8448eb211c80319c"
    await client.get(
        "/api/v1/auth/sessions", headers={"traceparent": f"00-{caller}-b7ad6b7169203331-01"}
    )

    spans = exporter.get_finished_spans()
    assert unsampled == 0  # ratio 0: a request with no caller is not recorded
    assert spans
    assert {format(s.context.trace_id, "032x") for s in spans} == {caller}


@pytest.mark.parametrize("tracer_provider", [None])
async def test_tracing_off_instruments_nothing(
    app: FastAPI, harness: AppHarness, tracer_provider: None
) -> None:
    async with harness.session() as session:
        enqueue(session, "send_email", to="x@example.com", template="welcome", data={})
        [(_, queued)] = session.info.pop(_PENDING_KEY)

    assert not tracing.enabled()
    assert tracing.trace_context() is None
    assert tracing.current_ids() == (None, None)
    assert tracing.TRACE_CONTEXT_KEY not in queued
    assert not getattr(app, "_is_instrumented_by_opentelemetry", False)
    assert not FastAPIInstrumentor().is_instrumented_by_opentelemetry
    assert not hasattr(Redis.execute_command, "__wrapped__")
    assert not SQLAlchemyInstrumentor().is_instrumented_by_opentelemetry
    assert not RedisInstrumentor().is_instrumented_by_opentelemetry


def test_client_spans_outside_any_request_start_no_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    provider = tracing.build_provider(make_settings(25), "daira-test")
    tracer = provider.get_tracer("test")

    with tracer.start_as_current_span("poll", kind=SpanKind.CLIENT) as orphan:
        pass
    with (
        tracer.start_as_current_span("GET /x", kind=SpanKind.SERVER) as request,
        tracer.start_as_current_span("GET key", kind=SpanKind.CLIENT) as child,
    ):
        pass
    provider.shutdown()

    assert not orphan.get_span_context().trace_flags.sampled
    assert request.get_span_context().trace_flags.sampled
    assert child.get_span_context().trace_flags.sampled


def test_the_sampler_comes_from_the_otel_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    monkeypatch.setenv("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
    monkeypatch.setenv("OTEL_TRACES_SAMPLER_ARG", "0")
    provider = tracing.build_provider(make_settings(25), "daira-test")
    tracer = provider.get_tracer("test")

    with tracer.start_as_current_span("GET /x", kind=SpanKind.SERVER) as request:
        pass
    provider.shutdown()

    assert "TraceIdRatioBased{0.0}" in provider.sampler.get_description()
    assert not request.get_span_context().trace_flags.sampled
