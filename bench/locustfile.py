"""Locust scenario for bench/load.py: a review team (reviewers and supervisors) on the real pages.

Environment (written by bench/load.py):
- BENCH_LOAD_PLAN: a JSON file {"password", "reviewers": [{"username", "cases", "letters"}],
  "supervisors": [username], "review_form": {field: value}}.
- BENCH_LOAD_PHASE: "mix" (the team: reviewers and supervisors with think time), or
  "solo:<page>" (one page only, no think time: the page's own throughput and latency).
- BENCH_LOAD_WAIT: min,max think time in seconds for "mix" (default 2,8).
- BENCH_LOAD_SUPERVISOR_SHARE: share of simulated users who are supervisors (default 0.1).
- BENCH_LOAD_LOGIN_OUT: file to which every login's time (ms) and outcome is appended as JSON
  lines, so that logins are measured apart even when locust resets its statistics after the ramp.

Pages (locust names): queue, case (header + timeline), review (the review tab), review_save
(draft save of the review form), recommendation_run, recommendation (the panel the browser polls),
letter_download, dashboard (supervisors), empty (the stack's own limit: bench endpoint).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, constant, events

PLAN: dict[str, Any] = (
    json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text()) if os.environ.get("BENCH_LOAD_PLAN") else {}
)
PHASE = os.environ.get("BENCH_LOAD_PHASE", "mix")
WAIT = [float(x) for x in os.environ.get("BENCH_LOAD_WAIT", "2,8").split(",")]
SUPERVISOR_SHARE = float(os.environ.get("BENCH_LOAD_SUPERVISOR_SHARE", "0.1"))
LOGIN_OUT = os.environ.get("BENCH_LOAD_LOGIN_OUT", "")
REVIEWERS = itertools.cycle(PLAN.get("reviewers") or [{}])
SUPERVISORS = itertools.cycle(PLAN.get("supervisors") or [""])
LOGIN_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HX_TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')
HX = {"HX-Request": "true"}
# Phases that are not about signing in use sessions the set-up made (no password hash inside them).
PRESIGNED = os.environ.get("BENCH_LOAD_PRESIGNED", "0") == "1"
SESSIONS = {
    "reviewer": itertools.cycle(PLAN.get("reviewer_sessions") or [""]),
    "supervisor": itertools.cycle(PLAN.get("supervisor_sessions") or [""]),
}


def _login_record(ms: float, ok: bool) -> None:
    if LOGIN_OUT:
        with open(LOGIN_OUT, "a") as fh:
            fh.write(json.dumps({"ms": round(ms, 1), "ok": ok}) + "\n")


class TeamMember(FastHttpUser):
    abstract = True
    wait_time = between(WAIT[0], WAIT[1]) if PHASE == "mix" else constant(0)
    username = ""
    role = "reviewer"

    def on_start(self) -> None:
        self.csrf = ""
        if PRESIGNED:
            from requests.cookies import create_cookie

            self.client.cookiejar.set_cookie(create_cookie("sessionid", next(SESSIONS[self.role]), domain="127.0.0.1"))
            response = self.client.get("/", name="warm-up")
            token = HX_TOKEN.search(response.text or "")
            self.csrf = token[1] if token else ""
            return
        self.login()

    def login(self) -> None:
        page = self.client.get("/login/", name="login page")
        match = LOGIN_TOKEN.search(page.text or "")
        start = time.perf_counter()
        with self.client.post(
            "/login/",
            data={
                "username": self.username,
                "password": PLAN.get("password", ""),
                "csrfmiddlewaretoken": match[1] if match else "",
                "next": "/",
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            where = response.headers.get("Location") or ""
            ok = response.status_code == 302 and "/login/" not in where
            if not ok:
                response.failure(f"sign-in refused ({response.status_code})")
        _login_record((time.perf_counter() - start) * 1000, ok)
        page = self.client.get("/", name="after login")
        token = HX_TOKEN.search(page.text or "")
        self.csrf = token[1] if token else ""

    def get(self, url: str, name: str, *, htmx: bool = False, expect: str = "") -> None:
        with self.client.get(url, name=name, headers=HX if htmx else None, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "/login/" in (response.url or ""):
                response.failure("not signed in")
            elif expect and expect not in (response.text or ""):
                response.failure(f"{expect!r} missing")

    def post(self, url: str, name: str, data: dict[str, Any], *, expect: str = "") -> None:
        headers = {**HX, "X-CSRFToken": self.csrf}
        with self.client.post(url, name=name, data=data, headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif expect and expect not in (response.text or ""):
                response.failure(f"{expect!r} missing")


class ReviewerPages(TeamMember):
    """A reviewer's pages (no tasks here: Reviewer weighs them, Solo runs one)."""

    abstract = True

    def on_start(self) -> None:
        me = next(REVIEWERS)
        self.username = me.get("username", "")
        self.cases: list[str] = me.get("cases", [])
        self.letters: list[str] = me.get("letters", [])
        super().on_start()

    def _case(self) -> str:
        return random.choice(self.cases)  # noqa: S311 - not crypto

    def queue(self) -> None:
        self.get("/", "queue", expect="/cases/")

    def case(self) -> None:
        self.get(f"/cases/{self._case()}/", "case", expect="Timeline")

    def review(self) -> None:
        self.get(f"/cases/{self._case()}/review/", "review", htmx=True, expect="<form")

    def review_save(self) -> None:
        self.post(f"/cases/{self._case()}/review/", "review_save", PLAN.get("review_form", {}), expect="Draft saved.")

    def recommendation_run(self, case: str = "") -> None:
        self.post(f"/cases/{case or self._case()}/recommendation/run/", "recommendation_run", {})

    def recommendation(self, case: str = "") -> None:
        self.get(f"/cases/{case or self._case()}/recommendation/", "recommendation", htmx=True)

    def run_and_read(self) -> None:
        """Run a recommendation, then read the panel (the browser polls it)."""
        case = self._case()
        self.recommendation_run(case)
        self.recommendation(case)

    def letter_download(self) -> None:
        if not self.letters:
            return
        url = random.choice(self.letters)  # noqa: S311 - not crypto
        with self.client.get(url, name="letter_download", catch_response=True) as response:
            if response.status_code != 200 or not (response.content or b"").startswith(b"%PDF"):
                response.failure(f"HTTP {response.status_code}, not a PDF")


