"""Structured logs (JSON outside development) carrying the request id and, when tracing is
on, the trace and span ids of the work that logged."""

from __future__ import annotations

import logging
import sys
import time
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

from daira.config import Settings
from daira.observability.tracing import current_ids

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.trace_id, record.span_id = current_ids()
        return True


def _utc_with_zone(formatter: logging.Formatter) -> None:
    """ISO 8601 times in UTC, marked as such (2026-11-29T08:01:46.641Z), on every host."""
    formatter.converter = time.gmtime
    formatter.default_time_format = "%Y-%m-%dT%H:%M:%S"
    formatter.default_msec_format = "%s.%03dZ"


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(ContextFilter())
    if settings.is_development:
        handler.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)-7s %(name)s [%(request_id)s trace=%(trace_id)s] "
                "%(message)s"
            )
        )
    else:
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(trace_id)s "
                "%(span_id)s",
                rename_fields={"levelname": "level", "asctime": "time"},
            )
        )
    assert handler.formatter is not None
    _utc_with_zone(handler.formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.INFO)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    # The access log is ours (one line per request with the route template and id).
    logging.getLogger("uvicorn.access").disabled = True
