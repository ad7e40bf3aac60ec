"""Locust scenario for bench/load.py: reviewers signing in, then reading their queue and cases.

Environment: BENCH_LOAD_USERS (comma-separated usernames, assigned round-robin to simulated
users), BENCH_LOAD_PASSWORD, BENCH_LOAD_WAIT (min,max think time in seconds; default 0.5,1.5).
"""

from __future__ import annotations

import itertools
import os
import random
import re

from locust import HttpUser, between, task

USERS = itertools.cycle([u for u in os.environ.get("BENCH_LOAD_USERS", "").split(",") if u])
PASSWORD = os.environ.get("BENCH_LOAD_PASSWORD", "")
WAIT = [float(x) for x in os.environ.get("BENCH_LOAD_WAIT", "0.5,1.5").split(",")]
CASE_LINK = re.compile(r'href="(/cases/[0-9a-f-]{36}/)"')


class Reviewer(HttpUser):
    wait_time = between(WAIT[0], WAIT[1])

    def on_start(self) -> None:
        self.case_urls: list[str] = []
        self.client.get("/login/", name="login page")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/login/",
            data={"username": next(USERS), "password": PASSWORD, "csrfmiddlewaretoken": token, "next": ""},
            headers={"Referer": f"{self.host}/login/"},
            name="login",
            catch_response=True,
        ) as response:
            if "/login/" in response.url:
                response.failure("sign-in refused")
        self.queue()

    @task(1)
    def queue(self) -> None:
        with self.client.get("/", name="queue", catch_response=True) as response:
            if response.status_code == 200:
                self.case_urls = CASE_LINK.findall(response.text) or self.case_urls
                if "/login/" in response.url:
                    response.failure("not signed in")

    @task(3)
    def case(self) -> None:
        if not self.case_urls:
            self.queue()
            return
        self.client.get(random.choice(self.case_urls), name="case")  # noqa: S311 - not crypto
