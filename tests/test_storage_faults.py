"""Media storage unwritable or full while a record is uploaded: a clear error, no row, no file left."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import ClinicalDocument
from tests.reviews.factories import make_case


def _pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Functional goals met</p>").write_pdf()


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_unwritable_storage_gives_a_clear_error_and_saves_nothing(settings: Any, tmp_path: Path, reviewer: Any) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"  # every write fails (ENOTDIR), even for root
    case = make_case(assigned_reviewer=reviewer, status="in_review")
    client = Client()
    client.force_login(reviewer)
    upload = SimpleUploadedFile("record.pdf", _pdf(), "application/pdf")
    response = client.post(reverse("reviews:document_upload", args=[case.public_id]), {"file": upload})
    assert response.status_code == 400
    assert "file storage is unavailable or full" in response.content.decode()
    assert not ClinicalDocument.objects.filter(case=case).exists()
    assert not AuditEvent.objects.filter(action="document.uploaded").exists()


def test_full_storage_leaves_no_partial_file(settings: Any, tmp_path: Path, reviewer: Any, monkeypatch: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    real_save = FileSystemStorage._save  # type: ignore[attr-defined]

    def write_half_then_fail(self: FileSystemStorage, name: str, content: Any) -> str:
        stored = real_save(self, name, type(content)(content.read()[:100]))  # a partial file on disk
        raise OSError(errno.ENOSPC, "No space left on device", stored)

    # The disk "fills up" mid-write: the partial file exists when the error is raised.
    monkeypatch.setattr(FileSystemStorage, "_save", write_half_then_fail)
    case = make_case(assigned_reviewer=reviewer, status="in_review")
    client = Client()
    client.force_login(reviewer)
    upload = SimpleUploadedFile("record.pdf", _pdf(), "application/pdf")
    response = client.post(reverse("reviews:document_upload", args=[case.public_id]), {"file": upload})
    assert response.status_code == 400
    assert "file storage is unavailable or full" in response.content.decode()
    assert not ClinicalDocument.objects.filter(case=case).exists()
    assert _files(tmp_path / "media") == []


def test_a_failed_row_write_removes_the_stored_file(
    settings: Any, tmp_path: Path, reviewer: Any, monkeypatch: Any
) -> None:
    import pytest

    import reviews.services.documents as documents

    settings.MEDIA_ROOT = tmp_path / "media"
    case = make_case(assigned_reviewer=reviewer, status="in_review")

    def audit_down(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit write failed")

    monkeypatch.setattr(documents, "record_event", audit_down)
    with pytest.raises(RuntimeError):
        documents.document_upload(
            case=case, actor=reviewer, uploaded_file=SimpleUploadedFile("r.pdf", _pdf(), "application/pdf")
        )
    assert not ClinicalDocument.objects.filter(case=case).exists()
    assert _files(tmp_path / "media") == []
