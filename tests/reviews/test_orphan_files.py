"""Record files no row names (an upload whose transaction failed after the write) are removed once
old enough; files with a row, young files and live page caches are kept."""

from __future__ import annotations

import os
import time
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from audit.models import AuditEvent
from reviews.models import ClinicalDocument
from reviews.services.documents import document_upload
from reviews.services.orphan_files import sweep_orphan_files
from tests.reviews.factories import make_case

pytestmark = pytest.mark.django_db


class CommitFailed(Exception):
    pass


def _pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Functional goals met</p>").write_pdf()


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _age(path: Path, minutes: int) -> None:
    then = time.time() - minutes * 60
    os.utime(path, (then, then))


def test_a_file_left_by_a_failed_commit_is_removed_once_old_enough(
    settings: Any, tmp_path: Path, reviewer: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    records = tmp_path / "media" / "records"
    case = make_case(assigned_reviewer=reviewer, status="in_review")
    kept = document_upload(case=case, actor=reviewer, uploaded_file=SimpleUploadedFile("a.pdf", _pdf()))
    kept_path = Path(kept.file.path)
    # The upload succeeds inside a larger transaction that then fails: the row is rolled back, the file stays.
    with pytest.raises(CommitFailed), transaction.atomic():
        document_upload(case=case, actor=reviewer, uploaded_file=SimpleUploadedFile("b.pdf", _pdf()))
        raise CommitFailed
    assert ClinicalDocument.objects.count() == 1
    orphan = next(iter(_files(records) - {kept_path}))

    # Young: it may be an upload whose row is about to be committed; left alone.
    assert sweep_orphan_files(older_than_minutes=60).total == 0
    assert orphan.exists()

    _age(orphan, 61)
    _age(kept_path, 61)
    dry = sweep_orphan_files(older_than_minutes=60, dry_run=True)
    assert dry.files == [orphan.relative_to(tmp_path / "media").as_posix()] and orphan.exists()
    report = sweep_orphan_files(older_than_minutes=60)
    assert report.files == dry.files
    assert not orphan.exists() and kept_path.exists()
    assert _files(records) == {kept_path}
    event = AuditEvent.objects.get(action="files.orphans_removed")
    assert event.summary["files"] == 1 and event.summary["page_caches"] == 0


def test_page_caches_of_documents_that_no_longer_exist_are_removed(
    settings: Any, tmp_path: Path, reviewer: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    case = make_case(assigned_reviewer=reviewer, status="in_review")
    doc = document_upload(case=case, actor=reviewer, uploaded_file=SimpleUploadedFile("a.pdf", _pdf()))
    cache = tmp_path / "media" / "page-cache"
    live, gone = cache / str(doc.public_id), cache / str(uuid.uuid4())
    for d in (live, gone):
        d.mkdir(parents=True)
        (d / "1.png").write_bytes(b"png")
        _age(d, 120)
    out = StringIO()
    call_command("sweep_orphan_files", "--older-than-minutes", "60", stdout=out)
    assert not gone.exists() and live.exists()
    assert "removed 0 orphan file(s), 1 page cache(s)" in out.getvalue()


def test_the_command_refuses_a_cut_off_under_a_minute() -> None:
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("sweep_orphan_files", "--older-than-minutes", "0", stderr=err)
    assert "--older-than-minutes" in err.getvalue()
