"""Django's cache on Redis that degrades instead of failing: while Redis cannot be reached, every
read is a miss and every write is dropped, so pages, search and feeds are served from the database.

django-redis ignores connection errors with ``IGNORE_EXCEPTIONS``; on top of that this backend logs
one warning per ``CACHE_OUTAGE_LOG_SECONDS`` (not one traceback per cache call) and, after a failure,
does not try Redis again for ``CACHE_RETRY_SECONDS``, so a Redis that hangs costs one connect
timeout every few seconds, not one per cache call. docs/deployment.md, "When a service is down".
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger("home.cache")


class _Outage:
    """Stands in for django-redis' logger, which it calls on each ignored connection error."""

    def __init__(self):
        self.retry_at = 0.0
        self.logged_at = -float("inf")

    def exception(self, *args, **kwargs):
        now = time.monotonic()
        self.retry_at = now + settings.CACHE_RETRY_SECONDS
        if now - self.logged_at >= settings.CACHE_OUTAGE_LOG_SECONDS:
            self.logged_at = now
            logger.warning("The cache (Redis) cannot be reached: serving from the database.", exc_info=True)

    @property
    def down(self) -> bool:
        return time.monotonic() < self.retry_at


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = True
        self._log_ignored_exceptions = True
        self.logger = self.outage = _Outage()

    @property
    def client(self):
        if self.outage.down:
            raise ConnectionInterrupted(connection=None)
        return super().client

    def is_reachable(self) -> bool:
        """Asks Redis now (for /healthz), whatever the last failure."""
        try:
            return bool(super().client.get_client().ping())
        except Exception:
            return False
