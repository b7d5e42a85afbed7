"""The Redis cache backend, with one Redis client per connection pool.

Django's `RedisCacheClient` builds a new `redis.Redis` object for every command,
which costs more than the round trip to Redis itself (the client sets up its
table of ~170 response callbacks each time). The page cache answers a cached
page with one such command, so this backend keeps the client: `redis.Redis` is
thread-safe and its pool checks for forks, so one per pool serves every thread.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
