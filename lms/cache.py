"""Redis as the cache, tolerant of Redis being away.

With Django's own RedisCache a Redis outage turns every page into a 500 (sessions, cached pages
and outlines all read the cache). Here a connection error is logged and treated as a miss (reads)
or a no-op (writes), so the site keeps working on the database alone until Redis is back; with
short socket timeouts that costs milliseconds, not the page.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)
_last_warning = 0.0


def _warn(operation: str, error: Exception) -> None:
    global _last_warning
    if time.monotonic() - _last_warning > 30:  # at most one line per 30 s per process
        _last_warning = time.monotonic()
        logger.warning("Redis cache unavailable (%s): %s; serving without cache.", operation, error)


def _tolerant(name, fallback):
    method = getattr(RedisCache, name)

    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as error:
            _warn(name, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    wrapper.__name__ = name
    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


class TolerantRedisCache(RedisCache):
    get = _tolerant("get", _default)
    get_many = _tolerant("get_many", dict)
    has_key = _tolerant("has_key", False)
    add = _tolerant("add", False)
    set = _tolerant("set", None)
    set_many = _tolerant("set_many", list)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    clear = _tolerant("clear", False)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as error:
            _warn("incr", error)
            return delta
