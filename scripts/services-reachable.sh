#!/usr/bin/env bash
# Exit 0 when the PostgreSQL and Redis named by the two URLs accept connections.
set -euo pipefail
pg_url=$1 redis_url=$2
cd "$(dirname "$0")/../backend"
exec .venv/bin/python - "$pg_url" "$redis_url" <<'PY'
import asyncio, sys
import asyncpg, redis.asyncio as redis
from sqlalchemy.engine import make_url

async def main() -> int:
    url = make_url(sys.argv[1])
    try:
        conn = await asyncio.wait_for(asyncpg.connect(host=url.host, port=url.port or 5432,
                                      user=url.username, password=url.password,
                                      database="postgres"), 5)
        await conn.close()
        client = redis.Redis.from_url(sys.argv[2], socket_connect_timeout=3)
        await client.ping()
        await client.aclose()
    except Exception as exc:
        print(f"not reachable: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0

sys.exit(asyncio.run(main()))
PY
