"""Browser: layout checks at a 1024-px laptop width, and the screenshots the README shows."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from .support import login

pytestmark = [pytest.mark.e2e, pytest.mark.services]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "e2e-artifacts" / "screens"


def test_supervisor_queue_is_not_clipped_at_1024_px(demo: None, browser: Any, live_server: Any) -> None:
    """Was: at 1024 px the supervisor's queue (with the assign column) was cut off on the right."""
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768})
    page = ctx.new_page()
    login(page, "supervisor")
    page.goto("/")
    table = page.locator("table.queue-table")
    table.wait_for()
    widths = page.evaluate(
        "() => { const t = document.querySelector('table.queue-table');"
        " return [t.scrollWidth, t.parentElement.clientWidth, document.documentElement.scrollWidth, innerWidth]; }"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "queue-supervisor-1024.png"))
    ctx.close()
    table_w, box_w, doc_w, view_w = widths
    assert table_w <= box_w, f"queue table {table_w}px wide in a {box_w}px box"
    assert doc_w <= view_w


def test_review_workspace_screenshot(demo: None, page: Any) -> None:
    from reviews.models import Case

    case = Case.objects.get(reference="DEMO-0103") if Case.objects.filter(reference="DEMO-0103").exists() else None
    case = case or Case.objects.get(reference="SEED-0002")
    login(page, "supervisor")
    page.goto(f"/cases/{case.public_id}/?tab=review")
    page.locator("#ur-checklist").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "review-workspace.png"))
    if shutil.which("true"):
        assert page.locator("#ur-checklist").is_visible()
