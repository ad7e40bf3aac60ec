"""Removal of record files that no row points at (docs/reliability.md, "Orphan files").

An upload writes its file before its row is committed (the row must name the file). When the
surrounding transaction fails after the write (a database error at commit, a terminated backend, a
killed process) the file stays on disk with no row. `sweep_orphan_files()` removes, under the
records storage, every file that no `ClinicalDocument` names and that is older than
UR_ORPHAN_FILE_MINUTES (far longer than any upload's transaction, so a file whose row is about to
be committed is never touched), and page-image caches whose document no longer exists. It runs from
Celery beat every UR_ORPHAN_SWEEP_SECONDS and as `manage.py sweep_orphan_files`.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from audit.services import record_event
from reviews.models import ClinicalDocument

logger = logging.getLogger(__name__)

RECORDS_DIR = "records"
PAGE_CACHE_DIR = "page-cache"


@dataclass
class OrphanReport:
    files: list[str] = field(default_factory=list)  # storage names (random, never PHI)
    page_caches: list[str] = field(default_factory=list)  # document public ids
    dry_run: bool = False

    @property
    def total(self) -> int:
        return len(self.files) + len(self.page_caches)


def sweep_orphan_files(*, older_than_minutes: int | None = None, dry_run: bool = False) -> OrphanReport:
    """Remove record files with no row and page caches with no document, older than the cut-off."""
    minutes = settings.UR_ORPHAN_FILE_MINUTES if older_than_minutes is None else older_than_minutes
    cutoff = timezone.now() - timedelta(minutes=minutes)
    report = OrphanReport(dry_run=dry_run)
    storage = ClinicalDocument._meta.get_field("file").storage
    if storage.exists(RECORDS_DIR):
        case_dirs, _ = storage.listdir(RECORDS_DIR)
        for case_dir in sorted(case_dirs):
            prefix = f"{RECORDS_DIR}/{case_dir}/"
            _, names = storage.listdir(prefix.rstrip("/"))
            if not names:
                continue
            # Listed after the directory: a row committed meanwhile names a file younger than the cut-off.
            known = set(ClinicalDocument.objects.filter(file__startswith=prefix).values_list("file", flat=True))
            for name in sorted(names):
                path = prefix + name
                if path in known or storage.get_modified_time(path) >= cutoff:
                    continue
                report.files.append(path)
                if not dry_run:
                    storage.delete(path)
    cache_root = Path(settings.MEDIA_ROOT) / PAGE_CACHE_DIR
    if cache_root.is_dir():
        for entry in sorted(cache_root.iterdir()):
            try:
                public_id = uuid.UUID(entry.name)
            except ValueError:
                continue
            modified = datetime.fromtimestamp(entry.stat().st_mtime, tz=UTC)
            if modified >= cutoff or ClinicalDocument.objects.filter(public_id=public_id).exists():
                continue
            report.page_caches.append(entry.name)
            if not dry_run:
                shutil.rmtree(entry, ignore_errors=True)
    if report.total and not dry_run:
        record_event(
            "files.orphans_removed",
            summary={"files": len(report.files), "page_caches": len(report.page_caches), "older_than_minutes": minutes},
        )
        logger.warning("removed %s orphan record file(s), %s page cache(s)", len(report.files), len(report.page_caches))
    return report
