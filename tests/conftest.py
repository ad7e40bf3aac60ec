"""Shared fixtures: the cast (one user per role), the starter criteria, and service gating.

Helpers that tests call directly live in tests/support.py (and tests/seeds.py), never in a test module."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from accounts.roles import ALL_ROLES
from criteria.loader import starter_load
from criteria.models import CriteriaVersion
from reviews.models import Case, Recommendation
from tests.reviews.letters_support import approve_result, deny_result, import_seed, load_guidelines, make_recommendation
from tests.support import make_appeals_reviewer, make_user

# The PAS client and case fixtures are used by the pas and appeals tests.
pytest_plugins = ["tests.pas.fixtures"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = os.environ.get("UR_SERVICES_MISSING")
    real_services = os.environ.get("DATABASE_URL", "").startswith("postgres")
    for item in items:
        if "services" not in item.keywords:
            continue
        if missing:
            item.add_marker(pytest.mark.skip(reason=f"needs PostgreSQL and Redis: {missing}"))
        elif not real_services:
            item.add_marker(
                pytest.mark.skip(
                    reason="services tests run via `make test` (scripts/with_services.py sets DATABASE_URL)"
                )
            )


@pytest.fixture(autouse=True)
def _eager_celery_unless_services(request: pytest.FixtureRequest) -> object:
    """Tests not marked `services` run Celery tasks in process, whichever database they run on.

    The services phase of `make test` runs the whole suite on PostgreSQL with a Redis broker
    configured; only the tests marked `services` (which start a real worker) use the broker.
    """
    if request.node.get_closest_marker("services"):
        yield
        return
    from django.conf import settings

    from config.celery import app

    old = (app.conf.task_always_eager, settings.CELERY_TASK_ALWAYS_EAGER)
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager, settings.CELERY_TASK_ALWAYS_EAGER = old


@pytest.fixture(autouse=True)
def _private_audit_anchor(tmp_path_factory: pytest.TempPathFactory, settings: object) -> object:
    """Each test gets its own audit checkpoint file: databases are rolled back or flushed between
    tests, and a checkpoint left by an earlier test would read as a truncated chain."""
    path = tmp_path_factory.mktemp("anchor") / "audit-anchor.log"
    settings.UR_AUDIT_ANCHOR_FILE = path  # type: ignore[attr-defined]
    return path


@pytest.fixture
def roles(db: None) -> None:
    for role in ALL_ROLES:
        Group.objects.get_or_create(name=role)


@pytest.fixture
def reviewer(roles: None) -> User:
    return make_user("reviewer", "reviewer")


@pytest.fixture
def reviewer2(roles: None) -> User:
    return make_user("reviewer2", "reviewer")


@pytest.fixture
def supervisor(roles: None) -> User:
    return make_user("supervisor", "supervisor", credential_kind="physician")


@pytest.fixture
def criteria_admin(roles: None) -> User:
    return make_user("criteria_admin", "criteria_admin")


@pytest.fixture
def auditor(roles: None) -> User:
    return make_user("auditor", "auditor")


@pytest.fixture
def starter(db: None) -> CriteriaVersion:
    """The published starter version 1 of pt-outpatient (effective 2024-01-01)."""
    result = starter_load()
    return result["published"]


@pytest.fixture
def appeals_reviewer(roles: None) -> User:
    return make_appeals_reviewer("appeals")


@pytest.fixture
def intake(roles: None) -> User:
    return make_user("intake", "intake_coordinator")


# The letters environment (a private PKI, the guideline library) and the two seed cases with a stored
# recommendation each; used by the reviews, pas and appeals tests.
@pytest.fixture(scope="session")
def pki_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pki")


@pytest.fixture
def letters_env(settings: Any, pki_root: Path, db: None) -> None:
    settings.UR_PKI_DIR = str(pki_root)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    load_guidelines()


@pytest.fixture
def approve_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-approve-hip-traumatic.json", reviewer)
    return case, make_recommendation(case, approve_result())


@pytest.fixture
def deny_case(letters_env: None, reviewer: Any) -> tuple[Case, Recommendation]:
    case = import_seed("seed-deny-hip-restart.json", reviewer)
    return case, make_recommendation(case, deny_result())


# ----------------------------------------------------------------- letter lint over the whole session

LETTER_LINT: dict[str, Any] = {"letters": 0, "problems": []}


@pytest.fixture(scope="session", autouse=True)
def _lint_every_letter() -> Iterator[None]:
    """Every letter any test renders is linted (tests/reviews/letter_lint.py); problems fail the session.

    The check runs when the letter is rendered (the test's database is still there) and is reported
    when the session ends, naming the case and the problem.
    """
    from reviews.letters import render

    from .reviews.letter_lint import lint_letter

    original = render.render_letter_html

    def linted(ctx: Any, *args: Any, **kwargs: Any) -> str:
        html = original(ctx, *args, **kwargs)
        LETTER_LINT["letters"] += 1
        for problem in lint_letter(ctx, html):
            LETTER_LINT["problems"].append(f"{ctx.header.case_reference} ({ctx.decision}): {problem}")
        return html

    render.render_letter_html = linted
    yield
    render.render_letter_html = original
    problems = LETTER_LINT["problems"]
    assert not problems, f"letter lint ({LETTER_LINT['letters']} letters):\n" + "\n".join(dict.fromkeys(problems))