class SupervisorPages(TeamMember):
    abstract = True
    role = "supervisor"

    def on_start(self) -> None:
        self.username = next(SUPERVISORS)
        super().on_start()

    def dashboard(self) -> None:
        self.get("/oversight/", "dashboard")

    def queue(self) -> None:
        self.get("/", "queue", expect="/cases/")


def _empty(user: TeamMember) -> None:
    user.get("/bench/empty/", "empty", expect="ok")


if PHASE == "mix":

    class Reviewer(ReviewerPages):
        """Reads the queue and case pages, saves review forms, runs recommendations, downloads letters."""

        weight = max(1, round((1 - SUPERVISOR_SHARE) * 100))
        tasks: list = [  # weights as repetitions
            *[ReviewerPages.queue] * 3,
            *[ReviewerPages.case] * 4,
            *[ReviewerPages.review] * 2,
            *[ReviewerPages.review_save] * 2,
            ReviewerPages.run_and_read,
            ReviewerPages.letter_download,
        ]

    class Supervisor(SupervisorPages):
        """Watches the dashboard and the whole queue."""

        weight = max(1, round(SUPERVISOR_SHARE * 100))
        tasks: list = [*[SupervisorPages.dashboard] * 3, SupervisorPages.queue]

else:  # solo:<page>: one page only, flat out (its own throughput and latency)
    _page = PHASE.split(":", 1)[1]

    class Solo(SupervisorPages if _page == "dashboard" else ReviewerPages):  # type: ignore[misc]
        abstract = False
        tasks = [
            _empty
            if _page == "empty"
            else TeamMember.login
            if _page == "login"
            else getattr(ReviewerPages, _page, None) or getattr(SupervisorPages, _page)
        ]


@events.quitting.add_listener
def _quiet(environment: Any, **_: Any) -> None:
    environment.process_exit_code = 0  # failures are counted in the CSV; the bench judges them
