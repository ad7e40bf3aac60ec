"""Generated cases, bulk-inserted in chunks (queue and load benchmarks)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection, transaction

from reviews.models import Case, Diagnosis, Member, Provider, ServiceRequest
from reviews.models.cases import DUE_WINDOWS, CaseStatus
from vocabulary import Urgency

DX = [
    ("M25.552", "Pain in left hip"),
    ("M25.551", "Pain in right hip"),
    ("M54.50", "Low back pain, unspecified"),
    ("M25.561", "Pain in right knee"),
    ("S76.012A", "Strain of muscle of right hip, initial encounter"),
    ("M17.11", "Unilateral primary osteoarthritis, right knee"),
]
STATUSES = [
    CaseStatus.RECEIVED,
    CaseStatus.IN_REVIEW,
    CaseStatus.RECOMMENDATION_READY,
    CaseStatus.PENDED,
    CaseStatus.DETERMINED,
]
FIRST = ["Ana", "Ben", "Carla", "Dev", "Eve", "Femi", "Gus", "Hana", "Ivan", "Jo"]
LAST = ["Abbott", "Baker", "Chen", "Diaz", "Evans", "Fox", "Gray", "Hill", "Ito", "Jones"]


def insert_cases(
    *, start: int, count: int, reviewers: Sequence[Any], prefix: str = "BQ", chunk: int = 5000, seed: int = 7
) -> None:
    """Insert `count` cases numbered from `start` (members, providers, primary dx, request), in chunks."""
    rng = random.Random(seed + start)
    base = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
    providers = list(Provider.objects.filter(npi__startswith="9"))
    if not providers:
        providers = Provider.objects.bulk_create(
            [Provider(npi=f"9{i:09d}", name=f"Bench Clinic {i}", specialty="physical therapy") for i in range(50)]
        )
    for lo in range(start, start + count, chunk):
        hi = min(lo + chunk, start + count)
        with transaction.atomic():
            members = Member.objects.bulk_create(
                [
                    Member(
                        member_id=f"{prefix}M{i:07d}",
                        given_name=rng.choice(FIRST),
                        family_name=rng.choice(LAST),
                        birth_date=date(1940 + i % 60, 1 + i % 12, 1 + i % 28),
                        sex="female" if i % 2 else "male",
                        plan=["Commercial PPO", "Medicare Advantage HMO", "Medicaid"][i % 3],
                    )
                    for i in range(lo, hi)
                ]
            )
            cases = []
            for i, member in zip(range(lo, hi), members, strict=True):
                urgency = Urgency.EXPEDITED if i % 10 == 0 else Urgency.STANDARD
                received = base + timedelta(minutes=7 * i)
                cases.append(
                    Case(
                        reference=f"{prefix}-{i:07d}",
                        review_type=["prospective", "concurrent", "retrospective"][i % 3],
                        urgency=urgency,
                        received_at=received,
                        due_at=received + DUE_WINDOWS[urgency],
                        status=STATUSES[i % len(STATUSES)],
                        assigned_reviewer=reviewers[i % len(reviewers)],
                        member=member,
                        provider=providers[i % len(providers)],
                        onset="gradual",
                    )
                )
            cases = Case.objects.bulk_create(cases)
            dxs, reqs = [], []
            for i, case in zip(range(lo, hi), cases, strict=True):
                code, desc = DX[i % len(DX)]
                dxs.append(Diagnosis(case=case, code=code, description=desc, primary=True))
                start_d = case.received_at.date()
                reqs.append(
                    ServiceRequest(
                        case=case,
                        services=["97110", "97140"],
                        visits=6 + i % 12,
                        start_date=start_d,
                        end_date=start_d + timedelta(weeks=4),
                    )
                )
            Diagnosis.objects.bulk_create(dxs)
            ServiceRequest.objects.bulk_create(reqs)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
