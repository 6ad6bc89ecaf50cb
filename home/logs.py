"""Logs an operator can search: one JSON object a line, each with a UTC timestamp, the level, the
logger, the message and the id of the request it belongs to; and an access log line per request.

``RequestIdMiddleware`` takes the id a proxy sent (``X-Request-ID``, when it looks like one) or
makes one, answers it in the same header and keeps it for the request's log records
(``RequestIdFilter``), so a resident's "it failed at 10:02" leads to every line of that request
in nginx, gunicorn and the portal alike. Timestamps are UTC in every process (web, worker,
scheduler, gunicorn's own lines), whatever the machine's time zone.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
request_id = contextvars.ContextVar("request_id", default="-")
access_log = logging.getLogger("portal.access")

#: LogRecord attributes that are not extra fields of the call.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``,
    ``request_id``, the call's ``extra`` fields, and ``exception`` with the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain lines for a terminal (``LOG_FORMAT=text``), in UTC like the JSON ones."""

    converter = time.gmtime

    def __init__(self):
        super().__init__("%(asctime)sZ %(levelname)s %(name)s [%(request_id)s] %(message)s")


class RequestIdMiddleware:
    """The request id for logs and the ``X-Request-ID`` answer; one access log line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get(REQUEST_ID_HEADER, "")
        current = sent if _ACCEPTED_ID.match(sent) else uuid.uuid4().hex
        token = request_id.set(current)
        request.request_id = current
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = current
            access_log.info(
                "%s %s %s",
                request.method,
                request.get_full_path(),
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "host": request.META.get("HTTP_HOST", ""),
                },
            )
            return response
        finally:
            request_id.reset(token)
