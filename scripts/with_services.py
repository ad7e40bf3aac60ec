"""Run a command against the real services (PostgreSQL, Redis) when they are reachable.

    python scripts/with_services.py pytest -m services
    python scripts/with_services.py --else-only-services pytest

Sets DATABASE_URL and REDIS_URL for the command. When a service is not reachable the
command still runs, with UR_SERVICES_MISSING naming what is missing, so tests marked
`services` skip with that reason; with REQUIRE_SERVICES=1 this exits 1 instead.
`--else-only-services`: when the services are missing, run only the `services` tests (to print
their skip reasons) instead of the whole command's selection again on SQLite.
pytest's "no tests collected" (exit 5) counts as success.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys

PG = (os.environ.get("UR_TEST_PG_HOST", "127.0.0.1"), int(os.environ.get("UR_TEST_PG_PORT", "5432")))
REDIS = (os.environ.get("UR_TEST_REDIS_HOST", "127.0.0.1"), int(os.environ.get("UR_TEST_REDIS_PORT", "6379")))


def reachable(addr: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(addr, timeout=2):
            return True
    except OSError:
        return False


def main(argv: list[str]) -> int:
    only_services_when_missing = bool(argv) and argv[0] == "--else-only-services"
    if only_services_when_missing:
        argv = argv[1:]
    env = dict(os.environ)
    missing = [name for name, addr in (("PostgreSQL", PG), ("Redis", REDIS)) if not reachable(addr)]
    if missing:
        reason = f"{' and '.join(missing)} not reachable on {PG[0]}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            print(f"REQUIRE_SERVICES=1 but {reason}: start them or unset REQUIRE_SERVICES.", file=sys.stderr)
            return 1
        print(f"NOTE: {reason}; tests marked 'services' will be skipped.", file=sys.stderr)
        env["UR_SERVICES_MISSING"] = reason
        if only_services_when_missing:
            argv = [*argv, "-m", "services"]
    else:
        db = os.environ.get("UR_TEST_PG_DB", "urdesk")
        env["DATABASE_URL"] = f"postgres://postgres@{PG[0]}:{PG[1]}/{db}"
        redis_db = os.environ.get("UR_TEST_REDIS_DB", "15")
        env["REDIS_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{redis_db}"
        env["CELERY_TASK_ALWAYS_EAGER"] = "0"
    code = subprocess.call(argv, env=env)
    return 0 if code == 5 else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
