"""OpenTelemetry tracing, switched on by the standard OTEL_* variables.

Off (the default) nothing is instrumented: no tracing middleware, no SQL or Redis hooks, no
context captured for jobs and no span lookup in log records, so a request does no tracing
work at all. On, one trace follows a request through FastAPI, SQLAlchemy, Redis, the job it
queued (in process or in `daira worker`) and the email that job sends.

Sampling is the SDK's, read from OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (for example
`parentbased_traceidratio` with `0.1`); jobs follow their request's decision.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult
from opentelemetry.util.types import Attributes
from sqlalchemy.ext.asyncio import AsyncEngine

from daira import __version__
from daira.config import Settings
from daira.observability.metrics import JOB_DURATION, JOB_FAILURES

if TYPE_CHECKING:
    from fastapi import FastAPI
    from opentelemetry.sdk.trace import TracerProvider

# Added to a job's keyword arguments when tracing is on: the W3C trace context of the
# request that queued it. Runners take it out before calling the job.
TRACE_CONTEXT_KEY = "_trace_context"

_provider: TracerProvider | None = None


def tracing_requested() -> bool:
    if os.environ.get("OTEL_SDK_DISABLED", "").lower() == "true":
        return False
    exporter = os.environ.get("OTEL_TRACES_EXPORTER", "")
    return bool(
        os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    ) or exporter not in {"", "none"}


def enabled() -> bool:
    return _provider is not None


def build_provider(settings: Settings, default_service: str) -> TracerProvider:
    """A provider exporting as OTEL_TRACES_EXPORTER says (otlp by default, or console)."""
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import (
        BatchSpanProcessor,
        ConsoleSpanExporter,
        SpanExporter,
    )

    resource = Resource.create(
        {
            "service.name": os.environ.get("OTEL_SERVICE_NAME", default_service),
            "service.version": __version__,
            "deployment.environment": settings.environment.value,
        }
    )
    # The sampler comes from OTEL_TRACES_SAMPLER(_ARG) (the SDK's default is parent-based
    # always-on), read by a provider built for just that.
    from_env = TracerProvider(shutdown_on_exit=False).sampler
    provider = TracerProvider(resource=resource, sampler=_NoOrphanClients(from_env))
    exporter: SpanExporter
    if os.environ.get("OTEL_TRACES_EXPORTER", "otlp") == "console":
        exporter = ConsoleSpanExporter()
    else:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter()
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


class _NoOrphanClients(Sampler):
    """Drops client spans that no request or job started (a scrape's Redis reads, the worker
    polling its queue) so they do not each become a trace; everything else as `inner` says."""

    def __init__(self, inner: Sampler) -> None:
        self.inner = inner

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: trace.SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[trace.Link] | None = None,
        trace_state: trace.TraceState | None = None,
    ) -> SamplingResult:
        parent = trace.get_current_span(parent_context).get_span_context()
        if kind is trace.SpanKind.CLIENT and not parent.is_valid:
            return SamplingResult(Decision.DROP)
        return self.inner.should_sample(
            parent_context, trace_id, name, kind, attributes, links, trace_state
        )

    def get_description(self) -> str:
        return f"NoOrphanClients{{{self.inner.get_description()}}}"


def start_tracing(provider: TracerProvider, engine: AsyncEngine | None = None) -> None:
    """Process-wide hooks: Redis (API, rate limits and arq) and the database engine."""
    global _provider
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    _provider = provider
    RedisInstrumentor().instrument(tracer_provider=provider)
    if engine is not None:
        # The instrumentation declares SQLAlchemy < 2.1 but works with 2.1: the test of
        # tests/observability asserts its spans.
        SQLAlchemyInstrumentor().instrument(
            engine=engine.sync_engine, tracer_provider=provider, skip_dep_check=True
        )


def stop_tracing() -> None:
    """Flush what is buffered and remove the hooks (at shutdown)."""
    global _provider
    if _provider is None:
        return
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    _provider.force_flush()
    RedisInstrumentor().uninstrument()
    SQLAlchemyInstrumentor().uninstrument()
    _provider = None


def configure_tracing(
    app: FastAPI,
    settings: Settings,
    engine: AsyncEngine,
    provider: TracerProvider | None = None,
) -> bool:
    """Instrument the app when OTEL_* asks for it (or a provider is given); say whether."""
    if provider is None:
        if not tracing_requested():
            return False
        provider = build_provider(settings, "daira-api")
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    start_tracing(provider, engine)
    # Server spans are named "METHOD /route/{template}" by the instrumentation; the
    # per-message receive/send spans add nothing but volume.
    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=provider,
        # Probes and scrapes, matched on the whole path: /api/v1/users/health is traced.
        excluded_urls=r"://[^/]+/(health|ready|metrics)/?(\?.*)?$",
        exclude_spans=["receive", "send"],
    )
    return True


def current_trace_id() -> str | None:
    if _provider is None:
        return None
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


def current_ids() -> tuple[str | None, str | None]:
    """(trace id, span id) of the active span, for log records."""
    if _provider is None:
        return None, None
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None, None
    return format(context.trace_id, "032x"), format(context.span_id, "016x")


def trace_context() -> dict[str, str] | None:
    """The active trace context as W3C headers, to travel with a queued job."""
    if _provider is None:
        return None
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier or None


def tracer() -> trace.Tracer:
    return trace.get_tracer("daira", __version__, tracer_provider=_provider)


@contextmanager
def client_span(name: str, **attributes: str | int) -> Iterator[None]:
    """A span around a call to another system (SMTP, SendGrid); nothing when tracing is off."""
    if _provider is None:
        yield
        return
    with tracer().start_as_current_span(name, kind=trace.SpanKind.CLIENT, attributes=attributes):
        yield


@contextmanager
def job_run(name: str, carrier: dict[str, str] | None) -> Iterator[None]:
    """Time one attempt of a job, count its failure, and trace it under its request."""
    started = time.perf_counter()
    try:
        if _provider is None:
            yield
        else:
            with tracer().start_as_current_span(
                f"job {name}",
                context=propagate.extract(carrier or {}),
                kind=trace.SpanKind.CONSUMER,
                attributes={"messaging.operation.type": "process", "daira.job": name},
            ):
                yield
    except Exception:
        JOB_FAILURES.labels(name).inc()
        raise
    finally:
        JOB_DURATION.labels(name).observe(time.perf_counter() - started)
