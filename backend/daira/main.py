"""The ASGI application: settings, middleware, error handlers, routers, web app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from daira import __version__
from daira.config import Settings, get_settings
from daira.core.db import make_engine, make_read_sessionmaker, make_sessionmaker
from daira.core.jobs import configure_queue
from daira.core.nostore import NoStoreMiddleware
from daira.core.openapi import install_openapi
from daira.core.problems import install_problem_handlers
from daira.core.pubsub import make_broker
from daira.core.ratelimit import RateLimiter
from daira.docs_ui import mount_docs
from daira.moderation.service import use_classifier
from daira.moderation.verdict import classifier_for
from daira.observability.logging import configure_logging
from daira.observability.metrics import instrument_engine, record_build_info
from daira.observability.middleware import ObservabilityMiddleware
from daira.observability.tracing import configure_tracing, stop_tracing
from daira.ops import router as ops_router
from daira.webapp import mount_webapp

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

log = logging.getLogger("daira")

API_PREFIX = "/api/v1"
# Nothing legitimate is larger than an avatar (5 MB) with its multipart framing.
MAX_BODY_BYTES = 6 * 1024 * 1024


def api_router() -> APIRouter:
    from daira.admin.router import router as admin_router
    from daira.auth.router import router as auth_router
    from daira.blocks.router import router as blocks_router
    from daira.feed.router import router as feed_router
    from daira.graph.router import router as graph_router
    from daira.moderation.reports_router import router as reports_router
    from daira.notifications.router import router as notifications_router
    from daira.posts.router import router as posts_router
    from daira.search.router import router as search_router
    from daira.tags.router import router as tags_router
    from daira.users.router import router as users_router

    router = APIRouter(prefix=API_PREFIX)
    router.include_router(auth_router)
    router.include_router(users_router)
    router.include_router(blocks_router)
    router.include_router(graph_router)
    router.include_router(posts_router)
    router.include_router(feed_router)
    router.include_router(reports_router)
    router.include_router(notifications_router)
    router.include_router(tags_router)
    router.include_router(search_router)
    router.include_router(admin_router)
    return router


def create_app(
    settings: Settings | None = None, tracer_provider: TracerProvider | None = None
) -> FastAPI:
    """The app; `tracer_provider` traces it whatever OTEL_* says (tests use an in-memory one)."""
    settings = settings or get_settings()
    configure_logging(settings)
    record_build_info(__version__)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        queue = configure_queue(settings)
        app.state.queue = queue
        yield
        await app.state.broker.close()
        await queue.close()
        if app.state.redis is not None:
            await app.state.redis.aclose()
        await app.state.engine.dispose()
        stop_tracing()

    app = FastAPI(
        title="Daira API",
        version=__version__,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # Starlette's slash redirects build Location from the Host header, so a forged Host
        # would send the client to another site; every route has one spelling instead.
        redirect_slashes=False,
    )
    app.state.settings = settings
    app.state.api_prefix = API_PREFIX
    engine = make_engine(settings)
    instrument_engine(engine)
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.read_sessionmaker = make_read_sessionmaker(engine)
    # Loaded (and checksum-verified) once per process, so a corrupt model fails at start-up.
    use_classifier(engine, classifier_for(settings))
    app.state.rate_limiter = RateLimiter(settings)
    app.state.redis = None
    if settings.redis_url:
        from redis.asyncio import Redis

        app.state.redis = Redis.from_url(settings.redis_url)
    app.state.broker = make_broker(settings, app.state.redis)

    install_problem_handlers(app)
    install_openapi(app)
    app.include_router(ops_router)
    app.include_router(api_router())
    mount_docs(app, f"{API_PREFIX}/openapi.json")
    from daira.media.storage import mount_media

    mount_media(app, settings)
    mount_webapp(app, settings.web_dist)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["Retry-After", "X-Request-ID"],
            max_age=600,
        )
    app.add_middleware(
        NoStoreMiddleware, prefixes=(f"{API_PREFIX}/auth/", f"{API_PREFIX}/users/me/")
    )
    app.add_middleware(
        ObservabilityMiddleware,
        settings=settings,
        api_prefix=API_PREFIX,
        max_body_bytes=MAX_BODY_BYTES,
    )
    configure_tracing(app, settings, engine, tracer_provider)
    return app
