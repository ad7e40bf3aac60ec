"""Load, once per process and before the first request, what requests would otherwise load on first use:
the ICD-10-CM tables and the ur-case/1 schema (about 1 s, several under load), the FHIR R4B models.

Called from config/wsgi.py, so each gunicorn worker is warm before it accepts a connection; without it
the first $submit (or case import) a fresh worker serves waits for the tables, and so does every request
queued behind it (bench/pas.py measured a 15 s p95 with 10 concurrent clients from exactly that).
UR_WARM_UP=0 skips it (e.g. a quick manage.py shell through wsgi).
"""

from __future__ import annotations

import logging
import os
import time

logger = logging.getLogger(__name__)


def warm_up() -> float:
    """Load the lazy tables and models; returns the seconds it took."""
    if os.environ.get("UR_WARM_UP", "1") == "0":
        return 0.0
    started = time.perf_counter()
    from pas.fhir.request import structure_issues
    from reviews.case_format import icd10_problem, validate_case_dict

    icd10_problem("M54.50")
    validate_case_dict({})
    structure_issues({"resourceType": "Bundle", "type": "collection"})
    elapsed = time.perf_counter() - started
    logger.info("warm-up: lookup tables and FHIR models loaded in %.1f s", elapsed)
    return elapsed
