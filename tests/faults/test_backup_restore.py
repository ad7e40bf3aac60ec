"""The backup and restore drill (docs/reliability.md): pg_dump the database, restore it into a fresh
one, then the audit chain and every stored letter verify against the restored copy."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from audit.verify import verify_chain
from reviews.models import Letter
from reviews.services.letters import letter_issue

from .scenarios import case_with_recommendation, submit_determination
from .support import ROOT

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _pg(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=120, check=False, **kw)  # type: ignore[call-overload]


def test_pg_dump_restore_then_chain_and_letters_verify(redis, reviewer, tmp_path: Path, _private_audit_anchor) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the drill runs on PostgreSQL")
    case = case_with_recommendation(reviewer)
    determination = submit_determination(case, reviewer)
    letter = letter_issue(determination=determination)  # in process: no worker needed for the drill
    assert verify_chain().ok  # and checkpoints the head in the anchor file

    db = connection.settings_dict
    host, port, user = db.get("HOST") or "127.0.0.1", str(db.get("PORT") or 5432), db.get("USER") or "postgres"
    conn = ["-h", host, "-p", port, "-U", user]
    dump = tmp_path / "urdesk.dump"
    result = _pg("pg_dump", *conn, "--format=custom", "--no-owner", "-f", str(dump), db["NAME"])
    assert result.returncode == 0, result.stderr
    restored = f"urdesk_restore_{uuid.uuid4().hex[:8]}"
    assert _pg("createdb", *conn, restored).returncode == 0
    try:
        result = _pg("pg_restore", *conn, "--no-owner", "--exit-on-error", "-d", restored, str(dump))
        assert result.returncode == 0, result.stderr
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DATABASE_URL=f"postgres://{user}@{host}:{port}/{restored}",
            UR_AUDIT_ANCHOR_FILE=str(_private_audit_anchor),
            DJANGO_SETTINGS_MODULE="config.settings",
        )
        for command in ("verify_audit_chain", "verify_letters"):
            out = _pg(sys.executable, "manage.py", command, cwd=ROOT, env=env)
            assert out.returncode == 0, f"{command}: {out.stdout}{out.stderr}"
        assert "1 stored letters verify" in out.stdout
        # The restored copy is the same data, not an empty database that happens to verify.
        count = _pg("psql", *conn, "-tAc", "SELECT count(*) FROM reviews_letter", restored)
        assert count.stdout.strip() == str(Letter.objects.count()) == "1"
        assert letter.pk == Letter.objects.get().pk
    finally:
        _pg("dropdb", *conn, "--if-exists", restored)
