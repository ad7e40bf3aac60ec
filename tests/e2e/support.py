"""Helpers the browser flows call directly (the fixtures are in tests/e2e/conftest.py)."""

from __future__ import annotations

import os
import re
from typing import Any

DEMO_PASSWORD = "ur-desk-demo"
TASK_TIMEOUT_MS = int(os.environ.get("UR_E2E_TASK_TIMEOUT_MS", "60000"))


def login(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def logout(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/login/"))
